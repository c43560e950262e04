#pragma once

// The line's automatic replies when the configuration leaves them empty.
// Each carries the crisis resources a non-crisis line must point to. Pure.

#include <string>
#include <string_view>

namespace warmline {

std::string defaultFirstContactReply(std::string_view lineName);
std::string defaultAfterHoursReply(std::string_view lineName);
std::string defaultHelpReply(std::string_view lineName);
std::string defaultStopReply(std::string_view lineName);
std::string defaultStartReply(std::string_view lineName);

} // namespace warmline
