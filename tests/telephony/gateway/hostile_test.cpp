// Hostile and broken clients against a real warmline-gateway: oversized and
// malformed requests, slow-drip headers, bad link frames, a thousand idle
// connections, and a store that runs out of space.

#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/StoreProbe.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace warmline::test;
using warmline::telephony::HttpClientError;
using warmline::telephony::HttpResponse;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kConfigBase = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";

std::string twilioForm(const std::string& sid, const std::string& from, const std::string& body)
{
    return SimpleHttpClient::formEncode({{"MessageSid", sid},
                                         {"AccountSid", "ACsynthetic"},
                                         {"From", from},
                                         {"To", "+15555550199"},
                                         {"Body", body},
                                         {"NumMedia", "0"}});
}

double secondsSince(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// A plain blocking TCP connection to the gateway, for requests no HTTP
/// library would send.
class RawSocket
{
public:
    explicit RawSocket(int port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0) {
            throw std::runtime_error("socket() failed: errno " + std::to_string(errno));
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
            const int e = errno;
            ::close(m_fd);
            throw std::runtime_error("connect() failed: errno " + std::to_string(e));
        }
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~RawSocket()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    /// False when the connection is gone.
    bool send(std::string_view data)
    {
        while (!data.empty()) {
            const auto n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return false;
            }
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    /// Waits up to `timeout` for data or the peer's close. Returns true when
    /// the peer closed (EOF or reset); data that arrives is appended to
    /// received().
    bool waitClosed(std::chrono::milliseconds timeout)
    {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            pollfd p{m_fd, POLLIN, 0};
            const int r = ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(0, left.count())));
            if (r < 0 && errno == EINTR) {
                continue;
            }
            if (r <= 0) {
                return false;
            }
            char buf[4096];
            const auto n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
                return true;
            }
            if (n > 0) {
                m_received.append(buf, static_cast<std::size_t>(n));
            }
        }
    }

    /// Whether the peer has closed, without waiting.
    bool closedNow() { return waitClosed(std::chrono::milliseconds(0)); }

    const std::string& received() const { return m_received; }

private:
    int m_fd = -1;
    std::string m_received;
};

/// A raw WebSocket client on /link, for frames LinkClient would never send.
class RawLink
{
public:
    explicit RawLink(int port) : m_ws(m_ioc)
    {
        m_ws.read_message_max(1024 * 1024);
        const net::ip::tcp::endpoint ep(net::ip::make_address("127.0.0.1"),
                                        static_cast<unsigned short>(port));
        run([&](auto done) { beast::get_lowest_layer(m_ws).async_connect(ep, done); },
            std::chrono::seconds(10));
        if (m_ec) {
            throw std::runtime_error("connect: " + m_ec.message());
        }
        run([&](auto done) { m_ws.async_handshake("127.0.0.1", "/link", done); },
            std::chrono::seconds(10));
        if (m_ec) {
            throw std::runtime_error("handshake: " + m_ec.message());
        }
    }

    bool sendText(const std::string& text)
    {
        m_ws.text(true);
        run([&](auto done) { m_ws.async_write(net::buffer(text), done); },
            std::chrono::seconds(10));
        return !m_ec;
    }

    bool sendBinary(const std::string& bytes)
    {
        m_ws.binary(true);
        run([&](auto done) { m_ws.async_write(net::buffer(bytes), done); },
            std::chrono::seconds(10));
        m_ws.text(true);
        return !m_ec;
    }

    /// The next frame as JSON; nullopt when the link closed or nothing came
    /// in time (see closed() and closeCode()).
    std::optional<json::object> read(std::chrono::milliseconds timeout)
    {
        m_buffer.clear();
        run([&](auto done) { m_ws.async_read(m_buffer, done); }, timeout);
        if (m_ec) {
            // A close frame arrived (the gateway may drop the TCP connection
            // right after it, so echoing the close can fail).
            if (m_ec == websocket::error::closed ||
                m_ws.reason().code != websocket::close_code::none) {
                m_closed = true;
            }
            return std::nullopt;
        }
        return json::parse(beast::buffers_to_string(m_buffer.data())).as_object();
    }

    /// Sends a ping request and returns its answer.
    std::optional<json::object> ping(const std::string& id)
    {
        if (!sendText(R"({"v":1,"id":")" + id + R"(","type":"ping"})")) {
            return std::nullopt;
        }
        return read(std::chrono::seconds(10));
    }

    bool closed() const { return m_closed; }
    int closeCode() const { return m_ws.reason().code; }
    beast::error_code lastError() const { return m_ec; }

private:
    // Runs one asynchronous operation to completion or until `timeout`,
    // then cancels it; the result is in m_ec.
    template <typename Start> void run(Start&& start, std::chrono::milliseconds timeout)
    {
        bool finished = false;
        m_ec = {};
        start([this, &finished](beast::error_code ec, auto&&...) {
            m_ec = ec;
            finished = true;
        });
        m_ioc.restart();
        const auto deadline = Clock::now() + timeout;
        while (!finished && Clock::now() < deadline) {
            m_ioc.run_one_until(deadline);
            if (m_ioc.stopped()) {
                m_ioc.restart();
            }
        }
        if (!finished) {
            beast::get_lowest_layer(m_ws).cancel();
            m_ioc.restart();
            while (!finished) {
                m_ioc.run_one();
            }
            m_ec = beast::error::timeout;
        }
    }

    net::io_context m_ioc;
    websocket::stream<beast::tcp_stream> m_ws;
    beast::flat_buffer m_buffer;
    beast::error_code m_ec;
    bool m_closed = false;
};

std::string statusLine(const std::string& response)
{
    return response.substr(0, response.find("\r\n"));
}

/// VmRSS of a process in KiB, or -1.
long rssKiB(pid_t pid)
{
    std::istringstream in(readFile("/proc/" + std::to_string(pid) + "/status"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return -1;
}

/// The value of an unlabelled metric from /metrics, or -1.
double metric(SimpleHttpClient& client, const std::string& name)
{
    const auto r = client.get("/metrics");
    std::istringstream in(r.body);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(name + " ", 0) == 0) {
            return std::stod(line.substr(name.size() + 1));
        }
    }
    return -1;
}

} // namespace

TEST_CASE("hostile HTTP requests get 4xx and store nothing while the gateway keeps serving",
          "[gateway][hostile][e2e]")
{
    GatewayOptions options;
    options.configExtra = "max_body_bytes = 4096\n" + kConfigBase;
    GatewayProcess gateway(options);
    const auto db = gateway.dataDir() / "warmline.db";
    SimpleHttpClient client(gateway.url(), 10s);

    SECTION("a body over http.max_body_bytes gets 413")
    {
        // Over the limit but small enough to sit in the socket buffers, so
        // the client reads the answer rather than a reset.
        auto r = client.postForm("/sms/twilio",
                                 twilioForm("SMtoolarge1", "+15555550101", std::string(6000, 'x')));
        CHECK(r.status == 413);
        CHECK(r.body.find("4096") != std::string::npos);

        // A Content-Length far over the limit is refused from the header.
        RawSocket raw(gateway.port());
        REQUIRE(raw.send("POST /sms/twilio HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Content-Type: application/x-www-form-urlencoded\r\n"
                         "Content-Length: 100000000\r\n\r\nMessageSid=SMtoolarge2&"));
        CHECK(raw.waitClosed(10s));
        CHECK(statusLine(raw.received()) == "HTTP/1.1 413 Payload Too Large");

        const auto stored = inboundByProviderId(db);
        CHECK_FALSE(stored.contains("SMtoolarge1"));
        CHECK_FALSE(stored.contains("SMtoolarge2"));
    }

    SECTION("invalid UTF-8 in Body gets 400 with the reason")
    {
        const auto r =
            client.postForm("/sms/twilio", twilioForm("SMbadutf8", "+15555550102", "caf\xC3("));
        CHECK(r.status == 400);
        CHECK(r.body.find("Body") != std::string::npos);
        CHECK(r.body.find("UTF-8") != std::string::npos);
        CHECK_FALSE(inboundByProviderId(db).contains("SMbadutf8"));
    }

    SECTION("malformed HTTP gets 400")
    {
        RawSocket notHttp(gateway.port());
        REQUIRE(notHttp.send("THIS IS NOT HTTP AT ALL\r\n\r\n"));
        CHECK(notHttp.waitClosed(10s));
        CHECK(statusLine(notHttp.received()) == "HTTP/1.1 400 Bad Request");
        CHECK(notHttp.received().find("Malformed HTTP request") != std::string::npos);

        RawSocket badLength(gateway.port());
        REQUIRE(badLength.send("POST /sms/twilio HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Type: application/x-www-form-urlencoded\r\n"
                               "Content-Length: banana\r\n\r\nMessageSid=SMbadlength"));
        CHECK(badLength.waitClosed(10s));
        CHECK(statusLine(badLength.received()) == "HTTP/1.1 400 Bad Request");
        CHECK_FALSE(inboundByProviderId(db).contains("SMbadlength"));
    }

    SECTION("a missing field gets 400 naming it")
    {
        const std::vector<std::pair<std::string, std::string>> full{{"MessageSid", "SMmissing1"},
                                                                    {"From", "+15555550103"},
                                                                    {"To", "+15555550199"},
                                                                    {"Body", "synthetic text"}};
        for (std::size_t leaveOut = 0; leaveOut < full.size(); ++leaveOut) {
            warmline::telephony::HttpHeaders fields;
            for (std::size_t i = 0; i < full.size(); ++i) {
                if (i != leaveOut) {
                    fields.push_back(full[i]);
                }
            }
            const auto& field = full[leaveOut].first;
            INFO("without " << field);
            const auto r = client.postForm("/sms/twilio", SimpleHttpClient::formEncode(fields));
            CHECK(r.status == 400);
            CHECK(r.body.find(field) != std::string::npos);
        }
        // Not a form at all.
        const auto r =
            client.request("POST", "/sms/twilio", R"({"MessageSid":"SMjson"})", "application/json");
        CHECK(r.status == 415);
        CHECK(inboundByProviderId(db).empty());
    }

    // Whatever came before, the gateway still serves, on a fresh connection
    // and on the kept-alive one.
    SimpleHttpClient fresh(gateway.url(), 10s);
    const auto ok = fresh.postForm("/sms/twilio", twilioForm("SMafter", "+15555550104", "hello"));
    CHECK(ok.status == 200);
    CHECK(client.get("/healthz").status == 200);
    CHECK(inboundByProviderId(db).contains("SMafter"));
    CHECK(gateway.running());
}

TEST_CASE("a slow-drip client is cut off after http.header_timeout while others are served",
          "[gateway][hostile][slowloris][e2e]")
{
    GatewayOptions options;
    options.configExtra = "header_timeout = 2s\n" + kConfigBase;
    GatewayProcess gateway(options);

    const std::string header = "POST /sms/twilio HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Type: application/x-www-form-urlencoded\r\n";
    RawSocket slow(gateway.port());
    const auto connected = Clock::now();
    std::optional<double> closedAfter;
    std::size_t sent = 0;
    std::thread drip([&] {
        // One header byte a second; the wait between bytes also watches for
        // the gateway closing the connection.
        while (sent < header.size()) {
            if (!slow.send(std::string_view(header).substr(sent, 1))) {
                closedAfter = secondsSince(connected);
                return;
            }
            ++sent;
            if (slow.waitClosed(1s)) {
                closedAfter = secondsSince(connected);
                return;
            }
        }
    });

    // Meanwhile a normal client is served promptly, several times.
    SimpleHttpClient client(gateway.url(), 10s);
    bool servedWhileSlowConnected = false;
    double slowest = 0;
    for (int i = 0; i < 5; ++i) {
        const auto t = Clock::now();
        const auto r = client.postForm(
            "/sms/twilio", twilioForm("SMslow" + std::to_string(i), "+15555550105", "hi there"));
        CHECK(r.status == 200);
        CHECK(client.get("/healthz").status == 200);
        slowest = std::max(slowest, secondsSince(t));
        if (i == 0) {
            // Served before the slow client's header timeout could expire.
            servedWhileSlowConnected = secondsSince(connected) < 1.5;
        }
    }
    drip.join();
    INFO("slowest normal exchange " << slowest << " s; slow client sent " << sent << " bytes");
    CHECK(servedWhileSlowConnected);
    CHECK(slowest < 1.5);
    REQUIRE(closedAfter.has_value());
    // Cut off at the 2 s header timeout, not before, and well before it
    // could have finished its header.
    CHECK(*closedAfter >= 1.5);
    CHECK(*closedAfter < 6.0);
    CHECK(sent < header.size());
    // The gateway sent nothing to the slow client: a timeout gets no answer.
    CHECK(slow.received().empty());
    CHECK(client.get("/healthz").status == 200);
}

TEST_CASE(
    "bad link frames get errors on a link that survives and an oversized one closes it with 1009",
    "[gateway][hostile][link][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfigBase + "[link]\nmax_message_bytes = 4096\n";
    GatewayProcess gateway(options);
    gateway.addOperator("root", "admin", "admin-password-123");
    gateway.start();

    RawLink link(gateway.port());
    REQUIRE(link.sendText(
        R"({"v":1,"id":"login","type":"login","name":"root","password":"admin-password-123"})"));
    auto answer = link.read(10s);
    REQUIRE(answer);
    REQUIRE(answer->at("type") == "ack");

    auto expectErrorThenPing = [&](const std::string& what, const json::value& re,
                                   const std::string& code) {
        INFO(what);
        const auto error = link.read(10s);
        REQUIRE(error);
        CHECK(error->at("type") == "error");
        CHECK(error->at("re") == re);
        CHECK(error->at("code") == json::value(code));
        CHECK(!error->at("message").as_string().empty());
        const auto pong = link.ping("ping-" + what);
        REQUIRE(pong);
        CHECK(pong->at("type") == "ack");
        CHECK(pong->at("re") == json::value("ping-" + what));
        CHECK(pong->at("data").as_object().contains("time"));
    };

    REQUIRE(link.sendText(R"({"v":1,"id":"x","type":)"));
    expectErrorThenPing("malformed-json", nullptr, "bad_request");

    REQUIRE(link.sendBinary(std::string("\x00\x01\x02\xff", 4)));
    expectErrorThenPing("binary", nullptr, "bad_request");

    REQUIRE(link.sendText(R"({"v":1,"id":"u1","type":"contact.teleport"})"));
    expectErrorThenPing("unknown-command", "u1", "bad_request");

    REQUIRE(link.sendText(R"({"v":2,"id":"v2","type":"ping"})"));
    expectErrorThenPing("wrong-version", "v2", "unsupported_version");

    // Over link.max_message_bytes: the gateway closes with 1009.
    const std::string big =
        R"({"v":1,"id":"big","type":"ping","pad":")" + std::string(8000, 'a') + R"("})";
    link.sendText(big);
    const auto after = link.read(10s);
    CHECK_FALSE(after);
    INFO("read ended with: " << link.lastError().message());
    CHECK(link.closed());
    CHECK(link.closeCode() == 1009);

    // The gateway itself is fine.
    RawLink other(gateway.port());
    const auto pong = other.ping("p");
    REQUIRE(pong);
    CHECK(pong->at("type") == "ack");
}

TEST_CASE("a thousand idle connections do not starve webhooks or bloat the gateway",
          "[gateway][hostile][idle][e2e]")
{
    constexpr int kIdle = 1000;
    // The gateway inherits our descriptor limit: it needs one per connection.
    rlimit limit{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
    limit.rlim_cur = limit.rlim_max;
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
    REQUIRE(limit.rlim_cur >= static_cast<rlim_t>(kIdle + 200));

    GatewayOptions options;
    // Idle connections are cut at the header timeout; keep them for the test.
    options.configExtra = "header_timeout = 120s\n" + kConfigBase;
    GatewayProcess gateway(options);
    SimpleHttpClient client(gateway.url(), 10s);
    REQUIRE(client.get("/healthz").status == 200);
    const long rssBefore = rssKiB(gateway.process()->pid());

    std::vector<std::unique_ptr<RawSocket>> idle;
    idle.reserve(kIdle);
    for (int i = 0; i < kIdle; ++i) {
        idle.push_back(std::make_unique<RawSocket>(gateway.port()));
    }
    // All accepted (the count includes the metrics request itself).
    double open = 0;
    CHECK(waitFor(
        [&] {
            open = metric(client, "warmline_http_connections");
            return open >= kIdle + 1;
        },
        30s, 50ms));
    INFO("gateway connections: " << open);

    auto t = Clock::now();
    const auto health = client.get("/healthz");
    const double healthSeconds = secondsSince(t);
    CHECK(health.status == 200);
    SimpleHttpClient fresh(gateway.url(), 10s);
    t = Clock::now();
    const auto hook =
        fresh.postForm("/sms/twilio", twilioForm("SMidle1", "+15555550106", "still there?"));
    const double hookSeconds = secondsSince(t);
    CHECK(hook.status == 200);
    INFO("healthz " << healthSeconds << " s, webhook " << hookSeconds << " s");
    CHECK(healthSeconds < 2.0);
    CHECK(hookSeconds < 2.0);

    // Each idle connection costs a socket, a suspended coroutine and its
    // read buffer: a few KiB to a few tens of KiB. The growth is what is
    // checked, not the total: a sanitizer build maps hundreds of MB of
    // shadow memory before the first connection. Under 50 KiB each (50 MB
    // for all); a leak or a per-connection megabyte would not be.
    const long rss = rssKiB(gateway.process()->pid());
    INFO("gateway VmRSS " << rssBefore << " KiB before, " << rss << " KiB with " << kIdle
                          << " idle connections");
    REQUIRE(rssBefore > 0);
    REQUIRE(rss > 0);
    CHECK(rss - rssBefore < 50 * kIdle);

    // They were held, not dropped.
    int closed = 0;
    for (auto& s : idle) {
        closed += s->closedNow() ? 1 : 0;
    }
    CHECK(closed == 0);
    CHECK(gateway.running());
}

TEST_CASE("running out of file descriptors neither spins nor floods the log and the gateway "
          "recovers",
          "[gateway][hostile][fds][e2e]")
{
    GatewayOptions options;
    options.configExtra = kConfigBase;
    GatewayProcess gateway(options);
    const pid_t pid = gateway.process()->pid();
    // Far below http.max_connections: accept() itself fails with EMFILE.
    constexpr int kGatewayFdLimit = 64;
    rlimit low{};
    REQUIRE(::prlimit(pid, RLIMIT_NOFILE, nullptr, &low) == 0);
    low.rlim_cur = kGatewayFdLimit;
    REQUIRE(::prlimit(pid, RLIMIT_NOFILE, &low, nullptr) == 0);

    auto acceptFailures = [&] {
        const auto log = gateway.log();
        std::size_t n = 0;
        for (auto at = log.find("accept failed"); at != std::string::npos;
             at = log.find("accept failed", at + 1)) {
            ++n;
        }
        return n;
    };

    std::vector<std::unique_ptr<RawSocket>> held;
    for (int i = 0; i < kGatewayFdLimit + 40; ++i) {
        held.push_back(std::make_unique<RawSocket>(gateway.port()));
    }
    REQUIRE(waitFor([&] { return acceptFailures() > 0; }, 10s));
    // Out of descriptors, the gateway waits for one to free up rather than
    // retrying accept() in a tight loop that logs each failure.
    CHECK_FALSE(waitFor([&] { return acceptFailures() > 20; }, 1500ms));
    INFO("accept failures logged: " << acceptFailures());
    CHECK(acceptFailures() <= 20);

    // The connections go away; the gateway serves again, backlog included.
    held.clear();
    std::optional<int> health;
    CHECK(waitFor(
        [&] {
            try {
                SimpleHttpClient fresh(gateway.url(), 2s);
                health = fresh.get("/healthz").status;
            } catch (const HttpClientError&) {
                health.reset();
            }
            return health == 200;
        },
        20s));
    SimpleHttpClient client(gateway.url(), 10s);
    CHECK(
        client.postForm("/sms/twilio", twilioForm("SMfds1", "+15555550107", "back again")).status ==
        200);
    CHECK(gateway.running());
}

TEST_CASE("a full store answers 503 with Retry-After and loses nothing it answered 200",
          "[gateway][hostile][store][e2e]")
{
    GatewayOptions options;
    options.configExtra = kConfigBase + "[store]\nmax_pages = 60\n";
    GatewayProcess gateway(options);
    const auto db = gateway.dataDir() / "warmline.db";
    SimpleHttpClient client(gateway.url(), 10s);

    std::vector<std::string> answered;
    std::optional<HttpResponse> refused;
    // 60 pages of 4 KiB hold well under 60 texts of 8 KiB.
    for (int i = 0; i < 400 && !refused; ++i) {
        const std::string sid = "SMfull" + std::to_string(i);
        char from[16];
        std::snprintf(from, sizeof from, "+1555555%04d", 100 + i % 20);
        const auto r = client.postForm(
            "/sms/twilio",
            twilioForm(sid, from, std::string(8000, static_cast<char>('a' + i % 26))));
        if (r.status == 200) {
            answered.push_back(sid);
        } else {
            refused = r;
        }
    }
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(refused->header("Retry-After").has_value());
    CHECK(!answered.empty());

    // Still full, still honest: a few pages may come free as jobs roll back,
    // but more texts soon meet the limit again, and every one answered 200
    // is on disk exactly once.
    std::optional<HttpResponse> again;
    for (int i = 0; i < 40 && !again; ++i) {
        const std::string sid = "SMfullagain" + std::to_string(i);
        const auto r =
            client.postForm("/sms/twilio", twilioForm(sid, "+15555550150", std::string(8000, 'z')));
        if (r.status == 200) {
            answered.push_back(sid);
        } else {
            again = r;
        }
    }
    REQUIRE(again);
    CHECK(again->status == 503);
    CHECK(again->header("Retry-After").has_value());

    const auto stored = inboundByProviderId(db);
    for (const auto& sid : answered) {
        INFO(sid);
        CHECK(stored.contains(sid));
    }
    CHECK(std::all_of(stored.begin(), stored.end(), [](const auto& s) { return s.second == 1; }));
    CHECK(client.get("/healthz").status == 200);
    SimpleHttpClient fresh(gateway.url(), 10s);
    CHECK(fresh.get("/healthz").status == 200);
    CHECK(gateway.running());
}
