#include "telephony/gateway/LinkHub.h"

#include "core/link/LinkCodec.h"
#include "core/security/Tokens.h"
#include "telephony/gateway/Permissions.h"

namespace warmline::telephony {

LinkHub::LinkHub(std::size_t replayEvents) : m_epoch(randomEpoch()), m_replayEvents(replayEvents) {}

void LinkHub::attach(const std::shared_ptr<LinkPeer>& peer)
{
    LinkState s;
    s.peer = peer;
    m_links.emplace(peer.get(), std::move(s));
}

std::optional<LinkState> LinkHub::detach(LinkPeer* peer)
{
    auto it = m_links.find(peer);
    if (it == m_links.end()) {
        return std::nullopt;
    }
    LinkState state = std::move(it->second);
    m_links.erase(it);
    return state;
}

LinkState* LinkHub::find(const LinkPeer* peer)
{
    auto it = m_links.find(peer);
    return it == m_links.end() ? nullptr : &it->second;
}

const LinkState* LinkHub::find(const LinkPeer* peer) const
{
    auto it = m_links.find(peer);
    return it == m_links.end() ? nullptr : &it->second;
}

void LinkHub::publish(std::string_view name, const boost::json::object& data, Audience audience)
{
    Event e;
    e.seq = ++m_seq;
    e.audience = audience;
    e.frame = std::make_shared<const std::string>(link::eventFrame(m_epoch, e.seq, name, data));
    m_events.push_back(e);
    while (m_events.size() > m_replayEvents) {
        m_events.pop_front();
    }
    for (auto& [raw, state] : m_links) {
        if (auto peer = state.peer.lock(); peer && state.operatorId && !state.busy) {
            deliver(state, *peer, e);
        }
    }
}

bool LinkHub::canReplay(const std::optional<std::string>& epoch, std::uint64_t seq) const
{
    return epoch && *epoch == m_epoch && seq <= m_seq &&
           (seq == m_seq || (!m_events.empty() && m_events.front().seq <= seq + 1));
}

void LinkHub::startEvents(LinkState& state, LinkPeer& peer, std::string ack,
                          std::optional<std::uint64_t> replayAfter)
{
    state.lastSeqSent = replayAfter ? *replayAfter : m_seq;
    peer.sendFrame(std::make_shared<const std::string>(std::move(ack)));
    if (replayAfter) {
        for (const auto& e : m_events) {
            if (e.seq > *replayAfter) {
                deliver(state, peer, e);
            }
        }
    }
}

bool LinkHub::mayReceive(const LinkState& state, const Audience& audience)
{
    if (!state.operatorId) {
        return false;
    }
    if (audience.everyone) {
        return true;
    }
    if (audience.holderOnly) {
        return audience.holder && *audience.holder == *state.operatorId;
    }
    if (audience.board) {
        return mayReadBoard(state.role) ||
               (audience.holder && *audience.holder == *state.operatorId);
    }
    return mayReadAnyContact(state.role) ||
           (audience.holder && *audience.holder == *state.operatorId);
}

void LinkHub::deliver(LinkState& state, LinkPeer& peer, const Event& event)
{
    if (event.seq <= state.lastSeqSent) {
        return;
    }
    state.lastSeqSent = event.seq;
    if (mayReceive(state, event.audience)) {
        peer.sendFrame(event.frame);
    }
}

} // namespace warmline::telephony
