#include "core/carriers/TextKeywords.h"

#include <catch2/catch.hpp>

#include <string>

using namespace warmline;

TEST_CASE("stop keywords")
{
    for (const char* word :
         {"STOP", "stop", "Stop", " STOP ", "\tstop\n", "STOPALL", "unsubscribe", "Cancel", "END",
          "quit", "OPTOUT", "revoke", "PARAR", "parar", "Detener", "CANCELAR"}) {
        INFO(word);
        CHECK(classifyKeyword(word) == TextKeyword::Stop);
    }
}

TEST_CASE("start keywords")
{
    for (const char* word : {"START", "start", "Yes", "UNSTOP", "optin", "  START\r\n"}) {
        INFO(word);
        CHECK(classifyKeyword(word) == TextKeyword::Start);
    }
}

TEST_CASE("help keywords")
{
    for (const char* word : {"HELP", "help", "Info", "AYUDA", "ayuda", "informacion"}) {
        INFO(word);
        CHECK(classifyKeyword(word) == TextKeyword::Help);
    }
}

TEST_CASE("keywords must be the whole message")
{
    for (const char* text :
         {"", "   ", "stop please", "please stop", "I can't stop crying", "help me", "STOP!",
          "S T O P", "st op", "stopp", "yes.", "unsubscribe me", "need help", "endless"}) {
        INFO(text);
        CHECK(classifyKeyword(text) == TextKeyword::None);
    }
    CHECK(classifyKeyword(std::string(10000, 'a')) == TextKeyword::None);
    CHECK(classifyKeyword("\xEF\xBC\xB3\xEF\xBC\xB4\xEF\xBC\xAF\xEF\xBC\xB0") ==
          TextKeyword::None); // full-width STOP is not a carrier keyword
}

TEST_CASE("keyword names")
{
    CHECK(toString(TextKeyword::Stop) == "stop");
    CHECK(toString(TextKeyword::Start) == "start");
    CHECK(toString(TextKeyword::Help) == "help");
    CHECK(toString(TextKeyword::None) == "none");
}
