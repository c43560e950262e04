// Twilio end to end: signed webhooks into a real warmline-gateway, an
// operator on the link, and replies out through a fake Twilio Messages API
// on 127.0.0.1 (TwilioLine.h), then status callbacks back in; unsigned
// webhooks refused; STOP, START and HELP. Retries and delivery outcomes are
// in twilio_delivery_test.cpp. All numbers are synthetic (+1555555 01xx).

#include "core/carriers/SmsSegments.h"
#include "core/carriers/TwilioSignature.h"
#include "core/directory/ShareText.h"
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
#include <filesystem>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::twilioline;
using telephony::HttpResponse;
using telephony::LinkClient;
using telephony::SimpleHttpClient;
namespace json = boost::json;

namespace {

std::string base64(std::string_view in)
{
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                           (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned n = static_cast<unsigned char>(in[i]) << 16;
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        const unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                           (static_cast<unsigned char>(in[i + 1]) << 8);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

} // namespace

TEST_CASE("a signed Twilio text reaches an operator and the reply goes out through Twilio's API",
          "[twilio][e2e]")
{
    TwilioLine line;
    auto op = line.availableOperator();
    const std::string caller = "+15555550101";
    const std::string firstText = "I keep lying awake with racing thoughts tonight";
    const std::string reply = "I'm here with you. What is on your mind tonight?";
    const std::string secondText = "Thank you, it helps to have someone listen";

    line.text(caller, firstText);

    // The contact is queued for everyone; the number is nowhere in it.
    const auto queued = op->waitEvent("contact.queued", anyContact());
    const auto contactId = queued.at("contact").at("id").as_int64();
    CHECK(queued.at("contact").at("channel") == "text");
    CHECK(queued.at("contact").at("state") == "queued");
    CHECK(json::serialize(queued).find("5555550101") == std::string::npos);

    // The automatic first-contact reply went to the caller through the API.
    const auto auto1 = parseForm(line.api().waitForSend(kFirstContactReply).body);
    CHECK(field(auto1, "To") == caller);
    CHECK(field(auto1, "From") == kLineNumber);

    const auto accepted = op->call("contact.accept", {{"contactId", contactId}});
    CHECK(accepted.at("contact").at("state") == "active");
    const auto& thread = accepted.at("messages").as_array();
    CHECK(std::any_of(thread.begin(), thread.end(), [&](const json::value& m) {
        return m.at("direction") == "in" && str(m.at("body")) == firstText;
    }));
    CHECK(std::any_of(thread.begin(), thread.end(), [&](const json::value& m) {
        return m.at("direction") == "out" && str(m.at("body")) == kFirstContactReply;
    }));

    const auto sent = op->call("message.send", {{"contactId", contactId}, {"body", reply}});
    const auto messageId = sent.at("message").at("id").as_int64();
    CHECK(sent.at("message").at("status") == "queued");
    CHECK(sent.at("message").at("direction") == "out");

    // Twilio's API sees the text in its own format.
    const auto request = line.api().waitForSend(reply);
    CHECK(request.method == "POST");
    CHECK(request.path() == "/2010-04-01/Accounts/" + kAccountSid + "/Messages.json");
    CHECK(request.header("Authorization") == "Basic " + base64(kAccountSid + ":" + kAuthToken));
    CHECK(request.header("Content-Type").value_or("").find("application/x-www-form-urlencoded") !=
          std::string::npos);
    const auto form = parseForm(request.body);
    CHECK(field(form, "To") == caller);
    CHECK(field(form, "From") == kLineNumber);
    CHECK(field(form, "Body") == reply);
    CHECK(field(form, "StatusCallback") == line.publicUrl() + "/sms/twilio/status");

    op->waitEvent("message.status", statusIs(messageId, "sent"));
    const auto sid = line.api().sidOf(reply);
    REQUIRE(!sid.empty());

    // Twilio's status callback moves it to delivered.
    auto r = line.statusCallback(sid, "delivered", caller);
    INFO(r.body);
    REQUIRE(r.status == 200);
    const auto delivered = op->waitEvent("message.status", statusIs(messageId, "delivered"));
    CHECK(delivered.at("message").at("error").is_null());
    CHECK(op->statusesOf(messageId) == std::vector<std::string>{"sending", "sent", "delivered"});

    // A late "sent" does not move it back.
    r = line.statusCallback(sid, "sent", caller);
    REQUIRE(r.status == 200);
    const auto got = op->call("contact.get", {{"contactId", contactId}});
    const auto& msgs = got.at("messages").as_array();
    const auto mine = std::find_if(msgs.begin(), msgs.end(), [&](const json::value& m) {
        return m.at("id").as_int64() == messageId;
    });
    REQUIRE(mine != msgs.end());
    CHECK(mine->at("status") == "delivered");

    // The caller writes again: it joins the held conversation.
    line.text(caller, secondText);
    const auto received = op->waitEvent("message.received", [&](const json::object& d) {
        return str(d.at("message").at("body")) == secondText;
    });
    CHECK(received.at("message").at("contactId").as_int64() == contactId);

    for (const auto& e : op->eventTexts()) {
        INFO(e);
        CHECK(e.find("5555550101") == std::string::npos);
    }
    line.checkLogHoldsNone({caller, "5555550101", firstText, reply, secondText});
}

TEST_CASE("a Twilio webhook without a valid signature is refused and nothing is stored",
          "[twilio][e2e]")
{
    TwilioLine line;
    const std::string caller = "+15555550102";
    const std::string body = "Is this the line where someone listens?";
    const auto fields = line.inbound(caller, body);
    const std::string url = line.publicUrl() + "/sms/twilio";

    // Wrong token, no header, a signature over other parameters, another URL.
    auto r = line.postWithSignature("/sms/twilio", fields,
                                    twilioSignature("not-the-token", url, fields));
    CHECK(r.status == 403);
    r = line.postWithSignature("/sms/twilio", fields, std::optional<std::string>());
    CHECK(r.status == 403);
    auto tampered = fields;
    for (auto& [name, value] : tampered) {
        if (name == "Body") {
            value = "something else entirely";
        }
    }
    r = line.postWithSignature("/sms/twilio", fields, twilioSignature(kAuthToken, url, tampered));
    CHECK(r.status == 403);
    r = line.postWithSignature(
        "/sms/twilio", fields,
        twilioSignature(kAuthToken, "https://line.example.org/sms/twilio", fields));
    CHECK(r.status == 403);
    r = line.postWithSignature("/sms/twilio", fields, std::string("garbage"));
    CHECK(r.status == 403);
    // Status callbacks are checked the same way.
    r = line.postWithSignature("/sms/twilio/status",
                               {{"MessageSid", makeSid("SM", 7)}, {"MessageStatus", "delivered"}},
                               std::string("bm90IGEgc2lnbmF0dXJl"));
    CHECK(r.status == 403);

    // Nothing was stored: the queue is empty, before and after a restart
    // (which rebuilds the queue from the store), and no reply went out.
    {
        auto op = line.availableOperator();
        const auto snapshot = op->call("queue.snapshot");
        CHECK(snapshot.at("queue").as_array().empty());
        CHECK(snapshot.at("mine").as_array().empty());
    }
    CHECK(line.api().server().requestCount() == 0);
    line.gateway().stop();
    line.gateway().start();
    auto op = line.availableOperator();
    CHECK(op->call("queue.snapshot").at("queue").as_array().empty());
    CHECK(line.api().server().requestCount() == 0);

    // The same text, properly signed, is taken: the refusals were the signature's.
    line.text(caller, body);
    const auto queued = op->waitEvent("contact.queued", anyContact());
    CHECK(str(queued.at("contact").at("preview")) == body);
    line.api().waitForSend(kFirstContactReply);

    line.checkLogHoldsNone({caller, "5555550102", body});
}

TEST_CASE("STOP opts a Twilio texter out until START", "[twilio][e2e]")
{
    TwilioLine line;
    auto op = line.availableOperator();
    const std::string caller = "+15555550104";
    const std::string firstText = "is anyone there tonight";
    const std::string blocked = "Are you still there? I'd like to check in.";
    const std::string afterStart = "Welcome back. How have things been since we talked?";

    line.text(caller, firstText);
    const auto contactId = acceptNewContact(*op).at("contact").at("id").as_int64();
    line.api().waitForSend(kFirstContactReply);

    line.text(caller, "STOP");
    const auto stopReply = parseForm(line.api().waitForSend(kStopReply).body);
    CHECK(field(stopReply, "To") == caller);
    CHECK(field(stopReply, "From") == kLineNumber);
    // The STOP joined the held conversation; the holder sees it.
    op->waitEvent("message.received",
                  [](const json::object& d) { return d.at("message").at("body") == "STOP"; });

    auto refused = op->raw("message.send", {{"contactId", contactId}, {"body", blocked}});
    CHECK(refused.kind == link::ServerFrame::Kind::Error);
    CHECK(refused.code == link::ErrorCode::Conflict);

    line.text(caller, "START");
    const auto startReply = parseForm(line.api().waitForSend(kStartReply).body);
    CHECK(field(startReply, "To") == caller);

    const auto messageId =
        op->call("message.send", {{"contactId", contactId}, {"body", afterStart}})
            .at("message")
            .at("id")
            .as_int64();
    CHECK(field(parseForm(line.api().waitForSend(afterStart).body), "To") == caller);
    op->waitEvent("message.status", statusIs(messageId, "sent"));

    // The refused text was never stored, so it never reached the API; the
    // stop reply went out exactly once.
    CHECK(line.api().sendsWithBody(blocked).empty());
    CHECK(line.api().sendsWithBody(kStopReply).size() == 1);

    line.checkLogHoldsNone({caller, "5555550104", firstText, blocked, afterStart});
}

TEST_CASE("HELP from a Twilio texter is answered and queued", "[twilio][e2e]")
{
    TwilioLine line;
    auto op = line.availableOperator();
    const std::string caller = "+15555550105";

    line.text(caller, "HELP");
    const auto queued = op->waitEvent("contact.queued", anyContact());
    CHECK(queued.at("contact").at("preview") == "HELP");
    const auto help = parseForm(line.api().waitForSend(kHelpReply).body);
    CHECK(field(help, "To") == caller);
    CHECK(field(help, "From") == kLineNumber);

    // The help reply is in the conversation, the only automatic reply.
    const auto accepted =
        op->call("contact.accept", {{"contactId", queued.at("contact").at("id").as_int64()}});
    const auto& msgs = accepted.at("messages").as_array();
    std::vector<std::string> outBodies;
    for (const auto& m : msgs) {
        if (m.at("direction") == "out") {
            outBodies.emplace_back(m.at("body").as_string());
        }
    }
    CHECK(outBodies == std::vector<std::string>{kHelpReply});
    CHECK(line.api().sendsWithBody(kFirstContactReply).empty());

    line.checkLogHoldsNone({caller, "5555550105"});
}

TEST_CASE("a resource shared with a Twilio texter goes out in Twilio's format, in at most two "
          "SMS parts",
          "[twilio][e2e][resources]")
{
    TwilioLine line;
    const auto imported = runCtl(
        {"resources", "import",
         (std::filesystem::path(WARMLINE_SOURCE_DIR) / "resources" / "directory-sample").string(),
         "--directory", (line.gateway().dataDir() / "directory.db").string()});
    REQUIRE(imported.exitCode == 0);
    auto op = line.availableOperator();
    const std::string caller = "+15555550108";
    line.text(caller, "se nos acabo la comida, hay alguna despensa?");
    const auto queued = op->waitEvent("contact.queued", anyContact());
    const auto contactId = queued.at("contact").at("id").as_int64();
    op->call("contact.accept", {{"contactId", contactId}});

    // A Spanish entry: its "á" makes the text UCS-2 (67 characters a part),
    // so the least useful lines give way to keep it to two parts.
    const auto shared =
        op->call("resources.share", {{"contactId", contactId}, {"resourceId", "svc-03"}});
    const std::string words = str(shared.at("message").at("body"));
    const auto request = line.api().waitForSend(words);
    const auto form = parseForm(request.body);
    CHECK(field(form, "To") == caller);
    CHECK(field(form, "Body") == words);
    const auto info = countSegments(words);
    CHECK(info.encoding == SmsEncoding::Ucs2);
    CHECK(info.segments <= directory::kMaxShareSegments);
    CHECK(words.rfind("Despensa de Alimentos San Mateo\n(208) 555-0102", 0) == 0);
    // The referral is on the contact, pointing at that message.
    CHECK(shared.at("referral").at("messageId") == shared.at("message").at("id"));
    CHECK(shared.at("referral").at("how") == "text");
}
