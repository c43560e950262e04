#pragma once

// Whether an IP address is on a site's own network: loopback, the private
// ranges (RFC 1918, IPv6 unique local), link-local, and the shared range
// 100.64.0.0/10 that carrier NAT and VPN overlays use. Plain SIP and RTP to a
// phone outside these crosses networks nobody at the site controls
// (docs/remote-operators.md).

#include <boost/asio/ip/address.hpp>

namespace warmline::sip {

bool onSiteNetwork(const boost::asio::ip::address& address);

} // namespace warmline::sip
