#include "telephony/sip/SipDigest.h"
#include "core/text/Text.h"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <charconv>

namespace warmline {

namespace {

std::string hex(const unsigned char* data, std::size_t n)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kDigits[data[i] >> 4]);
        out.push_back(kDigits[data[i] & 0x0F]);
    }
    return out;
}

std::string hmacHex(std::string_view secret, std::string_view text)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac.data(), &len);
    return hex(mac.data(), 16);
}

bool sameText(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

std::string md5Hex(std::string_view text)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int len = 0;
    EVP_Digest(text.data(), text.size(), digest.data(), &len, EVP_md5(), nullptr);
    return hex(digest.data(), len);
}

std::optional<DigestCredentials> parseDigestAuthorization(std::string_view v)
{
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) {
        v.remove_prefix(1);
    }
    if (v.size() < 7 || asciiLower(v.substr(0, 6)) != "digest" || (v[6] != ' ' && v[6] != '\t')) {
        return std::nullopt;
    }
    v.remove_prefix(7);
    DigestCredentials c;
    std::size_t i = 0;
    while (i < v.size()) {
        while (i < v.size() &&
               (v[i] == ' ' || v[i] == '\t' || v[i] == ',' || v[i] == '\r' || v[i] == '\n')) {
            ++i;
        }
        const std::size_t nameStart = i;
        while (i < v.size() && v[i] != '=' && v[i] != ',' && v[i] != ' ') {
            ++i;
        }
        const std::string name = asciiLower(v.substr(nameStart, i - nameStart));
        while (i < v.size() && v[i] == ' ') {
            ++i;
        }
        if (i >= v.size() || v[i] != '=') {
            if (name.empty()) {
                break;
            }
            continue;
        }
        ++i;
        while (i < v.size() && v[i] == ' ') {
            ++i;
        }
        std::string value;
        if (i < v.size() && v[i] == '"') {
            ++i;
            bool closed = false;
            while (i < v.size()) {
                if (v[i] == '\\' && i + 1 < v.size()) {
                    value.push_back(v[i + 1]);
                    i += 2;
                } else if (v[i] == '"') {
                    ++i;
                    closed = true;
                    break;
                } else {
                    value.push_back(v[i++]);
                }
            }
            if (!closed) {
                return std::nullopt;
            }
        } else {
            const std::size_t start = i;
            while (i < v.size() && v[i] != ',' && v[i] != ' ') {
                ++i;
            }
            value = std::string(v.substr(start, i - start));
        }
        if (name == "username") {
            c.username = value;
        } else if (name == "realm") {
            c.realm = value;
        } else if (name == "nonce") {
            c.nonce = value;
        } else if (name == "uri") {
            c.uri = value;
        } else if (name == "response") {
            c.response = asciiLower(value);
        } else if (name == "algorithm") {
            c.algorithm = value;
        } else if (name == "qop") {
            c.qop = asciiLower(value);
        } else if (name == "nc") {
            c.nc = value;
        } else if (name == "cnonce") {
            c.cnonce = value;
        }
    }
    if (c.username.empty() || c.nonce.empty() || c.uri.empty() || c.response.empty()) {
        return std::nullopt;
    }
    return c;
}

std::string digestResponse(const DigestCredentials& c, std::string_view method,
                           std::string_view password)
{
    const std::string ha1 = md5Hex(fmt::format("{}:{}:{}", c.username, c.realm, password));
    const std::string ha2 = md5Hex(fmt::format("{}:{}", method, c.uri));
    if (c.qop == "auth") {
        return md5Hex(fmt::format("{}:{}:{}:{}:{}:{}", ha1, c.nonce, c.nc, c.cnonce, c.qop, ha2));
    }
    return md5Hex(fmt::format("{}:{}:{}", ha1, c.nonce, ha2));
}

std::string makeDigestNonce(std::string_view secret, EpochMs now)
{
    const std::string stamp = fmt::format("{:x}", now);
    return stamp + "." + hmacHex(secret, stamp);
}

std::string digestChallenge(std::string_view realm, std::string_view nonce, bool stale)
{
    return fmt::format(R"(Digest realm="{}", nonce="{}", algorithm=MD5, qop="auth"{})", realm,
                       nonce, stale ? ", stale=true" : "");
}

DigestVerdict checkDigest(const DigestCredentials& c, std::string_view method,
                          std::string_view username, std::string_view password,
                          std::string_view realm, std::string_view secret, EpochMs now,
                          EpochMs maxAgeMs)
{
    if (!c.algorithm.empty() && asciiLower(c.algorithm) != "md5") {
        return DigestVerdict::Bad;
    }
    if (!c.qop.empty() && c.qop != "auth") {
        return DigestVerdict::Bad;
    }
    if (!sameText(c.username, username) || c.realm != realm) {
        return DigestVerdict::Bad;
    }
    const std::size_t dot = c.nonce.find('.');
    if (dot == std::string::npos || dot == 0 || dot > 16) {
        return DigestVerdict::Bad;
    }
    const std::string_view stamp(c.nonce.data(), dot);
    if (!sameText(c.nonce.substr(dot + 1), hmacHex(secret, stamp))) {
        return DigestVerdict::Bad;
    }
    if (!sameText(c.response, digestResponse(c, method, password))) {
        return DigestVerdict::Bad;
    }
    EpochMs issued = 0;
    const auto [end, ec] = std::from_chars(stamp.data(), stamp.data() + stamp.size(), issued, 16);
    if (ec != std::errc() || end != stamp.data() + stamp.size() || issued > now ||
        now - issued > maxAgeMs) {
        return DigestVerdict::Stale;
    }
    return DigestVerdict::Ok;
}

} // namespace warmline
