#include "app/review/EscalationModel.h"

#include "app/widgets/ModelRoles.h"

#include <QFont>

namespace warmline::app {

EscalationModel::EscalationModel(QObject* parent) : QAbstractTableModel(parent) {}

int EscalationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

int EscalationModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EscalationModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size() || index.column() >= ColumnCount) {
        return {};
    }
    const Line& l = m_lines[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case WhenColumn:
            return dateTimeText(l.at);
        case WhoColumn:
            return l.who;
        case WhatColumn:
            return l.what;
        case DetailColumn:
            return l.detail;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == DetailColumn) {
            return l.detail;
        }
        break;
    case Qt::FontRole:
        if (l.heading) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case TimeRole:
        return l.at;
    }
    return {};
}

QVariant EscalationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case WhenColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case WhatColumn:
        return tr("Step");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

void EscalationModel::setEscalations(const QList<EscalationRecordQt>& escalations)
{
    beginResetModel();
    m_lines.clear();
    m_escalations = static_cast<int>(escalations.size());
    for (const auto& e : escalations) {
        QString detail = tr("Source: %1").arg(codeText(e.source));
        if (!e.riskSignals.isEmpty()) {
            detail += tr("; signals: %1").arg(e.riskSignals.join(QStringLiteral(", ")));
        }
        m_lines.append({e.openedAt, e.openedBy.isEmpty() ? tr("Risk engine") : e.openedBy,
                        tr("Escalation opened (%1)").arg(codeText(e.level)), detail, true});
        for (const auto& s : e.steps) {
            m_lines.append({s.at, s.operatorName, codeText(s.kind), s.detail, false});
        }
        if (e.state == u"open") {
            m_lines.append({0, QString(), tr("Still open"), QString(), false});
        } else {
            m_lines.append(
                {e.closedAt, e.closedBy,
                 tr("Closed: %1")
                     .arg(e.outcome.isEmpty() ? tr("no outcome recorded") : codeText(e.outcome)),
                 e.closeReason, false});
        }
    }
    endResetModel();
}

} // namespace warmline::app
