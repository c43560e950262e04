#include "telephony/net/SimpleHttpClient.h"
#include "core/text/Text.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>
#include <functional>

namespace warmline::telephony {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using Kind = HttpClientError::Kind;

bool isUnreserved(unsigned char c)
{
    return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string encode(std::string_view in, bool spaceAsPlus)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(in.size() * 3);
    for (const char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (isUnreserved(c)) {
            out += ch;
        } else if (c == ' ' && spaceAsPlus) {
            out += '+';
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0x0F];
        }
    }
    return out;
}

// A stale kept-alive connection fails like this before any answer arrives;
// such a request never reached the server and may be sent again.
bool isStaleConnection(const beast::error_code& ec)
{
    return ec == http::error::end_of_stream || ec == net::error::connection_reset ||
           ec == net::error::broken_pipe || ec == net::error::eof;
}

} // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const
{
    for (const auto& [key, value] : headers) {
        if (iequalsAscii(key, name)) {
            return value;
        }
    }
    return std::nullopt;
}

struct SimpleHttpClient::Impl
{
    std::string host;
    std::string port;
    std::string hostHeader;
    std::chrono::milliseconds timeout;
    net::io_context ioc;
    std::unique_ptr<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
    bool stepDone = false;
    beast::error_code stepError;
    tcp::resolver::results_type resolved;

    // Runs handlers until the current step completes or the deadline passes;
    // then the socket is closed and the aborted handlers run before return.
    bool runStep(Clock::time_point deadline)
    {
        while (!stepDone) {
            const auto now = Clock::now();
            if (now >= deadline) {
                drop();
                return false;
            }
            if (ioc.stopped()) {
                ioc.restart();
            }
            ioc.run_one_for(deadline - now);
        }
        return true;
    }

    void drop()
    {
        if (stream) {
            stream->close();
        }
        ioc.restart();
        ioc.run_for(std::chrono::seconds(1));
        stream.reset();
        buffer.clear();
    }

    void begin()
    {
        stepDone = false;
        stepError = {};
    }

    void connect(Clock::time_point deadline)
    {
        tcp::resolver resolver(ioc);
        begin();
        resolver.async_resolve(host, port,
                               [this](beast::error_code ec, tcp::resolver::results_type r) {
                                   stepError = ec;
                                   resolved = std::move(r);
                                   stepDone = true;
                               });
        if (!runStep(deadline)) {
            resolver.cancel();
            ioc.restart();
            ioc.run_for(std::chrono::seconds(1));
            throw HttpClientError(Kind::Timeout, "timed out resolving " + host);
        }
        if (stepError) {
            throw HttpClientError(Kind::Connect,
                                  "cannot resolve " + host + ": " + stepError.message());
        }
        stream = std::make_unique<beast::tcp_stream>(ioc);
        begin();
        stream->async_connect(resolved, [this](beast::error_code ec, const tcp::endpoint&) {
            stepError = ec;
            stepDone = true;
        });
        if (!runStep(deadline)) {
            throw HttpClientError(Kind::Timeout, "timed out connecting to " + hostHeader);
        }
        if (stepError) {
            const auto message = "cannot connect to " + hostHeader + ": " + stepError.message();
            drop();
            throw HttpClientError(Kind::Connect, message);
        }
        stream->socket().set_option(tcp::no_delay(true));
    }

    // One exchange on the current connection. Returns false (and drops the
    // connection) when it turned out stale before any answer came.
    bool exchange(http::request<http::string_body>& req, HttpResponse& out,
                  Clock::time_point deadline, bool reused)
    {
        begin();
        http::async_write(*stream, req, [this](beast::error_code ec, std::size_t) {
            stepError = ec;
            stepDone = true;
        });
        if (!runStep(deadline)) {
            throw HttpClientError(Kind::Timeout, "timed out sending to " + hostHeader);
        }
        if (stepError) {
            const auto ec = stepError;
            drop();
            if (reused && isStaleConnection(ec)) {
                return false;
            }
            throw HttpClientError(Kind::Io, "cannot send to " + hostHeader + ": " + ec.message());
        }
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        begin();
        http::async_read(*stream, buffer, parser, [this](beast::error_code ec, std::size_t) {
            stepError = ec;
            stepDone = true;
        });
        if (!runStep(deadline)) {
            throw HttpClientError(Kind::Timeout, "timed out waiting for " + hostHeader);
        }
        if (stepError) {
            const auto ec = stepError;
            drop();
            if (reused && isStaleConnection(ec)) {
                return false;
            }
            throw HttpClientError(Kind::Io, "no answer from " + hostHeader + ": " + ec.message());
        }
        auto res = parser.release();
        out.status = static_cast<int>(res.result_int());
        out.body = std::move(res.body());
        out.headers.clear();
        for (const auto& field : res) {
            out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        }
        if (!res.keep_alive()) {
            drop();
        }
        return true;
    }
};

SimpleHttpClient::SimpleHttpClient(const std::string& baseUrl, std::chrono::milliseconds timeout)
    : m_impl(std::make_unique<Impl>())
{
    auto parsed = boost::urls::parse_uri(baseUrl);
    if (!parsed || parsed->scheme() != "http" || parsed->encoded_host().empty()) {
        throw HttpClientError(Kind::BadUrl, "expected an http://host:port URL, got " + baseUrl);
    }
    const auto& u = *parsed;
    m_impl->host = u.host_type() == boost::urls::host_type::ipv6 ? u.host_ipv6_address().to_string()
                                                                 : std::string(u.host());
    m_impl->port = u.has_port() ? std::string(u.port()) : std::string("80");
    m_impl->hostHeader = u.encoded_host_and_port();
    m_impl->timeout = timeout;
}

SimpleHttpClient::~SimpleHttpClient()
{
    close();
}

HttpResponse SimpleHttpClient::postForm(std::string_view target, const std::string& body,
                                        const HttpHeaders& headers)
{
    return request("POST", target, body, "application/x-www-form-urlencoded", headers);
}

HttpResponse SimpleHttpClient::get(std::string_view target, const HttpHeaders& headers)
{
    return request("GET", target, {}, {}, headers);
}

HttpResponse SimpleHttpClient::request(std::string_view method, std::string_view target,
                                       const std::string& body, std::string_view contentType,
                                       const HttpHeaders& headers)
{
    auto& d = *m_impl;
    const auto deadline = Clock::now() + d.timeout;
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target.empty() ? std::string_view("/") : target);
    req.version(11);
    req.set(http::field::host, d.hostHeader);
    req.set(http::field::user_agent, "warmline-http-client/1");
    req.keep_alive(true);
    for (const auto& [name, value] : headers) {
        req.set(name, value);
    }
    if (!body.empty()) {
        if (!contentType.empty()) {
            req.set(http::field::content_type, contentType);
        }
        req.body() = body;
    }
    req.prepare_payload();

    HttpResponse out;
    const bool reused = d.stream != nullptr;
    if (!reused) {
        d.connect(deadline);
    }
    if (d.exchange(req, out, deadline, reused)) {
        return out;
    }
    d.connect(deadline);
    d.exchange(req, out, deadline, false);
    return out;
}

void SimpleHttpClient::setTimeout(std::chrono::milliseconds timeout)
{
    m_impl->timeout = timeout;
}

void SimpleHttpClient::close()
{
    if (m_impl && m_impl->stream) {
        beast::error_code ec;
        m_impl->stream->socket().shutdown(tcp::socket::shutdown_both, ec);
        m_impl->drop();
    }
}

std::string SimpleHttpClient::percentEncode(std::string_view in)
{
    return encode(in, false);
}

std::string SimpleHttpClient::formEncode(const HttpHeaders& fields)
{
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) {
            out += '&';
        }
        out += encode(name, true);
        out += '=';
        out += encode(value, true);
    }
    return out;
}

} // namespace warmline::telephony
