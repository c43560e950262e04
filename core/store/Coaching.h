#pragma once

// Live coaching of a text conversation (docs/coaching.md): a shift lead
// reading a conversation someone else holds, the private notes they send
// that operator (never the texter), and taking the conversation over. Each
// is kept on the contact's record for the supervisor's review; watching
// and taking over are also in the audit log. Writes run inside the store
// worker's transaction, as every other store write.

#include "core/domain/Domain.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

namespace coaching {
inline constexpr std::string_view kWatch = "watch";     ///< a lead began reading
inline constexpr std::string_view kUnwatch = "unwatch"; ///< and stopped
inline constexpr std::string_view kNote = "note";       ///< a note to the operator
inline constexpr std::string_view kTakeoverAsked = "takeover.asked";
inline constexpr std::string_view kTakeoverAgreed = "takeover.agreed";
inline constexpr std::string_view kTakeoverDeclined = "takeover.declined";
/// Taken over without asking, which only an escalation allows.
inline constexpr std::string_view kTakeoverForced = "takeover.forced";
// Calls: a lead on the call through their own phone. Each mode change is
// one row; "unlisten" is the lead's leg ending (the body says why).
inline constexpr std::string_view kListen = "listen";   ///< hears both, heard by nobody
inline constexpr std::string_view kWhisper = "whisper"; ///< heard by the operator only
inline constexpr std::string_view kBarge = "barge";     ///< all hear each other
inline constexpr std::string_view kUnlisten = "unlisten";
} // namespace coaching

/// The most a coaching note may hold, in bytes.
inline constexpr std::size_t kMaxCoachingNoteBytes = 500;

struct CoachingEvent
{
    Id id = 0;
    Id contactId = 0;
    Id leadId = 0;
    std::string leadName;
    std::optional<Id> operatorId; ///< the operator holding the contact then
    std::string operatorName;
    std::string kind; ///< one of coaching::k*
    std::string body; ///< a note's words, or why a lead's leg ended; "" for the others, and once
                      ///< retention blanked it
    EpochMs at = 0;
};

/// Records one coaching event; returns it as stored. Throws
/// std::invalid_argument for an unknown kind.
CoachingEvent recordCoaching(SQLite::Database& db, Id contactId, Id leadId,
                             std::optional<Id> operatorId, std::string_view kind,
                             const std::string& body, EpochMs at);

/// A contact's coaching events, oldest first.
std::vector<CoachingEvent> coachingOf(SQLite::Database& db, Id contactId);

} // namespace warmline
