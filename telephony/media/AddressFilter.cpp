#include "telephony/media/AddressFilter.h"
#include "core/text/Text.h"

#include <charconv>
#include <stdexcept>

namespace warmline::sip {

namespace {

template <typename Bytes> bool samePrefix(const Bytes& a, const Bytes& b, unsigned prefix)
{
    for (std::size_t i = 0; i < a.size() && prefix > 0; ++i) {
        const unsigned bits = std::min(prefix, 8u);
        const auto mask = static_cast<unsigned char>(0xFF << (8 - bits));
        if ((a[i] & mask) != (b[i] & mask)) {
            return false;
        }
        prefix -= bits;
    }
    return true;
}

} // namespace

AddressFilter AddressFilter::parse(std::string_view list)
{
    AddressFilter f;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const auto entry = trim(list.substr(start, comma - start), kBlanks);
        start = comma + 1;
        if (entry.empty()) {
            continue;
        }
        const std::size_t slash = entry.find('/');
        boost::system::error_code ec;
        Range r;
        r.network = boost::asio::ip::make_address(std::string(entry.substr(0, slash)), ec);
        if (ec) {
            throw std::invalid_argument("\"" + std::string(entry) + "\" is not an IP address");
        }
        const unsigned maxPrefix = r.network.is_v4() ? 32 : 128;
        r.prefix = maxPrefix;
        if (slash != std::string_view::npos) {
            const auto digits = entry.substr(slash + 1);
            unsigned p = 0;
            const auto [end, err] =
                std::from_chars(digits.data(), digits.data() + digits.size(), p);
            if (digits.empty() || err != std::errc() || end != digits.data() + digits.size() ||
                p > maxPrefix) {
                throw std::invalid_argument("\"" + std::string(entry) +
                                            "\" has an invalid prefix length");
            }
            r.prefix = p;
        }
        f.m_ranges.push_back(r);
    }
    return f;
}

bool AddressFilter::allows(const boost::asio::ip::address& a) const
{
    auto address = a;
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
    }
    for (const auto& r : m_ranges) {
        if (r.network.is_v4() && address.is_v4()) {
            if (samePrefix(r.network.to_v4().to_bytes(), address.to_v4().to_bytes(), r.prefix)) {
                return true;
            }
        } else if (r.network.is_v6() && address.is_v6()) {
            if (samePrefix(r.network.to_v6().to_bytes(), address.to_v6().to_bytes(), r.prefix)) {
                return true;
            }
        }
    }
    return false;
}

} // namespace warmline::sip
