#pragma once

// HTTP Digest authentication of SIP requests (RFC 3261 section 22, RFC
// 2617, MD5 with qop=auth or none). Nonces are stateless: a time stamp
// and its HMAC under a per-run secret, so any replica of the check agrees
// and nothing is stored per client. Pure; thread-safe.

#include "core/domain/Domain.h"

#include <optional>
#include <string>
#include <string_view>

namespace warmline {

struct DigestCredentials
{
    std::string username;
    std::string realm;
    std::string nonce;
    std::string uri;
    std::string response;
    std::string algorithm; ///< empty means MD5
    std::string qop;       ///< "auth" or empty
    std::string nc;
    std::string cnonce;
};

/// Parses an Authorization (or Proxy-Authorization) value "Digest k=v, …";
/// nullopt if it is not a Digest value or lacks a required field.
std::optional<DigestCredentials> parseDigestAuthorization(std::string_view value);

std::string md5Hex(std::string_view text);

/// The response a client with `password` computes for `method`.
std::string digestResponse(const DigestCredentials& c, std::string_view method,
                           std::string_view password);

/// A nonce for time `now`: "<ms hex>.<hmac hex>".
std::string makeDigestNonce(std::string_view secret, EpochMs now);

/// The value of a WWW-Authenticate header offering a new nonce.
std::string digestChallenge(std::string_view realm, std::string_view nonce, bool stale);

enum class DigestVerdict
{
    Ok,
    Stale, ///< right password, expired nonce: challenge again with stale=true
    Bad
};

/// Checks credentials against the configured user, password and realm;
/// nonces older than `maxAgeMs` (or from another secret) are not accepted.
DigestVerdict checkDigest(const DigestCredentials& c, std::string_view method,
                          std::string_view username, std::string_view password,
                          std::string_view realm, std::string_view secret, EpochMs now,
                          EpochMs maxAgeMs);

} // namespace warmline
