// GatewayUiTest, live coaching from the shift board (docs/coaching.md): a
// lead opens a text conversation an operator holds, sees its messages
// arrive, sends a coaching note that shows only in the operator's window,
// and asks to take the conversation over; the operator hands it over from
// the bar across their window and it moves to the lead's contacts. Then
// switchboarding: a new contact waits for a lead until it is switched off;
// and overflow to a partner line, switched on and off from the board.
// Screenshots to look at.

#include "GatewayUiTest.h"

#include "app/board/CoachWindow.h"
#include "app/board/ShiftBoard.h"
#include "app/board/ShiftBoardWindow.h"
#include "app/link/LinkConnection.h"
#include "app/shell/MainWindow.h"
#include "app/shift/ConversationPanel.h"
#include "app/shift/LeadNoticeBar.h"
#include "app/shift/LocalStore.h"
#include "app/shift/MyContactsModel.h"
#include "app/shift/ShiftSession.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace warmline::app;
using namespace warmline::test::gatewayui;
using warmline::telephony::SimpleHttpClient;

void GatewayUiTest::leadWatchesCoachesAndTakesOverFromTheBoard()
{
    QTemporaryDir leadData;
    QTemporaryDir opData;
    LocalStore leadStore(leadData.path());
    LocalStore opStore(opData.path());

    LinkConnection opLink;
    ShiftSession opSession(opLink, opStore);
    QSignalSpy opSnapshot(&opLink, &LinkConnection::snapshotReceived);
    opLink.open(linkUrl(), QStringLiteral("lou"), kPassword);
    QVERIFY(opSnapshot.wait(20000));
    MainWindow opWindow(opSession);
    opWindow.resize(1280, 760);
    opWindow.show();
    opSession.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(opSession.presence() == warmline::Presence::Available, 10000);

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

    postText("SMuiCoach1", 171, "synthetic: rough night, the neighbours again");
    // Earlier tests leave contacts waiting: find this one by its words.
    qint64 contactId = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < board.queue()->rowCount(); ++r) {
                if (board.queue()->contactAt(r)->preview.startsWith(
                        QStringLiteral("synthetic: rough"))) {
                    contactId = board.queue()->contactAt(r)->id;
                    return true;
                }
            }
            return false;
        }(),
        10000);
    const qint64 louId = opLink.operatorId();
    QTRY_VERIFY_WITH_TIMEOUT(board.operators()->operatorById(louId) != nullptr, 10000);
    board.assign(contactId, louId);
    QTRY_VERIFY_WITH_TIMEOUT(opSession.mine()->contactById(contactId) != nullptr, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(board.operators()->operatorById(louId)->held.size() >= 1, 10000);

    // The lead opens the conversation: read-only, and lou is told.
    CoachWindow* coach = boardWindow->watch(contactId);
    QVERIFY(coach);
    QTRY_VERIFY_WITH_TIMEOUT(coach->watching(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(coach->messageCount() >= 1, 10000);
    QCOMPARE(boardWindow->watch(contactId), coach); // one window per conversation
    QTRY_VERIFY_WITH_TIMEOUT(
        opWindow.leadNotices()->text().contains(QStringLiteral("is reading your conversation")),
        10000);
    // And for as long as the lead reads, the conversation's header says so.
    opSession.openContact(contactId);
    QTRY_VERIFY_WITH_TIMEOUT(opWindow.conversationPanel()->details().contains(
                                 QStringLiteral("Read by lee (shift lead)")),
                             10000);

    // The texter's next message reaches the lead's window as it arrives.
    const int before = coach->messageCount();
    postText("SMuiCoach2", 171, "synthetic: they are shouting through the wall");
    QTRY_COMPARE_WITH_TIMEOUT(coach->messageCount(), before + 1, 10000);

    // A note to lou: in his window, not in the conversation.
    const int threadBefore = coach->messageCount();
    coach->sendNote(QStringLiteral("synthetic: ask what got them through last time"));
    QTRY_COMPARE_WITH_TIMEOUT(coach->noteCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        opWindow.leadNotices()->text().contains(QStringLiteral("got them through last time")),
        10000);
    QCOMPARE(coach->messageCount(), threadBefore);
    save(coach, QStringLiteral("48-coach-window.png"));
    save(&opWindow, QStringLiteral("49-coaching-note.png"));

    // Asking to take over: lou's bar asks; he hands it over.
    coach->askToTakeOver();
    QTRY_COMPARE_WITH_TIMEOUT(opWindow.leadNotices()->takeoverAsked(), contactId, 10000);
    save(&opWindow, QStringLiteral("50-takeover-asked.png"));
    opWindow.leadNotices()->answerTakeover(true);
    QTRY_VERIFY_WITH_TIMEOUT(leadSession.mine()->contactById(contactId) != nullptr, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(opSession.mine()->contactById(contactId) == nullptr, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        coach->statusText().contains(QStringLiteral("You hold this conversation now")), 10000);
    QVERIFY(!coach->watching());
    QVERIFY(!opWindow.conversationPanel()->details().contains(QStringLiteral("Read by")));
    QTRY_VERIFY_WITH_TIMEOUT(
        opWindow.leadNotices()->text().contains(QStringLiteral("took over your conversation")),
        10000);
    coach->close();

    // Switchboarding from the board: lou is told; a new texter waits for a
    // lead, and the box says how many; switching off releases them.
    boardWindow->resize(1280, 720);
    boardWindow->show();
    QTRY_VERIFY_WITH_TIMEOUT(boardWindow->switchboardBox()->isEnabled(), 10000);
    boardWindow->switchboardBox()->click();
    QTRY_VERIFY_WITH_TIMEOUT(board.switchboard(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        opWindow.leadNotices()->text().contains(QStringLiteral("assigning new contacts by hand")),
        10000);
    postText("SMuiCoach3", 172, "synthetic: is anyone there tonight");
    QTRY_COMPARE_WITH_TIMEOUT(board.heldForLead(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        boardWindow->switchboardBox()->text().contains(QStringLiteral("1 held for a lead")), 10000);
    save(boardWindow, QStringLiteral("51-switchboard.png"));
    boardWindow->switchboardBox()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!board.switchboard(), 10000);
    QCOMPARE(board.heldForLead(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        opWindow.leadNotices()->text().contains(QStringLiteral("ended the switchboard")), 10000);

    // Overflow to the partner line the configuration names: the box says
    // which; lou is told; switched off again for the tests that follow.
    QVERIFY(boardWindow->overflowBox()->isVisible());
    QVERIFY(boardWindow->overflowBox()->text().contains(QStringLiteral("Synthetic Partner Line")));
    QVERIFY(!boardWindow->overflowBox()->isChecked());
    boardWindow->overflowBox()->click();
    QTRY_VERIFY_WITH_TIMEOUT(board.overflow(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(boardWindow->overflowBox()->isChecked(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        opWindow.leadNotices()->text().contains(QStringLiteral("switched overflow on")), 10000);
    save(boardWindow, QStringLiteral("54-overflow.png"));
    boardWindow->overflowBox()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!board.overflow(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        opWindow.leadNotices()->text().contains(QStringLiteral("switched overflow to")), 10000);

    // Screening (docs/screening.md): a premium-rate number's text waits for
    // a lead; the queue box says why; Let in sends it to the queue.
    {
        SimpleHttpClient http(m_gateway->url());
        QCOMPARE(warmline::test::postTwilioText(http, "SMuiPremium1", "+19005550171",
                                                "synthetic: texting from a premium line"),
                 200);
    }
    qint64 premiumId = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < board.queue()->rowCount(); ++r) {
                if (board.queue()->contactAt(r)->preview.startsWith(
                        QStringLiteral("synthetic: texting from a premium"))) {
                    premiumId = board.queue()->contactAt(r)->id;
                    return true;
                }
            }
            return false;
        }(),
        10000);
    QTRY_COMPARE_WITH_TIMEOUT(board.screenedReason(premiumId),
                              QStringLiteral("a premium-rate number"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(boardWindow->screenedLabel()->isVisible(), 10000);
    QVERIFY(boardWindow->screenedLabel()->text().contains(QStringLiteral("a premium-rate number")));
    // lou cannot take it ahead of the lead.
    QVERIFY(board.isHeldForLead(premiumId));
    for (int r = 0; r < board.queue()->rowCount(); ++r) {
        if (board.queue()->contactAt(r)->id == premiumId) {
            boardWindow->queueView()->selectRow(r);
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(boardWindow->admitButton()->isEnabled(), 10000);
    save(boardWindow, QStringLiteral("55-screening.png"));
    boardWindow->admitButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!board.isHeldForLead(premiumId), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!boardWindow->screenedLabel()->isVisible(), 10000);
    QVERIFY(!boardWindow->admitButton()->isEnabled());
    leadLink.close();
    opLink.close();
}
