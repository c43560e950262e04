#include "core/domain/ShiftFigures.h"
#include "core/text/Text.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <string>
#include <unordered_set>

namespace warmline {

namespace {

constexpr EpochMs kMinuteMs = 60'000;
constexpr EpochMs kDayMs = 24 * 60 * kMinuteMs;

int parseClock(std::string_view text)
{
    const auto bad = [&] {
        return ShiftStartsError("\"" + std::string(text) + "\" is not a time like 07:00");
    };
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) {
        throw bad();
    }
    int hours = -1;
    int minutes = -1;
    const auto h = std::from_chars(text.data(), text.data() + colon, hours);
    const auto m = std::from_chars(text.data() + colon + 1, text.data() + text.size(), minutes);
    if (h.ec != std::errc() || h.ptr != text.data() + colon || m.ec != std::errc() ||
        m.ptr != text.data() + text.size() || hours < 0 || hours > 23 || minutes < 0 ||
        minutes > 59) {
        throw bad();
    }
    return hours * 60 + minutes;
}

} // namespace

std::vector<int> parseShiftStarts(std::string_view text)
{
    std::vector<int> out;
    if (trim(text, kBlanks).empty()) {
        return out;
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        const auto item = trim(text.substr(start, end - start), kBlanks);
        if (item.empty()) {
            throw ShiftStartsError("an entry between commas is empty");
        }
        out.push_back(parseClock(item));
        start = end + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

EpochMs shiftStartAt(EpochMs now, const std::vector<int>& startMinutes, const TimeZone& zone,
                     EpochMs window)
{
    if (startMinutes.empty()) {
        return now - window;
    }
    // Local wall-clock days, so that a shift starting at 18:00 starts at
    // 18:00 on the days the clocks change too.
    const std::int64_t local = zone.toLocal(now);
    std::int64_t today = local / kDayMs;
    if (local % kDayMs < 0) {
        --today;
    }
    EpochMs best = 0;
    bool found = false;
    for (const std::int64_t day : {today * kDayMs, (today - 1) * kDayMs}) {
        for (const int m : startMinutes) {
            const EpochMs at = zone.fromLocal(day + m * kMinuteMs);
            if (at <= now && (!found || at > best)) {
                best = at;
                found = true;
            }
        }
    }
    return best;
}

std::optional<double> ShiftFigures::serviceLevel() const
{
    const int total = answered + abandoned;
    if (total == 0) {
        return std::nullopt;
    }
    return static_cast<double>(answeredWithinTarget) / total;
}

void ShiftStats::recordAnswered(Id contactId, EpochMs at, EpochMs waitMs)
{
    m_answers.push_back({contactId, at, std::max<EpochMs>(0, waitMs)});
}

std::size_t ShiftStats::answeredSince(EpochMs since) const
{
    std::set<Id> contacts;
    for (auto it = m_answers.rbegin(); it != m_answers.rend() && it->at >= since; ++it) {
        contacts.insert(it->contactId);
    }
    return contacts.size();
}

void ShiftStats::recordAbandoned(Id contactId, EpochMs at)
{
    m_abandoned.emplace_back(contactId, at);
}

void ShiftStats::forgetBefore(EpochMs shiftStart)
{
    while (!m_answers.empty() && m_answers.front().at < shiftStart) {
        m_answers.pop_front();
    }
    while (!m_abandoned.empty() && m_abandoned.front().second < shiftStart) {
        m_abandoned.pop_front();
    }
}

ShiftFigures ShiftStats::figures(EpochMs shiftStart, EpochMs targetMs)
{
    forgetBefore(shiftStart);
    ShiftFigures f;
    f.shiftStart = shiftStart;
    // A contact counts once, at its first answer in the shift.
    std::unordered_set<Id> counted;
    counted.reserve(m_answers.size());
    for (const auto& a : m_answers) {
        if (a.at < shiftStart || !counted.insert(a.contactId).second) {
            continue;
        }
        ++f.answered;
        if (a.waitMs <= targetMs) {
            ++f.answeredWithinTarget;
        }
    }
    f.abandoned =
        static_cast<int>(std::count_if(m_abandoned.begin(), m_abandoned.end(),
                                       [&](const auto& a) { return a.second >= shiftStart; }));
    return f;
}

boost::json::object toJson(const ShiftFigures& f, EpochMs targetMs)
{
    boost::json::object o;
    o["shiftStart"] = f.shiftStart;
    o["answered"] = f.answered;
    o["answeredWithinTarget"] = f.answeredWithinTarget;
    o["abandoned"] = f.abandoned;
    o["answerTargetMs"] = targetMs;
    const auto sl = f.serviceLevel();
    o["serviceLevel"] = sl ? boost::json::value(*sl) : boost::json::value(nullptr);
    return o;
}

} // namespace warmline
