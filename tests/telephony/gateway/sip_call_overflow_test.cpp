// Overflow to a partner line (docs/coaching.md#overflow) through a real
// warmline-gateway with sipp as the caller, the trunk's partner line and an
// operator's desk phone: with overflow off a 1 does nothing; once a lead
// switches it on the waiting caller hears the offer, presses 1 and is put
// through the trunk to the partner line, their audio both ways, and the
// contact leaves the queue closed; a busy partner line leaves the caller
// waiting in their place for an operator. Every step is on the contact's
// record for the supervisor. Numbers synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/TempDir.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/media/Wav.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace json = boost::json;

namespace {

const std::string kOverflows = "warmline_call_overflows_total";
const std::string kToPartner = relayedTo("partner_line");
const std::string kToCaller = relayedTo("caller");
const std::string kKeys = "warmline_dtmf_keys_total";

/// A short greeting (so the offer comes soon), the trunk at `partnerPort`,
/// and a partner line reached through it; with `namedOffer`, a recording of
/// its name (a half-second tone) said in the offer.
std::string overflowConfig(const TempDir& dir, int partnerPort, bool namedOffer = false)
{
    const auto path = dir.path() / "greeting.wav";
    std::ofstream(path, std::ios::binary) << makeWav(std::vector<std::int16_t>(1600, 0));
    std::string config = "greeting_file = " + path.string() +
                         "\nposition_interval = 0\ntrunk_uri = sip:{number}@127.0.0.1:" +
                         std::to_string(partnerPort) +
                         "\n[overflow]\npartner_name = Synthetic Partner Line\n"
                         "partner_call_number = +15555550177\n";
    if (namedOffer) {
        std::vector<std::int16_t> tone(4000);
        for (std::size_t i = 0; i < tone.size(); ++i) {
            tone[i] = static_cast<std::int16_t>(i % 16 < 8 ? 4000 : -4000); // 500 Hz
        }
        const auto name = dir.path() / "partner-name.wav";
        std::ofstream(name, std::ios::binary) << makeWav(tone);
        config += "partner_name_recording = " + name.string() + "\n";
    }
    return config;
}

bool stepOf(const json::object& e, std::int64_t id, const char* step)
{
    return e.at("contactId").as_int64() == id && e.at("step") == step;
}

std::vector<std::string> recordedSteps(OperatorLink& reviewer, std::int64_t id)
{
    std::vector<std::string> out;
    const auto review = reviewer.call("review.get", {{"contactId", id}});
    for (const auto& s : review.at("overflow").as_array()) {
        out.emplace_back(s.at("kind").as_string());
    }
    return out;
}

bool inQueue(OperatorLink& lead, std::int64_t id)
{
    const auto board = lead.call("board.snapshot");
    for (const auto& c : board.at("queue").as_array()) {
        if (c.at("id").as_int64() == id) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("a waiting caller who presses 1 during overflow is put through to the partner line",
          "[gateway][sip][overflow][e2e]")
{
    requireSipp();
    TempDir files;
    const int partnerPort = freeUdpPort();
    // The line recorded the partner's name: the offer says it.
    CallGateway g(overflowConfig(files, partnerPort, true));
    CHECK(g.gw.log().find("the overflow offer says the partner line's name") != std::string::npos);
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    const auto on = lead.call("line.overflow", {{"mode", "on"}});
    CHECK(on.at("overflow") == true);
    CHECK(lead.call("board.snapshot").at("overflow").at("on") == true);

    // The partner line answers and echoes what it hears.
    auto partner =
        startSipp(g.gw.dir(), "partner",
                  {"-sn", "uas", "-p", std::to_string(partnerPort), "-m", "1", "-rtp_echo"});
    const auto before = g.metrics();
    auto caller = startCaller(g, "caller_overflow.xml", {"-m", "1", "-d", "6000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));

    lead.waitEvent("contact.overflow",
                   [&](const json::object& e) { return stepOf(e, id, "offered"); });
    lead.waitEvent("contact.overflow",
                   [&](const json::object& e) { return stepOf(e, id, "accepted"); });
    lead.waitEvent("contact.overflow",
                   [&](const json::object& e) { return stepOf(e, id, "connected"); });
    const auto closed = lead.waitEvent("contact.closed",
                                       [&](const json::object& e) { return contactIdOf(e) == id; });
    CHECK(closed.at("overflowed") == true);
    CHECK_FALSE(inQueue(lead, id));

    // The caller's voice reaches the partner line, and its echo the caller.
    CHECK(grewBy(g, before, {kToPartner, kToCaller}, 50));
    CHECK(metric(g.metrics(), kOverflows) == 1);
    // The caller hangs up: the partner line's leg ends with it.
    CHECK(exitOf(*caller) == 0);
    CHECK(exitOf(*partner) == 0);

    CHECK(recordedSteps(lead, id) == std::vector<std::string>{"offered", "accepted", "connected"});
    // An operator cannot take a contact the partner line has.
    const int deskPort = freeUdpPort();
    g.samTakesCallsAt(deskPort);
    const auto r = g.gw.runCtl({"accept", std::to_string(id)});
    INFO(r.err);
    CHECK(r.exitCode != 0);
    // Refused because it left the queue, not for any other reason.
    CHECK(r.err.find("not waiting in the queue") != std::string::npos);
    CHECK(g.gw.log().find("+1555555") == std::string::npos);
}

TEST_CASE(
    "overflow off ignores a 1, and a busy partner line leaves the caller waiting for an operator",
    "[gateway][sip][overflow][e2e]")
{
    requireSipp();
    TempDir files;
    const int partnerPort = freeUdpPort();
    CallGateway g(overflowConfig(files, partnerPort));
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    auto partner = startSipp(g.gw.dir(), "partner",
                             {"-sf", scenario("crisis_busy.xml").string(), "-p",
                              std::to_string(partnerPort), "-m", "1"});

    // A first caller presses 1 before anyone switched overflow on: nothing.
    auto early = startCaller(g, "caller_overflow.xml", {"-m", "1", "-d", "20000"});
    const auto earlyId = contactIdOf(lead.waitEvent("contact.queued", isCall));
    REQUIRE(waitFor([&] { return metric(g.metrics(), kKeys) >= 1; }, 15s, 100ms));
    CHECK(g.gw.log().find("chose the partner line") == std::string::npos);
    CHECK(g.gw.log().find("offered the partner line") == std::string::npos);

    // Switched on: the next caller hears the offer and presses 1; the
    // partner line is busy.
    lead.call("line.overflow", {{"mode", "on"}});
    auto caller = startCaller(g, "caller_overflow.xml", {"-m", "1", "-d", "20000"});
    const auto id = contactIdOf(lead.waitEvent(
        "contact.queued", [&](const json::object& e) { return contactIdOf(e) != earlyId; }));
    lead.waitEvent("contact.overflow",
                   [&](const json::object& e) { return stepOf(e, id, "offered"); });
    const auto failed = lead.waitEvent(
        "contact.overflow", [&](const json::object& e) { return stepOf(e, id, "failed"); });
    CHECK_FALSE(failed.at("reason").as_string().empty());
    CHECK(exitOf(*partner) == 0);

    // The caller is where they were, and sam takes the call.
    REQUIRE(lead.call("board.snapshot").at("overflow").at("connecting").as_array().empty());
    CHECK(inQueue(lead, id));
    const int deskPort = freeUdpPort();
    auto desk =
        startSipp(g.gw.dir(), "desk", {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1"});
    g.samTakesCallsAt(deskPort);
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    CHECK(metric(g.metrics(), kOverflows) == 0);
    CHECK(recordedSteps(lead, id) == std::vector<std::string>{"offered", "accepted", "failed"});
    // The early caller's 1 came before any offer: offered since, nothing more.
    CHECK(recordedSteps(lead, earlyId) == std::vector<std::string>{"offered"});
    CHECK(exitOf(*caller) == 0);
    CHECK(exitOf(*early) == 0);
}

TEST_CASE("a caller who hangs up while the partner line rings cancels its leg and is abandoned",
          "[gateway][sip][overflow][e2e]")
{
    requireSipp();
    TempDir files;
    const int partnerPort = freeUdpPort();
    CallGateway g(overflowConfig(files, partnerPort));
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    lead.call("line.overflow", {{"mode", "on"}});
    // The partner line rings and never answers; it expects the CANCEL.
    auto partner = startSipp(g.gw.dir(), "partner",
                             {"-sf", scenario("operator_noanswer.xml").string(), "-p",
                              std::to_string(partnerPort), "-m", "1"});
    // Hangs up about 6 s after the answer, while it rings.
    auto caller = startCaller(g, "caller_overflow.xml", {"-m", "1", "-d", "1000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    lead.waitEvent("contact.overflow",
                   [&](const json::object& e) { return stepOf(e, id, "accepted"); });
    const auto closed = lead.waitEvent("contact.closed",
                                       [&](const json::object& e) { return contactIdOf(e) == id; });
    CHECK(str(closed.at("contact").at("state")) == "abandoned");
    CHECK_FALSE(closed.contains("overflowed"));
    CHECK(exitOf(*caller) == 0);
    CHECK(exitOf(*partner) == 0); // it got the CANCEL
    CHECK(lead.call("board.snapshot").at("overflow").at("connecting").as_array().empty());
    CHECK(metric(g.metrics(), kOverflows) == 0);
}
