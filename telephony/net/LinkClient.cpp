#include "telephony/net/LinkClient.h"
#include "core/text/Text.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/url/parse.hpp>

#include <openssl/ssl.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <functional>
#include <variant>

namespace warmline::telephony {

namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using PlainWs = websocket::stream<beast::tcp_stream>;
using TlsWs = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;
using Kind = LinkTransportError::Kind;

struct LinkUrl
{
    bool tls = false;
    std::string host; ///< for the resolver and certificate checks: no brackets
    std::string port;
    std::string hostHeader; ///< as written in the URL, brackets and port included
    std::string target;
};

LinkUrl parseLinkUrl(const std::string& text)
{
    auto parsed = boost::urls::parse_uri(text);
    if (!parsed) {
        throw LinkTransportError(Kind::BadUrl, "not a valid URL: " + text);
    }
    const auto& u = *parsed;
    const std::string scheme = asciiLower(u.scheme());
    LinkUrl out;
    if (scheme == "ws") {
        out.tls = false;
    } else if (scheme == "wss") {
        out.tls = true;
    } else {
        throw LinkTransportError(Kind::BadUrl,
                                 "the gateway URL must start with ws:// or wss://: " + text);
    }
    if (!u.has_authority() || u.encoded_host().empty()) {
        throw LinkTransportError(Kind::BadUrl, "the gateway URL has no host: " + text);
    }
    if (u.host_type() == boost::urls::host_type::ipv6) {
        out.host = u.host_ipv6_address().to_string();
    } else {
        out.host = u.host();
    }
    out.port = u.has_port() ? std::string(u.port()) : std::string(out.tls ? "443" : "80");
    out.hostHeader = u.encoded_host_and_port();
    out.target = u.encoded_path().empty() ? std::string("/") : std::string(u.encoded_path());
    if (u.has_query()) {
        out.target += "?" + std::string(u.encoded_query());
    }
    return out;
}

bool isIpAddress(const std::string& host)
{
    beast::error_code ec;
    net::ip::make_address(host, ec);
    return !ec;
}

std::string describe(const beast::error_code& ec)
{
    return ec.message();
}

} // namespace

struct LinkClient::Impl
{
    LinkClientOptions options;
    net::io_context ioc;
    std::optional<ssl::context> sslContext;
    std::variant<std::monostate, std::unique_ptr<PlainWs>, std::unique_ptr<TlsWs>> ws;
    beast::flat_buffer readBuffer;
    bool open = false;
    bool readPending = false;
    std::optional<beast::error_code> readError;
    std::string closeReason;
    bool writePending = false;
    beast::error_code writeError;
    std::deque<link::ServerFrame> events;
    std::deque<link::ServerFrame> answers;
    std::uint64_t nextId = 0;

    // Step state of connect(); members, not locals, so a handler that runs
    // during a later drain never touches a dead stack frame.
    bool stepDone = false;
    beast::error_code stepError;
    tcp::resolver::results_type resolved;

    explicit Impl(LinkClientOptions o) : options(std::move(o)) {}

    template <typename F> void visitWs(F&& f)
    {
        if (auto* plain = std::get_if<std::unique_ptr<PlainWs>>(&ws)) {
            f(**plain);
        } else if (auto* tls = std::get_if<std::unique_ptr<TlsWs>>(&ws)) {
            f(**tls);
        }
    }

    bool hasStream() const { return !std::holds_alternative<std::monostate>(ws); }

    // Runs completion handlers until `done` holds or the deadline passes.
    bool runUntil(const std::function<bool()>& done, Clock::time_point deadline)
    {
        while (!done()) {
            const auto now = Clock::now();
            if (now >= deadline) {
                return false;
            }
            if (ioc.stopped()) {
                ioc.restart();
            }
            if (ioc.run_one_for(deadline - now) == 0 && ioc.stopped() && !done()) {
                // Nothing left that could ever make `done` true.
                return false;
            }
        }
        return true;
    }

    // Closes the socket so every pending operation completes (aborted), and
    // runs those completions now, while everything they touch is alive.
    void abortAndDrain()
    {
        visitWs([](auto& s) { beast::get_lowest_layer(s).close(); });
        ioc.restart();
        ioc.run_for(std::chrono::seconds(1));
        ws = std::monostate{};
        open = false;
        readPending = false;
        writePending = false;
    }

    void startRead()
    {
        if (!open || readPending || readError) {
            return;
        }
        readPending = true;
        visitWs([this](auto& s) {
            s.async_read(readBuffer, [this](beast::error_code ec, std::size_t) { onRead(ec); });
        });
    }

    void onRead(beast::error_code ec)
    {
        readPending = false;
        if (ec) {
            readError = ec;
            visitWs([this](auto& s) { closeReason = std::string(s.reason().reason.c_str()); });
            return;
        }
        const auto text = beast::buffers_to_string(readBuffer.data());
        readBuffer.consume(readBuffer.size());
        try {
            auto frame = link::parseServerFrame(text);
            if (frame.kind == link::ServerFrame::Kind::Event) {
                events.push_back(std::move(frame));
            } else {
                answers.push_back(std::move(frame));
            }
        } catch (const link::LinkError&) {
            // A frame type from a later protocol version: ignorable by design.
        }
        // Keep a read outstanding so control frames (pings) get answered.
        startRead();
    }

    [[noreturn]] void throwClosed()
    {
        std::string what = "the gateway closed the link";
        if (readError && *readError != websocket::error::closed) {
            what = "the link broke: " + describe(*readError);
        }
        if (!closeReason.empty()) {
            what += " (" + closeReason + ")";
        }
        throw LinkTransportError(Kind::Closed, what);
    }

    void connect(const std::string& url, Clock::time_point deadline);
    void configure(auto& s, const LinkUrl& target, Clock::time_point deadline);
    void runStep(Clock::time_point deadline, const char* what);
};

void LinkClient::Impl::runStep(Clock::time_point deadline, const char* what)
{
    if (!runUntil([this] { return stepDone; }, deadline)) {
        abortAndDrain();
        throw LinkTransportError(Kind::Timeout, std::string("timed out ") + what);
    }
    if (stepError) {
        const auto message = std::string("failed ") + what + ": " + describe(stepError);
        abortAndDrain();
        throw LinkTransportError(Kind::Connect, message);
    }
}

void LinkClient::Impl::configure(auto& s, const LinkUrl& target, Clock::time_point deadline)
{
    s.read_message_max(options.readLimit);
    websocket::stream_base::timeout t{};
    t.handshake_timeout =
        std::max(std::chrono::duration_cast<Clock::duration>(deadline - Clock::now()),
                 Clock::duration(std::chrono::milliseconds(1)));
    t.idle_timeout = websocket::stream_base::none();
    t.keep_alive_pings = false;
    s.set_option(t);
    s.set_option(websocket::stream_base::decorator([](websocket::request_type& req) {
        req.set(beast::http::field::user_agent, "warmline-link-client/1");
    }));
    stepDone = false;
    stepError = {};
    s.async_handshake(target.hostHeader, target.target, [this](beast::error_code ec) {
        stepError = ec;
        stepDone = true;
    });
    runStep(deadline, "opening the link");
}

void LinkClient::Impl::connect(const std::string& url, Clock::time_point deadline)
{
    const auto target = parseLinkUrl(url);

    tcp::resolver resolver(ioc);
    stepDone = false;
    stepError = {};
    resolver.async_resolve(target.host, target.port,
                           [this](beast::error_code ec, tcp::resolver::results_type r) {
                               stepError = ec;
                               resolved = std::move(r);
                               stepDone = true;
                           });
    if (!runUntil([this] { return stepDone; }, deadline)) {
        resolver.cancel();
        ioc.restart();
        ioc.run_for(std::chrono::seconds(1));
        throw LinkTransportError(Kind::Timeout, "timed out resolving " + target.host);
    }
    if (stepError) {
        throw LinkTransportError(Kind::Connect,
                                 "cannot resolve " + target.host + ": " + describe(stepError));
    }

    auto connectTcp = [this, &target, deadline](beast::tcp_stream& tcpStream) {
        stepDone = false;
        stepError = {};
        tcpStream.async_connect(resolved, [this](beast::error_code ec, const tcp::endpoint&) {
            stepError = ec;
            stepDone = true;
        });
        runStep(deadline, ("connecting to " + target.hostHeader).c_str());
        tcpStream.socket().set_option(tcp::no_delay(true));
    };

    if (!target.tls) {
        ws = std::make_unique<PlainWs>(ioc);
        auto& s = *std::get<std::unique_ptr<PlainWs>>(ws);
        connectTcp(beast::get_lowest_layer(s));
        configure(s, target, deadline);
    } else {
        sslContext.emplace(ssl::context::tls_client);
        if (options.insecure) {
            sslContext->set_verify_mode(ssl::verify_none);
        } else {
            sslContext->set_verify_mode(ssl::verify_peer);
            beast::error_code ec;
            if (!options.caFile.empty()) {
                sslContext->load_verify_file(options.caFile, ec);
            } else {
                sslContext->set_default_verify_paths(ec);
            }
            if (ec) {
                throw LinkTransportError(Kind::Connect,
                                         "cannot load CA certificates: " + describe(ec));
            }
        }
        ws = std::make_unique<TlsWs>(ioc, *sslContext);
        auto& s = *std::get<std::unique_ptr<TlsWs>>(ws);
        auto& tlsStream = s.next_layer();
        if (!isIpAddress(target.host)) {
            // SNI; the macro SSL_set_tlsext_host_name hides an old-style cast.
            SSL_ctrl(tlsStream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                     TLSEXT_NAMETYPE_host_name, const_cast<char*>(target.host.c_str()));
        }
        if (!options.insecure) {
            tlsStream.set_verify_callback(ssl::host_name_verification(target.host));
        }
        connectTcp(beast::get_lowest_layer(s));
        stepDone = false;
        stepError = {};
        tlsStream.async_handshake(ssl::stream_base::client, [this](beast::error_code ec) {
            stepError = ec;
            stepDone = true;
        });
        runStep(deadline, "in the TLS handshake");
        configure(s, target, deadline);
    }
    open = true;
    readError.reset();
    closeReason.clear();
    events.clear();
    answers.clear();
}

LinkClient::LinkClient(LinkClientOptions options)
    : m_impl(std::make_unique<Impl>(std::move(options)))
{
}

LinkClient::~LinkClient()
{
    close(std::chrono::milliseconds(500));
}

void LinkClient::connect(const std::string& url, Duration timeout)
{
    if (m_impl->hasStream()) {
        m_impl->abortAndDrain();
    }
    m_impl->connect(url, Clock::now() + timeout);
}

bool LinkClient::isOpen() const
{
    return m_impl->open && !m_impl->readError;
}

link::ServerFrame LinkClient::request(std::string_view type, boost::json::object params,
                                      Duration timeout)
{
    auto& d = *m_impl;
    if (!d.open) {
        throw LinkTransportError(Kind::State, "the link is not open");
    }
    if (d.readError) {
        d.throwClosed();
    }
    const auto deadline = Clock::now() + timeout;
    const auto id = std::to_string(++d.nextId);
    // Whatever is queued answered requests that already timed out.
    d.answers.clear();
    auto frame = std::make_shared<std::string>(link::requestFrame(id, type, std::move(params)));
    d.writePending = true;
    d.writeError = {};
    d.visitWs([&d, frame](auto& s) {
        s.text(true);
        s.async_write(net::buffer(*frame), [&d, frame](beast::error_code ec, std::size_t) {
            d.writePending = false;
            d.writeError = ec;
        });
    });
    d.startRead();

    std::optional<link::ServerFrame> answer;
    auto takeAnswer = [&] {
        while (!d.answers.empty()) {
            auto f = std::move(d.answers.front());
            d.answers.pop_front();
            // `re: null` answers a frame the gateway could not read; with one
            // request outstanding, that is this one.
            if (!f.re || *f.re == id) {
                answer = std::move(f);
                return true;
            }
        }
        return false;
    };
    const bool finished = d.runUntil(
        [&] {
            if (!d.writePending && d.writeError) {
                return true;
            }
            return (!d.writePending && takeAnswer()) || d.readError.has_value();
        },
        deadline);
    if (!finished) {
        if (d.writePending) {
            // A half-written frame leaves the link unusable.
            d.abortAndDrain();
        }
        throw LinkTransportError(Kind::Timeout, "no answer to " + std::string(type) + " in time");
    }
    if (d.writeError) {
        const auto message = "cannot send to the gateway: " + describe(d.writeError);
        d.abortAndDrain();
        throw LinkTransportError(Kind::Closed, message);
    }
    if (!answer && !takeAnswer()) {
        d.throwClosed();
    }
    return std::move(*answer);
}

std::optional<link::ServerFrame> LinkClient::nextEvent(Duration timeout)
{
    auto& d = *m_impl;
    auto pop = [&d] {
        auto f = std::move(d.events.front());
        d.events.pop_front();
        return f;
    };
    if (!d.events.empty()) {
        return pop();
    }
    if (!d.open) {
        throw LinkTransportError(Kind::State, "the link is not open");
    }
    if (d.readError) {
        d.throwClosed();
    }
    d.startRead();
    d.runUntil([&d] { return !d.events.empty() || d.readError.has_value(); },
               Clock::now() + timeout);
    if (!d.events.empty()) {
        return pop();
    }
    if (d.readError) {
        d.throwClosed();
    }
    return std::nullopt;
}

void LinkClient::close(Duration timeout)
{
    auto& d = *m_impl;
    if (!d.hasStream()) {
        return;
    }
    try {
        if (d.open && !d.readError && !d.writePending) {
            bool closed = false;
            d.visitWs([&closed](auto& s) {
                s.async_close(websocket::close_code::normal,
                              [&closed](beast::error_code) { closed = true; });
            });
            d.runUntil([&closed] { return closed; }, Clock::now() + timeout);
        }
    } catch (const std::exception&) {
        // Closing is best effort; the socket goes away below regardless.
    }
    d.abortAndDrain();
    d.events.clear();
    d.answers.clear();
    d.readError.reset();
}

} // namespace warmline::telephony
