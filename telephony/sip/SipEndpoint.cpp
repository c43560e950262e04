#include "telephony/sip/SipEndpoint.h"

#include "telephony/sip/SipFraming.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <deque>

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;

namespace warmline::sip {

namespace {
constexpr std::size_t kMaxQueuedWrites = 256;

bool hasMagicCookie(std::string_view branch)
{
    return branch.rfind("z9hG4bK", 0) == 0;
}
} // namespace

// ------------------------------------------------------------ transports

class SipEndpoint::Udp : public std::enable_shared_from_this<Udp>
{
public:
    Udp(SipEndpoint& ep, udp::endpoint local) : m_ep(ep), m_socket(ep.m_ioc)
    {
        m_socket.open(local.protocol());
        m_socket.bind(local);
    }
    void start() { receive(); }
    void close()
    {
        boost::system::error_code ec;
        m_socket.close(ec);
    }
    std::uint16_t port() const { return m_socket.local_endpoint().port(); }
    void send(const udp::endpoint& to, const std::string& bytes)
    {
        boost::system::error_code ec;
        // UDP sends do not block in practice; a full buffer drops the
        // datagram, which retransmission covers.
        m_socket.send_to(asio::buffer(bytes), to, 0, ec);
    }

private:
    void receive()
    {
        m_socket.async_receive_from(
            asio::buffer(m_buffer), m_from,
            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                if (ec == asio::error::operation_aborted || !self->m_socket.is_open()) {
                    return;
                }
                if (!ec && n > 0) {
                    Flow flow;
                    flow.transport = Transport::Udp;
                    flow.address = self->m_from.address();
                    flow.port = self->m_from.port();
                    self->m_ep.receive(std::string_view(self->m_buffer.data(), n), flow);
                }
                self->receive();
            });
    }

    SipEndpoint& m_ep;
    udp::socket m_socket;
    udp::endpoint m_from;
    std::array<char, 65536> m_buffer{};
};

class SipEndpoint::Tcp : public std::enable_shared_from_this<Tcp>
{
public:
    class Conn : public std::enable_shared_from_this<Conn>
    {
    public:
        Conn(Tcp& owner, tcp::socket socket, std::uint64_t id)
            : m_owner(owner), m_socket(std::move(socket)), m_idle(m_socket.get_executor()), m_id(id)
        {
            boost::system::error_code ec;
            m_remote = m_socket.remote_endpoint(ec);
        }
        void start()
        {
            armIdle();
            read();
        }
        void send(const std::string& bytes)
        {
            if (m_writes.size() >= kMaxQueuedWrites) {
                spdlog::warn("sip: a TCP peer does not read; closing its connection");
                close();
                return;
            }
            m_writes.push_back(bytes);
            if (m_writes.size() == 1) {
                write();
            }
        }
        void close()
        {
            if (m_closed) {
                return;
            }
            m_closed = true;
            boost::system::error_code ec;
            m_socket.shutdown(tcp::socket::shutdown_both, ec);
            m_socket.close(ec);
            m_idle.cancel();
            m_owner.m_conns.erase(m_id);
        }

    private:
        void armIdle()
        {
            m_idle.expires_after(m_owner.m_ep.m_settings.tcpIdleTimeout);
            m_idle.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
                if (auto self = weak.lock(); self && !ec) {
                    self->close();
                }
            });
        }
        void read()
        {
            m_socket.async_read_some(
                asio::buffer(m_chunk),
                [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                    if (self->m_closed) {
                        return;
                    }
                    if (ec) {
                        self->close();
                        return;
                    }
                    self->m_buffer.append(self->m_chunk.data(), n);
                    self->armIdle();
                    if (!self->drain()) {
                        self->close();
                        return;
                    }
                    self->read();
                });
        }
        /// Hands every complete message on; false when the stream is unusable.
        bool drain()
        {
            const auto& ep = m_owner.m_ep;
            std::size_t used = 0;
            while (!m_closed) {
                const auto frame = nextSipStreamFrame(std::string_view(m_buffer).substr(used),
                                                      ep.m_settings.maxMessageBytes);
                if (frame.kind == SipFrame::Kind::Incomplete) {
                    break;
                }
                if (frame.kind == SipFrame::Kind::Error) {
                    spdlog::info("sip: closing a TCP connection: {}", frame.error);
                    return false;
                }
                if (frame.kind == SipFrame::Kind::Message) {
                    Flow flow;
                    flow.transport = Transport::Tcp;
                    flow.address = m_remote.address();
                    flow.port = m_remote.port();
                    flow.connection = m_id;
                    m_owner.m_ep.receive(std::string_view(m_buffer).substr(used, frame.length),
                                         flow);
                }
                used += frame.length;
            }
            m_buffer.erase(0, used);
            return true;
        }
        void write()
        {
            asio::async_write(
                m_socket, asio::buffer(m_writes.front()),
                [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                    if (self->m_closed) {
                        return;
                    }
                    if (ec) {
                        self->close();
                        return;
                    }
                    self->m_writes.pop_front();
                    if (!self->m_writes.empty()) {
                        self->write();
                    }
                });
        }

        Tcp& m_owner;
        tcp::socket m_socket;
        asio::steady_timer m_idle;
        std::uint64_t m_id;
        tcp::endpoint m_remote;
        std::string m_buffer;
        std::array<char, 16384> m_chunk{};
        std::deque<std::string> m_writes;
        bool m_closed = false;
    };

    Tcp(SipEndpoint& ep, tcp::endpoint local) : m_ep(ep), m_acceptor(ep.m_ioc)
    {
        m_acceptor.open(local.protocol());
        m_acceptor.set_option(tcp::acceptor::reuse_address(true));
        m_acceptor.bind(local);
        m_acceptor.listen();
    }
    void start() { accept(); }
    void close()
    {
        boost::system::error_code ec;
        m_acceptor.close(ec);
        auto conns = m_conns;
        for (auto& [id, c] : conns) {
            c->close();
        }
    }
    std::uint16_t port() const { return m_acceptor.local_endpoint().port(); }
    bool send(std::uint64_t id, const std::string& bytes)
    {
        auto it = m_conns.find(id);
        if (it == m_conns.end()) {
            return false;
        }
        it->second->send(bytes);
        return true;
    }

private:
    void accept()
    {
        m_acceptor.async_accept(
            [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
                if (!self->m_acceptor.is_open()) {
                    return;
                }
                if (!ec) {
                    if (self->m_conns.size() >= self->m_ep.m_settings.maxTcpConnections) {
                        boost::system::error_code ignored;
                        socket.close(ignored);
                    } else {
                        socket.set_option(tcp::no_delay(true), ec);
                        const auto id = ++self->m_nextId;
                        auto conn = std::make_shared<Conn>(*self, std::move(socket), id);
                        self->m_conns.emplace(id, conn);
                        self->m_ep.m_counters.tcpConnections++;
                        conn->start();
                    }
                }
                self->accept();
            });
    }

    SipEndpoint& m_ep;
    tcp::acceptor m_acceptor;
    std::map<std::uint64_t, std::shared_ptr<Conn>> m_conns;
    std::uint64_t m_nextId = 0;
};

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
    try {
        m_udp = std::make_shared<Udp>(*this, udp::endpoint(address, m_settings.udpPort));
        m_tcp = std::make_shared<Tcp>(*this, tcp::endpoint(address, m_settings.tcpPort));
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error(fmt::format("cannot listen for SIP on {} (UDP {}, TCP {}): {}",
                                             m_settings.address, m_settings.udpPort,
                                             m_settings.tcpPort, e.code().message()));
    }
    m_udp->start();
    m_tcp->start();
}

void SipEndpoint::stop()
{
    if (m_udp) {
        m_udp->close();
    }
    if (m_tcp) {
        m_tcp->close();
    }
    auto server = std::move(m_server);
    for (auto& [key, tx] : server) {
        tx->m_retransmit.cancel();
        tx->m_timeout.cancel();
    }
    auto client = std::move(m_client);
    for (auto& [key, tx] : client) {
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

std::string SipEndpoint::sentBy(Transport t) const
{
    return fmt::format("{}:{}", m_publicAddress, t == Transport::Udp ? udpPort() : tcpPort());
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
    return m_tcp && m_tcp->send(flow.connection, bytes);
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
    out += fmt::format("Via: SIP/2.0/{} {};branch={};rport\r\n",
                       transport == Transport::Udp ? "UDP" : "TCP", sentBy(transport), r.branch);
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

// ------------------------------------------------------ server transaction

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

// ------------------------------------------------------ client transaction

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
    m_endpoint.send(m_flow, m_text);
    if (m_flow.transport == Transport::Udp) {
        armRetransmit();
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
