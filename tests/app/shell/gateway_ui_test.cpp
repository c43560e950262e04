// The app against a real warmline-gateway: login errors in words, the
// shift end to end (queue, accept, reply, caller panel, wrap-up) with
// screenshots of each main state, reconnect with resume after a gateway
// restart, a reply typed while the gateway is down that is sent once it is
// back, the dark palette and a 150 % font, and a draft that survives kill -9
// of the app.

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
using warmline::telephony::SimpleHttpClient;
namespace wt = warmline::test;

namespace {

const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
const QString kPassword = QStringLiteral("correct horse battery");

QString screenshotDir()
{
    QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
    return QStringLiteral(WARMLINE_SCREENSHOT_DIR);
}

void save(QWidget* w, const QString& name)
{
    QVERIFY(w->grab().save(screenshotDir() + QLatin1Char('/') + name));
}

/// A proper dark palette, as a dark desktop theme would give the app.
QPalette darkPalette()
{
    const QColor window(0x1F, 0x22, 0x26);
    const QColor base(0x16, 0x18, 0x1B);
    const QColor alternate(0x29, 0x2D, 0x32);
    const QColor text(0xE6, 0xE8, 0xEB);
    const QColor muted(0x9A, 0xA0, 0xA6);
    const QColor disabled(0x6B, 0x70, 0x75);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, alternate);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2D, 0x31, 0x36));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xFF, 0x8A, 0x80));
    p.setColor(QPalette::Light, QColor(0x3C, 0x41, 0x47));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x37, 0x3C));
    p.setColor(QPalette::Mid, QColor(0x45, 0x4A, 0x50));
    p.setColor(QPalette::Dark, QColor(0x10, 0x11, 0x13));
    p.setColor(QPalette::Shadow, QColor(0x05, 0x05, 0x06));
    p.setColor(QPalette::Highlight, QColor(0x4C, 0x8D, 0xD6));
    p.setColor(QPalette::HighlightedText, QColor(0xFF, 0xFF, 0xFF));
    p.setColor(QPalette::Link, QColor(0x8A, 0xB4, 0xF8));
    p.setColor(QPalette::LinkVisited, QColor(0xC5, 0x8A, 0xF9));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabled);
    }
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3A, 0x3F, 0x45));
    return p;
}

/// How many pixels of `image` inside `rect` are within `tolerance` of `c`.
int pixelsNear(const QImage& image, const QRect& rect, const QColor& c, int tolerance = 40)
{
    int n = 0;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor p = image.pixelColor(x, y);
            if (std::abs(p.red() - c.red()) + std::abs(p.green() - c.green()) +
                    std::abs(p.blue() - c.blue()) <=
                tolerance) {
                ++n;
            }
        }
    }
    return n;
}

QToolButton* buttonNamed(QWidget* root, const QString& name)
{
    for (auto* b : root->findChildren<QToolButton*>()) {
        if (b->accessibleName() == name) {
            return b;
        }
    }
    return nullptr;
}

/// Every visible widget under `root` an operator can interact with has a
/// non-empty accessible name (for buttons, their text counts). Returns how
/// many were checked; the names of failures go into `missing`.
int checkAccessibleNames(QWidget* root, QStringList& missing)
{
    int checked = 0;
    for (auto* w : root->findChildren<QWidget*>()) {
        const bool interactive = qobject_cast<QAbstractButton*>(w) || qobject_cast<QLineEdit*>(w) ||
                                 qobject_cast<QPlainTextEdit*>(w) || qobject_cast<QTextEdit*>(w) ||
                                 qobject_cast<QComboBox*>(w) ||
                                 qobject_cast<QAbstractItemView*>(w) ||
                                 qobject_cast<QSpinBox*>(w) || qobject_cast<QCheckBox*>(w) ||
                                 qobject_cast<QListWidget*>(w);
        // A table's headers are exposed through the table itself.
        if (!interactive || !w->isVisible() || qobject_cast<QHeaderView*>(w)) {
            continue;
        }
        ++checked;
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(w);
        const QString name = iface ? iface->text(QAccessible::Name) : QString();
        if (name.trimmed().isEmpty()) {
            missing.append(
                QStringLiteral("%1 (%2, parent %3)")
                    .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
                         w->parentWidget() ? w->parentWidget()->accessibleName() : QString()));
        }
    }
    return checked;
}

} // namespace

class GatewayUiTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void loginErrorsAreSentences();
    void shiftEndToEndWithScreenshots();
    void reconnectsAndResumesAfterRestart();
    void darkPaletteAndLargeFontScreenshots();
    void replyTypedOfflineIsSentOnceAfterReconnect();
    void replyLostInFlightIsMarkedForRetry();
    void everyControlHasAnAccessibleName();
    void newContactNotifiesOnlyWhenAvailableAndEnabled();
    void draftSurvivesKill9();
    void crisisTextRaisesThePromptAndRecordsTheSteps();
    void leadAssignsAndMessagesFromTheBoard();

private:
    /// Signs in, goes available, accepts the head of the queue and waits
    /// for its conversation and caller details.
    void startShift(LinkConnection& link, ShiftSession& session,
                    const QString& name = QStringLiteral("sam"));
    QUrl linkUrl() const { return QUrl(QString::fromStdString(m_gateway->linkUrl())); }
    void postText(const std::string& sid, int caller, const std::string& body);

    std::unique_ptr<wt::GatewayProcess> m_gateway;
};

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
    m_gateway->addOperator("lee", "lead", kPassword.toStdString());
    m_gateway->start();
}

void GatewayUiTest::postText(const std::string& sid, int caller, const std::string& body)
{
    SimpleHttpClient http(m_gateway->url());
    const auto r = wt::postSyntheticText(http, sid, caller, body);
    QCOMPARE(r.status, 200);
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
    emit dialog->submitted(dialog->wrapUp());
    QVERIFY(closed.wait(10000));
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

void GatewayUiTest::darkPaletteAndLargeFontScreenshots()
{
    postText("SMui10", 110, "hey. rough week, can we talk?");
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    MainWindow window(session);
    window.resize(1360, 820);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startShift(link, session);
    if (QTest::currentTestFailed()) {
        return;
    }
    session.sendReply(
        QStringLiteral("Of course. I'm glad you reached out — what's been going on?"));
    QTRY_VERIFY_WITH_TIMEOUT(store.outbox().isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(session.caller().has_value() || !session.callerLookupAvailable(),
                             10000);
    if (session.callerLookupAvailable()) {
        session.updateCaller(QStringLiteral("Robin"), QStringLiteral("they/them"),
                             QStringLiteral("English"));
        QTRY_VERIFY_WITH_TIMEOUT(
            session.caller() && session.caller()->preferredName == QStringLiteral("Robin"), 10000);
        session.addCallerNote(QStringLiteral("Prefers short messages; finds evenings hardest."));
        QTRY_VERIFY_WITH_TIMEOUT(session.caller() && !session.caller()->notes.isEmpty(), 10000);
    }
    window.conversationPanel()->replyBox()->setPlainText(
        QStringLiteral("Take your time. I'm listening."));
    QListView* thread = window.conversationPanel()->thread();
    QVERIFY(thread->isVisible());

    // Dark palette.
    const QPalette dark = darkPalette();
    window.setPalette(dark);
    QTRY_VERIFY_WITH_TIMEOUT(
        thread->viewport()->palette().color(QPalette::Base) == dark.color(QPalette::Base), 5000);
    const QImage darkShot = window.grab().toImage();
    QVERIFY(darkShot.save(screenshotDir() + QStringLiteral("/06-dark.png")));
    QCOMPARE(QImage(screenshotDir() + QStringLiteral("/06-dark.png")).size(), darkShot.size());
    QCOMPARE(darkShot.size(), window.size() * window.devicePixelRatio());

    // The header follows the palette instead of keeping a light colour.
    auto* header = window.findChild<QFrame*>(QStringLiteral("header"));
    QVERIFY(header);
    const QImage headerShot = header->grab().toImage();
    QVERIFY(pixelsNear(headerShot, headerShot.rect(), dark.color(QPalette::AlternateBase), 12) >
            headerShot.width() * headerShot.height() / 2);
    // Status colours stay readable on a dark window.
    for (auto* label : window.findChildren<QLabel*>()) {
        if (label->accessibleName() == QStringLiteral("Connection")) {
            const QColor c = label->palette().color(QPalette::WindowText);
            QVERIFY2(c.lightness() > 128, qPrintable(c.name()));
        }
    }
    // The caller's message is painted in the palette's light text on the
    // dark base, not in dark text.
    const auto* model = thread->model();
    int inboundRow = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(DirectionRole).toInt() ==
            static_cast<int>(warmline::Direction::Inbound)) {
            inboundRow = row;
        }
    }
    QVERIFY(inboundRow >= 0);
    const QImage threadShot = thread->viewport()->grab().toImage();
    const qreal dpr = threadShot.devicePixelRatio();
    const QRect bubble =
        thread->visualRect(model->index(inboundRow, ConversationModel::BodyColumn));
    QVERIFY(!bubble.isEmpty());
    const QRect scaled(qRound(bubble.x() * dpr), qRound(bubble.y() * dpr),
                       qRound(bubble.width() * dpr), qRound(bubble.height() * dpr));
    QVERIFY2(pixelsNear(threadShot, scaled, dark.color(QPalette::Text), 60) > 20,
             "no light text in the caller's bubble");
    QCOMPARE(pixelsNear(threadShot, scaled, QColor(Qt::black), 30), 0);
    QVERIFY(pixelsNear(threadShot, QRect(0, threadShot.height() - 4, threadShot.width(), 4),
                       dark.color(QPalette::Base), 6) > 0);

    // 150 % font (light palette again).
    window.setPalette(QPalette());
    const QFont base = window.font();
    QFont large = base;
    large.setPointSizeF(base.pointSizeF() * 1.5);
    window.setFont(large);
    QTRY_COMPARE_WITH_TIMEOUT(thread->font().pointSizeF(), large.pointSizeF(), 5000);
    QApplication::processEvents();
    const QImage largeShot = window.grab().toImage();
    QVERIFY(largeShot.save(screenshotDir() + QStringLiteral("/07-large-font.png")));
    QCOMPARE(QImage(screenshotDir() + QStringLiteral("/07-large-font.png")).size(),
             largeShot.size());
    // Titles grow with the font; labels and the reply box are not clipped.
    for (auto* label : window.findChildren<QLabel*>()) {
        if (label->accessibleName() == QStringLiteral("Open contact") ||
            label->accessibleName() == QStringLiteral("Caller alias")) {
            QVERIFY2(label->font().pointSizeF() > large.pointSizeF() * 1.2,
                     qPrintable(label->accessibleName()));
        }
        if (label->accessibleName() == QStringLiteral("Connection")) {
            QCOMPARE(label->font().pointSizeF(), large.pointSizeF());
        }
        if (label->isVisible() && !label->text().isEmpty() && !label->wordWrap()) {
            QVERIFY2(label->height() >= label->fontMetrics().height(),
                     qPrintable(label->accessibleName() + QLatin1Char(' ') + label->text()));
        }
    }
    auto* reply = window.conversationPanel()->replyBox();
    QVERIFY(reply->maximumHeight() >= reply->fontMetrics().lineSpacing() * 5);
    QVERIFY(window.queueView()->verticalHeader()->defaultSectionSize() >
            window.queueView()->fontMetrics().height());
    window.setFont(base);
    link.close();
}

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

void GatewayUiTest::everyControlHasAnAccessibleName()
{
    postText("SMui20", 120, "is this the warmline?");
    int total = 0;
    QStringList missing;

    LoginDialog login;
    login.show();
    QVERIFY(QTest::qWaitForWindowExposed(&login));
    total += checkAccessibleNames(&login, missing);
    login.hide();

    SettingsDialog settings;
    settings.show();
    QVERIFY(QTest::qWaitForWindowExposed(&settings));
    total += checkAccessibleNames(&settings, missing);
    settings.hide();

    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    MainWindow window(session);
    window.resize(1360, 820);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startShift(link, session, QStringLiteral("ana"));
    if (QTest::currentTestFailed()) {
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(window.conversationPanel()->replyBox()->isVisible(), 5000);
    total += checkAccessibleNames(&window, missing);

    window.wrapUpAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.wrapUpDialog() != nullptr, 5000);
    QVERIFY(QTest::qWaitForWindowExposed(window.wrapUpDialog()));
    total += checkAccessibleNames(window.wrapUpDialog(), missing);
    window.wrapUpDialog()->reject();

    qInfo("checked %d interactive widgets for an accessible name", total);
    QVERIFY(total > 20);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));
    link.close();
}

void GatewayUiTest::newContactNotifiesOnlyWhenAvailableAndEnabled()
{
    QSettings().setValue(QStringLiteral("notify/tray"), true);
    QSettings().setValue(QStringLiteral("notify/sound"), true);
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    MainWindow window(session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy snapshot(&link, &LinkConnection::snapshotReceived);
    link.open(linkUrl(), QStringLiteral("kim"), kPassword);
    QVERIFY(snapshot.wait(20000));
    session.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    QSignalSpy notified(&window, &MainWindow::notified);
    const auto queued = [&] { return session.queue()->rowCount(); };
    const auto titleShowsQueue = [&] {
        return window.windowTitle().contains(QStringLiteral("(%1)").arg(queued())) &&
               window.windowTitle().contains(QStringLiteral("%1 waiting").arg(queued()));
    };

    // Available, notifications on: the operator is alerted.
    int before = queued();
    postText("SMui30", 130, "hello? anyone?");
    QTRY_COMPARE_WITH_TIMEOUT(queued(), before + 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, 5000);
    QVERIFY(titleShowsQueue());

    // Notifications and sound switched off in Settings: nothing.
    {
        SettingsDialog settings;
        for (auto* box : settings.findChildren<QCheckBox*>()) {
            box->setChecked(false);
        }
        auto* ok = settings.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok);
        ok->click();
    }
    QVERIFY(!SettingsDialog::notificationsEnabled());
    QVERIFY(!SettingsDialog::soundEnabled());
    before = queued();
    postText("SMui31", 131, "still waiting");
    QTRY_COMPARE_WITH_TIMEOUT(queued(), before + 1, 10000);
    QVERIFY(titleShowsQueue());
    QCOMPARE(notified.count(), 1);

    // On again but on a break: nothing.
    QSettings().setValue(QStringLiteral("notify/tray"), true);
    QSettings().setValue(QStringLiteral("notify/sound"), true);
    session.setPresence(warmline::Presence::Break);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Break, 10000);
    before = queued();
    postText("SMui32", 132, "hello??");
    QTRY_COMPARE_WITH_TIMEOUT(queued(), before + 1, 10000);
    QVERIFY(titleShowsQueue());
    QCOMPARE(notified.count(), 1);

    // Available again: alerted for the next one.
    session.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    postText("SMui33", 133, "hi");
    QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 2, 10000);
    QCOMPARE(notified.last().first().toString().isEmpty(), false);
    QVERIFY(titleShowsQueue());
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

QTEST_MAIN(GatewayUiTest)
#include "gateway_ui_test.moc"
