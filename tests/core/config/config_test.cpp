#include "core/config/Config.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <random>
#include <set>

using namespace warmline;
using namespace std::chrono_literals;

namespace {

/// Milliseconds since the epoch for a UTC calendar time.
EpochMs utc(int year, unsigned month, unsigned day, int hour, int minute)
{
    const std::chrono::sys_days date =
        std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day);
    const auto at = date + std::chrono::hours(hour) + std::chrono::minutes(minute);
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

/// The ConfigError that parsing `text` throws, as what().
std::string errorOf(const std::string& text, const std::string& file = "gateway.conf")
{
    try {
        parseGatewayConfig(text, file);
    } catch (const ConfigError& error) {
        return error.what();
    }
    return "(no error)";
}

class TempDir
{
public:
    TempDir()
    {
        static std::atomic<int> counter{0};
        std::random_device random;
        m_path =
            std::filesystem::temp_directory_path() /
            ("warmline-config-test-" + std::to_string(random()) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(m_path);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace

TEST_CASE("an empty file gives the defaults, which match GatewayConfig{}")
{
    const GatewayConfig config = parseGatewayConfig("", "gateway.conf");
    CHECK(config == GatewayConfig{});
    CHECK(config.http.address == "127.0.0.1");
    CHECK(config.http.port == 8080);
    CHECK(config.http.headerTimeout == 10s);
    CHECK(config.link.sessionTtl == 12h);
    CHECK(config.store.synchronous == StoreSynchronous::Full);
    CHECK(config.outbound.provider == OutboundProvider::Twilio);
    CHECK(config.twilio.apiBaseUrl == "https://api.twilio.com");
    CHECK(config.twilio.validateSignature);
    CHECK(config.line.name == "Warmline");
    CHECK(config.line.hours.alwaysOpen());
    CHECK(config.line.contentFile.empty());
    CHECK(config.limits.callsPerDay == 3);
    CHECK(config.limits.minutesPerCall == 20);
    CHECK(config.log.level == LogLevel::Info);
}

TEST_CASE("the example config parses back to the defaults")
{
    const std::string example = renderExampleConfig();
    CHECK(example.find(" \n") == std::string::npos);
    CHECK(parseGatewayConfig(example, "example.conf") == GatewayConfig{});
    for (const auto& spec : configSchema()) {
        const std::string name(spec.key.substr(spec.key.find('.') + 1));
        INFO(spec.key);
        CHECK(example.find("\n" + name + " =") != std::string::npos);
    }
}

TEST_CASE("the schema is complete and well-formed")
{
    std::set<std::string_view> keys;
    for (const auto& spec : configSchema()) {
        INFO(spec.key);
        CHECK_FALSE(spec.key.empty());
        CHECK(spec.key.find('.') != std::string_view::npos);
        CHECK_FALSE(spec.description.empty());
        CHECK(keys.insert(spec.key).second);
        CHECK(findConfigKey(spec.key) == &spec);
        if (spec.type == ConfigType::Int || spec.type == ConfigType::Duration) {
            CHECK(spec.min <= spec.max);
        }
        if (spec.type == ConfigType::Enum) {
            CHECK_FALSE(spec.choices.empty());
        }
    }
    CHECK(keys.size() == 128);
    CHECK(findConfigKey("http.nope") == nullptr);
}

TEST_CASE("a full file sets typed values")
{
    const std::string text = R"(# Warmline test config
; another comment style

[http]
address = 0.0.0.0
port = 0
public_url = https://line.example.org
max_body_bytes = 131072
header_timeout = 500ms
body_timeout = 2m
idle_timeout = 1h
max_connections = 10

[tls]
certificate = /etc/warmline/cert.pem
private_key = /etc/warmline/key.pem
allow_plaintext_remote = yes

[store]
synchronous = NORMAL
group_commit_max = 64
path = /var/lib/warmline/test.db

[link]
session_ttl = 1d
replay_events = 0

[auth]
max_failed_logins = 3
lockout = 5m

[twilio]
auth_token = "  not a real token  "
account_sid = AC00000000000000000000000000000000
from_number = +15555550199
validate_signature = off

[kannel]
sendsms_url = http://127.0.0.1:13013/cgi-bin/sendsms
password = pa#ss;word=1

[outbound]
provider = kannel
retry_initial = 250ms
retry_max = 250ms

[line]
name = Night Owl Line
first_contact_reply = Hi, this is the warmline. Someone will be with you soon.
hours = mon-fri 18:00-02:00, sat-sun 12:00-24:00
timezone_offset_minutes = -300

[log]
level = debug
)";
    const GatewayConfig config = parseGatewayConfig(text, "gateway.conf");
    CHECK(config.http.address == "0.0.0.0");
    CHECK(config.http.port == 0);
    CHECK(config.http.publicUrl == "https://line.example.org");
    CHECK(config.http.maxBodyBytes == 131072);
    CHECK(config.http.headerTimeout == 500ms);
    CHECK(config.http.bodyTimeout == 2min);
    CHECK(config.http.idleTimeout == 1h);
    CHECK(config.http.maxConnections == 10);
    CHECK(config.tls.certificate == "/etc/warmline/cert.pem");
    CHECK(config.tls.allowPlaintextRemote);
    CHECK(config.store.synchronous == StoreSynchronous::Normal);
    CHECK(config.store.groupCommitMax == 64);
    CHECK(config.link.sessionTtl == 24h);
    CHECK(config.link.replayEvents == 0);
    CHECK(config.link.pingInterval == 20s);
    CHECK(config.auth.maxFailedLogins == 3);
    CHECK(config.auth.lockout == 5min);
    CHECK(config.twilio.authToken == "  not a real token  ");
    CHECK_FALSE(config.twilio.validateSignature);
    CHECK(config.kannel.password == "pa#ss;word=1");
    CHECK(config.outbound.provider == OutboundProvider::Kannel);
    CHECK(config.outbound.retryInitial == 250ms);
    CHECK(config.line.name == "Night Owl Line");
    CHECK(config.line.timeZone == TimeZone::fixed(-300));
    CHECK(config.line.timeZoneFromOffset);
    CHECK_FALSE(config.line.hours.alwaysOpen());
    CHECK(config.log.level == LogLevel::Debug);
}

TEST_CASE("CRLF line endings and surrounding whitespace are accepted")
{
    const auto config = parseGatewayConfig("[http]\r\n  port   =   9090  \r\n", "gateway.conf");
    CHECK(config.http.port == 9090);
}

TEST_CASE("errors name the file, the line and the key")
{
    CHECK(errorOf("[http]\nport = abc\n") ==
          "gateway.conf:2: key \"http.port\": expected an integer 0..65535, got \"abc\"");
    CHECK(errorOf("\n\n[http]\naddress = ::1\nport = 70000\n") ==
          "gateway.conf:5: key \"http.port\": expected an integer 0..65535, got \"70000\"");
    CHECK(errorOf("[http]\nport = 80.5\n") ==
          "gateway.conf:2: key \"http.port\": expected an integer 0..65535, got \"80.5\"");
    CHECK(errorOf("[http]\nprot = 80\n") ==
          "gateway.conf:2: key \"http.prot\": unknown key (did you mean \"http.port\"?)");
    CHECK(errorOf("[tls]\nport = 80\n") ==
          "gateway.conf:2: key \"tls.port\": unknown key (did you mean \"http.port\"?)");
    CHECK(errorOf("[http]\nbanana = 1\n") == "gateway.conf:2: key \"http.banana\": unknown key");
    // A key an earlier version read names what replaced it.
    CHECK(errorOf("[board]\nanswer_target = 2m\n") ==
          "gateway.conf:2: key \"board.answer_target\": unknown key; it was replaced by "
          "targets.answer_seconds, the one answer-time target the board and the reports share");
    CHECK(errorOf("[store]\nsynchronous = extra\n") ==
          "gateway.conf:2: key \"store.synchronous\": expected one of off|normal|full, got "
          "\"extra\"");
    CHECK(errorOf("[http]\nport = 1\n# again\nport = 2\n") ==
          "gateway.conf:4: key \"http.port\": set twice; first set on line 2");
    CHECK(errorOf("[http]\nport = 1\n[http]\nport = 2\n") ==
          "gateway.conf:4: key \"http.port\": set twice; first set on line 2");
    CHECK(errorOf("[tls]\nallow_plaintext_remote = maybe\n") ==
          "gateway.conf:2: key \"tls.allow_plaintext_remote\": expected true or false, got "
          "\"maybe\"");
    CHECK(errorOf("[twilio]\napi_base_url = ftp://example.org\n") ==
          "gateway.conf:2: key \"twilio.api_base_url\": expected an http:// or https:// URL, or "
          "nothing, got \"ftp://example.org\"");
}

TEST_CASE("bad durations are errors naming the range")
{
    const std::string prefix = "gateway.conf:2: key \"http.header_timeout\": expected a duration "
                               "such as 500ms, 30s, 2m or 12h, within 100ms..10m, got ";
    CHECK(errorOf("[http]\nheader_timeout = abc\n") == prefix + "\"abc\"");
    CHECK(errorOf("[http]\nheader_timeout = 30\n") == prefix + "\"30\"");
    CHECK(errorOf("[http]\nheader_timeout = 30 s\n") == prefix + "\"30 s\"");
    CHECK(errorOf("[http]\nheader_timeout = 30sec\n") == prefix + "\"30sec\"");
    CHECK(errorOf("[http]\nheader_timeout = -5s\n") == prefix + "\"-5s\"");
    CHECK(errorOf("[http]\nheader_timeout = 1.5s\n") == prefix + "\"1.5s\"");
    CHECK(errorOf("[http]\nheader_timeout = 50ms\n") == prefix + "\"50ms\"");
    CHECK(errorOf("[http]\nheader_timeout = 11m\n") == prefix + "\"11m\"");
    CHECK(errorOf("[http]\nheader_timeout = 99999999999999h\n") == prefix + "\"99999999999999h\"");
    CHECK(parseGatewayConfig("[http]\nheader_timeout = 10m\n", "g").http.headerTimeout == 10min);
    CHECK(errorOf("[http]\nheader_timeout = 999999999999999999d\n") ==
          prefix + "\"999999999999999999d\"");
    CHECK(errorOf("[http]\nheader_timeout = 9999999999999999999ms\n") ==
          prefix + "\"9999999999999999999ms\"");
    CHECK(parseGatewayConfig("[link]\nsession_ttl = 2592000000ms\n", "g").link.sessionTtl ==
          std::chrono::hours(720));
}

TEST_CASE("malformed lines and sections are errors with a line number")
{
    CHECK(errorOf("[http]\njust some words\n") ==
          "gateway.conf:2: malformed line; expected \"key = value\", \"[section]\" or a # "
          "comment");
    CHECK(errorOf("port = 80\n") == "gateway.conf:1: key \"port\": appears before any [section]");
    CHECK(errorOf("[htp]\n") == "gateway.conf:1: unknown section [htp]");
    CHECK(errorOf("[http\n") == "gateway.conf:1: malformed section header; expected [name]");
    CHECK(errorOf("[http]\n = 80\n") ==
          "gateway.conf:2: malformed line; the key before '=' is empty");
}

TEST_CASE("free-text values are never echoed in errors")
{
    const std::string error = errorOf("[twilio]\nauth_token = secret\x01value\n");
    CHECK(error.find("secret") == std::string::npos);
    CHECK(error.find("gateway.conf:2: key \"twilio.auth_token\"") == 0);
}

TEST_CASE("keys that only make sense together are checked")
{
    CHECK(errorOf("[tls]\ncertificate = /etc/warmline/cert.pem\n") ==
          "gateway.conf:2: key \"tls.certificate\": tls.certificate and tls.private_key must be "
          "set together");
    CHECK(errorOf("[outbound]\nretry_initial = 5s\nretry_max = 2s\n") ==
          "gateway.conf:3: key \"outbound.retry_max\": outbound.retry_max must not be shorter "
          "than outbound.retry_initial");
}

TEST_CASE("opening hours errors name the key")
{
    const std::string error = errorOf("[line]\nhours = mon-fri 9am-5pm\n");
    CHECK_THAT(error, Catch::StartsWith("gateway.conf:2: key \"line.hours\": expected opening "
                                        "hours such as"));
    CHECK_THAT(error, Catch::Contains("9am"));
}

TEST_CASE("loading from a file uses its path in errors")
{
    TempDir dir;
    const auto path = dir.path() / "gateway.conf";
    {
        std::ofstream out(path);
        out << "[http]\nport = 8443\n[log]\nlevel = loud\n";
    }
    try {
        loadGatewayConfig(path);
        FAIL("expected ConfigError");
    } catch (const ConfigError& error) {
        CHECK(error.file() == path.string());
        CHECK(error.line() == 4);
        CHECK(error.key() == "log.level");
        CHECK_THAT(std::string(error.what()), Catch::StartsWith(path.string() + ":4: key "));
    }
    {
        std::ofstream out(path);
        out << "[http]\nport = 8443\n";
    }
    CHECK(loadGatewayConfig(path).http.port == 8443);
    CHECK_THROWS_AS(loadGatewayConfig(dir.path() / "missing.conf"), ConfigError);
}

TEST_CASE("the markdown reference lists every key")
{
    const std::string markdown = renderConfigMarkdown();
    for (const auto& spec : configSchema()) {
        CHECK(markdown.find("| `" + std::string(spec.key) + "` |") != std::string::npos);
    }
    CHECK(markdown.find("## [http]") != std::string::npos);
    CHECK(markdown.find("integer 0..65535") != std::string::npos);
    CHECK(markdown.find("one of `off`, `normal`, `full`") != std::string::npos);
    CHECK(markdown.find("duration 100ms..10m") != std::string::npos);
}

TEST_CASE("opening hours: weekday and weekend ranges")
{
    const auto hours = WeeklySchedule::parse("mon-fri 09:00-21:00, sat-sun 12:00-18:00");
    CHECK_FALSE(hours.alwaysOpen());
    CHECK(hours.isOpenAt(utc(2026, 11, 16, 9, 0), 0)); // a Monday
    CHECK_FALSE(hours.isOpenAt(utc(2026, 11, 16, 8, 59), 0));
    CHECK(hours.isOpenAt(utc(2026, 11, 16, 20, 59), 0));
    CHECK_FALSE(hours.isOpenAt(utc(2026, 11, 16, 21, 0), 0));
    CHECK(hours.isOpenAt(utc(2026, 11, 20, 12, 0), 0));        // Friday
    CHECK(hours.isOpenAt(utc(2026, 11, 21, 12, 30), 0));       // Saturday
    CHECK_FALSE(hours.isOpenAt(utc(2026, 11, 21, 10, 0), 0));  // Saturday morning
    CHECK_FALSE(hours.isOpenAt(utc(2026, 11, 22, 18, 30), 0)); // Sunday evening
    CHECK(hours.isOpenAt(utc(2026, 11, 22, 17, 59), 0));
}

TEST_CASE("opening hours: the offset shifts local time")
{
    const auto hours = WeeklySchedule::parse("mon-fri 09:00-21:00");
    // 14:00 UTC Monday is 09:00 at UTC-5 and 08:59 one minute earlier.
    CHECK(hours.isOpenAt(utc(2026, 11, 16, 14, 0), -300));
    CHECK_FALSE(hours.isOpenAt(utc(2026, 11, 16, 13, 59), -300));
    // 23:30 UTC Sunday is 09:30 Monday at UTC+10.
    CHECK(hours.isOpenAt(utc(2026, 11, 22, 23, 30), 600));
    CHECK_FALSE(hours.isOpenAt(utc(2026, 11, 22, 23, 30), 0));
}

TEST_CASE("opening hours: overnight ranges, wrapping days, 24:00 and daily")
{
    const auto evenings = WeeklySchedule::parse("fri-mon 20:00-02:00");
    CHECK(evenings.isOpenAt(utc(2026, 11, 20, 22, 0), 0));       // Friday night
    CHECK(evenings.isOpenAt(utc(2026, 11, 21, 1, 59), 0));       // early Saturday
    CHECK_FALSE(evenings.isOpenAt(utc(2026, 11, 21, 2, 0), 0));  // Saturday 02:00
    CHECK(evenings.isOpenAt(utc(2026, 11, 17, 1, 0), 0));        // Monday night into Tuesday
    CHECK_FALSE(evenings.isOpenAt(utc(2026, 11, 18, 1, 0), 0));  // Tuesday night into Wednesday
    CHECK(evenings.isOpenAt(utc(2026, 11, 23, 0, 30), 0));       // Sunday night into Monday
    CHECK_FALSE(evenings.isOpenAt(utc(2026, 11, 19, 22, 0), 0)); // Thursday

    const auto allDaySunday = WeeklySchedule::parse("sun 00:00-24:00");
    CHECK(allDaySunday.isOpenAt(utc(2026, 11, 22, 0, 0), 0));
    CHECK(allDaySunday.isOpenAt(utc(2026, 11, 22, 23, 59), 0));
    CHECK_FALSE(allDaySunday.isOpenAt(utc(2026, 11, 23, 0, 0), 0));

    const auto split = WeeklySchedule::parse("daily 9:00-12:00 13:00-17:00");
    CHECK(split.isOpenAt(utc(2026, 11, 18, 11, 0), 0));
    CHECK_FALSE(split.isOpenAt(utc(2026, 11, 18, 12, 30), 0));
    CHECK(split.isOpenAt(utc(2026, 11, 22, 16, 0), 0));

    CHECK(WeeklySchedule::parse("MON 09:00-10:00") == WeeklySchedule::parse("mon 09:00-10:00"));
    CHECK(WeeklySchedule::parse("").isOpenAt(utc(2026, 11, 18, 3, 0), 0));
    CHECK(WeeklySchedule::parse("  ").alwaysOpen());
}

TEST_CASE("opening hours: times before 1970 land on the right weekday")
{
    const auto thursdays = WeeklySchedule::parse("thu 00:00-24:00");
    CHECK(thursdays.isOpenAt(utc(1969, 12, 25, 12, 0), 0)); // a Thursday
    CHECK_FALSE(thursdays.isOpenAt(utc(1969, 12, 31, 23, 59), 0));
    CHECK(thursdays.isOpenAt(0, 0));
}

TEST_CASE("opening hours: malformed text is a ScheduleError")
{
    for (const char* bad :
         {"mon-fri", "mon-fri 9-17", "funday 09:00-10:00", "mon 09:00", "mon 25:00-26:00",
          "mon 09:60-10:00", "mon 24:00-10:00", "mon 24:30-10:00", "mon 10:00-10:00",
          "mon-fri 09:00-21:00,,", "mon 0900-1000", "mon 09:00-1", "mon-xyz 09:00-10:00"}) {
        INFO(bad);
        CHECK_THROWS_AS(WeeklySchedule::parse(bad), ScheduleError);
    }
}

TEST_CASE("the sip section: ports, sources, numbers, the language menu")
{
    const auto config = parseGatewayConfig(R"([sip]
enabled = true
address = 192.0.2.5
udp_port = 0
tcp_port = 5070
allowed_sources = 192.0.2.0/24, 2001:db8::1
auth_username = trunk
auth_password = a secret
line_numbers = +1 555 555 0100, +15555550101
rtp_port_min = 30000
rtp_port_max = 30100
languages = 2=es, 3=pt-BR
answer_delay = 0s
operator_ring_timeout = 15s
)",
                                           "gateway.conf");
    const auto& sip = config.sip;
    CHECK(sip.enabled);
    CHECK(sip.address == "192.0.2.5");
    CHECK(sip.udpPort == 0);
    CHECK(sip.tcpPort == 5070);
    CHECK(sip.allowedSources == "192.0.2.0/24, 2001:db8::1");
    CHECK(sip.lineNumbers == std::vector<std::string>{"+1 555 555 0100", "+15555550101"});
    CHECK(sip.languages == std::map<char, std::string>{{'2', "es"}, {'3', "pt-BR"}});
    CHECK(sip.answerDelay == 0ms);
    CHECK(sip.operatorRingTimeout == 15s);

    CHECK_THROWS_WITH(parseGatewayConfig("[sip]\nlanguages = 22=es\n", "g.conf"),
                      Catch::Contains("sip.languages"));
    CHECK_THROWS_WITH(parseGatewayConfig("[sip]\nlanguages = 2=es, 2=fr\n", "g.conf"),
                      Catch::Contains("twice"));
    CHECK_THROWS_WITH(
        parseGatewayConfig("[sip]\nrtp_port_min = 30000\nrtp_port_max = 30000\n", "g.conf"),
        Catch::Contains("sip.rtp_port_max"));
    // SIP over TLS needs the gateway's certificate, and a port of its own.
    CHECK_THROWS_WITH(parseGatewayConfig("[sip]\ntls_enabled = true\n", "g.conf"),
                      Catch::Contains("g.conf") && Catch::Contains("sip.tls_enabled") &&
                          Catch::Contains("tls.certificate"));
    CHECK_THROWS_WITH(parseGatewayConfig("[tls]\ncertificate = c.pem\nprivate_key = k.pem\n"
                                         "[sip]\ntls_enabled = true\ntcp_port = 5070\n"
                                         "tls_port = 5070\n",
                                         "g.conf"),
                      Catch::Contains("sip.tls_port"));
    const auto tls = parseGatewayConfig(
        "[tls]\ncertificate = c.pem\nprivate_key = k.pem\n[sip]\ntls_enabled = true\n", "g.conf");
    CHECK(tls.sip.tlsEnabled);
    CHECK(tls.sip.tlsPort == 5061);
    CHECK_FALSE(parseGatewayConfig("", "g.conf").sip.tlsEnabled);
    // Or SIP's own certificate (HTTPS ending at a reverse proxy), whose
    // two keys go together.
    const auto own = parseGatewayConfig(
        "[sip]\ntls_enabled = true\ntls_certificate = s.pem\ntls_private_key = sk.pem\n", "g.conf");
    CHECK(own.sip.tlsCertificate == "s.pem");
    CHECK(own.sip.tlsPrivateKey == "sk.pem");
    try {
        parseGatewayConfig("[sip]\ntls_certificate = s.pem\n", "g.conf");
        FAIL("a certificate without its key was accepted");
    } catch (const ConfigError& e) {
        CHECK(e.key() == "sip.tls_certificate"); // the one in the file, as for [tls]
        CHECK_THAT(e.what(), Catch::Contains("g.conf") && Catch::Contains("together"));
    }
    // The password is a secret: never quoted back.
    try {
        parseGatewayConfig("[sip]\nauth_password = hunter2hunter2\n", "g.conf");
        FAIL("a password without a user was accepted");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
        CHECK(e.key() == "sip.auth_password");
    }
}

TEST_CASE("the overflow section: a partner line's numbers, checked with the trunk and the menu")
{
    const auto config = parseGatewayConfig(R"([sip]
trunk_uri = sip:{number}@192.0.2.10:5060
languages = 2=es
[overflow]
partner_name = Synthetic Partner Line
partner_text_number = +1 555 555 0166
partner_call_number = +15555550177
after = 4m
)",
                                           "gateway.conf");
    CHECK(config.overflow.partnerName == "Synthetic Partner Line");
    CHECK(config.overflow.partnerTextNumber == "+1 555 555 0166");
    CHECK(config.overflow.partnerCallNumber == "+15555550177");
    CHECK(config.overflow.after == 240s);
    CHECK(parseGatewayConfig("[overflow]\npartner_name = P\npartner_call_number = "
                             "sip:partner@192.0.2.11\n",
                             "g.conf")
              .overflow.partnerCallNumber == "sip:partner@192.0.2.11");

    CHECK_THROWS_WITH(
        parseGatewayConfig("[overflow]\npartner_text_number = +15555550166\n", "g.conf"),
        Catch::Contains("overflow.partner_name"));
    CHECK_THROWS_WITH(
        parseGatewayConfig("[overflow]\npartner_name = P\npartner_text_number = call us\n",
                           "g.conf"),
        Catch::Contains("overflow.partner_text_number"));
    // A number needs the trunk to dial it through.
    CHECK_THROWS_WITH(
        parseGatewayConfig("[overflow]\npartner_name = P\npartner_call_number = +15555550177\n",
                           "g.conf"),
        Catch::Contains("sip.trunk_uri"));
    // 1 answers the offer: the language menu cannot use it.
    CHECK_THROWS_WITH(parseGatewayConfig("[sip]\nlanguages = 1=en, 2=es\n[overflow]\n"
                                         "partner_name = P\npartner_call_number = "
                                         "sip:partner@192.0.2.11\n",
                                         "g.conf"),
                      Catch::Contains("sip.languages"));
}

TEST_CASE("the screening and survey sections: hourly limits, kinds of number, the survey")
{
    const auto defaults = parseGatewayConfig("", "gateway.conf");
    CHECK(defaults.screening.textsPerHour == 0);
    CHECK(defaults.screening.callsPerHour == 0);
    CHECK(defaults.screening.homeCountry == "+1");
    CHECK(defaults.screening.international == ScreenAction::Accept);
    CHECK(defaults.screening.premium == ScreenAction::Hold);
    CHECK(defaults.screening.premiumPrefixes == std::vector<std::string>{"+1900"});

    const auto config = parseGatewayConfig(R"([screening]
texts_per_hour = 40
calls_per_hour = 6
home_country = +44
international = refuse
premium_prefixes = +44909, +44908 ,
premium = accept
)",
                                           "gateway.conf");
    CHECK(config.screening.textsPerHour == 40);
    CHECK(config.screening.callsPerHour == 6);
    CHECK(config.screening.homeCountry == "+44");
    CHECK(config.screening.international == ScreenAction::Refuse);
    CHECK(config.screening.premium == ScreenAction::Accept);
    CHECK(config.screening.premiumPrefixes == std::vector<std::string>{"+44909", "+44908"});

    const auto survey = parseGatewayConfig("[survey]\nafter_texts = true\nmin_gap = 3d\n"
                                           "answer_window = 12h\n",
                                           "gateway.conf");
    CHECK(survey.survey.afterTexts);
    CHECK(survey.survey.minGap == std::chrono::hours(72));
    CHECK(survey.survey.answerWindow == std::chrono::hours(12));
    CHECK_FALSE(defaults.survey.afterTexts);
    CHECK_THROWS_WITH(parseGatewayConfig("[survey]\nmin_gap = 1m\n", "g.conf"),
                      Catch::Contains("survey.min_gap"));

    CHECK_THROWS_WITH(parseGatewayConfig("[screening]\nhome_country = 44\n", "g.conf"),
                      Catch::Contains("screening.home_country"));
    CHECK_THROWS_WITH(parseGatewayConfig("[screening]\npremium_prefixes = 1900\n", "g.conf"),
                      Catch::Contains("screening.premium_prefixes"));
    CHECK_THROWS_WITH(parseGatewayConfig("[screening]\npremium = drop\n", "g.conf"),
                      Catch::Contains("screening.premium"));
    CHECK_THROWS_WITH(parseGatewayConfig("[screening]\ncalls_per_hour = -1\n", "g.conf"),
                      Catch::Contains("screening.calls_per_hour"));
}

TEST_CASE("checking Twilio signatures needs http.public_url")
{
    const std::string error = errorOf("[twilio]\nauth_token = not-a-real-token\n");
    CHECK(error.find("gateway.conf:2: key \"twilio.auth_token\"") == 0);
    CHECK(error.find("http.public_url") != std::string::npos);
    CHECK(error.find("not-a-real-token") == std::string::npos);
    CHECK_NOTHROW(parseGatewayConfig(
        "[http]\npublic_url = https://line.example.org\n[twilio]\nauth_token = t\n", "g.conf"));
    CHECK_NOTHROW(
        parseGatewayConfig("[twilio]\nauth_token = t\nvalidate_signature = false\n", "g.conf"));
}
