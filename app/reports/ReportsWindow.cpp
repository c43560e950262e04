#include "app/reports/ReportsWindow.h"

#include "app/link/LinkRecords.h"
#include "app/link/SupervisionRecords.h"
#include "app/reports/ReportExport.h"
#include "app/widgets/Theme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QJsonArray>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPieSeries>
#include <QPushButton>
#include <QStackedBarSeries>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QValueAxis>

namespace warmline::app {

namespace {

constexpr int kBarDaysMax = 31; ///< longer periods draw days as lines (day labels repeat)

/// A count axis from 0 with whole-number ticks (1, 2, 5 × 10^k apart) and
/// some headroom above `max`.
QValueAxis* countAxis(qint64 max)
{
    const qint64 top = std::max<qint64>(1, max);
    qint64 step = 1;
    for (qint64 scale = 1; top / step > 6; scale *= 10) {
        for (const qint64 m : {1, 2, 5}) {
            step = m * scale;
            if (top / step <= 6) {
                break;
            }
        }
    }
    qint64 upper = (top + step - 1) / step * step;
    if (upper == max) {
        upper += step;
    }
    auto* axis = new QValueAxis;
    axis->setLabelFormat(QStringLiteral("%d"));
    axis->setRange(0, static_cast<qreal>(upper));
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(static_cast<qreal>(step));
    axis->setMinorTickCount(0);
    return axis;
}

/// A smaller font for dense category labels (days, hours).
QFont smallFont(const QFont& base)
{
    QFont f = base;
    if (f.pointSizeF() > 0) {
        f.setPointSizeF(std::max(6.0, f.pointSizeF() * 0.8));
    }
    return f;
}

} // namespace

ReportsWindow::ReportsWindow(LinkConnection& link, QWidget* parent)
    : QMainWindow(parent), m_link(link)
{
    setWindowTitle(tr("Warmline — Reports"));
    setAccessibleName(tr("Reports"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(10, 8, 10, 8);

    auto* bar = new QHBoxLayout;
    const QDate today = QDate::currentDate();
    m_from = new QDateEdit(today.addDays(-29), central);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_from->setAccessibleName(tr("From date"));
    m_to = new QDateEdit(today, central);
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_to->setAccessibleName(tr("To date"));
    auto* fromLabel = new QLabel(tr("F&rom"), central);
    fromLabel->setBuddy(m_from);
    auto* toLabel = new QLabel(tr("&To"), central);
    toLabel->setBuddy(m_to);
    auto* show = new QPushButton(tr("&Show"), central);
    show->setAccessibleName(tr("Show the report"));
    show->setDefault(true);
    m_period = new QLabel(central);
    setRelativeFont(m_period, 1.2, true);
    m_period->setAccessibleName(tr("Report period"));
    m_csv = new QPushButton(tr("Export &CSV…"), central);
    m_csv->setAccessibleName(tr("Export CSV"));
    m_pdf = new QPushButton(tr("Export &PDF…"), central);
    m_pdf->setAccessibleName(tr("Export PDF"));
    bar->addWidget(fromLabel);
    bar->addSpacing(4);
    bar->addWidget(m_from);
    bar->addSpacing(12);
    bar->addWidget(toLabel);
    bar->addSpacing(4);
    bar->addWidget(m_to);
    bar->addWidget(show);
    bar->addSpacing(20);
    bar->addWidget(m_period, 1);
    bar->addWidget(m_csv);
    bar->addWidget(m_pdf);
    layout->addLayout(bar);

    auto* figures = new QWidget(central);
    figures->setAccessibleName(tr("Figures"));
    figures->setAutoFillBackground(true);
    figures->setBackgroundRole(QPalette::AlternateBase);
    m_figures = new QGridLayout(figures);
    m_figures->setContentsMargins(10, 6, 10, 6);
    m_figures->setHorizontalSpacing(24);
    layout->addWidget(figures);

    m_grid = new QGridLayout;
    m_grid->setSpacing(6);
    m_byDay = addChart(tr("Contacts by day"), 0, 0, 2);
    m_channels = addChart(tr("By channel"), 0, 2);
    m_byHour = addChart(tr("Contacts by hour of arrival"), 1, 0);
    m_topics = addChart(tr("Topics (top 10)"), 1, 1);
    m_escalations = addChart(tr("Escalations by outcome"), 1, 2);
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(1, 1);
    m_grid->setColumnStretch(2, 1);
    layout->addLayout(m_grid, 1);
    setCentralWidget(central);
    statusBar()->setAccessibleName(tr("Messages from Warmline"));

    connect(show, &QPushButton::clicked, this, [this] { load(m_from->date(), m_to->date()); });
    connect(m_csv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the report as CSV"),
            QStringLiteral("warmline-report-%1.csv").arg(m_from->date().toString(Qt::ISODate)),
            tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error)) {
            statusBar()->showMessage(error, 15000);
        }
    });
    connect(m_pdf, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the report as PDF"),
            QStringLiteral("warmline-report-%1.pdf").arg(m_from->date().toString(Qt::ISODate)),
            tr("PDF files (*.pdf)"));
        QString error;
        if (!path.isEmpty() && !exportPdf(path, &error)) {
            statusBar()->showMessage(error, 15000);
        }
    });
    connect(this, &ReportsWindow::failed, this,
            [this](const QString& s) { statusBar()->showMessage(s, 15000); });
    m_csv->setEnabled(false);
    m_pdf->setEnabled(false);
    m_link.request(QStringLiteral("line.info"), {}, [this](const LinkReply& r) {
        if (r.ok && !r.data.value(u"name").toString().isEmpty()) {
            m_lineName = r.data.value(u"name").toString();
        }
    });
    resize(1360, 820);
}

QChartView* ReportsWindow::addChart(const QString& title, int row, int column, int columnSpan)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    applyTheme(chart);
    auto* view = new QChartView(chart, centralWidget());
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(title);
    view->setMinimumSize(280, 220);
    m_grid->addWidget(view, row, column, 1, columnSpan);
    return view;
}

void ReportsWindow::applyTheme(QChart* chart) const
{
    chart->setTheme(isDarkPalette(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette().base());
    chart->setTitleBrush(palette().text());
    QFont f = font();
    f.setBold(true);
    chart->setTitleFont(f);
    chart->legend()->setLabelColor(palette().color(QPalette::Text));
}

QList<QWidget*> ReportsWindow::charts() const
{
    return {m_byDay, m_byHour, m_channels, m_topics, m_escalations};
}

void ReportsWindow::load(const QDate& from, const QDate& to)
{
    m_from->setDate(from);
    m_to->setDate(to);
    statusBar()->showMessage(tr("Loading the report…"));
    m_link.request(
        QStringLiteral("report.get"),
        {{QStringLiteral("from"), from.toString(Qt::ISODate)},
         {QStringLiteral("to"), to.toString(Qt::ISODate)}},
        [this](const LinkReply& r) {
            if (!r.ok) {
                emit failed(r.message);
                return;
            }
            statusBar()->clearMessage();
            showReport(r.data.value(u"report").toObject());
        },
        60000);
}

void ReportsWindow::showReport(const QJsonObject& report)
{
    m_report = report;
    m_period->setText(reportPeriodText(report));
    fillFigures();
    fillByDay();
    fillByHour();
    fillChannels();
    fillTopics();
    fillEscalations();
    m_csv->setEnabled(true);
    m_pdf->setEnabled(true);
    emit reportShown();
}

void ReportsWindow::fillFigures()
{
    while (auto* item = m_figures->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const auto figures = reportFigures(m_report);
    const int perColumn = (static_cast<int>(figures.size()) + 1) / 2;
    for (int i = 0; i < figures.size(); ++i) {
        const auto& f = figures[i];
        auto* parent = m_figures->parentWidget();
        auto* label = new QLabel(f.label, parent);
        auto* value = new QLabel(f.value, parent);
        setRelativeFont(value, 1.0, true);
        value->setAccessibleName(f.label);
        auto* target = new QLabel(f.target, parent);
        if (!f.target.isEmpty()) {
            QPalette pal = target->palette();
            pal.setColor(QPalette::WindowText,
                         toneColor(palette(), f.metTarget ? Tone::Good : Tone::Trouble));
            target->setPalette(pal);
            target->setText(f.metTarget ? QStringLiteral("✓ %1").arg(f.target)
                                        : QStringLiteral("✗ %1").arg(f.target));
        }
        const int row = i % perColumn;
        const int column = (i / perColumn) * 3;
        m_figures->addWidget(label, row, column);
        m_figures->addWidget(value, row, column + 1);
        m_figures->addWidget(target, row, column + 2);
    }
    m_figures->setColumnStretch(2, 1);
    m_figures->setColumnStretch(5, 1);
}

void ReportsWindow::fillByDay()
{
    QChart* chart = m_byDay->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    const auto days = m_report.value(u"byDay").toArray();
    qint64 max = 0;
    if (days.size() <= kBarDaysMax) {
        auto* answered = new QBarSet(tr("Answered"));
        auto* abandoned = new QBarSet(tr("Abandoned"));
        auto* other = new QBarSet(tr("Unanswered"));
        QStringList categories;
        for (const auto& d : days) {
            const auto o = d.toObject();
            const qint64 contacts = o.value(u"contacts").toInteger();
            const qint64 a = o.value(u"answered").toInteger();
            const qint64 b = o.value(u"abandoned").toInteger();
            *answered << static_cast<qreal>(a);
            *abandoned << static_cast<qreal>(b);
            *other << static_cast<qreal>(contacts - a - b);
            max = std::max(max, contacts);
            // Day numbers (unique within 31 days); the months go in the title.
            const QDate date = QDate::fromString(o.value(u"date").toString(), Qt::ISODate);
            categories << QString::number(date.day());
        }
        auto* series = new QStackedBarSeries;
        series->append(answered);
        series->append(abandoned);
        series->append(other);
        chart->addSeries(series);
        auto* x = new QBarCategoryAxis;
        x->append(categories);
        x->setLabelsFont(smallFont(font()));
        if (!days.isEmpty()) {
            const QDate first =
                QDate::fromString(days.first().toObject().value(u"date").toString(), Qt::ISODate);
            const QDate last =
                QDate::fromString(days.last().toObject().value(u"date").toString(), Qt::ISODate);
            x->setTitleText(first.month() == last.month()
                                ? QLocale().toString(first, QStringLiteral("MMMM yyyy"))
                                : QStringLiteral("%1 – %2").arg(
                                      QLocale().toString(first, QStringLiteral("MMMM")),
                                      QLocale().toString(last, QStringLiteral("MMMM yyyy"))));
        }
        chart->addAxis(x, Qt::AlignBottom);
        series->attachAxis(x);
        auto* y = countAxis(max);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(y);
    } else {
        auto* contacts = new QLineSeries;
        contacts->setName(tr("Contacts"));
        auto* answered = new QLineSeries;
        answered->setName(tr("Answered"));
        for (const auto& d : days) {
            const auto o = d.toObject();
            const qint64 at = QDate::fromString(o.value(u"date").toString(), Qt::ISODate)
                                  .startOfDay()
                                  .toMSecsSinceEpoch();
            contacts->append(static_cast<qreal>(at),
                             static_cast<qreal>(o.value(u"contacts").toInteger()));
            answered->append(static_cast<qreal>(at),
                             static_cast<qreal>(o.value(u"answered").toInteger()));
            max = std::max(max, o.value(u"contacts").toInteger());
        }
        chart->addSeries(contacts);
        chart->addSeries(answered);
        auto* x = new QDateTimeAxis;
        x->setFormat(QStringLiteral("d MMM"));
        chart->addAxis(x, Qt::AlignBottom);
        contacts->attachAxis(x);
        answered->attachAxis(x);
        auto* y = countAxis(max);
        chart->addAxis(y, Qt::AlignLeft);
        contacts->attachAxis(y);
        answered->attachAxis(y);
    }
    chart->legend()->setVisible(true);
}

void ReportsWindow::fillByHour()
{
    QChart* chart = m_byHour->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    auto* set = new QBarSet(tr("Contacts"));
    qint64 max = 0;
    const auto byHour = m_report.value(u"byHour").toArray();
    for (const auto& v : byHour) {
        const qint64 n = v.toInteger();
        *set << static_cast<qreal>(n);
        max = std::max(max, n);
    }
    auto* series = new QBarSeries;
    series->append(set);
    series->setBarWidth(0.8);
    chart->addSeries(series);
    // A value axis places bar n at x = n, so every third hour can be
    // labelled (24 category labels do not fit a third of a window).
    auto* x = new QValueAxis;
    x->setRange(-0.5, 23.5);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setTickInterval(3);
    x->setLabelFormat(QStringLiteral("%02d"));
    x->setMinorTickCount(0);
    x->setGridLineVisible(false);
    x->setTitleText(tr("Hour of the day (the line's time)"));
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = countAxis(max);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    chart->legend()->setVisible(false);
}

void ReportsWindow::fillChannels()
{
    QChart* chart = m_channels->chart();
    chart->removeAllSeries();
    auto* series = new QPieSeries;
    for (const auto& c : m_report.value(u"byChannel").toArray()) {
        const auto o = c.toObject();
        const qint64 n = o.value(u"contacts").toInteger();
        if (n == 0) {
            continue;
        }
        const QString name = o.value(u"channel").toString() == u"call" ? tr("Calls") : tr("Texts");
        auto* slice =
            series->append(QStringLiteral("%1: %2").arg(name).arg(n), static_cast<qreal>(n));
        slice->setLabelVisible(true);
        slice->setLabelColor(palette().color(QPalette::Text));
    }
    series->setPieSize(0.6);
    chart->addSeries(series);
    chart->legend()->setVisible(false);
}

void ReportsWindow::fillTopics()
{
    QChart* chart = m_topics->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    const auto topics = m_report.value(u"topics").toArray();
    auto* set = new QBarSet(tr("Contacts"));
    QStringList names;
    qint64 max = 0;
    // Most frequent at the top: a horizontal bar chart draws its first
    // category at the bottom.
    const int n = std::min<int>(10, static_cast<int>(topics.size()));
    for (int i = n - 1; i >= 0; --i) {
        const auto o = topics[i].toObject();
        names << o.value(u"topic").toString();
        const qint64 count = o.value(u"contacts").toInteger();
        *set << static_cast<qreal>(count);
        max = std::max(max, count);
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(names);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto* x = countAxis(max);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    chart->legend()->setVisible(false);
}

void ReportsWindow::fillEscalations()
{
    QChart* chart = m_escalations->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    const auto escalations = m_report.value(u"escalations").toObject();
    const auto outcomes = escalations.value(u"byOutcome").toArray();
    chart->setTitle(tr("Escalations by outcome (%1)").arg(escalations.value(u"total").toInteger()));
    auto* set = new QBarSet(tr("Escalations"));
    QStringList names;
    qint64 max = 0;
    for (const auto& v : outcomes) {
        const auto o = v.toObject();
        names << codeText(o.value(u"outcome").toString());
        const qint64 count = o.value(u"count").toInteger();
        *set << static_cast<qreal>(count);
        max = std::max(max, count);
    }
    auto* series = new QBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(names);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = countAxis(max);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    chart->legend()->setVisible(false);
}

bool ReportsWindow::exportCsv(const QString& path, QString* error)
{
    if (m_report.isEmpty()) {
        if (error) {
            *error = tr("Show a report first.");
        }
        return false;
    }
    const bool ok = writeReportCsv(m_report, path, error);
    if (ok) {
        statusBar()->showMessage(tr("Saved %1").arg(path), 10000);
    }
    return ok;
}

bool ReportsWindow::exportPdf(const QString& path, QString* error)
{
    if (m_report.isEmpty()) {
        if (error) {
            *error = tr("Show a report first.");
        }
        return false;
    }
    const bool ok = writeReportPdf(m_report, m_lineName, charts(), path, error);
    if (ok) {
        statusBar()->showMessage(tr("Saved %1").arg(path), 10000);
    }
    return ok;
}

} // namespace warmline::app
