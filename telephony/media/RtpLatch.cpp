#include "telephony/media/RtpLatch.h"

namespace warmline::sip {

namespace {

using boost::asio::ip::address;
using boost::asio::ip::udp;

/// IPv4 as itself, also when a dual-stack socket reports it IPv4-mapped.
address plain(const address& a)
{
    if (a.is_v6() && a.to_v6().is_v4_mapped()) {
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
    }
    return a;
}

bool sameHost(const udp::endpoint& a, const udp::endpoint& b)
{
    return plain(a.address()) == plain(b.address());
}

bool sameEndpoint(const udp::endpoint& a, const udp::endpoint& b)
{
    return a.port() == b.port() && sameHost(a, b);
}

} // namespace

void RtpLatch::reset(std::optional<udp::endpoint> signalled)
{
    if (signalled && signalled->address().is_unspecified() && m_signalled) {
        m_paused = true; // hold the old way: keep the peer, send nothing
        return;
    }
    m_paused = false;
    if (signalled && m_signalled && sameEndpoint(*signalled, *m_signalled)) {
        return; // a session refresh: the same peer
    }
    m_signalled = std::move(signalled);
    m_remote = m_signalled;
    m_fixed = false;
    m_candidate.reset();
    m_candidatePackets = 0;
}

std::optional<udp::endpoint> RtpLatch::sendTo() const
{
    if (m_paused || (m_remote && m_remote->address().is_unspecified())) {
        return std::nullopt;
    }
    return m_remote;
}

bool RtpLatch::take(const udp::endpoint& from, std::uint16_t sequence)
{
    if (!m_signalled) {
        return true;
    }
    if (sameHost(from, *m_signalled)) {
        m_remote = from;
        m_fixed = true;
        m_candidate.reset();
        return true;
    }
    if (m_fixed) {
        return sameEndpoint(from, *m_remote);
    }
    if (m_candidate && sameEndpoint(*m_candidate, from) &&
        sequence == static_cast<std::uint16_t>(m_candidateSequence + 1)) {
        ++m_candidatePackets;
    } else {
        m_candidate = from;
        m_candidatePackets = 1;
    }
    m_candidateSequence = sequence;
    if (m_candidatePackets < kLearnPackets) {
        return false;
    }
    m_remote = from;
    m_fixed = true;
    m_candidate.reset();
    return true;
}

void RtpLatch::takeAuthenticated(const udp::endpoint& from)
{
    m_remote = from;
    m_fixed = true;
    m_candidate.reset();
    m_candidatePackets = 0;
}

} // namespace warmline::sip
