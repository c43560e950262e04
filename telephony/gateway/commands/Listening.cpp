// Link commands: a shift lead on a live call (docs/coaching.md). call.listen
// dials the lead's own phone (the app's softphone, else the phone on their
// profile) as a further leg of the call, in one of three modes the lead
// switches between: listen (the lead hears both sides, nobody hears the
// lead), whisper (the operator hears the lead, the caller does not) and
// barge (all three talk). The operator is always told, with a call.listen
// event; each mode and the end are rows of the contact's coaching record,
// and each mode is in the audit log. A lead's leg that cannot be recorded
// is hung up again: nobody listens unrecorded.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "core/link/ReviewCodec.h"
#include "core/store/Coaching.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/Permissions.h"
#include "telephony/sip/CallService.h"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

std::string_view modeName(sip::LeadMode mode)
{
    switch (mode) {
    case sip::LeadMode::Listen:
        return coaching::kListen;
    case sip::LeadMode::Whisper:
        return coaching::kWhisper;
    case sip::LeadMode::Barge:
        return coaching::kBarge;
    }
    return coaching::kListen;
}

std::optional<sip::LeadMode> parseMode(std::string_view s)
{
    if (s == coaching::kListen) {
        return sip::LeadMode::Listen;
    }
    if (s == coaching::kWhisper) {
        return sip::LeadMode::Whisper;
    }
    if (s == coaching::kBarge) {
        return sip::LeadMode::Barge;
    }
    return std::nullopt;
}

} // namespace

void Gateway::publishMonitor(const CallMonitor& m, std::string_view state, const std::string& why)
{
    json::object fields{{"contactId", m.contactId},
                        {"leadId", m.leadId},
                        {"lead", m.leadName},
                        {"mode", modeName(m.mode)},
                        {"state", state}};
    if (const auto* held = heldContact(m.contactId)) {
        fields["alias"] = held->alias;
    }
    if (!why.empty()) {
        fields["reason"] = why;
    }
    // The operator knows, unless the line lets leads listen unannounced and
    // the lead only listens: whisper and barge they hear, so they are told.
    // Once told, they are told when the lead leaves.
    bool tell = m_settings.board.announceListening || m.mode != sip::LeadMode::Listen ||
                m_listenAnnounced.contains(m.contactId);
    if (state == "ended") {
        m_listenAnnounced.erase(m.contactId);
    } else if (tell) {
        m_listenAnnounced.insert(m.contactId);
    }
    if (m.holder && tell) {
        publish("call.listen", fields,
                Audience{.everyone = false, .holder = m.holder, .holderOnly = true});
    }
    if (m.holder != m.leadId) {
        publish("call.listen", fields,
                Audience{.everyone = false, .holder = m.leadId, .holderOnly = true});
    }
}

// call.listen {contactId, mode: listen|whisper|barge|stop}
void Gateway::cmdCallListen(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const auto modeText = link::requireString(req.params, "mode", 16);
    const Id leadId = *state.operatorId;
    const auto* held = heldContact(contactId);
    const auto call = callOf(contactId);
    if (modeText == "stop") {
        auto m = call ? m_monitors.find(*call) : m_monitors.end();
        if (m == m_monitors.end() || m->second.leadId != leadId) {
            reply(link::ackFrame(req.id, {{"contactId", contactId}, {"listening", false}}));
            return;
        }
        if (m_calls) {
            m_calls->dropLead(*call);
        }
        monitorEnded(*call, "The shift lead stopped listening.", [reply, rid = req.id, contactId] {
            reply(link::ackFrame(rid, {{"contactId", contactId}, {"listening", false}}));
        });
        return;
    }
    const auto mode = parseMode(modeText);
    if (!mode) {
        throw LinkError(ErrorCode::BadRequest,
                        "mode must be listen, whisper, barge or stop, not \"" + modeText + "\".");
    }
    if (!held || !held->operatorId) {
        throw LinkError(ErrorCode::Conflict, "That contact is not held by anyone.");
    }
    if (held->channel != Channel::Call) {
        throw LinkError(ErrorCode::Conflict,
                        "Only a call can be listened to; watch a text conversation instead.");
    }
    if (*held->operatorId == leadId) {
        throw LinkError(ErrorCode::Conflict, "You hold this call yourself.");
    }
    if (!call || !m_calls || !m_calls->exists(*call)) {
        throw LinkError(ErrorCode::Conflict, "This call has ended.");
    }
    CallMonitor next;
    if (auto m = m_monitors.find(*call); m != m_monitors.end()) {
        if (m->second.leadId != leadId) {
            throw LinkError(ErrorCode::Conflict,
                            m->second.leadName + " is already on this call; one lead at a time.");
        }
        m_calls->setLeadMode(*call, *mode);
        m->second.mode = *mode;
        next = m->second;
    } else {
        const auto op = m_operators.find(leadId);
        const auto phone = op == m_operators.end() ? OperatorPhone{} : phoneOf(op->second);
        if (phone.uri.empty() && !phone.askToAccept) {
            throw LinkError(ErrorCode::Conflict,
                            "To listen to calls, turn on the app's softphone or put a phone on "
                            "your profile.");
        }
        if (phone.askToAccept) {
            // A voicemail answering would record the call.
            throw LinkError(ErrorCode::Conflict,
                            "Listening is on the app's softphone or a SIP phone, not a phone "
                            "number through the trunk: turn on the app's softphone.");
        }
        std::string why;
        if (!m_calls->connectLead(*call, phone.uri, *mode, phone.autoAnswer, why)) {
            throw LinkError(ErrorCode::Conflict, why);
        }
        next.contactId = contactId;
        next.leadId = leadId;
        next.leadName = op->second.account.name;
        next.holder = held->operatorId;
        next.mode = *mode;
        m_monitors[*call] = next;
    }
    spdlog::info("contact {}: lead {} on the call, mode {}", contactId, leadId, modeName(*mode));
    // Whether the operator is told (publishMonitor's rule), kept in the audit row.
    const bool announced = m_settings.board.announceListening || *mode != sip::LeadMode::Listen ||
                           m_listenAnnounced.contains(contactId);
    write(
        [next, kind = std::string(modeName(*mode)), announced](Repository& repo) {
            const auto c = repo.contacts().contact(next.contactId);
            if (!c) {
                throw NotFoundError("no contact");
            }
            auto event = recordCoaching(repo.database(), next.contactId, next.leadId, next.holder,
                                        kind, "", nowMs());
            AuditLog(repo.database())
                .append(nowMs(), next.leadId, audit::kCallListen, next.contactId, c->callerId,
                        json::serialize(json::object{{"mode", kind}, {"announced", announced}}));
            return event;
        },
        [this, next, c = *call, reply, rid = req.id](StoreResult<CoachingEvent> r) {
            if (r.error) {
                // Nobody listens unrecorded: the lead's leg goes.
                spdlog::error("contact {}: a lead's listening could not be recorded: {}",
                              next.contactId, describeStoreError(r.error));
                if (auto m = m_monitors.find(c); m != m_monitors.end() && m_calls) {
                    m_calls->dropLead(c);
                    m_monitors.erase(m);
                    publishMonitor(next, "ended", "It could not be recorded.");
                }
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const auto m = m_monitors.find(c);
            const bool on = m != m_monitors.end() && m->second.connected;
            reply(link::ackFrame(rid, {{"contactId", next.contactId},
                                       {"listening", true},
                                       {"mode", modeName(next.mode)},
                                       {"state", on ? "on" : "ringing"},
                                       {"event", link::toJson(*r.value)}}));
            publishMonitor(next, on ? "on" : "ringing", {});
        });
}

void Gateway::leadAnswered(sip::CallRef call)
{
    auto m = m_monitors.find(call);
    if (m == m_monitors.end()) {
        return;
    }
    m->second.connected = true;
    spdlog::info("contact {}: the lead's phone answered", m->second.contactId);
    publishMonitor(m->second, "on", {});
}

void Gateway::leadFailed(sip::CallRef call, const std::string& why)
{
    monitorEnded(call, why);
}

void Gateway::monitorEnded(sip::CallRef call, const std::string& why,
                           std::function<void()> recorded)
{
    auto it = m_monitors.find(call);
    if (it == m_monitors.end()) {
        if (recorded) {
            recorded();
        }
        return;
    }
    const CallMonitor m = it->second;
    m_monitors.erase(it);
    spdlog::info("contact {}: the lead left the call", m.contactId);
    write(
        [m, why](Repository& repo) {
            recordCoaching(repo.database(), m.contactId, m.leadId, m.holder, coaching::kUnlisten,
                           why, nowMs());
        },
        [recorded = std::move(recorded)](StoreResult<void> r) {
            if (r.error) {
                spdlog::error("a lead's leaving a call could not be recorded: {}",
                              describeStoreError(r.error));
            }
            if (recorded) {
                recorded();
            }
        });
    publishMonitor(m, "ended", why);
}

void Gateway::endListeningBy(Id leadId)
{
    std::vector<sip::CallRef> calls;
    for (const auto& [call, m] : m_monitors) {
        if (m.leadId == leadId) {
            calls.push_back(call);
        }
    }
    for (const auto call : calls) {
        if (m_calls) {
            m_calls->dropLead(call);
        }
        monitorEnded(call, "The shift lead signed out.");
    }
}

} // namespace warmline::telephony
