#pragma once

// Read-only looks into a gateway's SQLite store for integration tests.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace warmline::test {

/// Inbound messages ('in') by provider id, each with how many rows carry it.
/// Opens the database read-only (the gateway may be running: WAL lets a
/// reader see every committed transaction).
std::map<std::string, int> inboundByProviderId(const std::filesystem::path& dbPath);

/// The number of inbound messages in the store.
std::int64_t inboundCount(const std::filesystem::path& dbPath);

} // namespace warmline::test
