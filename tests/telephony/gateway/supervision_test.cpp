// Supervisor review, reports, the audit log, number reveals, comments, line
// settings and retention against a real gateway: every permission refused
// at the gateway to the roles without it; every opened contact and every
// reveal on the audit log, which no one can edit; report figures over a
// store filled with known contacts, checked against values worked out by
// hand; retention that blanks content and keeps the figures.

#include "core/store/Repository.h"
#include "core/store/Schema.h"
#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace warmline;
using namespace warmline::test;
using warmline::link::ServerFrame;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;

namespace {

const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
const std::string kPassword = "correct horse battery";
constexpr EpochMs kMinute = 60 * 1000;
constexpr EpochMs kHour = 60 * kMinute;
constexpr EpochMs kDay = 24 * kHour;
// 2026-11-16T00:00:00Z.
constexpr EpochMs kT0 = 1'794'787'200'000;

std::string outcome(const ServerFrame& f)
{
    if (f.kind == ServerFrame::Kind::Ack) {
        return "ack";
    }
    return std::string(link::toString(f.code));
}

void postText(const GatewayProcess& gateway, const std::string& sid, const std::string& from,
              const std::string& body)
{
    SimpleHttpClient http(gateway.url());
    const auto r =
        http.postForm("/sms/twilio", SimpleHttpClient::formEncode({{"MessageSid", sid},
                                                                   {"From", from},
                                                                   {"To", "+15555550199"},
                                                                   {"Body", body},
                                                                   {"NumMedia", "0"}}));
    INFO(sid << ": " << r.body);
    REQUIRE(r.status == 200);
}

/// The gateway with an operator, a lead, a supervisor and an admin.
std::unique_ptr<GatewayProcess> startGateway(const std::string& extra = {})
{
    GatewayOptions options;
    options.configExtra = kConfig + extra;
    options.start = false;
    auto gateway = std::make_unique<GatewayProcess>(options);
    gateway->addOperator("sam", "operator", kPassword);
    gateway->addOperator("riley", "lead", kPassword);
    gateway->addOperator("jo", "supervisor", kPassword);
    gateway->addOperator("ada", "admin", kPassword);
    return gateway;
}

/// A text from `from` accepted by `link` and closed with a wrap-up; returns its id.
std::int64_t handledText(GatewayProcess& gateway, OperatorLink& link, const std::string& sid,
                         const std::string& from, const std::string& note)
{
    const std::string body = "I could use someone to talk to (" + sid + ")";
    postText(gateway, sid, from, body);
    const auto queued = link.waitEvent("contact.queued", [&body](const json::object& d) {
        return d.at("contact").at("preview") == json::value(body);
    });
    const auto id = queued.at("contact").at("id").as_int64();
    link.call("contact.accept", {{"contactId", id}});
    link.call("contact.close",
              {{"contactId", id},
               {"note", note},
               {"wrapup",
                {{"outcome", "supported"}, {"helped", "yes"}, {"topics", json::array{"sleep"}}}}});
    return id;
}

std::vector<std::string> actionsOf(const json::object& auditList)
{
    std::vector<std::string> out;
    for (const auto& e : auditList.at("entries").as_array()) {
        out.emplace_back(e.at("action").as_string());
    }
    return out;
}

} // namespace

TEST_CASE("the gateway refuses review, reports, the audit log, reveals and settings to roles "
          "without the right")
{
    auto gateway = startGateway();
    gateway->start();
    OperatorLink sam(gateway->linkUrl(), "sam", kPassword);
    OperatorLink riley(gateway->linkUrl(), "riley", kPassword);
    OperatorLink jo(gateway->linkUrl(), "jo", kPassword);
    OperatorLink ada(gateway->linkUrl(), "ada", kPassword);
    sam.call("presence.set", {{"presence", "available"}});
    const auto contact =
        handledText(*gateway, sam, "SMrole1", "+15555550161", "Talked it through.");

    const std::vector<std::pair<std::string, json::object>> reviewCommands = {
        {"review.list", {}},
        {"review.get", {{"contactId", contact}}},
        {"review.mark", {{"contactId", contact}}},
        {"review.comment", {{"contactId", contact}, {"body", "Nice."}}},
        {"review.followup", {{"contactId", contact}}},
        {"report.get", {{"from", "2026-11-01"}, {"to", "2026-11-30"}}},
        {"audit.list", {}},
    };
    const std::vector<std::pair<std::string, json::object>> adminCommands = {
        {"caller.reveal", {{"contactId", contact}, {"reason", "Welfare check requested."}}},
        {"line.settings.set", {{"key", "limits.calls_per_day"}, {"value", "4"}}},
        {"operator.capacity", {{"name", "sam"}, {"capacity", 2}}},
        {"operator.languages", {{"name", "sam"}, {"languages", json::array{"es"}}}},
        {"retention.purge", {}},
    };
    for (const auto& [type, params] : reviewCommands) {
        INFO(type);
        CHECK(outcome(sam.raw(type, params)) == "forbidden");
        CHECK(outcome(riley.raw(type, params)) == "forbidden");
    }
    for (const auto& [type, params] : adminCommands) {
        INFO(type);
        CHECK(outcome(sam.raw(type, params)) == "forbidden");
        CHECK(outcome(riley.raw(type, params)) == "forbidden");
        CHECK(outcome(jo.raw(type, params)) == "forbidden");
    }
    CHECK(outcome(sam.raw("line.settings.get")) == "forbidden");
    CHECK(outcome(riley.raw("line.settings.get")) == "ack");

    // Supervisors and admins read; only the admin reveals.
    for (auto* reviewer : {&jo, &ada}) {
        CHECK(outcome(reviewer->raw("review.list")) == "ack");
        CHECK(outcome(reviewer->raw("review.get", {{"contactId", contact}})) == "ack");
        CHECK(outcome(reviewer->raw("report.get",
                                    {{"from", "2026-11-01"}, {"to", "2026-11-30"}})) == "ack");
        CHECK(outcome(reviewer->raw("audit.list")) == "ack");
    }
    const auto revealed =
        ada.call("caller.reveal", {{"contactId", contact}, {"reason", "Welfare check requested."}});
    CHECK(revealed.at("number") == json::value("+15555550161"));
    // The refused attempts changed nothing and left no trace of content.
    const auto audit = jo.call("audit.list");
    for (const auto& e : audit.at("entries").as_array()) {
        CHECK(e.at("operatorName") != json::value("sam"));
        CHECK(e.at("operatorName") != json::value("riley"));
    }
    // No command edits the audit log.
    for (const char* type : {"audit.delete", "audit.update", "audit.clear"}) {
        CHECK(outcome(ada.raw(type, {{"id", 1}})) == "bad_request");
    }
}

TEST_CASE(
    "opened contacts and reveals are audited in the read's transaction, and the log cannot be "
    "edited")
{
    auto gateway = startGateway();
    gateway->start();
    OperatorLink sam(gateway->linkUrl(), "sam", kPassword);
    OperatorLink riley(gateway->linkUrl(), "riley", kPassword);
    OperatorLink jo(gateway->linkUrl(), "jo", kPassword);
    OperatorLink ada(gateway->linkUrl(), "ada", kPassword);
    sam.call("presence.set", {{"presence", "available"}});
    const auto first = handledText(*gateway, sam, "SMaud1", "+15555550162",
                                   "Caller worried about the garden and money.");
    const auto second = handledText(*gateway, sam, "SMaud2", "+15555550163", "Short check-in.");

    // The holder's own reads are not audited; everyone else's are.
    const auto before = jo.call("audit.list", {{"action", "contact.open"}});
    CHECK(before.at("entries").as_array().empty());

    const auto detail = jo.call("review.get", {{"contactId", first}});
    CHECK(detail.at("wrapup").at("note") ==
          json::value("Caller worried about the garden and money."));
    // The text and the line's automatic first reply.
    REQUIRE(detail.at("messages").as_array().size() == 2);
    CHECK(detail.at("messages").at(0).at("direction") == json::value("in"));
    CHECK(detail.at("messages").at(1).at("direction") == json::value("out"));
    CHECK(json::serialize(detail).find("5555550162") == std::string::npos);
    riley.call("contact.get", {{"contactId", second}});
    riley.call("caller.get", {{"contactId", second}});
    ada.call("caller.reveal", {{"contactId", second}, {"reason", "Court order 12."}});

    const auto log = jo.call("audit.list");
    const auto actions = actionsOf(log);
    REQUIRE(actions.size() >= 4);
    CHECK(actions[0] == "caller.reveal");
    CHECK(actions[1] == "caller.open");
    CHECK(actions[2] == "contact.open");
    CHECK(actions[3] == "contact.open");
    const auto& entries = log.at("entries").as_array();
    CHECK(entries[0].at("operatorName") == json::value("ada"));
    CHECK(entries[0].at("contactId") == json::value(second));
    CHECK(entries[0].at("detail").at("reason") == json::value("Court order 12."));
    CHECK(entries[2].at("operatorName") == json::value("riley"));
    CHECK(entries[3].at("operatorName") == json::value("jo"));
    CHECK(entries[3].at("contactId") == json::value(first));
    CHECK(entries[3].at("detail").at("via") == json::value("review.get"));
    // Filters.
    const auto byContact = jo.call("audit.list", {{"contactId", first}});
    CHECK(byContact.at("entries").as_array().size() == 1);
    const auto paged = jo.call("audit.list", {{"limit", 1}});
    REQUIRE(paged.at("nextBefore").is_int64());
    const auto next = jo.call("audit.list", {{"limit", 1}, {"before", paged.at("nextBefore")}});
    CHECK(next.at("entries").at(0).at("action") == json::value("caller.open"));

    // Even with the database file in hand, rows cannot be changed or removed.
    SQLite::Database db((gateway->dataDir() / "warmline.db").string(), SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    CHECK_THROWS_WITH(db.exec("UPDATE audit_log SET operator_id = NULL"),
                      Catch::Contains("append-only"));
    CHECK_THROWS_WITH(db.exec("DELETE FROM audit_log"), Catch::Contains("append-only"));
    CHECK(jo.call("audit.list").at("entries").as_array().size() == entries.size());
}

TEST_CASE("a supervisor filters, searches, reviews, comments and flags, and the operator sees the "
          "comment")
{
    auto gateway = startGateway();
    gateway->start();
    OperatorLink sam(gateway->linkUrl(), "sam", kPassword);
    OperatorLink jo(gateway->linkUrl(), "jo", kPassword);
    sam.call("presence.set", {{"presence", "available"}});
    const auto a = handledText(*gateway, sam, "SMrev1", "+15555550164",
                               "Talked about a sleepless week and the garden.");
    const auto b = handledText(*gateway, sam, "SMrev2", "+15555550165", "Work stress.");

    auto list = jo.call("review.list");
    CHECK(list.at("total") == json::value(2));
    CHECK(list.at("contacts").at(0).at("id") == json::value(b));
    list = jo.call("review.list", {{"search", "garden"}});
    REQUIRE(list.at("contacts").as_array().size() == 1);
    CHECK(list.at("contacts").at(0).at("id") == json::value(a));
    list = jo.call("review.list", {{"search", "garden\" OR ("}});
    CHECK(list.at("contacts").as_array().empty());
    CHECK(outcome(jo.raw("review.list", {{"channel", "fax"}})) == "bad_request");
    list = jo.call("review.list", {{"limit", 1}});
    REQUIRE(list.at("nextCursor").is_string());
    list = jo.call("review.list", {{"limit", 1}, {"cursor", list.at("nextCursor")}});
    CHECK(list.at("contacts").at(0).at("id") == json::value(a));

    const auto marked = jo.call("review.mark", {{"contactId", a}});
    CHECK(marked.at("contact").at("reviewedBy") == json::value("jo"));
    list = jo.call("review.list", {{"unreviewed", true}});
    REQUIRE(list.at("contacts").as_array().size() == 1);
    CHECK(list.at("contacts").at(0).at("id") == json::value(b));
    jo.call("review.followup", {{"contactId", b}, {"note", "Ask about the referral."}});
    list = jo.call("review.list", {{"followUp", true}});
    CHECK(list.at("contacts").at(0).at("id") == json::value(b));

    const auto comment =
        jo.call("review.comment", {{"contactId", a}, {"body", "Lovely pacing on this one."}});
    CHECK(comment.at("comment").at("operatorName") == json::value("sam"));
    const auto event = sam.waitEvent("review.comment", [](const json::object&) { return true; });
    CHECK(event.at("comment").at("body") == json::value("Lovely pacing on this one."));
    CHECK(event.at("comment").at("authorName") == json::value("jo"));
    auto mine = sam.call("comment.list", {{"unread", true}});
    CHECK(mine.at("unread") == json::value(1));
    REQUIRE(mine.at("comments").as_array().size() == 1);
    sam.call("comment.read", {{"commentId", mine.at("comments").at(0).at("id")}});
    mine = sam.call("comment.list", {{"unread", true}});
    CHECK(mine.at("unread") == json::value(0));
    CHECK(outcome(jo.raw("comment.read", {{"commentId", comment.at("comment").at("id")}})) ==
          "not_found");

    // The review record shows the comment; an open contact cannot be reviewed.
    const auto detail = jo.call("review.get", {{"contactId", a}});
    CHECK(detail.at("comments").at(0).at("body") == json::value("Lovely pacing on this one."));
    postText(*gateway, "SMrev3", "+15555550166", "are you there");
    const auto open = sam.waitEvent("contact.queued", [](const json::object& d) {
        return d.at("contact").at("preview") == json::value("are you there");
    });
    CHECK(outcome(jo.raw("review.mark", {{"contactId", open.at("contact").at("id")}})) ==
          "conflict");
    CHECK(outcome(jo.raw("review.get", {{"contactId", 99999}})) == "not_found");
}

TEST_CASE("report figures over a store of known contacts match the hand-worked values")
{
    auto gateway = startGateway();
    // The known contacts, stored as the gateway stores them, before it starts:
    //   day 1 (2026-11-16): a text from caller 1 at 10:00, answered after 20 s,
    //     handled 8 min (wrap-up), topics sleep; a text from caller 2 at 10:30,
    //     answered after 100 s, handled 12 min, topics sleep+money; a call from
    //     caller 1 at 18:00, abandoned.
    //   day 2: a call from caller 3 at 09:15, answered after 40 s, handled 20 min
    //     (closed, no wrap-up step), topics money, with one escalation (high,
    //     warm-transfer).
    //   outside: a text on 2026-11-15 23:59 and one on 2026-11-18 00:00.
    {
        SQLite::Database db((gateway->dataDir() / "warmline.db").string(),
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db);
        Repository repo(db);
        const Id op = repo.operators().operatorByName("sam")->account.id;
        db.exec("INSERT INTO callers (id, number_hash, number_enc, alias, created_at) VALUES "
                "(1, 'h1', 'x', 'Caller One', 0), (2, 'h2', 'x', 'Caller Two', 0), "
                "(3, 'h3', 'x', 'Caller Three', 0), (4, 'h4', 'x', 'Caller Four', 0)");
        auto add = [&](Id caller, const char* channel, EpochMs at, std::optional<EpochMs> wait,
                       EpochMs wrapAfter, EpochMs closeAfter, const char* state,
                       const char* topics) {
            SQLite::Statement q(db, "INSERT INTO contacts (caller_id, channel, state, created_at, "
                                    "queued_at, accepted_at, wrapup_at, closed_at, operator_id, "
                                    "wrapup_note, outcome, helped, topics) VALUES (?, ?, ?, ?, ?, "
                                    "?, ?, ?, ?, 'Known.', 'supported', 'yes', ?)");
            q.bind(1, caller);
            q.bind(2, channel);
            q.bind(3, state);
            q.bind(4, at);
            q.bind(5, at);
            if (wait) {
                q.bind(6, at + *wait);
                if (wrapAfter > 0) {
                    q.bind(7, at + *wait + wrapAfter);
                }
                q.bind(9, op);
            }
            q.bind(8, at + wait.value_or(0) + closeAfter);
            q.bind(10, topics);
            q.exec();
            return db.getLastInsertRowid();
        };
        add(1, "text", kT0 + 10 * kHour, 20'000, 8 * kMinute, 9 * kMinute, "closed",
            R"(["sleep"])");
        add(2, "text", kT0 + 10 * kHour + 30 * kMinute, 100'000, 12 * kMinute, 13 * kMinute,
            "closed", R"(["sleep","money"])");
        add(1, "call", kT0 + 18 * kHour, std::nullopt, 0, kMinute, "abandoned", "[]");
        const Id escalated = add(3, "call", kT0 + kDay + 9 * kHour + 15 * kMinute, 40'000, 0,
                                 20 * kMinute, "closed", R"(["money"])");
        add(4, "text", kT0 - kMinute, 5'000, 0, kMinute, "closed", "[]");
        add(4, "text", kT0 + 2 * kDay, 5'000, 0, kMinute, "closed", "[]");
        db.exec("INSERT INTO escalations (contact_id, level, source, state, opened_at, outcome) "
                "VALUES (" +
                std::to_string(escalated) + ", 'high', 'text', 'closed', 0, 'warm-transfer')");
    }
    gateway->start();
    OperatorLink jo(gateway->linkUrl(), "jo", kPassword);
    const auto data = jo.call("report.get", {{"from", "2026-11-16"}, {"to", "2026-11-17"}});
    const auto& r = data.at("report").as_object();
    INFO(json::serialize(r));
    CHECK(r.at("period").at("from") == json::value(kT0));
    CHECK(r.at("period").at("to") == json::value(kT0 + 2 * kDay));
    const auto& totals = r.at("totals");
    CHECK(totals.at("contacts") == json::value(4));
    CHECK(totals.at("answered") == json::value(3));
    CHECK(totals.at("abandoned") == json::value(1));
    CHECK(totals.at("abandonRate").as_double() == Approx(0.25)); // 1 / (3 + 1)
    CHECK(totals.at("answeredOnTime") == json::value(2));        // 20 s and 40 s within 60 s
    const auto& days = r.at("byDay").as_array();
    REQUIRE(days.size() == 2);
    CHECK(days[0].at("date") == json::value("2026-11-16"));
    CHECK(days[0].at("contacts") == json::value(3));
    CHECK(days[1].at("contacts") == json::value(1));
    CHECK(r.at("byHour").at(10) == json::value(2));
    CHECK(r.at("byHour").at(18) == json::value(1));
    CHECK(r.at("byHour").at(9) == json::value(1));
    CHECK(r.at("byChannel").at(0).at("channel") == json::value("call"));
    CHECK(r.at("byChannel").at(0).at("contacts") == json::value(2));
    CHECK(r.at("byChannel").at(1).at("answered") == json::value(2));
    // Waits 20, 40, 100 s; handled 8, 12, 20 min.
    CHECK(r.at("answerTime").at("meanMs") == json::value(53'333));
    CHECK(r.at("answerTime").at("medianMs") == json::value(40'000));
    CHECK(r.at("answerTime").at("p90Ms") == json::value(100'000));
    CHECK(r.at("handleTime").at("medianMs") == json::value(12 * kMinute));
    CHECK(r.at("handleTime").at("maxMs") == json::value(20 * kMinute));
    CHECK(r.at("topics").at(0).at("topic") == json::value("money"));
    CHECK(r.at("topics").at(0).at("contacts") == json::value(2));
    CHECK(r.at("topics").at(1).at("topic") == json::value("sleep"));
    CHECK(r.at("escalations").at("total") == json::value(1));
    CHECK(r.at("escalations").at("byOutcome").at(0).at("outcome") == json::value("warm-transfer"));
    CHECK(r.at("callers").at("callers") == json::value(3));
    CHECK(r.at("callers").at("repeatCallers") == json::value(1));
    CHECK(r.at("callers").at("repeatContactShare").as_double() == Approx(0.5));
    CHECK(r.at("targets").at("answerSeconds") == json::value(60));

    CHECK(outcome(jo.raw("report.get", {{"from", "2026-11-17"}, {"to", "2026-11-16"}})) ==
          "bad_request");
    CHECK(outcome(jo.raw("report.get", {{"from", "2020-01-01"}, {"to", "2026-11-16"}})) ==
          "bad_request");
    CHECK(outcome(jo.raw("report.get", {{"from", "2026-11-16"}})) == "bad_request");
}

TEST_CASE(
    "admins change line settings live, and retention purges old content and keeps the figures")
{
    auto gateway = startGateway("[limits]\ncalls_per_day = 5\n");
    // Two contacts closed 40 days ago, one yesterday, before the gateway starts.
    const EpochMs now = nowMs();
    {
        SQLite::Database db((gateway->dataDir() / "warmline.db").string(),
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        migrate(db);
        Repository repo(db);
        const Id op = repo.operators().operatorByName("sam")->account.id;
        int sid = 0;
        for (const EpochMs at : {now - 40 * kDay, now - 40 * kDay + kHour, now - kDay}) {
            InboundText t;
            t.provider = Provider::Twilio;
            t.providerId = "SMold" + std::to_string(++sid);
            t.from = "x";
            t.body = "an old worry, number " + std::to_string(sid);
            t.receivedAt = at;
            IngestOptions o;
            o.caller = CallerKey{"old-" + std::to_string(sid), "x", "Old Caller"};
            const Id id = repo.texts().ingestInbound(t, o).contact.id;
            repo.contacts().markAccepted(id, op, at + 30'000);
            repo.callers().addCallerNote(repo.contacts().contact(id)->callerId, id, op,
                                         "Keeps bees.", at + kMinute);
            repo.contacts().markClosed(id, ContactState::Closed, "Talked about the bees.",
                                       at + 10 * kMinute,
                                       WrapUp{{"sleep"}, {}, Outcome::Supported, Helped::Yes});
        }
    }
    gateway->start();
    OperatorLink ada(gateway->linkUrl(), "ada", kPassword);
    OperatorLink jo(gateway->linkUrl(), "jo", kPassword);
    OperatorLink sam(gateway->linkUrl(), "sam", kPassword);

    auto settings = ada.call("line.settings.get");
    auto find = [](const json::object& s, const std::string& key) {
        for (const auto& e : s.at("settings").as_array()) {
            if (e.at("key") == json::value(key)) {
                return e.as_object();
            }
        }
        return json::object{};
    };
    CHECK(find(settings, "limits.calls_per_day").at("source") == json::value("file"));
    CHECK(find(settings, "limits.calls_per_day").at("value") == json::value("5"));
    CHECK(find(settings, "retention.content_days").at("source") == json::value("default"));
    CHECK(sam.call("line.info").at("limits").at("callsPerDay") == json::value(5));

    const auto set =
        ada.call("line.settings.set", {{"key", "limits.calls_per_day"}, {"value", "7"}});
    CHECK(set.at("setting").at("source") == json::value("admin"));
    CHECK(set.at("setting").at("setBy") == json::value("ada"));
    CHECK(sam.call("line.info").at("limits").at("callsPerDay") == json::value(7));
    CHECK(outcome(ada.raw("line.settings.set",
                          {{"key", "limits.calls_per_day"}, {"value", "-3"}})) == "bad_request");
    CHECK(outcome(ada.raw("line.settings.set", {{"key", "http.port"}, {"value", "80"}})) ==
          "bad_request");
    CHECK(outcome(ada.raw("line.settings.set", {{"key", "line.hours"}, {"value", "mon 9-5"}})) ==
          "bad_request");
    CHECK(sam.call("line.info").at("limits").at("callsPerDay") == json::value(7));

    // Purging with no retention set does nothing.
    CHECK(ada.call("retention.purge").at("contacts") == json::value(0));
    const auto before = jo.call("report.get", {{"from", now - 41 * kDay}, {"to", now}});

    ada.call("line.settings.set", {{"key", "retention.content_days"}, {"value", "30"}});
    const auto purged = ada.call("retention.purge");
    CHECK(purged.at("retentionDays") == json::value(30));
    CHECK(purged.at("contacts") == json::value(2));
    CHECK(purged.at("messages") == json::value(2));
    CHECK(ada.call("retention.purge").at("contacts") == json::value(0));
    const auto list = jo.call("review.list", {{"search", "bees"}});
    REQUIRE(list.at("contacts").as_array().size() == 1); // yesterday's only
    const auto all = jo.call("review.list");
    REQUIRE(all.at("contacts").as_array().size() == 3);
    const auto oldest = all.at("contacts").at(2).at("id");
    const auto detail = jo.call("review.get", {{"contactId", oldest}});
    CHECK(detail.at("purgedAt").is_int64());
    CHECK(detail.at("wrapup").at("note") == json::value(""));
    CHECK(detail.at("messages").at(0).at("body") == json::value(""));
    CHECK(detail.at("callerNotes").at(0).at("body") == json::value(""));
    CHECK(detail.at("wrapup").at("topics").at(0) == json::value("sleep"));
    const auto recent = jo.call("review.get", {{"contactId", all.at("contacts").at(0).at("id")}});
    CHECK(recent.at("wrapup").at("note") == json::value("Talked about the bees."));
    const auto after = jo.call("report.get", {{"from", now - 41 * kDay}, {"to", now}});
    CHECK(json::serialize(after) == json::serialize(before));
    const auto log = jo.call("audit.list", {{"action", "retention.purge"}});
    REQUIRE_FALSE(log.at("entries").as_array().empty());
    REQUIRE(log.at("entries").as_array().size() == 2);
    CHECK(log.at("entries").at(1).at("detail").at("contacts") == json::value(2));
    CHECK(log.at("entries").at(1).at("operatorName") == json::value("ada"));

    // Overrides survive a restart; a reset goes back to the file.
    gateway->restart();
    OperatorLink ada2(gateway->linkUrl(), "ada", kPassword);
    settings = ada2.call("line.settings.get");
    CHECK(find(settings, "limits.calls_per_day").at("value") == json::value("7"));
    ada2.call("line.settings.set", {{"key", "limits.calls_per_day"}, {"reset", true}});
    settings = ada2.call("line.settings.get");
    CHECK(find(settings, "limits.calls_per_day").at("value") == json::value("5"));
    CHECK(find(settings, "limits.calls_per_day").at("source") == json::value("file"));
    const auto changes = ada2.call("audit.list", {{"action", "setting.set"}});
    CHECK(changes.at("entries").as_array().size() == 3);
}

TEST_CASE("admins set operators' capacity and languages")
{
    auto gateway = startGateway();
    gateway->start();
    OperatorLink ada(gateway->linkUrl(), "ada", kPassword);
    OperatorLink riley(gateway->linkUrl(), "riley", kPassword);
    const auto cap = ada.call("operator.capacity", {{"name", "sam"}, {"capacity", 2}});
    CHECK(cap.at("operator").at("capacity") == json::value(2));
    const auto langs = ada.call("operator.languages",
                                {{"name", "sam"}, {"languages", json::array{"en", "es", "es"}}});
    CHECK(langs.at("operator").at("languages") == json::value(json::array{"en", "es"}));
    const auto event = riley.waitEvent("presence.changed", [](const json::object& d) {
        return d.at("operator").at("name") == json::value("sam") &&
               d.at("operator").at("languages").as_array().size() == 2;
    });
    CHECK(event.at("operator").at("capacity") == json::value(2));
    const auto list = riley.call("operator.list");
    bool found = false;
    for (const auto& op : list.at("operators").as_array()) {
        if (op.at("name") == json::value("sam")) {
            found = true;
            CHECK(op.at("capacity") == json::value(2));
            CHECK(op.at("languages").as_array().size() == 2);
        }
    }
    CHECK(found);
    CHECK(outcome(ada.raw("operator.capacity", {{"name", "sam"}, {"capacity", 11}})) ==
          "bad_request");
    CHECK(outcome(ada.raw("operator.languages", {{"name", "sam"}, {"languages", "en"}})) ==
          "bad_request");
    CHECK(outcome(ada.raw("operator.capacity", {{"name", "nobody"}, {"capacity", 2}})) ==
          "not_found");
    const auto log = ada.call("audit.list", {{"action", "operator.change"}});
    CHECK(log.at("entries").as_array().size() == 2);
}
