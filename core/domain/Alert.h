#pragma once

// Alerts for shift leads: a contact in crisis (an escalation), a contact
// waiting past the line's target, an operator past the time limit on a
// contact, a presence stuck too long, an operator whose app vanished. Each is
// kept in the store until a lead acknowledges it. An alert's text is written
// by the gateway and never holds a phone number or a message body.
// Value types and pure functions; safe on any thread.

#include "core/domain/Domain.h"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace warmline {

enum class AlertKind
{
    Escalation,
    WaitOverTarget,
    OverTimeLimit,
    PresenceStuck,
    OperatorLost,
    NoOneAvailable ///< contacts wait and nobody on shift can take one
};

/// How urgent an alert is; escalations carry the contact's risk level.
enum class AlertLevel
{
    Info,
    Warning,
    High,
    Imminent
};

std::string_view toString(AlertKind);
std::string_view toString(AlertLevel);
std::optional<AlertKind> parseAlertKind(std::string_view);
std::optional<AlertLevel> parseAlertLevel(std::string_view);

struct Alert
{
    Id id = 0;
    AlertKind kind = AlertKind::WaitOverTarget;
    std::optional<Id> contactId;
    std::optional<Id> operatorId;
    std::optional<Id> escalationId;
    AlertLevel level = AlertLevel::Warning;
    std::string text;
    EpochMs raisedAt = 0;
    EpochMs lastRaisedAt = 0;
    int repeatCount = 0; ///< times raised again while unacknowledged
    bool toAll = false;  ///< sent to everyone on shift, not only leads
    std::optional<Id> acknowledgedBy;
    std::optional<EpochMs> acknowledgedAt;

    bool open() const { return !acknowledgedAt.has_value(); }
};

/// Alert text safe to store and show: runs of seven or more digits (with
/// the spaces, dots, dashes, parentheses and plus signs numbers are written
/// with) become "[number]", control characters become spaces, and the text
/// is cut to `maxBytes` at a UTF-8 boundary.
std::string sanitizeAlertText(std::string_view text, std::size_t maxBytes = 300);

/// Link JSON (docs/protocol.md, "Alerts"); `acknowledgedByName` may be empty.
boost::json::object toJson(const Alert&, std::string_view acknowledgedByName = {});
/// The reverse, for clients; throws std::invalid_argument when malformed.
Alert alertFromJson(const boost::json::object&);

} // namespace warmline
