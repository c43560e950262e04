#include "app/review/ReviewListModel.h"

#include "app/widgets/ModelRoles.h"

#include <QFont>

namespace warmline::app {

ReviewListModel::ReviewListModel(QObject* parent) : QAbstractTableModel(parent) {}

int ReviewListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ReviewListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReviewListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount) {
        return {};
    }
    const ReviewRowRecord& r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case WhenColumn:
            return dateTimeText(r.createdAt);
        case AliasColumn:
            return r.alias;
        case ChannelColumn:
            return channelText(r.channel);
        case OperatorColumn:
            return r.state == ContactState::Abandoned && r.operatorName.isEmpty()
                       ? tr("(left the queue)")
                       : r.operatorName;
        case RiskColumn:
            return riskText(r.risk);
        case OutcomeColumn:
            return codeText(r.outcome);
        case TopicsColumn:
            return r.topics.join(QStringLiteral(", "));
        case EscalatedColumn:
            return r.escalated ? tr("Escalated") : QString();
        case ReviewedColumn:
            if (r.reviewedAt > 0) {
                return r.followUp ? tr("Reviewed · follow up") : tr("Reviewed");
            }
            return r.followUp ? tr("Follow up") : QString();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ReviewedColumn && r.reviewedAt > 0) {
            return tr("Reviewed by %1 on %2").arg(r.reviewedBy, dateTimeText(r.reviewedAt));
        }
        break;
    case Qt::FontRole:
        if (r.reviewedAt == 0 && index.column() == AliasColumn) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case ContactIdRole:
        return r.id;
    case RiskRole:
        return static_cast<int>(r.risk);
    case ChannelRole:
        return static_cast<int>(r.channel);
    case TimeRole:
        return r.createdAt;
    case SortRole:
        if (index.column() == WhenColumn) {
            return r.createdAt;
        }
        if (index.column() == RiskColumn) {
            return static_cast<int>(r.risk);
        }
        return data(index, Qt::DisplayRole);
    }
    return {};
}

QVariant ReviewListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case WhenColumn:
        return tr("When");
    case AliasColumn:
        return tr("Caller");
    case ChannelColumn:
        return tr("Channel");
    case OperatorColumn:
        return tr("Operator");
    case RiskColumn:
        return tr("Risk");
    case OutcomeColumn:
        return tr("Outcome");
    case TopicsColumn:
        return tr("Topics");
    case EscalatedColumn:
        return tr("Escalation");
    case ReviewedColumn:
        return tr("Review");
    }
    return {};
}

void ReviewListModel::setRows(const QList<ReviewRowRecord>& rows, qint64 total)
{
    beginResetModel();
    m_rows = rows;
    m_total = total;
    endResetModel();
}

void ReviewListModel::appendRows(const QList<ReviewRowRecord>& rows)
{
    if (rows.isEmpty()) {
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    m_rows.append(rows);
    endInsertRows();
}

void ReviewListModel::updateRow(const ReviewRowRecord& row)
{
    const int r = rowOf(row.id);
    if (r < 0) {
        return;
    }
    m_rows[r] = row;
    emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
}

const ReviewRowRecord* ReviewListModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int ReviewListModel::rowOf(qint64 contactId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == contactId) {
            return i;
        }
    }
    return -1;
}

} // namespace warmline::app
