#include "core/Schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace warmline {

namespace {

// Append only: a released migration is never edited, a change is a new one.
constexpr std::array<std::string_view, 4> kMigrations{
    // 1: callers, operators, contacts, messages, link sessions.
    R"sql(
CREATE TABLE callers (
    id             INTEGER PRIMARY KEY,
    number_hash    BLOB    NOT NULL UNIQUE,
    number_enc     BLOB    NOT NULL,
    alias          TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    opted_out      INTEGER NOT NULL DEFAULT 0,
    preferred_name TEXT,
    pronouns       TEXT,
    language       TEXT
);
CREATE TABLE operators (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    capacity      INTEGER NOT NULL DEFAULT 3,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    caller_id     INTEGER NOT NULL REFERENCES callers(id),
    channel       TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    risk          TEXT    NOT NULL DEFAULT 'none',
    line_number   TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    queued_at     INTEGER NOT NULL,
    accepted_at   INTEGER,
    closed_at     INTEGER,
    operator_id   INTEGER REFERENCES operators(id),
    preview       TEXT    NOT NULL DEFAULT '',
    message_count INTEGER NOT NULL DEFAULT 0,
    wrapup_note   TEXT
);
CREATE INDEX contacts_open ON contacts(caller_id, channel)
    WHERE state NOT IN ('closed', 'abandoned');
CREATE INDEX contacts_caller ON contacts(caller_id, created_at);
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id),
    direction   TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    provider    TEXT    NOT NULL,
    provider_id TEXT,
    status      TEXT    NOT NULL,
    error       TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    operator_id INTEGER REFERENCES operators(id)
);
CREATE UNIQUE INDEX messages_inbound_id ON messages(provider, provider_id)
    WHERE direction = 'in';
CREATE INDEX messages_outbound_id ON messages(provider_id) WHERE direction = 'out';
CREATE INDEX messages_contact ON messages(contact_id, id);
CREATE TABLE sessions (
    token_hash  BLOB    PRIMARY KEY,
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
)sql",
    // 2: outbound texts waiting for a send are found without a scan.
    R"sql(
CREATE INDEX messages_pending ON messages(status)
    WHERE direction = 'out' AND status IN ('queued', 'sending');
)sql",
    // 3: what the line knows about a caller (limits, flags, notes) and the
    // structured wrap-up of a contact. Topics and referrals are JSON arrays
    // of the line's labels; outcome and helped are columns so reports can
    // group by them.
    R"sql(
ALTER TABLE callers ADD COLUMN calls_per_day INTEGER;
ALTER TABLE callers ADD COLUMN minutes_per_call INTEGER;
ALTER TABLE callers ADD COLUMN preferred_times TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN wrapup_at INTEGER;
ALTER TABLE contacts ADD COLUMN outcome TEXT;
ALTER TABLE contacts ADD COLUMN helped TEXT;
ALTER TABLE contacts ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contacts ADD COLUMN referrals TEXT NOT NULL DEFAULT '[]';
CREATE TABLE caller_flags (
    id         INTEGER PRIMARY KEY,
    caller_id  INTEGER NOT NULL REFERENCES callers(id),
    kind       TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    set_at     INTEGER NOT NULL,
    set_by     INTEGER REFERENCES operators(id),
    expires_at INTEGER,
    cleared_at INTEGER,
    cleared_by INTEGER REFERENCES operators(id)
);
CREATE INDEX caller_flags_caller ON caller_flags(caller_id) WHERE cleared_at IS NULL;
CREATE TABLE caller_notes (
    id          INTEGER PRIMARY KEY,
    caller_id   INTEGER NOT NULL REFERENCES callers(id),
    contact_id  INTEGER REFERENCES contacts(id),
    body        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    operator_id INTEGER REFERENCES operators(id)
);
CREATE INDEX caller_notes_caller ON caller_notes(caller_id, id);
)sql",
    // 4 (planned as 7): calls. The phone an operator takes calls on and the
    // languages they speak besides the line's own; for an
    // abandoned call, how long the caller waited and where they were in the
    // queue when they hung up; the language a caller chose.
    R"sql(
ALTER TABLE operators ADD COLUMN sip_uri TEXT NOT NULL DEFAULT '';
ALTER TABLE operators ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN abandoned_wait_ms INTEGER;
ALTER TABLE contacts ADD COLUMN abandoned_position INTEGER;
ALTER TABLE contacts ADD COLUMN language TEXT NOT NULL DEFAULT '';
)sql",
};

} // namespace

int latestSchemaVersion()
{
    return static_cast<int>(kMigrations.size());
}

int schemaVersion(SQLite::Database& db)
{
    return db.execAndGet("PRAGMA user_version").getInt();
}

int migrate(SQLite::Database& db, int target)
{
    const int before = schemaVersion(db);
    if (before > latestSchemaVersion()) {
        throw SchemaError("The database has schema version " + std::to_string(before) +
                          ", newer than this build supports (" +
                          std::to_string(latestSchemaVersion()) +
                          "). Upgrade warmline-gateway or restore a backup.");
    }
    target = std::min(target, latestSchemaVersion());
    for (int v = before; v < target; ++v) {
        SQLite::Transaction tx(db);
        db.exec(std::string(kMigrations[static_cast<std::size_t>(v)]));
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
    return before;
}

} // namespace warmline
