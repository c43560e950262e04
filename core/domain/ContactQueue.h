#pragma once

// The waiting queue: contacts in state `queued`, ordered by risk level
// (highest first), then by how long they have waited (longest first), then
// by id, so the order is total and deterministic. Not thread-safe: the
// gateway owns one and uses it on its event loop.

#include "core/domain/Domain.h"

#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace warmline {

class ContactQueue
{
public:
    /// Adds a contact, or updates it (its place moves if risk or wait changed).
    void upsert(const ContactSummary& contact);
    /// Removes a contact; false if it was not queued.
    bool remove(Id contactId);

    bool contains(Id contactId) const { return m_byId.contains(contactId); }
    const ContactSummary* find(Id contactId) const;
    std::optional<ContactSummary> head() const;
    /// 1-based position in the order, or 0 when not queued.
    std::size_t position(Id contactId) const;

    std::vector<ContactSummary> ordered() const;
    std::size_t size() const { return m_byId.size(); }
    bool empty() const { return m_byId.empty(); }
    std::size_t countByChannel(Channel channel) const;
    /// Milliseconds the longest-waiting contact has waited, 0 when empty.
    EpochMs longestWait(EpochMs now) const;

private:
    // Risk is negated so that the set's ascending order is highest risk first.
    using Key = std::tuple<int, EpochMs, Id>;
    static Key keyOf(const ContactSummary& c);

    std::set<Key> m_order;
    std::unordered_map<Id, ContactSummary> m_byId;
};

} // namespace warmline
