#include "app/shift/SegmentCounter.h"

#include <QCoreApplication>

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
    // Two strings rather than "%n text(s)": English has no plural
    // translation, and both languages use "one" and "many" alike.
    const QString parts =
        c.segments == 1 ? QCoreApplication::translate("warmline::app::SegmentCounter", "1 text")
                        : QCoreApplication::translate("warmline::app::SegmentCounter", "%1 texts")
                              .arg(c.segments);
    return QCoreApplication::translate("warmline::app::SegmentCounter", "%1 · %2 characters left%3")
        .arg(parts)
        .arg(c.charactersLeftInSegment)
        .arg(c.encoding == SmsEncoding::Gsm7
                 ? QString()
                 : QCoreApplication::translate("warmline::app::SegmentCounter",
                                               " · special characters use more room"));
}

} // namespace warmline::app
