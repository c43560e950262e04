// The app's window under pressure against a real warmline-gateway
// (PressureUiTest.h): it fits a 1366x768 screen at 150 % with the crisis
// prompt open, the header shows one presence and wrap-up as wrap-up, the
// crisis forms stay inside the prompt with the conversation usable, the
// lead's board warns when no one is available, escalation alerts never open
// the board over a review or take the keyboard, and automatic replies are
// labelled as the line's.

#include "PressureUiTest.h"

#include <QAbstractButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>

#include "app/board/ShiftBoard.h"
#include "app/board/ShiftBoardWindow.h"
#include "app/link/LinkConnection.h"
#include "app/shell/AppIdentity.h"
#include "app/shell/AppShell.h"
#include "app/shell/LoginDialog.h"
#include "app/shell/MainWindow.h"
#include "app/shell/SettingsDialog.h"
#include "app/shift/CallerPanel.h"
#include "app/shift/ConversationPanel.h"
#include "app/shift/EscalationPanel.h"
#include "app/shift/LocalStore.h"
#include "app/shift/PlanDialog.h"
#include "app/shift/QueueModel.h"
#include "app/shift/ShiftSession.h"
#include "app/shift/WrapUpDialog.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
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
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <cstdio>
#include <memory>

using namespace warmline::app;
using namespace warmline::test::pressureui;

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

void PressureUiTest::atTwoHundredPercentThePromptFitsItsColumn()
{
    // The same laptop screen with the text at 200 %: the prompt's column is
    // narrow, so its buttons fold into one column rather than the column
    // scrolling sideways; every answer and button is whole in view.
    const QSize screen(1366, 768 - 32);
    QSettings().setValue(QStringLiteral("appearance/textScale"), 200);
    SettingsDialog::applyTextScale();
    const auto restore = qScopeGuard([] {
        QSettings().setValue(QStringLiteral("appearance/textScale"), 100);
        SettingsDialog::applyTextScale();
    });
    postText("SMfit200", 305,
             "synthetic: I have the pills counted out and I'm going to take them tonight");
    App app;
    auto& session = app.session;
    MainWindow* window = signIn(app.shell, QStringLiteral("max"));
    QVERIFY(window);
    window->resize(screen);
    session.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    qint64 contactId = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < session.queue()->rowCount(); ++row) {
                const auto* c = session.queue()->contactAt(row);
                if (c && c->preview.contains(QStringLiteral("counted out"))) {
                    contactId = c->id;
                }
            }
            return contactId != 0;
        }(),
        10000);
    session.acceptContact(contactId);
    QTRY_COMPARE_WITH_TIMEOUT(session.currentContactId(), contactId, 10000);
    auto* panel = window->escalationPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 10000);
    QTest::qWait(0);
    save(window, QStringLiteral("43-fit-1366x768-200pc-prompt.png"));

    auto* area = qobject_cast<QScrollArea*>(panel->parentWidget()->parentWidget());
    QVERIFY(area);
    // What a 1366-pixel screen leaves the prompt beside the smallest queue
    // and conversation columns: the prompt must fit in it (before, its two
    // columns of buttons needed more, and it scrolled sideways).
    auto* splitter = window->findChild<QSplitter*>();
    QVERIFY(splitter && splitter->count() == 3);
    const int room = screen.width() - (window->width() - splitter->width()) -
                     2 * splitter->handleWidth() -
                     std::max(splitter->widget(0)->minimumWidth(),
                              splitter->widget(0)->minimumSizeHint().width()) -
                     splitter->widget(1)->minimumSizeHint().width();
    const int need =
        panel->minimumSizeHint().width() + area->verticalScrollBar()->sizeHint().width() + 4;
    QVERIFY2(
        need <= room,
        qPrintable(
            QStringLiteral("the prompt needs %1, a 1366 screen leaves %2").arg(need).arg(room)));
    QVERIFY2(area->horizontalScrollBar()->maximum() == 0,
             qPrintable(QStringLiteral("scrolls sideways by %1 (prompt needs %2, has %3)")
                            .arg(area->horizontalScrollBar()->maximum())
                            .arg(panel->minimumSizeHint().width())
                            .arg(area->viewport()->width())));
    const int right = area->viewport()->width();
    for (auto* b : panel->findChildren<QAbstractButton*>()) {
        if (!b->isVisibleTo(panel)) {
            continue;
        }
        const QRect r(b->mapTo(area->viewport(), QPoint(0, 0)), b->size());
        QVERIFY2(
            r.right() <= right,
            qPrintable(
                QStringLiteral("%1 ends at %2, past %3").arg(b->text()).arg(r.right()).arg(right)));
        QVERIFY2(b->width() >= b->minimumSizeHint().width(), qPrintable(b->text()));
    }
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

    // The safety plan: the caller's plan editor opens on it, beside the
    // conversation; an empty plan is not recorded; the plan made there is
    // the crisis step, and with the caller's consent it is kept on their
    // profile, whose panel then shows its key lines.
    const QString safety = QStringLiteral("safety");
    panel->safetyPlanButton()->click();
    PlanDialog* plan = window->planDialog();
    QVERIFY(plan != nullptr);
    QVERIFY(plan->isVisible());
    QCOMPARE(plan->tabs()->currentIndex(), 0);
    plan->saveButton(safety)->click();
    QVERIFY2(plan->status(safety)->text().contains(QStringLiteral("Nothing written")),
             qPrintable(plan->status(safety)->text()));
    plan->sectionEdit(safety, QStringLiteral("help_people"))
        ->setPlainText(QStringLiteral("synthetic: call my sister"));
    plan->sectionEdit(safety, QStringLiteral("coping_strategies"))
        ->setPlainText(QStringLiteral("synthetic: a walk round the block"));
    plan->consentBox(safety)->setChecked(true);
    save(plan, QStringLiteral("45-safety-plan-from-prompt.png"));
    plan->saveButton(safety)->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->stepsLabel()->text().contains(QStringLiteral("agreed a safety plan")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        plan->status(safety)->text().contains(QStringLiteral("Saved on the caller's profile")),
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(window->callerPanel()->plansLabel()->text().contains(
                                 QStringLiteral("synthetic: call my sister")),
                             10000);
    save(plan, QStringLiteral("46-safety-plan-saved.png"));
    save(window->callerPanel(), QStringLiteral("47-caller-panel-with-plan.png"));
    plan->hide();

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
