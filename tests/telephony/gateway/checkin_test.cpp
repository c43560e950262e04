// Check-ins a caller asked for (docs/checkins.md) against a real gateway,
// Twilio's webhook format, on the tests' check-in clock
// (WARMLINE_TEST_CHECKIN_CLOCK: a start instant and a speed), so that days
// pass in seconds. "Tuesdays and Fridays at 16:00, America/New_York, five
// times" is scheduled on Monday 2026-10-26; US summer time ends on Sunday
// 2026-11-01, so 16:00 is 20:00 UTC before and 21:00 UTC after. The gateway
// restarts twice, the second time with its clock set back before an
// occurrence it had already queued: each occurrence still comes exactly
// once. One that comes while the caller's conversation is under way joins
// it; one nobody takes is missed and shown to leads; the caller's STOP
// stops the rest, and the contact it lands in is theirs, never "missed".
// Numbers synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

// 2026-10-26T12:00Z (Monday), 2026-10-27T12:00Z.
constexpr std::int64_t kMonday = 1'793'016'000'000;
constexpr std::int64_t kTuesday = 1'793'102'400'000;
constexpr std::int64_t kFriday = 1'793'361'600'000; // 2026-10-30T12:00Z
// The six occurrences, 16:00 in New York: 20:00Z in October, 21:00Z after
// summer time ends.
constexpr std::int64_t kTue27 = 1'793'131'200'000;     // 2026-10-27T20:00Z
constexpr std::int64_t kFri30 = 1'793'390'400'000;     // 2026-10-30T20:00Z
constexpr std::int64_t kTue03 = 1'793'739'600'000;     // 2026-11-03T21:00Z
constexpr std::int64_t kFri06 = 1'793'998'800'000;     // 2026-11-06T21:00Z
constexpr std::int64_t kTue10 = 1'794'344'400'000;     // 2026-11-10T21:00Z
constexpr std::int64_t kAfterLast = 1'794'355'200'000; // 2026-11-11T00:00Z
// One real second is 40,000 on the check-in clock: 11 h 7 min.
constexpr int kRate = 40'000;

std::string clockAt(std::int64_t start, int rate)
{
    return std::to_string(start) + "," + std::to_string(rate);
}

const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n"
                            "[line]\nname = Test Line\nwait_notice = 0\n"
                            "[board]\ncheck_interval = 100ms\n"
                            "[checkins]\nmissed_after = 2d\n";

std::int64_t dueOf(const json::object& e)
{
    return e.at("dueAt").as_int64();
}

/// The times of the checkin.due events `op` has received, in order.
std::vector<std::int64_t> duesSeen(const OperatorLink& op)
{
    std::vector<std::int64_t> dues;
    for (const auto& text : op.eventTexts()) {
        if (text.rfind("checkin.due ", 0) == 0) {
            dues.push_back(dueOf(json::parse(text.substr(12)).as_object()));
        }
    }
    return dues;
}

bool isOutcome(const json::object& e, std::int64_t due, const char* outcome)
{
    return dueOf(e) == due && e.at("outcome") == outcome;
}

} // namespace

TEST_CASE("a recurring check-in across a change of summer time and two restarts comes once each "
          "time, joins a conversation, a missed one reaches the lead, and STOP ends it",
          "[gateway][checkin][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig;
    // Monday noon, at the real pace while it is scheduled.
    options.env = {{"WARMLINE_TEST_CHECKIN_CLOCK", clockAt(kMonday, 1)}};
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    SimpleHttpClient http(gateway.url(), 10s);
    std::int64_t checkInId = 0;
    {
        OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
        sam.call("presence.set", {{"presence", "available"}});
        const std::string first = "synthetic: could someone text me on tuesdays and fridays";
        REQUIRE(postSyntheticText(http, "SMci1", 71, first).status == 200);
        const auto contact = queuedId(sam, first);
        sam.call("contact.accept", {{"contactId", contact}});

        // What the gateway refuses, each with its reason.
        json::object base{{"contactId", contact},
                          {"at", "16:00"},
                          {"days", "tue,fri"},
                          {"zone", "America/New_York"},
                          {"from", "2026-10-27"},
                          {"times", 5},
                          {"reason", "synthetic: a hard stretch at work"},
                          {"consent", true}};
        auto without = base;
        without.erase("consent");
        auto refused = sam.raw("checkin.schedule", without);
        CHECK(refused.code == link::ErrorCode::BadRequest);
        CHECK(refused.message.find("consent") != std::string::npos);
        auto byCall = base;
        byCall["channel"] = "call";
        CHECK(sam.raw("checkin.schedule", byCall).message.find("sip.trunk_uri") !=
              std::string::npos);
        auto badZone = base;
        badZone["zone"] = "Mars/Olympus";
        CHECK(sam.raw("checkin.schedule", badZone).message.find("Mars/Olympus") !=
              std::string::npos);
        auto endless = base;
        endless.erase("times");
        CHECK(sam.raw("checkin.schedule", endless).code == link::ErrorCode::BadRequest);
        auto past = base;
        past["from"] = "2026-10-01";
        past["until"] = "2026-10-20";
        past.erase("times");
        CHECK(sam.raw("checkin.schedule", past).code == link::ErrorCode::BadRequest);

        const auto scheduled = sam.call("checkin.schedule", base);
        checkInId = scheduled.at("checkInId").as_int64();
        CHECK(scheduled.at("next").as_int64() == kTue27);
        CHECK(scheduled.at("nextLocal") == "2026-10-27 16:00");
        CHECK(scheduled.at("days") == "tue,fri");
        CHECK(scheduled.at("consentBy").at("name") == "sam");
        sam.call("contact.close", {{"contactId", contact}, {"note", "synthetic: plan agreed"}});
    }

    // Tuesday noon, fast: the first two occurrences. sam takes the first
    // at once (before it is missed), and the second joins that conversation.
    gateway.options().env = {{"WARMLINE_TEST_CHECKIN_CLOCK", clockAt(kTuesday, kRate)}};
    gateway.restart();
    std::int64_t checkInContact = 0;
    {
        OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
        OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
        sam.call("presence.set", {{"presence", "available"}});
        const auto queued = lee.waitEvent(
            "checkin.due", [](const json::object& e) { return isOutcome(e, kTue27, "queued"); });
        checkInContact = queued.at("contactId").as_int64();
        sam.call("contact.accept", {{"contactId", checkInContact}});
        // Friday's comes while that conversation is under way: it joins it.
        const auto joined = lee.waitEvent(
            "checkin.due", [](const json::object& e) { return isOutcome(e, kFri30, "joined"); });
        CHECK(joined.at("contactId").as_int64() == checkInContact);
        const auto got = sam.call("contact.get", {{"contactId", checkInContact}});
        CHECK(got.at("contact").at("preview") == "Check-in: synthetic: a hard stretch at work");
        CHECK(got.at("checkIn").at("reason") == "synthetic: a hard stretch at work");
        CHECK(got.at("checkIn").at("consentBy").at("name") == "sam");
        sam.call("message.send",
                 {{"contactId", checkInContact}, {"body", "synthetic: checking in as planned"}});
        sam.call("contact.close", {{"contactId", checkInContact}, {"note", "synthetic: fine"}});
        CHECK(duesSeen(lee) == std::vector<std::int64_t>{kTue27, kFri30});
    }

    // Back to Friday noon, before Friday's occurrence that already came.
    gateway.options().env = {{"WARMLINE_TEST_CHECKIN_CLOCK", clockAt(kFriday, kRate)}};
    gateway.restart();
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    const auto third = lee.waitEvent(
        "checkin.due", [](const json::object& e) { return isOutcome(e, kTue03, "queued"); });
    const auto waiting = third.at("contactId").as_int64();
    // Nobody takes Tuesday's: two days later it is missed, out of the queue.
    const auto missed = lee.waitEvent("checkin.missed", [&](const json::object& e) {
        return e.contains("contactId") && e.at("contactId").as_int64() == waiting;
    });
    CHECK(missed.at("dueAt").as_int64() == kTue03);
    const auto fourth = lee.waitEvent(
        "checkin.due", [](const json::object& e) { return isOutcome(e, kFri06, "queued"); });
    const auto latest = fourth.at("contactId").as_int64();
    CHECK(latest != waiting);
    // The caller answers STOP: their check-ins end at once. The STOP lands
    // in the contact waiting for them, which is now theirs.
    REQUIRE(postSyntheticText(http, "SMciStop", 71, "STOP").status == 200);
    const auto stopped = lee.waitEvent("checkin.stopped", [&](const json::object& e) {
        return e.at("checkInId").as_int64() == checkInId;
    });
    CHECK(stopped.at("why") == "STOP");
    // Let the clock pass the last time the schedule had, and Friday's
    // contact's "missed" time.
    REQUIRE(
        waitFor([&] { return lee.call("checkin.list").at("now").as_int64() > kAfterLast; }, 30s));

    // Across both restarts, each occurrence came once, and none after STOP.
    CHECK(duesSeen(lee) == std::vector<std::int64_t>{kTue03, kFri06});
    CHECK_FALSE(lee.tryEvent(
        "checkin.due", [](const json::object& e) { return dueOf(e) == kTue10; }, 100ms));
    CHECK_FALSE(lee.tryEvent(
        "checkin.missed",
        [&](const json::object& e) {
            return e.contains("contactId") && e.at("contactId").as_int64() == latest;
        },
        100ms));

    const auto all = lee.call("checkin.list");
    CHECK(all.at("checkIns").as_array().empty());
    const auto& misses = all.at("missed").as_array();
    REQUIRE(misses.size() == 1);
    CHECK(misses[0].at("dueAt").as_int64() == kTue03);
    const auto ofCaller = lee.call("checkin.list", {{"contactId", waiting}});
    REQUIRE(ofCaller.at("checkIns").as_array().size() == 1);
    const auto& record = ofCaller.at("checkIns").as_array()[0].as_object();
    CHECK(record.at("stopReason") == "STOP");
    CHECK(record.at("queued").as_int64() == 3); // Tue 27 and Fri 06 queued, Fri 30 joined
    CHECK(record.at("missed").as_int64() == 1); // Tue 03
    CHECK(gateway.log().find("+1555555") == std::string::npos);
    CHECK(gateway.log().find("hard stretch") == std::string::npos);
}
