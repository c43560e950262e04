// Crisis escalation end to end against a real gateway: a crisis text jumps
// the queue with its signals, the lead hears of it and other operators don't,
// the holder records the screener, sends the crisis line's text and closes
// the escalation, and the record keeps every step for a supervisor. Notes are
// scored too; idioms are not alarms; escalations opened by hand need a
// reason to be closed without acting.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace warmline::test;
using warmline::link::ErrorCode;
using warmline::link::ServerFrame;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;

namespace {

/// The shipped rules without the statistical second opinion, in a file of
/// their own for a gateway's line.risk_rules: for tests of what the rules
/// combine, which the model may reach on its own.
struct RulesWithoutModel
{
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("warmline-rules-" + std::to_string(::getpid()) + ".txt");
    RulesWithoutModel()
    {
        std::ifstream in(std::string(WARMLINE_SOURCE_DIR) + "/resources/risk-rules.txt");
        std::ofstream out(path);
        std::string line;
        while (std::getline(in, line)) {
            if (!line.starts_with("model ")) {
                out << line << "\n";
            }
        }
    }
    ~RulesWithoutModel() { std::filesystem::remove(path); }
    RulesWithoutModel(const RulesWithoutModel&) = delete;
    RulesWithoutModel& operator=(const RulesWithoutModel&) = delete;
};

void postText(SimpleHttpClient& http, const std::string& sid, const std::string& from,
              const std::string& body)
{
    const auto r =
        http.postForm("/sms/twilio", SimpleHttpClient::formEncode({{"MessageSid", sid},
                                                                   {"From", from},
                                                                   {"To", "+15555550199"},
                                                                   {"Body", body},
                                                                   {"NumMedia", "0"}}));
    INFO(sid << ": " << r.body);
    REQUIRE(r.status == 200);
}

std::string errorOf(const ServerFrame& f)
{
    return f.kind == ServerFrame::Kind::Error ? std::string(warmline::link::toString(f.code))
                                              : std::string("ack");
}

/// The queue as the snapshot orders it: ids, once it holds `count` contacts.
json::array queueOf(OperatorLink& link, std::size_t count)
{
    json::array queue;
    REQUIRE(waitFor(
        [&] {
            queue = link.call("queue.snapshot").at("queue").as_array();
            return queue.size() >= count;
        },
        std::chrono::seconds(15)));
    return queue;
}

std::vector<std::string> stepKinds(const json::object& escalation)
{
    std::vector<std::string> kinds;
    for (const auto& s : escalation.at("steps").as_array()) {
        kinds.emplace_back(s.at("kind").as_string());
    }
    return kinds;
}

} // namespace

TEST_CASE("a crisis text jumps the queue, reaches the lead, and its record keeps every step",
          "[gateway][escalation][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.addOperator("sue", "supervisor", "sue-password-123");
    gateway.start();

    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink kim(gateway.linkUrl(), "kim", "kim-password-123");
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    OperatorLink sue(gateway.linkUrl(), "sue", "sue-password-123");
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));

    // Three ordinary texts wait first, one of them an everyday idiom.
    postText(http, "SMes1", "+15555550161", "synthetic: work has been a lot this week");
    postText(http, "SMes2", "+15555550162", "synthetic: this traffic is killing me lol");
    postText(http, "SMes3", "+15555550163", "synthetic: just wanted someone to talk to tonight");
    queueOf(sam, 3);
    const std::string crisis = "synthetic: I saved up 40 of my sleeping pills and I'm going to "
                               "take them all tonight";
    postText(http, "SMes4", "+15555550164", crisis);

    // It arrived last and is first in line, with the words that raised it.
    const auto queue = queueOf(sam, 4);
    const auto& head = queue[0].as_object();
    INFO(json::serialize(queue));
    CHECK((head.at("risk") == "high" || head.at("risk") == "imminent"));
    CHECK(head.at("preview").as_string().find("sleeping pills") != json::string::npos);
    CHECK(!head.at("riskSignals").as_array().empty());
    const auto crisisId = head.at("id").as_int64();
    for (std::size_t i = 1; i < queue.size(); ++i) {
        INFO(json::serialize(queue[i]));
        CHECK(queue[i].at("risk") != "high");
        CHECK(queue[i].at("risk") != "imminent");
    }

    // The lead hears of it at once; an operator who does not hold it does not.
    const auto alert = lee.waitEvent("escalation.updated", [&](const json::object& d) {
        return d.at("escalation").at("contactId").as_int64() == crisisId;
    });
    const auto escalationId = alert.at("escalation").at("id").as_int64();
    // The contact went out once, already at its level: no second update for it.
    const std::string contactKey = "{\"contact\":{\"id\":" + std::to_string(crisisId) + ",";
    int contactEvents = 0;
    for (const auto& text : lee.eventTexts()) {
        if (text.find(contactKey) != std::string::npos) {
            ++contactEvents;
            CHECK(text.rfind("contact.queued ", 0) == 0);
        }
    }
    CHECK(contactEvents == 1);
    CHECK(alert.at("escalation").at("state") == "open");
    CHECK(alert.at("escalation").at("source") == "text");
    CHECK(!alert.at("escalation").at("signals").as_array().empty());
    kim.call("presence.set", {{"presence", "available"}});
    kim.waitEvent("presence.changed", [](const json::object& d) {
        return d.at("operator").at("name") == "kim" &&
               d.at("operator").at("presence") == "available";
    });
    CHECK(kim.eventNames().find("escalation.updated") == std::string::npos);

    // Accept next gives the operator the crisis contact, with its record.
    sam.call("presence.set", {{"presence", "available"}});
    const auto accepted = sam.call("contact.accept");
    CHECK(accepted.at("contact").at("id").as_int64() == crisisId);
    const auto got = sam.call("contact.get", {{"contactId", crisisId}});
    REQUIRE(got.at("escalations").as_array().size() == 1);
    CHECK(stepKinds(got.at("escalations").as_array()[0].as_object()) ==
          std::vector<std::string>{"raised"});

    // The screener's answers are recorded with what they call for.
    sam.call("escalation.step", {{"escalationId", escalationId}, {"kind", "seen"}});
    const auto screened = sam.call("escalation.step", {{"escalationId", escalationId},
                                                       {"kind", "screener"},
                                                       {"detail",
                                                        {{"q1", true},
                                                         {"q2", true},
                                                         {"q3", true},
                                                         {"q4", true},
                                                         {"q5", false},
                                                         {"q6", false},
                                                         {"dangerNow", false}}}});
    const auto& lastStep = screened.at("escalation").at("steps").as_array().back();
    CHECK(lastStep.at("kind") == "screener");
    CHECK(lastStep.at("detail").at("recommended") == "warm_transfer");
    CHECK(lastStep.at("operatorName") == "sam");

    // Bad steps, strangers, and closing the contact early are refused.
    CHECK(errorOf(sam.raw("escalation.step",
                          {{"escalationId", escalationId}, {"kind", "closed"}})) == "bad_request");
    CHECK(errorOf(sam.raw("escalation.step", {{"escalationId", escalationId},
                                              {"kind", "screener"},
                                              {"detail", {{"q1", "maybe"}}}})) == "bad_request");
    CHECK(errorOf(kim.raw("escalation.step", {{"escalationId", escalationId}, {"kind", "seen"}})) ==
          "forbidden");
    CHECK(errorOf(kim.raw("escalation.get", {{"contactId", crisisId}})) == "forbidden");
    CHECK(errorOf(sam.raw("contact.close", {{"contactId", crisisId}, {"note", "synthetic"}})) ==
          "conflict");
    CHECK(errorOf(sam.raw("escalation.close", {{"escalationId", escalationId},
                                               {"outcome", "no_action"}})) == "bad_request");
    CHECK(errorOf(sam.raw("escalation.transfer", {{"escalationId", escalationId},
                                                  {"line", "no-such-line"}})) == "bad_request");

    // Warm transfer of a text: the crisis line's template goes to the texter.
    const auto transferred =
        sam.call("escalation.transfer", {{"escalationId", escalationId}, {"line", "988"}});
    CHECK(stepKinds(transferred.at("escalation").as_object()).back() == "transfer_started");
    sam.waitEvent("message.sent", [&](const json::object& d) {
        return d.at("message").at("contactId").as_int64() == crisisId &&
               d.at("message").at("body").as_string().find("988") != json::string::npos;
    });
    sam.call("escalation.step", {{"escalationId", escalationId}, {"kind", "texter_confirmed"}});

    // The lead's alert is acknowledged; then the operator closes with the outcome.
    const auto leadAlert = lee.waitEvent("alert.raised", [&](const json::object& d) {
        return d.at("alert").at("kind") == "escalation" &&
               d.at("alert").at("escalationId").as_int64() == escalationId;
    });
    CHECK(leadAlert.at("alert").at("text").as_string().find("sleeping pills") ==
          json::string::npos);
    lee.call("alert.ack", {{"alertId", leadAlert.at("alert").at("id").as_int64()}});
    sam.call("escalation.close", {{"escalationId", escalationId}, {"outcome", "warm_transfer"}});
    CHECK(errorOf(sam.raw("escalation.close", {{"escalationId", escalationId},
                                               {"outcome", "warm_transfer"}})) == "conflict");
    sam.call("contact.close", {{"contactId", crisisId}, {"note", "synthetic: connected to 988"}});

    // The supervisor reads the whole record, in order, with who and when.
    const auto record = sue.call("escalation.get", {{"contactId", crisisId}});
    REQUIRE(record.at("escalations").as_array().size() == 1);
    const auto& e = record.at("escalations").as_array()[0].as_object();
    CHECK(e.at("state") == "closed");
    CHECK(e.at("outcome") == "warm_transfer");
    CHECK(e.at("acted").as_bool());
    CHECK(stepKinds(e) == std::vector<std::string>{"raised", "seen", "screener", "transfer_started",
                                                   "texter_confirmed", "lead_acknowledged",
                                                   "closed"});
    std::int64_t last = 0;
    for (const auto& s : e.at("steps").as_array()) {
        CHECK(s.at("at").as_int64() >= last);
        last = s.at("at").as_int64();
    }
    CHECK(e.at("steps").as_array()[5].at("operatorName") == "lee");

    // The idiom never became an alarm (an ordinary text may read as a
    // concern: "work has been a lot" is worded like messages of concern).
    const auto rest = sam.call("queue.snapshot").at("queue").as_array();
    for (const auto& c : rest) {
        CHECK(c.at("risk") != "high");
        CHECK(c.at("risk") != "imminent");
    }

    // Nothing of the texts' content or numbers is in the gateway's log.
    const auto log = gateway.log();
    CHECK(log.find("sleeping pills") == std::string::npos);
    CHECK(log.find("5555550164") == std::string::npos);
}

TEST_CASE("notes are scored, escalations open by hand, and closing without acting needs a reason",
          "[gateway][escalation][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));

    postText(http, "SMnote1", "+15555550171", "synthetic: can't sleep again, feeling low");
    queueOf(sam, 1);
    sam.call("presence.set", {{"presence", "available"}});
    const auto first = sam.call("contact.accept").at("contact").at("id").as_int64();
    CHECK(sam.call("escalation.get", {{"contactId", first}}).at("escalations").as_array().empty());

    // A note about what the caller said raises the prompt like a text would.
    const auto note = sam.call("caller.note.add",
                               {{"contactId", first},
                                {"body", "synthetic: she said she has a bottle of pills at home "
                                         "and plans to take them tonight"}});
    INFO(json::serialize(note));
    CHECK(note.at("risk").at("level") != "none");
    CHECK(!note.at("risk").at("signals").as_array().empty());
    const auto raised = lee.waitEvent("escalation.updated", [&](const json::object& d) {
        return d.at("escalation").at("contactId").as_int64() == first;
    });
    CHECK(raised.at("escalation").at("source") == "note");
    const auto noteEscalation = raised.at("escalation").at("id").as_int64();
    sam.call("escalation.step", {{"escalationId", noteEscalation},
                                 {"kind", "safety_plan"},
                                 {"detail", {{"plan", "synthetic: pills to a neighbour"}}}});
    // An action is recorded, so no reason is needed.
    sam.call("escalation.close", {{"escalationId", noteEscalation}, {"outcome", "safety_plan"}});

    // By hand: a second contact with nothing the engine would flag.
    postText(http, "SMnote2", "+15555550172", "synthetic: hi, is anyone there?");
    queueOf(sam, 1);
    const auto second = sam.call("contact.accept").at("contact").at("id").as_int64();
    CHECK(errorOf(sam.raw("escalation.open", {{"contactId", second}, {"level", "none"}})) ==
          "bad_request");
    const auto opened = sam.call(
        "escalation.open",
        {{"contactId", second}, {"level", "high"}, {"reason", "synthetic: long silences"}});
    const auto manual = opened.at("escalation").at("id").as_int64();
    CHECK(opened.at("escalation").at("source") == "operator");
    CHECK(stepKinds(opened.at("escalation").as_object()) == std::vector<std::string>{"opened"});
    // The contact now shows the level everywhere.
    lee.waitEvent("contact.updated", [&](const json::object& d) {
        return d.at("contact").at("id").as_int64() == second &&
               d.at("contact").at("risk") == "high";
    });
    // Nothing was done: closing it needs a reason, whatever the outcome says.
    CHECK(errorOf(sam.raw("escalation.close", {{"escalationId", manual},
                                               {"outcome", "safety_plan"}})) == "bad_request");
    CHECK(errorOf(sam.raw("escalation.close", {{"escalationId", manual},
                                               {"outcome", "no_action"},
                                               {"reason", "   "}})) == "bad_request");
    const auto closed = sam.call("escalation.close",
                                 {{"escalationId", manual},
                                  {"outcome", "no_action"},
                                  {"reason", "synthetic: asked directly; no thoughts of suicide"}});
    CHECK(closed.at("escalation").at("closeReason") ==
          "synthetic: asked directly; no thoughts of suicide");

    // The engine is reachable for drafts too.
    const auto assessed =
        sam.call("risk.assess", {{"text", "synthetic: I'd kill for a coffee right now"}});
    CHECK(assessed.at("risk").at("level") == "none");
}

TEST_CASE("texts that are ordinary alone raise a contact together", "[gateway][escalation][e2e]")
{
    // The rules alone: the second opinion reads "pills saved up" as imminent
    // by itself, and this is about what the rules find across texts.
    const RulesWithoutModel rules;
    GatewayOptions options;
    options.start = false;
    options.configExtra =
        "[twilio]\nauth_token =\n[outbound]\nprovider = none\n[line]\nrisk_rules = " +
        rules.path.string() + "\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));

    const auto riskOfHead = [&] { return std::string(queueOf(sam, 1)[0].at("risk").as_string()); };
    // Each of these alone is a concern at most, or nothing.
    for (const char* text : {"synthetic: i have the pills saved up", "synthetic: tonight"}) {
        CHECK(sam.call("risk.assess", {{"text", text}}).at("risk").at("level") != "imminent");
    }
    postText(http, "SMcv1", "+15555550171", "synthetic: i have the pills saved up");
    postText(http, "SMcv2", "+15555550171", "synthetic: i want to die");
    postText(http, "SMcv3", "+15555550171", "synthetic: tonight");
    // One contact, raised by what its texts hold together.
    std::string risk;
    REQUIRE(waitFor(
        [&] {
            risk = riskOfHead();
            return risk == "imminent";
        },
        std::chrono::seconds(15)));
    const auto queue = queueOf(sam, 1);
    CHECK(queue.size() == 1);
    bool sawTime = false;
    for (const auto& s : queue[0].at("riskSignals").as_array()) {
        sawTime = sawTime || std::string(s.as_string()).find("time frame") != std::string::npos;
    }
    CHECK(sawTime);

    // Another texter's ordinary messages stay ordinary together.
    postText(http, "SMcv4", "+15555550172", "synthetic: long day at work");
    postText(http, "SMcv5", "+15555550172", "synthetic: gonna watch a movie tonight");
    const auto both = queueOf(sam, 2);
    CHECK(both[1].at("risk") == "none");
}
