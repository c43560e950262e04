// Asking operators' phones whether they are there (CallService::checkPhone):
// the OPTIONS request every SIP user agent answers (RFC 3261, 11), whose
// round trip the shift board shows. No dialog, no media.

#include "telephony/sip/CallService.h"
#include "telephony/sip/OutboundLeg.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace warmline::sip {

bool CallService::checkPhone(const std::string& sipUri, std::chrono::milliseconds timeout,
                             std::function<void(std::optional<std::chrono::milliseconds>)> done)
{
    const auto target = LegTarget::parse(sipUri);
    SipUri dialUri;
    std::optional<Flow> registered;
    if (!target.uri || !done || !*m_alive) {
        return false;
    }
    if (const Account* account = accountOf(*target.uri)) {
        // Asked over its own connection, wherever it is (the rule on plain
        // audio is for calls).
        if (registration(target.uri->user)) {
            dialUri = account->contact;
            registered = account->flow;
        } else {
            // Not registered now: nothing to ask, so no answer.
            boost::asio::post(m_ioc,
                              [done = std::move(done), alive = std::weak_ptr<bool>(m_alive)] {
                                  if (const auto live = alive.lock(); live && *live) {
                                      done(std::nullopt);
                                  }
                              });
            return true;
        }
    } else if (!target.address) {
        return false;
    } else {
        dialUri = *target.uri;
    }
    struct Check
    {
        explicit Check(boost::asio::io_context& ioc) : timer(ioc) {}
        boost::asio::steady_timer timer;
        std::weak_ptr<ClientTransaction> request;
        std::function<void(std::optional<std::chrono::milliseconds>)> done;
        std::chrono::steady_clock::time_point sent;
        bool finished = false;
        void finish(std::optional<std::chrono::milliseconds> rtt)
        {
            if (!finished) {
                finished = true;
                timer.cancel();
                auto call = std::move(done);
                call(rtt);
            }
        }
    };
    auto check = std::make_shared<Check>(m_ioc);
    check->done = std::move(done);
    check->sent = std::chrono::steady_clock::now();

    Flow flow;
    if (registered) {
        flow = *registered; // over its own connection
    } else {
        flow.transport = Transport::Udp;
        flow.address = *target.address;
        flow.port = target.uri->port != 0 ? target.uri->port : 5060;
    }
    OutgoingRequest r;
    r.method = "OPTIONS";
    r.requestUri = dialUri.text;
    r.from = fmt::format("<sip:warmline@{}>;tag={}", m_endpoint.sentBy(flow.transport),
                         randomSipToken(8));
    r.to = "<" + dialUri.text + ">";
    r.callId = randomSipToken(12) + "@warmline";
    r.extraHeaders = {"Accept: application/sdp"};
    check->request = m_endpoint.request(
        std::move(r), flow,
        [this, check, registered, alive = std::weak_ptr<bool>(m_alive)](const SipMessage* resp) {
            const auto live = alive.lock();
            if (!live || !*live || (resp && resp->status < 200)) {
                return;
            }
            if (resp && registered && !check->finished) {
                checkOutcome(*registered, true);
            }
            // Any final answer, even 404 or 405: something
            // there speaks SIP at that address.
            check->finish(resp
                              ? std::optional(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::steady_clock::now() - check->sent))
                              : std::nullopt);
        });
    check->timer.expires_after(timeout);
    check->timer.async_wait([this, check, registered,
                             alive = std::weak_ptr<bool>(m_alive)](boost::system::error_code ec) {
        const auto live = alive.lock();
        // Finished: answered (or failed) while this wait was already due.
        if (ec || check->finished || !live || !*live) {
            return;
        }
        // No answer in time: stop resending it (a phone that is gone
        // would otherwise get ten copies over 32 s).
        if (const auto request = check->request.lock()) {
            request->abandon();
        }
        if (registered && registered->transport != Transport::Udp) {
            checkOutcome(*registered, false);
        }
        check->finish(std::nullopt);
    });
    return true;
}

void CallService::checkOutcome(const Flow& flow, bool answered)
{
    const auto it = std::find_if(m_accounts.begin(), m_accounts.end(), [&](const auto& entry) {
        const Flow& f = entry.second.flow;
        return entry.second.registration && f.transport == flow.transport &&
               f.connection == flow.connection;
    });
    if (it == m_accounts.end()) {
        return; // registered elsewhere since, or not at all
    }
    Account& a = it->second;
    if (answered || !m_endpoint.flowOpen(flow)) {
        a.unansweredChecks = 0;
        return;
    }
    // A registered phone that does not answer on its own connection twice
    // in a row: the connection is dead without a close (a home router
    // that changed address, a laptop that slept), or the phone is stuck.
    // It is closed, so its registration ends, the board says so, and no
    // call is rung into it (decision 161); a phone still there connects
    // and registers again. Not while a call's signalling runs on it: a
    // phone back from a stall would have its BYE refused on a new
    // connection, and the media watch ends a call whose phone is gone.
    if (++a.unansweredChecks < 2 || onPlacedLegConnection(flow)) {
        return;
    }
    a.unansweredChecks = 0;
    spdlog::warn("sip: a registered phone did not answer the gateway's check on its connection "
                 "twice; closing the connection");
    m_endpoint.closeFlow(flow);
}

} // namespace warmline::sip
