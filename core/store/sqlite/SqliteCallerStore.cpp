// Callers in SQLite: the callers table (never the number in the clear),
// their notes and flags, and their history read from the contacts table.

#include "core/store/sqlite/Rows.h"
#include "core/store/sqlite/SqliteStores.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/json/parse.hpp>

namespace warmline {

using namespace sqlite;

namespace {

/// The strings of a stored JSON array; anything else reads as empty, so a
/// damaged cell never stops a caller's history from showing.
std::vector<std::string> stringsOfJson(const std::string& text)
{
    std::vector<std::string> out;
    boost::json::error_code ec;
    const auto v = boost::json::parse(text, ec);
    if (ec || !v.is_array()) {
        return out;
    }
    for (const auto& item : v.get_array()) {
        if (item.is_string()) {
            out.emplace_back(item.get_string());
        }
    }
    return out;
}

/// A flag row; nullopt for a kind this version does not know.
std::optional<CallerFlag> readFlag(SQLite::Statement& q)
{
    const auto kind = parseFlagKind(q.getColumn(1).getString());
    if (!kind) {
        return std::nullopt;
    }
    CallerFlag f;
    f.id = q.getColumn(0).getInt64();
    f.kind = *kind;
    f.note = q.getColumn(2).getString();
    f.setAt = q.getColumn(3).getInt64();
    f.setBy = q.getColumn(4).getString();
    if (!q.getColumn(5).isNull()) {
        f.expiresAt = q.getColumn(5).getInt64();
    }
    return f;
}

CallerNote readNote(SQLite::Statement& q)
{
    return CallerNote{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                      q.getColumn(2).getInt64(), q.getColumn(3).getString()};
}

ContactHistoryEntry readHistoryEntry(SQLite::Statement& q)
{
    ContactHistoryEntry e;
    e.id = q.getColumn(0).getInt64();
    e.channel = parseChannel(q.getColumn(1).getString()).value_or(Channel::Text);
    e.state = parseContactState(q.getColumn(2).getString()).value_or(ContactState::Closed);
    e.createdAt = q.getColumn(3).getInt64();
    if (!q.getColumn(4).isNull()) {
        e.closedAt = q.getColumn(4).getInt64();
    }
    // Time with an operator: from accept until wrap-up began (the caller
    // was gone from then on), else until the close.
    if (!q.getColumn(5).isNull()) {
        const EpochMs accepted = q.getColumn(5).getInt64();
        std::optional<EpochMs> end;
        if (!q.getColumn(6).isNull()) {
            end = q.getColumn(6).getInt64();
        } else {
            end = e.closedAt;
        }
        if (end && *end > accepted) {
            e.durationMs = *end - accepted;
        }
    }
    if (!q.getColumn(7).isNull()) {
        e.outcome = parseOutcome(q.getColumn(7).getString());
    }
    if (!q.getColumn(8).isNull()) {
        e.helped = parseHelped(q.getColumn(8).getString());
    }
    e.topics = stringsOfJson(q.getColumn(9).getString());
    e.referrals = stringsOfJson(q.getColumn(10).getString());
    e.risk = parseRiskLevel(q.getColumn(11).getString()).value_or(RiskLevel::None);
    e.note = textOrEmpty(q.getColumn(12));
    e.operatorName = q.getColumn(13).getString();
    e.resourcesShared = stringsOfJson(q.getColumn(14).getString());
    return e;
}

} // namespace

SqliteCallerStore::SqliteCallerStore(SQLite::Database& db, StatementCache& statements,
                                     SqliteOperatorStore& operators)
    : SqliteStore(db, statements), m_operators(operators)
{
}

std::optional<CallerProfile> SqliteCallerStore::callerProfile(Id callerId, EpochMs now,
                                                              EpochMs todayStart)
{
    CallerProfile p;
    {
        auto& q = stmt("SELECT id, alias, preferred_name, pronouns, language, calls_per_day, "
                       "minutes_per_call, preferred_times FROM callers WHERE id = ?");
        Reset r(q);
        q.bind(1, callerId);
        if (!q.executeStep()) {
            return std::nullopt;
        }
        p.id = q.getColumn(0).getInt64();
        p.alias = q.getColumn(1).getString();
        p.preferredName = textOrEmpty(q.getColumn(2));
        p.pronouns = textOrEmpty(q.getColumn(3));
        p.language = textOrEmpty(q.getColumn(4));
        if (!q.getColumn(5).isNull()) {
            p.limits.callsPerDay = q.getColumn(5).getInt();
        }
        if (!q.getColumn(6).isNull()) {
            p.limits.minutesPerCall = q.getColumn(6).getInt();
        }
        p.limits.preferredTimes = q.getColumn(7).getString();
    }
    {
        auto& q = stmt("SELECT COUNT(*), COALESCE(MIN(created_at), 0), "
                       "COALESCE(SUM(created_at >= ?), 0) FROM contacts WHERE caller_id = ?");
        Reset r(q);
        q.bind(1, todayStart);
        q.bind(2, callerId);
        q.executeStep();
        p.contactCount = q.getColumn(0).getInt();
        p.firstContactAt = q.getColumn(1).getInt64();
        p.contactsToday = q.getColumn(2).getInt();
    }
    {
        auto& q = stmt("SELECT f.id, f.kind, f.note, f.set_at, COALESCE(o.name, ''), f.expires_at "
                       "FROM caller_flags f LEFT JOIN operators o ON o.id = f.set_by "
                       "WHERE f.caller_id = ? AND f.cleared_at IS NULL "
                       "AND (f.expires_at IS NULL OR f.expires_at > ?) ORDER BY f.id");
        Reset r(q);
        q.bind(1, callerId);
        q.bind(2, now);
        p.flags = readRows(q, readFlag);
    }
    {
        auto& q = stmt("SELECT n.id, n.body, n.at, COALESCE(o.name, '') FROM caller_notes n "
                       "LEFT JOIN operators o ON o.id = n.operator_id WHERE n.caller_id = ? "
                       "ORDER BY n.id DESC LIMIT 500");
        Reset r(q);
        q.bind(1, callerId);
        p.notes = readRows(q, readNote);
    }
    return p;
}

std::vector<ContactHistoryEntry> SqliteCallerStore::callerHistory(Id callerId, Id excludeContactId,
                                                                  std::size_t limit)
{
    auto& q = stmt("SELECT c.id, c.channel, c.state, c.created_at, c.closed_at, c.accepted_at, "
                   "c.wrapup_at, c.outcome, c.helped, c.topics, c.referrals, c.risk, "
                   "c.wrapup_note, COALESCE(o.name, ''), "
                   "(SELECT json_group_array(g.resource_name) FROM referrals_given g "
                   "WHERE g.contact_id = c.id) FROM contacts c "
                   "LEFT JOIN operators o ON o.id = c.operator_id "
                   "WHERE c.caller_id = ? AND c.id != ? "
                   "ORDER BY c.created_at DESC, c.id DESC LIMIT ?");
    Reset r(q);
    q.bind(1, callerId);
    q.bind(2, excludeContactId);
    q.bind(3, static_cast<std::int64_t>(limit));
    return readRows(q, readHistoryEntry);
}

void SqliteCallerStore::updateCallerDetails(Id callerId, const CallerDetailsUpdate& update)
{
    // A field the update leaves out keeps its value; an empty text clears it
    // (NULLIF turns it into NULL).
    auto& q = stmt("UPDATE callers SET "
                   "preferred_name = CASE WHEN ?1 THEN NULLIF(?2, '') ELSE preferred_name END, "
                   "pronouns = CASE WHEN ?3 THEN NULLIF(?4, '') ELSE pronouns END, "
                   "language = CASE WHEN ?5 THEN NULLIF(?6, '') ELSE language END "
                   "WHERE id = ?7");
    Reset r(q);
    auto bindField = [&q](int index, const std::optional<std::string>& value) {
        q.bind(index, value ? 1 : 0);
        q.bind(index + 1, value.value_or(std::string()));
    };
    bindField(1, update.preferredName);
    bindField(3, update.pronouns);
    bindField(5, update.language);
    q.bind(7, callerId);
    if (q.exec() == 0) {
        throw NotFoundError("no caller " + std::to_string(callerId));
    }
}

void SqliteCallerStore::setCallerLimits(Id callerId, const CallerLimits& limits)
{
    auto& q = stmt("UPDATE callers SET calls_per_day = ?, minutes_per_call = ?, "
                   "preferred_times = ? WHERE id = ?");
    Reset r(q);
    if (limits.callsPerDay) {
        q.bind(1, *limits.callsPerDay);
    } else {
        q.bind(1);
    }
    if (limits.minutesPerCall) {
        q.bind(2, *limits.minutesPerCall);
    } else {
        q.bind(2);
    }
    q.bind(3, limits.preferredTimes);
    q.bind(4, callerId);
    if (q.exec() == 0) {
        throw NotFoundError("no caller " + std::to_string(callerId));
    }
}

CallerNote SqliteCallerStore::addCallerNote(Id callerId, std::optional<Id> contactId, Id operatorId,
                                            const std::string& body, EpochMs now)
{
    auto& q = stmt("INSERT INTO caller_notes (caller_id, contact_id, body, at, operator_id) "
                   "VALUES (?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, callerId);
    if (contactId) {
        q.bind(2, *contactId);
    } else {
        q.bind(2);
    }
    q.bind(3, body);
    q.bind(4, now);
    q.bind(5, operatorId);
    q.exec();
    CallerNote n;
    n.id = m_db.getLastInsertRowid();
    n.body = body;
    n.at = now;
    if (auto op = m_operators.operatorById(operatorId)) {
        n.operatorName = op->account.name;
    }
    return n;
}

CallerFlag SqliteCallerStore::setCallerFlag(Id callerId, FlagKind kind, const std::string& note,
                                            Id operatorId, EpochMs now,
                                            std::optional<EpochMs> expiresAt)
{
    auto& q = stmt("INSERT INTO caller_flags (caller_id, kind, note, set_at, set_by, expires_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, callerId);
    q.bind(2, std::string(toString(kind)));
    q.bind(3, note);
    q.bind(4, now);
    q.bind(5, operatorId);
    if (expiresAt) {
        q.bind(6, *expiresAt);
    } else {
        q.bind(6);
    }
    q.exec();
    CallerFlag f;
    f.id = m_db.getLastInsertRowid();
    f.kind = kind;
    f.note = note;
    f.setAt = now;
    f.expiresAt = expiresAt;
    if (auto op = m_operators.operatorById(operatorId)) {
        f.setBy = op->account.name;
    }
    return f;
}

bool SqliteCallerStore::clearCallerFlag(Id callerId, Id flagId, Id operatorId, EpochMs now)
{
    // Cleared, not deleted: who set and who cleared a flag stays on record.
    auto& q = stmt("UPDATE caller_flags SET cleared_at = ?, cleared_by = ? "
                   "WHERE id = ? AND caller_id = ? AND cleared_at IS NULL");
    Reset r(q);
    q.bind(1, now);
    q.bind(2, operatorId);
    q.bind(3, flagId);
    q.bind(4, callerId);
    return q.exec() > 0;
}

std::optional<CallerKey> SqliteCallerStore::callerKeyOfContact(Id contactId)
{
    auto& q = stmt("SELECT cl.number_hash, cl.number_enc, cl.alias FROM contacts c "
                   "JOIN callers cl ON cl.id = c.caller_id WHERE c.id = ?");
    Reset r(q);
    q.bind(1, contactId);
    return readRow(q, [](SQLite::Statement& row) {
        return CallerKey{blobOf(row.getColumn(0)), blobOf(row.getColumn(1)),
                         row.getColumn(2).getString()};
    });
}

bool SqliteCallerStore::callerOptedOut(Id callerId)
{
    auto& q = stmt("SELECT opted_out FROM callers WHERE id = ?");
    Reset r(q);
    q.bind(1, callerId);
    return q.executeStep() && q.getColumn(0).getInt() != 0;
}

SqliteCallerStore::Found SqliteCallerStore::findOrAddCaller(const CallerKey& key, EpochMs at)
{
    Found found;
    {
        auto& q = stmt("SELECT id, opted_out FROM callers WHERE number_hash = ?");
        Reset r(q);
        bindBlob(q, 1, key.numberHash);
        if (q.executeStep()) {
            found.id = q.getColumn(0).getInt64();
            found.optedOut = q.getColumn(1).getInt() != 0;
        }
    }
    if (found.id == 0) {
        auto& q = stmt("INSERT INTO callers (number_hash, number_enc, alias, created_at) "
                       "VALUES (?, ?, ?, ?)");
        Reset r(q);
        bindBlob(q, 1, key.numberHash);
        bindBlob(q, 2, key.encryptedNumber);
        q.bind(3, key.alias);
        q.bind(4, at);
        q.exec();
        found.id = m_db.getLastInsertRowid();
        found.added = true;
    }
    return found;
}

void SqliteCallerStore::setOptedOut(Id callerId, bool optedOut)
{
    auto& q = stmt("UPDATE callers SET opted_out = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, optedOut ? 1 : 0);
    q.bind(2, callerId);
    q.exec();
}

} // namespace warmline
