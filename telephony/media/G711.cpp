#include "telephony/media/G711.h"

#include <array>

namespace warmline {

namespace {
constexpr int kMuBias = 0x84;
constexpr int kMuClip = 32635;
} // namespace

std::uint8_t linearToMuLaw(std::int16_t sample)
{
    int pcm = sample;
    const int sign = pcm < 0 ? 0x80 : 0;
    if (pcm < 0) {
        pcm = -pcm;
    }
    if (pcm > kMuClip) {
        pcm = kMuClip;
    }
    pcm += kMuBias;
    int exponent = 7;
    for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
        --exponent;
    }
    const int mantissa = (pcm >> (exponent + 3)) & 0x0F;
    return static_cast<std::uint8_t>(~(sign | (exponent << 4) | mantissa));
}

std::int16_t muLawToLinear(std::uint8_t code)
{
    const int u = static_cast<std::uint8_t>(~code);
    int t = ((u & 0x0F) << 3) + kMuBias;
    t <<= (u & 0x70) >> 4;
    return static_cast<std::int16_t>((u & 0x80) != 0 ? kMuBias - t : t - kMuBias);
}

std::uint8_t linearToALaw(std::int16_t sample)
{
    // Segment end points of the 13-bit magnitude.
    static constexpr std::array<int, 8> kSegmentEnd = {0x1F,  0x3F,  0x7F,  0xFF,
                                                       0x1FF, 0x3FF, 0x7FF, 0xFFF};
    int pcm = sample >> 3;
    int mask = 0xD5;
    if (pcm < 0) {
        mask = 0x55;
        pcm = -pcm - 1;
    }
    int segment = 0;
    while (segment < 8 && pcm > kSegmentEnd[static_cast<std::size_t>(segment)]) {
        ++segment;
    }
    if (segment >= 8) {
        return static_cast<std::uint8_t>(0x7F ^ mask);
    }
    int value = segment << 4;
    value |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
    return static_cast<std::uint8_t>(value ^ mask);
}

std::int16_t aLawToLinear(std::uint8_t code)
{
    const int a = code ^ 0x55;
    int t = (a & 0x0F) << 4;
    const int segment = (a & 0x70) >> 4;
    if (segment == 0) {
        t += 8;
    } else {
        t += 0x108;
        t <<= segment - 1;
    }
    return static_cast<std::int16_t>((a & 0x80) != 0 ? t : -t);
}

std::vector<std::uint8_t> encodeG711(std::span<const std::int16_t> samples, G711Law law)
{
    std::vector<std::uint8_t> out;
    out.reserve(samples.size());
    for (const auto s : samples) {
        out.push_back(law == G711Law::MuLaw ? linearToMuLaw(s) : linearToALaw(s));
    }
    return out;
}

void transcodeG711(std::span<std::uint8_t> payload, G711Law from, G711Law to)
{
    if (from == to) {
        return;
    }
    for (auto& b : payload) {
        b = from == G711Law::MuLaw ? linearToALaw(muLawToLinear(b))
                                   : linearToMuLaw(aLawToLinear(b));
    }
}

} // namespace warmline
