// The composition of the SQLite stores on one connection: one statement
// cache, and each store built after the peers it writes through.

#include "core/store/Repository.h"

#include "core/store/StatementCache.h"
#include "core/store/sqlite/SqliteStores.h"

namespace warmline {

struct Repository::Sqlite
{
    explicit Sqlite(SQLite::Database& db)
        : statements(db), operators(db, statements), sessions(db, statements),
          callers(db, statements, operators), contacts(db, statements, callers),
          escalations(db, statements, contacts),
          texts(db, statements, callers, contacts, escalations), board(db, statements, escalations)
    {
    }

    // Declared in construction order: each store after its peers.
    StatementCache statements;
    SqliteOperatorStore operators;
    SqliteSessionStore sessions;
    SqliteCallerStore callers;
    SqliteContactStore contacts;
    SqliteEscalationStore escalations;
    SqliteTextStore texts;
    SqliteBoardStore board;
};

Repository::Repository(SQLite::Database& db) : m_db(db), m_sqlite(std::make_unique<Sqlite>(db)) {}

Repository::~Repository() = default;

TextStore& Repository::texts()
{
    return m_sqlite->texts;
}

ContactStore& Repository::contacts()
{
    return m_sqlite->contacts;
}

CallerStore& Repository::callers()
{
    return m_sqlite->callers;
}

EscalationStore& Repository::escalations()
{
    return m_sqlite->escalations;
}

OperatorStore& Repository::operators()
{
    return m_sqlite->operators;
}

SessionStore& Repository::sessions()
{
    return m_sqlite->sessions;
}

BoardStore& Repository::board()
{
    return m_sqlite->board;
}

} // namespace warmline
