#include "app/shell/MainWindow.h"

#include "app/board/ShiftBoardWindow.h"
#include "app/shell/SettingsDialog.h"
#include "app/shell/ViewMenu.h"
#include "app/shift/CallBar.h"
#include "app/shift/CallerPanel.h"
#include "app/shift/ConversationPanel.h"
#include "app/shift/EscalationPanel.h"
#include "app/shift/LeadNoticeBar.h"
#include "app/shift/WrapUpDialog.h"
#include "app/widgets/ModelRoles.h"
#include "app/widgets/RiskBadgeDelegate.h"
#include "app/widgets/Theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QTableView* contactTable(QAbstractItemModel* model, int riskColumn, const QString& name,
                         QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setItemDelegateForColumn(riskColumn, new RiskBadgeDelegate(view));
    view->verticalHeader()->hide();
    // Short columns fit their contents and the last one (the caller's words)
    // takes the rest. Only the rows on screen are measured, so a long queue
    // costs no more than a short one.
    auto* header = view->horizontalHeader();
    for (int column = 0; column + 1 < model->columnCount(); ++column) {
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    header->setResizeContentsPrecision(0);
    view->verticalHeader()->setResizeContentsPrecision(0);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    return view;
}

QToolButton* actionButton(QAction* action, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setAccessibleName(action->text().remove(QLatin1Char('&')));
    return b;
}

} // namespace

MainWindow::MainWindow(ShiftSession& session, QWidget* parent)
    : QMainWindow(parent), m_session(session)
{
    setAccessibleName(tr("Warmline"));
    buildHeader();

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->setAccessibleName(tr("Workspace"));

    // Left: the queue and my contacts.
    auto* left = new QWidget(splitter);
    m_left = left;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(12, 12, 6, 12);
    leftLayout->setSpacing(10);
    m_queueTitle = new QLabel(left);
    setRelativeFont(m_queueTitle, 1.1, true);
    leftLayout->addWidget(m_queueTitle);
    m_queueProxy = new QSortFilterProxyModel(this);
    m_queueProxy->setSourceModel(session.queue());
    m_queueProxy->setSortRole(SortRole);
    m_queueView = contactTable(m_queueProxy, QueueModel::RiskColumn, tr("Queue"), left);
    leftLayout->addWidget(m_queueView, 3);

    buildActions();
    auto* queueButtons = new QHBoxLayout;
    queueButtons->addWidget(actionButton(m_accept, left));
    queueButtons->addWidget(actionButton(m_acceptNext, left));
    queueButtons->addStretch();
    leftLayout->addLayout(queueButtons);

    auto* mineTitle = new QLabel(tr("My contacts"), left);
    setRelativeFont(mineTitle, 1.1, true);
    leftLayout->addWidget(mineTitle);
    m_mineView = contactTable(session.mine(), MyContactsModel::RiskColumn, tr("My contacts"), left);
    leftLayout->addWidget(m_mineView, 2);
    splitter->addWidget(left);

    // Centre: the conversation.
    auto* centre = new QWidget(splitter);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    m_escalation = new EscalationPanel(session, centre);
    auto* escalationBox = new QVBoxLayout;
    escalationBox->setContentsMargins(12, 12, 12, 0);
    escalationBox->addWidget(m_escalation);
    centreLayout->addLayout(escalationBox);
    centreLayout->addWidget(new CallBar(session, centre));
    m_conversation = new ConversationPanel(session.conversation(), centre);
    centreLayout->addWidget(m_conversation, 1);
    auto* contactButtons = new QHBoxLayout;
    contactButtons->setContentsMargins(12, 0, 12, 12);
    contactButtons->addWidget(actionButton(m_retry, centre));
    contactButtons->addWidget(actionButton(m_escalate, centre));
    contactButtons->addStretch();
    contactButtons->addWidget(actionButton(m_release, centre));
    contactButtons->addWidget(actionButton(m_wrapUpAction, centre));
    centreLayout->addLayout(contactButtons);
    splitter->addWidget(centre);

    // Right: the caller.
    auto* scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("Caller details"));
    m_caller = new CallerPanel(session.history(), scroll);
    scroll->setWidget(m_caller);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 3);
    splitter->setSizes({430, 520, 380});

    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(findChild<QFrame*>(QStringLiteral("header")));
    m_leadNotices = new LeadNoticeBar(session.link(), central);
    connect(m_leadNotices, &LeadNoticeBar::arrived, this, [this](const QString& text) {
        QApplication::beep();
        QApplication::alert(this);
        statusBar()->showMessage(text, 15000);
    });
    centralLayout->addWidget(m_leadNotices);
    centralLayout->addWidget(splitter, 1);
    setCentralWidget(central);
    statusBar()->setAccessibleName(tr("Messages from Warmline"));

    connect(m_queueView, &QTableView::doubleClicked, this, &MainWindow::acceptSelected);
    connect(m_mineView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const qint64 id = current.data(ContactIdRole).toLongLong();
                if (id != 0 && id != m_session.currentContactId()) {
                    m_session.openContact(id);
                }
            });
    connect(m_conversation, &ConversationPanel::sendRequested, this, [this](const QString& t) {
        m_session.sendReply(t);
        m_conversation->setReplyText(QString());
    });
    connect(m_conversation, &ConversationPanel::replyEdited, this, [this](const QString& t) {
        m_session.drafts()->edit(m_session.currentContactId(), QStringLiteral("reply"), t);
    });
    connect(m_caller, &CallerPanel::saveRequested, &m_session, &ShiftSession::updateCaller);
    connect(m_caller, &CallerPanel::noteRequested, &m_session, &ShiftSession::addCallerNote);

    connect(&m_session, &ShiftSession::notice, this,
            [this](const QString& s) { statusBar()->showMessage(s, 15000); });
    connect(&m_session, &ShiftSession::currentContactChanged, this, &MainWindow::updateContact);
    connect(&m_session, &ShiftSession::callerChanged, this, &MainWindow::updateCaller);
    connect(&m_session, &ShiftSession::presenceChanged, this, &MainWindow::updatePresence);
    connect(&m_session, &ShiftSession::contactWaiting, this, &MainWindow::notifyWaiting);
    connect(&m_session, &ShiftSession::escalationRaised, this, &MainWindow::alertEscalation);
    connect(&m_session, &ShiftSession::escalationDone, this,
            [this](const QString& s) { statusBar()->showMessage(s, 15000); });
    connect(&m_session, &ShiftSession::lineInfoChanged, this, [this] {
        const auto& line = m_session.lineInfo();
        // A line named after the product needs no "Warmline · Warmline".
        const bool plain = line.name.isEmpty() || line.name == QStringLiteral("Warmline");
        m_lineName->setText(plain ? tr("Warmline") : tr("Warmline · %1").arg(line.name));
        m_conversation->setQuickReplies(line.quickReplies, line.available);
    });
    connect(&m_session, &ShiftSession::closeFailed, this, [this](const QString& s) {
        if (m_wrapUp) {
            m_wrapUp->showError(s);
        }
    });
    connect(&m_session, &ShiftSession::contactClosed, this, [this] {
        if (m_wrapUp) {
            m_wrapUp->accept();
        }
    });
    connect(&m_session.link(), &LinkConnection::stateChanged, this, &MainWindow::updateConnection);
    connect(&m_session.link(), &LinkConnection::problem, this,
            [this](const QString& s) { statusBar()->showMessage(s, 15000); });
    for (auto* model : {static_cast<QAbstractItemModel*>(session.queue())}) {
        connect(model, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateTitle);
        connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::updateTitle);
        connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateTitle);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateTitle);
    }
    connect(session.mine(), &QAbstractItemModel::layoutChanged, this, &MainWindow::updateContact);
    // Retry is only offered while the open conversation has a text to retry.
    auto* conversation = session.conversation();
    connect(conversation, &QAbstractItemModel::dataChanged, this, &MainWindow::updateRetry);
    connect(conversation, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateRetry);
    connect(conversation, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateRetry);
    connect(conversation, &QAbstractItemModel::modelReset, this, &MainWindow::updateRetry);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(tr("Warmline"));
        m_tray->show();
    }
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &MainWindow::tick);
    m_tick.start();

    updateTitle();
    updateConnection();
    updatePresence();
    updateContact();
    updateMetrics();
    resize(1360, 820);
}

WrapUpDialog* MainWindow::wrapUpDialog() const
{
    return m_wrapUp;
}

void MainWindow::buildHeader()
{
    auto* header = new QFrame(this);
    header->setObjectName(QStringLiteral("header"));
    header->setAccessibleName(tr("Shift header"));
    header->setAutoFillBackground(true);
    // A role, not a copied colour, so the header follows palette changes.
    header->setBackgroundRole(QPalette::AlternateBase);
    header->setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(header);
    layout->setContentsMargins(16, 10, 16, 10);
    layout->setSpacing(14);
    m_lineName = new QLabel(tr("Warmline"), header);
    setRelativeFont(m_lineName, 1.35, true);
    m_lineName->setAccessibleName(tr("Line"));
    layout->addWidget(m_lineName);
    m_connection = new QLabel(header);
    m_connection->setAccessibleName(tr("Connection"));
    layout->addWidget(m_connection);
    layout->addStretch(1);
    m_operator = new QLabel(header);
    m_operator->setAccessibleName(tr("Signed in as"));
    layout->addWidget(m_operator);
    auto* presenceLabel = new QLabel(tr("&Presence:"), header);
    m_presence = new QComboBox(header);
    m_presence->setAccessibleName(tr("Presence"));
    m_presence->addItem(tr("Available"), static_cast<int>(Presence::Available));
    m_presence->addItem(tr("On break"), static_cast<int>(Presence::Break));
    m_presence->addItem(tr("Offline"), static_cast<int>(Presence::Offline));
    presenceLabel->setBuddy(m_presence);
    connect(m_presence, &QComboBox::activated, this, [this](int index) {
        m_session.setPresence(static_cast<Presence>(m_presence->itemData(index).toInt()));
    });
    layout->addWidget(presenceLabel);
    layout->addWidget(m_presence);
    m_presenceTime = new QLabel(header);
    m_presenceTime->setAccessibleName(tr("Time in presence"));
    layout->addWidget(m_presenceTime);
}

void MainWindow::buildActions()
{
    auto make = [this](const QString& text, const QKeySequence& key, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                    key.toString(QKeySequence::NativeText)));
        addAction(a);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_accept = make(tr("&Accept"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
                    [this] { acceptSelected(); });
    m_acceptNext = make(tr("Accept &next"), QKeySequence(Qt::CTRL | Qt::Key_N),
                        [this] { m_session.acceptContact(0); });
    m_wrapUpAction = make(tr("&Wrap up…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W),
                          [this] { openWrapUp(); });
    m_release = make(tr("&Release to queue"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                     [this] { m_session.releaseContact(); });
    m_escalate =
        make(tr("&Escalate…"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] { askEscalate(); });
    m_escalate->setEnabled(false); // until a contact is open
    m_retry = make(tr("Re&try failed text"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] {
        const int row = m_conversation->retryRow();
        if (row >= 0) {
            m_session.retryMessage(row);
        }
    });

    QMenu* shift = menuBar()->addMenu(tr("&Shift"));
    shift->addAction(m_accept);
    shift->addAction(m_acceptNext);
    shift->addSeparator();
    shift->addAction(make(tr("Set &available"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A),
                          [this] { m_session.setPresence(Presence::Available); }));
    shift->addAction(make(tr("Take a &break"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_B),
                          [this] { m_session.setPresence(Presence::Break); }));
    shift->addAction(make(tr("Go &offline"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O),
                          [this] { m_session.setPresence(Presence::Offline); }));
    shift->addSeparator();
    shift->addAction(
        make(tr("&Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), [this] { openSettings(); }));
    shift->addAction(make(tr("Sign o&ut"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q),
                          [this] { emit signOutRequested(); }));
    shift->addAction(make(tr("&Quit"), QKeySequence::Quit, [this] { close(); }));

    QMenu* contact = menuBar()->addMenu(tr("&Contact"));
    contact->addAction(make(tr("&Quick replies"), QKeySequence(Qt::CTRL | Qt::Key_Slash),
                            [this] { m_conversation->showQuickReplies(); }));
    contact->addAction(m_retry);
    contact->addAction(m_release);
    contact->addAction(m_wrapUpAction);

    // The shift board, for the roles the gateway lets read it.
    const QString role = m_session.link().operatorInfo().value(u"role").toString();
    if (role == u"lead" || role == u"supervisor" || role == u"admin") {
        // Created now, so alerts reach the lead while the window is closed.
        m_board = new ShiftBoard(m_session.link(), this);
        m_boardWindow = new ShiftBoardWindow(*m_board, this);
        connect(m_boardWindow, &ShiftBoardWindow::attention, this,
                [this](const QString& title, const QString& text, bool louder) {
                    if (m_tray) {
                        m_tray->showMessage(title, text,
                                            louder ? QSystemTrayIcon::Critical
                                                   : QSystemTrayIcon::Warning);
                    }
                });
        m_board->refresh();
        // One View menu: the supervision windows add theirs to it too.
        QMenu* view = nullptr;
        for (QAction* a : menuBar()->actions()) {
            if (a->menu() && a->text() == tr("&View")) {
                view = a->menu();
            }
        }
        if (!view) {
            view = menuBar()->addMenu(tr("&View"));
        }
        view->addAction(make(tr("Shift &board"), QKeySequence(Qt::CTRL | Qt::Key_B),
                             [this] { openShiftBoard(); }));
    }

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(make(tr("&Queue"), QKeySequence(Qt::CTRL | Qt::Key_1),
                       [this] { m_queueView->setFocus(); }));
    go->addAction(make(tr("&My contacts"), QKeySequence(Qt::CTRL | Qt::Key_2),
                       [this] { m_mineView->setFocus(); }));
    go->addAction(make(tr("&Reply box"), QKeySequence(Qt::CTRL | Qt::Key_3),
                       [this] { m_conversation->focusReply(); }));
    go->addAction(make(tr("&Caller details"), QKeySequence(Qt::CTRL | Qt::Key_4),
                       [this] { m_caller->focusEditor(); }));

    m_viewMenu = new ViewMenu(m_session.link(), menuBar(), statusBar(), this);
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
    m_accept->setEnabled(online);
    m_acceptNext->setEnabled(online);
    m_presence->setEnabled(online);
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
    // The queue and my-contacts tables fit their short columns to the text;
    // a larger font widens them, so the pane grows with the font instead of
    // scrolling sideways and cutting off the caller's first words.
    m_left->setMinimumWidth(m_queueView->fontMetrics().averageCharWidth() * 56);
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
    m_wrapUpAction->setEnabled(c != nullptr);
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
    const QStringList topics =
        !line.topics.isEmpty()
            ? line.topics
            : QStringList{tr("Loneliness"), tr("Anxiety"),       tr("Depression"),
                          tr("Sleep"),      tr("Relationships"), tr("Substance use"),
                          tr("Housing"),    tr("Grief"),         tr("Other")};
    const QStringList referrals =
        !line.referrals.isEmpty() ? line.referrals
                                  : QStringList{tr("988 Suicide & Crisis Lifeline"),
                                                tr("Crisis Text Line (text HOME to 741741)"),
                                                tr("Local mobile crisis team"),
                                                tr("Peer support group"), tr("Primary care / GP")};
    const qint64 id = c->id;
    m_wrapUp = new WrapUpDialog(c->alias, topics, referrals,
                                m_session.drafts()->text(id, QStringLiteral("note")), this);
    m_wrapUp->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wrapUp, &WrapUpDialog::noteEdited, this, [this, id](const QString& note) {
        m_session.drafts()->edit(id, QStringLiteral("note"), note);
    });
    connect(m_wrapUp, &WrapUpDialog::submitted, &m_session, &ShiftSession::closeContact);
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
    statusBar()->showMessage(text);
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
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Escalate"));
    auto* form = new QFormLayout(&dialog);
    auto* level = new QComboBox(&dialog);
    level->setAccessibleName(tr("Level"));
    level->addItem(riskText(RiskLevel::High), static_cast<int>(RiskLevel::High));
    level->addItem(riskText(RiskLevel::Imminent), static_cast<int>(RiskLevel::Imminent));
    level->addItem(riskText(RiskLevel::Concern), static_cast<int>(RiskLevel::Concern));
    auto* reason = new QLineEdit(&dialog);
    reason->setAccessibleName(tr("What you noticed"));
    form->addRow(tr("Level"), level);
    form->addRow(tr("What you noticed"), reason);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Escalate"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted) {
        m_session.escalate(static_cast<RiskLevel>(level->currentData().toInt()),
                           reason->text().trimmed());
    }
}

} // namespace warmline::app
