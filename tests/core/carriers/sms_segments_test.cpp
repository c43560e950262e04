#include "core/carriers/SmsSegments.h"

#include <catch2/catch.hpp>

#include <string>

using namespace warmline;

namespace {

std::string repeat(std::string_view s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

} // namespace

TEST_CASE("an empty text takes no segment and leaves a whole one")
{
    const auto info = countSegments("");
    CHECK(info.encoding == SmsEncoding::Gsm7);
    CHECK(info.segments == 0);
    CHECK(info.charactersUsed == 0);
    CHECK(info.charactersLeftInSegment == 160);
}

TEST_CASE("plain GSM-7 text: 160 in one segment, then 153 per part")
{
    CHECK(countSegments("hello") == SegmentInfo{SmsEncoding::Gsm7, 1, 5, 155});
    CHECK(countSegments(repeat("a", 160)) == SegmentInfo{SmsEncoding::Gsm7, 1, 160, 0});
    CHECK(countSegments(repeat("a", 161)) == SegmentInfo{SmsEncoding::Gsm7, 2, 161, 145});
    CHECK(countSegments(repeat("a", 306)) == SegmentInfo{SmsEncoding::Gsm7, 2, 306, 0});
    CHECK(countSegments(repeat("a", 307)) == SegmentInfo{SmsEncoding::Gsm7, 3, 307, 152});
    // Accented letters and Greek capitals of the basic set stay GSM-7.
    CHECK(countSegments("Café à Zürich, ¿qué tal? ΔΩ £5 @home").encoding == SmsEncoding::Gsm7);
    CHECK(countSegments("line one\nline two").charactersUsed == 17);
}

TEST_CASE("extension characters cost two septets and are not split across parts")
{
    CHECK(countSegments("€") == SegmentInfo{SmsEncoding::Gsm7, 1, 2, 158});
    CHECK(countSegments("[{~}]|^\\") == SegmentInfo{SmsEncoding::Gsm7, 1, 16, 144});
    CHECK(countSegments(repeat("€", 80)) == SegmentInfo{SmsEncoding::Gsm7, 1, 160, 0});
    // 152 plain, a '€', 7 plain: 161 septets in two parts; the escape pair
    // does not fit in part one's last septet and moves whole to part two.
    CHECK(countSegments(repeat("a", 152) + "€" + repeat("a", 7)) ==
          SegmentInfo{SmsEncoding::Gsm7, 2, 161, 144});
    CHECK(countSegments(repeat("a", 159) + "€") == SegmentInfo{SmsEncoding::Gsm7, 2, 161, 145});
}

TEST_CASE("anything outside GSM-7 makes the whole text UCS-2: 70, then 67 per part")
{
    CHECK(countSegments("привет") == SegmentInfo{SmsEncoding::Ucs2, 1, 6, 64});
    CHECK(countSegments(repeat("ж", 70)) == SegmentInfo{SmsEncoding::Ucs2, 1, 70, 0});
    CHECK(countSegments(repeat("ж", 71)) == SegmentInfo{SmsEncoding::Ucs2, 2, 71, 63});
    CHECK(countSegments(repeat("ж", 135)) == SegmentInfo{SmsEncoding::Ucs2, 3, 135, 66});
    // A curly apostrophe, as phones type it, is not GSM-7.
    CHECK(countSegments("I\u2019m here").encoding == SmsEncoding::Ucs2);
    // One non-GSM character forces UCS-2 even in a long GSM text.
    CHECK(countSegments(repeat("a", 100) + "ж").segments == 2);
}

TEST_CASE("characters outside the BMP count two UTF-16 units and are never split")
{
    CHECK(countSegments("\U0001F600") == SegmentInfo{SmsEncoding::Ucs2, 1, 2, 68});
    CHECK(countSegments(repeat("\U0001F600", 35)) == SegmentInfo{SmsEncoding::Ucs2, 1, 70, 0});
    // 66 + 2 + 3 = 71 units: the emoji does not fit in part one's last unit.
    CHECK(countSegments(repeat("ж", 66) + "\U0001F600" + repeat("ж", 3)) ==
          SegmentInfo{SmsEncoding::Ucs2, 2, 71, 62});
}

TEST_CASE("invalid UTF-8 counts as a replacement character")
{
    const auto info = countSegments(std::string("ok\xff"));
    CHECK(info.encoding == SmsEncoding::Ucs2);
    CHECK(info.charactersUsed == 3);
    CHECK(toString(SmsEncoding::Gsm7) == "GSM-7");
    CHECK(toString(SmsEncoding::Ucs2) == "UCS-2");
}
