#include "app/link/BoardRecords.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <boost/json/parse.hpp>

namespace warmline::app {

BoardOperator BoardOperator::fromJson(const QJsonObject& o)
{
    BoardOperator op;
    op.id = o.value(u"id").toInteger();
    op.name = o.value(u"name").toString();
    op.role = parseRole(o.value(u"role").toString().toStdString()).value_or(Role::Operator);
    op.capacity = o.value(u"capacity").toInt(3);
    op.presence =
        parsePresence(o.value(u"presence").toString().toStdString()).value_or(Presence::Offline);
    op.since = o.value(u"since").toInteger();
    op.links = o.value(u"links").toInt();
    op.linkLostAt = o.value(u"linkLostAt").toInteger(0);
    op.recoverAt = o.value(u"recoverAt").toInteger(0);
    op.phone = o.value(u"phone").toString();
    if (const auto check = o.value(u"phoneCheck"); check.isObject()) {
        const auto c = check.toObject();
        op.phoneChecked = true;
        op.phoneAnswering = c.value(u"answering").toBool();
        op.phoneAnsweredAt = c.value(u"answeredAt").toInteger(0);
        op.phoneRttMs = c.value(u"rttMs").isDouble() ? c.value(u"rttMs").toInteger() : -1;
        op.phoneEncrypted = c.value(u"encrypted").toBool();
    }
    if (const auto r = o.value(u"phoneRegistration"); r.isObject()) {
        op.phoneHasAccount = true;
        op.phoneRegistered = r.toObject().value(u"registered").toBool();
        op.phoneTransport = r.toObject().value(u"transport").toString();
    }
    for (const auto& v : o.value(u"held").toArray()) {
        const auto h = v.toObject();
        HeldContact c;
        c.id = h.value(u"id").toInteger();
        c.alias = h.value(u"alias").toString();
        c.channel =
            parseChannel(h.value(u"channel").toString().toStdString()).value_or(Channel::Text);
        c.state = parseContactState(h.value(u"state").toString().toStdString())
                      .value_or(ContactState::Active);
        c.risk =
            parseRiskLevel(h.value(u"risk").toString().toStdString()).value_or(RiskLevel::None);
        c.heldSince = h.value(u"heldSince").toInteger(0);
        op.held.append(c);
    }
    return op;
}

BoardFigures BoardFigures::fromJson(const QJsonObject& o)
{
    BoardFigures f;
    f.shiftStart = o.value(u"shiftStart").toInteger();
    f.answered = o.value(u"answered").toInt();
    f.answeredWithinTarget = o.value(u"answeredWithinTarget").toInt();
    f.abandoned = o.value(u"abandoned").toInt();
    f.answerTargetMs = o.value(u"answerTargetMs").toInteger();
    f.serviceLevelTargetPercent = o.value(u"serviceLevelTargetPercent").toInt(80);
    if (o.value(u"serviceLevel").isDouble()) {
        f.serviceLevel = o.value(u"serviceLevel").toDouble();
    }
    return f;
}

Alert alertFromLink(const QJsonObject& o)
{
    // One parser for the alert's fields: core's, over the same JSON text.
    const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return alertFromJson(boost::json::parse(std::string_view(text.constData(),
                                                             static_cast<std::size_t>(text.size())))
                             .as_object());
}

QString alertKindText(AlertKind k)
{
    switch (k) {
    case AlertKind::Escalation:
        return QCoreApplication::translate("warmline::app::Board", "Escalation");
    case AlertKind::WaitOverTarget:
        return QCoreApplication::translate("warmline::app::Board", "Waiting too long");
    case AlertKind::OverTimeLimit:
        return QCoreApplication::translate("warmline::app::Board", "Over time limit");
    case AlertKind::PresenceStuck:
        return QCoreApplication::translate("warmline::app::Board", "Presence stuck");
    case AlertKind::OperatorLost:
        return QCoreApplication::translate("warmline::app::Board", "Operator lost");
    case AlertKind::NoOneAvailable:
        return QCoreApplication::translate("warmline::app::Board", "No one available");
    }
    return {};
}

QString alertLevelText(AlertLevel l)
{
    switch (l) {
    case AlertLevel::Info:
        return QCoreApplication::translate("warmline::app::Board", "Info");
    case AlertLevel::Warning:
        return QCoreApplication::translate("warmline::app::Board", "Warning");
    case AlertLevel::High:
        return QCoreApplication::translate("warmline::app::Board", "High risk");
    case AlertLevel::Imminent:
        return QCoreApplication::translate("warmline::app::Board", "Imminent risk");
    }
    return {};
}

} // namespace warmline::app
