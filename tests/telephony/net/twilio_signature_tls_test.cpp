// Twilio signs the URL it calls, https included: the gateway checks every
// signature (webhooks and status callbacks) against http.public_url, with
// TLS on, and will not start checking signatures without knowing that URL.
// curl is the HTTPS client (a real peer, run by the test and stopped by its
// pid if it outlives its timeout).

#include "core/carriers/TwilioSignature.h"
#include "core/text/FormCodec.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/StoreProbe.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using warmline::telephony::SimpleHttpClient;

namespace {

const std::string kFixtures = std::string(WARMLINE_SOURCE_DIR) + "/tests/fixtures";
const std::string kToken = "tls-test-auth-token";
// Not the address the test connects to: what the carrier calls, as behind
// a TLS-terminating proxy or a DNS name. Signatures cover this URL only.
const std::string kPublicUrl = "https://line.example.test";

struct CurlAnswer
{
    int status = 0;
    std::string err;
};

/// POSTs `form` over HTTPS with this signature; the status or 0.
CurlAnswer httpsPost(int port, const std::string& path, const std::string& form,
                     const std::string& signature)
{
    ProcessOptions p;
    p.argv = {"/usr/bin/curl",
              "-sS",
              "--max-time",
              "10",
              "--cacert",
              kFixtures + "/test-cert.pem",
              "-o",
              "/dev/null",
              "-w",
              "%{http_code}",
              "-H",
              "X-Twilio-Signature: " + signature,
              "-H",
              "Content-Type: application/x-www-form-urlencoded",
              "--data-raw",
              form,
              "https://127.0.0.1:" + std::to_string(port) + path};
    p.name = "curl";
    const auto r = runProgram(std::move(p), std::chrono::seconds(20));
    CurlAnswer a;
    a.err = r.err;
    if (r.exitCode == 0 && !r.out.empty()) {
        a.status = std::stoi(r.out);
    }
    return a;
}

std::string configWithTls(bool publicUrl)
{
    return (publicUrl ? "public_url = " + kPublicUrl + "\n" : std::string()) +
           "[tls]\ncertificate = " + kFixtures + "/test-cert.pem\nprivate_key = " + kFixtures +
           "/test-key.pem\n[twilio]\nauth_token = " + kToken + "\n[outbound]\nprovider = none\n";
}

} // namespace

TEST_CASE("with TLS on, Twilio signatures are checked against http.public_url, https included",
          "[gateway][twilio][tls][e2e]")
{
    GatewayOptions options;
    options.configExtra = configWithTls(true);
    GatewayProcess gateway(options);
    const auto db = gateway.dataDir() / "warmline.db";
    const int port = gateway.port();

    FormFields fields{{"MessageSid", "SMtls1"}, {"AccountSid", "ACsynthetic"},
                      {"From", "+15555550131"}, {"To", "+15555550199"},
                      {"Body", "hello"},        {"NumMedia", "0"}};
    const auto form = SimpleHttpClient::formEncode(fields);

    // Signed over the public URL: accepted.
    const auto good = httpsPost(port, "/sms/twilio", form,
                                twilioSignature(kToken, kPublicUrl + "/sms/twilio", fields));
    INFO(good.err);
    CHECK(good.status == 200);
    CHECK(inboundByProviderId(db).contains("SMtls1"));

    // Signed over any other base (what the Host header or plain http would
    // give): refused, nothing stored.
    fields[0].second = "SMtls2";
    const auto form2 = SimpleHttpClient::formEncode(fields);
    const std::vector<std::string> otherBases{"http://line.example.test",
                                              "https://127.0.0.1:" + std::to_string(port),
                                              "http://127.0.0.1:" + std::to_string(port)};
    for (const auto& base : otherBases) {
        INFO(base);
        const auto bad = httpsPost(port, "/sms/twilio", form2,
                                   twilioSignature(kToken, base + "/sms/twilio", fields));
        CHECK(bad.status == 403);
    }
    CHECK_FALSE(inboundByProviderId(db).contains("SMtls2"));

    // Status callbacks go through the same check.
    const FormFields status{{"MessageSid", "SMunknown"}, {"MessageStatus", "delivered"}};
    const auto statusForm = SimpleHttpClient::formEncode(status);
    CHECK(httpsPost(port, "/sms/twilio/status", statusForm,
                    twilioSignature(kToken, kPublicUrl + "/sms/twilio/status", status))
              .status == 200);
    CHECK(httpsPost(port, "/sms/twilio/status", statusForm,
                    twilioSignature(
                        kToken, "http://127.0.0.1:" + std::to_string(port) + "/sms/twilio/status",
                        status))
              .status == 403);
    CHECK(gateway.running());
}

TEST_CASE("checking Twilio signatures without http.public_url is a configuration error",
          "[gateway][twilio][config][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = configWithTls(false);
    GatewayProcess gateway(options);
    CHECK_THROWS(gateway.start());
    CHECK(gateway.log().find("http.public_url") != std::string::npos);

    // Turning the check off is the explicit way to run without it.
    GatewayOptions off;
    off.configExtra = "[tls]\ncertificate = " + kFixtures +
                      "/test-cert.pem\nprivate_key = " + kFixtures +
                      "/test-key.pem\n[twilio]\nauth_token = " + kToken +
                      "\nvalidate_signature = false\n[outbound]\nprovider = none\n";
    GatewayProcess unchecked(off);
    CHECK(unchecked.running());
}
