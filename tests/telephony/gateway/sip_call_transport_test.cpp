// Calls through a real warmline-gateway over imperfect and real transports:
// sipp callers with 10% of messages lost (retransmission schedules), baresip
// as a caller with audio relayed both ways, calls over TCP, and baresip
// calling over TLS, with SRTP media (its own SRTP, libre's, against the
// gateway's libsrtp2). Needs the
// Debian packages sip-tester and baresip-core (scripts/deps test). All
// numbers are synthetic (+1555555 01xx).

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/BaresipCaller.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/media/Wav.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <array>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <netinet/in.h>
#include <regex>
#include <set>
#include <sstream>
#include <sys/socket.h>
#include <unistd.h>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::system_clock;

TEST_CASE("with 10% of messages lost, calls complete and retransmissions keep to their schedule")
{
    requireSipp();
    CallGateway g;
    const auto log = g.gw.dir() / "lossy-messages.log";
    auto callers = startCaller(
        g, "caller.xml", {"-m", "40", "-l", "20", "-r", "10", "-d", "500", "-lost", "10"}, log);
    // About 80 of sipp's messages (each call's two 200s) bring a
    // retransmission when lost: at 5% none was lost in about 1.7% of runs,
    // at 10% in about 0.02%.
    CHECK(exitOf(*callers, 150s) == 0);
    const auto m = g.metrics();
    CHECK(metric(m, "warmline_calls_total{result=\"answered\"}") == 40);
    // sipp's lost messages were made up for by retransmissions, ours and its.
    CHECK(metric(m, "warmline_sip_messages_total{kind=\"retransmission_received\"}") +
              metric(m, "warmline_sip_messages_total{kind=\"retransmission_sent\"}") >
          0);
    // Timer G: a 2xx to an INVITE that is not ACKed is resent after 500 ms,
    // then 1 s, 2 s, 4 s (T2). Every gap sipp saw between copies of one 200
    // must be one of those steps (a copy sipp itself dropped leaves a sum of
    // steps, also checked), within scheduling slack.
    std::map<std::string, std::vector<Clock::time_point>> okTimes;
    std::istringstream in(readFile(log));
    std::string line;
    std::string stamp;
    std::vector<std::string> block;
    auto finish = [&] {
        if (block.size() < 2 || block[0].find("message received") == std::string::npos ||
            block[1].rfind("SIP/2.0 200", 0) != 0) {
            return;
        }
        std::string callId;
        bool invite = false;
        for (const auto& l : block) {
            if (l.rfind("Call-ID:", 0) == 0) {
                callId = l;
            } else if (l.rfind("CSeq:", 0) == 0) {
                invite = l.find("INVITE") != std::string::npos;
            }
        }
        if (!invite || callId.empty() || stamp.empty()) {
            return;
        }
        std::tm tm{};
        std::istringstream ts(stamp);
        ts >> std::get_time(&tm, "%Y-%m-%d %H:%M:%S");
        tm.tm_isdst = -1;
        const long micros = std::atol(stamp.c_str() + stamp.find('.') + 1);
        okTimes[callId].push_back(Clock::from_time_t(std::mktime(&tm)) +
                                  std::chrono::microseconds(micros));
    };
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        // A separator starts each message; sipp appends "message lost" to the
        // last line of one it dropped on purpose, right before the next
        // separator (which then does not start its line).
        if (const auto dashes = line.find("-----------"); dashes != std::string::npos) {
            if (line.substr(0, dashes).find("lost") == std::string::npos) {
                finish();
            }
            block.clear();
            const auto at = line.find_first_not_of("- ", dashes);
            stamp = at == std::string::npos ? std::string() : line.substr(at);
            continue;
        }
        if (!line.empty()) {
            block.push_back(line);
        }
    }
    finish();
    int retransmitted = 0;
    for (const auto& [callId, times] : okTimes) {
        for (std::size_t i = 1; i < times.size(); ++i) {
            ++retransmitted;
            const auto gap =
                std::chrono::duration_cast<std::chrono::milliseconds>(times[i] - times[i - 1]);
            INFO(callId << ": a 200 again after " << gap.count() << " ms");
            static constexpr std::array<int, 7> kSteps = {500, 1000, 1500, 2000, 3000, 3500, 4000};
            const bool onSchedule = std::any_of(kSteps.begin(), kSteps.end(), [&](int step) {
                return std::abs(gap.count() - step) <= 120 + step / 10;
            });
            CHECK(onSchedule);
        }
    }
    INFO("200s retransmitted: " << retransmitted);
}

TEST_CASE("baresip calls with audio: its RTP reaches the desk phone's leg and comes back")
{
    requireSipp();
    if (!fs::exists(kBaresip)) {
        FAIL("baresip is not installed: run scripts/deps test (Debian package baresip-core)");
    }
    CallGateway g;
    const int deskPort = freeUdpPort();
    // The desk phone echoes every RTP packet it gets back to the gateway.
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);

    // baresip as the caller: no sound card, the greeting WAV as its microphone.
    const fs::path home = g.gw.dir() / "baresip";
    writeBaresipHome(home, "+15555550142");
    Process baresip = startBaresip(home, "sip:" + kLine + "@127.0.0.1:" + std::to_string(g.sipPort),
                                   g.gw.dir(), "baresip");

    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    samAcceptsAndAudioFlows(g, lead, id);
    // Hanging up from the link ends both legs; baresip hears the BYE.
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    CHECK(waitForFileContaining(baresip.stdoutPath(), "terminated", 10s));
    baresip.stop(5s);
}

TEST_CASE("calls over TCP: framed by Content-Length, answered on the same connection")
{
    requireSipp();
    CallGateway g;
    const int tcpPort = g.gw.readyValue("sip_tcp_port");
    REQUIRE(tcpPort > 0);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    std::vector<std::string> args = {"-sf",
                                     scenario("caller.xml").string(),
                                     "127.0.0.1:" + std::to_string(tcpPort),
                                     "-t",
                                     "t1",
                                     "-p",
                                     std::to_string(freeTcpPort()),
                                     "-s",
                                     kLine,
                                     "-m",
                                     "3",
                                     "-r",
                                     "3",
                                     "-d",
                                     "1000"};
    auto caller = startSipp(g.gw.dir(), "caller", args);
    std::set<std::int64_t> abandoned;
    for (int i = 0; i < 3; ++i) {
        const auto closed = lead.waitEvent("contact.closed", [&](const json::object& e) {
            return !abandoned.contains(contactIdOf(e));
        });
        CHECK(str(closed.at("contact").as_object().at("state")) == "abandoned");
        abandoned.insert(contactIdOf(closed));
    }
    CHECK(exitOf(*caller) == 0);
    CHECK(metric(g.metrics(), "warmline_calls_total{result=\"answered\"}") == 3);
}

TEST_CASE("a call over TLS: baresip's INVITE is answered on its encrypted connection")
{
    if (!fs::exists(kBaresip)) {
        FAIL("baresip is not installed: run scripts/deps test (Debian package baresip-core)");
    }
    const auto fixtures = fs::path(WARMLINE_SOURCE_DIR) / "tests/fixtures";
    GatewayOptions o;
    o.configExtra = "[outbound]\nprovider = none\n[tls]\ncertificate = " +
                    (fixtures / "test-cert.pem").string() +
                    "\nprivate_key = " + (fixtures / "test-key.pem").string() +
                    "\n[sip]\nenabled = true\nudp_port = 0\ntcp_port = 0\ntls_enabled = true\n"
                    "tls_port = 0\n"
                    "answer_delay = 200ms\nphone_check_interval = 0\nline_numbers = " +
                    kLine + "\n" + rtpRange();
    GatewayProcess gw(o);
    const int tlsPort = gw.readyValue("sip_tls_port");
    REQUIRE(tlsPort > 0);
    CHECK(gw.log().find("TLS " + std::to_string(tlsPort)) != std::string::npos);

    // baresip as the caller, over TLS to the gateway's TLS port, which
    // answers nothing in the clear (tls_transport_test). baresip 1.0 does
    // not check the server's certificate; tls_transport_test's client does.
    const fs::path home = gw.dir() / "baresip-tls";
    writeBaresipHome(home, "+15555550143",
                     "sip_cafile " + (fixtures / "test-cert.pem").string() + "\n");
    Process baresip = startBaresip(
        home, "sip:" + kLine + "@127.0.0.1:" + std::to_string(tlsPort) + ";transport=tls", gw.dir(),
        "baresip-tls");
    // The gateway answers (the greeting, then the queue) over that connection.
    CHECK(waitForFileContaining(baresip.stdoutPath(), "established", 20s));
    // The call is the line's: queued in the store as a call.
    SQLite::Database db((gw.dataDir() / "warmline.db").string(), SQLite::OPEN_READONLY);
    CHECK(waitFor(
        [&] {
            return db.execAndGet("SELECT COUNT(*) FROM contacts WHERE channel = 'call'").getInt() ==
                   1;
        },
        10s));
    baresip.stop(5s);
}

TEST_CASE("a call over TLS with SRTP: baresip's encrypted audio is relayed both ways")
{
    requireSipp();
    if (!fs::exists(kBaresip)) {
        FAIL("baresip is not installed: run scripts/deps test (Debian package baresip-core)");
    }
    const auto fixtures = fs::path(WARMLINE_SOURCE_DIR) / "tests/fixtures";
    CallGateway g(sipOwnTls());
    const int tlsPort = g.gw.readyValue("sip_tls_port");
    REQUIRE(tlsPort > 0);
    auto desk = echoingDeskForSam(g);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);

    // baresip insists on SRTP and records what it heard.
    const fs::path home = g.gw.dir() / "baresip-srtp";
    const fs::path recordings = g.gw.dir() / "baresip-recordings";
    const auto srtp = baresipSrtp(fixtures / "test-cert.pem", recordings);
    writeBaresipHome(home, "+15555550144", srtp.config, srtp.account);
    Process baresip = startBaresip(
        home, "sip:" + kLine + "@127.0.0.1:" + std::to_string(tlsPort) + ";transport=tls",
        g.gw.dir(), "baresip-srtp");

    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    CHECK(waitForFileContaining(baresip.stdoutPath(), "SRTP is Enabled", 10s));
    CHECK(g.gw.log().find("has SRTP media") != std::string::npos);
    // baresip's SRTP reaches the desk phone decrypted, and the echo goes
    // back encrypted.
    samAcceptsAndAudioFlows(g, lead, id);
    CHECK(metric(g.metrics(), "warmline_rtp_packets_total{kind=\"srtp_rejected\"}") == 0);
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    CHECK(waitForFileContaining(baresip.stdoutPath(), "terminated", 10s));
    baresip.stop(5s);
    checkBaresipHeardAudio(baresip, recordings);
    // A reload renews SIP's own certificate (and no HTTPS one is set), also
    // from a new file, with no warning that a sip.* change waits for a
    // restart.
    const auto renewed = g.gw.dir() / "renewed-cert.pem";
    fs::copy_file(fixtures / "test-cert.pem", renewed);
    g.reload("tls_certificate = " + (fixtures / "test-cert.pem").string(),
             "tls_certificate = " + renewed.string());
    const auto log = g.gw.log();
    const auto reloaded = log.find("reloaded:");
    REQUIRE(reloaded != std::string::npos);
    CHECK(
        log.substr(reloaded, log.find('\n', reloaded) - reloaded).find(", SIP's TLS certificate") !=
        std::string::npos);
    CHECK(log.find("not changed") == std::string::npos);
    CHECK(log.find("sip.* changed") == std::string::npos);
}
