// CallService, callbacks (docs/callbacks.md): a call the gateway places for
// a caller who asked to be called back. The operator's phone rings first
// (CallServiceLegs.cpp); once it answers the caller is dialled through the
// trunk, both hear the announcement, and then they talk.

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
    if (!connectOperator(ref, dial.operatorUri, dial.displayName, whyNot, dial.autoAnswer)) {
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
        std::chrono::steady_clock::now() < c.greetingEnds) {
        return false;
    }
    c.callerMedia->play(offer->second, m_hold);
    return true;
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
    m_counters.answered++;
    m_counters.bridged++;
    const auto& announcements = c.checkIn ? m_checkInAnnouncements : m_callbackAnnouncements;
    if (const auto a = announcements.find(c.callbackLanguage); a != announcements.end()) {
        // Both hear who is calling; then they are put through.
        c.callerMedia->play(a->second, nullptr);
        c.op.media()->play(a->second, nullptr);
        const auto samples = static_cast<long long>(a->second->muLaw.size());
        c.answerTimer.expires_after(std::chrono::milliseconds(samples / 8));
        c.answerTimer.async_wait([this, ref = c.ref, alive = m_alive](boost::system::error_code e) {
            if (e || !*alive) {
                return;
            }
            if (auto it = m_calls.find(ref); it != m_calls.end()) {
                remix(*it->second);
            }
        });
    } else {
        remix(c);
    }
    m_listener.callbackAnswered(c.ref);
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
