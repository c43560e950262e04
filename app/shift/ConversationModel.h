#pragma once

// The messages of the contact open in the workspace, oldest first, with
// delivery state. Outbox entries (typed while offline or not yet acked)
// appear with negative ids until the gateway takes them. GUI thread only.

#include "app/link/LinkRecords.h"

#include <QAbstractTableModel>
#include <QList>

namespace warmline::app {

class ConversationModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        SenderColumn,
        BodyColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ConversationModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    qint64 contactId() const { return m_contactId; }
    /// Shows another contact's thread (0: none).
    void setConversation(qint64 contactId, const QList<MessageRecord>& messages,
                         const QString& callerAlias = QString());
    /// A message.* event or an ack: inserts or updates by id. Ignores other
    /// contacts' messages. Delivery only moves forward.
    void applyMessage(const MessageRecord&);
    /// A local outbox entry (negative id).
    /// `unsent`: the operator must retry it; `waiting`: typed while offline,
    /// sent by itself when the link is back.
    void addLocal(qint64 localId, const QString& body, qint64 at, bool unsent,
                  bool waiting = false);
    /// The gateway took the local entry: it becomes `message` (or goes away
    /// if an event already brought that message).
    void resolveLocal(qint64 localId, const MessageRecord& message);
    void markLocalUnsent(qint64 localId, bool unsent);
    void removeLocal(qint64 localId);
    /// A thread read by someone else (review): outbound texts are labelled
    /// `outboundName` instead of "You", and nothing offers a retry. The
    /// line's automatic replies are "Line (automatic)" either way.
    void setReadOnly(const QString& outboundName)
    {
        m_readOnly = true;
        m_outboundName = outboundName;
    }
    const MessageRecord* messageAt(int row) const;
    int rowOfId(qint64 id) const;

private:
    qint64 m_contactId = 0;
    QString m_alias;
    QString m_outboundName; ///< empty: "You"
    bool m_readOnly = false;
    QList<MessageRecord> m_messages;
};

} // namespace warmline::app
