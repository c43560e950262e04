#include "core/domain/TimeZone.h"

#include <date/tz.h>

#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

namespace warmline {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

} // namespace

TimeZone TimeZone::fixed(int offsetMinutes)
{
    TimeZone tz;
    tz.m_fixedMinutes = offsetMinutes;
    if (offsetMinutes != 0) {
        const int a = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
        tz.m_name = fmt::format("UTC{}{:02}:{:02}", offsetMinutes < 0 ? '-' : '+', a / 60, a % 60);
    }
    return tz;
}

TimeZone TimeZone::named(std::string_view name)
{
    TimeZone tz;
    try {
        tz.m_zone = date::locate_zone(name);
    } catch (const std::exception&) {
        throw std::invalid_argument(
            fmt::format("unknown time zone \"{}\": expected an IANA name such as "
                        "America/Los_Angeles (see /usr/share/zoneinfo)",
                        name));
    }
    tz.m_name = std::string(name);
    return tz;
}

int TimeZone::offsetMinutesAt(EpochMs utc) const
{
    if (m_zone == nullptr) {
        return m_fixedMinutes;
    }
    using namespace std::chrono;
    const date::sys_info info = m_zone->get_info(sys_time<milliseconds>(milliseconds(utc)));
    return static_cast<int>(duration_cast<minutes>(info.offset).count());
}

EpochMs TimeZone::fromLocal(std::int64_t localMs) const
{
    if (m_zone == nullptr) {
        return localMs - m_fixedMinutes * 60'000LL;
    }
    using namespace std::chrono;
    const date::local_time<milliseconds> local{milliseconds(localMs)};
    const auto sys = m_zone->to_sys(local, date::choose::earliest);
    return sys.time_since_epoch().count();
}

EpochMs TimeZone::localMidnight(EpochMs now) const
{
    return fromLocal(floorDiv(toLocal(now), kDayMs) * kDayMs);
}

} // namespace warmline
