#include "app/shift/ContactListModel.h"

#include <QDateTime>
#include <QSet>

namespace warmline::app {

ContactListModel::ContactListModel(QObject* parent)
    : QAbstractTableModel(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &ContactListModel::flush);
}

int ContactListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

void ContactListModel::resetContacts(const QList<ContactRecord>& contacts)
{
    m_pending.clear();
    m_flushTimer.stop();
    beginResetModel();
    m_rows.clear();
    for (const auto& c : contacts) {
        if (belongs(c)) {
            m_rows.append(c);
        }
    }
    endResetModel();
}

void ContactListModel::enqueueEvent(const QString& name, const QJsonObject& data)
{
    if (!name.startsWith(u"contact.")) {
        return;
    }
    m_pending.append(ContactRecord::fromJson(data.value(u"contact").toObject()));
    if (!m_flushTimer.isActive()) {
        m_flushTimer.start();
    }
}

void ContactListModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty()) {
        return;
    }
    QList<ContactRecord> next = m_rows;
    QList<qint64> added;
    QSet<qint64> before;
    for (const auto& c : std::as_const(m_rows)) {
        before.insert(c.id);
    }
    for (const auto& c : std::as_const(m_pending)) {
        auto it = std::find_if(next.begin(), next.end(),
                               [&](const ContactRecord& r) { return r.id == c.id; });
        if (belongs(c)) {
            if (it != next.end()) {
                *it = c;
            } else {
                next.append(c);
            }
        } else if (it != next.end()) {
            next.erase(it);
        }
    }
    m_pending.clear();
    order(next);

    bool sameRows = next.size() == m_rows.size();
    for (qsizetype i = 0; sameRows && i < next.size(); ++i) {
        sameRows = next[i].id == m_rows[i].id;
    }
    if (sameRows) {
        m_rows = next;
        if (!m_rows.isEmpty()) {
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        }
        return;
    }

    emit layoutAboutToBeChanged();
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const auto& idx : from) {
        const qint64 id = m_rows.value(idx.row()).id;
        int newRow = -1;
        for (qsizetype i = 0; i < next.size(); ++i) {
            if (next[i].id == id) {
                newRow = static_cast<int>(i);
                break;
            }
        }
        to.append(newRow < 0 ? QModelIndex() : createIndex(newRow, idx.column()));
    }
    m_rows = next;
    changePersistentIndexList(from, to);
    emit layoutChanged();
    ++m_layoutChanges;

    for (const auto& c : std::as_const(m_rows)) {
        if (!before.contains(c.id)) {
            added.append(c.id);
        }
    }
    if (!added.isEmpty()) {
        emit contactsAdded(added);
    }
}

void ContactListModel::clear()
{
    resetContacts({});
}

const ContactRecord* ContactListModel::contactAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

const ContactRecord* ContactListModel::contactById(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_rows[row];
}

int ContactListModel::rowOf(qint64 id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

} // namespace warmline::app
