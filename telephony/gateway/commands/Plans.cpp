// Link commands, the plan family: a caller's own wellness (WRAP) and safety
// plans on their profile (docs/plans.md). Saved with the caller's consent by
// the operator holding their contact; texted to them on request; deleted
// when they ask, audited, the words gone. Read with caller.get.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/store/CallerPlans.h"
#include "core/text/Text.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/Permissions.h"

#include <utility>
#include <vector>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxConsentBytes = 500;
constexpr std::size_t kMaxTextBytes = 1600;

PlanKind kindOf(const json::object& params)
{
    const auto kind = parsePlanKind(link::requireString(params, "kind", 16));
    if (!kind) {
        throw LinkError(ErrorCode::BadRequest, "Field \"kind\" must be \"wrap\" or \"safety\".");
    }
    return *kind;
}

std::vector<std::pair<std::string, std::string>> sectionsOf(const json::object& params)
{
    std::vector<std::pair<std::string, std::string>> out;
    const auto* v = params.if_contains("sections");
    if (v == nullptr || v->is_null()) {
        return out;
    }
    if (!v->is_object()) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"sections\" must be an object of section: words.");
    }
    for (const auto& [key, words] : v->get_object()) {
        if (!words.is_string()) {
            throw LinkError(ErrorCode::BadRequest,
                            "Section \"" + std::string(key) + "\" must be text.");
        }
        const auto& w = words.get_string();
        if (w.size() > kMaxPlanSectionBytes || !isValidUtf8(w)) {
            throw LinkError(ErrorCode::BadRequest,
                            "Section \"" + std::string(key) + "\" must be at most " +
                                std::to_string(kMaxPlanSectionBytes) + " bytes of UTF-8.");
        }
        out.emplace_back(std::string(key), std::string(w));
    }
    return out;
}

} // namespace

void Gateway::addPlanCommands()
{
    addCommand("plan.save", {}, &Gateway::cmdPlanSave);
    addCommand("plan.send", {}, &Gateway::cmdPlanSend);
    addCommand("plan.delete", {}, &Gateway::cmdPlanDelete);
}

void Gateway::cmdPlanSave(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const PlanKind kind = kindOf(req.params);
    const auto sections = sectionsOf(req.params);
    const auto consent = link::optionalString(req.params, "consent", kMaxConsentBytes);
    if (sections.empty() && !consent) {
        throw LinkError(ErrorCode::BadRequest, "Give \"sections\" to save, or \"consent\".");
    }
    if (!holds(state, contactId)) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can keep a plan only for the caller of a contact you hold.");
    }
    const Id opId = *state.operatorId;
    write(
        [contactId, kind, sections, consent, opId](Repository& repo) {
            const auto c = repo.contacts().contact(contactId);
            if (!c) {
                throw NotFoundError("no contact");
            }
            return savePlan(repo.database(), c->callerId, kind, sections, consent, opId, contactId,
                            nowMs());
        },
        [reply, rid = req.id](StoreResult<CallerPlan> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"plan", link::toJson(*r.value)}}));
        });
}

void Gateway::cmdPlanSend(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const PlanKind kind = kindOf(req.params);
    const auto* held = heldContact(contactId);
    if (!held || held->operatorId != state.operatorId) {
        throw LinkError(ErrorCode::Forbidden, "You can send a plan only in a contact you hold.");
    }
    if (held->channel != Channel::Text) {
        throw LinkError(ErrorCode::Conflict,
                        "This contact is a call: read the plan to the caller instead.");
    }
    const Id opId = *state.operatorId;
    const Provider provider = m_sender ? m_sender->provider() : Provider::Simulator;
    write(
        [contactId, kind, opId, provider](Repository& repo) {
            const auto c = repo.contacts().contact(contactId);
            if (!c) {
                throw NotFoundError("no contact");
            }
            const auto plan = planOf(repo.database(), c->callerId, kind);
            if (!plan || plan->sections.empty()) {
                throw LinkError(ErrorCode::NotFound, "This caller has no such plan to send.");
            }
            requireNotOptedOut(repo, c->callerId);
            std::vector<OutboundJob> jobs;
            const EpochMs now = nowMs();
            // In the language of the conversation (a Spanish texter gets
            // Spanish titles; their words are theirs).
            for (const auto& text : splitIntoTexts(planText(*plan, c->language), kMaxTextBytes)) {
                jobs.push_back(repo.texts().appendOutbound(contactId, text, opId, provider, now));
            }
            return jobs;
        },
        [this, reply, rid = req.id](StoreResult<std::vector<OutboundJob>> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            json::array messages;
            for (const auto& j : *r.value) {
                messages.push_back(link::toJson(j.message));
            }
            reply(link::ackFrame(rid, {{"messages", std::move(messages)}}));
            for (const auto& j : *r.value) {
                publishMessage("message.sent", j.message);
                trySend(j.message.id, 1);
            }
        });
}

void Gateway::cmdPlanDelete(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const PlanKind kind = kindOf(req.params);
    if (!holds(state, contactId) && !mayLeadShift(state.role)) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can delete a plan only for the caller of a contact you hold.");
    }
    const Id opId = *state.operatorId;
    write(
        [contactId, kind, opId](Repository& repo) {
            const auto c = repo.contacts().contact(contactId);
            if (!c) {
                throw NotFoundError("no contact");
            }
            if (!deletePlan(repo.database(), c->callerId, kind, opId, contactId, nowMs())) {
                throw LinkError(ErrorCode::NotFound, "This caller has no such plan.");
            }
            // The words must not stay in the write-ahead log's frames either.
            repo.wantCheckpoint();
            return true;
        },
        [reply, rid = req.id](StoreResult<bool> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"deleted", true}}));
        });
}

} // namespace warmline::telephony
