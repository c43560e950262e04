#include "support/StoreProbe.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace warmline::test {

std::map<std::string, int> inboundByProviderId(const std::filesystem::path& dbPath)
{
    SQLite::Database db(dbPath.string(), SQLite::OPEN_READONLY, 5000);
    SQLite::Statement q(db, "SELECT provider_id, COUNT(*) FROM messages WHERE direction = 'in' "
                            "AND provider_id IS NOT NULL GROUP BY provider_id");
    std::map<std::string, int> out;
    while (q.executeStep()) {
        out.emplace(q.getColumn(0).getString(), q.getColumn(1).getInt());
    }
    return out;
}

std::int64_t inboundCount(const std::filesystem::path& dbPath)
{
    SQLite::Database db(dbPath.string(), SQLite::OPEN_READONLY, 5000);
    return db.execAndGet("SELECT COUNT(*) FROM messages WHERE direction = 'in'").getInt64();
}

StoreWriteLock::StoreWriteLock(const std::filesystem::path& dbPath)
    : m_db(std::make_unique<SQLite::Database>(dbPath.string(), SQLite::OPEN_READWRITE, 5000))
{
    m_db->exec("BEGIN IMMEDIATE");
}

StoreWriteLock::~StoreWriteLock()
{
    release();
}

void StoreWriteLock::release()
{
    if (m_db) {
        try {
            m_db->exec("ROLLBACK");
        } catch (...) {
            // Closing the connection below ends the transaction all the same.
        }
        m_db.reset();
    }
}

} // namespace warmline::test
