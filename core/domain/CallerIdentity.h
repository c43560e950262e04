#pragma once

// Callers' numbers never reach the store in plain text. The store keeps a
// keyed hash (to recognise a returning caller), the number sealed with a
// secret key (so the gateway can reply), and a friendly alias derived from
// the hash (what operators see). All keys come from one 64-byte site key
// file that only the gateway's user may read.
//
// SiteKeys is immutable after loading, so it may be shared across threads.

#include <array>
#include <cstddef>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// The key file is missing and cannot be created, unreadable, the wrong
/// size, or readable by other users.
class KeyFileError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// A sealed number failed authentication: wrong key, truncated or altered.
class DecryptError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kSiteKeyFileBytes = 64;

/// The site's hashing and sealing keys, derived with crypto_kdf from the key
/// file. Immutable; share one instance across threads. Wiped on destruction.
class SiteKeys
{
public:
    /// Loads the key file, or creates it (mode 0600, 64 random bytes) when
    /// it does not exist. Refuses a file that grants any access to group or
    /// others. Throws KeyFileError.
    static SiteKeys loadOrCreate(const std::filesystem::path& path);

    /// Keys from given master bytes; for tests and tools.
    static SiteKeys fromMaster(std::span<const unsigned char, kSiteKeyFileBytes> master);

    SiteKeys(const SiteKeys&) = default;
    SiteKeys& operator=(const SiteKeys&) = default;
    ~SiteKeys();

    /// Keyed BLAKE2b-256 of normaliseNumber(number), as 64 lowercase hex
    /// characters: the same caller always maps to the same hash.
    std::string numberHash(std::string_view number) const;

    /// nonce || XSalsa20-Poly1305 ciphertext of the number exactly as given
    /// (replies must go to the address the carrier used). A fresh random
    /// nonce each time, so equal numbers give different blobs.
    std::vector<unsigned char> encryptNumber(std::string_view number) const;

    /// The number sealed by encryptNumber. Throws DecryptError.
    std::string decryptNumber(std::span<const unsigned char> blob) const;

private:
    SiteKeys() = default;

    std::array<unsigned char, 32> m_hashKey{};
    std::array<unsigned char, 32> m_boxKey{};
};

/// The number without spaces, dashes, dots or parentheses; a leading '+' and
/// any prefix such as "whatsapp:" stay.
std::string normaliseNumber(std::string_view number);

/// A stable, human-friendly alias such as "Amber Heron 417" chosen from the
/// bytes of a numberHash(). Not reversible, and not unique: about four
/// million aliases exist, so the store's id, not the alias, is the key.
/// Throws std::invalid_argument if `hashHex` is not at least 8 hex digits.
std::string aliasFor(std::string_view hashHex);

} // namespace warmline
