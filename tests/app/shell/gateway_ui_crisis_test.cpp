// The crisis prompt and the shift lead's board in the app, against a real
// warmline-gateway (GatewayUiTest.h): a crisis text raises the prompt and
// records each step through to a warm transfer, and a lead assigns, messages
// and takes back a contact from the board.

#include "GatewayUiTest.h"
#include "app/shift/DebriefDialog.h"
#include "app/shift/WellbeingBar.h"

#include "app/board/ShiftBoard.h"
#include "app/board/ShiftBoardWindow.h"
#include "app/link/LinkConnection.h"
#include "app/shell/AppIdentity.h"
#include "app/shell/LoginDialog.h"
#include "app/shell/MainWindow.h"
#include "app/shell/SettingsDialog.h"
#include "app/shift/CallerPanel.h"
#include "app/shift/ConversationPanel.h"
#include "app/shift/EscalationPanel.h"
#include "app/shift/LeadNoticeBar.h"
#include "app/shift/LocalStore.h"
#include "app/shift/ShiftSession.h"
#include "app/shift/WrapUpDialog.h"
#include "app/widgets/ModelRoles.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QToolButton>
#include <QtTest>

#include <cstdio>
#include <memory>

using namespace warmline::app;
using namespace warmline::test::gatewayui;

void GatewayUiTest::crisisTextRaisesThePromptAndRecordsTheSteps()
{
    postText("SMui40", 140, "synthetic: my knees hurt and it's raining again");
    postText(
        "SMui41", 141,
        // High, not imminent (no time frame): the bridge text below raises it.
        "synthetic: I saved up 40 of my sleeping pills and I keep thinking about taking them all");

    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    MainWindow window(session);
    window.resize(1360, 980);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy alerted(&window, &MainWindow::escalationAlerted);
    QSignalSpy snapshot(&link, &LinkConnection::snapshotReceived);
    link.open(linkUrl(), QStringLiteral("eve"), kPassword);
    QVERIFY(snapshot.wait(20000));

    // The crisis text arrived last and waits first, its level shown.
    auto headContact = [&]() -> const warmline::app::ContactRecord* {
        const QModelIndex head = window.queueView()->model()->index(0, 0);
        return session.queue()->contactById(head.data(ContactIdRole).toLongLong());
    };
    auto queueText = [&] {
        QStringList rows;
        for (int r = 0; r < window.queueView()->model()->rowCount(); ++r) {
            const auto id = window.queueView()->model()->index(r, 0).data(ContactIdRole);
            const auto* c = session.queue()->contactById(id.toLongLong());
            rows << (c ? QStringLiteral("%1 %2").arg(riskText(c->risk), c->preview) : QString());
        }
        return rows.join(QStringLiteral(" | "));
    };
    QTRY_VERIFY2_WITH_TIMEOUT(headContact() &&
                                  headContact()->preview.contains(QStringLiteral("sleeping pills")),
                              qPrintable(queueText()), 10000);
    // A copy: the queue's rows go when the contact is accepted.
    const auto first = *headContact();
    QVERIFY2(first.risk >= warmline::RiskLevel::High, qPrintable(first.preview));
    QVERIFY(!first.riskSignals.isEmpty());
    const qint64 crisisId = first.id;
    save(&window, QStringLiteral("20-crisis-queue.png"));

    session.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    window.acceptNextAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(session.currentContactId(), crisisId, 10000);

    // The prompt cannot be missed: it is open in the contact, with the words
    // that raised it.
    auto* panel = window.escalationPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 10000);
    QVERIFY(panel->banner()->text().contains(QStringLiteral("HIGH RISK")) ||
            panel->banner()->text().contains(QStringLiteral("IMMINENT")));
    for (const auto& s : first.riskSignals) {
        QVERIFY2(panel->signalsLabel()->text().contains(s), qPrintable(s));
    }
    // A later text that scores higher alerts the operator, whatever their
    // notification settings.
    postText("SMui42", 141, "synthetic: I'm standing on the bridge right now");
    QTRY_VERIFY_WITH_TIMEOUT(!alerted.isEmpty(), 10000);
    QCOMPARE(alerted.first().first().toLongLong(), crisisId);
    QVERIFY(alerted.first().at(1).value<warmline::RiskLevel>() == warmline::RiskLevel::Imminent);
    QTRY_VERIFY_WITH_TIMEOUT(panel->banner()->text().contains(QStringLiteral("IMMINENT")), 10000);
    // The app told the gateway the prompt was seen.
    QTRY_VERIFY_WITH_TIMEOUT(panel->stepsLabel()->text().contains(QStringLiteral("saw the prompt")),
                             10000);

    // Questions 3-5 wait for a yes to question 2.
    QVERIFY(!panel->question(QStringLiteral("q3"))->button(1)->isEnabled());
    for (const char* key : {"q1", "q2", "q3", "q4"}) {
        panel->question(QString::fromLatin1(key))->button(1)->click();
    }
    QVERIFY(panel->question(QStringLiteral("q3"))->button(1)->isEnabled());
    panel->question(QStringLiteral("q5"))->button(0)->click();
    panel->question(QStringLiteral("q6"))->button(0)->click();
    panel->question(QStringLiteral("dangerNow"))->button(0)->click();
    panel->recordAnswersButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->recommendation()->text().contains(QStringLiteral("Warm transfer")), 10000);
    save(&window, QStringLiteral("21-crisis-prompt.png"));

    // Warm transfer by text: the crisis line's template goes out.
    QAction* line988 = nullptr;
    for (auto* a : panel->transferButton()->menu()->actions()) {
        if (a->data().toString() == QStringLiteral("988")) {
            line988 = a;
        }
    }
    QVERIFY(line988);
    QVERIFY(line988->isEnabled());
    // "&" in the line's name shows as "&", not as a shortcut marker.
    QVERIFY2(line988->text().contains(QStringLiteral("Suicide && Crisis")),
             qPrintable(line988->text()));
    // A line that takes calls only says so for a text.
    for (auto* a : panel->transferButton()->menu()->actions()) {
        if (!a->isEnabled()) {
            QVERIFY2(a->text().contains(QStringLiteral("calls only")), qPrintable(a->text()));
        }
    }
    // Choosing the line shows the exact text that will go, and sends only
    // once confirmed.
    line988->trigger();
    QVERIFY(panel->transferConfirmation()->isVisible());
    QVERIFY2(panel->transferPreview()->text().contains(QStringLiteral("text or call 988")),
             qPrintable(panel->transferPreview()->text()));
    save(&window, QStringLiteral("22-crisis-transfer-confirm.png"));
    QVERIFY(!panel->stepsLabel()->text().contains(QStringLiteral("warm transfer to 988")));
    panel->transferSendButton()->click();
    QVERIFY(!panel->transferConfirmation()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->stepsLabel()->text().contains(QStringLiteral("warm transfer to 988")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < session.conversation()->rowCount(); ++r) {
                if (session.conversation()->messageAt(r)->body.contains(QStringLiteral("988"))) {
                    return true;
                }
            }
            return false;
        }(),
        10000);

    // Closing the contact is refused while the escalation is open.
    QSignalSpy closeFailed(&session, &ShiftSession::closeFailed);
    session.closeContact(
        {QStringLiteral("synthetic"), {}, {}, QStringLiteral("escalated"), QStringLiteral("yes")});
    QVERIFY(closeFailed.wait(10000));
    QVERIFY2(closeFailed.first().first().toString().contains(QStringLiteral("escalation")),
             qPrintable(closeFailed.first().first().toString()));

    // Closing without a reason when nothing is recorded is refused with a
    // sentence; after "they reached the line" it closes.
    panel->confirmedButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->stepsLabel()->text().contains(QStringLiteral("texter reached")),
                             10000);
    QSignalSpy failed(&session, &ShiftSession::escalationFailed);
    session.closeEscalation(panel->escalationId(), QStringLiteral("no_action"), QString());
    QVERIFY(failed.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(panel->errorLabel()->isVisible(), 5000);
    session.closeEscalation(panel->escalationId(), QStringLiteral("warm_transfer"), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), 10000);
    const auto records = session.escalations(crisisId);
    QCOMPARE(records.size(), 1);
    QVERIFY(!records.first().open);
    QCOMPARE(records.first().outcome, QStringLiteral("warm_transfer"));

    // Closing a contact that reached high risk offers a break and a
    // debrief; the debrief is written in its own window and sent.
    auto* care = window.wellbeing();
    session.closeContact({QStringLiteral("synthetic: made a plan, texter reached 988"),
                          {},
                          {},
                          QStringLiteral("escalated"),
                          QStringLiteral("yes")});
    QTRY_VERIFY_WITH_TIMEOUT(care->isVisible(), 10000);
    QCOMPARE(care->kind(), QStringLiteral("break-suggested"));
    QCOMPARE(care->debriefContact(), crisisId);
    QVERIFY(care->text().contains(QStringLiteral("heavy contact")));
    QVERIFY(care->breakButton()->isVisible() && care->debriefButton()->isVisible());
    save(&window, QStringLiteral("23-after-a-heavy-contact.png"));
    care->debriefButton()->click();
    QVERIFY(!care->isVisible());
    DebriefDialog* debrief = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((debrief = window.findChild<DebriefDialog*>()) != nullptr, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(debrief->isVisible(), 5000);
    QSignalSpy notices(&session, &ShiftSession::notice);
    debrief->editor()->setPlainText(QStringLiteral("synthetic: that one stayed with me."));
    debrief->send();
    QTRY_VERIFY_WITH_TIMEOUT(!debrief->isVisible(), 10000);
    QVERIFY(!notices.isEmpty());
    QVERIFY2(notices.last().first().toString().contains(QStringLiteral("debrief was sent")),
             qPrintable(notices.last().first().toString()));
    // And "Take a break" sets the operator on break.
    care->breakButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Break, 10000);
}

void GatewayUiTest::leadAssignsAndMessagesFromTheBoard()
{
    QTemporaryDir leadData;
    QTemporaryDir opData;
    LocalStore leadStore(leadData.path());
    LocalStore opStore(opData.path());

    // lou, an operator: no board for him, whatever the app has.
    LinkConnection opLink;
    ShiftSession opSession(opLink, opStore);
    QSignalSpy opSnapshot(&opLink, &LinkConnection::snapshotReceived);
    opLink.open(linkUrl(), QStringLiteral("lou"), kPassword);
    QVERIFY(opSnapshot.wait(20000));
    MainWindow opWindow(opSession);
    opWindow.show();
    QVERIFY(!opWindow.openShiftBoard());
    // Everyone's View menu has supervisor feedback; no shift board for him.
    for (QAction* menu : opWindow.menuBar()->actions()) {
        if (menu->menu()) {
            for (QAction* item : menu->menu()->actions()) {
                QVERIFY(!item->text().contains(QStringLiteral("Shift")));
            }
        }
    }
    opSession.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(opSession.presence() == warmline::Presence::Available, 10000);

    // lee, a lead: the window is made after login, as the app does.
    LinkConnection leadLink;
    ShiftSession leadSession(leadLink, leadStore);
    QSignalSpy leadSnapshot(&leadLink, &LinkConnection::snapshotReceived);
    leadLink.open(linkUrl(), QStringLiteral("lee"), kPassword);
    QVERIFY(leadSnapshot.wait(20000));
    MainWindow leadWindow(leadSession);
    ShiftBoardWindow* boardWindow = leadWindow.openShiftBoard();
    QVERIFY(boardWindow);
    ShiftBoard& board = boardWindow->board();
    QTRY_VERIFY_WITH_TIMEOUT(board.loaded(), 10000);
    QVERIFY(board.mayAct());

    postText("SMuiBoard1", 160, "synthetic: could someone text back");
    qint64 contactId = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < board.queue()->rowCount(); ++r) {
                if (board.queue()->contactAt(r)->preview.startsWith(
                        QStringLiteral("synthetic: could someone"))) {
                    contactId = board.queue()->contactAt(r)->id;
                    return true;
                }
            }
            return false;
        }(),
        10000);
    const qint64 louId = opLink.operatorId();
    QTRY_VERIFY_WITH_TIMEOUT(board.operators()->operatorById(louId) != nullptr, 10000);

    // Assign: it lands in lou's contacts and his bar says who gave it.
    board.assign(contactId, louId);
    QTRY_VERIFY_WITH_TIMEOUT(opSession.mine()->contactById(contactId) != nullptr, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(opWindow.leadNotices()->isVisible(), 10000);
    QVERIFY2(opWindow.leadNotices()->text().contains(QStringLiteral("lee gave you")),
             qPrintable(opWindow.leadNotices()->text()));
    QTRY_COMPARE_WITH_TIMEOUT(board.operators()->operatorById(louId)->held.size(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(board.queue()->contactById(contactId) == nullptr, 10000);

    // A message to lou shows in his window.
    board.sendMessage(louId, QStringLiteral("synthetic: take five after this one"));
    QTRY_VERIFY_WITH_TIMEOUT(
        opWindow.leadNotices()->text().contains(QStringLiteral("take five after this one")), 10000);

    // Take back: it leaves lou's contacts and waits in the queue again.
    board.takeBack(contactId);
    QTRY_VERIFY_WITH_TIMEOUT(opSession.mine()->contactById(contactId) == nullptr, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(board.queue()->contactById(contactId) != nullptr, 10000);
    leadLink.close();
    opLink.close();
}
