// SIGHUP: the gateway reads its config file, line content, risk rules and
// TLS certificate again without dropping a link; a file that fails to load
// changes nothing, and settings only a restart applies are named in the log.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <string>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::telephony;
namespace json = boost::json;

namespace {

const std::string kPassword = "reload-password-1";
const std::string kFixtures = std::string(WARMLINE_SOURCE_DIR) + "/tests/fixtures";

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

/// Rewrites the config file (the [http] port line stays as the fixture
/// wrote it), sends SIGHUP and waits for the reload's outcome in the log.
void reloadWith(GatewayProcess& gateway, const std::string& extra, const std::string& logLine)
{
    std::string config = readFile(gateway.configPath());
    const auto cut = config.find("# reload-test\n");
    config = config.substr(0, cut == std::string::npos ? config.size() : cut);
    writeFile(gateway.configPath(), config + "# reload-test\n" + extra);
    const std::size_t before = count(gateway.log(), logLine);
    gateway.process()->kill(SIGHUP);
    REQUIRE(waitFor([&] { return count(gateway.log(), logLine) > before; }, 20s));
}

json::object setting(const json::object& settings, const std::string& key)
{
    for (const auto& e : settings.at("settings").as_array()) {
        if (e.at("key") == json::value(key)) {
            return e.as_object();
        }
    }
    FAIL("no setting " << key);
    return {};
}

} // namespace

TEST_CASE("SIGHUP applies the file's new values, keeps admins' overrides and the open links",
          "[reload][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = "# reload-test\n[line]\ntimezone = America/Los_Angeles\n"
                          "[limits]\ncalls_per_day = 5\n";
    GatewayProcess gateway(options);
    gateway.addOperator("ada", "admin", kPassword);
    gateway.start();
    OperatorLink ada(gateway.linkUrl(), "ada", kPassword);

    auto settings = ada.call("line.settings.get");
    CHECK(settings.at("timezone") == json::value("America/Los_Angeles"));
    CHECK(setting(settings, "limits.calls_per_day").at("value") == json::value("5"));
    ada.call("line.settings.set", {{"key", "retention.content_days"}, {"value", "400"}});

    reloadWith(gateway,
               "[line]\ntimezone = Europe/Madrid\n[limits]\ncalls_per_day = 3\n"
               "[retention]\ncontent_days = 90\n[http]\nmax_connections = 77\n",
               "reloaded:");
    // The same link, still logged in, sees the new file values; the admin's
    // override stays on top of the file's new value.
    settings = ada.call("line.settings.get");
    CHECK(settings.at("timezone") == json::value("Europe/Madrid"));
    CHECK(setting(settings, "limits.calls_per_day").at("value") == json::value("3"));
    CHECK(setting(settings, "retention.content_days").at("value") == json::value("400"));
    CHECK(setting(settings, "retention.content_days").at("fileValue") == json::value("90"));
    CHECK(setting(settings, "retention.content_days").at("source") == json::value("admin"));
    const std::string log = gateway.log();
    CHECK(log.find("http.* changed; it takes effect after a restart") != std::string::npos);
    CHECK(log.find("time zone Europe/Madrid") != std::string::npos);
    CHECK(gateway.running());
}

TEST_CASE("a config that fails to load on SIGHUP changes nothing and names the key and file",
          "[reload][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = "# reload-test\n[limits]\ncalls_per_day = 5\n";
    GatewayProcess gateway(options);
    gateway.addOperator("ada", "admin", kPassword);
    gateway.start();
    OperatorLink ada(gateway.linkUrl(), "ada", kPassword);

    reloadWith(gateway, "[limits]\ncalls_per_day = 3\n[line]\ntimezone = Pacific/Atlantis\n",
               "reload failed");
    const std::string log = gateway.log();
    CHECK(log.find("line.timezone") != std::string::npos);
    CHECK(log.find(gateway.configPath().filename().string()) != std::string::npos);
    CHECK(log.find("still running on the previous configuration") != std::string::npos);
    const auto settings = ada.call("line.settings.get");
    CHECK(setting(settings, "limits.calls_per_day").at("value") == json::value("5"));

    // A content file that does not parse is refused the same way.
    reloadWith(gateway,
               "[line]\ncontent_file = " + (gateway.dir() / "missing.json").string() + "\n",
               "reload failed");
    CHECK(gateway.running());
    CHECK(ada.call("line.settings.get").at("settings").as_array().size() > 0);
}

TEST_CASE("SIGHUP serves a renewed TLS certificate to new connections", "[reload][tls][e2e]")
{
    // The files a site renews in place, as an ACME client would.
    TempDir certs("warmline-reload-tls");
    const auto cert = certs / "cert.pem";
    const auto key = certs / "key.pem";
    writeFile(cert, readFile(kFixtures + "/test-cert.pem"));
    writeFile(key, readFile(kFixtures + "/test-key.pem"));
    const std::string tls =
        "[tls]\ncertificate = " + cert.string() + "\nprivate_key = " + key.string() + "\n";

    GatewayOptions options;
    options.start = false;
    options.configExtra = "# reload-test\n" + tls;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", kPassword);
    gateway.start();
    const std::string wss = "wss://127.0.0.1:" + std::to_string(gateway.port()) + "/link";

    // A new self-signed certificate for the same names.
    ProcessOptions make;
    make.argv = {"/usr/bin/openssl",
                 "req",
                 "-x509",
                 "-newkey",
                 "ec",
                 "-pkeyopt",
                 "ec_paramgen_curve:prime256v1",
                 "-nodes",
                 "-keyout",
                 (certs / "new-key.pem").string(),
                 "-out",
                 (certs / "new-cert.pem").string(),
                 "-days",
                 "2",
                 "-subj",
                 "/CN=localhost",
                 "-addext",
                 "subjectAltName=DNS:localhost,IP:127.0.0.1"};
    make.outputDir = certs.path();
    make.name = "openssl";
    REQUIRE(runProgram(make, 60s).exitCode == 0);

    LinkClientOptions oldTrust;
    oldTrust.caFile = kFixtures + "/test-cert.pem";
    LinkClient before(oldTrust);
    before.connect(wss, 10s);
    LinkClientOptions newTrust;
    newTrust.caFile = (certs / "new-cert.pem").string();
    {
        LinkClient early(newTrust);
        CHECK_THROWS(early.connect(wss, 10s)); // still the old certificate
    }

    // A key that does not match its certificate is refused; the old pair stays.
    writeFile(cert, readFile(certs / "new-cert.pem"));
    reloadWith(gateway, tls, "TLS certificate not changed");
    CHECK(gateway.log().find("tls.private_key " + key.string()) != std::string::npos);
    {
        LinkClient stillOld(oldTrust);
        stillOld.connect(wss, 10s);
        stillOld.close();
    }

    writeFile(key, readFile(certs / "new-key.pem"));
    reloadWith(gateway, tls, "reloaded:");
    CHECK(gateway.log().find("TLS certificate") != std::string::npos);
    LinkClient renewed(newTrust);
    renewed.connect(wss, 10s);
    const auto login = renewed.request("login", {{"name", "sam"}, {"password", kPassword}}, 10s);
    CHECK(login.kind == link::ServerFrame::Kind::Ack);
    renewed.close();
    // The connection made before the renewal carries on.
    const auto still = before.request("login", {{"name", "sam"}, {"password", kPassword}}, 10s);
    CHECK(still.kind == link::ServerFrame::Kind::Ack);
    before.close();
}
