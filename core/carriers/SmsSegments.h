#pragma once

// How many SMS segments a text takes, as a carrier will split it: GSM 03.38
// 7-bit when every character is in its basic set or extension table
// (160 septets in one segment, 153 per part of a longer text), else UCS-2
// (70 UTF-16 units, 67 per part). A character is never split across two
// parts (an extension character's escape pair, a surrogate pair), as
// carriers' encoders do not split them. Pure; used for the app's counter.

#include <string_view>

namespace warmline {

enum class SmsEncoding
{
    Gsm7,
    Ucs2
};

struct SegmentInfo
{
    SmsEncoding encoding = SmsEncoding::Gsm7;
    int segments = 0;                ///< 0 for an empty text
    int charactersUsed = 0;          ///< septets (GSM-7) or UTF-16 units (UCS-2)
    int charactersLeftInSegment = 0; ///< room left in the last segment
    bool operator==(const SegmentInfo&) const = default;
};

/// Counts the segments of a UTF-8 text. Invalid UTF-8 bytes count as
/// U+FFFD (which forces UCS-2), as a phone would show them.
SegmentInfo countSegments(std::string_view utf8);

std::string_view toString(SmsEncoding);

} // namespace warmline
