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
// synthetic (+1555555 01xx). sip_nat_softphone_test.cpp turns it round:
// the operator's softphone is at home, registering over TLS through the
// router (decisions 156 and 157), and a caller in the office reaches it.

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
#include "telephony/nat/NatFixture.h"

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
using namespace warmline::test::nat;

namespace {

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
        // Its microphone: the greeting over and over (writeTalk).
        writeBaresipHome(homeDir, "+15555550145", srtp.config, srtp.account, net.homeAddress,
                         writeTalk(g.gw.dir()));
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
    for (const auto& tool : {kNft, kTcpdump, kSipp, kBaresip, std::string("/usr/bin/openssl")}) {
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
