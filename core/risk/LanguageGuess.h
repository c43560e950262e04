#pragma once

// Which language a text is in: English, Spanish, another, or too little to
// say. Read with the risk engine's tokenizer against two dictionaries (the
// system word lists the rules already name), a few hundred words people
// text in each language that no dictionary holds ("q", "xq", "idk", "rn"),
// and the letters only Spanish writes (ñ ¿ ¡ á í ó ú). Short texts ("ok",
// "hola") are often too little: the caller's earlier language then stands.
// Figures on the project's labelled sets are in docs/languages.md.
//
// Built once, read-only afterwards: guess() may be called from any thread.

#include "core/risk/RiskLexicon.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace warmline {

enum class TextLanguage
{
    Unknown, ///< too few words to tell, or as much of one as of the other
    English,
    Spanish,
    Other ///< words of neither list, or letters of another script
};

/// "", "en", "es", "other": the tags the store and the link use.
std::string_view toTag(TextLanguage language);

/// Whether a caller's language, as the gateway stored it or an operator
/// typed it on the profile ("es", "es-MX", "Spanish", "Español"), is Spanish.
bool isSpanishLanguage(std::string_view language);

/// A language however it was written, as a tag to compare: "es" for Spanish
/// ("es-MX", "Spanish", "Español", "castellano"), "en" for English ("en-US",
/// "English", "inglés"), anything else lowercased and trimmed ("Tagalog" ->
/// "tagalog"). An operator's languages typed by an administrator then match
/// the tag a caller's key chose in the greeting.
std::string languageTag(std::string_view language);

class LanguageGuesser
{
public:
    /// Reads the two word lists (one word a line). Throws std::runtime_error
    /// naming a file that cannot be read.
    LanguageGuesser(const std::filesystem::path& englishWords,
                    const std::filesystem::path& spanishWords);
    /// The system's lists: /usr/share/dict/american-english and spanish.
    static const LanguageGuesser& system();

    TextLanguage guess(std::string_view utf8) const;

private:
    std::shared_ptr<const risk::WordSet> m_english;
    std::shared_ptr<const risk::WordSet> m_spanish;
};

} // namespace warmline
