// A shift lead on a live call through a real warmline-gateway, with sipp as
// the caller, the operator's desk phone and the lead's phone
// (docs/coaching.md): the lead listens, whispers and barges, switching
// during the call; the operator is told each time; every mode is on the
// contact's record and in the audit log. The caller talks, the desk phone
// is silent and the lead talks, so what reaches the caller's leg shows
// whether the caller hears the lead; holding the call leaves the operator
// and the lead talking between themselves. Which leg hears which is proved with
// tones in tests/telephony/media/conference_test.cpp. Numbers synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <string>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace json = boost::json;

namespace {

const std::string kToCaller = relayedTo("caller");
const std::string kToLead = relayedTo("lead");
const std::string kToOperator = relayedTo("operator");
const std::string kPrompt = "warmline_rtp_packets_total{kind=\"prompt\"}";

std::int64_t count(GatewayProcess& gw, const std::string& sql)
{
    SQLite::Database d((gw.dataDir() / "warmline.db").string(), SQLite::OPEN_READONLY);
    return d.execAndGet(sql).getInt64();
}

} // namespace

TEST_CASE("a lead listens, whispers and barges on a call from their own phone, and the operator "
          "is told each time",
          "[gateway][coaching][e2e]")
{
    requireSipp();
    CallGateway g;
    const int deskPort = freeUdpPort();
    // The operator's desk phone answers and stays silent.
    auto desk =
        startSipp(g.gw.dir(), "desk", {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1"});
    const int leadPort = freeUdpPort();
    auto leadPhone = startSipp(
        g.gw.dir(), "leadphone",
        {"-sf", scenario("lead_talks.xml").string(), "-p", std::to_string(leadPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    g.ctl("admin", {"operator", "sip", "admin", "sip:lead@127.0.0.1:" + std::to_string(leadPort)});
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller_talks.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto forThis = [id](const std::string& state, const std::string& mode = {}) {
        return [id, state, mode](const json::object& e) {
            return e.at("contactId").as_int64() == id && str(e.at("state")) == state &&
                   (mode.empty() || str(e.at("mode")) == mode);
        };
    };

    // Before the operator has it, and from an operator, there is nothing to listen to.
    CHECK(lead.raw("call.listen", {{"contactId", id}, {"mode", "listen"}}).code ==
          link::ErrorCode::Conflict);
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    CHECK(sam.raw("call.listen", {{"contactId", id}, {"mode", "listen"}}).code ==
          link::ErrorCode::Forbidden);
    CHECK(lead.raw("call.listen", {{"contactId", id}, {"mode", "loud"}}).code ==
          link::ErrorCode::BadRequest);

    // Listen, from warmlinectl: the lead's phone is dialled; the operator is told.
    g.ctl("admin", {"coach", "listen", std::to_string(id), "listen"});
    const auto on = sam.waitEvent("call.listen", forThis("on"));
    CHECK(str(on.at("mode")) == "listen");
    CHECK(str(on.at("lead")) == "admin");
    CHECK(str(on.at("alias")).size() > 0);
    // The lead hears the caller; the caller hears nothing (the desk is silent
    // and the lead is heard by nobody).
    const auto listening = g.metrics();
    CHECK(grewBy(g, listening, {kToLead}, 50));
    CHECK(metric(g.metrics(), kToCaller) == metric(listening, kToCaller));

    // Whisper: still nothing reaches the caller.
    const auto whisper = lead.call("call.listen", {{"contactId", id}, {"mode", "whisper"}});
    CHECK(str(whisper.at("state")) == "on");
    CHECK(str(sam.waitEvent("call.listen", forThis("on", "whisper")).at("lead")) == "admin");
    const auto whispering = g.metrics();
    CHECK(grewBy(g, whispering, {kToLead}, 50));
    CHECK(metric(g.metrics(), kToCaller) == metric(whispering, kToCaller));

    // Barge: the caller hears the lead.
    lead.call("call.listen", {{"contactId", id}, {"mode", "barge"}});
    CHECK(str(sam.waitEvent("call.listen", forThis("on", "barge")).at("lead")) == "admin");
    CHECK(grewBy(g, g.metrics(), {kToCaller, kToLead}, 50));

    // The operator holds the call: the caller hears hold audio and nothing
    // of the lead; the operator and the lead hear each other (the caller's
    // voice no longer reaches the operator, so what does is the lead's).
    sam.call("call.hold", {{"contactId", id}, {"on", true}});
    const auto held = g.metrics();
    CHECK(waitFor(
        [&] {
            return metric(g.metrics(), kPrompt) > metric(held, kPrompt) + 50 &&
                   metric(g.metrics(), kToOperator) > metric(held, kToOperator) + 50;
        },
        15s, 100ms));
    CHECK(metric(g.metrics(), kToCaller) - metric(held, kToCaller) <= 5);
    // Resumed, still barging: the caller hears the lead again.
    sam.call("call.hold", {{"contactId", id}, {"on", false}});
    CHECK(grewBy(g, g.metrics(), {kToCaller}, 50));

    // Back to listening: the caller hears nothing again.
    lead.call("call.listen", {{"contactId", id}, {"mode", "listen"}});
    sam.waitEvent("call.listen", forThis("on", "listen"));
    const auto again = g.metrics();
    CHECK(grewBy(g, again, {kToLead}, 50));
    CHECK(metric(g.metrics(), kToCaller) == metric(again, kToCaller));

    // Stop: the lead's phone gets BYE; the call goes on.
    const auto stopped = lead.call("call.listen", {{"contactId", id}, {"mode", "stop"}});
    CHECK_FALSE(stopped.at("listening").as_bool());
    const auto ended = sam.waitEvent("call.listen", forThis("ended"));
    CHECK(str(ended.at("reason")).find("stopped") != std::string::npos);
    CHECK(exitOf(*leadPhone) == 0);
    CHECK(metric(g.metrics(), "warmline_calls_active") == 1);

    // The record: four modes and the end, and the audit log's four rows.
    CHECK(count(g.gw, "SELECT COUNT(*) FROM contact_coaching WHERE contact_id = " +
                          std::to_string(id) + " AND kind IN ('listen','whisper','barge')") == 4);
    CHECK(count(g.gw, "SELECT COUNT(*) FROM contact_coaching WHERE contact_id = " +
                          std::to_string(id) + " AND kind = 'unlisten'") == 1);
    CHECK(count(g.gw, "SELECT COUNT(*) FROM audit_log WHERE action = 'call.listen' AND "
                      "contact_id = " +
                          std::to_string(id)) == 4);
    const auto review = lead.call("review.get", {{"contactId", id}});
    CHECK(review.at("coaching").as_array().size() == 5);
}

TEST_CASE("a line that lets leads listen unannounced tells the operator of a whisper but not of "
          "a listen, and the audit log says which",
          "[gateway][coaching][e2e]")
{
    requireSipp();
    CallGateway g;
    // An admin's change, itself audited (setting.set).
    g.ctl("admin", {"settings", "set", "board.announce_listening", "false"});
    const int deskPort = freeUdpPort();
    auto desk =
        startSipp(g.gw.dir(), "desk", {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1"});
    const int leadPort = freeUdpPort();
    auto leadPhone = startSipp(
        g.gw.dir(), "leadphone",
        {"-sf", scenario("lead_talks.xml").string(), "-p", std::to_string(leadPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    g.ctl("admin", {"operator", "sip", "admin", "sip:lead@127.0.0.1:" + std::to_string(leadPort)});
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller_talks.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    const auto isThis = [id](const json::object& e) { return e.at("contactId").as_int64() == id; };

    // Listening: the lead's own app follows it and the lead hears the call.
    lead.call("call.listen", {{"contactId", id}, {"mode", "listen"}});
    const auto on = lead.waitEvent("call.listen", [&](const json::object& e) {
        return isThis(e) && str(e.at("state")) == "on";
    });
    CHECK(str(on.at("mode")) == "listen");
    CHECK(grewBy(g, g.metrics(), {kToLead}, 50));

    // A whisper the operator hears: that is the first they are told of.
    lead.call("call.listen", {{"contactId", id}, {"mode", "whisper"}});
    const auto told = sam.waitEvent("call.listen", isThis);
    CHECK(str(told.at("mode")) == "whisper");
    lead.call("call.listen", {{"contactId", id}, {"mode", "stop"}});
    sam.waitEvent("call.listen", [&](const json::object& e) {
        return isThis(e) && str(e.at("state")) == "ended";
    });
    CHECK(exitOf(*leadPhone) == 0);

    const auto audited = [&](const std::string& like) {
        return count(g.gw, "SELECT COUNT(*) FROM audit_log WHERE action = 'call.listen' AND "
                           "contact_id = " +
                               std::to_string(id) + " AND detail LIKE '" + like + "'");
    };
    CHECK(audited("%\"mode\":\"listen\",\"announced\":false%") == 1);
    CHECK(audited("%\"mode\":\"whisper\",\"announced\":true%") == 1);
    CHECK(count(g.gw, "SELECT COUNT(*) FROM audit_log WHERE action = 'setting.set' AND detail "
                      "LIKE '%board.announce_listening%'") == 1);
}
