// Callbacks (docs/callbacks.md) in the SIP library: the gateway rings the
// operator's phone first, then dials the caller through the trunk. Real
// sipp processes are the operator's phone and the caller's phone behind the
// trunk, on ports the OS chose; every wait polls and has a deadline.

#include "SipTestSupport.h"

#include "support/Process.h"
#include "support/TempDir.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

using namespace warmline;
using namespace warmline::sip;
using namespace warmline::sip::test;
using namespace warmline::test;
using namespace std::chrono_literals;

namespace {

const std::string kSipp = "/usr/bin/sipp";
const std::string kLine = "+15555550100";
const std::string kCaller = "+15555550142";

std::filesystem::path scenario(const std::string& name)
{
    return std::filesystem::path(WARMLINE_SOURCE_DIR) / "tests/telephony/sip" / name;
}

/// A sipp phone on `port`, answering one call; returns once the port is bound.
std::unique_ptr<Process> phone(const TempDir& dir, const std::string& name, int port,
                               std::vector<std::string> args)
{
    if (!std::filesystem::exists(kSipp)) {
        FAIL("sipp is not installed: run scripts/deps test (Debian package sip-tester)");
    }
    ProcessOptions p;
    p.argv = {kSipp};
    p.argv.insert(p.argv.end(), args.begin(), args.end());
    p.argv.insert(p.argv.end(),
                  {"-p", std::to_string(port), "-m", "1", "-i", "127.0.0.1", "-nostdin", "-cp",
                   std::to_string(freeUdpPort()), "-mp", std::to_string(freeUdpPort()), "-timeout",
                   "60s", "-trace_msg", "-message_file", (dir / (name + ".log")).string()});
    p.outputDir = dir.path();
    p.name = name;
    auto process = std::make_unique<Process>(std::move(p));
    const bool ready =
        waitFor([&] { return udpPortBound(port) || !process->running(); }, 20s, 20ms);
    INFO("sipp " << name << ": " << process->stderrText());
    REQUIRE(ready);
    REQUIRE(process->running());
    return process;
}

/// 300 ms of a 440 Hz tone: the announcement both sides hear.
std::vector<std::int16_t> announcement()
{
    std::vector<std::int16_t> samples(2400);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        samples[i] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 440 * i / 8000.0));
    }
    return samples;
}

bool hasEvent(RunningService& s, const std::string& prefix)
{
    const auto events = s.listener().events();
    return std::any_of(events.begin(), events.end(),
                       [&](const std::string& e) { return e.rfind(prefix, 0) == 0; });
}

std::string events(RunningService& s)
{
    std::string out;
    for (const auto& e : s.listener().events()) {
        out += e + "\n";
    }
    return out;
}

/// The first line and the value of header `name` of the first message in a
/// sipp message log that starts with `firstLine`.
std::string headerIn(const std::string& log, const std::string& firstLine, const std::string& name)
{
    const auto at = log.find("\n" + firstLine);
    if (at == std::string::npos) {
        return {};
    }
    const auto h = log.find("\n" + name + ": ", at);
    if (h == std::string::npos) {
        return {};
    }
    const auto start = h + name.size() + 3;
    return log.substr(start, log.find_first_of("\r\n", start) - start);
}

/// Whether call `ref` is gone from the service within a few seconds.
bool ended(RunningService& s, CallRef ref)
{
    return waitFor(
        [&] {
            bool exists = true;
            s.run([&] { exists = s.service().exists(ref); });
            return !exists;
        },
        10s);
}

CallRef place(RunningService& s, int operatorPort, int callerPort, std::string& whyNot)
{
    CallbackDial d;
    d.operatorUri = "sip:desk@127.0.0.1:" + std::to_string(operatorPort);
    d.displayName = "Caller 7";
    d.callerUri = "sip:" + kCaller + "@127.0.0.1:" + std::to_string(callerPort);
    d.lineNumber = kLine;
    CallRef ref = 0;
    s.run([&] { ref = s.service().placeCallback(d, whyNot); });
    return ref;
}

/// A running service, the operator's sipp phone and the caller's behind the
/// trunk (each given its sipp arguments), and a callback placed between them.
struct Rig
{
    TempDir dir;
    RunningService s;
    const int operatorPort = freeUdpPort();
    const int callerPort = freeUdpPort();
    std::unique_ptr<Process> desk;
    std::unique_ptr<Process> caller;
    CallRef ref = 0;

    Rig(const CallSettings& settings, const std::vector<std::string>& deskArgs,
        const std::vector<std::string>& callerArgs)
        : s({}, settings)
    {
        desk = phone(dir, "desk", operatorPort, deskArgs);
        caller = phone(dir, "caller", callerPort, callerArgs);
        std::string whyNot;
        ref = place(s, operatorPort, callerPort, whyNot);
        INFO(whyNot);
        REQUIRE(ref != 0);
    }

    bool waitEvent(const std::string& name)
    {
        return waitFor([&] { return hasEvent(s, name + " " + std::to_string(ref)); }, 20s);
    }
};

const std::vector<std::string> kSilentPhone = {"-sf",
                                               scenario("phone_answers_silent.xml").string()};

} // namespace

TEST_CASE("a callback rings the operator, then the caller through the trunk, and they talk",
          "[sip][callback]")
{
    TempDir dir;
    CallSettings settings;
    settings.callbackAnnouncements["en"] = announcement();
    RunningService s({}, settings);
    const int operatorPort = freeUdpPort();
    const int callerPort = freeUdpPort();
    // The operator's phone echoes what it hears; the caller's presses 1 to
    // be put through, then talks (sipp's recording, every 4 s) until the
    // gateway hangs up.
    auto desk = phone(dir, "desk", operatorPort, {"-sn", "uas", "-rtp_echo"});
    auto caller =
        phone(dir, "caller", callerPort, {"-sf", scenario("phone_callback_answers.xml").string()});

    std::string whyNot;
    const CallRef ref = place(s, operatorPort, callerPort, whyNot);
    INFO(whyNot);
    REQUIRE(ref != 0);
    INFO(events(s));
    REQUIRE(waitFor([&] { return hasEvent(s, "callback-answered " + std::to_string(ref)); }, 20s));
    const auto list = s.listener().events();
    REQUIRE(list.size() == 2);
    CHECK(list[0] == "operator-answered " + std::to_string(ref));

    // Audio both ways once the announcement is over: the caller's words
    // reach the operator's phone and its echo comes back.
    REQUIRE(waitFor(
        [&] {
            return s.service().media().relayedToOperator > 50 &&
                   s.service().media().relayedToCaller > 50;
        },
        20s));

    // The caller's phone was rung at the number, with the line as caller
    // ID and never an operator's name; the operator's phone saw the alias.
    const auto callerLog = readFile(dir / "caller.log");
    CHECK(callerLog.find("INVITE sip:" + kCaller + "@127.0.0.1:" + std::to_string(callerPort)) !=
          std::string::npos);
    CHECK(headerIn(callerLog, "INVITE sip:", "P-Asserted-Identity").find(kLine) !=
          std::string::npos);
    CHECK(headerIn(callerLog, "INVITE sip:", "From").rfind("\"Warmline\"", 0) == 0);
    CHECK(headerIn(readFile(dir / "desk.log"), "INVITE sip:", "From").rfind("\"Caller 7\"", 0) ==
          0);

    // A call like any other from here: the gateway ends it, both phones get BYE.
    s.run([&] { s.service().hangUp(ref); });
    CHECK(desk->waitExit(20s) == 0);
    CHECK(caller->waitExit(20s) == 0);
    CHECK_FALSE(hasEvent(s, "caller-gone"));
    CHECK_FALSE(hasEvent(s, "operator-gone"));
}

TEST_CASE("a caller who does not answer the callback ends it and the operator's phone is hung up",
          "[sip][callback]")
{
    CallSettings settings;
    settings.callbackRingTimeout = 1500ms;
    Rig r(settings, {"-sn", "uas"}, {"-sf", scenario("operator_noanswer.xml").string()});
    INFO(events(r.s));
    REQUIRE(r.waitEvent("callback-not-reached"));
    CHECK(hasEvent(r.s, "callback-not-reached " + std::to_string(r.ref) +
                            " The caller's phone did not answer in time."));
    // Meanwhile the operator heard it ring: the only audio played here.
    CHECK(r.s.service().media().packetsSent > 20);
    // The caller's phone got CANCEL, the operator's BYE; the call is gone.
    CHECK(r.caller->waitExit(20s) == 0);
    CHECK(r.desk->waitExit(20s) == 0);
    REQUIRE(ended(r.s, r.ref));
    CHECK_FALSE(hasEvent(r.s, "callback-answered"));
}

TEST_CASE("a phone that answers the callback and presses nothing has not reached the caller",
          "[sip][callback]")
{
    CallSettings settings;
    settings.callbackAnnouncements["en"] = announcement();
    settings.callbackAnswerWait = 1500ms;
    // Both answer at once; the caller's phone (a voicemail) presses nothing.
    Rig r(settings, {"-sn", "uas"}, kSilentPhone);
    INFO(events(r.s));
    REQUIRE(r.waitEvent("callback-not-reached"));
    CHECK(hasEvent(r.s, "callback-not-reached " + std::to_string(r.ref) +
                            " The caller's phone answered, but no one pressed 1"));
    // Never put through: both phones got BYE and the call is gone.
    CHECK_FALSE(hasEvent(r.s, "callback-answered"));
    CHECK(r.caller->waitExit(20s) == 0);
    CHECK(r.desk->waitExit(20s) == 0);
    REQUIRE(ended(r.s, r.ref));
}

TEST_CASE("before the caller presses 1 a callback cannot be held, and sent back to the queue ends",
          "[sip][callback]")
{
    CallSettings settings;
    settings.callbackAnnouncements["en"] = announcement();
    settings.callbackAnswerWait = 60s; // the test ends it first
    Rig r(settings, {"-sn", "uas"}, kSilentPhone);
    INFO(events(r.s));
    // The caller's phone has answered once the gateway's ACK is in its log.
    REQUIRE(waitFor(
        [&] { return readFile(r.dir / "caller.log").find("ACK sip:") != std::string::npos; }, 20s));
    bool held = true;
    r.s.run([&] { held = r.s.service().hold(r.ref, true); });
    CHECK_FALSE(held);
    r.s.run([&] { r.s.service().returnToHold(r.ref); });
    CHECK(r.caller->waitExit(20s) == 0);
    CHECK(r.desk->waitExit(20s) == 0);
    REQUIRE(ended(r.s, r.ref));
    CHECK_FALSE(hasEvent(r.s, "callback-answered"));
}

TEST_CASE("a phone that cannot send keys is put through once the announcement has played",
          "[sip][callback]")
{
    CallSettings settings;
    settings.callbackAnnouncements["en"] = announcement();
    settings.callbackAnswerWait = 60s; // never reached: no 1 can come
    // sipp's built-in answering phone offers no telephone-event.
    Rig r(settings, {"-sn", "uas"}, {"-sn", "uas"});
    INFO(events(r.s));
    REQUIRE(r.waitEvent("callback-answered"));
    CHECK_FALSE(hasEvent(r.s, "callback-not-reached"));
    r.s.run([&] { r.s.service().hangUp(r.ref); });
    CHECK(r.caller->waitExit(20s) == 0);
    CHECK(r.desk->waitExit(20s) == 0);
}

TEST_CASE("a callback whose operator's phone does not answer never rings the caller",
          "[sip][callback]")
{
    TempDir dir;
    CallSettings settings;
    settings.operatorRingTimeout = 1500ms;
    RunningService s({}, settings);
    const int operatorPort = freeUdpPort();
    const int callerPort = freeUdpPort();
    auto desk =
        phone(dir, "desk", operatorPort, {"-sf", scenario("operator_noanswer.xml").string()});
    auto caller = phone(dir, "caller", callerPort, {"-sn", "uas"});

    std::string whyNot;
    const CallRef ref = place(s, operatorPort, callerPort, whyNot);
    REQUIRE(ref != 0);
    INFO(events(s));
    REQUIRE(waitFor([&] { return hasEvent(s, "operator-no-answer " + std::to_string(ref)); }, 20s));
    CHECK(desk->waitExit(20s) == 0);
    REQUIRE(ended(s, ref));
    CHECK(readFile(dir / "caller.log").find("INVITE sip:") == std::string::npos);
    CHECK(caller->running());

    // And an address the trunk cannot be reached at is refused up front.
    CallbackDial bad;
    bad.operatorUri = "sip:desk@127.0.0.1:" + std::to_string(operatorPort);
    bad.callerUri = "sip:" + kCaller + "@trunk.example";
    CallRef none = 1;
    s.run([&] { none = s.service().placeCallback(bad, whyNot); });
    CHECK(none == 0);
    CHECK(whyNot.find("IP address") != std::string::npos);
}
