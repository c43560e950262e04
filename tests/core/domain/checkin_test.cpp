// Check-ins a caller asks for: the schedule's words (days, times, weekdays),
// its rules, and its occurrences in the caller's zone across summer time.
// Expected instants are worked out by hand from the zones' rules (US: summer
// time from the second Sunday in March 02:00 to the first Sunday in November
// 02:00; UK: last Sunday in March 01:00 UTC).

#include "core/domain/CheckIn.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

using namespace warmline;

namespace {

/// Days since 1970-01-01 of a calendar date (not through parseLocalDay,
/// which is under test).
std::int64_t day(int y, unsigned m, unsigned d)
{
    using namespace std::chrono;
    return sys_days{year_month_day{year{y}, month{m}, std::chrono::day{d}}}
        .time_since_epoch()
        .count();
}

/// Epoch ms of "2026-10-30T20:00Z" (exactly that shape).
EpochMs at(std::string_view iso)
{
    const auto num = [iso](std::size_t pos, std::size_t len) {
        return std::stoi(std::string(iso.substr(pos, len)));
    };
    REQUIRE(iso.size() == 17);
    REQUIRE(iso[10] == 'T');
    REQUIRE(iso[16] == 'Z');
    const auto d =
        day(num(0, 4), static_cast<unsigned>(num(5, 2)), static_cast<unsigned>(num(8, 2)));
    return d * 86'400'000 + num(11, 2) * 3'600'000LL + num(14, 2) * 60'000LL;
}

bool mentions(const std::string& message, std::string_view what)
{
    return message.find(what) != std::string::npos;
}

constexpr std::uint8_t kMon = 1, kTue = 2, kWed = 4, kFri = 16;
constexpr std::uint8_t kDaily = 127;

/// Tuesdays and Fridays at 16:00, 27 October to 10 November 2026.
CheckInSchedule tuesdaysAndFridays()
{
    CheckInSchedule s;
    s.minuteOfDay = 16 * 60;
    s.weekdays = kTue | kFri;
    s.firstDay = day(2026, 10, 27);
    s.lastDay = day(2026, 11, 10);
    return s;
}

} // namespace

TEST_CASE("local days are read and written as YYYY-MM-DD", "[checkin]")
{
    CHECK(parseLocalDay("1970-01-01") == 0);
    CHECK(parseLocalDay("1969-12-31") == -1);
    CHECK(parseLocalDay("2026-11-03") == 20760);
    CHECK(parseLocalDay("2024-02-29") == 19782);
    CHECK(parseLocalDay("2026-10-27") == day(2026, 10, 27));
    CHECK(parseLocalDay("9999-12-31") == day(9999, 12, 31));

    for (const char* bad :
         {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-32",
          "2026-11-3", "26-11-03", "2026/11/03", "", "2026-11-03 ", " 2026-11-03", "2026-11-0x",
          "+026-11-03", "2026-1-103", "20261103", "2026-11-03T00:00"}) {
        INFO(bad);
        CHECK_FALSE(parseLocalDay(bad));
    }

    CHECK(formatLocalDay(0) == "1970-01-01");
    CHECK(formatLocalDay(-1) == "1969-12-31");
    CHECK(formatLocalDay(20760) == "2026-11-03");
    CHECK(formatLocalDay(19782) == "2024-02-29");
    for (std::int64_t d = -800; d < 40'000; d += 37) {
        CHECK(parseLocalDay(formatLocalDay(d)) == d);
    }
    // Past the year 9999 there is no date to write: the number instead.
    CHECK(formatLocalDay(5'000'000) == "5000000");
}

TEST_CASE("clock times are H:MM or HH:MM on a 24-hour clock", "[checkin]")
{
    CHECK(parseClockTime("16:00") == 960);
    CHECK(parseClockTime("09:05") == 545);
    CHECK(parseClockTime("4:05") == 245);
    CHECK(parseClockTime("0:00") == 0);
    CHECK(parseClockTime("00:00") == 0);
    CHECK(parseClockTime("23:59") == 1439);

    for (const char* bad :
         {"24:00", "12:60", "4pm", "", "16", "16:0", "16:000", "016:00", ":30", "16:", "-1:00",
          " 4:05", "4:05 ", "16.00", "1a:00", "4:5", "16:00:00", "4:05pm"}) {
        INFO(bad);
        CHECK_FALSE(parseClockTime(bad));
    }

    CHECK(formatClockTime(960) == "16:00");
    CHECK(formatClockTime(245) == "04:05");
    CHECK(formatClockTime(0) == "00:00");
    CHECK(formatClockTime(1439) == "23:59");
    for (int m = 0; m < 24 * 60; ++m) {
        CHECK(parseClockTime(formatClockTime(m)) == m);
    }
}

TEST_CASE("weekdays are three-letter names or daily, weekdays, once", "[checkin]")
{
    CHECK(parseWeekdays("tue,fri") == (kTue | kFri));
    CHECK(parseWeekdays("Mon, Wed") == (kMon | kWed));
    CHECK(parseWeekdays(" sat , SUN ") == 96);
    CHECK(parseWeekdays("thu") == 8);
    CHECK(parseWeekdays("mon,mon") == kMon);
    CHECK(parseWeekdays("daily") == kDaily);
    CHECK(parseWeekdays("Daily") == kDaily);
    CHECK(parseWeekdays("weekdays") == 31);
    CHECK(parseWeekdays("WEEKDAYS") == 31);
    CHECK(parseWeekdays("once") == 0);
    CHECK(parseWeekdays("mon,tue,wed,thu,fri,sat,sun") == kDaily);

    for (const char* bad : {"", " ", ",", "mon,", ",mon", "mon,,tue", "monday", "tues", "mon;tue",
                            "mon tue", "daily,mon", "never", "weekends", "m", "lun"}) {
        INFO(bad);
        CHECK_FALSE(parseWeekdays(bad));
    }

    CHECK(formatWeekdays(kTue | kFri) == "tue,fri");
    CHECK(formatWeekdays(kMon | kWed) == "mon,wed");
    CHECK(formatWeekdays(96) == "sat,sun");
    CHECK(formatWeekdays(kDaily) == "daily");
    CHECK(formatWeekdays(31) == "weekdays");
    CHECK(formatWeekdays(0) == "once");
    for (int w = 0; w < 128; ++w) {
        const auto bits = static_cast<std::uint8_t>(w);
        CHECK(parseWeekdays(formatWeekdays(bits)) == bits);
    }
}

TEST_CASE("a schedule is refused with the rule it breaks", "[checkin]")
{
    CHECK(validateCheckIn(tuesdaysAndFridays()).empty());

    SECTION("the time of day is on the clock")
    {
        auto s = tuesdaysAndFridays();
        s.minuteOfDay = 0;
        CHECK(validateCheckIn(s).empty());
        s.minuteOfDay = 1439;
        CHECK(validateCheckIn(s).empty());
        s.minuteOfDay = 1440;
        CHECK(mentions(validateCheckIn(s), "23:59"));
        s.minuteOfDay = -1;
        CHECK(mentions(validateCheckIn(s), "23:59"));
    }
    SECTION("weekdays are seven bits")
    {
        auto s = tuesdaysAndFridays();
        s.weekdays = 128 | kTue;
        CHECK(mentions(validateCheckIn(s), "days of the week"));
    }
    SECTION("a repeating schedule ends on a day or after a number of times")
    {
        auto s = tuesdaysAndFridays();
        s.lastDay.reset();
        CHECK(mentions(validateCheckIn(s), "last day or a number of times"));
        s.times = 6;
        CHECK(validateCheckIn(s).empty());
        s.lastDay = day(2026, 11, 10);
        CHECK(validateCheckIn(s).empty());
        // Once needs neither.
        CheckInSchedule once;
        once.firstDay = day(2026, 12, 24);
        CHECK(validateCheckIn(once).empty());
    }
    SECTION("the last day is not before the first")
    {
        auto s = tuesdaysAndFridays();
        s.lastDay = day(2026, 10, 26);
        const std::string why = validateCheckIn(s);
        CHECK(mentions(why, "before the first day"));
        CHECK(mentions(why, "2026-10-26"));
        CHECK(mentions(why, "2026-10-27"));
        s.lastDay = s.firstDay; // a Tuesday: one check-in
        CHECK(validateCheckIn(s).empty());
    }
    SECTION("a schedule runs for at most a year")
    {
        auto s = tuesdaysAndFridays();
        s.lastDay = s.firstDay + kCheckInMaxSpanDays;
        CHECK(validateCheckIn(s).empty());
        s.lastDay = s.firstDay + kCheckInMaxSpanDays + 1;
        const std::string why = validateCheckIn(s);
        CHECK(mentions(why, "366 days"));
        // 2026-10-27 + 366 days (2027-10-27 is 365 on: no 29 February).
        CHECK(mentions(why, "2027-10-28"));
    }
    SECTION("times is 1 to 500")
    {
        auto s = tuesdaysAndFridays();
        s.times = 1;
        CHECK(validateCheckIn(s).empty());
        s.times = 500;
        CHECK(validateCheckIn(s).empty());
        s.times = 0;
        CHECK(mentions(validateCheckIn(s), "between 1 and 500"));
        s.times = 501;
        CHECK(mentions(validateCheckIn(s), "between 1 and 500"));
        s.times = -3;
        CHECK(mentions(validateCheckIn(s), "between 1 and 500"));
    }
    SECTION("at most 64 skip days")
    {
        auto s = tuesdaysAndFridays();
        s.lastDay = s.firstDay + 300;
        for (std::int64_t d = 0; d < 64; ++d) {
            s.skipDays.push_back(s.firstDay + 100 + d);
        }
        CHECK(validateCheckIn(s).empty());
        s.skipDays.push_back(s.firstDay + 200);
        CHECK(mentions(validateCheckIn(s), "64 days"));
    }
    SECTION("there is at least one check-in")
    {
        CheckInSchedule once;
        once.minuteOfDay = 18 * 60;
        once.firstDay = day(2026, 12, 24);
        once.skipDays = {day(2026, 12, 24)};
        const std::string why = validateCheckIn(once);
        CHECK(mentions(why, "skipped"));
        CHECK(mentions(why, "2026-12-24"));

        // Saturday 31 October to Monday 2 November: no Tuesday, no Friday.
        auto s = tuesdaysAndFridays();
        s.firstDay = day(2026, 10, 31);
        s.lastDay = day(2026, 11, 2);
        CHECK(mentions(validateCheckIn(s), "no check-in"));
        CHECK(mentions(validateCheckIn(s), "tue,fri"));

        // Every Tuesday there is, skipped.
        s.weekdays = kTue;
        s.firstDay = day(2026, 10, 27);
        s.lastDay = day(2026, 11, 3);
        s.skipDays = {day(2026, 10, 27), day(2026, 11, 3)};
        CHECK(mentions(validateCheckIn(s), "no check-in"));
        s.skipDays.pop_back();
        CHECK(validateCheckIn(s).empty());
    }
    SECTION("days are real dates")
    {
        auto s = tuesdaysAndFridays();
        s.firstDay = std::numeric_limits<std::int64_t>::max() - 10;
        s.lastDay = std::numeric_limits<std::int64_t>::max();
        CHECK(mentions(validateCheckIn(s), "first day"));
        s = tuesdaysAndFridays();
        s.lastDay = std::numeric_limits<std::int64_t>::max();
        CHECK(mentions(validateCheckIn(s), "last day"));
    }
}

TEST_CASE("Tuesdays and Fridays at 16:00 in New York across the end of summer time", "[checkin]")
{
    const TimeZone ny = TimeZone::named("America/New_York");
    const auto s = tuesdaysAndFridays();
    // EDT (UTC-4) until Sunday 1 November 02:00, then EST (UTC-5).
    CHECK(at("2026-10-30T20:00Z") == 1'793'390'400'000);
    CHECK(nextCheckIn(s, ny, at("2026-10-01T00:00Z")) == at("2026-10-27T20:00Z"));
    CHECK(nextCheckIn(s, ny, at("2026-10-27T20:00Z")) == at("2026-10-30T20:00Z"));
    CHECK(nextCheckIn(s, ny, at("2026-10-30T20:00Z") - 1) == at("2026-10-30T20:00Z"));
    // Exactly at an occurrence: the next one, strictly after.
    CHECK(nextCheckIn(s, ny, at("2026-10-30T20:00Z")) == at("2026-11-03T21:00Z"));
    CHECK(nextCheckIn(s, ny, at("2026-11-03T21:00Z")) == at("2026-11-06T21:00Z"));
    // The last day is inclusive.
    CHECK(nextCheckIn(s, ny, at("2026-11-06T21:00Z")) == at("2026-11-10T21:00Z"));
    CHECK_FALSE(nextCheckIn(s, ny, at("2026-11-10T21:00Z")));
    CHECK_FALSE(nextCheckIn(s, ny, at("2027-06-01T00:00Z")));

    CHECK(checkInsUpTo(s, ny, at("2026-10-27T19:59Z")) == 0);
    CHECK(checkInsUpTo(s, ny, at("2026-10-27T20:00Z")) == 1);
    CHECK(checkInsUpTo(s, ny, at("2026-11-03T21:00Z") - 1) == 2);
    CHECK(checkInsUpTo(s, ny, at("2026-11-03T21:00Z")) == 3);
    CHECK(checkInsUpTo(s, ny, at("2030-01-01T00:00Z")) == 5);
}

TEST_CASE("daily 02:30 in New York on the day summer time starts is the change itself", "[checkin]")
{
    const TimeZone ny = TimeZone::named("America/New_York");
    CheckInSchedule s;
    s.minuteOfDay = 2 * 60 + 30;
    s.weekdays = kDaily;
    s.firstDay = day(2027, 3, 13);
    s.times = 3;
    REQUIRE(validateCheckIn(s).empty());
    // Saturday 13 March 02:30 EST; on Sunday 14 March the clocks go from
    // 02:00 EST (07:00Z) to 03:00 EDT, so 02:30 does not happen: 07:00Z.
    // Monday 02:30 EDT is 06:30Z.
    CHECK(nextCheckIn(s, ny, at("2027-03-01T00:00Z")) == at("2027-03-13T07:30Z"));
    CHECK(nextCheckIn(s, ny, at("2027-03-13T07:30Z")) == at("2027-03-14T07:00Z"));
    CHECK(nextCheckIn(s, ny, at("2027-03-14T07:00Z")) == at("2027-03-15T06:30Z"));
    CHECK_FALSE(nextCheckIn(s, ny, at("2027-03-15T06:30Z")));
    CHECK(checkInsUpTo(s, ny, at("2027-03-14T07:00Z")) == 2);
}

TEST_CASE("daily 01:30 in New York on the day summer time ends is the first 01:30", "[checkin]")
{
    const TimeZone ny = TimeZone::named("America/New_York");
    CheckInSchedule s;
    s.minuteOfDay = 90;
    s.weekdays = kDaily;
    s.firstDay = day(2026, 10, 31);
    s.lastDay = day(2026, 11, 2);
    REQUIRE(validateCheckIn(s).empty());
    // 01:30 on 1 November happens at 05:30Z (EDT) and again at 06:30Z (EST).
    CHECK(nextCheckIn(s, ny, at("2026-10-30T00:00Z")) == at("2026-10-31T05:30Z"));
    CHECK(nextCheckIn(s, ny, at("2026-10-31T05:30Z")) == at("2026-11-01T05:30Z"));
    // Not the second 01:30 (06:30Z): the next day's, in EST.
    CHECK(nextCheckIn(s, ny, at("2026-11-01T05:30Z")) == at("2026-11-02T06:30Z"));
    CHECK_FALSE(nextCheckIn(s, ny, at("2026-11-02T06:30Z")));
    CHECK(checkInsUpTo(s, ny, at("2026-11-01T06:30Z")) == 2);
}

TEST_CASE("the wall clock is the caller's zone, not UTC", "[checkin]")
{
    CheckInSchedule s;
    s.minuteOfDay = 9 * 60;
    s.weekdays = kDaily;
    s.firstDay = day(2026, 3, 28);
    s.times = 3;
    // London: GMT until Sunday 29 March 01:00Z, then BST (UTC+1).
    const TimeZone london = TimeZone::named("Europe/London");
    CHECK(nextCheckIn(s, london, at("2026-03-01T00:00Z")) == at("2026-03-28T09:00Z"));
    CHECK(nextCheckIn(s, london, at("2026-03-28T09:00Z")) == at("2026-03-29T08:00Z"));
    CHECK(nextCheckIn(s, london, at("2026-03-29T08:00Z")) == at("2026-03-30T08:00Z"));
    // The same schedule read in UTC stays at 09:00Z.
    CHECK(nextCheckIn(s, TimeZone{}, at("2026-03-28T09:00Z")) == at("2026-03-29T09:00Z"));

    // One at 16:00 on 3 November, in Kolkata (UTC+5:30) and at UTC-5.
    CheckInSchedule once;
    once.minuteOfDay = 16 * 60;
    once.firstDay = day(2026, 11, 3);
    CHECK(nextCheckIn(once, TimeZone::named("Asia/Kolkata"), 0) == at("2026-11-03T10:30Z"));
    CHECK(nextCheckIn(once, TimeZone::fixed(-300), 0) == at("2026-11-03T21:00Z"));
}

TEST_CASE("times counts check-ins, and skip days do not use one up", "[checkin]")
{
    const TimeZone utc;
    CheckInSchedule s;
    s.minuteOfDay = 10 * 60;
    s.weekdays = kMon | kWed | kFri;
    s.firstDay = day(2026, 6, 1); // a Monday
    s.times = 4;

    SECTION("without skip days")
    {
        REQUIRE(validateCheckIn(s).empty());
        CHECK(nextCheckIn(s, utc, 0) == at("2026-06-01T10:00Z"));
        CHECK(nextCheckIn(s, utc, at("2026-06-01T10:00Z")) == at("2026-06-03T10:00Z"));
        CHECK(nextCheckIn(s, utc, at("2026-06-03T10:00Z")) == at("2026-06-05T10:00Z"));
        CHECK(nextCheckIn(s, utc, at("2026-06-05T10:00Z")) == at("2026-06-08T10:00Z"));
        CHECK_FALSE(nextCheckIn(s, utc, at("2026-06-08T10:00Z")));
        CHECK(checkInsUpTo(s, utc, at("2027-01-01T00:00Z")) == 4);
    }
    SECTION("Wednesday 3 June skipped: the fourth is Wednesday 10 June")
    {
        // A skip day outside the schedule changes nothing.
        s.skipDays = {day(2026, 6, 3), day(2025, 1, 1)};
        REQUIRE(validateCheckIn(s).empty());
        CHECK(nextCheckIn(s, utc, 0) == at("2026-06-01T10:00Z"));
        CHECK(nextCheckIn(s, utc, at("2026-06-01T10:00Z")) == at("2026-06-05T10:00Z"));
        CHECK(nextCheckIn(s, utc, at("2026-06-05T10:00Z")) == at("2026-06-08T10:00Z"));
        CHECK(nextCheckIn(s, utc, at("2026-06-08T10:00Z")) == at("2026-06-10T10:00Z"));
        CHECK_FALSE(nextCheckIn(s, utc, at("2026-06-10T10:00Z")));
        CHECK(checkInsUpTo(s, utc, at("2026-06-03T23:59Z")) == 1);
        CHECK(checkInsUpTo(s, utc, at("2026-06-09T00:00Z")) == 3);
        CHECK(checkInsUpTo(s, utc, at("2026-06-10T10:00Z")) == 4);
        CHECK(checkInsUpTo(s, utc, at("2027-01-01T00:00Z")) == 4);
    }
    SECTION("times and a last day: whichever comes first")
    {
        s.lastDay = day(2026, 6, 5);
        CHECK(checkInsUpTo(s, utc, at("2027-01-01T00:00Z")) == 3);
        s.lastDay = day(2026, 12, 31);
        CHECK(checkInsUpTo(s, utc, at("2027-01-01T00:00Z")) == 4);
    }
}

TEST_CASE("the last day is a local day, inclusive", "[checkin]")
{
    // 18:00 in Los Angeles (PST, UTC-8) is 02:00Z the next UTC day.
    const TimeZone la = TimeZone::named("America/Los_Angeles");
    CheckInSchedule s;
    s.minuteOfDay = 18 * 60;
    s.weekdays = kDaily;
    s.firstDay = day(2026, 12, 30);
    s.lastDay = day(2027, 1, 1);
    CHECK(nextCheckIn(s, la, 0) == at("2026-12-31T02:00Z"));
    CHECK(nextCheckIn(s, la, at("2026-12-31T02:00Z")) == at("2027-01-01T02:00Z"));
    CHECK(nextCheckIn(s, la, at("2027-01-01T02:00Z")) == at("2027-01-02T02:00Z"));
    CHECK_FALSE(nextCheckIn(s, la, at("2027-01-02T02:00Z")));
    CHECK(checkInsUpTo(s, la, at("2030-01-01T00:00Z")) == 3);
}

TEST_CASE("once is a single check-in on the first day", "[checkin]")
{
    const TimeZone la = TimeZone::named("America/Los_Angeles");
    CheckInSchedule s; // weekdays 0: once
    s.minuteOfDay = 18 * 60;
    s.firstDay = day(2026, 12, 24);
    REQUIRE(validateCheckIn(s).empty());
    CHECK(nextCheckIn(s, la, 0) == at("2026-12-25T02:00Z"));
    CHECK(nextCheckIn(s, la, at("2026-12-25T02:00Z") - 1) == at("2026-12-25T02:00Z"));
    CHECK_FALSE(nextCheckIn(s, la, at("2026-12-25T02:00Z")));
    CHECK(checkInsUpTo(s, la, at("2026-12-25T02:00Z") - 1) == 0);
    CHECK(checkInsUpTo(s, la, at("2026-12-25T02:00Z")) == 1);
    CHECK(checkInsUpTo(s, la, at("2030-01-01T00:00Z")) == 1);

    // A last day or times changes nothing: still one.
    s.lastDay = day(2027, 1, 31);
    s.times = 5;
    REQUIRE(validateCheckIn(s).empty());
    CHECK(checkInsUpTo(s, la, at("2030-01-01T00:00Z")) == 1);
    // Skipped, there is none.
    s.skipDays = {day(2026, 12, 24)};
    CHECK_FALSE(nextCheckIn(s, la, 0));
}

TEST_CASE("a repeating schedule without a last day ends a year after its first day", "[checkin]")
{
    const TimeZone utc;
    CheckInSchedule s;
    s.minuteOfDay = 10 * 60;
    s.weekdays = kDaily;
    s.firstDay = day(2026, 1, 1);
    s.times = 500;
    REQUIRE(validateCheckIn(s).empty());
    // 2026-01-01 + 366 days is 2027-01-02: 367 days in all, not 500.
    CHECK(checkInsUpTo(s, utc, at("2030-01-01T00:00Z")) == 367);
    CHECK(nextCheckIn(s, utc, at("2027-01-01T10:00Z")) == at("2027-01-02T10:00Z"));
    CHECK_FALSE(nextCheckIn(s, utc, at("2027-01-02T10:00Z")));
}

TEST_CASE("an unchecked schedule still gives a bounded answer", "[checkin]")
{
    const TimeZone utc;
    CheckInSchedule s;
    s.weekdays = kDaily;
    s.firstDay = day(2026, 1, 1);
    s.lastDay = std::numeric_limits<std::int64_t>::max();
    CHECK(checkInsUpTo(s, utc, std::numeric_limits<EpochMs>::max()) == 367);
    s.times = 0;
    CHECK_FALSE(nextCheckIn(s, utc, 0));
    s.times = -1;
    CHECK(checkInsUpTo(s, utc, std::numeric_limits<EpochMs>::max()) == 0);
    s.times.reset();
    s.firstDay = std::numeric_limits<std::int64_t>::max();
    CHECK_FALSE(nextCheckIn(s, utc, 0));
    s.firstDay = std::numeric_limits<std::int64_t>::min();
    CHECK_FALSE(nextCheckIn(s, utc, 0));
}
