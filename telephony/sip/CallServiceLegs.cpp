// CallService, the legs the gateway places (each an OutboundLeg): the
// operator's phone for a call (bridged to the caller when it answers, hold,
// back to the queue's hold audio), and the warm transfer to a crisis line
// (a three-way mix once it answers, then caller and crisis line alone when
// the operator leaves); and, as the operator's leg ends at wrap-up, the
// keypad survey the caller stays on for (docs/surveys.md). An operator's own
// phone reached through the trunk must press 1 before anyone is put through
// (docs/remote-operators.md).

#include "telephony/sip/CallService.h"

#include "core/domain/Domain.h"
#include "telephony/sip/CallState.h"

#include <boost/asio/post.hpp>
#include <fmt/format.h>

namespace asio = boost::asio;

namespace warmline::sip {

bool CallService::connectOperator(CallRef ref, const std::string& sipUri,
                                  const std::string& displayName, std::string& whyNot,
                                  bool autoAnswer, bool askToAccept, const std::string& language)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        whyNot = "The caller has hung up.";
        return false;
    }
    Call& c = *it->second;
    if (c.op.inProgress()) {
        whyNot = "This call is already being connected.";
        return false;
    }
    if (c.partner) {
        whyNot = "The caller is being put through to the partner line.";
        return false;
    }
    const auto target = LegTarget::parse(sipUri);
    if (!target.uri) {
        whyNot = "The phone address on the operator's profile is not a SIP URI.";
        return false;
    }
    SipUri dialUri;
    std::optional<Flow> flow;
    if (!resolveTarget(*target.uri, dialUri, flow, whyNot)) {
        return false;
    }
    if (!target.address && !flow) {
        whyNot = "The phone address must name its host by IP address.";
        return false;
    }
    const std::string acceptLanguage = language == "es" ? "es" : "en";
    if (askToAccept && !m_operatorAccepts.contains(acceptLanguage)) {
        whyNot = "The gateway has no announcement to ask the operator's phone to press 1.";
        return false;
    }
    if (!c.answered) {
        answer(ref);
    }
    // An SRTP leg takes no packet before its keys are set (OutboundLeg
    // starts it then): none in the clear.
    auto media = openMedia(!(flow && flow->transport == Transport::Tls));
    if (!media) {
        whyNot = "No RTP port is free for the operator's leg.";
        return false;
    }
    media->countRelayedIn(&m_media.relayedToOperator);
    c.operatorMustAccept = askToAccept;
    c.operatorLanguage = acceptLanguage;
    c.awaitingOperatorKey = false;
    if (askToAccept) {
        media->onKey = [this, ref, alive = m_alive](char key) {
            if (*alive) {
                operatorKey(ref, key);
            }
        };
    }
    c.queued = false;
    c.callbackKeypad = CallbackKeypad::None; // taken while choosing a number
    c.keyedDigits.clear();
    OutboundLeg::Dial d;
    d.uri = dialUri;
    d.address = flow ? flow->address : *target.address;
    d.flow = flow;
    d.media = std::move(media);
    d.displayName = displayName;
    d.extraHeaders = {kAllowHeader};
    if (autoAnswer) {
        // The app's softphone: the operator has just accepted, so it answers
        // at once (the intercom convention phones and softphones know).
        d.extraHeaders.emplace_back(
            fmt::format("Call-Info: <sip:{}>;answer-after=0", m_endpoint.publicAddress()));
    }
    d.ringTimeout = m_settings.operatorRingTimeout;
    d.sdpSessionId = static_cast<std::uint64_t>(nowMs() / 1000) + ref;
    // Over a registered phone's TLS connection the leg is SRTP (decision
    // 156), wherever the phone is.
    d.srtp = flow && flow->transport == Transport::Tls;
    // Through the trunk (an own number) the audio goes to the carrier.
    d.siteMediaOnly = !m_settings.allowPlainRemotePhones && !askToAccept && !d.srtp;
    d.handlers.answered = [this, call = &c] { operatorLegAnswered(*call); };
    d.handlers.failed = [this, call = &c](const std::string& why) {
        operatorLegFailed(*call, why);
    };
    c.op.dial(std::move(d));
    m_operatorDialogs[c.op.callId()] = ref;
    return true;
}

void CallService::operatorLegAnswered(Call& c)
{
    c.op.media()->heardNow(); // its silence counts from the answer
    if (c.operatorMustAccept) {
        askOperatorToAccept(c);
        return;
    }
    operatorPutThrough(c);
}

void CallService::askOperatorToAccept(Call& c)
{
    const CallRef ref = c.ref;
    c.awaitingOperatorKey = true;
    if (!c.op.media()->receivesKeys()) {
        // No 1 could ever come, and a phone that answers unasked may be a
        // voicemail: not answered. Not from inside the leg's own handler.
        asio::post(m_ioc, [this, ref, alive = m_alive] {
            if (*alive) {
                operatorNotAccepted(ref, "The operator's phone cannot send key presses (RFC "
                                         "4733 events), so it cannot press 1 to accept a call.");
            }
        });
        return;
    }
    const auto& prompt = m_operatorAccepts.at(c.operatorLanguage);
    c.op.media()->play(prompt, prompt);
    c.operatorKeyTimer.expires_after(m_settings.operatorRingTimeout);
    c.operatorKeyTimer.async_wait([this, ref, alive = m_alive](boost::system::error_code e) {
        if (!e && *alive) {
            operatorNotAccepted(ref, "The operator's phone answered, but no one pressed 1 (a "
                                     "voicemail, perhaps).");
        }
    });
}

void CallService::operatorKey(CallRef ref, char key)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || !it->second->awaitingOperatorKey || key != '1') {
        return;
    }
    // Not from inside the media's own receive handler.
    asio::post(m_ioc, [this, ref, alive = m_alive] {
        if (!*alive) {
            return;
        }
        auto call = m_calls.find(ref);
        if (call == m_calls.end() || !call->second->awaitingOperatorKey) {
            return;
        }
        Call& c = *call->second;
        c.awaitingOperatorKey = false;
        c.operatorKeyTimer.cancel();
        operatorPutThrough(c);
    });
}

void CallService::operatorNotAccepted(CallRef ref, const std::string& why)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || !it->second->awaitingOperatorKey) {
        return;
    }
    Call& c = *it->second;
    c.awaitingOperatorKey = false;
    c.operatorKeyTimer.cancel();
    m_operatorDialogs.erase(c.op.callId());
    c.op.drop(); // BYE, and the leg is free to be dialled again
    operatorLegFailed(c, why);
}

void CallService::operatorPutThrough(Call& c)
{
    if (c.callback && !c.callerMedia) {
        // A callback: the operator is on, now the caller is dialled (if the
        // gateway did not end the call meanwhile).
        const CallRef ref = c.ref;
        m_listener.operatorAnswered(ref);
        if (auto it = m_calls.find(ref); it != m_calls.end()) {
            dialCaller(*it->second);
        }
        return;
    }
    c.onHold = false;
    c.callerMedia->relayTo(c.op.media());
    c.op.media()->relayTo(c.callerMedia);
    m_counters.bridged++;
    m_listener.operatorAnswered(c.ref);
}

void CallService::operatorLegFailed(Call& c, const std::string& why)
{
    // A phone's BYE for the failed leg must not end the call, which waits
    // in the queue again: it gets 481.
    m_operatorDialogs.erase(c.op.callId());
    releaseMedia(c.op.media());
    if (c.callback) {
        // Nobody waits on this call: it ends.
        m_listener.operatorNotAnswered(c.ref, why);
        endCallbackLater(c.ref);
        return;
    }
    c.queued = true;
    c.callerMedia->play(nullptr, m_hold);
    m_listener.operatorNotAnswered(c.ref, why);
}

void CallService::dropOperatorLeg(Call& c)
{
    c.awaitingOperatorKey = false;
    c.operatorKeyTimer.cancel();
    c.op.drop();
    m_operatorDialogs.erase(c.op.callId());
    releaseMedia(c.op.media());
}

bool CallService::hold(CallRef ref, bool on)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || !it->second->op.answered() || !it->second->op.media() ||
        !it->second->callerMedia || it->second->awaitingAnswerKey ||
        it->second->awaitingOperatorKey) {
        return false;
    }
    Call& c = *it->second;
    c.onHold = on;
    remix(c);
    return true;
}

void CallService::returnToHold(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    if (c.callback && (!c.callerMedia || c.awaitingAnswerKey)) {
        // A callback whose caller has not answered (or not pressed 1):
        // nobody to hold.
        hangUp(ref);
        return;
    }
    dropOperatorLeg(c);
    dropCrisisLeg(c);
    dropInterpreterLeg(c);
    dropLeadLeg(c);
    c.queued = true;
    c.onHold = false;
    c.callerMedia->relayTo(nullptr);
    if (c.answered) {
        c.callerMedia->play(nullptr, m_hold);
    }
}

CallService::Call* CallService::connectedCall(CallRef ref, std::string& whyNot)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        whyNot = "The caller has hung up.";
        return nullptr;
    }
    Call& c = *it->second;
    if (!c.op.answered() || c.operatorLeft || !c.op.media() || c.awaitingOperatorKey) {
        whyNot = "The call is not connected to the operator's phone.";
        return nullptr;
    }
    if (!c.callerMedia || c.awaitingAnswerKey) {
        whyNot = "The caller has not answered the callback yet.";
        return nullptr;
    }
    return &c;
}

std::optional<OutboundLeg::Dial> CallService::partyDial(const std::string& sipUri,
                                                        std::string_view party,
                                                        std::atomic<std::uint64_t>* counter,
                                                        std::string& whyNot)
{
    const auto target = LegTarget::parse(sipUri);
    if (!target.uri) {
        whyNot = fmt::format("The {}'s call address is not a SIP URI.", party);
        return std::nullopt;
    }
    SipUri dialUri;
    std::optional<Flow> flow;
    if (!resolveTarget(*target.uri, dialUri, flow, whyNot)) {
        return std::nullopt;
    }
    if (!target.address && !flow) {
        whyNot = fmt::format("The {}'s address (or the trunk's) must name its host by IP address.",
                             party);
        return std::nullopt;
    }
    auto media = openMedia(!(flow && flow->transport == Transport::Tls)); // as connectOperator
    if (!media) {
        whyNot = fmt::format("No RTP port is free for the {}'s leg.", party);
        return std::nullopt;
    }
    media->countRelayedIn(counter);
    OutboundLeg::Dial d;
    d.uri = dialUri;
    d.address = flow ? flow->address : *target.address;
    d.flow = flow;
    d.srtp = flow && flow->transport == Transport::Tls;
    d.media = std::move(media);
    // Not the caller's number (sealed) nor the line's.
    d.displayName = "Warmline";
    d.extraHeaders = {kAllowHeader};
    return d;
}

bool CallService::connectCrisisLine(CallRef ref, const std::string& sipUri, std::string& whyNot)
{
    Call* call = connectedCall(ref, whyNot);
    if (!call) {
        return false;
    }
    Call& c = *call;
    if (c.crisis.inProgress()) {
        whyNot = "A crisis line is already being called on this call.";
        return false;
    }
    auto dial = partyDial(sipUri, "crisis line", &m_media.relayedToCrisisLine, whyNot);
    if (!dial) {
        return false;
    }
    OutboundLeg::Dial& d = *dial;
    d.ringTimeout = m_settings.crisisRingTimeout;
    d.sdpSessionId = static_cast<std::uint64_t>(nowMs() / 1000) + ref;
    d.handlers.refuseAnswer = [this, call = &c] { return crisisAnswerRefused(*call); };
    d.handlers.answered = [this, call = &c] { crisisLegAnswered(*call); };
    d.handlers.failed = [this, call = &c](const std::string& why) { crisisLegFailed(*call, why); };
    c.crisis.setParty("The crisis line");
    c.crisis.dial(std::move(d));
    m_crisisDialogs[c.crisis.callId()] = ref;
    return true;
}

bool CallService::connectPartner(CallRef ref, const std::string& sipUri, std::string& whyNot)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        whyNot = "The caller has hung up.";
        return false;
    }
    Call& c = *it->second;
    if (!c.answered || !c.queued || c.op.inProgress() || c.crisis.inProgress() || c.partner) {
        whyNot = "The call is not waiting in the queue.";
        return false;
    }
    auto dial = partyDial(sipUri, "partner line", &m_media.relayedToPartner, whyNot);
    if (!dial) {
        return false;
    }
    OutboundLeg::Dial& d = *dial;
    d.ringTimeout = m_settings.crisisRingTimeout;
    d.sdpSessionId = static_cast<std::uint64_t>(nowMs() / 1000) + ref + 3;
    d.handlers.answered = [this, call = &c] { crisisLegAnswered(*call); };
    d.handlers.failed = [this, call = &c](const std::string& why) { crisisLegFailed(*call, why); };
    // The crisis leg carries it: with no operator on, it is the caller's
    // only other party, as after an operator leaves a warm transfer.
    c.partner = true;
    c.crisis.setParty("The partner line");
    c.crisis.dial(std::move(d));
    m_crisisDialogs[c.crisis.callId()] = ref;
    return true;
}

std::string CallService::crisisAnswerRefused(const Call& c) const
{
    return c.op.answered() ? std::string()
                           : "The operator's phone hung up before the crisis line answered.";
}

void CallService::crisisLegAnswered(Call& c)
{
    if (c.partner) {
        // The caller and the partner line, relayed to each other.
        c.queued = false;
        remix(c);
        m_listener.partnerAnswered(c.ref);
        return;
    }
    // All three (or four, with an interpreter) hear each other.
    remix(c);
    m_listener.crisisLineAnswered(c.ref);
}

void CallService::crisisLegFailed(Call& c, const std::string& why)
{
    m_crisisDialogs.erase(c.crisis.callId());
    stopConference(c);
    releaseMedia(c.crisis.media());
    if (c.partner) {
        // Back to waiting, on hold.
        c.partner = false;
        c.queued = true;
        c.callerMedia->play(nullptr, m_hold);
        m_listener.partnerFailed(c.ref, why);
        return;
    }
    // Back to the two of them (or the three, with an interpreter).
    remix(c);
    m_listener.crisisLineFailed(c.ref, why);
}

void CallService::dropCrisisLeg(Call& c)
{
    c.crisis.drop();
    if (!c.crisis.callId().empty()) {
        m_crisisDialogs.erase(c.crisis.callId());
    }
    stopConference(c);
    releaseMedia(c.crisis.media());
}

void CallService::stopConference(Call& c)
{
    if (c.conference) {
        c.conference->stop();
        c.conference.reset();
    }
}

void CallService::leaveConference(Call& c)
{
    // A lead monitors an operator's call: they go with the operator.
    if (c.lead.inProgress()) {
        dropLeadLeg(c);
        m_listener.leadFailed(c.ref, "The operator left the call.");
    }
    dropOperatorLeg(c);
    stopConference(c);
    c.operatorLeft = true;
    // The caller and the crisis line (and an interpreter who is on: the
    // caller may need them to be understood there too).
    remix(c);
}

bool CallService::operatorLeaves(CallRef ref, std::string& whyNot)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        whyNot = "The caller has hung up.";
        return false;
    }
    Call& c = *it->second;
    if (!c.crisis.answered() || !c.crisis.media() || c.operatorLeft) {
        whyNot = "The crisis line is not on the call yet.";
        return false;
    }
    leaveConference(c);
    return true;
}

bool CallService::startSurvey(CallRef ref, const std::string& language)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return false;
    }
    Call& c = *it->second;
    const auto question = m_surveys.find(language == "es" ? "es" : "en");
    if (question == m_surveys.end() || !c.answered || c.queued || c.partner || c.surveying ||
        !c.callerMedia || !c.op.answered() || c.awaitingOperatorKey || c.crisis.inProgress() ||
        c.interpreter.inProgress()) {
        return false;
    }
    if (c.lead.inProgress()) {
        dropLeadLeg(c);
    }
    dropOperatorLeg(c); // BYE once; the call's own end sends none again
    stopConference(c);
    c.onHold = false;
    c.surveying = true;
    c.callerMedia->play(question->second, nullptr);
    const auto samples = static_cast<long long>(question->second->muLaw.size()); // 8 kHz
    c.answerTimer.expires_after(std::chrono::milliseconds(samples / 8) +
                                m_settings.surveyAnswerTime);
    c.answerTimer.async_wait([this, ref, alive = m_alive](boost::system::error_code e) {
        if (!e && *alive) {
            hangUp(ref); // no answer: the call ends
        }
    });
    return true;
}

} // namespace warmline::sip
