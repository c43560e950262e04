// The gateway asks each signed-in operator's phone whether it is there (a
// SIP OPTIONS every sip.phone_check_interval) and the shift board shows the
// answer: through a real warmline-gateway, with sipp as the phone, which is
// stopped by its process id and started again. Addresses are loopback.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/SipCallFixture.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

/// Waits until sam's row shows a check answered (`answering`), and returns
/// the row ({} if it never did within 20 s).
json::object waitForCheck(OperatorLink& lead, bool answering)
{
    json::object row;
    const bool seen = waitFor(
        [&] {
            row = samRow(lead);
            const auto* check = row.if_contains("phoneCheck");
            return check && check->at("answering").as_bool() == answering;
        },
        20s, 100ms);
    INFO("sam's row: " << json::serialize(row));
    CHECK(seen);
    return seen ? row : json::object{};
}

std::unique_ptr<Process> answeringPhone(CallGateway& g, int port)
{
    return startSipp(
        g.gw.dir(), "phone",
        {"-sf", scenario("phone_answers_options.xml").string(), "-p", std::to_string(port)});
}

} // namespace

TEST_CASE("the board shows whether an operator's phone answers the gateway's check")
{
    requireSipp();
    CallGateway g("phone_check_interval = 1s\n");
    const int port = freeUdpPort();
    const std::string uri = "sip:operator@127.0.0.1:" + std::to_string(port);
    auto phone = answeringPhone(g, port);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    sam.call("presence.set", {{"presence", "available"}}); // on the board
    // Nothing asked before sam has a phone.
    CHECK_FALSE(samRow(lead).contains("phoneCheck"));

    const auto before = nowMs();
    sam.call("softphone.set", {{"uri", uri}});
    auto row = waitForCheck(lead, true);
    REQUIRE_FALSE(row.empty());
    CHECK(str(row.at("phone")) == "softphone");
    const std::string gauge = "warmline_operator_phones_not_answering";
    CHECK(metric(g.metrics(), gauge) == 0);
    const auto& check = row.at("phoneCheck").as_object();
    CHECK(check.at("rttMs").as_int64() >= 0);
    CHECK(check.at("rttMs").as_int64() < 1000);
    const auto answeredAt = check.at("answeredAt").as_int64();
    CHECK(answeredAt >= before);
    CHECK(answeredAt <= nowMs());
    CHECK(str(check.at("transport")) == "udp");
    CHECK_FALSE(check.at("encrypted").as_bool());

    // The phone goes away: the board says so and keeps when it last answered.
    phone->stop();
    row = waitForCheck(lead, false);
    REQUIRE_FALSE(row.empty());
    const auto lastAnswer = row.at("phoneCheck").at("answeredAt").as_int64();
    CHECK(lastAnswer >= answeredAt);
    CHECK(row.at("phoneCheck").at("answeredAt").as_int64() < nowMs());
    CHECK(metric(g.metrics(), gauge) == 1);
    // sam is told, in words that do not blame them.
    const auto notice = sam.waitEvent("operator.notice", [](const json::object& e) {
        return str(e.at("kind")) == "phone-not-answering";
    });
    CHECK(str(notice.at("message")).find("cannot reach this app's softphone") != std::string::npos);
    // A board.operator event told the lead, without a snapshot.
    lead.waitEvent("board.operator", [](const json::object& e) {
        const auto& op = e.at("operator").as_object();
        const auto* c = op.if_contains("phoneCheck");
        return str(op.at("name")) == "sam" && c && !c->at("answering").as_bool();
    });

    // Back again (the softphone restarted on the same port).
    phone = answeringPhone(g, port);
    row = waitForCheck(lead, true);
    REQUIRE_FALSE(row.empty());
    CHECK(row.at("phoneCheck").at("answeredAt").as_int64() > lastAnswer);
    CHECK(metric(g.metrics(), gauge) == 0);

    // The softphone off and no desk phone: nothing to ask, nothing shown.
    sam.call("softphone.set", {{"uri", ""}});
    CHECK(waitFor([&] { return !samRow(lead).contains("phoneCheck"); }, 10s, 100ms));
    CHECK(str(samRow(lead).at("phone")) == "none");

    // A desk phone on sam's profile is asked the same way.
    g.samTakesCallsAt(port);
    row = waitForCheck(lead, true);
    REQUIRE_FALSE(row.empty());
    CHECK(str(row.at("phone")) == "desk");

    // The log says which operator's phone, never where it is.
    const auto log = g.gw.log();
    CHECK(log.find("phone answers") != std::string::npos);
    CHECK(log.find("does not answer the gateway's check") != std::string::npos);
    CHECK(log.find("127.0.0.1:" + std::to_string(port)) == std::string::npos);
}

TEST_CASE("a real softphone (baresip) answers the gateway's check")
{
    requireSipp();
    if (!std::filesystem::exists(kBaresip)) {
        FAIL("baresip is not installed: run scripts/deps test (Debian package baresip-core)");
    }
    CallGateway g("phone_check_interval = 1s\n");
    const int port = freeUdpPort();
    const auto home = g.gw.dir() / "baresip";
    std::filesystem::create_directories(home);
    writeFile(home / "config", "poll_method epoll\nsip_listen 127.0.0.1:" + std::to_string(port) +
                                   "\nmodule_path /usr/lib/baresip/modules\nmodule g711.so\n"
                                   "module account.so\nmodule_app menu.so\n");
    writeFile(home / "accounts", "<sip:operator@127.0.0.1>;regint=0;audio_codecs=PCMU\n");
    ProcessOptions p;
    p.argv = {kBaresip, "-f", home.string(), "-t", "120"};
    p.outputDir = g.gw.dir();
    p.name = "baresip";
    Process baresip(std::move(p));
    REQUIRE(waitFor([&] { return udpPortBound(port) || !baresip.running(); }, 20s, 20ms));
    INFO("baresip: " << baresip.stdoutText() << baresip.stderrText());
    REQUIRE(baresip.running());

    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    sam.call("presence.set", {{"presence", "available"}}); // on the board
    sam.call("softphone.set", {{"uri", "sip:operator@127.0.0.1:" + std::to_string(port)}});
    const auto row = waitForCheck(lead, true);
    REQUIRE_FALSE(row.empty());
    CHECK(str(row.at("phone")) == "softphone");
    CHECK(row.at("phoneCheck").at("answeredAt").is_int64());
    baresip.stop(5s);
}

TEST_CASE("a reload turns the phone checks on and off without a restart", "[reload]")
{
    requireSipp();
    CallGateway g; // checks off (phone_check_interval = 0)
    const int port = freeUdpPort();
    auto phone = answeringPhone(g, port);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    sam.call("presence.set", {{"presence", "available"}});
    sam.call("softphone.set", {{"uri", "sip:operator@127.0.0.1:" + std::to_string(port)}});
    REQUIRE(waitFor([&] { return str(samRow(lead).at("phone")) == "softphone"; }, 10s, 100ms));
    CHECK_FALSE(samRow(lead).contains("phoneCheck"));

    g.reload("phone_check_interval = 0\n", "phone_check_interval = 1s\n");
    REQUIRE_FALSE(waitForCheck(lead, true).empty());
    phone->stop();
    REQUIRE_FALSE(waitForCheck(lead, false).empty());
    const std::string gauge = "warmline_operator_phones_not_answering";
    CHECK(metric(g.metrics(), gauge) == 1);

    // Off again: the board drops the red text at once, with an event.
    g.reload("phone_check_interval = 1s\n", "phone_check_interval = 0\n");
    bool red = false; // events are looked at in the order they came
    lead.waitEvent("board.operator", [&red](const json::object& e) {
        const auto& op = e.at("operator").as_object();
        if (str(op.at("name")) != "sam") {
            return false;
        }
        const auto* check = op.if_contains("phoneCheck");
        red = red || (check && !check->at("answering").as_bool());
        return red && !check;
    });
    CHECK_FALSE(samRow(lead).contains("phoneCheck"));
    CHECK(metric(g.metrics(), gauge) == 0);
    CHECK(g.gw.log().find("sip.* changed") == std::string::npos);
}
