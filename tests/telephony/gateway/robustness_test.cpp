// Failures inside the gateway cost one request, not the gateway: a store
// completion, a link handler or a timer that throws (made to, through the
// test-only debug.fault command), and a store too slow for a webhook's
// commit deadline.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/StoreProbe.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>

using namespace warmline::test;
using warmline::link::ErrorCode;
using warmline::link::ServerFrame;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kConfigBase = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
const std::string kBody = "synthetic words that must never be logged";
const std::string kFrom = "+15555550142";

std::string twilioForm(const std::string& sid)
{
    return SimpleHttpClient::formEncode({{"MessageSid", sid},
                                         {"AccountSid", "ACsynthetic"},
                                         {"From", kFrom},
                                         {"To", "+15555550199"},
                                         {"Body", kBody},
                                         {"NumMedia", "0"}});
}

double metric(SimpleHttpClient& client, const std::string& name)
{
    std::istringstream in(client.get("/metrics").body);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(name + " ", 0) == 0) {
            return std::stod(line.substr(name.size() + 1));
        }
    }
    return -1;
}

} // namespace

TEST_CASE("a throwing completion, handler or timer costs one request and the gateway serves on",
          "[gateway][faults][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.env = {{"WARMLINE_TEST_FAULTS", "1"}};
    options.configExtra = kConfigBase;
    GatewayProcess gateway(options);
    gateway.addOperator("root", "admin", "admin-password-123");
    gateway.start();
    const auto db = gateway.dataDir() / "warmline.db";
    OperatorLink link(gateway.linkUrl(), "root", "admin-password-123");
    SimpleHttpClient client(gateway.url(), 10s);

    // A store job's completion throws: this request gets an error...
    const auto completion = link.raw("debug.fault", {{"at", "completion"}});
    CHECK(completion.kind == ServerFrame::Kind::Error);
    CHECK(completion.code == ErrorCode::Internal);
    // ...and the same link goes on.
    CHECK(link.call("ping").contains("time"));

    const auto handler = link.raw("debug.fault", {{"at", "handler"}});
    CHECK(handler.kind == ServerFrame::Kind::Error);
    CHECK(handler.code == ErrorCode::Internal);

    // A timer's handler throws straight into the event loop.
    CHECK(link.call("debug.fault", {{"at", "timer"}}).at("armed") == "timer");
    CHECK(waitFor([&] { return gateway.log().find("injected fault (timer)") != std::string::npos; },
                  10s));
    REQUIRE(gateway.running());
    CHECK(link.call("ping").contains("time"));
    CHECK(client.get("/healthz").status == 200);

    // The next webhook's completion throws after its commit: the carrier
    // gets 503 and retries; the retry is a duplicate (200), stored once, and
    // its contact reaches the queue.
    CHECK(link.call("debug.fault", {{"at", "ingest"}}).at("armed") == "ingest");
    const auto failed = client.postForm("/sms/twilio", twilioForm("SMfault1"));
    CHECK(failed.status == 503);
    CHECK(failed.header("Retry-After").has_value());
    const auto retried = client.postForm("/sms/twilio", twilioForm("SMfault1"));
    CHECK(retried.status == 200);
    CHECK(inboundByProviderId(db)["SMfault1"] == 1);
    link.waitEvent(
        "contact.queued", [](const json::object&) { return true; }, 10s);

    // Everything else still works: a new text, a new link, the old link.
    CHECK(client.postForm("/sms/twilio", twilioForm("SMfault2")).status == 200);
    CHECK(inboundByProviderId(db)["SMfault2"] == 1);
    OperatorLink second(gateway.linkUrl(), "root", "admin-password-123");
    CHECK(second.call("queue.snapshot").contains("queue"));
    CHECK(link.call("ping").contains("time"));
    CHECK(gateway.running());

    // Each failure was logged, without the text's words or the number.
    const auto log = gateway.log();
    CHECK(log.find("injected fault (store completion)") != std::string::npos);
    CHECK(log.find("injected fault (link handler)") != std::string::npos);
    CHECK(log.find("injected fault (webhook completion)") != std::string::npos);
    CHECK(log.find(kBody) == std::string::npos);
    CHECK(log.find(kFrom) == std::string::npos);
    CHECK(log.find(kFrom.substr(1)) == std::string::npos);
}

TEST_CASE("debug.fault does not exist without WARMLINE_TEST_FAULTS=1", "[gateway][faults][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfigBase;
    GatewayProcess gateway(options);
    gateway.addOperator("root", "admin", "admin-password-123");
    gateway.start();
    OperatorLink link(gateway.linkUrl(), "root", "admin-password-123");
    const auto r = link.raw("debug.fault", {{"at", "handler"}});
    CHECK(r.kind == ServerFrame::Kind::Error);
    CHECK(r.code == ErrorCode::BadRequest);
    CHECK(gateway.log().find("debug.fault") == std::string::npos);
}

TEST_CASE("a webhook whose commit misses http.webhook_commit_timeout gets 503 and its retry is "
          "idempotent",
          "[gateway][store][deadline][e2e]")
{
    GatewayOptions options;
    options.configExtra = "webhook_commit_timeout = 500ms\n" + kConfigBase;
    GatewayProcess gateway(options);
    const auto db = gateway.dataDir() / "warmline.db";
    SimpleHttpClient client(gateway.url(), 10s);
    REQUIRE(client.postForm("/sms/twilio", twilioForm("SMbefore")).status == 200);

    {
        // The store is stuck (its write lock held elsewhere, as a disk that
        // takes seconds to flush would hold it).
        StoreWriteLock stuck(db);
        const auto t = Clock::now();
        const auto r = client.postForm("/sms/twilio", twilioForm("SMslow1"));
        const double seconds = std::chrono::duration<double>(Clock::now() - t).count();
        INFO("answered after " << seconds << " s");
        CHECK(r.status == 503);
        CHECK(r.header("Retry-After").has_value());
        CHECK(seconds >= 0.4);
        CHECK(seconds < 3.0);
        // Nothing half-stored, and the gateway serves meanwhile.
        CHECK_FALSE(inboundByProviderId(db).contains("SMslow1"));
        CHECK(client.get("/healthz").status == 200);
    }
    // The store moves again: the job commits whole.
    CHECK(waitFor([&] { return inboundByProviderId(db).contains("SMslow1"); }, 10s));
    // The carrier's retry is a duplicate: 200, still one row.
    CHECK(client.postForm("/sms/twilio", twilioForm("SMslow1")).status == 200);
    const auto stored = inboundByProviderId(db);
    CHECK(stored.at("SMslow1") == 1);
    CHECK(stored.at("SMbefore") == 1);
    CHECK(metric(client, "warmline_webhook_commit_timeouts_total") == 1);
    CHECK(gateway.running());
}
