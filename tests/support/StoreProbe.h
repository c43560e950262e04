#pragma once

// Read-only looks into a gateway's SQLite store for integration tests.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace SQLite {
class Database;
}

namespace warmline::test {

/// Inbound messages ('in') by provider id, each with how many rows carry it.
/// Opens the database read-only (the gateway may be running: WAL lets a
/// reader see every committed transaction).
std::map<std::string, int> inboundByProviderId(const std::filesystem::path& dbPath);

/// The number of inbound messages in the store.
std::int64_t inboundCount(const std::filesystem::path& dbPath);

/// Holds SQLite's write lock on a gateway's store (BEGIN IMMEDIATE on a
/// connection of its own) until release() or destruction: the gateway's
/// writer then waits for it, as it would for a slow disk, up to its busy
/// timeout (5 s), and goes on once the lock is released. Nothing is written.
class StoreWriteLock
{
public:
    explicit StoreWriteLock(const std::filesystem::path& dbPath);
    ~StoreWriteLock();
    StoreWriteLock(const StoreWriteLock&) = delete;
    StoreWriteLock& operator=(const StoreWriteLock&) = delete;
    void release();

private:
    std::unique_ptr<SQLite::Database> m_db;
};

} // namespace warmline::test
