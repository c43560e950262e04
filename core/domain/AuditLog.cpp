#include "core/domain/AuditLog.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace warmline {

Id AuditLog::append(EpochMs at, std::optional<Id> operatorId, std::string_view action,
                    std::optional<Id> contactId, std::optional<Id> callerId,
                    std::string_view detail)
{
    SQLite::Statement q(m_db, "INSERT INTO audit_log (at, operator_id, action, contact_id, "
                              "caller_id, detail) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, at);
    if (operatorId) {
        q.bind(2, *operatorId);
    }
    q.bind(3, std::string(action));
    if (contactId) {
        q.bind(4, *contactId);
    }
    if (callerId) {
        q.bind(5, *callerId);
    }
    q.bind(6, std::string(detail.empty() ? "{}" : detail));
    q.exec();
    return m_db.getLastInsertRowid();
}

std::vector<AuditEntry> AuditLog::list(const AuditFilter& f)
{
    std::string sql = "SELECT a.id, a.at, a.operator_id, COALESCE(o.name, ''), a.action, "
                      "a.contact_id, a.caller_id, a.detail FROM audit_log a "
                      "LEFT JOIN operators o ON o.id = a.operator_id WHERE 1";
    if (f.from) {
        sql += " AND a.at >= :from";
    }
    if (f.to) {
        sql += " AND a.at < :to";
    }
    if (f.operatorId) {
        sql += " AND a.operator_id = :op";
    }
    if (f.contactId) {
        sql += " AND a.contact_id = :contact";
    }
    if (!f.action.empty()) {
        sql += " AND a.action = :action";
    }
    if (f.beforeId) {
        sql += " AND a.id < :before";
    }
    sql += " ORDER BY a.id DESC LIMIT :limit";
    SQLite::Statement q(m_db, sql);
    if (f.from) {
        q.bind(":from", *f.from);
    }
    if (f.to) {
        q.bind(":to", *f.to);
    }
    if (f.operatorId) {
        q.bind(":op", *f.operatorId);
    }
    if (f.contactId) {
        q.bind(":contact", *f.contactId);
    }
    if (!f.action.empty()) {
        q.bind(":action", f.action);
    }
    if (f.beforeId) {
        q.bind(":before", *f.beforeId);
    }
    q.bind(":limit", static_cast<std::int64_t>(f.limit));
    std::vector<AuditEntry> out;
    while (q.executeStep()) {
        AuditEntry e;
        e.id = q.getColumn(0).getInt64();
        e.at = q.getColumn(1).getInt64();
        if (!q.getColumn(2).isNull()) {
            e.operatorId = q.getColumn(2).getInt64();
        }
        e.operatorName = q.getColumn(3).getString();
        e.action = q.getColumn(4).getString();
        if (!q.getColumn(5).isNull()) {
            e.contactId = q.getColumn(5).getInt64();
        }
        if (!q.getColumn(6).isNull()) {
            e.callerId = q.getColumn(6).getInt64();
        }
        e.detail = q.getColumn(7).getString();
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace warmline
