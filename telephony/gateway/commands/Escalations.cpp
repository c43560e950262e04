// Link commands, the escalation family, and the escalation flow they share
// with scoring: opening an escalation, its steps (the screener with the
// protocol's recommendation), a warm transfer to a crisis line (a text with
// the line's template, or a third leg of a call: GatewayCalls.cpp), and
// closing it with what was done. Every open high or imminent escalation
// reaches the leads as an alert.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/text/Text.h"
#include "telephony/gateway/GatewayJobs.h"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {
constexpr std::size_t kMaxStepDetailBytes = 4000;
constexpr std::size_t kMaxReasonBytes = 2000;

bool stepsIn(Role role)
{
    return role == Role::Lead || role == Role::Admin;
}

/// The open escalation `id`, when the acting link may change it: any
/// escalation, or one of a contact it holds. Throws the link's error.
EscalationRecord openEscalationInScope(Repository& repo, Id id, bool anyContact,
                                       const std::set<Id>& heldContacts)
{
    auto e = repo.escalations().escalation(id);
    if (!e) {
        throw LinkError(ErrorCode::NotFound, "There is no such escalation.");
    }
    if (!anyContact && !heldContacts.contains(e->contactId)) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can act only on escalations of contacts you hold.");
    }
    if (!e->open) {
        throw LinkError(ErrorCode::Conflict, "That escalation is closed.");
    }
    return *e;
}
} // namespace

void Gateway::addEscalationCommands()
{
    addCommand("escalation.get", {}, &Gateway::cmdEscalationGet);
    addCommand("escalation.open", {}, &Gateway::cmdEscalationOpen);
    addCommand("escalation.step", {}, &Gateway::cmdEscalationStep);
    addCommand("escalation.transfer", {}, &Gateway::cmdEscalationTransfer);
    addCommand("escalation.transfer.complete", {}, &Gateway::cmdEscalationTransferComplete);
    addCommand("escalation.close", {}, &Gateway::cmdEscalationClose);
}

Gateway::ActScope Gateway::actScope(const LinkState& state) const
{
    ActScope scope;
    scope.any = stepsIn(state.role);
    if (auto it = m_operators.find(*state.operatorId); it != m_operators.end()) {
        scope.contacts = it->second.held;
    }
    return scope;
}

void Gateway::contactChanged(const ContactSummary& c)
{
    if (auto it = m_held.find(c.id); it != m_held.end()) {
        it->second = c;
    } else if (m_queue.contains(c.id) && !m_pending.contains(c.id)) {
        // Its place moves: high and imminent go to the head of the queue.
        m_queue.upsert(c);
    }
    publish("contact.updated", {{"contact", link::toJson(c)}}, {});
}

void Gateway::publishEscalation(const EscalationRecord& e)
{
    std::optional<Id> holder;
    if (auto it = m_held.find(e.contactId); it != m_held.end()) {
        holder = it->second.operatorId;
    }
    publish("escalation.updated", {{"escalation", link::toJson(e)}}, {false, holder});
}

void Gateway::alertLeads(const EscalationRecord& e)
{
    if (!e.open || e.level < RiskLevel::High) {
        return;
    }
    // The signals' own words are the engine's, never the caller's text.
    std::string summary;
    for (const auto& s : e.riskSignals) {
        summary += (summary.empty() ? "" : "; ") + s.text;
    }
    raiseEscalationAlert(e.contactId, e.id, e.level, std::move(summary));
}

void Gateway::escalationChanged(const EscalationChange& change, bool contactPublished)
{
    const bool contactNews = change.contactRiskRose && !contactPublished;
    if (!change.escalationId || (!change.opened && !change.raised && !contactNews)) {
        return;
    }
    const Id id = *change.escalationId;
    read(
        [id](Repository& repo) {
            auto e = repo.escalations().escalation(id);
            if (!e) {
                throw NotFoundError("no escalation");
            }
            return std::make_pair(*e, repo.contacts().contact(e->contactId));
        },
        [this, change, contactPublished](
            StoreResult<std::pair<EscalationRecord, std::optional<ContactSummary>>> r) {
            if (r.error) {
                spdlog::error("escalation {} could not be read: {}", *change.escalationId,
                              describeStoreError(r.error));
                return;
            }
            const auto& [e, contact] = *r.value;
            if (contact && !contactPublished) {
                contactChanged(*contact);
            }
            publishEscalation(e);
            if (change.opened || change.raised) {
                spdlog::warn("escalation {} on contact {}: {} ({})", e.id, e.contactId,
                             toString(e.level), change.opened ? "opened" : "raised");
                alertLeads(e);
            }
        });
}

void Gateway::changeEscalation(
    const LinkState& state, Id escalationId, const std::string& rid, const Reply& reply,
    std::function<void(Repository&, const EscalationRecord&, EpochMs)> change)
{
    const ActScope scope = actScope(state);
    write(
        [escalationId, scope, change = std::move(change)](Repository& repo) {
            const EscalationRecord e =
                openEscalationInScope(repo, escalationId, scope.any, scope.contacts);
            change(repo, e, nowMs());
            return std::make_pair(*repo.escalations().escalation(escalationId),
                                  repo.contacts().contact(e.contactId));
        },
        [this, reply,
         rid](StoreResult<std::pair<EscalationRecord, std::optional<ContactSummary>>> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const auto& [e, contact] = *r.value;
            reply(link::ackFrame(rid, {{"escalation", link::toJson(e)}}));
            if (contact) {
                contactChanged(*contact);
            }
            publishEscalation(e);
        });
}

void Gateway::cmdEscalationGet(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    if (!holds(state, id) && !mayReadAnyContact(state.role)) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can read escalations only of contacts you hold.");
    }
    read([id](Repository& repo) { return repo.escalations().escalationsOf(id); },
         [reply, rid = req.id](StoreResult<std::vector<EscalationRecord>> r) {
             if (r.error) {
                 reply(storeErrorFrame(rid, r.error));
                 return;
             }
             json::array a;
             for (const auto& e : *r.value) {
                 a.push_back(link::toJson(e));
             }
             reply(link::ackFrame(rid, {{"escalations", std::move(a)}}));
         });
}

void Gateway::cmdEscalationOpen(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    if (!holds(state, id) && !stepsIn(state.role)) {
        throw LinkError(ErrorCode::Forbidden, "You can escalate only a contact you hold.");
    }
    const auto levelText = link::optionalString(req.params, "level", 16).value_or("high");
    const auto level = parseRiskLevel(levelText);
    if (!level || *level == RiskLevel::None) {
        throw LinkError(ErrorCode::BadRequest,
                        "Level must be \"concern\", \"high\" or \"imminent\".");
    }
    const auto reason = link::optionalString(req.params, "reason", kMaxReasonBytes).value_or("");
    if (!isValidUtf8(reason)) {
        throw LinkError(ErrorCode::BadRequest, "The reason must be valid UTF-8.");
    }
    const auto* held = heldContact(id);
    const EscalationSource source = held && held->channel == Channel::Call
                                        ? EscalationSource::Call
                                        : EscalationSource::Operator;
    const Id opId = *state.operatorId;
    const std::string detail =
        json::serialize(json::object{{"level", toString(*level)}, {"reason", reason}});
    write(
        [id, level = *level, source, opId, detail](Repository& repo) {
            if (!repo.contacts().contact(id)) {
                throw NotFoundError("no contact");
            }
            auto change =
                repo.escalations().openEscalation(id, level, source, opId, detail, nowMs());
            return std::make_pair(*repo.escalations().escalation(*change.escalationId),
                                  *repo.contacts().contact(id));
        },
        [this, reply, rid = req.id](StoreResult<std::pair<EscalationRecord, ContactSummary>> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"escalation", link::toJson(r.value->first)}}));
            contactChanged(r.value->second);
            publishEscalation(r.value->first);
            alertLeads(r.value->first);
        });
}

void Gateway::cmdEscalationStep(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "escalationId");
    const auto kind = link::requireString(req.params, "kind", 32);
    if (!isOperatorStepKind(kind)) {
        throw LinkError(ErrorCode::BadRequest, "Unknown step kind \"" + kind + "\".");
    }
    json::object detail;
    if (const auto* d = req.params.if_contains("detail"); d && !d->is_null()) {
        if (!d->is_object()) {
            throw LinkError(ErrorCode::BadRequest, "Field \"detail\" must be an object.");
        }
        detail = d->get_object();
    }
    if (kind == "screener") {
        // The answers as given, and what the protocol makes of them.
        const ScreenerAnswers answers = link::screenerFromJson(detail);
        detail = link::toJson(answers);
        detail["recommended"] = toString(recommendedAction(answers));
    }
    std::string text = json::serialize(detail);
    if (text.size() > kMaxStepDetailBytes || !isValidUtf8(text)) {
        throw LinkError(ErrorCode::BadRequest, "A step's detail must be at most 4000 bytes of "
                                               "UTF-8.");
    }
    const Id opId = *state.operatorId;
    changeEscalation(state, id, req.id, reply,
                     [opId, kind, text](Repository& repo, const EscalationRecord& e, EpochMs now) {
                         repo.escalations().addEscalationStep(e.id, opId, kind, text, now);
                     });
}

void Gateway::cmdEscalationTransfer(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "escalationId");
    const auto lineId = link::requireString(req.params, "line", 64);
    const auto& lines = m_settings.lineContent.crisisLines;
    const auto line = std::find_if(lines.begin(), lines.end(),
                                   [&](const CrisisLine& l) { return l.id == lineId; });
    if (line == lines.end()) {
        throw LinkError(ErrorCode::BadRequest, "The line has no crisis line \"" + lineId + "\".");
    }
    const ActScope scope = actScope(state);
    const Id opId = *state.operatorId;
    const CrisisLine crisis = *line;
    struct Target
    {
        Id contactId = 0;
        bool call = false;
        std::string text; ///< the template in the caller's language
    };
    // The template goes out as the operator's text in the conversation, and
    // the step says which line and when; the operator stays in the contact.
    write(
        [id, scope, opId, crisis](Repository& repo) {
            const EscalationRecord e = openEscalationInScope(repo, id, scope.any, scope.contacts);
            auto c = repo.contacts().contact(e.contactId);
            if (!c) {
                throw LinkError(ErrorCode::NotFound, "There is no such contact.");
            }
            if (c->channel == Channel::Call) {
                if (crisis.callAddress.empty()) {
                    throw LinkError(ErrorCode::Conflict,
                                    "This crisis line has no call address; it takes texts only.");
                }
            } else if (crisis.textTemplate.empty()) {
                throw LinkError(ErrorCode::Conflict,
                                "This crisis line has no text template; it takes calls only.");
            }
            // A Spanish-speaking caller gets the line's Spanish text, when
            // it has one (docs/languages.md).
            const auto now = nowMs();
            const auto profile = repo.callers().callerProfile(c->callerId, now, now);
            const bool spanish = profile && isSpanishLanguage(profile->language);
            return Target{e.contactId, c->channel == Channel::Call,
                          spanish && !crisis.textTemplateEs.empty() ? crisis.textTemplateEs
                                                                    : crisis.textTemplate};
        },
        [this, id, opId, crisis, reply, rid = req.id](StoreResult<Target> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const Id contactId = r.value->contactId;
            if (r.value->call) {
                // A call: the crisis line is called as a third leg.
                transferCall(id, contactId, opId, crisis, rid, reply);
                return;
            }
            queueReply(
                contactId, r.value->text, opId,
                [this, id, opId, crisis, reply, rid](std::optional<Message> m, std::string error) {
                    if (!m) {
                        reply(link::errorFrame(rid, ErrorCode::Unavailable,
                                               "The crisis line's text could not be queued: " +
                                                   error));
                        return;
                    }
                    const std::string detail = json::serialize(json::object{{"line", crisis.id},
                                                                            {"name", crisis.name},
                                                                            {"via", "text"},
                                                                            {"messageId", m->id}});
                    write(
                        [id, opId, detail](Repository& repo) {
                            repo.escalations().addEscalationStep(id, opId, "transfer_started",
                                                                 detail, nowMs());
                            return *repo.escalations().escalation(id);
                        },
                        [this, reply, rid](StoreResult<EscalationRecord> r2) {
                            if (r2.error) {
                                reply(storeErrorFrame(rid, r2.error));
                                return;
                            }
                            reply(link::ackFrame(rid, {{"escalation", link::toJson(*r2.value)}}));
                            publishEscalation(*r2.value);
                        });
                });
        });
}

// escalation.transfer.complete: the operator leaves a call they transferred;
// the caller stays with the crisis line.
void Gateway::cmdEscalationTransferComplete(LinkState& state, const link::Request& req,
                                            const Reply& reply)
{
    const Id id = link::requireInt(req.params, "escalationId");
    const ActScope scope = actScope(state);
    read(
        [id, scope](Repository& repo) {
            const EscalationRecord e = openEscalationInScope(repo, id, scope.any, scope.contacts);
            return e.contactId;
        },
        [this, id, reply, rid = req.id](StoreResult<Id> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            completeTransfer(*r.value, id, rid, reply);
        });
}

void Gateway::cmdEscalationClose(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "escalationId");
    const auto outcomeText = link::requireString(req.params, "outcome", 32);
    const auto outcome = parseEscalationOutcome(outcomeText);
    if (!outcome) {
        throw LinkError(ErrorCode::BadRequest, "Outcome must be \"safety_plan\", "
                                               "\"warm_transfer\", \"emergency\" or "
                                               "\"no_action\".");
    }
    const auto reason = link::optionalString(req.params, "reason", kMaxReasonBytes).value_or("");
    if (!isValidUtf8(reason)) {
        throw LinkError(ErrorCode::BadRequest, "The reason must be valid UTF-8.");
    }
    const bool hasReason = reason.find_first_not_of(" \t\r\n") != std::string::npos;
    const Id opId = *state.operatorId;
    changeEscalation(state, id, req.id, reply,
                     [opId, outcome = *outcome, reason,
                      hasReason](Repository& repo, const EscalationRecord& e, EpochMs now) {
                         // Closing without having acted is allowed, but never silently.
                         if ((outcome == EscalationOutcome::NoAction || !e.acted()) && !hasReason) {
                             throw LinkError(
                                 ErrorCode::BadRequest,
                                 "No action is recorded for this escalation: give a reason to "
                                 "close it.");
                         }
                         repo.escalations().closeEscalation(e.id, opId, outcome, reason, now);
                     });
}

} // namespace warmline::telephony
