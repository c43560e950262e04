// The client transaction of RFC 3261 17.1 with RFC 6026's Accepted state
// (SipEndpoint.h): a request sent, retransmitted over UDP until answered,
// its responses handed to the user, a non-2xx final ACKed here.

#include "telephony/sip/SipEndpoint.h"

#include <boost/asio/post.hpp>

#include <algorithm>

namespace asio = boost::asio;

namespace warmline::sip {

ClientTransaction::ClientTransaction(SipEndpoint& endpoint, OutgoingRequest request, Flow flow,
                                     Handler handler)
    : m_endpoint(endpoint), m_request(std::move(request)), m_flow(flow),
      m_handler(std::move(handler)), m_retransmit(endpoint.m_ioc), m_timeout(endpoint.m_ioc),
      m_interval(endpoint.m_settings.t1)
{
}

ClientTransaction::~ClientTransaction() = default;

void ClientTransaction::start()
{
    m_text = m_endpoint.requestText(m_request, m_flow.transport);
    const bool sent = m_endpoint.send(m_flow, m_text);
    if (m_flow.transport == Transport::Udp) {
        armRetransmit();
    } else if (!sent) {
        // The connection is gone: no response can come back on it, and the
        // gateway cannot open one towards a phone behind NAT. The user hears
        // of it soon, never from inside request().
        asio::post(m_endpoint.m_ioc, [weak = weak_from_this(), alive = m_endpoint.m_alive] {
            if (auto self = weak.lock(); self && *alive) {
                self->transportError();
            }
        });
    }
    // Timer B (INVITE) or F (others): give up after 64*T1.
    m_timeout.expires_after(64 * m_endpoint.m_settings.t1);
    m_timeout.async_wait([weak = weak_from_this(),
                          alive = m_endpoint.m_alive](boost::system::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || !*alive) {
            return;
        }
        const bool pending = self->m_state == State::Calling || self->m_state == State::Proceeding;
        auto handler = self->m_handler;
        self->terminate();
        if (pending && handler) {
            handler(nullptr);
        }
    });
}

void ClientTransaction::armRetransmit()
{
    // Timer A (INVITE: doubling, until a provisional) or E (others: doubling
    // up to T2, also while proceeding).
    m_retransmit.expires_after(m_interval);
    m_retransmit.async_wait([weak = weak_from_this(),
                             alive = m_endpoint.m_alive](boost::system::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || !*alive) {
            return;
        }
        const bool invite = self->m_request.method == "INVITE";
        if (self->m_state != State::Calling && (invite || self->m_state != State::Proceeding)) {
            return;
        }
        self->m_endpoint.m_counters.retransmissionsSent++;
        self->m_endpoint.send(self->m_flow, self->m_text);
        self->m_interval = invite ? self->m_interval * 2
                                  : std::min(self->m_interval * 2, self->m_endpoint.m_settings.t2);
        self->armRetransmit();
    });
}

void ClientTransaction::onResponse(const SipMessage& r)
{
    if (m_state == State::Terminated) {
        return;
    }
    const bool invite = m_request.method == "INVITE";
    if (r.status < 200) {
        if (m_state == State::Calling) {
            m_state = State::Proceeding;
            if (invite) {
                m_retransmit.cancel();
            }
        }
        if (m_cancelWanted && !m_cancelSent) {
            sendCancel();
        }
        if (m_handler) {
            m_handler(&r);
        }
        return;
    }
    m_retransmit.cancel();
    if (!invite) {
        if (m_state == State::Completed) {
            return;
        }
        m_state = State::Completed;
        auto handler = m_handler;
        terminate();
        if (handler) {
            handler(&r);
        }
        return;
    }
    if (r.status < 300) {
        // RFC 6026: Accepted; each 2xx (retransmissions too) goes to the user,
        // who ACKs it; Timer M ends the transaction after 64*T1.
        const bool first = m_state != State::Accepted;
        m_state = State::Accepted;
        if (first) {
            m_timeout.expires_after(64 * m_endpoint.m_settings.t1);
            m_timeout.async_wait([weak = weak_from_this(),
                                  alive = m_endpoint.m_alive](boost::system::error_code ec) {
                if (auto self = weak.lock(); self && !ec && *alive) {
                    self->terminate();
                }
            });
        }
        if (m_handler) {
            m_handler(&r);
        }
        return;
    }
    // A non-2xx final: ACK it ourselves (same branch), hand it on once.
    if (m_ack.empty()) {
        OutgoingRequest ack;
        ack.method = "ACK";
        ack.requestUri = m_request.requestUri;
        ack.from = m_request.from;
        ack.to = r.to;
        ack.callId = m_request.callId;
        ack.cseq = m_request.cseq;
        ack.routes = m_request.routes;
        ack.branch = m_request.branch;
        m_ack = m_endpoint.requestText(ack, m_flow.transport);
    }
    m_endpoint.send(m_flow, m_ack);
    if (m_state == State::Completed) {
        return;
    }
    m_state = State::Completed;
    // Timer D: absorb retransmitted finals (and ACK each) for 32 s over UDP.
    m_timeout.expires_after(m_flow.transport == Transport::Udp ? std::chrono::milliseconds(32'000)
                                                               : std::chrono::milliseconds(0));
    m_timeout.async_wait(
        [weak = weak_from_this(), alive = m_endpoint.m_alive](boost::system::error_code ec) {
            if (auto self = weak.lock(); self && !ec && *alive) {
                self->terminate();
            }
        });
    if (m_handler) {
        m_handler(&r);
    }
}

void ClientTransaction::cancel()
{
    if (m_request.method != "INVITE" || m_cancelWanted) {
        return;
    }
    m_cancelWanted = true;
    if (m_state == State::Proceeding) {
        sendCancel();
    }
}

void ClientTransaction::abandon()
{
    if (m_request.method != "INVITE") {
        terminate();
    }
}

void ClientTransaction::sendCancel()
{
    m_cancelSent = true;
    OutgoingRequest c;
    c.method = "CANCEL";
    c.requestUri = m_request.requestUri;
    c.from = m_request.from;
    c.to = m_request.to;
    c.callId = m_request.callId;
    c.cseq = m_request.cseq;
    c.routes = m_request.routes;
    c.branch = m_request.branch;
    m_endpoint.request(std::move(c), m_flow, [](const SipMessage*) {});
}

void ClientTransaction::transportError()
{
    if (m_state != State::Calling && m_state != State::Proceeding) {
        return; // answered already; an Accepted INVITE's 2xx is the user's
    }
    m_transportFailed = true;
    auto handler = m_handler;
    terminate();
    if (handler) {
        handler(nullptr);
    }
}

void ClientTransaction::terminate()
{
    m_state = State::Terminated;
    m_retransmit.cancel();
    m_timeout.cancel();
    auto& client = m_endpoint.m_client;
    if (auto it = client.find(m_request.branch + "|" + m_request.method);
        it != client.end() && it->second.get() == this) {
        client.erase(it);
    }
}

} // namespace warmline::sip
