// warmline-sim's texters answering the line: a real gateway sends its
// replies through `warmline-sim carrier`, an operator texts back with
// warmlinectl, and the texter answers each reply with its arc's next line
// until the arc ends. The arcs are the real ones of resources/sim/texts.txt.

#include "support/GatewayProcess.h"
#include "support/Process.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace warmline::test;
namespace json = boost::json;

namespace {

const std::string kTexts = std::string(WARMLINE_SOURCE_DIR) + "/resources/sim/texts.txt";

json::object objectOf(const std::string& text)
{
    return json::parse(text).as_object();
}

/// The turns of arc `name` in the text bank, in order, and which show crisis signs.
struct ArcLines
{
    std::vector<std::string> turns;
    std::vector<bool> crisis;
};

ArcLines arcLines(const std::string& name)
{
    std::ifstream in(kTexts);
    ArcLines arc;
    std::string line;
    while (std::getline(in, line)) {
        const auto bar = line.find('|');
        if (bar == std::string::npos) {
            continue;
        }
        const auto category = line.substr(0, bar);
        if (category == "arc:" + name || category == "arc:" + name + ":crisis") {
            arc.turns.push_back(line.substr(bar + 1));
            arc.crisis.push_back(category.ends_with(":crisis"));
        }
    }
    return arc;
}

std::vector<std::string> inbound(GatewayProcess& gateway, long long contactId)
{
    const auto r = gateway.runCtl({"get", std::to_string(contactId)});
    REQUIRE(r.exitCode == 0);
    std::vector<std::string> bodies;
    const auto answer = objectOf(r.out);
    for (const auto& m : answer.at("messages").as_array()) {
        if (m.at("direction") == "in") {
            bodies.emplace_back(m.at("body").as_string());
        }
    }
    return bodies;
}

} // namespace

TEST_CASE("warmline-sim texters answer each reply with their arc's next line", "[sim][e2e]")
{
    const std::string arcName = GENERATE(as<std::string>{}, "escalates-layoff", "calms-panic");
    const ArcLines arc = arcLines(arcName);
    REQUIRE(arc.turns.size() >= 4);

    TempDir dir("warmline-sim-arcs");
    ProcessOptions carrierOptions;
    carrierOptions.argv = {WARMLINE_SIM_BIN,
                           "carrier",
                           "--listen",
                           "127.0.0.1:0",
                           "--ready-file",
                           (dir / "carrier.ready").string(),
                           "--delivery-delay-ms",
                           "50"};
    carrierOptions.name = "carrier";
    Process carrier(std::move(carrierOptions));
    REQUIRE(waitForFileContaining(dir / "carrier.ready", "http_port=", 10s));
    std::smatch port;
    const auto ready = readFile(dir / "carrier.ready");
    REQUIRE(std::regex_search(ready, port, std::regex("http_port=([0-9]+)")));
    const std::string carrierUrl = "http://127.0.0.1:" + port[1].str();

    GatewayOptions options;
    options.start = false;
    options.configExtra = "[twilio]\n"
                          "account_sid = AC00000000000000000000000000000000\n"
                          "auth_token = synthetic-token\n"
                          "api_base_url = " +
                          carrierUrl +
                          "\n"
                          "from_number = +15555550100\n"
                          "validate_signature = false\n"
                          "[outbound]\n"
                          "provider = twilio\n"
                          "[line]\n"
                          "risk_rules = " WARMLINE_SOURCE_DIR "/resources/risk-rules.txt\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.start();
    REQUIRE(gateway
                .runCtl({"login", "--name", "sam", "--password-stdin"},
                        std::string("sam-password-123\n"))
                .exitCode == 0);
    REQUIRE(gateway.runCtl({"presence", "available"}).exitCode == 0);

    ProcessOptions simOptions;
    simOptions.argv = {WARMLINE_SIM_BIN,
                       "--url",
                       gateway.url(),
                       "--replies-from",
                       carrierUrl,
                       "--arc",
                       arcName,
                       "--count",
                       "1",
                       "--rate",
                       "6000",
                       "--reply-delay",
                       "0.1",
                       "--patience",
                       "60"};
    simOptions.name = "sim";
    Process sim(std::move(simOptions));

    long long contactId = 0;
    REQUIRE(waitFor(
        [&] {
            const auto r = gateway.runCtl({"queue"});
            REQUIRE(r.exitCode == 0);
            const auto answer = objectOf(r.out);
            const auto& queue = answer.at("queue").as_array();
            if (queue.empty()) {
                return false;
            }
            contactId = queue.at(0).at("id").as_int64();
            return true;
        },
        20s, 50ms));
    REQUIRE(gateway.runCtl({"accept", std::to_string(contactId)}).exitCode == 0);

    // The line's automatic reply may already have had its answer; each
    // operator reply gets the next line, until the texter has no more.
    for (std::size_t i = 0; i < arc.turns.size() + 2 && sim.running(); ++i) {
        const auto before = inbound(gateway, contactId).size();
        REQUIRE(gateway.runCtl({"send", std::to_string(contactId), "I'm", "listening."}).exitCode ==
                0);
        CHECK(waitFor([&] { return inbound(gateway, contactId).size() > before || !sim.running(); },
                      20s, 50ms));
    }
    const auto exit = sim.waitExit(20s);
    INFO(sim.stderrText());
    REQUIRE(exit == 0);

    // Every line of the arc once, in order, and nothing else.
    const auto received = inbound(gateway, contactId);
    CHECK(received == arc.turns);
    CHECK(std::set<std::string>(received.begin(), received.end()).size() == received.size());

    const auto contact = objectOf(gateway.runCtl({"get", std::to_string(contactId)}).out);
    const std::string risk(contact.at("contact").at("risk").as_string());
    if (std::find(arc.crisis.begin(), arc.crisis.end(), true) != arc.crisis.end()) {
        CHECK((risk == "high" || risk == "imminent"));
    } else {
        CHECK((risk == "none" || risk == "concern"));
    }

    const auto err = sim.stderrText();
    CHECK(err.find("finished 1") != std::string::npos);
    CHECK(err.find("+1") == std::string::npos);
    for (const auto& turn : arc.turns) {
        CHECK(err.find(turn) == std::string::npos);
    }
    CHECK(readFile(carrier.stderrPath()).find("+1") == std::string::npos);
}
