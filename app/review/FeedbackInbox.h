#pragma once

// Supervisors' comments on the signed-in operator's contacts: fetched after
// login (comment.list), kept current by the `review.comment` event, marked
// read when the operator opens them (comment.read). GUI thread only.

#include "app/link/LinkConnection.h"
#include "app/review/CommentListModel.h"

#include <QObject>

namespace warmline::app {

class FeedbackInbox : public QObject
{
    Q_OBJECT
public:
    explicit FeedbackInbox(LinkConnection& link, QObject* parent = nullptr);

    CommentListModel* comments() { return &m_comments; }
    int unread() const { return m_comments.unreadCount(); }
    void refresh();
    void markRead(qint64 commentId);

signals:
    /// A comment arrived while signed in.
    void arrived(const CommentRecord& comment);
    void unreadChanged(int unread);

private:
    LinkConnection& m_link;
    CommentListModel m_comments;
};

} // namespace warmline::app
