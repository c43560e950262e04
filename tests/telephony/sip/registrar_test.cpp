// Softphones registering with the gateway (decision 156), over real
// sockets of 127.0.0.1: a REGISTER over TLS with the account's digest is
// bound to its connection, and the gateway's OPTIONS for that account goes
// back over the same connection; wrong passwords, another account's name,
// UDP, brief expiries and "*" get the answers RFC 3261 section 10.3 asks
// for; a dropped connection ends the registration. A call to a registered
// phone rings it over its TLS connection with SRTP, its audio is relayed
// both ways encrypted on its leg and learnt from where it really comes (as
// behind NAT), and its BYE is taken though it is not a trunk's address.

#include "RegisterClient.h"
#include "SipTestSupport.h"
#include "TlsClient.h"
#include "telephony/media/Rtp.h"
#include "telephony/media/Sdp.h"
#include "telephony/media/Srtp.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <atomic>
#include <cstring>
#include <poll.h>
#include <regex>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

using namespace warmline;
using namespace warmline::sip;
using namespace warmline::sip::test;
using namespace std::chrono_literals;

namespace {

EndpointSettings tlsEndpoint()
{
    EndpointSettings e;
    e.tlsCertificate = std::string(WARMLINE_SOURCE_DIR) + "/tests/fixtures/test-cert.pem";
    e.tlsPrivateKey = std::string(WARMLINE_SOURCE_DIR) + "/tests/fixtures/test-key.pem";
    return e;
}

CallSettings calls()
{
    CallSettings c;
    // Not the phone's address: a registered phone is let in by its account.
    c.allowedSources = AddressFilter::parse("192.0.2.1");
    c.rtpPortMin = 43000;
    c.rtpPortMax = 43999;
    return c;
}

constexpr const char* kUser = "wl0123456789abcdef";
constexpr const char* kPassword = "0123456789abcdef0123456789abcdef";

/// Registers `client` as kUser (or `user`) with `password`.
int registerOver(TlsClient& client, const std::string& password, const std::string& expires = "300",
                 const std::string& user = kUser)
{
    return registerAs(client, user, password, expires);
}

/// A UDP socket bound to `address` (another loopback address stands for a
/// host elsewhere), for RTP.
class UdpSocket
{
public:
    explicit UdpSocket(const std::string& address)
    {
        m_fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        ::inet_pton(AF_INET, address.c_str(), &a.sin_addr);
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            FAIL("cannot bind a UDP socket to " << address);
        }
        socklen_t n = sizeof a;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &n);
        m_port = ntohs(a.sin_port);
    }
    ~UdpSocket() { ::close(m_fd); }
    UdpSocket(const UdpSocket&) = delete;
    UdpSocket& operator=(const UdpSocket&) = delete;
    std::uint16_t port() const { return m_port; }
    void sendTo(std::uint16_t port, const std::uint8_t* data, std::size_t size)
    {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(port);
        ::sendto(m_fd, data, size, 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    std::optional<std::vector<std::uint8_t>> receive(std::chrono::milliseconds timeout)
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) {
            return std::nullopt;
        }
        std::vector<std::uint8_t> d(2048);
        const auto n = ::recv(m_fd, d.data(), d.size(), 0);
        if (n <= 0) {
            return std::nullopt;
        }
        d.resize(static_cast<std::size_t>(n));
        return d;
    }

private:
    int m_fd = -1;
    std::uint16_t m_port = 0;
};

/// An RTP packet of PCMU (160 bytes of `fill`), aligned for libsrtp, with
/// room to protect it.
std::vector<std::uint8_t> rtpPacket(std::uint16_t sequence, std::uint8_t fill)
{
    std::vector<std::uint8_t> p(kRtpHeaderBytes + kSamplesPerPacket + SrtpContext::kMaxTrailer);
    RtpHeader h;
    h.payloadType = 0;
    h.sequence = sequence;
    h.timestamp = sequence * 160u;
    h.ssrc = 0x5eed0001;
    writeRtpHeader(h, p);
    std::fill(p.begin() + kRtpHeaderBytes, p.begin() + kRtpHeaderBytes + kSamplesPerPacket, fill);
    return p;
}

/// Whether `text` holds a whole message (headers and Content-Length body).
bool wholeMessage(const std::string& text)
{
    const auto end = text.find("\r\n\r\n");
    if (end == std::string::npos) {
        return false;
    }
    const auto length = headerOf(text.substr(0, end + 2), "Content-Length");
    return text.size() >= end + 4 + (length.empty() ? 0 : std::stoul(length));
}

/// A caller on the trunk (`trunk`, its audio on `callerRtp`) whose call
/// is answered and queued as call 1; the gateway's 200 for it.
std::string callerArrives(RunningService& svc, UdpPeer& trunk, UdpSocket& callerRtp)
{
    const std::string offer =
        fmt::format("v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    "m=audio {} RTP/AVP 0\r\n",
                    callerRtp.port());
    trunk.send(svc.udpPort(),
               fmt::format("INVITE sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
                           "Via: SIP/2.0/UDP 127.0.0.1:{};branch=z9hG4bKreg-call1\r\n"
                           "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\n"
                           "To: <sip:+15555550100@127.0.0.1>\r\n"
                           "Call-ID: reg-call@test\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                           "Contact: <sip:caller@127.0.0.1:{}>\r\n"
                           "Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{}",
                           trunk.port(), trunk.port(), offer.size(), offer));
    std::optional<std::string> ok;
    for (int i = 0; i < 10 && !(ok && ok->starts_with("SIP/2.0 200")); ++i) {
        ok = trunk.receive(3s);
    }
    REQUIRE(ok);
    REQUIRE(ok->starts_with("SIP/2.0 200"));
    trunk.send(svc.udpPort(),
               fmt::format("ACK sip:warmline@127.0.0.1:{} SIP/2.0\r\n"
                           "Via: SIP/2.0/UDP 127.0.0.1:{};branch=z9hG4bKreg-call2\r\n"
                           "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\nTo: {}\r\n"
                           "Call-ID: reg-call@test\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\n"
                           "Content-Length: 0\r\n\r\n",
                           svc.udpPort(), trunk.port(), headerOf(*ok, "To")));
    REQUIRE(waitUntil(
        [&] {
            const auto e = svc.listener().events();
            return std::find(e.begin(), e.end(), "arrived 1 +15555550100") != e.end();
        },
        5s));
    return *ok;
}

} // namespace

TEST_CASE("a softphone registers over TLS and the gateway's OPTIONS comes back on its connection")
{
    RunningService svc(tlsEndpoint(), calls());
    REQUIRE(svc.tlsPort() != 0);
    bool added = false;
    std::string uri;
    svc.run([&] {
        added = svc.service().addAccount(kUser, kPassword);
        uri = svc.service().accountUri(kUser);
    });
    REQUIRE(added);
    CHECK(uri == std::string("sip:") + kUser + "@127.0.0.1");

    TlsClient phone;
    REQUIRE(phone.connect(svc.tlsPort()));
    // Before it registers, asking it gets no answer (nothing to ask).
    std::atomic<int> asked{0};
    std::atomic<bool> answered{false};
    bool started = false;
    auto ask = [&] {
        svc.run([&] {
            started = svc.service().checkPhone(uri, 2s,
                                               [&](std::optional<std::chrono::milliseconds> rtt) {
                                                   answered = rtt.has_value();
                                                   asked++;
                                               });
        });
    };
    ask();
    CHECK(started);
    REQUIRE(waitUntil([&] { return asked == 1; }, 5s));
    CHECK_FALSE(answered);

    REQUIRE(registerOver(phone, kPassword) == 200);
    CHECK(phone.got.find("Contact: <sip:app@192.168.1.20:5099;transport=tls>;expires=300") !=
          std::string::npos);
    CHECK(svc.listener().events() ==
          std::vector<std::string>{std::string("registration ") + kUser});
    std::optional<CallService::Registration> reg;
    svc.run([&] { reg = svc.service().registration(kUser); });
    REQUIRE(reg);
    CHECK(reg->transport == Transport::Tls);
    CHECK(reg->expiresAt - reg->lastSeenAt == 300'000);
    CHECK(svc.service().counters().registered == 1);

    // The check goes over the phone's own connection, to its Contact.
    phone.got.clear();
    ask();
    REQUIRE(phone.readUntil("\r\n\r\n", 5s));
    const std::string request = phone.got;
    INFO(request);
    REQUIRE(request.starts_with("OPTIONS sip:app@192.168.1.20:5099;transport=tls SIP/2.0"));
    CHECK(request.find("Via: SIP/2.0/TLS") != std::string::npos);
    // The phone answers on the same connection.
    std::string response = "SIP/2.0 200 OK\r\n";
    for (const char* h : {"Via", "From", "To", "Call-ID", "CSeq"}) {
        const auto at = request.find(std::string("\r\n") + h + ": ");
        REQUIRE(at != std::string::npos);
        response += request.substr(at + 2, request.find("\r\n", at + 2) - at - 2) + "\r\n";
    }
    response += "Content-Length: 0\r\n\r\n";
    REQUIRE(phone.write(response));
    REQUIRE(waitUntil([&] { return asked == 2; }, 5s));
    CHECK(answered);

    // A renewal on the same connection is not a new registration.
    REQUIRE(registerOver(phone, kPassword, "3600") == 200);
    CHECK(phone.got.find(";expires=600") != std::string::npos); // at most 10 minutes
    CHECK(svc.service().counters().registered == 1);

    // Expires 0 unregisters.
    REQUIRE(registerOver(phone, kPassword, "0") == 200);
    svc.run([&] { reg = svc.service().registration(kUser); });
    CHECK_FALSE(reg);
    CHECK(svc.listener().events().size() == 2);
}

TEST_CASE("a registered phone that misses two checks in a row on its connection is disconnected")
{
    RunningService svc(tlsEndpoint(), calls());
    std::string uri;
    svc.run([&] {
        svc.service().addAccount(kUser, kPassword);
        uri = svc.service().accountUri(kUser);
    });
    TlsClient phone;
    REQUIRE(phone.connect(svc.tlsPort()));
    REQUIRE(registerOver(phone, kPassword) == 200);
    std::atomic<int> asked{0};
    std::atomic<bool> answered{true};
    // One check; the phone reads it and answers it or, as a connection that
    // died without a close would, says nothing.
    auto check = [&](bool answer) {
        const int before = asked;
        svc.run([&] {
            svc.service().checkPhone(uri, 500ms, [&](std::optional<std::chrono::milliseconds> rtt) {
                answered = rtt.has_value();
                asked++;
            });
        });
        phone.got.clear();
        REQUIRE(phone.readUntil([&] { return wholeMessage(phone.got); }, 5s));
        REQUIRE(phone.got.starts_with("OPTIONS sip:app@"));
        if (answer) {
            std::string response = "SIP/2.0 200 OK\r\n";
            for (const char* h : {"Via", "From", "To", "Call-ID", "CSeq"}) {
                response += std::string(h) + ": " + headerOf(phone.got, h) + "\r\n";
            }
            REQUIRE(phone.write(response + "Content-Length: 0\r\n\r\n"));
        }
        REQUIRE(waitUntil([&] { return asked == before + 1; }, 5s));
        CHECK(answered == answer);
    };
    auto registered = [&] {
        std::optional<CallService::Registration> reg;
        svc.run([&] { reg = svc.service().registration(kUser); });
        return reg.has_value();
    };
    // A miss, then an answer, then a miss: never two in a row, so the
    // connection stays (a phone that was slow once is not cut off).
    check(false);
    check(true);
    check(false);
    CHECK(registered());
    CHECK_FALSE(phone.readUntil([&] { return phone.closed(); }, 1s));
    // The second miss in a row: the gateway closes the connection, the
    // registration is over, and calls are not rung into it.
    check(false);
    CHECK(phone.readUntil([&] { return phone.closed(); }, 5s));
    CHECK_FALSE(registered());
}

TEST_CASE("a registration ends with its connection, and a new one takes over")
{
    RunningService svc(tlsEndpoint(), calls());
    svc.run([&] { svc.service().addAccount(kUser, kPassword); });
    std::optional<CallService::Registration> reg;
    {
        TlsClient phone;
        REQUIRE(phone.connect(svc.tlsPort()));
        REQUIRE(registerOver(phone, kPassword) == 200);
        svc.run([&] { reg = svc.service().registration(kUser); });
        REQUIRE(reg);
    } // the connection drops (a laptop's network went away)
    CHECK(waitUntil(
        [&] {
            svc.run([&] { reg = svc.service().registration(kUser); });
            return !reg.has_value();
        },
        5s));
    TlsClient again;
    REQUIRE(again.connect(svc.tlsPort()));
    REQUIRE(registerOver(again, kPassword) == 200);
    svc.run([&] { reg = svc.service().registration(kUser); });
    CHECK(reg);
    CHECK(svc.service().counters().registered == 2);
    // A forgotten account (its link closed) is gone at once.
    svc.run([&] {
        svc.service().removeAccount(kUser);
        reg = svc.service().registration(kUser);
    });
    CHECK_FALSE(reg);
}

TEST_CASE("REGISTERs the registrar refuses")
{
    RunningService svc(tlsEndpoint(), calls());
    svc.run([&] {
        svc.service().addAccount(kUser, kPassword);
        svc.service().addAccount("wlother", "another-password-of-32-chars-xx");
    });
    TlsClient phone;
    REQUIRE(phone.connect(svc.tlsPort()));

    SECTION("a wrong password is challenged again and counted")
    {
        CHECK(registerOver(phone, "not-the-password") == 401);
        CHECK(svc.service().counters().registersRefused == 1);
        CHECK(svc.service().counters().registered == 0);
    }
    SECTION("an unknown account gets the same answer as a wrong password")
    {
        CHECK(registerOver(phone, kPassword, "300", "wlnobody") == 401);
        CHECK(svc.service().counters().registersRefused == 1);
    }
    SECTION("one account's credentials cannot register another's address")
    {
        phone.got.clear();
        REQUIRE(phone.write(registerRequest("wlother", 1, "TLS")));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        const auto challenge = phone.got;
        phone.got.clear();
        // To names wlother, the credentials are kUser's.
        REQUIRE(phone.write(
            registerRequest("wlother", 2, "TLS", answerChallenge(challenge, kUser, kPassword))));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        CHECK(lastStatus(phone.got) == 403);
    }
    SECTION("a registration for less than a minute gets 423 with Min-Expires")
    {
        CHECK(registerOver(phone, kPassword, "30") == 423);
        CHECK(phone.got.find("Min-Expires: 60") != std::string::npos);
    }
    SECTION("\"*\" without Expires: 0 is malformed, and with it the binding goes")
    {
        REQUIRE(registerOver(phone, kPassword) == 200);
        phone.got.clear();
        REQUIRE(phone.write(registerRequest(kUser, 1, "TLS")));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        const auto challenge = phone.got;
        phone.got.clear();
        REQUIRE(phone.write(registerRequest(
            kUser, 3, "TLS", answerChallenge(challenge, kUser, kPassword), "*", "300")));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        CHECK(lastStatus(phone.got) == 400);
        phone.got.clear();
        REQUIRE(phone.write(registerRequest(
            kUser, 4, "TLS", answerChallenge(challenge, kUser, kPassword), "*", "0")));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        CHECK(lastStatus(phone.got) == 200);
        std::optional<CallService::Registration> reg;
        svc.run([&] { reg = svc.service().registration(kUser); });
        CHECK_FALSE(reg);
    }
    SECTION("a REGISTER seen on the wire cannot be replayed on another connection")
    {
        phone.got.clear();
        REQUIRE(phone.write(registerRequest(kUser, 1, "TLS")));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        const auto replayed =
            registerRequest(kUser, 2, "TLS", answerChallenge(phone.got, kUser, kPassword));
        TlsClient other;
        REQUIRE(other.connect(svc.tlsPort()));
        REQUIRE(other.write(replayed));
        REQUIRE(other.readUntil("\r\n\r\n", 5s));
        CHECK(lastStatus(other.got) == 401);
        CHECK(svc.service().counters().registered == 0);
        // On its own connection it is taken.
        phone.got.clear();
        REQUIRE(phone.write(replayed));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        CHECK(lastStatus(phone.got) == 200);
    }
    SECTION("a REGISTER through a proxy (two Vias) gets 403")
    {
        std::string viaProxy = registerRequest(kUser, 1, "TLS");
        viaProxy.insert(viaProxy.find("Via: "),
                        "Via: SIP/2.0/TLS 127.0.0.1:5098;branch=z9hG4bKproxy1\r\n");
        phone.got.clear();
        REQUIRE(phone.write(viaProxy));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        CHECK(lastStatus(phone.got) == 403);
        CHECK(phone.got.find("not through a proxy") != std::string::npos);
    }
    SECTION("removing another Contact keeps the binding, and a new password ends it")
    {
        REQUIRE(registerOver(phone, kPassword) == 200);
        // A fresh challenge for the requests below.
        phone.got.clear();
        REQUIRE(phone.write(registerRequest(kUser, 5, "TLS")));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        const auto auth = answerChallenge(phone.got, kUser, kPassword);
        phone.got.clear();
        REQUIRE(phone.write(
            registerRequest(kUser, 6, "TLS", auth, "<sip:app@10.9.9.9:5099;transport=tls>", "0")));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        CHECK(lastStatus(phone.got) == 200);
        std::optional<CallService::Registration> reg;
        svc.run([&] { reg = svc.service().registration(kUser); });
        CHECK(reg);
        // "*" with another Contact is malformed.
        phone.got.clear();
        REQUIRE(phone.write(registerRequest(kUser, 7, "TLS", auth,
                                            "*, <sip:app@192.168.1.20:5099;transport=tls>", "0")));
        REQUIRE(phone.readUntil("\r\n\r\n", 5s));
        CHECK(lastStatus(phone.got) == 400);
        svc.run([&] {
            svc.service().addAccount(kUser, "a-new-password-for-the-same-link");
            reg = svc.service().registration(kUser);
        });
        CHECK_FALSE(reg);
    }
    SECTION("over UDP, 403 saying to use TLS")
    {
        UdpPeer udp;
        udp.send(svc.udpPort(), registerRequest(kUser, 1, "UDP"));
        const auto answer = udp.receive(5s);
        REQUIRE(answer);
        CHECK(statusOf(*answer) == 403);
        CHECK(answer->find("Register over TLS") != std::string::npos);
    }
}

TEST_CASE("a call reaches a registered phone over its TLS connection, with SRTP both ways")
{
    CallSettings settings = calls();
    settings.allowedSources = AddressFilter::parse("127.0.0.1"); // the trunk; not the phone
    settings.answerDelay = 0ms;
    RunningService svc(tlsEndpoint(), settings);
    std::string uri;
    svc.run([&] {
        svc.service().addAccount(kUser, kPassword);
        uri = svc.service().accountUri(kUser);
    });
    // The phone is "elsewhere": 127.0.0.2, not an allowed source, and its
    // Contact and SDP name a private address it cannot be reached at.
    TlsClient phone;
    REQUIRE(phone.connect(svc.tlsPort(), "127.0.0.2"));
    REQUIRE(registerOver(phone, kPassword) == 200);

    // A caller on the trunk, its audio on `callerRtp`.
    UdpPeer trunk;
    UdpSocket callerRtp("127.0.0.1");
    const std::string ok = callerArrives(svc, trunk, callerRtp);
    const auto callerLeg = parseSdp(ok.substr(ok.find("\r\n\r\n") + 4));
    REQUIRE(callerLeg);

    bool connected = false;
    std::string why;
    svc.run([&] { connected = svc.service().connectOperator(1, uri, "Robin", why); });
    INFO(why);
    REQUIRE(connected);
    phone.got.clear();
    REQUIRE(phone.readUntil([&] { return wholeMessage(phone.got); }, 5s));
    const std::string invite = phone.got;
    INFO(invite);
    REQUIRE(invite.starts_with("INVITE sip:app@192.168.1.20:5099;transport=tls SIP/2.0"));
    CHECK(headerOf(invite, "Contact").find(";transport=tls") != std::string::npos);
    const auto gatewayOffer = parseSdp(invite.substr(invite.find("\r\n\r\n") + 4));
    REQUIRE(gatewayOffer);
    CHECK(gatewayOffer->profile == "RTP/SAVP");
    REQUIRE(gatewayOffer->cryptos.size() == 1);
    const auto gatewayKey = parseSdesCrypto(gatewayOffer->cryptos[0]);
    REQUIRE(gatewayKey);

    // The phone answers over its connection with its own key; its SDP
    // names its private address, where nothing listens.
    UdpSocket phoneRtp("127.0.0.2");
    const SdesCrypto phoneKey = newSdesCrypto(gatewayKey->tag, gatewayKey->suite);
    const std::string answer = fmt::format(
        "v=0\r\no=ph 1 1 IN IP4 192.168.1.20\r\ns=-\r\nc=IN IP4 192.168.1.20\r\nt=0 0\r\n"
        "m=audio {} RTP/SAVP 0\r\na=crypto:{}\r\n",
        phoneRtp.port(), formatSdesCrypto(phoneKey));
    std::string to = headerOf(invite, "To") + ";tag=phone1";
    const std::string response =
        fmt::format("SIP/2.0 200 OK\r\nVia: {}\r\nFrom: {}\r\nTo: {}\r\nCall-ID: {}\r\nCSeq: {}\r\n"
                    "Contact: <sip:app@192.168.1.20:5099;transport=tls>\r\n"
                    "Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{}",
                    headerOf(invite, "Via"), headerOf(invite, "From"), to,
                    headerOf(invite, "Call-ID"), headerOf(invite, "CSeq"), answer.size(), answer);
    phone.got.clear();
    REQUIRE(phone.write(response));
    REQUIRE(phone.readUntil("ACK sip:app@192.168.1.20:5099;transport=tls", 5s));
    REQUIRE(waitUntil(
        [&] {
            const auto e = svc.listener().events();
            return std::find(e.begin(), e.end(), "operator-answered 1") != e.end();
        },
        5s));

    // The phone talks first (SRTP under its key, from where it really is):
    // the gateway learns that address and the caller hears it in the clear.
    SrtpContext phoneOut(phoneKey, SrtpContext::Direction::Outbound);
    SrtpContext phoneIn(*gatewayKey, SrtpContext::Direction::Inbound);
    int heardByCaller = 0;
    int heardByPhone = 0;
    for (std::uint16_t seq = 1; seq <= 100 && (heardByCaller < 5 || heardByPhone < 5); ++seq) {
        auto p = rtpPacket(seq, 0x5a);
        const auto n = phoneOut.protect(p.data(), kRtpHeaderBytes + kSamplesPerPacket, p.size());
        REQUIRE(n);
        phoneRtp.sendTo(gatewayOffer->port, p.data(), *n);
        auto c = rtpPacket(seq, 0x33);
        callerRtp.sendTo(callerLeg->port, c.data(), kRtpHeaderBytes + kSamplesPerPacket);
        while (const auto got = callerRtp.receive(20ms)) {
            const auto v = parseRtp(*got);
            if (v && v->payloadSize > 0 && (*got)[v->payloadOffset] == 0x5a) {
                ++heardByCaller;
            }
        }
        while (auto got = phoneRtp.receive(1ms)) {
            // What reaches the phone is not the caller's bytes in the clear,
            // and decrypts under the key the gateway offered.
            CHECK(std::search(got->begin(), got->end(), c.begin() + kRtpHeaderBytes,
                              c.begin() + kRtpHeaderBytes + 16) == got->end());
            const auto plain = phoneIn.unprotect(got->data(), got->size());
            if (plain && got->at(kRtpHeaderBytes) == 0x33) {
                ++heardByPhone;
            }
        }
    }
    CHECK(heardByCaller >= 5);
    CHECK(heardByPhone >= 5);

    // Checks the phone misses during the call (a stall on its network) do
    // not close the connection the call's signalling runs on.
    for (int missed = 0; missed < 2; ++missed) {
        std::atomic<bool> done{false};
        svc.run([&] {
            svc.service().checkPhone(
                uri, 300ms, [&](std::optional<std::chrono::milliseconds>) { done = true; });
        });
        REQUIRE(waitUntil([&] { return done.load(); }, 5s));
    }
    CHECK_FALSE(phone.readUntil([&] { return phone.closed(); }, 1s));

    // The phone hangs up over its connection: taken, though 127.0.0.2 is
    // not an allowed source, and although its account has meanwhile ended
    // (the operator's link closed): the dialog is on that connection.
    svc.run([&] { svc.service().removeAccount(kUser); });
    phone.got.clear();
    REQUIRE(phone.write(fmt::format(
        "BYE sip:warmline@127.0.0.1:{};transport=tls SIP/2.0\r\n"
        "Via: SIP/2.0/TLS 192.168.1.20:5099;branch=z9hG4bKphonebye\r\nFrom: {}\r\nTo: {}\r\n"
        "Call-ID: {}\r\nCSeq: 1 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
        svc.tlsPort(), to, headerOf(invite, "From"), headerOf(invite, "Call-ID"))));
    REQUIRE(phone.readUntil("\r\n\r\n", 5s));
    CHECK(phone.got.starts_with("SIP/2.0 200"));
    CHECK(waitUntil(
        [&] {
            const auto e = svc.listener().events();
            return std::find(e.begin(), e.end(), "operator-gone 1") != e.end();
        },
        5s));
}

TEST_CASE("a phone whose connection closes while it rings gives the call back at once, saying why")
{
    CallSettings settings = calls();
    settings.allowedSources = AddressFilter::parse("127.0.0.1"); // the trunk
    settings.answerDelay = 0ms;
    settings.operatorRingTimeout = 60'000ms; // not what ends the ringing here
    // Timer B (64 * T1 = 32 s) is not what ends it either: every wait below
    // is 5 s.
    RunningService svc(tlsEndpoint(), settings);
    std::string uri;
    svc.run([&] {
        svc.service().addAccount(kUser, kPassword);
        uri = svc.service().accountUri(kUser);
    });
    auto phone = std::make_unique<TlsClient>();
    REQUIRE(phone->connect(svc.tlsPort(), "127.0.0.2"));
    REQUIRE(registerOver(*phone, kPassword) == 200);
    UdpPeer trunk;
    UdpSocket callerRtp("127.0.0.1");
    callerArrives(svc, trunk, callerRtp);

    bool connected = false;
    std::string why;
    svc.run([&] { connected = svc.service().connectOperator(1, uri, "Robin", why); });
    INFO(why);
    REQUIRE(connected);
    phone->got.clear();
    REQUIRE(phone->readUntil([&] { return wholeMessage(phone->got); }, 5s));
    REQUIRE(phone->got.starts_with("INVITE "));
    // The laptop's connection goes (a closed lid, a dropped network) before
    // the phone answers.
    phone.reset();
    REQUIRE(waitUntil(
        [&] {
            const auto e = svc.listener().events();
            return std::find(e.begin(), e.end(), "operator-no-answer 1") != e.end();
        },
        5s));
    const auto reasons = svc.listener().notAnsweredReasons();
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0] ==
          "The operator's phone's connection to the gateway closed before it answered.");
    // The caller is still there, to be offered to someone else.
    const auto e = svc.listener().events();
    CHECK(std::find(e.begin(), e.end(), "caller-gone 1") == e.end());
}
