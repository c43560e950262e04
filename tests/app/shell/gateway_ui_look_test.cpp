// How the app looks and tells the operator things, against a real
// warmline-gateway (GatewayUiTest.h): a dark palette and a 150 % font with
// screenshots, an accessible name on every control, and notifications of new
// contacts only when available and enabled.

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
