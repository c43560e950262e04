// CallService, the parties who join a call the operator is on: an
// interpreter service the operator conferences in, and a shift lead who
// listens, whispers or barges (docs/coaching.md); and the mix that carries
// three or more legs, or the hold audio while the operator holds a mixed
// call (remix, holdMix).

#include "telephony/sip/CallService.h"

#include "core/domain/Domain.h"
#include "telephony/sip/CallState.h"

#include <fmt/format.h>

namespace warmline::sip {

bool CallService::connectInterpreter(CallRef ref, const std::string& sipUri, std::string& whyNot)
{
    Call* call = connectedCall(ref, whyNot);
    if (!call) {
        return false;
    }
    Call& c = *call;
    if (c.interpreter.inProgress()) {
        whyNot = "An interpreter is already on this call or being called.";
        return false;
    }
    auto dial = partyDial(sipUri, "interpreter service", &m_media.relayedToInterpreter, whyNot);
    if (!dial) {
        return false;
    }
    OutboundLeg::Dial& d = *dial;
    d.ringTimeout = m_settings.crisisRingTimeout;
    d.sdpSessionId = static_cast<std::uint64_t>(nowMs() / 1000) + ref + 1;
    d.handlers.refuseAnswer = [call = &c] {
        return call->op.answered() || call->operatorLeft
                   ? std::string()
                   : std::string("The operator's phone hung up before the interpreter answered.");
    };
    d.handlers.answered = [this, call = &c] { interpreterLegAnswered(*call); };
    d.handlers.failed = [this, call = &c](const std::string& why) {
        interpreterLegFailed(*call, why);
    };
    c.interpreter.dial(std::move(d));
    m_interpreterDialogs[c.interpreter.callId()] = ref;
    return true;
}

void CallService::interpreterLegAnswered(Call& c)
{
    remix(c);
    m_listener.interpreterAnswered(c.ref);
}

void CallService::interpreterLegFailed(Call& c, const std::string& why)
{
    m_interpreterDialogs.erase(c.interpreter.callId());
    stopConference(c);
    releaseMedia(c.interpreter.media());
    remix(c);
    m_listener.interpreterFailed(c.ref, why);
}

void CallService::dropInterpreterLeg(Call& c)
{
    c.interpreter.drop();
    if (!c.interpreter.callId().empty()) {
        m_interpreterDialogs.erase(c.interpreter.callId());
    }
    if (c.interpreter.media()) {
        stopConference(c);
        releaseMedia(c.interpreter.media());
        remix(c);
    }
}

bool CallService::dropInterpreter(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || !it->second->interpreter.inProgress()) {
        return false;
    }
    dropInterpreterLeg(*it->second);
    return true;
}

HearsMask hearsOnCall(LeadMode mode, std::size_t leg, std::optional<std::size_t> operatorLeg,
                      std::optional<std::size_t> leadLeg)
{
    // The lead hears everyone; who hears the lead is the mode's.
    if (!leadLeg || leg == *leadLeg || mode == LeadMode::Barge ||
        (mode == LeadMode::Whisper && operatorLeg && leg == *operatorLeg)) {
        return kHearsEveryone;
    }
    return kHearsEveryone & ~(HearsMask{1} << *leadLeg);
}

bool CallService::connectLead(CallRef ref, const std::string& sipUri, LeadMode mode,
                              bool autoAnswer, std::string& whyNot)
{
    Call* call = connectedCall(ref, whyNot);
    if (!call) {
        return false;
    }
    Call& c = *call;
    if (c.lead.inProgress()) {
        whyNot = "A shift lead is already on this call or being called.";
        return false;
    }
    auto dial = partyDial(sipUri, "shift lead's phone", &m_media.relayedToLead, whyNot);
    if (!dial) {
        return false;
    }
    OutboundLeg::Dial& d = *dial;
    if (autoAnswer) {
        // The lead's softphone: they have just asked to listen.
        d.extraHeaders.emplace_back(
            fmt::format("Call-Info: <sip:{}>;answer-after=0", m_endpoint.publicAddress()));
    }
    d.ringTimeout = m_settings.operatorRingTimeout;
    d.sdpSessionId = static_cast<std::uint64_t>(nowMs() / 1000) + ref + 2;
    d.siteMediaOnly =
        !m_settings.allowPlainRemotePhones && !d.srtp; // never a number (Listening.cpp)
    d.handlers.refuseAnswer = [call = &c] {
        return call->op.answered() && !call->operatorLeft
                   ? std::string()
                   : std::string("The operator left the call before the shift lead answered.");
    };
    d.handlers.answered = [this, call = &c] { leadLegAnswered(*call); };
    d.handlers.failed = [this, call = &c](const std::string& why) { leadLegFailed(*call, why); };
    c.leadMode = mode;
    c.lead.dial(std::move(d));
    m_leadDialogs[c.lead.callId()] = ref;
    return true;
}

bool CallService::setLeadMode(CallRef ref, LeadMode mode)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || !it->second->lead.inProgress()) {
        return false;
    }
    Call& c = *it->second;
    c.leadMode = mode;
    if (c.lead.answered()) {
        remix(c);
    }
    return true;
}

void CallService::leadLegAnswered(Call& c)
{
    remix(c);
    m_listener.leadAnswered(c.ref);
}

void CallService::leadLegFailed(Call& c, const std::string& why)
{
    m_leadDialogs.erase(c.lead.callId());
    stopConference(c);
    releaseMedia(c.lead.media());
    remix(c);
    m_listener.leadFailed(c.ref, why);
}

void CallService::dropLeadLeg(Call& c)
{
    c.lead.drop();
    if (!c.lead.callId().empty()) {
        m_leadDialogs.erase(c.lead.callId());
    }
    if (c.lead.media()) {
        stopConference(c);
        releaseMedia(c.lead.media());
        remix(c);
    }
}

bool CallService::dropLead(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || !it->second->lead.inProgress()) {
        return false;
    }
    dropLeadLeg(*it->second);
    return true;
}

void CallService::holdMix(Call& c)
{
    // Nobody else's audio reaches the caller, who hears hold audio; a
    // further party hears nothing meanwhile, except a lead on the call:
    // the lead and the operator can talk between themselves.
    c.callerMedia->relayTo(nullptr);
    c.callerMedia->play(nullptr, m_hold);
    for (auto* leg : {&c.crisis, &c.interpreter}) {
        if (leg->media()) {
            leg->media()->relayTo(nullptr);
        }
    }
    const bool lead = c.lead.answered() && c.lead.media();
    if (lead) {
        c.lead.media()->relayTo(c.op.media());
    }
    if (c.op.media()) {
        c.op.media()->relayTo(lead ? c.lead.media() : nullptr);
    }
}

void CallService::remix(Call& c)
{
    stopConference(c);
    if (c.onHold && !c.operatorLeft && c.op.answered()) {
        holdMix(c);
        return;
    }
    std::vector<std::shared_ptr<RtpSession>> on;
    if (c.callerMedia) {
        on.push_back(c.callerMedia);
    }
    std::optional<std::size_t> operatorLeg;
    if (!c.operatorLeft && c.op.answered() && c.op.media()) {
        operatorLeg = on.size();
        on.push_back(c.op.media());
    }
    if (c.crisis.answered() && c.crisis.media()) {
        on.push_back(c.crisis.media());
    }
    if (c.interpreter.answered() && c.interpreter.media()) {
        on.push_back(c.interpreter.media());
    }
    std::optional<std::size_t> leadLeg;
    if (c.lead.answered() && c.lead.media() && operatorLeg) {
        leadLeg = on.size();
        on.push_back(c.lead.media());
    }
    if (on.size() >= 3) {
        c.conference = std::make_shared<Conference>(m_mediaThread.context(), m_ioc);
        for (std::size_t i = 0; i < on.size(); ++i) {
            c.conference->add(on[i], hearsOnCall(c.leadMode, i, operatorLeg, leadLeg));
        }
        c.conference->start();
    } else if (on.size() == 2) {
        on[0]->relayTo(on[1]);
        on[1]->relayTo(on[0]);
    } else if (on.size() == 1) {
        on[0]->relayTo(nullptr);
    }
}

} // namespace warmline::sip
