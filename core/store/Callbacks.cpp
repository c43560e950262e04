#include "core/store/Callbacks.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace warmline {

namespace {

CallbackState stateFrom(const std::string& text)
{
    if (text == "waiting") {
        return CallbackState::Waiting;
    }
    if (text == "dialling") {
        return CallbackState::Dialling;
    }
    if (text == "reached") {
        return CallbackState::Reached;
    }
    return CallbackState::NotReached;
}

constexpr const char* kSelect =
    "SELECT b.contact_id, b.requested_at, b.attempts, b.next_attempt_at, b.state, b.reached_at, "
    "b.last_failure, COALESCE(b.number_enc, c.number_enc), k.line_number, k.language, b.checkin "
    "FROM callbacks b JOIN contacts k ON k.id = b.contact_id "
    "JOIN callers c ON c.id = k.caller_id ";

Callback rowOf(SQLite::Statement& q)
{
    Callback b;
    b.contactId = q.getColumn(0).getInt64();
    b.requestedAt = q.getColumn(1).getInt64();
    b.attempts = q.getColumn(2).getInt();
    b.nextAttemptAt = q.getColumn(3).getInt64();
    b.state = stateFrom(q.getColumn(4).getString());
    if (!q.getColumn(5).isNull()) {
        b.reachedAt = q.getColumn(5).getInt64();
    }
    b.lastFailure = q.getColumn(6).getString();
    const auto blob = q.getColumn(7);
    b.encryptedNumber.assign(static_cast<const char*>(blob.getBlob()),
                             static_cast<std::size_t>(blob.getBytes()));
    b.lineNumber = q.getColumn(8).getString();
    b.language = q.getColumn(9).getString();
    b.checkIn = q.getColumn(10).getInt() != 0;
    return b;
}

} // namespace

std::optional<Callback> requestCallback(SQLite::Database& db, Id contactId, EpochMs now,
                                        EpochMs firstAttemptAt,
                                        const std::vector<unsigned char>& keyedNumber)
{
    SQLite::Statement contact(db, "UPDATE contacts SET preview = ? WHERE id = ? AND channel = "
                                  "'call' AND state = 'queued' AND NOT EXISTS (SELECT 1 FROM "
                                  "callbacks WHERE contact_id = ?)");
    contact.bind(1, kCallbackPreview);
    contact.bind(2, contactId);
    contact.bind(3, contactId);
    if (contact.exec() == 0) {
        return std::nullopt;
    }
    SQLite::Statement add(db, "INSERT INTO callbacks (contact_id, requested_at, next_attempt_at, "
                              "state, number_enc) VALUES (?, ?, ?, 'waiting', ?)");
    add.bind(1, contactId);
    add.bind(2, now);
    add.bind(3, firstAttemptAt);
    if (keyedNumber.empty()) {
        add.bind(4);
    } else {
        add.bind(4, keyedNumber.data(), static_cast<int>(keyedNumber.size()));
    }
    add.exec();
    return callbackOf(db, contactId);
}

void withdrawCallback(SQLite::Database& db, Id contactId)
{
    SQLite::Statement del(db, "DELETE FROM callbacks WHERE contact_id = ? AND attempts = 0 AND "
                              "checkin = 0");
    del.bind(1, contactId);
    if (del.exec() > 0) {
        SQLite::Statement preview(db, "UPDATE contacts SET preview = '' WHERE id = ? AND "
                                      "preview = ?");
        preview.bind(1, contactId);
        preview.bind(2, kCallbackPreview);
        preview.exec();
    }
}

void addCheckInCall(SQLite::Database& db, Id contactId, EpochMs now)
{
    SQLite::Statement add(db, "INSERT INTO callbacks (contact_id, requested_at, next_attempt_at, "
                              "state, checkin) VALUES (?, ?, ?, 'waiting', 1)");
    add.bind(1, contactId);
    add.bind(2, now);
    add.bind(3, now);
    add.exec();
}

std::optional<Callback> callbackOf(SQLite::Database& db, Id contactId)
{
    SQLite::Statement q(db, std::string(kSelect) + "WHERE b.contact_id = ?");
    q.bind(1, contactId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return rowOf(q);
}

std::vector<Callback> openCallbacks(SQLite::Database& db)
{
    SQLite::Statement q(db, std::string(kSelect) +
                                "WHERE b.state IN ('waiting', 'dialling') AND k.state NOT IN "
                                "('closed', 'abandoned') ORDER BY b.contact_id");
    std::vector<Callback> out;
    while (q.executeStep()) {
        out.push_back(rowOf(q));
    }
    return out;
}

void callbackDialling(SQLite::Database& db, Id contactId, EpochMs)
{
    SQLite::Statement q(db, "UPDATE callbacks SET state = 'dialling', attempts = attempts + 1 "
                            "WHERE contact_id = ? AND state IN ('waiting', 'dialling')");
    q.bind(1, contactId);
    if (q.exec() == 0) {
        throw std::invalid_argument("contact " + std::to_string(contactId) +
                                    " has no open callback");
    }
}

void callbackReached(SQLite::Database& db, Id contactId, EpochMs now)
{
    SQLite::Statement q(db, "UPDATE callbacks SET state = 'reached', reached_at = ?, "
                            "closed_at = ?, number_enc = NULL WHERE contact_id = ?");
    q.bind(1, now);
    q.bind(2, now);
    q.bind(3, contactId);
    if (q.exec() == 0) {
        throw std::invalid_argument("contact " + std::to_string(contactId) + " is no callback");
    }
}

Callback callbackFailed(SQLite::Database& db, Id contactId, const std::string& why, EpochMs now,
                        int maxAttempts, EpochMs retryAfterMs)
{
    const auto current = callbackOf(db, contactId);
    if (!current) {
        throw std::invalid_argument("contact " + std::to_string(contactId) + " is no callback");
    }
    if (current->attempts >= maxAttempts) {
        SQLite::Statement q(db, "UPDATE callbacks SET state = 'not_reached', closed_at = ?, "
                                "last_failure = ?, number_enc = NULL WHERE contact_id = ?");
        q.bind(1, now);
        q.bind(2, why);
        q.bind(3, contactId);
        q.exec();
        SQLite::Statement close(db, "UPDATE contacts SET state = 'closed', closed_at = ?, "
                                    "operator_id = NULL WHERE id = ? AND state NOT IN "
                                    "('closed', 'abandoned')");
        close.bind(1, now);
        close.bind(2, contactId);
        close.exec();
        if (current->checkIn) {
            SQLite::Statement missed(db, "UPDATE checkin_occurrences SET state = 'missed', at = ? "
                                         "WHERE contact_id = ? AND state = 'queued'");
            missed.bind(1, now);
            missed.bind(2, contactId);
            missed.exec();
        }
    } else {
        SQLite::Statement q(db, "UPDATE callbacks SET state = 'waiting', next_attempt_at = ?, "
                                "last_failure = ? WHERE contact_id = ?");
        q.bind(1, now + retryAfterMs);
        q.bind(2, why);
        q.bind(3, contactId);
        q.exec();
        // Back at the place it had: queued_at is left as it was.
        SQLite::Statement back(db, "UPDATE contacts SET state = 'queued', operator_id = NULL, "
                                   "accepted_at = NULL WHERE id = ? AND state NOT IN "
                                   "('closed', 'abandoned')");
        back.bind(1, contactId);
        back.exec();
    }
    return *callbackOf(db, contactId);
}

} // namespace warmline
