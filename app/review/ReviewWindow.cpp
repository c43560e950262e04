#include "app/review/ReviewWindow.h"

#include "app/review/ReviewPane.h"
#include "app/widgets/ModelRoles.h"
#include "app/widgets/RiskBadgeDelegate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

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
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    auto* header = view->horizontalHeader();
    for (int c = 0; c + 1 < model->columnCount(); ++c) {
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    header->setResizeContentsPrecision(0);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    return view;
}

QComboBox* combo(const QString& name, QWidget* parent)
{
    auto* c = new QComboBox(parent);
    c->setAccessibleName(name);
    c->addItem(QObject::tr("Any"), QString());
    return c;
}

/// A bar that scrolls sideways when its contents are wider than the window
/// (the filters at large text sizes on a laptop screen), instead of making
/// the window wider than the screen. Always tall enough for its contents
/// and, when it shows, the scroll bar.
class SidewaysBar : public QScrollArea
{
public:
    SidewaysBar(QLayout* content, QWidget* parent) : QScrollArea(parent)
    {
        auto* inner = new QWidget(this);
        content->setContentsMargins(0, 0, 0, 0); // as when it was a nested layout
        inner->setLayout(content);
        setWidget(inner);
        setWidgetResizable(true);
        setFrameShape(QFrame::NoFrame);
        setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

    QSize sizeHint() const override
    {
        const QSize inner = widget()->sizeHint();
        const int bar = scrolls() ? horizontalScrollBar()->sizeHint().height() : 0;
        return {inner.width(), inner.height() + bar};
    }
    QSize minimumSizeHint() const override { return {0, sizeHint().height()}; }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QScrollArea::resizeEvent(event);
        if (scrolls() != m_scrolled) {
            m_scrolled = scrolls();
            updateGeometry(); // room for the scroll bar, or no longer
        }
    }

private:
    bool scrolls() const { return widget()->minimumSizeHint().width() > viewport()->width(); }

    bool m_scrolled = false;
};

QString isoDate(const QDateEdit* edit)
{
    return edit->date().toString(Qt::ISODate);
}

} // namespace

ReviewWindow::ReviewWindow(LinkConnection& link, QWidget* parent)
    : QMainWindow(parent), m_controller(link)
{
    setWindowTitle(tr("Warmline — Review"));
    setAccessibleName(tr("Review"));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 8);

    // The filter bar.
    auto* filters = new QGridLayout;
    filters->setHorizontalSpacing(8);
    auto addField = [&](int row, int column, const QString& label, QWidget* field) {
        auto* l = new QLabel(label, central);
        l->setBuddy(field);
        filters->addWidget(l, row, column * 2);
        filters->addWidget(field, row, column * 2 + 1);
    };
    const QDate today = QDate::currentDate();
    m_from = new QDateEdit(today.addDays(-30), central);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_from->setAccessibleName(tr("From date"));
    m_to = new QDateEdit(today, central);
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_to->setAccessibleName(tr("To date"));
    m_operator = combo(tr("Operator"), central);
    m_channel = combo(tr("Channel"), central);
    m_channel->addItem(tr("Calls"), QStringLiteral("call"));
    m_channel->addItem(tr("Texts"), QStringLiteral("text"));
    m_topic = combo(tr("Topic"), central);
    m_risk = combo(tr("Risk level"), central);
    for (const auto& [label, value] :
         {std::pair{tr("None"), "none"}, std::pair{tr("Concern"), "concern"},
          std::pair{tr("High"), "high"}, std::pair{tr("Imminent"), "imminent"}}) {
        m_risk->addItem(label, QString::fromLatin1(value));
    }
    m_escalated = combo(tr("Escalated"), central);
    m_escalated->addItem(tr("Escalated"), 1);
    m_escalated->addItem(tr("Not escalated"), 0);
    m_unreviewed = new QCheckBox(tr("&Not yet reviewed"), central);
    m_unreviewed->setAccessibleName(tr("Not yet reviewed only"));
    m_followUp = new QCheckBox(tr("Flagged for &follow-up"), central);
    m_followUp->setAccessibleName(tr("Flagged for follow-up only"));
    m_search = new QLineEdit(central);
    m_search->setPlaceholderText(tr("Words in notes"));
    m_search->setAccessibleName(tr("Search notes"));
    m_search->setClearButtonEnabled(true);
    // The clear button shows only an icon: name it for screen readers.
    for (auto* clear : m_search->findChildren<QToolButton*>()) {
        clear->setAccessibleName(tr("Clear search"));
    }
    auto* go = new QPushButton(tr("&Search"), central);
    go->setAccessibleName(tr("Search"));
    go->setDefault(true);

    addField(0, 0, tr("F&rom"), m_from);
    addField(0, 1, tr("&To"), m_to);
    addField(0, 2, tr("O&perator"), m_operator);
    addField(0, 3, tr("C&hannel"), m_channel);
    addField(0, 4, tr("Top&ic"), m_topic);
    addField(1, 0, tr("Ris&k"), m_risk);
    addField(1, 1, tr("&Escalation"), m_escalated);
    filters->addWidget(m_unreviewed, 1, 4, 1, 2);
    filters->addWidget(m_followUp, 1, 6, 1, 2);
    addField(1, 4, tr("Notes &contain"), m_search);
    m_search->setMinimumWidth(m_search->fontMetrics().averageCharWidth() * 30);
    filters->addWidget(go, 1, 10);
    filters->setColumnStretch(11, 1);
    layout->addWidget(new SidewaysBar(filters, central));

    m_tabs = new QTabWidget(central);
    m_tabs->setAccessibleName(tr("Review sections"));

    // Contacts: the list and the pane.
    auto* split = new QSplitter(Qt::Horizontal, m_tabs);
    split->setChildrenCollapsible(false);
    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_list = table(m_controller.list(), tr("Contacts to review"), left);
    m_list->setItemDelegateForColumn(ReviewListModel::RiskColumn, new RiskBadgeDelegate(m_list));
    leftLayout->addWidget(m_list, 1);
    auto* listBar = new QHBoxLayout;
    m_count = new QLabel(left);
    m_count->setAccessibleName(tr("How many contacts"));
    listBar->addWidget(m_count, 1);
    m_more = new QPushButton(tr("&Load more"), left);
    m_more->setAccessibleName(tr("Load more contacts"));
    listBar->addWidget(m_more);
    leftLayout->addLayout(listBar);
    split->addWidget(left);
    m_pane = new ReviewPane(m_controller.thread(), m_controller.escalations(), split);
    split->addWidget(m_pane);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 4);
    split->setSizes({720, 620});
    m_tabs->addTab(split, tr("Contacts"));

    // The audit log.
    auto* auditTab = new QWidget(m_tabs);
    auto* auditLayout = new QVBoxLayout(auditTab);
    auto* auditBar = new QHBoxLayout;
    auto* actionLabel = new QLabel(tr("Show:"), auditTab);
    m_auditAction = new QComboBox(auditTab);
    m_auditAction->setAccessibleName(tr("Audit action"));
    m_auditAction->addItem(tr("Everything"), QString());
    for (const char* action :
         {"contact.open", "caller.open", "caller.reveal", "review.mark", "review.comment",
          "review.followup", "setting.set", "operator.change", "retention.purge"}) {
        const QString a = QString::fromLatin1(action);
        m_auditAction->addItem(AuditLogModel::actionText(a), a);
    }
    actionLabel->setBuddy(m_auditAction);
    auditBar->addWidget(actionLabel);
    auditBar->addWidget(m_auditAction);
    auditBar->addStretch(1);
    auto* auditNote = new QLabel(tr("The audit log cannot be edited by anyone."), auditTab);
    auditBar->addWidget(auditNote);
    auditLayout->addLayout(auditBar);
    m_auditView = table(m_controller.audit(), tr("Audit log"), auditTab);
    auditLayout->addWidget(m_auditView, 1);
    m_auditMore = new QPushButton(tr("Load &older entries"), auditTab);
    m_auditMore->setAccessibleName(tr("Load older audit entries"));
    auditLayout->addWidget(m_auditMore, 0, Qt::AlignRight);
    m_tabs->addTab(auditTab, tr("Audit log"));
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    statusBar()->setAccessibleName(tr("Messages from Warmline"));

    connect(go, &QPushButton::clicked, this, &ReviewWindow::runSearch);
    connect(m_search, &QLineEdit::returnPressed, this, &ReviewWindow::runSearch);
    connect(m_more, &QPushButton::clicked, &m_controller, &ReviewController::loadMore);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const qint64 id = current.data(ContactIdRole).toLongLong();
                const auto& open = m_controller.current();
                if (id > 0 && (!open || open->row.id != id)) {
                    m_controller.open(id);
                }
            });
    connect(&m_controller, &ReviewController::listChanged, this, &ReviewWindow::updateCount);
    connect(&m_controller, &ReviewController::currentChanged, this, [this] {
        const auto& d = m_controller.current();
        m_pane->showDetail(d ? &*d : nullptr, m_controller.canReveal());
    });
    connect(&m_controller, &ReviewController::revealed, m_pane, &ReviewPane::showNumber);
    connect(&m_controller, &ReviewController::notice, this,
            [this](const QString& s) { statusBar()->showMessage(s, 15000); });
    connect(&m_controller, &ReviewController::optionsLoaded, this,
            [this](const QList<QPair<qint64, QString>>& operators, const QStringList& topics) {
                for (const auto& [id, name] : operators) {
                    m_operator->addItem(name, id);
                }
                for (const auto& t : topics) {
                    m_topic->addItem(t, t);
                }
            });
    connect(m_pane, &ReviewPane::markRequested, &m_controller, &ReviewController::setReviewed);
    connect(m_pane, &ReviewPane::commentRequested, &m_controller, &ReviewController::addComment);
    connect(m_pane, &ReviewPane::followUpRequested, &m_controller, &ReviewController::setFollowUp);
    connect(m_pane, &ReviewPane::revealRequested, &m_controller, &ReviewController::reveal);
    connect(m_auditAction, &QComboBox::activated, this,
            [this] { m_controller.loadAudit(m_auditAction->currentData().toString()); });
    connect(m_auditMore, &QPushButton::clicked, &m_controller, &ReviewController::loadMoreAudit);
    connect(m_controller.audit(), &QAbstractItemModel::modelReset, this,
            [this] { m_auditMore->setEnabled(m_controller.auditHasMore()); });
    connect(m_controller.audit(), &QAbstractItemModel::rowsInserted, this,
            [this] { m_auditMore->setEnabled(m_controller.auditHasMore()); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1) {
            m_controller.loadAudit(m_auditAction->currentData().toString());
        }
    });

    m_controller.loadOptions();
    updateCount();
    resize(1360, 820);
}

ReviewQuery ReviewWindow::query() const
{
    ReviewQuery q;
    q.from = isoDate(m_from);
    q.to = isoDate(m_to);
    q.operatorId = m_operator->currentData().toLongLong();
    q.channel = m_channel->currentData().toString();
    q.topic = m_topic->currentData().toString();
    q.risk = m_risk->currentData().toString();
    q.escalated = m_escalated->currentIndex() == 0 ? -1 : m_escalated->currentData().toInt();
    q.unreviewed = m_unreviewed->isChecked();
    q.followUp = m_followUp->isChecked();
    q.search = m_search->text();
    return q;
}

void ReviewWindow::runSearch()
{
    m_controller.search(query());
}

void ReviewWindow::updateCount()
{
    const auto* list = m_controller.list();
    m_count->setText(list->rowCount() == 0
                         ? tr("No contacts match.")
                         : tr("%1 of %2 contacts shown").arg(list->rowCount()).arg(list->total()));
    m_more->setEnabled(m_controller.hasMore());
}

} // namespace warmline::app
