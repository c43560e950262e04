#include "app/board/ShiftBoardWindow.h"

#include "app/board/CoachWindow.h"
#include "app/board/ListenWindow.h"

#include "app/link/LinkRecords.h"
#include "app/widgets/FitColumns.h"
#include "app/widgets/ModelRoles.h"
#include "app/widgets/RiskBadgeDelegate.h"
#include "app/widgets/Theme.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QFontMetrics>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace warmline::app {

namespace {

QTableView* table(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->verticalHeader()->hide();
    auto* header = view->horizontalHeader();
    header->setResizeContentsPrecision(0);
    view->verticalHeader()->setResizeContentsPrecision(0);
    // Columns fit their contents, elided at large text sizes (FitColumns).
    new FitColumns(view, -1);
    header->setHighlightSections(false);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    return view;
}

QLabel* figure(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setAccessibleName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true); // at large text sizes the figures share one row
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setBold(true);
    label->setFont(f);
    return label;
}

qint64 selectedId(const QTableView* view, int role)
{
    const auto rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(role).toLongLong();
}

} // namespace

ShiftBoardWindow::ShiftBoardWindow(ShiftBoard& board, QWidget* parent)
    : QWidget(parent, Qt::Window), m_board(board)
{
    setWindowTitle(tr("Warmline — Shift board"));
    setAccessibleName(tr("Shift board"));
    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    m_waiting = figure(tr("Contacts waiting"), this);
    m_longest = figure(tr("Longest wait"), this);
    m_serviceLevel = figure(tr("Service level"), this);
    m_abandoned = figure(tr("Abandoned this shift"), this);
    m_afterHours = new QCheckBox(tr("A&fter-hours mode"), this);
    m_afterHours->setToolTip(
        tr("While on, new texters get the after-hours reply with crisis resources."));
    m_switchboard = new QCheckBox(tr("Swit&chboard"), this);
    m_switchboard->setToolTip(tr("While on, every new contact waits for a lead to assign it; "
                                 "operators cannot take it. Switching off lets them all go to "
                                 "the queue in their order."));
    m_overflow = new QCheckBox(tr("&Overflow"), this);
    for (QWidget* w : {static_cast<QWidget*>(m_waiting), static_cast<QWidget*>(m_longest),
                       static_cast<QWidget*>(m_serviceLevel), static_cast<QWidget*>(m_abandoned)}) {
        header->addWidget(w);
        header->addSpacing(18);
    }
    header->addStretch(1);
    header->addWidget(m_overflow);
    header->addSpacing(12);
    header->addWidget(m_switchboard);
    header->addSpacing(12);
    header->addWidget(m_afterHours);
    layout->addLayout(header);

    // Contacts wait and nobody can take one: said at the top, in words.
    m_noOne = new QLabel(this);
    m_noOne->setObjectName(QStringLiteral("noOneAvailable"));
    m_noOne->setAccessibleName(tr("No one available"));
    m_noOne->setWordWrap(true);
    m_noOne->setAutoFillBackground(true);
    m_noOne->setMargin(8);
    setRelativeFont(m_noOne, 1.1, true);
    m_noOne->hide();
    layout->addWidget(m_noOne);

    // The gateway cannot save: said at the top until it can again.
    m_storeWarning = new QLabel(this);
    m_storeWarning->setObjectName(QStringLiteral("storeFailing"));
    m_storeWarning->setAccessibleName(tr("Storage failing"));
    m_storeWarning->setWordWrap(true);
    m_storeWarning->setAutoFillBackground(true);
    m_storeWarning->setMargin(8);
    setRelativeFont(m_storeWarning, 1.1, true);
    m_storeWarning->hide();
    layout->addWidget(m_storeWarning);

    // An escalation stays in front of the lead until a lead acknowledges it.
    m_banner = new QFrame(this);
    m_banner->setAutoFillBackground(true);
    m_banner->setAccessibleName(tr("Escalation alert"));
    auto* bannerLayout = new QHBoxLayout(m_banner);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    QFont bannerFont = m_bannerText->font();
    bannerFont.setBold(true);
    bannerFont.setPointSizeF(bannerFont.pointSizeF() * 1.2);
    m_bannerText->setFont(bannerFont);
    m_bannerAck = new QPushButton(tr("&Acknowledge"), m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_bannerAck);
    layout->addWidget(m_banner);

    auto* split = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, split);
    auto* queueBox = new QGroupBox(tr("Queue"), top);
    auto* queueLayout = new QVBoxLayout(queueBox);
    m_queueView = table(m_board.queue(), tr("Queue with waiting times and risk"), queueBox);
    m_queueView->setItemDelegateForColumn(QueueModel::RiskColumn,
                                          new RiskBadgeDelegate(m_queueView));
    queueLayout->addWidget(m_queueView);
    // Contacts screening holds for a lead (docs/screening.md), and why.
    m_held = new QLabel(queueBox);
    m_held->setObjectName(QStringLiteral("screenedContacts"));
    m_held->setAccessibleName(tr("Held for a lead by screening"));
    m_held->setTextFormat(Qt::PlainText);
    m_held->setWordWrap(true);
    m_held->hide();
    queueLayout->addWidget(m_held);
    auto* opsBox = new QGroupBox(tr("Operators on shift"), top);
    auto* opsLayout = new QVBoxLayout(opsBox);
    m_operatorsView = table(m_board.operators(), tr("Operators on shift"), opsBox);
    opsLayout->addWidget(m_operatorsView);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);

    auto* alertsBox = new QGroupBox(tr("Alerts"), split);
    auto* alertsLayout = new QVBoxLayout(alertsBox);
    m_alertsView = table(m_board.alerts(), tr("Open alerts"), alertsBox);
    alertsLayout->addWidget(m_alertsView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({400, 260});
    layout->addWidget(split, 1);

    auto* actions = new QHBoxLayout;
    m_assign = new QPushButton(tr("A&ssign…"), this);
    m_assign->setToolTip(tr("Give the selected waiting contact to an operator"));
    m_takeBack = new QPushButton(tr("&Take back…"), this);
    m_takeBack->setToolTip(tr("Return one of the selected operator's contacts to the queue"));
    m_admit = new QPushButton(tr("Let &in"), this);
    m_admit->setToolTip(tr("Let the selected contact, held for a lead, into the queue so "
                           "operators can take it"));
    m_break = new QPushButton(tr("Put on &break"), this);
    m_watch = new QPushButton(tr("&Watch…"), this);
    m_watch->setToolTip(
        tr("Read one of the selected operator's text conversations and coach them privately, "
           "or listen to their call on your phone"));
    m_ack = new QPushButton(tr("Ac&knowledge alert"), this);
    m_message = new QLineEdit(this);
    m_message->setPlaceholderText(tr("Message to operators…"));
    m_message->setAccessibleName(tr("Message to operators"));
    m_message->setMaxLength(500);
    m_sendOne = new QPushButton(tr("Send to &selected"), this);
    m_sendAll = new QPushButton(tr("Send to a&ll"), this);
    for (QWidget* w : {static_cast<QWidget*>(m_assign), static_cast<QWidget*>(m_admit),
                       static_cast<QWidget*>(m_takeBack), static_cast<QWidget*>(m_break),
                       static_cast<QWidget*>(m_watch), static_cast<QWidget*>(m_ack)}) {
        actions->addWidget(w);
    }
    actions->addSpacing(12);
    actions->addWidget(m_message, 1);
    actions->addWidget(m_sendOne);
    actions->addWidget(m_sendAll);
    layout->addLayout(actions);
    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Board messages"));
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    connect(m_assign, &QPushButton::clicked, this, [this] {
        queueMenu(m_queueView->viewport()->mapFromGlobal(m_assign->mapToGlobal(QPoint(0, 0))));
    });
    connect(m_admit, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedContact(); id != 0) {
            m_board.admit(id);
        }
    });
    connect(m_takeBack, &QPushButton::clicked, this, [this] {
        operatorMenu(
            m_operatorsView->viewport()->mapFromGlobal(m_takeBack->mapToGlobal(QPoint(0, 0))));
    });
    connect(m_watch, &QPushButton::clicked, this, [this] {
        watchMenu(m_operatorsView->viewport()->mapFromGlobal(m_watch->mapToGlobal(QPoint(0, 0))));
    });
    connect(m_break, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedOperator()) {
            m_board.putOnBreak(id);
        }
    });
    connect(m_ack, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedAlert()) {
            m_board.acknowledge(id);
        }
    });
    connect(m_bannerAck, &QPushButton::clicked, this, [this] {
        if (const auto* a = m_board.alerts()->topEscalation()) {
            m_board.acknowledge(a->id);
        }
    });
    connect(m_sendOne, &QPushButton::clicked, this, [this] { sendMessage(false); });
    connect(m_sendAll, &QPushButton::clicked, this, [this] { sendMessage(true); });
    connect(m_switchboard, &QCheckBox::clicked, this, [this](bool on) {
        m_board.setSwitchboard(on);
        m_switchboard->setChecked(m_board.switchboard()); // the gateway's answer decides
    });
    connect(m_overflow, &QCheckBox::clicked, this, [this](bool on) {
        m_board.setOverflow(on);
        m_overflow->setChecked(m_board.overflow()); // the gateway's answer decides
    });
    connect(m_afterHours, &QCheckBox::clicked, this, [this](bool on) {
        m_board.setAfterHours(on);
        m_afterHours->setChecked(m_board.afterHours()); // the gateway's answer decides
    });
    connect(m_queueView, &QWidget::customContextMenuRequested, this, &ShiftBoardWindow::queueMenu);
    connect(m_operatorsView, &QWidget::customContextMenuRequested, this,
            &ShiftBoardWindow::operatorMenu);
    auto* ackShortcut = new QAction(this);
    ackShortcut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(ackShortcut, &QAction::triggered, m_bannerAck, &QPushButton::click);
    addAction(ackShortcut);

    // A burst of board events is one header update, a quarter second later.
    m_headerDue.setSingleShot(true);
    m_headerDue.setInterval(250);
    connect(&m_headerDue, &QTimer::timeout, this, [this] {
        updateHeader();
        updateBanner();
    });
    connect(&m_board, &ShiftBoard::changed, this, [this] {
        if (!m_headerDue.isActive()) {
            m_headerDue.start();
        }
    });
    connect(&m_board, &ShiftBoard::alertRaised, this, &ShiftBoardWindow::onAlert);
    connect(&m_board, &ShiftBoard::notice, this, [this](const QString& s) {
        m_status->setText(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat) +
                          QStringLiteral("  ") + s);
    });
    for (QTableView* v : {m_queueView, m_operatorsView, m_alertsView}) {
        connect(v->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &ShiftBoardWindow::updateActions);
    }
    connect(m_board.alerts(), &QAbstractItemModel::rowsRemoved, this,
            &ShiftBoardWindow::updateBanner);
    connect(m_board.alerts(), &QAbstractItemModel::rowsInserted, this,
            &ShiftBoardWindow::updateBanner);
    connect(m_board.alerts(), &QAbstractItemModel::modelReset, this,
            &ShiftBoardWindow::updateBanner);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &ShiftBoardWindow::updateHeader);
    m_tick.start();
    updateHeader();
    updateBanner();
    updateActions();
    resize(1200, 720);
}

void ShiftBoardWindow::updateHeader()
{
    const QStringList held = m_board.screenedList();
    m_held->setText(held.isEmpty() ? QString()
                                   : tr("Held for a lead by screening: %1. Select one and Let "
                                        "in, or assign it.")
                                         .arg(held.join(QStringLiteral("; "))));
    m_held->setVisible(!held.isEmpty());
    updateActions();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int texts = m_board.waiting(Channel::Text);
    const int calls = m_board.waiting(Channel::Call);
    m_waiting->setText(
        tr("Waiting %1  (texts %2 · calls %3)").arg(texts + calls).arg(texts).arg(calls));
    const qint64 longest = m_board.longestWaitMs(now);
    m_longest->setText(tr("Longest wait %1").arg(texts + calls ? durationText(longest) : tr("–")));
    const auto& f = m_board.figures();
    const QString target = durationText(f.answerTargetMs);
    m_serviceLevel->setText(f.serviceLevel
                                ? tr("Service level %1% within %2 (%3 of %4; target %5%)")
                                      .arg(qRound(*f.serviceLevel * 100))
                                      .arg(target)
                                      .arg(f.answeredWithinTarget)
                                      .arg(f.answered + f.abandoned)
                                      .arg(f.serviceLevelTargetPercent)
                                : tr("Service level – (none answered yet)"));
    m_serviceLevel->setToolTip(
        tr("Contacts answered within %1, of those answered or abandoned since %2. The reports "
           "count the same way against the same target (line settings: targets.answer_seconds, "
           "targets.answered_on_time_percent).")
            .arg(target, QLocale().toString(QDateTime::fromMSecsSinceEpoch(f.shiftStart).time(),
                                            QLocale::ShortFormat)));
    m_abandoned->setText(tr("Abandoned %1").arg(f.abandoned));
    const auto palette = this->palette();
    auto tone = [&](QLabel* label, std::optional<Tone> t) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText,
                   t ? toneColor(palette, *t) : palette.color(QPalette::WindowText));
        label->setPalette(p);
    };
    const qint64 target2 = f.answerTargetMs > 0 ? f.answerTargetMs : 120000;
    tone(m_longest, longest > 2 * target2 ? std::optional(Tone::Trouble)
                    : longest > target2   ? std::optional(Tone::Warning)
                                          : std::nullopt);
    tone(m_serviceLevel,
         f.serviceLevel && *f.serviceLevel * 100.0 + 1e-9 < f.serviceLevelTargetPercent
             ? std::optional(Tone::Warning)
             : std::nullopt);
    m_afterHours->setChecked(m_board.afterHours());
    // Where calls go, only on a line that takes calls (the gateway says).
    bool phones = false;
    for (int row = 0; row < m_board.operators()->rowCount() && !phones; ++row) {
        phones = !m_board.operators()->operatorAt(row)->phone.isEmpty();
    }
    m_operatorsView->setColumnHidden(BoardOperatorsModel::PhoneColumn, !phones);
    // Wide enough for what it says now ("App softphone – not connected"),
    // never narrower than the lead made it.
    if (phones) {
        const auto* model = m_board.operators();
        const QFontMetrics metrics(m_operatorsView->font());
        int widest = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString text =
                model->data(model->index(row, BoardOperatorsModel::PhoneColumn)).toString();
            widest = std::max(widest, metrics.horizontalAdvance(text));
        }
        // The cell's margins, as resizeColumnToContents would leave.
        if (m_operatorsView->columnWidth(BoardOperatorsModel::PhoneColumn) < widest + 16) {
            m_operatorsView->resizeColumnToContents(BoardOperatorsModel::PhoneColumn);
        }
    }
    m_overflow->setChecked(m_board.overflow());
    m_overflow->setVisible(m_board.overflowAvailable());
    m_overflow->setText(m_board.overflowAvailable()
                            ? tr("&Overflow to %1").arg(m_board.overflowPartner())
                            : tr("&Overflow"));
    m_overflow->setToolTip(
        tr("While on, texters waiting get one text with %1's number and may keep waiting; "
           "callers waiting hear that pressing 1 puts them through to %1.")
            .arg(m_board.overflowPartner()));
    m_switchboard->setChecked(m_board.switchboard());
    m_switchboard->setText(
        m_board.switchboard() && m_board.heldForLead() > 0
            ? tr("Swit&chboard (%n held for a lead)", nullptr, m_board.heldForLead())
            : tr("Swit&chboard"));
    updateNoOneAvailable();
    updateStoreWarning();
    setWindowTitle(texts + calls > 0 ? tr("(%1) Warmline — Shift board").arg(texts + calls)
                                     : tr("Warmline — Shift board"));
}

void ShiftBoardWindow::updateStoreWarning()
{
    const QString& kind = m_board.storeFailing();
    m_storeWarning->setVisible(!kind.isEmpty());
    if (kind.isEmpty()) {
        return;
    }
    const QString why = kind == u"full"       ? tr("its disk is full")
                        : kind == u"readonly" ? tr("its data directory cannot be written")
                                              : tr("its disk reports errors");
    const QString since = QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(m_board.storeFailingSince()).time(), QLocale::ShortFormat);
    m_storeWarning->setText(
        tr("Since %1 the gateway cannot save: %2. New texts are refused so that carriers send "
           "them again later; nothing already saved is lost. Tell the site administrator now.")
            .arg(since, why));
    QPalette p = m_storeWarning->palette();
    p.setColor(QPalette::Window, toneColor(palette(), Tone::Trouble));
    p.setColor(QPalette::WindowText, QColor(Qt::white));
    m_storeWarning->setPalette(p);
}

void ShiftBoardWindow::updateNoOneAvailable()
{
    const int waiting = m_board.queue()->rowCount();
    bool anyone = false;
    for (int row = 0; row < m_board.operators()->rowCount(); ++row) {
        const auto* op = m_board.operators()->operatorAt(row);
        anyone = anyone || (op && op->canTakeMore());
    }
    bool urgent = false;
    for (int row = 0; row < waiting; ++row) {
        const auto* c = m_board.queue()->contactAt(row);
        urgent = urgent || (c && c->risk >= RiskLevel::High);
    }
    m_noOne->setVisible(waiting > 0 && !anyone);
    if (!m_noOne->isVisible()) {
        return;
    }
    m_noOne->setText(
        (urgent ? tr("No one is available, and someone at high risk is waiting (%n waiting).",
                     nullptr, waiting)
                : tr("No one is available to take the %n waiting.", nullptr, waiting)) +
        QLatin1Char(' ') +
        tr("Take one yourself, bring someone back from a break, or assign over capacity."));
    QPalette p = m_noOne->palette();
    const QColor colour = toneColor(palette(), urgent ? Tone::Trouble : Tone::Warning);
    p.setColor(QPalette::Window, colour);
    p.setColor(QPalette::WindowText, QColor(Qt::white));
    m_noOne->setPalette(p);
}

void ShiftBoardWindow::updateBanner()
{
    const Alert* a = m_board.alerts()->topEscalation();
    m_banner->setVisible(a != nullptr);
    if (!a) {
        return;
    }
    QPalette p = m_banner->palette();
    const QColor red = toneColor(palette(), Tone::Trouble);
    p.setColor(QPalette::Window, red);
    p.setColor(QPalette::WindowText, isDarkPalette(palette()) ? Qt::black : Qt::white);
    m_banner->setPalette(p);
    m_bannerText->setPalette(p);
    QString text = QStringLiteral("⚠ ") + QString::fromStdString(a->text);
    if (a->repeatCount > 0) {
        text += tr("  — unacknowledged, repeated %n time(s)", nullptr, a->repeatCount);
    }
    m_bannerText->setText(text);
    m_bannerAck->setEnabled(m_board.mayAct());
}

void ShiftBoardWindow::updateActions()
{
    const bool act = m_board.mayAct();
    m_assign->setEnabled(act && selectedContact() != 0);
    m_admit->setEnabled(act && selectedContact() != 0 && m_board.isHeldForLead(selectedContact()));
    m_takeBack->setEnabled(act && selectedOperator() != 0);
    m_break->setEnabled(act && selectedOperator() != 0);
    m_watch->setEnabled(act && selectedOperator() != 0);
    m_ack->setEnabled(act && selectedAlert() != 0);
    m_sendOne->setEnabled(act && selectedOperator() != 0);
    m_sendAll->setEnabled(act);
    m_message->setEnabled(act);
    m_afterHours->setEnabled(act);
    m_switchboard->setEnabled(act);
    m_overflow->setEnabled(act);
}

void ShiftBoardWindow::onAlert(const Alert& alert, bool repeat)
{
    const bool urgent = alert.kind == AlertKind::Escalation;
    // Louder on a repeat: more beeps, and the window comes forward.
    const int beeps = (urgent ? 2 : 1) + (repeat ? 1 : 0);
    for (int i = 0; i < beeps; ++i) {
        QApplication::beep();
    }
    QApplication::alert(this, 0);
    // A lead's board comes forward for an escalation, but never takes the
    // keyboard: whoever is typing (a reply, a note) keeps typing, and the
    // board does not open over the window they type in (that window
    // flashes; the sound and tray message say why). Supervisors, who read the
    // board but do not act on it, are told by the sound and the tray only,
    // so it never opens over their Review.
    if (urgent && (repeat || !isVisible()) && m_board.mayAct()) {
        const QWidget* focus = QApplication::focusWidget();
        const bool typing =
            focus && focus->window() != this &&
            (qobject_cast<const QLineEdit*>(focus) || qobject_cast<const QPlainTextEdit*>(focus) ||
             qobject_cast<const QTextEdit*>(focus));
        if (typing) {
            // The window they type in flashes in the taskbar; the sound and
            // the tray message say what it is; the board waits for them.
            QApplication::alert(focus->window(), 0);
        } else {
            if (!isVisible() || isMinimized()) {
                setAttribute(Qt::WA_ShowWithoutActivating, true);
                showNormal();
                setAttribute(Qt::WA_ShowWithoutActivating, false);
            }
            raise();
        }
    }
    emit attention(alertKindText(alert.kind) + QStringLiteral(" — ") + alertLevelText(alert.level),
                   QString::fromStdString(alert.text), repeat);
    updateBanner();
}

qint64 ShiftBoardWindow::selectedContact() const
{
    return selectedId(m_queueView, ContactIdRole);
}

qint64 ShiftBoardWindow::selectedOperator() const
{
    return selectedId(m_operatorsView, OperatorIdRole);
}

qint64 ShiftBoardWindow::selectedAlert() const
{
    return selectedId(m_alertsView, AlertIdRole);
}

void ShiftBoardWindow::queueMenu(const QPoint& pos)
{
    const QModelIndex at = m_queueView->indexAt(pos);
    const qint64 contactId = at.isValid() ? at.data(ContactIdRole).toLongLong() : selectedContact();
    if (contactId == 0 || !m_board.mayAct()) {
        return;
    }
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (m_board.isHeldForLead(contactId)) {
        const QString why = m_board.screenedReason(contactId);
        menu->addAction(why.isEmpty() ? tr("Let &in to the queue")
                                      : tr("Let &in to the queue (held: %1)").arg(why),
                        this, [this, contactId] { m_board.admit(contactId); });
    }
    auto* assign = menu->addMenu(tr("&Assign to"));
    const auto* ops = m_board.operators();
    for (int r = 0; r < ops->rowCount(); ++r) {
        const BoardOperator* op = ops->operatorAt(r);
        QAction* a = assign->addAction(
            tr("%1 (%2, holding %3 of %4)")
                .arg(op->name, presenceText(op->presence))
                .arg(op->held.size())
                .arg(op->capacity),
            this, [this, contactId, id = op->id] { m_board.assign(contactId, id); });
        a->setEnabled(op->canTakeMore());
    }
    if (assign->isEmpty()) {
        assign->addAction(tr("Nobody is on shift"))->setEnabled(false);
    }
    menu->popup(m_queueView->viewport()->mapToGlobal(pos));
}

void ShiftBoardWindow::operatorMenu(const QPoint& pos)
{
    const QModelIndex at = m_operatorsView->indexAt(pos);
    const qint64 operatorId =
        at.isValid() ? at.data(OperatorIdRole).toLongLong() : selectedOperator();
    const BoardOperator* op = m_board.operators()->operatorById(operatorId);
    if (!op || !m_board.mayAct()) {
        return;
    }
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    auto* takeBack = menu->addMenu(tr("&Take back to the queue"));
    for (const auto& c : op->held) {
        takeBack->addAction(tr("%1 (%2)").arg(c.alias, channelText(c.channel)), this,
                            [this, id = c.id] { m_board.takeBack(id); });
    }
    takeBack->setEnabled(!op->held.isEmpty());
    auto* watching = menu->addMenu(tr("&Watch a conversation"));
    for (const auto& c : op->held) {
        if (c.channel == Channel::Text) {
            watching->addAction(c.alias, this, [this, id = c.id] { watch(id); });
        } else if (c.channel == Channel::Call) {
            watching->addAction(tr("%1 (call): listen on my phone").arg(c.alias), this,
                                [this, id = c.id] { listen(id); });
        }
    }
    watching->setEnabled(!watching->isEmpty() && op->id != m_board.link().operatorId());
    menu->addAction(tr("Put on &break"), this, [this, id = op->id] { m_board.putOnBreak(id); })
        ->setEnabled(op->presence != Presence::Break && op->presence != Presence::Offline);
    menu->addAction(tr("&Message…"), this, [this] { m_message->setFocus(); });
    menu->popup(m_operatorsView->viewport()->mapToGlobal(pos));
}

void ShiftBoardWindow::watchMenu(const QPoint& pos)
{
    const BoardOperator* op = m_board.operators()->operatorById(selectedOperator());
    if (!op || !m_board.mayAct()) {
        return;
    }
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (const auto& c : op->held) {
        if (op->id == m_board.link().operatorId()) {
            continue;
        }
        if (c.channel == Channel::Text) {
            menu->addAction(c.alias, this, [this, id = c.id] { watch(id); });
        } else if (c.channel == Channel::Call) {
            menu->addAction(tr("%1 (call): listen on my phone").arg(c.alias), this,
                            [this, id = c.id] { listen(id); });
        }
    }
    if (menu->isEmpty()) {
        menu->addAction(tr("%1 holds no conversation to watch or call to listen to").arg(op->name))
            ->setEnabled(false);
    }
    menu->popup(m_operatorsView->viewport()->mapToGlobal(pos));
}

namespace {

/// Brings an open window to the front; false if there is none.
bool raiseOpen(QWidget* open)
{
    if (!open) {
        return false;
    }
    open->show();
    open->raise();
    open->activateWindow();
    return true;
}

} // namespace

std::pair<QString, QString> ShiftBoardWindow::aliasAndHolder(qint64 contactId) const
{
    const auto* ops = m_board.operators();
    for (int r = 0; r < ops->rowCount(); ++r) {
        const BoardOperator* op = ops->operatorAt(r);
        for (const auto& c : op->held) {
            if (c.id == contactId) {
                return {c.alias, op->name};
            }
        }
    }
    return {};
}

ListenWindow* ShiftBoardWindow::listen(qint64 contactId)
{
    if (auto open = m_listening.value(contactId); raiseOpen(open)) {
        return open;
    }
    const auto [alias, holder] = aliasAndHolder(contactId);
    auto* w = new ListenWindow(m_board.link(), contactId, alias, holder, this);
    m_listening.insert(contactId, w);
    w->show();
    return w;
}

CoachWindow* ShiftBoardWindow::watch(qint64 contactId)
{
    if (auto open = m_coaching.value(contactId); raiseOpen(open)) {
        return open;
    }
    const auto [alias, holder] = aliasAndHolder(contactId);
    // A window of its own (the lead keeps the board in view beside it),
    // owned by the board so it goes with the session.
    auto* w = new CoachWindow(m_board.link(), contactId, alias, holder, this);
    // QPointer: a closed window (deleted on close) reads as none.
    m_coaching.insert(contactId, w);
    w->show();
    return w;
}

void ShiftBoardWindow::sendMessage(bool toAll)
{
    const QString text = m_message->text().trimmed();
    if (text.isEmpty()) {
        m_message->setFocus();
        return;
    }
    const qint64 to = toAll ? 0 : selectedOperator();
    if (!toAll && to == 0) {
        return;
    }
    m_board.sendMessage(to, text);
    m_message->clear();
}

} // namespace warmline::app
