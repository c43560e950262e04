#include "app/review/CommentListModel.h"

#include "app/widgets/ModelRoles.h"

#include <QFont>

namespace warmline::app {

CommentListModel::CommentListModel(QObject* parent) : QAbstractTableModel(parent) {}

int CommentListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_comments.size());
}

int CommentListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CommentListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_comments.size() || index.column() >= ColumnCount) {
        return {};
    }
    const CommentRecord& c = m_comments[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case WhenColumn:
            return dateTimeText(c.at);
        case ContactColumn:
            return tr("%1 (%2)").arg(c.alias, dateTimeText(c.contactCreatedAt));
        case AuthorColumn:
            return c.authorName;
        case CommentColumn:
            return c.body;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == CommentColumn) {
            return c.body;
        }
        break;
    case Qt::FontRole:
        if (c.readAt == 0) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case ContactIdRole:
        return c.contactId;
    case TimeRole:
        return c.at;
    }
    return {};
}

QVariant CommentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case WhenColumn:
        return tr("When");
    case ContactColumn:
        return tr("Contact");
    case AuthorColumn:
        return tr("From");
    case CommentColumn:
        return tr("Comment");
    }
    return {};
}

void CommentListModel::setComments(const QList<CommentRecord>& comments)
{
    beginResetModel();
    m_comments = comments;
    endResetModel();
}

void CommentListModel::addComment(const CommentRecord& comment)
{
    for (int i = 0; i < m_comments.size(); ++i) {
        if (m_comments[i].id == comment.id) {
            m_comments[i] = comment;
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            return;
        }
    }
    beginInsertRows({}, 0, 0);
    m_comments.prepend(comment);
    endInsertRows();
}

void CommentListModel::markRead(qint64 commentId, qint64 at)
{
    for (int i = 0; i < m_comments.size(); ++i) {
        if (m_comments[i].id == commentId && m_comments[i].readAt == 0) {
            m_comments[i].readAt = at;
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
}

const CommentRecord* CommentListModel::commentAt(int row) const
{
    return row >= 0 && row < m_comments.size() ? &m_comments[row] : nullptr;
}

int CommentListModel::unreadCount() const
{
    return static_cast<int>(std::count_if(m_comments.begin(), m_comments.end(),
                                          [](const CommentRecord& c) { return c.readAt == 0; }));
}

} // namespace warmline::app
