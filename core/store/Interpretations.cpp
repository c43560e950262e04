#include "core/store/Interpretations.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace warmline {

namespace {

constexpr const char* kSelect =
    "SELECT i.id, i.contact_id, i.service, i.service_name, i.language, COALESCE(o.name, ''), "
    "i.requested_at, i.connected_at, i.ended_at, i.outcome, i.reason FROM interpretations i "
    "LEFT JOIN operators o ON o.id = i.operator_id ";

std::optional<EpochMs> optionalTime(const SQLite::Column& c)
{
    return c.isNull() ? std::nullopt : std::optional<EpochMs>(c.getInt64());
}

Interpretation readRow(SQLite::Statement& q)
{
    Interpretation i;
    i.id = q.getColumn(0).getInt64();
    i.contactId = q.getColumn(1).getInt64();
    i.service = q.getColumn(2).getString();
    i.serviceName = q.getColumn(3).getString();
    i.language = q.getColumn(4).getString();
    i.operatorName = q.getColumn(5).getString();
    i.requestedAt = q.getColumn(6).getInt64();
    i.connectedAt = optionalTime(q.getColumn(7));
    i.endedAt = optionalTime(q.getColumn(8));
    i.outcome = q.getColumn(9).getString();
    i.reason = q.getColumn(10).getString();
    return i;
}

} // namespace

Id startInterpretation(SQLite::Database& db, Id contactId, std::optional<Id> operatorId,
                       const std::string& service, const std::string& serviceName,
                       const std::string& language, EpochMs at)
{
    SQLite::Statement q(db, "INSERT INTO interpretations (contact_id, service, service_name, "
                            "language, operator_id, requested_at) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, contactId);
    q.bind(2, service);
    q.bind(3, serviceName);
    q.bind(4, language);
    if (operatorId) {
        q.bind(5, *operatorId);
    }
    q.bind(6, at);
    q.exec();
    return db.getLastInsertRowid();
}

void interpretationConnected(SQLite::Database& db, Id id, EpochMs at)
{
    SQLite::Statement q(db, "UPDATE interpretations SET connected_at = ?, outcome = 'on' "
                            "WHERE id = ? AND outcome = 'ringing'");
    q.bind(1, at);
    q.bind(2, id);
    q.exec();
}

void endInterpretation(SQLite::Database& db, Id id, EpochMs at, bool reached,
                       const std::string& reason)
{
    SQLite::Statement q(db, "UPDATE interpretations SET ended_at = ?, outcome = ?, reason = ? "
                            "WHERE id = ? AND ended_at IS NULL");
    q.bind(1, at);
    q.bind(2, reached ? "ended" : "not_reached");
    q.bind(3, reason);
    q.bind(4, id);
    q.exec();
}

std::vector<Interpretation> interpretationsOf(SQLite::Database& db, Id contactId)
{
    SQLite::Statement q(db, std::string(kSelect) + "WHERE i.contact_id = ? ORDER BY i.id");
    q.bind(1, contactId);
    std::vector<Interpretation> out;
    while (q.executeStep()) {
        out.push_back(readRow(q));
    }
    return out;
}

std::optional<Interpretation> interpretation(SQLite::Database& db, Id id)
{
    SQLite::Statement q(db, std::string(kSelect) + "WHERE i.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readRow(q);
}

Debrief addDebrief(SQLite::Database& db, Id contactId, Id operatorId, const std::string& body,
                   EpochMs at)
{
    SQLite::Statement q(
        db, "INSERT INTO debriefs (contact_id, operator_id, body, at) VALUES (?, ?, ?, ?)");
    q.bind(1, contactId);
    q.bind(2, operatorId);
    q.bind(3, body);
    q.bind(4, at);
    q.exec();
    const Id id = db.getLastInsertRowid();
    SQLite::Statement name(db, "SELECT name FROM operators WHERE id = ?");
    name.bind(1, operatorId);
    return Debrief{id, contactId, name.executeStep() ? name.getColumn(0).getString() : "", body,
                   at};
}

std::vector<Debrief> debriefsOf(SQLite::Database& db, Id contactId)
{
    SQLite::Statement q(db, "SELECT d.id, d.contact_id, COALESCE(o.name, ''), d.body, d.at "
                            "FROM debriefs d LEFT JOIN operators o ON o.id = d.operator_id "
                            "WHERE d.contact_id = ? ORDER BY d.id");
    q.bind(1, contactId);
    std::vector<Debrief> out;
    while (q.executeStep()) {
        out.push_back(Debrief{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                              q.getColumn(2).getString(), q.getColumn(3).getString(),
                              q.getColumn(4).getInt64()});
    }
    return out;
}

} // namespace warmline
