#pragma once

// Qt-side records of the supervision part of the operator link (review
// rows and records, escalations, comments, audit entries, line settings),
// parsed from the JSON of docs/protocol.md. Value types; any thread.

#include "app/link/LinkRecords.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace warmline::app {

/// One row of review.list (and the `contact` of review.get).
struct ReviewRowRecord
{
    qint64 id = 0;
    QString alias;
    Channel channel = Channel::Text;
    ContactState state = ContactState::Closed;
    RiskLevel risk = RiskLevel::None;
    qint64 createdAt = 0;
    qint64 closedAt = 0;
    qint64 durationMs = 0;
    qint64 operatorId = 0;
    QString operatorName;
    QString outcome;
    QString helped;
    QStringList topics;
    bool escalated = false;
    qint64 reviewedAt = 0; ///< 0: not reviewed
    QString reviewedBy;
    bool followUp = false;
    int messageCount = 0;
    int commentCount = 0;

    static ReviewRowRecord fromJson(const QJsonObject&);
};

struct ReviewEscalationStepRecord
{
    qint64 at = 0;
    QString operatorName;
    QString kind;
    QString detail; ///< the step's detail for people ("answer: yes; to: 988")
};

struct EscalationRecordQt
{
    qint64 id = 0;
    QString level;
    QString source;
    QStringList riskSignals;
    QString state;
    qint64 openedAt = 0;
    QString openedBy;
    qint64 closedAt = 0;
    QString closedBy;
    QString outcome;
    QString closeReason;
    QList<ReviewEscalationStepRecord> steps;

    static EscalationRecordQt fromJson(const QJsonObject&);
};

struct CommentRecord
{
    qint64 id = 0;
    qint64 contactId = 0;
    QString alias;
    qint64 contactCreatedAt = 0;
    QString authorName;
    QString operatorName;
    QString body;
    qint64 at = 0;
    qint64 readAt = 0; ///< 0: unread

    static CommentRecord fromJson(const QJsonObject&);
};

/// review.get's answer.
/// An interpreter called into a call (review.get's interpretations).
struct InterpretationRecord
{
    QString serviceName;
    QString language;
    QString operatorName;
    qint64 requestedAt = 0;
    qint64 connectedAt = 0; ///< 0: never answered
    qint64 endedAt = 0;
    QString outcome; ///< ringing, on, ended, not_reached
    QString reason;
};

/// An operator's debrief for a supervisor (review.get's debriefs).
struct DebriefRecord
{
    QString operatorName;
    QString body;
    qint64 at = 0;
};

/// A lead's live coaching in the contact (review.get's coaching).
struct CoachingRecord
{
    QString kind; ///< watch, unwatch, note, takeover.asked/agreed/declined/forced; listen, whisper,
                  ///< barge, unlisten
    QString leadName;
    QString operatorName;
    QString body;
    qint64 at = 0;
};

/// A step of the contact's overflow to a partner line (review.get's overflow).
struct OverflowRecord
{
    QString kind; ///< texted, offered, accepted, connected, failed
    QString detail;
    qint64 at = 0;
};

struct ReviewDetailRecord
{
    ReviewRowRecord row;
    QString note;
    QStringList referrals;
    QStringList riskSignals;
    QString followUpNote;
    qint64 purgedAt = 0;
    QList<MessageRecord> messages;
    QList<CallerNote> callerNotes;
    QList<EscalationRecordQt> escalations;
    QList<CommentRecord> comments;
    QList<InterpretationRecord> interpretations;
    QList<DebriefRecord> debriefs;
    QList<CoachingRecord> coaching;
    QList<OverflowRecord> overflow;

    static ReviewDetailRecord fromJson(const QJsonObject&);
};

struct AuditRecord
{
    qint64 id = 0;
    qint64 at = 0;
    QString operatorName; ///< empty: the gateway itself
    QString action;
    qint64 contactId = 0;
    QString detail; ///< compact JSON

    static AuditRecord fromJson(const QJsonObject&);
};

struct SettingRecord
{
    QString key;
    QString value;
    QString fileValue;
    QString source; ///< default, file or admin
    qint64 setAt = 0;
    QString setBy;
    QString description;
    QString type; ///< integer, hours
    qint64 min = 0;
    qint64 max = 0;

    static SettingRecord fromJson(const QJsonObject&);
};

/// "2026-11-19 14:05" in local time; empty for 0.
QString dateTimeText(qint64 ms);
/// A code such as "warm-transfer" as words: "Warm transfer".
QString codeText(const QString& code);

} // namespace warmline::app
