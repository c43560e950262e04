#include "core/domain/CheckIn.h"

#include "core/text/Text.h"

#include <algorithm>
#include <array>
#include <chrono>

#include <fmt/format.h>

namespace warmline {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kMinuteMs = 60'000;
constexpr int kMaxTimes = 500;
constexpr std::uint8_t kAllDays = 0x7f;
constexpr std::uint8_t kMondayToFriday = 0x1f;

constexpr std::array<std::string_view, 7> kDayNames{"mon", "tue", "wed", "thu",
                                                    "fri", "sat", "sun"};

constexpr std::int64_t dayNumber(std::chrono::year_month_day ymd)
{
    return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

// The days parseLocalDay can give. Outside them a day times 86'400'000
// could overflow, and std::chrono's calendar has no year to name it.
constexpr std::int64_t kFirstDay =
    dayNumber(std::chrono::year{0} / std::chrono::January / std::chrono::day{1});
constexpr std::int64_t kLastDay =
    dayNumber(std::chrono::year{9999} / std::chrono::December / std::chrono::day{31});

bool inRange(std::int64_t day)
{
    return day >= kFirstDay && day <= kLastDay;
}

/// 0 = Monday … 6 = Sunday, the bit of `weekdays` for `day`.
unsigned weekdayBit(std::int64_t day)
{
    const std::chrono::sys_days date{std::chrono::days{day}};
    return std::chrono::weekday{date}.iso_encoding() - 1;
}

std::optional<int> digits(std::string_view text)
{
    if (text.empty()) {
        return std::nullopt;
    }
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

/// Calls `visit(day)` for each occurrence day in order, while it returns
/// true. The single walk that nextCheckIn, checkInsUpTo and validateCheckIn
/// share, so that they cannot disagree on which days count.
template <typename Visit> void forEachOccurrenceDay(const CheckInSchedule& s, Visit&& visit)
{
    if (!inRange(s.firstDay) || (s.times && *s.times <= 0)) {
        return;
    }
    // Without a last day a repeating schedule still ends a year on: consent
    // to be called is asked again at least yearly. The same bound keeps an
    // unvalidated schedule's walk short.
    std::int64_t end = s.firstDay + kCheckInMaxSpanDays;
    if (s.lastDay) {
        end = std::min(end, *s.lastDay);
    }
    if (s.weekdays == 0) {
        end = std::min(end, s.firstDay);
    }
    std::vector<std::int64_t> skips = s.skipDays;
    std::sort(skips.begin(), skips.end());
    int count = 0;
    for (std::int64_t day = s.firstDay; day <= end; ++day) {
        if (s.times && count >= *s.times) {
            return;
        }
        const bool onDay = s.weekdays == 0 || (s.weekdays & (1u << weekdayBit(day))) != 0;
        if (!onDay || std::binary_search(skips.begin(), skips.end(), day)) {
            continue;
        }
        ++count;
        if (!visit(day)) {
            return;
        }
    }
}

EpochMs instantOf(std::int64_t day, int minuteOfDay, const TimeZone& zone)
{
    return zone.fromLocal(day * kDayMs + minuteOfDay * kMinuteMs);
}

} // namespace

std::optional<std::int64_t> parseLocalDay(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto y = digits(text.substr(0, 4));
    const auto m = digits(text.substr(5, 2));
    const auto d = digits(text.substr(8, 2));
    if (!y || !m || !d) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{*y},
                                          std::chrono::month{static_cast<unsigned>(*m)},
                                          std::chrono::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return dayNumber(ymd);
}

std::string formatLocalDay(std::int64_t day)
{
    if (!inRange(day)) {
        return std::to_string(day);
    }
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::optional<int> parseClockTime(std::string_view text)
{
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon < 1 || colon > 2 || text.size() - colon - 1 != 2) {
        return std::nullopt;
    }
    const auto h = digits(text.substr(0, colon));
    const auto m = digits(text.substr(colon + 1));
    if (!h || !m || *h > 23 || *m > 59) {
        return std::nullopt;
    }
    return *h * 60 + *m;
}

std::string formatClockTime(int minuteOfDay)
{
    return fmt::format("{:02}:{:02}", minuteOfDay / 60, minuteOfDay % 60);
}

std::optional<std::uint8_t> parseWeekdays(std::string_view text)
{
    const std::string_view whole = trim(text, kBlanks);
    if (iequalsAscii(whole, "daily")) {
        return kAllDays;
    }
    if (iequalsAscii(whole, "weekdays")) {
        return kMondayToFriday;
    }
    if (iequalsAscii(whole, "once")) {
        return std::uint8_t{0};
    }
    std::uint8_t days = 0;
    std::string_view rest = whole;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view item = trim(rest.substr(0, comma), kBlanks);
        const auto found = std::find_if(kDayNames.begin(), kDayNames.end(),
                                        [item](auto name) { return iequalsAscii(item, name); });
        // Covers an empty item too ("mon,,tue", "mon,", ""): no name is empty.
        if (found == kDayNames.end()) {
            return std::nullopt;
        }
        days = static_cast<std::uint8_t>(days | (1u << (found - kDayNames.begin())));
        if (comma == std::string_view::npos) {
            return days;
        }
        rest = rest.substr(comma + 1);
    }
}

std::string formatWeekdays(std::uint8_t weekdays)
{
    weekdays &= kAllDays;
    if (weekdays == 0) {
        return "once";
    }
    if (weekdays == kAllDays) {
        return "daily";
    }
    if (weekdays == kMondayToFriday) {
        return "weekdays";
    }
    std::string out;
    for (std::size_t i = 0; i < kDayNames.size(); ++i) {
        if ((weekdays & (1u << i)) != 0) {
            if (!out.empty()) {
                out += ',';
            }
            out += kDayNames[i];
        }
    }
    return out;
}

std::string validateCheckIn(const CheckInSchedule& s)
{
    if (s.minuteOfDay < 0 || s.minuteOfDay >= 24 * 60) {
        return "The check-in time must be between 00:00 and 23:59.";
    }
    if (s.weekdays > kAllDays) {
        return "The days of the week are not valid.";
    }
    if (!inRange(s.firstDay)) {
        return "The first day is not a date between the years 0000 and 9999.";
    }
    if (s.lastDay && !inRange(*s.lastDay)) {
        return "The last day is not a date between the years 0000 and 9999.";
    }
    if (s.times && (*s.times < 1 || *s.times > kMaxTimes)) {
        return fmt::format("The number of check-ins must be between 1 and {}.", kMaxTimes);
    }
    if (s.weekdays != 0 && !s.lastDay && !s.times) {
        return "A repeating check-in needs a last day or a number of times.";
    }
    if (s.lastDay && *s.lastDay < s.firstDay) {
        return fmt::format("The last day ({}) is before the first day ({}).",
                           formatLocalDay(*s.lastDay), formatLocalDay(s.firstDay));
    }
    if (s.lastDay && *s.lastDay - s.firstDay > kCheckInMaxSpanDays) {
        return fmt::format("Check-ins can run for at most {} days after the first day ({}): "
                           "the last day can be {} at the latest.",
                           kCheckInMaxSpanDays, formatLocalDay(s.firstDay),
                           formatLocalDay(s.firstDay + kCheckInMaxSpanDays));
    }
    if (s.skipDays.size() > kCheckInMaxSkipDays) {
        return fmt::format("At most {} days can be skipped.", kCheckInMaxSkipDays);
    }
    bool any = false;
    forEachOccurrenceDay(s, [&any](std::int64_t) {
        any = true;
        return false;
    });
    if (!any) {
        if (s.weekdays == 0) {
            return fmt::format("The only check-in, on {}, is on a skipped day.",
                               formatLocalDay(s.firstDay));
        }
        const std::int64_t end = s.lastDay.value_or(s.firstDay + kCheckInMaxSpanDays);
        return fmt::format("The schedule has no check-in: none of its days ({}) falls from {} "
                           "to {} outside the skipped days.",
                           formatWeekdays(s.weekdays), formatLocalDay(s.firstDay),
                           formatLocalDay(end));
    }
    return {};
}

std::optional<EpochMs> nextCheckIn(const CheckInSchedule& s, const TimeZone& zone, EpochMs after)
{
    std::optional<EpochMs> next;
    forEachOccurrenceDay(s, [&](std::int64_t day) {
        // A local time is less than a day from the same digits read as
        // UTC (no zone is 24 hours off), so the days well before `after`
        // need no look-up in the zone's rules: a start-up with many
        // check-ins months into their schedules stays quick.
        if (day * kDayMs + s.minuteOfDay * kMinuteMs + 2 * kDayMs < after) {
            return true;
        }
        const EpochMs at = instantOf(day, s.minuteOfDay, zone);
        if (at > after) {
            next = at;
            return false;
        }
        return true;
    });
    return next;
}

int checkInsUpTo(const CheckInSchedule& s, const TimeZone& zone, EpochMs until)
{
    int count = 0;
    forEachOccurrenceDay(s, [&](std::int64_t day) {
        // Later days are never earlier instants (fromLocal keeps the order
        // of wall-clock times), so the first one past `until` ends the count.
        if (instantOf(day, s.minuteOfDay, zone) > until) {
            return false;
        }
        ++count;
        return true;
    });
    return count;
}

} // namespace warmline
