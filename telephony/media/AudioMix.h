#pragma once

// Mixing call audio for a three-way call (a warm transfer to a crisis line):
// each leg hears the sum of the others, decoded from G.711 to 16-bit linear,
// added with clipping, and encoded again in the leg's own law. Frames are
// 20 ms (160 samples at 8 kHz). A small bounded queue per leg absorbs jitter
// between the legs' packet arrival and the mixer's clock. Pure: the gateway's
// RTP code owns the sockets and the timer.

#include "telephony/media/G711.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// Samples in one 20 ms frame at 8 kHz.
inline constexpr std::size_t kMixFrameSamples = 160;

/// One 20 ms frame of linear audio.
using MixFrame = std::vector<std::int16_t>;

/// Decodes a G.711 payload to linear samples.
MixFrame decodeG711(std::span<const std::uint8_t> payload, G711Law law);

/// Adds `add` into `into` sample by sample, clipping to the 16-bit range.
/// `into` grows to the longer length (missing samples count as silence).
void mixInto(std::vector<std::int32_t>& into, std::span<const std::int16_t> add);

/// Clips a sum to 16 bits.
MixFrame clipToFrame(const std::vector<std::int32_t>& sum);

/// What leg `leg` hears: the sum of every other leg's frame (nullopt means
/// that leg sent nothing this tick), clipped; nullopt when no other leg sent
/// anything (nothing to send this tick).
std::optional<MixFrame> mixForLeg(std::span<const std::optional<MixFrame>> frames, std::size_t leg);

/// Which legs one leg hears: bit i set means it hears leg i (a leg never
/// hears itself). kHearsEveryone is the default.
using HearsMask = std::uint32_t;
inline constexpr HearsMask kHearsEveryone = ~HearsMask{0};

/// As above, but only the legs set in `hears` count (a shift lead's leg in
/// Listen is heard by nobody, in Whisper by the operator only).
std::optional<MixFrame> mixForLeg(std::span<const std::optional<MixFrame>> frames, std::size_t leg,
                                  HearsMask hears);

/// Frames waiting for the mixer's next tick, at most `depth` (the oldest
/// are dropped when a leg sends faster than the mixer takes them).
class MixQueue
{
public:
    explicit MixQueue(std::size_t depth = 5) : m_depth(depth == 0 ? 1 : depth) {}
    void push(MixFrame frame);
    std::optional<MixFrame> pop();
    std::size_t size() const { return m_frames.size(); }
    std::size_t dropped() const { return m_dropped; }

private:
    std::size_t m_depth;
    std::deque<MixFrame> m_frames;
    std::size_t m_dropped = 0;
};

/// The SIP URI a crisis line's call address is dialled at: a "sip:" or
/// "sips:" URI as it is; otherwise a number (digits, an optional leading
/// "+", spaces and dashes ignored) put into the trunk template in place of
/// "{number}". Empty when the address is neither, or is a number and there
/// is no template.
std::string crisisCallUri(std::string_view callAddress, std::string_view trunkTemplate);

} // namespace warmline
