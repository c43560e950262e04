#pragma once

// The gateway's configuration file: INI sections of `key = value` lines,
// addressed as "section.key" and checked against one schema table, which
// also renders the reference page (docs/config.md) and a commented example
// file. Parsing is pure and thread-safe; a GatewayConfig is a plain value.

#include "core/domain/Domain.h"
#include "core/domain/Screening.h"
#include "core/domain/TimeZone.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// A configuration file that cannot be used. what() reads like a compiler
/// diagnostic: `gateway.conf:12: key "http.port": expected an integer
/// 0..65535, got "abc"`. Secret values are never quoted.
class ConfigError : public std::runtime_error
{
public:
    ConfigError(std::string file, int line, std::string key, const std::string& problem);

    const std::string& file() const { return m_file; }
    int line() const { return m_line; } ///< 1-based; 0 when no line applies
    const std::string& key() const { return m_key; }

private:
    std::string m_file;
    int m_line;
    std::string m_key;
};

/// Opening hours such as "mon-fri 09:00-21:00, sat-sun 12:00-18:00" that
/// could not be read.
class ScheduleError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// When the line is staffed, as spans of a week in local time. Entries are
/// separated by commas; each is a day or day range (mon..sun, wrapping like
/// fri-mon, or "daily") and one or more HH:MM-HH:MM ranges. An end before
/// the start runs past midnight into the next day; 24:00 ends a day. An
/// empty text means always open.
class WeeklySchedule
{
public:
    static WeeklySchedule parse(std::string_view text);

    bool alwaysOpen() const { return m_spans.empty(); }

    /// Whether `at` falls in an open span, with local time = UTC + offsetMinutes.
    bool isOpenAt(EpochMs at, int offsetMinutes) const;
    /// Whether `at` falls in an open span, in the zone's local time then.
    bool isOpenAt(EpochMs at, const TimeZone& zone) const
    {
        return isOpenAt(at, zone.offsetMinutesAt(at));
    }

    bool operator==(const WeeklySchedule&) const = default;

private:
    struct Span
    {
        int start; ///< minutes since Monday 00:00, inclusive
        int end;   ///< exclusive, at most one week
        bool operator==(const Span&) const = default;
    };
    std::vector<Span> m_spans;
};

enum class ConfigType
{
    String,
    Url,      ///< empty, or http:// or https://
    Int,      ///< within [min, max]
    Bool,     ///< true/false, yes/no, on/off, 1/0
    Duration, ///< a whole number and unit: ms, s, m, h or d; within [min, max] ms
    Enum,     ///< one of `choices`
    Schedule  ///< WeeklySchedule text
};

/// One key of the schema.
struct ConfigKeySpec
{
    std::string_view key; ///< "section.key"
    ConfigType type;
    std::string_view defaultValue; ///< as it would be written in the file
    std::string_view description;  ///< one line, a sentence
    std::int64_t min = 0;          ///< Int: the value; Duration: milliseconds
    std::int64_t max = 0;
    std::string_view choices = {}; ///< Enum: "a|b|c"
};

/// Every key the gateway reads, in the order the docs present them.
std::span<const ConfigKeySpec> configSchema();
const ConfigKeySpec* findConfigKey(std::string_view key);

/// The reference page: format, then one table per section.
std::string renderConfigMarkdown();
/// A config file setting every key to its default, each with its description.
std::string renderExampleConfig();

enum class StoreSynchronous
{
    Off,
    Normal,
    Full
};

enum class OutboundProvider
{
    Twilio,
    Kannel,
    None
};

enum class LogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error
};

/// The typed configuration. A default-constructed value holds the schema's
/// defaults (a test keeps the two in step).
struct GatewayConfig
{
    using Ms = std::chrono::milliseconds;

    struct Http
    {
        std::string address = "127.0.0.1";
        std::uint16_t port = 8080; ///< 0: the OS chooses
        std::string publicUrl;     ///< the URL the carrier calls; signs Twilio requests
        std::size_t maxBodyBytes = 65536;
        Ms headerTimeout{10'000};
        Ms bodyTimeout{30'000};
        Ms idleTimeout{60'000};
        int maxConnections = 2000;
        Ms webhookCommitTimeout{10'000}; ///< then 503 + Retry-After; the carrier retries
        bool operator==(const Http&) const = default;
    } http;

    struct Tls
    {
        std::string certificate;
        std::string privateKey;
        bool allowPlaintextRemote = false;
        bool operator==(const Tls&) const = default;
    } tls;

    struct Store
    {
        StoreSynchronous synchronous = StoreSynchronous::Full;
        int groupCommitMax = 512;
        std::string path;          ///< empty: <data-dir>/warmline.db
        std::int64_t maxPages = 0; ///< 0: no cap on the file's size
        bool operator==(const Store&) const = default;
    } store;

    struct Link
    {
        std::size_t maxMessageBytes = 65536;
        Ms pingInterval{20'000};
        Ms sessionTtl{12 * 3'600'000};
        int replayEvents = 10000;
        int maxOutboundQueue = 1024;
        bool operator==(const Link&) const = default;
    } link;

    struct Auth
    {
        int maxFailedLogins = 5;
        Ms lockout{60'000};
        bool operator==(const Auth&) const = default;
    } auth;

    struct Twilio
    {
        std::string authToken;
        std::string accountSid;
        std::string apiBaseUrl = "https://api.twilio.com";
        std::string fromNumber;
        bool validateSignature = true;
        bool operator==(const Twilio&) const = default;
    } twilio;

    struct Kannel
    {
        std::string sendsmsUrl;
        std::string username;
        std::string password;
        std::string fromNumber;
        std::string dlrUrl;
        bool operator==(const Kannel&) const = default;
    } kannel;

    struct Outbound
    {
        OutboundProvider provider = OutboundProvider::Twilio;
        int maxAttempts = 5;
        Ms retryInitial{1'000};
        Ms retryMax{60'000};
        Ms timeout{15'000};
        bool operator==(const Outbound&) const = default;
    } outbound;

    struct Line
    {
        std::string name = "Warmline";
        std::string firstContactReply; ///< empty: the built-in text
        std::string afterHoursReply;
        WeeklySchedule hours; ///< default: always open
        /// line.timezone, or a fixed zone from line.timezone_offset_minutes.
        TimeZone timeZone;
        /// The file set only the older line.timezone_offset_minutes (logged).
        bool timeZoneFromOffset = false;
        std::string helpReply;
        std::string stopReply;
        std::string startReply;
        /// The same replies for a texter who writes in Spanish; empty: built in.
        std::string firstContactReplyEs;
        std::string afterHoursReplyEs;
        std::string helpReplyEs;
        std::string stopReplyEs;
        std::string startReplyEs;
        std::string contentFile; ///< empty: the installed line-content.json
        std::string riskRules;   ///< empty: the installed risk-rules.txt
        Ms languageWait{60'000}; ///< a Spanish text waits for a Spanish speaker
        Ms waitNotice{600'000};  ///< one text to a texter still waiting; 0: never
        std::string hoursText;   ///< line.hours as written (canonical text)
        bool operator==(const Line&) const = default;
    } line;

    struct Limits
    {
        int callsPerDay = 3;     ///< 0: none
        int minutesPerCall = 20; ///< 0: none
        bool operator==(const Limits&) const = default;
    } limits;

    struct Board
    {
        std::string shiftStarts; ///< "07:00, 15:00"; empty: the last shiftWindow
        Ms shiftWindow{8 * 3'600'000};
        Ms waitAlert{300'000};           ///< 0: off
        Ms timeLimit{45 * 60'000};       ///< 0: off
        Ms presenceStuck{30 * 60'000};   ///< 0: off
        Ms breakReminder{2 * 3'600'000}; ///< 0: off
        bool breakAfterHighRisk = true;
        bool announceListening = true; ///< a lead listening is announced to the operator
        Ms recoveryGrace{120'000};
        Ms checkInterval{1'000};
        bool operator==(const Board&) const = default;
    } board;

    struct Alerts
    {
        Ms repeatAfter{120'000};
        Ms escalateAfter{300'000};
        bool operator==(const Alerts&) const = default;
    } alerts;
    /// What reports measure against (admin-editable at run time too).
    struct Targets
    {
        int answerSeconds = 60;
        int answeredOnTimePercent = 80;
        int abandonPercent = 5;
        int handleMinutes = 20;
        bool operator==(const Targets&) const = default;
    } targets;

    struct Retention
    {
        int contentDays = 0; ///< 0: keep content forever
        bool operator==(const Retention&) const = default;
    } retention;
    struct Sip
    {
        bool enabled = false;
        std::string address = "127.0.0.1";
        std::string publicAddress;
        std::uint16_t udpPort = 5060;
        std::uint16_t tcpPort = 5060;
        bool tlsEnabled = false; ///< SIP over TLS (docs/sip.md)
        std::uint16_t tlsPort = 5061;
        /// SIP's own certificate and key; empty: tls.certificate's.
        std::string tlsCertificate;
        std::string tlsPrivateKey;
        std::string allowedSources = "127.0.0.1, ::1"; ///< checked by the gateway
        std::string authUsername;
        std::string authPassword;
        std::string authRealm = "warmline";
        std::vector<std::string> lineNumbers;
        std::uint16_t rtpPortMin = 20000;
        std::uint16_t rtpPortMax = 20999;
        std::map<char, std::string> languages;
        Ms answerDelay{1'000};
        Ms operatorRingTimeout{20'000};
        bool allowPlainRemotePhones = false; ///< operators' phones off the site's network
        std::string trunkUri; ///< "sip:{number}@host:port" for crisis lines given as numbers
        Ms transferRingTimeout{60'000};
        int maxCalls = 1000;
        std::size_t maxMessageBytes = 65535;
        Ms tcpIdleTimeout{600'000};
        std::string greetingFile;
        std::string holdFile;
        /// How often a queued caller hears their place in line; 0: never.
        Ms positionInterval{60'000};
        /// How often each signed-in operator's phone is asked whether it is there; 0: never.
        Ms phoneCheckInterval{30'000};
        /// How long a caller's or operator's phone may send no audio before
        /// it counts as gone (decision 154); 0: never.
        Ms mediaTimeout{120'000};
        bool operator==(const Sip&) const = default;
    } sip;

    /// Overflow to a partner line on a surge (docs/coaching.md#overflow).
    struct Overflow
    {
        std::string partnerName;       ///< empty: no overflow
        std::string partnerTextNumber; ///< empty: texters are not pointed to it
        std::string partnerCallNumber; ///< a number (through sip.trunk_uri) or a SIP URI
        /// A WAV of the partner line's name, said in the callers' offer; empty: none.
        std::string partnerNameRecording;
        Ms after{0}; ///< 0: only while a lead has it on
        bool operator==(const Overflow&) const = default;
    } overflow;

    /// Numbers held for a lead or refused, and hourly limits per number
    /// (docs/screening.md).
    ScreeningSettings screening;

    /// The survey after a text conversation (docs/surveys.md).
    struct Survey
    {
        bool afterTexts = false;
        bool afterCalls = false;
        bool showToOperator = false; ///< the answer, to the operator who took the contact
        Ms minGap{7LL * 24 * 3'600'000};
        Ms answerWindow{24LL * 3'600'000};
        bool operator==(const Survey&) const = default;
    } survey;

    /// Check-ins callers asked for (docs/checkins.md).
    struct CheckIns
    {
        Ms missedAfter{2LL * 3'600'000};
        bool operator==(const CheckIns&) const = default;
    } checkIns;

    /// Callbacks that keep a caller's place (docs/callbacks.md).
    struct Callbacks
    {
        Ms offerAfter{0};
        int attempts = 3;
        Ms retryAfter{10LL * 60'000};
        Ms ringTime{30'000};
        Ms answerWait{20'000};
        bool operator==(const Callbacks&) const = default;
    } callbacks;

    struct Log
    {
        LogLevel level = LogLevel::Info;
        bool operator==(const Log&) const = default;
    } log;

    bool operator==(const GatewayConfig&) const = default;
};

/// The language menu of sip.languages ("2=es, 3=fr"): key pressed to
/// language tag. Throws std::invalid_argument naming the bad entry.
std::map<char, std::string> parseLanguageMenu(std::string_view text);

/// Parses the text of a config file; `fileNameForErrors` prefixes every
/// error. Keys left out keep their defaults. Throws ConfigError.
GatewayConfig parseGatewayConfig(std::string_view text, std::string_view fileNameForErrors);

/// Checks one value for a schema key as the file would; returns its
/// canonical text (integers without '+', booleans as true/false, durations
/// in milliseconds). Throws ConfigError (no file or line) naming the key.
std::string checkConfigValue(std::string_view key, std::string_view value);

/// Reads and parses a config file. Throws ConfigError, also when unreadable.
GatewayConfig loadGatewayConfig(const std::filesystem::path& path);

} // namespace warmline
