// The operator link against a real gateway: roles enforced by the gateway
// (not the client), account lifecycle, login throttling, and reconnecting
// without losing or repeating an event.

#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/net/LinkClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace warmline::test;
using warmline::link::ErrorCode;
using warmline::link::ServerFrame;
using warmline::telephony::LinkClient;
using warmline::telephony::LinkTransportError;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;

namespace {

const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";

/// "ack", or the error's code.
std::string outcome(const ServerFrame& f)
{
    if (f.kind == ServerFrame::Kind::Ack) {
        return "ack";
    }
    if (f.kind == ServerFrame::Kind::Error) {
        return std::string(warmline::link::toString(f.code));
    }
    return "event " + f.name;
}

struct Login
{
    std::unique_ptr<LinkClient> client;
    std::string token;
    std::string epoch;
    std::uint64_t seq = 0;
};

Login login(const GatewayProcess& gateway, const std::string& name, const std::string& password)
{
    Login l;
    l.client = std::make_unique<LinkClient>();
    l.client->connect(gateway.linkUrl(), std::chrono::seconds(10));
    const auto r = l.client->request("login", {{"name", name}, {"password", password}},
                                     std::chrono::seconds(10));
    INFO("login " << name << ": " << r.message);
    REQUIRE(outcome(r) == "ack");
    l.token = std::string(r.data.at("token").as_string());
    l.epoch = std::string(r.data.at("epoch").as_string());
    l.seq = static_cast<std::uint64_t>(r.data.at("seq").as_int64());
    return l;
}

ServerFrame call(LinkClient& c, std::string_view type, json::object params = {})
{
    return c.request(type, std::move(params), std::chrono::seconds(10));
}

void postText(SimpleHttpClient& http, const std::string& sid, int caller, const std::string& body)
{
    const auto r = warmline::test::postSyntheticText(http, sid, caller, body);
    INFO(sid << ": " << r.body);
    REQUIRE(r.status == 200);
}

/// Reads events until one with seq >= `untilSeq` arrived (returns true) or
/// nothing came for `timeout`.
bool collectUntil(LinkClient& c, std::vector<ServerFrame>& into, std::uint64_t untilSeq,
                  std::chrono::milliseconds timeout = std::chrono::seconds(15))
{
    if (!into.empty() && into.back().seq >= untilSeq) {
        return true;
    }
    while (auto e = c.nextEvent(timeout)) {
        into.push_back(*e);
        if (e->seq >= untilSeq) {
            return true;
        }
    }
    return false;
}

std::vector<std::uint64_t> seqsOf(const std::vector<ServerFrame>& events)
{
    std::vector<std::uint64_t> out;
    for (const auto& e : events) {
        out.push_back(e.seq);
    }
    return out;
}

/// The events of `all` in (after, upTo] that pass `visible`.
template <typename Pred>
std::vector<ServerFrame> between(const std::vector<ServerFrame>& all, std::uint64_t after,
                                 std::uint64_t upTo, Pred visible)
{
    std::vector<ServerFrame> out;
    for (const auto& e : all) {
        if (e.seq > after && e.seq <= upTo && visible(e)) {
            out.push_back(e);
        }
    }
    return out;
}

void checkSameEvents(const std::vector<ServerFrame>& got, const std::vector<ServerFrame>& want)
{
    REQUIRE(seqsOf(got) == seqsOf(want));
    for (std::size_t i = 0; i < got.size(); ++i) {
        INFO("event seq " << got[i].seq);
        CHECK(got[i].name == want[i].name);
        CHECK(got[i].epoch == want[i].epoch);
        CHECK(got[i].data == want[i].data);
    }
}

bool strictlyIncreasing(const std::vector<std::uint64_t>& seqs)
{
    for (std::size_t i = 1; i < seqs.size(); ++i) {
        if (seqs[i] <= seqs[i - 1]) {
            return false;
        }
    }
    return true;
}

} // namespace

TEST_CASE("the gateway enforces roles and account changes and throttles logins",
          "[gateway][link][roles][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig;
    GatewayProcess gateway(options);
    gateway.addOperator("root", "admin", "admin-password-123");
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.addOperator("sue", "supervisor", "sue-password-123");
    gateway.start();

    auto sam = login(gateway, "sam", "sam-password-123");
    auto kim = login(gateway, "kim", "kim-password-123");
    auto sue = login(gateway, "sue", "sue-password-123");
    auto root = login(gateway, "root", "admin-password-123");

    // An operator administers nothing, whatever the client would allow.
    CHECK(outcome(call(*sam.client, "operator.add",
                       {{"name", "eve"}, {"password", "eve-password-123"}, {"role", "admin"}})) ==
          "forbidden");
    CHECK(outcome(call(*sam.client, "operator.disable", {{"name", "kim"}})) == "forbidden");
    CHECK(outcome(call(*sam.client, "operator.role", {{"name", "sam"}, {"role", "admin"}})) ==
          "forbidden");
    CHECK(outcome(call(*sam.client, "operator.list")) == "forbidden");
    // Nothing changed: eve does not exist, kim and sam keep their roles.
    const auto list = call(*root.client, "operator.list");
    REQUIRE(outcome(list) == "ack");
    CHECK(list.data.at("operators").as_array().size() == 4);
    for (const auto& op : list.data.at("operators").as_array()) {
        CHECK(op.at("disabled") == false);
        if (op.at("name") == "sam" || op.at("name") == "kim") {
            CHECK(op.at("role") == "operator");
        }
    }

    // warmlinectl reports forbidden with its own exit status (5).
    REQUIRE(gateway
                .runCtl({"login", "--name", "sam", "--password-stdin"},
                        std::string("sam-password-123\n"))
                .exitCode == 0);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"operator", "list"},
          std::vector<std::string>{"operator", "disable", "kim"},
          std::vector<std::string>{"operator", "role", "kim", "admin"}}) {
        const auto r = gateway.runCtl(args);
        INFO(args[1] << ": " << r.err);
        CHECK(r.exitCode == 5);
        CHECK(r.err.rfind("warmlinectl: forbidden: ", 0) == 0);
    }

    // A contact: sam may not read one he does not hold, queued or held by kim.
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));
    postText(http, "SMroles1", 110, "synthetic: is anyone there?");
    const auto snap = call(*sam.client, "queue.snapshot");
    REQUIRE(outcome(snap) == "ack");
    REQUIRE(snap.data.at("queue").as_array().size() == 1);
    const auto contactId = snap.data.at("queue").as_array()[0].at("id").as_int64();
    CHECK(outcome(call(*sam.client, "contact.get", {{"contactId", contactId}})) == "forbidden");

    REQUIRE(outcome(call(*kim.client, "presence.set", {{"presence", "available"}})) == "ack");
    REQUIRE(outcome(call(*kim.client, "contact.accept", {{"contactId", contactId}})) == "ack");
    CHECK(outcome(call(*kim.client, "contact.get", {{"contactId", contactId}})) == "ack");
    CHECK(outcome(call(*sam.client, "contact.get", {{"contactId", contactId}})) == "forbidden");
    CHECK(outcome(call(*sam.client, "message.send",
                       {{"contactId", contactId}, {"body", "synthetic reply"}})) == "forbidden");
    CHECK(outcome(call(*sam.client, "contact.close",
                       {{"contactId", contactId}, {"note", "not mine"}})) == "forbidden");

    // A supervisor reads any contact but takes none.
    CHECK(outcome(call(*sue.client, "contact.get", {{"contactId", contactId}})) == "ack");
    CHECK(outcome(call(*sue.client, "contact.accept")) == "forbidden");
    CHECK(outcome(call(*sue.client, "presence.set", {{"presence", "available"}})) == "forbidden");
    postText(http, "SMroles2", 111, "synthetic: second texter");
    CHECK(outcome(call(*sue.client, "contact.accept")) == "forbidden");
    CHECK(call(*sue.client, "queue.snapshot").data.at("queue").as_array().size() == 1);

    // An admin adds an operator, who can log in; disabling ends the session.
    const auto added = call(*root.client, "operator.add",
                            {{"name", "robin"},
                             {"password", "robin-password-123"},
                             {"role", "operator"},
                             {"capacity", 2}});
    REQUIRE(outcome(added) == "ack");
    CHECK(added.data.at("operator").at("role") == "operator");
    auto robin = login(gateway, "robin", "robin-password-123");
    CHECK(outcome(call(*robin.client, "queue.snapshot")) == "ack");

    REQUIRE(outcome(call(*root.client, "operator.disable", {{"name", "robin"}})) == "ack");
    std::optional<LinkTransportError::Kind> broken;
    try {
        const auto r = call(*robin.client, "queue.snapshot");
        FAIL_CHECK("a disabled operator's link still answered: " << outcome(r));
    } catch (const LinkTransportError& e) {
        broken = e.kind();
    }
    CHECK(broken == LinkTransportError::Kind::Closed);
    {
        LinkClient again;
        again.connect(gateway.linkUrl(), std::chrono::seconds(10));
        CHECK(outcome(
                  call(again, "login", {{"name", "robin"}, {"password", "robin-password-123"}})) ==
              "bad_credentials");
        CHECK(outcome(call(again, "resume",
                           {{"token", robin.token}, {"epoch", robin.epoch}, {"seq", 0}})) ==
              "unauthenticated");
    }

    // Throttling: five wrong passwords, then even the right one is refused.
    {
        LinkClient guesser;
        guesser.connect(gateway.linkUrl(), std::chrono::seconds(10));
        for (int i = 0; i < 5; ++i) {
            INFO("attempt " << i + 1);
            CHECK(outcome(call(
                      guesser, "login",
                      {{"name", "kim"}, {"password", "wrong-password-" + std::to_string(i)}})) ==
                  "bad_credentials");
        }
        const auto sixth =
            call(guesser, "login", {{"name", "kim"}, {"password", "kim-password-123"}});
        CHECK(outcome(sixth) == "throttled");
        CHECK(sixth.message.find("seconds") != std::string::npos);
    }
    // kim's live session is untouched by the lockout.
    CHECK(outcome(call(*kim.client, "queue.snapshot")) == "ack");
}

TEST_CASE("a resumed link gets exactly the missed events and after a restart a snapshot",
          "[gateway][link][resume][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfig;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("sue", "supervisor", "sue-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();

    // lee (a lead sees every event) stays connected throughout.
    auto lee = login(gateway, "lee", "lee-password-123");
    auto sam = login(gateway, "sam", "sam-password-123");
    auto sue = login(gateway, "sue", "sue-password-123");
    REQUIRE(sam.epoch == lee.epoch);
    sam.client->close();
    sue.client->close();

    // 20 texters write while sam and sue are away.
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));
    for (int i = 0; i < 20; ++i) {
        postText(http, "SMresume" + std::to_string(i), 100 + i,
                 "synthetic text number " + std::to_string(i));
    }

    auto resume = [&](Login& who, std::uint64_t seq, const std::string& epoch) {
        auto c = std::make_unique<LinkClient>();
        c->connect(gateway.linkUrl(), std::chrono::seconds(10));
        auto r = call(*c, "resume", {{"token", who.token}, {"epoch", epoch}, {"seq", seq}});
        who.client = std::move(c);
        return r;
    };
    const auto samAck = resume(sam, sam.seq, sam.epoch);
    REQUIRE(outcome(samAck) == "ack");
    CHECK(samAck.data.at("resync") == "replay");
    CHECK_FALSE(samAck.data.contains("token"));
    const auto samResumeSeq = static_cast<std::uint64_t>(samAck.data.at("seq").as_int64());
    const auto sueAck = resume(sue, sue.seq, sue.epoch);
    REQUIRE(outcome(sueAck) == "ack");
    CHECK(sueAck.data.at("resync") == "replay");

    // A 21st texter once both are back: a live event everyone sees marks the
    // end of the comparison.
    postText(http, "SMresume20", 120, "synthetic text number 20");
    std::vector<ServerFrame> leeEvents;
    std::set<std::int64_t> queuedIds;
    std::uint64_t marker = 0;
    while (queuedIds.size() < 21) {
        auto e = lee.client->nextEvent(std::chrono::seconds(15));
        REQUIRE(e);
        leeEvents.push_back(*e);
        if (e->name == "contact.queued") {
            queuedIds.insert(e->data.at("contact").at("id").as_int64());
            marker = e->seq;
        }
    }
    REQUIRE(strictlyIncreasing(seqsOf(leeEvents)));

    std::vector<ServerFrame> samEvents;
    std::vector<ServerFrame> sueEvents;
    REQUIRE(collectUntil(*sam.client, samEvents, marker));
    REQUIRE(collectUntil(*sue.client, sueEvents, marker));
    // Events past the marker (late delivery-status events) are not compared.
    samEvents = between(samEvents, 0, marker, [](const ServerFrame&) { return true; });
    sueEvents = between(sueEvents, 0, marker, [](const ServerFrame&) { return true; });

    // In order, no duplicates, none missing: what lee saw, as each role may
    // see it. sam holds nothing, so message events are not his to see.
    CHECK(strictlyIncreasing(seqsOf(samEvents)));
    CHECK(strictlyIncreasing(seqsOf(sueEvents)));
    // Nor are the shift board's events (leads, supervisors, admins only).
    const auto forOperator = [](const ServerFrame& e) {
        return e.name.rfind("message.", 0) != 0 && e.name.rfind("board.", 0) != 0;
    };
    const auto forEveryone = [](const ServerFrame&) { return true; };
    checkSameEvents(samEvents, between(leeEvents, sam.seq, marker, forOperator));
    checkSameEvents(sueEvents, between(leeEvents, sue.seq, marker, forEveryone));
    // The replay covered all 20 texts that arrived while sam was away.
    const auto replayed = between(samEvents, 0, samResumeSeq,
                                  [](const ServerFrame& e) { return e.name == "contact.queued"; });
    CHECK(replayed.size() == 20);
    // The supervisor also got the automatic replies' message events.
    CHECK(std::any_of(sueEvents.begin(), sueEvents.end(),
                      [](const ServerFrame& e) { return e.name == "message.sent"; }));

    // After a restart the epoch is new: resume answers with a snapshot of
    // the same queue, and the token still works.
    const std::string oldEpoch = sam.epoch;
    const std::uint64_t lastSeen = samEvents.empty() ? sam.seq : samEvents.back().seq;
    sam.client->close();
    lee.client->close();
    sue.client->close();
    // A clean stop takes the ready file away, so a script waiting on the
    // next run never reads this run's port before that one listens.
    REQUIRE(std::filesystem::exists(gateway.dir() / "ready"));
    CHECK(gateway.stop() == 0);
    CHECK_FALSE(std::filesystem::exists(gateway.dir() / "ready"));
    gateway.restart();
    const auto afterRestart = resume(sam, lastSeen, oldEpoch);
    REQUIRE(outcome(afterRestart) == "ack");
    CHECK(afterRestart.data.at("resync") == "snapshot");
    CHECK(afterRestart.data.at("epoch") != json::value(oldEpoch));
    const auto& snapshot = afterRestart.data.at("snapshot").as_object();
    std::set<std::int64_t> snapshotIds;
    for (const auto& c : snapshot.at("queue").as_array()) {
        snapshotIds.insert(c.at("id").as_int64());
        CHECK(c.at("state") == "queued");
    }
    CHECK(snapshotIds == queuedIds);
    CHECK(snapshot.at("mine").as_array().empty());
    CHECK(outcome(call(*sam.client, "queue.snapshot")) == "ack");
    CHECK(outcome(call(*sam.client, "presence.set", {{"presence", "available"}})) == "ack");
}
