#include "telephony/sip/AddressFilter.h"

#include <catch2/catch.hpp>

using boost::asio::ip::make_address;
using warmline::sip::AddressFilter;

TEST_CASE("the trunk's addresses: single addresses and CIDR ranges, v4 and v6")
{
    const auto f = AddressFilter::parse("192.0.2.10, 198.51.100.0/24,2001:db8::/32 , ::1");
    CHECK(f.allows(make_address("192.0.2.10")));
    CHECK_FALSE(f.allows(make_address("192.0.2.11")));
    CHECK(f.allows(make_address("198.51.100.254")));
    CHECK_FALSE(f.allows(make_address("198.51.101.1")));
    CHECK(f.allows(make_address("2001:db8:1::5")));
    CHECK(f.allows(make_address("::1")));
    CHECK(f.allows(make_address("::ffff:192.0.2.10"))); // v4-mapped
    CHECK_FALSE(f.allows(make_address("127.0.0.1")));
    CHECK(AddressFilter::parse("0.0.0.0/0").allows(make_address("203.0.113.9")));
    CHECK(AddressFilter::parse("").empty());
    CHECK_FALSE(AddressFilter::parse("").allows(make_address("127.0.0.1")));
    CHECK_THROWS_AS(AddressFilter::parse("example.com"), std::invalid_argument);
    CHECK_THROWS_AS(AddressFilter::parse("192.0.2.0/33"), std::invalid_argument);
    CHECK_THROWS_AS(AddressFilter::parse("192.0.2.0/"), std::invalid_argument);
}
