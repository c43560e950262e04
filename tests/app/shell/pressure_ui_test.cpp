// Hand-offs in the app against a real warmline-gateway: signing out or
// closing the window while holding contacts asks where they go (the queue,
// or the shift lead), and the gateway never leaves a contact held by
// someone who signed out; the next sign-in in the same program gets an
// empty password field and a window built for their role; releasing a
// contact with an open escalation asks once. Screenshots of each question.

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
using warmline::telephony::SimpleHttpClient;
namespace wt = warmline::test;

namespace {

const std::string kConfig =
    "[twilio]\nauth_token =\n[outbound]\nprovider = none\n[alerts]\nrepeat_after = 2s\n";
const QString kPassword = QStringLiteral("correct horse battery");

void save(QWidget* w, const QString& name)
{
    QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
    QVERIFY(w->grab().save(QStringLiteral(WARMLINE_SCREENSHOT_DIR) + QLatin1Char('/') + name));
}

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

/// Someone's shift in an app elsewhere: its own local store, link and
/// shift, and no window in this process (a window would take the focus).
struct Shift
{
    QTemporaryDir data;
    LocalStore store{data.path()};
    LinkConnection link;
    ShiftSession session{link, store};
};

/// One desktop app as the program builds it: a shift and its sign-in cycle.
struct App : Shift
{
    AppShell shell{link, session};
};

} // namespace

class PressureUiTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void signOutHandsTextsToTheLeadAndTheNextSignInGetsTheirRole();
    void closingTheWindowAsksAndReturnsContactsToTheQueue();
    void releasingAnEscalatedContactAsksOnce();
    void softphoneAddressIsACommandLineOption();
    void fitsA1366x768ScreenAt150PercentWithThePromptOpen();
    void headerShowsOnePresenceAndWrapUpAsWrapUp();
    void crisisFormsAreInsideThePromptAndTheConversationStaysUsable();
    void leadBoardWarnsWhenNoOneIsAvailable();
    void escalationAlertsNeverOpenTheBoardOverReviewOrTakeTheKeyboard();
    void operatorSignInStartsAvailable();
    void automaticRepliesAreLabelledAsTheLines();

private:
    QUrl linkUrl() const { return QUrl(QString::fromStdString(m_gateway->linkUrl())); }
    void postText(const std::string& sid, int caller, const std::string& body);
    /// Signs `name` in through the shell's login form and waits for the window.
    MainWindow* signIn(AppShell& shell, const QString& name);
    /// Signs `name` in on `app`'s link only, as an app elsewhere would (no
    /// window here), and waits for the first snapshot.
    bool connectAs(Shift& app, const QString& name);
    /// Goes available, accepts the head of the queue, waits until it is open.
    qint64 acceptNext(ShiftSession& session, MainWindow* window);

    std::unique_ptr<wt::GatewayProcess> m_gateway;
};

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

void PressureUiTest::fitsA1366x768ScreenAt150PercentWithThePromptOpen()
{
    // A 1366×768 laptop less a desktop panel, with the text size at 150 %.
    const QSize screen(1366, 768 - 32);
    QSettings().setValue(QStringLiteral("appearance/textScale"), 150);
    SettingsDialog::applyTextScale();
    const auto restore = qScopeGuard([] {
        QSettings().setValue(QStringLiteral("appearance/textScale"), 100);
        SettingsDialog::applyTextScale();
    });

    postText("SMfit1", 304, "synthetic: everything feels heavy lately");
    App app;
    auto& session = app.session;
    auto& shell = app.shell;
    MainWindow* window = signIn(shell, QStringLiteral("max"));
    QVERIFY(window);
    window->resize(screen);
    session.setPresence(warmline::Presence::Available);
    qint64 contactId = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < session.queue()->rowCount(); ++row) {
                const auto* c = session.queue()->contactAt(row);
                if (c && c->preview.contains(QStringLiteral("feels heavy"))) {
                    contactId = c->id;
                }
            }
            return contactId != 0;
        }(),
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    session.acceptContact(contactId);
    QTRY_COMPARE_WITH_TIMEOUT(session.currentContactId(), contactId, 10000);
    for (int i = 0; i < 4; ++i) {
        session.sendReply(QStringLiteral("synthetic reply %1: I'm here and listening.").arg(i));
    }
    postText("SMfit2", 304,
             "synthetic: I have the pills counted out and I'm going to take them tonight");
    auto* panel = window->escalationPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 10000);
    QTRY_VERIFY2_WITH_TIMEOUT(session.conversation()->rowCount() >= 6,
                              qPrintable(QString::number(session.conversation()->rowCount())),
                              10000);
    QTest::qWait(0);

    save(window, QStringLiteral("42-fit-1366x768-150pc-prompt.png"));
    // Nothing is off-screen: the window can be as small as the screen.
    const QSize least = window->minimumSizeHint().expandedTo(window->minimumSize());
    QVERIFY2(
        least.width() <= screen.width() && least.height() <= screen.height(),
        qPrintable(QStringLiteral("needs %1×%2 (queue %3, conversation %4, prompt %5)")
                       .arg(least.width())
                       .arg(least.height())
                       .arg(window->queueView()->parentWidget()->minimumSizeHint().width())
                       .arg(window->conversationPanel()->parentWidget()->minimumSizeHint().width())
                       .arg(panel->minimumSizeHint().width())));
    QCOMPARE(window->size(), screen);
    // The conversation stays readable beside the prompt: several lines of
    // it, scrolled to the newest message.
    QListView* thread = window->conversationPanel()->thread();
    QVERIFY(thread->isVisible());
    const int lines = thread->viewport()->height() / thread->fontMetrics().lineSpacing();
    QVERIFY2(lines >= 6, qPrintable(QStringLiteral("%1 lines").arg(lines)));
    const QModelIndex newest =
        thread->model()->index(thread->model()->rowCount() - 1, thread->modelColumn());
    QTRY_VERIFY_WITH_TIMEOUT(thread->viewport()->rect().intersects(thread->visualRect(newest)),
                             5000);
    // The whole prompt is readable in its column, nothing cut off at the
    // side; "Are you in danger right now?" is in view without scrolling.
    QVERIFY(panel->width() >= panel->minimumSizeHint().width());
    for (const char* key : {"dangerNow", "q1"}) {
        auto* yes = panel->question(QString::fromLatin1(key))->button(1);
        QVERIFY2(!yes->visibleRegion().isEmpty(), key);
    }
    // The queue's risk badges are not squeezed out of their column.
    for (auto* view : {window->queueView(), window->mineView()}) {
        const int right = view->columnViewportPosition(QueueModel::RiskColumn) +
                          view->columnWidth(QueueModel::RiskColumn);
        QVERIFY2(right <= view->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(right).arg(view->viewport()->width())));
    }
    // The conversation's own risk badge shows its whole word.
    auto* badge = window->conversationPanel()->findChild<QLabel*>(QStringLiteral("riskBadge"));
    QVERIFY(badge);
    QVERIFY(badge->width() >= badge->fontMetrics().horizontalAdvance(badge->text()));
}

void PressureUiTest::headerShowsOnePresenceAndWrapUpAsWrapUp()
{
    postText("SMhdr1", 305, "synthetic: long day, want to talk it through");
    App app;
    auto& session = app.session;
    auto& shell = app.shell;
    MainWindow* window = signIn(shell, QStringLiteral("zoe"));
    QVERIFY(window);
    QLabel* connection = nullptr;
    QComboBox* presence = nullptr;
    for (auto* label : window->findChildren<QLabel*>()) {
        if (label->accessibleName() == QStringLiteral("Connection")) {
            connection = label;
        }
    }
    for (auto* box : window->findChildren<QComboBox*>()) {
        if (box->accessibleName() == QStringLiteral("Presence")) {
            presence = box;
        }
    }
    QVERIFY(connection && presence);
    // Online: no link status and no address beside the presence.
    QVERIFY(!connection->isVisible());
    for (auto* label : window->findChildren<QLabel*>()) {
        QVERIFY2(!label->isVisible() || !label->text().contains(QStringLiteral("ws://")),
                 qPrintable(label->text()));
    }
    const qint64 contactId = acceptNext(session, window);
    QVERIFY(contactId != 0);
    session.startWrapUp();
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::WrapUp, 10000);
    QCOMPARE(presence->currentText(), QStringLiteral("Wrap-up"));
    // Shown, not chosen: wrap-up cannot be picked by hand.
    auto* items = qobject_cast<QStandardItemModel*>(presence->model());
    QVERIFY(items);
    QVERIFY(!items->item(presence->currentIndex())->isEnabled());
    // Losing the link shows, in words.
    m_gateway->stop();
    QTRY_VERIFY_WITH_TIMEOUT(connection->isVisible(), 15000);
    QVERIFY(!connection->text().contains(QStringLiteral("ws://")));
    m_gateway->restart(true); // the same port: the app reconnects by itself
    QTRY_VERIFY_WITH_TIMEOUT(!connection->isVisible(), 30000);
}

void PressureUiTest::crisisFormsAreInsideThePromptAndTheConversationStaysUsable()
{
    postText("SMform1", 306, "synthetic: I don't feel safe tonight");
    App app;
    auto& session = app.session;
    auto& shell = app.shell;
    MainWindow* window = signIn(shell, QStringLiteral("una"));
    QVERIFY(window);
    const qint64 contactId = acceptNext(session, window);
    QVERIFY(contactId != 0);
    session.escalate(warmline::RiskLevel::High, QStringLiteral("synthetic: test escalation"));
    auto* panel = window->escalationPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->escalationId() != 0, 10000);

    // Emergency (911): a form inside the prompt, no dialog; the operator
    // keeps texting meanwhile.
    panel->emergencyButton()->click();
    QCOMPARE(panel->openForm(), panel->emergencyForm());
    QVERIFY(panel->emergencyForm()->isVisible());
    // Scrolled into view in the prompt's column, its Record button too.
    QTRY_VERIFY_WITH_TIMEOUT(!panel->formSubmitButton()->visibleRegion().isEmpty(), 5000);
    QVERIFY(!QApplication::activeModalWidget());
    const int before = session.conversation()->rowCount();
    auto* reply = window->conversationPanel()->replyBox();
    QVERIFY(reply->isEnabled());
    QTest::keyClicks(reply, QStringLiteral("I'm still here with you."));
    QToolButton* send = nullptr;
    for (auto* b : window->conversationPanel()->findChildren<QToolButton*>()) {
        if (b->accessibleName() == QStringLiteral("Send reply")) {
            send = b;
        }
    }
    QVERIFY(send && send->isEnabled());
    send->click();
    QTRY_VERIFY_WITH_TIMEOUT(session.conversation()->rowCount() > before, 10000);
    QVERIFY(panel->emergencyForm()->isVisible()); // still open, nothing lost
    auto* location = qobject_cast<QLineEdit*>(panel->emergencyField(QStringLiteral("location")));
    QVERIFY(location);
    location->setText(QStringLiteral("synthetic: 12 Example Street"));
    save(window, QStringLiteral("43-emergency-form-in-prompt.png"));
    panel->formSubmitButton()->click();
    QVERIFY(!panel->openForm());
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->stepsLabel()->text().contains(QStringLiteral("emergency (911) steps")), 10000);

    // The safety plan: the same, and an empty plan is not recorded.
    panel->safetyPlanButton()->click();
    QCOMPARE(panel->openForm(), panel->safetyPlanForm());
    panel->formSubmitButton()->click();
    QCOMPARE(panel->openForm(), panel->safetyPlanForm());
    panel->safetyPlanEdit()->setPlainText(QStringLiteral("synthetic: call sister; walk"));
    panel->formSubmitButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->stepsLabel()->text().contains(QStringLiteral("agreed a safety plan")), 10000);

    // Closing: the form offers the last action taken and closes it.
    panel->closeButton()->click();
    QCOMPARE(panel->openForm(), panel->closeForm());
    QCOMPARE(panel->closeOutcome()->currentData().toString(), QStringLiteral("safety_plan"));
    panel->formSubmitButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!session.openEscalation(contactId).has_value(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), 10000);

    // Wrap-up starts from what the escalation recorded: not asked twice.
    window->wrapUpAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window->wrapUpDialog() && window->wrapUpDialog()->isVisible(), 5000);
    const auto preset = window->wrapUpDialog()->wrapUp();
    QVERIFY2(preset.topics.contains(QStringLiteral("suicidal thoughts")),
             qPrintable(preset.topics.join(QLatin1Char(','))));
    QCOMPARE(preset.outcome, QStringLiteral("supported"));
    window->wrapUpDialog()->reject();
}

void PressureUiTest::leadBoardWarnsWhenNoOneIsAvailable()
{
    // Everyone from the earlier cases has signed out or dropped their link.
    postText("SMnoone1", 307, "synthetic: is anyone there tonight?");
    App app;
    auto& shell = app.shell;
    MainWindow* window = signIn(shell, QStringLiteral("riley"));
    QVERIFY(window);
    ShiftBoardWindow* board = window->openShiftBoard();
    QVERIFY(board);
    QTRY_VERIFY_WITH_TIMEOUT(board->noOneAvailableWarning()->isVisible(), 10000);
    QVERIFY2(board->noOneAvailableWarning()->text().contains(QStringLiteral("No one is available")),
             qPrintable(board->noOneAvailableWarning()->text()));
    save(board, QStringLiteral("44-board-no-one-available.png"));

    // An operator comes on shift: the warning goes.
    Shift op;
    QVERIFY(connectAs(op, QStringLiteral("vic")));
    op.session.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(!board->noOneAvailableWarning()->isVisible(), 10000);
    op.link.close();
}

void PressureUiTest::escalationAlertsNeverOpenTheBoardOverReviewOrTakeTheKeyboard()
{
    // jo, a supervisor, reads the board but does not act on it.
    App supervisor;
    MainWindow* review = signIn(supervisor.shell, QStringLiteral("jo"));
    QVERIFY(review);
    ShiftBoardWindow* readOnlyBoard = review->shiftBoard();
    QVERIFY(readOnlyBoard);
    QVERIFY(!readOnlyBoard->isVisible());
    QSignalSpy supervisorTold(readOnlyBoard, &ShiftBoardWindow::attention);
    // riley, a lead, is typing a reply to someone, her board closed.
    App lead;
    MainWindow* window = signIn(lead.shell, QStringLiteral("riley"));
    QVERIFY(window);
    ShiftBoardWindow* board = window->shiftBoard();
    QVERIFY(board);
    QVERIFY(!board->isVisible());
    QSignalSpy leadTold(board, &ShiftBoardWindow::attention);
    window->raise();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    auto* reply = window->conversationPanel()->replyBox();
    reply->setEnabled(true);
    reply->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(QApplication::focusWidget() == reply, 5000);
    // Alerts of earlier cases repeat every 2 s and may have brought the
    // board up before she started typing: from here on, none may.
    board->hide();
    window->activateWindow();
    QTRY_VERIFY_WITH_TIMEOUT(QApplication::focusWidget() == reply, 5000);
    leadTold.clear();
    supervisorTold.clear();

    // wes, an operator (his app is elsewhere: no window here), gets a
    // crisis text; the escalation alert goes out.
    Shift opApp;
    auto& op = opApp.session;
    QVERIFY(connectAs(opApp, QStringLiteral("wes")));
    op.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(op.presence() == warmline::Presence::Available, 10000);
    postText("SMalert1", 308, "synthetic: I have the pills here and I'm going to take them");
    QTRY_VERIFY_WITH_TIMEOUT(op.queue()->rowCount() > 0, 10000);
    op.acceptContact(0);
    QTRY_VERIFY_WITH_TIMEOUT(!leadTold.isEmpty() && !supervisorTold.isEmpty(), 15000);

    // The lead is told (sound, tray, her window flashes) and keeps typing:
    // the board does not open over her reply; the supervisor's stays closed.
    QVERIFY(!board->isVisible());
    const QWidget* focus = QApplication::focusWidget();
    QVERIFY2(focus == reply,
             qPrintable(focus ? QStringLiteral("%1 in %2")
                                    .arg(QString::fromLatin1(focus->metaObject()->className()),
                                         focus->window()->windowTitle())
                              : QStringLiteral("no focus")));
    QVERIFY(!readOnlyBoard->isVisible());

    // Not typing, the lead's board comes forward on the alert's repeat.
    reply->clearFocus();
    window->setFocus();
    leadTold.clear();
    QTRY_VERIFY_WITH_TIMEOUT(!leadTold.isEmpty(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(board->isVisible(), 5000);
    QVERIFY(!readOnlyBoard->isVisible());
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

void PressureUiTest::automaticRepliesAreLabelledAsTheLines()
{
    // The gateway answers a first text by itself (here the reply fails: the
    // test gateway has no provider, but it is the line's all the same). The
    // operator who takes the contact reads it as the line's, her own as hers.
    Shift lou;
    QVERIFY(connectAs(lou, QStringLiteral("lou")));
    MainWindow window(lou.session);
    postText("SMauto1", 309, "synthetic: hi, is anyone there?");
    QVERIFY(acceptNext(lou.session, &window) != 0);
    auto* conversation = lou.session.conversation();
    const auto sender = [conversation](int row) {
        return conversation->index(row, ConversationModel::SenderColumn).data().toString();
    };
    const auto rowWhere = [conversation](auto&& test) {
        for (int r = 0; r < conversation->rowCount(); ++r) {
            if (const auto* m = conversation->messageAt(r); m && test(*m)) {
                return r;
            }
        }
        return -1;
    };
    const auto automatic = [](const MessageRecord& m) {
        return m.direction == warmline::Direction::Outbound && m.automatic;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rowWhere(automatic) >= 0, 10000);
    QCOMPARE(sender(rowWhere(automatic)), QStringLiteral("Line (automatic)"));

    const QString mine = QStringLiteral("Hi, I'm here. How is tonight going?");
    lou.session.sendReply(mine);
    const auto typed = [&mine](const MessageRecord& m) {
        return m.direction == warmline::Direction::Outbound && m.body == mine && m.id > 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rowWhere(typed) >= 0, 10000);
    QVERIFY(!conversation->messageAt(rowWhere(typed))->automatic);
    QCOMPARE(sender(rowWhere(typed)), QStringLiteral("You"));
    lou.link.close();
}

QTEST_MAIN(PressureUiTest)
#include "pressure_ui_test.moc"
