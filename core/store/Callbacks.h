#pragma once

// Callbacks (issue 16, docs/callbacks.md): a caller waiting in the queue who
// pressed 1 hangs up and keeps their place as a call contact with no call.
// When an operator takes it, the gateway rings the operator's phone and
// then dials the caller; each attempt and how it ended is stored here, in
// the store worker's transaction like every other write.

#include "core/domain/Domain.h"

#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

enum class CallbackState
{
    Waiting,   ///< in the queue, to be dialled when taken (from nextAttemptAt)
    Dialling,  ///< an operator took it; their phone or the caller's is ringing
    Reached,   ///< the caller answered
    NotReached ///< every attempt failed; the contact is closed
};

struct Callback
{
    Id contactId = 0;
    EpochMs requestedAt = 0;
    int attempts = 0; ///< times the caller's phone was dialled
    EpochMs nextAttemptAt = 0;
    CallbackState state = CallbackState::Waiting;
    std::optional<EpochMs> reachedAt;
    std::string lastFailure;
    bool checkIn = false; ///< a check-in by call (docs/checkins.md), not a caller's request
    /// From the contact and its caller, for dialling: the sealed number
    /// (the one the caller keyed, if they did), the line the caller called,
    /// and their language.
    std::string encryptedNumber;
    std::string lineNumber;
    std::string language;
};

/// The preview a callback contact shows in every queue view.
inline constexpr const char* kCallbackPreview = "Callback requested";

/// How long after the request a callback may first be dialled: the line
/// confirms and hangs up first.
inline constexpr EpochMs kCallbackHangUpMs = 8'000;

/// Turns a queued call contact into a callback: it keeps its place in the
/// queue (queued_at is unchanged), shows kCallbackPreview, and is not
/// dialled before `firstAttemptAt`. `keyedNumber`, sealed, is the number
/// the caller keyed to be called back at (empty: the number they called
/// from); it is forgotten once the callback is closed. Returns it, or
/// nullopt if the contact is not a queued call or already a callback.
std::optional<Callback> requestCallback(SQLite::Database& db, Id contactId, EpochMs now,
                                        EpochMs firstAttemptAt,
                                        const std::vector<unsigned char>& keyedNumber = {});

/// Undoes a request whose contact was taken before the request was known:
/// removed unless an attempt was made.
void withdrawCallback(SQLite::Database& db, Id contactId);

/// A check-in by call came due (CheckIns.cpp): its new call contact is
/// dialled as a callback.
void addCheckInCall(SQLite::Database& db, Id contactId, EpochMs now);

/// The callback of a contact, if it is one.
std::optional<Callback> callbackOf(SQLite::Database& db, Id contactId);

/// Callbacks still waiting or being dialled (for the gateway's start).
std::vector<Callback> openCallbacks(SQLite::Database& db);

/// The caller's phone is being dialled (the operator's phone answered):
/// one more attempt. An operator's phone that does not answer is none.
void callbackDialling(SQLite::Database& db, Id contactId, EpochMs now);

/// The caller answered.
void callbackReached(SQLite::Database& db, Id contactId, EpochMs now);

/// An attempt failed (`why`). With attempts left (fewer than `maxAttempts`)
/// the contact goes back to its place in the queue, not to be taken before
/// now + retryAfterMs; otherwise the callback ends not reached and the
/// contact is closed (a check-in's time is then recorded as missed).
/// Returns the callback as it now stands.
Callback callbackFailed(SQLite::Database& db, Id contactId, const std::string& why, EpochMs now,
                        int maxAttempts, EpochMs retryAfterMs);

} // namespace warmline
