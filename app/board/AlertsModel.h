#pragma once

// The open alerts on the lead's board: escalations first, then by level and
// age. A row stays until a lead acknowledges it (alert.acknowledged); a
// repeat (alert.raised again) updates its row and marks it louder. The age
// column ticks once a second. GUI thread only.

#include "app/link/BoardRecords.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <functional>

namespace warmline::app {

class AlertsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        LevelColumn,
        KindColumn,
        TextColumn,
        RaisedColumn,
        RepeatsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit AlertsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void resetAlerts(const QList<Alert>& alerts);
    /// A raised or repeated alert; returns true when it was new.
    bool raise(const Alert& alert);
    /// An acknowledged alert leaves the list.
    void acknowledge(qint64 alertId);

    const Alert* alertAt(int row) const;
    const Alert* alertById(qint64 id) const;
    /// The most urgent open escalation, or null.
    const Alert* topEscalation() const;
    int rowOf(qint64 id) const;
    void tick();
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

private:
    static bool before(const Alert& a, const Alert& b);
    QList<Alert> m_rows;
    QTimer m_tick;
    std::function<qint64()> m_clock;
};

} // namespace warmline::app
