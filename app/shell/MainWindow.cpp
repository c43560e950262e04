// MainWindow (MainWindow.h) built: its panes, header, actions and menus,
// and the signals it follows. What it does when they fire is in
// MainWindowUpdates.cpp.

#include "app/shell/MainWindow.h"

#include "app/board/ShiftBoardWindow.h"
#include "app/phone/Softphone.h"
#include "app/shell/ViewMenu.h"
#include "app/shift/CallBar.h"
#include "app/shift/CallerPanel.h"
#include "app/shift/CheckInDialog.h"
#include "app/shift/ConversationPanel.h"
#include "app/shift/DebriefDialog.h"
#include "app/shift/EscalationPanel.h"
#include "app/shift/LeadNoticeBar.h"
#include "app/shift/PlanDialog.h"
#include "app/shift/ResourceDialog.h"

#include "app/shift/WellbeingBar.h"
#include "app/shift/WrapUpDialog.h"
#include "app/widgets/Announcer.h"
#include "app/widgets/FitColumns.h"
#include "app/widgets/ModelRoles.h"
#include "app/widgets/RiskBadgeDelegate.h"
#include "app/widgets/Theme.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QTableView* contactTable(QAbstractItemModel* model, int riskColumn, const QString& name,
                         QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setItemDelegateForColumn(riskColumn, new RiskBadgeDelegate(view));
    view->verticalHeader()->hide();
    // Short columns fit their contents and the last one (the caller's words)
    // takes the rest; at large text sizes they are elided rather than
    // scrolled sideways (FitColumns). Only the rows on screen are measured,
    // so a long queue costs no more than a short one.
    auto* header = view->horizontalHeader();
    header->setResizeContentsPrecision(0);
    view->verticalHeader()->setResizeContentsPrecision(0);
    new FitColumns(view, riskColumn);
    header->setHighlightSections(false);
    // Risk first: in a narrow column the badge is the last thing to go.
    header->moveSection(header->visualIndex(riskColumn), 0);
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
    m_announcer = new Announcer(statusBar());
    statusBar()->addPermanentWidget(m_announcer);

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
    centreLayout->addWidget(new CallBar(session, centre));
    m_conversation = new ConversationPanel(session.conversation(), centre);
    centreLayout->addWidget(m_conversation, 1);
    auto* contactButtons = new QHBoxLayout;
    contactButtons->setContentsMargins(12, 0, 12, 12);
    // Retry sits with the reply box it concerns; the row below holds what
    // changes the contact, so the centre stays narrow at large text sizes.
    m_conversation->addComposerWidget(actionButton(m_retry, centre));
    // Find a resource is in the Contact menu (Ctrl+Shift+F), not in this
    // bar: a button here widened the centre past what 200% text leaves for
    // the crisis prompt.
    contactButtons->addWidget(actionButton(m_escalate, centre));
    contactButtons->addStretch();
    contactButtons->addWidget(actionButton(m_release, centre));
    contactButtons->addWidget(actionButton(m_wrapUpAction, centre));
    centreLayout->addLayout(contactButtons);
    splitter->addWidget(centre);

    // Right: the caller, and while an escalation is open the crisis prompt
    // in front of it, beside the conversation so that both stay in view.
    m_side = new QTabWidget(splitter);
    m_side->setAccessibleName(tr("Caller and crisis steps"));
    m_side->setDocumentMode(true);
    m_side->setTabBarAutoHide(true); // tabs only while there is a crisis prompt
    // A hidden tab bar kept taking the focus, and Tab stayed on it for good.
    m_side->tabBar()->setFocusPolicy(Qt::NoFocus);
    auto* scroll = new QScrollArea(m_side);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("Caller details"));
    m_caller = new CallerPanel(session.history(), scroll);
    scroll->setWidget(m_caller);
    m_side->addTab(scroll, tr("Caller"));
    m_crisisPage = new QScrollArea(m_side);
    m_crisisPage->setWidgetResizable(true);
    m_crisisPage->setFrameShape(QFrame::NoFrame);
    m_crisisPage->setAccessibleName(tr("Crisis steps"));
    m_crisisPage->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_escalation = new EscalationPanel(session, m_crisisPage);
    m_crisisPage->setWidget(m_escalation);
    m_crisisPage->hide();
    splitter->addWidget(m_side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 4);
    splitter->setSizes({450, 500, 410});
    m_splitter = splitter;
    connect(&session, &ShiftSession::escalationChanged, this, &MainWindow::updateCrisisTab);
    connect(&session, &ShiftSession::currentContactChanged, this, &MainWindow::updateCrisisTab);

    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(findChild<QFrame*>(QStringLiteral("header")));
    m_leadNotices = new LeadNoticeBar(session.link(), central);
    connect(m_leadNotices, &LeadNoticeBar::readersChanged, this, [this] {
        const qint64 id = m_session.currentContactId();
        m_conversation->setReaders(id != 0 ? m_leadNotices->readersOf(id) : QStringList());
    });
    connect(m_leadNotices, &LeadNoticeBar::arrived, this, [this](const QString& text) {
        QApplication::beep();
        QApplication::alert(this);
        statusBar()->showMessage(text, 15000);
        m_announcer->announce(text);
    });
    centralLayout->addWidget(m_leadNotices);
    m_wellbeing = new WellbeingBar(session, central);
    connect(m_wellbeing, &WellbeingBar::arrived, this, [this](const QString& text, bool urgent) {
        if (urgent) {
            QApplication::beep();
            QApplication::alert(this);
        }
        statusBar()->showMessage(text, 15000);
        m_announcer->announce(text);
    });
    connect(m_wellbeing, &WellbeingBar::debriefRequested, this, &MainWindow::openDebrief);
    centralLayout->addWidget(m_wellbeing);
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
    connect(m_caller, &CallerPanel::planRequested, this,
            [this](const QString& kind) { openPlan(kind); });
    connect(m_escalation, &EscalationPanel::safetyPlanRequested, this,
            [this](qint64 escalationId) { openPlan(QStringLiteral("safety"), escalationId); });

    connect(&m_session, &ShiftSession::notice, this,
            [this](const QString& s) { statusBar()->showMessage(s, 15000); });
    connect(&m_session, &ShiftSession::currentContactChanged, this, &MainWindow::updateContact);
    if (auto* phone = m_session.softphone()) {
        // Wrap up is off while the softphone rings (see updateContact).
        connect(phone, &Softphone::stateChanged, this, &MainWindow::updateContact);
    }
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
    connect(&m_session, &ShiftSession::phoneStatusChanged, this, &MainWindow::updatePhone);
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

    // Tab order: the header, the queue pane, the conversation, the caller
    // pane, and last the status bar's Feedback button (made with the menus,
    // before the panes, it came right after the queue).
    if (auto* feedback = statusBar()->findChild<QToolButton*>()) {
        QWidget* last = m_presence->previousInFocusChain();
        while (last != m_presence && (last == feedback || !(last->focusPolicy() & Qt::TabFocus))) {
            last = last->previousInFocusChain();
        }
        if (last != m_presence) {
            QWidget::setTabOrder(last, feedback);
        }
    }

    updateTitle();
    updateConnection();
    updatePhone();
    updatePresence();
    updateContact();
    updateMetrics();
    // Never larger than the screen: on a 1366×768 laptop everything shows.
    const QRect room = screen() ? screen()->availableGeometry() : QRect(0, 0, 1360, 820);
    resize(std::min(1360, room.width()), std::min(820, room.height()));
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
    m_phone = new QLabel(header);
    m_phone->setAccessibleName(tr("Phone"));
    m_phone->hide();
    layout->addWidget(m_phone);
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
    // Shown, not chosen: the gateway sets these from what the operator holds.
    m_presence->addItem(tr("Busy (at capacity)"), static_cast<int>(Presence::Busy));
    m_presence->addItem(tr("Wrap-up"), static_cast<int>(Presence::WrapUp));
    if (auto* items = qobject_cast<QStandardItemModel*>(m_presence->model())) {
        for (int row = items->rowCount() - 2; row < items->rowCount(); ++row) {
            items->item(row)->setEnabled(false);
        }
    }
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
                     [this] { requestRelease(); });
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
                          [this] { requestSignOut(false); }));
    shift->addAction(make(tr("&Quit"), QKeySequence::Quit, [this] { close(); }));

    m_resources = make(tr("Find a re&source…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
                       [this] { openResources(); });

    m_planAction = make(tr("Caller's &plan…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P),
                        [this] { openPlan(QStringLiteral("safety")); });

    QMenu* contact = menuBar()->addMenu(tr("&Contact"));
    contact->addAction(make(tr("&Quick replies"), QKeySequence(Qt::CTRL | Qt::Key_Slash),
                            [this] { m_conversation->showQuickReplies(); }));
    contact->addAction(m_retry);
    contact->addAction(m_resources);
    contact->addAction(m_planAction);
    m_checkInAction =
        make(tr("Schedule a &check-in…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_K), [this] {
            if (m_checkInDialog == nullptr) {
                m_checkInDialog = new CheckInDialog(m_session, this);
            }
            m_checkInDialog->openFor();
        });
    contact->addAction(m_checkInAction);
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
                    m_announcer->announce(tr("%1. %2").arg(title, text));
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
    go->addAction(make(tr("Cr&isis steps"), QKeySequence(Qt::CTRL | Qt::Key_5),
                       [this] { focusCrisisSteps(); }));

    m_viewMenu = new ViewMenu(m_session.link(), menuBar(), statusBar(), this);
}

void MainWindow::openDebrief(qint64 contactId)
{
    auto* dialog = new DebriefDialog(m_session, contactId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openResources()
{
    if (m_resourceDialog == nullptr) {
        m_resourceDialog = new ResourceDialog(m_session.link(), this);
        auto follow = [this] {
            const ContactRecord* c = m_session.currentContact();
            m_resourceDialog->setContact(c ? c->id : 0, !c || c->channel == Channel::Text);
        };
        connect(&m_session, &ShiftSession::currentContactChanged, m_resourceDialog, follow);
        follow();
    }
    m_resourceDialog->show();
    m_resourceDialog->raise();
    m_resourceDialog->activateWindow();
    m_resourceDialog->wordsBox()->setFocus();
}

PlanDialog* MainWindow::openPlan(const QString& kind, qint64 escalationId)
{
    if (m_planDialog == nullptr) {
        m_planDialog = new PlanDialog(m_session, this);
    }
    m_planDialog->openFor(kind, escalationId);
    return m_planDialog;
}

} // namespace warmline::app
