// Opening hours: "mon-fri 09:00-21:00, sat 10:00-16:00" read into weekly
// spans, and whether the line is open at a moment in its local time.

#include "core/config/Config.h"
#include "core/config/ConfigDetail.h"
#include "core/text/Text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

namespace warmline {

using namespace config_detail;

namespace {

// ---- opening hours ----------------------------------------------------------

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kMinutesPerWeek = 7 * kMinutesPerDay;

std::optional<int> dayIndex(std::string_view name)
{
    static constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu",
                                                              "fri", "sat", "sun"};
    const std::string lower = asciiLower(name);
    for (std::size_t i = 0; i < kDays.size(); ++i) {
        if (kDays[i] == lower) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

/// Minutes since midnight for "H:MM" or "HH:MM"; 24:00 only when `isEnd`.
int parseClock(std::string_view text, bool isEnd)
{
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) {
        throw ScheduleError(fmt::format("\"{}\" is not a time like 09:00", text));
    }
    const auto hours = parseInteger(text.substr(0, colon));
    const auto minutes = parseInteger(text.substr(colon + 1));
    if (!hours || !minutes || *hours < 0 || *minutes < 0 || *minutes > 59 || *hours > 24 ||
        (*hours == 24 && (*minutes != 0 || !isEnd)) || text[0] == '+' || text[colon + 1] == '+') {
        throw ScheduleError(fmt::format("\"{}\" is not a time like 09:00", text));
    }
    return static_cast<int>(*hours * 60 + *minutes);
}

std::vector<int> parseDays(std::string_view text)
{
    if (asciiLower(text) == "daily") {
        return {0, 1, 2, 3, 4, 5, 6};
    }
    const std::size_t dash = text.find('-');
    const auto first = dayIndex(text.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : dayIndex(text.substr(dash + 1));
    if (!first || !last) {
        throw ScheduleError(
            fmt::format("\"{}\" is not a day (mon..sun), a day range (mon-fri) or daily", text));
    }
    std::vector<int> days;
    for (int day = *first;; day = (day + 1) % 7) {
        days.push_back(day);
        if (day == *last) {
            break;
        }
    }
    return days;
}

} // namespace

WeeklySchedule WeeklySchedule::parse(std::string_view text)
{
    WeeklySchedule schedule;
    if (trim(text).empty()) {
        return schedule;
    }
    std::size_t entryStart = 0;
    while (entryStart <= text.size()) {
        const std::size_t entryEnd = std::min(text.find(',', entryStart), text.size());
        const std::string_view entry = trim(text.substr(entryStart, entryEnd - entryStart));
        entryStart = entryEnd + 1;
        const auto words = splitOn(entry, " \t");
        if (words.empty()) {
            throw ScheduleError("an entry between commas is empty");
        }
        if (words.size() < 2) {
            throw ScheduleError(fmt::format("\"{}\" needs days and a time range, like "
                                            "mon-fri 09:00-21:00",
                                            entry));
        }
        const std::vector<int> days = parseDays(words[0]);
        for (std::size_t i = 1; i < words.size(); ++i) {
            const std::string_view range = words[i];
            const std::size_t dash = range.find('-');
            if (dash == std::string_view::npos) {
                throw ScheduleError(
                    fmt::format("\"{}\" is not a time range like 09:00-21:00", range));
            }
            const int open = parseClock(range.substr(0, dash), false);
            int close = parseClock(range.substr(dash + 1), true);
            if (close == open) {
                throw ScheduleError(fmt::format("\"{}\" opens and closes at the same time", range));
            }
            if (close < open) {
                close += kMinutesPerDay;
            }
            for (const int day : days) {
                const int start = day * kMinutesPerDay + open;
                const int end = day * kMinutesPerDay + close;
                if (end <= kMinutesPerWeek) {
                    schedule.m_spans.push_back({start, end});
                } else {
                    // Sunday night into Monday morning wraps to the week's start.
                    schedule.m_spans.push_back({start, kMinutesPerWeek});
                    schedule.m_spans.push_back({0, end - kMinutesPerWeek});
                }
            }
        }
    }
    std::sort(schedule.m_spans.begin(), schedule.m_spans.end(), [](const Span& a, const Span& b) {
        return a.start < b.start || (a.start == b.start && a.end < b.end);
    });
    return schedule;
}

bool WeeklySchedule::isOpenAt(EpochMs at, int offsetMinutes) const
{
    if (m_spans.empty()) {
        return true;
    }
    const std::int64_t localMs = at + std::int64_t{offsetMinutes} * kMinute;
    // Floor division, so instants before 1970 land in the right minute too.
    std::int64_t minutes = localMs / kMinute;
    if (localMs % kMinute < 0) {
        --minutes;
    }
    // 1970-01-01 was a Thursday, day 3 of a Monday-first week.
    std::int64_t ofWeek = (minutes + 3 * kMinutesPerDay) % kMinutesPerWeek;
    if (ofWeek < 0) {
        ofWeek += kMinutesPerWeek;
    }
    return std::any_of(m_spans.begin(), m_spans.end(),
                       [&](const Span& span) { return ofWeek >= span.start && ofWeek < span.end; });
}

} // namespace warmline
