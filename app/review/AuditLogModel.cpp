#include "app/review/AuditLogModel.h"

#include "app/widgets/ModelRoles.h"

namespace warmline::app {

AuditLogModel::AuditLogModel(QObject* parent) : QAbstractTableModel(parent) {}

int AuditLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditLogModel::actionText(const QString& action)
{
    if (action == u"contact.open") {
        return tr("Opened a contact");
    }
    if (action == u"caller.open") {
        return tr("Opened a caller's details");
    }
    if (action == u"caller.reveal") {
        return tr("Revealed a number");
    }
    if (action == u"review.mark") {
        return tr("Review mark");
    }
    if (action == u"review.comment") {
        return tr("Commented");
    }
    if (action == u"review.followup") {
        return tr("Follow-up flag");
    }
    if (action == u"setting.set") {
        return tr("Changed a line setting");
    }
    if (action == u"operator.change") {
        return tr("Changed an account");
    }
    if (action == u"retention.purge") {
        return tr("Retention purge");
    }
    if (action == u"contact.watch") {
        return tr("Read a live conversation");
    }
    if (action == u"contact.takeover") {
        return tr("Took over a conversation");
    }
    if (action == u"call.listen") {
        return tr("Listened to a live call");
    }
    if (action == u"plan.consent") {
        return tr("Recorded consent to keep a plan");
    }
    if (action == u"plan.delete") {
        return tr("Deleted a caller's plan");
    }
    return action;
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size() || index.column() >= ColumnCount) {
        return {};
    }
    const AuditRecord& e = m_entries[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case WhenColumn:
            return dateTimeText(e.at);
        case WhoColumn:
            return e.operatorName.isEmpty() ? tr("(the gateway)") : e.operatorName;
        case ActionColumn:
            return actionText(e.action);
        case ContactColumn:
            return e.contactId > 0 ? QString::number(e.contactId) : QString();
        case DetailColumn:
            return e.detail;
        }
        break;
    case Qt::ToolTipRole:
        return index.column() == DetailColumn ? e.detail : e.action;
    case ContactIdRole:
        return e.contactId;
    case TimeRole:
        return e.at;
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case WhenColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case ContactColumn:
        return tr("Contact");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

void AuditLogModel::setEntries(const QList<AuditRecord>& entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void AuditLogModel::appendEntries(const QList<AuditRecord>& entries)
{
    if (entries.isEmpty()) {
        return;
    }
    const int first = static_cast<int>(m_entries.size());
    beginInsertRows({}, first, first + static_cast<int>(entries.size()) - 1);
    m_entries.append(entries);
    endInsertRows();
}

qint64 AuditLogModel::oldestId() const
{
    return m_entries.isEmpty() ? 0 : m_entries.back().id;
}

} // namespace warmline::app
