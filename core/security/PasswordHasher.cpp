#include "core/security/PasswordHasher.h"

#include <sodium.h>

#include <mutex>

namespace warmline {

namespace {

void ensureSodium()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            throw std::runtime_error("libsodium could not be initialised");
        }
    });
}

} // namespace

PasswordHasher::PasswordHasher()
    : PasswordHasher(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
{
}

PasswordHasher::PasswordHasher(unsigned long long opsLimit, std::size_t memLimit)
    : m_opsLimit(opsLimit), m_memLimit(memLimit)
{
    ensureSodium();
}

std::string PasswordHasher::hash(std::string_view password) const
{
    char out[crypto_pwhash_STRBYTES] = {};
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), m_opsLimit, m_memLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw PasswordHashError("argon2id hashing failed (out of memory?)");
    }
    return std::string(out);
}

bool PasswordHasher::verify(std::string_view stored, std::string_view password) const
{
    // libsodium reads the stored hash as a C string of bounded length.
    if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES ||
        stored.find('\0') != std::string_view::npos) {
        return false;
    }
    const std::string terminated(stored);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needsRehash(std::string_view stored) const
{
    if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES ||
        stored.find('\0') != std::string_view::npos) {
        return true;
    }
    const std::string terminated(stored);
    // -1 means not an argon2id string at all: replacing it is the remedy too.
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), m_opsLimit, m_memLimit) != 0;
}

} // namespace warmline
