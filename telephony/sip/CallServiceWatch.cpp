// The media watch (decision 154): a phone that stops sending audio is gone.
// A caller's phone whose network dropped, or that hung up without a BYE that
// reached the gateway, would otherwise stay on an operator (or in the queue)
// until someone noticed the silence; an operator's softphone on a home
// network that dropped would leave its caller talking to nobody.

#include "telephony/sip/CallState.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

namespace warmline::sip {

using Clock = std::chrono::steady_clock;

void CallService::watchMedia()
{
    const auto limit = m_settings.mediaTimeout;
    if (limit <= std::chrono::milliseconds::zero() || m_stopped) {
        return;
    }
    // Silence is seen within a quarter of the timeout (at most 5 s) of
    // reaching it; a check is a walk over the calls.
    const auto every =
        std::clamp(limit / 4, std::chrono::milliseconds(50), std::chrono::milliseconds(5000));
    m_mediaWatch.expires_after(every);
    m_mediaWatch.async_wait([this, alive = m_alive](boost::system::error_code ec) {
        if (ec || !*alive || m_stopped) {
            return;
        }
        checkMedia();
        watchMedia();
    });
}

void CallService::checkMedia()
{
    const auto now = Clock::now();
    const auto limit = m_settings.mediaTimeout;
    std::vector<CallRef> callersGone;
    std::vector<CallRef> phonesGone;
    for (const auto& [ref, c] : m_calls) {
        const bool callerHolds = c->callback ? c->back.holding() : !c->callerWatched;
        if (c->answered && c->callerMedia && !callerHolds &&
            now - c->callerMedia->lastHeard() >= limit) {
            callersGone.push_back(ref);
        } else if (c->op.answered() && c->op.media() && !c->op.holding() && !c->operatorLeft &&
                   !c->awaitingOperatorKey && !c->crisis.inProgress() &&
                   now - c->op.media()->lastHeard() >= limit) {
            // Not while a crisis line is on the call: it stays with the
            // caller whatever the operator's phone does.
            phonesGone.push_back(ref);
        }
    }
    const auto seconds = fmt::format("{:g}", static_cast<double>(limit.count()) / 1000.0);
    for (const auto ref : callersGone) {
        auto it = m_calls.find(ref);
        if (it == m_calls.end()) {
            continue;
        }
        spdlog::info("sip: call {}: no audio from the caller's phone for {} s; ending the call",
                     ref, seconds);
        m_counters.callerAudioLost++;
        sendByeToCaller(*it->second);
        callerGone(*it->second);
    }
    for (const auto ref : phonesGone) {
        auto it = m_calls.find(ref);
        if (it == m_calls.end()) {
            continue;
        }
        m_counters.operatorAudioLost++;
        const std::string why =
            fmt::format("Your phone sent no audio for {} seconds: its connection may have "
                        "dropped, and the gateway hung it up.",
                        seconds);
        if (const Call& c = *it->second; c.callback) {
            // Nobody waits in the queue for a callback. Put through: it
            // ends, and the operator's wrap-up starts. Not yet: it is the
            // operator's phone that failed, as when it does not answer
            // (the attempt does not count against the caller).
            const bool putThrough = c.callerMedia && !c.awaitingAnswerKey;
            spdlog::info("sip: call {}: no audio from the operator's phone for {} s; ending the "
                         "callback",
                         ref, seconds);
            hangUp(ref);
            if (putThrough) {
                m_listener.operatorHungUp(ref);
            } else {
                m_listener.operatorNotAnswered(ref, why);
            }
            continue;
        }
        spdlog::info("sip: call {}: no audio from the operator's phone for {} s; the caller "
                     "goes back to the queue",
                     ref, seconds);
        returnToHold(ref);
        m_listener.operatorNotAnswered(ref, why);
    }
}

} // namespace warmline::sip
