#pragma once

// The transports of SipEndpoint (SipEndpoint.h), for SipEndpoint.cpp and
// SipTransports.cpp only: UDP, and SIP over a stream (TCP, or TLS with a
// server context). Their connections are in SipTransports.cpp.

#include "telephony/sip/SipEndpoint.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/ssl.hpp>

#include <array>
#include <map>
#include <memory>
#include <string>

namespace warmline::sip {

namespace transport {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;
namespace ssl = asio::ssl;
} // namespace transport

namespace asio = transport::asio;
using transport::tcp;
using transport::udp;
namespace ssl = transport::ssl;

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

/// A server context with the certificate chain and key; throws
/// std::runtime_error naming the file that could not be used.
std::shared_ptr<ssl::context> tlsContext(const std::string& certificate,
                                         const std::string& privateKey);

} // namespace warmline::sip
