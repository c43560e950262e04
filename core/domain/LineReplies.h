#pragma once

// The line's automatic replies when the configuration leaves them empty.
// Each carries the crisis resources a non-crisis line must point to. Pure.

#include <cstddef>
#include <optional>
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

/// The one text a texter still waiting past line.wait_notice gets: their
/// place in line (1-based), a rough wait in minutes when there is one to
/// give, and the crisis lines. English or Spanish.
std::string waitNoticeText(std::string_view lineName, std::size_t position,
                           std::optional<int> roughWaitMinutes, bool spanish);

/// The one text a texter waiting during overflow (docs/coaching.md#overflow)
/// gets: they may keep waiting, or text the partner line now; and the
/// crisis lines. English or Spanish.
std::string overflowText(std::string_view lineName, std::string_view partnerName,
                         std::string_view partnerNumber, bool spanish);

/// The text to a caller whose callback (docs/callbacks.md), or check-in by
/// call, reached nobody after every attempt: they can call or text again;
/// and the crisis lines. English or Spanish.
std::string callbackMissedText(std::string_view lineName, bool spanish, bool checkIn = false);

/// The one-question survey after a text conversation (docs/surveys.md), and
/// the thanks for an answer. English or Spanish; the survey carries the
/// crisis lines, as every automatic text that opens a conversation.
std::string surveyText(std::string_view lineName, bool spanish);
std::string surveyThanks(std::string_view lineName, bool spanish);

/// A rough wait for the contact at `position` (1-based), from the pace of
/// answers over the last `windowMs` (`answeredInWindow` of them): position
/// divided by the pace, rounded up to 5 minutes. Nullopt when fewer than 2
/// were answered in the window, or the result passes 3 hours: there is no
/// honest figure to give then.
std::optional<int> roughWaitMinutes(std::size_t position, std::size_t answeredInWindow,
                                    long long windowMs);

/// The window the shift's pace is taken over for a rough wait: the texters'
/// wait notice and the callers' place-in-line announcement.
constexpr long long kWaitPaceWindowMs = 30 * 60'000;

} // namespace warmline
