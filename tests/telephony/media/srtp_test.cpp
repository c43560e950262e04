// SDES crypto attributes (RFC 4568) read and written, and SRTP (RFC 3711)
// protection on libsrtp2: a round trip between the two directions, the
// payload unreadable on the wire, and tampered, replayed and wrongly keyed
// packets refused.

#include "telephony/media/Srtp.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

using namespace warmline;

namespace {

/// An RTP packet of PCMU (payload type 0) with a recognisable payload.
std::vector<std::uint8_t> rtpPacket(std::uint16_t seq, std::uint8_t fill = 0x5a)
{
    std::vector<std::uint8_t> p(12 + 160 + SrtpContext::kMaxTrailer, 0);
    p[0] = 0x80;
    p[1] = 0x00;
    p[2] = static_cast<std::uint8_t>(seq >> 8);
    p[3] = static_cast<std::uint8_t>(seq & 0xff);
    p[4] = 0x00; // timestamp
    p[5] = 0x01;
    p[6] = static_cast<std::uint8_t>(seq >> 8);
    p[7] = static_cast<std::uint8_t>(seq & 0xff);
    p[8] = 0x12; // SSRC
    p[9] = 0x34;
    p[10] = 0x56;
    p[11] = 0x78;
    std::fill(p.begin() + 12, p.begin() + 12 + 160, fill);
    return p;
}

constexpr std::size_t kRtpBytes = 12 + 160;

} // namespace

TEST_CASE("SDES: RFC 4568's example key is read, bad attributes are refused")
{
    std::string why;
    // RFC 4568's example key, with a lifetime long enough for any call.
    const auto c = parseSdesCrypto(
        "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^31", &why);
    REQUIRE(c);
    CHECK(c->tag == 1);
    CHECK(c->suite == SrtpSuite::AesCm128HmacSha1_80);
    // "PS1u" is base64 for 3d 2d 6e.
    CHECK(c->keySalt[0] == 0x3d);
    CHECK(c->keySalt[1] == 0x2d);
    CHECK(c->keySalt[2] == 0x6e);

    const auto c32 = parseSdesCrypto(
        "2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj");
    REQUIRE(c32);
    CHECK(c32->tag == 2);
    CHECK(c32->suite == SrtpSuite::AesCm128HmacSha1_32);
    // A decimal lifetime, tabs and repeated spaces, and the grammar's
    // literals in another case.
    const auto other = parseSdesCrypto(
        "3\t aes_cm_128_hmac_sha1_80  INLINE:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|3000000000");
    REQUIRE(other);
    CHECK(other->tag == 3);
    CHECK(other->keySalt == c->keySalt);

    struct Bad
    {
        const char* value;
        const char* reason;
    };
    const std::vector<Bad> bad = {
        {"1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32",
         "MKI"},
        {"1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:4", "MKI"},
        {"1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR "
         "UNENCRYPTED_SRTP",
         "session parameters"},
        {"1 AES_256_CM_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "suite"},
        {"1 F8_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "suite"},
        {"1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0m", "30 bytes"},
        {"1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVB!", "30 bytes"},
        {"1 AES_CM_128_HMAC_SHA1_80 "
         "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR;inline:NzB4d1BINUAvLEw6UzF3WSJ+"
         "PSdFcGdUJShpX1Zj",
         "more than one key"},
        {"1 AES_CM_128_HMAC_SHA1_80 uri:https://keys.example/1", "inline"},
        {"1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|forever",
         "lifetime"},
        {"1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20",
         "too short"},
        {"1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1048576",
         "too short"},
        {"1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^49",
         "up to 2^48"},
        {"x AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "tag"},
        {"1234567890 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
         "tag"},
        {"1 AES_CM_128_HMAC_SHA1_80", "needs"},
        {"", "needs"},
    };
    for (const auto& b : bad) {
        INFO(b.value);
        std::string reason;
        CHECK_FALSE(parseSdesCrypto(b.value, &reason));
        CHECK(reason.find(b.reason) != std::string::npos);
    }
}

TEST_CASE("SDES: a new key is random, and written keys read back the same")
{
    CHECK_THROWS_AS(newSdesCrypto(-1), std::invalid_argument);
    CHECK_THROWS_AS(newSdesCrypto(1'000'000'000), std::invalid_argument);
    const auto a = newSdesCrypto(1);
    const auto b = newSdesCrypto(1);
    CHECK(a.keySalt != b.keySalt);
    for (const auto suite : {SrtpSuite::AesCm128HmacSha1_80, SrtpSuite::AesCm128HmacSha1_32}) {
        const auto c = newSdesCrypto(7, suite);
        const auto text = formatSdesCrypto(c);
        CHECK(text.rfind("7 AES_CM_128_HMAC_SHA1_", 0) == 0);
        const auto back = parseSdesCrypto(text);
        REQUIRE(back);
        CHECK(back->tag == 7);
        CHECK(back->suite == suite);
        CHECK(back->keySalt == c.keySalt);
    }
}

TEST_CASE("SRTP: what one side protects the other reads, and nothing of the payload shows")
{
    for (const auto suite : {SrtpSuite::AesCm128HmacSha1_80, SrtpSuite::AesCm128HmacSha1_32}) {
        const auto keys = newSdesCrypto(1, suite);
        SrtpContext send(keys, SrtpContext::Direction::Outbound);
        SrtpContext receive(keys, SrtpContext::Direction::Inbound);
        for (std::uint16_t seq = 100; seq < 110; ++seq) {
            auto p = rtpPacket(seq);
            const auto plain = std::vector<std::uint8_t>(p.begin(), p.begin() + kRtpBytes);
            const auto n = send.protect(p.data(), kRtpBytes, p.size());
            REQUIRE(n);
            // The tag: 10 bytes (80 bits) or 4 (32 bits).
            CHECK(*n == kRtpBytes + (suite == SrtpSuite::AesCm128HmacSha1_80 ? 10 : 4));
            // The header stays readable; the payload does not.
            CHECK(std::equal(p.begin(), p.begin() + 12, plain.begin()));
            const std::vector<std::uint8_t> run(8, 0x5a);
            CHECK(std::search(p.begin() + 12, p.begin() + static_cast<long>(*n), run.begin(),
                              run.end()) == p.begin() + static_cast<long>(*n));
            const auto m = receive.unprotect(p.data(), *n);
            REQUIRE(m);
            CHECK(*m == kRtpBytes);
            CHECK(std::equal(p.begin(), p.begin() + kRtpBytes, plain.begin()));
        }
    }
}

TEST_CASE("SRTP: tampered, replayed, wrongly keyed and malformed packets are refused")
{
    const auto keys = newSdesCrypto(1);
    SrtpContext send(keys, SrtpContext::Direction::Outbound);
    SrtpContext receive(keys, SrtpContext::Direction::Inbound);

    // Tampered: one bit of the payload flipped.
    auto p = rtpPacket(1);
    auto n = send.protect(p.data(), kRtpBytes, p.size());
    REQUIRE(n);
    p[40] ^= 0x01;
    CHECK_FALSE(receive.unprotect(p.data(), *n));

    // Replayed: the same packet twice.
    auto q = rtpPacket(2);
    n = send.protect(q.data(), kRtpBytes, q.size());
    REQUIRE(n);
    auto copy = q;
    REQUIRE(receive.unprotect(q.data(), *n));
    CHECK_FALSE(receive.unprotect(copy.data(), *n));

    // Another key: a stranger who found the port cannot speak into the call.
    SrtpContext stranger(newSdesCrypto(1), SrtpContext::Direction::Outbound);
    auto r = rtpPacket(3);
    n = stranger.protect(r.data(), kRtpBytes, r.size());
    REQUIRE(n);
    CHECK_FALSE(receive.unprotect(r.data(), *n));

    // Plain RTP sent to an SRTP stream is refused too.
    auto plain = rtpPacket(4);
    CHECK_FALSE(receive.unprotect(plain.data(), kRtpBytes));

    // Too short, no room for the tag, or the wrong direction.
    auto s = rtpPacket(5);
    CHECK_FALSE(receive.unprotect(s.data(), 8));
    CHECK_FALSE(send.protect(s.data(), 8, s.size()));
    CHECK_FALSE(send.protect(s.data(), kRtpBytes, kRtpBytes + 4));
    CHECK_FALSE(receive.protect(s.data(), kRtpBytes, s.size()));
    CHECK_FALSE(send.unprotect(s.data(), kRtpBytes));
    // Not on a 4-byte boundary (libsrtp reads 32-bit words).
    std::vector<std::uint8_t> odd(kRtpBytes + SrtpContext::kMaxTrailer + 1);
    CHECK_FALSE(send.protect(odd.data() + 1, kRtpBytes, odd.size() - 1));
    CHECK_FALSE(receive.unprotect(odd.data() + 1, kRtpBytes));

    // Later packets still pass after all that.
    auto t = rtpPacket(6);
    n = send.protect(t.data(), kRtpBytes, t.size());
    REQUIRE(n);
    CHECK(receive.unprotect(t.data(), *n));
}

TEST_CASE(
    "SDES: the first usable line of an offer is taken, or one with the answered tag and suite")
{
    const auto a = newSdesCrypto(1, SrtpSuite::AesCm128HmacSha1_80);
    const auto b = newSdesCrypto(2, SrtpSuite::AesCm128HmacSha1_32);
    const std::vector<std::string> offered = {"1 F8_128_HMAC_SHA1_80 inline:x", formatSdesCrypto(a),
                                              formatSdesCrypto(b)};
    const auto first = firstUsableSdesCrypto(offered);
    REQUIRE(first);
    CHECK(first->tag == 1);
    CHECK(first->keySalt == a.keySalt);
    const auto same = firstUsableSdesCrypto(offered, &b);
    REQUIRE(same);
    CHECK(same->tag == 2);
    CHECK(same->suite == SrtpSuite::AesCm128HmacSha1_32);
    SdesCrypto other = b;
    other.suite = SrtpSuite::AesCm128HmacSha1_80;
    CHECK_FALSE(firstUsableSdesCrypto(offered, &other));
    CHECK_FALSE(firstUsableSdesCrypto({}));
    CHECK(srtpSuiteName(SrtpSuite::AesCm128HmacSha1_32) == "AES_CM_128_HMAC_SHA1_32");
}
