#include "app/admin/LineSettingsModel.h"

#include <QFont>

namespace warmline::app {

LineSettingsModel::LineSettingsModel(QObject* parent) : QAbstractTableModel(parent) {}

int LineSettingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_settings.size());
}

int LineSettingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LineSettingsModel::labelFor(const QString& key)
{
    if (key == u"line.hours") {
        return tr("Opening hours");
    }
    if (key == u"limits.calls_per_day") {
        return tr("Contacts per caller per day");
    }
    if (key == u"limits.minutes_per_call") {
        return tr("Minutes per contact");
    }
    if (key == u"targets.answer_seconds") {
        return tr("Target: answer within (seconds)");
    }
    if (key == u"targets.answered_on_time_percent") {
        return tr("Target: answered on time (%)");
    }
    if (key == u"targets.abandon_percent") {
        return tr("Target: abandoned at most (%)");
    }
    if (key == u"targets.handle_minutes") {
        return tr("Target: handle time (minutes)");
    }
    if (key == u"retention.content_days") {
        return tr("Keep messages and notes (days, 0 = forever)");
    }
    if (key == u"board.announce_listening") {
        return tr("Tell operators when a lead listens to their call (true or false)");
    }
    if (key == u"survey.show_to_operator") {
        return tr("Show the caller's survey answer to the operator who took the contact (true "
                  "or false)");
    }
    return key;
}

QVariant LineSettingsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_settings.size() || index.column() >= ColumnCount) {
        return {};
    }
    const SettingRecord& s = m_settings[index.row()];
    const bool edited = m_edits.contains(s.key);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case SettingColumn:
            return labelFor(s.key);
        case ValueColumn: {
            const QString v = edited ? m_edits.value(s.key) : s.value;
            if (role == Qt::DisplayRole && v.isEmpty() && s.key == u"line.hours") {
                return tr("(always open)");
            }
            return v;
        }
        case SourceColumn:
            if (edited) {
                return tr("Changed, not saved");
            }
            if (s.source == u"admin") {
                return tr("Set by %1, %2 (file: %3)")
                    .arg(s.setBy, dateTimeText(s.setAt),
                         s.fileValue.isEmpty() ? tr("empty") : s.fileValue);
            }
            return s.source == u"file" ? tr("Config file") : tr("Default");
        }
        break;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2").arg(s.key, s.description);
    case Qt::FontRole:
        if (edited) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::UserRole:
        return s.key;
    }
    return {};
}

QVariant LineSettingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case SettingColumn:
        return tr("Setting");
    case ValueColumn:
        return tr("Value");
    case SourceColumn:
        return tr("Comes from");
    }
    return {};
}

Qt::ItemFlags LineSettingsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    auto f = QAbstractTableModel::flags(index);
    if (index.column() == ValueColumn) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

bool LineSettingsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != ValueColumn || role != Qt::EditRole ||
        index.row() >= m_settings.size()) {
        return false;
    }
    const SettingRecord& s = m_settings[index.row()];
    const QString v = value.toString().trimmed();
    if (v == s.value) {
        m_edits.remove(s.key);
    } else {
        m_edits.insert(s.key, v);
    }
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

void LineSettingsModel::setSettings(const QList<SettingRecord>& settings)
{
    beginResetModel();
    m_settings = settings;
    m_edits.clear();
    endResetModel();
}

void LineSettingsModel::apply(const SettingRecord& setting)
{
    for (int i = 0; i < m_settings.size(); ++i) {
        if (m_settings[i].key == setting.key) {
            m_settings[i] = setting;
            m_edits.remove(setting.key);
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            return;
        }
    }
}

QList<QPair<QString, QString>> LineSettingsModel::edits() const
{
    QList<QPair<QString, QString>> out;
    for (const auto& s : m_settings) {
        if (m_edits.contains(s.key)) {
            out.append({s.key, m_edits.value(s.key)});
        }
    }
    return out;
}

void LineSettingsModel::dropEdits()
{
    if (m_edits.isEmpty()) {
        return;
    }
    m_edits.clear();
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const SettingRecord* LineSettingsModel::settingAt(int row) const
{
    return row >= 0 && row < m_settings.size() ? &m_settings[row] : nullptr;
}

} // namespace warmline::app
