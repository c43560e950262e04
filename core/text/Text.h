#pragma once

// Small text helpers, written once for the whole project: trimming,
// ASCII case folding and strict UTF-8 validation. Pure functions;
// thread-safe.

#include <string>
#include <string_view>

namespace warmline {

/// Space and horizontal tab: the blanks of SIP's and Warmline's own
/// one-line fields.
inline constexpr std::string_view kBlanks = " \t";
/// Blanks plus CR and LF.
inline constexpr std::string_view kWhitespace = " \t\r\n";

/// `text` without the leading and trailing characters found in `chars`.
std::string_view trim(std::string_view text, std::string_view chars = kWhitespace);

/// A copy with A-Z folded to a-z; every other byte (UTF-8 included) unchanged.
std::string asciiLower(std::string_view text);

/// Equal when A-Z and a-z are taken as the same letters.
bool iequalsAscii(std::string_view a, std::string_view b);

/// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF,
/// no truncated sequences.
bool isValidUtf8(std::string_view text);

} // namespace warmline
