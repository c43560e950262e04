// Twilio end to end: signed webhooks into a real warmline-gateway, an
// operator on the link, and replies out through a fake Twilio Messages API
// on 127.0.0.1 (tests/support/FakeHttpServer), then status callbacks back in.
// All numbers are synthetic (+1555555 01xx).

#include "core/carriers/TwilioSignature.h"
#include "core/link/LinkCodec.h"
#include "core/text/FormCodec.h"
#include "support/FakeHttpServer.h"
#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <iomanip>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using telephony::HttpResponse;
using telephony::LinkClient;
using telephony::SimpleHttpClient;
namespace json = boost::json;

namespace {

/// A JSON string's text; "" for anything else.
std::string str(const json::value& v)
{
    return v.is_string() ? std::string(v.as_string()) : std::string();
}

const std::string kAccountSid = "AC0123456789abcdef0123456789abcdef";
const std::string kAuthToken = "test-auth-token-5f2a9c1e";
const std::string kLineNumber = "+15555550100";
const std::string kOperatorPassword = "sam-password-123";
const std::string kFirstContactReply = "Thanks for texting Test Line. A peer will text you soon.";
const std::string kHelpReply = "Test Line help: reply STOP to opt out. In a crisis call 988.";
const std::string kStopReply = "Test Line: you will get no more texts. Reply START to resume.";
const std::string kStartReply = "Test Line: texts are back on. We are here when you need us.";

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

std::string field(const FormFields& fields, std::string_view name)
{
    const auto v = formValue(fields, name);
    return v ? std::string(*v) : std::string();
}

/// Twilio-style ids: two letters and 32 hex digits.
std::string makeSid(std::string_view prefix, int n)
{
    std::ostringstream s;
    s << prefix << std::hex << std::setw(32) << std::setfill('0') << n;
    return s.str();
}

/// The Messages API of Twilio, faked: answers 201 with a fresh "sid" unless a
/// script for the text's Body says otherwise.
class FakeTwilioApi
{
public:
    FakeTwilioApi()
    {
        m_server.setHandler([this](const RecordedRequest& r) { return answer(r); });
    }

    std::string baseUrl() const { return m_server.url(); }
    const FakeHttpServer& server() const { return m_server; }

    /// The next requests whose Body is `body` get these answers, in order.
    void script(const std::string& body, std::vector<FakeResponse> answers)
    {
        std::lock_guard lock(m_mutex);
        for (auto& a : answers) {
            m_scripts[body].push_back(std::move(a));
        }
    }

    /// The sid the API gave the text with this body (its last accepted send).
    std::string sidOf(const std::string& body) const
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_sids.find(body);
        return it == m_sids.end() ? std::string() : it->second;
    }

    std::vector<FormFields> sendsWithBody(const std::string& body) const
    {
        std::vector<FormFields> out;
        for (const auto& r : m_server.requests()) {
            auto form = parseForm(r.body);
            if (field(form, "Body") == body) {
                out.push_back(std::move(form));
            }
        }
        return out;
    }

    /// Waits for a request carrying this Body; FAILs after the timeout.
    RecordedRequest waitForSend(const std::string& body,
                                std::chrono::milliseconds timeout = std::chrono::seconds(30)) const
    {
        const auto r = m_server.waitForRequest(
            [&](const RecordedRequest& req) { return field(parseForm(req.body), "Body") == body; },
            timeout);
        if (!r) {
            FAIL("the fake Twilio API got no text with body \""
                 << body << "\"; it got " << m_server.requestCount() << " request(s)");
        }
        return *r;
    }

private:
    FakeResponse answer(const RecordedRequest& r)
    {
        const auto form = parseForm(r.body);
        const auto body = field(form, "Body");
        std::lock_guard lock(m_mutex);
        if (auto it = m_scripts.find(body); it != m_scripts.end() && !it->second.empty()) {
            FakeResponse next = std::move(it->second.front());
            it->second.pop_front();
            return next;
        }
        const auto sid = makeSid("SM", ++m_count);
        m_sids[body] = sid;
        json::object o{{"sid", sid},
                       {"account_sid", kAccountSid},
                       {"status", "queued"},
                       {"to", field(form, "To")},
                       {"from", field(form, "From")},
                       {"body", body}};
        return {201, json::serialize(o), "application/json"};
    }

    FakeHttpServer m_server;
    mutable std::mutex m_mutex;
    std::map<std::string, std::deque<FakeResponse>> m_scripts;
    std::map<std::string, std::string> m_sids;
    int m_count = 0;
};

std::function<bool(const json::object&)> statusIs(std::int64_t messageId, std::string status)
{
    return [messageId, status](const json::object& d) {
        const auto& m = d.at("message").as_object();
        return m.at("id").as_int64() == messageId && str(m.at("status")) == status;
    };
}

std::function<bool(const json::object&)> anyContact()
{
    return [](const json::object&) { return true; };
}

/// A gateway set up for Twilio, with its API pointed at a FakeTwilioApi and
/// http.public_url naming the gateway's own (pinned) port, so webhooks are
/// signed exactly as Twilio would and outbound texts carry a StatusCallback.
class TwilioLine
{
public:
    TwilioLine() : m_port(freeTcpPort()), m_gateway(notStarted())
    {
        writeFile(m_gateway.configPath(), config());
        m_gateway.addOperator("sam", "operator", kOperatorPassword);
        m_gateway.start();
        m_http = std::make_unique<SimpleHttpClient>(m_gateway.url(), std::chrono::seconds(15));
    }

    FakeTwilioApi& api() { return m_api; }
    GatewayProcess& gateway() { return m_gateway; }
    std::string publicUrl() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    std::unique_ptr<OperatorLink> availableOperator()
    {
        auto op = std::make_unique<OperatorLink>(m_gateway.linkUrl(), "sam", kOperatorPassword);
        op->call("presence.set", {{"presence", "available"}});
        return op;
    }

    /// POSTs `fields` to `path` with the signature Twilio would compute.
    HttpResponse post(const std::string& path, const FormFields& fields)
    {
        return postWithSignature(path, fields,
                                 twilioSignature(kAuthToken, publicUrl() + path, fields));
    }

    /// POSTs `fields` with this X-Twilio-Signature (nullopt: no header at all).
    HttpResponse postWithSignature(const std::string& path, const FormFields& fields,
                                   const std::optional<std::string>& signature)
    {
        telephony::HttpHeaders headers;
        if (signature) {
            headers.emplace_back("X-Twilio-Signature", *signature);
        }
        return m_http->postForm(path, SimpleHttpClient::formEncode(fields), headers);
    }

    /// Twilio's inbound-message webhook fields for a text from `from`.
    FormFields inbound(const std::string& from, const std::string& body)
    {
        return {{"ToCountry", "US"},
                {"SmsMessageSid", makeSid("SM", 0x100000 + ++m_inboundCount)},
                {"NumMedia", "0"},
                {"SmsSid", makeSid("SM", 0x100000 + m_inboundCount)},
                {"SmsStatus", "received"},
                {"Body", body},
                {"To", kLineNumber},
                {"NumSegments", "1"},
                {"MessageSid", makeSid("SM", 0x100000 + m_inboundCount)},
                {"AccountSid", kAccountSid},
                {"From", from},
                {"ApiVersion", "2010-04-01"}};
    }

    /// A signed inbound text that must be answered 200 with TwiML.
    void text(const std::string& from, const std::string& body)
    {
        const auto r = post("/sms/twilio", inbound(from, body));
        INFO(r.body);
        REQUIRE(r.status == 200);
        CHECK(r.body.find("<Response>") != std::string::npos);
    }

    HttpResponse statusCallback(const std::string& sid, const std::string& status,
                                const std::string& to)
    {
        return post("/sms/twilio/status", {{"SmsSid", sid},
                                           {"SmsStatus", status},
                                           {"MessageStatus", status},
                                           {"To", to},
                                           {"MessageSid", sid},
                                           {"AccountSid", kAccountSid},
                                           {"From", kLineNumber},
                                           {"ApiVersion", "2010-04-01"}});
    }

    /// The gateway's log must hold none of these (numbers, words of texts).
    void checkLogHoldsNone(const std::vector<std::string>& secrets)
    {
        const auto log = m_gateway.log();
        REQUIRE_FALSE(log.empty());
        for (const auto& s : secrets) {
            INFO("the gateway's log quotes \"" << s << "\":\n" << log);
            CHECK(log.find(s) == std::string::npos);
        }
    }

private:
    static GatewayOptions notStarted()
    {
        GatewayOptions o;
        o.start = false;
        return o;
    }

    std::string config() const
    {
        const auto port = std::to_string(m_port);
        return "[http]\nport = " + port + "\npublic_url = " + publicUrl() +
               "\n"
               "[twilio]\n"
               "account_sid = " +
               kAccountSid + "\nauth_token = " + kAuthToken +
               "\napi_base_url = " + m_api.baseUrl() + "\nfrom_number = " + kLineNumber +
               "\n"
               "[outbound]\n"
               "provider = twilio\n"
               "max_attempts = 4\n"
               "retry_initial = 100ms\n"
               "retry_max = 400ms\n"
               "timeout = 5s\n"
               "[line]\n"
               "name = Test Line\n"
               "first_contact_reply = " +
               kFirstContactReply + "\nhelp_reply = " + kHelpReply +
               "\nstop_reply = " + kStopReply + "\nstart_reply = " + kStartReply +
               "\n"
               "[log]\n"
               "level = debug\n";
    }

    FakeTwilioApi m_api;
    int m_port;
    GatewayProcess m_gateway;
    std::unique_ptr<SimpleHttpClient> m_http;
    int m_inboundCount = 0;
};

/// Waits for the caller's contact to be queued and accepts it; returns the
/// accept's data ({contact, messages}).
json::object acceptNewContact(OperatorLink& op)
{
    const auto queued = op.waitEvent("contact.queued", anyContact());
    const auto id = queued.at("contact").at("id").as_int64();
    return op.call("contact.accept", {{"contactId", id}});
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
