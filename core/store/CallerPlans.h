#pragma once

// A caller's own plans, kept on their profile with their consent
// (docs/plans.md): a wellness plan in the Wellness Recovery Action Plan's
// sections, and a safety plan in the Stanley–Brown safety plan's. In the
// caller's words, section by section. Consent is recorded once per plan
// (what they agreed to, who recorded it, when, in which contact); each
// change keeps who, when and which sections changed, not the words (the
// plan holds them once, so deleting it removes them). Deleting blanks the
// plan and audits it. Writes run inside the store worker's transaction.

#include "core/domain/Domain.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

enum class PlanKind
{
    Wrap,   ///< wellness plan (WRAP)
    Safety, ///< safety plan
};

std::string_view toString(PlanKind);
std::optional<PlanKind> parsePlanKind(std::string_view);

struct PlanSection
{
    std::string_view key;
    std::string_view title;   ///< English
    std::string_view titleEs; ///< Spanish
};

/// The sections of a kind of plan, in the order they are shown and sent.
const std::vector<PlanSection>& planSections(PlanKind);

/// The longest text of one section, in bytes.
inline constexpr std::size_t kMaxPlanSectionBytes = 2000;

struct PlanChange
{
    EpochMs at = 0;
    std::string operatorName;
    std::optional<Id> contactId;
    std::vector<std::string> sections; ///< the keys changed
};

struct CallerPlan
{
    Id id = 0;
    Id callerId = 0;
    PlanKind kind = PlanKind::Safety;
    /// Section key → the caller's words, in the kind's order; empty
    /// sections left out.
    std::vector<std::pair<std::string, std::string>> sections;
    std::string consentText; ///< what the caller agreed to
    std::string consentBy;   ///< the operator who recorded it
    EpochMs consentAt = 0;
    std::optional<Id> consentContactId;
    EpochMs updatedAt = 0;
    std::string updatedBy;
    std::vector<PlanChange> changes; ///< newest first, at most 50

    /// A section's words, "" when empty.
    std::string section(std::string_view key) const;
};

/// Saving a plan the caller has not consented to keep.
class PlanConsentNeeded : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

/// The caller's plans (those not deleted), wellness first.
std::vector<CallerPlan> plansOf(SQLite::Database& db, Id callerId);
std::optional<CallerPlan> planOf(SQLite::Database& db, Id callerId, PlanKind kind);

/// Saves the given sections (each replaces that section; "" clears it;
/// sections not given keep their words). The first save needs
/// `consentText`; a later one may give it again (recorded anew). Throws
/// std::invalid_argument for a section the kind does not have,
/// PlanConsentNeeded without consent for a new plan. Audits consent.
CallerPlan savePlan(SQLite::Database& db, Id callerId, PlanKind kind,
                    const std::vector<std::pair<std::string, std::string>>& sections,
                    const std::optional<std::string>& consentText, Id operatorId,
                    std::optional<Id> contactId, EpochMs at);

/// Deletes the plan: its words and the consent's are gone (the changes
/// keep who and when); audited (the kind only: an audit row never holds
/// content). False when there was none.
bool deletePlan(SQLite::Database& db, Id callerId, PlanKind kind, Id operatorId,
                std::optional<Id> contactId, EpochMs at);

/// The plan as the caller is sent it: its title, then each section's title
/// and words, in English or Spanish ("es").
std::string planText(const CallerPlan& plan, std::string_view language);

/// `text` in messages of at most `maxBytes` each, cut between paragraphs
/// where it can, else between lines, else between words, else between
/// characters; each numbered "(1/3) " when there is more than one (texts
/// can arrive out of order). At most 20 messages: the rest is cut.
std::vector<std::string> splitIntoTexts(std::string_view text, std::size_t maxBytes);

} // namespace warmline
