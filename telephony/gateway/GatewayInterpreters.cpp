// The Gateway's interpreters on calls: the operator on a call (or a lead)
// conferences in an interpreter service from the line's content file; it is
// dialled as a further leg (through the trunk when it is a number), everyone
// on the call hears everyone once it answers, and the operator drops it again
// when it is no longer needed. Each one is recorded on the contact (the
// interpretations table) and announced with call.interpreter events to the
// holder, leads and supervisors. The SIP side is sip::CallService's.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/link/ReviewCodec.h"
#include "core/store/Interpretations.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/Permissions.h"
#include "telephony/media/AudioMix.h"
#include "telephony/sip/CallService.h"

#include <SQLiteCpp/Database.h>
#include <algorithm>
#include <spdlog/spdlog.h>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxLanguageBytes = 64;

} // namespace

void Gateway::publishInterpreter(const CallInterpreter& i, std::string_view state,
                                 const std::string& why)
{
    json::object fields{{"contactId", i.contactId},
                        {"service", i.service},
                        {"name", i.name},
                        {"language", i.language},
                        {"state", state}};
    if (!why.empty()) {
        fields["reason"] = why;
    }
    std::optional<Id> holder;
    if (auto it = m_held.find(i.contactId); it != m_held.end()) {
        holder = it->second.operatorId;
    }
    publish("call.interpreter", std::move(fields), {false, holder});
}

// call.interpreter {contactId, service, language?}: dials the service as a
// further leg of the caller's call.
void Gateway::cmdCallInterpreter(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const auto serviceId = link::requireString(req.params, "service", 64);
    std::string language;
    if (const auto* v = req.params.if_contains("language"); v && !v->is_null()) {
        language = link::requireString(req.params, "language", kMaxLanguageBytes);
    }
    const auto& services = m_settings.lineContent.interpreters;
    const auto service =
        std::find_if(services.begin(), services.end(),
                     [&](const InterpreterService& s) { return s.id == serviceId; });
    if (service == services.end()) {
        throw LinkError(ErrorCode::BadRequest,
                        services.empty()
                            ? "The line has no interpreter service (interpreters in the line's "
                              "content file)."
                            : "The line has no interpreter service \"" + serviceId + "\".");
    }
    const auto* held = heldContact(contactId);
    if (!held || (held->operatorId != state.operatorId && !mayLeadShift(state.role))) {
        throw LinkError(ErrorCode::Forbidden,
                        "Only the operator on this call, or a lead, can add an interpreter.");
    }
    if (held->channel != Channel::Call) {
        throw LinkError(ErrorCode::BadRequest,
                        "An interpreter joins calls; for a text, use a translation.");
    }
    const auto call = callOf(contactId);
    if (!call || !m_calls || !m_calls->exists(*call)) {
        throw LinkError(ErrorCode::Conflict, "This call has ended.");
    }
    if (m_interpreters.contains(*call)) {
        throw LinkError(ErrorCode::Conflict,
                        "An interpreter is already on this call or being called.");
    }
    const std::string uri = crisisCallUri(service->callAddress, m_settings.trunkUri);
    if (uri.empty()) {
        throw LinkError(ErrorCode::Conflict,
                        m_settings.trunkUri.empty()
                            ? "The interpreter service is a number and the gateway has no trunk "
                              "to dial it through (sip.trunk_uri)."
                            : "The interpreter service's call address cannot be dialled.");
    }
    std::string why;
    if (!m_calls->connectInterpreter(*call, uri, why)) {
        throw LinkError(ErrorCode::Conflict, why);
    }
    CallInterpreter i;
    i.contactId = contactId;
    i.operatorId = *state.operatorId;
    i.service = service->id;
    i.name = service->name;
    i.language = language;
    m_interpreters[*call] = i;
    // The language the operator asked for is not the caller's data: it may be logged.
    spdlog::info("contact {}: interpreter service {} dialled", contactId, i.service);
    write(
        [i, now = nowMs()](Repository& repo) {
            *i.recordId = startInterpretation(repo.database(), i.contactId, i.operatorId, i.service,
                                              i.name, i.language, now);
            return *interpretation(repo.database(), *i.recordId);
        },
        [this, i, reply, rid = req.id](StoreResult<Interpretation> r) {
            if (r.error) {
                // Still on the call: the record is what failed.
                spdlog::error("contact {}: the interpreter could not be recorded: {}", i.contactId,
                              describeStoreError(r.error));
                reply(link::errorFrame(rid, ErrorCode::Unavailable,
                                       "The interpreter is being called, but the gateway could "
                                       "not record it: " +
                                           describeStoreError(r.error)));
            } else {
                reply(link::ackFrame(rid, {{"interpretation", link::toJson(*r.value)}}));
            }
            publishInterpreter(i, "ringing", {});
        });
}

// call.interpreter.end {contactId}: the interpreter's leg is hung up; the
// call goes on between the others.
void Gateway::cmdCallInterpreterEnd(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const auto* held = heldContact(contactId);
    if (!held || (held->operatorId != state.operatorId && !mayLeadShift(state.role))) {
        throw LinkError(ErrorCode::Forbidden,
                        "Only the operator on this call, or a lead, can end the interpreter.");
    }
    const auto call = callOf(contactId);
    if (!call || !m_interpreters.contains(*call) || !m_calls) {
        throw LinkError(ErrorCode::Conflict, "No interpreter is on this call.");
    }
    m_calls->dropInterpreter(*call);
    interpreterEnded(*call, true, "The operator ended the interpretation.");
    reply(link::ackFrame(req.id, {{"contactId", contactId}}));
}

void Gateway::interpreterAnswered(sip::CallRef call)
{
    auto it = m_interpreters.find(call);
    if (it == m_interpreters.end()) {
        return;
    }
    it->second.connected = true;
    const CallInterpreter i = it->second;
    spdlog::info("contact {}: the interpreter service answered", i.contactId);
    write([i, now = nowMs()](
              Repository& repo) { interpretationConnected(repo.database(), *i.recordId, now); },
          [](StoreResult<void> r) {
              if (r.error) {
                  spdlog::error("an interpreter's answer could not be recorded: {}",
                                describeStoreError(r.error));
              }
          });
    publishInterpreter(i, "connected", {});
}

void Gateway::interpreterFailed(sip::CallRef call, const std::string& why)
{
    interpreterEnded(call, true, why);
}

void Gateway::interpreterEnded(sip::CallRef call, bool reached, const std::string& why)
{
    auto it = m_interpreters.find(call);
    if (it == m_interpreters.end()) {
        return;
    }
    const CallInterpreter i = it->second;
    m_interpreters.erase(it);
    const bool wasOn = reached && i.connected;
    spdlog::info("contact {}: interpreter service {} {}", i.contactId, i.service,
                 wasOn ? "left the call" : "not reached");
    write(
        [i, wasOn, why, now = nowMs()](Repository& repo) {
            if (*i.recordId != 0) {
                endInterpretation(repo.database(), *i.recordId, now, wasOn, why);
            }
        },
        [](StoreResult<void> r) {
            if (r.error) {
                spdlog::error("an interpreter's end could not be recorded: {}",
                              describeStoreError(r.error));
            }
        });
    publishInterpreter(i, wasOn ? "ended" : "failed", why);
}

} // namespace warmline::telephony
