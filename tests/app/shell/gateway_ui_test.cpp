// The app against a real warmline-gateway (GatewayUiTest.h): the gateway and
// its operators, login errors in words, the shift end to end (queue, accept,
// reply, caller panel, wrap-up) with screenshots of each main state,
// reconnect with resume after a gateway restart, and a draft that survives
// kill -9 of the app. Replies typed offline are in gateway_ui_offline_test.cpp,
// palette, font, accessible names and notifications in
// gateway_ui_look_test.cpp, the crisis prompt and the lead's board in
// gateway_ui_crisis_test.cpp.

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
#include <QDeadlineTimer>
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
using warmline::telephony::SimpleHttpClient;
namespace wt = warmline::test;

namespace warmline::test::gatewayui {

QString screenshotDir()
{
    QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
    return QStringLiteral(WARMLINE_SCREENSHOT_DIR);
}

void save(QWidget* w, const QString& name)
{
    QVERIFY(w->grab().save(screenshotDir() + QLatin1Char('/') + name));
}

} // namespace warmline::test::gatewayui

namespace {

// A partner line for overflow (switched on only by the coaching test).
const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n"
                            "[overflow]\npartner_name = Synthetic Partner Line\n"
                            "partner_text_number = +15555550166\n";

} // namespace

void GatewayUiTest::initTestCase()
{
    // Before any QSettings: the login dialog remembers the gateway and name.
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
    wt::GatewayOptions options;
    options.configExtra = kConfig;
    options.start = false;
    m_gateway = std::make_unique<wt::GatewayProcess>(options);
    m_gateway->addOperator("sam", "operator", kPassword.toStdString());
    // Operators of their own, so contacts the earlier tests still hold do
    // not leave them at capacity (busy, not available).
    m_gateway->addOperator("ana", "operator", kPassword.toStdString());
    m_gateway->addOperator("kim", "operator", kPassword.toStdString());
    m_gateway->addOperator("eve", "operator", kPassword.toStdString());
    m_gateway->addOperator("lou", "operator", kPassword.toStdString());
    m_gateway->addOperator("rae", "operator", kPassword.toStdString());
    m_gateway->addOperator("ida", "operator", kPassword.toStdString());
    m_gateway->addOperator("lee", "lead", kPassword.toStdString());
    m_gateway->start();
}

void GatewayUiTest::postText(const std::string& sid, int caller, const std::string& body)
{
    SimpleHttpClient http(m_gateway->url());
    const auto r = wt::postSyntheticText(http, sid, caller, body);
    QCOMPARE(r.status, 200);
}

void GatewayUiTest::init()
{
    // A test that failed while the gateway was down must not take the
    // following ones with it.
    if (!m_gateway->running()) {
        m_gateway->restart(true);
    }
}

void GatewayUiTest::startShift(LinkConnection& link, ShiftSession& session, const QString& name)
{
    QSignalSpy snapshot(&link, &LinkConnection::snapshotReceived);
    link.open(linkUrl(), name, kPassword);
    QVERIFY(snapshot.wait(20000));
    session.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(session.queue()->rowCount() > 0, 10000);
    session.acceptContact(0);
    QTRY_VERIFY_WITH_TIMEOUT(session.currentContactId() != 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(session.conversation()->rowCount() >= 1, 10000);
}

void GatewayUiTest::loginErrorsAreSentences()
{
    LinkConnection link;
    QSignalSpy failed(&link, &LinkConnection::loginFailed);
    link.open(linkUrl(), QStringLiteral("sam"), QStringLiteral("wrong password here"));
    QVERIFY(failed.wait(15000));
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("name or password")),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(link.state(), LinkConnection::State::Offline);

    failed.clear();
    link.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/link").arg(wt::freeTcpPort())),
              QStringLiteral("sam"), kPassword);
    QVERIFY(failed.wait(15000));
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("Cannot reach")),
             qPrintable(failed.first().first().toString()));
}

void GatewayUiTest::shiftEndToEndWithScreenshots()
{
    postText("SMui1", 101, "hi, is anyone there? I can't sleep again");
    postText("SMui2", 102, "feeling really alone tonight");
    postText("SMui3", 103, "just need someone to talk to for a bit");

    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    LoginDialog login;
    login.prefill(linkUrl().toString(), QStringLiteral("sam"));
    QObject::connect(&login, &LoginDialog::signInRequested, &link, &LinkConnection::open);
    login.show();
    QVERIFY(QTest::qWaitForWindowExposed(&login));
    save(&login, QStringLiteral("01-login.png"));

    QLineEdit* password = nullptr;
    for (auto* edit : login.findChildren<QLineEdit*>()) {
        if (edit->echoMode() == QLineEdit::Password) {
            password = edit;
        }
    }
    QVERIFY(password);
    QSignalSpy snapshot(&link, &LinkConnection::snapshotReceived);
    password->setText(kPassword);
    QPushButton* signIn = nullptr;
    for (auto* b : login.findChildren<QPushButton*>()) {
        if (b->accessibleName() == QStringLiteral("Sign in")) {
            signIn = b;
        }
    }
    QVERIFY(signIn);
    signIn->click();
    QVERIFY(snapshot.wait(20000));
    login.hide();

    MainWindow window(session);
    window.resize(1360, 820);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    session.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(session.queue()->rowCount(), 3, 10000);
    QVERIFY(window.windowTitle().contains(QStringLiteral("3 waiting")));
    save(&window, QStringLiteral("02-queue.png"));

    window.acceptNextAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(session.currentContactId() != 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(session.conversation()->rowCount() >= 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(session.queue()->rowCount(), 2, 10000);
    QCOMPARE(session.mine()->rowCount(), 1);

    session.sendReply(QStringLiteral("I'm here. Do you want to tell me what's keeping you up?"));
    QTRY_VERIFY_WITH_TIMEOUT(session.conversation()->rowCount() >= 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        session.conversation()->messageAt(session.conversation()->rowCount() - 1)->id > 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(store.outbox().isEmpty(), 10000);
    window.conversationPanel()->replyBox()->setPlainText(
        QStringLiteral("That sounds exhausting. What usually helps"));
    // Give caller.get / line.info their answer (or "unknown command").
    QTest::qWait(300);
    save(&window, QStringLiteral("03-conversation.png"));

    window.wrapUpAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.wrapUpDialog() != nullptr, 5000);
    WrapUpDialog* dialog = window.wrapUpDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto* note = dialog->findChild<QPlainTextEdit*>();
    QVERIFY(note);
    note->setPlainText(QStringLiteral("Caller couldn't sleep; talked through a wind-down "
                                      "routine. Felt calmer at the end."));
    const auto combos = dialog->findChildren<QComboBox*>();
    for (auto* combo : combos) {
        combo->setCurrentIndex(1);
    }
    save(dialog, QStringLiteral("04-wrapup.png"));
    const qint64 closing = session.currentContactId();
    QSignalSpy closed(&session, &ShiftSession::contactClosed);
    QSignalSpy closeFailed(&session, &ShiftSession::closeFailed);
    QSignalSpy notices(&session, &ShiftSession::notice);
    emit dialog->submitted(dialog->wrapUp());
    // A refusal ends the wait at once and says why; on 2 busy cores the
    // store's commit behind the reply can take a while.
    const QDeadlineTimer deadline(20000);
    while (closed.isEmpty() && closeFailed.isEmpty() && !deadline.hasExpired()) {
        QTest::qWait(20);
    }
    // QVERIFY2 builds its message even when the check holds.
    const QString refusal =
        closeFailed.isEmpty() ? QString() : closeFailed.first().first().toString();
    QVERIFY2(closeFailed.isEmpty(), qPrintable(refusal));
    QStringList seen;
    for (const auto& n : notices) {
        seen << n.first().toString();
    }
    QVERIFY2(!closed.isEmpty(), qPrintable(QStringLiteral("contact.close: no answer; notices: ") +
                                           seen.join(QStringLiteral(" | "))));
    QCOMPARE(closed.first().first().toLongLong(), closing);
    QTRY_COMPARE_WITH_TIMEOUT(session.mine()->rowCount(), 0, 10000);
    save(&window, QStringLiteral("05-after-close.png"));
    link.close();
}

void GatewayUiTest::reconnectsAndResumesAfterRestart()
{
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    link.setBackoff(100, 800);
    ShiftSession session(link, store);
    QSignalSpy snapshot(&link, &LinkConnection::snapshotReceived);
    link.open(linkUrl(), QStringLiteral("sam"), kPassword);
    QVERIFY(snapshot.wait(20000));
    const QString epoch = link.epoch();
    const int waiting = session.queue()->rowCount();

    // A dropped link within the same run resumes by replay.
    QSignalSpy states(&link, &LinkConnection::stateChanged);
    link.dropForTest();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), LinkConnection::State::Online, 15000);
    QVERIFY(states.count() >= 2);
    postText("SMui4", 104, "are you still there?");
    QTRY_COMPARE_WITH_TIMEOUT(session.queue()->rowCount(), waiting + 1, 10000);

    // A restarted gateway is a new epoch: resume gets a snapshot.
    snapshot.clear();
    m_gateway->restart(true);
    QVERIFY(snapshot.wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), LinkConnection::State::Online, 15000);
    QVERIFY(link.epoch() != epoch);
    QCOMPARE(session.queue()->rowCount(), waiting + 1);
    link.close();
}

void GatewayUiTest::draftSurvivesKill9()
{
    QTemporaryDir data;
    const QString text = QStringLiteral("Caller mentioned their sister visits on Sundays.");
    wt::ProcessOptions options;
    options.argv = {WARMLINE_APP_BIN, "--data-dir", data.path().toStdString(), "--test-draft",
                    "42:" + text.toStdString()};
    options.env = {{"QT_QPA_PLATFORM", "offscreen"}};
    options.name = "warmline";
    wt::Process app(std::move(options));
    QVERIFY(wt::waitForFileContaining(app.stdoutPath(), "draft-saved", std::chrono::seconds(20)));
    app.kill(SIGKILL);
    QVERIFY(app.waitExit(std::chrono::seconds(10)).has_value());
    LocalStore store(data.path());
    QCOMPARE(store.draft(42, QStringLiteral("note")), text);
}

QTEST_MAIN(GatewayUiTest)
