#pragma once

// Overflow to a partner line (docs/coaching.md#overflow): on a surge, a
// waiting caller can be offered a partner warmline by keypress and a waiting
// texter is told the partner line's text number. Each step is one row on the
// contact's record, for the supervisor and the reports. Writes run inside
// the store worker's transaction, as every other store write.

#include "core/domain/Domain.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

namespace overflow {
inline constexpr std::string_view kTexted = "texted";       ///< the partner's text number sent
inline constexpr std::string_view kOffered = "offered";     ///< a caller heard the offer
inline constexpr std::string_view kAccepted = "accepted";   ///< and pressed the key
inline constexpr std::string_view kConnected = "connected"; ///< the partner line answered
inline constexpr std::string_view kFailed = "failed";       ///< it did not; the caller waits on
} // namespace overflow

struct OverflowEvent
{
    Id id = 0;
    Id contactId = 0;
    std::string kind;         ///< one of overflow::k*
    std::optional<Id> leadId; ///< the lead whose switch made it; none: the line's wait did
    std::string detail;       ///< why a connection failed; "" otherwise
    EpochMs at = 0;
};

/// Records one overflow step; returns it as stored. Throws
/// std::invalid_argument for an unknown kind.
OverflowEvent recordOverflow(SQLite::Database& db, Id contactId, std::string_view kind,
                             std::optional<Id> leadId, const std::string& detail, EpochMs at);

/// A contact's overflow steps, oldest first.
std::vector<OverflowEvent> overflowOf(SQLite::Database& db, Id contactId);

/// Closes a contact whose caller a partner line took: no operator, no
/// wrap-up. False if it was already closed or abandoned.
bool closeOverflowed(SQLite::Database& db, Id contactId, EpochMs at);

} // namespace warmline
