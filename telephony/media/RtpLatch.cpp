#include "telephony/media/RtpLatch.h"

#include "telephony/media/AddressScope.h"

namespace warmline::sip {

void RtpLatch::reset(std::optional<boost::asio::ip::udp::endpoint> signalled)
{
    m_remote = std::move(signalled);
    m_fixed = false;
    m_signalledOnSite = m_remote && onSiteNetwork(m_remote->address());
    m_candidate.reset();
    m_candidatePackets = 0;
}

bool RtpLatch::take(const boost::asio::ip::udp::endpoint& from, std::uint16_t sequence)
{
    if (!m_remote) {
        return true;
    }
    if (m_fixed) {
        return from == *m_remote;
    }
    if (from.address() == m_remote->address()) {
        m_remote = from;
        m_fixed = true;
        m_candidate.reset();
        return true;
    }
    if (m_signalledOnSite && !onSiteNetwork(from.address())) {
        return false;
    }
    if (m_candidate && *m_candidate == from &&
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

} // namespace warmline::sip
