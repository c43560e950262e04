#pragma once

// Check-ins a caller asks for: "Tuesdays and Fridays at 4 pm, until
// 3 November" or "every day at 9:00, six times, not on the 25th". The rules
// are read in the caller's own wall-clock time and time zone, so that 16:00
// stays 16:00 for them across a change to or from summer time. Pure: the
// gateway asks when the next one falls and schedules it; nothing here knows
// who the caller is.

#include "core/domain/Domain.h"
#include "core/domain/TimeZone.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

struct CheckInSchedule
{
    int minuteOfDay = 0;       ///< local wall clock, 0..1439
    std::uint8_t weekdays = 0; ///< bit 0 = Monday … bit 6 = Sunday; 0 = once, on firstDay
    std::int64_t firstDay = 0; ///< local calendar day: days since 1970-01-01
    std::optional<std::int64_t> lastDay; ///< inclusive, local day
    std::optional<int> times;            ///< at most this many occurrences in all
    std::vector<std::int64_t> skipDays;  ///< local days with no occurrence (exceptions)
};

/// The longest a schedule runs, in days after its first: a caller's consent
/// to be called back is asked again at least once a year, so a repeating
/// schedule without a last day still ends here.
inline constexpr std::int64_t kCheckInMaxSpanDays = 366;
inline constexpr std::size_t kCheckInMaxSkipDays = 64;

/// "2026-11-03" → days since 1970-01-01; nullopt when malformed or not a
/// real date (2026-02-30). Exactly YYYY-MM-DD, years 0000 to 9999.
std::optional<std::int64_t> parseLocalDay(std::string_view text);
/// days → "2026-11-03". A day outside the years 0000 to 9999 (which
/// parseLocalDay never gives) is written as its number of days.
std::string formatLocalDay(std::int64_t day);

/// "16:00", "09:05", "4:05" → minutes after midnight; nullopt otherwise
/// (24:00, 12:60, "4pm", "", " 4:05").
std::optional<int> parseClockTime(std::string_view text);
/// "16:00" style, zero-padded; for 0..1439.
std::string formatClockTime(int minuteOfDay);

/// "tue,fri", "Mon, Wed", "daily" (all seven), "weekdays" (mon-fri), "once"
/// (0); three-letter English names, case-insensitive, comma separated,
/// spaces allowed; nullopt on anything else or an empty list.
std::optional<std::uint8_t> parseWeekdays(std::string_view text);
/// "mon,wed" / "daily" / "weekdays" / "once": what parseWeekdays reads
/// back. Bit 7 (never valid) is left out.
std::string formatWeekdays(std::uint8_t weekdays);

/// Empty when the schedule is acceptable, else a sentence for the operator
/// naming what is wrong (the first rule broken).
std::string validateCheckIn(const CheckInSchedule& s);

/// The first occurrence strictly after `after` (UTC ms), or nullopt when the
/// schedule has no more. Occurrences are, in order, the days from firstDay
/// to the end (lastDay, else firstDay + kCheckInMaxSpanDays) whose weekday
/// is in `weekdays` (or firstDay alone for "once") and that are not skip
/// days, each at minuteOfDay local time in `zone` (a time skipped by summer
/// time is the instant of the change, one that happens twice the first);
/// `times` keeps only the first `times` of them (skip days do not count).
/// At most kCheckInMaxSpanDays + 1 days are visited.
std::optional<EpochMs> nextCheckIn(const CheckInSchedule& s, const TimeZone& zone, EpochMs after);

/// How many occurrences fall at or before `until` (for "fired 3 of 6").
int checkInsUpTo(const CheckInSchedule& s, const TimeZone& zone, EpochMs until);

} // namespace warmline
