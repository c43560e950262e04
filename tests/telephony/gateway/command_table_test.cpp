// The link's command table and LinkHub without sockets: the checks a
// command passes before its handler runs, and the events a link receives
// (audiences, replay after a resume, nothing twice).

#include "telephony/gateway/CommandTable.h"
#include "telephony/gateway/LinkHub.h"
#include "telephony/gateway/Permissions.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using warmline::Id;
using warmline::Role;
using warmline::link::ErrorCode;
using warmline::link::LinkError;
using warmline::link::Request;
using namespace warmline::telephony;

namespace {

class FakePeer : public LinkPeer
{
public:
    void sendFrame(std::shared_ptr<const std::string> frame) override { frames.push_back(*frame); }
    void closeLink() override { closed = true; }
    const std::string& remoteAddress() const override { return address; }

    /// The event names received, in order.
    std::vector<std::string> events() const
    {
        std::vector<std::string> names;
        for (const auto& f : frames) {
            const auto v = boost::json::parse(f).as_object();
            if (const auto* t = v.if_contains("type"); t && *t == "event") {
                names.emplace_back(v.at("name").as_string());
            }
        }
        return names;
    }

    std::vector<std::string> frames;
    bool closed = false;
    std::string address = "127.0.0.1";
};

/// Runs `type` on a link in `state`; what ran, or the LinkError's code.
struct Outcome
{
    std::string ran;
    std::optional<ErrorCode> error;
    std::string message;
};

Outcome runOn(const CommandTable& table, LinkState& state, const std::string& type)
{
    auto peer = std::make_shared<FakePeer>();
    Request req{"1", type, {}};
    std::function<void(std::string)> reply = [](std::string) {};
    CommandCall call{peer, state, req, reply};
    Outcome o;
    try {
        table.run(call);
        o.ran = type;
    } catch (const LinkError& e) {
        o.error = e.code();
        o.message = e.what();
    }
    return o;
}

CommandTable sampleTable(std::vector<std::string>& ran)
{
    CommandTable t;
    CommandRule open;
    open.beforeLogin = true;
    t.add("ping", open, [&ran](CommandCall& c) { ran.push_back(c.req.type); });
    t.add("queue.snapshot", {}, [&ran](CommandCall& c) { ran.push_back(c.req.type); });
    t.add("board.snapshot", {.allows = mayReadBoard, .refusal = "Only leads."},
          [&ran](CommandCall& c) { ran.push_back(c.req.type); });
    return t;
}

} // namespace

TEST_CASE("gateway command table: a command passes its checks before its handler runs")
{
    std::vector<std::string> ran;
    const CommandTable table = sampleTable(ran);
    LinkState anonymous;
    LinkState op;
    op.operatorId = 7;
    op.role = Role::Operator;
    LinkState lead = op;
    lead.role = Role::Lead;

    SECTION("before login only the open commands run, and the rest, known or not, say log in")
    {
        CHECK(runOn(table, anonymous, "ping").ran == "ping");
        const auto known = runOn(table, anonymous, "queue.snapshot");
        CHECK(known.error == ErrorCode::Unauthenticated);
        CHECK(known.message == "Log in first.");
        CHECK(runOn(table, anonymous, "no.such").error == ErrorCode::Unauthenticated);
        CHECK(ran == std::vector<std::string>{"ping"});
    }
    SECTION("an unknown command is a bad request, named in the error")
    {
        const auto o = runOn(table, op, "no.such");
        CHECK(o.error == ErrorCode::BadRequest);
        CHECK(o.message == "Unknown command \"no.such\".");
    }
    SECTION("a role the command refuses gets the command's own refusal")
    {
        const auto o = runOn(table, op, "board.snapshot");
        CHECK(o.error == ErrorCode::Forbidden);
        CHECK(o.message == "Only leads.");
        CHECK(runOn(table, lead, "board.snapshot").ran == "board.snapshot");
        CHECK(runOn(table, op, "queue.snapshot").ran == "queue.snapshot");
        CHECK(ran == std::vector<std::string>{"board.snapshot", "queue.snapshot"});
    }
    SECTION("a name is registered once, and a refusing rule says why")
    {
        CommandTable t;
        t.add("a", {}, [](CommandCall&) {});
        CHECK_THROWS_AS(t.add("a", {}, [](CommandCall&) {}), std::logic_error);
        CommandRule silent;
        silent.allows = mayReadBoard;
        CHECK_THROWS_AS(t.add("b", silent, [](CommandCall&) {}), std::logic_error);
        CHECK(t.contains("a"));
        CHECK_FALSE(t.contains("b"));
    }
}

TEST_CASE("link hub: events reach their audience once, and a resume replays the missed ones")
{
    LinkHub hub(3);
    auto opPeer = std::make_shared<FakePeer>();
    auto leadPeer = std::make_shared<FakePeer>();
    auto anonymousPeer = std::make_shared<FakePeer>();
    hub.attach(opPeer);
    hub.attach(leadPeer);
    hub.attach(anonymousPeer);
    auto& op = hub.at(opPeer.get());
    op.operatorId = 1;
    op.role = Role::Operator;
    auto& lead = hub.at(leadPeer.get());
    lead.operatorId = 2;
    lead.role = Role::Lead;

    hub.publish("a.all", {}, Audience{});
    hub.publish("b.holder", {}, Audience{false, Id{1}});
    hub.publish("c.other-holder", {}, Audience{false, Id{3}});
    hub.publish("d.board", {}, Audience{false, std::nullopt, true});
    hub.publish("e.to-lead-only", {}, Audience{false, Id{2}, false, true});

    CHECK(opPeer->events() == std::vector<std::string>{"a.all", "b.holder"});
    CHECK(leadPeer->events() == std::vector<std::string>{"a.all", "b.holder", "c.other-holder",
                                                         "d.board", "e.to-lead-only"});
    CHECK(anonymousPeer->frames.empty());
    CHECK(hub.lastSeq() == 5);

    SECTION("a link that resumes within the kept events gets the missed ones after its ack")
    {
        auto back = std::make_shared<FakePeer>();
        hub.attach(back);
        auto& s = hub.at(back.get());
        s.operatorId = 2;
        s.role = Role::Lead;
        REQUIRE(hub.canReplay(hub.epoch(), 3));
        hub.startEvents(s, *back, R"({"re":"1","ok":true})", 3);
        REQUIRE(back->frames.size() == 3);
        CHECK(back->frames.front() == R"({"re":"1","ok":true})");
        CHECK(back->events() == std::vector<std::string>{"d.board", "e.to-lead-only"});
        hub.publish("f.all", {}, Audience{});
        CHECK(back->events().back() == "f.all");
    }
    SECTION("too far behind, another epoch or ahead: no replay")
    {
        CHECK_FALSE(hub.canReplay(hub.epoch(), 1)); // only the last 3 are kept
        CHECK(hub.canReplay(hub.epoch(), 2));
        CHECK(hub.canReplay(hub.epoch(), 5));
        CHECK_FALSE(hub.canReplay(hub.epoch(), 6));
        CHECK_FALSE(hub.canReplay(std::string("another"), 5));
        CHECK_FALSE(hub.canReplay(std::nullopt, 5));
    }
    SECTION("a link being verified hears nothing, and a detached one is forgotten")
    {
        op.busy = true;
        hub.publish("g.all", {}, Audience{});
        CHECK(opPeer->events().back() == "b.holder");
        const auto gone = hub.detach(leadPeer.get());
        REQUIRE(gone);
        CHECK(gone->operatorId == Id{2});
        CHECK_FALSE(hub.find(leadPeer.get()));
        CHECK_FALSE(hub.detach(leadPeer.get()));
        CHECK(hub.size() == 2);
    }
}
