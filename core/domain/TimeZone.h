// The line's time zone: an IANA name from the system's time-zone database
// (America/Los_Angeles, with its daylight saving), or a fixed offset from
// UTC (the older setting line.timezone_offset_minutes). Opening hours, the
// board's shifts and "today" counts all read local time through it.
#pragma once

#include "core/domain/Domain.h"

#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace warmline {

class TimeZone
{
public:
    /// UTC.
    TimeZone() = default;
    /// Local time = UTC + offsetMinutes, all year round.
    static TimeZone fixed(int offsetMinutes);
    /// A zone of the system's database (/usr/share/zoneinfo, Debian's
    /// tzdata). Throws std::invalid_argument naming the zone when the
    /// database has no such name.
    static TimeZone named(std::string_view name);

    /// "America/Los_Angeles", or "UTC" / "UTC+05:30" for a fixed offset.
    const std::string& name() const { return m_name; }
    bool isNamed() const { return m_zone != nullptr; }

    /// Local time minus UTC at the instant `utc`, in minutes.
    int offsetMinutesAt(EpochMs utc) const;
    /// The instant at which the local wall-clock time `localMs` (milliseconds
    /// since 1970-01-01T00:00 local) happens. A time skipped by a change to
    /// summer time maps to the instant of the change; a time that happens
    /// twice (the change back) to its first occurrence.
    EpochMs fromLocal(std::int64_t localMs) const;
    /// Local wall-clock milliseconds since 1970-01-01T00:00 at `utc`.
    std::int64_t toLocal(EpochMs utc) const { return utc + offsetMinutesAt(utc) * 60'000LL; }
    /// The start of the local day that holds `now`.
    EpochMs localMidnight(EpochMs now) const;

    bool operator==(const TimeZone& o) const
    {
        return m_zone == o.m_zone && m_fixedMinutes == o.m_fixedMinutes && m_name == o.m_name;
    }

private:
    const date::time_zone* m_zone = nullptr;
    int m_fixedMinutes = 0;
    std::string m_name = "UTC";
};

} // namespace warmline
