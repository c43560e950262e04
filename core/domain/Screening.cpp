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

std::optional<std::string> keyedCallbackNumber(std::string_view digits,
                                               const ScreeningSettings& settings)
{
    const auto onlyDigits = [](std::string_view s) {
        return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
    };
    if (!onlyDigits(digits) || digits.size() > 18) {
        return std::nullopt;
    }
    // E.164 is at most 15 digits after the +; a country code and a
    // subscriber number together at least 8. A wrong guess calls a
    // stranger, so national numbers are read only where the plan is this
    // simple: North America's. Elsewhere the caller keys 00 and the
    // country code.
    const auto whole = [](std::string_view e164digits) {
        return e164digits.size() >= 8 && e164digits.size() <= 15 && e164digits[0] != '0';
    };
    std::string e164;
    if (settings.homeCountry == "+1") {
        std::string_view national;
        if (digits.size() == 10) {
            national = digits;
        } else if (digits.size() == 11 && digits[0] == '1') {
            national = digits.substr(1);
        }
        // NANP: area code and exchange each start with 2-9 and are not N11.
        const auto nxx = [](std::string_view p) {
            return p[0] >= '2' && !(p[1] == '1' && p[2] == '1');
        };
        if (!national.empty()) {
            if (nxx(national.substr(0, 3)) && nxx(national.substr(3, 3))) {
                e164 = "+1" + std::string(national);
            }
        } else if (digits.starts_with("011") && whole(digits.substr(3)) && digits[3] != '1') {
            e164 = "+" + std::string(digits.substr(3));
        }
    } else if (digits.starts_with("00") && whole(digits.substr(2))) {
        e164 = "+" + std::string(digits.substr(2));
    }
    if (e164.empty() || screenNumber(e164, settings).action != ScreenAction::Accept) {
        return std::nullopt;
    }
    return e164;
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
