#include "telephony/cmd/gateway/ConfigSettings.h"

#include "core/config/Config.h"
#include "core/config/LineContent.h"
#include "core/config/LineSettings.h"
#include "core/domain/CallerIdentity.h"
#include "core/domain/LineReplies.h"
#include "core/domain/ShiftFigures.h"
#include "core/risk/LanguageGuess.h"
#include "core/risk/RiskEngine.h"
#include "telephony/gateway/Gateway.h"
#include "telephony/media/Wav.h"
#include "telephony/net/OutboundHttp.h"
#include "telephony/sip/CallService.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace warmline::telephony {

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
    s.mediaTimeout = c.mediaTimeout;
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
    // SIP over TLS, when asked for, with SIP's own certificate or else the
    // gateway's one (docs/sip.md).
    if (c.tlsEnabled) {
        e.tlsPort = c.tlsPort;
        e.tlsCertificate = sipCertificate(config).first;
        e.tlsPrivateKey = sipCertificate(config).second;
    }
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
std::pair<std::string, std::string> sipCertificate(const GatewayConfig& config)
{
    if (!config.sip.tlsCertificate.empty()) {
        return {config.sip.tlsCertificate, config.sip.tlsPrivateKey};
    }
    return {config.tls.certificate, config.tls.privateKey};
}

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
    // So are SIP's certificate files (read again on each reload).
    sip.tlsCertificate = fresh.sip.tlsCertificate;
    sip.tlsPrivateKey = fresh.sip.tlsPrivateKey;
    check(sip != fresh.sip, "sip.*");
    check(running.outbound.provider != fresh.outbound.provider, "outbound.provider");
    check(running.outbound.timeout != fresh.outbound.timeout, "outbound.timeout");
    check(running.tls.allowPlaintextRemote != fresh.tls.allowPlaintextRemote,
          "tls.allow_plaintext_remote");
    return out;
}

} // namespace warmline::telephony
