#pragma once

// Plain Qt-side records of what the operator link carries (contacts,
// messages, operators, callers, the line's settings), parsed from the JSON
// of docs/protocol.md. Value types; any thread.

#include "core/domain/Domain.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace warmline::app {

struct ContactRecord
{
    qint64 id = 0;
    QString alias;
    Channel channel = Channel::Text;
    ContactState state = ContactState::Queued;
    RiskLevel risk = RiskLevel::None;
    qint64 createdAt = 0;
    qint64 queuedAt = 0;
    std::optional<qint64> operatorId;
    QString operatorName;
    QString preview;
    int messageCount = 0;
    QStringList riskSignals; ///< why `risk` is what it is, readable

    static ContactRecord fromJson(const QJsonObject&);
};

struct EscalationStepRecord
{
    qint64 id = 0;
    qint64 at = 0;
    QString operatorName; ///< empty: the gateway (risk engine)
    QString kind;
    QJsonObject detail;
};

/// An escalation as docs/escalation.md describes it.
struct EscalationRecord
{
    qint64 id = 0;
    qint64 contactId = 0;
    RiskLevel level = RiskLevel::None;
    QString source;
    QList<QPair<QString, QString>> riskSignals; ///< category, readable text
    bool open = true;
    qint64 openedAt = 0;
    QString outcome;
    QString closeReason;
    bool acted = false;
    QList<EscalationStepRecord> steps;

    /// The detail of the latest step of `kind`, if any.
    std::optional<QJsonObject> latest(const QString& kind) const;
    static EscalationRecord fromJson(const QJsonObject&);
};

/// A crisis line of `line.info`.
struct CrisisLineInfo
{
    QString id;
    QString name;
    QString description;
    QString textTemplate;
    bool calls = false;
    bool texts = false;
    bool emergency = false;
    QString textTemplateEs; ///< for a caller whose language is Spanish; empty: textTemplate
};

struct MessageRecord
{
    qint64 id = 0; ///< negative: a local outbox entry not yet accepted by the gateway
    qint64 contactId = 0;
    Direction direction = Direction::Inbound;
    QString body;
    qint64 at = 0;
    DeliveryStatus status = DeliveryStatus::Received;
    QString error;
    bool automatic = false; ///< an automatic reply of the line, not an operator's text
    bool unsent = false;    ///< local outbox entry the gateway has not taken
    /// Local outbox entry typed while offline: sent by itself on reconnect.
    bool waiting = false;

    static MessageRecord fromJson(const QJsonObject&);
};

struct OperatorRecord
{
    qint64 id = 0;
    QString name;
    Role role = Role::Operator;
    int capacity = 3;
    Presence presence = Presence::Offline;
    qint64 since = 0;

    static OperatorRecord fromJson(const QJsonObject&);
};

struct CallerFlag
{
    QString kind;
    QString note;
    qint64 setAt = 0;
    QString setBy;
    qint64 expiresAt = 0; ///< 0: no expiry
};

struct CallerNote
{
    QString body;
    qint64 at = 0;
    QString operatorName;
};

struct HistoryRecord
{
    qint64 id = 0;
    QString channel;
    QString state;
    qint64 createdAt = 0;
    qint64 closedAt = 0;
    qint64 durationMs = 0;
    QString outcome;
    QString helped;
    QStringList topics;
    QStringList resourcesShared; ///< directory resources shared, by name
    RiskLevel risk = RiskLevel::None;
    QString note;
    QString operatorName;
    /// The caller's survey answer (1 yes, 2 a little, 3 no), 0 if none or
    /// not shown (only to the operator who took it, where the line chooses).
    int surveyAnswer = 0;

    static HistoryRecord fromJson(const QJsonObject&);
};

/// `caller.get`'s caller part.
/// A caller's own plan (docs/plans.md), as caller.get and plan.save give it.
struct PlanRecord
{
    QString kind;                            ///< "wrap" or "safety"
    QList<QPair<QString, QString>> sections; ///< key, the caller's words; in the plan's order
    QString consentText;
    QString consentBy;
    qint64 consentAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;
    struct Change
    {
        qint64 at = 0;
        QString operatorName;
        QStringList sections;
    };
    QList<Change> changes; ///< newest first

    QString section(const QString& key) const;
    static PlanRecord fromJson(const QJsonObject&);
};

struct CallerRecord
{
    qint64 id = 0;
    QString alias;
    QString preferredName;
    QString pronouns;
    QString language;
    qint64 firstContactAt = 0;
    int contactCount = 0;
    int contactsToday = 0;
    QList<CallerFlag> flags;
    int callsPerDay = 0;    ///< 0: no limit
    int minutesPerCall = 0; ///< 0: no limit
    QString preferredTimes;
    QList<CallerNote> notes;
    QList<PlanRecord> plans; ///< from caller.get's "plans", beside "caller"

    const PlanRecord* plan(const QString& kind) const;
    static CallerRecord fromJson(const QJsonObject&);
};

struct QuickReply
{
    QString title;
    QString text;
};

/// An interpreter service of `line.info` (its address stays with the gateway).
struct InterpreterInfo
{
    QString id;
    QString name;
    QStringList languages;
};

/// `line.info`.
struct LineInfo
{
    bool available = false; ///< false when the gateway does not know line.info
    QString name;
    QList<QuickReply> quickReplies;
    QStringList topics;
    QStringList referrals;
    int callsPerDay = 0;
    int minutesPerCall = 0;
    QList<CrisisLineInfo> crisisLines;
    QList<InterpreterInfo> interpreters;

    static LineInfo fromJson(const QJsonObject&);
};

QString riskText(RiskLevel);
/// Why a contact has its risk level, for a badge's tooltip: the signals
/// behind it, one per line, or a sentence when there are none.
QString riskReason(const ContactRecord&);
QString channelText(Channel);
QString contactStateText(ContactState);
QString presenceText(Presence);
QString deliveryText(DeliveryStatus);
/// "45 s", "3 min", "1 h 05 min".
QString durationText(qint64 ms);
/// "Safety plan", "Warm transfer", ... for an escalation outcome or action key.
QString escalationActionText(const QString& key);
/// A readable line for an escalation step.
QString escalationStepText(const EscalationStepRecord&);

} // namespace warmline::app
