#pragma once

// The operator link's review, audit and settings records (docs/protocol.md,
// "Supervisor review", "Audit log", "Line settings"): JSON for the records
// of ReviewStore, AuditLog and LineSettings, and the filters of review.list
// and audit.list read from a request. Pure functions; any thread.

#include "core/config/LineSettings.h"
#include "core/domain/AuditLog.h"
#include "core/domain/TimeZone.h"
#include "core/store/ReviewStore.h"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace warmline::link {

boost::json::object toJson(const ReviewRow&);
boost::json::object toJson(const ReviewDetail&);
boost::json::object toJson(const ReviewComment&);
boost::json::object toJson(const Interpretation&);
boost::json::object toJson(const Debrief&);
boost::json::object toJson(const ReferralGiven&);
boost::json::object toJson(const CoachingEvent&);
boost::json::object toJson(const ReviewEscalation&);
boost::json::object toJson(const AuditEntry&);
boost::json::object toJson(const LineSetting&);

/// A cursor as the link carries it ("createdAt:id"), and back; nullopt if malformed.
std::string cursorText(const ReviewCursor&);
std::optional<ReviewCursor> parseCursor(std::string_view);

/// A time bound of a request: epoch milliseconds, or a local date
/// "YYYY-MM-DD" (the start of that day; with `endOfDay`, the start of the
/// next, so a `to` date includes its whole day). Throws LinkError(BadRequest)
/// naming the field.
std::optional<EpochMs> timeBound(const boost::json::object& params, std::string_view key,
                                 const TimeZone& zone, bool endOfDay);

/// review.list's parameters; throws LinkError(BadRequest) naming a bad field.
/// `operatorId` given as a name is resolved by the caller (operatorName).
ReviewFilter reviewFilterFromJson(const boost::json::object& params, const TimeZone& zone);

/// audit.list's parameters; throws LinkError(BadRequest).
AuditFilter auditFilterFromJson(const boost::json::object& params, const TimeZone& zone);

} // namespace warmline::link
