#pragma once

// What the SIP call tests share: a gateway answering calls with an admin and
// an operator "sam", sipp callers and desk phones on ports of their own, and
// readers for /metrics, sipp's message log and link events. Needs sipp
// (Debian package sip-tester).

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace warmline::test::sipcall {

inline const std::string kSipp = "/usr/bin/sipp";
inline const std::string kBaresip = "/usr/bin/baresip";
inline const std::string kLine = "+15555550100";
inline const std::string kAdminPassword = "admin-pw-5f2a9c1e";
inline const std::string kOperatorPassword = "sam-password-123";

inline std::filesystem::path scenario(const std::string& name)
{
    return std::filesystem::path(WARMLINE_SOURCE_DIR) / "tests/telephony/sip" / name;
}

inline void requireSipp()
{
    if (!std::filesystem::exists(kSipp)) {
        FAIL("sipp is not installed: run scripts/deps test (Debian package sip-tester)");
    }
}

/// RTP ports of their own per test process, so parallel tests seldom meet
/// (a gateway skips a port another one holds). All in 20000-31999: below the
/// system's ephemeral range (32768 and up), and above 10000-19999, where
/// freeUdpPort() finds the ports sipp binds: a gateway must not take a port
/// between freeUdpPort() choosing it and sipp binding it.
inline std::string rtpRange()
{
    const int base = 20000 + static_cast<int>(::getpid() % 12) * 1000;
    return "rtp_port_min = " + std::to_string(base) +
           "\nrtp_port_max = " + std::to_string(base + 999) + "\n";
}

/// A gateway answering calls, with an admin and an operator "sam".
struct CallGateway
{
    explicit CallGateway(const std::string& sipExtra = {}, const std::string& answerDelay = "200ms",
                         std::vector<std::pair<std::string, std::string>> env = {})
        : gw([&] {
              GatewayOptions o;
              o.start = false;
              o.env = std::move(env);
              o.configExtra = "[outbound]\nprovider = none\n[sip]\nenabled = true\nudp_port = "
                              "0\ntcp_port = 0\nanswer_delay = " +
                              answerDelay + "\nline_numbers = " + kLine + "\n" + rtpRange() +
                              // sipp's uas scenario would take the gateway's
                              // OPTIONS for a call and fail it: checks are
                              // off unless a test asks for them.
                              (sipExtra.find("phone_check_interval") == std::string::npos
                                   ? "phone_check_interval = 0\n"
                                   : "") +
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

    /// Changes `from` to `to` in the config file and reloads it (SIGHUP),
    /// waiting for the gateway's log to say it reloaded.
    void reload(const std::string& from, const std::string& to)
    {
        auto config = readFile(gw.configPath());
        const auto at = config.find(from);
        REQUIRE(at != std::string::npos);
        writeFile(gw.configPath(), config.replace(at, from.size(), to));
        const auto reloads = [this] {
            const auto log = gw.log();
            std::size_t n = 0;
            for (auto i = log.find("reloaded:"); i != std::string::npos;
                 i = log.find("reloaded:", i + 1)) {
                ++n;
            }
            return n;
        };
        const auto before = reloads();
        gw.process()->kill(SIGHUP);
        REQUIRE(waitFor([&] { return reloads() > before; }, std::chrono::seconds(20)));
    }

    std::string metrics()
    {
        telephony::SimpleHttpClient http(gw.url());
        return http.get("/metrics").body;
    }

    GatewayProcess gw;
    int sipPort = 0;
};

/// The /metrics counter of RTP packets the gateway relayed to one leg
/// (caller, operator, lead, crisis_line, interpreter, partner_line).
inline std::string relayedTo(const std::string& leg)
{
    return "warmline_rtp_relayed_packets_total{to=\"" + leg + "\"}";
}

/// A value of the gateway's /metrics, e.g. `warmline_calls_total{result="bridged"}`.
inline std::int64_t metric(const std::string& text, const std::string& name)
{
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) {
        return -1;
    }
    return std::atoll(text.c_str() + at + name.size() + 2);
}

/// Waits until each counter of /metrics has grown by at least `by` since
/// `base` (a metrics text read before).
inline bool grewBy(CallGateway& g, const std::string& base, const std::vector<std::string>& names,
                   std::int64_t by)
{
    return waitFor(
        [&] {
            const auto now = g.metrics();
            return std::all_of(names.begin(), names.end(), [&](const std::string& n) {
                return metric(now, n) >= metric(base, n) + by;
            });
        },
        std::chrono::seconds(15), std::chrono::milliseconds(100));
}

struct SippOptions
{
    std::vector<std::string> args;    ///< scenario and its options
    std::filesystem::path messageLog; ///< -trace_msg file, if wanted
};

/// sipp with its own control, signalling and media ports on 127.0.0.1.
/// Returns once its SIP port (-p) is bound, so that nothing sent to it
/// meets a closed port (or once it has exited, which its exit code tells).
inline std::unique_ptr<Process> startSipp(const std::filesystem::path& dir, const std::string& name,
                                          std::vector<std::string> args,
                                          const std::filesystem::path& messageLog = {})
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
    int sipPort = 0;
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == "-p") {
            sipPort = std::stoi(args[i + 1]);
        }
    }
    auto process = std::make_unique<Process>(std::move(p));
    if (sipPort != 0) {
        const bool ready =
            waitFor([&] { return udpPortBound(sipPort) || !process->running(); }, 20s, 20ms);
        INFO("sipp " << name << " stderr: " << process->stderrText());
        REQUIRE(ready);
        // sipp exits 254 when it cannot bind a port. When it has exited by
        // now, say so here, not as a missing call half a minute later. (It
        // binds -p before -cp and -mp, so a late bind failure still shows
        // only as its exit code; freeUdpPort keeps one process's picks apart.)
        if (!process->running()) {
            const auto code = process->waitExit(5s);
            REQUIRE(code);
            REQUIRE(*code != 254);
        }
    }
    return process;
}

/// A caller placing `calls` calls from scenario `file` at `rate` per second.
inline std::unique_ptr<Process> startCaller(CallGateway& g, const std::string& file,
                                            const std::vector<std::string>& extra,
                                            const std::filesystem::path& messageLog = {})
{
    std::vector<std::string> args = {
        "-sf", scenario(file).string(),       "127.0.0.1:" + std::to_string(g.sipPort),
        "-p",  std::to_string(freeUdpPort()), "-s",
        kLine};
    args.insert(args.end(), extra.begin(), extra.end());
    return startSipp(g.gw.dir(), "caller", args, messageLog);
}

inline int exitOf(Process& p, std::chrono::milliseconds timeout = 90s)
{
    const auto code = p.waitExit(timeout);
    INFO("sipp stdout:\n" << p.stdoutText().substr(0, 4000) << "\nstderr:\n" << p.stderrText());
    REQUIRE(code);
    return *code;
}

/// When sipp sent (or, with `received`, got) the first message whose first
/// line starts with `start`, from its -trace_msg log.
inline std::optional<std::chrono::system_clock::time_point>
loggedAt(const std::filesystem::path& log, const std::string& start, bool received)
{
    std::istringstream in(readFile(log));
    std::string line;
    std::string stamp;
    bool wanted = false;
    while (std::getline(in, line)) {
        if (line.rfind("-----", 0) == 0) {
            const auto at = line.find_first_not_of("- ");
            stamp = at == std::string::npos ? std::string() : line.substr(at);
            wanted = false;
        } else if (line.find(received ? "message received" : "message sent") != std::string::npos) {
            wanted = true;
        } else if (wanted && line.rfind(start, 0) == 0) {
            std::tm tm{};
            std::istringstream ts(stamp);
            ts >> std::get_time(&tm, "%Y-%m-%d %H:%M:%S");
            const auto dot = stamp.find('.');
            const long micros = dot == std::string::npos ? 0 : std::atol(stamp.c_str() + dot + 1);
            tm.tm_isdst = -1;
            return std::chrono::system_clock::from_time_t(std::mktime(&tm)) +
                   std::chrono::microseconds(micros);
        }
    }
    return std::nullopt;
}

/// When sipp sent the first message starting with `method`, from its -trace_msg log.
inline std::optional<std::chrono::system_clock::time_point> sentAt(const std::filesystem::path& log,
                                                                   const std::string& method)
{
    return loggedAt(log, method + " ", false);
}

inline std::string str(const boost::json::value& v)
{
    return v.is_string() ? std::string(v.as_string()) : std::string();
}

inline bool isCall(const boost::json::object& e)
{
    return str(e.at("contact").as_object().at("channel")) == "call";
}

inline std::int64_t contactIdOf(const boost::json::object& e)
{
    return e.at("contact").as_object().at("id").as_int64();
}

/// sam's row of the lead's board.snapshot ({} when sam is not on it).
inline boost::json::object samRow(OperatorLink& lead)
{
    const auto board = lead.call("board.snapshot");
    for (const auto& op : board.at("operators").as_array()) {
        if (str(op.at("name")) == "sam") {
            return op.as_object();
        }
    }
    return {};
}

} // namespace warmline::test::sipcall
