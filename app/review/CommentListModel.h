#pragma once

// Supervisors' comments: on the operator's own contacts (the feedback
// dialog), newest first, with unread ones in bold. GUI thread only.

#include "app/link/SupervisionRecords.h"

#include <QAbstractTableModel>
#include <QList>

namespace warmline::app {

class CommentListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        WhenColumn,
        ContactColumn,
        AuthorColumn,
        CommentColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit CommentListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setComments(const QList<CommentRecord>& comments);
    /// A comment that just arrived goes on top (or replaces its older copy).
    void addComment(const CommentRecord& comment);
    void markRead(qint64 commentId, qint64 at);
    const CommentRecord* commentAt(int row) const;
    int unreadCount() const;

private:
    QList<CommentRecord> m_comments;
};

} // namespace warmline::app
