#include "core/text/Text.h"

#include <catch2/catch.hpp>

using namespace warmline;

TEST_CASE("trim drops only the characters it is given, from both ends")
{
    CHECK(trim("  \tword \r\n") == "word");
    CHECK(trim(" \tword\r\n", kBlanks) == "word\r\n");
    CHECK(trim("a b") == "a b");
    CHECK(trim(" \t\r\n").empty());
    CHECK(trim("").empty());
    CHECK(trim("xxhixx", "x") == "hi");
}

TEST_CASE("asciiLower folds A-Z only and leaves UTF-8 alone")
{
    CHECK(asciiLower("Via: SIP/2.0") == "via: sip/2.0");
    CHECK(asciiLower("ÁRBOL Ñ") == "Árbol Ñ");
    CHECK(iequalsAscii("Content-Length", "content-length"));
    CHECK_FALSE(iequalsAscii("Content-Length", "content-lengt"));
    CHECK_FALSE(iequalsAscii("É", "é"));
}
