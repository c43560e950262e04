#pragma once

// The operators on shift, as the lead's board shows them: presence and how
// long in it, the contacts each holds (alias, channel, time so far, risk),
// capacity, whether their app lost its link, and where their calls go. Rows follow board.snapshot
// and board.operator events; the time columns tick once a second with a
// dataChanged for those columns only. GUI thread only.

#include "app/link/BoardRecords.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <functional>

namespace warmline::app {

class BoardOperatorsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        PresenceColumn,
        InPresenceColumn,
        LoadColumn,
        LinkColumn,
        PhoneColumn,
        ContactsColumn, ///< last: it takes the width that is left
        ColumnCount
    };
    Q_ENUM(Column)

    explicit BoardOperatorsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Replaces every row (board.snapshot's operators).
    void resetOperators(const QList<BoardOperator>& operators);
    /// Applies one operator's row (board.operator): added, changed, or
    /// removed when no longer on shift.
    void applyOperator(const BoardOperator& op);
    /// Presence only (presence.changed), for an operator already listed.
    void applyPresence(qint64 id, Presence presence, qint64 since);

    const BoardOperator* operatorAt(int row) const;
    const BoardOperator* operatorById(qint64 id) const;
    int rowOf(qint64 id) const;
    void tick();
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

private:
    QList<BoardOperator> m_rows; ///< by name
    QTimer m_tick;
    std::function<qint64()> m_clock;
};

} // namespace warmline::app
