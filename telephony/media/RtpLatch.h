#pragma once

// Which RTP packets a call leg takes, and where it answers (decision 146).
//
// Symmetric RTP answers where the peer's packets come from, so a peer
// behind NAT is heard. Taken naively ("answer the first sender, hear
// anyone"), whoever finds a relay port could play audio into a call or take
// the caller's audio by sending first. So, like the "strict RTP" of
// established PBXs:
//   - packets from the host the peer signalled (its SDP), on any port, are
//     always taken, and fix the leg on that address and port (a NAT may
//     have rewritten the port);
//   - any other source is taken only after it has sent kLearnPackets
//     packets in sequence with nothing from the signalled host between
//     (a PBX behind NAT whose SDP names its private address, a carrier
//     whose media comes from another address than its SDP says);
//   - once fixed, packets from anyone else are dropped; only the signalled
//     host can take the leg back from a learned source.
// A new SDP with another address starts over; the same address again (a
// session refresh) changes nothing; the unspecified address (an old-style
// hold, c=0.0.0.0) keeps the peer but sends it nothing until the next SDP.
// On an SRTP leg none of this guessing is needed: a packet that passes the
// check comes from the peer, and fixes the leg on its source at once.

#include <boost/asio/ip/udp.hpp>

#include <cstdint>
#include <optional>

namespace warmline::sip {

class RtpLatch
{
public:
    static constexpr int kLearnPackets = 4;

    /// The peer's signalled address (none: every packet is taken and
    /// nothing is fixed, as before any SDP).
    void reset(std::optional<boost::asio::ip::udp::endpoint> signalled);
    /// Whether to take a packet from `from` with RTP sequence `sequence`.
    bool take(const boost::asio::ip::udp::endpoint& from, std::uint16_t sequence);
    /// A packet that passed SRTP's check (decision 153): only the holder of
    /// the peer's key could have sent it, so its source becomes the peer's
    /// at once, whoever it is (a NAT's public address, or a new one after
    /// the NAT rebinds); replays were refused before this.
    void takeAuthenticated(const boost::asio::ip::udp::endpoint& from);
    /// Where to send: the fixed source, else the signalled address; none
    /// while the peer asked for nothing (c=0.0.0.0) or before any SDP.
    std::optional<boost::asio::ip::udp::endpoint> sendTo() const;
    bool fixed() const { return m_fixed; }

private:
    std::optional<boost::asio::ip::udp::endpoint> m_signalled;
    std::optional<boost::asio::ip::udp::endpoint> m_remote;
    bool m_fixed = false;
    bool m_paused = false;
    std::optional<boost::asio::ip::udp::endpoint> m_candidate;
    std::uint16_t m_candidateSequence = 0;
    int m_candidatePackets = 0;
};

} // namespace warmline::sip
