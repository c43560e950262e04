#pragma once

// Shared base of the queue and "my contacts" tables: a replica of contact
// summaries keyed by id, replaced by a snapshot and updated by link events.
// Events are collected and applied once per event-loop turn, so a burst of
// any size is one layout change. GUI thread only.

#include "app/link/LinkRecords.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QTimer>

#include <functional>

namespace warmline::app {

class ContactListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit ContactListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;

    /// Replaces every row (the gateway's order is kept).
    void resetContacts(const QList<ContactRecord>& contacts);
    /// Queues a `contact.*` event; applied with the rest of its burst.
    void enqueueEvent(const QString& name, const QJsonObject& data);
    /// Applies queued events now (tests, and before a snapshot replaces rows).
    void flush();
    void clear();

    const ContactRecord* contactAt(int row) const;
    const ContactRecord* contactById(qint64 id) const;
    int rowOf(qint64 id) const;
    /// Milliseconds since the epoch; tests pin it.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }
    /// How many layout changes the batching produced (tests).
    int layoutChangeCount() const { return m_layoutChanges; }

signals:
    /// A contact this model did not hold before arrived (after a batch).
    void contactsAdded(const QList<qint64>& ids);

protected:
    /// Whether the contact belongs in this list after an event.
    virtual bool belongs(const ContactRecord&) const = 0;
    /// Orders rows after a batch; the default keeps arrival order.
    virtual void order(QList<ContactRecord>&) const {}
    const QList<ContactRecord>& rows() const { return m_rows; }

private:
    QList<ContactRecord> m_rows;
    QList<ContactRecord> m_pending;
    QTimer m_flushTimer;
    std::function<qint64()> m_clock;
    int m_layoutChanges = 0;
};

} // namespace warmline::app
