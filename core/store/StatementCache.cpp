#include "core/store/StatementCache.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace warmline {

StatementCache::StatementCache(SQLite::Database& db) : m_db(db) {}

StatementCache::~StatementCache() = default;

SQLite::Statement& StatementCache::get(std::string_view sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        std::string text(sql);
        auto statement = std::make_unique<SQLite::Statement>(m_db, text);
        it = m_statements.emplace(std::move(text), std::move(statement)).first;
    }
    return *it->second;
}

} // namespace warmline
