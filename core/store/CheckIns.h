#pragma once

// Check-ins a caller asked for (docs/checkins.md): stored with the
// caller's consent (who recorded it, when), their schedule in the caller's
// time zone, and each occurrence at most once. Writes run inside the store
// worker's transaction; the gateway decides when an occurrence is due.

#include "core/domain/CheckIn.h"
#include "core/domain/Domain.h"

#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

struct CheckInRecord
{
    Id id = 0;
    Id callerId = 0;
    Id contactId = 0; ///< the conversation it was agreed in
    std::string alias;
    Channel channel = Channel::Text;
    std::string zone; ///< the caller's time zone: an IANA name
    CheckInSchedule schedule;
    std::string reason;
    Id consentBy = 0;
    std::string consentByName;
    EpochMs consentAt = 0;
    /// Occurrences up to and including this instant are handled (queued,
    /// joined to an open conversation, or missed).
    EpochMs lastDue = 0;
    std::optional<EpochMs> stoppedAt;
    std::optional<Id> stoppedBy;
    std::string stopReason;
    int queued = 0; ///< occurrences that reached the queue or a conversation
    int missed = 0;
};

/// Stores a new check-in; returns its id. `r.lastDue` is the instant it was
/// agreed: occurrences before it never fire.
Id insertCheckIn(SQLite::Database& db, const CheckInRecord& r);

/// Check-ins not stopped, oldest first (the gateway's schedule at start).
std::vector<CheckInRecord> activeCheckIns(SQLite::Database& db);

std::optional<CheckInRecord> checkInById(SQLite::Database& db, Id id);

/// A caller's check-ins, stopped ones too, newest first (at most 100).
std::vector<CheckInRecord> checkInsOfCaller(SQLite::Database& db, Id callerId);

/// Stops one; false when it was stopped already or does not exist.
bool stopCheckIn(SQLite::Database& db, Id id, std::optional<Id> by, const std::string& reason,
                 EpochMs now);

/// Stops every check-in of the caller still running; returns their ids.
std::vector<Id> stopCheckInsOfCaller(SQLite::Database& db, Id callerId, std::optional<Id> by,
                                     const std::string& reason, EpochMs now);

enum class CheckInFire
{
    Queued,  ///< a new contact waits in the queue
    Joined,  ///< the caller had a conversation open: it carries the check-in
    Missed,  ///< recorded as missed (too late to be worth queueing)
    Already, ///< this occurrence was handled before (a restart): nothing done
    Stopped, ///< the check-in was stopped meanwhile: nothing done
};

struct CheckInFired
{
    CheckInFire outcome = CheckInFire::Already;
    Id contactId = 0; ///< the queued or joined contact
};

/// Handles the occurrence of check-in `id` due at `dueAt`, once: with
/// `missed`, records it as missed; otherwise queues a new text contact for
/// the caller (its preview says it is a check-in and why), or, when the
/// caller has a text conversation waiting, offered or active, records it
/// against that one.
/// Moves the check-in's last_due to `dueAt`.
CheckInFired fireCheckIn(SQLite::Database& db, Id id, EpochMs dueAt, bool missed, EpochMs now);

/// Marks the occurrence queued as `contactId` missed (nobody took it in
/// time) and closes the contact if it is still queued with no message in
/// it; false when there is no such occurrence, the contact was taken, or
/// the caller wrote in it meanwhile.
bool markCheckInMissed(SQLite::Database& db, Id contactId, EpochMs now);

/// The check-in behind a contact queued by one, if any.
std::optional<CheckInRecord> checkInOfContact(SQLite::Database& db, Id contactId);

/// Contacts still queued that a check-in put there and nobody has written
/// in yet (restored at start).
std::vector<std::pair<Id, EpochMs>> queuedCheckInContacts(SQLite::Database& db);

struct CheckInMiss
{
    Id checkInId = 0;
    Id callerId = 0;
    std::string alias;
    EpochMs dueAt = 0;
    std::string reason;
};

/// Occurrences missed since `since`, newest first (at most 200).
std::vector<CheckInMiss> missedCheckIns(SQLite::Database& db, EpochMs since);

} // namespace warmline
