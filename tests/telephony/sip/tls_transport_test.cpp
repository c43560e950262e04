// SIP over TLS on the gateway's endpoint, over real sockets of 127.0.0.1:
// a client that checks the gateway's certificate sends a request and a
// keep-alive and gets its answers on the same connection; plain bytes sent
// to the TLS port, and a peer that never finishes its handshake, are
// closed without an answer; a certificate that cannot be read stops the
// start with the file's name. An SRTP offer over TLS is answered with
// SRTP: the gateway's audio arrives encrypted under the key it answered
// with, and only packets under the caller's key are taken; SRTP offered in
// the clear is refused (endpoint_test). Uses tests/fixtures/test-cert.pem.

#include "SipTestSupport.h"
#include "TlsClient.h"
#include "telephony/media/Rtp.h"
#include "telephony/media/Sdp.h"
#include "telephony/media/Srtp.h"

#include <catch2/catch.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

#include <cmath>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

using namespace warmline;
using namespace warmline::sip;
using namespace warmline::sip::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::ip::tcp;

namespace {

const std::string kCert = std::string(WARMLINE_SOURCE_DIR) + "/tests/fixtures/test-cert.pem";
const std::string kKey = std::string(WARMLINE_SOURCE_DIR) + "/tests/fixtures/test-key.pem";

CallSettings calls()
{
    CallSettings c;
    c.allowedSources = AddressFilter::parse("127.0.0.1");
    c.rtpPortMin = 42000;
    c.rtpPortMax = 42999;
    return c;
}

/// With a second of tone as the greeting, so an answered call sends audio.
CallSettings callsWithGreeting()
{
    CallSettings c = calls();
    for (int i = 0; i < 8000; ++i) {
        c.greeting.push_back(static_cast<std::int16_t>(8000 * std::sin(i * 2 * M_PI * 440 / 8000)));
    }
    return c;
}

EndpointSettings tlsEndpoint(std::chrono::milliseconds handshake = 5s)
{
    EndpointSettings e;
    e.tlsCertificate = kCert;
    e.tlsPrivateKey = kKey;
    e.tlsHandshakeTimeout = handshake;
    return e;
}

const std::string kPlainOffer = "v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                                "t=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";

/// An SRTP offer of PCMU to `port` with `crypto` lines (a=crypto values).
std::string srtpOffer(std::uint16_t port, const std::vector<std::string>& crypto)
{
    std::string sdp = "v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                      "t=0 0\r\nm=audio " +
                      std::to_string(port) + " RTP/SAVP 0\r\n";
    for (const auto& c : crypto) {
        sdp += "a=crypto:" + c + "\r\n";
    }
    return sdp;
}

/// An INVITE over TLS with an offer; `toTag` and `cseq` for a re-INVITE.
std::string invite(const std::string& callId, const std::string& branch,
                   const std::string& toTag = {}, int cseq = 1,
                   const std::string& sdp = kPlainOffer)
{
    return "INVITE sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
           "Via: SIP/2.0/TLS 127.0.0.1:5099;branch=" +
           branch +
           "\r\nFrom: <sip:+15555550123@127.0.0.1>;tag=caller1\r\n"
           "To: <sip:+15555550100@127.0.0.1>" +
           (toTag.empty() ? "" : ";tag=" + toTag) + "\r\nCall-ID: " + callId +
           "\r\nCSeq: " + std::to_string(cseq) +
           " INVITE\r\nMax-Forwards: 70\r\n"
           "Contact: <sip:caller@127.0.0.1:5099;transport=tls>\r\n"
           "Content-Type: application/sdp\r\nContent-Length: " +
           std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
}

/// The value of `header` in the first message of `text` that starts with
/// `startLine` ("" if none).
std::string headerOf(const std::string& text, const std::string& startLine,
                     const std::string& header)
{
    const auto at = text.find(startLine);
    if (at == std::string::npos) {
        return {};
    }
    const auto end = text.find("\r\n\r\n", at);
    const auto h = text.find("\r\n" + header + ": ", at);
    if (h == std::string::npos || h > end) {
        return {};
    }
    const auto from = h + 4 + header.size();
    return text.substr(from, text.find("\r\n", from) - from);
}

std::string options(const std::string& callId)
{
    return "OPTIONS sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
           "Via: SIP/2.0/TLS 127.0.0.1:5099;branch=z9hG4bK" +
           callId +
           "\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\n"
           "Call-ID: " +
           callId + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
}

/// A plain TCP socket to `port`; -1 if it could not connect.
int plainConnect(std::uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// Reads until the peer closes, within `timeout`; what arrived before, or
/// nullopt if it stayed open.
std::optional<std::string> readUntilClosed(int fd, std::chrono::milliseconds timeout)
{
    std::string got;
    const auto until = Clock::now() + timeout;
    while (Clock::now() < until) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) > 0) {
            char buf[4096];
            const auto n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) {
                return got;
            }
            got.append(buf, static_cast<std::size_t>(n));
        }
    }
    return std::nullopt;
}

} // namespace

TEST_CASE("TLS: a request and a keep-alive are answered on the same encrypted connection")
{
    // A short handshake limit, so that the check below shows it no longer
    // applies once the handshake is done.
    RunningService svc(tlsEndpoint(1s), calls());
    REQUIRE(svc.tlsPort() != 0);
    CHECK(svc.tlsPort() != svc.tcpPort());
    TlsClient client;
    REQUIRE(client.connect(svc.tlsPort()));
    REQUIRE(client.write("\r\n\r\n" + options("tls1")));
    REQUIRE(client.readUntil("Content-Length: 0\r\n\r\n", 5s));
    // The pong first, then the answer, on this connection.
    CHECK(client.got.rfind("\r\nSIP/2.0 200", 0) == 0);
    CHECK(client.got.find("Call-ID: tls1") != std::string::npos);
    CHECK(client.got.find("Via: SIP/2.0/TLS 127.0.0.1:5099") != std::string::npos);
    // Past the handshake limit the connection is still open...
    client.got.clear();
    CHECK_FALSE(client.readUntil("never sent", 1500ms));
    CHECK_FALSE(client.closed());
    // ... and carries a second request.
    REQUIRE(client.write(options("tls2")));
    REQUIRE(client.readUntil("Call-ID: tls2", 5s));
}

TEST_CASE("TLS: a call's answers name TLS in their Contact, a re-INVITE's too")
{
    RunningService svc(tlsEndpoint(), calls());
    TlsClient client;
    REQUIRE(client.connect(svc.tlsPort()));
    REQUIRE(client.write(invite("tlscall1", "z9hG4bKt1")));
    REQUIRE(client.readUntil("SIP/2.0 200", 5s));
    REQUIRE(client.readUntil("\r\n\r\nv=0", 5s));
    const auto contact = headerOf(client.got, "SIP/2.0 200", "Contact");
    CHECK(contact.find(";transport=tls>") != std::string::npos);
    const auto to = headerOf(client.got, "SIP/2.0 200", "To");
    const auto tagAt = to.find(";tag=");
    REQUIRE(tagAt != std::string::npos);
    const auto toTag = to.substr(tagAt + 5);
    REQUIRE(client.write("ACK sip:warmline@127.0.0.1 SIP/2.0\r\n"
                         "Via: SIP/2.0/TLS 127.0.0.1:5099;branch=z9hG4bKt1ack\r\n"
                         "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\n"
                         "To: <sip:+15555550100@127.0.0.1>;tag=" +
                         toTag +
                         "\r\nCall-ID: tlscall1\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\n"
                         "Content-Length: 0\r\n\r\n"));
    // A session refresh: its 200 must keep later requests on TLS too.
    client.got.clear();
    REQUIRE(client.write(invite("tlscall1", "z9hG4bKt2", toTag, 2)));
    REQUIRE(client.readUntil("CSeq: 2 INVITE", 5s));
    REQUIRE(client.readUntil("\r\n\r\nv=0", 5s));
    CHECK(headerOf(client.got, "SIP/2.0 200", "Contact").find(";transport=tls>") !=
          std::string::npos);
}

TEST_CASE("TLS: a reloaded certificate serves new connections, a bad one changes nothing")
{
    RunningService svc(tlsEndpoint(), calls());
    svc.run([&] { svc.service().reloadTls(kCert, kKey); });
    TlsClient first;
    REQUIRE(first.connect(svc.tlsPort()));
    bool threw = false;
    svc.run([&] {
        try {
            svc.service().reloadTls(kCert + ".missing", kKey);
        } catch (const std::runtime_error& e) {
            threw = std::string(e.what()).find(".missing") != std::string::npos;
        }
    });
    CHECK(threw);
    TlsClient second;
    REQUIRE(second.connect(svc.tlsPort()));
    REQUIRE(second.write(options("tlsreload")));
    CHECK(second.readUntil("Call-ID: tlsreload", 5s));
}

TEST_CASE("TLS: plain bytes and a stalled handshake are closed without an answer")
{
    RunningService svc(tlsEndpoint(1s), calls());
    REQUIRE(svc.tlsPort() != 0);
    // SIP in the clear to the TLS port: no handshake, no answer.
    const int plain = plainConnect(svc.tlsPort());
    REQUIRE(plain >= 0);
    const auto request = options("clear1");
    REQUIRE(::send(plain, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size()));
    const auto answered = readUntilClosed(plain, 5s);
    REQUIRE(answered);
    CHECK(answered->find("SIP/2.0") == std::string::npos);
    ::close(plain);
    // A peer that connects and says nothing is closed after the handshake
    // timeout (1 s here), not left holding a connection.
    const int silent = plainConnect(svc.tlsPort());
    REQUIRE(silent >= 0);
    const auto start = Clock::now();
    const auto closed = readUntilClosed(silent, 5s);
    REQUIRE(closed);
    CHECK(closed->empty());
    CHECK(Clock::now() - start >= 900ms);
    ::close(silent);
    // Both are counted as failed handshakes (/metrics).
    std::uint64_t failed = 0;
    svc.run([&] { failed = svc.service().sipCounters().tlsHandshakesFailed.load(); });
    CHECK(failed == 2);
    // The listener still serves a proper client afterwards.
    TlsClient client;
    REQUIRE(client.connect(svc.tlsPort()));
    REQUIRE(client.write(options("tls3")));
    CHECK(client.readUntil("Call-ID: tls3", 5s));
}

TEST_CASE("TLS: no certificate, no listener, and an unreadable one stops the start")
{
    {
        RunningService svc(EndpointSettings{}, calls());
        CHECK(svc.tlsPort() == 0);
    }
    EndpointSettings e = tlsEndpoint();
    e.tlsCertificate = std::string(WARMLINE_SOURCE_DIR) + "/tests/fixtures/no-such-cert.pem";
    CHECK_THROWS_WITH(RunningService(e, calls()), Catch::Contains("no-such-cert.pem"));
    e = tlsEndpoint();
    e.tlsPrivateKey = kCert; // a certificate is not a key
    CHECK_THROWS_WITH(RunningService(e, calls()), Catch::Contains("private key"));
}

namespace {

/// The ACK to the 200 of `callId`'s INVITE, over TLS.
std::string ackFor(const std::string& callId, const std::string& toTag)
{
    return "ACK sip:warmline@127.0.0.1 SIP/2.0\r\n"
           "Via: SIP/2.0/TLS 127.0.0.1:5099;branch=z9hG4bK" +
           callId +
           "ack\r\n"
           "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\n"
           "To: <sip:+15555550100@127.0.0.1>;tag=" +
           toTag + "\r\nCall-ID: " + callId +
           "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
}

/// The body of the first response in `text` that starts with `startLine`.
std::string bodyOf(const std::string& text, const std::string& startLine)
{
    const auto at = text.find(startLine);
    const auto length = std::stoul(headerOf(text, startLine, "Content-Length"));
    const auto body = text.find("\r\n\r\n", at) + 4;
    return text.substr(body, length);
}

/// An RTP packet of PCMU with `payload`, aligned for libsrtp, with room to protect it.
std::vector<std::uint8_t> rtpPacket(std::uint16_t sequence,
                                    const std::vector<std::uint8_t>& payload)
{
    std::vector<std::uint8_t> p(kRtpHeaderBytes + payload.size() + SrtpContext::kMaxTrailer);
    RtpHeader h;
    h.payloadType = 0;
    h.sequence = sequence;
    h.timestamp = sequence * 160u;
    h.ssrc = 0x1234abcd;
    writeRtpHeader(h, p);
    std::copy(payload.begin(), payload.end(), p.begin() + kRtpHeaderBytes);
    return p;
}

std::uint64_t counter(RunningService& svc, std::atomic<std::uint64_t> MediaCounters::*which)
{
    std::uint64_t v = 0;
    svc.run([&] { v = (svc.service().media().*which).load(); });
    return v;
}

} // namespace

TEST_CASE("TLS: an SRTP offer gets SRTP: audio both ways under the keys, nothing else taken")
{
    RunningService svc(tlsEndpoint(), callsWithGreeting());
    UdpPeer media;
    const auto callerKey = newSdesCrypto(7, SrtpSuite::AesCm128HmacSha1_32);
    TlsClient client;
    REQUIRE(client.connect(svc.tlsPort()));
    // An MKI the gateway refuses first; the usable line second.
    const auto line = formatSdesCrypto(callerKey);
    const std::string withMki =
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + line.substr(line.find("inline:") + 7) + "|1:4";
    REQUIRE(client.write(invite("srtp1", "z9hG4bKs1", {}, 1,
                                srtpOffer(media.port(), {withMki, formatSdesCrypto(callerKey)}))));
    REQUIRE(client.readUntil("SIP/2.0 200", 5s));
    REQUIRE(client.readUntil("\r\n\r\nv=0", 5s));
    const auto answer = parseSdp(bodyOf(client.got, "SIP/2.0 200"));
    REQUIRE(answer);
    CHECK(answer->profile == "RTP/SAVP");
    REQUIRE(answer->cryptos.size() == 1);
    const auto gatewayKey = parseSdesCrypto(answer->cryptos[0]);
    REQUIRE(gatewayKey);
    // The tag and suite of the line accepted, a key of the gateway's own.
    CHECK(gatewayKey->tag == 7);
    CHECK(gatewayKey->suite == SrtpSuite::AesCm128HmacSha1_32);
    CHECK(gatewayKey->keySalt != callerKey.keySalt);
    const auto to = headerOf(client.got, "SIP/2.0 200", "To");
    REQUIRE(client.write(ackFor("srtp1", to.substr(to.find(";tag=") + 5))));

    // The greeting arrives protected: it decrypts under the answered key
    // (and not under the caller's), and is not G.711 in the clear.
    SrtpContext fromGateway(*gatewayKey, SrtpContext::Direction::Inbound);
    SrtpContext wrongKey(callerKey, SrtpContext::Direction::Inbound);
    int decrypted = 0;
    for (int i = 0; i < 5; ++i) {
        const auto wire = media.receive(2s);
        REQUIRE(wire);
        std::vector<std::uint8_t> a(wire->begin(), wire->end());
        std::vector<std::uint8_t> b = a;
        CHECK_FALSE(wrongKey.unprotect(b.data(), b.size()));
        const auto plain = fromGateway.unprotect(a.data(), a.size());
        REQUIRE(plain);
        CHECK(*plain == kRtpHeaderBytes + kSamplesPerPacket);
        CHECK(wire->size() == *plain + 4); // a 32-bit tag
        CHECK(std::memcmp(wire->data() + kRtpHeaderBytes, a.data() + kRtpHeaderBytes,
                          kSamplesPerPacket) != 0);
        ++decrypted;
    }
    CHECK(decrypted == 5);

    // From the caller: plain RTP and packets under another key are dropped
    // and counted; packets under the caller's key are taken.
    const auto port = [&] {
        const auto sdp = bodyOf(client.got, "SIP/2.0 200");
        return parseSdp(sdp)->port;
    }();
    const std::vector<std::uint8_t> silence(kSamplesPerPacket, 0xff);
    const auto before = counter(svc, &MediaCounters::packetsReceived);
    auto plain = rtpPacket(1, silence);
    media.send(port, std::string(plain.begin(), plain.begin() + kRtpHeaderBytes + 160));
    SrtpContext stranger(newSdesCrypto(7, SrtpSuite::AesCm128HmacSha1_32),
                         SrtpContext::Direction::Outbound);
    auto forged = rtpPacket(2, silence);
    const auto forgedLength =
        stranger.protect(forged.data(), kRtpHeaderBytes + kSamplesPerPacket, forged.size());
    REQUIRE(forgedLength);
    media.send(port, std::string(forged.begin(), forged.begin() + *forgedLength));
    REQUIRE(waitUntil([&] { return counter(svc, &MediaCounters::srtpRejected) == 2; }, 5s));
    SrtpContext toGateway(callerKey, SrtpContext::Direction::Outbound);
    // Protects packet `seq` under `ctx` and sends it; what went on the wire.
    auto sendUnder = [&](SrtpContext& ctx, std::uint16_t seq) {
        auto p = rtpPacket(seq, silence);
        const auto n = ctx.protect(p.data(), kRtpHeaderBytes + kSamplesPerPacket, p.size());
        REQUIRE(n);
        const std::string wire(p.begin(), p.begin() + *n);
        media.send(port, wire);
        return wire;
    };
    std::string last;
    for (std::uint16_t seq = 10; seq < 13; ++seq) {
        last = sendUnder(toGateway, seq);
    }
    CHECK(
        waitUntil([&] { return counter(svc, &MediaCounters::packetsReceived) == before + 3; }, 5s));
    CHECK(counter(svc, &MediaCounters::srtpRejected) == 2);
    // A replayed packet is refused.
    media.send(port, last);
    CHECK(waitUntil([&] { return counter(svc, &MediaCounters::srtpRejected) == 3; }, 5s));

    const std::string toTag = to.substr(to.find(";tag=") + 5);
    // A re-INVITE may not fall back to plain RTP, nor change the profile.
    client.got.clear();
    REQUIRE(client.write(invite("srtp1", "z9hG4bKs2", toTag, 2, kPlainOffer)));
    CHECK(client.readUntil("SIP/2.0 488", 5s));
    std::string feedback = srtpOffer(media.port(), {formatSdesCrypto(callerKey)});
    feedback.replace(feedback.find("RTP/SAVP"), 8, "RTP/SAVPF");
    client.got.clear();
    REQUIRE(client.write(invite("srtp1", "z9hG4bKs3", toTag, 3, feedback)));
    CHECK(client.readUntil("SIP/2.0 488", 5s));
    // Over UDP, a re-INVITE would get the gateway's key back in the clear:
    // refused, with no body.
    UdpPeer clear;
    std::string overUdp = invite("srtp1", "z9hG4bKs4", toTag, 4, srtpOffer(media.port(), {line}));
    overUdp.replace(overUdp.find("SIP/2.0/TLS"), 11, "SIP/2.0/UDP");
    clear.send(svc.udpPort(), overUdp);
    std::string refused;
    for (int i = 0; i < 5 && statusOf(refused) < 200; ++i) {
        const auto got = clear.receive(5s);
        REQUIRE(got);
        refused = *got;
    }
    CHECK(statusOf(refused) == 488);
    CHECK(refused.find("only taken over TLS") != std::string::npos);
    CHECK(refused.find("inline:") == std::string::npos);

    // A session refresh with a new key of the caller's: packets under the
    // old key are taken until the first under the new one; then only the
    // new key is.
    auto newKey = newSdesCrypto(7, SrtpSuite::AesCm128HmacSha1_32);
    client.got.clear();
    REQUIRE(client.write(invite("srtp1", "z9hG4bKs5", toTag, 5,
                                srtpOffer(media.port(), {formatSdesCrypto(newKey)}))));
    REQUIRE(client.readUntil("CSeq: 5 INVITE", 5s));
    REQUIRE(client.readUntil("\r\n\r\nv=0", 5s));
    REQUIRE(headerOf(client.got, "SIP/2.0 200", "CSeq") == "5 INVITE");
    // The gateway's own key is unchanged.
    CHECK(parseSdesCrypto(parseSdp(bodyOf(client.got, "SIP/2.0 200"))->cryptos.at(0))->keySalt ==
          gatewayKey->keySalt);
    const auto received = counter(svc, &MediaCounters::packetsReceived);
    sendUnder(toGateway, 13); // in flight when the caller switched
    CHECK(waitUntil([&] { return counter(svc, &MediaCounters::packetsReceived) == received + 1; },
                    5s));
    SrtpContext rekeyed(newKey, SrtpContext::Direction::Outbound);
    sendUnder(rekeyed, 14);
    CHECK(waitUntil([&] { return counter(svc, &MediaCounters::packetsReceived) == received + 2; },
                    5s));
    sendUnder(toGateway, 15);
    CHECK(waitUntil([&] { return counter(svc, &MediaCounters::srtpRejected) == 4; }, 5s));
    CHECK(counter(svc, &MediaCounters::packetsReceived) == received + 2);
    // The first key again: its replay record is gone, so it is refused.
    client.got.clear();
    REQUIRE(client.write(invite("srtp1", "z9hG4bKs6", toTag, 6,
                                srtpOffer(media.port(), {formatSdesCrypto(callerKey)}))));
    REQUIRE(client.readUntil("CSeq: 6 INVITE", 5s));
    CHECK(client.readUntil("SIP/2.0 488", 5s));
}

TEST_CASE("TLS: SRTP offered with no usable key is refused with a reason")
{
    // (Over UDP, SRTP is refused whatever the key: endpoint_test.)
    RunningService svc(tlsEndpoint(), calls());
    const auto key = formatSdesCrypto(newSdesCrypto(1));
    // Only a session parameter the gateway does not take.
    TlsClient client;
    REQUIRE(client.connect(svc.tlsPort()));
    REQUIRE(client.write(
        invite("srtpbad", "z9hG4bKb1", {}, 1, srtpOffer(40000, {key + " UNENCRYPTED_SRTP"}))));
    REQUIRE(client.readUntil("SIP/2.0 488", 5s));
    CHECK(headerOf(client.got, "SIP/2.0 488", "Warning").rfind("306 ", 0) == 0);
    // Over TLS, but relayed by a proxy that had it over UDP: the key
    // crossed a hop in the clear.
    std::string proxied = invite("srtpproxy", "z9hG4bKp1", {}, 1, srtpOffer(40000, {key}));
    const auto secondVia = proxied.find("\r\n", proxied.find("Via: ")) + 2;
    proxied.insert(secondVia, "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bKproxy\r\n");
    client.got.clear();
    REQUIRE(client.write(proxied));
    REQUIRE(client.readUntil("SIP/2.0 488", 5s));
    CHECK(headerOf(client.got, "SIP/2.0 488", "Warning").find("only taken over TLS") !=
          std::string::npos);
}
