// The line's time zone: IANA names with daylight saving, fixed offsets,
// and the local days, shifts and opening hours read through it.

#include "core/config/Config.h"
#include "core/domain/ShiftFigures.h"
#include "core/domain/TimeZone.h"
#include "core/store/Reports.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace warmline;

namespace {

constexpr EpochMs kMinute = 60'000;
constexpr EpochMs kHour = 60 * kMinute;

/// Epoch ms of a UTC wall-clock time.
EpochMs utc(int y, unsigned m, unsigned d, int hh = 0, int mm = 0)
{
    using namespace std::chrono;
    const sys_days date = year_month_day{year(y), month(m), day(d)};
    return duration_cast<milliseconds>(date.time_since_epoch()).count() + hh * kHour + mm * kMinute;
}

} // namespace

TEST_CASE("an IANA zone follows daylight saving")
{
    const TimeZone la = TimeZone::named("America/Los_Angeles");
    CHECK(la.name() == "America/Los_Angeles");
    CHECK(la.isNamed());
    // 2026: summer time from 8 March 10:00 UTC to 1 November 09:00 UTC.
    CHECK(la.offsetMinutesAt(utc(2026, 1, 15, 12)) == -480);
    CHECK(la.offsetMinutesAt(utc(2026, 7, 15, 12)) == -420);
    CHECK(la.offsetMinutesAt(utc(2026, 3, 8, 9, 59)) == -480);
    CHECK(la.offsetMinutesAt(utc(2026, 3, 8, 10, 0)) == -420);

    // Local midnight in winter is 08:00 UTC, in summer 07:00 UTC.
    CHECK(la.localMidnight(utc(2026, 1, 15, 20)) == utc(2026, 1, 15, 8));
    CHECK(la.localMidnight(utc(2026, 7, 15, 20)) == utc(2026, 7, 15, 7));
    // Just after local midnight and just before it, on either side.
    CHECK(la.localMidnight(utc(2026, 7, 16, 6, 59)) == utc(2026, 7, 15, 7));
    CHECK(la.localMidnight(utc(2026, 7, 16, 7, 0)) == utc(2026, 7, 16, 7));

    const TimeZone madrid = TimeZone::named("Europe/Madrid");
    CHECK(madrid.offsetMinutesAt(utc(2026, 1, 1)) == 60);
    CHECK(madrid.offsetMinutesAt(utc(2026, 8, 1)) == 120);
    const TimeZone kolkata = TimeZone::named("Asia/Kolkata");
    CHECK(kolkata.offsetMinutesAt(utc(2026, 8, 1)) == 330);
}

TEST_CASE("the day the clocks change is 23 or 25 hours long")
{
    const TimeZone la = TimeZone::named("America/Los_Angeles");
    const EpochMs spring = la.localMidnight(utc(2026, 3, 8, 20));
    const EpochMs next = la.localMidnight(spring + 30 * kHour);
    CHECK(next - spring == 23 * kHour);
    const EpochMs autumn = la.localMidnight(utc(2026, 11, 1, 20));
    CHECK(la.localMidnight(autumn + 30 * kHour) - autumn == 25 * kHour);

    // 02:30 does not happen on 8 March: it maps to the change itself
    // (10:00 UTC); 01:30 on 1 November happens twice: the first (PDT).
    const std::int64_t localMarch8 = utc(2026, 3, 8); // wall clock as if UTC
    CHECK(la.fromLocal(localMarch8 + 2 * kHour + 30 * kMinute) == utc(2026, 3, 8, 10));
    const std::int64_t localNov1 = utc(2026, 11, 1);
    CHECK(la.fromLocal(localNov1 + kHour + 30 * kMinute) == utc(2026, 11, 1, 8, 30));
}

TEST_CASE("an unknown zone is refused with its name")
{
    CHECK_THROWS_WITH(TimeZone::named("Mars/Olympus_Mons"),
                      Catch::Contains("Mars/Olympus_Mons") && Catch::Contains("IANA"));
    CHECK_THROWS(TimeZone::named(""));
}

TEST_CASE("a fixed offset is the same all year and names itself")
{
    const TimeZone plus = TimeZone::fixed(330);
    CHECK_FALSE(plus.isNamed());
    CHECK(plus.name() == "UTC+05:30");
    CHECK(TimeZone::fixed(-300).name() == "UTC-05:00");
    CHECK(TimeZone().name() == "UTC");
    CHECK(plus.offsetMinutesAt(utc(2026, 1, 1)) == 330);
    CHECK(plus.offsetMinutesAt(utc(2026, 7, 1)) == 330);
    CHECK(TimeZone::fixed(-300).localMidnight(utc(2026, 7, 1, 3)) == utc(2026, 6, 30, 5));
}

TEST_CASE("opening hours, shift starts and report days follow the zone's summer time")
{
    const TimeZone la = TimeZone::named("America/Los_Angeles");
    const WeeklySchedule hours = WeeklySchedule::parse("mon-fri 09:00-17:00");
    // Monday 12 January 2026, 09:00 PST = 17:00 UTC; Monday 13 July, 09:00 PDT = 16:00 UTC.
    CHECK(hours.isOpenAt(utc(2026, 1, 12, 17), la));
    CHECK_FALSE(hours.isOpenAt(utc(2026, 1, 12, 16, 59), la));
    CHECK(hours.isOpenAt(utc(2026, 7, 13, 16), la));
    CHECK_FALSE(hours.isOpenAt(utc(2026, 7, 13, 15, 59), la));

    // A shift starting at 18:00 local starts at 18:00 on both sides of a change.
    const std::vector<int> starts{18 * 60};
    CHECK(shiftStartAt(utc(2026, 3, 9, 4), starts, la, 8 * kHour) == utc(2026, 3, 9, 1));
    CHECK(shiftStartAt(utc(2026, 3, 8, 4), starts, la, 8 * kHour) == utc(2026, 3, 8, 2));

    CHECK(localDate(utc(2026, 7, 16, 6, 59), la) == "2026-07-15");
    CHECK(localDate(utc(2026, 7, 16, 7, 0), la) == "2026-07-16");
    CHECK(localDayStart("2026-07-16", la) == utc(2026, 7, 16, 7));
    CHECK(localDayStart("2026-01-16", la) == utc(2026, 1, 16, 8));
}

TEST_CASE("line.timezone takes an IANA name and replaces the fixed offset")
{
    const auto dir =
        std::filesystem::temp_directory_path() / ("warmline-tz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto load = [&dir](const std::string& text) {
        const auto path = dir / "gateway.conf";
        std::ofstream(path) << text;
        return loadGatewayConfig(path);
    };
    const auto named = load("[line]\ntimezone = America/Chicago\n");
    CHECK(named.line.timeZone == TimeZone::named("America/Chicago"));
    CHECK_FALSE(named.line.timeZoneFromOffset);

    const auto older = load("[line]\ntimezone_offset_minutes = 120\n");
    CHECK(older.line.timeZone == TimeZone::fixed(120));
    CHECK(older.line.timeZoneFromOffset);

    CHECK(load("").line.timeZone == TimeZone());

    CHECK_THROWS_WITH(load("[line]\ntimezone = America/Atlantis\n"),
                      Catch::Contains("line.timezone") && Catch::Contains("gateway.conf") &&
                          Catch::Contains("America/Atlantis"));
    CHECK_THROWS_WITH(load("[line]\ntimezone = Europe/Paris\ntimezone_offset_minutes = 60\n"),
                      Catch::Contains("line.timezone_offset_minutes") &&
                          Catch::Contains("not both"));
    std::filesystem::remove_all(dir);
}
