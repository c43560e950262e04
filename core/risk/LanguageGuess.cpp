#include "core/risk/LanguageGuess.h"

#include "core/risk/RiskText.h"

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace warmline {

namespace {

// Words that say the language on their own: the commonest function words
// and the spellings of texting that no dictionary lists. Words both
// languages write ("me", "no", "a", "sin", "son") are in neither list.
constexpr std::string_view kEnglishMarkers =
    "the and i im ive id ill you your youre u ur is are was were to of it its that thats this "
    "with for have has had my just what whats when dont cant wont didnt doesnt isnt not know "
    "idk rn lol lmao omg tho gonna wanna gotta bc cuz pls plz thx thanks hey hi yeah yes "
    "really feel feeling want think about would could should anymore tonight today he she "
    "they him her them we our be been being do does did so but if or at on in all some like "
    "get got can im ur wat nobody everyone anyone someone myself";
constexpr std::string_view kSpanishMarkers =
    "que q de la el los las y en es un una por para con pero mi mis yo tu te se lo le les nos "
    "muy ya mas porque xq pq tmb tb tambien estoy esta estas este eso esto como cuando donde "
    "nada todo todos hoy manana noche quiero tengo siento puedo hola gracias jaja jajaja jeje "
    "wey neta pues bueno aqui ahora ni sus su del al hay ser estar hacer vida nadie alguien "
    "ayuda algo vez bien mal ke xfa ntp toy tas sola solo triste miedo casa";

using Words = std::unordered_set<std::string_view>;

Words wordsOf(std::string_view list)
{
    Words out;
    std::size_t start = 0;
    while (start < list.size()) {
        auto end = list.find(' ', start);
        if (end == std::string_view::npos) {
            end = list.size();
        }
        if (end > start) {
            out.insert(list.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

struct Script
{
    int spanishLetters = 0; ///< ñ ¿ ¡ á í ó ú (é and others are shared)
    int otherScript = 0;    ///< letters of Greek, Cyrillic, Arabic, CJK, Hangul…
    int foreignLatin = 0;   ///< Latin letters neither language writes (ő ş ơ ả ł…)
};

/// Counts the letters that settle a language before any word is read.
Script scanScript(std::string_view text)
{
    Script s;
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        std::uint32_t cp = 0;
        std::size_t n = 0;
        if ((b & 0xE0) == 0xC0) {
            cp = b & 0x1F;
            n = 2;
        } else if ((b & 0xF0) == 0xE0) {
            cp = b & 0x0F;
            n = 3;
        } else if ((b & 0xF8) == 0xF0) {
            cp = b & 0x07;
            n = 4;
        } else {
            ++i;
            continue;
        }
        if (i + n > text.size()) {
            break;
        }
        for (std::size_t k = 1; k < n; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        i += n;
        switch (cp) {
        case 0xF1: // ñ
        case 0xD1: // Ñ
        case 0xBF: // ¿
        case 0xA1: // ¡
        case 0xE1: // á
        case 0xED: // í
        case 0xF3: // ó
        case 0xFA: // ú
            ++s.spanishLetters;
            break;
        default:
            if ((cp >= 0x0370 && cp < 0x1E00) || (cp >= 0x3040 && cp < 0xA000) ||
                (cp >= 0xAC00 && cp < 0xD7B0)) {
                ++s.otherScript;
            } else if ((cp >= 0x0100 && cp < 0x0250) || (cp >= 0x1E00 && cp < 0x1F00)) {
                ++s.foreignLatin;
            }
        }
    }
    return s;
}

bool hasLetter(std::string_view token)
{
    for (const char c : token) {
        if (c >= 'a' && c <= 'z') {
            return true;
        }
    }
    return false;
}

} // namespace

std::string_view toTag(TextLanguage language)
{
    switch (language) {
    case TextLanguage::English:
        return "en";
    case TextLanguage::Spanish:
        return "es";
    case TextLanguage::Other:
        return "other";
    case TextLanguage::Unknown:
        break;
    }
    return "";
}

bool isSpanishLanguage(std::string_view language)
{
    std::string l;
    for (const char c : language) {
        l += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) {
        l.erase(0, 1);
    }
    return l == "es" || l.starts_with("es-") || l.starts_with("es ") || l.starts_with("spanish") ||
           l.starts_with("espanol") || l.starts_with("espa\xc3\xb1ol") ||
           l.starts_with("espa\xc3\x91ol");
}

std::string languageTag(std::string_view language)
{
    std::string l;
    for (const char c : language) {
        l += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const auto first = l.find_first_not_of(" \t");
    const auto last = l.find_last_not_of(" \t");
    l = first == std::string::npos ? std::string() : l.substr(first, last - first + 1);
    if (isSpanishLanguage(l) || l.starts_with("castellano")) {
        return "es";
    }
    if (l == "en" || l.starts_with("en-") || l.starts_with("english") ||
        l.starts_with("ingl\xc3\xa9s") || l.starts_with("ingl\xc3\x89s") ||
        l.starts_with("ingles")) {
        return "en";
    }
    return l;
}

LanguageGuesser::LanguageGuesser(const std::filesystem::path& englishWords,
                                 const std::filesystem::path& spanishWords)
    : m_english(risk::loadKnownWords({englishWords})),
      m_spanish(risk::loadKnownWords({spanishWords}))
{
}

const LanguageGuesser& LanguageGuesser::system()
{
    static const LanguageGuesser guesser("/usr/share/dict/american-english",
                                         "/usr/share/dict/spanish");
    return guesser;
}

TextLanguage LanguageGuesser::guess(std::string_view utf8) const
{
    static const Words english = wordsOf(kEnglishMarkers);
    static const Words spanish = wordsOf(kSpanishMarkers);
    constexpr std::size_t kMaxTokens = 200; // the start of a long text says enough
    thread_local std::string buffer;
    thread_local std::vector<risk::TextToken> tokens;

    const Script script = scanScript(utf8.substr(0, 4096));
    risk::tokenize(utf8.substr(0, 4096), buffer, tokens, kMaxTokens);
    double en = 0;
    double es = 2.0 * script.spanishLetters;
    int words = 0;
    int known = 0;
    for (const auto& t : tokens) {
        const auto w = risk::tokenText(buffer, t);
        if (!hasLetter(w) || w.starts_with("emoji")) {
            continue;
        }
        ++words;
        if (english.contains(w)) {
            en += 2;
            ++known;
            continue;
        }
        if (spanish.contains(w)) {
            es += 2;
            ++known;
            continue;
        }
        const bool inEnglish = m_english->contains(w);
        const bool inSpanish = m_spanish->contains(w);
        known += inEnglish || inSpanish ? 1 : 0;
        if (inEnglish && !inSpanish) {
            en += 1;
        } else if (inSpanish && !inEnglish) {
            es += 1;
        }
    }
    if (script.otherScript >= 2 && script.otherScript > words) {
        return TextLanguage::Other;
    }
    if (script.foreignLatin >= 2 || (words >= 3 && known * 3 < words)) {
        return TextLanguage::Other;
    }
    if (en + es < 2) {
        return TextLanguage::Unknown;
    }
    if (es > en * 1.5) {
        return TextLanguage::Spanish;
    }
    if (en > es * 1.5) {
        return TextLanguage::English;
    }
    return TextLanguage::Unknown;
}

} // namespace warmline
