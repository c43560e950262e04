#pragma once

// The line's admin-editable settings (line.settings.get) with where each
// value comes from. The value column is editable; an edited row is marked
// until the gateway accepts it (apply()) or the edit is dropped. GUI thread
// only.

#include "app/link/SupervisionRecords.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace warmline::app {

class LineSettingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SettingColumn,
        ValueColumn,
        SourceColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit LineSettingsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    void setSettings(const QList<SettingRecord>& settings);
    /// The gateway's answer for one key: replaces it and drops its edit.
    void apply(const SettingRecord& setting);
    /// Edited keys and their new values, in display order.
    QList<QPair<QString, QString>> edits() const;
    void dropEdits();
    const SettingRecord* settingAt(int row) const;

    /// "Calls per day" for "limits.calls_per_day".
    static QString labelFor(const QString& key);

private:
    QList<SettingRecord> m_settings;
    QHash<QString, QString> m_edits;
};

} // namespace warmline::app
