// SipEndpoint (SipEndpoint.h): its UDP, TCP and TLS transports, and received
// messages matched to their transactions or handed to the user. The
// transactions' state machines are in ServerTransaction.cpp and
// ClientTransaction.cpp.

#include "telephony/sip/SipEndpoint.h"

#include "telephony/sip/SipFraming.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <deque>
#include <type_traits>

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;
namespace ssl = asio::ssl;

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

/// SIP over a stream: plain TCP, or TLS when made with a TLS context. One
/// class for both, as everything but the handshake is the same.
class SipEndpoint::Tcp : public std::enable_shared_from_this<Tcp>
{
public:
    /// A connection's common face, whatever its stream.
    class Conn
    {
    public:
        virtual ~Conn() = default;
        virtual void start() = 0;
        virtual void send(const std::string& bytes) = 0;
        virtual void close() = 0;
    };

    template <typename Stream> class StreamConn;

    Tcp(SipEndpoint& ep, tcp::endpoint local, std::shared_ptr<ssl::context> tls)
        : m_ep(ep), m_acceptor(ep.m_ioc), m_tls(std::move(tls))
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
    bool open(std::uint64_t id) const { return m_conns.contains(id); }
    void closeConnection(std::uint64_t id)
    {
        if (auto it = m_conns.find(id); it != m_conns.end()) {
            auto conn = it->second; // close() erases it from the map
            conn->close();
        }
    }
    Transport transport() const { return m_tls ? Transport::Tls : Transport::Tcp; }
    /// New connections from now on; open ones keep theirs.
    void setTls(std::shared_ptr<ssl::context> tls) { m_tls = std::move(tls); }

private:
    void accept();

    SipEndpoint& m_ep;
    tcp::acceptor m_acceptor;
    std::shared_ptr<ssl::context> m_tls;
    std::map<std::uint64_t, std::shared_ptr<Conn>> m_conns;
    std::uint64_t m_nextId = 0;
};

namespace {
tcp::socket& lowest(tcp::socket& s)
{
    return s;
}
tcp::socket& lowest(ssl::stream<tcp::socket>& s)
{
    return s.next_layer();
}
} // namespace

template <typename Stream>
class SipEndpoint::Tcp::StreamConn : public Conn,
                                     public std::enable_shared_from_this<StreamConn<Stream>>
{
public:
    static constexpr bool kTls = std::is_same_v<Stream, ssl::stream<tcp::socket>>;

    template <typename... StreamArgs>
    StreamConn(Tcp& owner, std::uint64_t id, std::shared_ptr<ssl::context> tls,
               StreamArgs&&... args)
        : m_owner(owner), m_tls(std::move(tls)), m_stream(std::forward<StreamArgs>(args)...),
          m_idle(lowest(m_stream).get_executor()), m_id(id)
    {
        boost::system::error_code ec;
        m_remote = lowest(m_stream).remote_endpoint(ec);
    }
    void start() override
    {
        if constexpr (kTls) {
            // A peer that connects and never finishes its handshake is
            // closed, so it cannot hold a connection slot for long.
            m_handshaking = true;
            m_idle.expires_after(m_owner.m_ep.m_settings.tlsHandshakeTimeout);
            m_idle.async_wait([weak = this->weak_from_this()](boost::system::error_code ec) {
                // Only while the handshake lasts: a wait that fired just as
                // it finished must not close a healthy connection.
                if (auto self = weak.lock(); self && !ec && self->m_handshaking) {
                    self->m_owner.m_ep.m_counters.tlsHandshakesFailed++;
                    self->close();
                }
            });
            m_stream.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](
                                                                   boost::system::error_code ec) {
                self->m_handshaking = false;
                if (self->m_closed) {
                    return;
                }
                if (ec) {
                    // The reason only; at debug level, as scanners cause it.
                    self->m_owner.m_ep.m_counters.tlsHandshakesFailed++;
                    spdlog::debug("sip: a TLS handshake failed: {}", ec.message());
                    self->close();
                    return;
                }
                self->armIdle();
                self->read();
            });
        } else {
            armIdle();
            read();
        }
    }
    void send(const std::string& bytes) override
    {
        if (m_closed) {
            return;
        }
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
    void close() override
    {
        if (m_closed) {
            return;
        }
        m_closed = true;
        boost::system::error_code ec;
        lowest(m_stream).shutdown(tcp::socket::shutdown_both, ec);
        lowest(m_stream).close(ec);
        m_idle.cancel();
        // Before the erase, which may drop this connection's last owner.
        m_owner.m_ep.connectionClosed(m_owner.transport(), m_id);
        m_owner.m_conns.erase(m_id);
    }

private:
    void armIdle()
    {
        m_idle.expires_after(m_owner.m_ep.m_settings.tcpIdleTimeout);
        m_idle.async_wait([weak = this->weak_from_this()](boost::system::error_code ec) {
            if (auto self = weak.lock(); self && !ec) {
                self->close();
            }
        });
    }
    void read()
    {
        m_stream.async_read_some(
            asio::buffer(m_chunk),
            [self = this->shared_from_this()](boost::system::error_code ec, std::size_t n) {
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
                spdlog::info("sip: closing a {} connection: {}", transportName(m_owner.transport()),
                             frame.error);
                return false;
            }
            if (frame.kind == SipFrame::Kind::KeepAlive) {
                // RFC 5626 section 4.4.1: each double-CRLF ping gets a
                // single CRLF pong, so that a softphone behind NAT knows
                // its connection (and the NAT's binding) lives. A ping
                // split across reads is counted whole.
                m_crlfBytes += frame.length;
                for (; m_crlfBytes >= 4; m_crlfBytes -= 4) {
                    send("\r\n");
                }
            }
            if (frame.kind == SipFrame::Kind::Message) {
                m_crlfBytes = 0;
                Flow flow;
                flow.transport = m_owner.transport();
                flow.address = m_remote.address();
                flow.port = m_remote.port();
                flow.connection = m_id;
                m_owner.m_ep.receive(std::string_view(m_buffer).substr(used, frame.length), flow);
            }
            used += frame.length;
        }
        m_buffer.erase(0, used);
        return true;
    }
    void write()
    {
        asio::async_write(
            m_stream, asio::buffer(m_writes.front()),
            [self = this->shared_from_this()](boost::system::error_code ec, std::size_t) {
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
    std::shared_ptr<ssl::context> m_tls; ///< kept while the stream uses it
    Stream m_stream;
    asio::steady_timer m_idle;
    std::uint64_t m_id;
    tcp::endpoint m_remote;
    std::string m_buffer;
    std::array<char, 16384> m_chunk{};
    std::deque<std::string> m_writes;
    std::size_t m_crlfBytes = 0; ///< of keep-alives not yet answered
    bool m_handshaking = false;
    bool m_closed = false;
};

void SipEndpoint::Tcp::accept()
{
    m_acceptor.async_accept(
        [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
            if (!self->m_acceptor.is_open()) {
                return;
            }
            if (!ec) {
                // One limit for TCP and TLS together.
                const auto open = (self->m_ep.m_tcp ? self->m_ep.m_tcp->m_conns.size() : 0) +
                                  (self->m_ep.m_tls ? self->m_ep.m_tls->m_conns.size() : 0);
                if (open >= self->m_ep.m_settings.maxTcpConnections) {
                    boost::system::error_code ignored;
                    socket.close(ignored);
                } else {
                    socket.set_option(tcp::no_delay(true), ec);
                    const auto id = ++self->m_nextId;
                    std::shared_ptr<Conn> conn;
                    if (self->m_tls) {
                        conn = std::make_shared<StreamConn<ssl::stream<tcp::socket>>>(
                            *self, id, self->m_tls, std::move(socket), *self->m_tls);
                        self->m_ep.m_counters.tlsConnections++;
                    } else {
                        conn = std::make_shared<StreamConn<tcp::socket>>(*self, id, nullptr,
                                                                         std::move(socket));
                        self->m_ep.m_counters.tcpConnections++;
                    }
                    self->m_conns.emplace(id, conn);
                    conn->start();
                }
            }
            self->accept();
        });
}

namespace {
/// A server context with the certificate chain and key; throws
/// std::runtime_error naming the file that could not be used.
std::shared_ptr<ssl::context> tlsContext(const std::string& certificate,
                                         const std::string& privateKey)
{
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                     ssl::context::single_dh_use);
    // A peer cannot make the gateway redo handshakes outside the timer.
    SSL_CTX_set_options(ctx->native_handle(), SSL_OP_NO_RENEGOTIATION);
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(certificate, ec);
    if (ec) {
        throw std::runtime_error("SIP over TLS: cannot use the certificate \"" + certificate +
                                 "\": " + ec.message());
    }
    ctx->use_private_key_file(privateKey, ssl::context::pem, ec);
    if (ec) {
        throw std::runtime_error("SIP over TLS: cannot use the private key \"" + privateKey +
                                 "\": " + ec.message());
    }
    return ctx;
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
