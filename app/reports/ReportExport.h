#pragma once

// A report (report.get's `report`) as people read it: the headline figures
// with their targets, CSV (the same format as `warmlinectl report --csv`,
// from core) and a PDF with the figures and the charts. Pure functions of
// the report's JSON except writePdf, which paints widgets: GUI thread only.

#include <QJsonObject>
#include <QList>
#include <QString>

class QWidget;

namespace warmline::app {

/// One headline figure, e.g. {"Abandon rate", "4.0 %", "target ≤ 5 %", true}.
struct ReportFigure
{
    QString label;
    QString value;
    QString target; ///< empty when the figure has no target
    bool metTarget = true;
};

/// The headline figures, in display order.
QList<ReportFigure> reportFigures(const QJsonObject& report);
/// "2026-11-01 – 2026-11-30".
QString reportPeriodText(const QJsonObject& report);

/// Writes the CSV; false with `error` set when it cannot.
bool writeReportCsv(const QJsonObject& report, const QString& path, QString* error);

/// Writes an A4 PDF: a title page with the period and the figures, then
/// each chart widget rendered as vectors with its title, two to a page.
bool writeReportPdf(const QJsonObject& report, const QString& lineName,
                    const QList<QWidget*>& charts, const QString& path, QString* error);

} // namespace warmline::app
