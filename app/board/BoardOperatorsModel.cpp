#include "app/board/BoardOperatorsModel.h"

#include "app/link/LinkRecords.h"
#include "app/widgets/ModelRoles.h"
#include "app/widgets/Theme.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace warmline::app {

BoardOperatorsModel::BoardOperatorsModel(QObject* parent)
    : QAbstractTableModel(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &BoardOperatorsModel::tick);
    m_tick.start();
}

int BoardOperatorsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int BoardOperatorsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString heldText(const HeldContact& c, qint64 now)
{
    QString s = QStringLiteral("%1 (%2, %3")
                    .arg(c.alias, channelText(c.channel),
                         c.heldSince ? durationText(now - c.heldSince) : QStringLiteral("–"));
    if (c.risk != RiskLevel::None) {
        s += QStringLiteral(", ") + riskText(c.risk);
    }
    if (c.state == ContactState::WrapUp) {
        s += QStringLiteral(", ") + contactStateText(c.state);
    }
    return s + QLatin1Char(')');
}

/// "App softphone", or "App softphone – no answer since 14:02"
/// when it did not answer the gateway's last check (decision 147).
QString withCheck(const QString& kind, const BoardOperator& op)
{
    if (!op.phoneChecked || op.phoneAnswering) {
        return kind;
    }
    if (op.phoneAnsweredAt == 0) {
        return BoardOperatorsModel::tr("%1 – no answer").arg(kind);
    }
    const QString at =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(op.phoneAnsweredAt).toLocalTime().time(),
                           QLocale::ShortFormat);
    return BoardOperatorsModel::tr("%1 – no answer since %2").arg(kind, at);
}

RiskLevel highestRisk(const BoardOperator& op)
{
    RiskLevel r = RiskLevel::None;
    for (const auto& c : op.held) {
        r = std::max(r, c.risk);
    }
    return r;
}

} // namespace

QVariant BoardOperatorsModel::data(const QModelIndex& index, int role) const
{
    const BoardOperator* op = index.isValid() ? operatorAt(index.row()) : nullptr;
    if (!op || index.column() >= ColumnCount) {
        return {};
    }
    const qint64 t = now();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NameColumn:
            return op->name;
        case PresenceColumn:
            return presenceText(op->presence);
        case InPresenceColumn:
            return durationText(t - op->since);
        case LoadColumn:
            return tr("%1 of %2").arg(op->held.size()).arg(op->capacity);
        case ContactsColumn: {
            QStringList parts;
            for (const auto& c : op->held) {
                parts << heldText(c, t);
            }
            return parts.isEmpty()
                       ? (role == Qt::AccessibleTextRole ? tr("No contacts") : QString())
                       : parts.join(QStringLiteral("; "));
        }
        case LinkColumn:
            if (!op->linkLostAt) {
                // Signed out (no app open) is not "connected", whatever the
                // presence column says.
                if (op->links == 0) {
                    return tr("Signed out");
                }
                // "Offline" beside "Connected" reads as a contradiction.
                return op->presence == Presence::Offline ? tr("Signed in, not taking contacts")
                                                         : tr("Connected");
            }
            return op->recoverAt > t
                       ? tr("Lost – contacts return in %1").arg(durationText(op->recoverAt - t))
                       : tr("Lost – returning contacts");
        case PhoneColumn:
            if (op->phone == u"softphone" && op->phoneHasAccount && !op->phoneRegistered) {
                return tr("App softphone – not connected");
            }
            if (op->phone == u"softphone" && op->phoneRegistered && op->phoneTransport == u"tls") {
                return withCheck(tr("App softphone, encrypted"), *op);
            }
            if (op->phone == u"softphone") {
                return withCheck(tr("App softphone"), *op);
            }
            if (op->phone == u"desk") {
                return withCheck(tr("Desk phone"), *op);
            }
            if (op->phone == u"number") {
                return tr("Own phone (presses 1)");
            }
            // An older gateway sends no phone: say nothing rather than guess.
            return op->phone == u"none" ? tr("No phone") : QString();
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == PhoneColumn &&
            ((op->phoneChecked && !op->phoneAnswering) ||
             (op->phone == u"softphone" && op->phoneHasAccount && !op->phoneRegistered))) {
            return QVariant::fromValue(toneColor(QApplication::palette(), Tone::Trouble));
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == PhoneColumn && op->phone == u"softphone" && op->phoneHasAccount &&
            !op->phoneRegistered) {
            return tr("The app's softphone has not connected to the gateway, or its connection "
                      "dropped: calls cannot reach it until it connects again. Call the "
                      "operator, or give their contacts to someone else.");
        }
        if (index.column() == PhoneColumn && op->phoneChecked) {
            if (op->phoneAnswering && op->phoneEncrypted) {
                return tr("The phone answers the gateway's checks. It is connected over TLS, "
                          "and calls to it are encrypted (SRTP).");
            }
            return op->phoneAnswering
                       ? tr("The phone answers the gateway's checks. The checks, and calls to "
                            "it, travel as plain SIP and RTP, not encrypted.")
                       : tr("The phone did not answer the gateway's last check. Calls still go "
                            "to it, and come back to the queue if it does not answer; call the "
                            "operator, or give their contacts to someone else.");
        }
        if (index.column() == ContactsColumn && !op->held.isEmpty()) {
            QStringList lines;
            for (const auto& c : op->held) {
                lines << heldText(c, t);
            }
            return lines.join(QLatin1Char('\n'));
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == InPresenceColumn || index.column() == LoadColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case OperatorIdRole:
        return op->id;
    case RiskRole:
        return static_cast<int>(highestRisk(*op));
    case SortRole:
        switch (index.column()) {
        case InPresenceColumn:
            return t - op->since;
        case LoadColumn:
            return static_cast<int>(op->held.size());
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant BoardOperatorsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn:
        return tr("Operator");
    case PresenceColumn:
        return tr("Presence");
    case InPresenceColumn:
        return tr("For");
    case LoadColumn:
        return tr("Holding");
    case ContactsColumn:
        return tr("Contacts (channel, time, risk)");
    case LinkColumn:
        return tr("App");
    case PhoneColumn:
        return tr("Calls to");
    }
    return {};
}

void BoardOperatorsModel::resetOperators(const QList<BoardOperator>& operators)
{
    beginResetModel();
    m_rows.clear();
    for (const auto& op : operators) {
        if (op.onShift()) {
            m_rows.append(op);
        }
    }
    std::sort(m_rows.begin(), m_rows.end(), [](const auto& a, const auto& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    endResetModel();
}

void BoardOperatorsModel::applyOperator(const BoardOperator& op)
{
    const int row = rowOf(op.id);
    if (row >= 0 && !op.onShift()) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    } else if (row >= 0) {
        m_rows[row] = op;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    } else if (op.onShift()) {
        const auto it =
            std::lower_bound(m_rows.begin(), m_rows.end(), op, [](const auto& a, const auto& b) {
                return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
            });
        const int at = static_cast<int>(it - m_rows.begin());
        beginInsertRows({}, at, at);
        m_rows.insert(at, op);
        endInsertRows();
    }
}

void BoardOperatorsModel::applyPresence(qint64 id, Presence presence, qint64 since)
{
    const int row = rowOf(id);
    if (row < 0) {
        return; // board.operator brings new rows, with their contacts
    }
    m_rows[row].presence = presence;
    m_rows[row].since = since;
    emit dataChanged(index(row, PresenceColumn), index(row, InPresenceColumn));
}

const BoardOperator* BoardOperatorsModel::operatorAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

const BoardOperator* BoardOperatorsModel::operatorById(qint64 id) const
{
    return operatorAt(rowOf(id));
}

int BoardOperatorsModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id) {
            return i;
        }
    }
    return -1;
}

void BoardOperatorsModel::tick()
{
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, InPresenceColumn), index(rowCount() - 1, ContactsColumn),
                         {Qt::DisplayRole, Qt::AccessibleTextRole, Qt::ToolTipRole, SortRole});
    }
}

} // namespace warmline::app
