// Bad link frames against a real warmline-gateway, sent by a raw WebSocket
// client: each gets an error on a link that survives, and an oversized one
// closes it with 1009.

#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "telephony/gateway/HostileClient.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

using namespace warmline::test;
namespace json = boost::json;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using Clock = std::chrono::steady_clock;

namespace {

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

} // namespace

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
