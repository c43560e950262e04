#include "core/risk/RiskText.h"

#include <fmt/format.h>

namespace warmline::risk {

namespace {

enum class Kind
{
    Letter,   ///< `folded` holds the lower-case ASCII letters
    Digit,    ///< `folded` holds the digit
    Joiner,   ///< dropped inside a word
    Sentence, ///< ends a sentence and a clause
    Clause,   ///< ends a clause
    Space,    ///< only separates tokens
    Emoji     ///< a pictograph: a token of its own, "emoji" + its hex code point
};

struct Unit
{
    Kind kind = Kind::Space;
    std::string_view folded;
    std::uint32_t codePoint = 0; ///< for Emoji
};

/// Pictographs people use in place of words (💊 🔪 🔫 ⚰ 🪢 💀); which of them
/// mean anything is the rules' business ([spelling]).
bool isPictograph(std::uint32_t cp)
{
    return (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F300 && cp <= 0x1FAFF);
}

// Latin-1 letters U+00C0..U+00FF folded to ASCII; "" for × and ÷.
constexpr std::string_view kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kDigits = "0123456789";

Unit classifyAscii(unsigned char c)
{
    if (c >= 'a' && c <= 'z') {
        return {Kind::Letter, kLower.substr(c - 'a', 1)};
    }
    if (c >= 'A' && c <= 'Z') {
        return {Kind::Letter, kLower.substr(c - 'A', 1)};
    }
    if (c >= '0' && c <= '9') {
        return {Kind::Digit, kDigits.substr(c - '0', 1)};
    }
    switch (c) {
    case '\'':
    case '`':
    case '*':
        return {Kind::Joiner, {}};
    case '.':
    case '!':
    case '?':
    case '\n':
    case '\r':
        return {Kind::Sentence, {}};
    case ',':
    case ';':
    case ':':
    case '(':
    case ')':
    case '"':
        return {Kind::Clause, {}};
    default:
        return {Kind::Space, {}};
    }
}

Unit classifyCodePoint(std::uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xFF) {
        const auto folded = kLatin1[cp - 0xC0];
        return folded.empty() ? Unit{Kind::Space, {}} : Unit{Kind::Letter, folded};
    }
    switch (cp) {
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x02BC: // ʼ
        return {Kind::Joiner, {}};
    case 0x201C: // “
    case 0x201D: // ”
    case 0x00AB: // «
    case 0x00BB: // »
        return {Kind::Clause, {}};
    case 0x2026: // …
    case 0x2028: // line separator
    case 0x2029: // paragraph separator
        return {Kind::Sentence, {}};
    default:
        if (isPictograph(cp)) {
            return {Kind::Emoji, {}, cp};
        }
        return {Kind::Space, {}};
    }
}

bool isContinuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/// Decodes one unit at `i`; advances `i` by the bytes used (one for an
/// invalid sequence, which reads as a separator).
Unit next(std::string_view s, std::size_t& i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return classifyAscii(c);
    }
    std::size_t need = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07u;
        min = 0x10000;
    } else {
        ++i;
        return {Kind::Space, {}};
    }
    if (i + need >= s.size()) {
        ++i;
        return {Kind::Space, {}};
    }
    for (std::size_t k = 1; k <= need; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if (!isContinuation(b)) {
            ++i;
            return {Kind::Space, {}};
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return {Kind::Space, {}};
    }
    i += need + 1;
    return classifyCodePoint(cp);
}

} // namespace

void tokenize(std::string_view text, std::string& buffer, std::vector<TextToken>& tokens,
              std::size_t maxTokens)
{
    buffer.clear();
    tokens.clear();
    buffer.reserve(text.size());
    std::uint32_t sentence = 0;
    std::uint32_t clause = 0;
    bool inToken = false;
    TextToken current;
    char runChar = 0;
    int runLength = 0;

    const auto finish = [&]() {
        if (inToken) {
            current.length = static_cast<std::uint32_t>(buffer.size()) - current.offset;
            tokens.push_back(current);
            inToken = false;
        }
    };

    std::size_t i = 0;
    while (i < text.size() && tokens.size() < maxTokens) {
        const Unit u = next(text, i);
        switch (u.kind) {
        case Kind::Letter:
        case Kind::Digit:
            if (!inToken) {
                inToken = true;
                current = TextToken{static_cast<std::uint32_t>(buffer.size()), 0, sentence, clause};
                runChar = 0;
                runLength = 0;
            }
            for (const char ch : u.folded) {
                if (u.kind == Kind::Letter && ch == runChar) {
                    ++runLength;
                    // Three of a letter in a row: keep one ("sooo" → "so").
                    if (runLength == 3) {
                        buffer.pop_back();
                    }
                    if (runLength >= 3) {
                        continue;
                    }
                } else {
                    runChar = u.kind == Kind::Letter ? ch : 0;
                    runLength = 1;
                }
                buffer.push_back(ch);
            }
            break;
        case Kind::Joiner:
            break;
        case Kind::Sentence:
            finish();
            ++sentence;
            ++clause;
            break;
        case Kind::Clause:
            finish();
            ++clause;
            break;
        case Kind::Space:
            finish();
            break;
        case Kind::Emoji: {
            finish();
            const auto name = fmt::format("emoji{:x}", u.codePoint);
            tokens.push_back(TextToken{static_cast<std::uint32_t>(buffer.size()),
                                       static_cast<std::uint32_t>(name.size()), sentence, clause});
            buffer += name;
            break;
        }
        }
    }
    if (tokens.size() < maxTokens) {
        finish();
    }
}

} // namespace warmline::risk
