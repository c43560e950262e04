#include "telephony/media/Srtp.h"

#include "core/text/Text.h"
#include "telephony/media/SdpWords.h"

#include <sodium.h>
#include <srtp2/srtp.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace warmline {

namespace {

constexpr std::string_view kSuite80 = "AES_CM_128_HMAC_SHA1_80";
constexpr std::string_view kSuite32 = "AES_CM_128_HMAC_SHA1_32";
constexpr std::string_view kInline = "inline:";

std::optional<SdesCrypto> refuse(std::string* why, const char* reason)
{
    if (why) {
        *why = reason;
    }
    return std::nullopt;
}

/// A key's lifetime in packets, "2^n" or a decimal count (RFC 4568 9.1);
/// nullopt if it is neither or above SRTP's limit of 2^48.
std::optional<std::uint64_t> lifetime(std::string_view s)
{
    const bool power = s.rfind("2^", 0) == 0;
    if (power) {
        s.remove_prefix(2);
    }
    if (s.empty() || s.size() > 15) {
        return std::nullopt;
    }
    std::uint64_t n = 0;
    for (const char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return std::nullopt;
        }
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (power) {
        if (n > 48) {
            return std::nullopt;
        }
        n = std::uint64_t{1} << n;
    }
    if (n > (std::uint64_t{1} << 48)) {
        return std::nullopt;
    }
    return n;
}

void checkTag(int tag)
{
    if (tag < 0 || tag > 999'999'999) {
        throw std::invalid_argument("an SDES tag is a number of 1 to 9 digits");
    }
}

/// libsrtp reads packets as 32-bit words.
bool aligned(const std::uint8_t* data)
{
    return reinterpret_cast<std::uintptr_t>(data) % 4 == 0;
}

void initLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0 || srtp_init() != srtp_err_status_ok) {
            throw std::runtime_error("the SRTP library did not start");
        }
    });
}

} // namespace

std::optional<SdesCrypto> parseSdesCrypto(std::string_view value, std::string* why)
{
    // <tag> 1*WSP <crypto-suite> 1*WSP <key-params> [1*WSP <session-params>]
    const auto fields = sdpWords(value);
    if (fields.size() < 3) {
        return refuse(why, "a crypto attribute needs a tag, a suite and a key");
    }
    if (fields.size() > 3) {
        return refuse(why, "session parameters are not supported");
    }
    SdesCrypto c;
    const auto tag = fields[0];
    if (tag.empty() || tag.size() > 9) {
        return refuse(why, "the tag is not a number of 1 to 9 digits");
    }
    int n = 0;
    for (const char ch : tag) {
        if (!std::isdigit(static_cast<unsigned char>(ch))) {
            return refuse(why, "the tag is not a number of 1 to 9 digits");
        }
        n = n * 10 + (ch - '0');
    }
    c.tag = n;
    if (iequalsAscii(fields[1], kSuite80)) {
        c.suite = SrtpSuite::AesCm128HmacSha1_80;
    } else if (iequalsAscii(fields[1], kSuite32)) {
        c.suite = SrtpSuite::AesCm128HmacSha1_32;
    } else {
        return refuse(why, "the crypto suite is not supported");
    }
    auto key = fields[2];
    if (key.find(';') != std::string_view::npos) {
        return refuse(why, "more than one key is not supported");
    }
    if (!iequalsAscii(key.substr(0, kInline.size()), kInline)) {
        return refuse(why, "the key is not given inline");
    }
    key.remove_prefix(kInline.size());
    std::string_view base64 = key.substr(0, key.find('|'));
    if (base64.size() != key.size()) {
        // |lifetime and/or |MKI:length
        std::string_view rest = key.substr(base64.size() + 1);
        const auto bar = rest.find('|');
        const auto first = rest.substr(0, bar);
        if (first.find(':') != std::string_view::npos || bar != std::string_view::npos) {
            return refuse(why, "an MKI is not supported");
        }
        const auto packets = lifetime(first);
        if (!packets) {
            return refuse(why, "the key's lifetime is not a number up to 2^48");
        }
        // Keys are never changed during a call, so a key must last any
        // call: 2^31 packets is over a year of 20 ms frames.
        if (*packets < (std::uint64_t{1} << 31)) {
            return refuse(why, "the key's lifetime is too short (changing keys is not supported)");
        }
    }
    std::size_t got = 0;
    if (base64.size() != 40 ||
        sodium_base642bin(c.keySalt.data(), c.keySalt.size(), base64.data(), base64.size(), nullptr,
                          &got, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got != SdesCrypto::kKeySaltBytes) {
        return refuse(why, "the key is not 30 bytes of base64");
    }
    return c;
}

std::optional<SdesCrypto> firstUsableSdesCrypto(const std::vector<std::string>& offered,
                                                const SdesCrypto* sameAs)
{
    for (const auto& value : offered) {
        auto c = parseSdesCrypto(value);
        if (c && (sameAs == nullptr || (c->tag == sameAs->tag && c->suite == sameAs->suite))) {
            return c;
        }
    }
    return std::nullopt;
}

std::string_view srtpSuiteName(SrtpSuite suite)
{
    return suite == SrtpSuite::AesCm128HmacSha1_80 ? kSuite80 : kSuite32;
}

std::string formatSdesCrypto(const SdesCrypto& crypto)
{
    checkTag(crypto.tag);
    char b64[64];
    sodium_bin2base64(b64, sizeof b64, crypto.keySalt.data(), crypto.keySalt.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    const auto suite = crypto.suite == SrtpSuite::AesCm128HmacSha1_80 ? kSuite80 : kSuite32;
    return std::to_string(crypto.tag) + " " + std::string(suite) + " " + std::string(kInline) + b64;
}

SdesCrypto newSdesCrypto(int tag, SrtpSuite suite)
{
    checkTag(tag);
    initLibrary();
    SdesCrypto c;
    c.tag = tag;
    c.suite = suite;
    randombytes_buf(c.keySalt.data(), c.keySalt.size());
    return c;
}

struct SrtpContext::Impl
{
    srtp_t session = nullptr;
    Direction direction = Direction::Outbound;
    ~Impl()
    {
        if (session) {
            srtp_dealloc(session);
        }
    }
};

SrtpContext::SrtpContext(const SdesCrypto& keys, Direction direction)
    : m_impl(std::make_unique<Impl>())
{
    initLibrary();
    static_assert(SRTP_MAX_TRAILER_LEN <= kMaxTrailer);
    srtp_policy_t policy;
    std::memset(&policy, 0, sizeof policy);
    if (keys.suite == SrtpSuite::AesCm128HmacSha1_80) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
    } else {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp);
    }
    // RTCP keeps the 80-bit tag whatever the RTP suite (RFC 4568 6.2.2).
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
    policy.ssrc.type = direction == Direction::Outbound ? ssrc_any_outbound : ssrc_any_inbound;
    std::array<std::uint8_t, SdesCrypto::kKeySaltBytes> key = keys.keySalt;
    policy.key = key.data();
    policy.window_size = 128;
    policy.allow_repeat_tx = 0;
    policy.next = nullptr;
    const auto status = srtp_create(&m_impl->session, &policy);
    sodium_memzero(key.data(), key.size());
    if (status != srtp_err_status_ok) {
        m_impl->session = nullptr;
        throw std::runtime_error("an SRTP context could not be made");
    }
    m_impl->direction = direction;
}

SrtpContext::~SrtpContext() = default;
SrtpContext::SrtpContext(SrtpContext&&) noexcept = default;
SrtpContext& SrtpContext::operator=(SrtpContext&&) noexcept = default;

std::optional<std::size_t> SrtpContext::protect(std::uint8_t* data, std::size_t length,
                                                std::size_t capacity)
{
    if (!m_impl || m_impl->direction != Direction::Outbound || length < 12 || !aligned(data) ||
        capacity < length + kMaxTrailer || length > INT_MAX - kMaxTrailer) {
        return std::nullopt;
    }
    int len = static_cast<int>(length);
    if (srtp_protect(m_impl->session, data, &len) != srtp_err_status_ok) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(len);
}

std::optional<std::size_t> SrtpContext::unprotect(std::uint8_t* data, std::size_t length)
{
    if (!m_impl || m_impl->direction != Direction::Inbound || length < 12 || !aligned(data) ||
        length > INT_MAX) {
        return std::nullopt;
    }
    int len = static_cast<int>(length);
    if (srtp_unprotect(m_impl->session, data, &len) != srtp_err_status_ok) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(len);
}

} // namespace warmline
