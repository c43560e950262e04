#pragma once

// The shared queue: contacts waiting for an operator, in the gateway's
// order (risk first, then longest wait). The waiting time ticks once a
// second with a dataChanged for that column only. GUI thread only.

#include "app/shift/ContactListModel.h"

namespace warmline::app {

class QueueModel : public ContactListModel
{
    Q_OBJECT
public:
    enum Column
    {
        ChannelColumn,
        AliasColumn,
        WaitingColumn,
        RiskColumn,
        PreviewColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit QueueModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Emits dataChanged for the waiting column (the 1 s timer calls it).
    void tick();

protected:
    bool belongs(const ContactRecord&) const override;
    void order(QList<ContactRecord>&) const override;

private:
    QTimer m_tick;
};

} // namespace warmline::app
