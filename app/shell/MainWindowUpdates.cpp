// MainWindow (MainWindow.h) kept in step with the session: the title,
// connection, presence and contact it shows, the once-a-second tick, and
// the dialogs and alerts it opens. The window is built in MainWindow.cpp.

#include "app/shell/MainWindow.h"
#include "app/shift/LeadNoticeBar.h"

#include "app/board/ShiftBoardWindow.h"
#include "app/phone/Softphone.h"
#include "app/shell/SettingsDialog.h"
#include "app/shift/CallerPanel.h"
#include "app/shift/ConversationPanel.h"
#include "app/shift/EscalationPanel.h"
#include "app/shift/WrapUpDialog.h"
#include "app/widgets/Announcer.h"
#include "app/widgets/ModelRoles.h"
#include "app/widgets/Theme.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>

namespace warmline::app {

void MainWindow::updateCrisisTab()
{
    const bool open = m_escalation->escalationId() != 0;
    const int index = m_side->indexOf(m_crisisPage);
    if (open && index < 0) {
        m_side->insertTab(0, m_crisisPage, tr("⚠ Crisis steps"));
        m_side->setCurrentIndex(0);
        m_side->tabBar()->setFocusPolicy(Qt::TabFocus);
        // The prompt needs room for its questions: take it from the queue
        // column first, never below what the conversation needs.
        int need = m_escalation->minimumSizeHint().width() +
                   m_crisisPage->verticalScrollBar()->sizeHint().width() + 4;
        // At large text sizes on a small screen the prompt may not fit
        // beside the queue and the conversation: it then scrolls sideways
        // rather than pushing the window past the screen's edge.
        if (const QScreen* s = screen()) {
            const int room = s->availableGeometry().width() - (width() - m_splitter->width()) -
                             2 * m_splitter->handleWidth() -
                             std::max(m_left->minimumWidth(), m_left->minimumSizeHint().width()) -
                             m_splitter->widget(1)->minimumSizeHint().width();
            const bool squeezed = need > room && room > 0;
            need = squeezed ? room : need;
            m_crisisPage->setHorizontalScrollBarPolicy(squeezed ? Qt::ScrollBarAsNeeded
                                                                : Qt::ScrollBarAlwaysOff);
        }
        m_crisisPage->setMinimumWidth(need);
        auto sizes = m_splitter->sizes();
        if (sizes.size() == 3 && sizes[2] < need) {
            const int total = sizes[0] + sizes[1] + sizes[2];
            sizes[2] = std::max(need, total * 2 / 5);
            sizes[0] = std::max(m_left->minimumWidth(), (total - need) * 2 / 5);
            sizes[1] = total - sizes[0] - sizes[2];
            m_splitter->setSizes(sizes);
        }
    } else if (!open && index >= 0) {
        m_side->removeTab(index);
        m_side->tabBar()->setFocusPolicy(Qt::NoFocus);
        m_crisisPage->hide();
    }
}

void MainWindow::focusCrisisSteps()
{
    if (m_side->indexOf(m_crisisPage) < 0) {
        statusBar()->showMessage(tr("No crisis steps are open for this contact."), 8000);
        return;
    }
    m_side->setCurrentWidget(m_crisisPage);
    // The prompt's first control that takes the keyboard (its first answer).
    for (auto* w : m_escalation->findChildren<QWidget*>()) {
        if ((w->focusPolicy() & Qt::TabFocus) && w->isVisible() && w->isEnabled()) {
            w->setFocus(Qt::ShortcutFocusReason);
            m_crisisPage->ensureWidgetVisible(w);
            return;
        }
    }
}

ShiftBoardWindow* MainWindow::openShiftBoard()
{
    if (!m_boardWindow) {
        return nullptr; // not a role that reads the board
    }
    m_boardWindow->show();
    m_boardWindow->raise();
    m_boardWindow->activateWindow();
    return m_boardWindow;
}

void MainWindow::updateTitle()
{
    const int waiting = m_session.queue()->rowCount();
    m_queueTitle->setText(tr("Queue — %n waiting", nullptr, waiting));
    setWindowTitle(waiting > 0 ? tr("(%1) Warmline — %n waiting", nullptr, waiting).arg(waiting)
                               : tr("Warmline — queue empty"));
}

void MainWindow::updateConnection()
{
    const auto& link = m_session.link();
    QString text = LinkConnection::stateText(link.state());
    Tone tone = Tone::Good;
    if (link.state() == LinkConnection::State::Reconnecting) {
        const qint64 secs =
            std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(link.nextAttemptAt()));
        text = tr("Connection lost — retrying in %1 s").arg(secs);
        tone = Tone::Warning;
    } else if (link.state() != LinkConnection::State::Online) {
        tone = Tone::Trouble;
    }
    m_connection->setText(QStringLiteral("● %1").arg(text));
    // A palette colour, not a style sheet: style sheets stop the label from
    // following the window's font.
    QPalette pal = m_connection->palette();
    pal.setColor(QPalette::WindowText, toneColor(palette(), tone));
    m_connection->setPalette(pal);
    m_operator->setText(
        link.operatorName().isEmpty() ? QString() : tr("Signed in as %1").arg(link.operatorName()));
    const bool online = link.isOnline();
    // Announced when it changes, not on every tick of the countdown.
    if (online != m_linkWasOnline && m_everOnline) {
        const bool retrying = link.state() == LinkConnection::State::Reconnecting;
        m_announcer->announce(online     ? tr("Connection restored.")
                              : retrying ? tr("Connection lost. Reconnecting…")
                                         : text);
    }
    m_everOnline = m_everOnline || online;
    m_linkWasOnline = online;
    // One status in the header while all is well: the presence. The link
    // shows itself only when something is wrong.
    m_connection->setVisible(!online);
    m_accept->setEnabled(online);
    m_acceptNext->setEnabled(online);
    m_presence->setEnabled(online);
}

void MainWindow::updatePhone()
{
    // Like the link: shown only while the softphone that has an account
    // with the gateway cannot take calls. Registered, or without an
    // account (calls to its announced address, or none), it says nothing.
    const Softphone* phone = m_session.softphone();
    const auto r = phone ? phone->registration() : Softphone::Registration::None;
    QString text;
    Tone tone = Tone::Warning;
    if (r == Softphone::Registration::Registering && !m_phoneWasRegistered) {
        text = tr("Phone connecting…");
    } else if (r == Softphone::Registration::Failed) {
        text = tr("Phone not connected: calls cannot reach this computer");
        tone = Tone::Trouble;
    }
    m_phone->setText(QStringLiteral("● %1").arg(text));
    m_phone->setToolTip(r == Softphone::Registration::Failed
                            ? tr("The softphone cannot connect to the gateway (%1). It keeps "
                                 "trying; calls you accept come back to the queue until it does.")
                                  .arg(phone->registrationProblem())
                            : QString());
    QPalette pal = m_phone->palette();
    pal.setColor(QPalette::WindowText, toneColor(palette(), tone));
    m_phone->setPalette(pal);
    m_phone->setVisible(!text.isEmpty());
    const bool trouble = r == Softphone::Registration::Failed;
    if (trouble != m_phoneWasTrouble) {
        m_announcer->announce(trouble ? text : tr("Phone connected."));
    }
    m_phoneWasTrouble = trouble;
    if (r != Softphone::Registration::Registering) {
        m_phoneWasRegistered = r == Softphone::Registration::Registered;
    }
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (!m_conversation) {
        return; // still being built
    }
    if (event->type() == QEvent::FontChange) {
        rescaleFonts(this);
        updateMetrics();
    } else if (event->type() == QEvent::PaletteChange) {
        updateConnection();
    }
}

void MainWindow::updateMetrics()
{
    for (auto* view : {m_queueView, m_mineView}) {
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 14);
    }
    // The queue and my-contacts tables fit their short columns to the text
    // and elide them when the pane is narrower (FitColumns); a larger font
    // widens the pane, but no more than leaves the crisis prompt its room on
    // a laptop screen at 200 % text: enough for the risk badge and a few
    // letters of each other column.
    m_left->setMinimumWidth(m_queueView->fontMetrics().averageCharWidth() * 28);
    m_presenceTime->setMinimumWidth(
        m_presenceTime->fontMetrics().horizontalAdvance(tr("for %1").arg(tr("00 h 00 min"))));
}

void MainWindow::updateRetry()
{
    m_retry->setEnabled(m_session.currentContact() != nullptr && m_conversation->retryRow() >= 0);
}

void MainWindow::updatePresence()
{
    const Presence p = m_session.presence();
    const int index = m_presence->findData(static_cast<int>(p));
    if (index >= 0) {
        m_presence->setCurrentIndex(index);
    }
    tick();
}

void MainWindow::updateContact()
{
    m_escalate->setEnabled(m_session.currentContactId() != 0);
    const ContactRecord* c = m_session.currentContact();
    m_conversation->showContact(c);
    m_conversation->setReaders(c ? m_leadNotices->readersOf(c->id) : QStringList());
    // While the softphone rings for the operator to answer, wrapping up would
    // drop a caller who has heard no one (Release to queue gives it back).
    const auto* phone = m_session.softphone();
    const bool ringing = c && c->channel == Channel::Call && phone &&
                         phone->state() == Softphone::CallState::Incoming;
    m_wrapUpAction->setEnabled(c != nullptr && !ringing);
    m_release->setEnabled(c != nullptr);
    updateRetry();
    if (c) {
        const QString draft = m_session.drafts()->text(c->id, QStringLiteral("reply"));
        if (m_conversation->replyText() != draft &&
            m_conversation->property("contactId").toLongLong() != c->id) {
            m_conversation->setReplyText(draft);
        }
        m_conversation->setProperty("contactId", c->id);
        const int row = m_session.mine()->rowOf(c->id);
        if (row >= 0 && m_mineView->currentIndex().row() != row) {
            m_mineView->selectionModel()->setCurrentIndex(m_session.mine()->index(row, 0),
                                                          QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
        }
    } else {
        m_conversation->setProperty("contactId", 0);
        m_conversation->setReplyText(QString());
    }
    updateCaller();
}

void MainWindow::updateCaller()
{
    const ContactRecord* c = m_session.currentContact();
    if (!c) {
        m_caller->clear();
        return;
    }
    const auto& caller = m_session.caller();
    m_caller->showCaller(c->alias, caller ? &*caller : nullptr, m_session.callerLookupAvailable(),
                         m_session.lineInfo());
    tick();
}

void MainWindow::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_session.presenceSince() > 0) {
        m_presenceTime->setText(tr("for %1").arg(durationText(now - m_session.presenceSince())));
    }
    if (const ContactRecord* c = m_session.currentContact()) {
        const qint64 since = m_session.heldSince(c->id);
        m_caller->updateCountdown(since > 0 ? now - since : 0);
    }
    if (m_session.link().state() == LinkConnection::State::Reconnecting) {
        updateConnection();
    }
}

void MainWindow::acceptSelected()
{
    const QModelIndex current = m_queueView->currentIndex();
    const qint64 id = current.isValid() ? current.data(ContactIdRole).toLongLong() : 0;
    m_session.acceptContact(id);
}

void MainWindow::openWrapUp()
{
    const ContactRecord* c = m_session.currentContact();
    if (!c) {
        return;
    }
    if (m_wrapUp) {
        m_wrapUp->raise();
        m_wrapUp->activateWindow();
        return;
    }
    m_session.startWrapUp();
    const auto& line = m_session.lineInfo();
    // Fallback lists keep wrap-up usable against a gateway without line.info.
    // They are stored in English whatever the app's language; the wrap-up
    // dialog shows them translated.
    static const char* const kTopics[] = {
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Loneliness"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Anxiety"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Depression"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Sleep"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Relationships"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Substance use"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Housing"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Grief"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Other")};
    static const char* const kReferrals[] = {
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "988 Suicide & Crisis Lifeline"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Crisis Text Line (text HOME to 741741)"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Local mobile crisis team"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Peer support group"),
        QT_TRANSLATE_NOOP("warmline::app::WrapUpLists", "Primary care / GP")};
    const auto strings = [](const auto& list) {
        QStringList out;
        for (const char* s : list) {
            out << QString::fromUtf8(s);
        }
        return out;
    };
    const QStringList topics = !line.topics.isEmpty() ? line.topics : strings(kTopics);
    const QStringList referrals = !line.referrals.isEmpty() ? line.referrals : strings(kReferrals);
    const qint64 id = c->id;
    m_wrapUp = new WrapUpDialog(c->alias, topics, referrals,
                                m_session.drafts()->text(id, QStringLiteral("note")), this);
    m_wrapUp->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wrapUp, &WrapUpDialog::noteEdited, this, [this, id](const QString& note) {
        m_session.drafts()->edit(id, QStringLiteral("note"), note);
    });
    connect(m_wrapUp, &WrapUpDialog::submitted, &m_session, &ShiftSession::closeContact);
    // What the escalation already recorded is not asked again: its topic,
    // the crisis lines the person was given, and the outcome it implies.
    QString outcome;
    QStringList raised;
    QStringList given;
    for (const auto& e : m_session.escalations(id)) {
        if (e.level >= RiskLevel::High) {
            raised << QStringLiteral("suicidal thoughts");
        }
        for (const auto& step : e.steps) {
            if (step.kind == u"transfer_started") {
                given << step.detail.value(u"name").toString();
            }
        }
        if (e.outcome == u"warm_transfer" || e.outcome == u"emergency") {
            outcome = QStringLiteral("escalated");
        } else if (e.outcome == u"safety_plan" && outcome.isEmpty()) {
            outcome = QStringLiteral("supported");
        }
    }
    m_wrapUp->preset(outcome, raised, given);
    m_wrapUp->open();
}

void MainWindow::openSettings()
{
    auto* dialog = new SettingsDialog(m_session.softphone(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::notifyWaiting(const QString& alias)
{
    const bool tray = SettingsDialog::notificationsEnabled();
    const bool sound = SettingsDialog::soundEnabled();
    if (tray && m_tray) {
        m_tray->showMessage(tr("Someone is waiting"), tr("%1 joined the queue.").arg(alias),
                            QSystemTrayIcon::Information, 8000);
    }
    if (sound) {
        QApplication::beep();
    }
    if (tray || sound) {
        emit notified(alias);
    }
    statusBar()->showMessage(tr("%1 joined the queue.").arg(alias), 8000);
    m_announcer->announce(tr("%1 joined the queue.").arg(alias));
}

void MainWindow::alertEscalation(qint64 contactId, const QString& alias, RiskLevel level)
{
    // Not subject to the notification settings: a crisis sign is never quiet.
    const QString title = level == RiskLevel::Imminent ? tr("Imminent risk") : tr("Risk raised");
    const QString text =
        tr("%1: %2. Open the contact and follow the steps.")
            .arg(alias, riskText(level).isEmpty() ? tr("escalation opened") : riskText(level));
    if (m_tray) {
        m_tray->showMessage(title, text, QSystemTrayIcon::Critical, 0);
    }
    QApplication::beep();
    QApplication::alert(this);
    if (isMinimized()) {
        showNormal();
    }
    raise();
    activateWindow();
    if (contactId != m_session.currentContactId() && !m_wrapUp) {
        m_session.openContact(contactId);
    }
    if (contactId == m_session.currentContactId() && m_side->indexOf(m_crisisPage) >= 0) {
        m_side->setCurrentWidget(m_crisisPage);
    }
    statusBar()->showMessage(text);
    m_announcer->announce(tr("%1. %2").arg(title, text));
    emit escalationAlerted(contactId, level);
}

void MainWindow::askEscalate()
{
    if (m_session.currentContactId() == 0) {
        statusBar()->showMessage(tr("Open a contact to escalate it."), 8000);
        return;
    }
    if (m_session.openEscalation(m_session.currentContactId())) {
        statusBar()->showMessage(tr("This contact already has an open escalation."), 8000);
        return;
    }
    // Opened, not exec()'d: no nested event loop, so a screen reader or a
    // test pressing Escalate… through AT-SPI gets its answer at once.
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Escalate"));
    auto* form = new QFormLayout(dialog);
    auto* level = new QComboBox(dialog);
    level->setAccessibleName(tr("Level"));
    level->addItem(riskText(RiskLevel::High), static_cast<int>(RiskLevel::High));
    level->addItem(riskText(RiskLevel::Imminent), static_cast<int>(RiskLevel::Imminent));
    level->addItem(riskText(RiskLevel::Concern), static_cast<int>(RiskLevel::Concern));
    auto* reason = new QLineEdit(dialog);
    reason->setAccessibleName(tr("What you noticed"));
    form->addRow(tr("Level"), level);
    form->addRow(tr("What you noticed"), reason);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Escalate"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, level, reason] {
        m_session.escalate(static_cast<RiskLevel>(level->currentData().toInt()),
                           reason->text().trimmed());
        dialog->accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    dialog->open();
}

} // namespace warmline::app
