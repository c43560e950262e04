#pragma once

// Twilio's request signature (X-Twilio-Signature): HMAC-SHA1, keyed with the
// account's auth token, over the full public URL followed by every POST
// parameter, sorted by name, as name then value with no separators; base64.
// Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warmline {

/// The signature Twilio would send for this request. `url` must be exactly
/// the URL Twilio called (scheme, host, port if any, path and query).
std::string twilioSignature(std::string_view authToken, std::string_view url,
                            std::vector<std::pair<std::string, std::string>> params);

/// True when `headerValue` is the signature of this request. Compares in
/// constant time; an empty token or header never verifies.
bool verifyTwilioSignature(std::string_view authToken, std::string_view url,
                           std::vector<std::pair<std::string, std::string>> params,
                           std::string_view headerValue);

} // namespace warmline
