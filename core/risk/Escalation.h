#pragma once

// Crisis escalation: the record kept for each one (level, signals, every step
// with its time and who took it, the outcome) and the protocol that turns the
// Columbia screener's answers into a recommended action (docs/escalation.md).
// Pure: the gateway stores and sends these, the app shows them.

#include "core/domain/Domain.h"
#include "core/risk/RiskEngine.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// Where an escalation came from.
enum class EscalationSource
{
    Text,     ///< the risk engine on an inbound text
    Note,     ///< the risk engine on a note the operator wrote
    Operator, ///< opened by hand
    Call      ///< opened during a call (by hand; calls are not transcribed)
};

/// What was done, as recorded when an escalation is closed.
enum class EscalationOutcome
{
    SafetyPlan,   ///< support continued with a safety plan
    WarmTransfer, ///< handed to a crisis line
    Emergency,    ///< emergency services (911) involved
    NoAction      ///< closed without acting: needs a reason
};

/// The action the screener's answers call for.
enum class RecommendedAction
{
    KeepSupporting, ///< no answer so far calls for more
    SafetyPlan,
    WarmTransfer,
    Emergency
};

std::string_view toString(EscalationSource);
std::string_view toString(EscalationOutcome);
std::string_view toString(RecommendedAction);
std::optional<EscalationSource> parseEscalationSource(std::string_view);
std::optional<EscalationOutcome> parseEscalationOutcome(std::string_view);

/// The steps an operator (or the gateway) may record. Kinds not listed here
/// are refused at the link.
inline constexpr std::array<std::string_view, 14> kEscalationStepKinds{
    "raised",           // the engine raised it (gateway only)
    "level_raised",     // a later message or note scored higher (gateway only)
    "opened",           // opened by hand
    "seen",             // the holder's app showed the prompt
    "screener",         // the screener's answers, as given so far
    "safety_plan",      // the safety plan agreed
    "transfer_started", // a crisis line's template sent, or a transfer call placed
    "transfer_done",    // the crisis line has the person
    "transfer_failed",  // the crisis line did not answer or refused (gateway only, calls)
    "texter_confirmed", // the texter said they reached the crisis line
    "texter_left",      // the texter stopped answering or said goodbye
    "emergency",        // 911 guidance followed; location recorded
    "lead_acknowledged",
    "closed"};

/// Steps an operator may record with escalation.step.
bool isOperatorStepKind(std::string_view kind);

/// Answers to the Columbia screener (C-SSRS screen version). Unasked
/// questions stay empty. Q3 to Q5 are asked only when Q2 is yes.
struct ScreenerAnswers
{
    std::optional<bool> wishDead; ///< Q1: wished you were dead or could go to sleep and not wake up
    std::optional<bool> suicidalThoughts; ///< Q2: actually had thoughts of killing yourself
    std::optional<bool> method;           ///< Q3: thought about how you might do this
    std::optional<bool> intent; ///< Q4: had these thoughts and some intention of acting on them
    std::optional<bool>
        plan; ///< Q5: started to work out or worked out the details; intend to carry it out
    std::optional<bool>
        behaviour; ///< Q6: ever done, started or prepared to do anything to end your life
    std::optional<bool> behaviourRecent; ///< Q6 follow-up: within the past three months
    std::optional<bool> dangerNow; ///< in danger right now (means at hand, already taken something)
};

/// The protocol: what the answers call for (docs/escalation.md).
RecommendedAction recommendedAction(const ScreenerAnswers&);

struct EscalationStep
{
    Id id = 0;
    EpochMs at = 0;
    std::optional<Id> operatorId;
    std::string operatorName;
    std::string kind;
    std::string detail; ///< a JSON object, as recorded
};

struct EscalationRecord
{
    Id id = 0;
    Id contactId = 0;
    RiskLevel level = RiskLevel::None;
    EscalationSource source = EscalationSource::Text;
    std::vector<RiskSignal> riskSignals;
    bool open = true;
    EpochMs openedAt = 0;
    std::optional<Id> openedBy;
    std::optional<EpochMs> closedAt;
    std::optional<Id> closedBy;
    std::optional<EscalationOutcome> outcome;
    std::string closeReason;
    std::vector<EscalationStep> steps;

    /// Whether any step records an action (safety plan, transfer, emergency).
    bool acted() const;
};

/// Signals as stored: a JSON array of {category, text}. Unreadable → empty.
std::string signalsToJson(const std::vector<RiskSignal>&);
std::vector<RiskSignal> signalsFromJson(std::string_view);
/// Adds the signals of `more` not yet in `into`, keeping order.
void mergeSignals(std::vector<RiskSignal>& into, const std::vector<RiskSignal>& more);

} // namespace warmline
