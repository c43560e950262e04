#pragma once

// How many SMS segments a reply costs (GSM-7 or UCS-2), for the counter
// under the reply box. The gateway's core/SmsSegments.h is the reference;
// this mirror keeps the app building while that lands. Pure; any thread.

#include <QString>

namespace warmline::app {

struct SegmentCount
{
    bool gsm7 = true;
    int segments = 0;
    int charactersUsed = 0; ///< GSM-7 septets or UTF-16 units
    int charactersLeftInSegment = 0;
};

SegmentCount countSegments(const QString& text);
QString segmentSummary(const SegmentCount&);

} // namespace warmline::app
