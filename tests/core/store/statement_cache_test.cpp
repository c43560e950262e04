#include "core/store/StatementCache.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <string>

using warmline::StatementCache;

TEST_CASE("cached statements are found by their SQL text, not by its address", "[store]")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE t (a INTEGER, b TEXT)");
    db.exec("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
    StatementCache cache(db);

    SECTION("two queries built in one buffer are two statements")
    {
        std::string sql = "SELECT b FROM t WHERE a = 1";
        auto& first = cache.get(sql);
        REQUIRE(first.executeStep());
        CHECK(first.getColumn(0).getString() == "one");
        first.reset();

        // Same buffer, same address, other text (no reallocation: same size).
        sql[sql.size() - 1] = '2';
        auto& second = cache.get(sql);
        CHECK(&second != &first);
        REQUIRE(second.executeStep());
        CHECK(second.getColumn(0).getString() == "two");
        second.reset();
        CHECK(cache.size() == 2);
    }

    SECTION("the same text from two places is one statement")
    {
        const std::string a = "SELECT COUNT(*) FROM t";
        const std::string b = "SELECT COUNT(*) FROM t";
        REQUIRE(a.data() != b.data());
        CHECK(&cache.get(a) == &cache.get(b));
        CHECK(&cache.get("SELECT COUNT(*) FROM t") == &cache.get(a));
        CHECK(cache.size() == 1);
    }
}
