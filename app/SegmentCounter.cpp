#include "app/SegmentCounter.h"

namespace warmline::app {

namespace {

// GSM 03.38 basic set (as Unicode) and the extension characters that cost
// an escape septet each.
const QString& basicSet()
{
    static const QString s =
        QStringLiteral("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                       "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");
    return s;
}

const QString& extensionSet()
{
    static const QString s = QStringLiteral("^{}\\[~]|€\f");
    return s;
}

} // namespace

SegmentCount countSegments(const QString& text)
{
    SegmentCount c;
    int septets = 0;
    for (const QChar ch : text) {
        if (basicSet().contains(ch)) {
            septets += 1;
        } else if (extensionSet().contains(ch)) {
            septets += 2;
        } else {
            c.gsm7 = false;
            break;
        }
    }
    int perSegment = 0;
    int perPart = 0;
    if (c.gsm7) {
        c.charactersUsed = septets;
        perSegment = 160;
        perPart = 153;
    } else {
        c.charactersUsed = static_cast<int>(text.size());
        perSegment = 70;
        perPart = 67;
    }
    if (c.charactersUsed == 0) {
        c.segments = 0;
        c.charactersLeftInSegment = perSegment;
    } else if (c.charactersUsed <= perSegment) {
        c.segments = 1;
        c.charactersLeftInSegment = perSegment - c.charactersUsed;
    } else {
        c.segments = (c.charactersUsed + perPart - 1) / perPart;
        c.charactersLeftInSegment = c.segments * perPart - c.charactersUsed;
    }
    return c;
}

QString segmentSummary(const SegmentCount& c)
{
    if (c.segments == 0) {
        return QString();
    }
    const QString parts =
        c.segments == 1 ? QStringLiteral("1 text") : QStringLiteral("%1 texts").arg(c.segments);
    return QStringLiteral("%1 · %2 characters left%3")
        .arg(parts)
        .arg(c.charactersLeftInSegment)
        .arg(c.gsm7 ? QString() : QStringLiteral(" · special characters use more room"));
}

} // namespace warmline::app
