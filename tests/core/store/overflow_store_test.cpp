// The overflow record (core/store/Overflow.h) on a real SQLite store: each
// step is a row on the contact, read back in order and in the supervisor's
// review; an unknown step is refused by the code and by the table; a contact
// the partner line took is closed with no operator, once; and reports count
// the period's contacts by step, in all and by local day. Data synthetic.

#include "ReviewStoreFixture.h"

#include "core/store/Overflow.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace warmline;
using namespace warmline::test;

TEST_CASE("overflow steps are kept on the contact, in order, and shown in its review",
          "[store][overflow]")
{
    Known k;
    const EpochMs at = kT0 + 2 * kDay + 9 * kHour;
    recordOverflow(k.db, k.f, overflow::kTexted, k.lee, "", at);
    recordOverflow(k.db, k.d, overflow::kOffered, std::nullopt, "", at + kSecond);
    recordOverflow(k.db, k.d, overflow::kAccepted, std::nullopt, "", at + 2 * kSecond);
    const auto failed = recordOverflow(k.db, k.d, overflow::kFailed, std::nullopt,
                                       "The partner line is busy (486).", at + 3 * kSecond);
    CHECK(failed.kind == "failed");
    CHECK(failed.detail == "The partner line is busy (486).");
    CHECK_FALSE(failed.leadId.has_value());

    const auto d = overflowOf(k.db, k.d);
    REQUIRE(d.size() == 3);
    CHECK(d[0].kind == "offered");
    CHECK(d[1].kind == "accepted");
    CHECK(d[2].kind == "failed");
    CHECK(d[2].at == at + 3 * kSecond);
    const auto f = overflowOf(k.db, k.f);
    REQUIRE(f.size() == 1);
    REQUIRE(f[0].leadId.has_value());
    CHECK(*f[0].leadId == k.lee);

    ReviewStore review(k.repo);
    const auto detail = review.detail(k.d);
    REQUIRE(detail.has_value());
    REQUIRE(detail->overflow.size() == 3);
    CHECK(detail->overflow[1].kind == "accepted");
    CHECK(overflowOf(k.db, k.a).empty());
}

TEST_CASE("an unknown overflow step is refused by the code and by the table", "[store][overflow]")
{
    Known k;
    CHECK_THROWS_AS(recordOverflow(k.db, k.f, "forwarded", std::nullopt, "", kT0),
                    std::invalid_argument);
    CHECK_THROWS(k.db.exec("INSERT INTO contact_overflow (contact_id, kind, at) "
                           "VALUES (" +
                           std::to_string(k.f) + ", 'forwarded', 0)"));
    CHECK(overflowOf(k.db, k.f).empty());
}

TEST_CASE("a contact the partner line took is closed with no operator, once", "[store][overflow]")
{
    Known k;
    const EpochMs at = kT0 + 3 * kDay;
    CHECK(closeOverflowed(k.db, k.f, at));
    SQLite::Statement q(k.db, "SELECT state, closed_at, operator_id IS NULL FROM contacts "
                              "WHERE id = ?");
    q.bind(1, k.f);
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "closed");
    CHECK(q.getColumn(1).getInt64() == at);
    CHECK(q.getColumn(2).getInt() == 1);
    // Already closed, or abandoned: nothing changes.
    CHECK_FALSE(closeOverflowed(k.db, k.f, at + kHour));
    CHECK_FALSE(closeOverflowed(k.db, k.d, at));
}

TEST_CASE("reports count the period's contacts by the overflow steps they reached, in CSV too",
          "[store][overflow][reports]")
{
    Known k;
    // D (a call on day 2) was offered, pressed 1, failed, then was put
    // through; F (a text on day 2) was sent the number; G (day 0) is
    // outside the period.
    const EpochMs at = kT0 + 2 * kDay;
    recordOverflow(k.db, k.d, overflow::kOffered, std::nullopt, "", at);
    recordOverflow(k.db, k.d, overflow::kAccepted, std::nullopt, "", at + 1);
    recordOverflow(k.db, k.d, overflow::kFailed, std::nullopt, "busy", at + 2);
    recordOverflow(k.db, k.d, overflow::kAccepted, std::nullopt, "", at + 3);
    recordOverflow(k.db, k.d, overflow::kConnected, std::nullopt, "", at + 4);
    recordOverflow(k.db, k.f, overflow::kTexted, std::nullopt, "", at + 5);
    recordOverflow(k.db, k.g, overflow::kTexted, std::nullopt, "", kT0 - kHour);
    // H (a text on day 3) was sent the number too, twice: it counts once.
    recordOverflow(k.db, k.h, overflow::kTexted, std::nullopt, "", kT0 + 2 * kDay + kMinute);
    recordOverflow(k.db, k.h, overflow::kTexted, std::nullopt, "", kT0 + 2 * kDay + kHour);

    const Report r = computeReport(k.db, {kT0, kT0 + 3 * kDay, TimeZone()}, ReportTargets{});
    CHECK(r.overflow.offered == 1);
    CHECK(r.overflow.accepted == 1);
    CHECK(r.overflow.connected == 1);
    CHECK(r.overflow.texted == 2);
    // By the local day each contact arrived: D and F on 2026-11-17, H on the 18th.
    REQUIRE(r.overflowByDay.size() == 2);
    CHECK(r.overflowByDay[0].first == "2026-11-17");
    CHECK(r.overflowByDay[0].second.connected == 1);
    CHECK(r.overflowByDay[0].second.offered == 1);
    CHECK(r.overflowByDay[0].second.texted == 1);
    CHECK(r.overflowByDay[1].first == "2026-11-18");
    CHECK(r.overflowByDay[1].second.texted == 1);
    CHECK(r.overflowByDay[1].second.connected == 0);
    const auto json = toJson(r);
    CHECK(json.at("overflow").at("connected") == 1);
    const auto& days = json.at("overflow").at("byDay").as_array();
    REQUIRE(days.size() == 2);
    CHECK(days[1].at("date") == "2026-11-18");
    CHECK(days[1].at("texted") == 1);
    const auto csv = reportCsv(json);
    CHECK(csv.find("overflow,all,connected,1\r\n") != std::string::npos);
    CHECK(csv.find("overflow,all,texted,2\r\n") != std::string::npos);
    CHECK(csv.find("overflow_by_day,2026-11-17,connected,1\r\n") != std::string::npos);
    CHECK(csv.find("overflow_by_day,2026-11-18,texted,1\r\n") != std::string::npos);
    CHECK(csv.find("overflow_by_day,2026-11-18,connected,0\r\n") != std::string::npos);

    // An hour east of UTC, F (23:59:30 UTC) arrived on the 18th with H.
    const Report east =
        computeReport(k.db, {kT0, kT0 + 3 * kDay, TimeZone::fixed(60)}, ReportTargets{});
    REQUIRE(east.overflowByDay.size() == 2);
    CHECK(east.overflowByDay[0].second.texted == 0);
    CHECK(east.overflowByDay[0].second.connected == 1);
    CHECK(east.overflowByDay[1].second.texted == 2);
}
