#pragma once

// Internal to telephony/sip/: checks on a SIP message's raw header text,
// for the rules libosip2 does not enforce or the messages it cannot read
// at all. Plain string work, no libosip2. Not part of the folder's
// interface.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warmline::sip::detail {

std::string upper(std::string_view s);

/// Any byte below 0x20 or DEL: never part of a URI (RFC 3261 25.1).
bool hasControlCharacter(std::string_view s);

/// Header names (lower case, compact forms expanded) in a header block, for
/// rules libosip2 does not enforce (single-valued fields given twice).
std::vector<std::string> headerNames(std::string_view header);

/// Raw values of a header (by full lower-case name), unfolded.
std::vector<std::string> rawValues(std::string_view header, std::string_view wanted,
                                   char compact = 0);

/// An unsigned decimal no larger than `max`; nullopt otherwise.
std::optional<std::uint64_t> decimal(std::string_view s, std::uint64_t max);

/// Whether a header value has an empty parameter (";;" or ";,") outside quotes.
bool hasEmptyParameter(std::string_view value);

bool isToken(std::string_view s);

/// Checks of the start line libosip2 is liberal about.
std::optional<std::string> startLineProblem(std::string_view line);

/// Where the Request-URI lies in a request line when its scheme is not
/// sip, sips or tel (and is a plausible scheme): offset and length.
std::optional<std::pair<std::size_t, std::size_t>> foreignRequestUri(std::string_view line);

} // namespace warmline::sip::detail
