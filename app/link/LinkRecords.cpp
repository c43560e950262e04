#include "app/link/LinkRecords.h"

#include "core/store/CallerPlans.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

namespace warmline::app {

namespace {

std::string utf8(const QJsonValue& v)
{
    return v.toString().toStdString();
}

QStringList stringList(const QJsonValue& v)
{
    QStringList out;
    const auto array = v.toArray();
    for (const auto& item : array) {
        if (item.isString()) {
            out << item.toString();
        } else if (item.isObject()) {
            // Lists may later carry {id,name}; show the name.
            out << item.toObject().value(u"name").toString();
        }
    }
    return out;
}

} // namespace

ContactRecord ContactRecord::fromJson(const QJsonObject& o)
{
    ContactRecord c;
    c.id = o.value(u"id").toInteger();
    c.alias = o.value(u"alias").toString();
    c.channel = parseChannel(utf8(o.value(u"channel"))).value_or(Channel::Text);
    c.state = parseContactState(utf8(o.value(u"state"))).value_or(ContactState::Queued);
    c.risk = parseRiskLevel(utf8(o.value(u"risk"))).value_or(RiskLevel::None);
    c.createdAt = o.value(u"createdAt").toInteger();
    c.queuedAt = o.value(u"queuedAt").toInteger(c.createdAt);
    if (o.value(u"operatorId").isDouble()) {
        c.operatorId = o.value(u"operatorId").toInteger();
    }
    c.operatorName = o.value(u"operatorName").toString();
    c.preview = o.value(u"preview").toString();
    c.messageCount = o.value(u"messageCount").toInt();
    c.riskSignals = stringList(o.value(u"riskSignals"));
    return c;
}

std::optional<QJsonObject> EscalationRecord::latest(const QString& kind) const
{
    for (auto it = steps.crbegin(); it != steps.crend(); ++it) {
        if (it->kind == kind) {
            return it->detail;
        }
    }
    return std::nullopt;
}

EscalationRecord EscalationRecord::fromJson(const QJsonObject& o)
{
    EscalationRecord e;
    e.id = o.value(u"id").toInteger();
    e.contactId = o.value(u"contactId").toInteger();
    e.level = parseRiskLevel(utf8(o.value(u"level"))).value_or(RiskLevel::None);
    e.source = o.value(u"source").toString();
    const auto riskSignals = o.value(u"signals").toArray();
    for (const auto& s : riskSignals) {
        const auto so = s.toObject();
        e.riskSignals.append({so.value(u"category").toString(), so.value(u"text").toString()});
    }
    e.open = o.value(u"state").toString() == u"open";
    e.openedAt = o.value(u"openedAt").toInteger();
    e.outcome = o.value(u"outcome").toString();
    e.closeReason = o.value(u"closeReason").toString();
    e.acted = o.value(u"acted").toBool();
    const auto steps = o.value(u"steps").toArray();
    for (const auto& s : steps) {
        const auto so = s.toObject();
        e.steps.append({so.value(u"id").toInteger(), so.value(u"at").toInteger(),
                        so.value(u"operatorName").toString(), so.value(u"kind").toString(),
                        so.value(u"detail").toObject()});
    }
    return e;
}

MessageRecord MessageRecord::fromJson(const QJsonObject& o)
{
    MessageRecord m;
    m.id = o.value(u"id").toInteger();
    m.contactId = o.value(u"contactId").toInteger();
    m.direction = parseDirection(utf8(o.value(u"direction"))).value_or(Direction::Inbound);
    m.body = o.value(u"body").toString();
    m.at = o.value(u"at").toInteger();
    m.status = parseDeliveryStatus(utf8(o.value(u"status"))).value_or(DeliveryStatus::Received);
    m.error = o.value(u"error").toString();
    m.automatic = o.value(u"automatic").toBool();
    return m;
}

OperatorRecord OperatorRecord::fromJson(const QJsonObject& o)
{
    OperatorRecord r;
    r.id = o.value(u"id").toInteger();
    r.name = o.value(u"name").toString();
    r.role = parseRole(utf8(o.value(u"role"))).value_or(Role::Operator);
    r.capacity = o.value(u"capacity").toInt(3);
    r.presence = parsePresence(utf8(o.value(u"presence"))).value_or(Presence::Offline);
    r.since = o.value(u"since").toInteger();
    return r;
}

HistoryRecord HistoryRecord::fromJson(const QJsonObject& o)
{
    HistoryRecord h;
    h.id = o.value(u"id").toInteger();
    h.channel = o.value(u"channel").toString();
    h.state = o.value(u"state").toString();
    h.createdAt = o.value(u"createdAt").toInteger();
    h.closedAt = o.value(u"closedAt").toInteger();
    h.durationMs = o.value(u"durationMs").toInteger();
    h.outcome = o.value(u"outcome").toString();
    h.helped = o.value(u"helped").toString();
    h.topics = stringList(o.value(u"topics"));
    h.resourcesShared = stringList(o.value(u"resourcesShared"));
    h.risk = parseRiskLevel(utf8(o.value(u"risk"))).value_or(RiskLevel::None);
    h.note = o.value(u"note").toString();
    h.operatorName = o.value(u"operatorName").toString();
    h.surveyAnswer = o.value(u"surveyAnswer").toInt();
    return h;
}

QString PlanRecord::section(const QString& key) const
{
    for (const auto& [k, words] : sections) {
        if (k == key) {
            return words;
        }
    }
    return {};
}

PlanRecord PlanRecord::fromJson(const QJsonObject& o)
{
    PlanRecord p;
    p.kind = o.value(u"kind").toString();
    const auto order = planSections(p.kind == u"wrap" ? PlanKind::Wrap : PlanKind::Safety);
    const auto sections = o.value(u"sections").toObject();
    for (const auto& s : order) {
        const QString key = QString::fromUtf8(s.key.data(), static_cast<qsizetype>(s.key.size()));
        const QString words = sections.value(key).toString();
        if (!words.isEmpty()) {
            p.sections.append({key, words});
        }
    }
    const auto consent = o.value(u"consent").toObject();
    p.consentText = consent.value(u"text").toString();
    p.consentBy = consent.value(u"by").toString();
    p.consentAt = consent.value(u"at").toInteger();
    p.updatedAt = o.value(u"updatedAt").toInteger();
    p.updatedBy = o.value(u"updatedBy").toString();
    for (const auto& v : o.value(u"changes").toArray()) {
        const auto c = v.toObject();
        p.changes.append({c.value(u"at").toInteger(), c.value(u"operatorName").toString(),
                          stringList(c.value(u"sections"))});
    }
    return p;
}

const PlanRecord* CallerRecord::plan(const QString& kind) const
{
    for (const auto& p : plans) {
        if (p.kind == kind) {
            return &p;
        }
    }
    return nullptr;
}

CallerRecord CallerRecord::fromJson(const QJsonObject& o)
{
    CallerRecord c;
    c.id = o.value(u"id").toInteger();
    c.alias = o.value(u"alias").toString();
    c.preferredName = o.value(u"preferredName").toString();
    c.pronouns = o.value(u"pronouns").toString();
    c.language = o.value(u"language").toString();
    c.firstContactAt = o.value(u"firstContactAt").toInteger();
    c.contactCount = o.value(u"contactCount").toInt();
    c.contactsToday = o.value(u"contactsToday").toInt();
    const auto flags = o.value(u"flags").toArray();
    for (const auto& f : flags) {
        const auto fo = f.toObject();
        c.flags.append({fo.value(u"kind").toString(), fo.value(u"note").toString(),
                        fo.value(u"setAt").toInteger(), fo.value(u"setBy").toString(),
                        fo.value(u"expiresAt").toInteger()});
    }
    const auto limits = o.value(u"limits").toObject();
    c.callsPerDay = limits.value(u"callsPerDay").toInt();
    c.minutesPerCall = limits.value(u"minutesPerCall").toInt();
    c.preferredTimes = limits.value(u"preferredTimes").toString();
    const auto notes = o.value(u"notes").toArray();
    for (const auto& n : notes) {
        const auto no = n.toObject();
        c.notes.append({no.value(u"body").toString(), no.value(u"at").toInteger(),
                        no.value(u"operatorName").toString()});
    }
    return c;
}

LineInfo LineInfo::fromJson(const QJsonObject& o)
{
    LineInfo l;
    l.available = true;
    l.name = o.value(u"name").toString();
    const auto replies = o.value(u"quickReplies").toArray();
    for (const auto& r : replies) {
        const auto ro = r.toObject();
        l.quickReplies.append({ro.value(u"title").toString(), ro.value(u"text").toString()});
    }
    l.topics = stringList(o.value(u"topics"));
    l.referrals = stringList(o.value(u"referrals"));
    const auto limits = o.value(u"limits").toObject();
    l.callsPerDay = limits.value(u"callsPerDay").toInt();
    l.minutesPerCall = limits.value(u"minutesPerCall").toInt();
    const auto crisis = o.value(u"crisisLines").toArray();
    for (const auto& v : crisis) {
        const auto co = v.toObject();
        l.crisisLines.append({co.value(u"id").toString(), co.value(u"name").toString(),
                              co.value(u"description").toString(),
                              co.value(u"textTemplate").toString(), co.value(u"calls").toBool(),
                              co.value(u"texts").toBool(), co.value(u"emergency").toBool(),
                              co.value(u"textTemplateEs").toString()});
    }
    const auto interpreters = o.value(u"interpreters").toArray();
    for (const auto& v : interpreters) {
        const auto io = v.toObject();
        l.interpreters.append({io.value(u"id").toString(), io.value(u"name").toString(),
                               stringList(io.value(u"languages"))});
    }
    return l;
}

QString riskReason(const ContactRecord& c)
{
    if (c.risk == RiskLevel::None) {
        return QCoreApplication::translate("warmline::app::Records",
                                           "No risk signs in the texts so far.");
    }
    if (c.riskSignals.isEmpty()) {
        return QCoreApplication::translate("warmline::app::Records", "%1: raised by hand.")
            .arg(riskText(c.risk));
    }
    QStringList lines{QCoreApplication::translate("warmline::app::Records", "%1 — raised by:")
                          .arg(riskText(c.risk))};
    for (const auto& s : c.riskSignals) {
        lines << QStringLiteral("• ") + s;
    }
    return lines.join(QLatin1Char('\n'));
}

QString riskText(RiskLevel r)
{
    switch (r) {
    case RiskLevel::None:
        return QString();
    case RiskLevel::Concern:
        return QCoreApplication::translate("warmline::app::Records", "Concern");
    case RiskLevel::High:
        return QCoreApplication::translate("warmline::app::Records", "High risk");
    case RiskLevel::Imminent:
        return QCoreApplication::translate("warmline::app::Records", "Imminent");
    }
    return QString();
}

QString channelText(Channel c)
{
    return c == Channel::Call ? QCoreApplication::translate("warmline::app::Records", "Call")
                              : QCoreApplication::translate("warmline::app::Records", "Text");
}

QString contactStateText(ContactState s)
{
    switch (s) {
    case ContactState::Queued:
        return QCoreApplication::translate("warmline::app::Records", "Waiting");
    case ContactState::Offered:
        return QCoreApplication::translate("warmline::app::Records", "Offered");
    case ContactState::Active:
        return QCoreApplication::translate("warmline::app::Records", "Active");
    case ContactState::WrapUp:
        return QCoreApplication::translate("warmline::app::Records", "Wrap-up");
    case ContactState::Closed:
        return QCoreApplication::translate("warmline::app::Records", "Closed");
    case ContactState::Abandoned:
        return QCoreApplication::translate("warmline::app::Records", "Left the queue");
    }
    return QString();
}

QString presenceText(Presence p)
{
    switch (p) {
    case Presence::Available:
        return QCoreApplication::translate("warmline::app::Records", "Available");
    case Presence::Busy:
        return QCoreApplication::translate("warmline::app::Records", "Busy");
    case Presence::WrapUp:
        return QCoreApplication::translate("warmline::app::Records", "Wrap-up");
    case Presence::Break:
        return QCoreApplication::translate("warmline::app::Records", "On break");
    case Presence::Offline:
        return QCoreApplication::translate("warmline::app::Records", "Offline");
    }
    return QString();
}

QString deliveryText(DeliveryStatus s)
{
    switch (s) {
    case DeliveryStatus::Queued:
        return QCoreApplication::translate("warmline::app::Records", "Queued");
    case DeliveryStatus::Sending:
        return QCoreApplication::translate("warmline::app::Records", "Sending");
    case DeliveryStatus::Unknown:
        return QCoreApplication::translate("warmline::app::Records",
                                           "Maybe sent — check with the caller before resending");
    case DeliveryStatus::Sent:
        return QCoreApplication::translate("warmline::app::Records", "Sent");
    case DeliveryStatus::Delivered:
        return QCoreApplication::translate("warmline::app::Records", "Delivered");
    case DeliveryStatus::Undelivered:
        return QCoreApplication::translate("warmline::app::Records", "Not delivered");
    case DeliveryStatus::Failed:
        return QCoreApplication::translate("warmline::app::Records", "Failed");
    case DeliveryStatus::Received:
        return QString();
    }
    return QString();
}

QString durationText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s < 60) {
        return QStringLiteral("%1 s").arg(s);
    }
    if (s < 3600) {
        return QStringLiteral("%1 min").arg(s / 60);
    }
    return QStringLiteral("%1 h %2 min")
        .arg(s / 3600)
        .arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString escalationActionText(const QString& key)
{
    if (key == u"keep_supporting") {
        return QCoreApplication::translate("warmline::app::Records", "Keep supporting");
    }
    if (key == u"safety_plan") {
        return QCoreApplication::translate("warmline::app::Records", "Safety plan");
    }
    if (key == u"warm_transfer") {
        return QCoreApplication::translate("warmline::app::Records",
                                           "Warm transfer to a crisis line");
    }
    if (key == u"emergency") {
        return QCoreApplication::translate("warmline::app::Records", "Emergency (911)");
    }
    if (key == u"no_action") {
        return QCoreApplication::translate("warmline::app::Records", "No action");
    }
    return key;
}

QString escalationStepText(const EscalationStepRecord& s)
{
    const QString who = s.operatorName.isEmpty() ? QStringLiteral("Warmline") : s.operatorName;
    const QString level =
        riskText(parseRiskLevel(utf8(s.detail.value(u"level"))).value_or(RiskLevel::None));
    QString what;
    if (s.kind == u"raised") {
        what = QCoreApplication::translate("warmline::app::Records", "raised %1 from a %2")
                   .arg(level, s.detail.value(u"source").toString());
    } else if (s.kind == u"level_raised") {
        what = QCoreApplication::translate("warmline::app::Records", "rose to %1").arg(level);
    } else if (s.kind == u"opened") {
        const auto reason = s.detail.value(u"reason").toString();
        what = reason.isEmpty()
                   ? QCoreApplication::translate("warmline::app::Records", "opened by hand")
                   : QCoreApplication::translate("warmline::app::Records", "opened by hand: %1")
                         .arg(reason);
    } else if (s.kind == u"seen") {
        what = QCoreApplication::translate("warmline::app::Records", "saw the prompt");
    } else if (s.kind == u"screener") {
        what = QCoreApplication::translate("warmline::app::Records",
                                           "recorded the screener; it calls for: %1")
                   .arg(escalationActionText(s.detail.value(u"recommended").toString()));
    } else if (s.kind == u"safety_plan") {
        what = QCoreApplication::translate("warmline::app::Records", "agreed a safety plan");
    } else if (s.kind == u"transfer_started") {
        what =
            QCoreApplication::translate("warmline::app::Records", "started a warm transfer to %1")
                .arg(s.detail.value(u"name").toString());
    } else if (s.kind == u"transfer_done") {
        what = QCoreApplication::translate("warmline::app::Records",
                                           "left the call; the crisis line has the caller");
    } else if (s.kind == u"transfer_failed") {
        what = QCoreApplication::translate("warmline::app::Records", "(the transfer failed: %1)")
                   .arg(s.detail.value(u"reason").toString());
    } else if (s.kind == u"texter_confirmed") {
        what = QCoreApplication::translate("warmline::app::Records",
                                           "recorded that the texter reached the crisis line");
    } else if (s.kind == u"texter_left") {
        what =
            QCoreApplication::translate("warmline::app::Records", "recorded that the texter left");
    } else if (s.kind == u"emergency") {
        what = QCoreApplication::translate("warmline::app::Records",
                                           "followed the emergency (911) steps");
    } else if (s.kind == u"lead_acknowledged") {
        what = QCoreApplication::translate("warmline::app::Records",
                                           "(shift lead) acknowledged the alert");
    } else if (s.kind == u"closed") {
        what = QCoreApplication::translate("warmline::app::Records", "closed it: %1")
                   .arg(escalationActionText(s.detail.value(u"outcome").toString()));
    } else {
        what = s.kind;
    }
    return QStringLiteral("%1 %2 %3")
        .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.at).time(), QLocale::ShortFormat),
             who, what);
}

} // namespace warmline::app
