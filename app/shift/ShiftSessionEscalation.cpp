// ShiftSession's escalations (ShiftSession.h): the records it keeps per
// contact and the escalation commands it runs over the link.

#include "app/shift/ShiftSession.h"
#include "app/shift/ShiftSessionDetail.h"

#include <QJsonArray>

namespace warmline::app {

using shift_detail::unknownCommand;

std::optional<EscalationRecord> ShiftSession::openEscalation(qint64 contactId) const
{
    const auto list = m_escalations.value(contactId);
    for (auto it = list.crbegin(); it != list.crend(); ++it) {
        if (it->open) {
            return *it;
        }
    }
    return std::nullopt;
}

void ShiftSession::applyEscalation(const EscalationRecord& e)
{
    auto& list = m_escalations[e.contactId];
    RiskLevel before = RiskLevel::None;
    bool wasOpen = false;
    bool found = false;
    for (auto& x : list) {
        if (x.id == e.id) {
            before = x.level;
            wasOpen = x.open;
            x = e;
            found = true;
        }
    }
    if (!found) {
        list.append(e);
    }
    emit escalationChanged(e.contactId);
    const auto* mine = m_mine.contactById(e.contactId);
    if (mine && e.open && (!found || !wasOpen || e.level > before)) {
        emit escalationRaised(e.contactId, mine->alias, e.level);
    }
}

void ShiftSession::loadEscalations(qint64 contactId)
{
    m_link.request(QStringLiteral("escalation.get"), {{QStringLiteral("contactId"), contactId}},
                   [this, contactId](const LinkReply& r) {
                       if (!r.ok) {
                           if (!unknownCommand(r) && !goneMeanwhile(r, contactId)) {
                               emit notice(r.message);
                           }
                           return;
                       }
                       QList<EscalationRecord> list;
                       const auto array = r.data.value(u"escalations").toArray();
                       for (const auto& e : array) {
                           list.append(EscalationRecord::fromJson(e.toObject()));
                       }
                       m_escalations.insert(contactId, list);
                       emit escalationChanged(contactId);
                   });
}

void ShiftSession::escalationCommand(const QString& type, const QJsonObject& params,
                                     const QString& done)
{
    m_link.request(type, params, [this, done](const LinkReply& r) {
        if (!r.ok) {
            emit escalationFailed(r.message);
            return;
        }
        applyEscalation(EscalationRecord::fromJson(r.data.value(u"escalation").toObject()));
        if (!done.isEmpty()) {
            emit escalationDone(done);
        }
    });
}

void ShiftSession::escalate(RiskLevel level, const QString& reason)
{
    if (m_current == 0) {
        return;
    }
    escalationCommand(QStringLiteral("escalation.open"),
                      {{QStringLiteral("contactId"), m_current},
                       {QStringLiteral("level"), QString::fromUtf8(toString(level).data())},
                       {QStringLiteral("reason"), reason}},
                      tr("Escalation opened."));
}

void ShiftSession::recordEscalationStep(qint64 escalationId, const QString& kind,
                                        const QJsonObject& detail)
{
    escalationCommand(QStringLiteral("escalation.step"),
                      {{QStringLiteral("escalationId"), escalationId},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("detail"), detail}},
                      kind == u"seen" ? QString() : tr("Recorded."));
}

void ShiftSession::transferEscalation(qint64 escalationId, const QString& crisisLineId)
{
    escalationCommand(
        QStringLiteral("escalation.transfer"),
        {{QStringLiteral("escalationId"), escalationId}, {QStringLiteral("line"), crisisLineId}},
        tr("The crisis line's text was sent. Stay with the texter until they "
           "confirm they reached it."));
}

void ShiftSession::completeTransfer(qint64 escalationId)
{
    escalationCommand(QStringLiteral("escalation.transfer.complete"),
                      {{QStringLiteral("escalationId"), escalationId}},
                      tr("You left the call; the crisis line has the caller. Wrap up when "
                         "you are ready."));
}

void ShiftSession::closeEscalation(qint64 escalationId, const QString& outcome,
                                   const QString& reason)
{
    escalationCommand(QStringLiteral("escalation.close"),
                      {{QStringLiteral("escalationId"), escalationId},
                       {QStringLiteral("outcome"), outcome},
                       {QStringLiteral("reason"), reason}},
                      tr("Escalation closed."));
}

} // namespace warmline::app
