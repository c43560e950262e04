// Calls through a real warmline-gateway with real SIP peers: sipp as the
// trunk's callers (scenarios in tests/telephony/sip/) and as the operators' desk
// phones, warmlinectl for the operator's accept. Here the queue and its
// routing: accept, cancel, abandon, ring-no-answer, a hundred waiting calls,
// the Spanish-speaking queue, the app's softphone, hold, and a restart.
// Packet loss, audio and TCP are in sip_call_transport_test.cpp, warm
// transfers in sip_call_transfer_test.cpp. Needs the Debian package
// sip-tester (scripts/deps test). All numbers are synthetic (+1555555 01xx).

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

TEST_CASE("a call is queued, accepted with warmlinectl, put through to a desk phone, and ended")
{
    requireSipp();
    CallGateway g;
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);

    // The caller stays on for 6 s after the answer, then hangs up.
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "6000"});
    const auto queued = lead.waitEvent("contact.queued", isCall);
    const auto id = contactIdOf(queued);
    CHECK(str(queued.at("contact").as_object().at("alias")) != "");
    CHECK(queued.at("contact").as_object().at("preview").as_string().empty());

    const auto accepted = json::parse(g.ctl("sam", {"accept", std::to_string(id)})).as_object();
    CHECK(accepted.at("contact").as_object().at("state") == "active");
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });

    // The caller's BYE ends the desk phone's leg too, and starts wrap-up.
    lead.waitEvent("contact.updated", [&](const json::object& e) {
        return contactIdOf(e) == id && str(e.at("contact").as_object().at("state")) == "wrap-up";
    });
    CHECK(exitOf(*caller) == 0);
    CHECK(exitOf(*desk) == 0);
    const auto m = g.metrics();
    CHECK(metric(m, "warmline_calls_total{result=\"bridged\"}") == 1);
    CHECK(metric(m, "warmline_calls_active") == 0);
    g.ctl("sam", {"close", std::to_string(id), "--note", "Caller wanted to talk about work."});
}

TEST_CASE("wrap-up from the link ends both legs of a call")
{
    requireSipp();
    CallGateway g;
    const int deskPort = freeUdpPort();
    // The desk phone answers and waits for the gateway's BYE.
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    // The operator ends the call from the app (wrap-up): both legs get BYE.
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
    CHECK(metric(g.metrics(), "warmline_calls_active") == 0);
}

TEST_CASE("a caller who cancels while ringing leaves every queue view within 200 ms")
{
    requireSipp();
    CallGateway g({}, "10s");
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    const auto log = g.gw.dir() / "cancel-messages.log";
    auto caller = startCaller(g, "caller_cancel.xml", {"-m", "1", "-d", "1500"}, log);
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto closed = lead.waitEvent("contact.closed",
                                       [&](const json::object& e) { return contactIdOf(e) == id; });
    const auto seenAt = Clock::now();
    CHECK(str(closed.at("contact").as_object().at("state")) == "abandoned");
    CHECK(closed.at("position").as_int64() == 1);
    CHECK(closed.at("waitMs").as_int64() >= 1000);
    CHECK(exitOf(*caller) == 0); // 200 for the CANCEL, 487 for the INVITE
    const auto cancelAt = sentAt(log, "CANCEL");
    REQUIRE(cancelAt);
    const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(seenAt - *cancelAt);
    INFO("CANCEL sent to contact.closed seen: " << latency.count() << " ms");
    CHECK(latency < 200ms);
    const auto queue = json::parse(g.ctl("admin", {"queue"})).as_object();
    CHECK(queue.at("queue").as_array().empty());
}

TEST_CASE("RTP ports another program holds are skipped, not a reason to refuse a call")
{
    requireSipp();
    // Another program holds the first 24 ports of this gateway's RTP range
    // (12 of the even ports RTP uses).
    const int base = std::stoi(rtpRange().substr(rtpRange().find('=') + 2));
    std::vector<int> held;
    for (int port = base; port < base + 24; ++port) {
        const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0) {
            held.push_back(fd);
        } else {
            ::close(fd);
        }
    }
    REQUIRE(held.size() >= 18); // more than the 8 even ports that used to be tried
    CallGateway g;
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "2000"});
    // Answered and queued, on a port past the ones in use. When it is not,
    // say why: sipp's own words (a port it could not bind) and the gateway's.
    const auto queued = lead.tryEvent("contact.queued", isCall, 30s);
    if (!queued) {
        FAIL("no contact.queued; sipp exited: " << !caller->running() << "\nsipp stderr:\n"
                                                << caller->stderrText() << "\ngateway log:\n"
                                                << g.gw.log());
    }
    const auto id = contactIdOf(*queued);
    lead.waitEvent("contact.closed", [&](const json::object& e) { return contactIdOf(e) == id; });
    CHECK(exitOf(*caller) == 0);
    for (const int fd : held) {
        ::close(fd);
    }
}

TEST_CASE("a caller who hangs up while queued is abandoned with wait time and queue position")
{
    requireSipp();
    CallGateway g;
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    // Two callers: the first waits 8 s, the second hangs up after 2 s while
    // second in line.
    auto first = startCaller(g, "caller.xml", {"-m", "1", "-d", "8000"});
    const auto firstId = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto log = g.gw.dir() / "bye-messages.log";
    auto second = startCaller(g, "caller.xml", {"-m", "1", "-d", "2000"}, log);
    const auto secondId = contactIdOf(lead.waitEvent(
        "contact.queued", [&](const json::object& e) { return contactIdOf(e) != firstId; }));
    const auto closed = lead.waitEvent(
        "contact.closed", [&](const json::object& e) { return contactIdOf(e) == secondId; });
    const auto seenAt = Clock::now();
    CHECK(str(closed.at("contact").as_object().at("state")) == "abandoned");
    CHECK(closed.at("position").as_int64() == 2);
    CHECK(closed.at("waitMs").as_int64() >= 2000);
    CHECK(exitOf(*second) == 0);
    const auto byeAt = sentAt(log, "BYE");
    REQUIRE(byeAt);
    const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(seenAt - *byeAt);
    INFO("BYE sent to contact.closed seen: " << latency.count() << " ms");
    CHECK(latency < 200ms);
    CHECK(exitOf(*first) == 0);
    lead.waitEvent("contact.closed",
                   [&](const json::object& e) { return contactIdOf(e) == firstId; });
}

TEST_CASE("ring-no-answer puts the call back at the head of the queue and the operator on break")
{
    requireSipp();
    CallGateway g("operator_ring_timeout = 2s\n");
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sf", scenario("operator_noanswer.xml").string(), "-p",
                           std::to_string(deskPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto first = startCaller(g, "caller.xml", {"-m", "1", "-d", "30000"});
    const auto firstId = contactIdOf(lead.waitEvent("contact.queued", isCall));
    auto second = startCaller(g, "caller.xml", {"-m", "1", "-d", "30000"});
    lead.waitEvent("contact.queued",
                   [&](const json::object& e) { return contactIdOf(e) != firstId; });

    // sam takes the second caller; the phone rings 2 s unanswered.
    const auto queue = json::parse(g.ctl("sam", {"queue"})).as_object();
    const auto secondId = queue.at("queue").as_array().at(1).as_object().at("id").as_int64();
    g.ctl("sam", {"accept", std::to_string(secondId)});
    const auto notice = sam.waitEvent("operator.notice", [](const json::object&) { return true; });
    CHECK(str(notice.at("kind")) == "ring-no-answer");
    CHECK(notice.at("contactId").as_int64() == secondId);
    lead.waitEvent("presence.changed", [](const json::object& e) {
        return str(e.at("operator").as_object().at("name")) == "sam" &&
               str(e.at("operator").as_object().at("presence")) == "break";
    });
    const auto after = json::parse(g.ctl("admin", {"queue"})).as_object();
    const auto& order = after.at("queue").as_array();
    REQUIRE(order.size() == 2);
    CHECK(order.at(0).as_object().at("id").as_int64() == secondId); // at the head
    CHECK(exitOf(*desk) == 0); // CANCEL answered 200 + 487, ACKed
    first->kill(SIGTERM);
    second->kill(SIGTERM);
    first->waitExit(10s);
    second->waitExit(10s);
}

TEST_CASE("after ring-no-answer the call can be accepted again and is put through")
{
    requireSipp();
    CallGateway g("operator_ring_timeout = 2s\n");
    const int silentPort = freeUdpPort();
    auto silent = startSipp(g.gw.dir(), "desk",
                            {"-sf", scenario("operator_noanswer.xml").string(), "-p",
                             std::to_string(silentPort), "-m", "1"});
    g.samTakesCallsAt(silentPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    const auto notice = sam.waitEvent("operator.notice", [](const json::object&) { return true; });
    CHECK(str(notice.at("kind")) == "ring-no-answer");
    CHECK(exitOf(*silent) == 0); // CANCEL answered 200 + 487, ACKed

    // The phone is fixed and sam is back: the same call is put through.
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk-again",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    g.ctl("sam", {"accept", std::to_string(id)});
    const auto connected = lead.tryEvent(
        "call.connected", [&](const json::object& e) { return e.at("contactId").as_int64() == id; },
        30s);
    if (!connected) {
        const auto again = sam.tryEvent(
            "operator.notice",
            [&](const json::object& e) {
                return str(e.at("message")) != str(notice.at("message"));
            },
            5s);
        FAIL("the call was not put through again: " << (again ? str(again->at("message"))
                                                              : std::string("no notice either")));
    }
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

TEST_CASE("100 calls wait in the queue at once, then all hang up")
{
    requireSipp();
    CallGateway g("max_calls = 200\n");
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto callers =
        startCaller(g, "caller.xml", {"-m", "100", "-l", "100", "-r", "50", "-d", "10000"});
    CHECK(waitFor(
        [&] { return metric(g.metrics(), "warmline_queue_by_channel{channel=\"call\"}") == 100; },
        30s, 100ms));
    CHECK(metric(g.metrics(), "warmline_calls_active") == 100);
    CHECK(exitOf(*callers) == 0);
    CHECK(waitFor([&] { return metric(g.metrics(), "warmline_calls_active") == 0; }, 10s));
    CHECK(metric(g.metrics(), "warmline_queue_by_channel{channel=\"call\"}") == 0);
}

TEST_CASE("a caller who presses 2 in the greeting goes to operators who speak Spanish")
{
    requireSipp();
    CallGateway g("languages = 2=es\n");
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller_spanish.xml", {"-m", "1", "-d", "30000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto chosen = lead.waitEvent("contact.updated", [&](const json::object& e) {
        return contactIdOf(e) == id && e.at("contact").as_object().contains("language");
    });
    CHECK(str(chosen.at("contact").as_object().at("language")) == "es");
    CHECK(metric(g.metrics(), "warmline_dtmf_keys_total") >= 1);

    // sam speaks only the line's language: refused, and the head of the
    // queue is not offered to sam either.
    const auto login =
        g.gw.runCtl({"login", "--name", "sam", "--password-stdin"}, kOperatorPassword + "\n");
    REQUIRE(login.exitCode == 0);
    const auto refused = g.gw.runCtl({"accept", std::to_string(id)});
    CHECK(refused.exitCode == 5);
    CHECK(refused.err.find("es") != std::string::npos);
    CHECK(g.gw.runCtl({"accept"}).exitCode == 1); // nobody else is waiting

    g.ctl("admin", {"operator", "languages", "sam", "es"});
    const auto accepted = json::parse(g.ctl("sam", {"accept"})).as_object();
    CHECK(accepted.at("contact").as_object().at("id").as_int64() == id);
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

TEST_CASE("the app's softphone registered on the link gets the call and is asked to answer at once")
{
    requireSipp();
    CallGateway g;
    const int softphonePort = freeUdpPort();
    const auto log = g.gw.dir() / "softphone-messages.log";
    // sipp stands in for the app's softphone (which answers by itself).
    auto softphone =
        startSipp(g.gw.dir(), "softphone",
                  {"-sn", "uas", "-p", std::to_string(softphonePort), "-m", "1", "-rtp_echo"}, log);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    {
        OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
        // sam has no phone on the profile: without the softphone, no calls.
        sam.call("presence.set", {{"presence", "available"}});
        auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
        const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
        const auto refused = sam.raw("contact.accept", {{"contactId", id}});
        CHECK(refused.kind == link::ServerFrame::Kind::Error);
        CHECK(refused.code == link::ErrorCode::Conflict);

        sam.call("softphone.register",
                 {{"uri", "sip:warmline-app@127.0.0.1:" + std::to_string(softphonePort)}});
        sam.call("contact.accept", {{"contactId", id}});
        lead.waitEvent("call.connected",
                       [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
        const auto invite = readFile(log);
        CHECK(invite.find("Call-Info: <sip:127.0.0.1>;answer-after=0") != std::string::npos);
        sam.call("contact.wrapup", {{"contactId", id}});
        CHECK(exitOf(*softphone) == 0);
        caller->kill(SIGTERM);
        caller->waitExit(10s);
        sam.call("contact.close", {{"contactId", id}, {"note", "Test call."}});
    }
    // sam's link is gone, and with it the softphone: calls are refused again.
    OperatorLink again(g.gw.linkUrl(), "sam", kOperatorPassword);
    again.call("presence.set", {{"presence", "available"}});
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto second = contactIdOf(lead.waitEvent("contact.queued", [&](const json::object& e) {
        return isCall(e) && str(e.at("contact").as_object().at("state")) == "queued" &&
               e.at("contact").as_object().at("id").as_int64() > 1;
    }));
    const auto refused = again.raw("contact.accept", {{"contactId", second}});
    CHECK(refused.code == link::ErrorCode::Conflict);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

TEST_CASE(
    "calls do not survive a restart: a queued call is recorded as abandoned, not left waiting")
{
    requireSipp();
    CallGateway g;
    {
        OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
        auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
        lead.waitEvent("contact.queued", isCall);
        caller->kill(SIGKILL); // the trunk is gone too; no BYE will come
        caller->waitExit(10s);
    }
    g.gw.restart();
    const auto queue = json::parse(g.ctl("admin", {"queue"})).as_object();
    CHECK(queue.at("queue").as_array().empty());
    // The contact is on record as abandoned in the caller's history.
    SQLite::Database db((g.gw.dataDir() / "warmline.db").string(), SQLite::OPEN_READONLY);
    CHECK(waitFor(
        [&] {
            return db.execAndGet("SELECT COUNT(*) FROM contacts WHERE channel = 'call' AND "
                                 "state = 'abandoned' AND abandoned_wait_ms IS NOT NULL")
                       .getInt() == 1;
        },
        5s));
}

namespace {

std::string outcomeOf(const link::ServerFrame& f)
{
    if (f.kind == link::ServerFrame::Kind::Ack) {
        return "ack";
    }
    return f.kind == link::ServerFrame::Kind::Error ? std::string(link::toString(f.code))
                                                    : "event " + f.name;
}

} // namespace

TEST_CASE("softphone.set takes precedence over the desk phone, and call.hold plays hold audio")
{
    requireSipp();
    CallGateway g;
    g.gw.addOperator("sue", "supervisor", kOperatorPassword);
    g.gw.addOperator("ana", "operator", kOperatorPassword);
    // The profile's desk phone does not exist: only the softphone can answer.
    g.ctl("admin", {"operator", "sip", "sam", "sip:desk@127.0.0.1:9"});
    const int softPort = freeUdpPort();
    auto soft = startSipp(g.gw.dir(), "softphone",
                          {"-sn", "uas", "-p", std::to_string(softPort), "-m", "1", "-rtp_echo"});
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    OperatorLink ana(g.gw.linkUrl(), "ana", kOperatorPassword);
    OperatorLink sue(g.gw.linkUrl(), "sue", kOperatorPassword);
    // Roles and bad input.
    CHECK(outcomeOf(sue.raw("softphone.set", {{"uri", "sip:sue@127.0.0.1:5070"}})) == "forbidden");
    CHECK(outcomeOf(sam.raw("softphone.set", {{"uri", "sip:sam@phone.example:5070"}})) ==
          "bad_request");
    CHECK(outcomeOf(sam.raw("softphone.set", {{"uri", "mailto:sam@127.0.0.1"}})) == "bad_request");
    // Off the site's network, plain SIP and RTP would cross the internet.
    CHECK(outcomeOf(sam.raw("softphone.set", {{"uri", "sip:operator@203.0.113.7:5070"}})) ==
          "bad_request");
    CHECK(outcomeOf(lead.raw("operator.sip", {{"name", "sam"},
                                              {"uri", "sip:desk@198.51.100.9"}})) == "bad_request");
    CHECK(outcomeOf(lead.raw("operator.sip",
                             {{"name", "ana"}, {"uri", "sip:desk@10.0.0.40:5062"}})) == "ack");
    const auto set =
        sam.call("softphone.set", {{"uri", "sip:operator@127.0.0.1:" + std::to_string(softPort)}});
    CHECK(str(set.at("uri")) == "sip:operator@127.0.0.1:" + std::to_string(softPort));
    sam.call("presence.set", {{"presence", "available"}});

    auto caller = startCaller(g, "caller_talks.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    CHECK(outcomeOf(sam.raw("call.hold", {{"contactId", id}, {"on", true}})) == "forbidden");
    sam.call("contact.accept", {{"contactId", id}});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    const auto relayed = relayedTo("caller");
    const auto prompt = "warmline_rtp_packets_total{kind=\"prompt\"}";
    // The softphone's echo reaches the caller...
    const bool echoed = waitFor([&] { return metric(g.metrics(), relayed) > 50; }, 15s, 100ms);
    INFO("caller: " << caller->stdoutText().substr(0, 3000) << caller->stderrText()
                    << "\nsoftphone: " << soft->stderrText());
    CHECK(echoed);
    // ...until the operator holds: then hold audio, and nothing relayed.
    CHECK(outcomeOf(ana.raw("call.hold", {{"contactId", id}, {"on", true}})) == "forbidden");
    CHECK(outcomeOf(sam.raw("call.hold", {{"contactId", id}})) == "bad_request");
    const auto held = sam.call("call.hold", {{"contactId", id}, {"on", true}});
    CHECK(held.at("on").as_bool());
    sam.waitEvent("call.held", [&](const json::object& e) {
        return e.at("contactId").as_int64() == id && e.at("on").as_bool();
    });
    const auto atHold = g.metrics();
    CHECK(waitFor([&] { return metric(g.metrics(), prompt) > metric(atHold, prompt) + 100; }, 15s,
                  100ms));
    CHECK(metric(g.metrics(), relayed) - metric(atHold, relayed) <= 5); // in flight at most
    sam.call("call.hold", {{"contactId", id}, {"on", false}});
    const auto atResume = g.metrics();
    CHECK(waitFor([&] { return metric(g.metrics(), relayed) > metric(atResume, relayed) + 50; },
                  15s, 100ms));
    // Wrap-up ends both legs; the softphone gets its BYE.
    sam.call("contact.wrapup", {{"contactId", id}});
    CHECK(exitOf(*soft) == 0);
    CHECK(outcomeOf(sam.raw("call.hold", {{"contactId", id}, {"on", true}})) == "conflict");
    caller->kill(SIGTERM);
    caller->waitExit(10s);
    // Logging out forgets the softphone: the next accept needs the desk phone.
    sam.call("logout");
    OperatorLink sam2(g.gw.linkUrl(), "sam", kOperatorPassword);
    sam2.call("contact.close", {{"contactId", id}, {"note", "Talked about the week."}});
    sam2.call("presence.set", {{"presence", "available"}});
    lead.call("operator.sip", {{"name", "sam"}, {"uri", ""}});
    auto caller2 = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto id2 = contactIdOf(lead.waitEvent("contact.queued", [&](const json::object& e) {
        return isCall(e) && contactIdOf(e) != id;
    }));
    CHECK(outcomeOf(sam2.raw("contact.accept", {{"contactId", id2}})) == "conflict");
    caller2->kill(SIGTERM);
    caller2->waitExit(10s);
}

TEST_CASE("a site that allows plain calls to phones off its network takes their addresses")
{
    CallGateway g("allow_plain_remote_phones = true\n");
    OperatorLink admin(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    CHECK(str(sam.call("softphone.set", {{"uri", "sip:operator@203.0.113.7:5070"}}).at("uri")) ==
          "sip:operator@203.0.113.7:5070");
    const auto set =
        admin.call("operator.sip", {{"name", "sam"}, {"uri", "sip:desk@198.51.100.9"}});
    CHECK(str(set.at("operator").at("sipUri")) == "sip:desk@198.51.100.9");
}

TEST_CASE("a desk phone whose answer puts its audio off the site's network never hears the caller",
          "[gateway][sip][e2e]")
{
    requireSipp();
    CallGateway g;
    // The phone itself is on the site's network; its answer's audio is not.
    const int deskPort = freeUdpPort();
    g.ctl("admin", {"operator", "phone", "sam", "sip:desk@127.0.0.1:" + std::to_string(deskPort)});
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sf", scenario("phone_answers_offsite_media.xml").string(), "-p",
                           std::to_string(deskPort), "-m", "1"});
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller_talks.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto before = g.metrics();
    g.ctl("sam", {"presence", "available"});
    g.ctl("sam", {"accept", std::to_string(id)});
    const auto notice = sam.waitEvent("operator.notice", [](const json::object&) { return true; });
    CHECK(str(notice.at("kind")) == "ring-no-answer");
    CHECK(str(notice.at("message")).find("off the site's network") != std::string::npos);
    // Hung up on at once (the phone's scenario ends with the gateway's BYE),
    // and nothing of the caller was sent towards that address.
    CHECK(exitOf(*desk) == 0);
    const auto after = g.metrics();
    CHECK(metric(after, relayedTo("operator")) == metric(before, relayedTo("operator")));
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}
