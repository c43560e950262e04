#include "core/risk/Escalation.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace json = boost::json;

namespace warmline {

std::string_view toString(EscalationSource s)
{
    switch (s) {
    case EscalationSource::Text:
        return "text";
    case EscalationSource::Note:
        return "note";
    case EscalationSource::Operator:
        return "operator";
    case EscalationSource::Call:
        return "call";
    }
    return "text";
}

std::string_view toString(EscalationOutcome o)
{
    switch (o) {
    case EscalationOutcome::SafetyPlan:
        return "safety_plan";
    case EscalationOutcome::WarmTransfer:
        return "warm_transfer";
    case EscalationOutcome::Emergency:
        return "emergency";
    case EscalationOutcome::NoAction:
        return "no_action";
    }
    return "no_action";
}

std::string_view toString(RecommendedAction a)
{
    switch (a) {
    case RecommendedAction::KeepSupporting:
        return "keep_supporting";
    case RecommendedAction::SafetyPlan:
        return "safety_plan";
    case RecommendedAction::WarmTransfer:
        return "warm_transfer";
    case RecommendedAction::Emergency:
        return "emergency";
    }
    return "keep_supporting";
}

std::optional<EscalationSource> parseEscalationSource(std::string_view s)
{
    for (auto v : {EscalationSource::Text, EscalationSource::Note, EscalationSource::Operator,
                   EscalationSource::Call}) {
        if (toString(v) == s) {
            return v;
        }
    }
    return std::nullopt;
}

std::optional<EscalationOutcome> parseEscalationOutcome(std::string_view s)
{
    for (auto v : {EscalationOutcome::SafetyPlan, EscalationOutcome::WarmTransfer,
                   EscalationOutcome::Emergency, EscalationOutcome::NoAction}) {
        if (toString(v) == s) {
            return v;
        }
    }
    return std::nullopt;
}

bool isOperatorStepKind(std::string_view kind)
{
    static constexpr std::array<std::string_view, 8> kOperatorKinds{
        "seen",          "screener",         "safety_plan", "transfer_started",
        "transfer_done", "texter_confirmed", "texter_left", "emergency"};
    return std::find(kOperatorKinds.begin(), kOperatorKinds.end(), kind) != kOperatorKinds.end();
}

RecommendedAction recommendedAction(const ScreenerAnswers& a)
{
    auto yes = [](const std::optional<bool>& v) { return v.value_or(false); };
    // Danger now overrides everything: the person may already be acting.
    if (yes(a.dangerNow)) {
        return RecommendedAction::Emergency;
    }
    // C-SSRS high risk: intent, a plan, or behaviour in the past three months.
    // A behaviour whose timing is unknown counts as recent until asked.
    if (yes(a.intent) || yes(a.plan) || (yes(a.behaviour) && a.behaviourRecent.value_or(true))) {
        return RecommendedAction::WarmTransfer;
    }
    // Low and moderate risk: wish to be dead, thoughts, a method without
    // intent, or behaviour longer ago.
    if (yes(a.wishDead) || yes(a.suicidalThoughts) || yes(a.method) || yes(a.behaviour)) {
        return RecommendedAction::SafetyPlan;
    }
    return RecommendedAction::KeepSupporting;
}

bool EscalationRecord::acted() const
{
    return std::any_of(steps.begin(), steps.end(), [](const EscalationStep& s) {
        return s.kind == "safety_plan" || s.kind == "transfer_started" ||
               s.kind == "transfer_done" || s.kind == "emergency";
    });
}

std::string signalsToJson(const std::vector<RiskSignal>& signals)
{
    json::array a;
    a.reserve(signals.size());
    for (const auto& s : signals) {
        a.push_back(json::object{{"category", s.category}, {"text", s.text}});
    }
    return json::serialize(a);
}

std::vector<RiskSignal> signalsFromJson(std::string_view text)
{
    std::vector<RiskSignal> out;
    json::error_code ec;
    const json::value v = json::parse(text, ec);
    if (ec || !v.is_array()) {
        return out;
    }
    for (const auto& item : v.get_array()) {
        const auto* o = item.if_object();
        if (!o) {
            continue;
        }
        const auto* c = o->if_contains("category");
        const auto* t = o->if_contains("text");
        if (c && t && c->is_string() && t->is_string()) {
            out.push_back(RiskSignal{std::string(c->get_string()), std::string(t->get_string())});
        }
    }
    return out;
}

void mergeSignals(std::vector<RiskSignal>& into, const std::vector<RiskSignal>& more)
{
    for (const auto& s : more) {
        const bool present = std::any_of(into.begin(), into.end(), [&](const RiskSignal& x) {
            return x.category == s.category && x.text == s.text;
        });
        if (!present) {
            into.push_back(s);
        }
    }
}

} // namespace warmline
