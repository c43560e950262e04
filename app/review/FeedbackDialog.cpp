#include "app/review/FeedbackDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace warmline::app {

FeedbackDialog::FeedbackDialog(FeedbackInbox& inbox, QWidget* parent)
    : QDialog(parent), m_inbox(inbox)
{
    setWindowTitle(tr("Feedback from supervisors"));
    setAccessibleName(tr("Feedback"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Comments supervisors left on contacts you handled. Unread ones "
                                "are in bold."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_view = new QTableView(this);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_view->setModel(inbox.comments());
    m_view->setAccessibleName(tr("Comments"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    auto* header = m_view->horizontalHeader();
    for (int c = 0; c + 1 < CommentListModel::ColumnCount; ++c) {
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    header->setStretchLastSection(true);
    layout->addWidget(m_view, 1);
    m_full = new QLabel(this);
    m_full->setWordWrap(true);
    m_full->setAccessibleName(tr("The comment"));
    m_full->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_full->setMinimumHeight(m_full->fontMetrics().height() * 4);
    m_full->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_full);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const auto* c = m_inbox.comments()->commentAt(current.row());
                if (!c) {
                    m_full->clear();
                    return;
                }
                m_full->setText(
                    tr("%1 on %2 (%3):\n%4")
                        .arg(c->authorName, c->alias, dateTimeText(c->contactCreatedAt), c->body));
                if (c->readAt == 0) {
                    m_inbox.markRead(c->id);
                }
            });
    resize(760, 420);
}

} // namespace warmline::app
