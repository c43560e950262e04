// The shift lead board in SQLite: the alerts and line_state tables, and
// what the board reads back from contacts after a restart (who holds what
// since when, the shift's answered and abandoned contacts).

#include "core/domain/Alert.h"
#include "core/store/sqlite/Rows.h"
#include "core/store/sqlite/SqliteStores.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace warmline {

using namespace sqlite;

namespace {

constexpr const char* kAlertColumns =
    "id, kind, contact_id, operator_id, escalation_id, level, text, raised_at, last_raised_at, "
    "repeat_count, to_all, acknowledged_by, acknowledged_at";

Alert readAlert(SQLite::Statement& q)
{
    Alert a;
    a.id = q.getColumn(0).getInt64();
    a.kind = parseAlertKind(q.getColumn(1).getString()).value_or(AlertKind::WaitOverTarget);
    a.contactId = optionalInt64(q.getColumn(2));
    a.operatorId = optionalInt64(q.getColumn(3));
    a.escalationId = optionalInt64(q.getColumn(4));
    a.level = parseAlertLevel(q.getColumn(5).getString()).value_or(AlertLevel::Warning);
    a.text = q.getColumn(6).getString();
    a.raisedAt = q.getColumn(7).getInt64();
    a.lastRaisedAt = q.getColumn(8).getInt64();
    a.repeatCount = q.getColumn(9).getInt();
    a.toAll = q.getColumn(10).getInt() != 0;
    a.acknowledgedBy = optionalInt64(q.getColumn(11));
    a.acknowledgedAt = optionalInt64(q.getColumn(12));
    return a;
}

/// A row of two integers: a contact and a time.
std::pair<Id, EpochMs> readIdAndTime(SQLite::Statement& q)
{
    return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
}

} // namespace

SqliteBoardStore::SqliteBoardStore(SQLite::Database& db, StatementCache& statements,
                                   SqliteEscalationStore& escalations)
    : SqliteStore(db, statements), m_escalations(escalations)
{
}

Id SqliteBoardStore::addAlert(const Alert& a)
{
    auto& q = stmt("INSERT INTO alerts (kind, contact_id, operator_id, escalation_id, level, text, "
                   "raised_at, last_raised_at, repeat_count, to_all) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, std::string(toString(a.kind)));
    bindOptional(q, 2, a.contactId);
    bindOptional(q, 3, a.operatorId);
    bindOptional(q, 4, a.escalationId);
    q.bind(5, std::string(toString(a.level)));
    q.bind(6, a.text);
    q.bind(7, a.raisedAt);
    q.bind(8, a.lastRaisedAt);
    q.bind(9, a.repeatCount);
    q.bind(10, a.toAll ? 1 : 0);
    q.exec();
    return m_db.getLastInsertRowid();
}

void SqliteBoardStore::markAlertRaisedAgain(Id alertId, int repeatCount, EpochMs at, bool toAll)
{
    auto& q = stmt("UPDATE alerts SET repeat_count = ?, last_raised_at = ?, to_all = ? "
                   "WHERE id = ? AND acknowledged_at IS NULL");
    Reset r(q);
    q.bind(1, repeatCount);
    q.bind(2, at);
    q.bind(3, toAll ? 1 : 0);
    q.bind(4, alertId);
    q.exec();
}

void SqliteBoardStore::retellAlert(Id alertId, const std::string& text,
                                   std::optional<Id> operatorId)
{
    auto& q = stmt("UPDATE alerts SET text = ?, operator_id = ? "
                   "WHERE id = ? AND acknowledged_at IS NULL");
    Reset r(q);
    q.bind(1, text);
    if (operatorId) {
        q.bind(2, *operatorId);
    } else {
        q.bind(2);
    }
    q.bind(3, alertId);
    q.exec();
}

std::optional<Alert> SqliteBoardStore::alert(Id alertId)
{
    static const std::string sql =
        std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE id = ?";
    auto& q = stmt(sql);
    Reset r(q);
    q.bind(1, alertId);
    return readRow(q, readAlert);
}

void SqliteBoardStore::resolveAlert(Id alertId, EpochMs at)
{
    auto& q =
        stmt("UPDATE alerts SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL");
    Reset r(q);
    q.bind(1, at);
    q.bind(2, alertId);
    q.exec();
}

std::optional<Alert> SqliteBoardStore::acknowledgeAlert(Id alertId, Id operatorId, EpochMs at)
{
    auto current = alert(alertId);
    if (!current || !current->open()) {
        return current;
    }
    {
        auto& q = stmt("UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ? "
                       "WHERE id = ? AND acknowledged_at IS NULL");
        Reset r(q);
        q.bind(1, operatorId);
        q.bind(2, at);
        q.bind(3, alertId);
        q.exec();
    }
    if (current->escalationId) {
        m_escalations.addEscalationStep(*current->escalationId, operatorId, "lead_acknowledged",
                                        "{\"alertId\":" + std::to_string(alertId) + "}", at);
    }
    current->acknowledgedBy = operatorId;
    current->acknowledgedAt = at;
    return current;
}

std::vector<Alert> SqliteBoardStore::openAlerts()
{
    static const std::string sql = std::string("SELECT ") + kAlertColumns +
                                   " FROM alerts WHERE acknowledged_at IS NULL ORDER BY id";
    auto& q = stmt(sql);
    Reset r(q);
    return readRows(q, readAlert);
}

std::vector<Alert> SqliteBoardStore::alertsSince(EpochMs since, std::size_t limit)
{
    static const std::string sql = std::string("SELECT ") + kAlertColumns +
                                   " FROM alerts WHERE raised_at >= ? ORDER BY id DESC LIMIT ?";
    auto& q = stmt(sql);
    Reset r(q);
    q.bind(1, since);
    q.bind(2, static_cast<std::int64_t>(limit));
    return readRows(q, readAlert);
}

std::optional<std::string> SqliteBoardStore::lineState(const std::string& key)
{
    auto& q = stmt("SELECT value FROM line_state WHERE key = ?");
    Reset r(q);
    q.bind(1, key);
    return readRow(q, [](SQLite::Statement& row) { return row.getColumn(0).getString(); });
}

void SqliteBoardStore::setLineState(const std::string& key, const std::string& value, Id operatorId,
                                    EpochMs at)
{
    auto& q = stmt("INSERT INTO line_state (key, value, set_at, set_by) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                   "set_at = excluded.set_at, set_by = excluded.set_by");
    Reset r(q);
    q.bind(1, key);
    q.bind(2, value);
    q.bind(3, at);
    q.bind(4, operatorId);
    q.exec();
}

std::vector<std::pair<Id, EpochMs>> SqliteBoardStore::heldSince()
{
    auto& q = stmt("SELECT id, COALESCE(accepted_at, queued_at) FROM contacts "
                   "WHERE state IN ('offered', 'active', 'wrap-up')");
    Reset r(q);
    return readRows(q, readIdAndTime);
}

ShiftHistory SqliteBoardStore::shiftHistory(EpochMs since)
{
    ShiftHistory h;
    {
        auto& q = stmt("SELECT id, accepted_at, accepted_at - queued_at FROM contacts "
                       "WHERE accepted_at IS NOT NULL AND accepted_at >= ? ORDER BY accepted_at");
        Reset r(q);
        q.bind(1, since);
        h.answered = readRows(q, [](SQLite::Statement& row) {
            return ShiftHistory::Answered{row.getColumn(0).getInt64(), row.getColumn(1).getInt64(),
                                          row.getColumn(2).getInt64()};
        });
    }
    {
        auto& q = stmt("SELECT id, closed_at FROM contacts WHERE state = 'abandoned' "
                       "AND closed_at >= ? ORDER BY closed_at");
        Reset r(q);
        q.bind(1, since);
        h.abandoned = readRows(q, readIdAndTime);
    }
    return h;
}

} // namespace warmline
