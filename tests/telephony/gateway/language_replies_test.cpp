// The line's automatic replies in the texter's language, against a real
// gateway: a first text in Spanish is answered in Spanish and one in
// English in English; the language is remembered on the caller, so a
// keyword too short to tell ("HELP") is answered in it; a site's own
// Spanish text from the configuration replaces the built-in one.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace warmline::test;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n"
                            "[line]\nname = Test Line\nhelp_reply_es = synthetic: ayuda local\n";

void postText(SimpleHttpClient& http, const std::string& sid, int caller, const std::string& body)
{
    const auto r = postSyntheticText(http, sid, caller, body);
    INFO(sid << ": " << r.body);
    REQUIRE(r.status == 200);
}

/// The id of the queued contact whose first text was `preview`.
/// The line's texts to a contact, read as a lead may (contact.get), once
/// there are at least `count`: each automatic reply is stored right after
/// the text it answers.
std::vector<std::string> repliesTo(OperatorLink& op, std::int64_t contactId, std::size_t count)
{
    std::vector<std::string> out;
    for (int attempt = 0; attempt < 200; ++attempt) {
        out = outboundTexts(op, contactId);
        if (out.size() >= count) {
            return out;
        }
        op.tryEvent(
            "contact.updated", [](const json::object&) { return true; }, 50ms);
    }
    FAIL("contact " << contactId << " got " << out.size() << " replies, not " << count);
    return out;
}

} // namespace

TEST_CASE("automatic replies go in the language the texter writes in", "[gateway][language][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig;
    GatewayProcess gateway(options);
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    SimpleHttpClient http(gateway.url(), 10s);

    const std::string spanish = "hola, me siento muy sola esta noche y no se que hacer";
    postText(http, "SMlang1", 301, spanish);
    const auto esId = queuedId(lee, spanish);
    const auto es = repliesTo(lee, esId, 1);
    REQUIRE(es.size() == 1);
    CHECK(es[0].rfind("Test Line: gracias por escribirnos.", 0) == 0);
    CHECK(es[0].find("988") != std::string::npos); // the crisis resources, in Spanish
    CHECK(es[0].find("AYUDA") != std::string::npos);

    const std::string english = "is anyone there, i feel really alone tonight";
    postText(http, "SMlang2", 302, english);
    const auto enId = queuedId(lee, english);
    const auto en = repliesTo(lee, enId, 1);
    REQUIRE(en.size() == 1);
    CHECK(en[0].rfind("Test Line: thanks for reaching out.", 0) == 0);

    // The language is remembered on the caller, where operators see it.
    CHECK(lee.call("caller.get", {{"contactId", esId}}).at("caller").at("language") == "es");
    CHECK(lee.call("caller.get", {{"contactId", enId}}).at("caller").at("language") == "en");

    // "HELP" alone says no language: the caller's is used, for the Spanish
    // texter with the site's own Spanish text from the configuration.
    postText(http, "SMlang3", 301, "HELP");
    postText(http, "SMlang4", 302, "HELP");
    CHECK(repliesTo(lee, esId, 2).back() == "synthetic: ayuda local");
    CHECK(repliesTo(lee, enId, 2).back().rfind("Test Line is a peer support line.", 0) == 0);
}

TEST_CASE("a warm transfer by text sends the crisis line's Spanish text to a Spanish texter",
          "[gateway][language][escalation][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    sam.call("presence.set", {{"presence", "available"}});
    SimpleHttpClient http(gateway.url(), 10s);

    // The shipped crisis lines carry a Spanish text, and the link says so.
    const auto info = sam.call("line.info");
    bool spanishTemplate = false;
    for (const auto& l : info.at("crisisLines").as_array()) {
        spanishTemplate =
            spanishTemplate || (l.at("id") == "988" && !l.at("textTemplateEs").as_string().empty());
    }
    CHECK(spanishTemplate);

    const auto transferText = [&](int caller, const std::string& sid, const std::string& body) {
        postText(http, sid, caller, body);
        const auto id = queuedId(sam, body);
        sam.call("contact.accept", {{"contactId", id}});
        const auto got = sam.call("contact.get", {{"contactId", id}});
        REQUIRE(got.at("escalations").as_array().size() == 1);
        const auto escalationId = got.at("escalations").as_array()[0].at("id").as_int64();
        sam.call("escalation.transfer", {{"escalationId", escalationId}, {"line", "988"}});
        const auto sent = sam.waitEvent("message.sent", [&](const json::object& d) {
            return d.at("message").at("contactId").as_int64() == id &&
                   d.at("message").at("body").as_string().find("988") != json::string::npos;
        });
        return std::string(sent.at("message").at("body").as_string());
    };
    CHECK(transferText(311, "SMlangx1", "ya no aguanto mas, me quiero morir esta noche")
              .rfind("Me gustaría ponerte en contacto", 0) == 0);
    CHECK(transferText(312, "SMlangx2", "i cant do this anymore, i want to die tonight")
              .rfind("I'd like to connect you", 0) == 0);
}

TEST_CASE("a Spanish text waits first for an operator who speaks Spanish, then goes to anyone",
          "[gateway][language][routing][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig + "language_wait = 3s\n";
    GatewayProcess gateway(options);
    gateway.addOperator("ana", "operator", "ana-password-123");
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("root", "admin", "admin-password-123");
    gateway.start();
    // With warmlinectl, as an administrator would type it: the same as "es".
    REQUIRE(gateway.runCtl({"login", "--name", "root", "--password-stdin"}, "admin-password-123\n")
                .exitCode == 0);
    const auto set = gateway.runCtl({"operator", "languages", "ana", "Español"});
    INFO(set.err);
    REQUIRE(set.exitCode == 0);
    CHECK(set.out.find("Español") != std::string::npos);
    OperatorLink ana(gateway.linkUrl(), "ana", "ana-password-123");
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    ana.call("presence.set", {{"presence", "available"}});
    sam.call("presence.set", {{"presence", "available"}});
    SimpleHttpClient http(gateway.url(), 10s);

    // An English text goes to anyone at once.
    const std::string english = "hi, is this the warmline? i could use someone to talk to";
    postText(http, "SMroute1", 321, english);
    const auto enId = queuedId(sam, english);
    CHECK(sam.call("contact.accept").at("contact").at("id").as_int64() == enId);

    // A Spanish one is not sam's yet: accept next says why, and so does
    // accepting it by id.
    const std::string spanish = "hola, necesito hablar con alguien por favor";
    postText(http, "SMroute2", 322, spanish);
    const auto esId = queuedId(sam, spanish);
    const auto refused = sam.raw("contact.accept");
    CHECK(refused.kind == warmline::link::ServerFrame::Kind::Error);
    CHECK(refused.message.find("speaks their language") != std::string::npos);
    const auto byId = sam.raw("contact.accept", {{"contactId", esId}});
    CHECK(byId.kind == warmline::link::ServerFrame::Kind::Error);
    CHECK(byId.message.find("after 3 s") != std::string::npos);

    // After the wait, anyone may take it.
    bool taken = false;
    for (int attempt = 0; attempt < 100 && !taken; ++attempt) {
        taken = sam.raw("contact.accept", {{"contactId", esId}}).kind ==
                warmline::link::ServerFrame::Kind::Ack;
        if (!taken) {
            sam.tryEvent(
                "contact.updated", [](const json::object&) { return false; }, 100ms);
        }
    }
    CHECK(taken);

    // Another Spanish text goes to ana, who speaks it, at once.
    const std::string second = "buenas noches, me siento muy sola";
    postText(http, "SMroute3", 323, second);
    const auto secondId = queuedId(ana, second);
    CHECK(ana.call("contact.accept").at("contact").at("id").as_int64() == secondId);
}

TEST_CASE("a texter still waiting gets one notice with their place in line, in their language",
          "[gateway][language][surge][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig + "wait_notice = 2s\n";
    GatewayProcess gateway(options);
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    SimpleHttpClient http(gateway.url(), 10s);
    // Where the queue (risk first, then the longest wait) has a contact now.
    const auto placeOf = [](OperatorLink& lead, std::int64_t id) {
        const auto board = lead.call("board.snapshot");
        const auto& queue = board.at("queue").as_array();
        for (std::size_t i = 0; i < queue.size(); ++i) {
            if (queue[i].at("id").as_int64() == id) {
                return std::to_string(i + 1);
            }
        }
        return std::string("none");
    };
    std::int64_t first = 0;
    {
        OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
        postText(http, "SMwait1", 41, "synthetic: is anyone there tonight");
        first = queuedId(lee, "synthetic: is anyone there tonight");
        postText(http, "SMwait2", 42, "hola, necesito hablar con alguien por favor");
        const auto second = queuedId(lee, "hola, necesito hablar con alguien por favor");

        // The first reply, then the notice once the wait passed 2 s. No one
        // was answered this shift: no pace, so no minutes are promised.
        const auto en = repliesTo(lee, first, 2);
        const auto es = repliesTo(lee, second, 2);
        INFO(en[1] << " / " << es[1]);
        CHECK(en[1].find("Test Line: you are number " + placeOf(lee, first) + " in line") == 0);
        CHECK(en[1].find("as soon as") != std::string::npos);
        CHECK(en[1].find("minutes") == std::string::npos);
        CHECK(en[1].find("988") != std::string::npos);
        CHECK(es[1].find("estás en el lugar " + placeOf(lee, second) + " de la fila") !=
              std::string::npos);
        CHECK(es[1].find("988") != std::string::npos);

        // Once: by the time a later texter's notice has come, the first
        // has still had only the one.
        postText(http, "SMwait3", 43, "synthetic: third in the queue");
        const auto third = queuedId(lee, "synthetic: third in the queue");
        const auto thirdReplies = repliesTo(lee, third, 2);
        INFO(thirdReplies[1]);
        CHECK(thirdReplies[1].find("number " + placeOf(lee, third) + " in line") !=
              std::string::npos);
        CHECK(repliesTo(lee, first, 1).size() == 2);
    }
    // Nor again after a restart.
    gateway.restart();
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    postText(http, "SMwait4", 44, "synthetic: fourth after the restart");
    const auto fourth = queuedId(lee, "synthetic: fourth after the restart");
    CHECK(repliesTo(lee, fourth, 2)[1].find(" in line") != std::string::npos);
    CHECK(repliesTo(lee, first, 1).size() == 2);
}
