// warmlinectl and warmline-sim end to end against a real warmline-gateway.

#include "support/GatewayProcess.h"
#include "support/Process.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <string>

using namespace warmline::test;
namespace json = boost::json;

namespace {

json::object objectOf(const std::string& text)
{
    return json::parse(text).as_object();
}

RunResult runSim(const GatewayProcess& gateway, int count)
{
    ProcessOptions p;
    p.argv = {WARMLINE_SIM_BIN, "--url", gateway.url(), "--count", std::to_string(count),
              "--rate",         "6000",  "--seed",      "11"};
    p.name = "sim";
    return runProgram(std::move(p), 60s);
}

} // namespace

TEST_CASE("warmlinectl administers accounts on a real gateway", "[ctl][e2e]")
{
    GatewayOptions options;
    options.start = false;
    GatewayProcess gateway(options);
    gateway.addOperator("root", "admin", "admin-password-123");
    gateway.start();

    auto r = gateway.runCtl({"login", "--name", "root", "--password-stdin"},
                            std::string("not-the-password\n"));
    CHECK(r.exitCode == 4);
    CHECK(r.err.find("bad_credentials") != std::string::npos);

    r = gateway.runCtl({"login", "--name", "root", "--password-stdin"},
                       std::string("admin-password-123\n"));
    REQUIRE(r.exitCode == 0);
    CHECK(objectOf(r.out).at("operator").at("role") == "admin");
    struct stat st
    {
    };
    REQUIRE(::stat(gateway.ctlSessionPath().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    CHECK(gateway.runCtl({"ping"}).exitCode == 0);

    r = gateway.runCtl({"operator", "add", "sam", "--role", "operator", "--password-stdin"},
                       std::string("sam-password-123\n"));
    CHECK(r.exitCode == 0);
    CHECK(objectOf(r.out).at("operator").at("name") == "sam");

    r = gateway.runCtl({"operator", "add", "kim", "--role", "operator", "--password-stdin"},
                       std::string("short\n"));
    CHECK(r.exitCode == 1);
    CHECK(r.err.rfind("warmlinectl: bad_request: ", 0) == 0);

    r = gateway.runCtl({"operator", "list"});
    CHECK(r.exitCode == 0);
    CHECK(objectOf(r.out).at("operators").as_array().size() == 2);

    // An admin holds no contacts.
    r = gateway.runCtl({"accept"});
    CHECK(r.exitCode == 5);
    CHECK(r.err.rfind("warmlinectl: forbidden: ", 0) == 0);

    CHECK(gateway.runCtl({"operator", "role", "sam", "lead"}).exitCode == 0);
    r = gateway.runCtl({"operator", "group", "sam", "evenings"});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find(R"("group":"evenings")") != std::string::npos);
    r = gateway.runCtl({"operator", "group", "sam", ""});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find(R"("group")") == std::string::npos);
    // Both changes are audited; the cleared one with its empty value.
    r = gateway.runCtl({"audit", "--action", "operator.change"});
    CHECK(r.out.find(R"("change":"group","value":"evenings")") != std::string::npos);
    CHECK(r.out.find(R"("change":"group","value":"")") != std::string::npos);
    CHECK(r.out.find(R"("change":"role","value":"lead")") != std::string::npos);
    CHECK(gateway.runCtl({"operator", "group", "sam", "eve\nnings"}).exitCode == 1);
    CHECK(gateway.runCtl({"operator", "disable", "sam"}).exitCode == 0);
    CHECK(gateway.runCtl({"operator", "enable", "sam"}).exitCode == 0);

    r = gateway.runCtl({"operator", "passwd", "sam", "--password-stdin"},
                       std::string("sam-new-password-456\n"));
    CHECK(r.exitCode == 0);
    r = gateway.runCtl({"login", "--name", "sam", "--password-stdin"},
                       std::string("sam-password-123\n"));
    CHECK(r.exitCode == 4);
    r = gateway.runCtl({"login", "--name", "sam", "--password-stdin"},
                       std::string("sam-new-password-456\n"));
    REQUIRE(r.exitCode == 0);
    CHECK(objectOf(r.out).at("operator").at("role") == "lead");

    CHECK(gateway.runCtl({"logout"}).exitCode == 0);
    CHECK(gateway.runCtl({"queue"}).exitCode == 4);
}

TEST_CASE("a text from warmline-sim reaches an operator through warmlinectl", "[ctl][sim][e2e]")
{
    GatewayOptions options;
    options.start = false;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.start();

    REQUIRE(gateway
                .runCtl({"login", "--name", "sam", "--password-stdin"},
                        std::string("sam-password-123\n"))
                .exitCode == 0);
    REQUIRE(gateway.runCtl({"presence", "available"}).exitCode == 0);

    const auto sim = runSim(gateway, 1);
    INFO(sim.err);
    REQUIRE(sim.exitCode == 0);
    if (!gateway.running()) {
        FAIL("warmline-gateway stopped after an inbound text, exit status "
             << gateway.process()->exitCode().value_or(-1) << "; its log:\n"
             << gateway.log());
    }

    // Each watch resumes where the last one stopped (first: at the login),
    // so stepping one event at a time reaches the new contact.
    RunResult r;
    const bool queued = waitFor(
        [&] {
            r = gateway.runCtl({"watch", "--count", "1", "--timeout", "10"});
            REQUIRE(r.exitCode == 0);
            return objectOf(r.out).at("name") == "contact.queued";
        },
        30s, 1ms);
    CHECK(queued);

    r = gateway.runCtl({"accept"});
    REQUIRE(r.exitCode == 0);
    const auto accepted = objectOf(r.out);
    const auto contactId = accepted.at("contact").at("id").as_int64();
    const auto& messages = accepted.at("messages").as_array();
    CHECK(std::any_of(messages.begin(), messages.end(),
                      [](const json::value& m) { return m.at("direction") == "in"; }));

    r = gateway.runCtl({"send", std::to_string(contactId), "I'm", "here.", "What's", "up?"});
    REQUIRE(r.exitCode == 0);
    CHECK(objectOf(r.out).at("message").at("body") == "I'm here. What's up?");

    r = gateway.runCtl({"close", std::to_string(contactId)});
    CHECK(r.exitCode == 2);
    r = gateway.runCtl(
        {"close", std::to_string(contactId), "--note", "Synthetic test contact; closed."});
    CHECK(r.exitCode == 0);

    // The queue is empty now.
    r = gateway.runCtl({"accept"});
    CHECK(r.exitCode == 1);
    CHECK(r.err.rfind("warmlinectl: not_found: ", 0) == 0);
}
