// The Gateway's warm transfer of a call: the crisis line an operator picks
// is dialled as a third leg (through the trunk when it is a number); once it
// answers the three talk, and the operator leaves the caller with it
// (escalation.transfer.complete). Each stage is a step of the escalation
// and a call.transfer event to the holder, leads and supervisors. The SIP
// side is sip::CallService's.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "telephony/gateway/GatewayJobs.h"
#include "telephony/media/AudioMix.h"
#include "telephony/sip/CallService.h"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;

void Gateway::publishTransfer(const CallTransfer& t, std::string_view state, const std::string& why)
{
    json::object fields{{"contactId", t.contactId},
                        {"escalationId", t.escalationId},
                        {"line", t.line},
                        {"state", state}};
    if (!why.empty()) {
        fields["reason"] = why;
    }
    std::optional<Id> holder;
    if (auto it = m_held.find(t.contactId); it != m_held.end()) {
        holder = it->second.operatorId;
    }
    publish("call.transfer", std::move(fields), {false, holder});
}

void Gateway::transferCall(Id escalationId, Id contactId, Id operatorId, const CrisisLine& crisis,
                           const std::string& rid, const Reply& reply)
{
    const auto call = callOf(contactId);
    if (!call || !m_calls || !m_calls->exists(*call)) {
        reply(link::errorFrame(rid, ErrorCode::Conflict, "This call has ended."));
        return;
    }
    if (m_transfers.contains(*call)) {
        reply(link::errorFrame(rid, ErrorCode::Conflict,
                               "A warm transfer is already under way on this call."));
        return;
    }
    const std::string uri = crisisCallUri(crisis.callAddress, m_settings.trunkUri);
    if (uri.empty()) {
        reply(link::errorFrame(
            rid, ErrorCode::Conflict,
            m_settings.trunkUri.empty()
                ? "This crisis line is a number and the gateway has no trunk to dial it through "
                  "(sip.trunk_uri); give the caller the number."
                : "This crisis line's call address cannot be dialled; give the caller the "
                  "number."));
        return;
    }
    std::string why;
    if (!m_calls->connectCrisisLine(*call, uri, why)) {
        reply(link::errorFrame(rid, ErrorCode::Conflict, why));
        return;
    }
    CallTransfer t{escalationId, contactId, operatorId, crisis.id, crisis.name, false};
    m_transfers[*call] = t;
    spdlog::info("contact {}: warm transfer to crisis line {} dialled", contactId, crisis.id);
    const std::string detail =
        json::serialize(json::object{{"line", crisis.id}, {"name", crisis.name}, {"via", "call"}});
    write(
        [escalationId, operatorId, detail](Repository& repo) {
            repo.escalations().addEscalationStep(escalationId, operatorId, "transfer_started",
                                                 detail, nowMs());
            return *repo.escalations().escalation(escalationId);
        },
        [this, t, reply, rid](StoreResult<EscalationRecord> r) {
            if (r.error) {
                reply(link::errorFrame(rid, ErrorCode::Unavailable,
                                       "The step could not be stored: " +
                                           describeStoreError(r.error)));
                return;
            }
            reply(link::ackFrame(rid, {{"escalation", link::toJson(*r.value)}}));
            publishEscalation(*r.value);
            publishTransfer(t, "ringing", {});
        });
}

void Gateway::crisisLineAnswered(sip::CallRef call)
{
    auto t = m_transfers.find(call);
    if (t == m_transfers.end()) {
        return;
    }
    t->second.connected = true;
    spdlog::info("contact {}: the crisis line answered; three-way call", t->second.contactId);
    publishTransfer(t->second, "connected", {});
}

void Gateway::crisisLineFailed(sip::CallRef call, const std::string& why)
{
    auto t = m_transfers.find(call);
    if (t == m_transfers.end()) {
        return;
    }
    const CallTransfer tr = t->second;
    m_transfers.erase(t);
    spdlog::info("contact {}: warm transfer to crisis line {} failed; the call goes on",
                 tr.contactId, tr.line);
    const std::string detail = json::serialize(
        json::object{{"line", tr.line}, {"name", tr.name}, {"via", "call"}, {"reason", why}});
    write(
        [tr, detail](Repository& repo) {
            repo.escalations().addEscalationStep(tr.escalationId, std::nullopt, "transfer_failed",
                                                 detail, nowMs());
            return *repo.escalations().escalation(tr.escalationId);
        },
        [this, tr, why](StoreResult<EscalationRecord> r) {
            if (r.error) {
                spdlog::error("escalation {}: transfer_failed not stored: {}", tr.escalationId,
                              describeStoreError(r.error));
            } else {
                publishEscalation(*r.value);
            }
            publishTransfer(tr, "failed", why);
            publish("operator.notice",
                    {{"operatorId", tr.operatorId},
                     {"contactId", tr.contactId},
                     {"kind", "transfer-failed"},
                     {"message", why + " You are still on the call with the caller."}},
                    Audience{false, tr.operatorId});
        });
}

void Gateway::completeTransfer(Id contactId, Id escalationId, const std::string& rid,
                               const Reply& reply)
{
    const auto call = callOf(contactId);
    const auto t = call ? m_transfers.find(*call) : m_transfers.end();
    if (!call || t == m_transfers.end() || t->second.escalationId != escalationId) {
        reply(link::errorFrame(rid, ErrorCode::Conflict,
                               "No warm transfer of a call is under way for this escalation."));
        return;
    }
    std::string why;
    if (!t->second.connected || !m_calls || !m_calls->operatorLeaves(*call, why)) {
        reply(link::errorFrame(rid, ErrorCode::Conflict,
                               why.empty() ? "The crisis line has not answered yet; stay with the "
                                             "caller until it does."
                                           : why));
        return;
    }
    transferDone(*call, rid, reply);
}

void Gateway::operatorLeft(sip::CallRef call)
{
    transferDone(call, {}, {});
}

void Gateway::transferDone(sip::CallRef call, const std::string& rid, const Reply& reply)
{
    auto t = m_transfers.find(call);
    if (t == m_transfers.end()) {
        return;
    }
    const CallTransfer tr = t->second;
    // The call is the crisis line's now: closing the contact must not end it.
    interpreterEnded(call, true,
                     "The operator left the call to the crisis line; the interpreter stayed.");
    forgetCall(call);
    wrapUpCall(tr.contactId);
    spdlog::info("contact {}: the operator left the call with crisis line {}", tr.contactId,
                 tr.line);
    const std::string detail =
        json::serialize(json::object{{"line", tr.line}, {"name", tr.name}, {"via", "call"}});
    write(
        [tr, detail](Repository& repo) {
            repo.escalations().addEscalationStep(tr.escalationId, tr.operatorId, "transfer_done",
                                                 detail, nowMs());
            return *repo.escalations().escalation(tr.escalationId);
        },
        [this, tr, reply, rid](StoreResult<EscalationRecord> r) {
            if (r.error) {
                if (reply) {
                    reply(link::errorFrame(rid, ErrorCode::Unavailable,
                                           "The step could not be stored: " +
                                               describeStoreError(r.error)));
                }
                return;
            }
            if (reply) {
                reply(link::ackFrame(rid, {{"escalation", link::toJson(*r.value)}}));
            }
            publishEscalation(*r.value);
            publishTransfer(tr, "done", {});
        });
}

} // namespace warmline::telephony
