// A caller behind a home router, over real network paths the test makes:
// the test's own network namespace is the "office" (the gateway, the desk
// phone), a "router" namespace masquerades (nftables) for a "home"
// namespace, where baresip calls the gateway over TLS and insists on SRTP.
// The gateway never learns the home address it could answer (baresip's
// SDP names its private one, which the office cannot reach): its media
// must find the router's public address and port from the first
// authenticated packet. And what crosses between home and office is
// captured (tcpdump on the router's office side) and searched: no SIP
// header, number or key, and none of the audio's G.711 bytes, may pass in
// the clear. The same search finds that audio on the desk phone's plain
// leg in the office, so it would have found it on the way home.
//
// Needs root (CI runs as root) for the namespaces; where they cannot be
// made the test is skipped (exit 77), not passed. Needs iproute2,
// nftables, tcpdump, sipp and baresip (scripts/deps test). Numbers are
// synthetic (+1555555 01xx). The last case turns it round: the operator's
// softphone is at home, registering over TLS through the router (decision
// 156), and a caller in the office reaches it.

// The test's own main (below): skipped where namespaces cannot be made.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/BaresipCaller.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/media/G711.h"
#include "telephony/media/Wav.h"

#include <sched.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const std::string kIp = "/usr/sbin/ip";
const std::string kNft = "/usr/sbin/nft";
const std::string kTcpdump = "/usr/bin/tcpdump";

RunResult run(std::vector<std::string> argv, std::optional<std::string> input = std::nullopt)
{
    ProcessOptions p;
    p.argv = std::move(argv);
    p.stdinData = std::move(input);
    p.name = "net";
    return runProgram(std::move(p), 20s);
}

void must(std::vector<std::string> argv, std::optional<std::string> input = std::nullopt)
{
    std::string line;
    for (const auto& a : argv) {
        line += a + " ";
    }
    const auto r = run(std::move(argv), std::move(input));
    if (r.exitCode != 0) {
        throw std::runtime_error(line + "failed: " + r.err);
    }
}

/// The prefix of this process's named namespaces: "wl-nat-PID-".
std::string namespacePrefix(pid_t pid)
{
    return "wl-nat-" + std::to_string(pid) + "-";
}

/// Removes the named namespaces of earlier runs whose process is gone (a
/// run killed by ctest's timeout cannot clean up after itself).
void removeStaleNamespaces()
{
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/run/netns", ec)) {
        const auto name = e.path().filename().string();
        if (name.rfind("wl-nat-", 0) != 0) {
            continue;
        }
        const auto pid = std::atoi(name.c_str() + 7);
        if (pid > 0 && !fs::exists("/proc/" + std::to_string(pid))) {
            run({kIp, "netns", "del", name});
        }
    }
}

/// home (192.168.N.2) -- router (192.168.N.1 | 198.18.N.2, masquerading)
/// -- office (198.18.N.1). The office is this process's own network
/// namespace, private to it (main() unshares it), so the office's link and
/// addresses go with the process, and the office has no route to the home
/// network at all. The router's and home's namespaces are named, and
/// removed by name at the end (and by later runs if this one is killed).
class NatNetwork
{
public:
    NatNetwork()
    {
        static int made = 0;
        const auto k = std::to_string(++made);
        router = namespacePrefix(::getpid()) + "router-" + k;
        home = namespacePrefix(::getpid()) + "home-" + k;
        m_officeLink = "office" + k;
        const std::string n = "77";
        office = "198.18." + n + ".1";
        routerWan = "198.18." + n + ".2";
        wanNet = "198.18." + n + ".0/24";
        homeAddress = "192.168." + n + ".2";
        const std::string routerLan = "192.168." + n + ".1";
        remove();
        try {
            must({kIp, "netns", "add", router});
            must({kIp, "netns", "add", home});
            must({kIp, "link", "add", m_officeLink, "type", "veth", "peer", "name", "wan", "netns",
                  router});
            must({kIp, "addr", "add", office + "/24", "dev", m_officeLink});
            must({kIp, "link", "set", m_officeLink, "up"});
            must({kIp, "-n", router, "addr", "add", routerWan + "/24", "dev", "wan"});
            must({kIp, "-n", router, "link", "set", "wan", "up"});
            must({kIp, "-n", router, "link", "set", "lo", "up"});
            must({kIp, "-n", router, "link", "add", "lan", "type", "veth", "peer", "name", "eth0",
                  "netns", home});
            must({kIp, "-n", router, "addr", "add", routerLan + "/24", "dev", "lan"});
            must({kIp, "-n", router, "link", "set", "lan", "up"});
            must({kIp, "-n", home, "addr", "add", homeAddress + "/24", "dev", "eth0"});
            must({kIp, "-n", home, "link", "set", "eth0", "up"});
            must({kIp, "-n", home, "link", "set", "lo", "up"});
            must({kIp, "-n", home, "route", "add", "default", "via", routerLan});
            must(
                {kIp, "netns", "exec", router, "/usr/sbin/sysctl", "-qw", "net.ipv4.ip_forward=1"});
            must({kIp, "netns", "exec", router, kNft, "-f", "-"},
                 "table ip nat {\n chain post {\n  type nat hook postrouting priority srcnat;\n"
                 "  oifname \"wan\" masquerade\n }\n}\n");
        } catch (...) {
            remove();
            throw;
        }
    }
    ~NatNetwork() { remove(); }
    NatNetwork(const NatNetwork&) = delete;
    NatNetwork& operator=(const NatNetwork&) = delete;

    /// The router gets a new public address (a home line reconnecting):
    /// its masquerade forgets every mapping made with the old one, so the
    /// next packets from home leave from the new address and new ports.
    /// The home's line goes down (or back up): nothing crosses the router.
    void lineUp(bool up) { must({kIp, "-n", router, "link", "set", "wan", up ? "up" : "down"}); }

    void renumberRouter()
    {
        const auto fresh = routerWan.substr(0, routerWan.rfind('.')) + ".3";
        must({kIp, "-n", router, "addr", "del", routerWan + "/24", "dev", "wan"});
        must({kIp, "-n", router, "addr", "add", fresh + "/24", "dev", "wan"});
        routerWan = fresh;
    }

    /// Runs a program inside `ns` (ip execs it: the process is the program).
    std::vector<std::string> in(const std::string& ns) const { return {kIp, "netns", "exec", ns}; }

    std::string router, home, office, routerWan, wanNet, homeAddress;

private:
    void remove()
    {
        // Both ends of the office's link at once (a deleted namespace is torn
        // down later, in the background).
        run({kIp, "link", "del", m_officeLink});
        run({kIp, "netns", "del", home});
        run({kIp, "netns", "del", router});
    }
    std::string m_officeLink;
};

/// tcpdump writing what it sees on `interface` (in `prefix`'s namespace)
/// to a file; stopped, and the file complete, by stop().
class Capture
{
public:
    Capture(const fs::path& dir, const std::string& name, std::vector<std::string> prefix,
            const std::string& interface, const std::string& filter = {})
        : file(dir / (name + ".pcap"))
    {
        ProcessOptions p;
        p.argv = std::move(prefix);
        for (const auto& a : {kTcpdump, std::string("-Z"), std::string("root"), std::string("-i"),
                              interface, std::string("-n"), std::string("-U"), std::string("-s"),
                              std::string("0"), std::string("-w"), file.string()}) {
            p.argv.push_back(a);
        }
        if (!filter.empty()) {
            p.argv.push_back(filter);
        }
        p.outputDir = dir;
        p.name = name;
        m_process = std::make_unique<Process>(std::move(p));
        REQUIRE(waitForFileContaining(m_process->stderrPath(), "listening on", 10s));
    }
    /// Stops tcpdump (SIGINT, so it flushes) and returns the file's bytes.
    std::string stop()
    {
        m_process->kill(SIGINT);
        CHECK(m_process->waitExit(10s).has_value());
        // Every packet is in the file: a dropped one could hide a leak.
        CHECK(m_process->stderrText().find("\n0 packets dropped by kernel") != std::string::npos);
        return readFile(file);
    }
    const fs::path file;

private:
    std::unique_ptr<Process> m_process;
};

/// A pcap file (native byte order and Ethernet frames, as tcpdump writes
/// them on a veth here) split into its packets.
std::vector<std::string> pcapPackets(const std::string& pcap)
{
    std::vector<std::string> packets;
    std::size_t at = 24;
    while (pcap.size() >= 24 && at + 16 <= pcap.size()) {
        std::uint32_t captured = 0;
        std::memcpy(&captured, pcap.data() + at + 8, sizeof captured);
        if (at + 16 + captured > pcap.size()) {
            break;
        }
        packets.push_back(pcap.substr(at + 16, captured));
        at += 16 + captured;
    }
    return packets;
}

/// Whether `frame` is an IPv4 UDP datagram to `address` on an odd port:
/// RTCP by the RTP convention (the gateway's RTP ports are even).
bool isRtcpTo(const std::string& frame, const std::string& address)
{
    const auto* b = reinterpret_cast<const unsigned char*>(frame.data());
    if (frame.size() < 14 + 20 + 8 || b[12] != 0x08 || b[13] != 0x00 || b[14 + 9] != 17) {
        return false;
    }
    const std::size_t ipHeader = static_cast<std::size_t>(b[14] & 0x0f) * 4;
    const std::string to = std::to_string(b[30]) + "." + std::to_string(b[31]) + "." +
                           std::to_string(b[32]) + "." + std::to_string(b[33]);
    if (frame.size() < 14 + ipHeader + 8 || to != address) {
        return false;
    }
    const unsigned port = b[14 + ipHeader + 2] * 256u + b[14 + ipHeader + 3];
    return port % 2 == 1;
}

std::vector<std::int16_t> greetingSamples()
{
    return loadWav(fs::path(WARMLINE_SOURCE_DIR) / "resources/audio/greeting.wav");
}

/// Twenty-byte runs of the greeting's µ-law encoding, one per 20 ms frame
/// (from inside each: none crosses a packet boundary, also in the looped
/// microphone, whose repetitions shift the frames by 128 samples each),
/// skipping near-silence: what a plain RTP stream of that audio contains.
std::vector<std::string> greetingRuns()
{
    const auto muLaw = encodeG711(greetingSamples(), G711Law::MuLaw);
    std::vector<std::string> runs;
    for (std::size_t at = 70; at + 20 <= muLaw.size(); at += 160) {
        const std::string run(muLaw.begin() + static_cast<std::ptrdiff_t>(at),
                              muLaw.begin() + static_cast<std::ptrdiff_t>(at + 20));
        if (std::set<char>(run.begin(), run.end()).size() >= 10) {
            runs.push_back(run);
        }
    }
    return runs;
}

std::size_t runsFound(const std::string& haystack, const std::vector<std::string>& runs)
{
    std::size_t found = 0;
    for (const auto& r : runs) {
        found += haystack.find(r) != std::string::npos ? 1 : 0;
    }
    return found;
}

/// Whether `frame` is an IPv4 ICMP message (an error quotes the start of
/// a datagram that was itself on the wire, and is searched there).
bool isIcmp(const std::string& frame)
{
    const auto* b = reinterpret_cast<const unsigned char*>(frame.data());
    return frame.size() >= 14 + 20 && b[12] == 0x08 && b[13] == 0x00 && b[14 + 9] == 1;
}

/// UDP datagrams in `packets` sent to `address`.
std::size_t udpTo(const std::vector<std::string>& packets, const std::string& address)
{
    std::size_t n = 0;
    for (const auto& frame : packets) {
        const auto* b = reinterpret_cast<const unsigned char*>(frame.data());
        if (frame.size() >= 14 + 20 && b[12] == 0x08 && b[13] == 0x00 && b[14 + 9] == 17 &&
            std::to_string(b[30]) + "." + std::to_string(b[31]) + "." + std::to_string(b[32]) +
                    "." + std::to_string(b[33]) ==
                address) {
            ++n;
        }
    }
    return n;
}

/// What of a capture between home and office is searched for plain text,
/// and how many packets were set aside: baresip 1.0 sends its RTCP BYE, with
/// its SIP URI as CNAME, in the clear after a call ends (its SRTP is gone by
/// then). The gateway uses no RTCP (the port is closed), so only baresip's
/// own packets to the odd port, and the office's ICMP answers quoting them,
/// are set aside; all the rest is searched (docs/remote-operators.md).
struct Searchable
{
    std::string bytes;
    std::size_t setAside = 0;
};
Searchable searchable(const std::vector<std::string>& packets, const std::string& office)
{
    Searchable s;
    for (const auto& frame : packets) {
        if (isRtcpTo(frame, office) || isIcmp(frame)) {
            ++s.setAside;
        } else {
            s.bytes += frame;
        }
    }
    return s;
}

/// Sends a marker in a plain UDP datagram from home to the office and
/// returns it: the capture sees payloads in the clear, so the search finds
/// it there (a control on the search).
std::string sendCanary(const NatNetwork& net)
{
    const std::string canary = "warmline-canary-" + std::to_string(::getpid());
    auto probe = net.in(net.home);
    probe.insert(probe.end(), {"/usr/bin/bash", "-c",
                               "printf '%s' '" + canary + "' > /dev/udp/" + net.office + "/10"});
    CHECK(run(probe).exitCode == 0);
    return canary;
}

/// The office (the gateway, taking SIP and RTP on the office address and
/// calls from the router's network; sam's echoing desk phone; a lead's
/// link) and baresip at home calling it over TLS with SRTP.
struct HomeCall
{
    explicit HomeCall(const NatNetwork& network, const std::string& sipExtra = {})
        : net(network), g("address = " + net.office + "\nallowed_sources = 127.0.0.1, " +
                          net.wanNet + "\n" + sipOwnTls() + sipExtra),
          desk(echoingDeskForSam(g)), lead(g.gw.linkUrl(), "admin", kAdminPassword)
    {
    }

    /// baresip dials; the call is queued with SRTP, sam accepts, and audio
    /// is relayed both ways.
    void dial()
    {
        const int tlsPort = g.gw.readyValue("sip_tls_port");
        REQUIRE(tlsPort > 0);
        const fs::path homeDir = g.gw.dir() / "baresip-home";
        const auto srtp =
            baresipSrtp(fs::path(WARMLINE_SOURCE_DIR) / "tests/fixtures/test-cert.pem", recordings);
        // Its microphone: the greeting five times over (a minute), so that
        // whenever the call is accepted the desk leg carries some of it.
        const auto greeting = greetingSamples();
        std::vector<std::int16_t> talk;
        for (int i = 0; i < 5; ++i) {
            talk.insert(talk.end(), greeting.begin(), greeting.end());
        }
        writeFile(g.gw.dir() / "talk.wav", makeWav(talk));
        writeBaresipHome(homeDir, "+15555550145", srtp.config, srtp.account, net.homeAddress,
                         g.gw.dir() / "talk.wav");
        baresip = std::make_unique<Process>(baresipOptions(
            homeDir,
            "sip:" + kLine + "@" + net.office + ":" + std::to_string(tlsPort) + ";transport=tls",
            g.gw.dir(), "baresip-home", net.in(net.home)));
        id = contactIdOf(lead.waitEvent("contact.queued", isCall));
        CHECK(waitForFileContaining(baresip->stdoutPath(), "SRTP is Enabled", 10s));
        // The home's audio reaches the desk phone and the echo gets back
        // home through the router: the gateway found the router's address.
        samAcceptsAndAudioFlows(g, lead, id);
    }

    const NatNetwork& net;
    CallGateway g;
    std::unique_ptr<Process> desk;
    OperatorLink lead;
    fs::path recordings = g.gw.dir() / "baresip-recordings";
    std::unique_ptr<Process> baresip;
    std::int64_t id = 0;
};

} // namespace

TEST_CASE("behind NAT, over TLS with SRTP: the call is heard both ways, nothing readable passes")
{
    NatNetwork net;
    HomeCall call(net);
    auto& g = call.g;
    // Between home and office (the router's office side), and the desk
    // phone's plain leg in the office (from the gateway's office address to
    // loopback: only this test's packets).
    Capture wire(g.gw.dir(), "wan", net.in(net.router), "wan");
    Capture deskLeg(g.gw.dir(), "desk-leg", {}, "lo",
                    "udp and src host " + net.office + " and dst host 127.0.0.1");
    const std::string canary = sendCanary(net);
    call.dial();
    const auto m = g.metrics();
    CHECK(metric(m, "warmline_rtp_packets_total{kind=\"srtp_rejected\"}") == 0);
    g.ctl("sam", {"wrapup", std::to_string(call.id)});
    CHECK(exitOf(*call.desk, 20s) == 0);
    CHECK(waitForFileContaining(call.baresip->stdoutPath(), "terminated", 10s));
    call.baresip->stop(5s);
    checkBaresipHeardAudio(*call.baresip, call.recordings);

    const auto packets = pcapPackets(wire.stop());
    const auto onDeskLeg = deskLeg.stop();
    INFO("captures: " << wire.file << ", " << deskLeg.file);
    // TLS and SRTP both ways for several seconds: hundreds of packets.
    CHECK(packets.size() > 200);
    // baresip's RTCP BYE after the call is set aside and counted (searchable).
    const auto [onWire, rtcp] = searchable(packets, net.office);
    INFO(rtcp << " RTCP and ICMP packets set aside");
    CHECK(rtcp < packets.size() / 10);
    CHECK(onWire.find(canary) != std::string::npos);
    // No SIP in the clear: no start line, header, SDP, key or number.
    for (const std::string plain : {"SIP/2.0", "INVITE", "Via:", "Call-ID", "m=audio", "a=crypto",
                                    "inline:", "5555550100", "5555550145"}) {
        INFO("in the clear on the wire: " << plain);
        CHECK(onWire.find(plain) == std::string::npos);
    }
    // No audio in the clear: none of the greeting's G.711 runs, which the
    // plain desk leg carries (baresip's microphone, relayed).
    const auto runs = greetingRuns();
    REQUIRE(runs.size() >= 50);
    INFO(runs.size() << " runs of the greeting's G.711");
    CHECK(runsFound(onDeskLeg, runs) >= 10);
    CHECK(runsFound(onWire, runs) == 0);
}

TEST_CASE("behind NAT: the home router gets a new address mid-call, and the media follows it")
{
    NatNetwork net;
    HomeCall call(net);
    Capture wire(call.g.gw.dir(), "wan", net.in(net.router), "wan");
    call.dial();
    const std::string oldAddress = net.routerWan;
    const auto before = call.g.metrics();
    const auto toOperator = metric(before, relayedTo("operator"));
    // Decision 153: the call is kept, and its SRTP media moves to wherever
    // the caller's authenticated packets now come from. (The TLS
    // connection does not survive a new address; the call does not need
    // it until someone hangs up.)
    net.renumberRouter();
    CHECK(
        waitFor([&] { return metric(call.g.metrics(), relayedTo("operator")) >= toOperator + 150; },
                20s, 200ms));
    const auto after = call.g.metrics();
    CHECK(metric(after, "warmline_rtp_packets_total{kind=\"srtp_rejected\"}") == 0);
    // baresip hangs up (its BYE cannot reach the gateway either).
    call.baresip->stop(5s);
    const auto packets = pcapPackets(wire.stop());
    INFO("capture: " << wire.file);
    // The gateway sent to the new address: the echo went home again.
    CHECK(udpTo(packets, oldAddress) > 100);
    CHECK(udpTo(packets, net.routerWan) > 100);
    // And baresip heard it: the last second of its recording is audio.
    std::vector<std::int16_t> heard;
    for (const auto& f : fs::directory_iterator(call.recordings)) {
        if (f.path().filename().string().find("-dec.wav") != std::string::npos) {
            heard = loadWav(f.path());
        }
    }
    REQUIRE(heard.size() > 8000 * 3);
    double energy = 0;
    for (std::size_t i = heard.size() - 8000; i < heard.size(); ++i) {
        energy += static_cast<double>(heard[i]) * heard[i];
    }
    const double rms = std::sqrt(energy / 8000);
    INFO("RMS of the last second baresip heard: " << rms);
    CHECK(rms > 300);
}

TEST_CASE("behind NAT: the home's line stays down, and the call ends with the operator's wrap-up")
{
    NatNetwork net;
    HomeCall call(net, "media_timeout = 3s\n");
    call.dial();
    // Decision 154: no audio from the caller for sip.media_timeout is a
    // caller gone; the gateway's BYE cannot reach them, and sam's wrap-up
    // starts as if they had hung up.
    net.lineUp(false);
    const auto wrapUp = call.lead.waitEvent("contact.updated", [&](const boost::json::object& e) {
        return contactIdOf(e) == call.id &&
               str(e.at("contact").as_object().at("state")) == "wrap-up";
    });
    CHECK(contactIdOf(wrapUp) == call.id);
    const auto m = call.g.metrics();
    CHECK(metric(m, "warmline_calls_total{result=\"caller_audio_lost\"}") == 1);
    CHECK(metric(m, "warmline_calls_active") == 0);
    CHECK(exitOf(*call.desk, 20s) == 0); // the desk phone got the gateway's BYE
    net.lineUp(true);
    call.baresip->stop(5s);
}

namespace {

/// sam's softphone's registration as the board shows it, once it shows one
/// registered after `after` (ms since the epoch); {} if none within 30 s.
boost::json::object waitForRegistration(OperatorLink& lead, std::int64_t after)
{
    boost::json::object reg;
    waitFor(
        [&] {
            const auto row = samRow(lead);
            const auto* r = row.if_contains("phoneRegistration");
            if (r && r->at("registered").as_bool() && r->at("registeredAt").as_int64() > after) {
                reg = r->as_object();
                return true;
            }
            return false;
        },
        30s, 100ms);
    return reg;
}

/// A sipp caller in the office calling the gateway on its office address;
/// its audio, a speech recording, for about 28 s.
std::unique_ptr<Process> officeCaller(CallGateway& g, const NatNetwork& net)
{
    return startSipp(g.gw.dir(), "caller",
                     {"-sf", scenario("caller_audio.xml").string(),
                      net.office + ":" + std::to_string(g.sipPort), "-i", net.office, "-p",
                      std::to_string(freeUdpPort()), "-s", kLine, "-m", "1"});
}

} // namespace

TEST_CASE("behind NAT: the operator's softphone registers over TLS, takes calls with SRTP, and "
          "takes the next call after reconnecting")
{
    NatNetwork net;
    // Calls come from the office only; the router's address is no trunk's.
    CallGateway g("address = " + net.office + "\nallowed_sources = 127.0.0.1, " + net.office +
                  "\n" + sipOwnTls() + "phone_check_interval = 1s\n");
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    sam.call("presence.set", {{"presence", "available"}});
    const auto account = sam.call("softphone.account");
    const auto username = str(account.at("username"));
    const auto password = str(account.at("password"));
    const auto tlsPort = account.at("tlsPort").as_int64();
    CHECK(str(account.at("uri")) == "sip:" + username + "@" + net.office);

    // baresip at home, insisting on SRTP, its microphone the greeting over
    // and over, registering through the router with sam's link's account.
    const fs::path homeDir = g.gw.dir() / "baresip-operator";
    const fs::path recordings = g.gw.dir() / "operator-heard";
    const auto srtp =
        baresipSrtp(fs::path(WARMLINE_SOURCE_DIR) / "tests/fixtures/test-cert.pem", recordings);
    const auto greeting = greetingSamples();
    std::vector<std::int16_t> talk;
    for (int i = 0; i < 5; ++i) {
        talk.insert(talk.end(), greeting.begin(), greeting.end());
    }
    writeFile(g.gw.dir() / "talk.wav", makeWav(talk));
    writeBaresipHome(homeDir, "unused", srtp.config, {}, net.homeAddress, g.gw.dir() / "talk.wav");
    writeFile(homeDir / "accounts",
              "<sip:" + username + "@" + net.office + ":" + std::to_string(tlsPort) +
                  ";transport=tls>;auth_pass=" + password +
                  ";regint=300;answermode=auto;audio_codecs=PCMU" + srtp.account + "\n");
    int starts = 0;
    auto startSoftphone = [&] {
        ProcessOptions p;
        p.argv = net.in(net.home);
        for (const auto& arg : {kBaresip, std::string("-f"), homeDir.string(), std::string("-t"),
                                std::string("120")}) {
            p.argv.push_back(arg);
        }
        p.outputDir = g.gw.dir();
        p.name = "baresip-operator-" + std::to_string(++starts);
        return std::make_unique<Process>(std::move(p));
    };

    Capture wire(g.gw.dir(), "wan", net.in(net.router), "wan");
    const std::string canary = sendCanary(net);

    auto softphone = startSoftphone();
    const auto first = waitForRegistration(lead, 0);
    INFO("baresip: " << softphone->stdoutText());
    REQUIRE_FALSE(first.empty());
    CHECK(str(first.at("transport")) == "tls");

    // A call: sam accepts, it rings baresip at home over its connection,
    // and audio is relayed both ways through the router.
    auto takeCall = [&](std::int64_t& id) {
        auto caller = officeCaller(g, net);
        const auto previous = id;
        id = contactIdOf(lead.waitEvent("contact.queued", [&](const boost::json::object& e) {
            return isCall(e) && contactIdOf(e) != previous;
        }));
        const auto before = g.metrics();
        g.ctl("sam", {"accept", std::to_string(id)});
        lead.waitEvent("call.connected", [&](const boost::json::object& e) {
            return e.at("contactId").as_int64() == id;
        });
        const bool flowing = waitFor(
            [&] {
                const auto m = g.metrics();
                return metric(m, relayedTo("operator")) >=
                           metric(before, relayedTo("operator")) + 100 &&
                       metric(m, relayedTo("caller")) >= metric(before, relayedTo("caller")) + 100;
            },
            20s, 200ms);
        CHECK(flowing);
        return caller;
    };
    std::int64_t id = 0;
    auto caller = takeCall(id);
    CHECK(metric(g.metrics(), "warmline_rtp_packets_total{kind=\"srtp_rejected\"}") == 0);
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(waitForFileContaining(softphone->stdoutPath(), "terminated", 10s));
    caller->kill(SIGTERM);
    caller->waitExit(10s);
    g.ctl("sam", {"close", std::to_string(id), "--note", "Talked about the week."});

    // The home's line gets a new address: the connection is gone (nothing
    // from it reaches the gateway any more, not even baresip's goodbye).
    // The softphone connects again (here: started again, as an app does
    // on a network change) and registers anew, and the gateway's next
    // call goes to the new connection, not the dead one.
    net.renumberRouter();
    softphone->stop(5s);
    softphone = startSoftphone();
    const auto second = waitForRegistration(lead, first.at("registeredAt").as_int64());
    REQUIRE_FALSE(second.empty());
    auto again = takeCall(id);
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(waitForFileContaining(softphone->stdoutPath(), "terminated", 10s));
    again->kill(SIGTERM);
    again->waitExit(10s);
    softphone->stop(5s);

    // Nothing of the calls is readable between home and office.
    const auto packets = pcapPackets(wire.stop());
    INFO("capture: " << wire.file);
    CHECK(packets.size() > 400);
    const auto [onWire, rtcp] = searchable(packets, net.office);
    INFO(rtcp << " RTCP and ICMP packets set aside");
    CHECK(rtcp < packets.size() / 10);
    CHECK(onWire.find(canary) != std::string::npos);
    for (const std::string& plain :
         std::vector<std::string>{"SIP/2.0", "REGISTER", "INVITE", "Via:", "m=audio", "a=crypto",
                                  "inline:", username, password, "5555550100"}) {
        INFO("in the clear on the wire: " << plain);
        CHECK(onWire.find(plain) == std::string::npos);
    }
    const auto runs = greetingRuns();
    CHECK(runsFound(onWire, runs) == 0);
    CHECK(metric(g.metrics(), "warmline_sip_registrations_total{result=\"registered\"}") == 2);
}

int main(int argc, char** argv)
{
    if (::geteuid() != 0) {
        std::fprintf(stderr, "sip_nat: needs root to make network namespaces; skipped\n");
        return 77;
    }
    const std::string probe = "wl-probe-" + std::to_string(::getpid());
    if (run({kIp, "netns", "add", probe}).exitCode != 0) {
        std::fprintf(stderr, "sip_nat: network namespaces cannot be made here; skipped\n");
        return 77;
    }
    run({kIp, "netns", "del", probe});
    for (const auto& tool : {kNft, kTcpdump, kSipp, kBaresip}) {
        if (!fs::exists(tool)) {
            std::fprintf(stderr, "sip_nat: %s is missing: run scripts/deps test\n", tool.c_str());
            return 1;
        }
    }
    // The office: a network namespace of this process's own, before any
    // thread (every thread and child then lives in it).
    if (::unshare(CLONE_NEWNET) != 0 || run({kIp, "link", "set", "lo", "up"}).exitCode != 0) {
        std::fprintf(stderr, "sip_nat: cannot make the office's network namespace; skipped\n");
        return 77;
    }
    removeStaleNamespaces();
    const int failed = Catch::Session().run(argc, argv);
    return failed == 77 ? 1 : failed; // 77 means skipped to ctest
}
