#include "core/text/FormCodec.h"

#include <catch2/catch.hpp>

using namespace warmline;

TEST_CASE("form bodies parse in order with '+' as space and percent escapes")
{
    const auto fields = parseForm("From=%2B15555550123&Body=hello+there%21&To=%2B15555550199");
    REQUIRE(fields.size() == 3);
    CHECK(fields[0] == std::pair<std::string, std::string>{"From", "+15555550123"});
    CHECK(fields[1] == std::pair<std::string, std::string>{"Body", "hello there!"});
    CHECK(fields[2].first == "To");
    CHECK(formValue(fields, "Body") == std::optional<std::string_view>("hello there!"));
    CHECK_FALSE(formValue(fields, "body").has_value());
}

TEST_CASE("form parsing keeps repeats, skips empty segments and allows bare names")
{
    const auto fields = parseForm("a=1&&a=2&flag&=x&");
    REQUIRE(fields.size() == 4);
    CHECK(fields[0].second == "1");
    CHECK(fields[1].second == "2");
    CHECK(fields[2] == std::pair<std::string, std::string>{"flag", ""});
    CHECK(fields[3] == std::pair<std::string, std::string>{"", "x"});
    CHECK(formValue(fields, "a") == std::optional<std::string_view>("1"));
    CHECK(parseForm("").empty());
    CHECK(parseForm("&&&").empty());
}

TEST_CASE("percent decoding handles case and multibyte UTF-8")
{
    CHECK(percentDecode("caf%C3%A9") == "caf\xC3\xA9");
    CHECK(percentDecode("%e2%9c%93") == "\xE2\x9C\x93");
    CHECK(percentDecode("%00") == std::string(1, '\0'));
    CHECK(percentDecode("100%25") == "100%");
    CHECK(percentDecode("a%2Bb+c") == "a+b c");
}

TEST_CASE("bad percent escapes are errors")
{
    CHECK_THROWS_AS(percentDecode("%"), FormError);
    CHECK_THROWS_AS(percentDecode("abc%4"), FormError);
    CHECK_THROWS_AS(percentDecode("%G1"), FormError);
    CHECK_THROWS_AS(percentDecode("%1g"), FormError);
    CHECK_THROWS_AS(percentDecode("%%41"), FormError);
    CHECK_THROWS_AS(parseForm("Body=50%"), FormError);
    CHECK_THROWS_AS(parseForm("Bo%zzdy=x"), FormError);
}

TEST_CASE("the error message does not quote the input")
{
    try {
        parseForm("From=%2B15555550123&Body=secret%ZZwords");
        FAIL("expected FormError");
    } catch (const FormError& error) {
        const std::string message = error.what();
        CHECK(message.find("secret") == std::string::npos);
        CHECK(message.find("5555550123") == std::string::npos);
    }
}

TEST_CASE("the field count is bounded")
{
    std::string body;
    for (int i = 0; i < 256; ++i) {
        // Appended piecewise: GCC 12 at -O3 warns (-Wrestrict) on "k" + string.
        body += 'k';
        body += std::to_string(i);
        body += "=v&";
    }
    CHECK(parseForm(body).size() == 256);
    CHECK_THROWS_AS(parseForm(body + "one=more"), FormError);
    CHECK_THROWS_AS(parseForm("a=1&b=2&c=3", 2), FormError);
    CHECK(parseForm("a=1&b=2", 2).size() == 2);
    CHECK(parseForm("a=1&&&b=2&&", 2).size() == 2);
}

TEST_CASE("query strings use the same format")
{
    CHECK(queryOf("/kannel/inbound?from=%2B15555550123&text=hi#frag") ==
          "from=%2B15555550123&text=hi");
    CHECK(queryOf("/kannel/inbound").empty());
    CHECK(queryOf("/x?").empty());
    const auto fields = parseQuery("?from=%2B15555550123&text=hi+there");
    REQUIRE(fields.size() == 2);
    CHECK(fields[0].second == "+15555550123");
    CHECK(fields[1].second == "hi there");
    CHECK(parseQuery("a=b").size() == 1);
}

TEST_CASE("encoding round-trips through parsing")
{
    CHECK(formEncode("hi there+you&me=1") == "hi+there%2Byou%26me%3D1");
    CHECK(formEncode("A-z_0.9*~") == "A-z_0.9*%7E");
    CHECK(formEncode("caf\xC3\xA9") == "caf%C3%A9");
    CHECK(percentEncode("a b~c*") == "a%20b~c%2A");

    const FormFields fields = {
        {"To", "+15555550123"}, {"Body", "Hello & welcome, 100% ok?\n\xE2\x9C\x93"}, {"Empty", ""}};
    const std::string encoded = encodeForm(fields);
    CHECK(encoded.find(' ') == std::string::npos);
    CHECK(encoded.find('\n') == std::string::npos);
    CHECK(parseForm(encoded) == fields);
    CHECK(encodeForm({}).empty());
}

TEST_CASE("valid UTF-8 is accepted")
{
    CHECK(isValidUtf8(""));
    CHECK(isValidUtf8("plain ascii\n"));
    CHECK(isValidUtf8("caf\xC3\xA9"));               // U+00E9
    CHECK(isValidUtf8("\xE2\x82\xAC"));              // U+20AC
    CHECK(isValidUtf8("\xF0\x9F\x98\x80"));          // U+1F600
    CHECK(isValidUtf8("\xEF\xBF\xBF"));              // U+FFFF
    CHECK(isValidUtf8("\xF4\x8F\xBF\xBF"));          // U+10FFFF
    CHECK(isValidUtf8("\xED\x9F\xBF"));              // U+D7FF, just below the surrogates
    CHECK(isValidUtf8("\xEE\x80\x80"));              // U+E000, just above them
    CHECK(isValidUtf8(std::string_view("a\0b", 3))); // NUL is valid UTF-8
}

TEST_CASE("invalid UTF-8 is rejected")
{
    CHECK_FALSE(isValidUtf8("\x80"));             // lone continuation byte
    CHECK_FALSE(isValidUtf8("\xC3"));             // truncated two-byte
    CHECK_FALSE(isValidUtf8("\xE2\x82"));         // truncated three-byte
    CHECK_FALSE(isValidUtf8("\xF0\x9F\x98"));     // truncated four-byte
    CHECK_FALSE(isValidUtf8("\xC3\x28"));         // bad continuation
    CHECK_FALSE(isValidUtf8("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(isValidUtf8("\xC1\xBF"));         // overlong
    CHECK_FALSE(isValidUtf8("\xE0\x80\xAF"));     // overlong three-byte
    CHECK_FALSE(isValidUtf8("\xE0\x9F\xBF"));     // overlong U+07FF
    CHECK_FALSE(isValidUtf8("\xF0\x80\x80\xAF")); // overlong four-byte
    CHECK_FALSE(isValidUtf8("\xF0\x8F\xBF\xBF")); // overlong U+FFFF
    CHECK_FALSE(isValidUtf8("\xED\xA0\x80"));     // U+D800 surrogate
    CHECK_FALSE(isValidUtf8("\xED\xBF\xBF"));     // U+DFFF surrogate
    CHECK_FALSE(isValidUtf8("\xF4\x90\x80\x80")); // U+110000
    CHECK_FALSE(isValidUtf8("\xF5\x80\x80\x80")); // lead byte beyond U+10FFFF
    CHECK_FALSE(isValidUtf8("\xFF"));
    CHECK_FALSE(isValidUtf8("ok\xFE"));
    CHECK_FALSE(isValidUtf8("caf\xE9")); // Latin-1 é
}
