#include "app/admin/OperatorAdminModel.h"

#include "app/widgets/ModelRoles.h"

#include <QJsonArray>

#include <algorithm>

namespace warmline::app {

AccountRecord AccountRecord::fromJson(const QJsonObject& o)
{
    AccountRecord a;
    a.id = o.value(u"id").toInteger();
    a.name = o.value(u"name").toString();
    a.role = parseRole(o.value(u"role").toString().toStdString()).value_or(Role::Operator);
    a.capacity = o.value(u"capacity").toInt(3);
    for (const auto& l : o.value(u"languages").toArray()) {
        a.languages << l.toString();
    }
    a.group = o.value(u"group").toString();
    a.phone = o.value(u"sipUri").toString();
    a.disabled = o.value(u"disabled").toBool();
    a.presence =
        parsePresence(o.value(u"presence").toString().toStdString()).value_or(Presence::Offline);
    return a;
}

OperatorAdminModel::OperatorAdminModel(QObject* parent) : QAbstractTableModel(parent) {}

int OperatorAdminModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_accounts.size());
}

int OperatorAdminModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OperatorAdminModel::roleText(Role r)
{
    switch (r) {
    case Role::Operator:
        return tr("Operator");
    case Role::Lead:
        return tr("Shift lead");
    case Role::Supervisor:
        return tr("Supervisor");
    case Role::Admin:
        return tr("Administrator");
    }
    return QString();
}

QVariant OperatorAdminModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_accounts.size() || index.column() >= ColumnCount) {
        return {};
    }
    const AccountRecord& a = m_accounts[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NameColumn:
            return a.name;
        case RoleColumn:
            return roleText(a.role);
        case CapacityColumn:
            return a.capacity;
        case LanguagesColumn:
            return a.languages.join(QStringLiteral(", "));
        case GroupColumn:
            return a.group;
        case StatusColumn:
            return a.disabled ? tr("Disabled") : presenceText(a.presence);
        }
        break;
    case SortRole:
        if (index.column() == CapacityColumn) {
            return a.capacity;
        }
        return data(index, Qt::DisplayRole);
    }
    return {};
}

QVariant OperatorAdminModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case RoleColumn:
        return tr("Role");
    case CapacityColumn:
        return tr("Capacity");
    case LanguagesColumn:
        return tr("Languages");
    case GroupColumn:
        return tr("Group");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

void OperatorAdminModel::setAccounts(const QList<AccountRecord>& accounts)
{
    beginResetModel();
    m_accounts = accounts;
    std::sort(m_accounts.begin(), m_accounts.end(),
              [](const AccountRecord& a, const AccountRecord& b) { return a.name < b.name; });
    endResetModel();
}

void OperatorAdminModel::upsert(const AccountRecord& account)
{
    for (int i = 0; i < m_accounts.size(); ++i) {
        if (m_accounts[i].id == account.id) {
            m_accounts[i] = account;
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            return;
        }
    }
    const auto it = std::lower_bound(
        m_accounts.begin(), m_accounts.end(), account,
        [](const AccountRecord& a, const AccountRecord& b) { return a.name < b.name; });
    const int row = static_cast<int>(it - m_accounts.begin());
    beginInsertRows({}, row, row);
    m_accounts.insert(row, account);
    endInsertRows();
}

const AccountRecord* OperatorAdminModel::accountAt(int row) const
{
    return row >= 0 && row < m_accounts.size() ? &m_accounts[row] : nullptr;
}

} // namespace warmline::app
