#pragma once

// The shift lead's board as the app holds it: the queue with waiting times
// and risk, the operators on shift, the shift's figures and the open
// alerts, fed by board.snapshot (also carried in every resync snapshot for
// the roles that read the board) and the board's events; and the lead's
// actions as link requests. Holds the state so the window holds none. GUI
// thread only.

#include "app/board/AlertsModel.h"
#include "app/board/BoardOperatorsModel.h"
#include "app/link/LinkConnection.h"
#include "app/shift/QueueModel.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

namespace warmline::app {

class ShiftBoard : public QObject
{
    Q_OBJECT
public:
    explicit ShiftBoard(LinkConnection& link, QObject* parent = nullptr);

    QueueModel* queue() { return &m_queue; }
    BoardOperatorsModel* operators() { return &m_operators; }
    AlertsModel* alerts() { return &m_alerts; }
    const BoardFigures& figures() const { return m_figures; }
    bool afterHours() const { return m_afterHours; }
    /// Switchboarding: new contacts wait for a lead to assign them.
    bool switchboard() const { return m_switchboard; }
    /// How many waiting contacts switchboarding holds for a lead.
    int heldForLead() const;
    /// Screening (docs/screening.md): why a waiting contact is held for a
    /// lead ("more than 3 texts in an hour"), empty if screening does not
    /// hold it; and every such contact still waiting, as "alias: reason".
    QString screenedReason(qint64 contactId) const;
    QStringList screenedList() const;
    /// Whether `contactId` waits for a lead (switchboard or screening).
    bool isHeldForLead(qint64 contactId) const { return m_forLead.contains(contactId); }
    /// Overflow to a partner line (docs/coaching.md#overflow): switched on
    /// by a lead; available when the line names a partner.
    bool overflow() const { return m_overflow; }
    bool overflowAvailable() const { return !m_overflowPartner.isEmpty(); }
    const QString& overflowPartner() const { return m_overflowPartner; }
    /// The gateway cannot write to its store (disk full, disk error, read
    /// only): "full", "io" or "readonly"; empty while it writes.
    const QString& storeFailing() const { return m_storeFailing; }
    qint64 storeFailingSince() const { return m_storeFailingSince; }
    /// Whether this account may act (lead, admin) or only read (supervisor).
    bool mayAct() const;
    bool loaded() const { return m_loaded; }
    LinkConnection& link() { return m_link; }

    /// The live header figures, from the replica at `now`.
    qint64 longestWaitMs(qint64 now) const;
    int waiting(Channel channel) const;

    /// Asks for a fresh board.snapshot.
    void refresh();
    /// Replaces the replica (board.snapshot's data).
    void applySnapshot(const QJsonObject& board);
    /// One gateway event (the link's eventReceived).
    void applyEvent(const QString& name, const QJsonObject& data);

    void assign(qint64 contactId, qint64 operatorId, bool override = false);
    void takeBack(qint64 contactId);
    void putOnBreak(qint64 operatorId);
    /// To one operator, or to everyone on shift with operatorId 0.
    void sendMessage(qint64 operatorId, const QString& text);
    void setAfterHours(bool on);
    void setSwitchboard(bool on);
    void setOverflow(bool on);
    /// Lets a contact held for a lead into the ordinary queue.
    void admit(qint64 contactId);
    void acknowledge(qint64 alertId);

signals:
    void changed(); ///< figures, after-hours or the operator list changed
    /// An alert was raised or repeated (`repeat` true): the window makes
    /// it impossible to miss (sound, notification, louder on repeat).
    void alertRaised(const warmline::Alert& alert, bool repeat);
    /// A sentence for the status line (results and refusals).
    void notice(const QString& sentence);

private:
    void run(const QString& type, const QJsonObject& params, const QString& done);

    LinkConnection& m_link;
    QueueModel m_queue;
    BoardOperatorsModel m_operators;
    AlertsModel m_alerts;
    BoardFigures m_figures;
    void applyStoreState(const QJsonObject& store);

    bool m_afterHours = false;
    bool m_switchboard = false;
    bool m_overflow = false;
    QString m_overflowPartner;
    QSet<qint64> m_forLead;
    QHash<qint64, QString> m_screened; ///< contact id -> reason
    QString m_storeFailing;
    qint64 m_storeFailingSince = 0;
    bool m_loaded = false;
};

} // namespace warmline::app
