// The operator link's escalation records and screener answers
// (docs/escalation.md), declared in LinkCodec.h.

#include "core/link/LinkCodec.h"
#include "core/link/LinkCodecDetail.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <utility>

namespace json = boost::json;

namespace warmline::link {

using detail::enumField;
using detail::stringOr;

namespace {

json::value detailValue(const std::string& text)
{
    json::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object()) {
        return json::object{};
    }
    return v;
}

using ScreenerField = std::optional<bool> ScreenerAnswers::*;
constexpr std::array<std::pair<std::string_view, ScreenerField>, 8> kScreenerKeys{{
    {"q1", &ScreenerAnswers::wishDead},
    {"q2", &ScreenerAnswers::suicidalThoughts},
    {"q3", &ScreenerAnswers::method},
    {"q4", &ScreenerAnswers::intent},
    {"q5", &ScreenerAnswers::plan},
    {"q6", &ScreenerAnswers::behaviour},
    {"q6recent", &ScreenerAnswers::behaviourRecent},
    {"dangerNow", &ScreenerAnswers::dangerNow},
}};

} // namespace

json::object toJson(const EscalationStep& s)
{
    json::object o;
    o["id"] = s.id;
    o["at"] = s.at;
    if (s.operatorId) {
        o["operatorId"] = *s.operatorId;
    } else {
        o["operatorId"] = nullptr;
    }
    o["operatorName"] = s.operatorName;
    o["kind"] = s.kind;
    o["detail"] = detailValue(s.detail);
    return o;
}

json::object toJson(const EscalationRecord& e)
{
    json::object o;
    o["id"] = e.id;
    o["contactId"] = e.contactId;
    o["level"] = toString(e.level);
    o["source"] = toString(e.source);
    json::array signals;
    for (const auto& s : e.riskSignals) {
        signals.push_back(json::object{{"category", s.category}, {"text", s.text}});
    }
    o["signals"] = std::move(signals);
    o["state"] = e.open ? "open" : "closed";
    o["openedAt"] = e.openedAt;
    o["openedBy"] = e.openedBy ? json::value(*e.openedBy) : json::value(nullptr);
    o["closedAt"] = e.closedAt ? json::value(*e.closedAt) : json::value(nullptr);
    o["closedBy"] = e.closedBy ? json::value(*e.closedBy) : json::value(nullptr);
    o["outcome"] = e.outcome ? json::value(toString(*e.outcome)) : json::value(nullptr);
    o["closeReason"] = e.closeReason;
    o["acted"] = e.acted();
    json::array steps;
    for (const auto& s : e.steps) {
        steps.push_back(toJson(s));
    }
    o["steps"] = std::move(steps);
    return o;
}

EscalationRecord escalationFromJson(const json::object& o)
{
    EscalationRecord e;
    e.id = requireInt(o, "id");
    e.contactId = requireInt(o, "contactId");
    e.level = enumField<RiskLevel>(o, "level", &parseRiskLevel);
    e.source = enumField<EscalationSource>(o, "source", &parseEscalationSource);
    if (const auto* a = o.if_contains("signals"); a && a->is_array()) {
        e.riskSignals = signalsFromJson(json::serialize(*a));
    }
    e.open = stringOr(o, "state") == "open";
    e.openedAt = optionalInt(o, "openedAt").value_or(0);
    e.openedBy = optionalInt(o, "openedBy");
    e.closedAt = optionalInt(o, "closedAt");
    e.closedBy = optionalInt(o, "closedBy");
    if (const auto* v = o.if_contains("outcome"); v && v->is_string()) {
        e.outcome = parseEscalationOutcome(v->get_string());
    }
    e.closeReason = stringOr(o, "closeReason");
    if (const auto* a = o.if_contains("steps"); a && a->is_array()) {
        for (const auto& v : a->get_array()) {
            const auto* so = v.if_object();
            if (!so) {
                continue;
            }
            EscalationStep s;
            s.id = optionalInt(*so, "id").value_or(0);
            s.at = optionalInt(*so, "at").value_or(0);
            s.operatorId = optionalInt(*so, "operatorId");
            s.operatorName = stringOr(*so, "operatorName");
            s.kind = stringOr(*so, "kind");
            if (const auto* d = so->if_contains("detail")) {
                s.detail = json::serialize(*d);
            }
            e.steps.push_back(std::move(s));
        }
    }
    return e;
}

ScreenerAnswers screenerFromJson(const json::object& o)
{
    ScreenerAnswers a;
    for (const auto& [key, field] : kScreenerKeys) {
        const auto* v = o.if_contains(key);
        if (!v || v->is_null()) {
            continue;
        }
        if (!v->is_bool()) {
            throw LinkError(ErrorCode::BadRequest,
                            "Field \"" + std::string(key) + "\" must be true, false or null.");
        }
        a.*field = v->get_bool();
    }
    return a;
}

json::object toJson(const ScreenerAnswers& a)
{
    json::object o;
    for (const auto& [key, field] : kScreenerKeys) {
        const auto& v = a.*field;
        o[key] = v ? json::value(*v) : json::value(nullptr);
    }
    return o;
}

} // namespace warmline::link
