// HttpServer (HttpServer.h) is over 600 lines as one cohesive thing: its
// Impl, whose accept loop, connection sessions, routing and webhook handlers
// share one set of limits, deadlines and store waiters.

#include "telephony/net/HttpServer.h"

#include "core/carriers/TwilioSignature.h"
#include "core/carriers/Webhooks.h"
#include "core/store/StoreWorker.h"
#include "core/text/FormCodec.h"
#include "telephony/gateway/Gateway.h"
#include "telephony/net/LinkSession.h"
#include "telephony/net/Metrics.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <fmt/format.h>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;

namespace warmline::telephony {

namespace {

constexpr auto kTuple = net::as_tuple(use_awaitable);
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

Response makeResponse(const Request& req, http::status status, std::string body,
                      std::string_view contentType = "text/plain; charset=utf-8")
{
    Response res{status, req.version()};
    res.set(http::field::server, "warmline-gateway");
    res.set(http::field::content_type, contentType);
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response plainError(unsigned version, http::status status, std::string reason)
{
    Response res{status, version};
    res.set(http::field::server, "warmline-gateway");
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.set(http::field::connection, "close");
    res.keep_alive(false);
    res.body() = std::move(reason) + "\n";
    res.prepare_payload();
    return res;
}

bool isLoopback(const std::string& address)
{
    boost::system::error_code ec;
    const auto a = net::ip::make_address(address, ec);
    return !ec && a.is_loopback();
}

std::string_view pathOf(std::string_view target)
{
    return target.substr(0, target.find('?'));
}

/// Bridges a callback from the gateway into a coroutine. The operation is
/// started by a plain function and only the wait is a co_await: GCC 12
/// mis-moves objects captured by a lambda inside a co_await expression.
/// The first result counts; one that comes after the wait gave up is dropped.
template <typename T> struct Waiter
{
    explicit Waiter(net::any_io_executor ex) : timer(ex, net::steady_timer::time_point::max()) {}
    void finish(T value)
    {
        if (result || gaveUp) {
            return;
        }
        result = value;
        timer.cancel();
    }
    /// The result, or nullopt if none came within `timeout`.
    awaitable<std::optional<T>> wait(std::chrono::milliseconds timeout)
    {
        if (!result) {
            timer.expires_after(timeout);
            co_await timer.async_wait(kTuple);
        }
        if (!result) {
            gaveUp = true;
        }
        co_return result;
    }
    std::optional<T> result;
    bool gaveUp = false;
    net::steady_timer timer;
};

} // namespace

class HttpServer::Impl : public std::enable_shared_from_this<HttpServer::Impl>
{
public:
    Impl(net::io_context& ioc, HttpServerSettings settings, Gateway& gateway, StoreWorker& writer)
        : m_ioc(ioc), m_settings(std::move(settings)), m_gateway(gateway), m_writer(writer),
          m_acceptor(ioc)
    {
    }

    std::uint16_t start();
    void reloadTls(const std::string& certificate, const std::string& key);
    void stop()
    {
        boost::system::error_code ec;
        m_acceptor.close(ec);
    }
    std::size_t connections() const { return m_connections.load(); }

private:
    awaitable<void> acceptLoop();
    template <typename Stream> awaitable<void> session(Stream stream, std::string remote);
    awaitable<Response> route(const Request& req);
    awaitable<Response> twilioInbound(const Request& req);
    awaitable<Response> kannelInbound(const Request& req);
    awaitable<Response> statusCallback(const Request& req, bool kannel);
    Response metrics(const Request& req) const;
    /// nullopt when the request may go on; else the 403 to answer. The one
    /// Twilio signature check, for webhooks and status callbacks alike.
    std::optional<Response> checkTwilioSignature(const Request& req,
                                                 const FormFields& fields) const;
    Response health(const Request& req) const;

    std::shared_ptr<Waiter<Gateway::IngestResult>> startIngest(InboundText text);
    std::shared_ptr<Waiter<bool>> startReport(const DeliveryReport& report);
    Response answerIngest(const Request& req, std::optional<Gateway::IngestResult> r, bool twiml);
    std::chrono::milliseconds commitTimeout() const
    {
        return std::chrono::milliseconds(m_settings.webhookCommitTimeoutMs);
    }

    net::io_context& m_ioc;
    HttpServerSettings m_settings;
    Gateway& m_gateway;
    StoreWorker& m_writer;
    tcp::acceptor m_acceptor;
    /// The TLS context new connections take; a reload replaces it, and
    /// those it served keep theirs (OpenSSL counts its users).
    std::shared_ptr<ssl::context> m_ssl;
    std::atomic<std::size_t> m_connections{0};
    std::atomic<std::uint64_t> m_refused{0};
    std::atomic<std::uint64_t> m_badRequests{0};
};

// ---------------------------------------------------------------- server

namespace {

std::shared_ptr<ssl::context> serverTls(const std::string& certificate, const std::string& key)
{
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(certificate, ec);
    if (ec) {
        throw std::runtime_error("cannot read tls.certificate " + certificate + ": " +
                                 ec.message());
    }
    ctx->use_private_key_file(key, ssl::context::pem, ec);
    if (ec) {
        throw std::runtime_error("cannot read tls.private_key " + key + ": " + ec.message());
    }
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
        throw std::runtime_error("tls.private_key " + key + " does not match tls.certificate " +
                                 certificate);
    }
    return ctx;
}

} // namespace

void HttpServer::Impl::reloadTls(const std::string& certificate, const std::string& key)
{
    if (!m_ssl) {
        throw std::runtime_error("the gateway serves plain HTTP; turning TLS on needs a restart");
    }
    m_ssl = serverTls(certificate, key); // throws, leaving the old one in place
    m_settings.certificateFile = certificate;
    m_settings.privateKeyFile = key;
}

std::uint16_t HttpServer::Impl::start()
{
    if (!m_settings.twilioAuthToken.empty() && m_settings.validateTwilioSignature &&
        m_settings.publicUrl.empty()) {
        throw std::runtime_error(
            "twilio.auth_token is set and signatures are checked, but http.public_url is empty: "
            "Twilio signs the exact URL it calls (https included); set http.public_url");
    }
    const bool tls = !m_settings.certificateFile.empty() || !m_settings.privateKeyFile.empty();
    if (!tls && !isLoopback(m_settings.address) && !m_settings.allowPlaintextRemote) {
        throw std::runtime_error(
            "refusing to serve plaintext HTTP on non-loopback address " + m_settings.address +
            ": set tls.certificate and tls.private_key, or tls.allow_plaintext_remote = true "
            "behind a TLS-terminating proxy");
    }
    if (tls) {
        if (m_settings.certificateFile.empty() || m_settings.privateKeyFile.empty()) {
            throw std::runtime_error("TLS needs both tls.certificate and tls.private_key");
        }
        m_ssl = serverTls(m_settings.certificateFile, m_settings.privateKeyFile);
    }
    boost::system::error_code ec;
    const auto address = net::ip::make_address(m_settings.address, ec);
    if (ec) {
        throw std::runtime_error("http.address \"" + m_settings.address +
                                 "\" is not an IP address");
    }
    tcp::endpoint ep{address, m_settings.port};
    m_acceptor.open(ep.protocol());
    m_acceptor.set_option(net::socket_base::reuse_address(true));
    m_acceptor.bind(ep, ec);
    if (ec) {
        throw std::runtime_error("cannot listen on " + m_settings.address + ":" +
                                 std::to_string(m_settings.port) + ": " + ec.message());
    }
    m_acceptor.listen(net::socket_base::max_listen_connections);
    net::co_spawn(m_ioc, acceptLoop(), [](std::exception_ptr e) {
        if (e) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                spdlog::error("accept loop ended: {}", ex.what());
            }
        }
    });
    return m_acceptor.local_endpoint().port();
}

awaitable<void> HttpServer::Impl::acceptLoop()
{
    auto self = shared_from_this();
    std::optional<std::chrono::steady_clock::time_point> lastAcceptWarning;
    for (;;) {
        auto [ec, socket] = co_await m_acceptor.async_accept(kTuple);
        if (ec) {
            if (ec == net::error::operation_aborted || !m_acceptor.is_open()) {
                co_return;
            }
            // Out of descriptors and the like: keep serving those we have.
            // Retrying at once would fail at once, spinning the event loop
            // and flooding the log, so pause, and warn at most every 10 s.
            const auto now = std::chrono::steady_clock::now();
            if (!lastAcceptWarning || now - *lastAcceptWarning >= std::chrono::seconds(10)) {
                spdlog::warn("accept failed: {}; retrying every 100 ms", ec.message());
                lastAcceptWarning = now;
            }
            net::steady_timer pause(m_ioc, std::chrono::milliseconds(100));
            co_await pause.async_wait(kTuple);
            if (!m_acceptor.is_open()) {
                co_return;
            }
            continue;
        }
        if (m_connections.load() >= m_settings.maxConnections) {
            m_refused++;
            boost::system::error_code ignored;
            socket.close(ignored);
            continue;
        }
        boost::system::error_code rec;
        // Small frames (acks, events) must leave at once: with Nagle's
        // algorithm they wait for the peer's delayed ACK, about 40 ms.
        socket.set_option(tcp::no_delay(true), rec);
        const auto remoteEp = socket.remote_endpoint(rec);
        std::string remote = rec ? std::string("unknown") : remoteEp.address().to_string();
        auto onDone = [self](std::exception_ptr e) {
            self->m_connections--;
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    spdlog::error("connection ended by an error: {}", ex.what());
                }
            }
        };
        m_connections++;
        if (m_ssl) {
            net::co_spawn(m_ioc,
                          session(beast::ssl_stream<beast::tcp_stream>(
                                      beast::tcp_stream(std::move(socket)), *m_ssl),
                                  std::move(remote)),
                          onDone);
        } else {
            net::co_spawn(m_ioc, session(beast::tcp_stream(std::move(socket)), std::move(remote)),
                          onDone);
        }
    }
}

template <typename Stream>
awaitable<void> HttpServer::Impl::session(Stream stream, std::string remote)
{
    auto self = shared_from_this();
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
        beast::get_lowest_layer(stream).expires_after(
            std::chrono::milliseconds(m_settings.headerTimeoutMs));
        auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kTuple);
        if (ec) {
            co_return;
        }
    }
    beast::flat_buffer buffer(8192);
    for (std::size_t served = 0;; ++served) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(16 * 1024);
        parser.body_limit(m_settings.maxBodyBytes);
        // A client must send its whole header within the header timeout
        // (slow-drip clients are cut off), then its body within the body one.
        // Between requests a keep-alive connection may idle a little longer.
        beast::get_lowest_layer(stream).expires_after(std::chrono::milliseconds(
            served == 0 ? m_settings.headerTimeoutMs : m_settings.idleTimeoutMs));
        auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, kTuple);
        boost::system::error_code ec = hec;
        if (!ec) {
            beast::get_lowest_layer(stream).expires_after(
                std::chrono::milliseconds(m_settings.bodyTimeoutMs));
            auto [bec, bn] = co_await http::async_read(stream, buffer, parser, kTuple);
            ec = bec;
        }
        if (ec) {
            if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
                ec == net::error::eof || ec == net::error::connection_reset ||
                ec == net::error::operation_aborted) {
                break;
            }
            m_badRequests++;
            const unsigned version = parser.is_header_done() ? parser.get().version() : 11;
            Response res = ec == http::error::body_limit
                               ? plainError(version, http::status::payload_too_large,
                                            "Request body is larger than " +
                                                std::to_string(m_settings.maxBodyBytes) + " bytes.")
                           : ec == http::error::header_limit
                               ? plainError(version, http::status::request_header_fields_too_large,
                                            "Request header is too large.")
                               : plainError(version, http::status::bad_request,
                                            "Malformed HTTP request: " + ec.message() + ".");
            beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
            co_await http::async_write(stream, res, kTuple);
            break;
        }
        Request req = parser.release();
        if (websocket::is_upgrade(req)) {
            if (pathOf(req.target()) != "/link") {
                Response res = plainError(req.version(), http::status::not_found,
                                          "WebSocket is served at /link only.");
                co_await http::async_write(stream, res, kTuple);
                break;
            }
            beast::get_lowest_layer(stream).expires_never();
            auto link = std::make_shared<LinkSession<Stream>>(std::move(stream), std::move(remote),
                                                              m_gateway, m_settings);
            // Built outside the co_await expression (see Waiter).
            auto running = link->run(std::move(req));
            co_await std::move(running);
            co_return;
        }
        Response res = co_await route(req);
        beast::get_lowest_layer(stream).expires_after(
            std::chrono::milliseconds(m_settings.bodyTimeoutMs));
        auto [wec, wn] = co_await http::async_write(stream, res, kTuple);
        if (wec || !res.keep_alive()) {
            break;
        }
    }
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    } else {
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
        co_await stream.async_shutdown(kTuple);
    }
}

awaitable<Response> HttpServer::Impl::route(const Request& req)
{
    const auto path = pathOf(req.target());
    const auto method = req.method();
    auto wrongMethod = [&](std::string_view allowed) {
        Response res =
            makeResponse(req, http::status::method_not_allowed,
                         "Use " + std::string(allowed) + " on " + std::string(path) + ".\n");
        res.set(http::field::allow, allowed);
        return res;
    };
    if (path == "/sms/twilio") {
        if (method != http::verb::post) {
            co_return wrongMethod("POST");
        }
        co_return co_await twilioInbound(req);
    }
    if (path == "/sms/kannel") {
        if (method != http::verb::get && method != http::verb::post) {
            co_return wrongMethod("GET, POST");
        }
        co_return co_await kannelInbound(req);
    }
    if (path == "/sms/twilio/status") {
        if (method != http::verb::post) {
            co_return wrongMethod("POST");
        }
        co_return co_await statusCallback(req, false);
    }
    if (path == "/sms/kannel/dlr") {
        if (method != http::verb::get && method != http::verb::post) {
            co_return wrongMethod("GET, POST");
        }
        co_return co_await statusCallback(req, true);
    }
    if (path == "/healthz") {
        co_return health(req);
    }
    if (path == "/metrics") {
        co_return metrics(req);
    }
    if (path == "/link") {
        co_return makeResponse(req, http::status::upgrade_required,
                               "The operator link is a WebSocket; see docs/protocol.md.\n");
    }
    co_return makeResponse(req, http::status::not_found, "No such endpoint.\n");
}

std::shared_ptr<Waiter<Gateway::IngestResult>> HttpServer::Impl::startIngest(InboundText text)
{
    auto w = std::make_shared<Waiter<Gateway::IngestResult>>(m_ioc.get_executor());
    m_gateway.ingestText(std::move(text), [w](Gateway::IngestResult r) { w->finish(r); });
    return w;
}

std::shared_ptr<Waiter<bool>> HttpServer::Impl::startReport(const DeliveryReport& rep)
{
    auto w = std::make_shared<Waiter<bool>>(m_ioc.get_executor());
    std::optional<std::string> providerId;
    if (!rep.providerId.empty()) {
        providerId = rep.providerId;
    }
    std::string error =
        rep.errorCode.empty() ? std::string() : "The carrier reported error " + rep.errorCode + ".";
    m_gateway.deliveryReport(std::move(providerId), rep.messageId, rep.status, std::move(error),
                             [w](bool ok) { w->finish(ok); });
    return w;
}

Response HttpServer::Impl::answerIngest(const Request& req, std::optional<Gateway::IngestResult> r,
                                        bool twiml)
{
    if (!r) {
        // Past http.webhook_commit_timeout: the job commits or rolls back
        // whole later; the carrier's retry finds it stored (a duplicate,
        // 200) or stores it then.
        m_gateway.counters().webhookUnavailable++;
        m_gateway.counters().webhookTimedOut++;
        spdlog::warn("webhook answered 503: its text was not committed within {} ms",
                     m_settings.webhookCommitTimeoutMs);
        Response res = makeResponse(req, http::status::service_unavailable,
                                    "The message was not stored in time; please retry.\n");
        res.set(http::field::retry_after, "5");
        return res;
    }
    if (*r == Gateway::IngestResult::Unavailable) {
        Response res = makeResponse(req, http::status::service_unavailable,
                                    "The message could not be stored; please retry.\n");
        res.set(http::field::retry_after, "5");
        return res;
    }
    if (twiml) {
        return makeResponse(req, http::status::ok,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>",
                            "text/xml; charset=utf-8");
    }
    return makeResponse(req, http::status::ok, "");
}

awaitable<Response> HttpServer::Impl::twilioInbound(const Request& req)
{
    const auto contentType = req[http::field::content_type];
    if (contentType.find("application/x-www-form-urlencoded") == std::string_view::npos) {
        m_gateway.counters().webhookRejected++;
        co_return makeResponse(req, http::status::unsupported_media_type,
                               "Expected application/x-www-form-urlencoded.\n");
    }
    FormFields fields;
    try {
        fields = parseForm(req.body());
    } catch (const std::exception& e) {
        m_gateway.counters().webhookRejected++;
        co_return makeResponse(req, http::status::bad_request,
                               std::string("Malformed form body: ") + e.what() + "\n");
    }
    if (auto refused = checkTwilioSignature(req, fields)) {
        m_gateway.counters().webhookForbidden++;
        co_return std::move(*refused);
    }
    auto parsed = parseTwilioInbound(fields, nowMs());
    if (!parsed) {
        m_gateway.counters().webhookRejected++;
        co_return makeResponse(req, http::status::bad_request, parsed.error + "\n");
    }
    auto waiter = startIngest(std::move(*parsed.value));
    const auto r = co_await waiter->wait(commitTimeout());
    co_return answerIngest(req, r, true);
}

awaitable<Response> HttpServer::Impl::kannelInbound(const Request& req)
{
    FormFields fields;
    try {
        fields = req.method() == http::verb::get ? parseQuery(queryOf(req.target()))
                                                 : parseForm(req.body());
    } catch (const std::exception& e) {
        m_gateway.counters().webhookRejected++;
        co_return makeResponse(req, http::status::bad_request,
                               std::string("Malformed parameters: ") + e.what() + "\n");
    }
    auto parsed = parseKannelInbound(fields, nowMs());
    if (!parsed) {
        m_gateway.counters().webhookRejected++;
        co_return makeResponse(req, http::status::bad_request, parsed.error + "\n");
    }
    auto waiter = startIngest(std::move(*parsed.value));
    const auto r = co_await waiter->wait(commitTimeout());
    co_return answerIngest(req, r, false);
}

awaitable<Response> HttpServer::Impl::statusCallback(const Request& req, bool kannel)
{
    FormFields fields;
    try {
        fields = (kannel && req.method() == http::verb::get) ? parseQuery(queryOf(req.target()))
                                                             : parseForm(req.body());
    } catch (const std::exception& e) {
        co_return makeResponse(req, http::status::bad_request,
                               std::string("Malformed parameters: ") + e.what() + "\n");
    }
    if (!kannel) {
        if (auto refused = checkTwilioSignature(req, fields)) {
            co_return std::move(*refused);
        }
    }
    auto parsed = kannel ? parseKannelDlr(fields) : parseTwilioStatus(fields);
    if (!parsed) {
        co_return makeResponse(req, http::status::bad_request, parsed.error + "\n");
    }
    auto waiter = startReport(*parsed.value);
    const auto ok = co_await waiter->wait(commitTimeout());
    if (!ok || !*ok) {
        Response res = makeResponse(req, http::status::service_unavailable,
                                    "The status could not be stored; please retry.\n");
        res.set(http::field::retry_after, "5");
        co_return res;
    }
    co_return makeResponse(req, http::status::ok, "");
}

std::optional<Response> HttpServer::Impl::checkTwilioSignature(const Request& req,
                                                               const FormFields& fields) const
{
    if (m_settings.twilioAuthToken.empty() || !m_settings.validateTwilioSignature) {
        return std::nullopt;
    }
    // Twilio signs the URL it called: http.public_url (start() insists on
    // it), never one rebuilt from Host, which a proxy or TLS changes.
    std::string_view base = m_settings.publicUrl;
    while (!base.empty() && base.back() == '/') {
        base.remove_suffix(1);
    }
    const std::string url = std::string(base) + std::string(req.target());
    if (verifyTwilioSignature(m_settings.twilioAuthToken, url, fields, req["X-Twilio-Signature"])) {
        return std::nullopt;
    }
    return makeResponse(req, http::status::forbidden,
                        "X-Twilio-Signature is missing or does not match.\n");
}

Response HttpServer::Impl::health(const Request& req) const
{
    const bool storeOk = m_writer.queued() < 10000;
    std::string body =
        fmt::format("{{\"status\":\"{}\",\"queue\":{},\"links\":{},\"storeBacklog\":{}}}\n",
                    storeOk ? "ok" : "degraded", m_gateway.queueLength(), m_gateway.linkCount(),
                    m_writer.queued());
    return makeResponse(req, storeOk ? http::status::ok : http::status::service_unavailable,
                        std::move(body), "application/json");
}

Response HttpServer::Impl::metrics(const Request& req) const
{
    HttpCounters http;
    http.connections = m_connections.load();
    http.badRequests = m_badRequests.load();
    http.refused = m_refused.load();
    return makeResponse(req, http::status::ok,
                        prometheusMetrics(m_gateway, m_writer, http, m_settings.metricsDiskPath),
                        "text/plain; version=0.0.4; charset=utf-8");
}

HttpServer::HttpServer(net::io_context& ioc, HttpServerSettings settings, Gateway& gateway,
                       StoreWorker& writer)
    : m_impl(std::make_shared<Impl>(ioc, std::move(settings), gateway, writer))
{
}

HttpServer::~HttpServer()
{
    m_impl->stop();
}

std::uint16_t HttpServer::start()
{
    return m_impl->start();
}

void HttpServer::stop()
{
    m_impl->stop();
}

void HttpServer::reloadTls(const std::string& certificate, const std::string& privateKey)
{
    m_impl->reloadTls(certificate, privateKey);
}

std::size_t HttpServer::connections() const
{
    return m_impl->connections();
}

} // namespace warmline::telephony
