// Supervisor review, reports, the audit log, line settings and retention in
// the store (migration 5), on a store filled with known contacts through the
// same Repository calls the gateway makes. Report figures are checked
// against values worked out by hand from the contacts below.

#include "core/config/LineSettings.h"
#include "core/domain/AuditLog.h"
#include "core/domain/Retention.h"
#include "core/link/LinkCodec.h"
#include "core/link/ReviewCodec.h"
#include "core/store/Reports.h"
#include "core/store/ReviewStore.h"
#include "core/store/Schema.h"
#include "core/text/JsonStrings.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <fstream>

using namespace warmline;

namespace {

constexpr EpochMs kSecond = 1000;
constexpr EpochMs kMinute = 60 * kSecond;
constexpr EpochMs kHour = 60 * kMinute;
constexpr EpochMs kDay = 24 * kHour;
// 2026-11-16T00:00:00Z, a Monday.
constexpr EpochMs kT0 = 1'794'787'200'000;

/// The known contacts (times from kT0, UTC):
///   A  caller a  text  day 1 09:00  accepted +30 s by sam, wrap-up +10 min, closed +12 min;
///                     supported, topics sleep+loneliness; one escalation (concern, resolved)
///   B  caller b  text  day 1 09:30  accepted +90 s by sam, wrap-up +20 min; referred, anxiety
///   C  caller a  text  day 1 14:15  accepted +45 s by lee, closed +5 min (no wrap-up step);
///                     supported, sleep
///   D  caller c  call  day 2 08:05  abandoned after 2 min
///   E  caller d  call  day 2 20:40  accepted +120 s by lee, wrap-up +30 min; escalated,
///                     loneliness; risk high; two escalations (high, warm-transfer; imminent, open)
///   F  caller a  text  day 2 23:59:30  still queued
///   G  caller e  text  day 0 23:00  accepted +60 s by sam, closed +2 min; disconnected
///   H  caller b  text  day 3 00:00  accepted +10 s by sam, closed +1 min; supported
struct Known
{
    SQLite::Database db{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
    Repository repo{db};
    Id sam = 0;
    Id lee = 0;
    Id jo = 0;
    Id a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0;
    int sid = 0;

    Known()
    {
        migrate(db);
        OperatorAccount op;
        op.name = "sam";
        sam = repo.operators().addOperator(op, "x");
        op.name = "lee";
        op.role = Role::Lead;
        lee = repo.operators().addOperator(op, "x");
        op.name = "jo";
        op.role = Role::Supervisor;
        jo = repo.operators().addOperator(op, "x");

        a = text("a", kT0 + 9 * kHour, "can't sleep again");
        handle(a, sam, 30 * kSecond, 10 * kMinute, 12 * kMinute,
               "Talked about a sleepless week and the garden.",
               WrapUp{{"sleep", "loneliness"}, {}, Outcome::Supported, Helped::Yes});
        b = text("b", kT0 + 9 * kHour + 30 * kMinute, "everything feels too much");
        handle(b, sam, 90 * kSecond, 20 * kMinute, 25 * kMinute, "Anxious about work.",
               WrapUp{{"anxiety"}, {"peer support group"}, Outcome::Referred, Helped::Somewhat});
        repo.callers().addCallerNote(callerOf(b), b, sam, "Has a dog called Biscuit.",
                                     kT0 + 10 * kHour);
        c = text("a", kT0 + 14 * kHour + 15 * kMinute, "me again");
        handle(c, lee, 45 * kSecond, 0, 5 * kMinute, "Routine check-in.",
               WrapUp{{"sleep"}, {}, Outcome::Supported, Helped::Yes});
        d = call("c", kT0 + kDay + 8 * kHour + 5 * kMinute, std::nullopt, 0, 2 * kMinute,
                 "abandoned");
        e = call("d", kT0 + kDay + 20 * kHour + 40 * kMinute, lee, 120 * kSecond, 30 * kMinute,
                 "closed");
        repo.contacts().markClosed(e, ContactState::Closed, "Warm transfer to the crisis line.",
                                   kT0 + kDay + 21 * kHour + 20 * kMinute,
                                   WrapUp{{"loneliness"}, {}, Outcome::Escalated, Helped::Unsure});
        db.exec("UPDATE contacts SET risk = 'high' WHERE id = " + std::to_string(e));
        f = text("a", kT0 + kDay + 23 * kHour + 59 * kMinute + 30 * kSecond, "still there?");
        g = text("e", kT0 - kHour, "hello?");
        handle(g, sam, 60 * kSecond, 0, 2 * kMinute, "Line dropped.",
               WrapUp{{}, {}, Outcome::Disconnected, Helped::Unsure});
        h = text("b", kT0 + 2 * kDay, "morning");
        handle(h, sam, 10 * kSecond, 0, 1 * kMinute, "Quick hello.",
               WrapUp{{}, {}, Outcome::Supported, Helped::Yes});

        // Escalations as the escalation flow stores them.
        escalation(a, "concern", "closed", "resolved", kT0 + 9 * kHour + 5 * kMinute);
        const Id transfer = escalation(e, "high", "closed", "warm-transfer",
                                       kT0 + kDay + 20 * kHour + 50 * kMinute);
        step(transfer, lee, "asked-directly", R"({"answer":"yes"})");
        step(transfer, lee, "warm-transfer", R"({"to":"988"})");
        escalation(e, "imminent", "open", "", kT0 + kDay + 21 * kHour);
    }

    Id callerOf(Id contact) { return repo.contacts().contact(contact)->callerId; }

    Id text(const std::string& caller, EpochMs at, const std::string& body)
    {
        InboundText t;
        t.provider = Provider::Twilio;
        t.providerId = "SM" + std::to_string(++sid);
        t.from = "+1555555010" + std::to_string(sid % 10);
        t.to = "+15555550199";
        t.body = body;
        t.receivedAt = at;
        IngestOptions o;
        o.caller = CallerKey{"hash-" + caller, "sealed", "Alias " + caller};
        return repo.texts().ingestInbound(t, o).contact.id;
    }

    /// Accepts after `wait`, wraps up `wrapAfter` after accepting (0: no
    /// wrap-up step) and closes `closeAfter` after accepting.
    void handle(Id id, Id op, EpochMs wait, EpochMs wrapAfter, EpochMs closeAfter,
                const std::string& note, const WrapUp& w)
    {
        const EpochMs created = repo.contacts().contact(id)->createdAt;
        repo.contacts().markAccepted(id, op, created + wait);
        if (wrapAfter > 0) {
            repo.contacts().markWrapUp(id, created + wait + wrapAfter);
        }
        repo.contacts().markClosed(id, ContactState::Closed, note, created + wait + closeAfter, w);
    }

    /// A call as the SIP side stores it.
    Id call(const std::string& caller, EpochMs at, std::optional<Id> op, EpochMs wait,
            EpochMs wrapAfter, const std::string& state)
    {
        db.exec("INSERT OR IGNORE INTO callers (number_hash, number_enc, alias, created_at) "
                "VALUES ('hash-" +
                caller + "', 'sealed', 'Alias " + caller + "', " + std::to_string(at) + ")");
        SQLite::Statement q(db, "INSERT INTO contacts (caller_id, channel, state, created_at, "
                                "queued_at, accepted_at, wrapup_at, closed_at, operator_id) "
                                "SELECT id, 'call', ?, ?, ?, ?, ?, ?, ? FROM callers WHERE "
                                "number_hash = ?");
        q.bind(1, state);
        q.bind(2, at);
        q.bind(3, at);
        if (op) {
            q.bind(4, at + wait);
            q.bind(5, at + wait + wrapAfter);
            q.bind(7, *op);
        }
        q.bind(6, at + wait + wrapAfter);
        q.bind(8, "hash-" + caller);
        q.exec();
        return db.getLastInsertRowid();
    }

    Id escalation(Id contact, const std::string& level, const std::string& state,
                  const std::string& outcome, EpochMs at)
    {
        SQLite::Statement q(db, "INSERT INTO escalations (contact_id, level, source, signals, "
                                "state, opened_at, opened_by, closed_at, outcome) VALUES (?, ?, "
                                "'text', '[\"plan\"]', ?, ?, ?, ?, ?)");
        q.bind(1, contact);
        q.bind(2, level);
        q.bind(3, state);
        q.bind(4, at);
        q.bind(5, lee);
        if (state != "open") {
            q.bind(6, at + 10 * kMinute);
            q.bind(7, outcome);
        }
        q.exec();
        return db.getLastInsertRowid();
    }

    void step(Id escalation, Id op, const std::string& kind, const std::string& detail)
    {
        SQLite::Statement q(db, "INSERT INTO escalation_steps (escalation_id, at, operator_id, "
                                "kind, detail) VALUES (?, ?, ?, ?, ?)");
        q.bind(1, escalation);
        q.bind(2, kT0 + kDay + 20 * kHour + 55 * kMinute);
        q.bind(3, op);
        q.bind(4, kind);
        q.bind(5, detail);
        q.exec();
    }
};

std::vector<Id> idsOf(const ReviewPage& page)
{
    std::vector<Id> out;
    for (const auto& r : page.rows) {
        out.push_back(r.id);
    }
    return out;
}

std::int64_t countOf(const LabelCounts& counts, const std::string& label)
{
    for (const auto& [name, n] : counts) {
        if (name == label) {
            return n;
        }
    }
    return -1;
}

} // namespace

TEST_CASE("a report over known contacts gives the figures worked out by hand")
{
    Known k;
    const Report r = computeReport(k.db, {kT0, kT0 + 2 * kDay, 0}, ReportTargets{});

    // In the period: A B C D E F (G is before it, H at its exclusive end).
    CHECK(r.totals.contacts == 6);
    CHECK(r.totals.answered == 4);
    CHECK(r.totals.abandoned == 1);
    CHECK(r.calls.contacts == 2);
    CHECK(r.calls.answered == 1);
    CHECK(r.calls.abandoned == 1);
    CHECK(r.texts.contacts == 4);
    CHECK(r.texts.answered == 3);
    CHECK(r.texts.abandoned == 0);
    CHECK(r.abandonRate() == Approx(0.2)); // 1 / (4 + 1)

    REQUIRE(r.byDay.size() == 2);
    CHECK(r.byDay[0].date == "2026-11-16");
    CHECK(r.byDay[0].counts.contacts == 3);
    CHECK(r.byDay[0].counts.answered == 3);
    CHECK(r.byDay[1].date == "2026-11-17");
    CHECK(r.byDay[1].counts.contacts == 3);
    CHECK(r.byDay[1].counts.answered == 1);
    CHECK(r.byDay[1].counts.abandoned == 1);
    std::array<std::int64_t, 24> hours{};
    hours[9] = 2;
    hours[14] = 1;
    hours[8] = 1;
    hours[20] = 1;
    hours[23] = 1;
    CHECK(r.byHour == hours);

    // Waits 30, 90, 45, 120 s: sorted 30 45 90 120.
    CHECK(r.answerTime.count == 4);
    CHECK(r.answerTime.meanMs == 71'250);
    CHECK(r.answerTime.medianMs == 45'000);
    CHECK(r.answerTime.p90Ms == 120'000);
    CHECK(r.answerTime.maxMs == 120'000);
    CHECK(r.answeredOnTime == 2); // within 60 s
    // The service level counts the abandoned call as not answered on time.
    CHECK(r.answeredOnTimeRate() == Approx(0.4)); // 2 / (4 + 1)
    // Handled 10, 20, 5 (accept to close: no wrap-up step), 30 min.
    CHECK(r.handleTime.count == 4);
    CHECK(r.handleTime.meanMs == 975'000);
    CHECK(r.handleTime.medianMs == 600'000);
    CHECK(r.handleTime.p90Ms == 1'800'000);

    REQUIRE(r.topics.size() == 3);
    CHECK(r.topics[0] == std::pair<std::string, std::int64_t>{"loneliness", 2});
    CHECK(r.topics[1] == std::pair<std::string, std::int64_t>{"sleep", 2});
    CHECK(r.topics[2] == std::pair<std::string, std::int64_t>{"anxiety", 1});
    CHECK(countOf(r.outcomes, "supported") == 2);
    CHECK(countOf(r.outcomes, "referred") == 1);
    CHECK(countOf(r.outcomes, "escalated") == 1);
    CHECK(r.outcomes.size() == 3);

    CHECK(r.escalations == 3);
    CHECK(r.escalatedContacts == 2);
    CHECK(countOf(r.escalationLevels, "concern") == 1);
    CHECK(countOf(r.escalationLevels, "high") == 1);
    CHECK(countOf(r.escalationLevels, "imminent") == 1);
    CHECK(countOf(r.escalationOutcomes, "open") == 1);
    CHECK(countOf(r.escalationOutcomes, "resolved") == 1);
    CHECK(countOf(r.escalationOutcomes, "warm-transfer") == 1);

    // Callers a (A C F), b (B), c (D), d (E).
    CHECK(r.callers == 4);
    CHECK(r.repeatCallers == 1);
    CHECK(r.contactsFromRepeatCallers == 3);
    CHECK(r.repeatCallerShare() == Approx(0.25));
    CHECK(r.repeatContactShare() == Approx(0.5));
}

TEST_CASE("a report buckets days and hours in the line's local time")
{
    Known k;
    // Local days 2026-11-16 and -17 at UTC+2: from kT0 - 2 h to kT0 + 2 d - 2 h.
    const auto from = localDayStart("2026-11-16", 120);
    REQUIRE(from);
    CHECK(*from == kT0 - 2 * kHour);
    const Report r = computeReport(k.db, {*from, *from + 2 * kDay, 120}, ReportTargets{});
    // G (23:00Z the day before = 01:00 local) comes in, F (01:59:30 local on the 18th) goes out.
    CHECK(r.totals.contacts == 6);
    REQUIRE(r.byDay.size() == 2);
    CHECK(r.byDay[0].counts.contacts == 4); // G A B C
    CHECK(r.byDay[1].counts.contacts == 2); // D E
    CHECK(r.byHour[1] == 1);                // G
    CHECK(r.byHour[11] == 2);               // A B
    CHECK(r.byHour[22] == 1);               // E
    // G waited exactly 60 s: on time.
    CHECK(r.totals.answered == 5);
    CHECK(r.answeredOnTime == 3);
}

TEST_CASE("report periods are checked and dates convert both ways")
{
    Known k;
    CHECK_THROWS_AS(computeReport(k.db, {kT0, kT0, 0}, {}), std::invalid_argument);
    CHECK_THROWS_AS(computeReport(k.db, {kT0, kT0 + 733 * kDay, 0}, {}), std::invalid_argument);
    CHECK(localDate(kT0, 0) == "2026-11-16");
    CHECK(localDate(kT0 - 1, 0) == "2026-11-15");
    CHECK(localDate(kT0 - 1, 60) == "2026-11-16");
    CHECK(localDayStart("2026-11-16", 0) == kT0);
    CHECK_FALSE(localDayStart("2026-13-01", 0));
    CHECK_FALSE(localDayStart("2026-02-30", 0));
    CHECK_FALSE(localDayStart("16/11/2026", 0));
    const Report empty = computeReport(k.db, {kT0 + 10 * kDay, kT0 + 11 * kDay, 0}, {});
    CHECK(empty.totals.contacts == 0);
    CHECK(empty.abandonRate() == 0.0);
    CHECK(empty.answerTime.count == 0);
}

TEST_CASE("a report's CSV has one row per figure and quotes what needs it")
{
    Known k;
    auto json = toJson(computeReport(k.db, {kT0, kT0 + 2 * kDay, 0}, ReportTargets{}));
    json["topics"].as_array().push_back(
        boost::json::object{{"topic", "=cmd, \"x\""}, {"contacts", 1}});
    const std::string csv = reportCsv(json);
    CHECK(csv.rfind("section,item,measure,value\r\n", 0) == 0);
    CHECK(csv.find("totals,all,contacts,6\r\n") != std::string::npos);
    CHECK(csv.find("totals,all,abandonRate,0.2000\r\n") != std::string::npos);
    CHECK(csv.find("by_day,2026-11-17,abandoned,1\r\n") != std::string::npos);
    CHECK(csv.find("by_hour,09,contacts,2\r\n") != std::string::npos);
    CHECK(csv.find("answer_time,all,medianMs,45000\r\n") != std::string::npos);
    CHECK(csv.find("topics,sleep,contacts,2\r\n") != std::string::npos);
    CHECK(csv.find("escalation_outcomes,warm-transfer,count,1\r\n") != std::string::npos);
    CHECK(csv.find("callers,all,repeatCallers,1\r\n") != std::string::npos);
    // A formula is defused, and a comma or quote is quoted.
    CHECK(csv.find("topics,\"'=cmd, \"\"x\"\"\",contacts,1\r\n") != std::string::npos);
    // Every line has exactly four cells outside quotes.
    std::size_t lines = 0;
    std::size_t start = 0;
    while (start < csv.size()) {
        const auto end = csv.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        int commas = 0;
        bool quoted = false;
        for (std::size_t i = start; i < end; ++i) {
            if (csv[i] == '"') {
                quoted = !quoted;
            } else if (csv[i] == ',' && !quoted) {
                ++commas;
            }
        }
        CHECK(commas == 3);
        ++lines;
        start = end + 2;
    }
    CHECK(lines > 60);
}

TEST_CASE("the review list filters ended contacts, searches notes and pages")
{
    Known k;
    ReviewStore store(k.repo);
    ReviewFilter all;
    auto page = store.list(all);
    // Ended contacts, newest first; F is still queued.
    CHECK(idsOf(page) == std::vector<Id>{k.h, k.e, k.d, k.c, k.b, k.a, k.g});
    CHECK(page.total == 7);
    CHECK_FALSE(page.next);

    ReviewFilter f;
    f.channel = Channel::Call;
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.e, k.d});
    f = {};
    f.operatorId = k.lee;
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.e, k.c});
    f = {};
    f.topic = "sleep";
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.c, k.a});
    f = {};
    f.escalated = true;
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.e, k.a});
    f.escalated = false;
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.h, k.d, k.c, k.b, k.g});
    f = {};
    f.risk = RiskLevel::High;
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.e});
    f = {};
    f.from = kT0;
    f.to = kT0 + kDay;
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.c, k.b, k.a});

    // Full text: the wrap-up note, a caller note written in the contact, a
    // prefix, and syntax that must not break the query.
    f = {};
    f.search = "garden";
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.a});
    f.search = "BISCUIT";
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.b});
    f.search = "sleep";
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.a});
    f.search = "\"garden OR (";
    CHECK(store.list(f).rows.empty());
    f.search = "  ";
    CHECK(store.list(f).rows.empty());

    // Reviewed and follow-up marks.
    store.setReviewed(k.a, k.jo, kT0 + 3 * kDay);
    store.setFollowUp(k.b, true, "Check the referral was made.");
    f = {};
    f.unreviewedOnly = true;
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.h, k.e, k.d, k.c, k.b, k.g});
    f = {};
    f.followUpOnly = true;
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.b});
    const auto row = store.row(k.a);
    REQUIRE(row);
    CHECK(row->reviewedBy == "jo");
    CHECK(row->reviewedAt == kT0 + 3 * kDay);
    CHECK(row->escalated);
    CHECK(row->durationMs == 10 * kMinute);
    store.setReviewed(k.a, std::nullopt, 0);
    CHECK_FALSE(store.row(k.a)->reviewedAt);

    // Pages of 3 cover everything once, in order.
    ReviewFilter paged;
    paged.limit = 3;
    std::vector<Id> seen;
    for (int i = 0; i < 5; ++i) {
        const auto p = store.list(paged);
        CHECK(p.total == 7);
        const auto ids = idsOf(p);
        seen.insert(seen.end(), ids.begin(), ids.end());
        if (!p.next) {
            break;
        }
        paged.after = p.next;
    }
    CHECK(seen == std::vector<Id>{k.h, k.e, k.d, k.c, k.b, k.a, k.g});
}

TEST_CASE("a contact's review record holds its thread, wrap-up, escalations and comments")
{
    Known k;
    ReviewStore store(k.repo);
    const auto comment =
        store.addComment(k.e, k.jo, "Good call to transfer early.", kT0 + 3 * kDay);
    CHECK(comment.operatorId == k.lee);
    CHECK(comment.authorName == "jo");
    CHECK(comment.alias == "Alias d");

    const auto d = store.detail(k.e);
    REQUIRE(d);
    CHECK(d->row.channel == Channel::Call);
    CHECK(d->row.risk == RiskLevel::High);
    CHECK(d->note == "Warm transfer to the crisis line.");
    REQUIRE(d->escalations.size() == 2);
    CHECK(d->escalations[0].level == "high");
    CHECK(d->escalations[0].outcome == "warm-transfer");
    CHECK(d->escalations[0].openedBy == "lee");
    REQUIRE(d->escalations[0].steps.size() == 2);
    CHECK(d->escalations[0].steps[1].kind == "warm-transfer");
    CHECK(d->escalations[0].steps[1].detail == R"({"to":"988"})");
    CHECK(d->escalations[1].state == "open");
    REQUIRE(d->comments.size() == 1);
    CHECK(d->comments[0].body == "Good call to transfer early.");

    const auto b = store.detail(k.b);
    REQUIRE(b);
    REQUIRE(b->messages.size() == 1);
    CHECK(b->messages[0].body == "everything feels too much");
    REQUIRE(b->callerNotes.size() == 1);
    CHECK(b->callerNotes[0].operatorName == "sam");
    CHECK(b->referrals == std::vector<std::string>{"peer support group"});
    CHECK_FALSE(store.detail(9999));

    // The JSON never carries a number.
    const auto json = boost::json::serialize(link::toJson(*b));
    CHECK(json.find("+1555") == std::string::npos);
    CHECK(json.find("sealed") == std::string::npos);

    // The operator's comments, and reading them.
    CHECK(store.unreadCommentCount(k.lee) == 1);
    CHECK(store.commentsFor(k.lee, true, 10).size() == 1);
    CHECK_FALSE(store.markCommentRead(comment.id, k.sam, kT0)); // not sam's
    CHECK(store.markCommentRead(comment.id, k.lee, kT0 + 4 * kDay));
    CHECK(store.unreadCommentCount(k.lee) == 0);
    CHECK(store.commentsFor(k.lee, true, 10).empty());
    CHECK(store.commentsFor(k.lee, false, 10).at(0).readAt == kT0 + 4 * kDay);
}

TEST_CASE("the audit log is append-only, in the schema itself")
{
    Known k;
    AuditLog log(k.db);
    const Id first = log.append(kT0, k.jo, audit::kContactOpen, k.a, k.callerOf(k.a));
    log.append(kT0 + 1, k.jo, audit::kCallerReveal, k.b, k.callerOf(k.b));
    log.append(kT0 + 2, std::nullopt, audit::kRetentionPurge, std::nullopt, std::nullopt,
               R"({"contacts":3})");

    CHECK_THROWS_WITH(
        k.db.exec("UPDATE audit_log SET action = 'nothing' WHERE id = " + std::to_string(first)),
        Catch::Contains("append-only"));
    CHECK_THROWS_WITH(k.db.exec("DELETE FROM audit_log"), Catch::Contains("append-only"));

    const auto all = log.list({});
    REQUIRE(all.size() == 3);
    CHECK(all[0].action == "retention.purge"); // newest first
    CHECK_FALSE(all[0].operatorId);
    CHECK(all[2].operatorName == "jo");
    CHECK(all[2].contactId == k.a);
    AuditFilter f;
    f.action = "caller.reveal";
    CHECK(log.list(f).size() == 1);
    f = {};
    f.contactId = k.a;
    CHECK(log.list(f).size() == 1);
    f = {};
    f.beforeId = all[0].id;
    f.limit = 1;
    const auto older = log.list(f);
    REQUIRE(older.size() == 1);
    CHECK(older[0].id == all[1].id);
}

TEST_CASE("retention blanks content of old contacts and keeps what reports count")
{
    Known k;
    ReviewStore store(k.repo);
    store.addComment(k.a, k.jo, "Nice work.", kT0 + 3 * kDay);
    const auto before = boost::json::serialize(
        toJson(computeReport(k.db, {kT0 - kDay, kT0 + 3 * kDay, 0}, ReportTargets{})));

    // Cutoff after A..E closed but before H: G A B C D E are purged.
    const EpochMs cutoff = kT0 + 2 * kDay - kMinute;
    const auto r = purgeContentBefore(k.db, cutoff, kT0 + 5 * kDay, 4);
    CHECK(r.contacts == 4);
    CHECK(r.more);
    const auto r2 = purgeContentBefore(k.db, cutoff, kT0 + 5 * kDay, 4);
    CHECK(r2.contacts == 2);
    CHECK_FALSE(r2.more);
    CHECK(purgeContentBefore(k.db, cutoff, kT0 + 5 * kDay).contacts == 0);

    const auto a = store.detail(k.a);
    REQUIRE(a);
    CHECK(a->purgedAt == kT0 + 5 * kDay);
    CHECK(a->note.empty());
    REQUIRE(a->messages.size() == 1);
    CHECK(a->messages[0].body.empty());
    CHECK(a->comments.at(0).body.empty());
    CHECK(a->row.topics == std::vector<std::string>{"sleep", "loneliness"});
    CHECK(a->row.messageCount == 1);
    CHECK(store.detail(k.b)->callerNotes.at(0).body.empty());
    const auto e = store.detail(k.e);
    CHECK(e->escalations.at(0).steps.at(0).detail == "{}");
    CHECK(e->escalations.at(0).outcome == "warm-transfer");
    // H (closed after the cutoff) and the open F keep their words.
    CHECK(store.detail(k.h)->note == "Quick hello.");
    CHECK(store.detail(k.f)->messages.at(0).body == "still there?");

    // Search no longer finds purged notes; reports are unchanged.
    ReviewFilter f;
    f.search = "garden";
    CHECK(store.list(f).rows.empty());
    f.search = "hello";
    CHECK(idsOf(store.list(f)) == std::vector<Id>{k.h});
    const auto after = boost::json::serialize(
        toJson(computeReport(k.db, {kT0 - kDay, kT0 + 3 * kDay, 0}, ReportTargets{})));
    CHECK(after == before);
    CHECK(retentionCutoff(kT0, 0) == 0);
    CHECK(retentionCutoff(kT0, 30) == kT0 - 30 * kDay);
}

TEST_CASE("line settings come from the file, an admin overrides them, a reset restores them")
{
    GatewayConfig config;
    config.limits.callsPerDay = 5;
    config.line.hoursText = "mon-fri 09:00-21:00";
    auto s = LineSettings::fromConfig(config);
    CHECK(s.find("limits.calls_per_day")->source == LineSetting::Source::File);
    CHECK(s.find("limits.minutes_per_call")->source == LineSetting::Source::Default);
    CHECK(s.limits().callsPerDay == 5);
    CHECK_FALSE(s.hours().alwaysOpen());

    s.setOverride("limits.calls_per_day", " +2 ", kT0, "admin");
    CHECK(s.value("limits.calls_per_day") == "2");
    CHECK(s.find("limits.calls_per_day")->source == LineSetting::Source::Admin);
    CHECK(s.find("limits.calls_per_day")->setBy == "admin");
    s.setOverride("line.hours", "", kT0, "admin");
    CHECK(s.hours().alwaysOpen());
    s.setOverride("retention.content_days", "90", kT0, "admin");
    CHECK(s.retentionDays() == 90);
    s.setOverride("targets.answer_seconds", "30", kT0, "admin");
    CHECK(s.targets().answerSeconds == 30);

    CHECK_THROWS_WITH(s.setOverride("limits.calls_per_day", "-1", kT0, "admin"),
                      Catch::Contains("an integer 0..1000"));
    CHECK_THROWS_WITH(s.setOverride("line.hours", "mon 25:00-26:00", kT0, "admin"),
                      Catch::Contains("line.hours"));
    CHECK_THROWS_WITH(s.setOverride("http.port", "80", kT0, "admin"),
                      Catch::Contains("config file only"));
    CHECK_THROWS_WITH(s.setOverride("nope.key", "1", kT0, "admin"), Catch::Contains("unknown"));
    CHECK(s.value("limits.calls_per_day") == "2"); // a refused value changes nothing

    s.clearOverride("limits.calls_per_day");
    CHECK(s.value("limits.calls_per_day") == "5");
    CHECK(s.find("limits.calls_per_day")->source == LineSetting::Source::File);

    // Stored overrides round-trip through the table.
    Known k;
    storeLineSetting(k.db, "limits.calls_per_day", "4", kT0, k.jo);
    storeLineSetting(k.db, "limits.calls_per_day", "6", kT0 + 1, k.jo);
    const auto stored = loadLineSettingOverrides(k.db);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].value == "6");
    CHECK(stored[0].setBy == "jo");
    CHECK(removeLineSetting(k.db, "limits.calls_per_day"));
    CHECK_FALSE(removeLineSetting(k.db, "limits.calls_per_day"));
}

TEST_CASE("search words are quoted for FTS5 and JSON string arrays read fast and safely")
{
    CHECK(ftsMatchExpression("") == "");
    CHECK(ftsMatchExpression("sleep") == "\"sleep\"*");
    CHECK(ftsMatchExpression(" dog  walk ") == "\"dog\" \"walk\"*");
    CHECK(ftsMatchExpression("say \"hi\" OR") == "\"say\" \"\"\"hi\"\"\" \"OR\"*");

    CHECK(stringsOfJsonArray(R"(["a","b c"])") == std::vector<std::string>{"a", "b c"});
    CHECK(stringsOfJsonArray(R"( [ "a" , "b" ] )") == std::vector<std::string>{"a", "b"});
    CHECK(stringsOfJsonArray(R"(["say \"hi\"","\u00e9"])") ==
          std::vector<std::string>{"say \"hi\"", "\xc3\xa9"});
    CHECK(stringsOfJsonArray("[]").empty());
    CHECK(stringsOfJsonArray("not json").empty());
    CHECK(stringsOfJsonArray(R"(["unterminated)").empty());
    CHECK(stringsOfJsonArray(R"([1,"x"])") == std::vector<std::string>{"x"});
    CHECK(jsonArrayOf({"en", "es"}) == R"(["en","es"])");
}

TEST_CASE("review filters and cursors are read from a request")
{
    boost::json::object p{{"from", "2026-11-16"}, {"to", "2026-11-16"}, {"channel", "call"},
                          {"risk", "high"},       {"escalated", true},  {"unreviewed", true},
                          {"search", "garden"},   {"limit", 10}};
    const auto f = link::reviewFilterFromJson(p, 0);
    CHECK(f.from == kT0);
    CHECK(f.to == kT0 + kDay); // a `to` date includes its day
    CHECK(f.channel == Channel::Call);
    CHECK(f.risk == RiskLevel::High);
    CHECK(f.escalated == true);
    CHECK(f.unreviewedOnly);
    CHECK(f.limit == 10);
    CHECK(link::parseCursor(link::cursorText({kT0, 42}))->id == 42);
    CHECK_FALSE(link::parseCursor("12x:3"));
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"limit", 0}}, 0), link::LinkError);
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"channel", "fax"}}, 0), link::LinkError);
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"from", "yesterday"}}, 0), link::LinkError);
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"escalated", "yes"}}, 0), link::LinkError);
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"cursor", "x"}}, 0), link::LinkError);
}

TEST_CASE("the review migration applies on top of a schema-5 store and indexes its notes")
{
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(migrate(db, 5) == 0);
    db.exec("INSERT INTO operators (id, name, password_hash, role, created_at) "
            "VALUES (1, 'sam', 'x', 'operator', 1000)");
    db.exec("INSERT INTO callers (id, number_hash, number_enc, alias, created_at) "
            "VALUES (1, x'01', x'02', 'Amber Heron 417', 1000)");
    db.exec("INSERT INTO contacts (id, caller_id, channel, state, created_at, queued_at, "
            "accepted_at, closed_at, operator_id, wrapup_note) VALUES "
            "(1, 1, 'text', 'closed', 1000, 1000, 2000, 62000, 1, 'talked about the allotment'), "
            "(2, 1, 'text', 'closed', 90000, 90000, 91000, 99000, 1, NULL)");
    db.exec("INSERT INTO caller_notes (caller_id, contact_id, body, at, operator_id) "
            "VALUES (1, 2, 'plays the cello', 95000, 1)");
    CHECK(migrate(db) == 5);
    CHECK(schemaVersion(db) == latestSchemaVersion());
    Repository repo(db);
    ReviewStore store(repo);
    ReviewFilter f;
    f.search = "allotment";
    CHECK(idsOf(store.list(f)) == std::vector<Id>{1});
    f.search = "cello";
    CHECK(idsOf(store.list(f)) == std::vector<Id>{2});
    CHECK(repo.operators().operatorByName("sam")->account.languages.empty());
}

TEST_CASE("report.get's example in docs/protocol.md is what the code produces")
{
    // The store of the example: day 1 a text from caller 1 at 10:00 answered
    // after 20 s and handled 8 min, a text from caller 2 at 10:30 answered
    // after 100 s and handled 12 min, a call from caller 1 at 18:00
    // abandoned; day 2 a call from caller 3 at 09:15 answered after 40 s and
    // closed after 20 min, with one escalation.
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    db.exec("INSERT INTO operators (id, name, password_hash, role, created_at) "
            "VALUES (1, 'sam', 'x', 'operator', 0)");
    db.exec("INSERT INTO callers (id, number_hash, number_enc, alias, created_at) VALUES "
            "(1, 'h1', 'x', 'One', 0), (2, 'h2', 'x', 'Two', 0), (3, 'h3', 'x', 'Three', 0)");
    auto add = [&db](Id caller, const char* channel, EpochMs at, std::optional<EpochMs> wait,
                     EpochMs wrapAfter, EpochMs closeAfter, const char* state, const char* topics) {
        SQLite::Statement q(db, "INSERT INTO contacts (caller_id, channel, state, created_at, "
                                "queued_at, accepted_at, wrapup_at, closed_at, operator_id, "
                                "outcome, helped, topics) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                "'supported', 'yes', ?)");
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
            q.bind(9, 1);
        }
        q.bind(8, at + wait.value_or(0) + closeAfter);
        q.bind(10, topics);
        q.exec();
        return db.getLastInsertRowid();
    };
    add(1, "text", kT0 + 10 * kHour, 20'000, 8 * kMinute, 9 * kMinute, "closed", R"(["sleep"])");
    add(2, "text", kT0 + 10 * kHour + 30 * kMinute, 100'000, 12 * kMinute, 13 * kMinute, "closed",
        R"(["sleep","money"])");
    add(1, "call", kT0 + 18 * kHour, std::nullopt, 0, kMinute, "abandoned", "[]");
    const Id escalated = add(3, "call", kT0 + kDay + 9 * kHour + 15 * kMinute, 40'000, 0,
                             20 * kMinute, "closed", R"(["money"])");
    db.exec("INSERT INTO escalations (contact_id, level, source, state, opened_at, outcome) "
            "VALUES (" +
            std::to_string(escalated) + ", 'high', 'text', 'closed', 0, 'warm-transfer')");

    std::ifstream in(std::string(WARMLINE_SOURCE_DIR) + "/docs/protocol.md");
    REQUIRE(in);
    std::string line;
    std::string example;
    while (std::getline(in, line)) {
        if (line.rfind(R"({"type":"ack","re":"27")", 0) == 0) {
            example = line;
        }
    }
    REQUIRE_FALSE(example.empty());
    const auto documented = boost::json::parse(example).at("data").at("report");
    const auto produced = toJson(computeReport(db, {kT0, kT0 + 2 * kDay, 0}, ReportTargets{}));
    CHECK(boost::json::value(produced) == documented);
}
