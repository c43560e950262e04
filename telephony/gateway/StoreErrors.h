#pragma once

// How the gateway's command handlers turn a failed store job into words:
// one place for the log line and the error frame, shared by the gateway's
// source files (Gateway, GatewayBoard, GatewayCalls, Supervision).

#include <exception>
#include <string>

namespace warmline::telephony {

/// The failure's message, for the log ("unknown error" if it has none).
std::string describeStoreError(const std::exception_ptr& e);

/// The error frame answering request `re`: a LinkError as it is, a missing
/// row as not_found, a bad value as bad_request; anything else is logged and
/// answered unavailable (nothing changed, the client may try again).
std::string storeErrorFrame(const std::string& re, const std::exception_ptr& e);

} // namespace warmline::telephony
