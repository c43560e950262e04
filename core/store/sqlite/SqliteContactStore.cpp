// Contacts in SQLite: the contacts table through a contact's life (queued,
// accepted, wrap-up, closed, abandoned, requeued), new calls, and the
// contact's own risk level and signals.

#include "core/store/sqlite/Rows.h"
#include "core/store/sqlite/SqliteStores.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace warmline {

using namespace sqlite;

namespace {

constexpr const char* kContactSelect =
    "SELECT c.id, c.caller_id, cl.alias, c.channel, c.state, c.risk, c.created_at, c.queued_at, "
    "c.operator_id, COALESCE(o.name, ''), c.preview, c.message_count, c.risk_signals, c.language "
    "FROM contacts c JOIN callers cl ON cl.id = c.caller_id "
    "LEFT JOIN operators o ON o.id = c.operator_id ";

ContactSummary readContact(SQLite::Statement& q)
{
    ContactSummary c;
    c.id = q.getColumn(0).getInt64();
    c.callerId = q.getColumn(1).getInt64();
    c.alias = q.getColumn(2).getString();
    c.channel = parseChannel(q.getColumn(3).getString()).value_or(Channel::Text);
    c.state = parseContactState(q.getColumn(4).getString()).value_or(ContactState::Closed);
    c.risk = parseRiskLevel(q.getColumn(5).getString()).value_or(RiskLevel::None);
    c.createdAt = q.getColumn(6).getInt64();
    c.queuedAt = q.getColumn(7).getInt64();
    if (!q.getColumn(8).isNull()) {
        c.operatorId = q.getColumn(8).getInt64();
    }
    c.operatorName = q.getColumn(9).getString();
    c.preview = q.getColumn(10).getString();
    c.messageCount = q.getColumn(11).getInt();
    for (auto& s : signalsFromJson(q.getColumn(12).getString())) {
        c.riskSignals.push_back(std::move(s.text));
    }
    c.language = q.getColumn(13).getString();
    return c;
}

std::string jsonStrings(const std::vector<std::string>& items)
{
    boost::json::array a;
    for (const auto& item : items) {
        a.emplace_back(item);
    }
    return boost::json::serialize(a);
}

} // namespace

SqliteContactStore::SqliteContactStore(SQLite::Database& db, StatementCache& statements,
                                       SqliteCallerStore& callers)
    : SqliteStore(db, statements), m_callers(callers)
{
}

std::optional<ContactSummary> SqliteContactStore::contact(Id id)
{
    static const std::string sql = std::string(kContactSelect) + "WHERE c.id = ?";
    auto& q = stmt(sql);
    Reset r(q);
    q.bind(1, id);
    return readRow(q, readContact);
}

std::vector<ContactSummary> SqliteContactStore::openContacts()
{
    static const std::string sql =
        std::string(kContactSelect) + "WHERE c.state NOT IN ('closed', 'abandoned') ORDER BY c.id";
    auto& q = stmt(sql);
    Reset r(q);
    return readRows(q, readContact);
}

void SqliteContactStore::markAccepted(Id contactId, Id operatorId, EpochMs now)
{
    auto& q = stmt("UPDATE contacts SET state = 'active', operator_id = ?, accepted_at = ? "
                   "WHERE id = ?");
    Reset r(q);
    q.bind(1, operatorId);
    q.bind(2, now);
    q.bind(3, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

void SqliteContactStore::markQueued(Id contactId)
{
    auto& q = stmt("UPDATE contacts SET state = 'queued', operator_id = NULL, accepted_at = NULL "
                   "WHERE id = ?");
    Reset r(q);
    q.bind(1, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

void SqliteContactStore::markClosed(Id contactId, ContactState finalState, const std::string& note,
                                    EpochMs now, const std::optional<WrapUp>& wrapup)
{
    auto& q = stmt("UPDATE contacts SET state = ?, wrapup_note = ?, closed_at = ?, "
                   "outcome = ?, helped = ?, topics = ?, referrals = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, std::string(toString(finalState)));
    q.bind(2, note);
    q.bind(3, now);
    if (wrapup) {
        q.bind(4, std::string(toString(wrapup->outcome)));
        q.bind(5, std::string(toString(wrapup->helped)));
        q.bind(6, jsonStrings(wrapup->topics));
        q.bind(7, jsonStrings(wrapup->referrals));
    } else {
        q.bind(4);
        q.bind(5);
        q.bind(6, std::string("[]"));
        q.bind(7, std::string("[]"));
    }
    q.bind(8, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

bool SqliteContactStore::markWrapUp(Id contactId, EpochMs now)
{
    auto& q = stmt("UPDATE contacts SET state = 'wrap-up', wrapup_at = ? "
                   "WHERE id = ? AND state = 'active'");
    Reset r(q);
    q.bind(1, now);
    q.bind(2, contactId);
    return q.exec() > 0;
}

ContactSummary SqliteContactStore::ingestCall(const CallerKey& caller,
                                              const std::string& lineNumber, EpochMs at)
{
    const Id callerId = m_callers.findOrAddCaller(caller, at).id;
    auto& q = stmt("INSERT INTO contacts (caller_id, channel, state, line_number, created_at, "
                   "queued_at) VALUES (?, 'call', 'queued', ?, ?, ?)");
    Reset r(q);
    q.bind(1, callerId);
    q.bind(2, lineNumber);
    q.bind(3, at);
    q.bind(4, at);
    q.exec();
    return *contact(m_db.getLastInsertRowid());
}

void SqliteContactStore::markAbandoned(Id contactId, EpochMs now, EpochMs waitedMs, int position)
{
    auto& q = stmt("UPDATE contacts SET state = 'abandoned', closed_at = ?, "
                   "abandoned_wait_ms = ?, abandoned_position = ?, operator_id = NULL "
                   "WHERE id = ? AND state NOT IN ('closed', 'abandoned')");
    Reset r(q);
    q.bind(1, now);
    q.bind(2, waitedMs);
    q.bind(3, position);
    q.bind(4, contactId);
    q.exec();
}

std::optional<std::pair<EpochMs, int>> SqliteContactStore::abandonedDetails(Id contactId)
{
    auto& q = stmt("SELECT abandoned_wait_ms, abandoned_position FROM contacts "
                   "WHERE id = ? AND state = 'abandoned'");
    Reset r(q);
    q.bind(1, contactId);
    if (!q.executeStep() || q.getColumn(0).isNull()) {
        return std::nullopt;
    }
    return std::make_pair(q.getColumn(0).getInt64(), q.getColumn(1).getInt());
}

void SqliteContactStore::requeue(Id contactId, EpochMs queuedAt)
{
    auto& q = stmt("UPDATE contacts SET state = 'queued', operator_id = NULL, accepted_at = NULL, "
                   "queued_at = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, queuedAt);
    q.bind(2, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

void SqliteContactStore::setContactLanguage(Id contactId, const std::string& language)
{
    auto& q = stmt("UPDATE contacts SET language = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, language);
    q.bind(2, contactId);
    q.exec();
}

std::optional<Id> SqliteContactStore::openTextContactOf(Id callerId)
{
    auto& q = stmt("SELECT id FROM contacts WHERE caller_id = ? AND channel = 'text' "
                   "AND state NOT IN ('closed', 'abandoned') ORDER BY id DESC LIMIT 1");
    Reset r(q);
    q.bind(1, callerId);
    return readRow(q, idOf);
}

Id SqliteContactStore::addTextContact(Id callerId, const std::string& lineNumber, EpochMs at,
                                      bool closed)
{
    auto& q = stmt("INSERT INTO contacts (caller_id, channel, state, line_number, created_at, "
                   "queued_at, closed_at) VALUES (?, 'text', ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, callerId);
    q.bind(2, std::string(toString(closed ? ContactState::Closed : ContactState::Queued)));
    q.bind(3, lineNumber);
    q.bind(4, at);
    q.bind(5, at);
    if (closed) {
        q.bind(6, at);
    } else {
        q.bind(6);
    }
    q.exec();
    return m_db.getLastInsertRowid();
}

void SqliteContactStore::countText(Id contactId, const std::string& preview)
{
    auto& q = stmt("UPDATE contacts SET preview = ?, message_count = message_count + 1 "
                   "WHERE id = ?");
    Reset r(q);
    q.bind(1, preview);
    q.bind(2, contactId);
    q.exec();
}

bool SqliteContactStore::mergeRisk(Id contactId, const RiskAssessment& risk)
{
    auto& q = stmt("SELECT risk, risk_signals FROM contacts WHERE id = ?");
    Reset r(q);
    q.bind(1, contactId);
    if (!q.executeStep()) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
    const RiskLevel was = parseRiskLevel(q.getColumn(0).getString()).value_or(RiskLevel::None);
    auto signals = signalsFromJson(q.getColumn(1).getString());
    const std::size_t known = signals.size();
    mergeSignals(signals, risk.riskSignals);
    const bool rose = risk.level > was;
    if (rose || signals.size() != known) {
        auto& u = stmt("UPDATE contacts SET risk = ?, risk_signals = ? WHERE id = ?");
        Reset ru(u);
        u.bind(1, std::string(toString(std::max(was, risk.level))));
        u.bind(2, signalsToJson(signals));
        u.bind(3, contactId);
        u.exec();
    }
    return rose;
}

bool SqliteContactStore::raiseRisk(Id contactId, RiskLevel level)
{
    auto& q = stmt("SELECT risk FROM contacts WHERE id = ?");
    Reset r(q);
    q.bind(1, contactId);
    if (!q.executeStep()) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
    const RiskLevel was = parseRiskLevel(q.getColumn(0).getString()).value_or(RiskLevel::None);
    if (level > was) {
        auto& u = stmt("UPDATE contacts SET risk = ? WHERE id = ?");
        Reset ru(u);
        u.bind(1, std::string(toString(level)));
        u.bind(2, contactId);
        u.exec();
        return true;
    }
    return false;
}

} // namespace warmline
