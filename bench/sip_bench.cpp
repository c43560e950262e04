// Measurements for calls (docs/PERFORMANCE.md "Calls"), driven by bench/sip.sh.
//
//   bench_sip link URL NAME COUNT TIMEOUT_S
//       Logs in (password in WARMLINE_PASSWORD), waits for COUNT call
//       contacts to appear (contact.queued) and prints how long after the
//       gateway read each INVITE it reached the link: p50, p99, max (ms).
//   bench_sip probe SIP_PORT ECHO_PORT URL NAME SECONDS
//       Measures the round trip of RTP through the gateway's relay and back
//       (caller -> gateway -> desk phone's echo -> gateway -> caller) against
//       the same echo reached directly, in the same run: places a call to the
//       gateway on SIP_PORT, accepts it on the link as NAME (whose phone is the
//       echo), then sends 20 ms packets for SECONDS to each path in turn.
//       With WARMLINE_PROBE_GO=FILE set, it prints "probe accepted" once the
//       call is through and waits (at most 120 s) for FILE to exist before
//       measuring, so that bench/sip.sh can start a load beside it first.
//
// Plain sockets, one thread; every wait is bounded.

#include "core/link/LinkCodec.h"
#include "telephony/media/Rtp.h"
#include "telephony/net/LinkClient.h"
#include "telephony/sip/SipMessage.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace warmline;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

void printStats(const std::string& what, const std::vector<double>& ms)
{
    fmt::print("{}: n={} p50={:.3f} ms p99={:.3f} ms max={:.3f} ms\n", what, ms.size(),
               percentile(ms, 50), percentile(ms, 99),
               ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()));
}

std::string password()
{
    const char* p = std::getenv("WARMLINE_PASSWORD");
    if (p == nullptr) {
        throw std::runtime_error("set WARMLINE_PASSWORD");
    }
    return p;
}

int cmdLink(const std::string& url, const std::string& name, int count, int timeoutSeconds)
{
    telephony::LinkClient link;
    link.connect(url, 10s);
    const auto login = link.request("login", {{"name", name}, {"password", password()}}, 30s);
    if (login.kind != link::ServerFrame::Kind::Ack) {
        throw std::runtime_error("login refused: " + login.message);
    }
    std::cout << "ready" << std::endl;
    std::vector<double> latencies;
    const auto deadline = Clock::now() + std::chrono::seconds(timeoutSeconds);
    while (static_cast<int>(latencies.size()) < count && Clock::now() < deadline) {
        const auto e = link.nextEvent(1s);
        if (!e || e->name != "contact.queued") {
            continue;
        }
        const auto arrived = std::chrono::duration_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
        const auto& c = e->data.at("contact").as_object();
        if (c.at("channel").as_string() != "call") {
            continue;
        }
        latencies.push_back(static_cast<double>(arrived) / 1000.0 -
                            static_cast<double>(c.at("createdAt").as_int64()));
    }
    printStats("INVITE read -> contact.queued on the link", latencies);
    link.close();
    return static_cast<int>(latencies.size()) == count ? 0 : 1;
}

class Udp
{
public:
    Udp()
    {
        m_fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
            throw std::runtime_error("bind");
        }
        m_port = ntohs(a.sin_port);
    }
    ~Udp() { ::close(m_fd); }
    int port() const { return m_port; }
    void send(int port, const void* data, std::size_t n)
    {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        ::sendto(m_fd, data, n, 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    void send(int port, const std::string& s) { send(port, s.data(), s.size()); }
    std::optional<std::string> receive(std::chrono::milliseconds timeout)
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) {
            return std::nullopt;
        }
        std::string buf(2048, '\0');
        const auto n = ::recv(m_fd, buf.data(), buf.size(), 0);
        buf.resize(static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
        return buf;
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

/// Sends a 20 ms PCMU stream to `port` for `seconds`, each payload marked
/// with its number, and times the packets that come back with that mark.
std::vector<double> roundTrips(Udp& rtp, int port, int seconds)
{
    constexpr std::uint32_t kMagic = 0x574C4E45; // "WLNE"
    std::map<std::uint32_t, Clock::time_point> sent;
    std::vector<double> rtt;
    RtpPacing pacing{Clock::now(), 0};
    std::uint32_t n = 0;
    const auto end = pacing.start + std::chrono::seconds(seconds);
    while (Clock::now() < end + 200ms) {
        if (Clock::now() >= pacing.dueTime(n) && Clock::now() < end) {
            std::vector<std::uint8_t> payload(160, 0xFF);
            for (int i = 0; i < 4; ++i) {
                payload[static_cast<std::size_t>(i)] =
                    static_cast<std::uint8_t>(kMagic >> (24 - 8 * i));
                payload[static_cast<std::size_t>(4 + i)] =
                    static_cast<std::uint8_t>(n >> (24 - 8 * i));
            }
            RtpHeader h;
            h.payloadType = 0;
            h.sequence = static_cast<std::uint16_t>(n);
            h.timestamp = pacing.timestampOf(n);
            h.ssrc = 0x1234;
            const auto packet = buildRtp(h, payload);
            sent[n] = Clock::now();
            rtp.send(port, packet.data(), packet.size());
            ++n;
        }
        const auto wait = std::max(0ms, std::chrono::duration_cast<std::chrono::milliseconds>(
                                            pacing.dueTime(n) - Clock::now()));
        const auto d = rtp.receive(std::min<std::chrono::milliseconds>(wait, 20ms));
        if (!d) {
            continue;
        }
        const auto now = Clock::now();
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(d->data());
        const auto v = parseRtp(std::span<const std::uint8_t>(bytes, d->size()));
        if (!v || v->payloadSize < 8) {
            continue;
        }
        const auto* p = bytes + v->payloadOffset;
        const std::uint32_t magic =
            static_cast<std::uint32_t>(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3];
        const std::uint32_t seq =
            static_cast<std::uint32_t>(p[4]) << 24 | p[5] << 16 | p[6] << 8 | p[7];
        if (magic != kMagic) {
            continue; // hold audio, not our echo
        }
        if (auto it = sent.find(seq); it != sent.end()) {
            rtt.push_back(std::chrono::duration<double, std::milli>(now - it->second).count());
            sent.erase(it);
        }
    }
    return rtt;
}

int cmdProbe(int sipPort, int echoPort, const std::string& url, const std::string& name,
             int seconds)
{
    Udp sip;
    Udp rtp;
    // 1. The call.
    const std::string callId = "probe-" + std::to_string(::getpid()) + "@bench";
    const std::string sdp = fmt::format("v=0\r\no=probe 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 "
                                        "127.0.0.1\r\nt=0 0\r\nm=audio {} RTP/AVP 0\r\n",
                                        rtp.port());
    const std::string from = "<sip:+15555550150@127.0.0.1>;tag=probe";
    sip.send(sipPort, fmt::format("INVITE sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
                                  "Via: SIP/2.0/UDP 127.0.0.1:{};branch=z9hG4bKprobe1;rport\r\n"
                                  "From: {}\r\nTo: <sip:+15555550100@127.0.0.1>\r\n"
                                  "Call-ID: {}\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                                  "Contact: <sip:probe@127.0.0.1:{}>\r\n"
                                  "Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{}",
                                  sip.port(), from, callId, sip.port(), sdp.size(), sdp));
    std::optional<sip::SipMessage> ok;
    const auto until = Clock::now() + 30s;
    while (!ok && Clock::now() < until) {
        if (const auto d = sip.receive(1s)) {
            auto p = sip::parseSipMessage(*d);
            if (p.message && p.message->status == 200) {
                ok = std::move(p.message);
            }
        }
    }
    if (!ok) {
        throw std::runtime_error("the gateway did not answer the probe's call");
    }
    sip.send(sipPort, fmt::format("ACK sip:+15555550100@127.0.0.1 SIP/2.0\r\n"
                                  "Via: SIP/2.0/UDP 127.0.0.1:{};branch=z9hG4bKprobe2\r\n"
                                  "From: {}\r\nTo: {}\r\nCall-ID: {}\r\nCSeq: 1 ACK\r\n"
                                  "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
                                  sip.port(), from, ok->to, callId));
    const auto m = ok->body.find("m=audio ");
    const int gatewayRtp = std::atoi(ok->body.c_str() + m + 8);

    // 2. The accept, on the link (the operator's phone is the echo).
    telephony::LinkClient link;
    link.connect(url, 10s);
    link.request("login", {{"name", name}, {"password", password()}}, 30s);
    link.request("presence.set", {{"presence", "available"}}, 10s);
    std::optional<std::int64_t> contact;
    for (int attempt = 0; attempt < 50 && !contact; ++attempt) {
        const auto snap = link.request("queue.snapshot", {}, 10s);
        for (const auto& c : snap.data.at("queue").as_array()) {
            if (c.as_object().at("channel").as_string() == "call") {
                contact = c.as_object().at("id").as_int64();
            }
        }
        if (!contact) {
            std::this_thread::sleep_for(100ms);
        }
    }
    if (!contact) {
        throw std::runtime_error("the probe's call is not in the queue");
    }
    const auto accepted = link.request("contact.accept", {{"contactId", *contact}}, 30s);
    if (accepted.kind != link::ServerFrame::Kind::Ack) {
        throw std::runtime_error("accept refused: " + accepted.message);
    }
    std::this_thread::sleep_for(1s); // the desk phone answers
    if (const char* go = std::getenv("WARMLINE_PROBE_GO"); go && *go) {
        fmt::print("probe accepted\n");
        std::fflush(stdout);
        const auto giveUp = Clock::now() + 120s;
        while (::access(go, F_OK) != 0) {
            if (Clock::now() > giveUp) {
                throw std::runtime_error("nothing created the go file within 120 s");
            }
            std::this_thread::sleep_for(50ms);
        }
    }

    // 3. Side by side: through the gateway, then the same echo directly.
    const auto relayed = roundTrips(rtp, gatewayRtp, seconds);
    const auto direct = roundTrips(rtp, echoPort, seconds);
    printStats("RTP round trip through the gateway's relay", relayed);
    printStats("RTP round trip to sipp -rtp_echo directly", direct);
    fmt::print("added by the gateway (both legs, there and back): p50={:.3f} ms p99={:.3f} ms\n",
               percentile(relayed, 50) - percentile(direct, 50),
               percentile(relayed, 99) - percentile(direct, 99));
    try {
        link.request("contact.wrapup", {{"contactId", *contact}}, 10s);
        link.close();
    } catch (const telephony::LinkTransportError& e) {
        // Under load the unread link may have been closed by the gateway
        // (link.max_outbound_queue); the figures above stand.
        fmt::print("probe: link closed before the wrap-up ({})\n", e.what());
    }
    return relayed.size() > static_cast<std::size_t>(seconds) * 40 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const std::vector<std::string> a(argv + 1, argv + argc);
        if (a.size() == 5 && a[0] == "link") {
            return cmdLink(a[1], a[2], std::stoi(a[3]), std::stoi(a[4]));
        }
        if (a.size() == 6 && a[0] == "probe") {
            return cmdProbe(std::stoi(a[1]), std::stoi(a[2]), a[3], a[4], std::stoi(a[5]));
        }
        std::cerr << "usage: bench_sip link URL NAME COUNT TIMEOUT_S\n"
                     "       bench_sip probe SIP_PORT ECHO_PORT URL NAME SECONDS\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "bench_sip: " << e.what() << "\n";
        return 1;
    }
}
