#pragma once

// The gateway's HTTP front: carrier webhooks, /healthz, /metrics, and the
// operator link's WebSocket upgrade at /link, whose session is LinkSession.
// One coroutine per connection on the gateway's io_context; every read has a
// size limit and a deadline. Beast stays out of this header.

#include <cstdint>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace warmline {
class StoreWorker;
}

namespace warmline::telephony {

class Gateway;

struct HttpServerSettings
{
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    std::size_t maxBodyBytes = 65536;
    int headerTimeoutMs = 10000;
    int bodyTimeoutMs = 30000;
    int idleTimeoutMs = 60000; ///< waiting for the next request on a keep-alive connection
    std::size_t maxConnections = 2000;
    /// A webhook waits this long for its commit, then answers 503 with
    /// Retry-After (the job still commits or rolls back whole; the carrier's
    /// retry with the same id is then a duplicate).
    int webhookCommitTimeoutMs = 10000;
    std::size_t linkMaxMessageBytes = 65536;
    int linkPingIntervalMs = 20000;
    std::size_t linkMaxOutboundFrames = 1024;
    std::string certificateFile; ///< PEM chain; with privateKeyFile enables TLS
    std::string privateKeyFile;
    bool allowPlaintextRemote = false;
    std::string publicUrl;       ///< base URL the carrier calls (for Twilio signatures)
    std::string twilioAuthToken; ///< empty: signatures not checked
    bool validateTwilioSignature = true;
    /// /metrics reports the free space of the filesystem holding this
    /// (the database's directory); empty: not reported.
    std::string metricsDiskPath;
};

class HttpServer
{
public:
    HttpServer(boost::asio::io_context& ioc, HttpServerSettings settings, Gateway& gateway,
               StoreWorker& writer);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds and starts accepting; returns the port (useful with port 0).
    /// Throws std::runtime_error with a readable reason.
    std::uint16_t start();
    /// Stops accepting and closes the listener; live connections end as
    /// their reads complete.
    void stop();
    /// Reads the certificate chain and key again (a renewal) for new
    /// connections; those open keep theirs. Throws std::runtime_error and
    /// keeps the current ones if either cannot be read or they do not match.
    /// On the server's io_context.
    void reloadTls(const std::string& certificate, const std::string& privateKey);

    std::size_t connections() const;

private:
    class Impl;
    std::shared_ptr<Impl> m_impl;
};

} // namespace warmline::telephony
