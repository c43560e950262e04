// Callers waiting in the queue hear their place in line (and where to turn
// in a crisis) every sip.position_interval, through a real warmline-gateway
// with sipp callers: each is told its own place, a caller who moves up is
// told the new one, and one being put through to an operator is not
// interrupted; once the shift has a pace, the announcement says a rough
// wait too. The greeting here is a short silence, so that the first
// announcement comes soon after it. Numbers synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "support/TempDir.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/media/Wav.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <string>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

const std::string kAnnounced = "warmline_call_position_announcements_total";

/// How often the gateway's log says contact `id` was told place `place`.
int toldPlace(CallGateway& g, std::int64_t id, int place)
{
    const std::regex line("contact " + std::to_string(id) + ": told its place in line \\(" +
                          std::to_string(place) + "\\)");
    const auto log = g.gw.log();
    return static_cast<int>(
        std::distance(std::sregex_iterator(log.begin(), log.end(), line), std::sregex_iterator()));
}

std::string shortGreeting(const TempDir& dir, const std::string& interval = "2s")
{
    const auto path = dir.path() / "greeting.wav";
    std::ofstream(path, std::ios::binary) << makeWav(std::vector<std::int16_t>(1600, 0));
    return "greeting_file = " + path.string() + "\nposition_interval = " + interval + "\n";
}

} // namespace

TEST_CASE("waiting callers hear their place in line, and the new place when they move up",
          "[gateway][sip][e2e]")
{
    requireSipp();
    TempDir files;
    CallGateway g(shortGreeting(files));
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto first = startCaller(g, "caller.xml", {"-m", "1", "-d", "40000"});
    const auto firstId = contactIdOf(lead.waitEvent("contact.queued", isCall));
    auto second = startCaller(g, "caller.xml", {"-m", "1", "-d", "40000"});
    const auto secondId = contactIdOf(lead.waitEvent(
        "contact.queued", [&](const json::object& e) { return contactIdOf(e) != firstId; }));

    // Each hears its own place, again every interval.
    CHECK(waitFor([&] { return toldPlace(g, firstId, 1) >= 2 && toldPlace(g, secondId, 2) >= 2; },
                  20s, 100ms));
    CHECK(toldPlace(g, firstId, 2) == 0);
    CHECK(toldPlace(g, secondId, 1) == 0);
    CHECK(metric(g.metrics(), kAnnounced) >= 4);

    // The first is put through to sam's desk phone: the second moves up and
    // is told so; the first hears no more announcements.
    const int deskPort = freeUdpPort();
    auto desk =
        startSipp(g.gw.dir(), "desk", {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    g.ctl("sam", {"accept", std::to_string(firstId)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == firstId; });
    const int firstTold = toldPlace(g, firstId, 1);
    CHECK(waitFor([&] { return toldPlace(g, secondId, 1) >= 1; }, 10s, 100ms));
    CHECK(waitFor([&] { return toldPlace(g, secondId, 1) >= 2; }, 10s, 100ms));
    CHECK(toldPlace(g, firstId, 1) == firstTold);
    // Nothing of it is in the log but the contact and its place.
    CHECK(g.gw.log().find("+1555555") == std::string::npos);
    // With one answer in the last half hour there is no pace to speak of.
    CHECK(g.gw.log().find("and a wait of about") == std::string::npos);
}

TEST_CASE("once the shift has a pace, waiting callers hear a rough wait after their place",
          "[gateway][sip][e2e]")
{
    requireSipp();
    TempDir files;
    CallGateway g(shortGreeting(files) + "[twilio]\nauth_token =\n");
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    sam.call("presence.set", {{"presence", "available"}});
    // Two texts answered in the last half hour: a pace of 2 per 30 minutes,
    // so the first in line waits about 15 minutes (roughWaitMinutes).
    SimpleHttpClient http(g.gw.url(), 10s);
    for (const std::string body : {"synthetic: a long day at work", "synthetic: can't sleep"}) {
        REQUIRE(postSyntheticText(http, "SMpace" + std::to_string(body.size()),
                                  71 + static_cast<int>(body.size()), body)
                    .status == 200);
        sam.call("contact.accept", {{"contactId", queuedId(sam, body)}});
    }
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "20000"});
    const auto id = contactIdOf(sam.waitEvent("contact.queued", isCall));
    const std::string told =
        "contact " + std::to_string(id) + ": told its place in line (1) and a wait of about 15 min";
    CHECK(waitFor([&] { return g.gw.log().find(told) != std::string::npos; }, 20s, 100ms));
    CHECK(metric(g.metrics(), kAnnounced) >= 1);
    CHECK(g.gw.log().find("+1555555") == std::string::npos);
}

TEST_CASE("a reload turns place-in-line announcements on for callers already waiting",
          "[gateway][sip][e2e][reload]")
{
    requireSipp();
    TempDir files;
    CallGateway g(shortGreeting(files, "0"));
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "40000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    CHECK(toldPlace(g, id, 1) == 0);

    // The site turns them on in the file and reloads: the caller already
    // waiting hears its place, and the call is not dropped.
    g.reload("position_interval = 0\n", "position_interval = 1s\n");
    CHECK(waitFor([&] { return toldPlace(g, id, 1) >= 2; }, 20s, 100ms));
    CHECK(metric(g.metrics(), kAnnounced) >= 2);
    CHECK(caller->running());
    CHECK(g.gw.log().find("sip.* changed") == std::string::npos);
}
