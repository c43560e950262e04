#include "core/domain/ContactQueue.h"

#include <catch2/catch.hpp>

using namespace warmline;

namespace {
ContactSummary contact(Id id, RiskLevel risk, EpochMs queuedAt, Channel ch = Channel::Text)
{
    ContactSummary c;
    c.id = id;
    c.risk = risk;
    c.queuedAt = queuedAt;
    c.channel = ch;
    return c;
}

std::vector<Id> ids(const ContactQueue& q)
{
    std::vector<Id> out;
    for (const auto& c : q.ordered()) {
        out.push_back(c.id);
    }
    return out;
}
} // namespace

TEST_CASE("queue orders by risk first, then by longest wait, then by id")
{
    ContactQueue q;
    q.upsert(contact(1, RiskLevel::None, 1000));
    q.upsert(contact(2, RiskLevel::None, 500));
    q.upsert(contact(3, RiskLevel::High, 3000));
    q.upsert(contact(4, RiskLevel::Concern, 2000));
    q.upsert(contact(5, RiskLevel::Imminent, 4000));
    q.upsert(contact(6, RiskLevel::None, 500));
    CHECK(ids(q) == std::vector<Id>{5, 3, 4, 2, 6, 1});
    CHECK(q.head()->id == 5);
    CHECK(q.position(2) == 4);
    CHECK(q.position(99) == 0);
}

TEST_CASE("queue moves a contact whose risk rises and drops removed ones")
{
    ContactQueue q;
    q.upsert(contact(1, RiskLevel::None, 1000));
    q.upsert(contact(2, RiskLevel::None, 2000));
    q.upsert(contact(2, RiskLevel::High, 2000));
    CHECK(ids(q) == std::vector<Id>{2, 1});
    CHECK(q.size() == 2);
    CHECK(q.remove(2));
    CHECK_FALSE(q.remove(2));
    CHECK(ids(q) == std::vector<Id>{1});
    CHECK(q.remove(1));
    CHECK(q.empty());
    CHECK_FALSE(q.head().has_value());
}

TEST_CASE("queue reports longest wait and counts by channel")
{
    ContactQueue q;
    CHECK(q.longestWait(5000) == 0);
    q.upsert(contact(1, RiskLevel::None, 1000, Channel::Call));
    q.upsert(contact(2, RiskLevel::High, 3000));
    q.upsert(contact(3, RiskLevel::None, 4000));
    CHECK(q.longestWait(5000) == 4000);
    CHECK(q.countByChannel(Channel::Call) == 1);
    CHECK(q.countByChannel(Channel::Text) == 2);
}

TEST_CASE("queue order is deterministic whatever the insertion order")
{
    std::vector<ContactSummary> all;
    for (Id i = 1; i <= 50; ++i) {
        all.push_back(contact(i, static_cast<RiskLevel>(i % 4), 1000 + (i * 37) % 11));
    }
    ContactQueue forward;
    ContactQueue backward;
    for (const auto& c : all) {
        forward.upsert(c);
    }
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        backward.upsert(*it);
    }
    CHECK(ids(forward) == ids(backward));
    const auto ordered = forward.ordered();
    for (std::size_t i = 1; i < ordered.size(); ++i) {
        const auto& a = ordered[i - 1];
        const auto& b = ordered[i];
        const bool inOrder =
            a.risk > b.risk || (a.risk == b.risk && (a.queuedAt < b.queuedAt ||
                                                     (a.queuedAt == b.queuedAt && a.id < b.id)));
        CHECK(inOrder);
    }
}
