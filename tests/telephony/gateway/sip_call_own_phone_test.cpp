// An operator's own mobile or landline as their phone (docs/remote-operators.md),
// through a real warmline-gateway, with sipp as the caller and as the
// trunk the operator's number is dialled through: the phone hears "press 1
// to accept" and the caller is put through only after the 1; a phone that
// answers and presses nothing (a voicemail), or cannot send keys, never
// hears the caller, nor does one that hangs up first, and the call goes back
// to the head of the queue as on ring-no-answer. Numbers synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/TempDir.h"
#include "telephony/gateway/SipCallFixture.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

const std::string kToOperator = relayedTo("operator");
const std::string kToCaller = relayedTo("caller");
const std::string kSamsNumber = "+15555550142";

std::string trunkConfig(int trunkPort, const std::string& ringTimeout)
{
    return "operator_ring_timeout = " + ringTimeout +
           "\ntrunk_uri = sip:{number}@127.0.0.1:" + std::to_string(trunkPort) + "\n";
}

/// sam's phone is their own number, set by an admin as they would type it.
void samUsesOwnNumber(CallGateway& g)
{
    const auto set =
        json::parse(g.ctl("admin", {"operator", "phone", "sam", "+1 555-555-0142"})).as_object();
    CHECK(str(set.at("operator").at("sipUri")) == kSamsNumber);
    g.ctl("sam", {"presence", "available"});
}

/// phone_answers_silent.xml without RFC 4733 events in its answer.
std::string phoneWithoutKeys(const TempDir& dir)
{
    std::string xml = readFile(scenario("phone_answers_silent.xml"));
    for (const std::string& from :
         {std::string("RTP/AVP 8 101"), std::string("      a=rtpmap:101 telephone-event/8000\n")}) {
        const auto at = xml.find(from);
        REQUIRE(at != std::string::npos);
        xml.replace(at, from.size(), from.starts_with("RTP") ? "RTP/AVP 8" : "");
    }
    const auto path = dir.path() / "phone_no_keys.xml";
    std::ofstream(path) << xml;
    return path.string();
}

/// sam accepts a talking caller's call while their phone is `phoneScenario`
/// and it does not press 1: the call goes back to the head of the queue,
/// sam is told why and is on break, and the caller's voice never reached
/// the phone. Then sam, available again, accepts it once more and this
/// time presses 1: the same call is put through.
void notAccepted(const std::string& phoneScenario, const std::string& reason)
{
    TempDir files;
    const int trunkPort = freeUdpPort();
    CallGateway g(trunkConfig(trunkPort, "3s"));
    samUsesOwnNumber(g);
    auto phone = startSipp(g.gw.dir(), "phone",
                           {"-sf", phoneScenario, "-p", std::to_string(trunkPort), "-m", "1"});
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller_talks.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto before = g.metrics();
    g.ctl("sam", {"accept", std::to_string(id)});

    const auto notice = sam.waitEvent("operator.notice", [](const json::object&) { return true; });
    CHECK(str(notice.at("kind")) == "ring-no-answer");
    CHECK(notice.at("contactId").as_int64() == id);
    CHECK(str(notice.at("message")).find(reason) != std::string::npos);
    lead.waitEvent("presence.changed", [](const json::object& e) {
        return str(e.at("operator").as_object().at("name")) == "sam" &&
               str(e.at("operator").as_object().at("presence")) == "break";
    });
    REQUIRE(waitFor(
        [&] {
            const auto q = json::parse(g.ctl("admin", {"queue"})).as_object();
            const auto& order = q.at("queue").as_array();
            return !order.empty() && order.at(0).as_object().at("id").as_int64() == id;
        },
        15s, 100ms));
    // The phone was hung up on (its BYE answered); nothing of the caller
    // reached it, and the caller heard nothing from it.
    CHECK(exitOf(*phone) == 0);
    const auto after = g.metrics();
    CHECK(metric(after, kToOperator) == metric(before, kToOperator));
    CHECK(metric(after, kToCaller) == metric(before, kToCaller));

    auto again = startSipp(g.gw.dir(), "phone-again",
                           {"-sf", scenario("phone_callback_answers.xml").string(), "-p",
                            std::to_string(trunkPort), "-m", "1"});
    g.ctl("sam", {"presence", "available"});
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    CHECK(grewBy(g, after, {kToOperator, kToCaller}, 50));
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*again) == 0);
    CHECK(g.gw.log().find("0142") == std::string::npos);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

} // namespace

TEST_CASE("an operator's own phone through the trunk is put through only after they press 1",
          "[gateway][sip][remote][e2e]")
{
    requireSipp();
    TempDir files;
    const int trunkPort = freeUdpPort();
    CallGateway g(trunkConfig(trunkPort, "10s"));
    samUsesOwnNumber(g);
    // The phone answers at once and presses 1 a second later, then talks.
    const auto phoneLog = files.path() / "phone.log";
    auto phone = startSipp(g.gw.dir(), "phone",
                           {"-sf", scenario("phone_callback_answers.xml").string(), "-p",
                            std::to_string(trunkPort), "-m", "1"},
                           phoneLog);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    // The lead's board says where sam's calls go: the kind, never the number.
    std::string onBoard;
    const auto board = lead.call("board.snapshot");
    for (const auto& o : board.at("operators").as_array()) {
        if (str(o.at("name")) == "sam") {
            onBoard = json::serialize(o);
        }
    }
    CHECK(onBoard.find("\"phone\":\"number\"") != std::string::npos);
    CHECK(onBoard.find("0142") == std::string::npos);
    auto caller = startCaller(g, "caller_talks.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto before = g.metrics();
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent(
        "call.connected", [&](const json::object& e) { return e.at("contactId").as_int64() == id; },
        30s);
    const auto connectedAt = std::chrono::system_clock::now();
    CHECK(grewBy(g, before, {kToOperator, kToCaller}, 50));

    // Dialled at sam's number through the trunk, showing the caller's alias;
    // put through only after the 1, pressed a second after the answer.
    const auto phoneText = readFile(phoneLog);
    CHECK(phoneText.find("INVITE sip:" + kSamsNumber + "@127.0.0.1:" + std::to_string(trunkPort)) !=
          std::string::npos);
    const auto answeredAt = sentAt(phoneLog, "SIP/2.0 200");
    REQUIRE(answeredAt);
    CHECK(connectedAt - *answeredAt >= 900ms);
    CHECK(g.gw.log().find("ringing the operator's own phone through the trunk") !=
          std::string::npos);
    // sam's number is not logged.
    CHECK(g.gw.log().find("0142") == std::string::npos);

    // Wrap-up ends both legs.
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*phone) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);

    // sam opens the app with its softphone: the board follows at once, and
    // again when the softphone goes.
    const auto samIs = [](const char* kind) {
        return [kind](const json::object& e) {
            const auto& o = e.at("operator").as_object();
            return str(o.at("name")) == "sam" && str(o.at("phone")) == kind;
        };
    };
    {
        OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
        sam.call("softphone.set", {{"uri", "sip:sam@127.0.0.1:5999"}});
        lead.waitEvent("board.operator", samIs("softphone"));
        sam.call("softphone.set", {{"uri", ""}});
        lead.waitEvent("board.operator", samIs("number"));
    }
}

TEST_CASE("an operator's own phone that answers and presses nothing never hears the caller",
          "[gateway][sip][remote][e2e]")
{
    requireSipp();
    notAccepted(scenario("phone_answers_silent.xml").string(), "no one pressed 1");
}

TEST_CASE("an operator's own phone that answers and hangs up before pressing 1 is not answered",
          "[gateway][sip][remote][e2e]")
{
    requireSipp();
    notAccepted(scenario("phone_answers_hangs_up.xml").string(), "hung up without pressing 1");
}

TEST_CASE("an operator's own phone that cannot send keys is not put through",
          "[gateway][sip][remote][e2e]")
{
    requireSipp();
    TempDir dir;
    notAccepted(phoneWithoutKeys(dir), "cannot send key presses");
}

TEST_CASE("an operator's own number: what is refused, and where it cannot be used",
          "[gateway][sip][remote]")
{
    requireSipp();
    SECTION("without a trunk a number cannot be set, and a bad one never")
    {
        CallGateway g;
        const auto login =
            g.gw.runCtl({"login", "--name", "admin", "--password-stdin"}, kAdminPassword + "\n");
        REQUIRE(login.exitCode == 0);
        const auto noTrunk = g.gw.runCtl({"operator", "phone", "sam", "+15555550142"});
        CHECK(noTrunk.exitCode != 0);
        CHECK(noTrunk.err.find("sip.trunk_uri") != std::string::npos);
        for (const char* number : {"555-CALL-NOW", "911", "988", "+1 555 555", "+1 900 555 0100"}) {
            const auto bad = g.gw.runCtl({"operator", "phone", "sam", number});
            INFO(number);
            CHECK(bad.exitCode != 0);
            CHECK(bad.err.find("phone number such as") != std::string::npos);
        }
    }
    SECTION("with a trunk, a number is kept in E.164, and the line's own is refused")
    {
        CallGateway g(trunkConfig(freeUdpPort(), "10s"));
        const auto national =
            json::parse(g.ctl("admin", {"operator", "phone", "sam", "(555) 555-0142"})).as_object();
        CHECK(str(national.at("operator").at("sipUri")) == kSamsNumber);
        // An administrator's list shows it (they set it); nobody else's list does.
        const auto list = json::parse(g.ctl("admin", {"operator", "list"})).as_object();
        bool listed = false;
        for (const auto& o : list.at("operators").as_array()) {
            listed = listed || (str(o.at("name")) == "sam" && o.as_object().contains("sipUri") &&
                                str(o.at("sipUri")) == kSamsNumber);
        }
        CHECK(listed);
        const auto own = g.gw.runCtl({"operator", "phone", "sam", kLine});
        CHECK(own.exitCode != 0);
        CHECK(own.err.find("the line's own") != std::string::npos);
    }
    SECTION("a lead cannot listen on a number: a voicemail could record the call")
    {
        const int trunkPort = freeUdpPort();
        CallGateway g(trunkConfig(trunkPort, "10s"));
        const int deskPort = freeUdpPort();
        auto desk = startSipp(g.gw.dir(), "desk",
                              {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1"});
        g.samTakesCallsAt(deskPort);
        g.ctl("admin", {"operator", "phone", "admin", "+1 555 555 0199"});
        OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
        auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
        const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
        g.ctl("sam", {"accept", std::to_string(id)});
        lead.waitEvent("call.connected",
                       [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
        const auto refused = lead.raw("call.listen", {{"contactId", id}, {"mode", "listen"}});
        CHECK(refused.code == link::ErrorCode::Conflict);
        CHECK(refused.message.find("softphone") != std::string::npos);
        g.ctl("sam", {"wrapup", std::to_string(id)});
        CHECK(exitOf(*desk) == 0);
        caller->kill(SIGTERM);
        caller->waitExit(10s);
    }
}
