#pragma once

// The Reports window: a period, the headline figures against the line's
// targets, and charts (Qt Charts) of contacts by day, by hour and by
// channel, topics and escalation outcomes; exported as CSV and PDF. Opened
// from the View menu for supervisors and admins (the gateway refuses
// report.get to others). GUI thread only.

#include "app/link/LinkConnection.h"

#include <QJsonObject>
#include <QMainWindow>

class QChart;
class QChartView;
class QDateEdit;
class QGridLayout;
class QLabel;
class QPushButton;

namespace warmline::app {

class ReportsWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit ReportsWindow(LinkConnection& link, QWidget* parent = nullptr);

    /// Asks the gateway for the period's report.
    void load(const QDate& from, const QDate& to);
    /// Shows a report (report.get's `report`).
    void showReport(const QJsonObject& report);
    const QJsonObject& report() const { return m_report; }
    /// The chart views, in the order the PDF prints them.
    QList<QWidget*> charts() const;

    bool exportCsv(const QString& path, QString* error = nullptr);
    bool exportPdf(const QString& path, QString* error = nullptr);

signals:
    void reportShown();
    void failed(const QString& sentence);

private:
    QChartView* addChart(const QString& title, int row, int column, int columnSpan = 1);
    void fillByDay();
    void fillByHour();
    void fillChannels();
    void fillTopics();
    void fillEscalations();
    void fillFigures();
    void applyTheme(QChart* chart) const;

    LinkConnection& m_link;
    QJsonObject m_report;
    QString m_lineName = QStringLiteral("Warmline");
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QPushButton* m_csv = nullptr;
    QPushButton* m_pdf = nullptr;
    QLabel* m_period = nullptr;
    QGridLayout* m_figures = nullptr;
    QGridLayout* m_grid = nullptr;
    QChartView* m_byDay = nullptr;
    QChartView* m_byHour = nullptr;
    QChartView* m_channels = nullptr;
    QChartView* m_topics = nullptr;
    QChartView* m_escalations = nullptr;
};

} // namespace warmline::app
