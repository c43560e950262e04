// Delivery of texts through a fake Twilio Messages API (TwilioLine.h) from a
// real warmline-gateway: a 500 is retried until sent, a send never answered
// is marked maybe-sent and never resent, a send on its way when the gateway
// dies is not repeated after the restart, and a 400 ends failed with
// Twilio's code. All numbers are synthetic (+1555555 01xx).

#include "core/carriers/TwilioSignature.h"
#include "core/link/LinkCodec.h"
#include "core/text/FormCodec.h"
#include "support/FakeHttpServer.h"
#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"
#include "telephony/net/SimpleHttpClient.h"
#include "telephony/net/TwilioLine.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::twilioline;
using telephony::HttpResponse;
using telephony::LinkClient;
using telephony::SimpleHttpClient;
namespace json = boost::json;

TEST_CASE("a text the Twilio API fails with 500 is retried and ends sent", "[twilio][e2e]")
{
    TwilioLine line;
    auto op = line.availableOperator();
    const std::string caller = "+15555550103";
    const std::string firstText = "Hard day at work, I just need to vent for a bit";
    const std::string reply = "Of course. Tell me about your day, I'm listening.";
    line.api().script(reply, {{500, R"({"code":20500,"message":"Internal Server Error"})"}});

    line.text(caller, firstText);
    const auto contactId = acceptNewContact(*op).at("contact").at("id").as_int64();
    const auto messageId = op->call("message.send", {{"contactId", contactId}, {"body", reply}})
                               .at("message")
                               .at("id")
                               .as_int64();

    op->waitEvent("message.status", statusIs(messageId, "sent"));
    const auto sends = line.api().sendsWithBody(reply);
    REQUIRE(sends.size() == 2);
    for (const auto& form : sends) {
        CHECK(field(form, "To") == caller);
        CHECK(field(form, "From") == kLineNumber);
    }
    const auto statuses = op->statusesOf(messageId);
    CHECK(std::count(statuses.begin(), statuses.end(), "failed") == 0);
    CHECK(statuses.back() == "sent");
    CHECK(statuses.front() == "sending");

    const auto got = op->call("contact.get", {{"contactId", contactId}});
    const auto& msgs = got.at("messages").as_array();
    const auto mine = std::find_if(msgs.begin(), msgs.end(), [&](const json::value& m) {
        return m.at("id").as_int64() == messageId;
    });
    REQUIRE(mine != msgs.end());
    CHECK(mine->at("status") == "sent");
    CHECK(mine->at("error").is_null());

    line.checkLogHoldsNone({caller, "5555550103", firstText, reply});
}

TEST_CASE("a text written to Twilio but never answered is marked maybe-sent and never resent",
          "[twilio][e2e]")
{
    TwilioLine line;
    auto op = line.availableOperator();
    const std::string caller = "+15555550131";
    const std::string reply = "I'm here with you. What's been the hardest part today?";
    const std::string next = "Take your time, there's no rush.";
    FakeResponse hangUp;
    hangUp.hangUp = true;
    line.api().script(reply, {hangUp});

    line.text(caller, "can't sleep again, just want to talk");
    const auto contactId = acceptNewContact(*op).at("contact").at("id").as_int64();
    const auto messageId = op->call("message.send", {{"contactId", contactId}, {"body", reply}})
                               .at("message")
                               .at("id")
                               .as_int64();
    const auto unknown = op->waitEvent("message.status", statusIs(messageId, "unknown"));
    CHECK(unknown.at("message").at("error").is_string());

    // A later text goes out normally; by then a blind retry (first one after
    // retry_initial = 100ms) would have reached the API too.
    const auto nextId = op->call("message.send", {{"contactId", contactId}, {"body", next}})
                            .at("message")
                            .at("id")
                            .as_int64();
    op->waitEvent("message.status", statusIs(nextId, "sent"));
    CHECK(line.api().sendsWithBody(reply).size() == 1);
    const auto statuses = op->statusesOf(messageId);
    CHECK(statuses.back() == "unknown");
    CHECK(std::count(statuses.begin(), statuses.end(), "sending") == 1);
    line.checkLogHoldsNone({caller, "5555550131", reply});
}

TEST_CASE("a text on its way when the gateway dies is not sent again after the restart",
          "[twilio][e2e]")
{
    TwilioLine line;
    const std::string caller = "+15555550132";
    const std::string reply = "Thank you for telling me. Are you somewhere you feel okay?";
    FakeResponse slow;
    slow.delay = std::chrono::seconds(60);
    line.api().script(reply, {slow});
    std::int64_t contactId = 0;
    std::int64_t messageId = 0;
    {
        auto op = line.availableOperator();
        line.text(caller, "long night, talking helps");
        contactId = acceptNewContact(*op).at("contact").at("id").as_int64();
        messageId = op->call("message.send", {{"contactId", contactId}, {"body", reply}})
                        .at("message")
                        .at("id")
                        .as_int64();
        line.api().waitForSend(reply);
    }
    line.gateway().kill9();
    line.gateway().start();

    auto op = line.availableOperator();
    std::string status;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (status != "unknown" && std::chrono::steady_clock::now() < deadline) {
        const auto got = op->call("contact.get", {{"contactId", contactId}});
        for (const auto& m : got.at("messages").as_array()) {
            if (m.at("id").as_int64() == messageId) {
                status = std::string(m.at("status").as_string());
            }
        }
        if (status != "unknown") {
            op->tryEvent("message.status", statusIs(messageId, "unknown"),
                         std::chrono::milliseconds(500));
        }
    }
    CHECK(status == "unknown");
    CHECK(line.api().sendsWithBody(reply).size() == 1);
}

TEST_CASE(
    "a text Twilio refuses with 400 and code 21211 ends failed with the code and never the number",
    "[twilio][e2e]")
{
    TwilioLine line;
    auto op = line.availableOperator();
    const std::string caller = "+15555550123";
    const std::string firstText = "hello? my friend gave me this number";
    const std::string reply = "Hi, thanks for reaching out. How are you doing right now?";
    line.api().script(
        reply,
        {{400,
          R"({"code":21211,"message":"The 'To' number +15555550123 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400})"}});

    line.text(caller, firstText);
    const auto contactId = acceptNewContact(*op).at("contact").at("id").as_int64();
    const auto messageId = op->call("message.send", {{"contactId", contactId}, {"body", reply}})
                               .at("message")
                               .at("id")
                               .as_int64();

    const auto failed = op->waitEvent("message.status", statusIs(messageId, "failed"));
    const auto& error = failed.at("message").at("error");
    REQUIRE(error.is_string());
    CHECK(std::string(error.as_string()).find("21211") != std::string::npos);
    // A 4xx is final: one attempt only.
    CHECK(line.api().sendsWithBody(reply).size() == 1);

    for (const auto& e : op->eventTexts()) {
        INFO(e);
        CHECK(e.find("5555550123") == std::string::npos);
        CHECK(e.find("not a valid phone number") == std::string::npos);
    }
    const auto got = op->call("contact.get", {{"contactId", contactId}});
    const auto text = json::serialize(got);
    CHECK(text.find("5555550123") == std::string::npos);
    CHECK(text.find("21211") != std::string::npos);

    line.checkLogHoldsNone({caller, "5555550123", firstText, reply});
}
