// The shift lead board against a real gateway: who may read it and act on
// it (enforced by the gateway), the lead's actions and their events, alerts
// that repeat until acknowledged and survive a reconnect and a restart, and
// the recovery of contacts held by an operator whose app vanished.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/SyntheticText.h"
#include "telephony/net/LinkClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>
#include <string>

using namespace warmline::test;
using warmline::link::ServerFrame;
using warmline::telephony::LinkClient;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

const std::string kBase = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n"
                          "[line]\nafter_hours_reply = synthetic after-hours reply\n";

std::string outcome(const ServerFrame& f)
{
    if (f.kind == ServerFrame::Kind::Ack) {
        return "ack";
    }
    return f.kind == ServerFrame::Kind::Error ? std::string(warmline::link::toString(f.code))
                                              : "event " + f.name;
}

void postText(SimpleHttpClient& http, const std::string& sid, int caller, const std::string& body)
{
    const auto r = warmline::test::postSyntheticText(http, sid, caller, body);
    INFO(sid << ": " << r.body);
    REQUIRE(r.status == 200);
}

/// The id of the queued contact whose preview is `preview`, from the board.
std::int64_t snapshotQueuedId(OperatorLink& lead, const std::string& preview)
{
    for (int attempt = 0; attempt < 200; ++attempt) {
        const auto board = lead.call("board.snapshot");
        for (const auto& c : board.at("queue").as_array()) {
            if (c.at("preview") == preview.c_str()) {
                return c.at("id").as_int64();
            }
        }
        lead.tryEvent(
            "contact.queued", [](const json::object&) { return false; }, 50ms);
    }
    FAIL("no queued contact with preview " << preview);
    return 0;
}

json::object operatorRow(const json::object& board, std::int64_t id)
{
    for (const auto& op : board.at("operators").as_array()) {
        if (op.at("id").as_int64() == id) {
            return op.as_object();
        }
    }
    return {};
}

bool hasAlert(const json::object& board, std::int64_t alertId)
{
    for (const auto& a : board.at("alerts").as_array()) {
        if (a.at("id").as_int64() == alertId) {
            return true;
        }
    }
    return false;
}

auto contactIs(std::int64_t id)
{
    return [id](const json::object& d) { return d.at("contact").at("id").as_int64() == id; };
}

} // namespace

TEST_CASE("only leads act on the board, supervisors read it, operators get neither",
          "[gateway][board][roles][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kBase;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.addOperator("sue", "supervisor", "sue-password-123");
    gateway.addOperator("root", "admin", "admin-password-123");
    gateway.start();

    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    OperatorLink sue(gateway.linkUrl(), "sue", "sue-password-123");
    OperatorLink root(gateway.linkUrl(), "root", "admin-password-123");
    const auto samId =
        sam.call("presence.set", {{"presence", "available"}}).at("operator").at("id").as_int64();
    SimpleHttpClient http(gateway.url(), 10s);
    postText(http, "SMboardroles1", 101, "synthetic: roles text");
    const auto contactId = snapshotQueuedId(lee, "synthetic: roles text");

    const std::vector<std::pair<std::string, json::object>> leadOnly = {
        {"contact.assign", {{"contactId", contactId}, {"operatorId", samId}}},
        {"contact.takeback", {{"contactId", contactId}}},
        {"operator.break", {{"operatorId", samId}}},
        {"lead.message", {{"all", true}, {"text", "synthetic"}}},
        {"line.afterhours", {{"mode", "on"}}},
        {"alert.ack", {{"alertId", 1}}},
    };
    // The operator's link is refused everything on the board, whatever the app shows.
    for (const auto& type : {"board.snapshot", "alert.list"}) {
        INFO(type);
        CHECK(outcome(sam.raw(type)) == "forbidden");
    }
    for (const auto& [type, params] : leadOnly) {
        INFO(type);
        CHECK(outcome(sam.raw(type, params)) == "forbidden");
        // A supervisor reads the board but does not act on it.
        CHECK(outcome(sue.raw(type, params)) == "forbidden");
    }
    CHECK(outcome(sue.raw("board.snapshot")) == "ack");
    CHECK(outcome(sue.raw("alert.list")) == "ack");
    CHECK(outcome(root.raw("board.snapshot")) == "ack");
    // Nothing the refused requests asked for happened.
    const auto board = lee.call("board.snapshot");
    CHECK(board.at("queue").as_array().size() == 1);
    CHECK(board.at("afterHours") == false);
    CHECK(operatorRow(board, samId).at("presence") == "available");
    CHECK_FALSE(sam.tryEvent(
        "lead.message", [](const json::object&) { return true; }, 300ms));
    // An admin acts as a lead does.
    CHECK(outcome(root.raw("contact.assign", {{"contactId", contactId}, {"operatorId", samId}})) ==
          "ack");
    // warmlinectl gets the same answer (exit status 5 for forbidden).
    REQUIRE(gateway
                .runCtl({"login", "--name", "sam", "--password-stdin"},
                        std::string("sam-password-123\n"))
                .exitCode == 0);
    CHECK(gateway.runCtl({"board"}).exitCode == 5);
    CHECK(gateway.runCtl({"alerts", "list"}).exitCode == 5);
}

TEST_CASE("a lead assigns, takes back, sends on break, messages and opens after-hours",
          "[gateway][board][actions][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kBase;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    REQUIRE(gateway
                .runCtl({"login", "--name", "lee", "--password-stdin"},
                        std::string("lee-password-123\n"))
                .exitCode == 0);

    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink kim(gateway.linkUrl(), "kim", "kim-password-123");
    const auto samId =
        sam.call("presence.set", {{"presence", "available"}}).at("operator").at("id").as_int64();
    const auto kimId =
        kim.call("presence.set", {{"presence", "break"}}).at("operator").at("id").as_int64();

    SimpleHttpClient http(gateway.url(), 10s);
    postText(http, "SMboardact1", 111, "synthetic: first");
    postText(http, "SMboardact2", 112, "synthetic: second");
    const auto first = snapshotQueuedId(lee, "synthetic: first");
    const auto second = snapshotQueuedId(lee, "synthetic: second");
    const auto queuedAt =
        lee.waitEvent("contact.queued", contactIs(first)).at("contact").at("queuedAt").as_int64();

    // Assign: the operator sees it as theirs, the board shows it held.
    const auto assigned = lee.call("contact.assign", {{"contactId", first}, {"operatorId", samId}});
    CHECK(assigned.at("contact").at("operatorId").as_int64() == samId);
    const auto note = sam.waitEvent("contact.assigned", contactIs(first));
    CHECK(note.at("by").at("name") == "lee");
    CHECK(sam.waitEvent("contact.accepted", contactIs(first))
              .at("contact")
              .at("operatorId")
              .as_int64() == samId);
    CHECK_FALSE(kim.tryEvent("contact.assigned", contactIs(first), 200ms));
    lee.waitEvent("board.operator", [&](const json::object& d) {
        return d.at("operator").at("id").as_int64() == samId &&
               d.at("operator").at("held").as_array().size() == 1;
    });
    auto board = lee.call("board.snapshot");
    const auto samRow = operatorRow(board, samId);
    REQUIRE(samRow.at("held").as_array().size() == 1);
    CHECK(samRow.at("held").as_array()[0].at("id").as_int64() == first);
    CHECK(samRow.at("held").as_array()[0].at("heldSince").is_int64());
    CHECK(board.at("figures").at("answered") == 1);
    CHECK(board.at("figures").at("waiting") == 1);
    CHECK(board.at("figures").at("byChannel").at("text") == 1);

    // Not to someone on break, nor beyond capacity, nor a held contact.
    CHECK(outcome(lee.raw("contact.assign", {{"contactId", second}, {"operatorId", kimId}})) ==
          "conflict");
    CHECK(outcome(lee.raw("contact.assign", {{"contactId", first}, {"operatorId", kimId}})) ==
          "conflict");
    CHECK(outcome(lee.raw("contact.assign", {{"contactId", 999999}, {"operatorId", kimId}})) ==
          "not_found");

    // A caller flagged blocked needs an override.
    lee.call("caller.flag.set",
             {{"contactId", second}, {"kind", "blocked"}, {"note", "synthetic: test flag"}});
    CHECK(outcome(lee.raw("contact.assign", {{"contactId", second}, {"operatorId", samId}})) ==
          "conflict");
    CHECK(lee.call("board.snapshot").at("queue").as_array().size() == 1);
    lee.call("contact.assign", {{"contactId", second}, {"operatorId", samId}, {"override", true}});
    sam.waitEvent("contact.assigned", contactIs(second));

    // Take back: the contact is queued again at its original waiting time.
    lee.call("contact.takeback", {{"contactId", first}});
    const auto back = sam.waitEvent("contact.queued", contactIs(first));
    CHECK(back.at("contact").at("queuedAt").as_int64() == queuedAt);
    CHECK(back.at("contact").at("operatorId").is_null());
    CHECK(outcome(lee.raw("contact.takeback", {{"contactId", first}})) == "conflict");

    // Break: the operator's presence changes and everyone sees it.
    lee.call("operator.break", {{"operatorId", samId}});
    kim.waitEvent("presence.changed", [&](const json::object& d) {
        return d.at("operator").at("id").as_int64() == samId &&
               d.at("operator").at("presence") == "break";
    });

    // Messages: to one operator, then to all.
    lee.call("lead.message", {{"operatorId", samId}, {"text", "synthetic: take five"}});
    CHECK(sam.waitEvent("lead.message", [](const json::object&) { return true; }).at("text") ==
          "synthetic: take five");
    lee.call("lead.message", {{"all", true}, {"text", "synthetic: huddle at 3"}});
    const auto toKim = kim.waitEvent("lead.message", [](const json::object&) { return true; });
    // The first message kim sees is the one to all: the one to sam was not hers.
    CHECK(toKim.at("text") == "synthetic: huddle at 3");
    CHECK(toKim.at("to").is_null());
    CHECK(outcome(lee.raw("lead.message", {{"all", true}, {"text", "   "}})) == "bad_request");
    CHECK(outcome(lee.raw("lead.message", {{"text", "synthetic: nobody"}})) == "bad_request");

    // After-hours: a new texter gets the after-hours reply, and it stays on
    // across a restart.
    lee.call("line.afterhours", {{"mode", "on"}});
    CHECK(kim.waitEvent("line.afterhours", [](const json::object&) { return true; })
              .at("afterHours") == true);
    postText(http, "SMboardact3", 113, "synthetic: late");
    lee.waitEvent("message.sent", [](const json::object& d) {
        return d.at("message").at("body") == "synthetic after-hours reply";
    });
    CHECK(outcome(lee.raw("line.afterhours", {{"mode", "maybe"}})) == "bad_request");

    // warmlinectl drives the same commands.
    const auto ctlMessage = gateway.runCtl({"message", "sam", "synthetic:", "from", "ctl"});
    INFO(ctlMessage.err);
    CHECK(ctlMessage.exitCode == 0);
    CHECK(sam.waitEvent("lead.message",
                        [](const json::object& d) { return d.at("text") == "synthetic: from ctl"; })
              .at("from")
              .at("name") == "lee");
    const auto ctlBoard = gateway.runCtl({"board"});
    CHECK(ctlBoard.exitCode == 0);
    CHECK(ctlBoard.out.find("\"afterHours\":true") != std::string::npos);

    gateway.restart();
    OperatorLink lee2(gateway.linkUrl(), "lee", "lee-password-123");
    CHECK(lee2.call("line.info").at("afterHours") == true);
    CHECK(lee2.call("board.snapshot").at("afterHours") == true);
    CHECK(gateway.runCtl({"afterhours", "off"}).exitCode == 0);
    CHECK(lee2.call("line.info").at("afterHours") == false);
}

TEST_CASE("alerts repeat louder until acknowledged and survive a reconnect and a restart",
          "[gateway][board][alerts][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kBase + "[board]\ncheck_interval = 50ms\nwait_alert = 300ms\n"
                                  "time_limit = 600ms\npresence_stuck = 600ms\n"
                                  "[alerts]\nrepeat_after = 700ms\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();

    auto lee = std::make_unique<OperatorLink>(gateway.linkUrl(), "lee", "lee-password-123");
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    const auto samId =
        sam.call("presence.set", {{"presence", "available"}}).at("operator").at("id").as_int64();
    SimpleHttpClient http(gateway.url(), 10s);
    postText(http, "SMboardalert1", 121, "synthetic: waiting a while");
    const auto waiting = snapshotQueuedId(*lee, "synthetic: waiting a while");

    // Waiting past the target raises an alert; unacknowledged, it repeats louder.
    const auto raised = lee->waitEvent("alert.raised", [&](const json::object& d) {
        return d.at("alert").at("kind") == "wait_over_target" &&
               d.at("alert").at("contactId").as_int64() == waiting;
    });
    const auto alertId = raised.at("alert").at("id").as_int64();
    CHECK(raised.at("alert").at("louder") == false);
    CHECK(raised.at("alert").at("text").as_string().find("+1555") == json::string::npos);
    const auto repeat = lee->waitEvent("alert.raised", [&](const json::object& d) {
        return d.at("alert").at("id").as_int64() == alertId &&
               d.at("alert").at("repeatCount").as_int64() >= 1;
    });
    CHECK(repeat.at("alert").at("louder") == true);
    // An operator does not get the leads' alerts (sam reads what came meanwhile).
    sam.tryEvent(
        "none", [](const json::object&) { return false; }, 300ms);
    CHECK_FALSE(sam.tryEvent(
        "alert.raised", [](const json::object&) { return true; }, 0ms));
    CHECK(sam.eventNames().find("contact.queued") != std::string::npos);

    // Answered: the wait alert ends by itself, for everyone shown it.
    sam.call("contact.accept", {{"contactId", waiting}});
    const auto ended = lee->waitEvent("alert.acknowledged", [&](const json::object& d) {
        return d.at("alert").at("id").as_int64() == alertId;
    });
    CHECK(ended.at("alert").at("resolved") == true);
    CHECK_FALSE(hasAlert(lee->call("board.snapshot"), alertId));

    // Over the time limit on a contact, and a presence stuck on break.
    const auto overLimit =
        lee->waitEvent("alert.raised",
                       [&](const json::object& d) {
                           return d.at("alert").at("kind") == "over_time_limit" &&
                                  d.at("alert").at("operatorId").as_int64() == samId;
                       })
            .at("alert")
            .at("id")
            .as_int64();
    sam.call("presence.set", {{"presence", "break"}});
    lee->waitEvent("alert.raised", [&](const json::object& d) {
        return d.at("alert").at("kind") == "presence_stuck" &&
               d.at("alert").at("operatorId").as_int64() == samId;
    });

    // Acknowledged: it leaves the open list, with who did it.
    const auto acked = lee->call("alert.ack", {{"alertId", overLimit}});
    CHECK(acked.at("alert").at("acknowledgedByName") == "lee");
    lee->waitEvent("alert.acknowledged", [&](const json::object& d) {
        return d.at("alert").at("id").as_int64() == overLimit;
    });
    CHECK_FALSE(hasAlert(lee->call("board.snapshot"), overLimit));
    CHECK(outcome(lee->raw("alert.ack", {{"alertId", 99999}})) == "not_found");

    // A lead away while an alert is raised gets it on resume (replay) and
    // in a fresh board.
    LinkClient away;
    away.connect(gateway.linkUrl(), 10s);
    const auto login =
        away.request("login", {{"name", "lee"}, {"password", "lee-password-123"}}, 10s);
    REQUIRE(outcome(login) == "ack");
    const auto token = std::string(login.data.at("token").as_string());
    const auto epoch = std::string(login.data.at("epoch").as_string());
    const auto seq = login.data.at("seq").as_int64();
    away.close();
    lee.reset();
    postText(http, "SMboardalert2", 122, "synthetic: second waiter");
    // sam (an operator) sees the contact queue; the alert follows it.
    const auto second =
        sam.waitEvent("contact.queued",
                      [](const json::object& d) {
                          return d.at("contact").at("preview") == "synthetic: second waiter";
                      })
            .at("contact")
            .at("id")
            .as_int64();
    OperatorLink watcher(gateway.linkUrl(), "lee", "lee-password-123");
    const auto secondAlert =
        watcher
            .waitEvent("alert.raised",
                       [&](const json::object& d) {
                           return d.at("alert").at("contactId").is_int64() &&
                                  d.at("alert").at("contactId").as_int64() == second;
                       })
            .at("alert")
            .at("id")
            .as_int64();
    LinkClient back;
    back.connect(gateway.linkUrl(), 10s);
    const auto resumed =
        back.request("resume", {{"token", token}, {"epoch", epoch}, {"seq", seq}}, 10s);
    REQUIRE(outcome(resumed) == "ack");
    CHECK(resumed.data.at("resync") == "replay");
    bool replayed = false;
    while (auto e = back.nextEvent(5s)) {
        if (e->name == "alert.raised" && e->data.at("alert").at("id").as_int64() == secondAlert) {
            replayed = true;
            break;
        }
    }
    CHECK(replayed);
    back.close();

    // A restart keeps every open alert (and none that was acknowledged); a
    // lead's resume gets them in its snapshot.
    gateway.restart();
    {
        LinkClient again;
        again.connect(gateway.linkUrl(), 10s);
        const auto r =
            again.request("resume", {{"token", token}, {"epoch", epoch}, {"seq", seq}}, 10s);
        REQUIRE(outcome(r) == "ack");
        CHECK(r.data.at("resync") == "snapshot");
        CHECK(hasAlert(r.data.at("snapshot").at("board").as_object(), secondAlert));
        again.close();
    }
    // An operator's snapshot carries no board.
    {
        LinkClient op;
        op.connect(gateway.linkUrl(), 10s);
        REQUIRE(outcome(op.request("login", {{"name", "sam"}, {"password", "sam-password-123"}},
                                   10s)) == "ack");
        const auto snap = op.request("queue.snapshot", {}, 10s);
        CHECK_FALSE(snap.data.contains("board"));
        op.close();
    }
    OperatorLink after(gateway.linkUrl(), "lee", "lee-password-123");
    const auto restored = after.call("board.snapshot");
    CHECK(hasAlert(restored, secondAlert));
    CHECK_FALSE(hasAlert(restored, alertId));
    CHECK_FALSE(hasAlert(restored, overLimit));
    const auto list = after.call("alert.list", {{"all", true}});
    bool sawAcked = false;
    for (const auto& a : list.at("alerts").as_array()) {
        if (a.at("id").as_int64() == overLimit) {
            sawAcked = true;
            CHECK(a.at("acknowledgedByName") == "lee");
        }
    }
    CHECK(sawAcked);
}

TEST_CASE("an operator whose app vanished has their contacts returned after the grace period",
          "[gateway][board][recovery][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kBase + "[board]\ncheck_interval = 50ms\nrecovery_grace = 1500ms\n"
                                  "wait_alert = 0\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();

    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    SimpleHttpClient http(gateway.url(), 10s);
    postText(http, "SMrecover1", 131, "synthetic: sam one");
    postText(http, "SMrecover2", 132, "synthetic: sam two");
    postText(http, "SMrecover3", 133, "synthetic: kim one");
    const auto samOne = snapshotQueuedId(lee, "synthetic: sam one");
    const auto samTwo = snapshotQueuedId(lee, "synthetic: sam two");
    const auto kimOne = snapshotQueuedId(lee, "synthetic: kim one");
    const auto samOneQueuedAt =
        lee.waitEvent("contact.queued", contactIs(samOne)).at("contact").at("queuedAt").as_int64();

    // kim's app drops and comes back within the grace period: nothing changes.
    LinkClient kim;
    kim.connect(gateway.linkUrl(), 10s);
    const auto kimLogin =
        kim.request("login", {{"name", "kim"}, {"password", "kim-password-123"}}, 10s);
    REQUIRE(outcome(kimLogin) == "ack");
    const auto kimId = kimLogin.data.at("operator").at("id").as_int64();
    REQUIRE(outcome(kim.request("presence.set", {{"presence", "available"}}, 10s)) == "ack");
    REQUIRE(outcome(kim.request("contact.accept", {{"contactId", kimOne}}, 10s)) == "ack");
    kim.close();
    lee.waitEvent("board.operator", [&](const json::object& d) {
        return d.at("operator").at("id").as_int64() == kimId &&
               d.at("operator").at("linkLostAt").is_int64();
    });
    LinkClient kimBack;
    kimBack.connect(gateway.linkUrl(), 10s);
    REQUIRE(outcome(kimBack.request(
                "resume", {{"token", kimLogin.data.at("token")}, {"epoch", ""}, {"seq", 0}},
                10s)) == "ack");

    // sam's app vanishes holding two contacts.
    auto sam = std::make_unique<OperatorLink>(gateway.linkUrl(), "sam", "sam-password-123");
    const auto samId =
        sam->call("presence.set", {{"presence", "available"}}).at("operator").at("id").as_int64();
    sam->call("contact.accept", {{"contactId", samOne}});
    sam->call("contact.accept", {{"contactId", samTwo}});
    sam.reset();

    // The lead sees the link lost, then the contacts go back to the queue.
    const auto lost = lee.waitEvent("board.operator", [&](const json::object& d) {
        return d.at("operator").at("id").as_int64() == samId &&
               d.at("operator").at("linkLostAt").is_int64();
    });
    CHECK(lost.at("operator").at("recoverAt").as_int64() -
              lost.at("operator").at("linkLostAt").as_int64() ==
          1500);
    const auto recovered = lee.waitEvent("operator.lost", [&](const json::object& d) {
        return d.at("operator").at("id").as_int64() == samId;
    });
    CHECK(recovered.at("contacts").as_array().size() == 2);
    const auto requeued = lee.waitEvent("contact.queued", [&](const json::object& d) {
        return d.at("contact").at("id").as_int64() == samOne &&
               d.at("contact").at("state") == "queued";
    });
    CHECK(requeued.at("contact").at("queuedAt").as_int64() == samOneQueuedAt);
    lee.waitEvent("contact.queued", contactIs(samTwo));
    const auto alert = lee.waitEvent("alert.raised", [&](const json::object& d) {
        return d.at("alert").at("kind") == "operator_lost" &&
               d.at("alert").at("operatorId").as_int64() == samId;
    });
    CHECK(alert.at("alert").at("text").as_string().find("2 contacts") != json::string::npos);

    // The returned contacts wait ahead of later arrivals; kim kept hers.
    postText(http, "SMrecover4", 134, "synthetic: later");
    snapshotQueuedId(lee, "synthetic: later");
    const auto board = lee.call("board.snapshot");
    const auto& queue = board.at("queue").as_array();
    REQUIRE(queue.size() == 3);
    CHECK(queue[0].at("id").as_int64() == samOne);
    CHECK(queue[1].at("id").as_int64() == samTwo);
    CHECK(operatorRow(board, samId).empty()); // offline, holding nothing
    const auto kimRow = operatorRow(board, kimId);
    REQUIRE(kimRow.at("held").as_array().size() == 1);
    CHECK(kimRow.at("held").as_array()[0].at("id").as_int64() == kimOne);
    CHECK(kimRow.at("linkLostAt").is_null());
    CHECK_FALSE(lee.tryEvent(
        "operator.lost",
        [&](const json::object& d) { return d.at("operator").at("id").as_int64() == kimId; }, 0ms));
}

TEST_CASE("contacts waiting with no one available raise an alert, at once for high risk",
          "[gateway][board][alerts][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kBase + "[board]\ncheck_interval = 50ms\nwait_alert = 1h\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    SimpleHttpClient http(gateway.url(), 10s);

    // An ordinary text waits; nobody is on shift, but the wait target
    // (an hour here) has not passed: no alert yet.
    postText(http, "SMnoone1", 131, "synthetic: just wanted to talk");
    snapshotQueuedId(lee, "synthetic: just wanted to talk");
    CHECK_FALSE(lee.tryEvent(
        "alert.raised",
        [](const json::object& d) { return d.at("alert").at("kind") == "no_one_available"; },
        500ms));

    // A crisis text: at once, at high level, with no number or words in it.
    postText(http, "SMnoone2", 132, "synthetic: I have the pills here and I'm going to take them");
    const auto raised = lee.waitEvent("alert.raised", [](const json::object& d) {
        return d.at("alert").at("kind") == "no_one_available";
    });
    CHECK(raised.at("alert").at("level") == "high");
    const std::string text(raised.at("alert").at("text").as_string());
    CHECK(text.find("no one is available") != std::string::npos);
    CHECK(text.find("+1555") == std::string::npos);
    CHECK(text.find("pills") == std::string::npos);
    // An operator who comes on shift ends the condition, and the alert
    // with it, by itself.
    const auto noOneId = raised.at("alert").at("id").as_int64();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    sam.call("presence.set", {{"presence", "available"}});
    const auto ended = lee.waitEvent("alert.acknowledged", [&](const json::object& d) {
        return d.at("alert").at("id").as_int64() == noOneId;
    });
    CHECK(ended.at("alert").at("resolved") == true);
    const auto list = lee.call("alert.list").at("alerts").as_array();
    CHECK(std::none_of(list.begin(), list.end(),
                       [](const json::value& a) { return a.at("kind") == "no_one_available"; }));
}
