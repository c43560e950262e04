#pragma once

// What /metrics says: the gateway's queue, links, escalations, webhooks,
// texts out, calls and store, the HTTP server's own counters and the free
// space on the store's disk, in Prometheus' text format (docs/metrics.md
// lists every family). A function of what it reads (and one statvfs call);
// called on the gateway's executor by HttpServer.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace warmline {
class StoreWorker;
}

namespace warmline::telephony {

class Gateway;

/// The HTTP server's counters, as /metrics reports them.
struct HttpCounters
{
    std::size_t connections = 0;   ///< open HTTP and link connections
    std::uint64_t badRequests = 0; ///< malformed HTTP requests
    std::uint64_t refused = 0;     ///< connections refused over the limit
};

/// The Prometheus text of the gateway, its store writer and the HTTP server,
/// and the size and free space of the filesystem holding `diskPath` (left
/// out when it is empty or cannot be read).
std::string prometheusMetrics(const Gateway& gateway, const StoreWorker& writer,
                              const HttpCounters& http, const std::filesystem::path& diskPath);

} // namespace warmline::telephony
