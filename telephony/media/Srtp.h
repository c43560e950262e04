#pragma once

// SRTP (RFC 3711) with keys from SDP security descriptions (SDES, RFC 4568),
// on libsrtp2: the `a=crypto` attribute read and written, and a context
// that protects the packets sent to one peer or checks those received from
// it. SDES keys travel in the SDP, so they may only ever be offered or
// accepted over an encrypted signalling connection (TLS).
//
// Calls use it on the caller's leg when the INVITE came over TLS and offered
// RTP/SAVP (decision 153); the operator's and other placed legs are plain
// RTP (docs/remote-operators.md, "Not built yet").

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// The crypto suites offered and accepted (RFC 4568 section 6.2): AES
/// counter mode with a 128-bit key and an 80- or 32-bit HMAC-SHA1 tag.
enum class SrtpSuite
{
    AesCm128HmacSha1_80,
    AesCm128HmacSha1_32
};

/// One `a=crypto` line: its tag, suite and master key and salt.
struct SdesCrypto
{
    static constexpr std::size_t kKeySaltBytes = 30; ///< 16 key + 14 salt
    int tag = 1;
    SrtpSuite suite = SrtpSuite::AesCm128HmacSha1_80;
    std::array<std::uint8_t, kKeySaltBytes> keySalt{};
};

/// Parses the value of an `a=crypto:` attribute (what follows the colon).
/// Refused, with the reason in `why`: an unknown suite, a key that is not
/// 30 bytes of base64, more than one key, an MKI, a key lifetime under
/// 2^31 packets (keys are never changed during a call) or over 2^48, and
/// any session parameter (UNENCRYPTED_SRTP and the like are never taken
/// silently). Suite names and "inline:" are matched case-insensitively.
/// Never throws.
std::optional<SdesCrypto> parseSdesCrypto(std::string_view value, std::string* why = nullptr);

/// The first of `offered` (a=crypto values in the offer's order) that
/// parseSdesCrypto accepts and, when `sameAs` is given, has its tag and
/// suite (a re-offer keeps what was answered); nullopt if none.
std::optional<SdesCrypto> firstUsableSdesCrypto(const std::vector<std::string>& offered,
                                                const SdesCrypto* sameAs = nullptr);

/// The suite's name as SDP writes it.
std::string_view srtpSuiteName(SrtpSuite suite);

/// The attribute's value for `crypto` (no "a=crypto:" and no CRLF).
/// Throws std::invalid_argument for a tag outside 0..999999999.
std::string formatSdesCrypto(const SdesCrypto& crypto);

/// A fresh master key and salt from the system's secure random source.
SdesCrypto newSdesCrypto(int tag, SrtpSuite suite = SrtpSuite::AesCm128HmacSha1_80);

/// One direction of SRTP with one peer. Not thread-safe: one per stream,
/// used on the media thread. Movable, not copyable.
class SrtpContext
{
public:
    enum class Direction
    {
        Outbound, ///< protects what the gateway sends
        Inbound   ///< checks and decrypts what it receives
    };

    /// Room protect() may add after an RTP packet (the tag).
    static constexpr std::size_t kMaxTrailer = 144; // SRTP_MAX_TRAILER_LEN

    SrtpContext(const SdesCrypto& keys, Direction direction);
    ~SrtpContext();
    SrtpContext(SrtpContext&&) noexcept;
    SrtpContext& operator=(SrtpContext&&) noexcept;
    SrtpContext(const SrtpContext&) = delete;
    SrtpContext& operator=(const SrtpContext&) = delete;

    /// Encrypts and authenticates the RTP packet of `length` bytes at
    /// `data` (4-byte aligned, as libsrtp reads 32-bit words) in place;
    /// `capacity` must leave kMaxTrailer bytes of room. The new length, or
    /// nullopt (not RTP, unaligned, no room, or an Inbound context).
    std::optional<std::size_t> protect(std::uint8_t* data, std::size_t length,
                                       std::size_t capacity);
    /// Checks and decrypts an SRTP packet (4-byte aligned) in place: the
    /// plain RTP length, or nullopt for a forged, tampered, replayed or
    /// malformed packet.
    std::optional<std::size_t> unprotect(std::uint8_t* data, std::size_t length);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace warmline
