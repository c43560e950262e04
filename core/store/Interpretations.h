#pragma once

// Interpreters on calls: each interpreter service an operator conferenced
// into a call is recorded on the contact (docs/languages.md), for the
// contact's history and the supervisor's review. Writes run inside the
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

} // namespace warmline
