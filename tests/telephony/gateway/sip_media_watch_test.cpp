// The media watch through a real warmline-gateway (decision 154): sipp as
// the caller and the operator's desk phone, warmlinectl and the link for
// the operator and the lead. A phone that sends no audio for
// sip.media_timeout is gone: a silent caller leaves the queue (or ends the
// call, and the operator's wrap-up starts); a silent operator's phone is
// hung up and the caller goes back to the head of the queue. Needs the
// Debian package sip-tester. All numbers are synthetic (+1555555 01xx).

#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/SipCallFixture.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace json = boost::json;

TEST_CASE("media watch: a queued caller whose phone sends no audio is abandoned")
{
    requireSipp();
    CallGateway g("media_timeout = 2s\n");
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    // caller.xml sends no RTP at all; it would stay on for 60 s.
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto closed = lead.waitEvent("contact.closed",
                                       [&](const json::object& e) { return contactIdOf(e) == id; });
    CHECK(str(closed.at("contact").as_object().at("state")) == "abandoned");
    CHECK(closed.at("waitMs").as_int64() >= 2000);
    const auto m = g.metrics();
    CHECK(metric(m, "warmline_calls_total{result=\"caller_audio_lost\"}") == 1);
    CHECK(metric(m, "warmline_calls_active") == 0);
    // The caller's phone got the gateway's BYE (its scenario did not expect it).
    caller->kill(SIGTERM);
    caller->waitExit(10s);
    CHECK(g.gw.log().find("no audio from the caller's phone for 2 s") != std::string::npos);
}

TEST_CASE("media watch: an operator's phone that goes silent sends the caller back to the queue")
{
    requireSipp();
    CallGateway g("media_timeout = 2s\n");
    const int deskPort = freeUdpPort();
    // sipp's uas answers with SDP but sends no audio (no -rtp_echo), and
    // answers the gateway's BYE.
    auto desk =
        startSipp(g.gw.dir(), "desk", {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    // The caller talks for about 28 s (four plays of a 7 s recording).
    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });

    const auto notice = sam.waitEvent("operator.notice", [](const json::object&) { return true; });
    CHECK(str(notice.at("kind")) == "ring-no-answer");
    CHECK(notice.at("contactId").as_int64() == id);
    CHECK(str(notice.at("message")).find("sent no audio for 2 seconds") != std::string::npos);
    lead.waitEvent("presence.changed", [](const json::object& e) {
        return str(e.at("operator").as_object().at("name")) == "sam" &&
               str(e.at("operator").as_object().at("presence")) == "break";
    });
    // Back at the head of the queue, and still on the line.
    const auto queue = json::parse(g.ctl("admin", {"queue"})).as_object();
    REQUIRE(queue.at("queue").as_array().size() == 1);
    CHECK(queue.at("queue").as_array().at(0).as_object().at("id").as_int64() == id);
    CHECK(exitOf(*desk) == 0); // the gateway's BYE, answered 200
    const auto m = g.metrics();
    CHECK(metric(m, "warmline_calls_total{result=\"operator_audio_lost\"}") == 1);
    CHECK(metric(m, "warmline_calls_total{result=\"caller_audio_lost\"}") == 0);
    CHECK(metric(m, "warmline_calls_active") == 1);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}
