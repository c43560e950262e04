// The keypad survey after a call (docs/surveys.md), with sipp as caller and
// as the operator's desk phone: with survey.after_calls on, the operator's
// wrap-up ends their leg, the caller hears the question and their 2 is the
// answer, after which the gateway ends the call; an operator can also offer
// it to one caller (warmlinectl wrapup --survey), and a caller who presses
// nothing is hung up on once the answer time has passed, asked but
// unanswered. The report counts both. Numbers synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/gateway/SipCallFixture.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <ctime>
#include <string>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

json::object surveyFigures(OperatorLink& reader)
{
    return reader.call("report.get", {{"from", utcDate(-1)}, {"to", utcDate(1)}})
        .at("report")
        .at("survey")
        .as_object();
}

/// A call queued, taken by sam on the desk phone, connected, and wrapped up
/// with `wrapupArgs`; returns its contact id.
std::int64_t takeAndWrapUp(CallGateway& g, OperatorLink& lead, std::vector<std::string> wrapupArgs)
{
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    wrapupArgs.insert(wrapupArgs.begin(), {"wrapup", std::to_string(id)});
    g.ctl("sam", wrapupArgs);
    return id;
}

} // namespace

TEST_CASE("after a call the caller hears the survey, their 2 is the answer, and the call ends",
          "[gateway][survey][sip][e2e]")
{
    requireSipp();
    CallGateway g("[survey]\nafter_calls = true\n");
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller_survey.xml", {"-m", "1"});
    takeAndWrapUp(g, lead, {});
    // The operator's phone got its BYE at wrap-up; the caller stays on.
    CHECK(exitOf(*desk) == 0);
    REQUIRE(waitFor([&] { return surveyFigures(lead).at("answered").as_int64() == 1; }, 40s));
    const auto figures = surveyFigures(lead);
    CHECK(figures.at("sent").as_int64() == 1);
    CHECK(figures.at("aLittle").as_int64() == 1);
    CHECK(figures.at("yes").as_int64() == 0);
    // The gateway hung up after the answer.
    CHECK(waitFor([&] { return metric(g.metrics(), "warmline_calls_active") == 0; }, 20s));
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}

TEST_CASE("an operator offers the survey to one caller, who says nothing and is hung up on",
          "[gateway][survey][sip][e2e]")
{
    requireSipp();
    CallGateway g; // the line does not ask every caller
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "90000"});
    takeAndWrapUp(g, lead, {"--survey"});
    CHECK(exitOf(*desk) == 0);
    // Asked at once; the call still up while the question plays.
    REQUIRE(waitFor([&] { return surveyFigures(lead).at("sent").as_int64() == 1; }, 10s));
    CHECK(metric(g.metrics(), "warmline_calls_active") == 1);
    // The question (about 9 s) and the answer time (8 s) pass: hung up.
    CHECK(waitFor([&] { return metric(g.metrics(), "warmline_calls_active") == 0; }, 40s));
    CHECK(surveyFigures(lead).at("answered").as_int64() == 0);
    caller->kill(SIGTERM);
    caller->waitExit(10s);
}
