#pragma once

// What the shift board shows, parsed from board.snapshot and the board's
// events (docs/protocol.md, "Shift lead board"): operators on shift with the
// contacts they hold, the shift's figures, and alerts. Value types; any thread.

#include "core/domain/Alert.h"
#include "core/domain/Domain.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace warmline::app {

struct HeldContact
{
    qint64 id = 0;
    QString alias;
    Channel channel = Channel::Text;
    ContactState state = ContactState::Active;
    RiskLevel risk = RiskLevel::None;
    qint64 heldSince = 0;
};

struct BoardOperator
{
    qint64 id = 0;
    QString name;
    Role role = Role::Operator;
    int capacity = 3;
    Presence presence = Presence::Offline;
    qint64 since = 0;
    int links = 0;
    qint64 linkLostAt = 0; ///< 0: connected
    qint64 recoverAt = 0;
    /// Where their calls go: "softphone", "desk", "number" (their own
    /// phone through the trunk) or "none" (docs/remote-operators.md).
    QString phone;
    /// The phone's answer to the gateway's check (decision 147): whether
    /// it has been asked at all, whether it answered the last time, when it
    /// last answered (0: never) and that answer's round trip.
    bool phoneChecked = false;
    bool phoneAnswering = false;
    qint64 phoneAnsweredAt = 0;
    qint64 phoneRttMs = -1;
    /// Whether the check and calls travel encrypted (SIP over TLS, SRTP).
    bool phoneEncrypted = false;
    /// An app softphone with an account (decision 156): whether it is
    /// registered now, and over "tls" or "tcp".
    bool phoneHasAccount = false;
    bool phoneRegistered = false;
    QString phoneTransport;
    QList<HeldContact> held;

    /// Whether the board lists this operator (on shift, holding, or lost).
    bool onShift() const { return presence != Presence::Offline || !held.isEmpty() || linkLostAt; }
    /// May a lead assign them one more contact now?
    bool canTakeMore() const
    {
        return (presence == Presence::Available || presence == Presence::Busy) && links > 0 &&
               held.size() < capacity;
    }
    static BoardOperator fromJson(const QJsonObject&);
};

struct BoardFigures
{
    qint64 shiftStart = 0;
    int answered = 0;
    int answeredWithinTarget = 0;
    int abandoned = 0;
    qint64 answerTargetMs = 0;
    int serviceLevelTargetPercent = 80; ///< targets.answered_on_time_percent
    std::optional<double> serviceLevel;

    static BoardFigures fromJson(const QJsonObject&);
};

/// An alert as the app holds it (core's Alert, from the link's JSON).
Alert alertFromLink(const QJsonObject&);
QString alertKindText(AlertKind);
QString alertLevelText(AlertLevel);

} // namespace warmline::app
