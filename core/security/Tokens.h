#pragma once

// Random session tokens and the hash under which the store keeps them.
// Thread-safe.

#include <string>
#include <string_view>

namespace warmline {

/// 32 random bytes as 64 lowercase hex characters.
std::string randomToken();
/// 8 random bytes as hex: names one run of the gateway (the link's epoch).
std::string randomEpoch();
/// The keyed-free hash stored instead of the token (raw 32 bytes).
std::string tokenHash(std::string_view token);

} // namespace warmline
