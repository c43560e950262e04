#include "core/security/Tokens.h"

#include <sodium.h>

#include <array>
#include <mutex>
#include <stdexcept>

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

std::string randomHex(std::size_t bytes)
{
    ensureSodium();
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                   raw.size());
    hex.pop_back();
    return hex;
}

} // namespace

std::string randomToken()
{
    return randomHex(32);
}

std::string randomEpoch()
{
    return randomHex(8);
}

std::string tokenHash(std::string_view token)
{
    ensureSodium();
    std::array<unsigned char, crypto_generichash_BYTES> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    return std::string(reinterpret_cast<const char*>(out.data()), out.size());
}

} // namespace warmline
