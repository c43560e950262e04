// Live coaching of a text conversation on a real gateway (docs/coaching.md):
// a lead opens a conversation someone else holds and its operator is told;
// the lead receives its messages as they arrive; a coaching note reaches the
// operator (and is never texted); taking over needs the operator's
// agreement, or an escalation; all of it on the contact's record for the
// supervisor and, for watching and taking over, in the audit log. All words
// and numbers are synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

using namespace warmline;
using namespace warmline::test;
using warmline::link::ErrorCode;
using warmline::telephony::SimpleHttpClient;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::int64_t count(const fs::path& db, const std::string& sql)
{
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    return d.execAndGet(sql).getInt64();
}

auto forContact(std::int64_t id)
{
    return [id](const json::object& d) {
        return d.contains("contactId") && d.at("contactId").as_int64() == id;
    };
}

} // namespace

TEST_CASE("a lead watches a live text, coaches its operator privately and takes it over",
          "[gateway][coaching][e2e]")
{
    GatewayOptions options;
    options.start = false;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.addOperator("ria", "lead", "ria-password-123");
    gateway.addOperator("sue", "supervisor", "sue-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    OperatorLink ria(gateway.linkUrl(), "ria", "ria-password-123");
    OperatorLink sue(gateway.linkUrl(), "sue", "sue-password-123");
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));
    const fs::path store = gateway.dataDir() / "warmline.db";

    REQUIRE(postTwilioText(http, "SMco1", "+15555550171", "synthetic: hard day, need to talk") ==
            200);
    sam.call("presence.set", {{"presence", "available"}});
    const auto id = sam.acceptNext();

    // Only leads watch; a lead watches someone else's live text.
    CHECK(sam.raw("contact.watch", {{"contactId", id}}).code == ErrorCode::Forbidden);
    CHECK(sue.raw("contact.watch", {{"contactId", id}}).code == ErrorCode::Forbidden);
    CHECK(lee.raw("contact.watch", {{"contactId", 999999}}).code == ErrorCode::Conflict);

    const auto opened = lee.call("contact.watch", {{"contactId", id}});
    CHECK(opened.at("watching").as_bool());
    CHECK(opened.at("contact").at("id").as_int64() == id);
    REQUIRE(opened.at("messages").as_array().size() >= 1);
    const auto told = sam.waitEvent("coaching.watch", forContact(id));
    CHECK(told.at("watching").as_bool());
    CHECK(told.at("event").at("lead").at("name") == "lee");
    CHECK(count(store, "SELECT COUNT(*) FROM audit_log WHERE action = 'contact.watch' AND "
                       "contact_id = " +
                           std::to_string(id)) == 1);

    // The texter's next message reaches the watching lead as it arrives.
    REQUIRE(postTwilioText(http, "SMco2", "+15555550171", "synthetic: my landlord called again") ==
            200);
    lee.waitEvent("message.received", [](const json::object& d) {
        return d.at("message").at("body") == "synthetic: my landlord called again";
    });

    // A coaching note reaches the operator, not the texter.
    const auto outBefore = count(store, "SELECT COUNT(*) FROM messages WHERE direction = 'out'");
    CHECK(lee.raw("coach.note", {{"contactId", id}, {"text", "  "}}).code == ErrorCode::BadRequest);
    CHECK(lee.raw("coach.note", {{"contactId", id}, {"text", std::string(501, 'x')}}).code ==
          ErrorCode::BadRequest);
    const std::string words = "synthetic: ask what helped last time the landlord called";
    const auto sent = lee.call("coach.note", {{"contactId", id}, {"text", words}});
    CHECK(sent.at("note").at("body").as_string() == words);
    const auto note = sam.waitEvent("coaching.note", forContact(id));
    CHECK(note.at("note").at("body").as_string() == words);
    CHECK(note.at("note").at("lead").at("name") == "lee");
    CHECK(!note.at("alias").as_string().empty());
    CHECK(count(store, "SELECT COUNT(*) FROM messages WHERE direction = 'out'") == outBefore);
    CHECK(count(store, "SELECT COUNT(*) FROM messages WHERE body LIKE '%what helped last%'") == 0);
    CHECK_FALSE(ria.tryEvent("coaching.note", forContact(id), std::chrono::milliseconds(300)));

    // Taking over without asking needs an escalation.
    const auto forced = lee.raw("contact.takeover", {{"contactId", id}, {"now", true}});
    CHECK(forced.code == ErrorCode::Conflict);
    CHECK(forced.message.find("escalation") != std::string::npos);

    // Asked: the operator declines, then agrees to the second lead's ask.
    CHECK(lee.call("contact.takeover", {{"contactId", id}}).at("asked").as_bool());
    sam.waitEvent("takeover.asked", forContact(id));
    CHECK(ria.raw("contact.takeover", {{"contactId", id}}).code == ErrorCode::Conflict);
    CHECK(ria.raw("takeover.answer", {{"contactId", id}, {"agree", true}}).code ==
          ErrorCode::NotFound);
    CHECK(sam.call("takeover.answer", {{"contactId", id}, {"agree", false}}).at("agree") == false);
    CHECK(lee.waitEvent("takeover.answered", forContact(id)).at("agree") == false);
    CHECK(lee.call("contact.takeover", {{"contactId", id}}).at("asked").as_bool());
    sam.waitEvent("takeover.asked", forContact(id));
    CHECK(sam.call("takeover.answer", {{"contactId", id}, {"agree", true}}).at("agree") == true);
    sam.waitEvent("contact.takenover", forContact(id));
    lee.waitEvent("contact.assigned", [id](const json::object& d) {
        return d.at("contact").at("id").as_int64() == id;
    });
    REQUIRE(waitFor(
        [&] {
            return count(store,
                         "SELECT operator_id FROM contacts WHERE id = " + std::to_string(id)) ==
                   count(store, "SELECT id FROM operators WHERE name = 'lee'");
        },
        std::chrono::seconds(10)));
    // The board: sam's row no longer holds it (the takeover redraws it), and
    // the contact still counts as one answer.
    CHECK(waitFor(
        [&] {
            const auto board = lee.call("board.snapshot");
            for (const auto& o : board.at("operators").as_array()) {
                if (o.at("name") == "sam") {
                    return o.at("held").as_array().empty();
                }
            }
            return false;
        },
        std::chrono::seconds(10)));
    CHECK(lee.call("board.snapshot").at("figures").at("answered").as_int64() == 1);
    // Now the lead's own conversation: they text in it, the operator cannot.
    CHECK(lee.call("message.send", {{"contactId", id}, {"body", "synthetic: hi, it's Lee"}})
              .contains("message"));
    CHECK(sam.raw("message.send", {{"contactId", id}, {"body", "x"}}).code == ErrorCode::Forbidden);
    CHECK(count(store, "SELECT COUNT(*) FROM audit_log WHERE action = 'contact.takeover' AND "
                       "detail LIKE '%agreed%'") == 1);

    // The supervisor's review shows it all, in order.
    lee.call("contact.close", {{"contactId", id}, {"note", "synthetic: talked it through"}});
    const auto review = sue.call("review.get", {{"contactId", id}});
    const auto& coaching = review.at("coaching").as_array();
    std::vector<std::string> kinds;
    for (const auto& e : coaching) {
        kinds.emplace_back(e.at("kind").as_string());
    }
    CHECK(kinds == std::vector<std::string>{"watch", "note", "takeover.asked", "takeover.declined",
                                            "takeover.asked", "takeover.agreed"});
    CHECK(coaching[1].at("body").as_string() == words);
    CHECK(coaching[1].at("operator").at("name") == "sam");
}

TEST_CASE("in an escalation a lead takes a conversation over at once, and watching ends with the "
          "contact",
          "[gateway][coaching][e2e]")
{
    GatewayOptions options;
    options.start = false;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    const fs::path store = gateway.dataDir() / "warmline.db";
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));
    REQUIRE(postTwilioText(http, "SMco3", "+15555550172", "synthetic: can we talk") == 200);
    REQUIRE(postTwilioText(http, "SMco4", "+15555550173", "synthetic: second texter here") == 200);
    sam.call("presence.set", {{"presence", "available"}});
    const auto first = sam.acceptNext();
    const auto second = sam.acceptNext();

    {
        OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
        lee.call("contact.watch", {{"contactId", first}});
        lee.call("contact.watch", {{"contactId", second}});
        sam.call("escalation.open",
                 {{"contactId", first}, {"level", "high"}, {"reason", "synthetic: said goodbye"}});
        CHECK(lee.call("contact.takeover", {{"contactId", first}, {"now", true}})
                  .at("taken")
                  .as_bool());
        sam.waitEvent("contact.takenover", forContact(first));
        CHECK(count(store, "SELECT COUNT(*) FROM audit_log WHERE action = 'contact.takeover' AND "
                           "detail LIKE '%escalation%'") == 1);
        // Stopping by hand is recorded and told.
        CHECK(lee.call("contact.watch", {{"contactId", second}, {"stop", true}}).at("watching") ==
              false);
        const auto stopped = sam.waitEvent("coaching.watch", [second](const json::object& d) {
            return d.at("contactId").as_int64() == second && !d.at("watching").as_bool();
        });
        CHECK(stopped.at("event").at("kind") == "unwatch");
        // Watching again and asking to take over, then the lead's link
        // goes: the watching ends and the question is withdrawn.
        lee.call("contact.watch", {{"contactId", second}});
        CHECK(lee.call("contact.takeover", {{"contactId", second}}).at("asked").as_bool());
        sam.waitEvent("takeover.asked", forContact(second));
    }
    sam.waitEvent("takeover.withdrawn", forContact(second));
    CHECK(sam.raw("takeover.answer", {{"contactId", second}, {"agree", true}}).code ==
          ErrorCode::NotFound);
    REQUIRE(waitFor(
        [&] {
            return count(store, "SELECT COUNT(*) FROM contact_coaching WHERE kind = 'unwatch' "
                                "AND contact_id = " +
                                    std::to_string(second)) == 2;
        },
        std::chrono::seconds(10)));
    CHECK(count(store, "SELECT COUNT(*) FROM contact_coaching WHERE kind = 'takeover.forced'") ==
          1);

    // The same from warmlinectl: its link is the lead's only one, so its
    // watching ends when it exits; a note reaches the operator.
    REQUIRE(gateway
                .runCtl({"login", "--name", "lee", "--password-stdin"},
                        std::string("lee-password-123\n"))
                .exitCode == 0);
    auto r = gateway.runCtl({"coach", "watch", std::to_string(second)});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("\"watching\":true") != std::string::npos);
    CHECK(r.out.find("synthetic: second texter here") != std::string::npos);
    REQUIRE(waitFor(
        [&] {
            return count(store, "SELECT COUNT(*) FROM contact_coaching WHERE kind = 'unwatch' "
                                "AND contact_id = " +
                                    std::to_string(second)) == 3;
        },
        std::chrono::seconds(10)));
    r = gateway.runCtl({"coach", "note", std::to_string(second), "synthetic:", "breathe", "first"});
    CHECK(r.exitCode == 0);
    CHECK(sam.waitEvent("coaching.note", forContact(second)).at("note").at("body") ==
          "synthetic: breathe first");
    r = gateway.runCtl({"coach", "takeover", std::to_string(second), "--now"});
    CHECK(r.exitCode != 0);
    CHECK(r.err.find("escalation") != std::string::npos);
    CHECK(gateway.runCtl({"coach", "answer", std::to_string(second), "maybe"}).exitCode != 0);
}

TEST_CASE("switchboarding holds new contacts for a lead to assign, and releases them",
          "[gateway][switchboard][e2e]")
{
    GatewayOptions options;
    options.start = false;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.start();
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));
    std::int64_t samId = 0;
    std::int64_t before = 0;
    {
        OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
        OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
        samId = sam.call("presence.set", {{"presence", "available"}})
                    .at("operator")
                    .at("id")
                    .as_int64();
        // One waiting before: switchboarding holds new contacts only.
        REQUIRE(postTwilioText(http, "SMsw0", "+15555550180", "synthetic: before the surge") ==
                200);
        before = lee.waitEvent("contact.queued", [](const json::object&) { return true; })
                     .at("contact")
                     .at("id")
                     .as_int64();

        CHECK(sam.raw("line.switchboard", {{"mode", "on"}}).code == ErrorCode::Forbidden);
        CHECK(lee.raw("line.switchboard", {{"mode", "maybe"}}).code == ErrorCode::BadRequest);
        CHECK(lee.call("line.switchboard", {{"mode", "on"}}).at("switchboard").as_bool());
        CHECK(sam.waitEvent("line.switchboard",
                            [](const json::object& d) { return d.at("switchboard").as_bool(); })
                  .at("by")
                  .at("name") == "lee");

        REQUIRE(postTwilioText(http, "SMsw1", "+15555550181", "synthetic: surge one") == 200);
        const auto first = lee.waitEvent("contact.queued",
                                         [before](const json::object& d) {
                                             return d.at("contact").at("id").as_int64() != before;
                                         })
                               .at("contact")
                               .at("id")
                               .as_int64();
        const auto board = lee.call("board.snapshot");
        CHECK(board.at("switchboard").at("on").as_bool());
        CHECK(board.at("switchboard").at("contacts").as_array() == json::array{first});

        // The operator cannot take it, by id or as the head; the one from
        // before is still theirs to take.
        const auto byId = sam.raw("contact.accept", {{"contactId", first}});
        CHECK(byId.code == ErrorCode::Forbidden);
        CHECK(byId.message.find("switchboard") != std::string::npos);
        CHECK(sam.call("contact.accept").at("contact").at("id").as_int64() == before);
        const auto head = sam.raw("contact.accept");
        CHECK(head.code == ErrorCode::NotFound);
        CHECK(head.message.find("switchboard") != std::string::npos);

        // The lead assigns it by hand.
        lee.call("contact.assign", {{"contactId", first}, {"operatorId", samId}});
        sam.waitEvent("contact.assigned", [first](const json::object& d) {
            return d.at("contact").at("id").as_int64() == first;
        });

        // Switching off releases what is held to the ordinary queue.
        REQUIRE(postTwilioText(http, "SMsw2", "+15555550182", "synthetic: surge two") == 200);
        const auto second = lee.waitEvent("contact.queued",
                                          [&](const json::object& d) {
                                              const auto id = d.at("contact").at("id").as_int64();
                                              return id != before && id != first;
                                          })
                                .at("contact")
                                .at("id")
                                .as_int64();
        CHECK(sam.raw("contact.accept").code == ErrorCode::NotFound);
        CHECK(lee.call("line.switchboard", {{"mode", "off"}}).at("released").as_int64() == 1);
        CHECK(sam.call("contact.accept").at("contact").at("id").as_int64() == second);

        // On again, and the gateway restarts: what waits, waits for a lead.
        CHECK(lee.call("line.switchboard", {{"mode", "on"}}).at("switchboard").as_bool());
    }
    REQUIRE(postTwilioText(http, "SMsw3", "+15555550183", "synthetic: surge three") == 200);
    gateway.restart();
    // kim, whose hands are free, cannot take it either.
    OperatorLink kim(gateway.linkUrl(), "kim", "kim-password-123");
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    const auto held = lee.call("board.snapshot").at("switchboard").at("contacts").as_array();
    REQUIRE(held.size() == 1);
    kim.call("presence.set", {{"presence", "available"}});
    CHECK(kim.raw("contact.accept").code == ErrorCode::NotFound);
    // warmlinectl switches it off.
    REQUIRE(gateway
                .runCtl({"login", "--name", "lee", "--password-stdin"},
                        std::string("lee-password-123\n"))
                .exitCode == 0);
    CHECK(gateway.runCtl({"switchboard", "off"}).exitCode == 0);
    CHECK(gateway.runCtl({"switchboard", "sometimes"}).exitCode != 0);
    CHECK(kim.call("contact.accept").at("contact").at("id") == held[0]);
}
