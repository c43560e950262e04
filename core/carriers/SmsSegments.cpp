#include "core/carriers/SmsSegments.h"

#include <algorithm>
#include <array>
#include <vector>

namespace warmline {

namespace {

constexpr int kGsmSingle = 160;
constexpr int kGsmPart = 153; // 7 septets go to the concatenation header
constexpr int kUcsSingle = 70;
constexpr int kUcsPart = 67; // 3 units go to the concatenation header

// GSM 03.38 basic character set, by Unicode code point (0x1B, the escape to
// the extension table, is not a character of its own).
constexpr std::array<char32_t, 127> kGsmBasic{
    U'@', U'£', U'$', U'¥', U'è', U'é', U'ù', U'ì', U'ò',  U'Ç', U'\n', U'Ø', U'ø', U'\r', U'Å',
    U'å', U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ',  U'Σ', U'Θ',  U'Ξ', U'Æ', U'æ',  U'ß',
    U'É', U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')',  U'*', U'+', U',',  U'-',
    U'.', U'/', U'0', U'1', U'2', U'3', U'4', U'5', U'6',  U'7', U'8',  U'9', U':', U';',  U'<',
    U'=', U'>', U'?', U'¡', U'A', U'B', U'C', U'D', U'E',  U'F', U'G',  U'H', U'I', U'J',  U'K',
    U'L', U'M', U'N', U'O', U'P', U'Q', U'R', U'S', U'T',  U'U', U'V',  U'W', U'X', U'Y',  U'Z',
    U'Ä', U'Ö', U'Ñ', U'Ü', U'§', U'¿', U'a', U'b', U'c',  U'd', U'e',  U'f', U'g', U'h',  U'i',
    U'j', U'k', U'l', U'm', U'n', U'o', U'p', U'q', U'r',  U's', U't',  U'u', U'v', U'w',  U'x',
    U'y', U'z', U'ä', U'ö', U'ñ', U'ü', U'à',
};

// The extension table: each costs an escape septet plus its own.
constexpr std::array<char32_t, 10> kGsmExtension{
    U'\f', U'^', U'{', U'}', U'\\', U'[', U'~', U']', U'|', U'€',
};

template <std::size_t N> bool contains(const std::array<char32_t, N>& set, char32_t c)
{
    return std::find(set.begin(), set.end(), c) != set.end();
}

/// Decodes UTF-8; each invalid byte becomes U+FFFD.
std::vector<char32_t> codePoints(std::string_view s)
{
    std::vector<char32_t> out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        int length = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if (b0 < 0x80) {
            out.push_back(b0);
            ++i;
            continue;
        }
        if ((b0 & 0xE0) == 0xC0) {
            length = 2;
            cp = b0 & 0x1F;
            min = 0x80;
        } else if ((b0 & 0xF0) == 0xE0) {
            length = 3;
            cp = b0 & 0x0F;
            min = 0x800;
        } else if ((b0 & 0xF8) == 0xF0) {
            length = 4;
            cp = b0 & 0x07;
            min = 0x10000;
        }
        bool ok = length > 0 && i + static_cast<std::size_t>(length) <= s.size();
        for (int k = 1; ok && k < length; ++k) {
            const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            ok = (b & 0xC0) == 0x80;
            cp = (cp << 6) | (b & 0x3F);
        }
        ok = ok && cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        if (ok) {
            out.push_back(cp);
            i += static_cast<std::size_t>(length);
        } else {
            out.push_back(0xFFFD);
            ++i;
        }
    }
    return out;
}

/// Packs units into segments without splitting a character; `costs` holds
/// each character's units.
SegmentInfo pack(SmsEncoding encoding, const std::vector<int>& costs, int single, int part)
{
    SegmentInfo info;
    info.encoding = encoding;
    for (const int c : costs) {
        info.charactersUsed += c;
    }
    if (info.charactersUsed == 0) {
        info.charactersLeftInSegment = single;
        return info;
    }
    if (info.charactersUsed <= single) {
        info.segments = 1;
        info.charactersLeftInSegment = single - info.charactersUsed;
        return info;
    }
    int inSegment = 0;
    info.segments = 1;
    for (const int c : costs) {
        if (inSegment + c > part) {
            ++info.segments;
            inSegment = 0;
        }
        inSegment += c;
    }
    info.charactersLeftInSegment = part - inSegment;
    return info;
}

} // namespace

SegmentInfo countSegments(std::string_view utf8)
{
    const auto cps = codePoints(utf8);
    std::vector<int> costs;
    costs.reserve(cps.size());
    bool gsm = true;
    for (const char32_t c : cps) {
        if (contains(kGsmBasic, c)) {
            costs.push_back(1);
        } else if (contains(kGsmExtension, c)) {
            costs.push_back(2);
        } else {
            gsm = false;
            break;
        }
    }
    if (gsm) {
        return pack(SmsEncoding::Gsm7, costs, kGsmSingle, kGsmPart);
    }
    costs.clear();
    for (const char32_t c : cps) {
        costs.push_back(c > 0xFFFF ? 2 : 1);
    }
    return pack(SmsEncoding::Ucs2, costs, kUcsSingle, kUcsPart);
}

std::string_view toString(SmsEncoding e)
{
    return e == SmsEncoding::Gsm7 ? "GSM-7" : "UCS-2";
}

} // namespace warmline
