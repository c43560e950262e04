// SipEndpoint's transports (SipTransports.h): a TCP or TLS connection's
// handshake, framing, keep-alive pongs, bounded write queue and idle
// timer; the listener accepting them; the TLS server context.

#include "telephony/sip/SipTransports.h"

#include "telephony/sip/SipFraming.h"

#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include <deque>
#include <type_traits>

namespace warmline::sip {

namespace {
constexpr std::size_t kMaxQueuedWrites = 256;
} // namespace

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

} // namespace warmline::sip
