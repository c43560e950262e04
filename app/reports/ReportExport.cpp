#include "app/reports/ReportExport.h"

#include "app/link/LinkRecords.h"
#include "core/store/Reports.h"

#include <QDateTime>
#include <QFile>
#include <QGraphicsView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QWidget>

#include <boost/json/parse.hpp>

namespace warmline::app {

namespace {

QString percent(double rate)
{
    return QStringLiteral("%1 %").arg(rate * 100.0, 0, 'f', 1);
}

QString dateOf(qint64 ms, int tz)
{
    return QString::fromStdString(localDate(ms, tz));
}

} // namespace

QString reportPeriodText(const QJsonObject& report)
{
    const auto period = report.value(u"period").toObject();
    const int tz = period.value(u"tzOffsetMinutes").toInt();
    const qint64 from = period.value(u"from").toInteger();
    const qint64 to = period.value(u"to").toInteger();
    if (to <= from) {
        return QString();
    }
    return QStringLiteral("%1 – %2").arg(dateOf(from, tz), dateOf(to - 1, tz));
}

QList<ReportFigure> reportFigures(const QJsonObject& r)
{
    const auto totals = r.value(u"totals").toObject();
    const auto targets = r.value(u"targets").toObject();
    const auto answer = r.value(u"answerTime").toObject();
    const auto handle = r.value(u"handleTime").toObject();
    const auto escalations = r.value(u"escalations").toObject();
    const auto callers = r.value(u"callers").toObject();
    QList<ReportFigure> out;
    out.append({QObject::tr("Contacts"), QString::number(totals.value(u"contacts").toInteger()),
                QString(), true});
    out.append({QObject::tr("Answered"), QString::number(totals.value(u"answered").toInteger()),
                QString(), true});
    const double abandon = totals.value(u"abandonRate").toDouble();
    const int abandonTarget = targets.value(u"abandonPercent").toInt();
    out.append({QObject::tr("Abandon rate"), percent(abandon),
                QObject::tr("target ≤ %1 %").arg(abandonTarget),
                abandon * 100.0 <= abandonTarget + 1e-9});
    const double onTime = totals.value(u"answeredOnTimeRate").toDouble();
    const int onTimeTarget = targets.value(u"answeredOnTimePercent").toInt();
    // The service level, as the shift board counts it: answered within the
    // target, of the contacts answered or abandoned.
    const qint64 counted =
        totals.value(u"answered").toInteger() + totals.value(u"abandoned").toInteger();
    out.append({QObject::tr("Service level (answered within %1 s)")
                    .arg(targets.value(u"answerSeconds").toInt()),
                percent(onTime), QObject::tr("target ≥ %1 %").arg(onTimeTarget),
                counted == 0 || onTime * 100.0 + 1e-9 >= onTimeTarget});
    out.append({QObject::tr("Answer time (median / 90 %)"),
                QStringLiteral("%1 / %2").arg(durationText(answer.value(u"medianMs").toInteger()),
                                              durationText(answer.value(u"p90Ms").toInteger())),
                QString(), true});
    const qint64 handleMedian = handle.value(u"medianMs").toInteger();
    const int handleTarget = targets.value(u"handleMinutes").toInt();
    out.append({QObject::tr("Handle time (median / 90 %)"),
                QStringLiteral("%1 / %2").arg(durationText(handleMedian),
                                              durationText(handle.value(u"p90Ms").toInteger())),
                QObject::tr("usual %1 min").arg(handleTarget),
                handleMedian <= static_cast<qint64>(handleTarget) * 60000});
    out.append({QObject::tr("Escalations"),
                QObject::tr("%1 (in %2 contacts)")
                    .arg(escalations.value(u"total").toInteger())
                    .arg(escalations.value(u"contacts").toInteger()),
                QString(), true});
    // Directory resources shared in the period's contacts (resources.share).
    const auto referrals = r.value(u"referrals").toObject();
    const auto byResource = referrals.value(u"byResource").toArray();
    QString shared = QObject::tr("%1 (in %2 contacts)")
                         .arg(referrals.value(u"total").toInteger())
                         .arg(referrals.value(u"contacts").toInteger());
    if (!byResource.isEmpty()) {
        shared += QObject::tr("; most shared: %1")
                      .arg(byResource.first().toObject().value(u"resource").toString());
    }
    out.append({QObject::tr("Resources shared"), shared, QString(), true});
    // Overflow to a partner line on surges (docs/coaching.md#overflow).
    const auto overflow = r.value(u"overflow").toObject();
    if (overflow.value(u"texted").toInteger() > 0 || overflow.value(u"offered").toInteger() > 0) {
        out.append({QObject::tr("Overflow to the partner line"),
                    QObject::tr("%1 callers put through (%2 offered, %3 pressed 1); %4 texters "
                                "sent its number")
                        .arg(overflow.value(u"connected").toInteger())
                        .arg(overflow.value(u"offered").toInteger())
                        .arg(overflow.value(u"accepted").toInteger())
                        .arg(overflow.value(u"texted").toInteger()),
                    QString(), true});
    }
    // The survey after a conversation or a call (docs/surveys.md), with its
    // response rate, by channel and by operator group; by day and topic in
    // the CSV.
    const auto survey = r.value(u"survey").toObject();
    if (survey.value(u"sent").toInteger() > 0) {
        QString value = QObject::tr("%1 answered of %2 asked (%3 %): %4 yes, %5 a little, %6 no")
                            .arg(survey.value(u"answered").toInteger())
                            .arg(survey.value(u"sent").toInteger())
                            .arg(survey.value(u"responseRate").toDouble() * 100, 0, 'f', 1)
                            .arg(survey.value(u"yes").toInteger())
                            .arg(survey.value(u"aLittle").toInteger())
                            .arg(survey.value(u"no").toInteger());
        QStringList channels;
        for (const auto& v : survey.value(u"byChannel").toArray()) {
            const auto o = v.toObject();
            const bool call = o.value(u"channel").toString() == u"call";
            channels << (call ? QObject::tr("calls %1 of %2") : QObject::tr("texts %1 of %2"))
                            .arg(o.value(u"answered").toInteger())
                            .arg(o.value(u"sent").toInteger());
        }
        if (!channels.isEmpty()) {
            value += QStringLiteral("; ") + channels.join(QStringLiteral(", "));
        }
        out.append({QObject::tr("Survey"), value, QString(), true});
        QStringList groups;
        for (const auto& v : survey.value(u"byGroup").toArray()) {
            const auto o = v.toObject();
            groups << QObject::tr("%1: %2 of %3 (%4 yes, %5 a little, %6 no)")
                          .arg(o.value(u"group").toString())
                          .arg(o.value(u"answered").toInteger())
                          .arg(o.value(u"sent").toInteger())
                          .arg(o.value(u"yes").toInteger())
                          .arg(o.value(u"aLittle").toInteger())
                          .arg(o.value(u"no").toInteger());
        }
        if (!groups.isEmpty()) {
            out.append({QObject::tr("Survey by group"), groups.join(QStringLiteral("; ")),
                        QString(), true});
        }
    }
    // Screening (docs/screening.md).
    const auto screened = r.value(u"screened").toObject();
    if (screened.value(u"held").toInteger() > 0 || screened.value(u"refused").toInteger() > 0) {
        out.append({QObject::tr("Screening"),
                    QObject::tr("%1 contacts held for a lead, %2 refused")
                        .arg(screened.value(u"held").toInteger())
                        .arg(screened.value(u"refused").toInteger()),
                    QString(), true});
    }
    // Check-ins callers asked for (docs/checkins.md).
    const auto checkIns = r.value(u"checkIns").toObject();
    if (checkIns.value(u"scheduled").toInteger() > 0 ||
        checkIns.value(u"reached").toInteger() > 0 || checkIns.value(u"missed").toInteger() > 0) {
        out.append({QObject::tr("Check-ins"),
                    QObject::tr("%1 scheduled, %2 reached the queue, %3 missed, %4 stopped")
                        .arg(checkIns.value(u"scheduled").toInteger())
                        .arg(checkIns.value(u"reached").toInteger())
                        .arg(checkIns.value(u"missed").toInteger())
                        .arg(checkIns.value(u"stopped").toInteger()),
                    QString(), true});
    }
    // Callbacks that kept a caller's place (docs/callbacks.md).
    const auto callbacks = r.value(u"callbacks").toObject();
    if (callbacks.value(u"requested").toInteger() > 0 ||
        callbacks.value(u"reached").toInteger() > 0 ||
        callbacks.value(u"notReached").toInteger() > 0) {
        out.append({QObject::tr("Callbacks"),
                    QObject::tr("%1 requested, %2 reached (after %3 min on average), %4 not "
                                "reached")
                        .arg(callbacks.value(u"requested").toInteger())
                        .arg(callbacks.value(u"reached").toInteger())
                        .arg(callbacks.value(u"meanMsToCallback").toInteger() / 60000)
                        .arg(callbacks.value(u"notReached").toInteger()),
                    QString(), true});
    }
    out.append({QObject::tr("Repeat callers"),
                QObject::tr("%1 of %2 callers, %3 of contacts")
                    .arg(callers.value(u"repeatCallers").toInteger())
                    .arg(callers.value(u"callers").toInteger())
                    .arg(percent(callers.value(u"repeatContactShare").toDouble())),
                QString(), true});
    return out;
}

bool writeReportCsv(const QJsonObject& report, const QString& path, QString* error)
{
    const QByteArray json = QJsonDocument(report).toJson(QJsonDocument::Compact);
    boost::json::error_code ec;
    const auto value = boost::json::parse(std::string_view(json.constData(), json.size()), ec);
    if (ec || !value.is_object()) {
        if (error) {
            *error = QObject::tr("The report could not be read.");
        }
        return false;
    }
    const std::string csv = reportCsv(value.get_object());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(csv.data(), static_cast<qint64>(csv.size())) !=
            static_cast<qint64>(csv.size()) ||
        !file.commit()) {
        if (error) {
            *error = QObject::tr("Could not write %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    return true;
}

bool writeReportPdf(const QJsonObject& report, const QString& lineName,
                    const QList<QWidget*>& charts, const QString& path, QString* error)
{
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setResolution(150);
    pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    pdf.setTitle(QObject::tr("%1 report, %2").arg(lineName, reportPeriodText(report)));
    pdf.setCreator(QStringLiteral("Warmline"));
    QPainter painter;
    if (!painter.begin(&pdf)) {
        if (error) {
            *error = QObject::tr("Could not write %1.").arg(path);
        }
        return false;
    }
    const QRect page = painter.viewport();
    const int width = page.width();
    int y = 0;

    QFont title = painter.font();
    title.setPointSizeF(18);
    title.setBold(true);
    QFont heading = painter.font();
    heading.setPointSizeF(12);
    heading.setBold(true);
    QFont text = painter.font();
    text.setPointSizeF(10);

    painter.setFont(title);
    const int titleHeight = QFontMetrics(title, &pdf).height();
    painter.drawText(QRect(0, y, width, titleHeight), Qt::AlignLeft,
                     QObject::tr("%1 — report").arg(lineName));
    y += titleHeight + 10;
    painter.setFont(text);
    const int line = QFontMetrics(text, &pdf).height();
    painter.drawText(
        QRect(0, y, width, line), Qt::AlignLeft,
        QObject::tr("Period: %1 (UTC%2%3 min). Printed %4.")
            .arg(reportPeriodText(report))
            .arg(report.value(u"period").toObject().value(u"tzOffsetMinutes").toInt() < 0
                     ? QString()
                     : QStringLiteral("+"))
            .arg(report.value(u"period").toObject().value(u"tzOffsetMinutes").toInt())
            .arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat)));
    y += line * 2;

    painter.setFont(heading);
    painter.drawText(QRect(0, y, width, line * 2), Qt::AlignLeft, QObject::tr("Figures"));
    y += QFontMetrics(heading, &pdf).height() + 6;
    painter.setFont(text);
    for (const auto& f : reportFigures(report)) {
        painter.drawText(QRect(0, y, width * 36 / 100, line), Qt::AlignLeft, f.label);
        painter.drawText(QRect(width * 36 / 100, y, width * 40 / 100, line), Qt::AlignLeft,
                         f.value);
        if (!f.target.isEmpty()) {
            painter.drawText(QRect(width * 76 / 100, y, width * 24 / 100, line), Qt::AlignLeft,
                             f.metTarget ? f.target : QObject::tr("%1 — missed").arg(f.target));
        }
        y += line + 4;
    }
    y += line;

    // Charts one below the other, centred, at most the page's width and 42 %
    // of its height, at their on-screen proportions. A chart view renders
    // its scene, so the PDF holds vectors.
    const int maxHeight = page.height() * 42 / 100;
    for (QWidget* chart : charts) {
        const QSize size = chart->size().isEmpty() ? QSize(800, 400) : chart->size();
        // As large as on a 96 dpi screen, unless the page is too small for it.
        const qreal scale =
            std::min({pdf.resolution() / 96.0, static_cast<qreal>(width) / size.width(),
                      static_cast<qreal>(maxHeight) / size.height()});
        const QSizeF drawn(size.width() * scale, size.height() * scale);
        if (y > 0 && y + drawn.height() > page.height()) {
            pdf.newPage();
            y = 0;
        }
        const QRectF target(QPointF((width - drawn.width()) / 2, y), drawn);
        if (auto* view = qobject_cast<QGraphicsView*>(chart)) {
            view->render(&painter, target, view->viewport()->rect(), Qt::KeepAspectRatio);
        } else {
            painter.save();
            painter.translate(target.topLeft());
            painter.scale(scale, scale);
            chart->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
            painter.restore();
        }
        y += static_cast<int>(drawn.height()) + line * 2;
    }
    painter.end();
    if (QFile(path).size() == 0) {
        if (error) {
            *error = QObject::tr("Could not write %1.").arg(path);
        }
        return false;
    }
    return true;
}

} // namespace warmline::app
