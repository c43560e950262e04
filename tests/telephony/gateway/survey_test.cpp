// The survey after a text conversation (docs/surveys.md) against a real
// gateway, Twilio's webhook format: closing a conversation sends it, in the
// texter's language; a "2" is taken as the answer (thanked, no new contact,
// not in any operator's view) and counted in the report; a retry of the
// same webhook is a duplicate; a texter who sent STOP, or one no operator
// wrote to, is never asked; with the survey off nobody is (escalations:
// survey_store_test). With survey.show_to_operator the answer is in the
// caller's history for the operator who took the contact and nobody else;
// figures by operator group. Numbers synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n"
                            "[line]\nname = Test Line\nwait_notice = 0\n";

/// sam takes the contact, writes once, and closes it.
void talkAndClose(OperatorLink& sam, std::int64_t id)
{
    sam.call("contact.accept", {{"contactId", id}});
    sam.call("message.send", {{"contactId", id}, {"body", "synthetic: I'm here with you."}});
    sam.call("contact.close", {{"contactId", id}, {"note", "synthetic: talked it through"}});
}

bool surveyed(const std::vector<std::string>& texts)
{
    return std::any_of(texts.begin(), texts.end(), [](const std::string& t) {
        return t.find("Reply 1 yes, 2 a little, 3 no") != std::string::npos ||
               t.find("Responde 1 sí, 2 un poco, 3 no") != std::string::npos;
    });
}

} // namespace

TEST_CASE("a closed text conversation gets the survey, and a 2 is its answer, not a new contact",
          "[gateway][survey][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig + "[survey]\nafter_texts = true\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("amy", "supervisor", "amy-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink amy(gateway.linkUrl(), "amy", "amy-password-123");
    sam.call("presence.set", {{"presence", "available"}});
    SimpleHttpClient http(gateway.url(), 10s);

    const std::string english = "synthetic: a rough week at work, can we talk";
    REQUIRE(postSyntheticText(http, "SMsurv1", 81, english).status == 200);
    const auto en = queuedId(sam, english);
    talkAndClose(sam, en);
    REQUIRE(waitFor([&] { return surveyed(outboundTexts(amy, en)); }, 10s));
    const auto enTexts = outboundTexts(amy, en);
    INFO(enTexts.back());
    CHECK(enTexts.back().rfind("Test Line: did talking with us today help?", 0) == 0);
    CHECK(enTexts.back().find("988") != std::string::npos);

    const std::string spanish = "hola, tuve una semana muy difícil y necesito hablar";
    REQUIRE(postSyntheticText(http, "SMsurv2", 82, spanish).status == 200);
    const auto es = queuedId(sam, spanish);
    talkAndClose(sam, es);
    REQUIRE(waitFor([&] { return surveyed(outboundTexts(amy, es)); }, 10s));
    CHECK(outboundTexts(amy, es).back().find("¿te ayudó hablar con nosotros hoy?") !=
          std::string::npos);

    // The answer: thanked, no new contact, and the same webhook again is a
    // duplicate.
    REQUIRE(postSyntheticText(http, "SMsurvA", 81, "2").status == 200);
    REQUIRE(waitFor(
        [&] {
            const auto t = outboundTexts(amy, en);
            return t.back().find("thank you for telling us") != std::string::npos;
        },
        10s));
    REQUIRE(postSyntheticText(http, "SMsurvA", 81, "2").status == 200);
    CHECK_FALSE(sam.tryEvent(
        "contact.queued",
        [](const json::object& d) { return d.at("contact").at("preview") == "2"; }, 1s));
    CHECK(outboundTexts(amy, en).size() == 4); // first reply, sam's, the survey, the thanks
    // Not shown to the operator: the conversation has no "2" in it.
    const auto thread = amy.call("contact.get", {{"contactId", en}}).at("messages").as_array();
    CHECK(std::none_of(thread.begin(), thread.end(), [](const json::value& m) {
        return m.at("direction") == "in" && m.at("body") == "2";
    }));

    // A later "3" from the same texter is conversation again: a new contact.
    REQUIRE(postSyntheticText(http, "SMsurvB", 81, "3").status == 200);
    const auto again = queuedId(sam, "3");
    // The line does not show answers (survey.show_to_operator is off): not
    // even sam, who took the surveyed contact, sees it in the history.
    sam.call("contact.accept", {{"contactId", again}});
    const auto history = sam.call("caller.get", {{"contactId", again}}).at("history").as_array();
    REQUIRE(std::any_of(history.begin(), history.end(),
                        [&](const json::value& e) { return e.at("id").as_int64() == en; }));
    CHECK(std::none_of(history.begin(), history.end(), [](const json::value& e) {
        return e.as_object().contains("surveyAnswer");
    }));

    const auto report = amy.call("report.get", {{"from", utcDate(-1)}, {"to", utcDate(1)}})
                            .at("report")
                            .at("survey");
    CHECK(report.at("sent").as_int64() == 2);
    CHECK(report.at("answered").as_int64() == 1);
    CHECK(report.at("aLittle").as_int64() == 1);
    CHECK(report.at("byGroup").as_array().empty()); // nobody is in a group
    CHECK(gateway.log().find("+1555555") == std::string::npos);
}

namespace {
/// The survey answer on contact `id` in a caller.get history, 0 if none.
std::int64_t answerIn(const json::array& history, std::int64_t id)
{
    for (const auto& e : history) {
        if (e.at("id").as_int64() == id) {
            const auto* a = e.as_object().if_contains("surveyAnswer");
            return a ? a->as_int64() : 0;
        }
    }
    FAIL("contact " << id << " is not in the history");
    return -1;
}
} // namespace

TEST_CASE("with show_to_operator, the answer is shown to the operator who took the contact only, "
          "and figures come by operator group",
          "[gateway][survey][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig + "[survey]\nafter_texts = true\nshow_to_operator = true\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.addOperator("amy", "supervisor", "amy-password-123");
    gateway.addOperator("ada", "admin", "ada-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink kim(gateway.linkUrl(), "kim", "kim-password-123");
    OperatorLink amy(gateway.linkUrl(), "amy", "amy-password-123");
    OperatorLink ada(gateway.linkUrl(), "ada", "ada-password-123");
    sam.call("presence.set", {{"presence", "available"}});
    kim.call("presence.set", {{"presence", "available"}});
    SimpleHttpClient http(gateway.url(), 10s);

    // An admin puts sam in a group; a group on two lines, or set by a
    // supervisor, is refused.
    CHECK(ada.call("operator.group", {{"name", "sam"}, {"group", "evenings"}})
              .at("operator")
              .at("group") == "evenings");
    CHECK(ada.raw("operator.group", {{"name", "sam"}, {"group", "eve\nnings"}}).code ==
          link::ErrorCode::BadRequest);
    CHECK(amy.raw("operator.group", {{"name", "kim"}, {"group", "days"}}).code ==
          link::ErrorCode::Forbidden);
    CHECK(sam.raw("operator.group", {{"name", "sam"}, {"group", "days"}}).code ==
          link::ErrorCode::Forbidden);
    CHECK(ada.raw("operator.group", {{"name", "kim"}, {"group", std::string(41, 'x')}}).code ==
          link::ErrorCode::BadRequest);
    // Trimmed; only spaces clears it (kim ends in no group).
    CHECK(ada.call("operator.group", {{"name", "kim"}, {"group", "  days "}})
              .at("operator")
              .at("group") == "days");
    CHECK_FALSE(ada.call("operator.group", {{"name", "kim"}, {"group", "   "}})
                    .at("operator")
                    .as_object()
                    .contains("group"));
    const auto list = ada.call("operator.list").at("operators").as_array();
    for (const auto& o : list) {
        if (o.at("name") == "sam") {
            CHECK(o.at("group") == "evenings");
        } else {
            CHECK_FALSE(o.as_object().contains("group"));
        }
    }

    // sam's conversation is surveyed, and the texter answers 1.
    const std::string first = "synthetic: a rough week at work, can we talk";
    REQUIRE(postSyntheticText(http, "SMshow1", 83, first).status == 200);
    const auto samsContact = queuedId(sam, first);
    talkAndClose(sam, samsContact);
    REQUIRE(waitFor([&] { return surveyed(outboundTexts(amy, samsContact)); }, 10s));
    REQUIRE(postSyntheticText(http, "SMshowA", 83, "1").status == 200);
    REQUIRE(waitFor(
        [&] {
            return outboundTexts(amy, samsContact).back().find("thank you for telling us") !=
                   std::string::npos;
        },
        10s));

    // kim takes the texter's next conversation: sam's contact is in kim's
    // history, without the answer.
    const std::string second = "synthetic: thanks for yesterday";
    REQUIRE(postSyntheticText(http, "SMshow2", 83, second).status == 200);
    const auto kimsContact = queuedId(kim, second);
    kim.call("contact.accept", {{"contactId", kimsContact}});
    CHECK(answerIn(kim.call("caller.get", {{"contactId", kimsContact}}).at("history").as_array(),
                   samsContact) == 0);
    kim.call("message.send", {{"contactId", kimsContact}, {"body", "synthetic: I'm listening."}});
    kim.call("contact.close", {{"contactId", kimsContact}, {"note", "synthetic: listened"}});

    // sam takes the third: sam sees the answer on sam's own contact; a
    // supervisor reading the same history does not.
    const std::string third = "synthetic: just needed to vent a bit";
    REQUIRE(postSyntheticText(http, "SMshow3", 83, third).status == 200);
    const auto samsSecond = queuedId(sam, third);
    sam.call("contact.accept", {{"contactId", samsSecond}});
    const auto samsView =
        sam.call("caller.get", {{"contactId", samsSecond}}).at("history").as_array();
    CHECK(answerIn(samsView, samsContact) == 1);
    CHECK(answerIn(samsView, kimsContact) == 0);
    const auto amysView =
        amy.call("caller.get", {{"contactId", samsSecond}}).at("history").as_array();
    CHECK(answerIn(amysView, samsContact) == 0);
    // An admin turns it off while the gateway runs: sam no longer sees it.
    ada.call("line.settings.set", {{"key", "survey.show_to_operator"}, {"value", "false"}});
    CHECK(answerIn(sam.call("caller.get", {{"contactId", samsSecond}}).at("history").as_array(),
                   samsContact) == 0);

    // The report counts the answer under sam's group; kim is in none.
    const auto survey = amy.call("report.get", {{"from", utcDate(-1)}, {"to", utcDate(1)}})
                            .at("report")
                            .at("survey");
    const auto& groups = survey.at("byGroup").as_array();
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].at("group") == "evenings");
    CHECK(groups[0].at("sent").as_int64() == 1);
    CHECK(groups[0].at("answered").as_int64() == 1);
    CHECK(groups[0].at("yes").as_int64() == 1);
    CHECK(gateway.log().find("+1555555") == std::string::npos);
}

TEST_CASE("no survey after STOP, for a conversation no operator wrote in, or with the survey off",
          "[gateway][survey][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig + "[survey]\nafter_texts = true\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("amy", "supervisor", "amy-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink amy(gateway.linkUrl(), "amy", "amy-password-123");
    sam.call("presence.set", {{"presence", "available"}});
    SimpleHttpClient http(gateway.url(), 10s);

    // STOP during the conversation.
    const std::string stopping = "synthetic: just needed to vent a bit";
    REQUIRE(postSyntheticText(http, "SMstop1", 91, stopping).status == 200);
    const auto stopped = queuedId(sam, stopping);
    sam.call("contact.accept", {{"contactId", stopped}});
    sam.call("message.send", {{"contactId", stopped}, {"body", "synthetic: go ahead"}});
    REQUIRE(postSyntheticText(http, "SMstop2", 91, "STOP").status == 200);
    // The STOP is in (its confirmation is the third text out) before the close.
    REQUIRE(waitFor([&] { return outboundTexts(amy, stopped).size() >= 3; }, 10s));
    sam.call("contact.close", {{"contactId", stopped}, {"note", "synthetic: texter stopped"}});

    // No operator wrote: nothing to ask about.
    const std::string silent = "synthetic: never mind, wrong number";
    REQUIRE(postSyntheticText(http, "SMsil1", 92, silent).status == 200);
    const auto quiet = queuedId(sam, silent);
    sam.call("contact.accept", {{"contactId", quiet}});
    sam.call("contact.close", {{"contactId", quiet}, {"note", "synthetic: wrong number"}});

    // A texter in the same shift who did get it, to know the closes above
    // were done by the time we look.
    const std::string fine = "synthetic: thanks for yesterday";
    REQUIRE(postSyntheticText(http, "SMfine1", 93, fine).status == 200);
    const auto ok = queuedId(sam, fine);
    talkAndClose(sam, ok);
    REQUIRE(waitFor([&] { return surveyed(outboundTexts(amy, ok)); }, 10s));
    CHECK_FALSE(surveyed(outboundTexts(amy, stopped)));
    CHECK_FALSE(surveyed(outboundTexts(amy, quiet)));

    // With the survey off, nobody is asked.
    GatewayOptions offOptions;
    offOptions.start = false;
    offOptions.configExtra = kConfig;
    GatewayProcess off(offOptions);
    off.addOperator("sam", "operator", "sam-password-123");
    off.addOperator("amy", "supervisor", "amy-password-123");
    off.start();
    OperatorLink sam2(off.linkUrl(), "sam", "sam-password-123");
    OperatorLink amy2(off.linkUrl(), "amy", "amy-password-123");
    sam2.call("presence.set", {{"presence", "available"}});
    SimpleHttpClient http2(off.url(), 10s);
    REQUIRE(postSyntheticText(http2, "SMoff1", 94, fine).status == 200);
    const auto offId = queuedId(sam2, fine);
    talkAndClose(sam2, offId);
    sam2.waitEvent("contact.closed", [&](const json::object& d) {
        return d.at("contact").at("id").as_int64() == offId;
    });
    CHECK_FALSE(surveyed(outboundTexts(amy2, offId)));
}
