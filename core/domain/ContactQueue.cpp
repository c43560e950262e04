#include "core/domain/ContactQueue.h"

#include <algorithm>
#include <iterator>

namespace warmline {

ContactQueue::Key ContactQueue::keyOf(const ContactSummary& c)
{
    return {-static_cast<int>(c.risk), c.queuedAt, c.id};
}

void ContactQueue::upsert(const ContactSummary& contact)
{
    auto it = m_byId.find(contact.id);
    if (it != m_byId.end()) {
        m_order.erase(keyOf(it->second));
        it->second = contact;
    } else {
        m_byId.emplace(contact.id, contact);
    }
    m_order.insert(keyOf(contact));
}

bool ContactQueue::remove(Id contactId)
{
    auto it = m_byId.find(contactId);
    if (it == m_byId.end()) {
        return false;
    }
    m_order.erase(keyOf(it->second));
    m_byId.erase(it);
    return true;
}

const ContactSummary* ContactQueue::find(Id contactId) const
{
    auto it = m_byId.find(contactId);
    return it == m_byId.end() ? nullptr : &it->second;
}

std::optional<ContactSummary> ContactQueue::head() const
{
    if (m_order.empty()) {
        return std::nullopt;
    }
    return m_byId.at(std::get<2>(*m_order.begin()));
}

std::size_t ContactQueue::position(Id contactId) const
{
    auto it = m_byId.find(contactId);
    if (it == m_byId.end()) {
        return 0;
    }
    auto at = m_order.find(keyOf(it->second));
    return static_cast<std::size_t>(std::distance(m_order.begin(), at)) + 1;
}

std::vector<ContactSummary> ContactQueue::ordered() const
{
    std::vector<ContactSummary> out;
    out.reserve(m_order.size());
    for (const auto& key : m_order) {
        out.push_back(m_byId.at(std::get<2>(key)));
    }
    return out;
}

std::size_t ContactQueue::countByChannel(Channel channel) const
{
    return static_cast<std::size_t>(
        std::count_if(m_byId.begin(), m_byId.end(),
                      [channel](const auto& p) { return p.second.channel == channel; }));
}

EpochMs ContactQueue::longestWait(EpochMs now) const
{
    EpochMs oldest = now;
    for (const auto& [id, c] : m_byId) {
        oldest = std::min(oldest, c.queuedAt);
    }
    return std::max<EpochMs>(0, now - oldest);
}

} // namespace warmline
