#pragma once

// G.711 (ITU-T) companding: 16-bit linear PCM to and from mu-law (PCMU,
// RTP payload type 0) and A-law (PCMA, payload type 8). Pure functions;
// thread-safe.

#include <cstdint>
#include <span>
#include <vector>

namespace warmline {

enum class G711Law
{
    MuLaw, ///< PCMU
    ALaw   ///< PCMA
};

std::uint8_t linearToMuLaw(std::int16_t sample);
std::int16_t muLawToLinear(std::uint8_t code);
std::uint8_t linearToALaw(std::int16_t sample);
std::int16_t aLawToLinear(std::uint8_t code);

/// Encodes samples one byte each.
std::vector<std::uint8_t> encodeG711(std::span<const std::int16_t> samples, G711Law law);
/// Re-encodes a payload from one law to the other (for legs that chose
/// different codecs); the same law returns the payload unchanged.
void transcodeG711(std::span<std::uint8_t> payload, G711Law from, G711Law to);

} // namespace warmline
