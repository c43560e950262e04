#include "core/domain/Screening.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace warmline {

namespace {
constexpr EpochMs kHourMs = 3'600'000;
} // namespace

std::string_view toString(ScreenAction action)
{
    switch (action) {
    case ScreenAction::Accept:
        return "accept";
    case ScreenAction::Hold:
        return "hold";
    case ScreenAction::Refuse:
        return "refuse";
    }
    return "accept";
}

ScreenAction screenActionFromString(std::string_view text)
{
    if (text == "accept") {
        return ScreenAction::Accept;
    }
    if (text == "hold") {
        return ScreenAction::Hold;
    }
    if (text == "refuse") {
        return ScreenAction::Refuse;
    }
    throw std::invalid_argument("a screening action is accept, hold or refuse");
}

Screen screenNumber(std::string_view number, const ScreeningSettings& settings)
{
    if (!number.starts_with('+') || number.size() < 2) {
        return {};
    }
    for (const auto& prefix : settings.premiumPrefixes) {
        if (!prefix.empty() && number.starts_with(prefix)) {
            if (settings.premium == ScreenAction::Accept) {
                break;
            }
            return {settings.premium, "a premium-rate number", "premium"};
        }
    }
    if (!settings.homeCountry.empty() && !number.starts_with(settings.homeCountry) &&
        settings.international != ScreenAction::Accept) {
        return {settings.international, "a number from another country", "international"};
    }
    return {};
}

int RateWindow::record(const std::string& key, EpochMs now, int cap)
{
    cap = std::max(cap, 1);
    auto it = m_times.find(key);
    if (it == m_times.end()) {
        if (m_maxKeys > 0 && m_times.size() >= m_maxKeys) {
            m_times.erase(m_times.find(*m_order.front()));
            m_order.pop_front();
        }
        it = m_times.emplace(key, Entry{}).first;
        m_order.push_back(&it->first);
        it->second.order = std::prev(m_order.end());
    } else {
        m_order.splice(m_order.end(), m_order, it->second.order);
    }
    auto& times = it->second.times;
    // Drop what is an hour old, and keep at most `cap` with this one.
    auto keepFrom =
        std::find_if(times.begin(), times.end(), [now](EpochMs t) { return now - t < kHourMs; });
    if (const auto room = static_cast<std::ptrdiff_t>(cap) - 1;
        std::distance(keepFrom, times.end()) > room) {
        keepFrom = times.end() - room;
    }
    times.erase(times.begin(), keepFrom);
    times.push_back(now);
    return static_cast<int>(times.size());
}

Screen screenRate(int count, int perHour, std::string_view what)
{
    if (perHour <= 0 || count <= perHour) {
        return {};
    }
    return {ScreenAction::Hold,
            "more than " + std::to_string(perHour) + " " + std::string(what) + " in an hour",
            "rate"};
}

} // namespace warmline
