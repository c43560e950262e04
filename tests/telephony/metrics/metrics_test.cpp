// /metrics as a site's monitoring meets it: a real gateway scraped over
// HTTP. Every metric the shipped alert rules and Grafana dashboard name is
// exported, every exported family is documented in docs/metrics.md and
// nothing else is, and the metrics the alerts rely on move with the
// gateway's state: an escalation waits for a lead and is acknowledged, a
// full store fails writes, a carrier refuses or fails texts, the disk's
// size and free space are read. The
// last case runs a real Prometheus (Debian's) against a real gateway until
// an alert from the shipped rules fires; ctest skips it when Prometheus is
// not installed (scripts/deps monitoring).

#include "support/FakeHttpServer.h"
#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unistd.h>

using namespace warmline::test;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = WARMLINE_SOURCE_DIR;
const std::string kConfigBase = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
// Calls on, so that the call and RTP families are exported too.
const std::string kSipConfig = "[sip]\nenabled = true\nudp_port = 0\ntcp_port = 0\n";
const std::string kCrisis = "synthetic: I saved up 40 of my sleeping pills and I'm going to take "
                            "them all tonight";

/// One scrape of /metrics: each family's TYPE and HELP, and each sample's
/// value by its series (name and labels as written).
struct Scrape
{
    std::map<std::string, std::string> types;
    std::set<std::string> helped;
    std::map<std::string, double> samples;
    std::set<std::string> sampleNames;

    double value(const std::string& series) const
    {
        const auto it = samples.find(series);
        return it == samples.end() ? -1 : it->second;
    }
};

Scrape parseScrape(const std::string& text)
{
    Scrape s;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) {
            continue;
        }
        std::istringstream words(line);
        if (line.rfind("# TYPE ", 0) == 0) {
            std::string hash, word, name, type;
            words >> hash >> word >> name >> type;
            s.types[name] = type;
        } else if (line.rfind("# HELP ", 0) == 0) {
            std::string hash, word, name;
            words >> hash >> word >> name;
            s.helped.insert(name);
        } else if (line[0] != '#') {
            const auto space = line.rfind(' ');
            REQUIRE(space != std::string::npos);
            const std::string series = line.substr(0, space);
            s.samples[series] = std::stod(line.substr(space + 1));
            s.sampleNames.insert(series.substr(0, series.find('{')));
        }
    }
    return s;
}

Scrape scrape(SimpleHttpClient& client)
{
    const auto r = client.get("/metrics");
    REQUIRE(r.status == 200);
    return parseScrape(r.body);
}

/// Every warmline_* name in `text`.
std::set<std::string> metricNamesIn(const std::string& text)
{
    static const std::regex name(R"(\bwarmline_[a-z0-9_]*[a-z0-9])");
    std::set<std::string> names;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), name);
         it != std::sregex_iterator(); ++it) {
        names.insert(it->str());
    }
    return names;
}

/// The families docs/metrics.md documents: its "### `warmline_…`" headings.
std::set<std::string> documentedFamilies()
{
    const std::string doc = readFile(kSource / "docs/metrics.md");
    REQUIRE(!doc.empty());
    static const std::regex heading(R"(^### `(warmline_[a-z0-9_]+)`$)");
    std::set<std::string> names;
    std::istringstream in(doc);
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_match(line, m, heading)) {
            names.insert(m[1].str());
        }
    }
    return names;
}

/// Every PromQL expression of the dashboard ("expr" anywhere in it), and
/// the panels without one (rows excepted).
void dashboardExpressions(const json::value& v, std::vector<std::string>& exprs,
                          std::vector<std::string>& panelsWithout)
{
    if (v.is_array()) {
        for (const auto& e : v.as_array()) {
            dashboardExpressions(e, exprs, panelsWithout);
        }
        return;
    }
    if (!v.is_object()) {
        return;
    }
    const auto& o = v.as_object();
    if (const auto* e = o.if_contains("expr"); e && e->is_string()) {
        exprs.emplace_back(e->as_string());
    }
    if (o.contains("gridPos") && o.contains("type") && !(o.at("type") == "row")) {
        bool any = false;
        if (const auto* t = o.if_contains("targets"); t && t->is_array()) {
            for (const auto& target : t->as_array()) {
                const auto* e = target.as_object().if_contains("expr");
                any = any || (e && e->is_string() && !e->as_string().empty());
            }
        }
        if (!any) {
            panelsWithout.emplace_back(json::serialize(o.at("title")));
        }
    }
    for (const auto& [key, child] : o) {
        if (key != "expr") {
            dashboardExpressions(child, exprs, panelsWithout);
        }
    }
}

/// A name as an expression uses it must be a sample /metrics exports
/// (a histogram's _bucket, _sum and _count included).
void requireExported(const Scrape& s, const std::set<std::string>& names, const std::string& where)
{
    for (const auto& name : names) {
        INFO(where << " names " << name);
        CHECK(s.sampleNames.contains(name));
    }
}

void postText(SimpleHttpClient& http, const std::string& sid, const std::string& from,
              const std::string& body)
{
    const auto r =
        http.postForm("/sms/twilio", SimpleHttpClient::formEncode({{"MessageSid", sid},
                                                                   {"From", from},
                                                                   {"To", "+15555550199"},
                                                                   {"Body", body},
                                                                   {"NumMedia", "0"}}));
    INFO(sid << ": " << r.status);
    REQUIRE(r.status == 200);
}

/// Polls /metrics until `series` satisfies `pred`; its last value.
template <typename P>
double waitForSample(SimpleHttpClient& http, const std::string& series, P pred,
                     std::chrono::milliseconds timeout = 20s)
{
    double last = -1;
    const bool ok = waitFor(
        [&] {
            last = scrape(http).value(series);
            return pred(last);
        },
        timeout, 50ms);
    INFO(series << " last read " << last);
    CHECK(ok);
    return last;
}

/// The program's path as the shell would find it on PATH, or "".
std::string onPath(const std::string& program)
{
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate.string();
        }
    }
    return {};
}

} // namespace

TEST_CASE("every metric the alerts and the dashboard use is exported, and every exported family "
          "is documented",
          "[metrics][e2e]")
{
    GatewayOptions options;
    options.configExtra = kConfigBase + kSipConfig;
    GatewayProcess gateway(options);
    SimpleHttpClient http(gateway.url(), 10s);
    const auto r = http.get("/metrics");
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type").value_or("").rfind("text/plain; version=0.0.4", 0) == 0);
    const Scrape s = parseScrape(r.body);

    // Each family has HELP and TYPE; counters end in _total; only the
    // histogram's series carry a suffix of their own.
    REQUIRE(!s.types.empty());
    for (const auto& [name, type] : s.types) {
        INFO(name);
        CHECK(s.helped.contains(name));
        CHECK(name.rfind("warmline_", 0) == 0);
        CHECK((type == "counter") == name.ends_with("_total"));
    }
    for (const auto& name : s.sampleNames) {
        INFO(name);
        std::string family = name;
        for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
            if (!s.types.contains(name) && name.ends_with(suffix)) {
                family = name.substr(0, name.size() - suffix.size());
            }
        }
        CHECK(s.types.contains(family));
    }

    // Documented exactly: every family exported has its entry, and no entry
    // names a family the gateway does not export.
    std::set<std::string> exported;
    for (const auto& [name, type] : s.types) {
        exported.insert(name);
    }
    const auto documented = documentedFamilies();
    for (const auto& name : exported) {
        INFO("exported but not in docs/metrics.md: " << name);
        CHECK(documented.contains(name));
    }
    for (const auto& name : documented) {
        INFO("in docs/metrics.md but not exported: " << name);
        CHECK(exported.contains(name));
    }

    // The alert rules name only exported metrics (and up).
    const std::string rules = readFile(kSource / "packaging/prometheus/warmline-alerts.yml");
    REQUIRE(!rules.empty());
    const auto ruleNames = metricNamesIn(rules);
    requireExported(s, ruleNames, "warmline-alerts.yml");
    for (const std::string needed :
         {"warmline_queue_longest_wait_seconds",
          "warmline_escalation_oldest_unacknowledged_seconds", "warmline_outbound_total",
          "warmline_store_errors_total", "warmline_data_disk_free_bytes",
          "warmline_data_disk_size_bytes"}) {
        INFO("the rules do not use " << needed);
        CHECK(ruleNames.contains(needed));
    }
    CHECK(rules.find("up{job=\"warmline\"} == 0") != std::string::npos);

    // The dashboard parses, is importable with a datasource chosen at import
    // (or in a variable), and each panel's expressions name exported metrics.
    const std::string dashboardText =
        readFile(kSource / "packaging/grafana/warmline-dashboard.json");
    REQUIRE(!dashboardText.empty());
    json::value dashboard;
    REQUIRE_NOTHROW(dashboard = json::parse(dashboardText));
    const auto& d = dashboard.as_object();
    CHECK(d.at("schemaVersion").as_int64() >= 37);
    CHECK(dashboardText.find("${DS_PROMETHEUS}") != std::string::npos);
    std::vector<std::string> exprs;
    std::vector<std::string> panelsWithout;
    dashboardExpressions(dashboard, exprs, panelsWithout);
    INFO("panels without an expression: " << panelsWithout.size());
    CHECK(panelsWithout.empty());
    std::set<std::string> dashboardNames;
    for (const auto& e : exprs) {
        const auto names = metricNamesIn(e);
        INFO(e);
        CHECK((!names.empty() || e.rfind("up{job=\"warmline\"", 0) == 0));
        dashboardNames.insert(names.begin(), names.end());
    }
    requireExported(s, dashboardNames, "warmline-dashboard.json");
    for (const std::string needed :
         {"warmline_queue_length", "warmline_queue_longest_wait_seconds",
          "warmline_operators_on_shift", "warmline_escalations_unacknowledged",
          "warmline_webhooks_total", "warmline_outbound_total",
          "warmline_store_commit_seconds_bucket", "warmline_store_errors_total",
          "warmline_data_disk_free_bytes", "warmline_calls_active", "warmline_rtp_packets_total"}) {
        INFO("the dashboard has no panel on " << needed);
        CHECK(dashboardNames.contains(needed));
    }

    // The disk the database is on: read, positive, free within size.
    const double free = s.value("warmline_data_disk_free_bytes");
    const double size = s.value("warmline_data_disk_size_bytes");
    CHECK(free > 0);
    CHECK(size > 0);
    CHECK(free <= size);
    // Labels never carry a number or a message's words.
    CHECK(r.body.find("+1555") == std::string::npos);
}

TEST_CASE("the unacknowledged-escalation gauges follow an alert until a lead acknowledges it",
          "[metrics][escalation][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = kConfigBase;
    GatewayProcess gateway(options);
    gateway.addOperator("lee", "lead", "lee-password-123");
    gateway.start();
    OperatorLink lee(gateway.linkUrl(), "lee", "lee-password-123");
    SimpleHttpClient http(gateway.url(), 10s);

    const Scrape before = scrape(http);
    CHECK(before.value("warmline_escalations_unacknowledged") == 0);
    CHECK(before.value("warmline_escalation_oldest_unacknowledged_seconds") == 0);

    postText(http, "SMmetrics1", "+15555550171", kCrisis);
    const auto raised = lee.waitEvent("alert.raised", [](const json::object& d) {
        return d.at("alert").at("kind") == "escalation";
    });
    CHECK(waitForSample(http, "warmline_escalations_unacknowledged",
                        [](double v) { return v == 1; }) == 1);
    // Its age grows while it waits.
    CHECK(waitForSample(http, "warmline_escalation_oldest_unacknowledged_seconds",
                        [](double v) { return v > 0; }) > 0);
    lee.call("alert.ack", {{"alertId", raised.at("alert").at("id").as_int64()}});
    CHECK(waitForSample(http, "warmline_escalations_unacknowledged",
                        [](double v) { return v == 0; }) == 0);
    const Scrape after = scrape(http);
    CHECK(after.value("warmline_escalations_unacknowledged") == 0);
    CHECK(after.value("warmline_escalation_oldest_unacknowledged_seconds") == 0);

    // A job a rule refuses (no such alert) fails, but the store did not:
    // it is no store error.
    const double failedBefore = after.value("warmline_store_jobs_total{result=\"failed\"}");
    CHECK(lee.raw("alert.ack", {{"alertId", 999999}}).kind ==
          warmline::link::ServerFrame::Kind::Error);
    const Scrape refused = scrape(http);
    CHECK(refused.value("warmline_store_jobs_total{result=\"failed\"}") == failedBefore + 1);
    for (const auto& [series, value] : refused.samples) {
        if (series.rfind("warmline_store_errors_total", 0) == 0) {
            INFO(series);
            CHECK(value == 0);
        }
    }
}

TEST_CASE("a full store counts its failed writes as store errors of kind full",
          "[metrics][store][e2e]")
{
    GatewayOptions options;
    // 80 pages of 4 KiB: the empty schema takes most of 65 (hostile_test.cpp).
    options.configExtra = kConfigBase + "[store]\nmax_pages = 80\n";
    GatewayProcess gateway(options);
    SimpleHttpClient http(gateway.url(), 10s);

    const Scrape before = scrape(http);
    for (const std::string kind :
         {"full", "io", "busy", "corrupt", "readonly", "queue_full", "other"}) {
        INFO(kind);
        CHECK(before.value("warmline_store_errors_total{kind=\"" + kind + "\"}") == 0);
    }

    bool refused = false;
    for (int i = 0; i < 400 && !refused; ++i) {
        char from[16];
        std::snprintf(from, sizeof from, "+1555555%04d", 100 + i % 20);
        const auto r = http.postForm(
            "/sms/twilio", SimpleHttpClient::formEncode(
                               {{"MessageSid", "SMfull" + std::to_string(i)},
                                {"From", from},
                                {"To", "+15555550199"},
                                {"Body", std::string(8000, static_cast<char>('a' + i % 26))},
                                {"NumMedia", "0"}}));
        refused = r.status == 503;
    }
    REQUIRE(refused);
    const Scrape after = scrape(http);
    CHECK(after.value("warmline_store_errors_total{kind=\"full\"}") >= 1);
    CHECK(after.value("warmline_store_errors_total{kind=\"io\"}") == 0);
    CHECK(after.value("warmline_store_jobs_total{result=\"failed\"}") >=
          after.value("warmline_store_errors_total{kind=\"full\"}"));
    // The carrier was told to come back later.
    CHECK(after.value("warmline_webhooks_total{result=\"unavailable\"}") >= 1);
}

TEST_CASE("outbound sends that the carrier refuses or fails are told apart by result",
          "[metrics][outbound][e2e]")
{
    // A carrier's Messages API that refuses every text for good (400), then
    // one that fails in a way worth retrying (503).
    FakeHttpServer carrier(FakeResponse{400, R"({"message":"synthetic refusal"})"});
    GatewayOptions options;
    options.configExtra = "[twilio]\nauth_token = synthetic-token\nvalidate_signature = false\n"
                          "account_sid = AC0123456789abcdef0123456789abcdef\napi_base_url = " +
                          carrier.url() +
                          "\nfrom_number = +15555550100\n"
                          "[outbound]\nprovider = twilio\nmax_attempts = 2\n"
                          "retry_initial = 50ms\nretry_max = 50ms\ntimeout = 5s\n";
    GatewayProcess gateway(options);
    SimpleHttpClient http(gateway.url(), 10s);
    const auto outbound = [](const std::string& result) {
        return "warmline_outbound_total{result=\"" + result + "\"}";
    };

    // A first text gets the line's automatic reply, which the carrier refuses.
    postText(http, "SMcarrier1", "+15555550191", "synthetic: hello, is this the warmline?");
    CHECK(waitForSample(http, outbound("failed"), [](double v) { return v == 1; }) == 1);

    carrier.setDefaultResponse(FakeResponse{503, R"({"message":"synthetic outage"})"});
    postText(http, "SMcarrier2", "+15555550192", "synthetic: hi, can someone talk?");
    // One retry, then the last attempt's outcome is unknown: never sent twice.
    CHECK(waitForSample(http, outbound("unknown"), [](double v) { return v == 1; }) == 1);
    const Scrape s = scrape(http);
    CHECK(s.value(outbound("retried")) == 1);
    CHECK(s.value(outbound("failed")) == 1);
    CHECK(s.value(outbound("sent")) == 0);
    CHECK(carrier.requestCount() == 3);
}

TEST_CASE("a real Prometheus scraping a real gateway fires the shipped queue-waiting alert",
          "[prometheus][e2e]")
{
    // The shipped rules with the queue alert's threshold and delay made
    // small enough for a test; everything else as shipped.
    std::string rules = readFile(kSource / "packaging/prometheus/warmline-alerts.yml");
    const std::string threshold =
        "expr: warmline_queue_longest_wait_seconds > 600\n        for: 2m";
    const auto at = rules.find(threshold);
    REQUIRE(at != std::string::npos);
    rules.replace(at, threshold.size(),
                  "expr: warmline_queue_longest_wait_seconds > 1\n        for: 1s");

    GatewayOptions options;
    options.configExtra = kConfigBase;
    GatewayProcess gateway(options);
    SimpleHttpClient http(gateway.url(), 10s);

    TempDir dir("warmline-prometheus");
    writeFile(dir / "rules.yml", rules);
    writeFile(dir / "prometheus.yml",
              "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
              "rule_files:\n  - rules.yml\n"
              "scrape_configs:\n  - job_name: warmline\n    static_configs:\n"
              "      - targets: ['127.0.0.1:" +
                  std::to_string(gateway.port()) + "']\n");
    const int port = freeTcpPort();
    ProcessOptions p;
    p.argv = {"prometheus", "--config.file=" + (dir / "prometheus.yml").string(),
              "--storage.tsdb.path=" + (dir / "tsdb").string(),
              "--web.listen-address=127.0.0.1:" + std::to_string(port), "--log.level=warn"};
    p.argv[0] = onPath("prometheus");
    REQUIRE(!p.argv[0].empty()); // ctest runs this case through requires.sh
    p.outputDir = dir.path();
    p.name = "prometheus";
    Process prometheus(p);
    SimpleHttpClient api("http://127.0.0.1:" + std::to_string(port), 5s);
    const auto apiGet = [&](const std::string& target) -> std::optional<json::value> {
        try {
            const auto r = api.get(target);
            if (r.status != 200) {
                return std::nullopt;
            }
            return json::parse(r.body);
        } catch (const std::exception&) {
            return std::nullopt; // not listening yet
        }
    };
    const bool ready = waitFor(
        [&] {
            try {
                return prometheus.running() && api.get("/-/ready").status == 200;
            } catch (const std::exception&) {
                return false; // not listening yet
            }
        },
        30s, 100ms);
    INFO("Prometheus' log: " << prometheus.stderrText());
    REQUIRE(ready);

    // The gateway is up as Prometheus sees it.
    CHECK(waitFor(
        [&] {
            const auto v = apiGet("/api/v1/query?query=up%7Bjob%3D%22warmline%22%7D");
            if (!v) {
                return false;
            }
            const auto& result = v->at("data").at("result").as_array();
            return result.size() == 1 && result[0].at("value").as_array()[1] == "1";
        },
        30s, 200ms));

    // A text nobody takes waits; the alert goes pending, then fires.
    postText(http, "SMpromwait1", "+15555550181", "synthetic: is anyone there to talk to");
    std::string lastAlerts;
    const auto firing = [&](const std::string& name) {
        const auto v = apiGet("/api/v1/alerts");
        if (!v) {
            return false;
        }
        lastAlerts = json::serialize(*v);
        for (const auto& a : v->at("data").at("alerts").as_array()) {
            if (std::string_view(a.at("labels").at("alertname").as_string()) == name &&
                a.at("state") == "firing") {
                return true;
            }
        }
        return false;
    };
    const bool fired = waitFor([&] { return firing("WarmlineQueueWaitingLong"); }, 60s, 250ms);
    INFO("Prometheus' alerts: " << lastAlerts << "\nits log: " << prometheus.stderrText());
    CHECK(fired);
    // Nothing else is wrong with this gateway.
    CHECK_FALSE(firing("WarmlineGatewayDown"));
    CHECK_FALSE(firing("WarmlineStoreErrors"));
    CHECK_FALSE(firing("WarmlineEscalationUnacknowledged"));
    prometheus.stop();
}
