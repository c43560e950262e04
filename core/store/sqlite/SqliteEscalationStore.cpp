// Escalations in SQLite: the escalations and escalation_steps tables, and
// scoring, which also raises the contact's own level (docs/escalation.md).

#include "core/store/sqlite/Rows.h"
#include "core/store/sqlite/SqliteStores.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace warmline {

namespace json = boost::json;
using namespace sqlite;

namespace {

EscalationRecord readEscalation(SQLite::Statement& q)
{
    EscalationRecord e;
    e.id = q.getColumn(0).getInt64();
    e.contactId = q.getColumn(1).getInt64();
    e.level = parseRiskLevel(q.getColumn(2).getString()).value_or(RiskLevel::None);
    e.source = parseEscalationSource(q.getColumn(3).getString()).value_or(EscalationSource::Text);
    e.riskSignals = signalsFromJson(q.getColumn(4).getString());
    e.open = q.getColumn(5).getString() == "open";
    e.openedAt = q.getColumn(6).getInt64();
    if (!q.getColumn(7).isNull()) {
        e.openedBy = q.getColumn(7).getInt64();
    }
    if (!q.getColumn(8).isNull()) {
        e.closedAt = q.getColumn(8).getInt64();
    }
    if (!q.getColumn(9).isNull()) {
        e.closedBy = q.getColumn(9).getInt64();
    }
    if (!q.getColumn(10).isNull()) {
        e.outcome = parseEscalationOutcome(q.getColumn(10).getString());
    }
    e.closeReason = q.getColumn(11).getString();
    return e;
}

EscalationStep readStep(SQLite::Statement& q)
{
    EscalationStep step;
    step.id = q.getColumn(0).getInt64();
    step.at = q.getColumn(1).getInt64();
    if (!q.getColumn(2).isNull()) {
        step.operatorId = q.getColumn(2).getInt64();
    }
    step.operatorName = q.getColumn(3).getString();
    step.kind = q.getColumn(4).getString();
    step.detail = q.getColumn(5).getString();
    return step;
}

} // namespace

SqliteEscalationStore::SqliteEscalationStore(SQLite::Database& db, StatementCache& statements,
                                             SqliteContactStore& contacts)
    : SqliteStore(db, statements), m_contacts(contacts)
{
}

EscalationChange SqliteEscalationStore::applyRisk(Id contactId, const RiskAssessment& risk,
                                                  EscalationSource source,
                                                  std::optional<Id> operatorId, EpochMs now,
                                                  RiskLevel openAt)
{
    EscalationChange change;
    change.contactRiskRose = m_contacts.mergeRisk(contactId, risk);
    if (risk.level < openAt || risk.level == RiskLevel::None) {
        change.escalationId = openEscalationOf(contactId);
        return change;
    }
    json::object detail{{"level", toString(risk.level)},
                        {"source", toString(source)},
                        {"signals", json::parse(signalsToJson(risk.riskSignals))}};
    if (auto open = openEscalationOf(contactId)) {
        change.escalationId = open;
        auto& q = stmt("SELECT level, signals FROM escalations WHERE id = ?");
        Reset r(q);
        q.bind(1, *open);
        q.executeStep();
        const RiskLevel was = parseRiskLevel(q.getColumn(0).getString()).value_or(RiskLevel::None);
        auto signals = signalsFromJson(q.getColumn(1).getString());
        mergeSignals(signals, risk.riskSignals);
        auto& u = stmt("UPDATE escalations SET level = ?, signals = ? WHERE id = ?");
        Reset ru(u);
        u.bind(1, std::string(toString(std::max(was, risk.level))));
        u.bind(2, signalsToJson(signals));
        u.bind(3, *open);
        u.exec();
        if (risk.level > was) {
            change.raised = true;
            addEscalationStep(*open, operatorId, "level_raised", json::serialize(detail), now);
        }
        return change;
    }
    auto& q = stmt("INSERT INTO escalations (contact_id, level, source, signals, opened_at, "
                   "opened_by) VALUES (?, ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, contactId);
    q.bind(2, std::string(toString(risk.level)));
    q.bind(3, std::string(toString(source)));
    q.bind(4, signalsToJson(risk.riskSignals));
    q.bind(5, now);
    if (operatorId) {
        q.bind(6, *operatorId);
    } else {
        q.bind(6);
    }
    q.exec();
    change.escalationId = m_db.getLastInsertRowid();
    change.opened = true;
    addEscalationStep(*change.escalationId, operatorId, "raised", json::serialize(detail), now);
    return change;
}

EscalationChange SqliteEscalationStore::openEscalation(Id contactId, RiskLevel level,
                                                       EscalationSource source, Id operatorId,
                                                       const std::string& detailJson, EpochMs now)
{
    EscalationChange change;
    if (auto open = openEscalationOf(contactId)) {
        change.escalationId = open;
        addEscalationStep(*open, operatorId, "opened", detailJson, now);
        return change;
    }
    change.contactRiskRose = m_contacts.raiseRisk(contactId, level);
    auto& q = stmt("INSERT INTO escalations (contact_id, level, source, opened_at, opened_by) "
                   "VALUES (?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, contactId);
    q.bind(2, std::string(toString(level)));
    q.bind(3, std::string(toString(source)));
    q.bind(4, now);
    q.bind(5, operatorId);
    q.exec();
    change.escalationId = m_db.getLastInsertRowid();
    change.opened = true;
    addEscalationStep(*change.escalationId, operatorId, "opened", detailJson, now);
    return change;
}

EscalationStep SqliteEscalationStore::addEscalationStep(Id escalationId,
                                                        std::optional<Id> operatorId,
                                                        const std::string& kind,
                                                        const std::string& detailJson, EpochMs now)
{
    auto& q = stmt("INSERT INTO escalation_steps (escalation_id, at, operator_id, kind, detail) "
                   "VALUES (?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, escalationId);
    q.bind(2, now);
    if (operatorId) {
        q.bind(3, *operatorId);
    } else {
        q.bind(3);
    }
    q.bind(4, kind);
    q.bind(5, detailJson.empty() ? std::string("{}") : detailJson);
    q.exec();
    EscalationStep step;
    step.id = m_db.getLastInsertRowid();
    step.at = now;
    step.operatorId = operatorId;
    step.kind = kind;
    step.detail = detailJson.empty() ? std::string("{}") : detailJson;
    return step;
}

void SqliteEscalationStore::closeEscalation(Id escalationId, Id operatorId,
                                            EscalationOutcome outcome, const std::string& reason,
                                            EpochMs now)
{
    auto& q = stmt("UPDATE escalations SET state = 'closed', closed_at = ?, closed_by = ?, "
                   "outcome = ?, close_reason = ? WHERE id = ? AND state = 'open'");
    Reset r(q);
    q.bind(1, now);
    q.bind(2, operatorId);
    q.bind(3, std::string(toString(outcome)));
    q.bind(4, reason);
    q.bind(5, escalationId);
    if (q.exec() == 0) {
        throw NotFoundError("no open escalation " + std::to_string(escalationId));
    }
    json::object detail{{"outcome", toString(outcome)}, {"reason", reason}};
    addEscalationStep(escalationId, operatorId, "closed", json::serialize(detail), now);
}

std::optional<Id> SqliteEscalationStore::openEscalationOf(Id contactId)
{
    auto& q = stmt("SELECT id FROM escalations WHERE contact_id = ? AND state = 'open' "
                   "ORDER BY id DESC LIMIT 1");
    Reset r(q);
    q.bind(1, contactId);
    return readRow(q, idOf);
}

std::vector<EscalationRecord> SqliteEscalationStore::escalationsOf(Id contactId)
{
    std::vector<EscalationRecord> out;
    {
        auto& q =
            stmt("SELECT id, contact_id, level, source, signals, state, opened_at, opened_by, "
                 "closed_at, closed_by, outcome, COALESCE(close_reason, '') FROM escalations "
                 "WHERE contact_id = ? ORDER BY id");
        Reset r(q);
        q.bind(1, contactId);
        out = readRows(q, readEscalation);
    }
    auto& q = stmt("SELECT s.id, s.at, s.operator_id, COALESCE(o.name, ''), s.kind, s.detail "
                   "FROM escalation_steps s LEFT JOIN operators o ON o.id = s.operator_id "
                   "WHERE s.escalation_id = ? ORDER BY s.id");
    for (auto& e : out) {
        Reset r(q);
        q.bind(1, e.id);
        e.steps = readRows(q, readStep);
    }
    return out;
}

std::optional<EscalationRecord> SqliteEscalationStore::escalation(Id escalationId)
{
    std::optional<Id> contactId;
    {
        auto& q = stmt("SELECT contact_id FROM escalations WHERE id = ?");
        Reset r(q);
        q.bind(1, escalationId);
        contactId = readRow(q, idOf);
    }
    if (!contactId) {
        return std::nullopt;
    }
    for (auto& e : escalationsOf(*contactId)) {
        if (e.id == escalationId) {
            return std::move(e);
        }
    }
    return std::nullopt;
}

} // namespace warmline
