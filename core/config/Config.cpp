// Reading a gateway configuration file: sections and keys checked against
// the schema, errors that name the file, the line and the key.

#include "core/config/Config.h"
#include "core/config/ConfigDetail.h"
#include "core/text/Text.h"

#include "core/domain/ShiftFigures.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

namespace warmline {

using namespace config_detail;

namespace {

using T = ConfigType;

struct SetValue
{
    std::string value; ///< canonical
    int line = 0;      ///< 0: the default
};

/// Values by key: every schema key, from the file or its default.
class ConfigValues
{
public:
    explicit ConfigValues(std::string file) : m_file(std::move(file))
    {
        for (const auto& spec : configSchema()) {
            m_values[std::string(spec.key)] = SetValue{*checkValue(spec, spec.defaultValue), 0};
        }
    }

    void set(const ConfigKeySpec& spec, std::string value, int line)
    {
        m_values[std::string(spec.key)] = SetValue{std::move(value), line};
    }

    const std::string& text(std::string_view key) const { return at(key).value; }
    int line(std::string_view key) const { return at(key).line; }
    std::int64_t integer(std::string_view key) const { return *parseInteger(text(key)); }
    bool flag(std::string_view key) const { return text(key) == "true"; }
    std::chrono::milliseconds duration(std::string_view key) const
    {
        return std::chrono::milliseconds(integer(key));
    }

    [[noreturn]] void fail(std::string_view key, const std::string& problem) const
    {
        throw ConfigError(m_file, line(key), std::string(key), problem);
    }

private:
    const SetValue& at(std::string_view key) const
    {
        return m_values.find(std::string(key))->second;
    }

    std::string m_file;
    std::map<std::string, SetValue> m_values;
};

} // namespace

ConfigError::ConfigError(std::string file, int line, std::string key, const std::string& problem)
    : std::runtime_error(fmt::format("{}{}{}{}{}", file, line > 0 ? fmt::format(":{}", line) : "",
                                     file.empty() ? "" : ": ",
                                     key.empty() ? "" : fmt::format("key \"{}\": ", key), problem)),
      m_file(std::move(file)), m_line(line), m_key(std::move(key))
{
}

GatewayConfig parseGatewayConfig(std::string_view text, std::string_view fileNameForErrors)
{
    const std::string file(fileNameForErrors);
    ConfigValues values(file);
    std::map<std::string, int, std::less<>> seen;
    std::string section;

    int lineNumber = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        ++lineNumber;
        const std::string_view line = trim(text.substr(start, end - start));
        start = end + 1;

        if (line.empty() || line.front() == '#' || line.front() == ';') {
            continue;
        }
        if (line.front() == '[') {
            if (line.back() != ']') {
                throw ConfigError(file, lineNumber, "",
                                  "malformed section header; expected [name]");
            }
            const std::string name(trim(line.substr(1, line.size() - 2)));
            if (!isSection(name)) {
                throw ConfigError(file, lineNumber, "", fmt::format("unknown section [{}]", name));
            }
            section = name;
            continue;
        }
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
            throw ConfigError(file, lineNumber, "",
                              "malformed line; expected \"key = value\", \"[section]\" or a "
                              "# comment");
        }
        const std::string_view name = trim(line.substr(0, eq));
        if (name.empty()) {
            throw ConfigError(file, lineNumber, "", "malformed line; the key before '=' is empty");
        }
        if (section.empty()) {
            throw ConfigError(file, lineNumber, std::string(name), "appears before any [section]");
        }
        const std::string key = section + "." + std::string(name);
        const ConfigKeySpec* spec = findConfigKey(key);
        if (spec == nullptr) {
            throw ConfigError(file, lineNumber, key,
                              "unknown key" +
                                  (retiredKey(key).empty() ? suggestionFor(key) : retiredKey(key)));
        }
        if (const auto previous = seen.find(key); previous != seen.end()) {
            throw ConfigError(file, lineNumber, key,
                              fmt::format("set twice; first set on line {}", previous->second));
        }
        seen.emplace(key, lineNumber);

        std::string_view value = trim(line.substr(eq + 1));
        // Quotes keep leading or trailing spaces and make an empty value explicit.
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        std::optional<std::string> canonical;
        try {
            canonical = checkValue(*spec, value);
        } catch (const ScheduleError& error) {
            throw ConfigError(file, lineNumber, key,
                              fmt::format("expected {}: {}", expectation(*spec), error.what()));
        }
        if (!canonical) {
            // Free text may be a secret, so only typed values are quoted back.
            const bool quotable = spec->type != T::String;
            throw ConfigError(file, lineNumber, key,
                              fmt::format("expected {}{}", expectation(*spec),
                                          quotable ? ", got " + quoted(value) : ""));
        }
        values.set(*spec, std::move(*canonical), lineNumber);
    }

    GatewayConfig config;
    auto& http = config.http;
    http.address = values.text("http.address");
    http.port = static_cast<std::uint16_t>(values.integer("http.port"));
    http.publicUrl = values.text("http.public_url");
    http.maxBodyBytes = static_cast<std::size_t>(values.integer("http.max_body_bytes"));
    http.headerTimeout = values.duration("http.header_timeout");
    http.bodyTimeout = values.duration("http.body_timeout");
    http.idleTimeout = values.duration("http.idle_timeout");
    http.maxConnections = static_cast<int>(values.integer("http.max_connections"));
    http.webhookCommitTimeout = values.duration("http.webhook_commit_timeout");

    config.tls.certificate = values.text("tls.certificate");
    config.tls.privateKey = values.text("tls.private_key");
    config.tls.allowPlaintextRemote = values.flag("tls.allow_plaintext_remote");
    if (config.tls.certificate.empty() != config.tls.privateKey.empty()) {
        const std::string_view setKey =
            config.tls.certificate.empty() ? "tls.private_key" : "tls.certificate";
        values.fail(setKey, "tls.certificate and tls.private_key must be set together");
    }

    const std::string& synchronous = values.text("store.synchronous");
    config.store.synchronous = synchronous == "off"      ? StoreSynchronous::Off
                               : synchronous == "normal" ? StoreSynchronous::Normal
                                                         : StoreSynchronous::Full;
    config.store.groupCommitMax = static_cast<int>(values.integer("store.group_commit_max"));
    config.store.path = values.text("store.path");
    config.store.maxPages = values.integer("store.max_pages");

    config.link.maxMessageBytes =
        static_cast<std::size_t>(values.integer("link.max_message_bytes"));
    config.link.pingInterval = values.duration("link.ping_interval");
    config.link.sessionTtl = values.duration("link.session_ttl");
    config.link.replayEvents = static_cast<int>(values.integer("link.replay_events"));
    config.link.maxOutboundQueue = static_cast<int>(values.integer("link.max_outbound_queue"));

    config.auth.maxFailedLogins = static_cast<int>(values.integer("auth.max_failed_logins"));
    config.auth.lockout = values.duration("auth.lockout");

    config.twilio.authToken = values.text("twilio.auth_token");
    config.twilio.accountSid = values.text("twilio.account_sid");
    config.twilio.apiBaseUrl = values.text("twilio.api_base_url");
    config.twilio.fromNumber = values.text("twilio.from_number");
    config.twilio.validateSignature = values.flag("twilio.validate_signature");
    if (!config.twilio.authToken.empty() && config.twilio.validateSignature &&
        config.http.publicUrl.empty()) {
        values.fail("twilio.auth_token",
                    "twilio.auth_token is set and twilio.validate_signature is on, but "
                    "http.public_url is empty: Twilio signs the exact URL it calls (https "
                    "included), so set http.public_url to it (e.g. https://line.example.org), or "
                    "set twilio.validate_signature = false");
    }

    config.kannel.sendsmsUrl = values.text("kannel.sendsms_url");
    config.kannel.username = values.text("kannel.username");
    config.kannel.password = values.text("kannel.password");
    config.kannel.fromNumber = values.text("kannel.from_number");
    config.kannel.dlrUrl = values.text("kannel.dlr_url");

    const std::string& provider = values.text("outbound.provider");
    config.outbound.provider = provider == "kannel" ? OutboundProvider::Kannel
                               : provider == "none" ? OutboundProvider::None
                                                    : OutboundProvider::Twilio;
    config.outbound.maxAttempts = static_cast<int>(values.integer("outbound.max_attempts"));
    config.outbound.retryInitial = values.duration("outbound.retry_initial");
    config.outbound.retryMax = values.duration("outbound.retry_max");
    config.outbound.timeout = values.duration("outbound.timeout");
    if (config.outbound.retryMax < config.outbound.retryInitial) {
        values.fail(values.line("outbound.retry_max") > 0 ? "outbound.retry_max"
                                                          : "outbound.retry_initial",
                    "outbound.retry_max must not be shorter than outbound.retry_initial");
    }

    config.line.name = values.text("line.name");
    config.line.firstContactReply = values.text("line.first_contact_reply");
    config.line.afterHoursReply = values.text("line.after_hours_reply");
    config.line.hours = WeeklySchedule::parse(values.text("line.hours"));
    config.line.hoursText = values.text("line.hours");
    if (const std::string& zone = values.text("line.timezone"); !zone.empty()) {
        try {
            config.line.timeZone = TimeZone::named(zone);
        } catch (const std::invalid_argument& e) {
            values.fail("line.timezone", e.what());
        }
        if (values.integer("line.timezone_offset_minutes") != 0) {
            values.fail("line.timezone_offset_minutes",
                        "set line.timezone or line.timezone_offset_minutes, not both "
                        "(line.timezone replaces it)");
        }
    } else if (values.integer("line.timezone_offset_minutes") != 0) {
        config.line.timeZone =
            TimeZone::fixed(static_cast<int>(values.integer("line.timezone_offset_minutes")));
        config.line.timeZoneFromOffset = true;
    }
    config.line.helpReply = values.text("line.help_reply");
    config.line.stopReply = values.text("line.stop_reply");
    config.line.startReply = values.text("line.start_reply");
    config.line.firstContactReplyEs = values.text("line.first_contact_reply_es");
    config.line.afterHoursReplyEs = values.text("line.after_hours_reply_es");
    config.line.helpReplyEs = values.text("line.help_reply_es");
    config.line.stopReplyEs = values.text("line.stop_reply_es");
    config.line.startReplyEs = values.text("line.start_reply_es");
    config.line.contentFile = values.text("line.content_file");
    config.line.riskRules = values.text("line.risk_rules");
    config.line.languageWait = values.duration("line.language_wait");
    config.line.waitNotice = values.duration("line.wait_notice");

    config.limits.callsPerDay = static_cast<int>(values.integer("limits.calls_per_day"));
    config.limits.minutesPerCall = static_cast<int>(values.integer("limits.minutes_per_call"));

    config.board.shiftStarts = values.text("board.shift_starts");
    try {
        parseShiftStarts(config.board.shiftStarts);
    } catch (const ShiftStartsError& e) {
        values.fail("board.shift_starts",
                    fmt::format("expected times such as \"07:00, 15:00\": {}", e.what()));
    }
    config.board.shiftWindow = values.duration("board.shift_window");
    config.board.waitAlert = values.duration("board.wait_alert");
    config.board.timeLimit = values.duration("board.time_limit");
    config.board.presenceStuck = values.duration("board.presence_stuck");
    config.board.breakReminder = values.duration("board.break_reminder");
    config.board.breakAfterHighRisk = values.flag("board.break_after_high_risk");
    config.board.announceListening = values.flag("board.announce_listening");
    config.board.recoveryGrace = values.duration("board.recovery_grace");
    config.board.checkInterval = values.duration("board.check_interval");
    config.alerts.repeatAfter = values.duration("alerts.repeat_after");
    config.alerts.escalateAfter = values.duration("alerts.escalate_after");
    config.targets.answerSeconds = static_cast<int>(values.integer("targets.answer_seconds"));
    config.targets.answeredOnTimePercent =
        static_cast<int>(values.integer("targets.answered_on_time_percent"));
    config.targets.abandonPercent = static_cast<int>(values.integer("targets.abandon_percent"));
    config.targets.handleMinutes = static_cast<int>(values.integer("targets.handle_minutes"));
    config.retention.contentDays = static_cast<int>(values.integer("retention.content_days"));
    auto& sip = config.sip;
    sip.enabled = values.flag("sip.enabled");
    sip.address = values.text("sip.address");
    sip.publicAddress = values.text("sip.public_address");
    sip.udpPort = static_cast<std::uint16_t>(values.integer("sip.udp_port"));
    sip.tcpPort = static_cast<std::uint16_t>(values.integer("sip.tcp_port"));
    sip.tlsPort = static_cast<std::uint16_t>(values.integer("sip.tls_port"));
    sip.tlsEnabled = values.flag("sip.tls_enabled");
    sip.tlsCertificate = values.text("sip.tls_certificate");
    sip.tlsPrivateKey = values.text("sip.tls_private_key");
    if (sip.tlsCertificate.empty() != sip.tlsPrivateKey.empty()) {
        values.fail(sip.tlsCertificate.empty() ? "sip.tls_private_key" : "sip.tls_certificate",
                    "sip.tls_certificate and sip.tls_private_key must be set together");
    }
    if (sip.tlsEnabled && sip.tlsCertificate.empty() && config.tls.certificate.empty()) {
        values.fail("sip.tls_enabled",
                    "sip.tls_enabled needs sip.tls_certificate and sip.tls_private_key, or "
                    "tls.certificate and tls.private_key (the gateway's certificate serves SIP "
                    "over TLS too)");
    }
    if (sip.tlsEnabled && sip.tlsPort != 0 && sip.tlsPort == sip.tcpPort) {
        values.fail("sip.tls_port", "sip.tls_port must differ from sip.tcp_port");
    }
    sip.allowedSources = values.text("sip.allowed_sources");
    sip.allowPlainRemotePhones = values.flag("sip.allow_plain_remote_phones");
    sip.authUsername = values.text("sip.auth_username");
    sip.authPassword = values.text("sip.auth_password");
    sip.authRealm = values.text("sip.auth_realm");
    if (sip.authUsername.empty() != sip.authPassword.empty()) {
        values.fail(sip.authUsername.empty() ? "sip.auth_password" : "sip.auth_username",
                    "sip.auth_username and sip.auth_password must be set together");
    }
    for (const auto part : splitOn(values.text("sip.line_numbers"), ",")) {
        if (const auto number = trim(part); !number.empty()) {
            sip.lineNumbers.emplace_back(number);
        }
    }
    sip.rtpPortMin = static_cast<std::uint16_t>(values.integer("sip.rtp_port_min"));
    sip.rtpPortMax = static_cast<std::uint16_t>(values.integer("sip.rtp_port_max"));
    if (sip.rtpPortMax <= sip.rtpPortMin) {
        values.fail("sip.rtp_port_max", "sip.rtp_port_max must be above sip.rtp_port_min");
    }
    try {
        sip.languages = parseLanguageMenu(values.text("sip.languages"));
    } catch (const std::invalid_argument& e) {
        values.fail("sip.languages", e.what());
    }
    sip.answerDelay = values.duration("sip.answer_delay");
    sip.operatorRingTimeout = values.duration("sip.operator_ring_timeout");
    sip.trunkUri = values.text("sip.trunk_uri");
    if (!sip.trunkUri.empty() &&
        (!sip.trunkUri.starts_with("sip:") || sip.trunkUri.find("{number}") == std::string::npos)) {
        values.fail("sip.trunk_uri", "sip.trunk_uri must be a sip: URI with {number} in it, e.g. "
                                     "sip:{number}@192.0.2.10:5060");
    }
    sip.transferRingTimeout = values.duration("sip.transfer_ring_timeout");
    sip.maxCalls = static_cast<int>(values.integer("sip.max_calls"));
    sip.maxMessageBytes = static_cast<std::size_t>(values.integer("sip.max_message_bytes"));
    sip.tcpIdleTimeout = values.duration("sip.tcp_idle_timeout");
    sip.greetingFile = values.text("sip.greeting_file");
    sip.holdFile = values.text("sip.hold_file");
    sip.positionInterval = values.duration("sip.position_interval");
    sip.phoneCheckInterval = values.duration("sip.phone_check_interval");
    sip.mediaTimeout = values.duration("sip.media_timeout");

    auto& overflow = config.overflow;
    overflow.partnerName = values.text("overflow.partner_name");
    overflow.partnerTextNumber = values.text("overflow.partner_text_number");
    overflow.partnerCallNumber = values.text("overflow.partner_call_number");
    overflow.partnerNameRecording = values.text("overflow.partner_name_recording");
    overflow.after = values.duration("overflow.after");
    if (!overflow.partnerNameRecording.empty() && overflow.partnerCallNumber.empty()) {
        values.fail("overflow.partner_name_recording",
                    "overflow.partner_name_recording is said in the callers' offer, so "
                    "overflow.partner_call_number must be set");
    }
    if (overflow.partnerName.empty() &&
        (!overflow.partnerTextNumber.empty() || !overflow.partnerCallNumber.empty())) {
        values.fail("overflow.partner_name",
                    "overflow.partner_name must name the partner line when its numbers are set");
    }
    if (!overflow.partnerTextNumber.empty() &&
        overflow.partnerTextNumber.find_first_not_of("+0123456789 -()") != std::string::npos) {
        values.fail("overflow.partner_text_number",
                    "overflow.partner_text_number must be a phone number, e.g. +15555550199");
    }
    if (!overflow.partnerCallNumber.empty()) {
        if (overflow.partnerCallNumber.starts_with("sip:")) {
            // A SIP URI: checked when dialled (host by IP address).
        } else if (overflow.partnerCallNumber.find_first_not_of("+0123456789 -()") !=
                   std::string::npos) {
            values.fail("overflow.partner_call_number",
                        "overflow.partner_call_number must be a phone number or a sip: URI");
        } else if (sip.trunkUri.empty()) {
            values.fail("overflow.partner_call_number",
                        "overflow.partner_call_number is a number, so sip.trunk_uri must say "
                        "where to dial it");
        }
        if (sip.languages.contains('1')) {
            values.fail("sip.languages", "key 1 accepts the overflow offer "
                                         "(overflow.partner_call_number); the language menu "
                                         "must use other keys");
        }
    }

    config.survey.afterTexts = values.flag("survey.after_texts");
    config.survey.afterCalls = values.flag("survey.after_calls");
    config.survey.showToOperator = values.flag("survey.show_to_operator");
    config.survey.minGap = values.duration("survey.min_gap");
    config.survey.answerWindow = values.duration("survey.answer_window");
    config.checkIns.missedAfter = values.duration("checkins.missed_after");
    config.callbacks.offerAfter = values.duration("callbacks.offer_after");
    config.callbacks.attempts = static_cast<int>(values.integer("callbacks.attempts"));
    config.callbacks.retryAfter = values.duration("callbacks.retry_after");
    config.callbacks.ringTime = values.duration("callbacks.ring_time");
    config.callbacks.answerWait = values.duration("callbacks.answer_wait");
    if (config.callbacks.offerAfter.count() > 0 && config.sip.trunkUri.empty()) {
        values.fail("callbacks.offer_after",
                    "callbacks.offer_after needs sip.trunk_uri: callbacks are dialled through "
                    "the trunk");
    }

    auto& screening = config.screening;
    screening.textsPerHour = static_cast<int>(values.integer("screening.texts_per_hour"));
    screening.callsPerHour = static_cast<int>(values.integer("screening.calls_per_hour"));
    screening.homeCountry = values.text("screening.home_country");
    if (!screening.homeCountry.empty() &&
        (screening.homeCountry.size() < 2 || screening.homeCountry.size() > 4 ||
         screening.homeCountry[0] != '+' ||
         screening.homeCountry.find_first_not_of("0123456789", 1) != std::string::npos)) {
        values.fail("screening.home_country",
                    "screening.home_country must be a country calling code, e.g. +1 or +44");
    }
    screening.international = screenActionFromString(values.text("screening.international"));
    screening.premium = screenActionFromString(values.text("screening.premium"));
    screening.premiumPrefixes.clear();
    for (const auto part : splitOn(values.text("screening.premium_prefixes"), ",")) {
        const auto prefix = trim(part);
        if (prefix.empty()) {
            continue;
        }
        if (prefix.size() < 2 || prefix[0] != '+' ||
            prefix.find_first_not_of("0123456789", 1) != std::string_view::npos) {
            values.fail("screening.premium_prefixes",
                        "screening.premium_prefixes must list E.164 prefixes, e.g. +1900");
            break;
        }
        screening.premiumPrefixes.emplace_back(prefix);
    }

    static constexpr std::array<LogLevel, 5> kLevels = {
        LogLevel::Trace, LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error};
    static constexpr std::array<std::string_view, 5> kLevelNames = {"trace", "debug", "info",
                                                                    "warn", "error"};
    const std::string& level = values.text("log.level");
    for (std::size_t i = 0; i < kLevels.size(); ++i) {
        if (kLevelNames[i] == level) {
            config.log.level = kLevels[i];
        }
    }
    return config;
}

std::map<char, std::string> parseLanguageMenu(std::string_view text)
{
    std::map<char, std::string> menu;
    for (const auto part : splitOn(text, ",")) {
        const auto entry = trim(part);
        if (entry.empty()) {
            continue;
        }
        const std::size_t eq = entry.find('=');
        const auto key = trim(entry.substr(0, eq));
        const auto language =
            eq == std::string_view::npos ? std::string_view() : trim(entry.substr(eq + 1));
        if (key.size() != 1 ||
            std::string_view("0123456789*#").find(key[0]) == std::string_view::npos) {
            throw std::invalid_argument(
                fmt::format("\"{}\" must be a key (0-9, * or #), '=' and a language", entry));
        }
        if (language.empty() || language.size() > 16 ||
            language.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") !=
                std::string_view::npos) {
            throw std::invalid_argument(
                fmt::format("\"{}\" needs a language tag such as es or pt-BR", entry));
        }
        if (!menu.emplace(key[0], std::string(language)).second) {
            throw std::invalid_argument(fmt::format("key {} is given twice", key));
        }
    }
    return menu;
}

GatewayConfig loadGatewayConfig(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ConfigError(path.string(), 0, "", "cannot be opened for reading");
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        throw ConfigError(path.string(), 0, "", "cannot be read");
    }
    return parseGatewayConfig(content.str(), path.string());
}

} // namespace warmline
