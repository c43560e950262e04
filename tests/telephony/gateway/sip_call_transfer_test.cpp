// Warm transfer of a call through a real warmline-gateway: the crisis line
// joins through the trunk and all three hear each other, and a crisis line
// that refuses (486) leaves the call going on with the reason recorded.
// Needs the Debian package sip-tester (scripts/deps test). All numbers are
// synthetic (+1555555 01xx).

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <array>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <netinet/in.h>
#include <regex>
#include <set>
#include <sstream>
#include <sys/socket.h>
#include <unistd.h>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::system_clock;

namespace {

const std::string kToCaller = relayedTo("caller");
const std::string kToOperator = relayedTo("operator");
const std::string kToCrisis = relayedTo("crisis_line");

std::string lastStepKind(const json::object& escalation)
{
    const auto& steps = escalation.at("steps").as_array();
    return steps.empty() ? std::string() : str(steps.back().as_object().at("kind"));
}

const json::object& lastStepDetail(const json::object& escalation)
{
    return escalation.at("steps").as_array().back().as_object().at("detail").as_object();
}

/// A call with sam on it and an open escalation; returns {contact, escalation}.
std::pair<std::int64_t, std::int64_t> callWithEscalation(CallGateway& g, OperatorLink& lead,
                                                         OperatorLink& sam)
{
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    const auto opened =
        sam.call("escalation.open",
                 {{"contactId", id}, {"level", "high"}, {"reason", "Caller describes a plan."}});
    return {id, opened.at("escalation").as_object().at("id").as_int64()};
}

} // namespace

TEST_CASE("warm transfer of a call: the crisis line joins through the trunk, all three hear each "
          "other, the operator leaves and the caller stays with the crisis line")
{
    requireSipp();
    const int crisisPort = freeUdpPort();
    CallGateway g("trunk_uri = sip:{number}@127.0.0.1:" + std::to_string(crisisPort) + "\n");
    const int deskPort = freeUdpPort();
    // The desk phone and the crisis line echo the audio they hear.
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    auto crisis =
        startSipp(g.gw.dir(), "crisis",
                  {"-sn", "uas", "-p", std::to_string(crisisPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    // The caller talks (sipp's A-law recording) for 28 s, then hangs up.
    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1", "-d", "500"});
    const auto [id, escalationId] = callWithEscalation(g, lead, sam);

    // Completing before any transfer is refused.
    CHECK(sam.raw("escalation.transfer.complete", {{"escalationId", escalationId}}).code ==
          link::ErrorCode::Conflict);

    // 988 is a number: dialled through the trunk (sip.trunk_uri).
    const auto started =
        sam.call("escalation.transfer", {{"escalationId", escalationId}, {"line", "988"}});
    const auto& e1 = started.at("escalation").as_object();
    CHECK(lastStepKind(e1) == "transfer_started");
    CHECK(str(lastStepDetail(e1).at("via")) == "call");
    CHECK(str(lastStepDetail(e1).at("line")) == "988");
    sam.waitEvent("call.transfer", [&](const json::object& e) {
        return e.at("contactId").as_int64() == id && str(e.at("state")) == "connected";
    });

    // Three-way: audio reaches every leg.
    const auto threeWay = g.metrics();
    CHECK(grewBy(g, threeWay, {kToCaller, kToOperator, kToCrisis}, 50));

    // The operator leaves: their phone gets BYE, the contact goes to wrap-up.
    const auto done = sam.call("escalation.transfer.complete", {{"escalationId", escalationId}});
    CHECK(lastStepKind(done.at("escalation").as_object()) == "transfer_done");
    CHECK(exitOf(*desk) == 0);
    lead.waitEvent("contact.updated", [&](const json::object& e) {
        return contactIdOf(e) == id && str(e.at("contact").as_object().at("state")) == "wrap-up";
    });

    // The caller and the crisis line go on talking; nothing more to the operator.
    const auto twoWay = g.metrics();
    CHECK(grewBy(g, twoWay, {kToCaller, kToCrisis}, 50));
    CHECK(metric(g.metrics(), kToOperator) == metric(twoWay, kToOperator));

    // Closing the escalation and the contact leaves the call alone.
    sam.call("escalation.close", {{"escalationId", escalationId}, {"outcome", "warm_transfer"}});
    g.ctl("sam", {"close", std::to_string(id), "--note", "Handed to 988 on the call."});
    CHECK(metric(g.metrics(), "warmline_calls_active") == 1);

    // The caller's BYE ends the crisis line's leg too.
    CHECK(exitOf(*caller) == 0);
    CHECK(exitOf(*crisis) == 0);
    CHECK(waitFor([&] { return metric(g.metrics(), "warmline_calls_active") == 0; }, 10s));
}

TEST_CASE("a crisis line that answers 486: transfer_failed with the reason, the call goes on")
{
    requireSipp();
    const int crisisPort = freeUdpPort();
    CallGateway g("trunk_uri = sip:{number}@127.0.0.1:" + std::to_string(crisisPort) + "\n");
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    auto crisis = startSipp(
        g.gw.dir(), "crisis",
        {"-sf", scenario("crisis_busy.xml").string(), "-p", std::to_string(crisisPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1", "-d", "500"});
    const auto [id, escalationId] = callWithEscalation(g, lead, sam);

    sam.call("escalation.transfer", {{"escalationId", escalationId}, {"line", "988"}});
    const auto failed = sam.waitEvent("escalation.updated", [&](const json::object& e) {
        return lastStepKind(e.at("escalation").as_object()) == "transfer_failed";
    });
    const auto& detail = lastStepDetail(failed.at("escalation").as_object());
    CHECK(str(detail.at("reason")).find("486") != std::string::npos);
    CHECK(str(detail.at("via")) == "call");
    const auto notice = sam.waitEvent("operator.notice", [](const json::object& e) {
        return str(e.at("kind")) == "transfer-failed";
    });
    CHECK(notice.at("contactId").as_int64() == id);
    CHECK(exitOf(*crisis) == 0);

    // The caller and the operator still hear each other.
    const auto base = g.metrics();
    CHECK(grewBy(g, base, {kToCaller, kToOperator}, 50));
    CHECK(metric(g.metrics(), "warmline_calls_active") == 1);
    CHECK(metric(g.metrics(), kToCrisis) == 0);

    // The operator ends the call from the app: both legs get BYE.
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}
