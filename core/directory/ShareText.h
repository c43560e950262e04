#pragma once

// The short text a resource is shared by: sent to a texter, or read out on
// a call, and kept word for word as the referral's snapshot
// (docs/resources.md). One line each: the name, the first phone, the first
// address, the hours, the web address. Written for SMS: characters outside
// GSM 03.38 that directories often hold (en dash, curly quotes, ellipsis,
// no-break space) become their plain look-alikes, so a carrier sends 153
// characters a part rather than 67; and the text keeps to at most
// kMaxShareSegments parts by leaving out, in order, the web address, the
// address and then later hours, never the name or the phone. Pure.

#include "core/directory/Hsds.h"

#include <string>
#include <string_view>

namespace warmline::directory {

inline constexpr int kMaxShareSegments = 2;

/// The text for a service.
std::string shareText(const HsdsService& service);

/// `text` with the common non-GSM punctuation replaced by plain look-alikes.
std::string plainPunctuation(std::string_view text);

} // namespace warmline::directory
