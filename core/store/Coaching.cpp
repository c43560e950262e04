#include "core/store/Coaching.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <array>
#include <stdexcept>

namespace warmline {

namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.contact_id, c.lead_id, COALESCE(l.name, ''), c.operator_id, "
    "COALESCE(o.name, ''), c.kind, c.body, c.at FROM contact_coaching c "
    "LEFT JOIN operators l ON l.id = c.lead_id LEFT JOIN operators o ON o.id = c.operator_id ";

CoachingEvent readRow(SQLite::Statement& q)
{
    CoachingEvent e;
    e.id = q.getColumn(0).getInt64();
    e.contactId = q.getColumn(1).getInt64();
    e.leadId = q.getColumn(2).getInt64();
    e.leadName = q.getColumn(3).getString();
    if (!q.getColumn(4).isNull()) {
        e.operatorId = q.getColumn(4).getInt64();
    }
    e.operatorName = q.getColumn(5).getString();
    e.kind = q.getColumn(6).getString();
    e.body = q.getColumn(7).getString();
    e.at = q.getColumn(8).getInt64();
    return e;
}

bool knownKind(std::string_view kind)
{
    constexpr std::array kinds{
        coaching::kWatch,          coaching::kUnwatch,        coaching::kNote,
        coaching::kTakeoverAsked,  coaching::kTakeoverAgreed, coaching::kTakeoverDeclined,
        coaching::kTakeoverForced, coaching::kListen,         coaching::kWhisper,
        coaching::kBarge,          coaching::kUnlisten};
    for (const auto k : kinds) {
        if (k == kind) {
            return true;
        }
    }
    return false;
}

} // namespace

CoachingEvent recordCoaching(SQLite::Database& db, Id contactId, Id leadId,
                             std::optional<Id> operatorId, std::string_view kind,
                             const std::string& body, EpochMs at)
{
    if (!knownKind(kind)) {
        throw std::invalid_argument("unknown coaching event kind");
    }
    SQLite::Statement q(db, "INSERT INTO contact_coaching (contact_id, lead_id, operator_id, kind, "
                            "body, at) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, contactId);
    q.bind(2, leadId);
    if (operatorId) {
        q.bind(3, *operatorId);
    }
    q.bind(4, std::string(kind));
    q.bind(5, body);
    q.bind(6, at);
    q.exec();
    SQLite::Statement one(db, std::string(kSelect) + "WHERE c.id = ?");
    one.bind(1, db.getLastInsertRowid());
    one.executeStep();
    return readRow(one);
}

std::vector<CoachingEvent> coachingOf(SQLite::Database& db, Id contactId)
{
    SQLite::Statement q(db, std::string(kSelect) + "WHERE c.contact_id = ? ORDER BY c.id");
    q.bind(1, contactId);
    std::vector<CoachingEvent> out;
    while (q.executeStep()) {
        out.push_back(readRow(q));
    }
    return out;
}

} // namespace warmline
