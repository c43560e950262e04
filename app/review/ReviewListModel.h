#pragma once

// Ended contacts for review (review.list), newest first, page by page. A
// reviewed mark or follow-up flag set in the review pane updates its row in
// place. GUI thread only.

#include "app/link/SupervisionRecords.h"

#include <QAbstractTableModel>
#include <QList>

namespace warmline::app {

class ReviewListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        WhenColumn,
        AliasColumn,
        ChannelColumn,
        OperatorColumn,
        RiskColumn,
        OutcomeColumn,
        TopicsColumn,
        EscalatedColumn,
        ReviewedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ReviewListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// A new first page (a new filter).
    void setRows(const QList<ReviewRowRecord>& rows, qint64 total);
    /// The next page, after the rows shown.
    void appendRows(const QList<ReviewRowRecord>& rows);
    /// Replaces the row with the same id, if shown.
    void updateRow(const ReviewRowRecord& row);
    const ReviewRowRecord* rowAt(int row) const;
    int rowOf(qint64 contactId) const;
    qint64 total() const { return m_total; }

private:
    QList<ReviewRowRecord> m_rows;
    qint64 m_total = 0;
};

} // namespace warmline::app
