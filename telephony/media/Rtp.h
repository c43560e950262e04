#pragma once

// RTP (RFC 3550) packets, RFC 4733 telephone events and the pacing of a
// 20 ms G.711 stream. Pure functions and small value types; no sockets.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace warmline {

inline constexpr std::size_t kRtpHeaderBytes = 12;
/// 20 ms of 8 kHz audio: the packet size every G.711 stream here uses.
inline constexpr std::uint32_t kSamplesPerPacket = 160;
inline constexpr std::chrono::milliseconds kPacketInterval{20};

struct RtpHeader
{
    bool marker = false;
    std::uint8_t payloadType = 0;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
};

/// A parsed packet: its header and where the payload lies in the buffer.
struct RtpPacketView
{
    RtpHeader header;
    std::size_t payloadOffset = 0;
    std::size_t payloadSize = 0;
};

/// Header (no CSRCs, no extension) followed by the payload.
std::vector<std::uint8_t> buildRtp(const RtpHeader& header, std::span<const std::uint8_t> payload);
/// Writes the 12-byte header at the start of `out` (at least 12 bytes).
void writeRtpHeader(const RtpHeader& header, std::span<std::uint8_t> out);
/// Parses a datagram as RTP version 2: CSRCs, extension and padding are
/// skipped. nullopt when it is not a well-formed RTP packet (e.g. RTCP).
std::optional<RtpPacketView> parseRtp(std::span<const std::uint8_t> datagram);

/// An RFC 4733 telephone-event payload.
struct TelephoneEvent
{
    std::uint8_t event = 0; ///< 0-9 digits, 10 '*', 11 '#', 12-15 A-D
    bool end = false;
    std::uint8_t volume = 0;
    std::uint16_t duration = 0;
};
std::optional<TelephoneEvent> parseTelephoneEvent(std::span<const std::uint8_t> payload);
/// The key of an event ('0'-'9', '*', '#', 'A'-'D'); nullopt for other events.
std::optional<char> dtmfKey(std::uint8_t event);

/// Turns the stream of telephone-event packets into key presses: a sender
/// repeats each event's packets (and its end packet three times); one
/// press is reported per event, on its first packet, recognised by the
/// RTP timestamp that all packets of one event share.
class DtmfDetector
{
public:
    std::optional<char> onPacket(std::uint32_t rtpTimestamp, std::span<const std::uint8_t> payload);

private:
    std::optional<std::uint32_t> m_lastTimestamp;
};

/// The schedule of a paced stream: packet n is due at start + n * 20 ms and
/// carries timestamp base + n * 160. Computed from the start rather than
/// accumulated, so timer lateness never adds up into drift.
struct RtpPacing
{
    std::chrono::steady_clock::time_point start;
    std::uint32_t timestampBase = 0;

    std::chrono::steady_clock::time_point dueTime(std::uint64_t n) const
    {
        return start + n * kPacketInterval;
    }
    std::uint32_t timestampOf(std::uint64_t n) const
    {
        return timestampBase + static_cast<std::uint32_t>(n * kSamplesPerPacket);
    }
    /// The number of the packet due at or before `now` (0 before the start).
    std::uint64_t packetsDueBy(std::chrono::steady_clock::time_point now) const;
};

} // namespace warmline
