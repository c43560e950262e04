// Telling a text's language from its words: English, Spanish, texting
// spellings, code-switching, texts too short to tell, and other languages.
// Figures on the labelled sets: the ctest language_evaluation.

#include "core/risk/LanguageGuess.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using warmline::LanguageGuesser;
using warmline::TextLanguage;

namespace {

TextLanguage guess(std::string_view text)
{
    return LanguageGuesser::system().guess(text);
}

} // namespace

TEST_CASE("English and Spanish texts are told apart, as people text them", "[language]")
{
    CHECK(guess("I feel really alone this evening") == TextLanguage::English);
    CHECK(guess("idk what to do rn tbh everything sucks") == TextLanguage::English);
    CHECK(guess("me siento muy sola esta noche") == TextLanguage::Spanish);
    CHECK(guess("no se q hacer xq nadie me entiende") == TextLanguage::Spanish);
    CHECK(guess("¿Hay alguien ahí?") == TextLanguage::Spanish);
    CHECK(guess("AYUDA") == TextLanguage::Spanish);
    // Code-switching takes the language most of the words are in.
    CHECK(guess("estoy tan tired de todo, ya no puedo mas") == TextLanguage::Spanish);
}

TEST_CASE("a text too short or too mixed to tell is unknown", "[language]")
{
    CHECK(guess("ok") == TextLanguage::Unknown);
    CHECK(guess("") == TextLanguage::Unknown);
    CHECK(guess("🙂🙂") == TextLanguage::Unknown);
    CHECK(guess("no") == TextLanguage::Unknown); // both languages write it
}

TEST_CASE("other languages and scripts are neither English nor Spanish", "[language]")
{
    CHECK(guess("我今天很难过，没有人可以说话") == TextLanguage::Other);
    CHECK(guess("Сегодня мне очень плохо и одиноко") == TextLanguage::Other);
    CHECK(guess("hôm nay tôi cảm thấy rất buồn và cô đơn") == TextLanguage::Other);
}

TEST_CASE("a word list that cannot be read is named", "[language]")
{
    CHECK_THROWS_WITH(LanguageGuesser("/nonexistent/english", "/usr/share/dict/spanish"),
                      Catch::Contains("/nonexistent/english"));
    const auto dir = std::filesystem::temp_directory_path();
    std::ofstream(dir / "warmline-en.txt") << "hello\nthere\nfriend\n";
    std::ofstream(dir / "warmline-es.txt") << "hola\namigo\nmio\n";
    const LanguageGuesser small(dir / "warmline-en.txt", dir / "warmline-es.txt");
    CHECK(small.guess("hello there friend") == TextLanguage::English);
    CHECK(small.guess("hola amigo mio") == TextLanguage::Spanish);
    std::filesystem::remove(dir / "warmline-en.txt");
    std::filesystem::remove(dir / "warmline-es.txt");
}

TEST_CASE("a language written any way becomes one tag to compare")
{
    for (const char* es :
         {"es", "ES", "es-MX", " Spanish", "Español", "ESPAÑOL", "espanol", "castellano"}) {
        INFO(es);
        CHECK(warmline::languageTag(es) == "es");
    }
    for (const char* en : {"en", "en-US", "English", "inglés", "Ingles"}) {
        INFO(en);
        CHECK(warmline::languageTag(en) == "en");
    }
    CHECK(warmline::languageTag(" Tagalog ") == "tagalog");
    CHECK(warmline::languageTag("vi") == "vi");
    CHECK(warmline::languageTag("").empty());
    CHECK(warmline::languageTag("estonian") == "estonian");
}
