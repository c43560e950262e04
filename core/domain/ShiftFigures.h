#pragma once

// The shift's figures on the lead's board: contacts answered, the share
// answered within the line's target (service level) and contacts abandoned
// while waiting, counted since the shift began. A shift begins at one of the
// line's shift start times (local clock, board.shift_starts), or, when none
// are set, a fixed window before now (board.shift_window). Not thread-safe:
// the gateway keeps one on its event loop.

#include "core/domain/Domain.h"
#include "core/domain/TimeZone.h"

#include <boost/json/object.hpp>

#include <deque>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace warmline {

class ShiftStartsError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Parses "07:00, 15:00, 23:00" into minutes after local midnight, sorted
/// and without repeats; an empty text gives none. Throws ShiftStartsError.
std::vector<int> parseShiftStarts(std::string_view text);

/// When the shift containing `now` began: the latest start time not after
/// `now` (today's or yesterday's, in the line's local time), or with
/// no start times `now - window`.
EpochMs shiftStartAt(EpochMs now, const std::vector<int>& startMinutes, const TimeZone& zone,
                     EpochMs window);

struct ShiftFigures
{
    EpochMs shiftStart = 0;
    int answered = 0;             ///< contacts first answered in the shift
    int answeredWithinTarget = 0; ///< of those, answered within the target
    int abandoned = 0;            ///< left the queue unanswered in the shift
    /// answeredWithinTarget / (answered + abandoned); nullopt with neither.
    std::optional<double> serviceLevel() const;
};

class ShiftStats
{
public:
    /// A contact was answered after waiting `waitMs`; only the first answer of
    /// a contact in a shift counts (a contact released and taken again is
    /// still one contact).
    void recordAnswered(Id contactId, EpochMs at, EpochMs waitMs);
    void recordAbandoned(Id contactId, EpochMs at);
    /// The figures for the shift that began at `shiftStart`; forgets what
    /// happened before it.
    ShiftFigures figures(EpochMs shiftStart, EpochMs targetMs);
    /// Contacts first answered at or after `since` (the pace of the shift).
    std::size_t answeredSince(EpochMs since) const;

private:
    struct Answer
    {
        Id contactId;
        EpochMs at;
        EpochMs waitMs;
    };
    void forgetBefore(EpochMs shiftStart);

    std::deque<Answer> m_answers; ///< in time order
    std::deque<std::pair<Id, EpochMs>> m_abandoned;
};

boost::json::object toJson(const ShiftFigures&, EpochMs targetMs);

} // namespace warmline
