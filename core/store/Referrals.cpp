#include "core/store/Referrals.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace warmline {

namespace {

constexpr const char* kSelect =
    "SELECT r.id, r.contact_id, r.resource_id, r.resource_name, r.directory_version, r.how, "
    "r.snapshot, r.message_id, COALESCE(o.name, ''), r.at FROM referrals_given r "
    "LEFT JOIN operators o ON o.id = r.operator_id ";

ReferralGiven readRow(SQLite::Statement& q)
{
    ReferralGiven r;
    r.id = q.getColumn(0).getInt64();
    r.contactId = q.getColumn(1).getInt64();
    r.resourceId = q.getColumn(2).getString();
    r.resourceName = q.getColumn(3).getString();
    r.directoryVersion = q.getColumn(4).getInt();
    r.how = q.getColumn(5).getString();
    r.snapshot = q.getColumn(6).getString();
    if (!q.getColumn(7).isNull()) {
        r.messageId = q.getColumn(7).getInt64();
    }
    r.operatorName = q.getColumn(8).getString();
    r.at = q.getColumn(9).getInt64();
    return r;
}

} // namespace

ReferralGiven recordReferral(SQLite::Database& db, Id contactId, Id operatorId,
                             const std::string& resourceId, const std::string& resourceName,
                             int directoryVersion, const std::string& how,
                             const std::string& snapshot, std::optional<Id> messageId, EpochMs at)
{
    if (how != "text" && how != "read") {
        throw std::invalid_argument("a referral is given by text or read out");
    }
    SQLite::Statement q(db, "INSERT INTO referrals_given (contact_id, resource_id, resource_name, "
                            "directory_version, how, snapshot, message_id, operator_id, at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, contactId);
    q.bind(2, resourceId);
    q.bind(3, resourceName);
    q.bind(4, directoryVersion);
    q.bind(5, how);
    q.bind(6, snapshot);
    if (messageId) {
        q.bind(7, *messageId);
    }
    q.bind(8, operatorId);
    q.bind(9, at);
    q.exec();
    SQLite::Statement one(db, std::string(kSelect) + "WHERE r.id = ?");
    one.bind(1, db.getLastInsertRowid());
    one.executeStep();
    return readRow(one);
}

std::vector<ReferralGiven> referralsOf(SQLite::Database& db, Id contactId)
{
    SQLite::Statement q(db, std::string(kSelect) + "WHERE r.contact_id = ? ORDER BY r.id");
    q.bind(1, contactId);
    std::vector<ReferralGiven> out;
    while (q.executeStep()) {
        out.push_back(readRow(q));
    }
    return out;
}

} // namespace warmline
