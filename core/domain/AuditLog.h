#pragma once

// The audit log: who opened which contact, revealed which caller's number,
// reviewed, commented, changed a setting or an account, and when. Rows are
// only ever appended; the store's triggers refuse UPDATE and DELETE, so not
// even a bug or a hand-run SQL statement edits history without leaving the
// schema. Append inside the same transaction as the read it records: if the
// row cannot be written, the read fails with it. One connection, its thread.

#include "core/domain/Domain.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

/// Actions written to the audit log (docs/protocol.md, "Audit log").
namespace audit {
inline constexpr std::string_view kContactOpen = "contact.open";
inline constexpr std::string_view kCallerOpen = "caller.open";
inline constexpr std::string_view kCallerReveal = "caller.reveal";
inline constexpr std::string_view kReviewMark = "review.mark";
inline constexpr std::string_view kReviewComment = "review.comment";
inline constexpr std::string_view kReviewFollowUp = "review.followup";
inline constexpr std::string_view kSettingSet = "setting.set";
inline constexpr std::string_view kOperatorChange = "operator.change";
inline constexpr std::string_view kRetentionPurge = "retention.purge";
inline constexpr std::string_view kPlanConsent = "plan.consent";
inline constexpr std::string_view kPlanDelete = "plan.delete";
/// A lead began reading a live conversation someone else holds.
inline constexpr std::string_view kContactWatch = "contact.watch";
/// A lead took over a conversation (agreed, or forced in an escalation).
inline constexpr std::string_view kContactTakeover = "contact.takeover";
/// A lead joined a call (listen, whisper or barge) or changed mode on it.
inline constexpr std::string_view kCallListen = "call.listen";
/// Screening (docs/screening.md): a contact held for a lead, a contact
/// refused, a held contact let into the ordinary queue by a lead.
inline constexpr std::string_view kScreeningHold = "screening.hold";
inline constexpr std::string_view kScreeningRefuse = "screening.refuse";
inline constexpr std::string_view kScreeningAdmit = "screening.admit";
/// A check-in scheduled with the caller's consent, and one stopped (by the
/// caller's STOP or keypress, an operator, or a lead); docs/checkins.md.
inline constexpr std::string_view kCheckInSchedule = "checkin.schedule";
inline constexpr std::string_view kCheckInStop = "checkin.stop";
} // namespace audit

struct AuditEntry
{
    Id id = 0;
    EpochMs at = 0;
    std::optional<Id> operatorId; ///< empty: the gateway itself (e.g. the retention purge)
    std::string operatorName;
    std::string action;
    std::optional<Id> contactId;
    std::optional<Id> callerId;
    std::string detail; ///< a JSON object, never a number or message content
};

struct AuditFilter
{
    std::optional<EpochMs> from; ///< inclusive
    std::optional<EpochMs> to;   ///< exclusive
    std::optional<Id> operatorId;
    std::optional<Id> contactId;
    std::string action;         ///< empty: any
    std::optional<Id> beforeId; ///< paging: rows older than this id
    std::size_t limit = 100;
};

class AuditLog
{
public:
    explicit AuditLog(SQLite::Database& db) : m_db(db) {}

    /// Appends a row; returns its id. Throws on failure (the caller's
    /// transaction then rolls back, and with it the read being recorded).
    Id append(EpochMs at, std::optional<Id> operatorId, std::string_view action,
              std::optional<Id> contactId = std::nullopt, std::optional<Id> callerId = std::nullopt,
              std::string_view detail = "{}");

    /// Rows matching `filter`, newest first, at most filter.limit.
    std::vector<AuditEntry> list(const AuditFilter& filter);

private:
    SQLite::Database& m_db;
};

} // namespace warmline
