// TLS on the link and HTTP, the refusal of plaintext on non-loopback
// addresses, and configuration errors that name the key and the file.

#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"

#include <catch2/catch.hpp>

#include <fstream>

#include <optional>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::telephony;

namespace {

const std::string kFixtures = std::string(WARMLINE_SOURCE_DIR) + "/tests/fixtures";

RunResult runGateway(const TempDir& dir, const std::string& config,
                     std::vector<std::string> command = {},
                     std::optional<std::string> stdinData = std::nullopt)
{
    writeFile(dir / "gateway.conf", config);
    ProcessOptions p;
    p.argv = {
        WARMLINE_GATEWAY_BIN,    "--config",     (dir / "gateway.conf").string(), "--data-dir",
        (dir / "data").string(), "--ready-file", (dir / "ready").string()};
    p.argv.insert(p.argv.end(), command.begin(), command.end());
    p.stdinData = std::move(stdinData);
    p.name = "gateway";
    p.outputDir = dir.path();
    return runProgram(std::move(p), 30s);
}

} // namespace

TEST_CASE("with a certificate the link is wss:// and verifies against it", "[tls][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = "[tls]\ncertificate = " + kFixtures +
                          "/test-cert.pem\nprivate_key = " + kFixtures + "/test-key.pem\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.start();
    const std::string wss = "wss://127.0.0.1:" + std::to_string(gateway.port()) + "/link";

    LinkClientOptions trusting;
    trusting.caFile = kFixtures + "/test-cert.pem";
    LinkClient client(trusting);
    client.connect(wss, 10s);
    const auto login =
        client.request("login", {{"name", "sam"}, {"password", "sam-password-123"}}, 10s);
    REQUIRE(login.kind == link::ServerFrame::Kind::Ack);
    CHECK(login.data.at("operator").at("name") == "sam");
    client.close();

    // Without the certificate in its trust store a client refuses the gateway.
    LinkClient untrusting;
    CHECK_THROWS_AS(untrusting.connect(wss, 10s), LinkTransportError);

    // Plain ws:// to a TLS port gets no WebSocket.
    LinkClient plain;
    CHECK_THROWS_AS(plain.connect(gateway.linkUrl(), 5s), LinkTransportError);
    CHECK(gateway.running());
}

TEST_CASE("plaintext on a non-loopback address is refused at start-up", "[tls][config]")
{
    TempDir dir;
    const auto r = runGateway(dir, "[http]\naddress = 0.0.0.0\nport = 0\n");
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("tls.allow_plaintext_remote") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "ready"));
}

TEST_CASE("a bad configuration names the file, the line and the key", "[config]")
{
    TempDir dir;
    auto r = runGateway(dir, "[http]\nport = 0\n[store]\nsynchronous = sometimes\n");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("gateway.conf:4") != std::string::npos);
    CHECK(r.err.find("store.synchronous") != std::string::npos);

    r = runGateway(dir, "[http]\nport = 0\nlisten_port = 80\n");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("gateway.conf:3") != std::string::npos);
    CHECK(r.err.find("http.listen_port") != std::string::npos);

    r = runGateway(dir, "[tls]\ncertificate = /nonexistent/cert.pem\nprivate_key = "
                        "/nonexistent/key.pem\n[http]\nport = 0\n");
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("tls.certificate") != std::string::npos);

    // A recording of the partner line's name that is not a WAV file.
    const auto notWav = (dir / "partner.wav").string();
    std::ofstream(notWav) << "not audio";
    r = runGateway(dir, "[http]\nport = 0\n[sip]\nenabled = true\nudp_port = 0\ntcp_port = 0\n"
                        "trunk_uri = sip:{number}@127.0.0.1:5999\n[overflow]\npartner_name = "
                        "Synthetic Partner\npartner_call_number = +15555550177\n"
                        "partner_name_recording = " +
                            notWav + "\n");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("overflow.partner_name_recording") != std::string::npos);
    CHECK(r.err.find("partner.wav") != std::string::npos);
    // Said in the callers' offer, so it needs a partner line for calls.
    r = runGateway(dir, "[http]\nport = 0\n[overflow]\npartner_name = Synthetic Partner\n"
                        "partner_text_number = +15555550177\npartner_name_recording = " +
                            notWav + "\n");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("overflow.partner_call_number must be set") != std::string::npos);
}

TEST_CASE("the site key file must stay private", "[config]")
{
    TempDir dir;
    // Creating the first account creates the site key, readable by its owner only.
    auto r = runGateway(dir, "[http]\nport = 0\n",
                        {"add-operator", "root", "--role", "admin", "--password-stdin"},
                        std::string("admin-password-123\n"));
    REQUIRE(r.exitCode == 0);
    const auto key = dir / "data" / "site.key";
    REQUIRE(std::filesystem::exists(key));
    const auto perms = std::filesystem::status(key).permissions() & std::filesystem::perms::all;
    CHECK(perms == (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    std::filesystem::permissions(key, std::filesystem::perms::group_read,
                                 std::filesystem::perm_options::add);
    r = runGateway(dir, "[http]\nport = 0\n");
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("site.key") != std::string::npos);
}
