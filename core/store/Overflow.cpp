#include "core/store/Overflow.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <array>
#include <stdexcept>

namespace warmline {

namespace {

constexpr const char* kSelect =
    "SELECT id, contact_id, kind, lead_id, detail, at FROM contact_overflow ";

OverflowEvent readRow(SQLite::Statement& q)
{
    OverflowEvent e;
    e.id = q.getColumn(0).getInt64();
    e.contactId = q.getColumn(1).getInt64();
    e.kind = q.getColumn(2).getString();
    if (!q.getColumn(3).isNull()) {
        e.leadId = q.getColumn(3).getInt64();
    }
    e.detail = q.getColumn(4).getString();
    e.at = q.getColumn(5).getInt64();
    return e;
}

bool knownKind(std::string_view kind)
{
    constexpr std::array kinds{overflow::kTexted, overflow::kOffered, overflow::kAccepted,
                               overflow::kConnected, overflow::kFailed};
    for (const auto k : kinds) {
        if (k == kind) {
            return true;
        }
    }
    return false;
}

} // namespace

OverflowEvent recordOverflow(SQLite::Database& db, Id contactId, std::string_view kind,
                             std::optional<Id> leadId, const std::string& detail, EpochMs at)
{
    if (!knownKind(kind)) {
        throw std::invalid_argument("unknown overflow step");
    }
    SQLite::Statement q(db, "INSERT INTO contact_overflow (contact_id, kind, lead_id, detail, at) "
                            "VALUES (?, ?, ?, ?, ?)");
    q.bind(1, contactId);
    q.bind(2, std::string(kind));
    if (leadId) {
        q.bind(3, *leadId);
    }
    q.bind(4, detail);
    q.bind(5, at);
    q.exec();
    SQLite::Statement one(db, std::string(kSelect) + "WHERE id = ?");
    one.bind(1, db.getLastInsertRowid());
    one.executeStep();
    return readRow(one);
}

std::vector<OverflowEvent> overflowOf(SQLite::Database& db, Id contactId)
{
    SQLite::Statement q(db, std::string(kSelect) + "WHERE contact_id = ? ORDER BY id");
    q.bind(1, contactId);
    std::vector<OverflowEvent> out;
    while (q.executeStep()) {
        out.push_back(readRow(q));
    }
    return out;
}

bool closeOverflowed(SQLite::Database& db, Id contactId, EpochMs at)
{
    SQLite::Statement q(db, "UPDATE contacts SET state = 'closed', closed_at = ?, "
                            "operator_id = NULL WHERE id = ? AND state NOT IN ('closed', "
                            "'abandoned')");
    q.bind(1, at);
    q.bind(2, contactId);
    return q.exec() > 0;
}

} // namespace warmline
