// warmlinectl without a gateway: usage errors, help, and bounded failures
// when the gateway cannot be reached.

#include "support/GatewayProcess.h"
#include "support/Process.h"

#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

using namespace warmline::test;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kUsage = 2;
constexpr int kUnreachable = 3;
constexpr int kNotAuthenticated = 4;

/// A port that accepts TCP connections (the kernel's backlog) but never
/// answers: a gateway that hangs.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(m_fd, 16) == 0);
        REQUIRE(::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        m_port = ntohs(addr.sin_port);
    }
    ~SilentListener() { ::close(m_fd); }
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;

    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

std::string unusedLink()
{
    return "ws://127.0.0.1:" + std::to_string(freeTcpPort()) + "/link";
}

} // namespace

TEST_CASE("warmlinectl --help lists every command and the exit codes", "[ctl]")
{
    const auto r = runCtl({"--help"});
    CHECK(r.exitCode == 0);
    for (const auto* command : {"login",
                                "logout",
                                "queue",
                                "watch",
                                "accept",
                                "get",
                                "send",
                                "release",
                                "close",
                                "wrapup",
                                "caller",
                                "note",
                                "line",
                                "presence",
                                "ping",
                                "operator list",
                                "operator add",
                                "operator passwd",
                                "operator disable",
                                "operator enable",
                                "operator role",
                                "operator group"}) {
        INFO(command);
        CHECK(r.out.find(std::string("  ") + command) != std::string::npos);
    }
    CHECK(r.out.find("exit codes") != std::string::npos);
}

TEST_CASE("warmlinectl COMMAND --help describes that command", "[ctl]")
{
    const std::vector<std::vector<std::string>> commands{{"login"},
                                                         {"logout"},
                                                         {"queue"},
                                                         {"watch"},
                                                         {"accept"},
                                                         {"get"},
                                                         {"send"},
                                                         {"release"},
                                                         {"close"},
                                                         {"wrapup"},
                                                         {"caller"},
                                                         {"note"},
                                                         {"line"},
                                                         {"presence"},
                                                         {"ping"},
                                                         {"operator", "list"},
                                                         {"operator", "add"},
                                                         {"operator", "passwd"},
                                                         {"operator", "disable"},
                                                         {"operator", "enable"},
                                                         {"operator", "role"},
                                                         {"operator", "group"}};
    for (const auto& words : commands) {
        auto args = words;
        args.push_back("--help");
        const auto r = runCtl(args);
        std::string name = words[0] + (words.size() > 1 ? " " + words[1] : "");
        INFO(name);
        CHECK(r.exitCode == 0);
        CHECK(r.out.rfind("usage: warmlinectl " + name, 0) == 0);
    }
}

TEST_CASE("warmlinectl without a command prints the overview and exits 2", "[ctl]")
{
    const auto r = runCtl({});
    CHECK(r.exitCode == 2);
    CHECK(r.err.rfind("usage: warmlinectl", 0) == 0);
    CHECK(r.out.empty());
}

TEST_CASE("warmlinectl rejects bad usage with exit 2 and a message", "[ctl]")
{
    TempDir dir;
    const auto session = (dir / "session.json").string();
    const std::vector<std::vector<std::string>> cases{
        {"frobnicate"},
        {"send"},
        {"send", "42"},
        {"send", "abc", "hello"},
        {"get"},
        {"get", "0"},
        {"get", "-3"},
        {"accept", "1", "2"},
        {"accept", "x"},
        {"release", "1", "2"},
        {"close", "5"},
        {"close", "5", "--note"},
        {"close", "5", "--note", ""},
        {"presence", "sleepy"},
        {"presence"},
        {"login"},
        {"login", "--name", "bad name!", "--password-stdin"},
        {"queue", "--bogus"},
        {"queue", "extra"},
        {"watch", "--count", "many"},
        {"watch", "--timeout", "-1"},
        {"operator"},
        {"operator", "frob", "x"},
        {"operator", "add", "bob"},
        {"operator", "add", "bob", "--role", "wizard"},
        {"operator", "add", "bob", "--role", "operator", "--capacity", "11"},
        {"operator", "role", "bob"},
        {"operator", "role", "bob", "king"},
        {"operator", "disable"},
        {"--timeout"},
        {"--timeout", "soon", "ping"},
        {"--timeout", "0", "ping"},
        {"--gateway", "http://127.0.0.1:1/link", "ping"},
        {"--gateway", "not a url", "ping"},
    };
    for (const auto& args : cases) {
        auto withSession = args;
        withSession.insert(withSession.begin(), {"--session", session});
        std::string shown;
        for (const auto& a : args) {
            shown += "[" + a + "] ";
        }
        INFO(shown);
        const auto r = runCtl(withSession, std::string("not-a-password-0123\n"), 20s);
        CHECK(r.exitCode == kUsage);
        CHECK(r.err.rfind("warmlinectl: ", 0) == 0);
        CHECK(r.out.empty());
    }
}

TEST_CASE("warmlinectl without a session says so with exit 4", "[ctl]")
{
    TempDir dir;
    const auto session = (dir / "none.json").string();
    for (const auto& command : std::vector<std::vector<std::string>>{
             {"queue"}, {"watch", "--count", "1"}, {"accept"}, {"operator", "list"}}) {
        auto args = command;
        args.insert(args.begin(), {"--session", session, "--gateway", unusedLink()});
        const auto r = runCtl(args);
        INFO(command[0]);
        CHECK(r.exitCode == kNotAuthenticated);
        CHECK(r.err.find("not logged in") != std::string::npos);
    }
}

TEST_CASE("warmlinectl exits 3 when nothing listens on the gateway's port", "[ctl]")
{
    TempDir dir;
    const auto session = (dir / "session.json").string();
    const auto start = Clock::now();
    auto r = runCtl({"--session", session, "--timeout", "5", "--gateway", unusedLink(), "ping"});
    CHECK(r.exitCode == kUnreachable);
    CHECK(r.err.find("cannot reach the gateway") != std::string::npos);

    r = runCtl({"--session", session, "--timeout", "5", "--gateway", unusedLink(), "login",
                "--name", "sam", "--password-stdin"},
               std::string("synthetic-password-1\n"));
    CHECK(r.exitCode == kUnreachable);
    CHECK(Clock::now() - start < 10s);
    // A failed login leaves no session behind.
    CHECK_FALSE(std::filesystem::exists(session));
}

TEST_CASE("warmlinectl gives up on a gateway that never answers within --timeout", "[ctl]")
{
    SilentListener silent;
    TempDir dir;
    const auto link = "ws://127.0.0.1:" + std::to_string(silent.port()) + "/link";
    const auto start = Clock::now();
    const auto r = runCtl(
        {"--session", (dir / "s.json").string(), "--timeout", "1", "--gateway", link, "ping"},
        std::nullopt, 30s);
    const auto elapsed = Clock::now() - start;
    CHECK_FALSE(r.timedOut);
    CHECK(r.exitCode == kUnreachable);
    CHECK(r.err.find("timed out") != std::string::npos);
    CHECK(elapsed >= 900ms);
    CHECK(elapsed < 8s);
}

TEST_CASE("warmlinectl takes WARMLINE_GATEWAY when --gateway is absent", "[ctl]")
{
    TempDir dir;
    const auto link = unusedLink();
    const auto r = runCtl({"--session", (dir / "s.json").string(), "--timeout", "5", "ping"},
                          std::nullopt, 30s, {{"WARMLINE_GATEWAY", link}});
    CHECK(r.exitCode == kUnreachable);
    CHECK(r.err.find(link) != std::string::npos);
}
