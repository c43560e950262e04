#pragma once

// Carrier keywords in inbound texts: STOP, START and HELP and their usual
// synonyms, in English and Spanish. Carriers act on these whatever the line
// does, so the gateway must track opt-outs the same way. Pure; thread-safe.

#include <string_view>

namespace warmline {

enum class TextKeyword
{
    None,
    Stop,  ///< the texter opts out: send nothing more but the stop reply
    Start, ///< the texter opts back in
    Help   ///< the texter asks what this number is
};

/// Classifies a whole message: the body, trimmed of whitespace and compared
/// without regard to ASCII case, must be exactly a keyword ("stop please" is
/// None). Callers should act on Start only for a texter who opted out, since
/// "yes" is also an ordinary answer.
TextKeyword classifyKeyword(std::string_view body);

std::string_view toString(TextKeyword);

} // namespace warmline
