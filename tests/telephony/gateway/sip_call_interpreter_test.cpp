// Interpreters on calls through a real warmline-gateway: the operator calls
// the line's interpreter service into a call (through the trunk), all three
// hear each other, the operator ends it and the call goes on between the
// two; a service that refuses is recorded as not reached; an interpreter
// stays with the caller through a warm transfer (four on the call). Each one
// is on the contact's record. Needs the Debian package sip-tester (scripts/deps
// test). All numbers are synthetic (+1555555 01xx).

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/SipCallFixture.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

const std::string kToCaller = relayedTo("caller");
const std::string kToOperator = relayedTo("operator");
const std::string kToCrisis = relayedTo("crisis_line");
const std::string kToInterpreter = relayedTo("interpreter");

/// A content file naming one interpreter service, a number dialled through
/// the trunk, and 988 as a number too.
fs::path contentFile(const fs::path& dir)
{
    const auto path = dir / "line-content.json";
    std::ofstream(path) << R"({"version": 1, "quickReplies": [], "topics": [], "referrals": [],
 "crisisLines": [{"id": "988", "name": "988 Suicide & Crisis Lifeline", "callAddress": "988"}],
 "interpreters": [{"id": "lang", "name": "Telephone interpreters",
                   "callAddress": "+15555550170", "languages": ["Vietnamese", "Tagalog"]}]})";
    return path;
}

/// The gateway with that content file and the trunk at `trunkPort`.
std::string extraConfig(const TempDir& dir, int trunkPort)
{
    return "trunk_uri = sip:{number}@127.0.0.1:" + std::to_string(trunkPort) +
           "\n[line]\ncontent_file = " + contentFile(dir.path()).string() + "\n";
}

std::int64_t acceptCall(CallGateway& g, OperatorLink& lead)
{
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    return id;
}

json::object interpreterEvent(OperatorLink& link, std::int64_t id, const std::string& state)
{
    return link.waitEvent("call.interpreter", [&](const json::object& e) {
        return e.at("contactId").as_int64() == id && str(e.at("state")) == state;
    });
}

json::array recordOf(OperatorLink& lead, std::int64_t id)
{
    return lead.call("review.get", {{"contactId", id}}).at("interpretations").as_array();
}

} // namespace

TEST_CASE("an interpreter joins a call through the trunk: all three hear each other, the "
          "operator ends it, the call goes on, and the contact's record says so")
{
    requireSipp();
    TempDir dir;
    const int trunkPort = freeUdpPort();
    CallGateway g(extraConfig(dir, trunkPort));
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    auto interpreter =
        startSipp(g.gw.dir(), "interpreter",
                  {"-sn", "uas", "-p", std::to_string(trunkPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);

    // The line tells operators which services it has, never their numbers.
    const auto info = sam.call("line.info", {});
    const auto& services = info.at("interpreters").as_array();
    REQUIRE(services.size() == 1);
    CHECK(str(services[0].as_object().at("name")) == "Telephone interpreters");
    CHECK(services[0].as_object().at("languages").as_array().size() == 2);
    CHECK_FALSE(services[0].as_object().contains("callAddress"));

    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1", "-d", "500"});
    const auto id = acceptCall(g, lead);

    // Unknown services and a second interpreter are refused with a reason.
    CHECK(sam.raw("call.interpreter", {{"contactId", id}, {"service", "nope"}}).code ==
          link::ErrorCode::BadRequest);
    CHECK(sam.raw("call.interpreter.end", {{"contactId", id}}).code == link::ErrorCode::Conflict);

    const auto added = sam.call("call.interpreter",
                                {{"contactId", id}, {"service", "lang"}, {"language", "Tagalog"}});
    CHECK(str(added.at("interpretation").as_object().at("outcome")) == "ringing");
    CHECK(sam.raw("call.interpreter", {{"contactId", id}, {"service", "lang"}}).code ==
          link::ErrorCode::Conflict);
    interpreterEvent(sam, id, "connected");

    // Three-way: audio reaches every leg.
    CHECK(grewBy(g, g.metrics(), {kToCaller, kToOperator, kToInterpreter}, 50));

    // The operator ends it from warmlinectl: the interpreter gets BYE, the
    // caller and the operator go on.
    g.ctl("sam", {"interpreter", "end", std::to_string(id)});
    const auto ended = interpreterEvent(sam, id, "ended");
    CHECK(str(ended.at("language")) == "Tagalog");
    CHECK(exitOf(*interpreter) == 0);
    const auto twoWay = g.metrics();
    CHECK(grewBy(g, twoWay, {kToCaller, kToOperator}, 50));
    CHECK(metric(g.metrics(), kToInterpreter) == metric(twoWay, kToInterpreter));

    // On the record: who, which language, when it answered and ended.
    const auto record = recordOf(lead, id);
    REQUIRE(record.size() == 1);
    const auto& r = record[0].as_object();
    CHECK(str(r.at("outcome")) == "ended");
    CHECK(str(r.at("language")) == "Tagalog");
    CHECK(str(r.at("operatorName")) == "sam");
    CHECK(r.at("connectedAt").is_int64());
    CHECK(r.at("endedAt").as_int64() >= r.at("connectedAt").as_int64());

    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

TEST_CASE(
    "an interpreter service that answers 486 is recorded as not reached, and the call goes on")
{
    requireSipp();
    TempDir dir;
    const int trunkPort = freeUdpPort();
    CallGateway g(extraConfig(dir, trunkPort));
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    auto busy = startSipp(
        g.gw.dir(), "interpreter",
        {"-sf", scenario("crisis_busy.xml").string(), "-p", std::to_string(trunkPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1", "-d", "500"});
    const auto id = acceptCall(g, lead);

    g.ctl("sam", {"interpreter", "add", std::to_string(id), "lang"});
    const auto failed = interpreterEvent(sam, id, "failed");
    CHECK(str(failed.at("reason")).find("486") != std::string::npos);
    CHECK(exitOf(*busy) == 0);

    const auto base = g.metrics();
    CHECK(grewBy(g, base, {kToCaller, kToOperator}, 50));
    CHECK(metric(g.metrics(), kToInterpreter) == 0);
    const auto record = recordOf(lead, id);
    REQUIRE(record.size() == 1);
    CHECK(str(record[0].as_object().at("outcome")) == "not_reached");
    CHECK(record[0].as_object().at("connectedAt").is_null());

    // A second try is allowed once the first has failed.
    CHECK(sam.raw("call.interpreter", {{"contactId", id}, {"service", "lang"}}).code !=
          link::ErrorCode::Conflict);

    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

TEST_CASE("an interpreter stays with the caller through a warm transfer: four hear each other, "
          "then the caller, the crisis line and the interpreter")
{
    requireSipp();
    TempDir dir;
    // One sipp answers both trunk calls (the interpreter and 988).
    const int trunkPort = freeUdpPort();
    CallGateway g(extraConfig(dir, trunkPort));
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    auto trunk = startSipp(g.gw.dir(), "trunk",
                           {"-sn", "uas", "-p", std::to_string(trunkPort), "-m", "2", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1", "-d", "500"});
    const auto id = acceptCall(g, lead);

    sam.call("call.interpreter", {{"contactId", id}, {"service", "lang"}});
    interpreterEvent(sam, id, "connected");
    const auto opened =
        sam.call("escalation.open",
                 {{"contactId", id}, {"level", "high"}, {"reason", "Caller describes a plan."}});
    const auto escalationId = opened.at("escalation").as_object().at("id").as_int64();
    sam.call("escalation.transfer", {{"escalationId", escalationId}, {"line", "988"}});
    sam.waitEvent("call.transfer", [&](const json::object& e) {
        return e.at("contactId").as_int64() == id && str(e.at("state")) == "connected";
    });
    CHECK(grewBy(g, g.metrics(), {kToCaller, kToOperator, kToCrisis, kToInterpreter}, 50));

    // The operator leaves: the other three stay together.
    sam.call("escalation.transfer.complete", {{"escalationId", escalationId}});
    CHECK(exitOf(*desk) == 0);
    const auto stayed = interpreterEvent(sam, id, "ended");
    CHECK(str(stayed.at("reason")).find("stayed") != std::string::npos);
    const auto threeWay = g.metrics();
    CHECK(grewBy(g, threeWay, {kToCaller, kToCrisis, kToInterpreter}, 50));
    CHECK(metric(g.metrics(), kToOperator) == metric(threeWay, kToOperator));

    // The caller's BYE ends both trunk legs.
    CHECK(exitOf(*caller) == 0);
    CHECK(exitOf(*trunk) == 0);
    CHECK(waitFor([&] { return metric(g.metrics(), "warmline_calls_active") == 0; }, 10s));
}
