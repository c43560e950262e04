#include "telephony/media/AudioMix.h"

#include <algorithm>
#include <limits>

namespace warmline {

MixFrame decodeG711(std::span<const std::uint8_t> payload, G711Law law)
{
    MixFrame out(payload.size());
    for (std::size_t i = 0; i < payload.size(); ++i) {
        out[i] = law == G711Law::MuLaw ? muLawToLinear(payload[i]) : aLawToLinear(payload[i]);
    }
    return out;
}

void mixInto(std::vector<std::int32_t>& into, std::span<const std::int16_t> add)
{
    if (into.size() < add.size()) {
        into.resize(add.size(), 0);
    }
    for (std::size_t i = 0; i < add.size(); ++i) {
        into[i] += add[i];
    }
}

MixFrame clipToFrame(const std::vector<std::int32_t>& sum)
{
    MixFrame out(sum.size());
    static constexpr std::int32_t lo = std::numeric_limits<std::int16_t>::min();
    static constexpr std::int32_t hi = std::numeric_limits<std::int16_t>::max();
    std::transform(sum.begin(), sum.end(), out.begin(),
                   [](std::int32_t v) { return static_cast<std::int16_t>(std::clamp(v, lo, hi)); });
    return out;
}

std::optional<MixFrame> mixForLeg(std::span<const std::optional<MixFrame>> frames, std::size_t leg)
{
    return mixForLeg(frames, leg, kHearsEveryone);
}

std::optional<MixFrame> mixForLeg(std::span<const std::optional<MixFrame>> frames, std::size_t leg,
                                  HearsMask hears)
{
    std::vector<std::int32_t> sum;
    bool any = false;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const bool heard = i < 32 && (hears & (HearsMask{1} << i)) != 0;
        if (i == leg || !frames[i] || !heard) {
            continue;
        }
        any = true;
        mixInto(sum, *frames[i]);
    }
    if (!any) {
        return std::nullopt;
    }
    return clipToFrame(sum);
}

void MixQueue::push(MixFrame frame)
{
    m_frames.push_back(std::move(frame));
    while (m_frames.size() > m_depth) {
        m_frames.pop_front();
        ++m_dropped;
    }
}

std::optional<MixFrame> MixQueue::pop()
{
    if (m_frames.empty()) {
        return std::nullopt;
    }
    MixFrame f = std::move(m_frames.front());
    m_frames.pop_front();
    return f;
}

std::string crisisCallUri(std::string_view callAddress, std::string_view trunkTemplate)
{
    const auto first = callAddress.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = callAddress.find_last_not_of(" \t");
    const auto address = callAddress.substr(first, last - first + 1);
    if (address.starts_with("sip:") || address.starts_with("sips:")) {
        return std::string(address);
    }
    std::string number;
    for (std::size_t i = 0; i < address.size(); ++i) {
        const char c = address[i];
        if (c >= '0' && c <= '9') {
            number.push_back(c);
        } else if (c == '+' && number.empty() && i == 0) {
            number.push_back(c);
        } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
            return {};
        }
    }
    if (number.empty() || number == "+") {
        return {};
    }
    const auto slot = trunkTemplate.find("{number}");
    if (slot == std::string_view::npos) {
        return {};
    }
    std::string uri(trunkTemplate.substr(0, slot));
    uri += number;
    uri += trunkTemplate.substr(slot + 8);
    return uri;
}

} // namespace warmline
