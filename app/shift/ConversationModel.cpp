#include "app/shift/ConversationModel.h"

#include "app/widgets/ModelRoles.h"

#include <QDateTime>
#include <QLocale>

namespace warmline::app {

ConversationModel::ConversationModel(QObject* parent) : QAbstractTableModel(parent) {}

int ConversationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_messages.size());
}

int ConversationModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConversationModel::data(const QModelIndex& index, int role) const
{
    const MessageRecord* m = index.isValid() ? messageAt(index.row()) : nullptr;
    if (!m || index.column() >= ColumnCount) {
        return {};
    }
    const bool outbound = m->direction == Direction::Outbound;
    const bool failed = m->status == DeliveryStatus::Failed ||
                        m->status == DeliveryStatus::Undelivered ||
                        m->status == DeliveryStatus::Unknown;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(m->at).toLocalTime().time(),
                                      QLocale::ShortFormat);
        case SenderColumn:
            if (outbound && m->automatic) {
                return tr("Line (automatic)");
            }
            return outbound ? (m_outboundName.isEmpty() ? tr("You") : m_outboundName)
                            : (m_alias.isEmpty() ? tr("Caller") : m_alias);
        case BodyColumn:
            return m->body;
        case StatusColumn:
            if (m->waiting) {
                return tr("Not sent yet — kept on this computer, will send when back online");
            }
            if (m->unsent) {
                return tr("Not sent");
            }
            if (failed && !m->error.isEmpty()) {
                return tr("%1 (%2)").arg(deliveryText(m->status), m->error);
            }
            return outbound ? deliveryText(m->status) : QString();
        }
        break;
    case Qt::AccessibleTextRole:
        return tr("%1 at %2: %3. %4")
            .arg(data(this->index(index.row(), SenderColumn)).toString(),
                 data(this->index(index.row(), TimeColumn)).toString(), m->body,
                 data(this->index(index.row(), StatusColumn)).toString());
    case Qt::ToolTipRole:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(m->at).toLocalTime(),
                                  QLocale::LongFormat);
    case MessageIdRole:
        return m->id;
    case DirectionRole:
        return static_cast<int>(m->direction);
    case StatusRole:
        return static_cast<int>(m->status);
    case CanRetryRole:
        return !m_readOnly && outbound && (failed || m->unsent);
    case UnsentRole:
        return m->unsent;
    case WaitingRole:
        return m->waiting;
    case TimeRole:
    case SortRole:
        return m->at;
    case ContactIdRole:
        return m->contactId;
    }
    return {};
}

QVariant ConversationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SenderColumn:
        return tr("From");
    case BodyColumn:
        return tr("Message");
    case StatusColumn:
        return tr("Delivery");
    }
    return {};
}

void ConversationModel::setConversation(qint64 contactId, const QList<MessageRecord>& messages,
                                        const QString& callerAlias)
{
    beginResetModel();
    m_contactId = contactId;
    m_alias = callerAlias;
    m_messages = messages;
    std::stable_sort(m_messages.begin(), m_messages.end(),
                     [](const MessageRecord& a, const MessageRecord& b) { return a.at < b.at; });
    endResetModel();
}

void ConversationModel::applyMessage(const MessageRecord& message)
{
    if (message.contactId != m_contactId || m_contactId == 0) {
        return;
    }
    const int row = rowOfId(message.id);
    if (row >= 0) {
        MessageRecord& m = m_messages[row];
        if (m.status != message.status && !deliveryStatusMayAdvance(m.status, message.status)) {
            return; // a late event must not move delivery backwards
        }
        m = message;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    // Insert by time; the newest message almost always goes last.
    int at = static_cast<int>(m_messages.size());
    while (at > 0 && m_messages[at - 1].at > message.at) {
        --at;
    }
    beginInsertRows({}, at, at);
    m_messages.insert(at, message);
    endInsertRows();
}

void ConversationModel::addLocal(qint64 localId, const QString& body, qint64 at, bool unsent,
                                 bool waiting)
{
    MessageRecord m;
    m.id = localId;
    m.contactId = m_contactId;
    m.direction = Direction::Outbound;
    m.body = body;
    m.at = at;
    m.status = DeliveryStatus::Queued;
    m.unsent = unsent;
    m.waiting = waiting && !unsent;
    const int row = rowOfId(localId);
    if (row >= 0) {
        m_messages[row] = m;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, rowCount(), rowCount());
    m_messages.append(m);
    endInsertRows();
}

void ConversationModel::resolveLocal(qint64 localId, const MessageRecord& message)
{
    const int local = rowOfId(localId);
    if (local < 0) {
        applyMessage(message);
        return;
    }
    if (rowOfId(message.id) >= 0) {
        removeLocal(localId);
        return;
    }
    m_messages[local] = message;
    emit dataChanged(index(local, 0), index(local, ColumnCount - 1));
}

void ConversationModel::markLocalUnsent(qint64 localId, bool unsent)
{
    const int row = rowOfId(localId);
    if (row >= 0) {
        m_messages[row].unsent = unsent;
        m_messages[row].waiting = false;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void ConversationModel::removeLocal(qint64 localId)
{
    const int row = rowOfId(localId);
    if (row >= 0) {
        beginRemoveRows({}, row, row);
        m_messages.removeAt(row);
        endRemoveRows();
    }
}

const MessageRecord* ConversationModel::messageAt(int row) const
{
    return row >= 0 && row < m_messages.size() ? &m_messages[row] : nullptr;
}

int ConversationModel::rowOfId(qint64 id) const
{
    for (qsizetype i = 0; i < m_messages.size(); ++i) {
        if (m_messages[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

} // namespace warmline::app
