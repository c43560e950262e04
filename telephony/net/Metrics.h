#pragma once

// What /metrics says: the gateway's queue, links, webhooks, texts out, calls
// and store, and the HTTP server's own counters, in Prometheus' text
// format. A pure function of what it reads; called on the gateway's
// executor by HttpServer.

#include <cstddef>
#include <cstdint>
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

/// The Prometheus text of the gateway, its store writer and the HTTP server.
std::string prometheusMetrics(const Gateway& gateway, const StoreWorker& writer,
                              const HttpCounters& http);

} // namespace warmline::telephony
