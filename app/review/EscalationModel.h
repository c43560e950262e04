#pragma once

// A contact's escalation records as one timeline for the review pane: each
// escalation's opening (level, source, the signals that fired), every step
// the operator or lead took, and its close with the outcome. GUI thread only.

#include "app/link/SupervisionRecords.h"

#include <QAbstractTableModel>
#include <QList>

namespace warmline::app {

class EscalationModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        WhenColumn,
        WhoColumn,
        WhatColumn,
        DetailColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit EscalationModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setEscalations(const QList<EscalationRecordQt>& escalations);
    int escalationCount() const { return m_escalations; }

private:
    struct Line
    {
        qint64 at = 0;
        QString who;
        QString what;
        QString detail;
        bool heading = false; ///< an escalation's opening line
    };
    QList<Line> m_lines;
    int m_escalations = 0;
};

} // namespace warmline::app
