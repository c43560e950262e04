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

#ifndef WARMLINE_RESOURCES_DIR
#define WARMLINE_RESOURCES_DIR ""
#endif
#ifndef WARMLINE_INSTALLED_RESOURCES_DIR
#define WARMLINE_INSTALLED_RESOURCES_DIR ""
#endif

/// A resource file: `configured` if set, else the installed copy, else the
/// source tree's.
fs::path resourcePath(const std::string& configured, const std::string& relative)
{
    if (!configured.empty()) {
        return configured;
    }
    const fs::path installed = fs::path(WARMLINE_INSTALLED_RESOURCES_DIR) / relative;
    std::error_code ec;
    if (!std::string_view(WARMLINE_INSTALLED_RESOURCES_DIR).empty() &&
        fs::is_regular_file(installed, ec)) {
        return installed;
    }
    return fs::path(WARMLINE_RESOURCES_DIR) / relative;
}

/// The call service's settings from the configuration; throws ConfigError
/// or WavError with the file and the reason.
sip::CallSettings callSettings(const GatewayConfig& config, const std::string& configFile)
{
    const auto& c = config.sip;
    sip::CallSettings s;
    try {
        s.allowedSources = sip::AddressFilter::parse(c.allowedSources);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(configFile, 0, "sip.allowed_sources", e.what());
    }
    s.authUsername = c.authUsername;
    s.authPassword = c.authPassword;
    s.authRealm = c.authRealm;
    s.lineNumbers = c.lineNumbers;
    s.rtpPortMin = c.rtpPortMin;
    s.rtpPortMax = c.rtpPortMax;
    s.languages = c.languages;
    s.answerDelay = c.answerDelay;
    s.operatorRingTimeout = c.operatorRingTimeout;
    s.allowPlainRemotePhones = c.allowPlainRemotePhones;
    s.crisisRingTimeout = c.transferRingTimeout;
    s.callbackRingTimeout = config.callbacks.ringTime;
    s.callbackAnswerWait = config.callbacks.answerWait;
    s.maxCalls = static_cast<std::size_t>(c.maxCalls);
    s.greeting = loadWav(resourcePath(c.greetingFile, "audio/greeting.wav"));
    s.hold = loadWav(resourcePath(c.holdFile, "audio/hold.wav"));
    // The partner line's name as the line recorded it (docs/coaching.md#overflow).
    std::vector<std::int16_t> partnerName;
    if (const auto& file = config.overflow.partnerNameRecording; !file.empty()) {
        try {
            partnerName = loadWav(file);
        } catch (const std::exception& e) {
            throw ConfigError(configFile, 0, "overflow.partner_name_recording", e.what());
        }
    }
    // Places in line 1-9 and "more than nine", each followed by the crisis
    // sentence, in English and Spanish (scripts/make-audio).
    for (const std::string lang : {"en", "es"}) {
        const auto crisis = loadWav(resourcePath("", "audio/position/" + lang + "-crisis.wav"));
        auto& prompts = s.positionPrompts[lang];
        for (int i = 1; i <= 10; ++i) {
            const std::string name = i == 10 ? "many" : std::to_string(i);
            auto samples =
                loadWav(resourcePath("", "audio/position/" + lang + "-" + name + ".wav"));
            s.positionPlaces[lang].push_back(samples);
            samples.insert(samples.end(), crisis.begin(), crisis.end());
            prompts.push_back(std::move(samples));
        }
        // A rough wait, said between the place and the crisis sentence when
        // the shift's pace gives one: about 5-60 minutes, or over an hour.
        for (int m = 5; m <= 65; m += 5) {
            const std::string name = m > 60 ? "wait-long" : "wait-" + std::to_string(m);
            auto samples =
                loadWav(resourcePath("", "audio/position/" + lang + "-" + name + ".wav"));
            samples.insert(samples.end(), crisis.begin(), crisis.end());
            s.waitPrompts[lang].push_back(std::move(samples));
        }
        // The overflow offer ("press 1"), played while overflow applies;
        // with the line's recording of the partner's name, it says it.
        if (partnerName.empty()) {
            s.overflowOffers[lang] =
                loadWav(resourcePath("", "audio/overflow/" + lang + "-offer.wav"));
        } else {
            auto offer = loadWav(resourcePath("", "audio/overflow/" + lang + "-offer-to.wav"));
            const auto press =
                loadWav(resourcePath("", "audio/overflow/" + lang + "-offer-press.wav"));
            offer.insert(offer.end(), partnerName.begin(), partnerName.end());
            offer.insert(offer.end(), press.begin(), press.end());
            s.overflowOffers[lang] = std::move(offer);
        }
        // The keypad survey after a call (docs/surveys.md).
        s.surveyQuestions[lang] =
            loadWav(resourcePath("", "audio/survey/" + lang + "-question.wav"));
        // Callbacks (docs/callbacks.md): the offer, the confirmation, and
        // the announcement a caller hears on answering the callback.
        const auto callback = [&](const std::string& what) {
            return loadWav(resourcePath("", "audio/callback/" + lang + "-" + what + ".wav"));
        };
        s.callbackOffers[lang] = callback("offer");
        s.callbackConfirmations[lang] = callback("confirm");
        s.callbackNumberQuestions[lang] = callback("number");
        s.callbackKeyPrompts[lang] = callback("key");
        s.callbackBadNumbers[lang] = callback("badnumber");
        s.callbackBadNumbers[lang].insert(s.callbackBadNumbers[lang].end(),
                                          s.callbackNumberQuestions[lang].begin(),
                                          s.callbackNumberQuestions[lang].end());
        s.callbackAnnouncements[lang] = callback("announce");
        s.checkInAnnouncements[lang] = callback("checkin");
        // An operator's own phone through the trunk, until they press 1
        // (docs/remote-operators.md).
        s.operatorAcceptPrompts[lang] =
            loadWav(resourcePath("", "audio/operator/" + lang + "-accept.wav"));
    }
    return s;
}

sip::EndpointSettings endpointSettings(const GatewayConfig& config)
{
    const auto& c = config.sip;
    sip::EndpointSettings e;
    e.address = c.address;
    e.publicAddress = c.publicAddress;
    e.udpPort = c.udpPort;
    e.tcpPort = c.tcpPort;
    e.maxMessageBytes = c.maxMessageBytes;
    e.tcpIdleTimeout = c.tcpIdleTimeout;
    return e;
}

std::unique_ptr<OutboundSender> makeSender(const GatewayConfig& c, boost::asio::any_io_executor ex)
{
    if (c.outbound.provider == OutboundProvider::Twilio) {
        TwilioSenderSettings s;
        s.apiBaseUrl = c.twilio.apiBaseUrl;
        s.accountSid = c.twilio.accountSid;
        s.authToken = c.twilio.authToken;
        if (!c.http.publicUrl.empty()) {
            s.statusCallbackUrl = c.http.publicUrl + "/sms/twilio/status";
        }
        s.timeoutMs = static_cast<int>(c.outbound.timeout.count());
        return makeTwilioSender(std::move(ex), std::move(s));
    }
    if (c.outbound.provider == OutboundProvider::Kannel) {
        KannelSenderSettings s;
        s.sendsmsUrl = c.kannel.sendsmsUrl;
        s.username = c.kannel.username;
        s.password = c.kannel.password;
        s.dlrUrl = c.kannel.dlrUrl;
        s.timeoutMs = static_cast<int>(c.outbound.timeout.count());
        return makeKannelSender(std::move(ex), std::move(s));
    }
    return nullptr;
}

/// What the gateway's logic takes from the config file (all but the
/// network, store and carrier settings, which the caller passes elsewhere);
/// built at start and again on SIGHUP.
GatewaySettings gatewaySettings(const GatewayConfig& config, LineContent lineContent,
                                std::shared_ptr<const RiskEngine> risk)
{
    GatewaySettings settings;
    const auto& line = config.line;
    auto orDefault = [&line](const std::string& configured,
                             std::string (*fallback)(std::string_view)) {
        return configured.empty() ? fallback(line.name) : configured;
    };
    settings.firstContactReply = orDefault(line.firstContactReply, &defaultFirstContactReply);
    settings.afterHoursReply = orDefault(line.afterHoursReply, &defaultAfterHoursReply);
    settings.helpReply = orDefault(line.helpReply, &defaultHelpReply);
    settings.stopReply = orDefault(line.stopReply, &defaultStopReply);
    settings.startReply = orDefault(line.startReply, &defaultStartReply);
    settings.spanish.firstContact =
        orDefault(line.firstContactReplyEs, &defaultFirstContactReplyEs);
    settings.spanish.afterHours = orDefault(line.afterHoursReplyEs, &defaultAfterHoursReplyEs);
    settings.spanish.help = orDefault(line.helpReplyEs, &defaultHelpReplyEs);
    settings.spanish.stop = orDefault(line.stopReplyEs, &defaultStopReplyEs);
    settings.spanish.start = orDefault(line.startReplyEs, &defaultStartReplyEs);
    settings.languages = &LanguageGuesser::system();
    if (!line.hours.alwaysOpen()) {
        settings.isOpenAt = [hours = line.hours, zone = line.timeZone](EpochMs t) {
            return hours.isOpenAt(t, zone);
        };
    }
    settings.sessionTtlMs = config.link.sessionTtl.count();
    settings.replayEvents = static_cast<std::size_t>(config.link.replayEvents);
    settings.maxOutboundAttempts = config.outbound.maxAttempts;
    settings.retryInitialMs = config.outbound.retryInitial.count();
    settings.retryMaxMs = config.outbound.retryMax.count();
    settings.defaultFromNumber = config.outbound.provider == OutboundProvider::Kannel
                                     ? config.kannel.fromNumber
                                     : config.twilio.fromNumber;
    settings.lineName = line.name;
    settings.lineContent = std::move(lineContent);
    settings.trunkUri = config.sip.trunkUri;
    settings.allowPlainRemotePhones = config.sip.allowPlainRemotePhones;
    settings.risk = std::move(risk);
    settings.limits.callsPerDay = config.limits.callsPerDay;
    settings.limits.minutesPerCall = config.limits.minutesPerCall;
    settings.timeZone = line.timeZone;
    settings.languageWaitMs = line.languageWait.count();
    settings.waitNoticeMs = line.waitNotice.count();
    settings.positionIntervalMs = config.sip.positionInterval.count();
    settings.phoneCheckIntervalMs = config.sip.phoneCheckInterval.count();
    settings.overflow.partnerName = config.overflow.partnerName;
    settings.overflow.partnerTextNumber = config.overflow.partnerTextNumber;
    settings.overflow.partnerCallNumber = config.overflow.partnerCallNumber;
    settings.overflow.afterMs = config.overflow.after.count();
    settings.screening = config.screening;
    settings.survey.afterTexts = config.survey.afterTexts;
    settings.survey.minGapMs = config.survey.minGap.count();
    settings.survey.answerWindowMs = config.survey.answerWindow.count();
    settings.survey.afterCalls = config.survey.afterCalls;
    settings.checkIns.missedAfterMs = config.checkIns.missedAfter.count();
    settings.callbacks.offerAfterMs = config.callbacks.offerAfter.count();
    settings.callbacks.attempts = config.callbacks.attempts;
    settings.callbacks.retryAfterMs = config.callbacks.retryAfter.count();
    settings.board.shiftStarts = parseShiftStarts(config.board.shiftStarts);
    settings.board.shiftWindowMs = config.board.shiftWindow.count();
    // The board's service level counts against the reports' targets;
    // values an admin stored replace these once the store is read.
    settings.board.answerTargetMs = EpochMs{config.targets.answerSeconds} * 1000;
    settings.board.serviceLevelTargetPercent = config.targets.answeredOnTimePercent;
    settings.board.waitAlertMs = config.board.waitAlert.count();
    settings.board.timeLimitMs = config.board.timeLimit.count();
    settings.board.presenceStuckMs = config.board.presenceStuck.count();
    settings.board.breakReminderMs = config.board.breakReminder.count();
    settings.board.breakAfterHighRisk = config.board.breakAfterHighRisk;
    settings.board.recoveryGraceMs = config.board.recoveryGrace.count();
    settings.board.checkIntervalMs = config.board.checkInterval.count();
    settings.board.repeatAfterMs = config.alerts.repeatAfter.count();
    settings.board.escalateAfterMs = config.alerts.escalateAfter.count();
    settings.lineSettings = LineSettings::fromConfig(config);
    return settings;
}

/// The sections of `fresh` that differ from what the gateway started with
/// and that only a restart applies (its sockets, store, carriers, SIP).
std::vector<std::string> restartOnlyChanges(const GatewayConfig& running,
                                            const GatewayConfig& fresh)
{
    std::vector<std::string> out;
    auto check = [&out](bool changed, const char* what) {
        if (changed) {
            out.emplace_back(what);
        }
    };
    check(running.http != fresh.http, "http.*");
    check(running.link != fresh.link, "link.*");
    check(running.store != fresh.store, "store.*");
    check(running.auth != fresh.auth, "auth.*");
    check(running.twilio != fresh.twilio, "twilio.*");
    check(running.kannel != fresh.kannel, "kannel.*");
    // Two sip.* intervals are read on each tick and apply on reload.
    auto sip = running.sip;
    sip.positionInterval = fresh.sip.positionInterval;
    sip.phoneCheckInterval = fresh.sip.phoneCheckInterval;
    check(sip != fresh.sip, "sip.*");
    check(running.outbound.provider != fresh.outbound.provider, "outbound.provider");
    check(running.outbound.timeout != fresh.outbound.timeout, "outbound.timeout");
    check(running.tls.allowPlaintextRemote != fresh.tls.allowPlaintextRemote,
          "tls.allow_plaintext_remote");
    return out;
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
                    spdlog::info("SIP on {} (UDP {}, TCP {})", config.sip.address,
                                 callService->udpPort(), callService->tcpPort());
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
            spdlog::info("reloaded: config, line content, risk rules {}, time zone {}{}",
                         rulesVersion, fresh.line.timeZone.name(),
                         tlsReloaded ? ", TLS certificate" : "");
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
