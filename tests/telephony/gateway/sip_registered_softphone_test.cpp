// An app's softphone that registers with the gateway (decision 156),
// through a real warmline-gateway: sam's link asks for a SIP account
// (softphone.account), a real softphone (baresip) connects out over TLS,
// checking the gateway's certificate, and registers with it; the lead's
// board shows it registered over TLS; a sipp caller's call that sam accepts
// reaches baresip over that same connection, and audio is relayed both
// ways under SRTP (baresip insists on it), and what baresip decrypted is
// the caller's audio. Addresses are loopback.

#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/BaresipCaller.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/sip/RegisterClient.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

/// baresip as the app's softphone with the account sam's link was given:
/// over TLS, answering at once (the operator has just accepted), insisting
/// on SRTP, writing what it decrypts under `recordings`.
Process softphoneFor(CallGateway& g, const json::object& account,
                     const std::filesystem::path& recordings)
{
    const auto home = g.gw.dir() / "baresip";
    const auto srtp = baresipSrtp(
        std::filesystem::path(WARMLINE_SOURCE_DIR) / "tests/fixtures/test-cert.pem", recordings);
    writeBaresipHome(home, "unused", srtp.config);
    writeFile(home / "accounts",
              "<sip:" + str(account.at("username")) +
                  "@127.0.0.1:" + std::to_string(account.at("tlsPort").as_int64()) +
                  ";transport=tls>;auth_pass=" + str(account.at("password")) +
                  ";regint=300;answermode=auto;audio_codecs=PCMU" + srtp.account + "\n");
    ProcessOptions p;
    p.argv = {kBaresip, "-f", home.string(), "-t", "120"};
    p.outputDir = g.gw.dir();
    p.name = "baresip";
    return Process(std::move(p));
}

/// sam's softphone registration on the lead's board, once it says
/// registered (after `after`, ms since the epoch) or not, as `registered`
/// asks; {} if it does not within `within`.
json::object waitForSamRegistration(OperatorLink& lead, bool registered, std::int64_t after,
                                    std::chrono::milliseconds within)
{
    json::object reg;
    waitFor(
        [&] {
            const auto row = samRow(lead);
            const auto* r = row.if_contains("phoneRegistration");
            if (r && r->at("registered").as_bool() == registered &&
                (!registered || r->at("registeredAt").as_int64() > after)) {
                reg = r->as_object();
                return true;
            }
            return false;
        },
        within, 100ms);
    return reg;
}

/// sipp and baresip must be installed.
bool requirePeers()
{
    requireSipp();
    if (!std::filesystem::exists(kBaresip)) {
        FAIL("baresip is not installed: run scripts/deps test (Debian package baresip-core)");
    }
    return true;
}

/// A gateway with SIP over TLS checking phones every second, the lead's
/// link, and sam's (available) with the softphone account it asked for.
struct SamAtHome
{
    bool peers = requirePeers();
    CallGateway g{sipOwnTls() + "phone_check_interval = 1s\n"};
    OperatorLink lead{g.gw.linkUrl(), "admin", kAdminPassword};
    OperatorLink sam{g.gw.linkUrl(), "sam", kOperatorPassword};
    json::object account = [this] {
        sam.call("presence.set", {{"presence", "available"}});
        return sam.call("softphone.account");
    }();
};

} // namespace

TEST_CASE_METHOD(
    SamAtHome,
    "an app's softphone registers over TLS with its link's account and takes calls on it")
{
    const auto username = str(account.at("username"));
    const auto password = str(account.at("password"));
    const auto tlsPort = account.at("tlsPort").as_int64();
    REQUIRE(tlsPort > 0);
    CHECK(password.size() == 32);
    CHECK(str(account.at("uri")) == "sip:" + username + "@127.0.0.1");
    {
        const auto row = samRow(lead);
        INFO(json::serialize(row));
        CHECK(str(row.at("phone")) == "softphone");
        CHECK_FALSE(row.at("phoneRegistration").at("registered").as_bool());
    }

    const auto recordings = g.gw.dir() / "baresip-heard";
    Process baresip = softphoneFor(g, account, recordings);

    json::object row;
    const bool registered = waitFor(
        [&] {
            row = samRow(lead);
            const auto* r = row.if_contains("phoneRegistration");
            return r && r->at("registered").as_bool();
        },
        20s, 100ms);
    INFO("sam's row: " << json::serialize(row) << "\nbaresip: " << baresip.stdoutText()
                       << baresip.stderrText());
    REQUIRE(registered);
    CHECK(str(row.at("phoneRegistration").at("transport")) == "tls");
    CHECK(row.at("phoneRegistration").at("expiresAt").as_int64() -
              row.at("phoneRegistration").at("lastSeenAt").as_int64() ==
          300'000);
    // The gateway's check reaches it over its connection too.
    const bool checked = waitFor(
        [&] {
            row = samRow(lead);
            const auto* c = row.if_contains("phoneCheck");
            return c && c->at("answering").as_bool();
        },
        20s, 100ms);
    CHECK(checked);
    if (checked) {
        CHECK(str(row.at("phoneCheck").at("transport")) == "tls");
    }

    // A caller talks; sam accepts; the call rings baresip over its TLS
    // connection and audio is relayed both ways.
    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    samAcceptsAndAudioFlows(g, lead, id);
    const auto m = g.metrics();
    CHECK(metric(m, "warmline_sip_registrations_total{result=\"registered\"}") == 1);
    CHECK(metric(m, "warmline_sip_registrations_total{result=\"refused\"}") == 0);

    // Neither the password nor where the phone is reaches the log.
    const auto log = g.gw.log();
    CHECK(log.find("a softphone registered over TLS") != std::string::npos);
    CHECK(log.find(password) == std::string::npos);
    CHECK(log.find(username) == std::string::npos);

    CHECK(metric(m, "warmline_rtp_packets_total{kind=\"srtp_rejected\"}") == 0);
    {
        row = samRow(lead);
        INFO(json::serialize(row));
        CHECK(row.at("phoneCheck").at("encrypted").as_bool());
    }

    // sam ends the call: the gateway's BYE reaches baresip over its
    // connection, and baresip writes down what it decrypted.
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(waitForFileContaining(baresip.stdoutPath(), "terminated", 10s));
    caller->kill(SIGTERM);
    caller->waitExit(10s);
    baresip.stop(5s);
    checkBaresipHeardAudio(baresip, recordings);
}

TEST_CASE("a softphone's account ends with its link")
{
    CallGateway g(sipOwnTls());
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    std::string username;
    std::string password;
    std::uint16_t tlsPort = 0;
    {
        OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
        sam.call("presence.set", {{"presence", "available"}});
        username = str(sam.call("softphone.account").at("username"));
        // Asked again, the same name with a new password.
        const auto again = sam.call("softphone.account");
        CHECK(str(again.at("username")) == username);
        // softphone.set with an address instead: the board shows no account.
        sam.call("softphone.set", {{"uri", "sip:operator@127.0.0.1:5090"}});
        CHECK_FALSE(samRow(lead).contains("phoneRegistration"));
        const auto last = sam.call("softphone.account");
        CHECK(samRow(lead).contains("phoneRegistration"));
        // (A new account: softphone.set ended the one before.)
        username = str(last.at("username"));
        password = str(last.at("password"));
        tlsPort = static_cast<std::uint16_t>(last.at("tlsPort").as_int64());
        // The account works while the link lives.
        sip::test::TlsClient phone;
        REQUIRE(phone.connect(tlsPort));
        const int status = sip::test::registerAs(phone, username, password);
        INFO(phone.got);
        CHECK(status == 200);
    }
    // sam's link closed: calls have no phone to go to.
    const bool gone = waitFor(
        [&] {
            const auto row = samRow(lead);
            // Off the board, or on it (the link's grace) with no softphone.
            return row.empty() ||
                   (!row.contains("phoneRegistration") && str(row.at("phone")) != "softphone");
        },
        20s, 100ms);
    CHECK(gone);
    // The account itself is gone: its credentials are refused.
    sip::test::TlsClient phone;
    REQUIRE(phone.connect(tlsPort));
    CHECK(sip::test::registerAs(phone, username, password) == 401);
}

TEST_CASE_METHOD(
    SamAtHome,
    "a softphone that stops answering is disconnected, and a call for it comes back at once")
{
    Process baresip = softphoneFor(g, account, g.gw.dir() / "baresip-heard");
    const auto first = waitForSamRegistration(lead, true, 0, 20s);
    INFO("baresip: " << baresip.stdoutText() << baresip.stderrText());
    REQUIRE_FALSE(first.empty());

    // The check answered first (a check before the registration may have
    // told sam already that it was not answered: those are counted out).
    REQUIRE(waitFor(
        [&] {
            const auto row = samRow(lead);
            const auto* c = row.if_contains("phoneCheck");
            return c && c->at("answering").as_bool();
        },
        20s, 100ms));
    auto notAnswering = [&] {
        sam.tryEvent(
            "none", [](const json::object&) { return false; }, 100ms); // take what came
        const auto texts = sam.eventTexts();
        return std::count_if(texts.begin(), texts.end(), [](const std::string& t) {
            return t.find("phone-not-answering") != std::string::npos;
        });
    };
    const auto toldBefore = notAnswering();

    // The softphone stops (as one on a connection that died without a
    // close, or a stuck phone): the gateway's checks get no answer on its
    // connection, twice in a row, so the gateway closes it and the
    // registration ends. sam is told.
    baresip.kill(SIGSTOP);
    CHECK(waitFor([&] { return notAnswering() > toldBefore; }, 30s, 10ms));
    REQUIRE_FALSE(waitForSamRegistration(lead, false, 0, 30s).empty());
    CHECK(g.gw.log().find("did not answer the gateway's check on its connection twice; "
                          "closing") != std::string::npos);

    // A caller; sam accepts: nothing rings into the closed connection. The
    // call is back at the head of the queue at once, and sam hears why.
    auto caller = startCaller(g, "caller_audio.xml", {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    const auto acceptedAt = std::chrono::steady_clock::now();
    g.ctl("sam", {"accept", std::to_string(id)});
    const auto notice = sam.waitEvent("operator.notice", [&](const json::object& e) {
        return str(e.at("kind")) == "ring-no-answer" && e.at("contactId").as_int64() == id;
    });
    // Well inside the 20 s an unanswered ring would take.
    CHECK(std::chrono::steady_clock::now() - acceptedAt < 10s);
    CHECK(str(notice.at("message")).find("not registered") != std::string::npos);

    caller->kill(SIGTERM);
    caller->waitExit(10s);

    // The softphone goes on. baresip 1.0 notices the closed connection
    // only at its next registration refresh (minutes); restarted, as an
    // operator restarting a stuck phone would, it registers on the same
    // account and the next call reaches it.
    baresip.kill(SIGCONT);
    baresip.stop(5s);
    Process restarted = softphoneFor(g, account, g.gw.dir() / "baresip-heard");
    const auto again = waitForSamRegistration(lead, true, first.at("registeredAt").as_int64(), 20s);
    INFO("baresip restarted: " << restarted.stdoutText() << restarted.stderrText());
    REQUIRE_FALSE(again.empty());
    CHECK(str(again.at("transport")) == "tls");
    sam.call("presence.set", {{"presence", "available"}});
    auto next = startCaller(g, "caller_audio.xml", {"-m", "1"});
    const auto nextId = contactIdOf(lead.waitEvent("contact.queued", [&](const json::object& e) {
        return isCall(e) && contactIdOf(e) != id;
    }));
    samAcceptsAndAudioFlows(g, lead, nextId);
    g.ctl("sam", {"wrapup", std::to_string(nextId)});
    next->kill(SIGTERM);
    next->waitExit(10s);
    restarted.stop(5s);
}
