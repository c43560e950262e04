#pragma once

// Text normalisation for the risk engine: one pass over UTF-8 bytes that
// yields lower-case ASCII tokens with their sentence and clause, so rules
// and messages are compared in the same form. Pure; thread-safe.
//
// - ASCII letters are lower-cased; Latin-1 letters lose their accents
//   ("Mañana" → "manana", "ß" → "ss").
// - Apostrophes (' ’ ‘ ` ʼ) and '*' inside a word are dropped, joining it:
//   "can't" → "cant", "s*icide" → "sicide".
// - A run of three or more of the same letter becomes one ("diiiie" → "die",
//   "killll" → "kil"); digits are kept as they are.
// - . ! ? and line breaks end a sentence (and a clause); , ; : ( ) and quotes
//   end a clause; every other byte, invalid UTF-8 and letters of other
//   scripts only separate tokens.
// - A pictograph (U+2600..U+27BF, U+1F300..U+1FAFF) is a token of its own,
//   "emoji" and its code point in hex ("💊" → "emoji1f48a"), so the rules
//   can give it a meaning.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::risk {

struct TextToken
{
    std::uint32_t offset = 0; ///< into the normalised buffer
    std::uint32_t length = 0;
    std::uint32_t sentence = 0;
    std::uint32_t clause = 0;
};

/// Clears `buffer` and `tokens` and fills them from `text`. At most
/// `maxTokens` tokens are produced.
void tokenize(std::string_view text, std::string& buffer, std::vector<TextToken>& tokens,
              std::size_t maxTokens = SIZE_MAX);

inline std::string_view tokenText(const std::string& buffer, const TextToken& t)
{
    return std::string_view(buffer).substr(t.offset, t.length);
}

} // namespace warmline::risk
