// resources.share on a real gateway: a resource from the line's directory
// (the synthetic sample, imported by warmlinectl) shared in a text
// conversation is sent to the texter and kept as a referral given, with the
// words sent, in one transaction; it shows in the caller's history, the
// supervisor's review and the report. On a call it is recorded as read out
// (sipp as the caller and the desk phone). Refusals store nothing. All
// numbers and words are synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <string>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
using warmline::link::ErrorCode;
using warmline::telephony::SimpleHttpClient;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

void importSample(GatewayProcess& gateway)
{
    const fs::path sample = fs::path(WARMLINE_SOURCE_DIR) / "resources" / "directory-sample";
    const auto imported = runCtl({"resources", "import", sample.string(), "--directory",
                                  (gateway.dataDir() / "directory.db").string()});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
}

std::int64_t count(const fs::path& db, const std::string& sql)
{
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    return d.execAndGet(sql).getInt64();
}

/// A UTC date `days` from today, YYYY-MM-DD.
} // namespace

TEST_CASE("a resource shared in a text conversation is sent, recorded with its words, and "
          "reported",
          "[gateway][resources][e2e]")
{
    GatewayOptions options;
    options.start = false;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.addOperator("sue", "supervisor", "sue-password-123");
    gateway.start();
    importSample(gateway);
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink kim(gateway.linkUrl(), "kim", "kim-password-123");
    OperatorLink sue(gateway.linkUrl(), "sue", "sue-password-123");
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));
    const fs::path store = gateway.dataDir() / "warmline.db";

    REQUIRE(postTwilioText(http, "SMrs1", "+15555550161",
                           "synthetic: we ran out of food, any ideas") == 200);
    sam.call("presence.set", {{"presence", "available"}});
    const auto id = sam.acceptNext();

    // What sharing would send is on the entry, word for word.
    const auto shown = sam.call("resources.show", {{"resourceId", "svc-03"}});
    const std::string words(shown.at("resource").at("shareText").as_string());
    CHECK(words.rfind("Despensa de Alimentos San Mateo\n", 0) == 0);

    const auto ack = sam.call("resources.share", {{"contactId", id}, {"resourceId", "svc-03"}});
    const auto& referral = ack.at("referral").as_object();
    CHECK(referral.at("how") == "text");
    CHECK(referral.at("resourceId") == "svc-03");
    CHECK(referral.at("resourceName") == "Despensa de Alimentos San Mateo");
    CHECK(referral.at("directoryVersion") == 1);
    CHECK(referral.at("operatorName") == "sam");
    CHECK(referral.at("snapshot").as_string() == words);
    const auto& message = ack.at("message").as_object();
    CHECK(message.at("direction") == "out");
    CHECK(message.at("body").as_string() == words);
    CHECK(referral.at("messageId") == message.at("id"));
    // Stored in the same transaction: the referral points at its message.
    CHECK(count(store, "SELECT COUNT(*) FROM referrals_given r JOIN messages m "
                       "ON m.id = r.message_id AND m.body = r.snapshot") == 1);

    // Refusals store nothing and the link stays up.
    const auto messagesBefore = count(store, "SELECT COUNT(*) FROM messages");
    const auto unknown = sam.raw("resources.share", {{"contactId", id}, {"resourceId", "svc-404"}});
    CHECK(unknown.code == ErrorCode::NotFound);
    const auto notMine = kim.raw("resources.share", {{"contactId", id}, {"resourceId", "svc-01"}});
    CHECK(notMine.code == ErrorCode::Forbidden);
    const auto noResource = sam.raw("resources.share", {{"contactId", id}});
    CHECK(noResource.code == ErrorCode::BadRequest);
    CHECK(count(store, "SELECT COUNT(*) FROM messages") == messagesBefore);
    CHECK(count(store, "SELECT COUNT(*) FROM referrals_given") == 1);

    // The supervisor's review keeps what was given, word for word.
    sam.call("contact.close", {{"contactId", id}, {"note", "synthetic: found a pantry"}});
    const auto review = sue.call("review.get", {{"contactId", id}});
    REQUIRE(review.at("referralsGiven").as_array().size() == 1);
    CHECK(review.at("referralsGiven").as_array()[0].at("snapshot").as_string() == words);

    // The report counts it, by how and by resource.
    const auto report =
        sue.call("report.get", {{"from", utcDate(-1)}, {"to", utcDate(1)}}).at("report");
    CHECK(report.at("referrals").at("total") == 1);
    CHECK(report.at("referrals").at("contacts") == 1);
    CHECK(report.at("referrals").at("byHow").as_array()[0].at("how") == "text");
    CHECK(report.at("referrals").at("byResource").as_array()[0].at("resource") ==
          "Despensa de Alimentos San Mateo");

    // The texter's next conversation shows it in their history.
    REQUIRE(postTwilioText(http, "SMrs2", "+15555550161",
                           "synthetic: the pantry was great, thanks") == 200);
    const auto next = sam.acceptNext();
    const auto caller = sam.call("caller.get", {{"contactId", next}});
    REQUIRE(caller.at("history").as_array().size() == 1);
    CHECK(caller.at("history").as_array()[0].at("resourcesShared").as_array()[0] ==
          "Despensa de Alimentos San Mateo");

    // A texter who opted out is not sent it, and nothing is recorded.
    REQUIRE(postTwilioText(http, "SMrs3", "+15555550161", "STOP") == 200);
    REQUIRE(waitFor(
        [&] { return count(store, "SELECT COUNT(*) FROM callers WHERE opted_out = 1") == 1; },
        std::chrono::seconds(10)));
    const auto optedOut =
        sam.raw("resources.share", {{"contactId", next}, {"resourceId", "svc-01"}});
    CHECK(optedOut.code == ErrorCode::Conflict);
    CHECK(count(store, "SELECT COUNT(*) FROM referrals_given") == 1);
}

TEST_CASE("a resource shared on a call is recorded as read out", "[gateway][resources][sip]")
{
    requireSipp();
    CallGateway g;
    importSample(g.gw);
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });

    const auto messagesBefore =
        count(g.gw.dataDir() / "warmline.db", "SELECT COUNT(*) FROM messages");
    const auto shared =
        json::parse(g.ctl("sam", {"share", std::to_string(id), "svc-07"})).as_object();
    const auto& referral = shared.at("referral").as_object();
    CHECK(referral.at("how") == "read");
    CHECK(referral.at("messageId").is_null());
    CHECK(referral.at("resourceName") == "Depression and Anxiety Peer Support Group");
    CHECK(referral.at("snapshot").as_string().find("Depression and Anxiety Peer Support Group") ==
          0);
    CHECK_FALSE(shared.contains("message"));
    // Nothing is texted to a caller.
    CHECK(count(g.gw.dataDir() / "warmline.db", "SELECT COUNT(*) FROM messages") == messagesBefore);

    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}
