#pragma once

// Figures for a period, as supervisors read them: contacts by day and hour
// of the line's local time, by channel, answer time, handle time, abandon
// rate, escalations and their outcomes, wrap-up topics and outcomes, and
// how much of the traffic comes from repeat callers. Computed in one range
// scan of a covering index (contacts_report) plus one small join for
// escalations; see docs/decisions.md for every definition. Runs on the
// reader's connection; the JSON and CSV functions are pure (any thread).

#include "core/config/LineSettings.h"
#include "core/domain/Domain.h"
#include "core/domain/TimeZone.h"

#include <boost/json/object.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

/// [from, to) in epoch milliseconds; days and hours are bucketed in the
/// line's local time (its zone's offset at each contact, daylight saving
/// included).
struct ReportPeriod
{
    EpochMs from = 0;
    EpochMs to = 0;
    TimeZone zone;
};

/// Count, mean and nearest-rank percentiles of a set of durations.
struct DurationStats
{
    std::int64_t count = 0;
    std::int64_t meanMs = 0; ///< rounded to the nearest millisecond
    std::int64_t medianMs = 0;
    std::int64_t p90Ms = 0;
    std::int64_t maxMs = 0;
};

struct ContactCounts
{
    std::int64_t contacts = 0;
    std::int64_t answered = 0;  ///< an operator accepted it
    std::int64_t abandoned = 0; ///< state abandoned: the caller left before an answer
};

struct DayCounts
{
    std::string date; ///< YYYY-MM-DD, local
    ContactCounts counts;
};

using LabelCounts = std::vector<std::pair<std::string, std::int64_t>>;

/// Survey figures (docs/surveys.md): contacts sent the question, and the
/// answers; the response rate is answered / sent.
struct SurveyCounts
{
    std::int64_t sent = 0;
    std::int64_t answered = 0;
    std::int64_t yes = 0;
    std::int64_t aLittle = 0;
    std::int64_t no = 0;
    double responseRate() const; ///< 0 when none was sent
};
using LabelSurveys = std::vector<std::pair<std::string, SurveyCounts>>;

/// Overflow to a partner line (docs/coaching.md#overflow): contacts that
/// reached each step.
struct OverflowCounts
{
    std::int64_t texted = 0;    ///< sent the partner line's number
    std::int64_t offered = 0;   ///< callers who heard the offer
    std::int64_t accepted = 0;  ///< and pressed 1
    std::int64_t connected = 0; ///< put through to it
};

struct Report
{
    ReportPeriod period;
    ReportTargets targets;
    ContactCounts totals;
    std::int64_t answeredOnTime = 0; ///< answered within targets.answerSeconds
    ContactCounts calls;
    ContactCounts texts;
    std::vector<DayCounts> byDay;          ///< every local day of the period, in order
    std::array<std::int64_t, 24> byHour{}; ///< contacts by local hour of arrival
    DurationStats answerTime;              ///< arrival until accepted
    DurationStats handleTime;              ///< accepted until wrap-up (or close)
    LabelCounts topics;                    ///< most frequent first, then by name
    LabelCounts outcomes;                  ///< wrap-up outcomes, same order
    std::int64_t escalations = 0;          ///< escalation records of the period's contacts
    std::int64_t escalatedContacts = 0;    ///< contacts with at least one
    LabelCounts escalationLevels;
    LabelCounts escalationOutcomes;    ///< "open" while not closed
    std::int64_t referralsGiven = 0;   ///< directory resources shared in the period's contacts
    std::int64_t referredContacts = 0; ///< contacts with at least one
    LabelCounts referralsByHow;        ///< "text" (sent) or "read" (read out on a call)
    LabelCounts referralResources;     ///< by the resource's name when shared
    /// Overflow to a partner line (docs/coaching.md#overflow): the period's
    /// contacts that reached each step, and the same by the local day the
    /// contact arrived (days with an overflow step, in order).
    OverflowCounts overflow;
    std::vector<std::pair<std::string, OverflowCounts>> overflowByDay;
    /// The survey after a conversation (docs/surveys.md): the period's
    /// contacts that were sent it, and the answers; and the same by local
    /// day (days with a survey, in order), by channel ("call", "text") and
    /// by topic (a contact with two topics counts in both; most sent first,
    /// then by name), and by the group of the operator who took the contact
    /// (by name; contacts of an operator without a group are in the totals
    /// only).
    SurveyCounts survey;
    LabelSurveys surveyByDay;
    LabelSurveys surveyByChannel;
    LabelSurveys surveyByTopic;
    LabelSurveys surveyByGroup;
    /// Screening (docs/screening.md): contacts held for a lead and refused
    /// in the period (from the audit log).
    struct
    {
        std::int64_t held = 0;
        std::int64_t refused = 0;
    } screened;
    /// Check-ins callers asked for (docs/checkins.md), in the period:
    /// scheduled, times that reached the queue or an open conversation,
    /// times missed, and check-ins stopped.
    struct
    {
        std::int64_t scheduled = 0;
        std::int64_t reached = 0;
        std::int64_t missed = 0;
        std::int64_t stopped = 0;
    } checkIns;
    /// Callbacks that kept a caller's place (docs/callbacks.md; check-ins
    /// by call are counted with check-ins, not here): requested
    /// in the period, reached and closed not reached in it, and the mean
    /// time from the request to the caller answering (0 when none).
    struct
    {
        std::int64_t requested = 0;
        std::int64_t reached = 0;
        std::int64_t notReached = 0;
        std::int64_t meanMsToCallback = 0;
    } callbacks;
    std::int64_t callers = 0;       ///< distinct callers in the period
    std::int64_t repeatCallers = 0; ///< of them, with two or more contacts
    std::int64_t contactsFromRepeatCallers = 0;

    double abandonRate() const; ///< abandoned / (answered + abandoned); 0 when none
    /// The service level: answeredOnTime / (answered + abandoned), the
    /// definition the shift board uses too; 0 when none.
    double answeredOnTimeRate() const;
    double repeatCallerShare() const;  ///< repeatCallers / callers
    double repeatContactShare() const; ///< contactsFromRepeatCallers / contacts
};

/// The longest period a report covers (two years of days).
inline constexpr EpochMs kMaxReportPeriodMs = 732LL * 24 * 3600 * 1000;

/// Computes the report; throws std::invalid_argument for an empty or too
/// long period.
Report computeReport(SQLite::Database& db, const ReportPeriod& period,
                     const ReportTargets& targets);

/// The local date (YYYY-MM-DD) of an instant.
std::string localDate(EpochMs at, const TimeZone& zone);
/// The UTC instant a local date (YYYY-MM-DD) starts; nullopt if malformed.
std::optional<EpochMs> localDayStart(std::string_view date, const TimeZone& zone);
/// The same with a fixed offset from UTC, in minutes.
inline std::string localDate(EpochMs at, int tzOffsetMinutes)
{
    return localDate(at, TimeZone::fixed(tzOffsetMinutes));
}
inline std::optional<EpochMs> localDayStart(std::string_view date, int tzOffsetMinutes)
{
    return localDayStart(date, TimeZone::fixed(tzOffsetMinutes));
}
/// The zone a report (toJson below) was computed in: its "timezone" name
/// when the system knows it, else its fixed "tzOffsetMinutes".
TimeZone reportZone(const boost::json::object& period);

/// The report as report.get returns it (docs/protocol.md).
boost::json::object toJson(const Report&);

/// A report as CSV (RFC 4180, one header row): one row per figure with the
/// columns section, item, measure, value. Works on the JSON form, which is
/// what clients hold. Text cells that a spreadsheet would run as a formula
/// are prefixed with an apostrophe.
std::string reportCsv(const boost::json::object& report);

} // namespace warmline
