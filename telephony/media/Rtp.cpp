#include "telephony/media/Rtp.h"

namespace warmline {

void writeRtpHeader(const RtpHeader& h, std::span<std::uint8_t> out)
{
    out[0] = 0x80;
    out[1] = static_cast<std::uint8_t>((h.marker ? 0x80 : 0) | (h.payloadType & 0x7F));
    out[2] = static_cast<std::uint8_t>(h.sequence >> 8);
    out[3] = static_cast<std::uint8_t>(h.sequence & 0xFF);
    for (int i = 0; i < 4; ++i) {
        out[static_cast<std::size_t>(4 + i)] =
            static_cast<std::uint8_t>(h.timestamp >> (24 - 8 * i));
        out[static_cast<std::size_t>(8 + i)] = static_cast<std::uint8_t>(h.ssrc >> (24 - 8 * i));
    }
}

std::vector<std::uint8_t> buildRtp(const RtpHeader& header, std::span<const std::uint8_t> payload)
{
    std::vector<std::uint8_t> out(kRtpHeaderBytes + payload.size());
    writeRtpHeader(header, out);
    std::copy(payload.begin(), payload.end(), out.begin() + kRtpHeaderBytes);
    return out;
}

std::optional<RtpPacketView> parseRtp(std::span<const std::uint8_t> d)
{
    if (d.size() < kRtpHeaderBytes || (d[0] >> 6) != 2) {
        return std::nullopt;
    }
    const std::uint8_t pt = d[1] & 0x7F;
    // Payload types 72-76 with the marker bit set are RTCP (RFC 5761).
    if (pt >= 72 && pt <= 76) {
        return std::nullopt;
    }
    RtpPacketView v;
    v.header.marker = (d[1] & 0x80) != 0;
    v.header.payloadType = pt;
    v.header.sequence = static_cast<std::uint16_t>(d[2] << 8 | d[3]);
    v.header.timestamp = static_cast<std::uint32_t>(d[4]) << 24 |
                         static_cast<std::uint32_t>(d[5]) << 16 |
                         static_cast<std::uint32_t>(d[6]) << 8 | d[7];
    v.header.ssrc = static_cast<std::uint32_t>(d[8]) << 24 |
                    static_cast<std::uint32_t>(d[9]) << 16 |
                    static_cast<std::uint32_t>(d[10]) << 8 | d[11];
    std::size_t offset = kRtpHeaderBytes + 4u * (d[0] & 0x0F);
    if ((d[0] & 0x10) != 0) {
        if (offset + 4 > d.size()) {
            return std::nullopt;
        }
        const std::size_t words = static_cast<std::size_t>(d[offset + 2] << 8 | d[offset + 3]);
        offset += 4 + 4 * words;
    }
    if (offset > d.size()) {
        return std::nullopt;
    }
    std::size_t end = d.size();
    if ((d[0] & 0x20) != 0) {
        const std::size_t padding = d[d.size() - 1];
        if (padding == 0 || padding > end - offset) {
            return std::nullopt;
        }
        end -= padding;
    }
    v.payloadOffset = offset;
    v.payloadSize = end - offset;
    return v;
}

std::optional<TelephoneEvent> parseTelephoneEvent(std::span<const std::uint8_t> p)
{
    if (p.size() < 4) {
        return std::nullopt;
    }
    TelephoneEvent e;
    e.event = p[0];
    e.end = (p[1] & 0x80) != 0;
    e.volume = p[1] & 0x3F;
    e.duration = static_cast<std::uint16_t>(p[2] << 8 | p[3]);
    return e;
}

std::optional<char> dtmfKey(std::uint8_t event)
{
    if (event <= 9) {
        return static_cast<char>('0' + event);
    }
    switch (event) {
    case 10:
        return '*';
    case 11:
        return '#';
    case 12:
    case 13:
    case 14:
    case 15:
        return static_cast<char>('A' + (event - 12));
    default:
        return std::nullopt;
    }
}

std::optional<char> DtmfDetector::onPacket(std::uint32_t rtpTimestamp,
                                           std::span<const std::uint8_t> payload)
{
    const auto event = parseTelephoneEvent(payload);
    if (!event) {
        return std::nullopt;
    }
    if (m_lastTimestamp && *m_lastTimestamp == rtpTimestamp) {
        return std::nullopt;
    }
    m_lastTimestamp = rtpTimestamp;
    return dtmfKey(event->event);
}

std::uint64_t RtpPacing::packetsDueBy(std::chrono::steady_clock::time_point now) const
{
    if (now < start) {
        return 0;
    }
    return static_cast<std::uint64_t>((now - start) / kPacketInterval);
}

} // namespace warmline
