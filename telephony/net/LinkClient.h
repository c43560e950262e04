#pragma once

#include "core/link/LinkCodec.h"

#include <boost/json/object.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warmline::telephony {

/// Why a LinkClient call ended without an answer from the gateway. A gateway
/// `error` frame is not one of these: it comes back as a ServerFrame.
class LinkTransportError : public std::runtime_error
{
public:
    enum class Kind
    {
        BadUrl,   ///< not a ws:// or wss:// URL
        Connect,  ///< resolve, TCP, TLS or WebSocket handshake failed
        Timeout,  ///< the deadline passed
        Closed,   ///< the gateway closed the link, or it broke
        Protocol, ///< the gateway sent something the client cannot use
        State     ///< called while not connected
    };
    LinkTransportError(Kind kind, const std::string& message)
        : std::runtime_error(message), m_kind(kind)
    {
    }
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

struct LinkClientOptions
{
    std::string caFile;    ///< PEM bundle for wss://; empty: the system's verify paths
    bool insecure = false; ///< wss:// without certificate checks (self-signed test setups)
    std::size_t readLimit = 1024 * 1024; ///< largest frame accepted from the gateway
};

/// A blocking operator-link client for warmlinectl, tests and benchmarks:
/// one request outstanding at a time, every wait bounded by a timeout. Events
/// that arrive while waiting for an answer are queued for nextEvent(). Not
/// thread-safe: use one instance from one thread.
class LinkClient
{
public:
    using Duration = std::chrono::milliseconds;

    explicit LinkClient(LinkClientOptions options = {});
    ~LinkClient();
    LinkClient(const LinkClient&) = delete;
    LinkClient& operator=(const LinkClient&) = delete;

    /// Opens the link at `url` (ws://host:port/link or wss://…). Throws
    /// LinkTransportError (BadUrl, Connect, Timeout).
    void connect(const std::string& url, Duration timeout);
    bool isOpen() const;

    /// Sends one request and waits for its `ack` or `error` frame, which is
    /// returned as is. Throws LinkTransportError when no answer came in time
    /// or the link broke.
    link::ServerFrame request(std::string_view type, boost::json::object params, Duration timeout);

    /// The next event, queued or newly received; nullopt when none arrived
    /// within `timeout`. The link stays usable after a timeout.
    std::optional<link::ServerFrame> nextEvent(Duration timeout);

    /// Closes the link politely if it can within `timeout`, then drops it.
    /// Never throws.
    void close(Duration timeout = std::chrono::seconds(2));

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace warmline::telephony
