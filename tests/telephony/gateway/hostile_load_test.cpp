// Load from hostile clients against a real warmline-gateway: a thousand idle
// connections must not starve webhooks or bloat the gateway, and running out
// of file descriptors must neither spin nor flood the log.

#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "telephony/gateway/HostileClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <chrono>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace warmline::test;
using warmline::telephony::HttpClientError;
using warmline::telephony::SimpleHttpClient;
using Clock = std::chrono::steady_clock;

namespace {

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
