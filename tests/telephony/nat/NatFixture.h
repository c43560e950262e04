#pragma once

// The NAT test's network and its tools: the office (this process's own
// network namespace), a masquerading "router" and a "home" namespace made
// with iproute2 and nftables, a tcpdump capture on the router's office
// side, and what the test searches that capture for (the greeting's G.711
// bytes, a marker sent in the clear). Used by sip_nat_test.cpp and
// sip_nat_softphone_test.cpp, one executable whose main() makes the office.

#include "support/Process.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/media/G711.h"
#include "telephony/media/Wav.h"

#include <catch2/catch.hpp>

#include <sched.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace warmline::test::nat {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace warmline::test::sipcall;

inline const std::string kIp = "/usr/sbin/ip";
inline const std::string kNft = "/usr/sbin/nft";
inline const std::string kTcpdump = "/usr/bin/tcpdump";

inline RunResult run(std::vector<std::string> argv, std::optional<std::string> input = std::nullopt)
{
    ProcessOptions p;
    p.argv = std::move(argv);
    p.stdinData = std::move(input);
    p.name = "net";
    return runProgram(std::move(p), 20s);
}

inline void must(std::vector<std::string> argv, std::optional<std::string> input = std::nullopt)
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
inline std::string namespacePrefix(pid_t pid)
{
    return "wl-nat-" + std::to_string(pid) + "-";
}

/// Removes the named namespaces of earlier runs whose process is gone (a
/// run killed by ctest's timeout cannot clean up after itself).
inline void removeStaleNamespaces()
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
            fs::remove_all("/etc/netns/" + name, ec);
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
        std::error_code ec;
        fs::remove_all("/etc/netns/" + home, ec);
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
inline std::vector<std::string> pcapPackets(const std::string& pcap)
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
inline bool isRtcpTo(const std::string& frame, const std::string& address)
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

inline std::vector<std::int16_t> greetingSamples()
{
    return loadWav(fs::path(WARMLINE_SOURCE_DIR) / "resources/audio/greeting.wav");
}

/// Twenty-byte runs of the greeting's µ-law encoding, one per 20 ms frame
/// (from inside each: none crosses a packet boundary, also in the looped
/// microphone, whose repetitions shift the frames by 128 samples each),
/// skipping near-silence: what a plain RTP stream of that audio contains.
inline std::vector<std::string> greetingRuns()
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

inline std::size_t runsFound(const std::string& haystack, const std::vector<std::string>& runs)
{
    std::size_t found = 0;
    for (const auto& r : runs) {
        found += haystack.find(r) != std::string::npos ? 1 : 0;
    }
    return found;
}

/// Whether `frame` is an IPv4 ICMP message (an error quotes the start of
/// a datagram that was itself on the wire, and is searched there).
inline bool isIcmp(const std::string& frame)
{
    const auto* b = reinterpret_cast<const unsigned char*>(frame.data());
    return frame.size() >= 14 + 20 && b[12] == 0x08 && b[13] == 0x00 && b[14 + 9] == 1;
}

/// UDP datagrams in `packets` sent to `address`.
inline std::size_t udpTo(const std::vector<std::string>& packets, const std::string& address)
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
inline Searchable searchable(const std::vector<std::string>& packets, const std::string& office)
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
inline std::string sendCanary(const NatNetwork& net)
{
    const std::string canary = "warmline-canary-" + std::to_string(::getpid());
    auto probe = net.in(net.home);
    probe.insert(probe.end(), {"/usr/bin/bash", "-c",
                               "printf '%s' '" + canary + "' > /dev/udp/" + net.office + "/10"});
    CHECK(run(probe).exitCode == 0);
    return canary;
}

/// The greeting five times over (about a minute), as a WAV in `dir` for a
/// softphone's microphone, so that whenever a call is accepted some of it
/// crosses; its path.
inline fs::path writeTalk(const fs::path& dir)
{
    const auto greeting = greetingSamples();
    std::vector<std::int16_t> talk;
    for (int i = 0; i < 5; ++i) {
        talk.insert(talk.end(), greeting.begin(), greeting.end());
    }
    const auto path = dir / "talk.wav";
    writeFile(path, makeWav(talk));
    return path;
}

/// What the router's capture between home and office must not show in the
/// clear while a softphone at home registered and took calls: SIP (requests,
/// headers, SDP, keys), the account's `secrets`, the line's number, or the
/// greeting's G.711; the `canary` sent in the clear must be found (the
/// search works). RTCP and ICMP are set aside, and must be few.
inline void checkNothingReadable(const std::vector<std::string>& packets, const std::string& office,
                                 const std::string& canary, const std::vector<std::string>& secrets)
{
    CHECK(packets.size() > 400);
    const auto [onWire, rtcp] = searchable(packets, office);
    INFO(rtcp << " RTCP and ICMP packets set aside");
    CHECK(rtcp < packets.size() / 10);
    CHECK(onWire.find(canary) != std::string::npos);
    std::vector<std::string> plain{
        "SIP/2.0", "REGISTER", "INVITE", "Via:", "m=audio", "a=crypto", "inline:", "5555550100"};
    plain.insert(plain.end(), secrets.begin(), secrets.end());
    for (const auto& p : plain) {
        INFO("in the clear on the wire: " << p);
        CHECK(onWire.find(p) == std::string::npos);
    }
    CHECK(runsFound(onWire, greetingRuns()) == 0);
}

} // namespace warmline::test::nat
