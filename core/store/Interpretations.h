#pragma once

// What the record of a contact keeps beside its messages and wrap-up:
// each interpreter service an operator conferenced into a call
// (docs/languages.md), and the debriefs an operator wrote for a supervisor
// after it (docs/wellbeing.md), for the supervisor's review. Writes run inside the
// store worker's transaction, as every other store write.

#include "core/domain/Domain.h"

#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

struct Interpretation
{
    Id id = 0;
    Id contactId = 0;
    std::string service;      ///< the content file's id
    std::string serviceName;  ///< its name when it was called
    std::string language;     ///< what the operator asked for ("" not said)
    std::string operatorName; ///< who called it
    EpochMs requestedAt = 0;
    std::optional<EpochMs> connectedAt;
    std::optional<EpochMs> endedAt;
    std::string outcome; ///< ringing, on, ended, not_reached
    std::string reason;  ///< why it ended or was not reached
};

/// Records an interpreter being called for a contact; returns its id.
Id startInterpretation(SQLite::Database& db, Id contactId, std::optional<Id> operatorId,
                       const std::string& service, const std::string& serviceName,
                       const std::string& language, EpochMs at);
/// The interpreter answered.
void interpretationConnected(SQLite::Database& db, Id id, EpochMs at);
/// It ended (`reached`: it had answered) with a reason; an ended one stays as it is.
void endInterpretation(SQLite::Database& db, Id id, EpochMs at, bool reached,
                       const std::string& reason);
/// A contact's interpretations, oldest first.
std::vector<Interpretation> interpretationsOf(SQLite::Database& db, Id contactId);
/// One interpretation; nullopt when there is none with that id.
std::optional<Interpretation> interpretation(SQLite::Database& db, Id id);

/// A note an operator left for a supervisor after a contact.
struct Debrief
{
    Id id = 0;
    Id contactId = 0;
    std::string operatorName;
    std::string body;
    EpochMs at = 0;
};

/// Stores a debrief; returns it as stored.
Debrief addDebrief(SQLite::Database& db, Id contactId, Id operatorId, const std::string& body,
                   EpochMs at);
/// A contact's debriefs, oldest first.
std::vector<Debrief> debriefsOf(SQLite::Database& db, Id contactId);

} // namespace warmline
