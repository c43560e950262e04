// The gateway configuration's schema: every key with its type, default and
// meaning (one line each, read as a table), and the checks that turn a
// value as written into its canonical form.

#include "core/config/Config.h"
#include "core/config/ConfigDetail.h"
#include "core/text/Text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

namespace warmline {

using namespace config_detail;

namespace {

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
    {"line.timezone", T::String, "", "The line's time zone, an IANA name such as America/Los_Angeles (daylight saving included), for its hours, shifts, \"today\" counts and reports; empty means line.timezone_offset_minutes, or UTC."},
    {"line.timezone_offset_minutes", T::Int, "0", "Older setting: a fixed offset from UTC in minutes, with no daylight saving. Replaced by line.timezone; used only when that is empty.", -720, 840},
    {"line.help_reply", T::String, "", "Reply to HELP; empty means the built-in text."},
    {"line.stop_reply", T::String, "", "Reply to STOP; empty means the built-in text."},
    {"line.start_reply", T::String, "", "Reply to START; empty means the built-in text."},
    {"line.first_contact_reply_es", T::String, "", "line.first_contact_reply for a texter who writes in Spanish; empty means the built-in Spanish text."},
    {"line.after_hours_reply_es", T::String, "", "line.after_hours_reply in Spanish; empty means the built-in Spanish text."},
    {"line.help_reply_es", T::String, "", "line.help_reply in Spanish; empty means the built-in Spanish text."},
    {"line.stop_reply_es", T::String, "", "line.stop_reply in Spanish; empty means the built-in Spanish text."},
    {"line.start_reply_es", T::String, "", "line.start_reply in Spanish; empty means the built-in Spanish text."},
    {"line.content_file", T::String, "", "JSON file of quick replies, topics and referrals (docs/line-content.md); empty means the installed line-content.json."},
    {"line.wait_notice", T::Duration, "10m", "A texter still waiting in the queue this long gets one text with their place in line, a rough wait when the shift's pace gives one, and the crisis lines (988, Crisis Text Line); 0 means never.", 0, kDay},
    {"line.language_wait", T::Duration, "60s", "A text in Spanish waits this long for an operator who lists Spanish among their languages before anyone may take it (at once when no one signed in speaks it); 0 means anyone at once.", 0, kHour},
    {"line.risk_rules", T::String, "", "Risk rules that score every inbound text and operator note (docs/risk-rules.md); empty means the installed risk-rules.txt."},
    {"limits.calls_per_day", T::Int, "3", "Contacts per local day the line agrees with a caller, shown to operators; 0 means no limit. A caller's own limit overrides it.", 0, 1000},
    {"limits.minutes_per_call", T::Int, "20", "Minutes per contact the line agrees with a caller, shown to operators; 0 means no limit. A caller's own limit overrides it.", 0, 1440},
    {"board.shift_starts", T::String, "", "Local times a shift begins, e.g. \"07:00, 15:00, 23:00\"; the board counts its shift figures from the latest. Empty means the last board.shift_window."},
    {"board.shift_window", T::Duration, "8h", "With no board.shift_starts, the board's shift figures cover this much time before now.", kHour, 7 * kDay},
    {"board.wait_alert", T::Duration, "5m", "A contact waiting longer than this raises a wait_over_target alert; 0 turns the alert off.", 0, kDay},
    {"board.time_limit", T::Duration, "45m", "An operator holding one contact longer than this raises an over_time_limit alert; 0 turns it off.", 0, kDay},
    {"board.presence_stuck", T::Duration, "30m", "An operator on break or in wrap-up longer than this raises a presence_stuck alert; 0 turns it off.", 0, kDay},
    {"board.break_reminder", T::Duration, "2h", "An operator taking contacts this long without a break gets a gentle reminder in the app to take one; 0 turns it off.", 0, kDay},
    {"board.announce_listening", T::Bool, "true", "A shift lead listening to a call is announced to its operator (docs/coaching.md); false lets leads listen unannounced. Whisper and barge are always announced: the operator hears the lead. An admin may change it from the link (audited)."},
    {"board.break_after_high_risk", T::Bool, "true", "After closing a contact that reached high or imminent risk, the operator is offered a break and a debrief note for a supervisor."},
    {"board.recovery_grace", T::Duration, "2m", "An operator whose app lost its link without logging out has their contacts returned to the queue after this, unless it reconnects.", 100, kDay},
    {"board.check_interval", T::Duration, "1s", "How often the gateway checks waits, time limits, presences and unacknowledged alerts.", 50, kMinute},
    {"alerts.repeat_after", T::Duration, "2m", "An alert nobody acknowledged is raised again, louder, after this, and again after each further period.", 100, kDay},
    {"alerts.escalate_after", T::Duration, "5m", "An escalation alert nobody acknowledged this long goes to everyone on shift, not only the leads.", 100, kDay},
    {"targets.answer_seconds", T::Int, "60", "The line's answer-time target: a contact answered within this many seconds of arriving is answered on time. The shift board's service level and the reports' both count against it.", 1, 86400},
    {"targets.answered_on_time_percent", T::Int, "80", "The service level the line aims for: the share of contacts answered on time, of those answered or abandoned. The board warns below it; reports compare with it.", 0, 100},
    {"targets.abandon_percent", T::Int, "5", "Reports: the highest share of abandoned contacts the line accepts.", 0, 100},
    {"targets.handle_minutes", T::Int, "20", "Reports: the time an operator usually spends with a caller, in minutes.", 1, 1440},
    {"retention.content_days", T::Int, "0", "Days to keep message bodies and notes after a contact closes; a daily purge blanks older content and keeps the counts reports need. 0 keeps content forever.", 0, 36500},
    {"sip.enabled", T::Bool, "false", "Answer calls over SIP (docs/sip.md)."},
    {"sip.address", T::String, "127.0.0.1", "Address to receive SIP and RTP on."},
    {"sip.public_address", T::String, "", "Address peers reach the gateway at, put in Contact, Via and SDP; empty means sip.address."},
    {"sip.udp_port", T::Int, "5060", "SIP over UDP; 0 lets the OS choose.", 0, 65535},
    {"sip.tcp_port", T::Int, "5060", "SIP over TCP; 0 lets the OS choose.", 0, 65535},
    {"sip.tls_enabled", T::Bool, "false", "Also listen for SIP over TLS on sip.tls_port, with sip.tls_certificate or else tls.certificate (the same certificate as HTTPS). Calls over it whose offer is RTP/SAVP get SRTP; the operator's leg is still plain RTP (docs/sip.md)."},
    {"sip.tls_port", T::Int, "5061", "SIP over TLS, when sip.tls_enabled; 0 lets the OS choose.", 0, 65535},
    {"sip.tls_certificate", T::String, "", "PEM certificate chain for SIP over TLS when it is not tls.certificate (e.g. HTTPS ends at a reverse proxy); renewed on reload."},
    {"sip.tls_private_key", T::String, "", "PEM private key for sip.tls_certificate."},
    {"sip.allowed_sources", T::String, "127.0.0.1, ::1", "Addresses and CIDR ranges that may send calls (the trunk or PBX); others get 403."},
    {"sip.auth_username", T::String, "", "Digest user a trunk must authenticate as; empty means no authentication."},
    {"sip.auth_password", T::String, "", "Digest password for sip.auth_username. Secret."},
    {"sip.auth_realm", T::String, "warmline", "Digest realm offered in challenges."},
    {"sip.line_numbers", T::String, "", "The line's numbers, comma-separated (e.g. +15555550100); calls to others get 404; empty accepts any."},
    {"sip.rtp_port_min", T::Int, "20000", "Lowest UDP port for call audio (two per call).", 1024, 65534},
    {"sip.rtp_port_max", T::Int, "20999", "Highest UDP port for call audio.", 1025, 65535},
    {"sip.languages", T::String, "", "Language menu in the greeting: key=language pairs, e.g. \"2=es, 3=fr\"; empty means no menu."},
    {"sip.answer_delay", T::Duration, "1s", "How long a call rings before the gateway answers and plays the greeting.", 0, kMinute},
    {"sip.allow_plain_remote_phones", T::Bool, "false", "Put calls through to a softphone or desk phone at an address off the site's own network (not loopback, 10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10, fc00::/7 or fe80::/10). Calls to operators travel as plain SIP and RTP, readable on every network they cross, so this is off: operators at home reach the site over a VPN (docs/remote-operators.md). Own phone numbers dialled through the trunk are not affected."},
    {"sip.operator_ring_timeout", T::Duration, "20s", "How long an operator's phone rings before the call goes back to the head of the queue.", kSecond, 5 * kMinute},
    {"sip.trunk_uri", T::String, "", "Where a crisis line given as a number is dialled for a warm transfer of a call: a SIP URI with {number} in it, e.g. sip:{number}@192.0.2.10:5060 (host by IP address); empty means only crisis lines with a SIP URI can be called."},
    {"sip.transfer_ring_timeout", T::Duration, "60s", "How long a crisis line rings during a warm transfer of a call before the transfer is recorded as failed.", kSecond, 5 * kMinute},
    {"sip.max_calls", T::Int, "1000", "Calls at once; more get 503.", 1, 100'000},
    {"sip.max_message_bytes", T::Int, "65535", "Largest SIP message accepted.", 1024, 65535},
    {"sip.tcp_idle_timeout", T::Duration, "10m", "An idle SIP TCP connection is closed after this.", kSecond, kDay},
    {"sip.greeting_file", T::String, "", "Greeting WAV (8 kHz mono 16-bit); empty means the installed audio/greeting.wav."},
    {"sip.hold_file", T::String, "", "Hold audio WAV, looped (8 kHz mono 16-bit); empty means the installed audio/hold.wav."},
    {"sip.phone_check_interval", T::Duration, "30s", "How often the gateway asks each signed-in operator's phone (the app's softphone or a desk phone) whether it is there, with a SIP OPTIONS request; the shift board shows whether it answers and when it last did. A phone registered over TCP or TLS that misses two checks in a row (5 s each) has its connection closed unless a call runs on it, ending its registration until it connects again (decision 161). 0 means never. Unlike the rest of [sip], a reload (SIGHUP) applies it.", 0, kHour},
    {"sip.media_timeout", T::Duration, "2m", "How long a call's phone may send no audio before the gateway counts it as gone (its network dropped, or it hung up without a BYE that arrived; decision 154). A caller's phone: the call ends and the operator's wrap-up starts (a queued caller leaves the queue). An operator's phone: it is hung up, the caller goes back to the head of the queue and the operator on break, with a notice. A caller holding or muting the call (sendonly, recvonly, inactive) is not watched, nor an operator's phone while a crisis line is on the call. 0 means never.", 0, kHour},
    {"sip.position_interval", T::Duration, "60s", "How often a caller waiting in the queue hears their place in line, a rough wait when the shift's pace gives one, and where to turn in a crisis (988), in their language (audio/position/); 0 means never. Unlike the rest of [sip], a reload (SIGHUP) applies it.", 0, kHour},
    {"overflow.partner_name", T::String, "", "The partner warmline waiting contacts can be pointed to on a surge (docs/coaching.md#overflow), named in the text sent to waiting texters; empty means no overflow."},
    {"overflow.partner_text_number", T::String, "", "The partner line's number texters are given, e.g. +15555550199; empty means texters are not pointed to it."},
    {"overflow.partner_call_number", T::String, "", "Where a waiting caller who presses 1 is put through to: the partner line's number (dialled through sip.trunk_uri) or a SIP URI (host by IP address); empty means callers are not offered it."},
    {"overflow.partner_name_recording", T::String, "", "A recording of the partner line's name (WAV, 8 kHz mono 16-bit, a second or two), said in the callers' offer: \"to be put through to <name> now, press 1\"; empty means the offer says \"a partner warm line\"."},
    {"overflow.after", T::Duration, "0", "A contact waiting this long is offered the partner line even when no lead has switched overflow on; 0 means only while a lead has it on.", 0, kDay},
    {"survey.after_texts", T::Bool, "false", "Send the one-question survey (docs/surveys.md) after a text conversation an operator closes; never after an escalation or to a texter who sent STOP."},
    {"survey.after_calls", T::Bool, "false", "Offer the keypad survey (docs/surveys.md) to every caller whose call an operator ends, unless it had an escalation; an operator can also offer it to one caller at wrap-up."},
    {"survey.show_to_operator", T::Bool, "false", "Show a survey's answer, in the caller's history, to the operator who took that contact (and to no one else); off, nobody sees a single answer, only the reports' figures. An admin may change it from the link (audited)."},
    {"survey.min_gap", T::Duration, "7d", "At most one survey to the same texter in this time.", kHour, 365 * kDay},
    {"survey.answer_window", T::Duration, "1d", "How long after the survey a reply of 1, 2 or 3 counts as its answer.", kMinute, 30 * kDay},
    {"checkins.missed_after", T::Duration, "2h", "A check-in (docs/checkins.md) nobody has taken this long after its time is taken out of the queue and shown to leads as missed; one that fell due while the gateway was down this long ago is recorded as missed at once.", 5 * kMinute, 7 * kDay},
    {"callbacks.offer_after", T::Duration, "0", "A caller who has waited this long hears the callback offer once (docs/callbacks.md): press 1, hang up, keep your place and be called back through sip.trunk_uri; 0 means callbacks are not offered.", 0, kDay},
    {"callbacks.attempts", T::Int, "3", "Times a callback's caller is dialled before it is closed as not reached.", 1, 10},
    {"callbacks.retry_after", T::Duration, "10m", "How long after an unanswered callback attempt the next one may be made.", 0, kDay},
    {"callbacks.ring_time", T::Duration, "30s", "How long a callback's caller's phone rings before the attempt counts as unanswered.", 5 * kSecond, 2 * kMinute},
    {"callbacks.answer_wait", T::Duration, "20s", "After a callback's caller answers, how long the line waits for them to press 1 to be put through; a phone that answers and presses nothing (a voicemail, perhaps) counts as an attempt that did not reach the caller.", 5 * kSecond, 2 * kMinute},
    {"screening.texts_per_hour", T::Int, "0", "Texts from one number in an hour beyond which its waiting contact is held for a lead (docs/screening.md); 0 means no limit.", 0, 100'000},
    {"screening.calls_per_hour", T::Int, "0", "Calls from one number in an hour beyond which the call waits for a lead (docs/screening.md); 0 means no limit.", 0, 100'000},
    {"screening.home_country", T::String, "+1", "The line's country calling code; E.164 numbers with another code are international. Empty means none is."},
    {"screening.international", T::Enum, "accept", "Contacts from international numbers: queued as any (accept), held for a lead (hold), or refused, recorded and shown to leads (refuse).", 0, 0, "accept|hold|refuse"},
    {"screening.premium_prefixes", T::String, "+1900", "Comma-separated E.164 prefixes of premium-rate numbers."},
    {"screening.premium", T::Enum, "hold", "Contacts from premium-rate numbers: accept, hold for a lead, or refuse.", 0, 0, "accept|hold|refuse"},
    {"log.level", T::Enum, "info", "Least severe log level written.", 0, 0, "trace|debug|info|warn|error"},
});
// clang-format on

} // namespace

namespace config_detail {

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

/// Keys an earlier version read, and what took their place.
std::string retiredKey(std::string_view key)
{
    if (key == "board.answer_target") {
        return "; it was replaced by targets.answer_seconds, the one answer-time target the "
               "board and the reports share";
    }
    return {};
}

std::vector<std::string_view> sections()
{
    std::vector<std::string_view> out;
    for (const auto& spec : configSchema()) {
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

} // namespace config_detail

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

std::string checkConfigValue(std::string_view key, std::string_view value)
{
    const ConfigKeySpec* spec = findConfigKey(key);
    if (spec == nullptr) {
        throw ConfigError("", 0, std::string(key),
                          "unknown key" +
                              (retiredKey(key).empty() ? suggestionFor(key) : retiredKey(key)));
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

} // namespace warmline
