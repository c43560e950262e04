// The legs the gateway places, the operator's and a crisis line's, over real
// UDP sockets: plain sockets stand in for the caller's trunk, the operators'
// phones and the crisis lines. Both legs behave alike: a failed leg is
// forgotten (the call can be put through again, and a BYE in its dialog gets
// 481), an answer that cannot be used gets one BYE however often it is
// retransmitted, and an earlier INVITE of a leg timing out does not decide
// the fate of the one dialled after it. A leg whose phone stops sending
// audio is gone (the media watch).

#include "SipTestSupport.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <thread>

using namespace warmline;
using namespace warmline::sip;
using namespace warmline::sip::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr CallRef kCall = 1;

std::string sdp(int rtpPort)
{
    return fmt::format("v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                       "m=audio {} RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n",
                       rtpPort);
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

/// The next datagram starting with `prefix` other than those whose Via is
/// `via` (retransmissions of a request already seen).
std::optional<std::string> nextOther(UdpPeer& peer, const std::string& prefix,
                                     const std::string& via, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        auto d =
            next(peer, prefix,
                 std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
        if (!d || headerOf(*d, "Via") != via) {
            return d;
        }
    }
    return std::nullopt;
}

/// A response of a phone (or crisis line) at `port` to a request it got.
std::string responseTo(const std::string& request, int status, const std::string& reason,
                       const std::string& toTag, std::uint16_t port, const std::string& body = {})
{
    std::string to = headerOf(request, "To");
    if (to.find(";tag=") == std::string::npos) {
        to += ";tag=" + toTag;
    }
    return fmt::format("SIP/2.0 {} {}\r\nVia: {}\r\nFrom: {}\r\nTo: {}\r\nCall-ID: {}\r\n"
                       "CSeq: {}\r\nContact: <sip:phone@127.0.0.1:{}>\r\n{}Content-Length: {}"
                       "\r\n\r\n{}",
                       status, reason, headerOf(request, "Via"), headerOf(request, "From"), to,
                       headerOf(request, "Call-ID"), headerOf(request, "CSeq"), port,
                       body.empty() ? "" : "Content-Type: application/sdp\r\n", body.size(), body);
}

/// How many times the listener has heard `event`.
std::size_t count(const RecordingListener& listener, const std::string& event)
{
    const auto events = listener.events();
    return static_cast<std::size_t>(std::count(events.begin(), events.end(), event));
}

/// Whether the listener hears `event` for the `times`th time within `timeout`
/// (it is told on the service's thread).
bool heard(const RecordingListener& listener, const std::string& event, std::size_t times = 1,
           std::chrono::milliseconds timeout = 3s)
{
    const auto until = Clock::now() + timeout;
    while (Clock::now() < until) {
        if (count(listener, event) >= times) {
            return true;
        }
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

CallSettings settings()
{
    CallSettings c;
    c.allowedSources = AddressFilter::parse("127.0.0.1");
    c.answerDelay = 0ms;
    c.rtpPortMin = 42000;
    c.rtpPortMax = 42999;
    return c;
}

/// A caller on `trunk` whose call the service answers (and the trunk ACKs),
/// its audio at `rtpPort`; returns the service's 200.
std::string callIn(RunningService& svc, UdpPeer& trunk, std::uint16_t rtpPort = 40000)
{
    const std::string offer = sdp(rtpPort);
    trunk.send(svc.udpPort(),
               fmt::format("INVITE sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
                           "Via: SIP/2.0/UDP 127.0.0.1:{};branch=z9hG4bKlegs1\r\n"
                           "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\n"
                           "To: <sip:+15555550100@127.0.0.1>\r\n"
                           "Call-ID: legs@test\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                           "Contact: <sip:caller@127.0.0.1:{}>\r\n"
                           "Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{}",
                           trunk.port(), trunk.port(), offer.size(), offer));
    const auto ok = next(trunk, "SIP/2.0 200", 3s);
    REQUIRE(ok);
    trunk.send(svc.udpPort(),
               fmt::format("ACK sip:warmline@127.0.0.1:{} SIP/2.0\r\n"
                           "Via: SIP/2.0/UDP 127.0.0.1:{};branch=z9hG4bKlegs2\r\n"
                           "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\nTo: {}\r\n"
                           "Call-ID: legs@test\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\n"
                           "Content-Length: 0\r\n\r\n",
                           svc.udpPort(), trunk.port(), headerOf(*ok, "To")));
    REQUIRE(heard(svc.listener(), "arrived 1 +15555550100"));
    return *ok;
}

std::string uriOf(const UdpPeer& peer)
{
    return fmt::format("sip:desk@127.0.0.1:{}", peer.port());
}

bool connectOperator(RunningService& svc, const UdpPeer& phone, std::string& why)
{
    bool ok = false;
    svc.run([&] { ok = svc.service().connectOperator(kCall, uriOf(phone), "Robin", why); });
    return ok;
}

bool connectCrisisLine(RunningService& svc, const UdpPeer& line, std::string& why)
{
    bool ok = false;
    svc.run([&] { ok = svc.service().connectCrisisLine(kCall, uriOf(line), why); });
    return ok;
}

/// `phone` answers the INVITE it gets with audio at `rtpPort`; the service
/// ACKs. Returns the INVITE.
std::string answerWithAudio(RunningService& svc, UdpPeer& phone, const std::string& tag,
                            std::uint16_t rtpPort = 40002)
{
    const auto invite = next(phone, "INVITE ", 3s);
    REQUIRE(invite);
    phone.send(svc.udpPort(), responseTo(*invite, 200, "OK", tag, phone.port(), sdp(rtpPort)));
    REQUIRE(next(phone, "ACK ", 3s));
    return *invite;
}

/// The caller is on, and the operator's phone on `desk` has answered.
void operatorOn(RunningService& svc, UdpPeer& trunk, UdpPeer& desk)
{
    callIn(svc, trunk);
    std::string why;
    REQUIRE(connectOperator(svc, desk, why));
    answerWithAudio(svc, desk, "desk1");
    REQUIRE(heard(svc.listener(), "operator-answered 1"));
}

/// `line` answers the INVITE it gets 200 without SDP: it gets ACK, then BYE
/// (answered 200), then retransmits the 200, which gets an ACK and no second
/// BYE. Returns the INVITE.
std::string answerWithoutAudio(RunningService& svc, UdpPeer& line)
{
    const auto invite = next(line, "INVITE ", 3s);
    REQUIRE(invite);
    const std::string ok = responseTo(*invite, 200, "OK", "mute1", line.port());
    line.send(svc.udpPort(), ok);
    CHECK(next(line, "ACK ", 3s));
    const auto bye = next(line, "BYE ", 3s);
    REQUIRE(bye);
    CHECK(headerOf(*bye, "Call-ID") == headerOf(*invite, "Call-ID"));
    line.send(svc.udpPort(), responseTo(*bye, 200, "OK", "mute1", line.port()));
    // The 200 again, as if the ACK had been lost.
    line.send(svc.udpPort(), ok);
    CHECK(next(line, "ACK ", 3s));
    // A second BYE would be sent together with that ACK.
    CHECK_FALSE(nextOther(line, "BYE ", headerOf(*bye, "Via"), 500ms));
    return *invite;
}

} // namespace

TEST_CASE("a call whose operator's phone refused can be put through to another phone")
{
    RunningService svc(EndpointSettings{}, settings());
    UdpPeer trunk;
    UdpPeer busy;
    UdpPeer desk;
    callIn(svc, trunk);
    std::string why;
    REQUIRE(connectOperator(svc, busy, why));
    const auto invite = next(busy, "INVITE ", 3s);
    REQUIRE(invite);
    busy.send(svc.udpPort(), responseTo(*invite, 486, "Busy Here", "busy1", busy.port()));
    CHECK(next(busy, "ACK ", 3s));
    REQUIRE(heard(svc.listener(), "operator-no-answer 1"));

    // The refused leg is forgotten: the call can be put through again.
    const bool again = connectOperator(svc, desk, why);
    INFO("why not: " << why);
    REQUIRE(again);
    answerWithAudio(svc, desk, "desk2");
    CHECK(heard(svc.listener(), "operator-answered 1"));
}

TEST_CASE("an operator's phone that answers without audio gets one BYE, and the call waits on")
{
    RunningService svc(EndpointSettings{}, settings());
    UdpPeer trunk;
    UdpPeer mute;
    UdpPeer desk;
    callIn(svc, trunk);
    std::string why;
    REQUIRE(connectOperator(svc, mute, why));
    const auto invite = answerWithoutAudio(svc, mute);
    REQUIRE(heard(svc.listener(), "operator-no-answer 1"));

    // A BYE from that phone (crossing ours) belongs to no call any more: the
    // caller, back in the queue, is not hung up.
    mute.send(svc.udpPort(),
              fmt::format("BYE sip:warmline@127.0.0.1:{} SIP/2.0\r\n"
                          "Via: SIP/2.0/UDP 127.0.0.1:{};branch=z9hG4bKmutebye\r\n"
                          "From: {};tag=mute1\r\nTo: {}\r\nCall-ID: {}\r\nCSeq: 1 BYE\r\n"
                          "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
                          svc.udpPort(), mute.port(), headerOf(invite, "To"),
                          headerOf(invite, "From"), headerOf(invite, "Call-ID")));
    CHECK(mute.finalStatus(3s, "z9hG4bKmutebye") == 481);
    CHECK(count(svc.listener(), "operator-gone 1") == 0);
    bool exists = false;
    svc.run([&] { exists = svc.service().exists(kCall); });
    CHECK(exists);

    const bool again = connectOperator(svc, desk, why);
    INFO("why not: " << why);
    REQUIRE(again);
    answerWithAudio(svc, desk, "desk2");
    CHECK(heard(svc.listener(), "operator-answered 1"));
}

TEST_CASE("a crisis line that answers without audio gets one BYE, not one per retransmission")
{
    RunningService svc(EndpointSettings{}, settings());
    UdpPeer trunk;
    UdpPeer desk;
    UdpPeer line;
    operatorOn(svc, trunk, desk);
    std::string why;
    REQUIRE(connectCrisisLine(svc, line, why));
    answerWithoutAudio(svc, line);
    CHECK(count(svc.listener(), "crisis-failed 1") == 1);
}

TEST_CASE("a crisis line's INVITE that timed out does not end the crisis line dialled after it")
{
    EndpointSettings e;
    e.t1 = 50ms; // an unanswered INVITE times out after 64*T1, 3.2 s
    e.t2 = 400ms;
    CallSettings c = settings();
    c.crisisRingTimeout = 1s;
    RunningService svc(e, c);
    UdpPeer trunk;
    UdpPeer desk;
    UdpPeer silent;
    UdpPeer line;
    operatorOn(svc, trunk, desk);

    // The first crisis line never answers: its ring timeout fails the
    // transfer; its INVITE stays out until the transaction times out.
    std::string why;
    REQUIRE(connectCrisisLine(svc, silent, why));
    REQUIRE(next(silent, "INVITE ", 3s));
    REQUIRE(heard(svc.listener(), "crisis-failed 1"));

    // The operator dials another, which answers: three-way.
    REQUIRE(connectCrisisLine(svc, line, why));
    answerWithAudio(svc, line, "line1");
    REQUIRE(heard(svc.listener(), "crisis-answered 1"));

    // The first INVITE is resent at 1, 3, 7, 15, 31 and 63 T1, then times
    // out at 64 T1: that must not end the transfer now under way.
    for (int copy = 2; copy <= 7; ++copy) {
        INFO("copy " << copy << " of the first INVITE");
        REQUIRE(next(silent, "INVITE ", 3s));
    }
    CHECK_FALSE(heard(svc.listener(), "crisis-failed 1", 2, 1s));
    bool left = false;
    svc.run([&] { left = svc.service().operatorLeaves(kCall, why); });
    INFO("why not: " << why);
    CHECK(left);
    CHECK(next(desk, "BYE ", 3s)); // the operator's leg ends, the crisis line's stays
}

// The media watch (decision 154): a phone that stops sending audio for
// CallSettings::mediaTimeout is gone. Real RTP from UDP sockets, 20 ms apart.

namespace {

/// The port of an SDP body's m=audio line in a message.
std::uint16_t audioPortOf(const std::string& message)
{
    const auto at = message.find("m=audio ");
    REQUIRE(at != std::string::npos);
    return static_cast<std::uint16_t>(std::stoi(message.substr(at + 8)));
}

/// A phone's audio: PCMU silence every 20 ms from its own socket to the
/// service's RTP port, until stopped.
class Talker
{
public:
    void start(std::uint16_t to)
    {
        stop();
        m_on = true;
        m_thread = std::thread([this, to] {
            std::uint16_t seq = 1;
            std::uint32_t ts = 0;
            while (m_on) {
                std::string packet(12 + 160, static_cast<char>(0xFF));
                packet[0] = static_cast<char>(0x80);
                packet[1] = 0; // PCMU
                packet[2] = static_cast<char>(seq >> 8);
                packet[3] = static_cast<char>(seq & 0xFF);
                for (int i = 0; i < 4; ++i) {
                    packet[4 + i] = static_cast<char>(ts >> (24 - 8 * i));
                    packet[8 + i] = static_cast<char>(0x5A);
                }
                m_socket.send(to, packet);
                ++seq;
                ts += 160;
                std::this_thread::sleep_for(20ms);
            }
        });
    }
    void stop()
    {
        m_on = false;
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    ~Talker() { stop(); }
    UdpPeer& socket() { return m_socket; }

private:
    UdpPeer m_socket;
    std::atomic<bool> m_on{false};
    std::thread m_thread;
};

CallSettings watched()
{
    CallSettings c = settings();
    c.mediaTimeout = 2500ms; // checked every 625 ms
    return c;
}

/// A caller and an operator's desk phone, both talking.
struct TalkingCall
{
    explicit TalkingCall(RunningService& svc)
    {
        ok = callIn(svc, trunk, callerAudio.socket().port());
        callerAudio.start(audioPortOf(ok));
        std::string why;
        REQUIRE(connectOperator(svc, desk, why));
        deskInvite = answerWithAudio(svc, desk, "desk1", deskAudio.socket().port());
        deskAudio.start(audioPortOf(deskInvite));
        REQUIRE(heard(svc.listener(), "operator-answered 1"));
    }
    UdpPeer trunk;
    UdpPeer desk;
    Talker callerAudio;
    Talker deskAudio;
    std::string ok;         ///< the service's 200 to the caller
    std::string deskInvite; ///< the service's INVITE to the desk phone
};

/// A re-INVITE from the desk phone with `body` (none: an offerless one);
/// the service's final answer to it (ACKed when 200, with `ackBody`), or
/// nullopt. `tag` is the phone's dialog tag; with `sendAck` false the 200
/// is not ACKed.
std::optional<std::string> deskReinvites(RunningService& svc, TalkingCall& call,
                                         const std::string& body, int cseq,
                                         const std::string& ackBody = {},
                                         const std::string& tag = "desk1", bool sendAck = true)
{
    const std::string branch = fmt::format("z9hG4bKdeskre{}", cseq);
    const auto& invite = call.deskInvite;
    const std::string from = headerOf(invite, "To") + ";tag=" + tag;
    call.desk.send(
        svc.udpPort(),
        fmt::format("INVITE sip:warmline@127.0.0.1:{} SIP/2.0\r\n"
                    "Via: SIP/2.0/UDP 127.0.0.1:{};branch={}\r\nFrom: {}\r\nTo: {}\r\n"
                    "Call-ID: {}\r\nCSeq: {} INVITE\r\nMax-Forwards: 70\r\n"
                    "Contact: <sip:phone@127.0.0.1:{}>\r\n{}Content-Length: {}\r\n\r\n{}",
                    svc.udpPort(), call.desk.port(), branch, from, headerOf(invite, "From"),
                    headerOf(invite, "Call-ID"), cseq, call.desk.port(),
                    body.empty() ? "" : "Content-Type: application/sdp\r\n", body.size(), body));
    const auto until = Clock::now() + 3s;
    while (Clock::now() < until) {
        const auto d = call.desk.receive(200ms);
        if (!d || d->rfind("SIP/2.0 ", 0) != 0 || d->find(branch) == std::string::npos ||
            statusOf(*d) < 200) {
            continue;
        }
        if (statusOf(*d) == 200 && sendAck) {
            call.desk.send(
                svc.udpPort(),
                fmt::format("ACK sip:warmline@127.0.0.1:{} SIP/2.0\r\n"
                            "Via: SIP/2.0/UDP 127.0.0.1:{};branch={}ack\r\nFrom: {}\r\nTo: {}\r\n"
                            "Call-ID: {}\r\nCSeq: {} ACK\r\nMax-Forwards: 70\r\n"
                            "{}Content-Length: {}\r\n\r\n{}",
                            svc.udpPort(), call.desk.port(), branch, from, headerOf(invite, "From"),
                            headerOf(invite, "Call-ID"), cseq,
                            ackBody.empty() ? "" : "Content-Type: application/sdp\r\n",
                            ackBody.size(), ackBody));
        }
        return d;
    }
    return std::nullopt;
}

/// A re-INVITE from the caller with `direction` (sendrecv, inactive, …);
/// true once it is answered 200 and ACKed.
bool callerReinvites(RunningService& svc, TalkingCall& call, const std::string& ok,
                     const std::string& direction, int cseq)
{
    const std::string offer = sdp(call.callerAudio.socket().port()) + "a=" + direction + "\r\n";
    const std::string branch = fmt::format("z9hG4bKre{}", cseq);
    call.trunk.send(svc.udpPort(),
                    fmt::format("INVITE sip:warmline@127.0.0.1:{} SIP/2.0\r\n"
                                "Via: SIP/2.0/UDP 127.0.0.1:{};branch={}\r\n"
                                "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\nTo: {}\r\n"
                                "Call-ID: legs@test\r\nCSeq: {} INVITE\r\nMax-Forwards: 70\r\n"
                                "Contact: <sip:caller@127.0.0.1:{}>\r\n"
                                "Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{}",
                                svc.udpPort(), call.trunk.port(), branch, headerOf(ok, "To"), cseq,
                                call.trunk.port(), offer.size(), offer));
    if (call.trunk.finalStatus(3s, branch) != 200) {
        return false;
    }
    call.trunk.send(svc.udpPort(),
                    fmt::format("ACK sip:warmline@127.0.0.1:{} SIP/2.0\r\n"
                                "Via: SIP/2.0/UDP 127.0.0.1:{};branch={}ack\r\n"
                                "From: <sip:+15555550123@127.0.0.1>;tag=caller1\r\nTo: {}\r\n"
                                "Call-ID: legs@test\r\nCSeq: {} ACK\r\nMax-Forwards: 70\r\n"
                                "Content-Length: 0\r\n\r\n",
                                svc.udpPort(), call.trunk.port(), branch, headerOf(ok, "To"),
                                cseq));
    return true;
}

bool callExists(RunningService& svc)
{
    bool exists = false;
    svc.run([&] { exists = svc.service().exists(kCall); });
    return exists;
}

} // namespace

TEST_CASE("media watch: a caller's phone that goes silent ends the call, talking keeps it")
{
    RunningService svc(EndpointSettings{}, watched());
    TalkingCall call(svc);
    // Twice the timeout with both talking: nothing ends.
    CHECK_FALSE(next(call.trunk, "BYE ", 5s));
    CHECK(count(svc.listener(), "caller-gone 1") == 0);
    CHECK(count(svc.listener(), "operator-no-answer 1") == 0);

    call.callerAudio.stop();
    const auto bye = next(call.trunk, "BYE ", 8s);
    REQUIRE(bye);
    CHECK(headerOf(*bye, "Call-ID") == "legs@test");
    CHECK(heard(svc.listener(), "caller-gone 1"));
    CHECK(next(call.desk, "BYE ", 3s)); // the operator's phone is hung up too
    CHECK_FALSE(callExists(svc));
    CHECK(svc.service().counters().callerAudioLost == 1);
    CHECK(svc.service().counters().operatorAudioLost == 0);
}

TEST_CASE("media watch: an operator's phone that goes silent is hung up, the caller waits again")
{
    RunningService svc(EndpointSettings{}, watched());
    TalkingCall call(svc);
    call.deskAudio.stop();
    CHECK(next(call.desk, "BYE ", 8s));
    CHECK(heard(svc.listener(), "operator-no-answer 1"));
    // The caller is not hung up: they hear hold audio, back in the queue.
    CHECK_FALSE(next(call.trunk, "BYE ", 1s));
    CHECK(callExists(svc));
    CHECK(count(svc.listener(), "caller-gone 1") == 0);
    CHECK(svc.service().counters().operatorAudioLost == 1);
    // What was relayed before is read away; the desk phone is silent, so
    // whatever comes now is the hold audio.
    for (int i = 0; i < 2000 && call.callerAudio.socket().receive(0ms); ++i) {
    }
    const auto until = Clock::now() + 3s;
    std::size_t packets = 0;
    while (Clock::now() < until && packets < 10) {
        if (call.callerAudio.socket().receive(200ms)) {
            ++packets;
        }
    }
    CHECK(packets >= 10);

    // It can be put through to another phone.
    UdpPeer other;
    std::string why;
    CHECK(connectOperator(svc, other, why));
}

TEST_CASE("media watch: a caller holding the call may be silent, until they take it back")
{
    const std::string hold = GENERATE(as<std::string>{}, "inactive", "sendonly");
    INFO("held with a=" << hold);
    RunningService svc(EndpointSettings{}, watched());
    TalkingCall call(svc);
    REQUIRE(callerReinvites(svc, call, call.ok, hold, 2));
    call.callerAudio.stop();
    // Twice the timeout on hold, silent: the call goes on.
    CHECK_FALSE(next(call.trunk, "BYE ", 5s));
    CHECK(callExists(svc));

    // Off hold and still silent: gone, a timeout after taking the call back
    // (not at once for the silence on hold).
    REQUIRE(callerReinvites(svc, call, call.ok, "sendrecv", 3));
    CHECK_FALSE(next(call.trunk, "BYE ", 1500ms));
    CHECK(next(call.trunk, "BYE ", 8s));
    CHECK(heard(svc.listener(), "caller-gone 1"));
}

namespace {

/// Whether `socket` receives at least 10 datagrams within `timeout`.
bool receivesAudio(UdpPeer& socket, std::chrono::milliseconds timeout = 3s)
{
    std::size_t packets = 0;
    const auto until = Clock::now() + timeout;
    while (Clock::now() < until && packets < 10) {
        if (socket.receive(200ms)) {
            ++packets;
        }
    }
    return packets >= 10;
}

} // namespace

TEST_CASE("an operator's phone's re-INVITE is answered: codec, direction, new address (RFC 3264)")
{
    RunningService svc(EndpointSettings{}, settings());
    TalkingCall call(svc);
    const auto gatewayPort = audioPortOf(call.deskInvite);
    // The phone stops sending, so the gateway's audio goes where the
    // phone's description says, not to where its packets came from.
    call.deskAudio.stop();

    // A new port, PCMA first, held: the answer takes PCMA, says recvonly,
    // keeps the gateway's port, and raises the o= version.
    UdpPeer moved;
    const auto held = deskReinvites(svc, call,
                                    fmt::format("v=0\r\no=t 1 2 IN IP4 127.0.0.1\r\ns=-\r\n"
                                                "c=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                                                "m=audio {} RTP/AVP 8 0 101\r\n"
                                                "a=rtpmap:101 telephone-event/8000\r\n"
                                                "a=sendonly\r\n",
                                                moved.port()),
                                    2);
    REQUIRE(held);
    CHECK(statusOf(*held) == 200);
    CHECK(audioPortOf(*held) == gatewayPort);
    CHECK(held->find(fmt::format("m=audio {} RTP/AVP 8 101", gatewayPort)) != std::string::npos);
    CHECK(held->find("a=recvonly") != std::string::npos);
    // o=warmline <session> <version> …: the version is raised from 1 to 2.
    const auto origin = held->substr(held->find("o=warmline "), 80);
    std::istringstream words(origin);
    std::string name, session, version;
    words >> name >> session >> version;
    CHECK(version == "2");
    // The caller's audio now goes to the new port.
    CHECK(receivesAudio(moved));

    // An older CSeq: 500. Another dialog's tag: 481.
    const auto old = deskReinvites(svc, call, sdp(call.deskAudio.socket().port()), 1);
    REQUIRE(old);
    CHECK(statusOf(*old) == 500);
    const auto stranger =
        deskReinvites(svc, call, sdp(call.deskAudio.socket().port()), 5, {}, "someone-else");
    REQUIRE(stranger);
    CHECK(statusOf(*stranger) == 481);

    // SRTP on a plain leg: 488, and the audio stays where it was.
    UdpPeer elsewhere;
    const std::string srtp =
        fmt::format("v=0\r\no=t 1 3 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    "m=audio {} RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                    "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVzcyAoc2VuZGF0YS1vdXQ=\r\n",
                    elsewhere.port());
    const auto refused = deskReinvites(svc, call, srtp, 6);
    REQUIRE(refused);
    CHECK(statusOf(*refused) == 488);
    CHECK_FALSE(elsewhere.receive(500ms));

    // A session refresh without an offer: the gateway offers (both ways)
    // and takes the answer in the ACK, which moves the audio again.
    UdpPeer third;
    const auto refresh = deskReinvites(svc, call, "", 7, sdp(third.port()));
    REQUIRE(refresh);
    CHECK(statusOf(*refresh) == 200);
    CHECK(audioPortOf(*refresh) == gatewayPort);
    CHECK(refresh->find("a=sendrecv") != std::string::npos);
    CHECK(receivesAudio(third));
    CHECK(callExists(svc));
    CHECK(count(svc.listener(), "operator-gone 1") == 0);
}

TEST_CASE("media watch: an operator's phone holding the call may be silent")
{
    RunningService svc(EndpointSettings{}, watched());
    TalkingCall call(svc);
    const auto held =
        deskReinvites(svc, call, sdp(call.deskAudio.socket().port()) + "a=sendonly\r\n", 2);
    REQUIRE(held);
    REQUIRE(statusOf(*held) == 200);
    call.deskAudio.stop();
    // Twice the timeout on hold, silent: the phone is not hung up.
    CHECK_FALSE(next(call.desk, "BYE ", 5s));
    CHECK(count(svc.listener(), "operator-no-answer 1") == 0);
    // Off hold and silent: hung up a timeout later, the caller waits again.
    const auto back = deskReinvites(svc, call, sdp(call.deskAudio.socket().port()), 3);
    REQUIRE(back);
    REQUIRE(statusOf(*back) == 200);
    CHECK(next(call.desk, "BYE ", 8s));
    CHECK(heard(svc.listener(), "operator-no-answer 1"));
}

TEST_CASE(
    "an offerless re-INVITE whose 200 is never ACKed blocks later ones only until it times out")
{
    EndpointSettings e;
    e.t1 = 50ms; // the 200 is given up after 64*T1, 3.2 s
    e.t2 = 400ms;
    RunningService svc(e, settings());
    TalkingCall call(svc);
    const auto offered = deskReinvites(svc, call, "", 2, {}, "desk1", false);
    REQUIRE(offered);
    CHECK(statusOf(*offered) == 200);
    // The gateway's offer is outstanding: a new offer crosses it.
    const auto glare = deskReinvites(svc, call, sdp(call.deskAudio.socket().port()), 3);
    REQUIRE(glare);
    CHECK(statusOf(*glare) == 491);
    // Once the 200 has timed out, the phone's offers are answered again.
    std::optional<int> status;
    const auto until = Clock::now() + 10s;
    for (int cseq = 4; Clock::now() < until; ++cseq) {
        const auto answer = deskReinvites(svc, call, sdp(call.deskAudio.socket().port()), cseq);
        REQUIRE(answer);
        status = statusOf(*answer);
        if (*status == 200) {
            break;
        }
        CHECK(*status == 491);
        std::this_thread::sleep_for(500ms);
    }
    CHECK(status == 200);
    CHECK(callExists(svc));
}
