// The accessibility helpers on their own, offscreen: the announcer as
// assistive technology sees it (role, name, one event per settled batch),
// tables that elide instead of scrolling sideways, and the high-contrast
// palette's contrast. The real AT-SPI tree is app_accessibility's job
// (tests/app/a11y/atspi_tree_test.py).

#include "app/widgets/AccessibleStyle.h"
#include "app/widgets/Announcer.h"
#include "app/widgets/FitColumns.h"

#include <QAccessible>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace warmline::app;

namespace {

double luminance(const QColor& c)
{
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

/// WCAG 2 contrast ratio, 1 to 21.
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class AccessibilityWidgetsTest : public QObject
{
    Q_OBJECT
private slots:
    void announcerIsANotificationNamedWithTheSentence();
    void announcerSendsSentencesTogetherOnceSettled();
    void fitColumnsElidesInsteadOfScrollingSideways();
    void fitColumnsGivesColumnsTheirWidthWhenThereIsRoom();
    void highContrastTextIsAtLeastSevenToOne();
};

void AccessibilityWidgetsTest::announcerIsANotificationNamedWithTheSentence()
{
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* announcer = new Announcer(&window);
    layout->addWidget(announcer);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy announced(announcer, &Announcer::announced);
    announcer->announce(QStringLiteral("Amber Plover 792 joined the queue."));
    QVERIFY(announced.wait(5000));
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(announcer);
    QVERIFY(iface);
    QCOMPARE(iface->role(), QAccessible::Notification);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Amber Plover 792 joined the queue."));
    // Shown again, not left hidden: a hidden object is not "showing".
    QVERIFY(announcer->isVisible());
    QVERIFY(!(announcer->focusPolicy() & Qt::TabFocus));
}

void AccessibilityWidgetsTest::announcerSendsSentencesTogetherOnceSettled()
{
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* announcer = new Announcer(&window);
    layout->addWidget(announcer);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy announced(announcer, &Announcer::announced);
    QElapsedTimer clock;
    clock.start();
    announcer->announce(QStringLiteral("Risk raised."));
    announcer->announce(QStringLiteral("Connection lost."));
    QVERIFY(announced.wait(5000));
    QVERIFY2(clock.elapsed() >= Announcer::kSettleMs - 50,
             qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(announced.count(), 1);
    QCOMPARE(announced.first().first().toString(), QStringLiteral("Risk raised. Connection lost."));
    // The same sentence again is announced again.
    announcer->announce(QStringLiteral("Connection lost."));
    QVERIFY(announced.wait(5000));
    QCOMPARE(announced.count(), 2);
}

void AccessibilityWidgetsTest::fitColumnsElidesInsteadOfScrollingSideways()
{
    QStandardItemModel model(3, 4);
    for (int row = 0; row < 3; ++row) {
        model.setItem(row, 0, new QStandardItem(QStringLiteral("High risk")));
        model.setItem(row, 1,
                      new QStandardItem(QStringLiteral("A rather long caller alias %1").arg(row)));
        model.setItem(row, 2, new QStandardItem(QStringLiteral("12 min 30 s waiting")));
        model.setItem(row, 3, new QStandardItem(QStringLiteral("the latest words of the texter")));
    }
    QTableView view;
    view.setModel(&model);
    auto* fit = new FitColumns(&view, 0);
    view.resize(260, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    fit->fit();
    const int room = view.viewport()->width();
    auto* header = view.horizontalHeader();
    int used = 0;
    for (int c = 0; c + 1 < model.columnCount(); ++c) {
        used += header->sectionSize(c);
    }
    QVERIFY2(used < room, qPrintable(QStringLiteral("%1 of %2").arg(used).arg(room)));
    // The kept column is whole; the others gave up width.
    QVERIFY(header->sectionSize(0) >=
            view.fontMetrics().horizontalAdvance(QStringLiteral("High risk")));
    QVERIFY(header->sectionSize(1) <
            view.fontMetrics().horizontalAdvance(QStringLiteral("A rather long caller alias 0")));
    QCOMPARE(view.horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
    QCOMPARE(view.textElideMode(), Qt::ElideRight);
}

void AccessibilityWidgetsTest::fitColumnsGivesColumnsTheirWidthWhenThereIsRoom()
{
    QStandardItemModel model(1, 3);
    model.setItem(0, 0, new QStandardItem(QStringLiteral("Text")));
    model.setItem(0, 1, new QStandardItem(QStringLiteral("Pearl Owl 087")));
    model.setItem(0, 2, new QStandardItem(QStringLiteral("hello")));
    QTableView view;
    view.setModel(&model);
    auto* fit = new FitColumns(&view, -1);
    view.resize(900, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    fit->fit();
    const QFontMetrics fm = view.fontMetrics();
    QVERIFY(view.horizontalHeader()->sectionSize(1) >=
            fm.horizontalAdvance(QStringLiteral("Pearl Owl 087")));
    // The last column takes the rest.
    const int last = view.horizontalHeader()->sectionSize(2);
    QVERIFY2(last > 400, qPrintable(QString::number(last)));
}

void AccessibilityWidgetsTest::highContrastTextIsAtLeastSevenToOne()
{
    const QPalette p = highContrastPalette();
    const std::pair<QPalette::ColorRole, QPalette::ColorRole> pairs[] = {
        {QPalette::WindowText, QPalette::Window},
        {QPalette::Text, QPalette::Base},
        {QPalette::ButtonText, QPalette::Button},
        {QPalette::HighlightedText, QPalette::Highlight},
        {QPalette::ToolTipText, QPalette::ToolTipBase},
        {QPalette::Text, QPalette::AlternateBase},
        {QPalette::PlaceholderText, QPalette::Base}};
    for (const auto& [fg, bg] : pairs) {
        const double ratio = contrast(p.color(QPalette::Active, fg), p.color(QPalette::Active, bg));
        QVERIFY2(ratio >= 7.0,
                 qPrintable(
                     QStringLiteral("role %1 on %2: %3:1").arg(fg).arg(bg).arg(ratio, 0, 'f', 1)));
    }
    // Disabled text still readable (WCAG exempts it; the app does not).
    QVERIFY(contrast(p.color(QPalette::Disabled, QPalette::Text),
                     p.color(QPalette::Disabled, QPalette::Base)) >= 4.5);
    // The focus outline (the highlight) stands out from the window.
    QVERIFY(contrast(p.color(QPalette::Highlight), p.color(QPalette::Window)) >= 3.0);
}

QTEST_MAIN(AccessibilityWidgetsTest)
#include "accessibility_widgets_test.moc"
