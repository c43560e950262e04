// The operator's softphone at home, behind the NAT test's router (see
// sip_nat_test.cpp, whose main() makes the office and skips where network
// namespaces cannot be made): baresip, and the app's own softphone engine
// (warmline_softphone_probe, liblinphone), connect out over TLS, register
// with sam's link's account (decisions 156 and 157) and take a caller's call
// from the office with SRTP; nothing of it is readable on the wire.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/TempDir.h"
#include "telephony/gateway/BaresipCaller.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/nat/NatFixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
using namespace warmline::test::nat;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

/// sam's softphone's registration as the board shows it, once it shows one
/// registered after `after` (ms since the epoch); {} if none within `within`.
boost::json::object waitForRegistration(OperatorLink& lead, std::int64_t after,
                                        std::chrono::milliseconds within = 30s)
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
        within, 100ms);
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
    const auto talk = writeTalk(g.gw.dir());
    writeBaresipHome(homeDir, "unused", srtp.config, {}, net.homeAddress, talk);
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
        samAcceptsAndAudioFlows(g, lead, id);
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
    checkNothingReadable(packets, net.office, canary, {username, password});
    CHECK(metric(g.metrics(), "warmline_sip_registrations_total{result=\"registered\"}") == 2);
}

#ifdef WARMLINE_SOFTPHONE_PROBE
namespace {

/// The loudest 16-bit sample in a WAV's data (0 if there is none).
int loudestSample(const fs::path& path)
{
    const auto bytes = readFile(path);
    const auto data = bytes.find("data");
    if (data == std::string::npos) {
        return 0;
    }
    int loudest = 0;
    for (std::size_t i = data + 8; i + 1 < bytes.size(); i += 2) {
        const auto sample = static_cast<std::int16_t>(
            static_cast<std::uint8_t>(bytes[i]) | (static_cast<std::uint8_t>(bytes[i + 1]) << 8));
        loudest = std::max(loudest, std::abs(int(sample)));
    }
    return loudest;
}

} // namespace

TEST_CASE("behind NAT: the app's own softphone registers over TLS and takes a call with SRTP")
{
    NatNetwork net;
    // The site's certificate names its gateway, and home finds that name
    // (ip netns exec gives home /etc/netns/<home>/hosts as its /etc/hosts).
    TempDir certs;
    const auto cert = certs.path() / "gateway.pem";
    const auto key = certs.path() / "gateway-key.pem";
    const std::string name = "gateway.office.test";
    REQUIRE(run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                 key.string(), "-out", cert.string(), "-days", "2", "-subj", "/CN=" + name,
                 "-addext", "subjectAltName=DNS:" + name})
                .exitCode == 0);
    fs::create_directories("/etc/netns/" + net.home);
    writeFile("/etc/netns/" + net.home + "/hosts",
              "127.0.0.1 localhost\n" + net.office + " " + name + "\n");
    CallGateway g("address = " + net.office + "\nallowed_sources = 127.0.0.1, " + net.office +
                  "\ntls_enabled = true\ntls_port = 0\ntls_certificate = " + cert.string() +
                  "\ntls_private_key = " + key.string() + "\nphone_check_interval = 1s\n");
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    sam.call("presence.set", {{"presence", "available"}});
    const auto account = sam.call("softphone.account");
    const auto username = str(account.at("username"));
    const auto password = str(account.at("password"));

    // The app's softphone engine at home, its microphone the greeting over
    // and over, registering through the router with sam's link's account.
    const auto talk = writeTalk(g.gw.dir());
    const fs::path heard = g.gw.dir() / "app-heard.wav";
    ProcessOptions p;
    p.argv = net.in(net.home);
    for (const auto& arg : std::vector<std::string>{
             WARMLINE_SOFTPHONE_PROBE, "--identity", str(account.at("uri")), "--host", name,
             "--port", std::to_string(account.at("tlsPort").as_int64()), "--username", username,
             "--realm", str(account.at("realm")), "--ca", cert.string(), "--play", talk.string(),
             "--record", heard.string(), "--data", (g.gw.dir() / "app-softphone").string()}) {
        p.argv.push_back(arg);
    }
    p.env = {{"WARMLINE_PROBE_PASSWORD", password}, {"HOME", (g.gw.dir() / "app-home").string()}};
    p.outputDir = g.gw.dir();
    p.name = "app-softphone";

    Capture wire(g.gw.dir(), "wan", net.in(net.router), "wan");
    const std::string canary = sendCanary(net);
    Process softphone(std::move(p));
    INFO("app softphone: " << softphone.stdoutText() << softphone.stderrText());
    REQUIRE(waitForFileContaining(softphone.stdoutPath(), "registered", 30s));
    const auto reg = waitForRegistration(lead, 0);
    REQUIRE_FALSE(reg.empty());
    CHECK(str(reg.at("transport")) == "tls");

    // A caller in the office; sam accepts; the call reaches the app at home
    // over its connection, SRTP, and audio is relayed both ways.
    auto caller = officeCaller(g, net);
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    // 200 each way (4 s): enough on the wire for the capture's checks.
    samAcceptsAndAudioFlows(g, lead, id, 200);
    CHECK(waitForFileContaining(softphone.stdoutPath(), "connected srtp=1", 20s));
    // liblinphone's first packet or two on a stream are dropped (seen on
    // one host too, app_softphone); the audio is not.
    CHECK(metric(g.metrics(), "warmline_rtp_packets_total{kind=\"srtp_rejected\"}") < 10);
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(waitForFileContaining(softphone.stdoutPath(), "ended", 10s));
    caller->kill(SIGTERM);
    caller->waitExit(10s);
    g.ctl("sam", {"close", std::to_string(id), "--note", "Talked about the week."});

    // The home's line gets a new address: the softphone's connection dies
    // without anything closing it, as does the app's link, which the app
    // notices (its heartbeat) and opens again. It takes the account away
    // while the link is down and gives it back when it is up (the probe
    // does the same on SIGUSR1 and SIGUSR2). The softphone must then
    // register on a new connection at once, not wait for the dead one to
    // time out, and the next call must reach it.
    net.renumberRouter();
    softphone.kill(SIGUSR1);
    REQUIRE(waitForFileContaining(softphone.stdoutPath(), "account dropped", 10s));
    softphone.kill(SIGUSR2);
    REQUIRE(waitForFileContaining(softphone.stdoutPath(), "account set", 10s));
    // 15 s: a REGISTER lost on the dead connection would wait 32 s (Timer F).
    const auto again = waitForRegistration(lead, reg.at("registeredAt").as_int64(), 15s);
    INFO("app softphone after the new address: " << softphone.stdoutText());
    REQUIRE_FALSE(again.empty());
    CHECK(str(again.at("transport")) == "tls");
    auto second = officeCaller(g, net);
    const auto id2 =
        contactIdOf(lead.waitEvent("contact.queued", [&](const boost::json::object& e) {
            return isCall(e) && contactIdOf(e) != id;
        }));
    samAcceptsAndAudioFlows(g, lead, id2, 50);
    CHECK(waitFor(
        [&] {
            const auto out = softphone.stdoutText();
            std::size_t n = 0;
            for (auto at = out.find("connected srtp=1"); at != std::string::npos;
                 at = out.find("connected srtp=1", at + 1)) {
                ++n;
            }
            return n == 2;
        },
        20s, 100ms));
    g.ctl("sam", {"wrapup", std::to_string(id2)});
    second->kill(SIGTERM);
    second->waitExit(10s);
    softphone.stop(10s);
    CHECK(waitForFileContaining(softphone.stdoutPath(), "stopped", 1s));
    // What the app heard is the caller's recording, not silence.
    CHECK(loudestSample(heard) > 1000);

    // Nothing of the call is readable between home and office.
    const auto packets = pcapPackets(wire.stop());
    INFO("capture: " << wire.file);
    checkNothingReadable(packets, net.office, canary, {username, password});
}
#endif
