// warmlinectl's review, report, audit, reveal, settings and retention
// commands against a real gateway, with the exit codes a script sees when
// the gateway refuses a role.

#include "core/store/Reports.h"
#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace warmline::test;
using warmline::telephony::SimpleHttpClient;
namespace json = boost::json;

namespace {

const std::string kPassword = "correct horse battery";

json::object objectOf(const RunResult& r)
{
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    return json::parse(r.out).as_object();
}

void loginAs(GatewayProcess& gateway, const std::string& name)
{
    const auto r = gateway.runCtl({"login", "--name", name, "--password-stdin"}, kPassword + "\n");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
}

} // namespace

TEST_CASE("warmlinectl reviews, reports, reveals and sets the line's settings", "[ctl][e2e]")
{
    GatewayOptions options;
    options.configExtra = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
    options.start = false;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", kPassword);
    gateway.addOperator("jo", "supervisor", kPassword);
    gateway.addOperator("ada", "admin", kPassword);
    gateway.start();

    // One contact, handled by sam through the link.
    {
        OperatorLink sam(gateway.linkUrl(), "sam", kPassword);
        sam.call("presence.set", {{"presence", "available"}});
        SimpleHttpClient http(gateway.url());
        const auto r =
            http.postForm("/sms/twilio", SimpleHttpClient::formEncode({{"MessageSid", "SMctl1"},
                                                                       {"From", "+15555550171"},
                                                                       {"To", "+15555550199"},
                                                                       {"Body", "rough night"},
                                                                       {"NumMedia", "0"}}));
        REQUIRE(r.status == 200);
        const auto queued =
            sam.waitEvent("contact.queued", [](const json::object&) { return true; });
        const auto id = queued.at("contact").at("id").as_int64();
        sam.call("contact.accept", {{"contactId", id}});
        sam.call("contact.close", {{"contactId", id},
                                   {"note", "Listened; talked about the allotment."},
                                   {"wrapup", {{"outcome", "supported"}, {"helped", "yes"}}}});
    }

    // The operator is refused with exit code 5 (forbidden).
    loginAs(gateway, "sam");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"review", "list"},
          {"report", "--from", "2026-01-01", "--to", "2026-01-31"},
          {"audit"},
          {"reveal", "1", "--reason", "curious"},
          {"settings", "list"}}) {
        const auto r = gateway.runCtl(args);
        INFO(args[0] << ": " << r.err);
        CHECK(r.exitCode == 5);
        CHECK(r.err.find("forbidden") != std::string::npos);
    }
    CHECK(objectOf(gateway.runCtl({"comments", "list"})).at("unread") == json::value(0));

    loginAs(gateway, "jo");
    auto list =
        objectOf(gateway.runCtl({"review", "list", "--search", "allot", "--operator", "sam"}));
    REQUIRE(list.at("contacts").as_array().size() == 1);
    const std::string id = std::to_string(list.at("contacts").at(0).at("id").as_int64());
    const auto detail = objectOf(gateway.runCtl({"review", "get", id}));
    CHECK(detail.at("wrapup").at("note") == json::value("Listened; talked about the allotment."));
    CHECK(objectOf(gateway.runCtl({"review", "mark", id})).at("contact").at("reviewedBy") ==
          json::value("jo"));
    CHECK(objectOf(gateway.runCtl({"review", "comment", id, "Warm", "and", "clear."}))
              .at("comment")
              .at("body") == json::value("Warm and clear."));
    CHECK(objectOf(gateway.runCtl({"review", "followup", id, "--note", "Check in next week"}))
              .at("contact")
              .at("followUp") == json::value(true));
    list = objectOf(gateway.runCtl({"review", "list", "--unreviewed"}));
    CHECK(list.at("contacts").as_array().empty());

    // The report as JSON and as CSV, for today in UTC.
    const std::string today = warmline::localDate(warmline::nowMs(), 0);
    const auto report =
        objectOf(gateway.runCtl({"report", "--from", today, "--to", today, "--tz", "0"}));
    CHECK(report.at("report").at("totals").at("contacts") == json::value(1));
    const auto csv =
        gateway.runCtl({"report", "--from", today, "--to", today, "--tz", "0", "--csv"});
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.rfind("section,item,measure,value\r\n", 0) == 0);
    CHECK(csv.out.find("totals,all,contacts,1\r\n") != std::string::npos);
    CHECK(csv.out.find("by_day," + today + ",contacts,1\r\n") != std::string::npos);
    CHECK(gateway.runCtl({"report", "--from", today}).exitCode == 2);
    CHECK(gateway.runCtl({"report", "--from", "yesterday", "--to", today}).exitCode == 2);

    const auto audit = objectOf(gateway.runCtl({"audit", "--action", "contact.open"}));
    REQUIRE(audit.at("entries").as_array().size() == 1);
    CHECK(audit.at("entries").at(0).at("operatorName") == json::value("jo"));
    CHECK(gateway.runCtl({"reveal", id, "--reason", "curious"}).exitCode == 5);
    CHECK(gateway.runCtl({"reveal", id}).exitCode == 2);

    loginAs(gateway, "ada");
    const auto revealed = objectOf(gateway.runCtl({"reveal", id, "--reason", "Welfare check."}));
    CHECK(revealed.at("number") == json::value("+15555550171"));
    auto setting = objectOf(gateway.runCtl(
        {"settings", "set", "line.hours", "mon-fri", "09:00-21:00,", "sat", "10:00-16:00"}));
    CHECK(setting.at("setting").at("value") == json::value("mon-fri 09:00-21:00, sat 10:00-16:00"));
    const auto bad = gateway.runCtl({"settings", "set", "limits.calls_per_day", "lots"});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find("bad_request") != std::string::npos);
    setting = objectOf(gateway.runCtl({"settings", "reset", "line.hours"}));
    CHECK(setting.at("setting").at("source") == json::value("default"));
    CHECK(objectOf(gateway.runCtl({"settings", "set", "retention.content_days", "365"}))
              .at("setting")
              .at("value") == json::value("365"));
    CHECK(objectOf(gateway.runCtl({"retention", "purge"})).at("contacts") == json::value(0));
    const auto op = objectOf(gateway.runCtl({"operator", "languages", "sam", "en", "es"}));
    CHECK(op.at("operator").at("languages").as_array().size() == 2);
    CHECK(objectOf(gateway.runCtl({"operator", "capacity", "sam", "2"}))
              .at("operator")
              .at("capacity") == json::value(2));
    CHECK(gateway.runCtl({"operator", "capacity", "sam", "12"}).exitCode == 2);
    CHECK(gateway.runCtl({"review"}).exitCode == 2);

    loginAs(gateway, "sam");
    const auto comments = objectOf(gateway.runCtl({"comments", "list", "--unread"}));
    REQUIRE(comments.at("comments").as_array().size() == 1);
    const auto commentId = std::to_string(comments.at("comments").at(0).at("id").as_int64());
    objectOf(gateway.runCtl({"comments", "read", commentId}));
    CHECK(objectOf(gateway.runCtl({"comments", "list", "--unread"})).at("unread") ==
          json::value(0));
}
