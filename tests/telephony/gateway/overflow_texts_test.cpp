// Overflow to a partner line for texters (docs/coaching.md#overflow),
// against a real gateway: once a texter has waited overflow.after, they get
// one text, in their language, with the partner line's number (and may keep
// waiting); a texter who sent STOP gets nothing; the step is on the contact's
// record. A line that names no partner refuses the lead's switch. Numbers
// synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

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
const std::string kPartner = "[overflow]\npartner_name = Synthetic Partner Line\n"
                             "partner_text_number = +15555550166\nafter = 2s\n";

} // namespace

TEST_CASE("texters waiting past overflow.after get the partner line's number once, in their "
          "language",
          "[gateway][overflow][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig + kPartner;
    GatewayProcess gateway(options);
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    SimpleHttpClient http(gateway.url(), 10s);

    const std::string english = "synthetic: is anyone free to talk tonight";
    REQUIRE(postSyntheticText(http, "SMover1", 51, english).status == 200);
    const auto en = queuedId(lee, english);
    const std::string spanish = "hola, necesito hablar con alguien esta noche por favor";
    REQUIRE(postSyntheticText(http, "SMover2", 52, spanish).status == 200);
    const auto es = queuedId(lee, spanish);
    const std::string stopped = "synthetic: one more texter waiting here";
    REQUIRE(postSyntheticText(http, "SMover3", 53, stopped).status == 200);
    const auto stop = queuedId(lee, stopped);
    REQUIRE(postSyntheticText(http, "SMover4", 53, "STOP").status == 200);

    const auto texted = [&](std::int64_t id) {
        return lee.tryEvent(
            "contact.overflow",
            [&](const json::object& e) {
                return e.at("contactId").as_int64() == id && e.at("step") == "texted";
            },
            10s);
    };
    REQUIRE(texted(en));
    REQUIRE(texted(es));
    const auto enReplies = outboundTexts(lee, en);
    REQUIRE(enReplies.size() == 2); // the first reply, then the partner's number
    INFO(enReplies[1]);
    CHECK(enReplies[1].rfind("Test Line: we are very busy right now.", 0) == 0);
    CHECK(enReplies[1].find("Synthetic Partner Line at +15555550166") != std::string::npos);
    CHECK(enReplies[1].find("988") != std::string::npos);
    const auto esReplies = outboundTexts(lee, es);
    REQUIRE(esReplies.size() == 2);
    INFO(esReplies[1]);
    CHECK(esReplies[1].find("escribir ahora a Synthetic Partner Line al +15555550166") !=
          std::string::npos);

    // Once: by the time a later texter has been sent it (two seconds of
    // ticks later), the first still has the one, and the texter who sent
    // STOP got none.
    const std::string later = "synthetic: a later texter, also waiting";
    REQUIRE(postSyntheticText(http, "SMover5", 54, later).status == 200);
    REQUIRE(texted(queuedId(lee, later)));
    CHECK(outboundTexts(lee, en).size() == 2);
    CHECK(outboundTexts(lee, es).size() == 2);
    for (const auto& body : outboundTexts(lee, stop)) {
        CHECK(body.find("+15555550166") == std::string::npos);
    }

    // On the record, made by the line's wait (no lead's switch).
    const auto review = lee.call("board.snapshot").at("overflow");
    CHECK(review.at("texts") == true);
    CHECK(review.at("calls") == false);
    CHECK(gateway.log().find("+1555555") == std::string::npos);
}

TEST_CASE("the overflow switch needs a partner line", "[gateway][overflow][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig;
    GatewayProcess gateway(options);
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    const auto refused = lee.raw("line.overflow", {{"mode", "on"}});
    CHECK(refused.code == link::ErrorCode::Conflict);
    CHECK(refused.message.find("overflow.partner_name") != std::string::npos);
    CHECK(lee.call("board.snapshot").at("overflow").at("on") == false);
    const auto bad = lee.raw("line.overflow", {{"mode", "sometimes"}});
    CHECK(bad.code == link::ErrorCode::BadRequest);
}
