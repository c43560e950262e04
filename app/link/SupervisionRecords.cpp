#include "app/link/SupervisionRecords.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace warmline::app {

namespace {

std::string utf8(const QJsonValue& v)
{
    return v.toString().toStdString();
}

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    const auto array = v.toArray();
    for (const auto& item : array) {
        // Signals are stored as {category, text}; the text is for people.
        out << (item.isObject() ? item.toObject().value(u"text").toString() : item.toString());
    }
    return out;
}

QString compact(const QJsonValue& v)
{
    if (v.isObject()) {
        const auto o = v.toObject();
        return o.isEmpty() ? QString()
                           : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    if (v.isArray()) {
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    }
    return v.toString();
}

/// The words for a step's detail key: the screener's questions and the
/// emergency form's fields by what they asked, not by their field names.
QString detailLabel(const QString& key)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("dangerNow"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "In danger right now")},
        {QStringLiteral("q1"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "Wished to be dead (past month)")},
        {QStringLiteral("q2"), QT_TRANSLATE_NOOP("warmline::app::Records",
                                                 "Thoughts of killing themselves (past month)")},
        {QStringLiteral("q3"), QT_TRANSLATE_NOOP("warmline::app::Records", "Thought about how")},
        {QStringLiteral("q4"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "Some intention of acting")},
        {QStringLiteral("q5"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "Worked out the details, intends to act")},
        {QStringLiteral("q6"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "Ever prepared or acted to end their life")},
        {QStringLiteral("q6recent"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "That in the past three months")},
        {QStringLiteral("recommended"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "The answers call for")},
        {QStringLiteral("withThem"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "Who is with them")},
        {QStringLiteral("landmarks"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "Cross streets or landmarks")},
        {QStringLiteral("location"), QT_TRANSLATE_NOOP("warmline::app::Records", "Location")},
        {QStringLiteral("happening"),
         QT_TRANSLATE_NOOP("warmline::app::Records", "What is happening")},
        {QStringLiteral("plan"), QT_TRANSLATE_NOOP("warmline::app::Records", "Safety plan")},
        {QStringLiteral("via"), QT_TRANSLATE_NOOP("warmline::app::Records", "By")},
        {QStringLiteral("line"), QT_TRANSLATE_NOOP("warmline::app::Records", "Crisis line")},
    };
    const auto it = labels.find(key);
    return it != labels.end() ? QCoreApplication::translate("warmline::app::Records", *it)
                              : QString(key).replace(QLatin1Char('_'), QLatin1Char(' '));
}

/// A step's detail for people: "In danger right now: no; Crisis line: 988"
/// from a flat object.
QString readable(const QJsonValue& v)
{
    if (!v.isObject()) {
        return compact(v);
    }
    QStringList parts;
    const auto o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        QString value;
        if (it.value().isString()) {
            value = it.value().toString();
        } else if (it.value().isNull()) {
            value = QCoreApplication::translate("warmline::app::Records", "not asked");
        } else if (it.value().isArray()) {
            value = strings(it.value()).join(QStringLiteral(", "));
        } else if (it.value().isBool()) {
            value = it.value().toBool()
                        ? QCoreApplication::translate("warmline::app::Records", "yes")
                        : QCoreApplication::translate("warmline::app::Records", "no");
        } else {
            value = compact(it.value());
            if (value.isEmpty()) {
                value = QString::number(it.value().toDouble());
            }
        }
        if (it.key() == u"recommended" && it.value().isString()) {
            value = escalationActionText(value);
        }
        parts << QStringLiteral("%1: %2").arg(detailLabel(it.key()), value);
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

ReviewRowRecord ReviewRowRecord::fromJson(const QJsonObject& o)
{
    ReviewRowRecord r;
    r.id = o.value(u"id").toInteger();
    r.alias = o.value(u"alias").toString();
    r.channel = parseChannel(utf8(o.value(u"channel"))).value_or(Channel::Text);
    r.state = parseContactState(utf8(o.value(u"state"))).value_or(ContactState::Closed);
    r.risk = parseRiskLevel(utf8(o.value(u"risk"))).value_or(RiskLevel::None);
    r.createdAt = o.value(u"createdAt").toInteger();
    r.closedAt = o.value(u"closedAt").toInteger();
    r.durationMs = o.value(u"durationMs").toInteger();
    r.operatorId = o.value(u"operatorId").toInteger();
    r.operatorName = o.value(u"operatorName").toString();
    r.outcome = o.value(u"outcome").toString();
    r.helped = o.value(u"helped").toString();
    r.topics = strings(o.value(u"topics"));
    r.escalated = o.value(u"escalated").toBool();
    r.reviewedAt = o.value(u"reviewedAt").toInteger();
    r.reviewedBy = o.value(u"reviewedBy").toString();
    r.followUp = o.value(u"followUp").toBool();
    r.messageCount = o.value(u"messageCount").toInt();
    r.commentCount = o.value(u"commentCount").toInt();
    return r;
}

EscalationRecordQt EscalationRecordQt::fromJson(const QJsonObject& o)
{
    EscalationRecordQt e;
    e.id = o.value(u"id").toInteger();
    e.level = o.value(u"level").toString();
    e.source = o.value(u"source").toString();
    e.riskSignals = strings(o.value(u"signals"));
    e.state = o.value(u"state").toString();
    e.openedAt = o.value(u"openedAt").toInteger();
    e.openedBy = o.value(u"openedBy").toString();
    e.closedAt = o.value(u"closedAt").toInteger();
    e.closedBy = o.value(u"closedBy").toString();
    e.outcome = o.value(u"outcome").toString();
    e.closeReason = o.value(u"closeReason").toString();
    const auto steps = o.value(u"steps").toArray();
    for (const auto& s : steps) {
        const auto so = s.toObject();
        e.steps.append({so.value(u"at").toInteger(), so.value(u"operatorName").toString(),
                        so.value(u"kind").toString(), readable(so.value(u"detail"))});
    }
    return e;
}

CommentRecord CommentRecord::fromJson(const QJsonObject& o)
{
    CommentRecord c;
    c.id = o.value(u"id").toInteger();
    c.contactId = o.value(u"contactId").toInteger();
    c.alias = o.value(u"alias").toString();
    c.contactCreatedAt = o.value(u"contactCreatedAt").toInteger();
    c.authorName = o.value(u"authorName").toString();
    c.operatorName = o.value(u"operatorName").toString();
    c.body = o.value(u"body").toString();
    c.at = o.value(u"at").toInteger();
    c.readAt = o.value(u"readAt").toInteger();
    return c;
}

ReviewDetailRecord ReviewDetailRecord::fromJson(const QJsonObject& o)
{
    ReviewDetailRecord d;
    d.row = ReviewRowRecord::fromJson(o.value(u"contact").toObject());
    const auto wrapup = o.value(u"wrapup").toObject();
    d.note = wrapup.value(u"note").toString();
    d.referrals = strings(wrapup.value(u"referrals"));
    d.riskSignals = strings(o.value(u"riskSignals"));
    d.followUpNote = o.value(u"followUpNote").toString();
    d.purgedAt = o.value(u"purgedAt").toInteger();
    for (const auto& m : o.value(u"messages").toArray()) {
        d.messages.append(MessageRecord::fromJson(m.toObject()));
    }
    for (const auto& n : o.value(u"callerNotes").toArray()) {
        const auto no = n.toObject();
        d.callerNotes.append({no.value(u"body").toString(), no.value(u"at").toInteger(),
                              no.value(u"operatorName").toString()});
    }
    for (const auto& e : o.value(u"escalations").toArray()) {
        d.escalations.append(EscalationRecordQt::fromJson(e.toObject()));
    }
    for (const auto& c : o.value(u"comments").toArray()) {
        d.comments.append(CommentRecord::fromJson(c.toObject()));
    }
    for (const auto& v : o.value(u"debriefs").toArray()) {
        const auto bo = v.toObject();
        d.debriefs.append({bo.value(u"operatorName").toString(), bo.value(u"body").toString(),
                           bo.value(u"at").toInteger()});
    }
    for (const auto& v : o.value(u"coaching").toArray()) {
        const auto co = v.toObject();
        d.coaching.append({co.value(u"kind").toString(),
                           co.value(u"lead").toObject().value(u"name").toString(),
                           co.value(u"operator").toObject().value(u"name").toString(),
                           co.value(u"body").toString(), co.value(u"at").toInteger()});
    }
    for (const auto& v : o.value(u"overflow").toArray()) {
        const auto ov = v.toObject();
        d.overflow.append({ov.value(u"kind").toString(), ov.value(u"detail").toString(),
                           ov.value(u"at").toInteger()});
    }
    for (const auto& v : o.value(u"interpretations").toArray()) {
        const auto io = v.toObject();
        d.interpretations.append(
            {io.value(u"serviceName").toString(), io.value(u"language").toString(),
             io.value(u"operatorName").toString(), io.value(u"requestedAt").toInteger(),
             io.value(u"connectedAt").toInteger(), io.value(u"endedAt").toInteger(),
             io.value(u"outcome").toString(), io.value(u"reason").toString()});
    }
    return d;
}

AuditRecord AuditRecord::fromJson(const QJsonObject& o)
{
    AuditRecord a;
    a.id = o.value(u"id").toInteger();
    a.at = o.value(u"at").toInteger();
    a.operatorName = o.value(u"operatorName").toString();
    a.action = o.value(u"action").toString();
    a.contactId = o.value(u"contactId").toInteger();
    a.detail = compact(o.value(u"detail"));
    return a;
}

SettingRecord SettingRecord::fromJson(const QJsonObject& o)
{
    SettingRecord s;
    s.key = o.value(u"key").toString();
    s.value = o.value(u"value").toString();
    s.fileValue = o.value(u"fileValue").toString();
    s.source = o.value(u"source").toString();
    s.setAt = o.value(u"setAt").toInteger();
    s.setBy = o.value(u"setBy").toString();
    s.description = o.value(u"description").toString();
    s.type = o.value(u"type").toString();
    s.min = o.value(u"min").toInteger();
    s.max = o.value(u"max").toInteger();
    return s;
}

QString dateTimeText(qint64 ms)
{
    if (ms <= 0) {
        return QString();
    }
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}

QString codeText(const QString& code)
{
    // The codes the app and gateway define (wrap-up outcomes and answers,
    // escalation sources, levels, steps and outcomes) in the app's language;
    // any other code as words.
    static const QHash<QString, const char*> known{
        {QStringLiteral("supported"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Supported")},
        {QStringLiteral("referred"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Referred")},
        {QStringLiteral("escalated"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Escalated")},
        {QStringLiteral("disconnected"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Disconnected")},
        {QStringLiteral("inappropriate"),
         QT_TRANSLATE_NOOP("warmline::app::Codes", "Inappropriate")},
        {QStringLiteral("yes"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Yes")},
        {QStringLiteral("somewhat"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Somewhat")},
        {QStringLiteral("no"), QT_TRANSLATE_NOOP("warmline::app::Codes", "No")},
        {QStringLiteral("unsure"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Unsure")},
        {QStringLiteral("text"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Text")},
        {QStringLiteral("note"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Note")},
        {QStringLiteral("operator"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Operator")},
        {QStringLiteral("call"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Call")},
        {QStringLiteral("concern"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Concern")},
        {QStringLiteral("high"), QT_TRANSLATE_NOOP("warmline::app::Codes", "High")},
        {QStringLiteral("imminent"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Imminent")},
        {QStringLiteral("raised"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Raised")},
        {QStringLiteral("level_raised"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Level raised")},
        {QStringLiteral("opened"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Opened")},
        {QStringLiteral("seen"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Seen")},
        {QStringLiteral("screener"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Screener")},
        {QStringLiteral("safety_plan"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Safety plan")},
        {QStringLiteral("transfer_started"),
         QT_TRANSLATE_NOOP("warmline::app::Codes", "Transfer started")},
        {QStringLiteral("transfer_done"),
         QT_TRANSLATE_NOOP("warmline::app::Codes", "Transfer done")},
        {QStringLiteral("transfer_failed"),
         QT_TRANSLATE_NOOP("warmline::app::Codes", "Transfer failed")},
        {QStringLiteral("texter_confirmed"),
         QT_TRANSLATE_NOOP("warmline::app::Codes", "Texter confirmed")},
        {QStringLiteral("texter_left"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Texter left")},
        {QStringLiteral("emergency"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Emergency")},
        {QStringLiteral("lead_acknowledged"),
         QT_TRANSLATE_NOOP("warmline::app::Codes", "Lead acknowledged")},
        {QStringLiteral("closed"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Closed")},
        {QStringLiteral("open"), QT_TRANSLATE_NOOP("warmline::app::Codes", "Open")},
        {QStringLiteral("keep_supporting"),
         QT_TRANSLATE_NOOP("warmline::app::Codes", "Keep supporting")},
        {QStringLiteral("warm_transfer"),
         QT_TRANSLATE_NOOP("warmline::app::Codes", "Warm transfer")},
        {QStringLiteral("no_action"), QT_TRANSLATE_NOOP("warmline::app::Codes", "No action")},
    };
    if (const auto it = known.find(code); it != known.end()) {
        return QCoreApplication::translate("warmline::app::Codes", *it);
    }
    QString s = code;
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    s.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (!s.isEmpty()) {
        s[0] = s[0].toUpper();
    }
    return s;
}

} // namespace warmline::app
