#pragma once

// The store's schema: a list of migrations applied in order, each moving the
// database's `PRAGMA user_version` up by one. Called once per file by the
// writer before any other connection opens it.

#include <stdexcept>
#include <string>

namespace SQLite {
class Database;
}

namespace warmline {

/// The schema version this build writes.
int latestSchemaVersion();

/// Thrown when the file cannot be brought to the latest version.
class SchemaError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Applies every migration above the file's version up to `target` (the
/// latest unless a test builds an older file), each in its own transaction.
/// Refuses (SchemaError) a file newer than this build. Returns the version
/// the file had before.
int migrate(SQLite::Database& db, int target = latestSchemaVersion());

/// The version stored in the file (0 for a new file).
int schemaVersion(SQLite::Database& db);

} // namespace warmline
