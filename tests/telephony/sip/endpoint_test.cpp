// The transaction layer over real UDP sockets: 100 Trying at once, a 2xx
// resent on Timer G's schedule until its ACK and a BYE when none comes, a
// non-2xx final resent until its ACK, a retransmitted request answered again,
// CANCEL answered 200 + 487, digest authentication, the trunk's addresses;
// over TCP, a request whose connection closes fails at once.

#include "SipTestSupport.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <atomic>
#include <functional>
#include <future>
#include <mutex>
#include <string_view>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace warmline;
using namespace warmline::sip;
using namespace warmline::sip::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

std::string invite(const std::string& callId, const std::string& branch, int rtpPort = 40000,
                   const std::string& extraHeaders = {})
{
    const std::string sdp = fmt::format("v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 "
                                        "127.0.0.1\r\nt=0 0\r\nm=audio {} RTP/AVP 8 0 101\r\n"
                                        "a=rtpmap:101 telephone-event/8000\r\n",
                                        rtpPort);
    return fmt::format("INVITE sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
                       "Via: SIP/2.0/UDP 127.0.0.1:5099;branch={}\r\n"
                       "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\n"
                       "To: <sip:+15555550100@127.0.0.1>\r\n"
                       "Call-ID: {}\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                       "Contact: <sip:caller@127.0.0.1:5099>\r\n{}"
                       "Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{}",
                       branch, callId, extraHeaders, sdp.size(), sdp);
}

std::string ackFor(const std::string& response, const std::string& callId,
                   const std::string& branch)
{
    const auto to = response.find("\r\nTo: ");
    const auto end = response.find("\r\n", to + 2);
    return fmt::format(
        "ACK sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 127.0.0.1:5099;branch={}\r\n"
        "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\n{}\r\n"
        "Call-ID: {}\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
        branch, response.substr(to + 2, end - to - 2), callId);
}

/// The next datagram whose first line starts with `prefix`.
std::optional<std::string> next(UdpPeer& peer, const std::string& prefix,
                                std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        const auto d = peer.receive(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
        if (!d) {
            return std::nullopt;
        }
        if (d->rfind(prefix, 0) == 0) {
            return d;
        }
    }
    return std::nullopt;
}

/// Whether the listener hears `event` within 2 s (it is told on the service's thread).
bool heard(RecordingListener& listener, const std::string& event)
{
    const auto until = Clock::now() + 2s;
    while (Clock::now() < until) {
        const auto events = listener.events();
        if (std::find(events.begin(), events.end(), event) != events.end()) {
            return true;
        }
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

/// A TCP connection to the endpoint on 127.0.0.1 that keeps what comes
/// back, read by polling; "<closed>" is appended when the peer closes.
class TcpPeer
{
public:
    explicit TcpPeer(std::uint16_t port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0))
    {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(port);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    }
    ~TcpPeer() { close(); }
    void close()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    TcpPeer(const TcpPeer&) = delete;
    TcpPeer& operator=(const TcpPeer&) = delete;

    bool connected() const { return m_connected; }
    bool send(std::string_view bytes)
    {
        return ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(bytes.size());
    }
    /// Reads until `done` holds or the peer closes, within `timeout`.
    bool readUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout)
    {
        const auto until = Clock::now() + timeout;
        while (!done() && Clock::now() < until) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) > 0) {
                char buf[4096];
                const auto n = ::recv(m_fd, buf, sizeof buf, 0);
                if (n <= 0) {
                    got += "<closed>";
                    break;
                }
                got.append(buf, static_cast<std::size_t>(n));
            }
        }
        return done();
    }
    bool readUntil(const std::string& text, std::chrono::milliseconds timeout)
    {
        return readUntil([&] { return got.find(text) != std::string::npos; }, timeout);
    }

    std::string got;

private:
    int m_fd;
    bool m_connected = false;
};

CallSettings calls(std::chrono::milliseconds answerDelay = 0ms)
{
    CallSettings c;
    c.allowedSources = AddressFilter::parse("127.0.0.1");
    c.answerDelay = answerDelay;
    c.rtpPortMin = 41000;
    c.rtpPortMax = 41999;
    return c;
}

} // namespace

TEST_CASE(
    "a 2xx is resent on Timer G's schedule until its ACK, and without one the call ends with BYE")
{
    EndpointSettings e;
    e.t1 = 100ms; // so 64*T1 is 6.4 s
    e.t2 = 400ms;
    RunningService svc(e, calls());
    UdpPeer peer;
    const auto start = Clock::now();
    peer.send(svc.udpPort(), invite("timer-g@test", "z9hG4bKtg1"));
    const auto trying = next(peer, "SIP/2.0 100", 2s);
    REQUIRE(trying);
    CHECK(Clock::now() - start < 100ms);
    std::vector<Clock::time_point> oks;
    std::string ok;
    while (oks.size() < 5) {
        const auto d = next(peer, "SIP/2.0 200", 3s);
        REQUIRE(d);
        ok = *d;
        oks.push_back(Clock::now());
    }
    // T1, 2*T1, 4*T1, then capped at T2.
    const std::array<int, 4> expected = {100, 200, 400, 400};
    for (std::size_t i = 1; i < oks.size(); ++i) {
        const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(oks[i] - oks[i - 1]);
        INFO("retransmission " << i << " after " << gap.count() << " ms");
        CHECK(gap.count() >= expected[i - 1] - 20);
        CHECK(gap.count() <= expected[i - 1] + 150);
    }
    // No ACK at all: after 64*T1 the gateway gives up on the call with a BYE.
    const auto bye = next(peer, "BYE ", 10s);
    REQUIRE(bye);
    CHECK(bye->find("Call-ID: timer-g@test") != std::string::npos);
    CHECK(Clock::now() - oks.front() >= 6s);
    CHECK(heard(svc.listener(), "caller-gone 1"));
}

TEST_CASE("the ACK stops the 2xx, and a retransmitted INVITE is recognised as no new call")
{
    EndpointSettings e;
    e.t1 = 100ms;
    RunningService svc(e, calls(300ms));
    UdpPeer peer;
    const auto msg = invite("ack@test", "z9hG4bKack1");
    peer.send(svc.udpPort(), msg);
    REQUIRE(next(peer, "SIP/2.0 180", 2s));
    // Retransmitted while ringing: answered with the last provisional again.
    peer.send(svc.udpPort(), msg);
    REQUIRE(next(peer, "SIP/2.0 180", 2s));
    const auto ok = next(peer, "SIP/2.0 200", 2s);
    REQUIRE(ok);
    peer.send(svc.udpPort(), ackFor(*ok, "ack@test", "z9hG4bKack2"));
    CHECK_FALSE(next(peer, "SIP/2.0 200", 700ms));
    const auto events = svc.listener().events();
    CHECK(std::count_if(events.begin(), events.end(),
                        [](const std::string& ev) { return ev.rfind("arrived", 0) == 0; }) == 1);
}

TEST_CASE("CANCEL while ringing: 200 for the CANCEL, 487 for the INVITE, resent until ACKed")
{
    EndpointSettings e;
    e.t1 = 100ms;
    RunningService svc(e, calls(10s));
    UdpPeer peer;
    peer.send(svc.udpPort(), invite("cancel@test", "z9hG4bKc1"));
    REQUIRE(next(peer, "SIP/2.0 180", 2s));
    peer.send(svc.udpPort(), "CANCEL sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKc1\r\n"
                             "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\n"
                             "To: <sip:+15555550100@127.0.0.1>\r\n"
                             "Call-ID: cancel@test\r\nCSeq: 1 CANCEL\r\nMax-Forwards: 70\r\n"
                             "Content-Length: 0\r\n\r\n");
    const auto ok = next(peer, "SIP/2.0 200", 2s);
    REQUIRE(ok);
    CHECK(ok->find("CSeq: 1 CANCEL") != std::string::npos);
    const auto terminated = next(peer, "SIP/2.0 487", 2s);
    REQUIRE(terminated);
    // Not ACKed yet: Timer G resends it.
    REQUIRE(next(peer, "SIP/2.0 487", 1s));
    peer.send(svc.udpPort(), ackFor(*terminated, "cancel@test", "z9hG4bKc1"));
    CHECK_FALSE(next(peer, "SIP/2.0 487", 600ms));
    CHECK(heard(svc.listener(), "caller-gone 1"));
    // A CANCEL for nothing: 481.
    peer.send(svc.udpPort(), "CANCEL sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKnothing\r\n"
                             "From: <sip:a@127.0.0.1>;tag=x\r\nTo: <sip:b@127.0.0.1>\r\n"
                             "Call-ID: none@test\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n");
    CHECK(peer.finalStatus(2s, "none@test") == 481);
}

TEST_CASE("digest authentication: challenged, then accepted with the right password")
{
    CallSettings c = calls(10s);
    c.authUsername = "trunk";
    c.authPassword = "trunk-password";
    RunningService svc(EndpointSettings{}, c);
    UdpPeer peer;
    peer.send(svc.udpPort(), invite("auth@test", "z9hG4bKa1"));
    const auto challenge = next(peer, "SIP/2.0 401", 2s);
    REQUIRE(challenge);
    const auto at = challenge->find("nonce=\"");
    REQUIRE(at != std::string::npos);
    const std::string nonce = challenge->substr(at + 7, challenge->find('"', at + 7) - at - 7);
    DigestCredentials creds;
    creds.username = "trunk";
    creds.realm = "warmline";
    creds.nonce = nonce;
    creds.uri = "sip:+15555550100@127.0.0.1";
    creds.qop = "auth";
    creds.nc = "00000001";
    creds.cnonce = "abc";
    auto header = [&](const std::string& password) {
        creds.response = digestResponse(creds, "INVITE", password);
        return fmt::format("Authorization: Digest username=\"trunk\", realm=\"warmline\", "
                           "nonce=\"{}\", uri=\"{}\", response=\"{}\", qop=auth, nc=00000001, "
                           "cnonce=\"abc\"\r\n",
                           nonce, creds.uri, creds.response);
    };
    peer.send(svc.udpPort(), invite("auth2@test", "z9hG4bKa2", 40000, header("wrong-password")));
    CHECK(peer.finalStatus(2s, "auth2@test") == 401);
    peer.send(svc.udpPort(), invite("auth3@test", "z9hG4bKa3", 40000, header("trunk-password")));
    CHECK(next(peer, "SIP/2.0 180", 2s));
    CHECK(heard(svc.listener(), "arrived 1 +15555550100"));
}

TEST_CASE("addresses other than the trunk's get 403 and numbers not the line's get 404")
{
    CallSettings c = calls();
    c.allowedSources = AddressFilter::parse("192.0.2.1");
    RunningService svc(EndpointSettings{}, c);
    UdpPeer peer;
    peer.send(svc.udpPort(), invite("forbidden@test", "z9hG4bKf1"));
    CHECK(peer.finalStatus(2s, "forbidden@test") == 403);

    CallSettings numbers = calls();
    numbers.lineNumbers = {"+15555550199"};
    RunningService other(EndpointSettings{}, numbers);
    peer.send(other.udpPort(), invite("wrongnumber@test", "z9hG4bKn1"));
    CHECK(other.listener().events().empty());
    CHECK(peer.finalStatus(2s, "wrongnumber@test") == 404);
}

TEST_CASE("an SRTP offer over UDP gets 488 with the reason, and no call starts")
{
    RunningService svc(EndpointSettings{}, calls());
    UdpPeer peer;
    std::string text = invite("savp@test", "z9hG4bKs1");
    const std::string avp = "RTP/AVP 8 0 101\r\n";
    const std::string savp = "RTP/SAVP 8 0 101\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                             "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n";
    const auto at = text.find(avp);
    REQUIRE(at != std::string::npos);
    text.replace(at, avp.size(), savp);
    // The body grew: Content-Length follows it.
    const auto cl = text.find("Content-Length: ");
    const auto clEnd = text.find("\r\n", cl);
    const auto bodyAt = text.find("\r\n\r\n") + 4;
    text.replace(cl, clEnd - cl, "Content-Length: " + std::to_string(text.size() - bodyAt));
    peer.send(svc.udpPort(), text);
    std::optional<std::string> answer;
    const auto until = Clock::now() + 5s;
    while (!answer && Clock::now() < until) {
        const auto d = peer.receive(500ms);
        if (d && d->rfind("SIP/2.0 488", 0) == 0) {
            answer = d;
        }
    }
    REQUIRE(answer);
    CHECK(answer->find("Warning: 302 ") != std::string::npos);
    // SDES keys in the clear would let anyone on the path decrypt the call.
    CHECK(answer->find("SRTP keys are only taken over TLS") != std::string::npos);
    CHECK(svc.listener().events().empty());
    // The same offer as RTP/AVP is answered.
    peer.send(svc.udpPort(), invite("avp@test", "z9hG4bKs2"));
    CHECK(peer.finalStatus(5s, "avp@test") == 200);
}

TEST_CASE("RFC 4733 key presses during the greeting choose the caller's language")
{
    CallSettings c = calls();
    c.languages = {{'2', "es"}};
    RunningService svc(EndpointSettings{}, c);
    UdpPeer peer;
    UdpPeer media;
    peer.send(svc.udpPort(), invite("dtmf@test", "z9hG4bKd1"));
    const auto ok = next(peer, "SIP/2.0 200", 3s);
    REQUIRE(ok);
    CHECK(ok->find("telephone-event/8000") != std::string::npos);
    peer.send(svc.udpPort(), ackFor(*ok, "dtmf@test", "z9hG4bKd2"));
    const auto m = ok->find("m=audio ");
    REQUIRE(m != std::string::npos);
    const auto gatewayRtp = static_cast<std::uint16_t>(std::atoi(ok->c_str() + m + 8));
    auto press = [&](std::uint8_t event, std::uint32_t timestamp) {
        // The start, two updates and the end of one key press, as phones send them.
        for (int i = 0; i < 4; ++i) {
            RtpHeader h;
            h.payloadType = 101;
            h.sequence = static_cast<std::uint16_t>(timestamp / 10 + static_cast<unsigned>(i));
            h.timestamp = timestamp;
            h.ssrc = 7;
            h.marker = i == 0;
            const std::uint8_t flags = i == 3 ? 0x8A : 0x0A;
            const std::vector<std::uint8_t> payload = {event, flags, 0x00,
                                                       static_cast<std::uint8_t>(0x50 * (i + 1))};
            const auto packet = buildRtp(h, payload);
            media.send(gatewayRtp, std::string(packet.begin(), packet.end()));
        }
    };
    press(5, 1000); // not on the menu
    press(2, 9000); // Spanish
    CHECK(heard(svc.listener(), "language 1 es"));
    const auto events = svc.listener().events();
    CHECK(std::count_if(events.begin(), events.end(),
                        [](const std::string& e) { return e.rfind("language", 0) == 0; }) == 1);
}

TEST_CASE("TCP: messages framed by Content-Length, split or packed, and oversized streams closed")
{
    EndpointSettings e;
    e.maxMessageBytes = 4096;
    RunningService svc(e, calls());
    TcpPeer peer(svc.tcpPort());
    REQUIRE(peer.connected());
    auto options = [](const std::string& callId) {
        return "OPTIONS sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
               "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK" +
               callId +
               "\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\n"
               "Call-ID: " +
               callId + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    };
    // Two requests in one write, then one split across two writes: the
    // second half goes only once both earlier answers are back, so the
    // gateway has read the first half on its own by then (as far as TCP
    // lets a test tell).
    const std::string two = options("tcp1") + options("tcp2");
    REQUIRE(peer.send(two));
    const std::string split = options("tcp3");
    REQUIRE(peer.send(std::string_view(split).substr(0, 40)));
    CHECK(peer.readUntil("Call-ID: tcp1", 5s));
    CHECK(peer.readUntil("Call-ID: tcp2", 5s));
    CHECK(peer.got.find("Call-ID: tcp3") == std::string::npos);
    REQUIRE(peer.send(std::string_view(split).substr(40)));
    CHECK(peer.readUntil("Call-ID: tcp3", 5s));
    // A header larger than the limit closes the connection.
    const std::string huge = "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nX-Junk: " + std::string(8000, 'a');
    peer.send(huge); // the gateway may close before it has read it all
    CHECK(peer.readUntil("<closed>", 5s));
}

TEST_CASE("TCP: a double-CRLF keep-alive gets one CRLF pong (RFC 5626), packed or split")
{
    RunningService svc(EndpointSettings{}, calls());
    TcpPeer peer(svc.tcpPort());
    REQUIRE(peer.connected());
    auto sendText = [&peer](const std::string& t) { REQUIRE(peer.send(t)); };
    // One ping, one pong.
    sendText("\r\n\r\n");
    REQUIRE(peer.readUntil([&] { return peer.got.size() >= 2; }, 5s));
    CHECK(peer.got == "\r\n");
    // Two pings in one write; then one split across two writes (counted
    // whole, however the reads fall).
    sendText("\r\n\r\n\r\n\r\n");
    sendText("\r\n");
    sendText("\r\n");
    // The connection still carries SIP: the answer comes after exactly
    // four pongs in all, as the gateway handles the stream in order.
    sendText("OPTIONS sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
             "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bKka1\r\n"
             "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\n"
             "Call-ID: keepalive1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
             "Content-Length: 0\r\n\r\n");
    REQUIRE(peer.readUntil("Content-Length: 0\r\n\r\n", 5s));
    const auto answer = peer.got.find("SIP/2.0 ");
    REQUIRE(answer != std::string::npos);
    CHECK(peer.got.substr(0, answer) == "\r\n\r\n\r\n\r\n");
    CHECK(peer.got.find("Call-ID: keepalive1") != std::string::npos);
}

namespace {

/// The transaction user of a bare endpoint: answers OPTIONS 200 and keeps
/// the flow of the last request.
class FlowKeeper : public TransactionUser
{
public:
    void onRequest(const std::shared_ptr<ServerTransaction>& tx) override
    {
        flow = tx->flow();
        tx->respond(200);
    }
    void onAck(const SipMessage&, const Flow&) override {}
    void onCancel(const std::shared_ptr<ServerTransaction>&) override {}
    void onAckTimeout(const std::shared_ptr<ServerTransaction>&) override {}
    std::optional<Flow> flow;
};

/// A bare SipEndpoint on 127.0.0.1, its io_context on its own thread.
class BareEndpoint
{
public:
    explicit BareEndpoint(EndpointSettings e)
    {
        e.udpPort = 0;
        e.tcpPort = 0;
        e.tlsPort = 0;
        m_endpoint = std::make_unique<SipEndpoint>(m_ioc, e, user);
        m_endpoint->start();
        m_thread = std::thread([this] {
            auto guard = boost::asio::make_work_guard(m_ioc);
            m_ioc.run();
        });
    }
    ~BareEndpoint()
    {
        run([this] { m_endpoint->stop(); });
        m_ioc.stop();
        m_thread.join();
    }
    SipEndpoint& endpoint() { return *m_endpoint; }
    void run(const std::function<void()>& fn)
    {
        std::promise<void> done;
        boost::asio::post(m_ioc, [&] {
            fn();
            done.set_value();
        });
        done.get_future().wait();
    }
    FlowKeeper user;

private:
    boost::asio::io_context m_ioc;
    std::unique_ptr<SipEndpoint> m_endpoint;
    std::thread m_thread;
};

OutgoingRequest optionsTo(const std::string& callId)
{
    OutgoingRequest r;
    r.method = "OPTIONS";
    r.requestUri = "sip:phone@127.0.0.1";
    r.from = "<sip:warmline@127.0.0.1>;tag=gw1";
    r.to = "<sip:phone@127.0.0.1>";
    r.callId = callId;
    return r;
}

/// A response with `status` to the request at the start of `request`.
std::string responseTo(const std::string& request, int status, const std::string& reason)
{
    return fmt::format("SIP/2.0 {} {}\r\nVia: {}\r\nFrom: {}\r\nTo: {};tag=ph\r\nCall-ID: {}\r\n"
                       "CSeq: {}\r\nContent-Length: 0\r\n\r\n",
                       status, reason, headerOf(request, "Via"), headerOf(request, "From"),
                       headerOf(request, "To"), headerOf(request, "Call-ID"),
                       headerOf(request, "CSeq"));
}

/// The flow of `peer`'s connection, as the endpoint learns it from an
/// OPTIONS the peer sends (and gets 200 for).
std::optional<Flow> flowOf(BareEndpoint& ep, TcpPeer& peer, const std::string& callId)
{
    ep.run([&] { ep.user.flow.reset(); });
    if (!peer.send("OPTIONS sip:warmline@127.0.0.1 SIP/2.0\r\n"
                   "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK" +
                   callId +
                   "\r\nFrom: <sip:phone@127.0.0.1>;tag=1\r\nTo: <sip:warmline@127.0.0.1>\r\n"
                   "Call-ID: " +
                   callId +
                   "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n") ||
        !peer.readUntil("SIP/2.0 200", 5s)) {
        return std::nullopt;
    }
    peer.got.clear();
    std::optional<Flow> flow;
    waitUntil(
        [&] {
            ep.run([&] { flow = ep.user.flow; });
            return flow.has_value();
        },
        5s);
    return flow;
}

OutgoingRequest inviteTo(const std::string& callId)
{
    auto r = optionsTo(callId);
    r.method = "INVITE";
    r.contact = "<sip:warmline@127.0.0.1;transport=tcp>";
    return r;
}

/// What a transaction's handler saw: statuses, and failures (nullptr) with
/// whether they were the transport's. Written on the endpoint's thread,
/// read on the test's.
struct Seen
{
    std::mutex mutex;
    std::vector<int> statuses;
    int failures = 0;
    int transportFailures = 0;
    ClientTransaction::Handler handler(std::shared_ptr<ClientTransaction>& tx)
    {
        return [this, &tx](const SipMessage* r) {
            std::lock_guard lock(mutex);
            if (r) {
                statuses.push_back(r->status);
            } else {
                ++failures;
                transportFailures += tx && tx->transportFailed() ? 1 : 0;
            }
        };
    }
    std::size_t count()
    {
        std::lock_guard lock(mutex);
        return statuses.size() + static_cast<std::size_t>(failures);
    }
};

} // namespace

TEST_CASE("TCP: a request whose connection closes, or is gone, fails at once, not at Timer F")
{
    EndpointSettings e;
    // Timer F would take 64 * 10 s: far beyond every wait below.
    e.t1 = 10'000ms;
    e.t2 = 40'000ms;
    BareEndpoint ep(e);
    TcpPeer peer(ep.endpoint().tcpPort());
    REQUIRE(peer.connected());
    const auto flow = flowOf(ep, peer, "flow1");
    REQUIRE(flow);
    REQUIRE(flow->transport == Transport::Tcp);

    // The gateway's request reaches the peer, which closes without an
    // answer: the handler hears of it now, and that it was the transport.
    Seen seen;
    std::shared_ptr<ClientTransaction> tx;
    ep.run([&] { tx = ep.endpoint().request(optionsTo("gw-1"), *flow, seen.handler(tx)); });
    REQUIRE(peer.readUntil("Call-ID: gw-1", 5s));
    peer.close();
    REQUIRE(waitUntil([&] { return seen.count() > 0; }, 5s));
    {
        std::lock_guard lock(seen.mutex);
        CHECK(seen.failures == 1);
        CHECK(seen.transportFailures == 1);
    }
    std::size_t left = 1;
    ep.run([&] { left = ep.endpoint().transactionCount(); });
    CHECK(left == 0);

    // A request on the flow now that its connection is gone: not from
    // inside request() (its caller may not be ready), but soon.
    Seen later;
    std::shared_ptr<ClientTransaction> tx2;
    std::size_t inside = 1;
    ep.run([&] {
        tx2 = ep.endpoint().request(optionsTo("gw-2"), *flow, later.handler(tx2));
        inside = later.count();
    });
    CHECK(inside == 0);
    REQUIRE(waitUntil([&] { return later.count() > 0; }, 5s));
    CHECK(later.count() == 1);
    std::lock_guard lock(later.mutex);
    CHECK(later.transportFailures == 1);
}

TEST_CASE("TCP: an INVITE ringing when its connection closes fails, one answered does not")
{
    EndpointSettings e;
    e.t1 = 10'000ms; // Timer B and Timer M: 640 s
    BareEndpoint ep(e);

    // Ringing (180), then the connection closes: one failure, the transport's.
    {
        TcpPeer peer(ep.endpoint().tcpPort());
        REQUIRE(peer.connected());
        const auto flow = flowOf(ep, peer, "flow2");
        REQUIRE(flow);
        Seen seen;
        std::shared_ptr<ClientTransaction> tx;
        ep.run([&] { tx = ep.endpoint().request(inviteTo("gw-3"), *flow, seen.handler(tx)); });
        REQUIRE(peer.readUntil("\r\n\r\n", 5s));
        REQUIRE(peer.send(responseTo(peer.got, 180, "Ringing")));
        REQUIRE(waitUntil([&] { return seen.count() > 0; }, 5s));
        peer.close();
        REQUIRE(waitUntil([&] { return seen.count() > 1; }, 5s));
        std::lock_guard lock(seen.mutex);
        CHECK(seen.statuses == std::vector<int>{180});
        CHECK(seen.failures == 1);
        CHECK(seen.transportFailures == 1);
    }

    // Answered (200; the transaction stays, Accepted, for Timer M), then
    // the connection closes: the call's user hears nothing more from the
    // transaction (its call ends by other means, such as a BYE or silence).
    TcpPeer peer(ep.endpoint().tcpPort());
    REQUIRE(peer.connected());
    const auto flow = flowOf(ep, peer, "flow3");
    REQUIRE(flow);
    Seen seen;
    std::shared_ptr<ClientTransaction> tx;
    ep.run([&] { tx = ep.endpoint().request(inviteTo("gw-4"), *flow, seen.handler(tx)); });
    REQUIRE(peer.readUntil("\r\n\r\n", 5s));
    REQUIRE(peer.send(responseTo(peer.got, 200, "OK")));
    REQUIRE(waitUntil([&] { return seen.count() > 0; }, 5s));
    std::size_t pending = 0;
    ep.run([&] { pending = ep.endpoint().transactionCount(); });
    CHECK(pending == 1); // the Accepted INVITE
    peer.close();
    // The close has been seen once a request on the flow fails.
    Seen after;
    std::shared_ptr<ClientTransaction> tx2;
    ep.run([&] { tx2 = ep.endpoint().request(optionsTo("gw-5"), *flow, after.handler(tx2)); });
    REQUIRE(waitUntil([&] { return after.count() > 0; }, 5s));
    {
        std::lock_guard lock(after.mutex);
        CHECK(after.transportFailures == 1);
    }
    std::lock_guard lock(seen.mutex);
    CHECK(seen.statuses == std::vector<int>{200});
    CHECK(seen.failures == 0);
}
