// Operator accounts in SQLite: the operators table (name, password hash,
// role, capacity, disabled, languages, SIP URI, group).

#include "core/store/sqlite/Rows.h"
#include "core/store/sqlite/SqliteStores.h"
#include "core/text/JsonStrings.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace warmline {

using namespace sqlite;

namespace {

StoredOperator readOperator(SQLite::Statement& q)
{
    StoredOperator s;
    s.account.id = q.getColumn(0).getInt64();
    s.account.name = q.getColumn(1).getString();
    s.passwordHash = q.getColumn(2).getString();
    s.account.role = parseRole(q.getColumn(3).getString()).value_or(Role::Operator);
    s.account.textCapacity = q.getColumn(4).getInt();
    s.account.disabled = q.getColumn(5).getInt() != 0;
    s.account.createdAt = q.getColumn(6).getInt64();
    s.account.sipUri = q.getColumn(7).getString();
    s.account.languages = stringsOfJsonArray(q.getColumn(8).getString());
    s.account.group = q.getColumn(9).getString();
    return s;
}

} // namespace

SqliteOperatorStore::SqliteOperatorStore(SQLite::Database& db, StatementCache& statements)
    : SqliteStore(db, statements)
{
}

Id SqliteOperatorStore::addOperator(const OperatorAccount& account, const std::string& passwordHash)
{
    auto& q = stmt("INSERT INTO operators (name, password_hash, role, capacity, disabled, "
                   "created_at, languages, op_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, account.name);
    q.bind(2, passwordHash);
    q.bind(3, std::string(toString(account.role)));
    q.bind(4, account.textCapacity);
    q.bind(5, account.disabled ? 1 : 0);
    q.bind(6, account.createdAt);
    q.bind(7, jsonArrayOf(account.languages));
    q.bind(8, account.group);
    q.exec();
    return m_db.getLastInsertRowid();
}

std::optional<StoredOperator> SqliteOperatorStore::operatorByName(const std::string& name)
{
    auto& q = stmt("SELECT id, name, password_hash, role, capacity, disabled, created_at, sip_uri, "
                   "languages, op_group "
                   "FROM operators WHERE name = ?");
    Reset r(q);
    q.bind(1, name);
    return readRow(q, readOperator);
}

std::optional<StoredOperator> SqliteOperatorStore::operatorById(Id id)
{
    auto& q = stmt("SELECT id, name, password_hash, role, capacity, disabled, created_at, sip_uri, "
                   "languages, op_group "
                   "FROM operators WHERE id = ?");
    Reset r(q);
    q.bind(1, id);
    return readRow(q, readOperator);
}

std::vector<OperatorAccount> SqliteOperatorStore::operators()
{
    auto& q = stmt("SELECT id, name, password_hash, role, capacity, disabled, created_at, sip_uri, "
                   "languages, op_group "
                   "FROM operators ORDER BY name");
    Reset r(q);
    return readRows(q, [](SQLite::Statement& row) { return readOperator(row).account; });
}

void SqliteOperatorStore::setPasswordHash(Id operatorId, const std::string& hash)
{
    auto& q = stmt("UPDATE operators SET password_hash = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, hash);
    q.bind(2, operatorId);
    q.exec();
}

void SqliteOperatorStore::setDisabled(Id operatorId, bool disabled)
{
    auto& q = stmt("UPDATE operators SET disabled = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, disabled ? 1 : 0);
    q.bind(2, operatorId);
    q.exec();
}

void SqliteOperatorStore::setRole(Id operatorId, Role role)
{
    auto& q = stmt("UPDATE operators SET role = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, std::string(toString(role)));
    q.bind(2, operatorId);
    q.exec();
}

void SqliteOperatorStore::setCapacity(Id operatorId, int capacity)
{
    auto& q = stmt("UPDATE operators SET capacity = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, capacity);
    q.bind(2, operatorId);
    q.exec();
}

void SqliteOperatorStore::setLanguages(Id operatorId, const std::vector<std::string>& languages)
{
    auto& q = stmt("UPDATE operators SET languages = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, jsonArrayOf(languages));
    q.bind(2, operatorId);
    q.exec();
}

void SqliteOperatorStore::setSipUri(Id operatorId, const std::string& uri)
{
    auto& q = stmt("UPDATE operators SET sip_uri = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, uri);
    q.bind(2, operatorId);
    q.exec();
}

void SqliteOperatorStore::setGroup(Id operatorId, const std::string& group)
{
    auto& q = stmt("UPDATE operators SET op_group = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, group);
    q.bind(2, operatorId);
    q.exec();
}

} // namespace warmline
