#pragma once

// The warmline store on one SQLite connection: the connection, its
// statement cache and one store per aggregate (core/store/Stores.h) that
// shares them, e.g. repo.texts().ingestInbound(...). Not thread-safe: each
// connection (the writer's, each reader's) has its own Repository, used only
// on that connection's thread. Writes are expected to run inside the
// StoreWorker's transaction; nothing here commits.

#include "core/store/Stores.h"

#include <memory>
#include <utility>

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

    /// Asks the store's writer to checkpoint the write-ahead log into the
    /// database and truncate it once this job's transaction has committed
    /// (after a purge: the old words must not stay in the log's frames).
    void wantCheckpoint() { m_checkpointWanted = true; }
    /// Whether a checkpoint was asked for; clears the request.
    bool takeCheckpointWanted() { return std::exchange(m_checkpointWanted, false); }

private:
    struct Sqlite; ///< the statement cache and the SQLite stores

    SQLite::Database& m_db;
    std::unique_ptr<Sqlite> m_sqlite;
    bool m_checkpointWanted = false;
};

} // namespace warmline
