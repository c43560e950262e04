#include "core/config/Config.h"
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

namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

using T = ConfigType;

// One key per line reads as a table; clang-format would wrap it.
// clang-format off
constexpr auto kSchema = std::to_array<ConfigKeySpec>({
    {"http.address", T::String, "127.0.0.1", "Address to listen on."},
    {"http.port", T::Int, "8080", "Port to listen on; 0 lets the OS choose.", 0, 65535},
    {"http.public_url", T::Url, "", "The URL the carrier calls, scheme included, e.g. https://line.example.org; Twilio signatures are checked against it (required when they are checked)."},
    {"http.max_body_bytes", T::Int, "65536", "Largest request body accepted.", 1024, 64 * 1024 * 1024},
    {"http.header_timeout", T::Duration, "10s", "Time allowed to receive a request's headers.", 100, 10 * kMinute},
    {"http.body_timeout", T::Duration, "30s", "Time allowed to receive a request's body.", 100, kHour},
    {"http.idle_timeout", T::Duration, "60s", "An idle keep-alive connection is closed after this.", kSecond, kHour},
    {"http.max_connections", T::Int, "2000", "Connections open at once; more are refused.", 1, 1'000'000},
    {"http.webhook_commit_timeout", T::Duration, "10s", "How long a webhook waits for its text to be committed; after it the carrier gets 503 with Retry-After and retries (a text committed meanwhile is then a duplicate, answered 200).", 100, 10 * kMinute},
    {"tls.certificate", T::String, "", "PEM certificate chain; with tls.private_key, serves HTTPS and wss://."},
    {"tls.private_key", T::String, "", "PEM private key for tls.certificate."},
    {"tls.allow_plaintext_remote", T::Bool, "false", "Allow listening on a non-loopback address without TLS."},
    {"store.synchronous", T::Enum, "full", "SQLite synchronous mode; full survives power loss.", 0, 0, "off|normal|full"},
    {"store.group_commit_max", T::Int, "512", "Most writes committed in one transaction.", 1, 100'000},
    {"store.path", T::String, "", "Database file; empty means <data-dir>/warmline.db."},
    {"store.max_pages", T::Int, "0", "Cap on the database size in pages (4 KiB each); writes beyond it fail with 503; 0 means no cap.", 0, 1'000'000'000},
    {"link.max_message_bytes", T::Int, "65536", "Largest operator-link frame; larger closes the connection.", 1024, 16 * 1024 * 1024},
    {"link.ping_interval", T::Duration, "20s", "How often the gateway pings each operator client.", kSecond, 10 * kMinute},
    {"link.session_ttl", T::Duration, "12h", "How long a login token stays valid.", kMinute, 30 * kDay},
    {"link.replay_events", T::Int, "10000", "Events kept for clients that reconnect.", 0, 10'000'000},
    {"link.max_outbound_queue", T::Int, "1024", "Frames queued for a slow client before it is disconnected.", 1, 1'000'000},
    {"auth.max_failed_logins", T::Int, "5", "Failed logins before an account is locked for auth.lockout.", 1, 1000},
    {"auth.lockout", T::Duration, "60s", "How long an account stays locked after too many failed logins.", kSecond, kDay},
    {"twilio.auth_token", T::String, "", "Twilio auth token: signs webhooks and authenticates API calls. Secret."},
    {"twilio.account_sid", T::String, "", "Twilio account SID (AC...)."},
    {"twilio.api_base_url", T::Url, "https://api.twilio.com", "Base URL of Twilio's REST API."},
    {"twilio.from_number", T::String, "", "The line's Twilio number, in E.164 form."},
    {"twilio.validate_signature", T::Bool, "true", "Refuse Twilio webhooks without a valid X-Twilio-Signature."},
    {"kannel.sendsms_url", T::Url, "", "Kannel smsbox sendsms URL, e.g. http://127.0.0.1:13013/cgi-bin/sendsms."},
    {"kannel.username", T::String, "", "Kannel sendsms user."},
    {"kannel.password", T::String, "", "Kannel sendsms password. Secret."},
    {"kannel.from_number", T::String, "", "The line's number as Kannel sends it."},
    {"kannel.dlr_url", T::Url, "", "The gateway's delivery-report URL that Kannel calls."},
    {"outbound.provider", T::Enum, "twilio", "Which carrier sends replies.", 0, 0, "twilio|kannel|none"},
    {"outbound.max_attempts", T::Int, "5", "Tries per outbound text before it is marked failed.", 1, 100},
    {"outbound.retry_initial", T::Duration, "1s", "Delay before the first retry; doubles each time.", 10, kHour},
    {"outbound.retry_max", T::Duration, "60s", "Longest delay between retries.", 10, kDay},
    {"outbound.timeout", T::Duration, "15s", "Time allowed for one carrier API request.", 100, 10 * kMinute},
    {"line.name", T::String, "Warmline", "The line's name, used in automatic replies."},
    {"line.first_contact_reply", T::String, "", "Reply to a first text; empty means the built-in text."},
    {"line.after_hours_reply", T::String, "", "Reply to a text outside line.hours; empty means the built-in text."},
    {"line.hours", T::Schedule, "", "Opening hours, e.g. \"mon-fri 09:00-21:00, sat-sun 12:00-18:00\"; empty means always open."},
    {"line.timezone_offset_minutes", T::Int, "0", "The line's local time minus UTC, in minutes (fixed; no DST).", -720, 840},
    {"line.help_reply", T::String, "", "Reply to HELP; empty means the built-in text."},
    {"line.stop_reply", T::String, "", "Reply to STOP; empty means the built-in text."},
    {"line.start_reply", T::String, "", "Reply to START; empty means the built-in text."},
    {"line.content_file", T::String, "", "JSON file of quick replies, topics and referrals (docs/line-content.md); empty means the installed line-content.json."},
    {"line.risk_rules", T::String, "", "Risk rules that score every inbound text and operator note (docs/risk-rules.md); empty means the installed risk-rules.txt."},
    {"limits.calls_per_day", T::Int, "3", "Contacts per local day the line agrees with a caller, shown to operators; 0 means no limit. A caller's own limit overrides it.", 0, 1000},
    {"limits.minutes_per_call", T::Int, "20", "Minutes per contact the line agrees with a caller, shown to operators; 0 means no limit. A caller's own limit overrides it.", 0, 1440},
    {"board.shift_starts", T::String, "", "Local times a shift begins, e.g. \"07:00, 15:00, 23:00\"; the board counts its shift figures from the latest. Empty means the last board.shift_window."},
    {"board.shift_window", T::Duration, "8h", "With no board.shift_starts, the board's shift figures cover this much time before now.", kHour, 7 * kDay},
    {"board.answer_target", T::Duration, "2m", "The line's answer-time target: the service level is the share of contacts answered within it.", kSecond, kDay},
    {"board.wait_alert", T::Duration, "5m", "A contact waiting longer than this raises a wait_over_target alert; 0 turns the alert off.", 0, kDay},
    {"board.time_limit", T::Duration, "45m", "An operator holding one contact longer than this raises an over_time_limit alert; 0 turns it off.", 0, kDay},
    {"board.presence_stuck", T::Duration, "30m", "An operator on break or in wrap-up longer than this raises a presence_stuck alert; 0 turns it off.", 0, kDay},
    {"board.recovery_grace", T::Duration, "2m", "An operator whose app lost its link without logging out has their contacts returned to the queue after this, unless it reconnects.", 100, kDay},
    {"board.check_interval", T::Duration, "1s", "How often the gateway checks waits, time limits, presences and unacknowledged alerts.", 50, kMinute},
    {"alerts.repeat_after", T::Duration, "2m", "An alert nobody acknowledged is raised again, louder, after this, and again after each further period.", 100, kDay},
    {"alerts.escalate_after", T::Duration, "5m", "An escalation alert nobody acknowledged this long goes to everyone on shift, not only the leads.", 100, kDay},
    {"targets.answer_seconds", T::Int, "60", "Reports: a contact answered within this many seconds of arriving counts as answered on time.", 1, 86400},
    {"targets.answered_on_time_percent", T::Int, "80", "Reports: the share of answered contacts the line aims to answer on time (service level).", 0, 100},
    {"targets.abandon_percent", T::Int, "5", "Reports: the highest share of abandoned contacts the line accepts.", 0, 100},
    {"targets.handle_minutes", T::Int, "20", "Reports: the time an operator usually spends with a caller, in minutes.", 1, 1440},
    {"retention.content_days", T::Int, "0", "Days to keep message bodies and notes after a contact closes; a daily purge blanks older content and keeps the counts reports need. 0 keeps content forever.", 0, 36500},
    {"sip.enabled", T::Bool, "false", "Answer calls over SIP (docs/sip.md)."},
    {"sip.address", T::String, "127.0.0.1", "Address to receive SIP and RTP on."},
    {"sip.public_address", T::String, "", "Address peers reach the gateway at, put in Contact, Via and SDP; empty means sip.address."},
    {"sip.udp_port", T::Int, "5060", "SIP over UDP; 0 lets the OS choose.", 0, 65535},
    {"sip.tcp_port", T::Int, "5060", "SIP over TCP; 0 lets the OS choose.", 0, 65535},
    {"sip.allowed_sources", T::String, "127.0.0.1, ::1", "Addresses and CIDR ranges that may send calls (the trunk or PBX); others get 403."},
    {"sip.auth_username", T::String, "", "Digest user a trunk must authenticate as; empty means no authentication."},
    {"sip.auth_password", T::String, "", "Digest password for sip.auth_username. Secret."},
    {"sip.auth_realm", T::String, "warmline", "Digest realm offered in challenges."},
    {"sip.line_numbers", T::String, "", "The line's numbers, comma-separated (e.g. +15555550100); calls to others get 404; empty accepts any."},
    {"sip.rtp_port_min", T::Int, "20000", "Lowest UDP port for call audio (two per call).", 1024, 65534},
    {"sip.rtp_port_max", T::Int, "20999", "Highest UDP port for call audio.", 1025, 65535},
    {"sip.languages", T::String, "", "Language menu in the greeting: key=language pairs, e.g. \"2=es, 3=fr\"; empty means no menu."},
    {"sip.answer_delay", T::Duration, "1s", "How long a call rings before the gateway answers and plays the greeting.", 0, kMinute},
    {"sip.operator_ring_timeout", T::Duration, "20s", "How long an operator's phone rings before the call goes back to the head of the queue.", kSecond, 5 * kMinute},
    {"sip.trunk_uri", T::String, "", "Where a crisis line given as a number is dialled for a warm transfer of a call: a SIP URI with {number} in it, e.g. sip:{number}@192.0.2.10:5060 (host by IP address); empty means only crisis lines with a SIP URI can be called."},
    {"sip.transfer_ring_timeout", T::Duration, "60s", "How long a crisis line rings during a warm transfer of a call before the transfer is recorded as failed.", kSecond, 5 * kMinute},
    {"sip.max_calls", T::Int, "1000", "Calls at once; more get 503.", 1, 100'000},
    {"sip.max_message_bytes", T::Int, "65535", "Largest SIP message accepted.", 1024, 65535},
    {"sip.tcp_idle_timeout", T::Duration, "10m", "An idle SIP TCP connection is closed after this.", kSecond, kDay},
    {"sip.greeting_file", T::String, "", "Greeting WAV (8 kHz mono 16-bit); empty means the installed audio/greeting.wav."},
    {"sip.hold_file", T::String, "", "Hold audio WAV, looped (8 kHz mono 16-bit); empty means the installed audio/hold.wav."},
    {"log.level", T::Enum, "info", "Least severe log level written.", 0, 0, "trace|debug|info|warn|error"},
});
// clang-format on

std::string formatDuration(std::int64_t ms)
{
    if (ms != 0 && ms % kHour == 0) {
        return fmt::format("{}h", ms / kHour);
    }
    if (ms != 0 && ms % kMinute == 0) {
        return fmt::format("{}m", ms / kMinute);
    }
    if (ms % kSecond == 0) {
        return fmt::format("{}s", ms / kSecond);
    }
    return fmt::format("{}ms", ms);
}

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<bool> parseBool(std::string_view text)
{
    const std::string lower = asciiLower(text);
    if (lower == "true" || lower == "yes" || lower == "on" || lower == "1") {
        return true;
    }
    if (lower == "false" || lower == "no" || lower == "off" || lower == "0") {
        return false;
    }
    return std::nullopt;
}

std::optional<std::int64_t> parseDurationMs(std::string_view text)
{
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
        ++digits;
    }
    if (digits == 0 || digits > 18) {
        return std::nullopt;
    }
    std::int64_t amount = 0;
    std::from_chars(text.data(), text.data() + digits, amount);
    const std::string unit = asciiLower(text.substr(digits));
    if (unit.empty()) {
        // A bare number is ambiguous (seconds? milliseconds?), except zero.
        return amount == 0 ? std::optional<std::int64_t>(0) : std::nullopt;
    }
    std::int64_t scale = 0;
    if (unit == "ms") {
        scale = 1;
    } else if (unit == "s") {
        scale = kSecond;
    } else if (unit == "m") {
        scale = kMinute;
    } else if (unit == "h") {
        scale = kHour;
    } else if (unit == "d") {
        scale = kDay;
    } else {
        return std::nullopt;
    }
    if (amount > std::numeric_limits<std::int64_t>::max() / scale) {
        return std::nullopt;
    }
    return amount * scale;
}

bool isChoice(std::string_view choices, std::string_view value)
{
    std::size_t start = 0;
    while (start <= choices.size()) {
        std::size_t end = choices.find('|', start);
        if (end == std::string_view::npos) {
            end = choices.size();
        }
        if (choices.substr(start, end - start) == value) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

bool isUrl(std::string_view text)
{
    for (const std::string_view scheme :
         {std::string_view("http://"), std::string_view("https://")}) {
        if (text.size() > scheme.size() && asciiLower(text.substr(0, scheme.size())) == scheme) {
            const char first = text[scheme.size()];
            return first != '/' && text.find_first_of(" \t") == std::string_view::npos;
        }
    }
    return false;
}

/// Text for a Markdown table cell: no raw HTML, no column breaks.
std::string markdownText(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (c == '<') {
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else if (c == '|') {
            out += "\\|";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string quoted(std::string_view value)
{
    return fmt::format("\"{}\"", value);
}

/// The expectation an error states for a key, e.g. "an integer 0..65535".
std::string expectation(const ConfigKeySpec& spec)
{
    switch (spec.type) {
    case T::String:
        return "text without control characters";
    case T::Url:
        return "an http:// or https:// URL, or nothing";
    case T::Int:
        return fmt::format("an integer {}..{}", spec.min, spec.max);
    case T::Bool:
        return "true or false";
    case T::Duration:
        return fmt::format("a duration such as 500ms, 30s, 2m or 12h, within {}..{}",
                           formatDuration(spec.min), formatDuration(spec.max));
    case T::Enum:
        return fmt::format("one of {}", spec.choices);
    case T::Schedule:
        return "opening hours such as \"mon-fri 09:00-21:00, sat-sun 12:00-18:00\"";
    }
    return {};
}

/// The canonical form of a valid value; nullopt, or throws ScheduleError, when invalid.
std::optional<std::string> checkValue(const ConfigKeySpec& spec, std::string_view value)
{
    switch (spec.type) {
    case T::String:
        if (std::any_of(value.begin(), value.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
            return std::nullopt;
        }
        return std::string(value);
    case T::Url:
        if (!value.empty() && !isUrl(value)) {
            return std::nullopt;
        }
        return std::string(value);
    case T::Int: {
        const auto number = parseInteger(value);
        if (!number || *number < spec.min || *number > spec.max) {
            return std::nullopt;
        }
        return std::to_string(*number);
    }
    case T::Bool: {
        const auto flag = parseBool(value);
        if (!flag) {
            return std::nullopt;
        }
        return *flag ? "true" : "false";
    }
    case T::Duration: {
        const auto ms = parseDurationMs(value);
        if (!ms || *ms < spec.min || *ms > spec.max) {
            return std::nullopt;
        }
        return std::to_string(*ms);
    }
    case T::Enum: {
        std::string lower = asciiLower(value);
        if (!isChoice(spec.choices, lower)) {
            return std::nullopt;
        }
        return lower;
    }
    case T::Schedule:
        WeeklySchedule::parse(value);
        return std::string(value);
    }
    return std::nullopt;
}

std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// A near miss for an unknown key, for the error message.
std::string suggestionFor(std::string_view key)
{
    const ConfigKeySpec* best = nullptr;
    std::size_t bestDistance = 3;
    for (const auto& spec : kSchema) {
        const std::size_t distance = editDistance(key, spec.key);
        if (distance < bestDistance) {
            best = &spec;
            bestDistance = distance;
        }
    }
    if (best == nullptr) {
        // The right name in the wrong section.
        const std::string_view name = key.substr(key.find('.') + 1);
        for (const auto& spec : kSchema) {
            if (spec.key.substr(spec.key.find('.') + 1) == name) {
                best = &spec;
                break;
            }
        }
    }
    return best == nullptr ? std::string() : fmt::format(" (did you mean \"{}\"?)", best->key);
}

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
        for (const auto& spec : kSchema) {
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

std::vector<std::string_view> sections()
{
    std::vector<std::string_view> out;
    for (const auto& spec : kSchema) {
        const std::string_view section = spec.key.substr(0, spec.key.find('.'));
        if (std::find(out.begin(), out.end(), section) == out.end()) {
            out.push_back(section);
        }
    }
    return out;
}

bool isSection(std::string_view name)
{
    const auto all = sections();
    return std::find(all.begin(), all.end(), name) != all.end();
}

// ---- opening hours ----------------------------------------------------------

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kMinutesPerWeek = 7 * kMinutesPerDay;

std::optional<int> dayIndex(std::string_view name)
{
    static constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu",
                                                              "fri", "sat", "sun"};
    const std::string lower = asciiLower(name);
    for (std::size_t i = 0; i < kDays.size(); ++i) {
        if (kDays[i] == lower) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

/// Minutes since midnight for "H:MM" or "HH:MM"; 24:00 only when `isEnd`.
int parseClock(std::string_view text, bool isEnd)
{
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) {
        throw ScheduleError(fmt::format("\"{}\" is not a time like 09:00", text));
    }
    const auto hours = parseInteger(text.substr(0, colon));
    const auto minutes = parseInteger(text.substr(colon + 1));
    if (!hours || !minutes || *hours < 0 || *minutes < 0 || *minutes > 59 || *hours > 24 ||
        (*hours == 24 && (*minutes != 0 || !isEnd)) || text[0] == '+' || text[colon + 1] == '+') {
        throw ScheduleError(fmt::format("\"{}\" is not a time like 09:00", text));
    }
    return static_cast<int>(*hours * 60 + *minutes);
}

std::vector<int> parseDays(std::string_view text)
{
    if (asciiLower(text) == "daily") {
        return {0, 1, 2, 3, 4, 5, 6};
    }
    const std::size_t dash = text.find('-');
    const auto first = dayIndex(text.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : dayIndex(text.substr(dash + 1));
    if (!first || !last) {
        throw ScheduleError(
            fmt::format("\"{}\" is not a day (mon..sun), a day range (mon-fri) or daily", text));
    }
    std::vector<int> days;
    for (int day = *first;; day = (day + 1) % 7) {
        days.push_back(day);
        if (day == *last) {
            break;
        }
    }
    return days;
}

std::vector<std::string_view> splitOn(std::string_view text, std::string_view separators)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find_first_of(separators, start), text.size());
        if (end > start) {
            parts.push_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return parts;
}

} // namespace

ConfigError::ConfigError(std::string file, int line, std::string key, const std::string& problem)
    : std::runtime_error(fmt::format("{}{}{}{}{}", file, line > 0 ? fmt::format(":{}", line) : "",
                                     file.empty() ? "" : ": ",
                                     key.empty() ? "" : fmt::format("key \"{}\": ", key), problem)),
      m_file(std::move(file)), m_line(line), m_key(std::move(key))
{
}

WeeklySchedule WeeklySchedule::parse(std::string_view text)
{
    WeeklySchedule schedule;
    if (trim(text).empty()) {
        return schedule;
    }
    std::size_t entryStart = 0;
    while (entryStart <= text.size()) {
        const std::size_t entryEnd = std::min(text.find(',', entryStart), text.size());
        const std::string_view entry = trim(text.substr(entryStart, entryEnd - entryStart));
        entryStart = entryEnd + 1;
        const auto words = splitOn(entry, " \t");
        if (words.empty()) {
            throw ScheduleError("an entry between commas is empty");
        }
        if (words.size() < 2) {
            throw ScheduleError(fmt::format("\"{}\" needs days and a time range, like "
                                            "mon-fri 09:00-21:00",
                                            entry));
        }
        const std::vector<int> days = parseDays(words[0]);
        for (std::size_t i = 1; i < words.size(); ++i) {
            const std::string_view range = words[i];
            const std::size_t dash = range.find('-');
            if (dash == std::string_view::npos) {
                throw ScheduleError(
                    fmt::format("\"{}\" is not a time range like 09:00-21:00", range));
            }
            const int open = parseClock(range.substr(0, dash), false);
            int close = parseClock(range.substr(dash + 1), true);
            if (close == open) {
                throw ScheduleError(fmt::format("\"{}\" opens and closes at the same time", range));
            }
            if (close < open) {
                close += kMinutesPerDay;
            }
            for (const int day : days) {
                const int start = day * kMinutesPerDay + open;
                const int end = day * kMinutesPerDay + close;
                if (end <= kMinutesPerWeek) {
                    schedule.m_spans.push_back({start, end});
                } else {
                    // Sunday night into Monday morning wraps to the week's start.
                    schedule.m_spans.push_back({start, kMinutesPerWeek});
                    schedule.m_spans.push_back({0, end - kMinutesPerWeek});
                }
            }
        }
    }
    std::sort(schedule.m_spans.begin(), schedule.m_spans.end(), [](const Span& a, const Span& b) {
        return a.start < b.start || (a.start == b.start && a.end < b.end);
    });
    return schedule;
}

bool WeeklySchedule::isOpenAt(EpochMs at, int offsetMinutes) const
{
    if (m_spans.empty()) {
        return true;
    }
    const std::int64_t localMs = at + std::int64_t{offsetMinutes} * kMinute;
    // Floor division, so instants before 1970 land in the right minute too.
    std::int64_t minutes = localMs / kMinute;
    if (localMs % kMinute < 0) {
        --minutes;
    }
    // 1970-01-01 was a Thursday, day 3 of a Monday-first week.
    std::int64_t ofWeek = (minutes + 3 * kMinutesPerDay) % kMinutesPerWeek;
    if (ofWeek < 0) {
        ofWeek += kMinutesPerWeek;
    }
    return std::any_of(m_spans.begin(), m_spans.end(),
                       [&](const Span& span) { return ofWeek >= span.start && ofWeek < span.end; });
}

std::span<const ConfigKeySpec> configSchema()
{
    return kSchema;
}

const ConfigKeySpec* findConfigKey(std::string_view key)
{
    const auto it = std::find_if(kSchema.begin(), kSchema.end(),
                                 [&](const ConfigKeySpec& spec) { return spec.key == key; });
    return it == kSchema.end() ? nullptr : &*it;
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
            throw ConfigError(file, lineNumber, key, "unknown key" + suggestionFor(key));
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
    config.line.timezoneOffsetMinutes =
        static_cast<int>(values.integer("line.timezone_offset_minutes"));
    config.line.helpReply = values.text("line.help_reply");
    config.line.stopReply = values.text("line.stop_reply");
    config.line.startReply = values.text("line.start_reply");
    config.line.contentFile = values.text("line.content_file");
    config.line.riskRules = values.text("line.risk_rules");

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
    config.board.answerTarget = values.duration("board.answer_target");
    config.board.waitAlert = values.duration("board.wait_alert");
    config.board.timeLimit = values.duration("board.time_limit");
    config.board.presenceStuck = values.duration("board.presence_stuck");
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
    sip.allowedSources = values.text("sip.allowed_sources");
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

std::string checkConfigValue(std::string_view key, std::string_view value)
{
    const ConfigKeySpec* spec = findConfigKey(key);
    if (spec == nullptr) {
        throw ConfigError("", 0, std::string(key), "unknown key" + suggestionFor(key));
    }
    std::optional<std::string> canonical;
    try {
        canonical = checkValue(*spec, trim(value));
    } catch (const ScheduleError& error) {
        throw ConfigError("", 0, std::string(key),
                          fmt::format("expected {}: {}", expectation(*spec), error.what()));
    }
    if (!canonical) {
        const bool quotable = spec->type != T::String;
        throw ConfigError("", 0, std::string(key),
                          fmt::format("expected {}{}", expectation(*spec),
                                      quotable ? ", got " + quoted(value) : ""));
    }
    return *canonical;
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

std::string renderConfigMarkdown()
{
    std::string out;
    out += "# Gateway configuration\n\n";
    out += "<!-- Generated from core/config/Config.cpp (renderConfigMarkdown); edit the schema "
           "there. -->\n\n";
    out += "`warmline-gateway` reads one INI file. Keys are grouped under `[section]` headers "
           "and written `key = value`; this page names them `section.key`. Lines starting with "
           "`#` or `;` are comments; a `#` later in a line is part of the value. A value may be "
           "wrapped in double quotes to keep leading or trailing spaces. Keys left out keep their "
           "defaults. An unknown key, a key set twice or a value of the wrong type stops the "
           "gateway with the file, line and key.\n\n";
    out += "Durations are a whole number and a unit: `ms`, `s`, `m`, `h` or `d` (`500ms`, `30s`, "
           "`2m`, `12h`). Booleans are `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`).\n";
    for (const std::string_view section : sections()) {
        out += fmt::format(
            "\n## [{}]\n\n| Key | Type | Default | Description |\n|---|---|---|---|\n", section);
        for (const auto& spec : kSchema) {
            if (spec.key.substr(0, spec.key.find('.')) != section) {
                continue;
            }
            std::string type;
            switch (spec.type) {
            case T::String:
                type = "string";
                break;
            case T::Url:
                type = "URL";
                break;
            case T::Int:
                type = fmt::format("integer {}..{}", spec.min, spec.max);
                break;
            case T::Bool:
                type = "boolean";
                break;
            case T::Duration:
                type = fmt::format("duration {}..{}", formatDuration(spec.min),
                                   formatDuration(spec.max));
                break;
            case T::Enum: {
                std::string choices;
                for (const auto choice : splitOn(spec.choices, "|")) {
                    choices += fmt::format("{}`{}`", choices.empty() ? "" : ", ", choice);
                }
                type = "one of " + choices;
                break;
            }
            case T::Schedule:
                type = "opening hours";
                break;
            }
            const std::string defaultValue =
                spec.defaultValue.empty() ? "*(empty)*" : fmt::format("`{}`", spec.defaultValue);
            out += fmt::format("| `{}` | {} | {} | {} |\n", spec.key, type, defaultValue,
                               markdownText(spec.description));
        }
    }
    return out;
}

std::string renderExampleConfig()
{
    std::string out;
    out += "# warmline-gateway configuration.\n";
    out += "# Every key is shown with its default; keep only the ones you change.\n";
    out += "# Durations: 500ms, 30s, 2m, 12h, 1d. Comments are whole lines starting with # or ;.\n";
    for (const std::string_view section : sections()) {
        out += fmt::format("\n[{}]\n", section);
        for (const auto& spec : kSchema) {
            if (spec.key.substr(0, spec.key.find('.')) != section) {
                continue;
            }
            const std::string_view name = spec.key.substr(spec.key.find('.') + 1);
            out += fmt::format("# {}", spec.description);
            if (spec.type == T::Enum) {
                out += fmt::format(" One of: {}.", spec.choices);
            }
            out += spec.defaultValue.empty() ? fmt::format("\n{} =\n", name)
                                             : fmt::format("\n{} = {}\n", name, spec.defaultValue);
        }
    }
    return out;
}

} // namespace warmline
