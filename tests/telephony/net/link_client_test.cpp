// LinkClient and warmlinectl against a scripted fake gateway in the test:
// answers, queued events, timeouts, closed links, exit codes and the
// session file.

#include "core/link/LinkCodec.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

using namespace warmline;
using namespace warmline::test;
using telephony::LinkClient;
using telephony::LinkTransportError;
using Clock = std::chrono::steady_clock;

namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace json = boost::json;
using tcp = net::ip::tcp;

/// What the fake gateway sends back for a request; an empty list: silence.
/// `closeAfter` closes the link after sending.
struct Reply
{
    std::vector<std::string> frames;
    bool closeAfter = false;
};
using Script = std::function<Reply(const link::Request&)>;

json::object objectOf(std::string_view text)
{
    return json::parse(text).as_object();
}

/// A WebSocket server on 127.0.0.1 that answers link requests from a script.
/// Its io_context runs on its own thread; requests() is safe from the test.
class FakeGateway
{
public:
    explicit FakeGateway(Script script)
        : m_acceptor(m_ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)),
          m_script(std::move(script))
    {
        accept();
        m_thread = std::thread([this] { m_ioc.run(); });
    }
    ~FakeGateway()
    {
        m_ioc.stop();
        m_thread.join();
    }
    FakeGateway(const FakeGateway&) = delete;
    FakeGateway& operator=(const FakeGateway&) = delete;

    std::string linkUrl() const
    {
        return "ws://127.0.0.1:" + std::to_string(m_acceptor.local_endpoint().port()) + "/link";
    }
    std::vector<json::object> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    struct Connection : std::enable_shared_from_this<Connection>
    {
        Connection(tcp::socket s, FakeGateway& g) : ws(std::move(s)), owner(g) {}

        void start()
        {
            ws.async_accept([self = shared_from_this()](beast::error_code ec) {
                if (!ec) {
                    self->read();
                }
            });
        }
        void read()
        {
            ws.async_read(buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
                if (!ec) {
                    self->onFrame();
                }
            });
        }
        void onFrame()
        {
            const auto text = beast::buffers_to_string(buffer.data());
            buffer.consume(buffer.size());
            std::optional<std::string> id;
            const auto request = link::parseRequest(text, id);
            {
                std::lock_guard lock(owner.m_mutex);
                owner.m_requests.push_back(request.params);
            }
            auto reply = owner.m_script(request);
            for (auto& f : reply.frames) {
                outbox.push_back(std::move(f));
            }
            closeWhenSent = reply.closeAfter;
            flush();
            read();
        }
        void flush()
        {
            if (writing) {
                return;
            }
            if (outbox.empty()) {
                if (closeWhenSent) {
                    closeWhenSent = false;
                    ws.async_close(websocket::close_code::going_away,
                                   [self = shared_from_this()](beast::error_code) {});
                }
                return;
            }
            writing = true;
            ws.text(true);
            ws.async_write(net::buffer(outbox.front()),
                           [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               self->writing = false;
                               self->outbox.pop_front();
                               if (!ec) {
                                   self->flush();
                               }
                           });
        }

        websocket::stream<beast::tcp_stream> ws;
        FakeGateway& owner;
        beast::flat_buffer buffer;
        std::deque<std::string> outbox;
        bool writing = false;
        bool closeWhenSent = false;
    };

    void accept()
    {
        m_acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec) {
                return;
            }
            std::make_shared<Connection>(std::move(socket), *this)->start();
            accept();
        });
    }

    net::io_context m_ioc;
    tcp::acceptor m_acceptor;
    Script m_script;
    mutable std::mutex m_mutex;
    std::vector<json::object> m_requests;
    std::thread m_thread;
};

std::string event(std::uint64_t seq, std::string_view name)
{
    json::object data;
    data["n"] = seq;
    return link::eventFrame("e1", seq, name, data);
}

/// The gateway of these tests: sam/sam-password-123 logs in as an operator;
/// "contact.accept" is forbidden; "slow" is never answered; "bye" closes.
Reply script(const link::Request& r)
{
    if (r.type == "ping") {
        return {{event(5, "contact.queued"), link::ackFrame(r.id, objectOf(R"({"time":1})"))}};
    }
    if (r.type == "login") {
        if (link::optionalString(r.params, "password") != "sam-password-123") {
            return {{link::errorFrame(r.id, link::ErrorCode::BadCredentials, "Wrong password.")}};
        }
        return {{link::ackFrame(r.id, objectOf(R"({"token":"0123abcd","operator":{"id":3,)"
                                               R"("name":"sam"},"epoch":"e1","seq":4})"))}};
    }
    if (r.type == "resume") {
        if (link::optionalString(r.params, "token") != "0123abcd") {
            return {{link::errorFrame(r.id, link::ErrorCode::Unauthenticated, "Log in again.")}};
        }
        const auto seq = link::optionalInt(r.params, "seq").value_or(0);
        Reply reply{
            {link::ackFrame(r.id, objectOf(R"({"epoch":"e1","seq":7,"resync":"replay"})"))}};
        for (auto s = seq + 1; s <= 7; ++s) {
            reply.frames.push_back(event(static_cast<std::uint64_t>(s), "contact.updated"));
        }
        return reply;
    }
    if (r.type == "queue.snapshot") {
        return {{link::ackFrame(r.id, objectOf(R"({"queue":[],"mine":[]})"))}};
    }
    if (r.type == "contact.accept") {
        return {{link::errorFrame(r.id, link::ErrorCode::Forbidden, "Set presence first.")}};
    }
    if (r.type == "contact.get") {
        return {{link::errorFrame(r.id, link::ErrorCode::NotFound, "No such contact.")}};
    }
    if (r.type == "slow") {
        return {};
    }
    if (r.type == "bye") {
        return {{}, true};
    }
    return {{link::ackFrame(r.id, {})}};
}

} // namespace

TEST_CASE("LinkClient matches answers to requests and queues events", "[link-client]")
{
    FakeGateway gateway(script);
    LinkClient client;
    client.connect(gateway.linkUrl(), 5s);
    REQUIRE(client.isOpen());

    const auto ack = client.request("ping", {}, 5s);
    CHECK(ack.kind == link::ServerFrame::Kind::Ack);
    CHECK(ack.data.at("time").as_int64() == 1);
    const auto queued = client.nextEvent(0ms);
    REQUIRE(queued);
    CHECK(queued->name == "contact.queued");
    CHECK(queued->seq == 5);

    const auto error = client.request("contact.get", objectOf(R"({"contactId":9})"), 5s);
    CHECK(error.kind == link::ServerFrame::Kind::Error);
    CHECK(error.code == link::ErrorCode::NotFound);

    const auto requests = gateway.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].at("v").as_int64() == 1);
    CHECK(requests[0].at("id") != requests[1].at("id"));
    CHECK(requests[1].at("contactId").as_int64() == 9);
}

TEST_CASE("LinkClient waits are bounded and leave the link usable", "[link-client]")
{
    FakeGateway gateway(script);
    LinkClient client;
    client.connect(gateway.linkUrl(), 5s);

    auto start = Clock::now();
    CHECK_FALSE(client.nextEvent(200ms));
    CHECK(Clock::now() - start >= 190ms);
    CHECK(Clock::now() - start < 3s);

    start = Clock::now();
    try {
        client.request("slow", {}, 300ms);
        FAIL("expected a timeout");
    } catch (const LinkTransportError& e) {
        CHECK(e.kind() == LinkTransportError::Kind::Timeout);
    }
    CHECK(Clock::now() - start < 3s);
    CHECK(client.request("queue.snapshot", {}, 5s).kind == link::ServerFrame::Kind::Ack);
}

TEST_CASE("LinkClient reports a closed link, a refused connection and a bad URL", "[link-client]")
{
    FakeGateway gateway(script);
    LinkClient client;
    client.connect(gateway.linkUrl(), 5s);
    try {
        client.request("bye", {}, 5s);
        FAIL("expected the link to close");
    } catch (const LinkTransportError& e) {
        CHECK(e.kind() == LinkTransportError::Kind::Closed);
    }
    CHECK_FALSE(client.isOpen());

    try {
        client.connect("ws://127.0.0.1:" + std::to_string(freeTcpPort()) + "/link", 5s);
        FAIL("expected a refused connection");
    } catch (const LinkTransportError& e) {
        CHECK(e.kind() == LinkTransportError::Kind::Connect);
    }
    try {
        client.connect("http://127.0.0.1:1/link", 5s);
        FAIL("expected a bad URL");
    } catch (const LinkTransportError& e) {
        CHECK(e.kind() == LinkTransportError::Kind::BadUrl);
    }
}

TEST_CASE("warmlinectl logs in, keeps a private session and maps errors to exit codes",
          "[ctl][link-client]")
{
    FakeGateway gateway(script);
    TempDir dir;
    const auto session = dir / "conf" / "session.json";
    auto ctl = [&](std::vector<std::string> args, std::optional<std::string> in = std::nullopt,
                   std::vector<std::pair<std::string, std::string>> env = {}) {
        args.insert(args.begin(), {"--session", session.string(), "--gateway", gateway.linkUrl()});
        return runCtl(args, std::move(in), 30s, std::move(env));
    };

    auto r = ctl({"login", "--name", "sam", "--password-stdin"}, std::string("wrong-password\n"));
    CHECK(r.exitCode == 4);
    CHECK(r.err == "warmlinectl: bad_credentials: Wrong password.\n");
    CHECK_FALSE(std::filesystem::exists(session));

    r = ctl({"login", "--name", "sam"}, std::nullopt, {{"WARMLINE_PASSWORD", "sam-password-123"}});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("0123abcd") == std::string::npos); // the token stays in the file
    CHECK(objectOf(r.out).at("operator").at("name") == "sam");
    struct stat st
    {
    };
    REQUIRE(::stat(session.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const auto stored = objectOf(readFile(session));
    CHECK(stored.at("token") == "0123abcd");
    CHECK(stored.at("seq").as_int64() == 4);

    r = ctl({"queue"});
    CHECK(r.exitCode == 0);
    CHECK(r.out == "{\"queue\":[],\"mine\":[]}\n");

    r = ctl({"accept"});
    CHECK(r.exitCode == 5);
    CHECK(r.err == "warmlinectl: forbidden: Set presence first.\n");

    r = ctl({"get", "12"});
    CHECK(r.exitCode == 1);
    CHECK(r.err == "warmlinectl: not_found: No such contact.\n");

    // watch replays seq 5..7 after the stored 4, and remembers where it stopped.
    r = ctl({"watch", "--count", "2", "--timeout", "10"});
    CHECK(r.exitCode == 0);
    REQUIRE(r.out.find('\n') != std::string::npos);
    const auto first = objectOf(r.out.substr(0, r.out.find('\n')));
    CHECK(first.at("seq").as_int64() == 5);
    CHECK(first.at("name") == "contact.updated");
    CHECK(objectOf(readFile(session)).at("seq").as_int64() == 6);

    r = ctl({"watch", "--count", "5", "--timeout", "1"});
    CHECK(r.exitCode == 3);
    CHECK(r.out.find("\"seq\":7") != std::string::npos);
    CHECK(objectOf(readFile(session)).at("seq").as_int64() == 7);

    r = ctl({"logout"});
    CHECK(r.exitCode == 0);
    CHECK_FALSE(std::filesystem::exists(session));
    r = ctl({"queue"});
    CHECK(r.exitCode == 4);
}
