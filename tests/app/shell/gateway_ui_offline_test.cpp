// Replies while the link to a real warmline-gateway is down (GatewayUiTest.h):
// one typed offline is sent exactly once after reconnecting, one lost in
// flight is marked for the operator to retry and never resent by itself.

#include "GatewayUiTest.h"

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

namespace {

QToolButton* buttonNamed(QWidget* root, const QString& name)
{
    for (auto* b : root->findChildren<QToolButton*>()) {
        if (b->accessibleName() == name) {
            return b;
        }
    }
    return nullptr;
}

} // namespace

void GatewayUiTest::replyTypedOfflineIsSentOnceAfterReconnect()
{
    postText("SMui11", 111, "sorry my phone keeps dying");
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    link.setBackoff(100, 800);
    ShiftSession session(link, store);
    MainWindow window(session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startShift(link, session);
    if (QTest::currentTestFailed()) {
        return;
    }
    const qint64 contact = session.currentContactId();
    auto* conversation = session.conversation();
    QTRY_VERIFY_WITH_TIMEOUT(window.conversationPanel()->isVisible(), 5000);
    auto hasRetryable = [conversation] {
        for (int r = 0; r < conversation->rowCount(); ++r) {
            if (conversation->index(r, 0).data(CanRetryRole).toBool()) {
                return true;
            }
        }
        return false;
    };
    // The test gateway has no text provider, so its automatic first-contact
    // reply failed: Retry is offered for exactly that.
    QCOMPARE(window.retryAction()->isEnabled(), hasRetryable());
    {
        // Without failed texts there is nothing to retry.
        QList<warmline::app::MessageRecord> clean;
        for (int r = 0; r < conversation->rowCount(); ++r) {
            if (!conversation->index(r, 0).data(CanRetryRole).toBool()) {
                clean.append(*conversation->messageAt(r));
            }
        }
        conversation->setConversation(contact, clean);
        QVERIFY(!hasRetryable());
        QVERIFY(!window.retryAction()->isEnabled());
        auto failed = clean.isEmpty() ? warmline::app::MessageRecord{} : clean.first();
        failed.id = 999999;
        failed.direction = warmline::Direction::Outbound;
        failed.status = warmline::DeliveryStatus::Failed;
        conversation->applyMessage(failed);
        QVERIFY(window.retryAction()->isEnabled());
        // Back to what the gateway holds.
        session.openContact(contact);
        QTRY_VERIFY_WITH_TIMEOUT(conversation->rowCount() >= 1, 10000);
    }
    const bool retryBefore = window.retryAction()->isEnabled();

    m_gateway->stop();
    QTRY_VERIFY_WITH_TIMEOUT(link.state() != LinkConnection::State::Online, 15000);

    const QString body = QStringLiteral("No worries at all, I'm still here whenever you're back.");
    window.conversationPanel()->replyBox()->setPlainText(body);
    QToolButton* send = buttonNamed(&window, QStringLiteral("Send reply"));
    QVERIFY(send);
    QVERIFY(send->isEnabled());
    send->click();
    QCOMPARE(window.conversationPanel()->replyText(), QString());
    QCOMPARE(store.outbox().size(), 1);
    const int row = conversation->rowCount() - 1;
    const QModelIndex last = conversation->index(row, 0);
    QCOMPARE(last.data(MessageIdRole).toLongLong(), -store.outbox().first().id);
    QVERIFY(last.data(WaitingRole).toBool());
    QVERIFY(!last.data(CanRetryRole).toBool()); // it goes by itself
    QCOMPARE(window.retryAction()->isEnabled(), retryBefore);
    const QString status =
        conversation->index(row, ConversationModel::StatusColumn).data().toString();
    QVERIFY2(status.contains(QStringLiteral("Not sent yet")), qPrintable(status));
    save(&window, QStringLiteral("08-offline-reply.png"));

    m_gateway->restart(true);
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), LinkConnection::State::Online, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(store.outbox().isEmpty(), 15000);
    auto countSent = [&] {
        int n = 0;
        for (int r = 0; r < conversation->rowCount(); ++r) {
            const auto* m = conversation->messageAt(r);
            if (m->body == body) {
                n += m->id > 0 ? 1 : 100; // a local row left over counts as wrong
            }
        }
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(countSent(), 1, 15000);
    // What the gateway holds, fetched again: exactly one copy.
    QCOMPARE(session.currentContactId(), contact);
    session.openContact(contact);
    QTRY_VERIFY_WITH_TIMEOUT(conversation->rowCount() >= 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(countSent(), 1, 10000);
    QCOMPARE(window.retryAction()->isEnabled(), hasRetryable());
    link.close();
}

void GatewayUiTest::replyLostInFlightIsMarkedForRetry()
{
    postText("SMui12", 112, "are texts going through?");
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    link.setBackoff(100, 800);
    ShiftSession session(link, store);
    MainWindow window(session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startShift(link, session);
    if (QTest::currentTestFailed()) {
        return;
    }
    auto* conversation = session.conversation();

    // Sent, then the link drops before any answer: it may or may not have
    // reached the gateway, so the app must not send it again by itself.
    const QString body = QStringLiteral("They should be — did this one arrive?");
    session.sendReply(body);
    link.dropForTest();
    QTRY_COMPARE_WITH_TIMEOUT(store.outbox().size(), 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(store.outbox().first().unsent, 10000);
    int row = conversation->rowCount() - 1;
    QVERIFY(conversation->index(row, 0).data(CanRetryRole).toBool());
    QVERIFY(conversation->index(row, 0).data(UnsentRole).toBool());
    QCOMPARE(conversation->index(row, ConversationModel::StatusColumn).data().toString(),
             QStringLiteral("Not sent"));
    QVERIFY(window.retryAction()->isEnabled());

    QTRY_COMPARE_WITH_TIMEOUT(link.state(), LinkConnection::State::Online, 15000);
    // Online again and resynced: still waiting for the operator. Two round
    // trips let a (wrong) automatic resend show itself.
    for (int i = 0; i < 2; ++i) {
        auto answered = std::make_shared<bool>(false);
        link.request(QStringLiteral("line.info"), {},
                     [answered](const LinkReply&) { *answered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(*answered, 10000);
    }
    QCOMPARE(store.outbox().size(), 1);
    QVERIFY(store.outbox().first().unsent);
    QVERIFY(window.retryAction()->isEnabled());

    window.retryAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(store.outbox().isEmpty(), 10000);
    row = conversation->rowCount() - 1;
    QVERIFY(conversation->messageAt(row)->id > 0);
    QCOMPARE(conversation->messageAt(row)->body, body);
    link.close();
}
