#include "core/carriers/TwilioSignature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace warmline {

std::string twilioSignature(std::string_view authToken, std::string_view url,
                            std::vector<std::pair<std::string, std::string>> params)
{
    // Twilio's own libraries order repeated names by value, so sort the pairs whole.
    std::sort(params.begin(), params.end());
    std::string data(url);
    for (const auto& [name, value] : params) {
        data += name;
        data += value;
    }

    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int macLength = 0;
    const unsigned char* result = HMAC(
        EVP_sha1(), authToken.data(), static_cast<int>(authToken.size()),
        reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &macLength);
    if (result == nullptr) {
        throw std::runtime_error("HMAC-SHA1 failed");
    }

    // EVP_EncodeBlock writes 4 bytes per 3 input bytes, rounded up, plus a NUL.
    std::string encoded(4 * ((macLength + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                        mac.data(), static_cast<int>(macLength));
    encoded.resize(static_cast<std::size_t>(written));
    return encoded;
}

bool verifyTwilioSignature(std::string_view authToken, std::string_view url,
                           std::vector<std::pair<std::string, std::string>> params,
                           std::string_view headerValue)
{
    if (authToken.empty() || headerValue.empty()) {
        return false;
    }
    const std::string expected = twilioSignature(authToken, url, std::move(params));
    // The length of a SHA-1 signature is public; only the content must not leak.
    if (expected.size() != headerValue.size()) {
        return false;
    }
    return CRYPTO_memcmp(expected.data(), headerValue.data(), expected.size()) == 0;
}

} // namespace warmline
