// Hostile and broken HTTP clients against a real warmline-gateway: oversized
// and malformed requests, slow-drip headers, and a store that runs out of
// space. Bad link frames are in hostile_link_test.cpp, idle connections and
// file descriptors in hostile_load_test.cpp.

#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/StoreProbe.h"
#include "telephony/gateway/HostileClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <thread>

using namespace warmline::test;
using warmline::telephony::HttpClientError;
using warmline::telephony::HttpResponse;
using warmline::telephony::SimpleHttpClient;
using Clock = std::chrono::steady_clock;

TEST_CASE("hostile HTTP requests get 4xx and store nothing while the gateway keeps serving",
          "[gateway][hostile][e2e]")
{
    GatewayOptions options;
    options.configExtra = "max_body_bytes = 4096\n" + kConfigBase;
    GatewayProcess gateway(options);
    const auto db = gateway.dataDir() / "warmline.db";
    SimpleHttpClient client(gateway.url(), 10s);

    SECTION("a body over http.max_body_bytes gets 413")
    {
        // Over the limit but small enough to sit in the socket buffers, so
        // the client reads the answer rather than a reset.
        auto r = client.postForm("/sms/twilio",
                                 twilioForm("SMtoolarge1", "+15555550101", std::string(6000, 'x')));
        CHECK(r.status == 413);
        CHECK(r.body.find("4096") != std::string::npos);

        // A Content-Length far over the limit is refused from the header.
        RawSocket raw(gateway.port());
        REQUIRE(raw.send("POST /sms/twilio HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Content-Type: application/x-www-form-urlencoded\r\n"
                         "Content-Length: 100000000\r\n\r\nMessageSid=SMtoolarge2&"));
        CHECK(raw.waitClosed(10s));
        CHECK(statusLine(raw.received()) == "HTTP/1.1 413 Payload Too Large");

        const auto stored = inboundByProviderId(db);
        CHECK_FALSE(stored.contains("SMtoolarge1"));
        CHECK_FALSE(stored.contains("SMtoolarge2"));
    }

    SECTION("invalid UTF-8 in Body gets 400 with the reason")
    {
        const auto r =
            client.postForm("/sms/twilio", twilioForm("SMbadutf8", "+15555550102", "caf\xC3("));
        CHECK(r.status == 400);
        CHECK(r.body.find("Body") != std::string::npos);
        CHECK(r.body.find("UTF-8") != std::string::npos);
        CHECK_FALSE(inboundByProviderId(db).contains("SMbadutf8"));
    }

    SECTION("malformed HTTP gets 400")
    {
        RawSocket notHttp(gateway.port());
        REQUIRE(notHttp.send("THIS IS NOT HTTP AT ALL\r\n\r\n"));
        CHECK(notHttp.waitClosed(10s));
        CHECK(statusLine(notHttp.received()) == "HTTP/1.1 400 Bad Request");
        CHECK(notHttp.received().find("Malformed HTTP request") != std::string::npos);

        RawSocket badLength(gateway.port());
        REQUIRE(badLength.send("POST /sms/twilio HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Type: application/x-www-form-urlencoded\r\n"
                               "Content-Length: banana\r\n\r\nMessageSid=SMbadlength"));
        CHECK(badLength.waitClosed(10s));
        CHECK(statusLine(badLength.received()) == "HTTP/1.1 400 Bad Request");
        CHECK_FALSE(inboundByProviderId(db).contains("SMbadlength"));
    }

    SECTION("a missing field gets 400 naming it")
    {
        const std::vector<std::pair<std::string, std::string>> full{{"MessageSid", "SMmissing1"},
                                                                    {"From", "+15555550103"},
                                                                    {"To", "+15555550199"},
                                                                    {"Body", "synthetic text"}};
        for (std::size_t leaveOut = 0; leaveOut < full.size(); ++leaveOut) {
            warmline::telephony::HttpHeaders fields;
            for (std::size_t i = 0; i < full.size(); ++i) {
                if (i != leaveOut) {
                    fields.push_back(full[i]);
                }
            }
            const auto& field = full[leaveOut].first;
            INFO("without " << field);
            const auto r = client.postForm("/sms/twilio", SimpleHttpClient::formEncode(fields));
            CHECK(r.status == 400);
            CHECK(r.body.find(field) != std::string::npos);
        }
        // Not a form at all.
        const auto r =
            client.request("POST", "/sms/twilio", R"({"MessageSid":"SMjson"})", "application/json");
        CHECK(r.status == 415);
        CHECK(inboundByProviderId(db).empty());
    }

    // Whatever came before, the gateway still serves, on a fresh connection
    // and on the kept-alive one.
    SimpleHttpClient fresh(gateway.url(), 10s);
    const auto ok = fresh.postForm("/sms/twilio", twilioForm("SMafter", "+15555550104", "hello"));
    CHECK(ok.status == 200);
    CHECK(client.get("/healthz").status == 200);
    CHECK(inboundByProviderId(db).contains("SMafter"));
    CHECK(gateway.running());
}

TEST_CASE("a slow-drip client is cut off after http.header_timeout while others are served",
          "[gateway][hostile][slowloris][e2e]")
{
    GatewayOptions options;
    options.configExtra = "header_timeout = 2s\n" + kConfigBase;
    GatewayProcess gateway(options);

    const std::string header = "POST /sms/twilio HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Type: application/x-www-form-urlencoded\r\n";
    RawSocket slow(gateway.port());
    const auto connected = Clock::now();
    std::optional<double> closedAfter;
    std::size_t sent = 0;
    std::thread drip([&] {
        // One header byte a second; the wait between bytes also watches for
        // the gateway closing the connection.
        while (sent < header.size()) {
            if (!slow.send(std::string_view(header).substr(sent, 1))) {
                closedAfter = secondsSince(connected);
                return;
            }
            ++sent;
            if (slow.waitClosed(1s)) {
                closedAfter = secondsSince(connected);
                return;
            }
        }
    });

    // Meanwhile a normal client is served promptly, several times.
    SimpleHttpClient client(gateway.url(), 10s);
    bool servedWhileSlowConnected = false;
    double slowest = 0;
    for (int i = 0; i < 5; ++i) {
        const auto t = Clock::now();
        const auto r = client.postForm(
            "/sms/twilio", twilioForm("SMslow" + std::to_string(i), "+15555550105", "hi there"));
        CHECK(r.status == 200);
        CHECK(client.get("/healthz").status == 200);
        slowest = std::max(slowest, secondsSince(t));
        if (i == 0) {
            // Served before the slow client's header timeout could expire.
            servedWhileSlowConnected = secondsSince(connected) < 1.5;
        }
    }
    drip.join();
    INFO("slowest normal exchange " << slowest << " s; slow client sent " << sent << " bytes");
    CHECK(servedWhileSlowConnected);
    CHECK(slowest < 1.5);
    REQUIRE(closedAfter.has_value());
    // Cut off at the 2 s header timeout, not before, and well before it
    // could have finished its header.
    CHECK(*closedAfter >= 1.5);
    CHECK(*closedAfter < 6.0);
    CHECK(sent < header.size());
    // The gateway sent nothing to the slow client: a timeout gets no answer.
    CHECK(slow.received().empty());
    CHECK(client.get("/healthz").status == 200);
}

TEST_CASE("a full store answers 503 with Retry-After and loses nothing it answered 200",
          "[gateway][hostile][store][e2e]")
{
    GatewayOptions options;
    options.configExtra = kConfigBase + "[store]\nmax_pages = 95\n";
    GatewayProcess gateway(options);
    const auto db = gateway.dataDir() / "warmline.db";
    SimpleHttpClient client(gateway.url(), 10s);

    std::vector<std::string> answered;
    std::optional<HttpResponse> refused;
    // 95 pages of 4 KiB (the empty schema takes most of 80; each migration
    // that adds a table adds a page or two) hold well under 95 texts of 8 KiB.
    for (int i = 0; i < 400 && !refused; ++i) {
        const std::string sid = "SMfull" + std::to_string(i);
        char from[16];
        std::snprintf(from, sizeof from, "+1555555%04d", 100 + i % 20);
        const auto r = client.postForm(
            "/sms/twilio",
            twilioForm(sid, from, std::string(8000, static_cast<char>('a' + i % 26))));
        if (r.status == 200) {
            answered.push_back(sid);
        } else {
            refused = r;
        }
    }
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(refused->header("Retry-After").has_value());
    CHECK(!answered.empty());

    // Still full, still honest: a few pages may come free as jobs roll back,
    // but more texts soon meet the limit again, and every one answered 200
    // is on disk exactly once.
    std::optional<HttpResponse> again;
    for (int i = 0; i < 40 && !again; ++i) {
        const std::string sid = "SMfullagain" + std::to_string(i);
        const auto r =
            client.postForm("/sms/twilio", twilioForm(sid, "+15555550150", std::string(8000, 'z')));
        if (r.status == 200) {
            answered.push_back(sid);
        } else {
            again = r;
        }
    }
    REQUIRE(again);
    CHECK(again->status == 503);
    CHECK(again->header("Retry-After").has_value());

    const auto stored = inboundByProviderId(db);
    for (const auto& sid : answered) {
        INFO(sid);
        CHECK(stored.contains(sid));
    }
    CHECK(std::all_of(stored.begin(), stored.end(), [](const auto& s) { return s.second == 1; }));
    CHECK(client.get("/healthz").status == 200);
    SimpleHttpClient fresh(gateway.url(), 10s);
    CHECK(fresh.get("/healthz").status == 200);
    CHECK(gateway.running());
}
