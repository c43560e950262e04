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

// The same in Spanish, for a texter who writes in Spanish (docs/languages.md):
// 988 answers in Spanish (press 2, or text AYUDA), and so does Crisis Text
// Line (text AYUDA to 741741).
std::string defaultFirstContactReplyEs(std::string_view lineName);
std::string defaultAfterHoursReplyEs(std::string_view lineName);
std::string defaultHelpReplyEs(std::string_view lineName);
std::string defaultStopReplyEs(std::string_view lineName);
std::string defaultStartReplyEs(std::string_view lineName);

} // namespace warmline
