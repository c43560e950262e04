#pragma once

// Slows password guessing: counts failed logins per account name and per
// remote address, and locks a key for a while once it has failed too often
// within a window. Time is passed in, so it is deterministic. Memory is
// bounded: each table keeps at most `maxEntries` keys and forgets the least
// recently touched first. Not thread-safe: one owner (the gateway's auth
// strand) calls it.

#include "core/domain/Domain.h"

#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace warmline {

class LoginThrottle
{
public:
    struct Settings
    {
        int maxFailures = 5;            ///< per account name
        int maxAddressFailures = 20;    ///< per address: offices share one NAT address
        EpochMs windowMs = 15 * 60'000; ///< failures older than this are forgotten
        EpochMs lockoutMs = 60'000;
        std::size_t maxEntries = 10'000; ///< per table
    };

    LoginThrottle();
    explicit LoginThrottle(Settings settings);

    /// When either the account or the address is locked, the time at which
    /// both will be free again; nullopt when a login may be tried now.
    std::optional<EpochMs> lockedUntil(std::string_view account, std::string_view address,
                                       EpochMs now) const;

    /// Counts a failed login; returns lockedUntil() after counting it.
    /// Failures while a key is locked are not counted, so a lockout is not
    /// extended by the attempts it refuses.
    std::optional<EpochMs> recordFailure(std::string_view account, std::string_view address,
                                         EpochMs now);

    /// Forgets the account's failures. The address keeps its count, so one
    /// valid account cannot reset an address that is guessing others.
    void recordSuccess(std::string_view account);

    std::size_t accountEntries() const { return m_accounts.size(); }
    std::size_t addressEntries() const { return m_addresses.size(); }

private:
    struct Entry
    {
        int failures = 0;
        EpochMs firstFailure = 0;
        EpochMs lockedUntil = 0;
    };

    /// A map with least-recently-touched eviction.
    class Table
    {
    public:
        const Entry* find(const std::string& key) const;
        Entry& touch(const std::string& key, std::size_t maxEntries);
        void erase(const std::string& key);
        std::size_t size() const { return m_entries.size(); }

    private:
        std::list<std::string> m_order; ///< front: most recently touched
        std::unordered_map<std::string, std::pair<Entry, std::list<std::string>::iterator>>
            m_entries;
    };

    static std::optional<EpochMs> lockOf(const Entry* entry, EpochMs now);
    void fail(Table& table, const std::string& key, int limit, EpochMs now);

    Settings m_settings;
    Table m_accounts;
    Table m_addresses;
};

} // namespace warmline
