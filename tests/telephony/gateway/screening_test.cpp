// Screening (docs/screening.md) against a real gateway: a number past its
// hourly limit waits for a lead, whom operators cannot get ahead of, and who
// admits it; the switchboard switched off does not release it; premium-rate
// numbers are held, a number the line refuses gets its text stored, its
// contact closed and no reply (unless the text carries risk signals, which
// a lead then sees); calls over the limit are held and refused calls get
// 603 Decline from sipp's point of view. Every step is in the audit log,
// and no number reaches the log. Numbers synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <string>

using namespace warmline;
using namespace warmline::test;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n"
                            "[line]\nname = Test Line\nwait_notice = 0\n";

bool listedScreened(OperatorLink& lead, std::int64_t id, const std::string& kind)
{
    const auto snapshot = lead.call("board.snapshot");
    const auto& screened = snapshot.at("screened").as_array();
    return std::any_of(screened.begin(), screened.end(), [&](const json::value& v) {
        return v.at("contactId").as_int64() == id && v.at("kind") == kind.c_str();
    });
}

std::size_t auditCount(OperatorLink& reader, const std::string& action)
{
    const auto entries = reader.call("audit.list", {{"action", action}});
    return entries.at("entries").as_array().size();
}

} // namespace

TEST_CASE("a number past its hourly text limit waits for a lead until a lead admits it",
          "[gateway][screening][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig + "[screening]\ntexts_per_hour = 3\n";
    GatewayProcess gateway(options);
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("amy", "supervisor", "amy-password-123");
    gateway.start();
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    SimpleHttpClient http(gateway.url(), 10s);
    sam.call("presence.set", {{"presence", "available"}});

    const std::string first = "synthetic: hello, one of several texts";
    REQUIRE(postSyntheticText(http, "SMscr1", 61, first).status == 200);
    const auto flood = queuedId(lee, first);
    for (int i = 2; i <= 3; ++i) {
        REQUIRE(postSyntheticText(http, "SMscr" + std::to_string(i), 61,
                                  "synthetic: again " + std::to_string(i))
                    .status == 200);
    }
    // Three in the hour: still the ordinary queue.
    CHECK_FALSE(listedScreened(lee, flood, "rate"));
    REQUIRE(postSyntheticText(http, "SMscr4", 61, "synthetic: and a fourth").status == 200);
    const auto held = lee.waitEvent(
        "contact.screened", [&](const json::object& e) { return e.at("contactId") == flood; });
    CHECK(held.at("screened").at("reason") == "more than 3 texts in an hour");
    CHECK(listedScreened(lee, flood, "rate"));

    // Nothing lost: all four are on the contact.
    CHECK(lee.call("contact.get", {{"contactId", flood}}).at("messages").as_array().size() >= 4);

    // An operator cannot take it, and is told why; they get the next texter.
    const auto refused = sam.raw("contact.accept", {{"contactId", flood}});
    CHECK(refused.code == link::ErrorCode::Forbidden);
    CHECK(refused.message.find("more than 3 texts in an hour") != std::string::npos);
    const std::string other = "synthetic: a different texter";
    REQUIRE(postSyntheticText(http, "SMscr5", 62, other).status == 200);
    const auto next = queuedId(lee, other);
    CHECK(sam.call("contact.accept").at("contact").at("id") == next);

    // The switchboard on and off does not let it go.
    lee.call("line.switchboard", {{"mode", "on"}});
    lee.call("line.switchboard", {{"mode", "off"}});
    CHECK(listedScreened(lee, flood, "rate"));
    CHECK(sam.raw("contact.accept", {{"contactId", flood}}).code == link::ErrorCode::Forbidden);

    // A restart keeps it held (the audit log says so).
    gateway.restart();
    OperatorLink lee2(gateway.linkUrl(), "lee", "lee-password-123");
    OperatorLink sam2(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink amy2(gateway.linkUrl(), "amy", "amy-password-123");
    sam2.call("presence.set", {{"presence", "available"}});
    REQUIRE(listedScreened(lee2, flood, "rate"));
    const auto stillHeld = sam2.raw("contact.accept", {{"contactId", flood}});
    CHECK(stillHeld.code == link::ErrorCode::Forbidden);
    CHECK(stillHeld.message.find("more than 3 texts in an hour") != std::string::npos);

    // Operators cannot admit; a lead can, and then anyone may take it.
    CHECK(sam2.raw("contact.admit", {{"contactId", flood}}).code == link::ErrorCode::Forbidden);
    lee2.call("contact.admit", {{"contactId", flood}});
    sam2.waitEvent("contact.admitted",
                   [&](const json::object& e) { return e.at("contactId") == flood; });
    CHECK_FALSE(listedScreened(lee2, flood, "rate"));
    CHECK(lee2.raw("contact.admit", {{"contactId", flood}}).code == link::ErrorCode::Conflict);
    CHECK(sam2.call("contact.accept", {{"contactId", flood}}).at("contact").at("id") == flood);

    CHECK(waitFor([&] { return auditCount(amy2, "screening.hold") == 1; }, 10s));
    CHECK(auditCount(amy2, "screening.admit") == 1); // written before contact.admitted
    CHECK(gateway.log().find("+1555555") == std::string::npos);
}

TEST_CASE("premium-rate numbers are held, and a refused number's text is kept, closed and not "
          "answered, unless it carries risk signals",
          "[gateway][screening][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig + "[screening]\ninternational = refuse\n";
    GatewayProcess gateway(options);
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.addOperator("amy", "supervisor", "amy-password-123");
    gateway.start();
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    OperatorLink amy(gateway.linkUrl(), "amy", "amy-password-123");
    SimpleHttpClient http(gateway.url(), 10s);

    // Premium (held by default).
    const std::string premium = "synthetic: texting from a premium line";
    REQUIRE(postTwilioText(http, "SMprem1", "+19005550142", premium) == 200);
    const auto queued = lee.waitEvent("contact.queued", [&](const json::object& d) {
        return d.at("contact").at("preview") == premium.c_str();
    });
    CHECK(queued.at("forLead") == true);
    CHECK(queued.at("screened").at("kind") == "premium");
    CHECK(listedScreened(lee, queued.at("contact").at("id").as_int64(), "premium"));

    // International, refused: answered 200 (stored), shown to the lead,
    // closed, and no automatic reply.
    REQUIRE(postTwilioText(http, "SMabroad1", "+445555550142", "synthetic: hello from abroad") ==
            200);
    const auto refusal = lee.waitEvent("line.screened", [](const json::object& e) {
        return e.at("action") == "refuse" && e.at("kind") == "international";
    });
    CHECK(refusal.at("channel") == "text");
    CHECK_FALSE(refusal.at("alias").as_string().empty());
    const auto refusedId = refusal.at("contactId").as_int64();
    const auto contact = lee.call("contact.get", {{"contactId", refusedId}});
    const auto& messages = contact.at("messages").as_array();
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].at("direction") == "in");
    CHECK(messages[0].at("body") == "synthetic: hello from abroad");
    CHECK(contact.at("contact").at("state") == "closed");
    const auto queue = lee.call("queue.snapshot").at("queue").as_array();
    CHECK(std::none_of(queue.begin(), queue.end(),
                       [&](const json::value& c) { return c.at("id").as_int64() == refusedId; }));

    // A text with risk signals from a refused kind of number is held instead.
    const std::string risky = "synthetic: i want to kill myself tonight";
    REQUIRE(postTwilioText(http, "SMabroad2", "+445555550143", risky) == 200);
    const auto riskyQueued = lee.waitEvent("contact.queued", [&](const json::object& d) {
        return d.at("contact").at("preview") == risky.c_str();
    });
    CHECK(riskyQueued.at("forLead") == true);
    CHECK(riskyQueued.at("screened").at("reason").as_string().find("risk signals") !=
          std::string::npos);

    // The audit rows are written just after the events: wait for them.
    CHECK(waitFor([&] { return auditCount(amy, "screening.refuse") == 1; }, 10s));
    CHECK(waitFor([&] { return auditCount(amy, "screening.hold") == 2; }, 10s));
    const auto log = gateway.log();
    CHECK(log.find("5550142") == std::string::npos);
    CHECK(log.find("hello from abroad") == std::string::npos);
}

TEST_CASE("calls past the hourly limit wait for a lead, and calls the line refuses get 603 Decline",
          "[gateway][screening][sip][e2e]")
{
    using namespace warmline::test::sipcall;
    requireSipp();
    CallGateway g("[screening]\ncalls_per_hour = 1\ninternational = refuse\n");
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);

    // The same synthetic number twice (each sipp run's first call).
    auto first = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto firstQueued = lead.waitEvent("contact.queued", isCall);
    CHECK_FALSE(firstQueued.contains("forLead"));
    auto second = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto secondQueued = lead.waitEvent("contact.queued", [&](const json::object& e) {
        return isCall(e) && contactIdOf(e) != contactIdOf(firstQueued);
    });
    CHECK(secondQueued.at("forLead") == true);
    CHECK(secondQueued.at("screened").at("reason") == "more than 1 calls in an hour");

    // From another country: declined, never queued, shown to the lead.
    auto abroad =
        startCaller(g, "caller_declined.xml", {"-m", "1", "-key", "caller", "+445555550177"});
    CHECK(exitOf(*abroad) == 0);
    const auto refusal = lead.waitEvent(
        "line.screened", [](const json::object& e) { return e.at("channel") == "call"; });
    CHECK(refusal.at("kind") == "international");
    CHECK(metric(g.metrics(),
                 "warmline_contacts_screened_total{channel=\"call\",action=\"refuse\"}") == 1);
    CHECK(metric(g.metrics(),
                 "warmline_contacts_screened_total{channel=\"call\",action=\"hold\"}") == 1);
    const auto queue = json::parse(g.ctl("admin", {"queue"})).as_object();
    CHECK(queue.at("queue").as_array().size() == 2);
    // Let in with warmlinectl.
    const auto held = std::to_string(contactIdOf(secondQueued));
    const auto board = json::parse(g.ctl("admin", {"board"})).as_object();
    REQUIRE(board.at("screened").as_array().size() == 1);
    CHECK(board.at("screened").as_array()[0].at("kind") == "rate");
    g.ctl("admin", {"admit", held});
    lead.waitEvent("contact.admitted", [&](const json::object& e) {
        return e.at("contactId").as_int64() == contactIdOf(secondQueued);
    });
    CHECK(json::parse(g.ctl("admin", {"board"})).at("screened").as_array().empty());

    for (auto* p : {first.get(), second.get()}) {
        p->kill(SIGTERM);
        p->waitExit(10s);
    }
    CHECK(g.gw.log().find("5550177") == std::string::npos);
}
