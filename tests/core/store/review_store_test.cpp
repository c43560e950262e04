// Supervisor review, the audit log, line settings and retention in the store
// (migration 5), on a store filled with known contacts through the same
// Repository calls the gateway makes (ReviewStoreFixture.h). Reports are in
// review_reports_test.cpp.

#include "ReviewStoreFixture.h"
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
using namespace warmline::test;

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
    addDebrief(k.db, k.a, k.jo, "synthetic: that one stayed with me.", kT0 + 3 * kDay);
    REQUIRE(store.detail(k.a)->debriefs.at(0).body == "synthetic: that one stayed with me.");
    recordReferral(k.db, k.a, k.jo, "svc-03", "Despensa de Alimentos San Mateo", 1, "read",
                   "Despensa de Alimentos San Mateo\n(208) 555-0102", std::nullopt, kT0 + 3 * kDay);
    REQUIRE(store.detail(k.a)->referralsGiven.at(0).snapshot ==
            "Despensa de Alimentos San Mateo\n(208) 555-0102");
    CHECK_THROWS_AS(
        recordReferral(k.db, k.a, k.jo, "svc-03", "x", 1, "email", "x", std::nullopt, kT0),
        std::invalid_argument);
    const auto before = boost::json::serialize(
        toJson(computeReport(k.db, {kT0 - kDay, kT0 + 3 * kDay, TimeZone()}, ReportTargets{})));
    CHECK(
        before.find(R"("referrals":{"total":1,"contacts":1,"byHow":[{"how":"read","count":1}])") !=
        std::string::npos);

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
    CHECK(a->debriefs.at(0).body.empty());
    // What was shared is blanked with the contact; which resource stays, counted.
    CHECK(a->referralsGiven.at(0).snapshot.empty());
    CHECK(a->referralsGiven.at(0).resourceName == "Despensa de Alimentos San Mateo");
    CHECK(a->referralsGiven.at(0).how == "read");
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
        toJson(computeReport(k.db, {kT0 - kDay, kT0 + 3 * kDay, TimeZone()}, ReportTargets{})));
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
    const auto f = link::reviewFilterFromJson(p, TimeZone());
    CHECK(f.from == kT0);
    CHECK(f.to == kT0 + kDay); // a `to` date includes its day
    CHECK(f.channel == Channel::Call);
    CHECK(f.risk == RiskLevel::High);
    CHECK(f.escalated == true);
    CHECK(f.unreviewedOnly);
    CHECK(f.limit == 10);
    CHECK(link::parseCursor(link::cursorText({kT0, 42}))->id == 42);
    CHECK_FALSE(link::parseCursor("12x:3"));
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"limit", 0}}, TimeZone()), link::LinkError);
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"channel", "fax"}}, TimeZone()), link::LinkError);
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"from", "yesterday"}}, TimeZone()),
                    link::LinkError);
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"escalated", "yes"}}, TimeZone()),
                    link::LinkError);
    CHECK_THROWS_AS(link::reviewFilterFromJson({{"cursor", "x"}}, TimeZone()), link::LinkError);
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
