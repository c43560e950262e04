#pragma once

// The audit log as supervisors read it (audit.list), newest first, page by
// page. Read-only: nothing in the app can change an entry. GUI thread only.

#include "app/link/SupervisionRecords.h"

#include <QAbstractTableModel>
#include <QList>

namespace warmline::app {

class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        WhenColumn,
        WhoColumn,
        ActionColumn,
        ContactColumn,
        DetailColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit AuditLogModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setEntries(const QList<AuditRecord>& entries);
    void appendEntries(const QList<AuditRecord>& entries);
    /// The oldest entry shown (for the next page), 0 when none.
    qint64 oldestId() const;

    /// "Opened a contact" for "contact.open".
    static QString actionText(const QString& action);

private:
    QList<AuditRecord> m_entries;
};

} // namespace warmline::app
