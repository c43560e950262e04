#pragma once

// Which peers may send calls: a list of IPv4/IPv6 addresses and CIDR
// ranges ("192.0.2.0/24, 2001:db8::1"). Immutable after parsing; thread-safe.

#include <boost/asio/ip/address.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace warmline::sip {

class AddressFilter
{
public:
    /// Parses a comma-separated list; throws std::invalid_argument naming the
    /// bad entry. An empty list allows nobody.
    static AddressFilter parse(std::string_view list);
    bool allows(const boost::asio::ip::address& address) const;
    bool empty() const { return m_ranges.empty(); }

private:
    struct Range
    {
        boost::asio::ip::address network;
        unsigned prefix = 0;
    };
    std::vector<Range> m_ranges;
};

} // namespace warmline::sip
