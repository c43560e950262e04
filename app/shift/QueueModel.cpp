#include "app/shift/QueueModel.h"

#include "app/widgets/ModelRoles.h"

#include <QLocale>
#include <algorithm>

namespace warmline::app {

QueueModel::QueueModel(QObject* parent) : ContactListModel(parent)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &QueueModel::tick);
    m_tick.start();
}

int QueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex& index, int role) const
{
    const ContactRecord* c = index.isValid() ? contactAt(index.row()) : nullptr;
    if (!c || index.column() >= ColumnCount) {
        return {};
    }
    const qint64 waited = now() - c->queuedAt;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case ChannelColumn:
            return channelText(c->channel);
        case AliasColumn:
            return c->alias;
        case WaitingColumn:
            return durationText(waited);
        case RiskColumn:
            return role == Qt::AccessibleTextRole && c->risk == RiskLevel::None
                       ? tr("No risk signs")
                       : riskText(c->risk);
        case PreviewColumn:
            return c->preview;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == PreviewColumn) {
            return c->preview;
        }
        if (index.column() == RiskColumn) {
            return riskReason(*c);
        }
        if (index.column() == WaitingColumn) {
            return tr("Waiting since %1")
                .arg(QLocale().toString(
                    QDateTime::fromMSecsSinceEpoch(c->queuedAt).toLocalTime().time(),
                    QLocale::ShortFormat));
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == WaitingColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case ContactIdRole:
        return c->id;
    case RiskRole:
        return static_cast<int>(c->risk);
    case ChannelRole:
        return static_cast<int>(c->channel);
    case TimeRole:
        return c->queuedAt;
    case SortRole:
        switch (index.column()) {
        case WaitingColumn:
            return waited;
        case RiskColumn:
            return static_cast<int>(c->risk);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case ChannelColumn:
        return tr("Channel");
    case AliasColumn:
        return tr("Caller");
    case WaitingColumn:
        return tr("Waiting");
    case RiskColumn:
        return tr("Risk");
    case PreviewColumn:
        // The start of the latest text, as in My contacts.
        return tr("Latest words");
    }
    return {};
}

void QueueModel::tick()
{
    if (rowCount() > 0) {
        emit dataChanged(index(0, WaitingColumn), index(rowCount() - 1, WaitingColumn),
                         {Qt::DisplayRole, Qt::AccessibleTextRole, SortRole});
    }
}

bool QueueModel::belongs(const ContactRecord& c) const
{
    return c.state == ContactState::Queued;
}

void QueueModel::order(QList<ContactRecord>& rows) const
{
    // The gateway's order (protocol.md): risk first, then longest wait.
    std::stable_sort(rows.begin(), rows.end(), [](const ContactRecord& a, const ContactRecord& b) {
        if (a.risk != b.risk) {
            return a.risk > b.risk;
        }
        return a.queuedAt < b.queuedAt;
    });
}

} // namespace warmline::app
