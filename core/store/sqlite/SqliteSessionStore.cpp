// Link sessions in SQLite: the sessions table, keyed by the token's hash.

#include "core/store/sqlite/Rows.h"
#include "core/store/sqlite/SqliteStores.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace warmline {

using namespace sqlite;

SqliteSessionStore::SqliteSessionStore(SQLite::Database& db, StatementCache& statements)
    : SqliteStore(db, statements)
{
}

void SqliteSessionStore::addSession(const std::string& tokenHash, Id operatorId, EpochMs now,
                                    EpochMs expires)
{
    auto& q = stmt("INSERT INTO sessions (token_hash, operator_id, created_at, expires_at) "
                   "VALUES (?, ?, ?, ?)");
    Reset r(q);
    bindBlob(q, 1, tokenHash);
    q.bind(2, operatorId);
    q.bind(3, now);
    q.bind(4, expires);
    q.exec();
}

std::optional<Id> SqliteSessionStore::sessionOperator(const std::string& tokenHash, EpochMs now)
{
    auto& q = stmt("SELECT operator_id FROM sessions WHERE token_hash = ? AND expires_at > ?");
    Reset r(q);
    bindBlob(q, 1, tokenHash);
    q.bind(2, now);
    return readRow(q, idOf);
}

void SqliteSessionStore::removeSession(const std::string& tokenHash)
{
    auto& q = stmt("DELETE FROM sessions WHERE token_hash = ?");
    Reset r(q);
    bindBlob(q, 1, tokenHash);
    q.exec();
}

void SqliteSessionStore::removeSessionsOf(Id operatorId)
{
    auto& q = stmt("DELETE FROM sessions WHERE operator_id = ?");
    Reset r(q);
    q.bind(1, operatorId);
    q.exec();
}

void SqliteSessionStore::removeExpiredSessions(EpochMs now)
{
    auto& q = stmt("DELETE FROM sessions WHERE expires_at <= ?");
    Reset r(q);
    q.bind(1, now);
    q.exec();
}

} // namespace warmline
