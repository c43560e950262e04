#pragma once

// Which RTP packets a call leg takes, and where it answers (decision 146).
//
// Symmetric RTP answers where the peer's packets come from, so a phone
// behind NAT is heard. Taken naively ("answer the first sender"), anyone who
// finds a relay port could play audio into a call or take the caller's
// audio by sending first. So, like the "strict RTP" of established PBXs:
//   - packets from the address the peer signalled (its SDP) are taken at
//     once, and fix the leg there;
//   - a packet from the signalled host on another port (NAT rewrote it)
//     does the same;
//   - any other source is taken only after it has sent kLearnPackets
//     packets in sequence with nothing from the signalled address between,
//     and never a source outside the site's network for a peer that
//     signalled an address on it (a desk phone or softphone on the site's
//     network is never replaced by an outside address);
//   - once fixed, packets from any other source are dropped.
// A new SDP (re-INVITE, transfer) starts over.

#include <boost/asio/ip/udp.hpp>

#include <cstdint>
#include <optional>

namespace warmline::sip {

class RtpLatch
{
public:
    static constexpr int kLearnPackets = 4;

    /// Starts over with the peer's signalled address (none: every packet is
    /// taken and nothing is fixed, as before any SDP).
    void reset(std::optional<boost::asio::ip::udp::endpoint> signalled);
    /// Whether to take a packet from `from` with RTP sequence `sequence`.
    bool take(const boost::asio::ip::udp::endpoint& from, std::uint16_t sequence);
    /// Where to send: the fixed source, else the signalled address.
    const std::optional<boost::asio::ip::udp::endpoint>& remote() const { return m_remote; }
    bool fixed() const { return m_fixed; }

private:
    std::optional<boost::asio::ip::udp::endpoint> m_remote;
    bool m_fixed = false;
    bool m_signalledOnSite = false;
    std::optional<boost::asio::ip::udp::endpoint> m_candidate;
    std::uint16_t m_candidateSequence = 0;
    int m_candidatePackets = 0;
};

} // namespace warmline::sip
