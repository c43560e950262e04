#pragma once

// The warmline store on one SQLite connection: the connection, its
// statement cache and one store per aggregate (core/store/Stores.h) that
// shares them, e.g. repo.texts().ingestInbound(...). Not thread-safe: each
// connection (the writer's, each reader's) has its own Repository, used only
// on that connection's thread. Writes are expected to run inside the
// StoreWorker's transaction; nothing here commits.

#include "core/store/Stores.h"

#include <memory>

namespace SQLite {
class Database;
} // namespace SQLite

namespace warmline {

class Repository
{
public:
    explicit Repository(SQLite::Database& db);
    ~Repository();
    Repository(const Repository&) = delete;
    Repository& operator=(const Repository&) = delete;

    /// The raw connection, for what reads across the aggregates (reports,
    /// reviews, the audit log) and for tests.
    SQLite::Database& database() { return m_db; }

    TextStore& texts();
    ContactStore& contacts();
    CallerStore& callers();
    EscalationStore& escalations();
    OperatorStore& operators();
    SessionStore& sessions();
    BoardStore& board();

private:
    struct Sqlite; ///< the statement cache and the SQLite stores

    SQLite::Database& m_db;
    std::unique_ptr<Sqlite> m_sqlite;
};

} // namespace warmline
