#pragma once

// What the Twilio end-to-end tests share: a fake Twilio Messages API on
// 127.0.0.1 (tests/support/FakeHttpServer) and a real warmline-gateway set up
// for Twilio against it, posting webhooks signed as Twilio would. All
// numbers are synthetic (+1555555 01xx).

#include "core/carriers/TwilioSignature.h"
#include "core/text/FormCodec.h"
#include "support/FakeHttpServer.h"
#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <iomanip>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::test::twilioline {

/// A JSON string's text; "" for anything else.
inline std::string str(const boost::json::value& v)
{
    return v.is_string() ? std::string(v.as_string()) : std::string();
}

inline const std::string kAccountSid = "AC0123456789abcdef0123456789abcdef";
inline const std::string kAuthToken = "test-auth-token-5f2a9c1e";
inline const std::string kLineNumber = "+15555550100";
inline const std::string kOperatorPassword = "sam-password-123";
inline const std::string kFirstContactReply =
    "Thanks for texting Test Line. A peer will text you soon.";
inline const std::string kHelpReply =
    "Test Line help: reply STOP to opt out. In a crisis call 988.";
inline const std::string kStopReply =
    "Test Line: you will get no more texts. Reply START to resume.";
inline const std::string kStartReply =
    "Test Line: texts are back on. We are here when you need us.";

inline std::string field(const FormFields& fields, std::string_view name)
{
    const auto v = formValue(fields, name);
    return v ? std::string(*v) : std::string();
}

/// Twilio-style ids: two letters and 32 hex digits.
inline std::string makeSid(std::string_view prefix, int n)
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
        boost::json::object o{{"sid", sid},
                              {"account_sid", kAccountSid},
                              {"status", "queued"},
                              {"to", field(form, "To")},
                              {"from", field(form, "From")},
                              {"body", body}};
        return {201, boost::json::serialize(o), "application/json"};
    }

    FakeHttpServer m_server;
    mutable std::mutex m_mutex;
    std::map<std::string, std::deque<FakeResponse>> m_scripts;
    std::map<std::string, std::string> m_sids;
    int m_count = 0;
};

inline std::function<bool(const boost::json::object&)> statusIs(std::int64_t messageId,
                                                                std::string status)
{
    return [messageId, status](const boost::json::object& d) {
        const auto& m = d.at("message").as_object();
        return m.at("id").as_int64() == messageId && str(m.at("status")) == status;
    };
}

inline std::function<bool(const boost::json::object&)> anyContact()
{
    return [](const boost::json::object&) { return true; };
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
        m_http = std::make_unique<telephony::SimpleHttpClient>(m_gateway.url(),
                                                               std::chrono::seconds(15));
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
    telephony::HttpResponse post(const std::string& path, const FormFields& fields)
    {
        return postWithSignature(path, fields,
                                 twilioSignature(kAuthToken, publicUrl() + path, fields));
    }

    /// POSTs `fields` with this X-Twilio-Signature (nullopt: no header at all).
    telephony::HttpResponse postWithSignature(const std::string& path, const FormFields& fields,
                                              const std::optional<std::string>& signature)
    {
        telephony::HttpHeaders headers;
        if (signature) {
            headers.emplace_back("X-Twilio-Signature", *signature);
        }
        return m_http->postForm(path, telephony::SimpleHttpClient::formEncode(fields), headers);
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

    telephony::HttpResponse statusCallback(const std::string& sid, const std::string& status,
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
    std::unique_ptr<telephony::SimpleHttpClient> m_http;
    int m_inboundCount = 0;
};

/// Waits for the caller's contact to be queued and accepts it; returns the
/// accept's data ({contact, messages}).
inline boost::json::object acceptNewContact(OperatorLink& op)
{
    const auto queued = op.waitEvent("contact.queued", anyContact());
    const auto id = queued.at("contact").at("id").as_int64();
    return op.call("contact.accept", {{"contactId", id}});
}

} // namespace warmline::test::twilioline
