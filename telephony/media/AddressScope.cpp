#include "telephony/media/AddressScope.h"

#include "telephony/media/AddressFilter.h"

namespace warmline::sip {

bool onSiteNetwork(const boost::asio::ip::address& address)
{
    static const AddressFilter site = AddressFilter::parse(
        "127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, 100.64.0.0/10, "
        "::1, fc00::/7, fe80::/10");
    return site.allows(address);
}

} // namespace warmline::sip
