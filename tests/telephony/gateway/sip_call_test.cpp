// Calls through a real warmline-gateway with real SIP peers: sipp as the
// trunk's callers (scenarios in tests/telephony/sip/) and as the operators' desk
// phones, baresip as a caller with audio, warmlinectl for the operator's
// accept. Needs the Debian packages sip-tester and baresip-core (scripts/deps
// test). All numbers are synthetic (+1555555 01xx).

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <array>
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
namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::system_clock;

namespace {

const std::string kSipp = "/usr/bin/sipp";
const std::string kBaresip = "/usr/bin/baresip";
const std::string kLine = "+15555550100";
const std::string kAdminPassword = "admin-pw-5f2a9c1e";
const std::string kOperatorPassword = "sam-password-123";

fs::path scenario(const std::string& name)
{
    return fs::path(WARMLINE_SOURCE_DIR) / "tests/telephony/sip" / name;
}

void requireSipp()
{
    if (!fs::exists(kSipp)) {
        FAIL("sipp is not installed: run scripts/deps test (Debian package sip-tester)");
    }
}

/// RTP ports of their own per test process, so parallel tests do not meet.
std::string rtpRange()
{
    const int base = 21000 + static_cast<int>(::getpid() % 40) * 1000;
    return "rtp_port_min = " + std::to_string(base) +
           "\nrtp_port_max = " + std::to_string(base + 999) + "\n";
}

/// A gateway answering calls, with an admin and an operator "sam".
struct CallGateway
{
    explicit CallGateway(const std::string& sipExtra = {}, const std::string& answerDelay = "200ms")
        : gw([&] {
              GatewayOptions o;
              o.start = false;
              o.configExtra = "[outbound]\nprovider = none\n[sip]\nenabled = true\nudp_port = "
                              "0\ntcp_port = 0\nanswer_delay = " +
                              answerDelay + "\nline_numbers = " + kLine + "\n" + rtpRange() +
                              sipExtra;
              return o;
          }())
    {
        gw.addOperator("admin", "admin", kAdminPassword);
        gw.addOperator("sam", "operator", kOperatorPassword);
        gw.start();
        sipPort = gw.readyValue("sip_udp_port");
        REQUIRE(sipPort > 0);
    }

    /// warmlinectl as `name`; the result must be a success.
    std::string ctl(const std::string& name, const std::vector<std::string>& args)
    {
        const auto login = gw.runCtl({"login", "--name", name, "--password-stdin"},
                                     (name == "admin" ? kAdminPassword : kOperatorPassword) + "\n");
        REQUIRE(login.exitCode == 0);
        const auto r = gw.runCtl(args);
        INFO("warmlinectl " << args.front() << ": " << r.err);
        REQUIRE(r.exitCode == 0);
        return r.out;
    }

    /// Gives sam a desk phone at `port` and makes sam available.
    void samTakesCallsAt(int port)
    {
        ctl("admin", {"operator", "sip", "sam", "sip:desk@127.0.0.1:" + std::to_string(port)});
        ctl("sam", {"presence", "available"});
    }

    std::string metrics()
    {
        telephony::SimpleHttpClient http(gw.url());
        return http.get("/metrics").body;
    }

    GatewayProcess gw;
    int sipPort = 0;
};

/// A value of the gateway's /metrics, e.g. `warmline_calls_total{result="bridged"}`.
std::int64_t metric(const std::string& text, const std::string& name)
{
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) {
        return -1;
    }
    return std::atoll(text.c_str() + at + name.size() + 2);
}

struct SippOptions
{
    std::vector<std::string> args; ///< scenario and its options
    fs::path messageLog;           ///< -trace_msg file, if wanted
};

/// sipp with its own control, signalling and media ports on 127.0.0.1.
std::unique_ptr<Process> startSipp(const fs::path& dir, const std::string& name,
                                   std::vector<std::string> args, const fs::path& messageLog = {})
{
    ProcessOptions p;
    p.argv = {kSipp};
    p.argv.insert(p.argv.end(), args.begin(), args.end());
    p.argv.insert(p.argv.end(),
                  {"-i", "127.0.0.1", "-nostdin", "-cp", std::to_string(freeUdpPort()), "-mp",
                   std::to_string(freeUdpPort()), "-timeout", "120s"});
    if (!messageLog.empty()) {
        p.argv.insert(p.argv.end(), {"-trace_msg", "-message_file", messageLog.string()});
    }
    p.outputDir = dir;
    p.name = name;
    return std::make_unique<Process>(std::move(p));
}

/// A caller placing `calls` calls from scenario `file` at `rate` per second.
std::unique_ptr<Process> startCaller(CallGateway& g, const std::string& file,
                                     const std::vector<std::string>& extra,
                                     const fs::path& messageLog = {})
{
    std::vector<std::string> args = {
        "-sf", scenario(file).string(),       "127.0.0.1:" + std::to_string(g.sipPort),
        "-p",  std::to_string(freeUdpPort()), "-s",
        kLine};
    args.insert(args.end(), extra.begin(), extra.end());
    return startSipp(g.gw.dir(), "caller", args, messageLog);
}

int exitOf(Process& p, std::chrono::milliseconds timeout = 90s)
{
    const auto code = p.waitExit(timeout);
    INFO("sipp stdout:\n" << p.stdoutText().substr(0, 4000) << "\nstderr:\n" << p.stderrText());
    REQUIRE(code);
    return *code;
}

/// When sipp sent the first message starting with `method`, from its -trace_msg log.
std::optional<Clock::time_point> sentAt(const fs::path& log, const std::string& method)
{
    std::istringstream in(readFile(log));
    std::string line;
    std::string stamp;
    bool sent = false;
    while (std::getline(in, line)) {
        if (line.rfind("-----", 0) == 0) {
            const auto at = line.find_first_not_of("- ");
            stamp = at == std::string::npos ? std::string() : line.substr(at);
            sent = false;
        } else if (line.find("message sent") != std::string::npos) {
            sent = true;
        } else if (sent && line.rfind(method + " ", 0) == 0) {
            std::tm tm{};
            std::istringstream ts(stamp);
            ts >> std::get_time(&tm, "%Y-%m-%d %H:%M:%S");
            const auto dot = stamp.find('.');
            const long micros = dot == std::string::npos ? 0 : std::atol(stamp.c_str() + dot + 1);
            tm.tm_isdst = -1;
            return Clock::from_time_t(std::mktime(&tm)) + std::chrono::microseconds(micros);
        }
    }
    return std::nullopt;
}

std::string str(const json::value& v)
{
    return v.is_string() ? std::string(v.as_string()) : std::string();
}

bool isCall(const json::object& e)
{
    return str(e.at("contact").as_object().at("channel")) == "call";
}

std::int64_t contactIdOf(const json::object& e)
{
    return e.at("contact").as_object().at("id").as_int64();
}

} // namespace

TEST_CASE("a call is queued, accepted with warmlinectl, put through to a desk phone, and ended")
{
    requireSipp();
    CallGateway g;
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);

    // The caller stays on for 6 s after the answer, then hangs up.
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "6000"});
    const auto queued = lead.waitEvent("contact.queued", isCall);
    const auto id = contactIdOf(queued);
    CHECK(str(queued.at("contact").as_object().at("alias")) != "");
    CHECK(queued.at("contact").as_object().at("preview").as_string().empty());

    const auto accepted = json::parse(g.ctl("sam", {"accept", std::to_string(id)})).as_object();
    CHECK(accepted.at("contact").as_object().at("state") == "active");
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });

    // The caller's BYE ends the desk phone's leg too, and starts wrap-up.
    lead.waitEvent("contact.updated", [&](const json::object& e) {
        return contactIdOf(e) == id && str(e.at("contact").as_object().at("state")) == "wrap-up";
    });
    CHECK(exitOf(*caller) == 0);
    CHECK(exitOf(*desk) == 0);
    const auto m = g.metrics();
    CHECK(metric(m, "warmline_calls_total{result=\"bridged\"}") == 1);
    CHECK(metric(m, "warmline_calls_active") == 0);
    g.ctl("sam", {"close", std::to_string(id), "--note", "Caller wanted to talk about work."});
}

TEST_CASE("wrap-up from the link ends both legs of a call")
{
    requireSipp();
    CallGateway g;
    const int deskPort = freeUdpPort();
    // The desk phone answers and waits for the gateway's BYE.
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    // The operator ends the call from the app (wrap-up): both legs get BYE.
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
    CHECK(metric(g.metrics(), "warmline_calls_active") == 0);
}

TEST_CASE("a caller who cancels while ringing leaves every queue view within 200 ms")
{
    requireSipp();
    CallGateway g({}, "10s");
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    const auto log = g.gw.dir() / "cancel-messages.log";
    auto caller = startCaller(g, "caller_cancel.xml", {"-m", "1", "-d", "1500"}, log);
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto closed = lead.waitEvent("contact.closed",
                                       [&](const json::object& e) { return contactIdOf(e) == id; });
    const auto seenAt = Clock::now();
    CHECK(str(closed.at("contact").as_object().at("state")) == "abandoned");
    CHECK(closed.at("position").as_int64() == 1);
    CHECK(closed.at("waitMs").as_int64() >= 1000);
    CHECK(exitOf(*caller) == 0); // 200 for the CANCEL, 487 for the INVITE
    const auto cancelAt = sentAt(log, "CANCEL");
    REQUIRE(cancelAt);
    const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(seenAt - *cancelAt);
    INFO("CANCEL sent to contact.closed seen: " << latency.count() << " ms");
    CHECK(latency < 200ms);
    const auto queue = json::parse(g.ctl("admin", {"queue"})).as_object();
    CHECK(queue.at("queue").as_array().empty());
}

TEST_CASE("RTP ports another program holds are skipped, not a reason to refuse a call")
{
    requireSipp();
    // Another program holds the first 24 ports of this gateway's RTP range
    // (12 of the even ports RTP uses).
    const int base = std::stoi(rtpRange().substr(rtpRange().find('=') + 2));
    std::vector<int> held;
    for (int port = base; port < base + 24; ++port) {
        const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0) {
            held.push_back(fd);
        } else {
            ::close(fd);
        }
    }
    REQUIRE(held.size() >= 18); // more than the 8 even ports that used to be tried
    CallGateway g;
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "2000"});
    // Answered and queued, on a port past the ones in use.
    const auto queued = lead.waitEvent("contact.queued", isCall);
    const auto id = contactIdOf(queued);
    lead.waitEvent("contact.closed", [&](const json::object& e) { return contactIdOf(e) == id; });
    CHECK(exitOf(*caller) == 0);
    for (const int fd : held) {
        ::close(fd);
    }
}

TEST_CASE("a caller who hangs up while queued is abandoned with wait time and queue position")
{
    requireSipp();
    CallGateway g;
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    // Two callers: the first waits 8 s, the second hangs up after 2 s while
    // second in line.
    auto first = startCaller(g, "caller.xml", {"-m", "1", "-d", "8000"});
    const auto firstId = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto log = g.gw.dir() / "bye-messages.log";
    auto second = startCaller(g, "caller.xml", {"-m", "1", "-d", "2000"}, log);
    const auto secondId = contactIdOf(lead.waitEvent(
        "contact.queued", [&](const json::object& e) { return contactIdOf(e) != firstId; }));
    const auto closed = lead.waitEvent(
        "contact.closed", [&](const json::object& e) { return contactIdOf(e) == secondId; });
    const auto seenAt = Clock::now();
    CHECK(str(closed.at("contact").as_object().at("state")) == "abandoned");
    CHECK(closed.at("position").as_int64() == 2);
    CHECK(closed.at("waitMs").as_int64() >= 2000);
    CHECK(exitOf(*second) == 0);
    const auto byeAt = sentAt(log, "BYE");
    REQUIRE(byeAt);
    const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(seenAt - *byeAt);
    INFO("BYE sent to contact.closed seen: " << latency.count() << " ms");
    CHECK(latency < 200ms);
    CHECK(exitOf(*first) == 0);
    lead.waitEvent("contact.closed",
                   [&](const json::object& e) { return contactIdOf(e) == firstId; });
}

TEST_CASE("ring-no-answer puts the call back at the head of the queue and the operator on break")
{
    requireSipp();
    CallGateway g("operator_ring_timeout = 2s\n");
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sf", scenario("operator_noanswer.xml").string(), "-p",
                           std::to_string(deskPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto first = startCaller(g, "caller.xml", {"-m", "1", "-d", "30000"});
    const auto firstId = contactIdOf(lead.waitEvent("contact.queued", isCall));
    auto second = startCaller(g, "caller.xml", {"-m", "1", "-d", "30000"});
    lead.waitEvent("contact.queued",
                   [&](const json::object& e) { return contactIdOf(e) != firstId; });

    // sam takes the second caller; the phone rings 2 s unanswered.
    const auto queue = json::parse(g.ctl("sam", {"queue"})).as_object();
    const auto secondId = queue.at("queue").as_array().at(1).as_object().at("id").as_int64();
    g.ctl("sam", {"accept", std::to_string(secondId)});
    const auto notice = sam.waitEvent("operator.notice", [](const json::object&) { return true; });
    CHECK(str(notice.at("kind")) == "ring-no-answer");
    CHECK(notice.at("contactId").as_int64() == secondId);
    lead.waitEvent("presence.changed", [](const json::object& e) {
        return str(e.at("operator").as_object().at("name")) == "sam" &&
               str(e.at("operator").as_object().at("presence")) == "break";
    });
    const auto after = json::parse(g.ctl("admin", {"queue"})).as_object();
    const auto& order = after.at("queue").as_array();
    REQUIRE(order.size() == 2);
    CHECK(order.at(0).as_object().at("id").as_int64() == secondId); // at the head
    CHECK(exitOf(*desk) == 0); // CANCEL answered 200 + 487, ACKed
    first->kill(SIGTERM);
    second->kill(SIGTERM);
    first->waitExit(10s);
    second->waitExit(10s);
}

TEST_CASE("after ring-no-answer the call can be accepted again and is put through")
{
    requireSipp();
    CallGateway g("operator_ring_timeout = 2s\n");
    const int silentPort = freeUdpPort();
    auto silent = startSipp(g.gw.dir(), "desk",
                            {"-sf", scenario("operator_noanswer.xml").string(), "-p",
                             std::to_string(silentPort), "-m", "1"});
    g.samTakesCallsAt(silentPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    const auto notice = sam.waitEvent("operator.notice", [](const json::object&) { return true; });
    CHECK(str(notice.at("kind")) == "ring-no-answer");
    CHECK(exitOf(*silent) == 0); // CANCEL answered 200 + 487, ACKed

    // The phone is fixed and sam is back: the same call is put through.
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk-again",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    g.ctl("sam", {"accept", std::to_string(id)});
    const auto connected = lead.tryEvent(
        "call.connected", [&](const json::object& e) { return e.at("contactId").as_int64() == id; },
        30s);
    if (!connected) {
        const auto again = sam.tryEvent(
            "operator.notice",
            [&](const json::object& e) {
                return str(e.at("message")) != str(notice.at("message"));
            },
            5s);
        FAIL("the call was not put through again: " << (again ? str(again->at("message"))
                                                              : std::string("no notice either")));
    }
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

TEST_CASE("100 calls wait in the queue at once, then all hang up")
{
    requireSipp();
    CallGateway g("max_calls = 200\n");
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto callers =
        startCaller(g, "caller.xml", {"-m", "100", "-l", "100", "-r", "50", "-d", "10000"});
    CHECK(waitFor(
        [&] { return metric(g.metrics(), "warmline_queue_by_channel{channel=\"call\"}") == 100; },
        30s, 100ms));
    CHECK(metric(g.metrics(), "warmline_calls_active") == 100);
    CHECK(exitOf(*callers) == 0);
    CHECK(waitFor([&] { return metric(g.metrics(), "warmline_calls_active") == 0; }, 10s));
    CHECK(metric(g.metrics(), "warmline_queue_by_channel{channel=\"call\"}") == 0);
}

TEST_CASE("with 5% of messages lost, calls complete and retransmissions keep to their schedule")
{
    requireSipp();
    CallGateway g;
    const auto log = g.gw.dir() / "lossy-messages.log";
    auto callers = startCaller(
        g, "caller.xml", {"-m", "40", "-l", "20", "-r", "10", "-d", "500", "-lost", "5"}, log);
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
    fs::create_directories(home);
    // Above the gateways' ranges (rtpRange) and the kernel's ephemeral ports,
    // so no other test's sockets sit in it.
    const int rtpBase = 61000 + static_cast<int>(::getpid() % 40) * 100;
    writeFile(home / "config",
              std::string("poll_method epoll\nsip_listen 127.0.0.1:0") +
                  "\naudio_player aubridge,nil\naudio_alert aubridge,nil\naudio_source aufile," +
                  (fs::path(WARMLINE_SOURCE_DIR) / "resources/audio/greeting.wav").string() +
                  "\naudio_srate 8000\naudio_channels 1\nrtp_ports " + std::to_string(rtpBase) +
                  "-" + std::to_string(rtpBase + 99) +
                  "\nmodule_path /usr/lib/baresip/modules\nmodule g711.so\nmodule aufile.so\n"
                  "module aubridge.so\nmodule account.so\nmodule_app menu.so\n");
    writeFile(home / "accounts", "<sip:+15555550142@127.0.0.1>;regint=0;audio_codecs=PCMU\n");
    ProcessOptions p;
    p.argv = {kBaresip,
              "-f",
              home.string(),
              "-e",
              "/dial sip:" + kLine + "@127.0.0.1:" + std::to_string(g.sipPort),
              "-t",
              "60"};
    p.outputDir = g.gw.dir();
    p.name = "baresip";
    Process baresip(std::move(p));

    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    // 50 packets a second each way: after a few seconds both directions carry audio.
    std::int64_t toOperator = 0;
    std::int64_t toCaller = 0;
    const bool flowing = waitFor(
        [&] {
            const auto m = g.metrics();
            toOperator = metric(m, "warmline_rtp_relayed_packets_total{to=\"operator\"}");
            toCaller = metric(m, "warmline_rtp_relayed_packets_total{to=\"caller\"}");
            return toOperator >= 100 && toCaller >= 100;
        },
        20s, 200ms);
    INFO("relayed to the desk phone: " << toOperator << ", back to baresip: " << toCaller);
    CHECK(flowing);
    // Hanging up from the link ends both legs; baresip hears the BYE.
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    CHECK(waitForFileContaining(baresip.stdoutPath(), "terminated", 10s));
    baresip.stop(5s);
}

TEST_CASE("a caller who presses 2 in the greeting goes to operators who speak Spanish")
{
    requireSipp();
    CallGateway g("languages = 2=es\n");
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller_spanish.xml", {"-m", "1", "-d", "30000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto chosen = lead.waitEvent("contact.updated", [&](const json::object& e) {
        return contactIdOf(e) == id && e.at("contact").as_object().contains("language");
    });
    CHECK(str(chosen.at("contact").as_object().at("language")) == "es");
    CHECK(metric(g.metrics(), "warmline_dtmf_keys_total") >= 1);

    // sam speaks only the line's language: refused, and the head of the
    // queue is not offered to sam either.
    const auto login =
        g.gw.runCtl({"login", "--name", "sam", "--password-stdin"}, kOperatorPassword + "\n");
    REQUIRE(login.exitCode == 0);
    const auto refused = g.gw.runCtl({"accept", std::to_string(id)});
    CHECK(refused.exitCode == 5);
    CHECK(refused.err.find("es") != std::string::npos);
    CHECK(g.gw.runCtl({"accept"}).exitCode == 1); // nobody else is waiting

    g.ctl("admin", {"operator", "languages", "sam", "es"});
    const auto accepted = json::parse(g.ctl("sam", {"accept"})).as_object();
    CHECK(accepted.at("contact").as_object().at("id").as_int64() == id);
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
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

TEST_CASE("the app's softphone registered on the link gets the call and is asked to answer at once")
{
    requireSipp();
    CallGateway g;
    const int softphonePort = freeUdpPort();
    const auto log = g.gw.dir() / "softphone-messages.log";
    // sipp stands in for the app's softphone (which answers by itself).
    auto softphone =
        startSipp(g.gw.dir(), "softphone",
                  {"-sn", "uas", "-p", std::to_string(softphonePort), "-m", "1", "-rtp_echo"}, log);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    {
        OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
        // sam has no phone on the profile: without the softphone, no calls.
        sam.call("presence.set", {{"presence", "available"}});
        auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
        const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
        const auto refused = sam.raw("contact.accept", {{"contactId", id}});
        CHECK(refused.kind == link::ServerFrame::Kind::Error);
        CHECK(refused.code == link::ErrorCode::Conflict);

        sam.call("softphone.register",
                 {{"uri", "sip:warmline-app@127.0.0.1:" + std::to_string(softphonePort)}});
        sam.call("contact.accept", {{"contactId", id}});
        lead.waitEvent("call.connected",
                       [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
        const auto invite = readFile(log);
        CHECK(invite.find("Call-Info: <sip:127.0.0.1>;answer-after=0") != std::string::npos);
        sam.call("contact.wrapup", {{"contactId", id}});
        CHECK(exitOf(*softphone) == 0);
        caller->kill(SIGTERM);
        caller->waitExit(10s);
        sam.call("contact.close", {{"contactId", id}, {"note", "Test call."}});
    }
    // sam's link is gone, and with it the softphone: calls are refused again.
    OperatorLink again(g.gw.linkUrl(), "sam", kOperatorPassword);
    again.call("presence.set", {{"presence", "available"}});
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto second = contactIdOf(lead.waitEvent("contact.queued", [&](const json::object& e) {
        return isCall(e) && str(e.at("contact").as_object().at("state")) == "queued" &&
               e.at("contact").as_object().at("id").as_int64() > 1;
    }));
    const auto refused = again.raw("contact.accept", {{"contactId", second}});
    CHECK(refused.code == link::ErrorCode::Conflict);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

TEST_CASE(
    "calls do not survive a restart: a queued call is recorded as abandoned, not left waiting")
{
    requireSipp();
    CallGateway g;
    {
        OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
        auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
        lead.waitEvent("contact.queued", isCall);
        caller->kill(SIGKILL); // the trunk is gone too; no BYE will come
        caller->waitExit(10s);
    }
    g.gw.restart();
    const auto queue = json::parse(g.ctl("admin", {"queue"})).as_object();
    CHECK(queue.at("queue").as_array().empty());
    // The contact is on record as abandoned in the caller's history.
    SQLite::Database db((g.gw.dataDir() / "warmline.db").string(), SQLite::OPEN_READONLY);
    CHECK(waitFor(
        [&] {
            return db.execAndGet("SELECT COUNT(*) FROM contacts WHERE channel = 'call' AND "
                                 "state = 'abandoned' AND abandoned_wait_ms IS NOT NULL")
                       .getInt() == 1;
        },
        5s));
}

namespace {

const std::string kToCaller = "warmline_rtp_relayed_packets_total{to=\"caller\"}";
const std::string kToOperator = "warmline_rtp_relayed_packets_total{to=\"operator\"}";
const std::string kToCrisis = "warmline_rtp_relayed_packets_total{to=\"crisis_line\"}";

std::string lastStepKind(const json::object& escalation)
{
    const auto& steps = escalation.at("steps").as_array();
    return steps.empty() ? std::string() : str(steps.back().as_object().at("kind"));
}

const json::object& lastStepDetail(const json::object& escalation)
{
    return escalation.at("steps").as_array().back().as_object().at("detail").as_object();
}

/// A call with sam on it and an open escalation; returns {contact, escalation}.
std::pair<std::int64_t, std::int64_t> callWithEscalation(CallGateway& g, OperatorLink& lead,
                                                         OperatorLink& sam)
{
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    const auto opened =
        sam.call("escalation.open",
                 {{"contactId", id}, {"level", "high"}, {"reason", "Caller describes a plan."}});
    return {id, opened.at("escalation").as_object().at("id").as_int64()};
}

/// Waits until each counter has grown by at least `by` packets since `base`.
bool grewBy(CallGateway& g, const std::string& base, const std::vector<std::string>& names,
            std::int64_t by)
{
    return waitFor(
        [&] {
            const auto now = g.metrics();
            return std::all_of(names.begin(), names.end(), [&](const std::string& n) {
                return metric(now, n) >= metric(base, n) + by;
            });
        },
        15s, 100ms);
}

} // namespace

TEST_CASE("warm transfer of a call: the crisis line joins through the trunk, all three hear each "
          "other, the operator leaves and the caller stays with the crisis line")
{
    requireSipp();
    const int crisisPort = freeUdpPort();
    CallGateway g("trunk_uri = sip:{number}@127.0.0.1:" + std::to_string(crisisPort) + "\n");
    const int deskPort = freeUdpPort();
    // The desk phone and the crisis line echo the audio they hear.
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    auto crisis =
        startSipp(g.gw.dir(), "crisis",
                  {"-sn", "uas", "-p", std::to_string(crisisPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    // The caller talks (sipp's A-law recording) for 28 s, then hangs up.
    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1", "-d", "500"});
    const auto [id, escalationId] = callWithEscalation(g, lead, sam);

    // Completing before any transfer is refused.
    CHECK(sam.raw("escalation.transfer.complete", {{"escalationId", escalationId}}).code ==
          link::ErrorCode::Conflict);

    // 988 is a number: dialled through the trunk (sip.trunk_uri).
    const auto started =
        sam.call("escalation.transfer", {{"escalationId", escalationId}, {"line", "988"}});
    const auto& e1 = started.at("escalation").as_object();
    CHECK(lastStepKind(e1) == "transfer_started");
    CHECK(str(lastStepDetail(e1).at("via")) == "call");
    CHECK(str(lastStepDetail(e1).at("line")) == "988");
    sam.waitEvent("call.transfer", [&](const json::object& e) {
        return e.at("contactId").as_int64() == id && str(e.at("state")) == "connected";
    });

    // Three-way: audio reaches every leg.
    const auto threeWay = g.metrics();
    CHECK(grewBy(g, threeWay, {kToCaller, kToOperator, kToCrisis}, 50));

    // The operator leaves: their phone gets BYE, the contact goes to wrap-up.
    const auto done = sam.call("escalation.transfer.complete", {{"escalationId", escalationId}});
    CHECK(lastStepKind(done.at("escalation").as_object()) == "transfer_done");
    CHECK(exitOf(*desk) == 0);
    lead.waitEvent("contact.updated", [&](const json::object& e) {
        return contactIdOf(e) == id && str(e.at("contact").as_object().at("state")) == "wrap-up";
    });

    // The caller and the crisis line go on talking; nothing more to the operator.
    const auto twoWay = g.metrics();
    CHECK(grewBy(g, twoWay, {kToCaller, kToCrisis}, 50));
    CHECK(metric(g.metrics(), kToOperator) == metric(twoWay, kToOperator));

    // Closing the escalation and the contact leaves the call alone.
    sam.call("escalation.close", {{"escalationId", escalationId}, {"outcome", "warm_transfer"}});
    g.ctl("sam", {"close", std::to_string(id), "--note", "Handed to 988 on the call."});
    CHECK(metric(g.metrics(), "warmline_calls_active") == 1);

    // The caller's BYE ends the crisis line's leg too.
    CHECK(exitOf(*caller) == 0);
    CHECK(exitOf(*crisis) == 0);
    CHECK(waitFor([&] { return metric(g.metrics(), "warmline_calls_active") == 0; }, 10s));
}

TEST_CASE("a crisis line that answers 486: transfer_failed with the reason, the call goes on")
{
    requireSipp();
    const int crisisPort = freeUdpPort();
    CallGateway g("trunk_uri = sip:{number}@127.0.0.1:" + std::to_string(crisisPort) + "\n");
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    auto crisis = startSipp(
        g.gw.dir(), "crisis",
        {"-sf", scenario("crisis_busy.xml").string(), "-p", std::to_string(crisisPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1", "-d", "500"});
    const auto [id, escalationId] = callWithEscalation(g, lead, sam);

    sam.call("escalation.transfer", {{"escalationId", escalationId}, {"line", "988"}});
    const auto failed = sam.waitEvent("escalation.updated", [&](const json::object& e) {
        return lastStepKind(e.at("escalation").as_object()) == "transfer_failed";
    });
    const auto& detail = lastStepDetail(failed.at("escalation").as_object());
    CHECK(str(detail.at("reason")).find("486") != std::string::npos);
    CHECK(str(detail.at("via")) == "call");
    const auto notice = sam.waitEvent("operator.notice", [](const json::object& e) {
        return str(e.at("kind")) == "transfer-failed";
    });
    CHECK(notice.at("contactId").as_int64() == id);
    CHECK(exitOf(*crisis) == 0);

    // The caller and the operator still hear each other.
    const auto base = g.metrics();
    CHECK(grewBy(g, base, {kToCaller, kToOperator}, 50));
    CHECK(metric(g.metrics(), "warmline_calls_active") == 1);
    CHECK(metric(g.metrics(), kToCrisis) == 0);

    // The operator ends the call from the app: both legs get BYE.
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

namespace {

std::string outcomeOf(const link::ServerFrame& f)
{
    if (f.kind == link::ServerFrame::Kind::Ack) {
        return "ack";
    }
    return f.kind == link::ServerFrame::Kind::Error ? std::string(link::toString(f.code))
                                                    : "event " + f.name;
}

} // namespace

TEST_CASE("softphone.set takes precedence over the desk phone, and call.hold plays hold audio")
{
    requireSipp();
    CallGateway g;
    g.gw.addOperator("sue", "supervisor", kOperatorPassword);
    g.gw.addOperator("ana", "operator", kOperatorPassword);
    // The profile's desk phone does not exist: only the softphone can answer.
    g.ctl("admin", {"operator", "sip", "sam", "sip:desk@127.0.0.1:9"});
    const int softPort = freeUdpPort();
    auto soft = startSipp(g.gw.dir(), "softphone",
                          {"-sn", "uas", "-p", std::to_string(softPort), "-m", "1", "-rtp_echo"});
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    OperatorLink ana(g.gw.linkUrl(), "ana", kOperatorPassword);
    OperatorLink sue(g.gw.linkUrl(), "sue", kOperatorPassword);
    // Roles and bad input.
    CHECK(outcomeOf(sue.raw("softphone.set", {{"uri", "sip:sue@127.0.0.1:5070"}})) == "forbidden");
    CHECK(outcomeOf(sam.raw("softphone.set", {{"uri", "sip:sam@phone.example:5070"}})) ==
          "bad_request");
    CHECK(outcomeOf(sam.raw("softphone.set", {{"uri", "mailto:sam@127.0.0.1"}})) == "bad_request");
    const auto set =
        sam.call("softphone.set", {{"uri", "sip:operator@127.0.0.1:" + std::to_string(softPort)}});
    CHECK(str(set.at("uri")) == "sip:operator@127.0.0.1:" + std::to_string(softPort));
    sam.call("presence.set", {{"presence", "available"}});

    auto caller = startCaller(g, "caller_talks.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    CHECK(outcomeOf(sam.raw("call.hold", {{"contactId", id}, {"on", true}})) == "forbidden");
    sam.call("contact.accept", {{"contactId", id}});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    const auto relayed = "warmline_rtp_relayed_packets_total{to=\"caller\"}";
    const auto prompt = "warmline_rtp_packets_total{kind=\"prompt\"}";
    // The softphone's echo reaches the caller...
    const bool echoed = waitFor([&] { return metric(g.metrics(), relayed) > 50; }, 15s, 100ms);
    INFO("caller: " << caller->stdoutText().substr(0, 3000) << caller->stderrText()
                    << "\nsoftphone: " << soft->stderrText());
    CHECK(echoed);
    // ...until the operator holds: then hold audio, and nothing relayed.
    CHECK(outcomeOf(ana.raw("call.hold", {{"contactId", id}, {"on", true}})) == "forbidden");
    CHECK(outcomeOf(sam.raw("call.hold", {{"contactId", id}})) == "bad_request");
    const auto held = sam.call("call.hold", {{"contactId", id}, {"on", true}});
    CHECK(held.at("on").as_bool());
    sam.waitEvent("call.held", [&](const json::object& e) {
        return e.at("contactId").as_int64() == id && e.at("on").as_bool();
    });
    const auto atHold = g.metrics();
    CHECK(waitFor([&] { return metric(g.metrics(), prompt) > metric(atHold, prompt) + 100; }, 15s,
                  100ms));
    CHECK(metric(g.metrics(), relayed) - metric(atHold, relayed) <= 5); // in flight at most
    sam.call("call.hold", {{"contactId", id}, {"on", false}});
    const auto atResume = g.metrics();
    CHECK(waitFor([&] { return metric(g.metrics(), relayed) > metric(atResume, relayed) + 50; },
                  15s, 100ms));
    // Wrap-up ends both legs; the softphone gets its BYE.
    sam.call("contact.wrapup", {{"contactId", id}});
    CHECK(exitOf(*soft) == 0);
    CHECK(outcomeOf(sam.raw("call.hold", {{"contactId", id}, {"on", true}})) == "conflict");
    caller->kill(SIGTERM);
    caller->waitExit(10s);
    // Logging out forgets the softphone: the next accept needs the desk phone.
    sam.call("logout");
    OperatorLink sam2(g.gw.linkUrl(), "sam", kOperatorPassword);
    sam2.call("contact.close", {{"contactId", id}, {"note", "Talked about the week."}});
    sam2.call("presence.set", {{"presence", "available"}});
    lead.call("operator.sip", {{"name", "sam"}, {"uri", ""}});
    auto caller2 = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto id2 = contactIdOf(lead.waitEvent("contact.queued", [&](const json::object& e) {
        return isCall(e) && contactIdOf(e) != id;
    }));
    CHECK(outcomeOf(sam2.raw("contact.accept", {{"contactId", id2}})) == "conflict");
    caller2->kill(SIGTERM);
    caller2->waitExit(10s);
}
