// Hand-offs in the app against a real warmline-gateway: signing out or
// closing the window while holding contacts asks where they go (the queue,
// or the shift lead), and the gateway never leaves a contact held by
// someone who signed out; the next sign-in in the same program gets an
// empty password field and a window built for their role; releasing a
// contact with an open escalation asks once; an operator's sign-in starts
// available. Screenshots of each question. The class is in PressureUiTest.h;
// layout, the crisis prompt and the board under pressure are in
// pressure_layout_ui_test.cpp.

#include "PressureUiTest.h"

#include "app/board/ShiftBoard.h"
#include "app/board/ShiftBoardWindow.h"
#include "app/link/LinkConnection.h"
#include "app/shell/AppIdentity.h"
#include "app/shell/AppShell.h"
#include "app/shell/LoginDialog.h"
#include "app/shell/MainWindow.h"
#include "app/shell/SettingsDialog.h"
#include "app/shift/ConversationPanel.h"
#include "app/shift/EscalationPanel.h"
#include "app/shift/LocalStore.h"
#include "app/shift/QueueModel.h"
#include "app/shift/ShiftSession.h"
#include "app/shift/WrapUpDialog.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <cstdio>
#include <memory>

using namespace warmline::app;
using namespace warmline::test::pressureui;
using warmline::telephony::SimpleHttpClient;
namespace wt = warmline::test;

namespace warmline::test::pressureui {

void save(QWidget* w, const QString& name)
{
    QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
    QVERIFY(w->grab().save(QStringLiteral(WARMLINE_SCREENSHOT_DIR) + QLatin1Char('/') + name));
}

} // namespace warmline::test::pressureui

namespace {

const std::string kConfig =
    "[twilio]\nauth_token =\n[outbound]\nprovider = none\n[alerts]\nrepeat_after = 2s\n";
const QString kPassword = QStringLiteral("correct horse battery");

QLineEdit* passwordField(LoginDialog* login)
{
    for (auto* edit : login->findChildren<QLineEdit*>()) {
        if (edit->echoMode() == QLineEdit::Password) {
            return edit;
        }
    }
    return nullptr;
}

QPushButton* signInButton(LoginDialog* login)
{
    for (auto* b : login->findChildren<QPushButton*>()) {
        if (b->accessibleName() == QStringLiteral("Sign in")) {
            return b;
        }
    }
    return nullptr;
}

/// The window-modal question `name` the window opened, once it shows.
QMessageBox* questionNamed(QWidget* window, const QString& name)
{
    QMessageBox* box = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            box = window->findChild<QMessageBox*>(name);
            return box && box->isVisible();
        },
        5000);
    return shown ? box : nullptr;
}

bool holds(ShiftSession& session, qint64 contactId)
{
    for (const auto& c : session.heldContacts()) {
        if (c.id == contactId) {
            return true;
        }
    }
    return false;
}

} // namespace

void PressureUiTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
    wt::GatewayOptions options;
    options.configExtra = kConfig;
    options.start = false;
    m_gateway = std::make_unique<wt::GatewayProcess>(options);
    for (const char* name :
         {"sam", "kai", "ana", "max", "zoe", "una", "vic", "wes", "ivy", "lou"}) {
        m_gateway->addOperator(name, "operator", kPassword.toStdString());
    }
    m_gateway->addOperator("riley", "lead", kPassword.toStdString());
    m_gateway->addOperator("jo", "supervisor", kPassword.toStdString());
    m_gateway->start();
}

void PressureUiTest::postText(const std::string& sid, int caller, const std::string& body)
{
    SimpleHttpClient http(m_gateway->url());
    const auto r = wt::postSyntheticText(http, sid, caller, body);
    QCOMPARE(r.status, 200);
}

bool PressureUiTest::connectAs(Shift& app, const QString& name)
{
    QSignalSpy snapshot(&app.link, &LinkConnection::snapshotReceived);
    app.link.open(linkUrl(), name, kPassword);
    return snapshot.wait(20000);
}

MainWindow* PressureUiTest::signIn(AppShell& shell, const QString& name)
{
    QSignalSpy shown(&shell, &AppShell::windowShown);
    shell.start(linkUrl().toString(), name);
    auto* password = passwordField(shell.login());
    auto* button = signInButton(shell.login());
    if (!password || !button) {
        return nullptr;
    }
    password->setText(kPassword);
    button->click();
    if (!shown.wait(20000)) {
        return nullptr;
    }
    return shell.window();
}

qint64 PressureUiTest::acceptNext(ShiftSession& session, MainWindow* window)
{
    session.setPresence(warmline::Presence::Available);
    if (!QTest::qWaitFor([&] { return session.presence() == warmline::Presence::Available; },
                         10000) ||
        !QTest::qWaitFor([&] { return session.queue()->rowCount() > 0; }, 10000)) {
        return 0;
    }
    window->acceptNextAction()->trigger();
    return QTest::qWaitFor([&] { return session.currentContactId() != 0; }, 10000)
               ? session.currentContactId()
               : 0;
}

void PressureUiTest::signOutHandsTextsToTheLeadAndTheNextSignInGetsTheirRole()
{
    // riley, the shift lead, is on shift in an app of her own.
    Shift leadApp;
    auto& lead = leadApp.session;
    QVERIFY(connectAs(leadApp, QStringLiteral("riley")));
    lead.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(lead.presence() == warmline::Presence::Available, 10000);

    postText("SMho1", 301, "synthetic: rough night, can we talk");

    App app;
    auto& session = app.session;
    auto& shell = app.shell;
    auto& link = app.link;
    MainWindow* window = signIn(shell, QStringLiteral("sam"));
    QVERIFY(window);
    window->resize(1360, 860);
    QVERIFY(!window->openShiftBoard()); // an operator's window has no board
    const QPointer<MainWindow> operatorWindow(window);
    const qint64 contactId = acceptNext(session, window);
    QVERIFY(contactId != 0);
    session.escalate(warmline::RiskLevel::High, QStringLiteral("synthetic: test escalation"));
    QTRY_VERIFY_WITH_TIMEOUT(session.openEscalation(contactId).has_value(), 10000);

    // Signing out asks where the contact goes, says it has an open
    // escalation, and offers the lead first.
    window->requestSignOut(false);
    QMessageBox* box = questionNamed(window, QStringLiteral("signOutBox"));
    QVERIFY(box);
    const QString alias = session.heldContacts().first().alias;
    QVERIFY2(box->informativeText().contains(alias), qPrintable(box->informativeText()));
    QVERIFY2(box->informativeText().contains(QStringLiteral("open crisis escalation")),
             qPrintable(box->informativeText()));
    auto* toLead = box->findChild<QPushButton*>(QStringLiteral("handToLead"));
    QVERIFY(toLead);
    QCOMPARE(box->defaultButton(), toLead);
    save(box, QStringLiteral("40-sign-out-question.png"));
    // Keep working first: nothing changes.
    box->findChild<QPushButton*>(QStringLiteral("keepWorking"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!window->findChild<QMessageBox*>(QStringLiteral("signOutBox")), 5000);
    QVERIFY(link.isOnline());
    QVERIFY(holds(session, contactId));

    window->requestSignOut(false);
    box = questionNamed(window, QStringLiteral("signOutBox"));
    QVERIFY(box);
    box->findChild<QPushButton*>(QStringLiteral("handToLead"))->click();

    // Signed out: the form is back with an empty password, the window gone,
    // and the lead holds the text with its escalation.
    QTRY_VERIFY_WITH_TIMEOUT(shell.login()->isVisible(), 5000);
    QVERIFY(!shell.window());
    QVERIFY(passwordField(shell.login())->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(holds(lead, contactId), 10000);
    QVERIFY(!lead.queue()->contactById(contactId));

    // riley signs in on the same program: her window is a lead's, with the
    // board, and she holds the text there too.
    QTRY_VERIFY_WITH_TIMEOUT(operatorWindow.isNull(), 5000); // the operator's window is gone
    MainWindow* leadWindow = signIn(shell, QStringLiteral("riley"));
    QVERIFY(leadWindow);
    ShiftBoardWindow* boardWindow = leadWindow->openShiftBoard();
    QVERIFY(boardWindow);
    QTRY_VERIFY_WITH_TIMEOUT(holds(session, contactId), 10000);
    session.openContact(contactId);
    QTRY_VERIFY_WITH_TIMEOUT(session.openEscalation(contactId).has_value(), 10000);

    // The escalation alert, raised "(with sam)", now says who holds the text.
    auto* alerts = boardWindow->board().alerts();
    const auto escalationAlertText = [alerts, contactId] {
        for (int r = 0; r < alerts->rowCount(); ++r) {
            const auto* a = alerts->alertAt(r);
            if (a && a->kind == warmline::AlertKind::Escalation && a->contactId == contactId) {
                return a->text;
            }
        }
        return std::string();
    };
    QTRY_VERIFY_WITH_TIMEOUT(escalationAlertText().find("(with riley)") != std::string::npos,
                             10000);
    QVERIFY(escalationAlertText().find("sam") == std::string::npos);
}

void PressureUiTest::closingTheWindowAsksAndReturnsContactsToTheQueue()
{
    postText("SMho2", 302, "synthetic: just need to vent about work");

    App app;
    auto& session = app.session;
    auto& shell = app.shell;
    QSignalSpy quit(&shell, &AppShell::quitRequested);
    MainWindow* window = signIn(shell, QStringLiteral("kai"));
    QVERIFY(window);
    const qint64 contactId = acceptNext(session, window);
    QVERIFY(contactId != 0);

    // Closing asks; keep working leaves the window open and the contact held.
    QVERIFY(!window->close());
    QMessageBox* box = questionNamed(window, QStringLiteral("signOutBox"));
    QVERIFY(box);
    QCOMPARE(box->windowTitle(), QStringLiteral("Close Warmline"));
    box->findChild<QPushButton*>(QStringLiteral("keepWorking"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!window->findChild<QMessageBox*>(QStringLiteral("signOutBox")), 5000);
    QVERIFY(window->isVisible());
    QVERIFY(quit.isEmpty());

    // Closing again and returning the contact: the app quits and the
    // contact waits in the queue for the next operator, held by nobody.
    QVERIFY(!window->close());
    box = questionNamed(window, QStringLiteral("signOutBox"));
    QVERIFY(box);
    box->findChild<QPushButton*>(QStringLiteral("returnToQueue"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(quit.size(), 1, 5000);

    Shift other;
    QVERIFY(connectAs(other, QStringLiteral("ana")));
    QTRY_VERIFY_WITH_TIMEOUT(other.session.queue()->contactById(contactId), 10000);
    other.link.close();
}

void PressureUiTest::releasingAnEscalatedContactAsksOnce()
{
    postText("SMho3", 303, "synthetic: can't stop crying tonight");

    App app;
    auto& session = app.session;
    auto& shell = app.shell;
    MainWindow* window = signIn(shell, QStringLiteral("ana"));
    QVERIFY(window);
    window->resize(1360, 860);
    const qint64 contactId = acceptNext(session, window);
    QVERIFY(contactId != 0);
    session.escalate(warmline::RiskLevel::High, QStringLiteral("synthetic: test escalation"));
    QTRY_VERIFY_WITH_TIMEOUT(session.openEscalation(contactId).has_value(), 10000);

    QAction* release = nullptr;
    for (auto* a : window->findChildren<QAction*>()) {
        if (a->text() == QStringLiteral("&Release to queue")) {
            release = a;
        }
    }
    QVERIFY(release);
    release->trigger();
    QMessageBox* box = questionNamed(window, QStringLiteral("releaseBox"));
    QVERIFY(box);
    QVERIFY2(box->informativeText().contains(QStringLiteral("escalation still open")),
             qPrintable(box->informativeText()));
    save(box, QStringLiteral("41-release-escalated.png"));
    // The safe choice is the default: keep them.
    QVERIFY(box->defaultButton() != box->findChild<QPushButton*>(QStringLiteral("confirmRelease")));
    box->reject();
    QTRY_VERIFY_WITH_TIMEOUT(!window->findChild<QMessageBox*>(QStringLiteral("releaseBox")), 5000);
    QVERIFY(holds(session, contactId));

    release->trigger();
    box = questionNamed(window, QStringLiteral("releaseBox"));
    QVERIFY(box);
    box->findChild<QPushButton*>(QStringLiteral("confirmRelease"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!holds(session, contactId), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(session.queue()->contactById(contactId), 10000);
}

void PressureUiTest::softphoneAddressIsACommandLineOption()
{
    wt::ProcessOptions options;
    options.argv = {WARMLINE_APP_BIN, "--help"};
    options.env = {{"QT_QPA_PLATFORM", "offscreen"}};
    const auto r = wt::runProgram(options, std::chrono::seconds(30));
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.find("--softphone-address") != std::string::npos, r.out.c_str());
}

void PressureUiTest::operatorSignInStartsAvailable()
{
    // A lead signs in offline: running the board is not taking contacts.
    // Commands on a link are answered in order, so by the snapshot any
    // presence change made at sign-in has been answered too.
    Shift lead;
    QVERIFY(connectAs(lead, QStringLiteral("riley")));
    QVERIFY(lead.session.presence() == warmline::Presence::Offline);
    MainWindow leadWindow(lead.session);
    ShiftBoardWindow* boardWindow = leadWindow.openShiftBoard();
    QVERIFY(boardWindow);
    ShiftBoard& board = boardWindow->board();
    QTRY_VERIFY_WITH_TIMEOUT(board.loaded(), 10000);

    // ivy signs in in the app alone (no command-line sign-in first): she is
    // available, and the lead's board shows her connected, nothing lost.
    Shift ivy;
    QVERIFY(connectAs(ivy, QStringLiteral("ivy")));
    QTRY_VERIFY_WITH_TIMEOUT(ivy.session.presence() == warmline::Presence::Available, 10000);
    const qint64 ivyId = ivy.link.operatorId();
    QTRY_VERIFY_WITH_TIMEOUT(board.operators()->operatorById(ivyId) != nullptr &&
                                 board.operators()->operatorById(ivyId)->presence ==
                                     warmline::Presence::Available,
                             10000);
    QCOMPARE(board.operators()->operatorById(ivyId)->links, 1);
    QCOMPARE(board.operators()->operatorById(ivyId)->linkLostAt, 0);

    // On a break, a second window of hers keeps the break.
    ivy.session.setPresence(warmline::Presence::Break);
    QTRY_VERIFY_WITH_TIMEOUT(ivy.session.presence() == warmline::Presence::Break, 10000);
    Shift second;
    QVERIFY(connectAs(second, QStringLiteral("ivy")));
    QVERIFY(second.session.presence() == warmline::Presence::Break);
    QVERIFY(ivy.session.presence() == warmline::Presence::Break);

    // Signed out of both windows, she is offline and not waited for.
    second.link.close();
    ivy.link.close();
    QTRY_VERIFY_WITH_TIMEOUT(
        board.operators()->operatorById(ivyId) == nullptr ||
            (board.operators()->operatorById(ivyId)->presence == warmline::Presence::Offline &&
             board.operators()->operatorById(ivyId)->linkLostAt == 0),
        10000);
    lead.link.close();
}

QTEST_MAIN(PressureUiTest)
