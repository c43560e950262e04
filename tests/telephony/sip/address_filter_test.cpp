#include "telephony/media/AddressFilter.h"
#include "telephony/media/AddressScope.h"

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

TEST_CASE("a phone's address is on the site's network only in the private and local ranges")
{
    using warmline::sip::onSiteNetwork;
    for (const char* on :
         {"127.0.0.1", "10.0.0.40", "172.16.0.1", "172.31.255.254", "192.168.1.20", "169.254.3.4",
          "100.64.0.7", "100.127.255.1", "::1", "fd12:3456::1", "fe80::1", "::ffff:10.1.2.3"}) {
        INFO(on);
        CHECK(onSiteNetwork(make_address(on)));
    }
    for (const char* off : {"203.0.113.7", "198.51.100.9", "192.0.2.40", "172.32.0.1", "11.0.0.1",
                            "100.128.0.1", "8.8.8.8", "2001:db8::5", "::ffff:203.0.113.7"}) {
        INFO(off);
        CHECK_FALSE(onSiteNetwork(make_address(off)));
    }
}
