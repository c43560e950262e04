// Operators' wellbeing against a real gateway: a long stretch without a
// break gets the operator (and only them) one gentle reminder per stretch;
// closing a contact that reached high risk offers a break and a debrief; the
// debrief reaches supervisors and the contact's review, and only the
// operator who handled the contact may write one. All texts are synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <string>

using namespace warmline::test;
using warmline::link::ErrorCode;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;

namespace {

bool isNotice(const json::object& e, const std::string& kind)
{
    return e.at("kind").as_string() == kind;
}

} // namespace

TEST_CASE("a long stretch without a break gets one gentle reminder, to the operator alone",
          "[gateway][wellbeing][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = "[outbound]\nprovider = none\n[board]\nbreak_reminder = 1500ms\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");

    sam.call("presence.set", {{"presence", "available"}});
    const auto first = sam.waitEvent(
        "operator.notice", [](const json::object& e) { return isNotice(e, "break-reminder"); });
    CHECK(first.at("message").as_string().find("without a break") != json::string::npos);

    // A break starts a new stretch, which gets its own reminder.
    sam.call("presence.set", {{"presence", "break"}});
    sam.call("presence.set", {{"presence", "available"}});
    // (waitEvent looks at the events seen so far first: the second is wanted.)
    int reminders = 0;
    sam.waitEvent("operator.notice", [&](const json::object& e) {
        return isNotice(e, "break-reminder") && ++reminders == 2;
    });
    // One per stretch: two stretches, two reminders, however many checks ran.
    const auto names = sam.eventNames();
    std::size_t count = 0;
    for (auto at = names.find("operator.notice"); at != std::string::npos;
         at = names.find("operator.notice", at + 1)) {
        ++count;
    }
    CHECK(count == 2);
    // The lead's board is not told: this is between the operator and themselves.
    CHECK(lee.eventNames().find("operator.notice") == std::string::npos);
}

TEST_CASE("closing a high-risk contact offers a break and a debrief, which reaches supervisors "
          "and the review",
          "[gateway][wellbeing][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.addOperator("sue", "supervisor", "sue-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink kim(gateway.linkUrl(), "kim", "kim-password-123");
    OperatorLink sue(gateway.linkUrl(), "sue", "sue-password-123");
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));

    const auto r = http.postForm(
        "/sms/twilio",
        SimpleHttpClient::formEncode(
            {{"MessageSid", "SMwb1"},
             {"From", "+15555550171"},
             {"To", "+15555550199"},
             {"Body", "synthetic: I saved up 40 of my sleeping pills and I'm going to take them "
                      "all tonight"},
             {"NumMedia", "0"}}));
    REQUIRE(r.status == 200);
    sam.call("presence.set", {{"presence", "available"}});
    json::object accepted;
    REQUIRE(waitFor(
        [&] {
            const auto f = sam.raw("contact.accept");
            if (f.kind != warmline::link::ServerFrame::Kind::Ack) {
                return false;
            }
            accepted = f.data;
            return true;
        },
        std::chrono::seconds(15)));
    const auto id = accepted.at("contact").at("id").as_int64();
    const auto got = sam.call("contact.get", {{"contactId", id}});
    REQUIRE(got.at("escalations").as_array().size() == 1);
    const auto escalationId = got.at("escalations").as_array()[0].at("id").as_int64();
    sam.call("escalation.close", {{"escalationId", escalationId},
                                  {"outcome", "safety_plan"},
                                  {"reason", "synthetic: made a plan together"}});
    sam.call("contact.close", {{"contactId", id}, {"note", "synthetic: a plan for tonight"}});

    const auto offered = sam.waitEvent(
        "operator.notice", [](const json::object& e) { return isNotice(e, "break-suggested"); });
    CHECK(offered.at("contactId").as_int64() == id);
    CHECK(offered.at("message").as_string().find("debrief") != json::string::npos);

    // Bad debriefs are refused with a reason and store nothing.
    CHECK(sam.raw("contact.debrief", {{"contactId", id}, {"body", "  "}}).code ==
          ErrorCode::BadRequest);
    CHECK(kim.raw("contact.debrief", {{"contactId", id}, {"body", "synthetic: not mine"}}).code ==
          ErrorCode::Forbidden);
    CHECK(sam.raw("contact.debrief", {{"contactId", id + 100}, {"body", "synthetic"}}).code ==
          ErrorCode::NotFound);
    CHECK(sam.raw("contact.debrief", {{"contactId", id}, {"body", std::string(4001, 'x')}}).code ==
          ErrorCode::BadRequest);

    const std::string words = "synthetic: that one stayed with me; glad we made a plan";
    const auto ack = sam.call("contact.debrief", {{"contactId", id}, {"body", words}});
    CHECK(ack.at("debrief").at("operatorName") == "sam");
    const auto told = sue.waitEvent("debrief.new", [&](const json::object& e) {
        return e.at("debrief").at("contactId").as_int64() == id;
    });
    CHECK(told.at("debrief").at("body").as_string() == words);
    CHECK(kim.eventNames().find("debrief.new") == std::string::npos);

    const auto review = sue.call("review.get", {{"contactId", id}});
    const auto& debriefs = review.at("debriefs").as_array();
    REQUIRE(debriefs.size() == 1);
    CHECK(debriefs[0].at("body").as_string() == words);
    CHECK(debriefs[0].at("operatorName") == "sam");
}
