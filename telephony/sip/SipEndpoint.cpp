// SipEndpoint (SipEndpoint.h): starting its UDP, TCP and TLS transports
// (SipTransports.h), sending on a flow, and received messages matched to
// their transactions or handed to the user. The transactions' state
// machines are in ServerTransaction.cpp and ClientTransaction.cpp.

#include "telephony/sip/SipEndpoint.h"

#include "telephony/sip/SipFraming.h"
#include "telephony/sip/SipTransports.h"

#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace warmline::sip {

namespace {
bool hasMagicCookie(std::string_view branch)
{
    return branch.rfind("z9hG4bK", 0) == 0;
}
} // namespace

const char* transportName(Transport t)
{
    switch (t) {
    case Transport::Udp:
        return "UDP";
    case Transport::Tcp:
        return "TCP";
    case Transport::Tls:
        return "TLS";
    }
    return "UDP";
}

// ------------------------------------------------------------- endpoint

SipEndpoint::SipEndpoint(asio::io_context& ioc, EndpointSettings settings, TransactionUser& user)
    : m_ioc(ioc), m_settings(std::move(settings)), m_user(user),
      m_alive(std::make_shared<bool>(true))
{
    m_publicAddress =
        m_settings.publicAddress.empty() ? m_settings.address : m_settings.publicAddress;
}

SipEndpoint::~SipEndpoint()
{
    *m_alive = false;
    stop();
}

void SipEndpoint::start()
{
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(m_settings.address, ec);
    if (ec) {
        throw std::runtime_error("sip.address \"" + m_settings.address + "\" is not an IP address");
    }
    std::shared_ptr<ssl::context> tls;
    if (!m_settings.tlsCertificate.empty() || !m_settings.tlsPrivateKey.empty()) {
        tls = tlsContext(m_settings.tlsCertificate, m_settings.tlsPrivateKey);
    }
    try {
        m_udp = std::make_shared<Udp>(*this, udp::endpoint(address, m_settings.udpPort));
        m_tcp = std::make_shared<Tcp>(*this, tcp::endpoint(address, m_settings.tcpPort), nullptr);
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error(fmt::format("cannot listen for SIP on {} (UDP {}, TCP {}): {}",
                                             m_settings.address, m_settings.udpPort,
                                             m_settings.tcpPort, e.code().message()));
    }
    if (tls) {
        try {
            m_tls = std::make_shared<Tcp>(*this, tcp::endpoint(address, m_settings.tlsPort), tls);
        } catch (const boost::system::system_error& e) {
            throw std::runtime_error(fmt::format("cannot listen for SIP over TLS on {} port {}: {}",
                                                 m_settings.address, m_settings.tlsPort,
                                                 e.code().message()));
        }
    }
    m_udp->start();
    m_tcp->start();
    if (m_tls) {
        m_tls->start();
    }
}

void SipEndpoint::stop()
{
    if (m_udp) {
        m_udp->close();
    }
    if (m_tcp) {
        m_tcp->close();
    }
    if (m_tls) {
        m_tls->close();
    }
    auto server = std::move(m_server);
    for (auto& [key, tx] : server) {
        tx->m_retransmit.cancel();
        tx->m_timeout.cancel();
    }
    auto client = std::move(m_client);
    for (auto& [key, tx] : client) {
        // Nothing reaches its handler after stop(): not a response, not a
        // transport error already posted.
        tx->m_state = ClientTransaction::State::Terminated;
        tx->m_retransmit.cancel();
        tx->m_timeout.cancel();
    }
}

std::uint16_t SipEndpoint::udpPort() const
{
    return m_udp ? m_udp->port() : 0;
}

std::uint16_t SipEndpoint::tcpPort() const
{
    return m_tcp ? m_tcp->port() : 0;
}

std::uint16_t SipEndpoint::tlsPort() const
{
    return m_tls ? m_tls->port() : 0;
}

void SipEndpoint::reloadTls(const std::string& certificate, const std::string& privateKey)
{
    if (!m_tls) {
        throw std::runtime_error("SIP over TLS is not listening; a restart starts it");
    }
    m_tls->setTls(tlsContext(certificate, privateKey));
}

std::string SipEndpoint::sentBy(Transport t) const
{
    const auto port = t == Transport::Udp ? udpPort() : t == Transport::Tcp ? tcpPort() : tlsPort();
    return fmt::format("{}:{}", m_publicAddress, port);
}

bool SipEndpoint::send(const Flow& flow, const std::string& bytes)
{
    if (flow.transport == Transport::Udp) {
        if (!m_udp) {
            return false;
        }
        m_udp->send(udp::endpoint(flow.address, flow.port), bytes);
        return true;
    }
    if (flow.transport == Transport::Tls) {
        return m_tls && m_tls->send(flow.connection, bytes);
    }
    return m_tcp && m_tcp->send(flow.connection, bytes);
}

bool SipEndpoint::flowOpen(const Flow& flow) const
{
    if (flow.transport == Transport::Udp) {
        return static_cast<bool>(m_udp);
    }
    const auto& listener = flow.transport == Transport::Tls ? m_tls : m_tcp;
    return listener && listener->open(flow.connection);
}

void SipEndpoint::closeFlow(const Flow& flow)
{
    if (flow.transport == Transport::Udp) {
        return;
    }
    if (const auto& listener = flow.transport == Transport::Tls ? m_tls : m_tcp) {
        listener->closeConnection(flow.connection);
    }
}

std::string SipEndpoint::serverKey(const SipMessage& m, std::string_view method) const
{
    if (hasMagicCookie(m.branch)) {
        return fmt::format("{}|{}|{}", m.branch, m.vias.empty() ? "" : m.vias.front().substr(0, 80),
                           method);
    }
    // RFC 2543 peers: no usable branch, so the request's identity stands in.
    return fmt::format("2543|{}|{}|{}|{}|{}", m.callId, m.cseq, m.fromTag,
                       m.vias.empty() ? "" : m.vias.front(), method);
}

void SipEndpoint::receive(std::string_view bytes, const Flow& flow)
{
    m_counters.received++;
    const std::string ip = flow.address.to_string();
    if (flow.transport == Transport::Udp) {
        if (bytes.size() > m_settings.maxMessageBytes) {
            m_counters.malformed++;
            return;
        }
        const auto d = sipDatagramMessage(bytes);
        if (!d.error.empty()) {
            m_counters.malformed++;
            // Answer what can be answered (e.g. Content-Length too large) with 400.
            auto p = parseSipMessage(bytes, ip, flow.port);
            if (p.message && p.message->isRequest && p.message->method != "ACK") {
                respondStateless(*p.message, flow, 400);
            }
            return;
        }
        bytes = bytes.substr(0, d.length);
    }
    auto parsed =
        parseSipMessage(bytes, flow.transport == Transport::Udp ? ip : std::string(), flow.port);
    if (!parsed.message) {
        m_counters.malformed++;
        // A request libosip2 cannot read still gets its 400 when the raw
        // text names where to send it and what it answers (RFC 4475 3.1.2).
        if (auto answer = badRequestFromRaw(bytes, randomSipToken(6))) {
            spdlog::debug("sip: answering an unparseable request 400: {}", parsed.problem);
            send(flow, *answer);
            return;
        }
        spdlog::debug("sip: dropped an unparseable message: {}", parsed.problem);
        return;
    }
    if (!parsed.message->isRequest) {
        if (parsed.rejectCode == 0) {
            handleResponse(*parsed.message);
        } else {
            m_counters.malformed++;
        }
        return;
    }
    if (parsed.rejectCode != 0) {
        m_counters.malformed++;
        spdlog::debug("sip: rejecting a {} request: {}", parsed.message->method, parsed.problem);
    }
    handleRequest(std::move(*parsed.message), flow, parsed.rejectCode);
}

void SipEndpoint::respondStateless(const SipMessage& req, const Flow& flow, int code)
{
    const std::vector<std::string> extra =
        code == 405 || code == 501
            ? std::vector<std::string>{"Allow: INVITE, ACK, CANCEL, BYE, OPTIONS"}
            : std::vector<std::string>{};
    send(flow, buildResponse(req, code, randomSipToken(6), extra));
}

void SipEndpoint::handleRequest(SipMessage msg, const Flow& flow, int rejectCode)
{
    if (msg.method == "ACK") {
        if (rejectCode != 0) {
            return;
        }
        if (auto it = m_server.find(serverKey(msg, "INVITE")); it != m_server.end()) {
            if (it->second->m_state == ServerTransaction::State::Completed) {
                it->second->onAck();
                return;
            }
        }
        const std::string key = fmt::format("{}|{}", msg.callId, msg.cseq);
        if (auto it = m_awaitingAck.find(key); it != m_awaitingAck.end()) {
            if (auto tx = it->second.lock()) {
                tx->onAck();
            }
            m_awaitingAck.erase(it);
        }
        m_user.onAck(msg, flow);
        return;
    }
    const std::string key = serverKey(msg, msg.method);
    if (auto it = m_server.find(key); it != m_server.end()) {
        m_counters.retransmissionsReceived++;
        it->second->retransmitLast();
        return;
    }
    if (rejectCode != 0) {
        // Stateful, so that a retransmission of the bad request gets the same answer.
        auto tx = std::make_shared<ServerTransaction>(*this, std::move(msg), flow, key);
        m_server.emplace(key, tx);
        tx->respond(rejectCode, randomSipToken(6));
        return;
    }
    if (m_server.size() >= m_settings.maxTransactions) {
        respondStateless(msg, flow, 503);
        return;
    }
    auto tx = std::make_shared<ServerTransaction>(*this, std::move(msg), flow, key);
    m_server.emplace(key, tx);
    const auto& req = tx->request();
    if (req.method == "CANCEL") {
        auto invite = m_server.find(serverKey(req, "INVITE"));
        if (invite == m_server.end()) {
            tx->respond(481);
            return;
        }
        auto target = invite->second;
        tx->respond(200);
        if (!target->finalSent()) {
            m_user.onCancel(target);
            if (!target->finalSent()) {
                target->respond(487, randomSipToken(6));
            }
        }
        return;
    }
    if (req.method == "INVITE") {
        // 100 Trying at once (RFC 3261 17.2.1), before any work.
        tx->respond(100);
    }
    m_user.onRequest(tx);
}

void SipEndpoint::handleResponse(const SipMessage& msg)
{
    auto it = m_client.find(msg.branch + "|" + msg.cseqMethod);
    if (it == m_client.end()) {
        return;
    }
    auto tx = it->second;
    tx->onResponse(msg);
}

std::string SipEndpoint::requestText(const OutgoingRequest& r, Transport transport) const
{
    std::string out = fmt::format("{} {} SIP/2.0\r\n", r.method, r.requestUri);
    out += fmt::format("Via: SIP/2.0/{} {};branch={};rport\r\n", transportName(transport),
                       sentBy(transport), r.branch);
    out += "Max-Forwards: 70\r\n";
    for (const auto& route : r.routes) {
        out += "Route: " + route + "\r\n";
    }
    out += "From: " + r.from + "\r\n";
    out += "To: " + r.to + "\r\n";
    out += "Call-ID: " + r.callId + "\r\n";
    out += fmt::format("CSeq: {} {}\r\n", r.cseq, r.method);
    if (!r.contact.empty()) {
        out += "Contact: " + r.contact + "\r\n";
    }
    for (const auto& h : r.extraHeaders) {
        out += h + "\r\n";
    }
    out += "User-Agent: warmline\r\n";
    if (!r.contentType.empty()) {
        out += "Content-Type: " + r.contentType + "\r\n";
    }
    out += fmt::format("Content-Length: {}\r\n\r\n", r.body.size());
    out += r.body;
    return out;
}

void SipEndpoint::connectionClosed(Transport transport, std::uint64_t connection)
{
    // Later, never inside the connection's own close (which may run in
    // stop() or inside a transaction's handler).
    asio::post(m_ioc, [this, transport, connection, alive = m_alive] {
        if (!*alive) {
            return;
        }
        std::vector<std::shared_ptr<ClientTransaction>> failed;
        for (const auto& [key, tx] : m_client) {
            if (tx->m_flow.transport == transport && tx->m_flow.connection == connection) {
                failed.push_back(tx);
            }
        }
        for (const auto& tx : failed) {
            if (!*alive) {
                return; // a handler stopped or ended the endpoint's owner
            }
            tx->transportError();
        }
    });
}

std::shared_ptr<ClientTransaction> SipEndpoint::request(OutgoingRequest req, const Flow& flow,
                                                        ClientTransaction::Handler handler)
{
    if (req.branch.empty()) {
        req.branch = newBranch();
    }
    auto tx = std::make_shared<ClientTransaction>(*this, std::move(req), flow, std::move(handler));
    m_client[tx->m_request.branch + "|" + tx->m_request.method] = tx;
    tx->start();
    return tx;
}

} // namespace warmline::sip
