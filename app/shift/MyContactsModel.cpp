#include "app/shift/MyContactsModel.h"

#include "app/widgets/ModelRoles.h"

namespace warmline::app {

MyContactsModel::MyContactsModel(QObject* parent) : ContactListModel(parent) {}

int MyContactsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MyContactsModel::data(const QModelIndex& index, int role) const
{
    const ContactRecord* c = index.isValid() ? contactAt(index.row()) : nullptr;
    if (!c || index.column() >= ColumnCount) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case ChannelColumn:
            return channelText(c->channel);
        case AliasColumn:
            return c->alias;
        case StateColumn:
            return contactStateText(c->state);
        case RiskColumn:
            return role == Qt::AccessibleTextRole && c->risk == RiskLevel::None
                       ? tr("No risk signs")
                       : riskText(c->risk);
        case PreviewColumn:
            return c->preview;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == RiskColumn) {
            return riskReason(*c);
        }
        return index.column() == PreviewColumn ? QVariant(c->preview) : QVariant();
    case ContactIdRole:
        return c->id;
    case RiskRole:
        return static_cast<int>(c->risk);
    case ChannelRole:
        return static_cast<int>(c->channel);
    case TimeRole:
        return c->createdAt;
    case SortRole:
        return index.column() == RiskColumn ? QVariant(static_cast<int>(c->risk))
                                            : data(index, Qt::DisplayRole);
    }
    return {};
}

QVariant MyContactsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case ChannelColumn:
        return tr("Channel");
    case AliasColumn:
        return tr("Caller");
    case StateColumn:
        return tr("State");
    case RiskColumn:
        return tr("Risk");
    case PreviewColumn:
        return tr("Latest words");
    }
    return {};
}

bool MyContactsModel::belongs(const ContactRecord& c) const
{
    return m_operatorId != 0 && c.operatorId == m_operatorId &&
           (c.state == ContactState::Active || c.state == ContactState::Offered ||
            c.state == ContactState::WrapUp);
}

} // namespace warmline::app
