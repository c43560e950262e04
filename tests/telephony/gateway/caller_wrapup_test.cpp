// Callers, wrap-up and the line's content against a real gateway: a repeat
// caller's history built through webhooks, accepts and closes; who may read
// and change a caller; the wrap-up presence flow; line.info; and never the
// caller's number in any answer.

#include "core/config/LineContent.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace warmline::test;
using warmline::link::ServerFrame;
using warmline::telephony::LinkClient;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;

namespace {

// The repeat caller's number, in the forms it could leak in.
const std::string kNumber = "+15555550150";
const std::string kNumberDigits = "5555550150";

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

/// A local time of noon when the test starts, so "today" cannot roll over
/// during it.
int noonOffsetMinutes()
{
    const auto utcMinutes = (warmline::nowMs() / 60000) % 1440;
    return static_cast<int>(720 - utcMinutes);
}

class Client
{
public:
    Client(const GatewayProcess& gateway, const std::string& name, const std::string& password)
        : m_name(name)
    {
        m_link.connect(gateway.linkUrl(), std::chrono::seconds(10));
        const auto r = call("login", {{"name", name}, {"password", password}});
        INFO("login " << name << ": " << r.message);
        REQUIRE(outcome(r) == "ack");
    }

    /// Sends a request; every answer is checked for the caller's number.
    ServerFrame call(std::string_view type, json::object params = {})
    {
        auto f = m_link.request(type, std::move(params), std::chrono::seconds(10));
        const std::string text = json::serialize(f.data) + f.message;
        INFO(m_name << " " << type);
        CHECK(text.find(kNumberDigits) == std::string::npos);
        return f;
    }

    json::object ack(std::string_view type, json::object params = {})
    {
        auto f = call(type, std::move(params));
        INFO(m_name << " " << type << ": " << f.message);
        REQUIRE(outcome(f) == "ack");
        return std::move(f.data);
    }

    /// Events until one named `name` that passes `match` arrives (nullopt
    /// after `timeout` without events). `match` is shown every event.
    template <typename Match>
    std::optional<ServerFrame>
    eventNamed(const std::string& name, Match match,
               std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        while (auto e = m_link.nextEvent(timeout)) {
            CHECK(json::serialize(e->data).find(kNumberDigits) == std::string::npos);
            const bool matches = match(*e); // sees every event, for callers that count
            if (e->name == name && matches) {
                return e;
            }
        }
        return std::nullopt;
    }

    std::string presence(const std::string& who)
    {
        const auto snap = ack("queue.snapshot");
        for (const auto& op : snap.at("operators").as_array()) {
            if (op.at("name") == json::value(who)) {
                return std::string(op.at("presence").as_string());
            }
        }
        return "offline";
    }

private:
    std::string m_name;
    LinkClient m_link;
};

void postText(SimpleHttpClient& http, const std::string& sid, const std::string& from,
              const std::string& body)
{
    const auto r =
        http.postForm("/sms/twilio", SimpleHttpClient::formEncode({{"MessageSid", sid},
                                                                   {"From", from},
                                                                   {"To", "+15555550199"},
                                                                   {"Body", body},
                                                                   {"NumMedia", "0"}}));
    INFO(sid << ": " << r.body);
    REQUIRE(r.status == 200);
}

/// The id of the one queued contact, once it is in the queue.
std::int64_t waitForQueued(Client& c)
{
    std::int64_t id = 0;
    REQUIRE(waitFor(
        [&] {
            const auto snap = c.ack("queue.snapshot");
            const auto& queue = snap.at("queue").as_array();
            if (queue.empty()) {
                return false;
            }
            id = queue[0].at("id").as_int64();
            return true;
        },
        std::chrono::seconds(10)));
    return id;
}

json::object wrapup(const std::string& outcomeName, const std::string& helped,
                    std::vector<std::string> topics, std::vector<std::string> referrals)
{
    json::array t(topics.begin(), topics.end());
    json::array r(referrals.begin(), referrals.end());
    return {{"outcome", outcomeName}, {"helped", helped}, {"topics", t}, {"referrals", r}};
}

std::vector<std::string> strings(const json::value& v)
{
    std::vector<std::string> out;
    for (const auto& s : v.as_array()) {
        out.emplace_back(s.as_string());
    }
    return out;
}

} // namespace

TEST_CASE("a repeat caller's history, roles on callers, the wrap-up flow and line.info",
          "[gateway][link][caller][wrapup][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n"
                          "[line]\nname = Night Owl Line\ntimezone_offset_minutes = " +
                          std::to_string(noonOffsetMinutes()) + "\n[limits]\ncalls_per_day = 4\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.addOperator("sue", "supervisor", "sue-password-123");
    gateway.start();

    Client sam(gateway, "sam", "sam-password-123");
    Client kim(gateway, "kim", "kim-password-123");
    Client lee(gateway, "lee", "lee-password-123");
    Client sue(gateway, "sue", "sue-password-123");
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));
    sam.ack("presence.set", {{"presence", "available"}});
    kim.ack("presence.set", {{"presence", "available"}});

    // Three earlier contacts, each accepted, wrapped up and closed by sam.
    const std::vector<std::vector<std::string>> topics{
        {"sleep"}, {"loneliness", "family"}, {"anxiety"}};
    const std::vector<std::string> outcomes{"supported", "referred", "supported"};
    std::vector<std::int64_t> earlier;
    for (int i = 0; i < 3; ++i) {
        postText(http, "SMcw" + std::to_string(i), kNumber,
                 "synthetic: rough night number " + std::to_string(i));
        const auto id = waitForQueued(sam);
        sam.ack("contact.accept", {{"contactId", id}});
        sam.ack("message.send", {{"contactId", id}, {"body", "synthetic: I'm here."}});
        const auto wrapped = sam.ack("contact.wrapup", {{"contactId", id}});
        CHECK(wrapped.at("contact").at("state") == "wrap-up");
        CHECK(sam.presence("sam") == "wrap-up");
        // A goodbye is still allowed in wrap-up.
        sam.ack("message.send", {{"contactId", id}, {"body", "synthetic: take care"}});
        if (i == 0) {
            const auto note =
                sam.ack("caller.note.add", {{"contactId", id}, {"body", "synthetic: likes dogs"}});
            CHECK(note.at("note").at("body") == "synthetic: likes dogs");
            CHECK(note.at("note").at("operatorName") == "sam");
        }
        sam.ack("contact.close", {{"contactId", id},
                                  {"note", "synthetic wrap-up note " + std::to_string(i)},
                                  {"wrapup", wrapup(outcomes[static_cast<std::size_t>(i)],
                                                    "somewhat", topics[static_cast<std::size_t>(i)],
                                                    i == 1 ? std::vector<std::string>{"211"}
                                                           : std::vector<std::string>{})}});
        CHECK(sam.presence("sam") == "available");
        earlier.push_back(id);
    }

    // The caller texts again; sam takes it.
    postText(http, "SMcw3", kNumber, "synthetic: me again");
    const auto current = waitForQueued(sam);
    const auto accepted = sam.ack("contact.accept", {{"contactId", current}});
    const std::string alias(accepted.at("contact").at("alias").as_string());

    SECTION("caller.get returns the caller and the earlier contacts, newest first")
    {
        const auto data = sam.ack("caller.get", {{"contactId", current}});
        const auto& caller = data.at("caller").as_object();
        CHECK(caller.at("alias") == json::value(alias));
        CHECK(caller.at("contactCount") == 4);
        CHECK(caller.at("contactsToday") == 4);
        CHECK(caller.at("preferredName") == "");
        CHECK(caller.at("flags").as_array().empty());
        CHECK(caller.at("limits").at("callsPerDay") == 4);
        CHECK(caller.at("limits").at("minutesPerCall") == 20);
        CHECK(caller.at("limits").at("preferredTimes") == "");
        REQUIRE(caller.at("notes").as_array().size() == 1);
        CHECK(caller.at("notes").as_array()[0].at("body") == "synthetic: likes dogs");
        CHECK(caller.at("firstContactAt").as_int64() > 0);

        const auto& history = data.at("history").as_array();
        REQUIRE(history.size() == 3);
        for (std::size_t k = 0; k < 3; ++k) {
            const std::size_t i = 2 - k; // newest first
            const auto& h = history[k].as_object();
            INFO("history entry " << k);
            CHECK(h.at("id") == earlier[i]);
            CHECK(h.at("state") == "closed");
            CHECK(h.at("channel") == "text");
            CHECK(h.at("note") == json::value("synthetic wrap-up note " + std::to_string(i)));
            CHECK(h.at("outcome") == json::value(outcomes[i]));
            CHECK(h.at("helped") == "somewhat");
            CHECK(strings(h.at("topics")) == topics[i]);
            CHECK(h.at("operatorName") == "sam");
            CHECK(h.at("risk") == "none");
            REQUIRE(h.at("closedAt").is_int64());
            const auto span = h.at("closedAt").as_int64() - h.at("createdAt").as_int64();
            CHECK(h.at("durationMs").as_int64() >= 0);
            CHECK(h.at("durationMs").as_int64() <= span);
        }
        CHECK(strings(history[1].at("referrals")) == std::vector<std::string>{"211"});
        CHECK(history[0].at("createdAt").as_int64() >= history[1].at("createdAt").as_int64());
    }

    SECTION("who may read and change a caller")
    {
        // kim does not hold the contact: she may not see or change its caller.
        for (const auto& [type, params] : std::vector<std::pair<std::string, json::object>>{
                 {"caller.get", {{"contactId", current}}},
                 {"caller.update", {{"contactId", current}, {"preferredName", "X"}}},
                 {"caller.note.add", {{"contactId", current}, {"body", "synthetic"}}},
                 {"caller.flag.set",
                  {{"contactId", current}, {"kind", "follow-up"}, {"note", "synthetic"}}},
                 {"contact.wrapup", {{"contactId", current}}}}) {
            INFO(type);
            CHECK(outcome(kim.call(type, params)) == "forbidden");
        }
        // A supervisor reads it and adds notes, but changes no details.
        CHECK(sue.ack("caller.get", {{"contactId", current}}).at("history").as_array().size() == 3);
        sue.ack("caller.note.add", {{"contactId", current}, {"body", "synthetic: reviewed"}});
        CHECK(outcome(sue.call("caller.update",
                               {{"contactId", current}, {"pronouns", "she/her"}})) == "forbidden");
        // Earlier contacts: only leads and supervisors, as nobody holds them.
        CHECK(outcome(sam.call("caller.get", {{"contactId", earlier[0]}})) == "forbidden");
        CHECK(lee.ack("caller.get", {{"contactId", earlier[0]}}).at("history").as_array().size() ==
              3);

        // The holder updates details; holder, leads and supervisors hear of it.
        const auto updated =
            sam.ack("caller.update",
                    {{"contactId", current}, {"preferredName", "Jo"}, {"pronouns", "they/them"}});
        CHECK(updated.at("caller").at("preferredName") == "Jo");
        CHECK(updated.at("caller").at("pronouns") == "they/them");
        CHECK(updated.at("caller").at("notes").as_array().size() == 2);
        // (Notes and flags announce the caller too; this waits for the update.)
        const auto isUpdate = [](const ServerFrame& e) {
            return e.name == "caller.updated" && e.data.at("caller").at("preferredName") == "Jo";
        };
        const auto event = lee.eventNamed("caller.updated", isUpdate);
        REQUIRE(event);
        CHECK(event->data.at("contactId") == current);
        CHECK(sam.eventNamed("caller.updated", isUpdate));
        // kim does not hold the contact: no caller.updated reaches her before
        // an event everyone sees (lee's presence) marks the point.
        lee.ack("presence.set", {{"presence", "break"}});
        bool kimSawCaller = false;
        const auto marker = kim.eventNamed("presence.changed", [&](const ServerFrame& e) {
            kimSawCaller = kimSawCaller || e.name == "caller.updated";
            return e.name == "presence.changed" && e.data.at("operator").at("name") == "lee";
        });
        CHECK(marker);
        CHECK_FALSE(kimSawCaller);
        CHECK(outcome(sam.call("caller.update",
                               {{"contactId", current}, {"language", std::string(65, 'x')}})) ==
              "bad_request");

        // Flags: the holder may set follow-up only; a lead sets and clears any.
        const auto followUp =
            sam.ack("caller.flag.set", {{"contactId", current},
                                        {"kind", "follow-up"},
                                        {"note", "synthetic: ask how the move went"}});
        REQUIRE(followUp.at("caller").at("flags").as_array().size() == 1);
        CHECK(followUp.at("caller").at("flags").as_array()[0].at("setBy") == "sam");
        CHECK(followUp.at("caller").at("flags").as_array()[0].at("expiresAt").is_null());
        CHECK(outcome(sam.call("caller.flag.set", {{"contactId", current},
                                                   {"kind", "blocked"},
                                                   {"note", "synthetic"}})) == "forbidden");
        CHECK(outcome(lee.call("caller.flag.set", {{"contactId", current},
                                                   {"kind", "blocked"},
                                                   {"note", "synthetic"},
                                                   {"expiresAt", 1000}})) == "bad_request");
        const auto blocked =
            lee.ack("caller.flag.set", {{"contactId", current},
                                        {"kind", "abusive"},
                                        {"note", "synthetic: insults"},
                                        {"expiresAt", warmline::nowMs() + 86'400'000}});
        const auto& flags = blocked.at("caller").at("flags").as_array();
        REQUIRE(flags.size() == 2);
        CHECK(flags[1].at("kind") == "abusive");
        CHECK(flags[1].at("expiresAt").is_int64());
        const auto flagId = flags[1].at("id").as_int64();
        CHECK(outcome(sam.call("caller.flag.clear",
                               {{"contactId", current}, {"flagId", flagId}})) == "forbidden");
        const auto cleared =
            lee.ack("caller.flag.clear", {{"contactId", current}, {"flagId", flagId}});
        CHECK(cleared.at("caller").at("flags").as_array().size() == 1);
        CHECK(outcome(lee.call("caller.flag.clear",
                               {{"contactId", current}, {"flagId", flagId}})) == "not_found");
    }

    SECTION("wrap-up: presence follows, other contacts keep going, bad wrap-ups are refused")
    {
        // A second texter: sam holds two contacts.
        postText(http, "SMcwother", "+15555550151", "synthetic: hello?");
        const auto other = waitForQueued(sam);
        sam.ack("contact.accept", {{"contactId", other}});
        CHECK(sam.presence("sam") == "available");

        CHECK(outcome(kim.call("contact.wrapup", {{"contactId", current}})) == "forbidden");
        sam.ack("contact.wrapup", {{"contactId", current}});
        CHECK(sam.presence("sam") == "wrap-up");
        // Again: already done, acknowledged.
        CHECK(sam.ack("contact.wrapup", {{"contactId", current}}).at("contact").at("state") ==
              "wrap-up");
        // In wrap-up sam takes no new contact but still texts in both.
        postText(http, "SMcwthird", "+15555550152", "synthetic: anyone?");
        const auto third = waitForQueued(kim);
        CHECK(outcome(sam.call("contact.accept", {{"contactId", third}})) == "forbidden");
        sam.ack("message.send", {{"contactId", other}, {"body", "synthetic: still with you"}});

        // Wrap-ups the line does not know, or half given, are refused.
        const auto unknownTopic = sam.call(
            "contact.close", {{"contactId", current},
                              {"note", "synthetic"},
                              {"wrapup", wrapup("supported", "yes", {"sleep", "astrology"}, {})}});
        CHECK(outcome(unknownTopic) == "bad_request");
        CHECK(unknownTopic.message.find("\"astrology\"") != std::string::npos);
        const auto unknownReferral =
            sam.call("contact.close", {{"contactId", current},
                                       {"note", "synthetic"},
                                       {"wrapup", wrapup("referred", "yes", {}, {"the moon"})}});
        CHECK(outcome(unknownReferral) == "bad_request");
        CHECK(unknownReferral.message.find("\"the moon\"") != std::string::npos);
        CHECK(outcome(sam.call("contact.close", {{"contactId", current},
                                                 {"note", "synthetic"},
                                                 {"wrapup", json::object{{"helped", "yes"}}}})) ==
              "bad_request");
        CHECK(outcome(sam.call("contact.close",
                               {{"contactId", current},
                                {"wrapup", wrapup("supported", "yes", {}, {})}})) == "bad_request");
        CHECK(sam.presence("sam") == "wrap-up");

        // Closing the wrapped-up contact ends wrap-up: back to available.
        sam.ack("contact.close", {{"contactId", current},
                                  {"note", "synthetic"},
                                  {"wrapup", wrapup("supported", "unsure", {"other"},
                                                    {"988 Suicide & Crisis Lifeline"})}});
        CHECK(sam.presence("sam") == "available");
        // A contact closed without a wrap-up object still closes (warmlinectl).
        sam.ack("contact.close", {{"contactId", other}, {"note", "synthetic plain close"}});
        const auto history = lee.ack("caller.get", {{"contactId", other}}).at("history");
        CHECK(history.as_array().empty());
        const auto otherCaller = lee.ack("caller.get", {{"contactId", third}});
        CHECK(otherCaller.at("caller").at("contactCount") == 1);
    }

    SECTION("line.info returns the shipped content file to anyone logged in")
    {
        const auto shipped = warmline::loadLineContent(std::string(WARMLINE_SOURCE_DIR) +
                                                       "/resources/line-content.json");
        for (Client* c : {&kim, &sue}) {
            const auto info = c->ack("line.info");
            CHECK(info.at("name") == "Night Owl Line");
            CHECK(strings(info.at("topics")) == shipped.topics);
            CHECK(strings(info.at("referrals")) == shipped.referrals);
            const auto& replies = info.at("quickReplies").as_array();
            REQUIRE(replies.size() == shipped.quickReplies.size());
            for (std::size_t i = 0; i < replies.size(); ++i) {
                CHECK(replies[i].at("title") == json::value(shipped.quickReplies[i].title));
                CHECK(replies[i].at("text") == json::value(shipped.quickReplies[i].text));
            }
            CHECK(info.at("limits").at("callsPerDay") == 4);
            CHECK(info.at("limits").at("minutesPerCall") == 20);
        }
    }

    SECTION("warmlinectl: caller, note, wrapup, close with a wrap-up, line")
    {
        REQUIRE(gateway
                    .runCtl({"login", "--name", "sam", "--password-stdin"},
                            std::string("sam-password-123\n"))
                    .exitCode == 0);
        const auto id = std::to_string(current);
        auto run = [&](const std::vector<std::string>& args) {
            const auto r = gateway.runCtl(args);
            INFO(args[0] << ": " << r.err);
            REQUIRE(r.exitCode == 0);
            CHECK(r.out.find(kNumberDigits) == std::string::npos);
            return json::parse(r.out).as_object();
        };
        CHECK(run({"caller", id}).at("history").as_array().size() == 3);
        CHECK(run({"note", id, "synthetic:", "from", "the", "shell"}).at("note").at("body") ==
              "synthetic: from the shell");
        CHECK(run({"line"}).at("topics").as_array().size() == 17);
        CHECK(run({"wrapup", id}).at("contact").at("state") == "wrap-up");
        const auto bad = gateway.runCtl({"close", id, "--note", "n", "--topic", "sleep"});
        CHECK(bad.exitCode == 2);
        run({"close", id, "--note", "synthetic: from the shell", "--outcome", "referred",
             "--helped", "yes", "--topic", "sleep", "--topic", "grief", "--referral", "211"});
        const auto after = lee.ack("caller.get", {{"contactId", current}});
        const auto& h = after.at("history").as_array();
        // current is now in the history of none: look it up from an earlier contact.
        CHECK(h.size() == 3);
        const auto viaEarlier = lee.ack("caller.get", {{"contactId", earlier[0]}});
        const auto& newest = viaEarlier.at("history").as_array()[0];
        CHECK(newest.at("id") == current);
        CHECK(strings(newest.at("topics")) == std::vector<std::string>{"sleep", "grief"});
        CHECK(strings(newest.at("referrals")) == std::vector<std::string>{"211"});
        CHECK(newest.at("outcome") == "referred");
        CHECK(newest.at("helped") == "yes");
    }

    // Nothing the gateway logged names the caller.
    CHECK(gateway.log().find(kNumberDigits) == std::string::npos);
}

TEST_CASE("a malformed line content file stops the gateway at start-up, naming it",
          "[gateway][caller][config][e2e]")
{
    TempDir dir("warmline-content");
    const auto bad = dir / "line-content.json";
    writeFile(bad, R"({"version": 1, "quickReplies": [], "topics": ["sleep", "sleep"],)"
                   R"( "referrals": []})");
    GatewayOptions options;
    options.start = false;
    options.configExtra =
        "[outbound]\nprovider = none\n[line]\ncontent_file = " + bad.string() + "\n";
    GatewayProcess gateway(options);
    std::string error;
    try {
        gateway.start();
    } catch (const std::runtime_error& e) {
        error = e.what();
    }
    INFO(error);
    CHECK(error.find("exited with status 2") != std::string::npos);
    CHECK(error.find(bad.string() + ": topics[1]: \"sleep\" appears twice") != std::string::npos);

    // The same gateway starts once the file is fixed.
    writeFile(bad, R"({"version": 1, "quickReplies": [], "topics": ["sleep"], "referrals": []})");
    gateway.start();
    CHECK(gateway.running());
}
