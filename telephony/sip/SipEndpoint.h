#pragma once

// The gateway's SIP endpoint on its io_context: UDP, TCP and TLS transports
// (every message bounded in size, TCP and TLS framed by Content-Length,
// idle connections closed, TLS handshakes bounded in time) and the transaction layer of RFC 3261
// section 17 with RFC 6026's Accepted state. Everything runs on the io_context's one thread; the
// transaction user is called there too.

#include "telephony/sip/SipMessage.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace warmline::sip {

enum class Transport
{
    Udp,
    Tcp,
    Tls
};

/// "UDP", "TCP" or "TLS", as in a Via header.
const char* transportName(Transport t);

/// Where a message came from, and where its answers go: the peer's address
/// and, on TCP or TLS, the connection it came on.
struct Flow
{
    Transport transport = Transport::Udp;
    boost::asio::ip::address address;
    std::uint16_t port = 0;
    std::uint64_t connection = 0; ///< TCP and TLS only
};

struct EndpointSettings
{
    std::string address = "127.0.0.1"; ///< to bind
    std::string publicAddress;         ///< in Via and Contact; empty: `address`
    std::uint16_t udpPort = 5060;      ///< 0: the OS chooses
    std::uint16_t tcpPort = 5060;      ///< 0: the OS chooses
    std::uint16_t tlsPort = 5061;      ///< 0: the OS chooses
    /// PEM files for SIP over TLS; both empty: no TLS listener.
    std::string tlsCertificate;
    std::string tlsPrivateKey;
    std::chrono::milliseconds tlsHandshakeTimeout{10'000};
    std::size_t maxMessageBytes = 65535;
    std::chrono::milliseconds tcpIdleTimeout{600'000};
    std::size_t maxTcpConnections = 1000;
    std::size_t maxTransactions = 20000;
    std::chrono::milliseconds t1{500};
    std::chrono::milliseconds t2{4000};
    std::chrono::milliseconds t4{5000};
};

class SipEndpoint;

/// A request received, and the answers to it. The endpoint retransmits
/// final responses over UDP (Timer G) until the ACK; a 2xx is retransmitted
/// until its ACK arrives or 64*T1 passes (then the user hears onAckTimeout).
class ServerTransaction : public std::enable_shared_from_this<ServerTransaction>
{
public:
    ServerTransaction(SipEndpoint& endpoint, SipMessage request, Flow flow, std::string key);
    ~ServerTransaction();

    const SipMessage& request() const { return m_request; }
    const Flow& flow() const { return m_flow; }
    /// Sends a response; a second final response is ignored.
    void respond(int code, std::string_view toTag = {},
                 const std::vector<std::string>& extraHeaders = {},
                 std::string_view contentType = {}, std::string_view body = {});
    bool finalSent() const { return m_finalCode >= 200; }
    int finalCode() const { return m_finalCode; }
    bool isInvite() const { return m_request.method == "INVITE"; }

private:
    friend class SipEndpoint;
    enum class State
    {
        Proceeding,
        Completed,
        Accepted,
        Confirmed,
        Terminated
    };
    void retransmitLast();
    void onAck();
    void startRetransmitting(std::chrono::milliseconds interval);
    void terminateAfter(std::chrono::milliseconds delay);
    void terminate();

    SipEndpoint& m_endpoint;
    SipMessage m_request;
    Flow m_flow;
    std::string m_key;
    State m_state = State::Proceeding;
    int m_finalCode = 0;
    std::string m_lastResponse;
    boost::asio::steady_timer m_retransmit;
    boost::asio::steady_timer m_timeout;
    std::chrono::steady_clock::time_point m_finalAt;
};

/// A request the gateway sends (INVITE to an operator's phone, BYE, CANCEL).
struct OutgoingRequest
{
    std::string method;
    std::string requestUri;
    std::string from; ///< header value with tag
    std::string to;   ///< header value (with tag inside a dialog)
    std::string callId;
    std::uint32_t cseq = 1;
    std::vector<std::string> routes; ///< Route header values, in order
    std::string contact;             ///< Contact header value; empty: none
    std::vector<std::string> extraHeaders;
    std::string contentType;
    std::string body;
    std::string branch; ///< empty: a new one
};

/// An outgoing request's transaction: retransmitted over UDP (Timer A or
/// E) until answered, given up after 64*T1 (the handler then gets nullptr),
/// or at once over TCP or TLS when its connection is gone.
/// Every response is handed to the handler; for an INVITE the endpoint
/// itself ACKs non-2xx finals, and the user ACKs a 2xx (also each
/// retransmission of it).
class ClientTransaction : public std::enable_shared_from_this<ClientTransaction>
{
public:
    using Handler = std::function<void(const SipMessage* response)>;
    ClientTransaction(SipEndpoint& endpoint, OutgoingRequest request, Flow flow, Handler handler);
    ~ClientTransaction();

    const OutgoingRequest& request() const { return m_request; }
    /// INVITE: sends CANCEL once a provisional response has arrived (at once
    /// if one has). The INVITE then ends with 487 (or the 2xx that raced).
    void cancel();
    /// A non-INVITE request nobody waits for any more: it is not resent,
    /// and the handler is not called again. (An INVITE ends with cancel().)
    void abandon();
    bool finished() const { return m_state == State::Completed || m_state == State::Terminated; }
    /// Ended because its TCP or TLS connection was gone or closed before a
    /// final response (RFC 3261 section 17.1.4): the handler got nullptr
    /// at once, not after Timer B or F.
    bool transportFailed() const { return m_transportFailed; }

private:
    friend class SipEndpoint;
    enum class State
    {
        Calling,
        Proceeding,
        Accepted,
        Completed,
        Terminated
    };
    void start();
    void armRetransmit();
    void onResponse(const SipMessage& response);
    void sendCancel();
    void transportError();
    void terminate();

    SipEndpoint& m_endpoint;
    OutgoingRequest m_request;
    Flow m_flow;
    Handler m_handler;
    std::string m_text;
    State m_state = State::Calling;
    bool m_cancelWanted = false;
    bool m_cancelSent = false;
    bool m_transportFailed = false;
    std::string m_ack; ///< for non-2xx finals, resent on their retransmissions
    boost::asio::steady_timer m_retransmit;
    boost::asio::steady_timer m_timeout;
    std::chrono::milliseconds m_interval;
};

/// What the endpoint hands to the transaction user (the call logic).
class TransactionUser
{
public:
    virtual ~TransactionUser() = default;
    /// A new request other than ACK and CANCEL. An INVITE has had 100 Trying.
    virtual void onRequest(const std::shared_ptr<ServerTransaction>& tx) = 0;
    /// An ACK that is not part of a non-2xx INVITE transaction (a 2xx's ACK).
    virtual void onAck(const SipMessage& ack, const Flow& flow) = 0;
    /// A CANCEL matched this INVITE, which has no final response yet; the
    /// CANCEL has had its 200. If the user does not answer, 487 is sent.
    virtual void onCancel(const std::shared_ptr<ServerTransaction>& invite) = 0;
    /// A 2xx to this INVITE was not acknowledged within 64*T1.
    virtual void onAckTimeout(const std::shared_ptr<ServerTransaction>& invite) = 0;
};

struct EndpointCounters
{
    std::atomic<std::uint64_t> received{0};
    std::atomic<std::uint64_t> malformed{0};
    std::atomic<std::uint64_t> retransmissionsReceived{0};
    std::atomic<std::uint64_t> retransmissionsSent{0};
    std::atomic<std::uint64_t> tcpConnections{0};
    std::atomic<std::uint64_t> tlsConnections{0};
    std::atomic<std::uint64_t> tlsHandshakesFailed{0};
};

class SipEndpoint
{
public:
    SipEndpoint(boost::asio::io_context& ioc, EndpointSettings settings, TransactionUser& user);
    ~SipEndpoint();
    SipEndpoint(const SipEndpoint&) = delete;
    SipEndpoint& operator=(const SipEndpoint&) = delete;

    /// Binds UDP, TCP and (with a certificate) TLS; throws
    /// std::runtime_error with the reason.
    void start();
    void stop();
    std::uint16_t udpPort() const;
    std::uint16_t tcpPort() const;
    /// 0 when there is no TLS listener.
    std::uint16_t tlsPort() const;
    /// New TLS connections use this certificate from now on; throws
    /// std::runtime_error (and keeps the old one) if it cannot be loaded.
    void reloadTls(const std::string& certificate, const std::string& privateKey);
    const EndpointSettings& settings() const { return m_settings; }
    /// "host:port" of this endpoint for Via, Contact and SDP.
    std::string sentBy(Transport t) const;
    const std::string& publicAddress() const { return m_publicAddress; }

    /// Sends bytes on a flow (UDP datagram, or the flow's TCP or TLS
    /// connection if it is still open). False if it could not be queued.
    bool send(const Flow& flow, const std::string& bytes);
    /// Whether a flow can still carry a message: UDP always, a TCP or TLS
    /// connection while it is open.
    bool flowOpen(const Flow& flow) const;
    /// Closes a flow's TCP or TLS connection (nothing for UDP); what waits
    /// on it fails as when the peer closes it.
    void closeFlow(const Flow& flow);
    /// Starts a client transaction.
    std::shared_ptr<ClientTransaction> request(OutgoingRequest req, const Flow& flow,
                                               ClientTransaction::Handler handler);
    /// The text of a request as this endpoint sends it.
    std::string requestText(const OutgoingRequest& req, Transport transport) const;

    /// Feeds one message as if it had arrived on `flow` (tests, and the transports).
    void receive(std::string_view bytes, const Flow& flow);

    const EndpointCounters& counters() const { return m_counters; }
    std::size_t transactionCount() const { return m_server.size() + m_client.size(); }
    boost::asio::io_context& context() { return m_ioc; }

private:
    friend class ServerTransaction;
    friend class ClientTransaction;
    class Udp;
    class Tcp;

    std::string serverKey(const SipMessage& m, std::string_view method) const;
    void handleRequest(SipMessage msg, const Flow& flow, int rejectCode);
    void handleResponse(const SipMessage& msg);
    /// A TCP or TLS connection closed: the client transactions waiting on
    /// it fail now (RFC 3261 section 17.1.4), not at Timer B or F.
    void connectionClosed(Transport transport, std::uint64_t connection);
    void respondStateless(const SipMessage& req, const Flow& flow, int code);

    boost::asio::io_context& m_ioc;
    EndpointSettings m_settings;
    TransactionUser& m_user;
    std::string m_publicAddress;
    std::shared_ptr<Udp> m_udp;
    std::shared_ptr<Tcp> m_tcp;
    std::shared_ptr<Tcp> m_tls; ///< the same listener, over TLS
    std::unordered_map<std::string, std::shared_ptr<ServerTransaction>> m_server;
    /// INVITEs answered 2xx waiting for their ACK: "Call-ID|CSeq".
    std::unordered_map<std::string, std::weak_ptr<ServerTransaction>> m_awaitingAck;
    std::unordered_map<std::string, std::shared_ptr<ClientTransaction>> m_client;
    EndpointCounters m_counters;
    std::shared_ptr<bool> m_alive;
};

} // namespace warmline::sip
