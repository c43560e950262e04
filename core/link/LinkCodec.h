#pragma once

// Operator-link codec (docs/protocol.md, version 1): pure functions that turn
// frames into requests and domain records into JSON, and back. No I/O; safe
// to call from any thread.

#include "core/config/LineContent.h"
#include "core/domain/Domain.h"
#include "core/risk/Escalation.h"
#include "core/store/CallerPlans.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::link {

inline constexpr int kProtocolVersion = 1;
inline constexpr std::size_t kMaxRequestIdLength = 64;

/// Error codes of the protocol (docs/protocol.md, "Requests").
enum class ErrorCode
{
    BadRequest,
    UnsupportedVersion,
    Unauthenticated,
    BadCredentials,
    Throttled,
    Forbidden,
    NotFound,
    Conflict,
    Capacity,
    Unavailable,
    Internal
};

std::string_view toString(ErrorCode);
std::optional<ErrorCode> parseErrorCode(std::string_view);

/// A failure to answer with an `error` frame. Thrown by the field getters
/// below and by command handlers; caught where a request is dispatched.
class LinkError : public std::runtime_error
{
public:
    LinkError(ErrorCode code, const std::string& message)
        : std::runtime_error(message), m_code(code)
    {
    }
    ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

/// A client request: envelope checked, parameters left as the JSON object.
struct Request
{
    std::string id;
    std::string type;
    boost::json::object params; ///< the whole object, envelope fields included
};

/// Parses one frame into a request. On failure throws LinkError; `idOut`
/// then holds the request id if one could be read (for the error's `re`).
Request parseRequest(std::string_view frame, std::optional<std::string>& idOut);

// Typed access to request parameters; each throws LinkError(BadRequest) naming
// the field when it is missing (for the required forms) or of the wrong type.
std::string requireString(const boost::json::object&, std::string_view key,
                          std::size_t maxBytes = 4096);
std::optional<std::string> optionalString(const boost::json::object&, std::string_view key,
                                          std::size_t maxBytes = 4096);
std::int64_t requireInt(const boost::json::object&, std::string_view key);
std::optional<std::int64_t> optionalInt(const boost::json::object&, std::string_view key);

// Frames the gateway sends.
std::string ackFrame(std::string_view re, boost::json::object data);
std::string errorFrame(const std::optional<std::string>& re, ErrorCode, std::string_view message);
std::string eventFrame(std::string_view epoch, std::uint64_t seq, std::string_view name,
                       const boost::json::object& data);

// Frames a client sends.
std::string requestFrame(std::string_view id, std::string_view type,
                         boost::json::object params = {});

// Domain records.
boost::json::object toJson(const ContactSummary&);
boost::json::object toJson(const Message&);
ContactSummary contactFromJson(const boost::json::object&);
Message messageFromJson(const boost::json::object&);

// Callers (never the number). A caller's limits are shown as they apply:
// the caller's own where set, else the line's `defaults`.
boost::json::object toJson(const CallerProfile&, const LineLimits& defaults);
boost::json::object toJson(const CallerFlag&);
boost::json::object toJson(const CallerNote&);
boost::json::object toJson(const ContactHistoryEntry&);
/// A caller's plan (docs/plans.md): id, kind, sections {key: words},
/// consent {text, by, at, contactId}, updatedAt, updatedBy, changes.
boost::json::object toJson(const CallerPlan&);

/// The `wrapup` object of contact.close: `outcome` and `helped` required,
/// `topics` and `referrals` (optional arrays) only from the line's lists;
/// repeats are dropped. Throws LinkError(BadRequest) naming the bad entry.
WrapUp wrapUpFromJson(const boost::json::value&, const LineContent& line);

// Escalation records (docs/escalation.md). A step's detail is sent as the
// JSON object it was recorded as.
boost::json::object toJson(const EscalationRecord&);
boost::json::object toJson(const EscalationStep&);
EscalationRecord escalationFromJson(const boost::json::object&);
/// The screener's answers: `q1`..`q6`, `q6recent`, `dangerNow`, each true,
/// false or absent. Throws LinkError(BadRequest) naming a key of another type.
ScreenerAnswers screenerFromJson(const boost::json::object&);
boost::json::object toJson(const ScreenerAnswers&);

/// What the link shows of an operator (never the password hash).
struct OperatorView
{
    Id id = 0;
    std::string name;
    Role role = Role::Operator;
    int capacity = 3;
    bool disabled = false;
    Presence presence = Presence::Offline;
    EpochMs since = 0;
    std::vector<std::string> languages;
    std::string sipUri; ///< shown when set (operator.list, operator.sip)
    std::string group;  ///< shown when set (docs/surveys.md#by-group)
};
boost::json::object toJson(const OperatorView&);
OperatorView operatorFromJson(const boost::json::object&);

/// A received server frame, classified.
struct ServerFrame
{
    enum class Kind
    {
        Ack,
        Error,
        Event
    } kind = Kind::Ack;
    std::optional<std::string> re; ///< ack and error
    boost::json::object data;      ///< ack and event
    ErrorCode code = ErrorCode::Internal;
    std::string message;   ///< error
    std::string epoch;     ///< event
    std::uint64_t seq = 0; ///< event
    std::string name;      ///< event
};
/// Parses a frame from the gateway; throws LinkError(BadRequest) if malformed.
ServerFrame parseServerFrame(std::string_view frame);

/// Valid operator name: 1–64 of letters, digits, '.', '_', '-'.
bool isValidOperatorName(std::string_view);

} // namespace warmline::link
