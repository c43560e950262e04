#include "app/board/AlertsModel.h"

#include "app/link/LinkRecords.h"
#include "app/widgets/ModelRoles.h"
#include "app/widgets/Theme.h"

#include <QApplication>
#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace warmline::app {

AlertsModel::AlertsModel(QObject* parent)
    : QAbstractTableModel(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &AlertsModel::tick);
    m_tick.start();
}

int AlertsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AlertsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool AlertsModel::before(const Alert& a, const Alert& b)
{
    const bool ea = a.kind == AlertKind::Escalation;
    const bool eb = b.kind == AlertKind::Escalation;
    if (ea != eb) {
        return ea;
    }
    if (a.level != b.level) {
        return a.level > b.level;
    }
    return a.raisedAt != b.raisedAt ? a.raisedAt < b.raisedAt : a.id < b.id;
}

QVariant AlertsModel::data(const QModelIndex& index, int role) const
{
    const Alert* a = index.isValid() ? alertAt(index.row()) : nullptr;
    if (!a || index.column() >= ColumnCount) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case LevelColumn:
            return alertLevelText(a->level);
        case KindColumn:
            return alertKindText(a->kind);
        case TextColumn:
            return QString::fromStdString(a->text);
        case RaisedColumn:
            return tr("%1 ago").arg(durationText(now() - a->raisedAt));
        case RepeatsColumn:
            if (a->repeatCount == 0) {
                return role == Qt::AccessibleTextRole ? tr("Not repeated") : QString();
            }
            return a->toAll ? tr("%n time(s), sent to everyone", nullptr, a->repeatCount)
                            : tr("%n time(s)", nullptr, a->repeatCount);
        }
        break;
    case Qt::ToolTipRole:
        return QString::fromStdString(a->text);
    case Qt::ForegroundRole:
        if (index.column() == LevelColumn) {
            const auto palette = QApplication::palette();
            if (a->level >= AlertLevel::High) {
                return QVariant::fromValue(toneColor(palette, Tone::Trouble));
            }
            if (a->level == AlertLevel::Warning) {
                return QVariant::fromValue(toneColor(palette, Tone::Warning));
            }
        }
        break;
    case Qt::FontRole:
        if (a->kind == AlertKind::Escalation || a->repeatCount > 0) {
            QFont f = QApplication::font();
            f.setBold(true);
            return f;
        }
        break;
    case AlertIdRole:
        return static_cast<qint64>(a->id);
    case AlertLevelRole:
        return static_cast<int>(a->level);
    case ContactIdRole:
        return a->contactId ? QVariant(static_cast<qint64>(*a->contactId)) : QVariant();
    case OperatorIdRole:
        return a->operatorId ? QVariant(static_cast<qint64>(*a->operatorId)) : QVariant();
    case TimeRole:
        return static_cast<qint64>(a->raisedAt);
    case SortRole:
        switch (index.column()) {
        case LevelColumn:
            return static_cast<int>(a->level);
        case RaisedColumn:
            return static_cast<qint64>(a->raisedAt);
        case RepeatsColumn:
            return a->repeatCount;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case LevelColumn:
        return tr("Level");
    case KindColumn:
        return tr("Alert");
    case TextColumn:
        return tr("What");
    case RaisedColumn:
        return tr("Raised");
    case RepeatsColumn:
        return tr("Repeated");
    }
    return {};
}

void AlertsModel::resetAlerts(const QList<Alert>& alerts)
{
    beginResetModel();
    m_rows.clear();
    for (const auto& a : alerts) {
        if (a.open()) {
            m_rows.append(a);
        }
    }
    std::sort(m_rows.begin(), m_rows.end(), &AlertsModel::before);
    endResetModel();
}

bool AlertsModel::raise(const Alert& alert)
{
    if (!alert.open()) {
        acknowledge(alert.id);
        return false;
    }
    const int row = rowOf(alert.id);
    if (row >= 0) {
        // A repeat: the order (level, first raised) does not change.
        m_rows[row] = alert;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return false;
    }
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), alert, &AlertsModel::before);
    const int at = static_cast<int>(it - m_rows.begin());
    beginInsertRows({}, at, at);
    m_rows.insert(at, alert);
    endInsertRows();
    return true;
}

void AlertsModel::acknowledge(qint64 alertId)
{
    const int row = rowOf(alertId);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

const Alert* AlertsModel::alertAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

const Alert* AlertsModel::alertById(qint64 id) const
{
    return alertAt(rowOf(id));
}

const Alert* AlertsModel::topEscalation() const
{
    const Alert* first = alertAt(0);
    return first && first->kind == AlertKind::Escalation ? first : nullptr;
}

int AlertsModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id) {
            return i;
        }
    }
    return -1;
}

void AlertsModel::tick()
{
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, RaisedColumn), index(rowCount() - 1, RaisedColumn),
                         {Qt::DisplayRole, Qt::AccessibleTextRole, SortRole});
    }
}

} // namespace warmline::app
