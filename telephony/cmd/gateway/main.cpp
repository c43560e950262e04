// warmline-gateway: one daemon per site. Owns the store, the queue, the
// carrier webhooks and the operator link.

#include "core/config/Config.h"
#include "core/config/LineContent.h"
#include "core/config/LineSettings.h"
#include "core/domain/CallerIdentity.h"
#include "core/domain/LineReplies.h"
#include "core/domain/ShiftFigures.h"
#include "core/risk/LanguageGuess.h"
#include "core/risk/RiskEngine.h"
#include "core/security/LoginThrottle.h"
#include "core/security/PasswordHasher.h"
#include "core/store/StoreWorker.h"
#include "telephony/cmd/gateway/ConfigSettings.h"
#include "telephony/cmd/gateway/SiteBackup.h"
#include "telephony/gateway/FaultScope.h"
#include "telephony/gateway/Gateway.h"
#include "telephony/media/Wav.h"
#include "telephony/net/HttpServer.h"
#include "telephony/net/OutboundHttp.h"
#include "telephony/sip/CallService.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;
using namespace warmline;
using namespace warmline::telephony;

namespace {

constexpr const char* kUsage = R"(usage:
  warmline-gateway [--config FILE] [--data-dir DIR] [--ready-file FILE]
  warmline-gateway [--config FILE] [--data-dir DIR] add-operator NAME --role ROLE
                   [--capacity N] --password-stdin
  warmline-gateway [--config FILE] [--data-dir DIR] backup FILE
                   (--passphrase-file PFILE | --passphrase-stdin)
  warmline-gateway [--config FILE] [--data-dir DIR] restore FILE
                   (--passphrase-file PFILE | --passphrase-stdin)
  warmline-gateway --print-example-config | --print-config-reference
  warmline-gateway --help

  --config FILE       the configuration file (every key: docs/config.md)
  --data-dir DIR      where the store and the site key live (default ./warmline-data)
  --ready-file FILE   write "http_port=N" here once listening (for scripts and tests);
                      removed at start and at exit, so it never names a port early

  backup              copy the store (while the gateway runs) and the site key into
                      FILE, sealed with a passphrase of 12 characters or more
  restore             put a backup's store and site key in place of the data directory's
                      (kept in before-restore-TIME/); refused while a gateway runs on it
  add-operator        create an account (e.g. the first admin) and exit; the password
                      is read from the first line of standard input
)";

struct Args
{
    std::string config;
    std::string dataDir = "warmline-data";
    std::string readyFile;
    std::vector<std::string> command;
};

[[noreturn]] void usageError(const std::string& message)
{
    std::cerr << "warmline-gateway: " << message << "\n\n" << kUsage;
    std::exit(2);
}

Args parseArgs(int argc, char** argv)
{
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usageError(arg + " needs a value");
            }
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            std::exit(0);
        } else if (arg == "--print-example-config") {
            std::cout << renderExampleConfig();
            std::exit(0);
        } else if (arg == "--print-config-reference") {
            std::cout << renderConfigMarkdown();
            std::exit(0);
        } else if (arg == "--config") {
            a.config = value();
        } else if (arg == "--data-dir") {
            a.dataDir = value();
        } else if (arg == "--ready-file") {
            a.readyFile = value();
        } else {
            a.command.push_back(arg);
        }
    }
    return a;
}

spdlog::level::level_enum spdlogLevel(LogLevel level)
{
    switch (level) {
    case LogLevel::Trace:
        return spdlog::level::trace;
    case LogLevel::Debug:
        return spdlog::level::debug;
    case LogLevel::Info:
        return spdlog::level::info;
    case LogLevel::Warn:
        return spdlog::level::warn;
    case LogLevel::Error:
        return spdlog::level::err;
    }
    return spdlog::level::info;
}

void raiseFileLimit()
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

void writeReadyFile(const std::string& path, std::uint16_t port, const sip::CallService* calls)
{
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (calls != nullptr) {
            out << "sip_udp_port=" << calls->udpPort() << "\n";
            out << "sip_tcp_port=" << calls->tcpPort() << "\n";
            out << "sip_tls_port=" << calls->tlsPort() << "\n";
        }
        // Last, so that a reader seeing it sees the whole file.
        out << "http_port=" << port << "\n";
    }
    fs::rename(tmp, path);
}

int addOperator(const Args& args, StoreWorker& writer)
{
    const auto& cmd = args.command;
    if (cmd.size() < 2) {
        usageError("add-operator needs a NAME");
    }
    OperatorAccount account;
    account.name = cmd[1];
    std::optional<Role> role;
    bool passwordStdin = false;
    for (std::size_t i = 2; i < cmd.size(); ++i) {
        if (cmd[i] == "--role" && i + 1 < cmd.size()) {
            role = parseRole(cmd[++i]);
            if (!role) {
                usageError("--role must be operator, lead, supervisor or admin");
            }
        } else if (cmd[i] == "--capacity" && i + 1 < cmd.size()) {
            account.textCapacity = std::atoi(cmd[++i].c_str());
            if (account.textCapacity < 1 || account.textCapacity > 10) {
                usageError("--capacity must be 1..10");
            }
        } else if (cmd[i] == "--password-stdin") {
            passwordStdin = true;
        } else {
            usageError("unknown option for add-operator: " + cmd[i]);
        }
    }
    if (!role) {
        usageError("add-operator needs --role");
    }
    if (!passwordStdin) {
        usageError("add-operator reads the password with --password-stdin");
    }
    account.role = *role;
    account.createdAt = nowMs();
    std::string password;
    std::getline(std::cin, password);
    if (password.size() < 10) {
        std::cerr << "warmline-gateway: a password needs at least 10 characters\n";
        return 1;
    }
    std::promise<StoreResult<bool>> done;
    auto fut = done.get_future();
    writer.call(
        [account, password](Repository& repo) {
            if (repo.operators().operatorByName(account.name)) {
                return false;
            }
            repo.operators().addOperator(account, PasswordHasher().hash(password));
            return true;
        },
        [&done](StoreResult<bool> r) { done.set_value(std::move(r)); });
    auto r = fut.get();
    if (r.error) {
        std::cerr << "warmline-gateway: could not store the account\n";
        return 1;
    }
    if (!*r.value) {
        std::cerr << "warmline-gateway: an account named " << account.name << " exists\n";
        return 1;
    }
    std::cout << "added " << toString(account.role) << " " << account.name << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const Args args = parseArgs(argc, argv);
    if (!args.command.empty() && args.command[0] != "add-operator" && args.command[0] != "backup" &&
        args.command[0] != "restore") {
        usageError("unknown argument " + args.command[0]);
    }

    GatewayConfig config;
    try {
        config = args.config.empty() ? GatewayConfig{} : loadGatewayConfig(args.config);
    } catch (const std::exception& e) {
        std::cerr << "warmline-gateway: " << e.what() << "\n";
        return 2;
    }

    if (!args.command.empty() && (args.command[0] == "backup" || args.command[0] == "restore")) {
        const fs::path store = config.store.path.empty() ? fs::path(args.dataDir) / "warmline.db"
                                                         : fs::path(config.store.path);
        return args.command[0] == "backup" ? runBackup(args.dataDir, store, args.command)
                                           : runRestore(args.dataDir, store, args.command);
    }

    LineContent lineContent;
    std::shared_ptr<const RiskEngine> risk;
    std::optional<sip::CallSettings> calls;
    if (args.command.empty()) {
        try {
            lineContent =
                loadLineContent(resourcePath(config.line.contentFile, "line-content.json"));
            risk = std::make_shared<const RiskEngine>(
                RiskEngine::fromFile(resourcePath(config.line.riskRules, "risk-rules.txt")));
            if (config.sip.enabled) {
                calls = callSettings(config, args.config);
            }
        } catch (const std::exception& e) {
            std::cerr << "warmline-gateway: " << e.what() << "\n";
            return 2;
        }
    }

    auto logger = spdlog::stderr_color_mt("gateway");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    spdlog::set_level(spdlogLevel(config.log.level));
    if (config.line.timeZoneFromOffset) {
        spdlog::warn("line.timezone_offset_minutes is deprecated (no daylight saving): set "
                     "line.timezone to the line's IANA zone instead");
    }

    try {
        fs::create_directories(args.dataDir);
        fs::permissions(args.dataDir, fs::perms::owner_all, fs::perm_options::replace);
        // One gateway per data directory; a restore waits for it to stop.
        const DataDirLock lock(args.dataDir);
        if (args.command.empty() && !lock.held()) {
            std::cerr << "warmline-gateway: another warmline-gateway is running on " << args.dataDir
                      << "\n";
            return 2;
        }
        // The ready file says "listening now": one left by an earlier run
        // must not say it before this one listens, nor after it stops.
        struct ReadyFileGuard
        {
            std::string path;
            ~ReadyFileGuard()
            {
                if (!path.empty()) {
                    std::error_code ec;
                    fs::remove(path, ec);
                }
            }
        } readyGuard;
        if (args.command.empty() && !args.readyFile.empty()) {
            std::error_code ec;
            fs::remove(args.readyFile, ec);
            readyGuard.path = args.readyFile;
        }
        SiteKeys keys = SiteKeys::loadOrCreate(fs::path(args.dataDir) / "site.key");

        StoreOptions storeOptions;
        storeOptions.path = config.store.path.empty() ? fs::path(args.dataDir) / "warmline.db"
                                                      : fs::path(config.store.path);
        storeOptions.synchronous =
            config.store.synchronous == StoreSynchronous::Off      ? Synchronous::Off
            : config.store.synchronous == StoreSynchronous::Normal ? Synchronous::Normal
                                                                   : Synchronous::Full;
        storeOptions.groupCommitMax = static_cast<std::size_t>(config.store.groupCommitMax);
        storeOptions.maxPageCount = config.store.maxPages;
        // Declared before the store's workers so that it outlives them: they
        // post their completions to it until their threads have joined.
        boost::asio::io_context ioc(1);
        StoreWorker writer(storeOptions, StoreWorker::Mode::Writer);
        StoreWorker reader(storeOptions, StoreWorker::Mode::Reader);

        if (!args.command.empty()) {
            return addOperator(args, writer);
        }

        raiseFileLimit();

        GatewaySettings settings = gatewaySettings(config, std::move(lineContent), std::move(risk));
        settings.directoryFile = (fs::path(args.dataDir) / "directory.db").string();
        if (const char* faults = std::getenv("WARMLINE_TEST_FAULTS");
            faults && std::string_view(faults) == "1") {
            settings.testFaults = true;
            spdlog::warn("WARMLINE_TEST_FAULTS=1: the link command debug.fault is on (tests only)");
        }
        if (const char* clock = std::getenv("WARMLINE_TEST_CHECKIN_CLOCK"); clock && *clock) {
            // "START_MS,RATE": check-ins run on a clock that starts at
            // START_MS and runs RATE times real time (tests only).
            const std::string_view text(clock);
            const auto comma = text.find(',');
            long long start = 0;
            int rate = 0;
            const auto a =
                std::from_chars(text.data(), text.data() + std::min(comma, text.size()), start);
            const auto b =
                comma == std::string_view::npos
                    ? std::from_chars_result{nullptr, std::errc::invalid_argument}
                    : std::from_chars(text.data() + comma + 1, text.data() + text.size(), rate);
            if (a.ec != std::errc() || b.ec != std::errc() || rate < 1 || rate > 1'000'000) {
                throw std::runtime_error(
                    "WARMLINE_TEST_CHECKIN_CLOCK must be START_MS,RATE (RATE 1 to 1000000)");
            }
            settings.checkIns.clockStartMs = start;
            settings.checkIns.clockRate = rate;
            spdlog::warn("WARMLINE_TEST_CHECKIN_CLOCK is set: check-ins run on a test clock, {} "
                         "times real time",
                         rate);
        }

        LoginThrottle::Settings throttleSettings;
        throttleSettings.maxFailures = config.auth.maxFailedLogins;
        throttleSettings.lockoutMs = config.auth.lockout.count();
        LoginThrottle throttle(throttleSettings);
        Gateway gateway(ioc.get_executor(), settings, writer, reader, keys, throttle,
                        makeSender(config, ioc.get_executor()));

        HttpServerSettings http;
        http.address = config.http.address;
        http.port = config.http.port;
        http.maxBodyBytes = config.http.maxBodyBytes;
        http.headerTimeoutMs = static_cast<int>(config.http.headerTimeout.count());
        http.bodyTimeoutMs = static_cast<int>(config.http.bodyTimeout.count());
        http.idleTimeoutMs = static_cast<int>(config.http.idleTimeout.count());
        http.maxConnections = static_cast<std::size_t>(config.http.maxConnections);
        http.webhookCommitTimeoutMs = static_cast<int>(config.http.webhookCommitTimeout.count());
        http.linkMaxMessageBytes = config.link.maxMessageBytes;
        http.linkPingIntervalMs = static_cast<int>(config.link.pingInterval.count());
        http.linkMaxOutboundFrames = static_cast<std::size_t>(config.link.maxOutboundQueue);
        http.certificateFile = config.tls.certificate;
        http.privateKeyFile = config.tls.privateKey;
        http.allowPlaintextRemote = config.tls.allowPlaintextRemote;
        http.publicUrl = config.http.publicUrl;
        http.twilioAuthToken = config.twilio.authToken;
        http.validateTwilioSignature = config.twilio.validateSignature;
        http.metricsDiskPath = fs::absolute(storeOptions.path).parent_path().string();
        HttpServer server(ioc, http, gateway, writer);
        std::unique_ptr<sip::CallService> callService;
        if (calls) {
            callService = std::make_unique<sip::CallService>(ioc, endpointSettings(config),
                                                             std::move(*calls), gateway);
            gateway.setCallService(callService.get());
            if (!config.overflow.partnerNameRecording.empty()) {
                spdlog::info("sip: the overflow offer says the partner line's name as recorded");
            }
        }

        int exitCode = 0;
        gateway.start([&](std::string error) {
            if (!error.empty()) {
                spdlog::critical("{}", error);
                exitCode = 1;
                ioc.stop();
                return;
            }
            try {
                const auto port = server.start();
                spdlog::info("listening on {}:{} ({})", http.address, port,
                             http.certificateFile.empty() ? "http, ws" : "https, wss");
                if (callService) {
                    callService->start();
                    if (callService->tlsPort() != 0) {
                        spdlog::info("SIP on {} (UDP {}, TCP {}, TLS {})", config.sip.address,
                                     callService->udpPort(), callService->tcpPort(),
                                     callService->tlsPort());
                    } else {
                        spdlog::info("SIP on {} (UDP {}, TCP {}; no TLS without tls.certificate)",
                                     config.sip.address, callService->udpPort(),
                                     callService->tcpPort());
                    }
                }
                if (!args.readyFile.empty()) {
                    writeReadyFile(args.readyFile, port, callService.get());
                }
            } catch (const std::exception& e) {
                spdlog::critical("{}", e.what());
                exitCode = 1;
                ioc.stop();
            }
        });

        // SIGHUP: read the config file, the line content, the risk rules
        // and the TLS certificate again, without dropping a contact, a link
        // or a call (docs/install.md). A file that fails to load changes
        // nothing; what only a restart applies is named.
        const GatewayConfig started = config;
        auto reload = [&]() {
            spdlog::info("SIGHUP: reloading the configuration");
            GatewayConfig fresh;
            GatewaySettings next;
            try {
                fresh = args.config.empty() ? GatewayConfig{} : loadGatewayConfig(args.config);
                auto content =
                    loadLineContent(resourcePath(fresh.line.contentFile, "line-content.json"));
                auto rules = std::make_shared<const RiskEngine>(
                    RiskEngine::fromFile(resourcePath(fresh.line.riskRules, "risk-rules.txt")));
                next = gatewaySettings(fresh, std::move(content), std::move(rules));
            } catch (const std::exception& e) {
                spdlog::error("reload failed, still running on the previous configuration: {}",
                              e.what());
                return;
            }
            bool tlsReloaded = false;
            bool sipTlsReloaded = false;
            if (!fresh.tls.certificate.empty() || !fresh.tls.privateKey.empty()) {
                try {
                    server.reloadTls(fresh.tls.certificate, fresh.tls.privateKey);
                    tlsReloaded = true;
                } catch (const std::exception& e) {
                    spdlog::error("reload: TLS certificate not changed: {}", e.what());
                }
            } else if (!started.tls.certificate.empty()) {
                spdlog::warn("reload: tls.certificate is now empty; serving the previous "
                             "certificate until a restart");
            }
            // SIP over TLS: its own certificate, or else the one above.
            if (const auto [cert, key] = sipCertificate(fresh);
                !cert.empty() && callService && callService->tlsPort() != 0) {
                try {
                    callService->reloadTls(cert, key);
                    sipTlsReloaded = true;
                } catch (const std::exception& e) {
                    spdlog::error("reload: SIP's TLS certificate not changed: {}", e.what());
                }
            }
            for (const auto& key : restartOnlyChanges(started, fresh)) {
                spdlog::warn("reload: {} changed; it takes effect after a restart", key);
            }
            if (fresh.line.timeZoneFromOffset) {
                spdlog::warn("line.timezone_offset_minutes is deprecated (no daylight saving): "
                             "set line.timezone to the line's IANA zone instead");
            }
            const auto rulesVersion = next.risk ? next.risk->version() : std::string();
            gateway.reloadSettings(std::move(next));
            spdlog::set_level(spdlogLevel(fresh.log.level));
            config = fresh;
            spdlog::info("reloaded: config, line content, risk rules {}, time zone {}{}{}",
                         rulesVersion, fresh.line.timeZone.name(),
                         tlsReloaded ? ", TLS certificate" : "",
                         sipTlsReloaded ? ", SIP's TLS certificate" : "");
        };
        boost::asio::signal_set hangups(ioc, SIGHUP);
        std::function<void()> awaitHangup = [&]() {
            hangups.async_wait([&](boost::system::error_code ec, int) {
                if (!ec) {
                    reload();
                    awaitHangup();
                }
            });
        };
        awaitHangup();

        boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
        signals.async_wait([&](boost::system::error_code ec, int sig) {
            if (!ec) {
                spdlog::info("signal {}: stopping", sig);
                if (callService) {
                    gateway.setCallService(nullptr);
                    callService->stop();
                }
                hangups.cancel();
                server.stop();
                ioc.stop();
            }
        });
        // A handler that throws (a socket's, a timer's, the SIP side's) costs
        // its own request, not the gateway: log it and keep serving. Asio
        // resumes run() after an exception has left it.
        for (;;) {
            try {
                ioc.run();
                break;
            } catch (...) {
                fault::logEscaped("an event-loop handler", std::current_exception());
            }
        }
        return exitCode;
    } catch (const std::exception& e) {
        spdlog::critical("{}", e.what());
        return 1;
    }
}
