#include "app/board/ShiftBoard.h"

#include <QJsonArray>

namespace warmline::app {

ShiftBoard::ShiftBoard(LinkConnection& link, QObject* parent) : QObject(parent), m_link(link)
{
    // A resume's snapshot carries the board; any other resync asks for it.
    connect(&m_link, &LinkConnection::snapshotReceived, this, [this](const QJsonObject& s) {
        if (s.contains(u"board")) {
            applySnapshot(s.value(u"board").toObject());
        } else {
            refresh();
        }
    });
    connect(&m_link, &LinkConnection::eventReceived, this, &ShiftBoard::applyEvent);
}

bool ShiftBoard::mayAct() const
{
    const auto role = m_link.operatorInfo().value(u"role").toString();
    return role == u"lead" || role == u"admin";
}

qint64 ShiftBoard::longestWaitMs(qint64 now) const
{
    qint64 longest = 0;
    for (int r = 0; r < m_queue.rowCount(); ++r) {
        longest = std::max(longest, now - m_queue.contactAt(r)->queuedAt);
    }
    return longest;
}

int ShiftBoard::waiting(Channel channel) const
{
    int n = 0;
    for (int r = 0; r < m_queue.rowCount(); ++r) {
        n += m_queue.contactAt(r)->channel == channel ? 1 : 0;
    }
    return n;
}

void ShiftBoard::applyStoreState(const QJsonObject& store)
{
    const bool failing = store.value(u"failing").toBool();
    m_storeFailing = failing ? store.value(u"kind").toString(QStringLiteral("io")) : QString();
    m_storeFailingSince = failing ? store.value(u"since").toInteger() : 0;
}

void ShiftBoard::refresh()
{
    m_link.request(QStringLiteral("board.snapshot"), {}, [this](const LinkReply& r) {
        if (r.ok) {
            applySnapshot(r.data);
        } else {
            emit notice(tr("The shift board could not be loaded: %1").arg(r.message));
        }
    });
}

void ShiftBoard::applySnapshot(const QJsonObject& board)
{
    QList<ContactRecord> queue;
    for (const auto& v : board.value(u"queue").toArray()) {
        queue.append(ContactRecord::fromJson(v.toObject()));
    }
    m_queue.flush();
    m_queue.resetContacts(queue);
    QList<BoardOperator> ops;
    for (const auto& v : board.value(u"operators").toArray()) {
        ops.append(BoardOperator::fromJson(v.toObject()));
    }
    m_operators.resetOperators(ops);
    QList<Alert> alerts;
    for (const auto& v : board.value(u"alerts").toArray()) {
        try {
            alerts.append(alertFromLink(v.toObject()));
        } catch (const std::exception&) {
            // A malformed alert is skipped; the rest of the board still shows.
        }
    }
    m_alerts.resetAlerts(alerts);
    m_figures = BoardFigures::fromJson(board.value(u"figures").toObject());
    m_afterHours = board.value(u"afterHours").toBool();
    const auto switchboard = board.value(u"switchboard").toObject();
    m_switchboard = switchboard.value(u"on").toBool();
    m_forLead.clear();
    for (const auto& v : switchboard.value(u"contacts").toArray()) {
        m_forLead.insert(v.toInteger());
    }
    m_screened.clear();
    for (const auto& v : board.value(u"screened").toArray()) {
        const auto o = v.toObject();
        m_screened.insert(o.value(u"contactId").toInteger(), o.value(u"reason").toString());
    }
    const auto overflow = board.value(u"overflow").toObject();
    m_overflow = overflow.value(u"on").toBool();
    m_overflowPartner = overflow.value(u"texts").toBool() || overflow.value(u"calls").toBool()
                            ? overflow.value(u"partner").toString()
                            : QString();
    applyStoreState(board.value(u"store").toObject());
    m_loaded = true;
    emit changed();
}

void ShiftBoard::applyEvent(const QString& name, const QJsonObject& data)
{
    if (name.startsWith(u"contact.")) {
        if (name == u"contact.queued" && data.value(u"forLead").toBool()) {
            const qint64 id = data.value(u"contact").toObject().value(u"id").toInteger();
            m_forLead.insert(id);
            if (data.contains(u"screened")) {
                m_screened.insert(id,
                                  data.value(u"screened").toObject().value(u"reason").toString());
            }
        } else if (name == u"contact.screened") {
            const qint64 id = data.value(u"contactId").toInteger();
            m_forLead.insert(id);
            m_screened.insert(id, data.value(u"screened").toObject().value(u"reason").toString());
            const auto* c = m_queue.contactById(id);
            emit notice(tr("%1 waits for a lead: %2.")
                            .arg(c ? c->alias : tr("A contact"), m_screened.value(id)));
            emit changed();
        } else if (name == u"contact.admitted") {
            const qint64 id = data.value(u"contactId").toInteger();
            m_forLead.remove(id);
            m_screened.remove(id);
            emit changed();
        }
        if (name == u"contact.queued" && data.contains(u"screened")) {
            emit changed();
        }
        m_queue.enqueueEvent(name, data);
    } else if (name == u"board.operator") {
        m_operators.applyOperator(BoardOperator::fromJson(data.value(u"operator").toObject()));
        emit changed();
    } else if (name == u"board.figures") {
        m_figures = BoardFigures::fromJson(data.value(u"figures").toObject());
        emit changed();
    } else if (name == u"alert.raised") {
        try {
            const Alert a = alertFromLink(data.value(u"alert").toObject());
            const bool fresh = m_alerts.raise(a);
            emit alertRaised(a, !fresh);
        } catch (const std::exception&) {
            emit notice(tr("An alert arrived that this app cannot read; refreshing the board."));
            refresh();
        }
    } else if (name == u"alert.updated") {
        // Its contact changed hands: new words, no new sound.
        try {
            m_alerts.raise(alertFromLink(data.value(u"alert").toObject()));
            emit changed();
        } catch (const std::exception&) {
            refresh();
        }
    } else if (name == u"alert.acknowledged") {
        m_alerts.acknowledge(data.value(u"alert").toObject().value(u"id").toInteger());
        emit changed();
    } else if (name == u"store.failing") {
        applyStoreState(data.value(u"store").toObject());
        emit notice(tr("The gateway cannot save new messages; see the warning above."));
        emit changed();
    } else if (name == u"store.recovered") {
        applyStoreState({});
        emit notice(tr("The gateway saves again; texts the carriers kept are arriving."));
        emit changed();
    } else if (name == u"line.afterhours") {
        m_afterHours = data.value(u"afterHours").toBool();
        emit changed();
    } else if (name == u"line.overflow") {
        m_overflow = data.value(u"overflow").toBool();
        emit changed();
    } else if (name == u"contact.overflow") {
        if (data.value(u"step").toString() == u"connected") {
            emit notice(tr("A waiting caller was put through to %1.").arg(m_overflowPartner));
        }
    } else if (name == u"line.switchboard") {
        m_switchboard = data.value(u"switchboard").toBool();
        if (!m_switchboard) {
            // Contacts screening holds stay held (docs/screening.md).
            for (auto it = m_forLead.begin(); it != m_forLead.end();) {
                it = m_screened.contains(*it) ? std::next(it) : m_forLead.erase(it);
            }
        }
        emit changed();

    } else if (name == u"line.screened") {
        emit notice(tr("Refused a %1 from %2: %3.")
                        .arg(data.value(u"channel").toString() == u"call" ? tr("call") : tr("text"),
                             data.value(u"alias").toString(), data.value(u"reason").toString()));
    } else if (name == u"operator.lost") {
        const auto n = data.value(u"contacts").toArray().size();
        emit notice(tr("%1's app did not come back; %n contact(s) went back to the queue.", nullptr,
                       static_cast<int>(n))
                        .arg(data.value(u"operator").toObject().value(u"name").toString()));
    }
}

void ShiftBoard::run(const QString& type, const QJsonObject& params, const QString& done)
{
    m_link.request(type, params, [this, done](const LinkReply& r) {
        emit notice(r.ok ? done : LinkConnection::humanError(r.code, r.message));
    });
}

void ShiftBoard::assign(qint64 contactId, qint64 operatorId, bool override)
{
    QJsonObject p{{QStringLiteral("contactId"), contactId},
                  {QStringLiteral("operatorId"), operatorId}};
    if (override) {
        p.insert(QStringLiteral("override"), true);
    }
    const auto* op = m_operators.operatorById(operatorId);
    run(QStringLiteral("contact.assign"), p,
        tr("Contact given to %1.").arg(op ? op->name : tr("the operator")));
}

void ShiftBoard::takeBack(qint64 contactId)
{
    run(QStringLiteral("contact.takeback"), {{QStringLiteral("contactId"), contactId}},
        tr("Contact taken back to the queue."));
}

void ShiftBoard::putOnBreak(qint64 operatorId)
{
    const auto* op = m_operators.operatorById(operatorId);
    run(QStringLiteral("operator.break"), {{QStringLiteral("operatorId"), operatorId}},
        tr("%1 is on break.").arg(op ? op->name : tr("The operator")));
}

void ShiftBoard::sendMessage(qint64 operatorId, const QString& text)
{
    QJsonObject p{{QStringLiteral("text"), text}};
    if (operatorId == 0) {
        p.insert(QStringLiteral("all"), true);
    } else {
        p.insert(QStringLiteral("operatorId"), operatorId);
    }
    run(QStringLiteral("lead.message"), p,
        operatorId == 0 ? tr("Message sent to everyone on shift.") : tr("Message sent."));
}

void ShiftBoard::setAfterHours(bool on)
{
    run(QStringLiteral("line.afterhours"),
        {{QStringLiteral("mode"), on ? QStringLiteral("on") : QStringLiteral("off")}},
        on ? tr("After-hours mode is on: new texters get the after-hours reply.")
           : tr("After-hours mode is off."));
}

void ShiftBoard::setSwitchboard(bool on)
{
    run(QStringLiteral("line.switchboard"),
        {{QStringLiteral("mode"), on ? QStringLiteral("on") : QStringLiteral("off")}},
        on ? tr("Switchboard on: new contacts wait for a lead to assign them.")
           : tr("Switchboard off: the contacts it held are in the ordinary queue."));
}

void ShiftBoard::setOverflow(bool on)
{
    run(QStringLiteral("line.overflow"),
        {{QStringLiteral("mode"), on ? QStringLiteral("on") : QStringLiteral("off")}},
        on ? tr("Overflow on: waiting texters get %1's number, waiting callers are offered it.")
                 .arg(m_overflowPartner)
           : tr("Overflow off."));
}

QString ShiftBoard::screenedReason(qint64 contactId) const
{
    return m_forLead.contains(contactId) ? m_screened.value(contactId) : QString();
}

QStringList ShiftBoard::screenedList() const
{
    QStringList out;
    for (auto it = m_screened.cbegin(); it != m_screened.cend(); ++it) {
        if (!m_forLead.contains(it.key())) {
            continue;
        }
        if (const auto* c = m_queue.contactById(it.key())) {
            out << tr("%1: %2").arg(c->alias, it.value());
        }
    }
    out.sort();
    return out;
}

void ShiftBoard::admit(qint64 contactId)
{
    run(QStringLiteral("contact.admit"), {{QStringLiteral("contactId"), contactId}},
        tr("Let into the queue: operators can take it now."));
}

int ShiftBoard::heldForLead() const
{
    int n = 0;
    for (const qint64 id : m_forLead) {
        n += m_queue.contactById(id) != nullptr ? 1 : 0;
    }
    return n;
}

void ShiftBoard::acknowledge(qint64 alertId)
{
    run(QStringLiteral("alert.ack"), {{QStringLiteral("alertId"), alertId}},
        tr("Alert acknowledged."));
}

} // namespace warmline::app
