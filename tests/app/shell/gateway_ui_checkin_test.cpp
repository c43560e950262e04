// GatewayUiTest, check-ins (docs/checkins.md): from the open contact an
// operator schedules a check-in the caller asked for in the Check-ins
// dialog: refused until the caller's consent is ticked, then scheduled on
// the gateway with the days, time, end and zone chosen, listed with its
// next time, and stopped when the caller asks; a screenshot to look at.

#include "GatewayUiTest.h"

#include "app/link/LinkConnection.h"
#include "app/shell/MainWindow.h"
#include "app/shift/CheckInDialog.h"
#include "app/shift/LocalStore.h"
#include "app/shift/ShiftSession.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimeEdit>
#include <QtTest>

using namespace warmline::app;
using namespace warmline::test::gatewayui;

void GatewayUiTest::operatorSchedulesAndStopsACheckIn()
{
    postText("SMui70", 170, "synthetic: could someone text me on tuesdays and fridays");
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    MainWindow window(session);
    window.resize(1360, 820);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startShift(link, session, QStringLiteral("ida"));
    if (QTest::currentTestFailed()) {
        return;
    }

    window.checkInAction()->trigger();
    CheckInDialog* dialog = window.checkInDialog();
    QVERIFY(dialog && dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->list()->count() == 1, 10000);
    QCOMPARE(dialog->list()->item(0)->text(), QStringLiteral("None yet."));

    dialog->timeEdit()->setTime(QTime(16, 0));
    dialog->dayBox(1)->setChecked(true); // Tuesday
    dialog->dayBox(4)->setChecked(true); // Friday
    dialog->fromEdit()->setDate(QDate(2031, 3, 3));
    dialog->timesBox()->setValue(6);
    dialog->zoneBox()->setCurrentText(QStringLiteral("America/New_York"));
    dialog->exceptEdit()->setText(QStringLiteral("2031-03-07"));
    dialog->reasonEdit()->setText(QStringLiteral("synthetic: a hard stretch at work"));
    // Not without the caller's consent.
    dialog->scheduleButton()->click();
    QVERIFY2(dialog->status()->text().contains(QStringLiteral("Ask the caller first")),
             qPrintable(dialog->status()->text()));
    dialog->consentBox()->setChecked(true);
    // By call: this line has no trunk to dial through, and says so.
    dialog->byBox()->setCurrentIndex(1);
    dialog->scheduleButton()->click();
    QTRY_VERIFY2_WITH_TIMEOUT(dialog->status()->text().contains(QStringLiteral("no sip.trunk_uri")),
                              qPrintable(dialog->status()->text()), 10000);
    QCOMPARE(dialog->list()->item(0)->text(), QStringLiteral("None yet."));
    dialog->byBox()->setCurrentIndex(0);
    dialog->scheduleButton()->click();
    // Tuesday 2031-03-04 is the first; Friday the 7th is skipped.
    QTRY_VERIFY2_WITH_TIMEOUT(dialog->status()->text().contains(QStringLiteral("2031-03-04 16:00")),
                              qPrintable(dialog->status()->text()), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->list()->item(0)->text().contains(
                                 QStringLiteral("synthetic: a hard stretch at work")),
                             10000);
    const QString listed = dialog->list()->item(0)->text();
    QVERIFY2(listed.contains(QStringLiteral("Tue, Fri at 16:00 (America/New_York)")),
             qPrintable(listed));
    QVERIFY2(listed.contains(QStringLiteral("next 2031-03-04 16:00")), qPrintable(listed));
    QVERIFY(!dialog->consentBox()->isChecked()); // asked again for the next one
    save(dialog, QStringLiteral("56-check-in-scheduled.png"));

    // The caller asks to stop: stopped on the gateway, and listed so.
    dialog->list()->setCurrentRow(0);
    QVERIFY(dialog->stopButton()->isEnabled());
    dialog->stopButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog->list()->count() == 1 &&
            dialog->list()->item(0)->text().contains(QStringLiteral("stopped")),
        10000);
    QVERIFY(!dialog->stopButton()->isEnabled());
    dialog->hide();
}
