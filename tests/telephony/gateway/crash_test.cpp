// Crash recovery: kill -9 the gateway while carriers are posting webhooks,
// then check "on disk before 200" and idempotency on the restarted gateway.

#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/StoreProbe.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace warmline::test;
using warmline::telephony::HttpClientError;
using warmline::telephony::SimpleHttpClient;

namespace {

constexpr int kMessages = 5000;
constexpr int kKillAfter = 2000;
constexpr int kThreads = 8;
constexpr int kCallers = 50;

std::string sidOf(int i)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "SMcrash%06d", i);
    return buf;
}

std::string webhookBody(int i)
{
    // Synthetic callers +1 555 555 0100..0149 texting the line at 0199.
    char from[16];
    std::snprintf(from, sizeof from, "+1555555%04d", 100 + i % kCallers);
    return SimpleHttpClient::formEncode({{"MessageSid", sidOf(i)},
                                         {"AccountSid", "ACsynthetic"},
                                         {"From", from},
                                         {"To", "+15555550199"},
                                         {"Body", "synthetic crash-test text " + std::to_string(i)},
                                         {"NumMedia", "0"}});
}

struct SendResult
{
    std::vector<int> answered200; ///< indices answered 200
    std::vector<std::string> problems;
};

/// Posts webhooks for indices [0, count) from `threads` keep-alive clients.
/// With `stop` set, a thread quits at its first transport error once *stop is
/// true (the gateway was killed on purpose); any other error is a problem.
SendResult sendWebhooks(const std::string& url, int count, int threads,
                        std::atomic<int>* answeredCounter, const std::atomic<bool>* stop)
{
    SendResult result;
    std::mutex mutex;
    std::atomic<int> next{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            SimpleHttpClient client(url, 20s);
            std::vector<int> ok;
            std::vector<std::string> problems;
            for (;;) {
                const int i = next++;
                if (i >= count) {
                    break;
                }
                try {
                    const auto r = client.postForm("/sms/twilio", webhookBody(i));
                    if (r.status == 200) {
                        ok.push_back(i);
                        if (answeredCounter) {
                            ++*answeredCounter;
                        }
                    } else {
                        problems.push_back(sidOf(i) + ": HTTP " + std::to_string(r.status) + " " +
                                           r.body);
                    }
                } catch (const HttpClientError& e) {
                    if (stop && stop->load()) {
                        break;
                    }
                    problems.push_back(sidOf(i) + ": " + e.what());
                }
            }
            std::lock_guard lock(mutex);
            result.answered200.insert(result.answered200.end(), ok.begin(), ok.end());
            result.problems.insert(result.problems.end(), problems.begin(), problems.end());
        });
    }
    for (auto& w : workers) {
        w.join();
    }
    std::sort(result.answered200.begin(), result.answered200.end());
    return result;
}

} // namespace

TEST_CASE("kill -9 under webhook load loses no answered text and stores none twice",
          "[gateway][crash][e2e]")
{
    GatewayOptions options;
    options.configExtra = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
    GatewayProcess gateway(options);
    const auto db = gateway.dataDir() / "warmline.db";
    const auto started = std::chrono::steady_clock::now();

    // Phase 1: load, and a crash in the middle of it.
    std::atomic<int> answered{0};
    std::atomic<bool> crashed{false};
    SendResult first;
    std::thread load(
        [&] { first = sendWebhooks(gateway.url(), kMessages, kThreads, &answered, &crashed); });
    const bool reached = waitFor([&] { return answered.load() >= kKillAfter; }, 120s, 1ms);
    crashed = true;
    gateway.kill9();
    load.join();
    INFO("gateway log before the crash:\n" << gateway.log());
    REQUIRE(reached);
    CHECK_FALSE(gateway.running());
    for (const auto& p : first.problems) {
        UNSCOPED_INFO(p);
    }
    CHECK(first.problems.empty());
    const auto answeredBeforeCrash = first.answered200.size();
    // The kill landed mid-load: some answered, and not everything was sent.
    CHECK(answeredBeforeCrash >= static_cast<std::size_t>(kKillAfter));
    CHECK(answeredBeforeCrash < static_cast<std::size_t>(kMessages));

    // Phase 2: restart on the same data directory; every 200 is on disk, once.
    gateway.start();
    auto stored = inboundByProviderId(db);
    const auto storedAfterCrash = stored.size();
    std::vector<std::string> missing;
    for (const int i : first.answered200) {
        if (!stored.contains(sidOf(i))) {
            missing.push_back(sidOf(i));
        }
    }
    INFO(missing.size() << " answered texts missing from the store"
                        << (missing.empty() ? std::string() : ", e.g. " + missing.front()));
    CHECK(missing.empty());
    std::vector<std::string> twice;
    for (const auto& [sid, n] : stored) {
        if (n != 1) {
            twice.push_back(sid);
        }
    }
    CHECK(twice.empty());
    // Texts committed but not yet answered may be stored too; nothing else.
    CHECK(stored.size() >= answeredBeforeCrash);
    CHECK(stored.size() <= static_cast<std::size_t>(kMessages));
    CHECK(std::all_of(stored.begin(), stored.end(),
                      [](const auto& s) { return s.first.rfind("SMcrash", 0) == 0; }));

    // Phase 3: the carrier retries everything; each is answered 200, stored once.
    const auto second = sendWebhooks(gateway.url(), kMessages, kThreads, nullptr, nullptr);
    for (const auto& p : second.problems) {
        UNSCOPED_INFO(p);
    }
    CHECK(second.problems.empty());
    CHECK(second.answered200.size() == static_cast<std::size_t>(kMessages));

    stored = inboundByProviderId(db);
    CHECK(stored.size() == static_cast<std::size_t>(kMessages));
    CHECK(std::all_of(stored.begin(), stored.end(), [](const auto& s) { return s.second == 1; }));
    CHECK(inboundCount(db) == kMessages);
    CHECK(gateway.running());

    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    WARN("crash test: " << answeredBeforeCrash << " answered before the kill, " << storedAfterCrash
                        << " stored after the restart, " << stored.size() << " after the resend; "
                        << seconds << " s");
}
