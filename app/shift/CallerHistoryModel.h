#pragma once

// A caller's earlier contacts (caller.get's history), newest first. GUI
// thread only.

#include "app/link/LinkRecords.h"

#include <QAbstractTableModel>
#include <QList>

namespace warmline::app {

class CallerHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        DateColumn,
        ChannelColumn,
        DurationColumn,
        OutcomeColumn,
        HelpedColumn,
        RiskColumn,
        NoteColumn,
        OperatorColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit CallerHistoryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setHistory(const QList<HistoryRecord>& history);

private:
    QList<HistoryRecord> m_rows;
};

} // namespace warmline::app
