#pragma once

// Referrals given: each resource from the line's directory an operator
// shared in a contact, kept with a snapshot of the words shared (the
// directory changes; the record must say what the caller was given). For
// the caller's history, the supervisor's review and the reports
// (docs/resources.md). Writes run inside the store worker's transaction,
// as every other store write.

#include "core/domain/Domain.h"

#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

struct ReferralGiven
{
    Id id = 0;
    Id contactId = 0;
    std::string resourceId;   ///< the directory's service id
    std::string resourceName; ///< its name when it was shared
    int directoryVersion = 0;
    std::string how;             ///< "text" (sent to the texter) or "read" (read out on a call)
    std::string snapshot;        ///< the words shared; "" once retention blanked it
    std::optional<Id> messageId; ///< the text that carried it
    std::string operatorName;
    EpochMs at = 0;
};

/// Records a referral given; returns it as stored. `how` is "text" or "read".
ReferralGiven recordReferral(SQLite::Database& db, Id contactId, Id operatorId,
                             const std::string& resourceId, const std::string& resourceName,
                             int directoryVersion, const std::string& how,
                             const std::string& snapshot, std::optional<Id> messageId, EpochMs at);

/// A contact's referrals given, oldest first.
std::vector<ReferralGiven> referralsOf(SQLite::Database& db, Id contactId);

} // namespace warmline
