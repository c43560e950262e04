// Reports from the store: figures, local-time buckets, periods, CSV and the
// documented report.get example, checked against values worked out by hand
// from the known contacts in ReviewStoreFixture.h.

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

TEST_CASE("a report over known contacts gives the figures worked out by hand")
{
    Known k;
    const Report r = computeReport(k.db, {kT0, kT0 + 2 * kDay, TimeZone()}, ReportTargets{});

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
    const Report r =
        computeReport(k.db, {*from, *from + 2 * kDay, TimeZone::fixed(120)}, ReportTargets{});
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
    CHECK_THROWS_AS(computeReport(k.db, {kT0, kT0, TimeZone()}, {}), std::invalid_argument);
    CHECK_THROWS_AS(computeReport(k.db, {kT0, kT0 + 733 * kDay, TimeZone()}, {}),
                    std::invalid_argument);
    CHECK(localDate(kT0, 0) == "2026-11-16");
    CHECK(localDate(kT0 - 1, 0) == "2026-11-15");
    CHECK(localDate(kT0 - 1, 60) == "2026-11-16");
    CHECK(localDayStart("2026-11-16", 0) == kT0);
    CHECK_FALSE(localDayStart("2026-13-01", 0));
    CHECK_FALSE(localDayStart("2026-02-30", 0));
    CHECK_FALSE(localDayStart("16/11/2026", 0));
    const Report empty = computeReport(k.db, {kT0 + 10 * kDay, kT0 + 11 * kDay, TimeZone()}, {});
    CHECK(empty.totals.contacts == 0);
    CHECK(empty.abandonRate() == 0.0);
    CHECK(empty.answerTime.count == 0);
}

TEST_CASE("a report's CSV has one row per figure and quotes what needs it")
{
    Known k;
    auto json = toJson(computeReport(k.db, {kT0, kT0 + 2 * kDay, TimeZone()}, ReportTargets{}));
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
    const auto produced =
        toJson(computeReport(db, {kT0, kT0 + 2 * kDay, TimeZone()}, ReportTargets{}));
    CHECK(boost::json::value(produced) == documented);
}
