#include "core/security/LoginThrottle.h"
#include "core/text/Text.h"

#include <algorithm>

namespace warmline {

namespace {

/// Account names compare without ASCII case, so "Sam" and "sam" share a count.
std::string accountKey(std::string_view account)
{
    return asciiLower(account);
}

} // namespace

const LoginThrottle::Entry* LoginThrottle::Table::find(const std::string& key) const
{
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : &it->second.first;
}

LoginThrottle::Entry& LoginThrottle::Table::touch(const std::string& key, std::size_t maxEntries)
{
    if (const auto it = m_entries.find(key); it != m_entries.end()) {
        m_order.splice(m_order.begin(), m_order, it->second.second);
        return it->second.first;
    }
    while (!m_order.empty() && m_entries.size() >= std::max<std::size_t>(maxEntries, 1)) {
        m_entries.erase(m_order.back());
        m_order.pop_back();
    }
    m_order.push_front(key);
    auto [it, inserted] = m_entries.emplace(key, std::make_pair(Entry{}, m_order.begin()));
    return it->second.first;
}

void LoginThrottle::Table::erase(const std::string& key)
{
    if (const auto it = m_entries.find(key); it != m_entries.end()) {
        m_order.erase(it->second.second);
        m_entries.erase(it);
    }
}

LoginThrottle::LoginThrottle() : LoginThrottle(Settings{}) {}

LoginThrottle::LoginThrottle(Settings settings) : m_settings(settings) {}

std::optional<EpochMs> LoginThrottle::lockOf(const Entry* entry, EpochMs now)
{
    if (entry != nullptr && entry->lockedUntil > now) {
        return entry->lockedUntil;
    }
    return std::nullopt;
}

std::optional<EpochMs> LoginThrottle::lockedUntil(std::string_view account,
                                                  std::string_view address, EpochMs now) const
{
    const auto byAccount = lockOf(m_accounts.find(accountKey(account)), now);
    const auto byAddress = lockOf(m_addresses.find(std::string(address)), now);
    if (byAccount && byAddress) {
        return std::max(*byAccount, *byAddress);
    }
    return byAccount ? byAccount : byAddress;
}

void LoginThrottle::fail(Table& table, const std::string& key, int limit, EpochMs now)
{
    Entry& entry = table.touch(key, m_settings.maxEntries);
    if (entry.lockedUntil > now) {
        return;
    }
    if (entry.failures == 0 || now - entry.firstFailure >= m_settings.windowMs ||
        entry.lockedUntil != 0) {
        // A new window, or the first failure after a lockout ended.
        entry = Entry{};
        entry.firstFailure = now;
    }
    ++entry.failures;
    if (entry.failures >= std::max(limit, 1)) {
        entry.lockedUntil = now + m_settings.lockoutMs;
    }
}

std::optional<EpochMs> LoginThrottle::recordFailure(std::string_view account,
                                                    std::string_view address, EpochMs now)
{
    fail(m_accounts, accountKey(account), m_settings.maxFailures, now);
    fail(m_addresses, std::string(address), m_settings.maxAddressFailures, now);
    return lockedUntil(account, address, now);
}

void LoginThrottle::recordSuccess(std::string_view account)
{
    m_accounts.erase(accountKey(account));
}

} // namespace warmline
