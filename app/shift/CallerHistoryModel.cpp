#include "app/shift/CallerHistoryModel.h"

#include "app/widgets/ModelRoles.h"

#include <QDateTime>
#include <QLocale>

namespace warmline::app {

namespace {

QString words(QString s)
{
    // Codes like "not_sure" read better as words.
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    s.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (!s.isEmpty()) {
        s[0] = s[0].toUpper();
    }
    return s;
}

/// The caller's survey answer (docs/surveys.md) in the operator's words.
QString surveyAnswerText(int answer)
{
    switch (answer) {
    case 1:
        return CallerHistoryModel::tr("it helped");
    case 2:
        return CallerHistoryModel::tr("it helped a little");
    default:
        return CallerHistoryModel::tr("it did not help");
    }
}

} // namespace

CallerHistoryModel::CallerHistoryModel(QObject* parent) : QAbstractTableModel(parent) {}

int CallerHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CallerHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallerHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount) {
        return {};
    }
    const HistoryRecord& h = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case DateColumn:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(h.createdAt).toLocalTime(),
                                      QLocale::ShortFormat);
        case ChannelColumn:
            return words(h.channel);
        case DurationColumn:
            return h.durationMs > 0 ? durationText(h.durationMs) : QString();
        case OutcomeColumn:
            return words(h.outcome);
        case HelpedColumn:
            if (h.surveyAnswer == 0) {
                return words(h.helped);
            }
            return h.helped.isEmpty() ? tr("Caller: %1").arg(surveyAnswerText(h.surveyAnswer))
                                      : tr("%1 · Caller: %2")
                                            .arg(words(h.helped), surveyAnswerText(h.surveyAnswer));
        case RiskColumn:
            return riskText(h.risk);
        case NoteColumn:
            return h.resourcesShared.isEmpty()
                       ? h.note
                       : tr("%1 · Shared: %2").arg(h.note, h.resourcesShared.join(u", "));
        case OperatorColumn:
            return h.operatorName;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == NoteColumn) {
            QString tip = h.note;
            if (!h.topics.isEmpty()) {
                tip += QLatin1Char('\n') + tr("Topics: %1").arg(h.topics.join(u", "));
            }
            if (!h.resourcesShared.isEmpty()) {
                tip += QLatin1Char('\n') +
                       tr("Resources shared: %1").arg(h.resourcesShared.join(u", "));
            }
            return tip;
        }
        if (index.column() == HelpedColumn && h.surveyAnswer != 0) {
            return tr("The caller's answer to the survey after this contact: %1")
                .arg(surveyAnswerText(h.surveyAnswer));
        }
        break;
    case RiskRole:
        return static_cast<int>(h.risk);
    case TimeRole:
        return h.createdAt;
    case SortRole:
        if (index.column() == DateColumn) {
            return h.createdAt;
        }
        if (index.column() == DurationColumn) {
            return h.durationMs;
        }
        return data(index, Qt::DisplayRole);
    case ContactIdRole:
        return h.id;
    }
    return {};
}

QVariant CallerHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case DateColumn:
        return tr("When");
    case ChannelColumn:
        return tr("Channel");
    case DurationColumn:
        return tr("Length");
    case OutcomeColumn:
        return tr("Outcome");
    case HelpedColumn:
        return tr("Helped");
    case RiskColumn:
        return tr("Risk");
    case NoteColumn:
        return tr("Note");
    case OperatorColumn:
        return tr("Operator");
    }
    return {};
}

void CallerHistoryModel::setHistory(const QList<HistoryRecord>& history)
{
    beginResetModel();
    m_rows = history;
    std::stable_sort(
        m_rows.begin(), m_rows.end(),
        [](const HistoryRecord& a, const HistoryRecord& b) { return a.createdAt > b.createdAt; });
    endResetModel();
}

} // namespace warmline::app
