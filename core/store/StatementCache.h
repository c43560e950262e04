#pragma once

// Prepared statements of one SQLite connection, kept for reuse and found by
// their SQL text. Keyed by the text, not by where the text lives: two
// queries built in the same buffer one after the other are two statements,
// and the same query from two places is one. Not thread-safe: used on its
// connection's thread only, like the Repository that owns it.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace SQLite {
class Database;
class Statement;
} // namespace SQLite

namespace warmline {

class StatementCache
{
public:
    explicit StatementCache(SQLite::Database& db);
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    /// The prepared statement for `sql`, prepared on first use. The caller
    /// resets it after use. Throws SQLite::Exception if `sql` is invalid.
    SQLite::Statement& get(std::string_view sql);

    std::size_t size() const { return m_statements.size(); }

private:
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept
        {
            return std::hash<std::string_view>{}(s);
        }
    };

    SQLite::Database& m_db;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>, Hash, std::equal_to<>>
        m_statements;
};

} // namespace warmline
