#include "app/shift/SegmentCounter.h"

namespace warmline::app {

SegmentInfo countSegments(const QString& text)
{
    return warmline::countSegments(text.toStdString());
}

QString segmentSummary(const SegmentInfo& c)
{
    if (c.segments == 0) {
        return QString();
    }
    const QString parts =
        c.segments == 1 ? QStringLiteral("1 text") : QStringLiteral("%1 texts").arg(c.segments);
    return QStringLiteral("%1 · %2 characters left%3")
        .arg(parts)
        .arg(c.charactersLeftInSegment)
        .arg(c.encoding == SmsEncoding::Gsm7
                 ? QString()
                 : QStringLiteral(" · special characters use more room"));
}

} // namespace warmline::app
