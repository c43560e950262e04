#include "app/review/FeedbackInbox.h"

#include <QDateTime>
#include <QJsonArray>

namespace warmline::app {

FeedbackInbox::FeedbackInbox(LinkConnection& link, QObject* parent) : QObject(parent), m_link(link)
{
    connect(&m_link, &LinkConnection::loggedIn, this, &FeedbackInbox::refresh);
    // After a reconnect that could not replay events, comments may have been missed.
    connect(&m_link, &LinkConnection::snapshotReceived, this, &FeedbackInbox::refresh);
    connect(&m_link, &LinkConnection::eventReceived, this,
            [this](const QString& name, const QJsonObject& data) {
                if (name != u"review.comment") {
                    return;
                }
                const auto comment = CommentRecord::fromJson(data.value(u"comment").toObject());
                m_comments.addComment(comment);
                emit arrived(comment);
                emit unreadChanged(unread());
            });
    if (m_link.isOnline()) {
        refresh();
    }
}

void FeedbackInbox::refresh()
{
    m_link.request(QStringLiteral("comment.list"), {}, [this](const LinkReply& r) {
        if (!r.ok) {
            return; // an older gateway: no feedback to show
        }
        QList<CommentRecord> comments;
        for (const auto& c : r.data.value(u"comments").toArray()) {
            comments.append(CommentRecord::fromJson(c.toObject()));
        }
        m_comments.setComments(comments);
        emit unreadChanged(unread());
    });
}

void FeedbackInbox::markRead(qint64 commentId)
{
    m_link.request(QStringLiteral("comment.read"), {{QStringLiteral("commentId"), commentId}},
                   [this, commentId](const LinkReply& r) {
                       if (r.ok) {
                           m_comments.markRead(commentId, QDateTime::currentMSecsSinceEpoch());
                           emit unreadChanged(unread());
                       }
                   });
}

} // namespace warmline::app
