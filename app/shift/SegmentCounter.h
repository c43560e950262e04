#pragma once

// The reply box's SMS counter: core/carriers/SmsSegments.h does the counting (the
// same rule the gateway uses); this is only the QString entry point and the
// sentence under the reply box. Pure; any thread.

#include "core/carriers/SmsSegments.h"

#include <QString>

namespace warmline::app {

/// Counts the segments of the reply box's text (converted to UTF-8).
SegmentInfo countSegments(const QString& text);

/// "2 texts · 140 characters left", or empty for an empty text.
QString segmentSummary(const SegmentInfo&);

} // namespace warmline::app
