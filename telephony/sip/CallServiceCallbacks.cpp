// CallService, callbacks (docs/callbacks.md): a call the gateway places for
// a caller who asked to be called back. The operator's phone rings first
// (CallServiceLegs.cpp); once it answers the caller is dialled through the
// trunk. Both hear the announcement, which asks the caller to press 1; once
// they do, they talk. A phone that answers and presses nothing (a voicemail,
// perhaps) within callbackAnswerWait is an attempt that did not reach them.

#include "telephony/sip/CallService.h"

#include "core/domain/Domain.h"
#include "telephony/sip/CallState.h"

#include <boost/asio/post.hpp>
#include <fmt/format.h>

#include <cmath>

namespace asio = boost::asio;

namespace warmline::sip {

std::vector<std::int16_t> CallService::ringbackSamples()
{
    constexpr double kPi = 3.14159265358979323846;
    std::vector<std::int16_t> samples(6 * 8000, 0);
    for (std::size_t i = 0; i < 2 * 8000; ++i) {
        const double t = static_cast<double>(i) / 8000.0;
        samples[i] = static_cast<std::int16_t>(
            3000.0 * (std::sin(2 * kPi * 440 * t) + std::sin(2 * kPi * 480 * t)));
    }
    return samples;
}

CallRef CallService::placeCallback(const CallbackDial& dial, std::string& whyNot)
{
    const auto caller = LegTarget::parse(dial.callerUri);
    if (!caller.uri || !caller.address) {
        whyNot = "The caller's address through the trunk must be a SIP URI naming its host by IP "
                 "address.";
        return 0;
    }
    if (m_calls.size() >= m_settings.maxCalls) {
        whyNot = "The gateway is at its limit of calls.";
        return 0;
    }
    auto call = std::make_unique<Call>(m_ioc, m_endpoint);
    call->ref = ++m_nextRef;
    call->callback = true;
    call->queued = false;
    call->callbackUri = dial.callerUri;
    call->callbackLine = dial.lineNumber;
    call->callbackLanguage = dial.language == "es" ? "es" : "en";
    call->checkIn = dial.checkIn;
    const CallRef ref = call->ref;
    m_calls.emplace(ref, std::move(call));
    m_counters.active = m_calls.size();
    if (!connectOperator(ref, dial.operatorUri, dial.displayName, whyNot, dial.autoAnswer,
                         dial.askToAccept, dial.operatorLanguage)) {
        endCall(ref);
        return 0;
    }
    return ref;
}

bool CallService::offerCallback(CallRef ref, const std::string& language)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return false;
    }
    Call& c = *it->second;
    const auto offer = m_callbackOffers.find(language == "es" ? "es" : "en");
    // As for the place in line: only to a caller on hold, after the greeting.
    if (offer == m_callbackOffers.end() || c.callback || !c.answered || !c.queued || c.partner ||
        c.callbackKeypad != CallbackKeypad::None ||
        std::chrono::steady_clock::now() < c.greetingEnds) {
        return false;
    }
    c.callerMedia->play(offer->second, m_hold);
    return true;
}

bool CallService::askCallbackNumber(CallRef ref, const std::string& language)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return false;
    }
    Call& c = *it->second;
    const auto lang = language == "es" ? "es" : "en";
    const auto question = m_callbackNumberQuestions.find(lang);
    if (question == m_callbackNumberQuestions.end() || !m_callbackKeyPrompts.contains(lang) ||
        c.callback || !c.answered || !c.queued || c.partner || c.op.inProgress()) {
        return false;
    }
    c.callbackKeypad = CallbackKeypad::Confirming;
    c.keypadLanguage = lang;
    c.keyedDigits.clear();
    c.callerMedia->play(question->second, m_hold);
    keypadTimeout(c);
    return true;
}

void CallService::refuseCallbackNumber(CallRef ref, const std::string& language)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || !it->second->queued || it->second->op.inProgress()) {
        return;
    }
    Call& c = *it->second;
    const auto bad = m_callbackBadNumbers.find(language == "es" ? "es" : "en");
    if (bad == m_callbackBadNumbers.end()) {
        return;
    }
    c.callbackKeypad = CallbackKeypad::Confirming;
    c.keyedDigits.clear();
    c.callerMedia->play(bad->second, m_hold);
    keypadTimeout(c);
}

void CallService::keypadTimeout(Call& c)
{
    c.answerTimer.expires_after(kCallbackKeyingTime);
    c.answerTimer.async_wait([this, ref = c.ref, alive = m_alive](boost::system::error_code e) {
        if (e || !*alive) {
            return;
        }
        auto it = m_calls.find(ref);
        if (it == m_calls.end() || it->second->callbackKeypad == CallbackKeypad::None ||
            !it->second->queued) {
            return;
        }
        Call& call = *it->second;
        if (call.callbackKeypad == CallbackKeypad::Keying && !call.keyedDigits.empty()) {
            callbackNumberKey(call, '#'); // as if they had pressed #
            return;
        }
        // Nothing chosen: they wait on, and may press 1 again.
        call.callbackKeypad = CallbackKeypad::None;
        call.keyedDigits.clear();
        call.callerMedia->play(nullptr, m_hold);
    });
}

void CallService::callbackNumberKey(Call& c, char key)
{
    const CallRef ref = c.ref;
    if (c.callbackKeypad == CallbackKeypad::Confirming) {
        if (key == '1') {
            c.callbackKeypad = CallbackKeypad::None;
            c.answerTimer.cancel();
            m_listener.callbackNumberChosen(ref, "");
        } else if (key == '2') {
            c.callbackKeypad = CallbackKeypad::Keying;
            c.keyedDigits.clear();
            c.callerMedia->play(m_callbackKeyPrompts.at(c.keypadLanguage), m_hold);
            keypadTimeout(c);
        }
        return;
    }
    if (key == '*') {
        // Start again.
        c.keyedDigits.clear();
        c.callerMedia->play(m_callbackKeyPrompts.at(c.keypadLanguage), m_hold);
        keypadTimeout(c);
        return;
    }
    if (key != '#') {
        if (key >= '0' && key <= '9' && c.keyedDigits.size() < kCallbackMaxDigits + 1) {
            c.keyedDigits.push_back(key); // one too many, and it is refused
        }
        keypadTimeout(c);
        return;
    }
    if (c.keyedDigits.empty()) {
        return;
    }
    c.callbackKeypad = CallbackKeypad::None;
    c.answerTimer.cancel();
    std::string keyed;
    keyed.swap(c.keyedDigits);
    m_listener.callbackNumberChosen(ref, keyed); // too long (19 digits): refused there
}

bool CallService::confirmCallback(CallRef ref, const std::string& language)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return false;
    }
    Call& c = *it->second;
    if (c.callback || !c.answered || !c.queued || c.partner || c.op.inProgress()) {
        return false;
    }
    const auto confirmation = m_callbackConfirmations.find(language == "es" ? "es" : "en");
    long long ms = 0;
    if (confirmation != m_callbackConfirmations.end()) {
        c.callerMedia->play(confirmation->second, nullptr);
        ms = static_cast<long long>(confirmation->second->muLaw.size()) / 8;
    }
    // A moment after the last word, the line hangs up.
    c.queued = false;
    c.answerTimer.expires_after(std::chrono::milliseconds(ms + 500));
    c.answerTimer.async_wait([this, ref, alive = m_alive](boost::system::error_code e) {
        if (!e && *alive) {
            hangUp(ref);
        }
    });
    return true;
}

void CallService::dialCaller(Call& c)
{
    const auto target = LegTarget::parse(c.callbackUri); // checked by placeCallback
    auto media = openMedia();
    if (!media) {
        c.op.hangUp();
        m_listener.callbackNotReached(c.ref, "No RTP port is free for the caller's leg.");
        endCallbackLater(c.ref);
        return;
    }
    media->countRelayedIn(&m_media.relayedToCaller);
    const CallRef ref = c.ref;
    media->onKey = [this, ref, alive = m_alive](char key) {
        if (*alive) {
            callerKey(ref, key);
        }
    };
    OutboundLeg::Dial d;
    d.uri = *target.uri;
    d.address = *target.address;
    d.media = std::move(media);
    // The caller sees the line calling, never an operator's name.
    d.displayName = "Warmline";
    d.extraHeaders = {kAllowHeader};
    if (!c.callbackLine.empty()) {
        d.extraHeaders.push_back(fmt::format("P-Asserted-Identity: <sip:{}@{}>", c.callbackLine,
                                             m_endpoint.publicAddress()));
    }
    d.ringTimeout = m_settings.callbackRingTimeout;
    d.sdpSessionId = static_cast<std::uint64_t>(nowMs() / 1000) + ref + 5;
    d.handlers.refuseAnswer = [call = &c] {
        return call->op.answered() ? std::string()
                                   : std::string("The operator left before the caller answered.");
    };
    d.handlers.answered = [this, call = &c] { callbackLegAnswered(*call); };
    d.handlers.failed = [this, call = &c](const std::string& why) {
        callbackLegFailed(*call, why);
    };
    c.back.dial(std::move(d));
    m_callbackDialogs[c.back.callId()] = ref;
    // The operator hears it ring, so they know the caller is being called.
    c.op.media()->play(nullptr, m_ringback);
}

void CallService::callbackLegAnswered(Call& c)
{
    c.answered = true;
    c.callerMedia = c.back.media();
    c.callerMedia->heardNow();
    m_counters.answered++;
    const auto& announcements = c.checkIn ? m_checkInAnnouncements : m_callbackAnnouncements;
    const auto a = announcements.find(c.callbackLanguage);
    if (a == announcements.end()) {
        // No announcement to ask for the key: put through at once.
        callbackPutThrough(c.ref, '1');
        return;
    }
    if (!c.callerMedia->receivesKeys()) {
        // The caller's phone sends no key events (RFC 4733): no 1 could
        // ever come, so they are put through once they heard who calls.
        c.callerMedia->play(a->second, nullptr);
        c.op.media()->play(a->second, nullptr);
        c.awaitingAnswerKey = true;
        c.answerKey = '1';
        const auto samples = static_cast<long long>(a->second->muLaw.size());
        c.answerTimer.expires_after(std::chrono::milliseconds(samples / 8));
        c.answerTimer.async_wait([this, ref = c.ref, alive = m_alive](boost::system::error_code e) {
            if (!e && *alive) {
                callbackPutThrough(ref, '1');
            }
        });
        return;
    }
    // Both hear who is calling, over and over, until the caller presses 1
    // (CallService::callerKey); the operator knows the caller is on.
    c.awaitingAnswerKey = true;
    c.answerKey = 0;
    c.callerMedia->play(a->second, a->second);
    c.op.media()->play(a->second, a->second);
    c.answerTimer.expires_after(m_settings.callbackAnswerWait);
    c.answerTimer.async_wait([this, ref = c.ref, alive = m_alive](boost::system::error_code e) {
        if (e || !*alive) {
            return;
        }
        if (auto it = m_calls.find(ref);
            it != m_calls.end() && it->second->awaitingAnswerKey && it->second->answerKey == 0) {
            callbackNotConfirmed(*it->second,
                                 "The caller's phone answered, but no one pressed 1 (a voicemail, "
                                 "perhaps).");
        }
    });
}

void CallService::callbackPutThrough(CallRef ref, char key)
{
    auto it = m_calls.find(ref);
    // Not if the caller left, or the wait ended, meanwhile.
    if (it == m_calls.end() || !it->second->awaitingAnswerKey || !it->second->callerMedia ||
        !it->second->op.answered()) {
        return;
    }
    Call& c = *it->second;
    const bool stopCheckIns = key == '9' && c.checkIn;
    c.awaitingAnswerKey = false;
    c.answerTimer.cancel();
    m_counters.bridged++;
    remix(c);
    m_listener.callbackAnswered(ref);
    if (stopCheckIns && m_calls.contains(ref)) {
        m_listener.checkInStopPressed(ref);
    }
}

void CallService::callbackNotConfirmed(Call& c, const std::string& why)
{
    const CallRef ref = c.ref;
    c.awaitingAnswerKey = false;
    c.answerTimer.cancel();
    m_callbackDialogs.erase(c.back.callId());
    c.back.hangUp();
    c.op.hangUp();
    c.crisis.hangUp();
    c.interpreter.hangUp();
    c.lead.hangUp();
    m_listener.callbackNotReached(ref, why);
    endCallbackLater(ref);
}

void CallService::callbackLegFailed(Call& c, const std::string& why)
{
    m_callbackDialogs.erase(c.back.callId());
    c.op.hangUp();
    m_listener.callbackNotReached(c.ref, why);
    endCallbackLater(c.ref);
}

void CallService::endCallbackLater(CallRef ref)
{
    // Not from inside the failing leg's own handler, which the call owns.
    asio::post(m_ioc, [this, ref, alive = m_alive] {
        if (*alive) {
            endCall(ref);
        }
    });
}

} // namespace warmline::sip
