// The server transaction of RFC 3261 17.2 with RFC 6026's Accepted state
// (SipEndpoint.h): a request received, its responses, and their
// retransmission over UDP until the ACK or the timers end it.

#include "telephony/sip/SipEndpoint.h"

#include <boost/asio/post.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace asio = boost::asio;

namespace warmline::sip {

ServerTransaction::ServerTransaction(SipEndpoint& endpoint, SipMessage request, Flow flow,
                                     std::string key)
    : m_endpoint(endpoint), m_request(std::move(request)), m_flow(flow), m_key(std::move(key)),
      m_retransmit(endpoint.m_ioc), m_timeout(endpoint.m_ioc)
{
}

ServerTransaction::~ServerTransaction() = default;

void ServerTransaction::respond(int code, std::string_view toTag,
                                const std::vector<std::string>& extraHeaders,
                                std::string_view contentType, std::string_view body)
{
    if (m_finalCode >= 200 || m_state == State::Terminated) {
        return;
    }
    m_lastResponse = buildResponse(m_request, code, toTag, extraHeaders, contentType, body);
    m_endpoint.send(m_flow, m_lastResponse);
    if (code < 200) {
        return;
    }
    m_finalCode = code;
    m_finalAt = std::chrono::steady_clock::now();
    const bool udp = m_flow.transport == Transport::Udp;
    const auto& s = m_endpoint.m_settings;
    if (!isInvite()) {
        // Timer J: absorb retransmissions of the request for 64*T1 over UDP.
        m_state = State::Completed;
        terminateAfter(udp ? 64 * s.t1 : std::chrono::milliseconds(0));
        return;
    }
    if (code < 300) {
        // RFC 6026 Accepted: the 2xx is resent until its ACK, for 64*T1.
        m_state = State::Accepted;
        m_endpoint.m_awaitingAck[fmt::format("{}|{}", m_request.callId, m_request.cseq)] =
            weak_from_this();
    } else {
        m_state = State::Completed;
    }
    if (udp) {
        startRetransmitting(s.t1);
    }
    m_timeout.expires_after(64 * s.t1);
    m_timeout.async_wait(
        [weak = weak_from_this(), alive = m_endpoint.m_alive](boost::system::error_code ec) {
            auto self = weak.lock();
            if (ec || !self || !*alive) {
                return;
            }
            // Timer H (non-2xx) or L (2xx): no ACK came.
            const bool accepted = self->m_state == State::Accepted;
            self->terminate();
            if (accepted) {
                self->m_endpoint.m_user.onAckTimeout(self);
            }
        });
}

void ServerTransaction::startRetransmitting(std::chrono::milliseconds interval)
{
    m_retransmit.expires_after(interval);
    m_retransmit.async_wait([weak = weak_from_this(), interval,
                             alive = m_endpoint.m_alive](boost::system::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || !*alive ||
            (self->m_state != State::Completed && self->m_state != State::Accepted)) {
            return;
        }
        self->m_endpoint.m_counters.retransmissionsSent++;
        self->m_endpoint.send(self->m_flow, self->m_lastResponse);
        self->startRetransmitting(std::min(interval * 2, self->m_endpoint.m_settings.t2));
    });
}

void ServerTransaction::retransmitLast()
{
    // In Accepted, a retransmitted INVITE is absorbed (RFC 6026 8.5); the 2xx
    // keeps being resent on its own schedule.
    if (m_state == State::Accepted || m_lastResponse.empty()) {
        return;
    }
    if (m_state == State::Proceeding || m_state == State::Completed) {
        m_endpoint.send(m_flow, m_lastResponse);
    }
}

void ServerTransaction::onAck()
{
    m_retransmit.cancel();
    if (m_state == State::Completed) {
        m_state = State::Confirmed;
        m_timeout.cancel();
        // Timer I: absorb ACK retransmissions for T4 over UDP.
        terminateAfter(m_flow.transport == Transport::Udp ? m_endpoint.m_settings.t4
                                                          : std::chrono::milliseconds(0));
    } else if (m_state == State::Accepted) {
        m_state = State::Confirmed;
        m_timeout.cancel();
        terminateAfter(64 * m_endpoint.m_settings.t1);
    }
}

void ServerTransaction::terminateAfter(std::chrono::milliseconds delay)
{
    if (delay.count() == 0) {
        // Posted: the caller may still be using this transaction.
        asio::post(m_endpoint.m_ioc, [weak = weak_from_this(), alive = m_endpoint.m_alive] {
            if (auto self = weak.lock(); self && *alive) {
                self->terminate();
            }
        });
        return;
    }
    m_timeout.expires_after(delay);
    m_timeout.async_wait(
        [weak = weak_from_this(), alive = m_endpoint.m_alive](boost::system::error_code ec) {
            if (auto self = weak.lock(); self && !ec && *alive) {
                self->terminate();
            }
        });
}

void ServerTransaction::terminate()
{
    m_state = State::Terminated;
    m_retransmit.cancel();
    m_timeout.cancel();
    auto& awaiting = m_endpoint.m_awaitingAck;
    if (auto it = awaiting.find(fmt::format("{}|{}", m_request.callId, m_request.cseq));
        it != awaiting.end() && it->second.lock().get() == this) {
        awaiting.erase(it);
    }
    if (auto it = m_endpoint.m_server.find(m_key);
        it != m_endpoint.m_server.end() && it->second.get() == this) {
        m_endpoint.m_server.erase(it);
    }
}

} // namespace warmline::sip
