// Callbacks that keep a caller's place (docs/callbacks.md) through a real
// warmline-gateway, with sipp as the caller, the operator's desk phone and
// the caller's phone behind the trunk: a caller who waited hears the offer,
// presses 1 and is hung up on, and their contact keeps its place with no
// call; the operator who takes it has their phone rung first, then the
// caller's through the trunk, and they talk. A caller who cannot be reached
// is tried again at the same place, then closed as not reached. Every step
// is on the board and in the reports. Numbers synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/TempDir.h"
#include "telephony/gateway/SipCallFixture.h"
#include "telephony/media/Wav.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using namespace warmline::test::sipcall;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

const std::string kToOperator = relayedTo("operator");
const std::string kToCaller = relayedTo("caller");

/// A short greeting, the trunk at `trunkPort`, and callbacks offered after
/// a second of waiting.
std::string callbackConfig(const TempDir& dir, int trunkPort, const std::string& callbacks)
{
    const auto path = dir.path() / "greeting.wav";
    std::ofstream(path, std::ios::binary) << makeWav(std::vector<std::int16_t>(1600, 0));
    return "greeting_file = " + path.string() +
           "\nposition_interval = 0\ntrunk_uri = sip:{number}@127.0.0.1:" +
           std::to_string(trunkPort) + "\n[callbacks]\noffer_after = 1s\n" + callbacks;
}

bool stepOf(const json::object& e, std::int64_t id, const char* step)
{
    return e.at("contactId").as_int64() == id && e.at("step") == step;
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

json::object callbackFigures(OperatorLink& reader)
{
    return reader.call("report.get", {{"from", utcDate(-1)}, {"to", utcDate(1)}})
        .at("report")
        .at("callbacks")
        .as_object();
}

/// sam takes callback `id` once it may be dialled (the line first says
/// goodbye to the caller and hangs up: kCallbackHangUpMs).
void takeWhenDue(CallGateway& g, std::int64_t id)
{
    g.ctl("sam", {"presence", "available"});
    std::string last;
    const bool taken = waitFor(
        [&] {
            const auto r = g.gw.runCtl({"accept", std::to_string(id)});
            last = r.err;
            return r.exitCode == 0;
        },
        30s, 500ms);
    INFO(last);
    REQUIRE(taken);
}

/// Writes a capture of RFC 4733 key presses (payload type 101) for sipp's
/// play_pcap_audio: each key its own event with its own RTP timestamp, so
/// that a key pressed twice counts twice (sipp's own dtmf_2833_N captures
/// replay one fixed timestamp each), the next key `gapMs` later.
void writeKeysPcap(const std::filesystem::path& path, const std::string& keys, int gapMs)
{
    std::string out;
    const auto le = [&](std::uint32_t v, int bytes) {
        for (int i = 0; i < bytes; ++i) {
            out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
        }
    };
    const auto be = [&](std::string& s, std::uint32_t v, int bytes) {
        for (int i = bytes - 1; i >= 0; --i) {
            s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
        }
    };
    le(0xa1b2c3d4, 4); // pcap, microseconds, Ethernet frames
    le(2, 2);
    le(4, 2);
    le(0, 4);
    le(0, 4);
    le(65535, 4);
    le(1, 4);
    std::uint16_t seq = 1;
    std::uint32_t timestamp = 8000;
    long long atUs = 0;
    for (const char key : keys) {
        const int event = key == '*' ? 10 : key == '#' ? 11 : key - '0';
        for (int i = 0; i < 6; ++i) {
            const bool end = i >= 3; // the end packet, sent three times
            std::string rtp;
            rtp.push_back(static_cast<char>(0x80));
            rtp.push_back(static_cast<char>((i == 0 ? 0x80 : 0) | 101));
            be(rtp, seq++, 2);
            be(rtp, timestamp, 4);
            be(rtp, 0x5eed1234, 4);
            rtp.push_back(static_cast<char>(event));
            rtp.push_back(static_cast<char>((end ? 0x80 : 0) | 10));
            be(rtp, end ? 960 : 320 * (i + 1), 2);
            std::string frame(12, '\0');
            be(frame, 0x0800, 2);
            std::string ip;
            be(ip, 0x4500, 2);
            be(ip, static_cast<std::uint32_t>(20 + 8 + rtp.size()), 2);
            be(ip, 0, 2);
            be(ip, 0x4000, 2);
            be(ip, 0x4011, 2); // TTL 64, UDP
            be(ip, 0, 2);      // checksum, below
            be(ip, 0x7f000001, 4);
            be(ip, 0x7f000001, 4);
            std::uint32_t sum = 0;
            for (std::size_t b = 0; b < ip.size(); b += 2) {
                sum +=
                    (static_cast<std::uint8_t>(ip[b]) << 8) | static_cast<std::uint8_t>(ip[b + 1]);
            }
            sum = (sum & 0xffff) + (sum >> 16);
            sum = ~(sum + (sum >> 16)) & 0xffff;
            ip[10] = static_cast<char>(sum >> 8);
            ip[11] = static_cast<char>(sum & 0xff);
            frame += ip;
            be(frame, 6000, 2);
            be(frame, 6002, 2);
            be(frame, static_cast<std::uint32_t>(8 + rtp.size()), 2);
            be(frame, 0, 2);
            frame += rtp;
            le(static_cast<std::uint32_t>(atUs / 1'000'000), 4);
            le(static_cast<std::uint32_t>(atUs % 1'000'000), 4);
            le(static_cast<std::uint32_t>(frame.size()), 4);
            le(static_cast<std::uint32_t>(frame.size()), 4);
            out += frame;
            atUs += end ? 20'000 : 40'000;
        }
        timestamp += 8000;
        atUs += gapMs * 1000LL;
    }
    std::ofstream(path, std::ios::binary) << out;
}

/// caller_callback.xml with the caller pressing `keys` (from 4 s after the
/// answer, once the offer has begun), written beside the other files.
std::string callerPressing(const TempDir& files, const std::string& keys)
{
    const auto pcap = files.path() / "keys.pcap";
    writeKeysPcap(pcap, keys, 700);
    std::string xml = readFile(scenario("caller_callback.xml"));
    const std::string sippKey = "/usr/share/sip-tester/dtmf_2833_1.pcap";
    const auto at = xml.find(sippKey);
    REQUIRE(at != std::string::npos);
    xml.replace(at, sippKey.size(), pcap.string());
    const auto path = files.path() / "caller_keys.xml";
    std::ofstream(path) << xml;
    return path.string();
}

/// A caller waits, hears the offer and presses 1, then 1 again for the
/// number they call from; returns their contact id once the gateway has
/// hung up on them and kept the contact queued.
std::int64_t callerAsksForCallback(CallGateway& g, OperatorLink& lead,
                                   std::unique_ptr<Process>& caller, const TempDir& files)
{
    caller = startCaller(g, callerPressing(files, "11"), {"-m", "1"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    lead.waitEvent("contact.callback",
                   [&](const json::object& e) { return stepOf(e, id, "offered"); });
    lead.waitEvent("contact.callback",
                   [&](const json::object& e) { return stepOf(e, id, "requested"); });
    // The confirmation, then the line hangs up: the caller's BYE answered.
    CHECK(exitOf(*caller) == 0);
    return id;
}

} // namespace

TEST_CASE("a caller who presses 1 is called back in their place and talks with the operator",
          "[gateway][sip][callback][e2e]")
{
    requireSipp();
    TempDir files;
    const int trunkPort = freeUdpPort();
    CallGateway g(callbackConfig(files, trunkPort, ""));
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);

    std::unique_ptr<Process> caller;
    const auto id = callerAsksForCallback(g, lead, caller, files);
    // Hung up, yet still waiting in its place, as a callback.
    const auto queue = json::parse(g.ctl("sam", {"queue"})).as_object();
    bool listed = false;
    for (const auto& c : queue.at("queue").as_array()) {
        if (c.at("id").as_int64() == id) {
            listed = true;
            CHECK(str(c.at("preview")) == "Callback requested");
            CHECK(str(c.at("state")) == "queued");
        }
    }
    CHECK(listed);
    CHECK(g.gw.log().find("abandoned") == std::string::npos);

    // sam takes it: the desk phone rings first, then the caller's phone
    // behind the trunk, which answers and talks; the desk echoes.
    const int deskPort = freeUdpPort();
    const auto deskLog = files.path() / "desk.log";
    const auto phoneLog = files.path() / "phone.log";
    auto desk =
        startSipp(g.gw.dir(), "desk",
                  {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1", "-rtp_echo"}, deskLog);
    auto phone = startSipp(g.gw.dir(), "phone",
                           {"-sf", scenario("phone_callback_answers.xml").string(), "-p",
                            std::to_string(trunkPort), "-m", "1"},
                           phoneLog);
    g.samTakesCallsAt(deskPort);
    const auto before = g.metrics();
    takeWhenDue(g, id);
    lead.waitEvent("contact.callback",
                   [&](const json::object& e) { return stepOf(e, id, "dialling"); });
    lead.waitEvent("contact.callback",
                   [&](const json::object& e) { return stepOf(e, id, "reached"); });
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    CHECK(grewBy(g, before, {kToOperator, kToCaller}, 50));

    // The desk phone was rung before the caller's; the caller's phone was
    // dialled at the number they called from, with the line as caller ID.
    const auto deskInvite = sentAt(deskLog, "SIP/2.0 200");
    const auto phoneInvite = sentAt(phoneLog, "SIP/2.0 200");
    REQUIRE(deskInvite);
    REQUIRE(phoneInvite);
    CHECK(*deskInvite <= *phoneInvite);
    const auto phoneText = readFile(phoneLog);
    CHECK(phoneText.find("INVITE sip:+15555551@127.0.0.1:" + std::to_string(trunkPort)) !=
          std::string::npos);
    CHECK(phoneText.find("P-Asserted-Identity: <sip:" + kLine) != std::string::npos);

    // Wrap-up ends both legs; the reports count it.
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*desk) == 0);
    CHECK(exitOf(*phone) == 0);
    const auto figures = callbackFigures(lead);
    CHECK(figures.at("requested").as_int64() == 1);
    CHECK(figures.at("reached").as_int64() == 1);
    CHECK(figures.at("notReached").as_int64() == 0);
    CHECK(figures.at("meanMsToCallback").as_int64() > 0);
    // Neither the caller's number nor the trunk address with it is logged.
    CHECK(g.gw.log().find("+1555555") == std::string::npos);
}

TEST_CASE("a callback that reaches nobody keeps its place for the next attempt, then closes",
          "[gateway][sip][callback][e2e]")
{
    requireSipp();
    TempDir files;
    const int trunkPort = freeUdpPort();
    CallGateway g(callbackConfig(files, trunkPort, "attempts = 2\nretry_after = 0\n"));
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);

    std::unique_ptr<Process> caller;
    const auto id = callerAsksForCallback(g, lead, caller, files);

    // The caller's phone is busy both times.
    const int deskPort = freeUdpPort();
    auto desk =
        startSipp(g.gw.dir(), "desk", {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "2"});
    auto phone = startSipp(
        g.gw.dir(), "phone",
        {"-sf", scenario("crisis_busy.xml").string(), "-p", std::to_string(trunkPort), "-m", "2"});
    g.samTakesCallsAt(deskPort);

    takeWhenDue(g, id);
    const auto first = lead.waitEvent(
        "contact.callback", [&](const json::object& e) { return stepOf(e, id, "failed"); });
    CHECK(first.at("attempts").as_int64() == 1);
    CHECK(str(first.at("reason")).find("486") != std::string::npos);
    // sam is told, and is free again; the contact is back in its place.
    const auto notice = sam.waitEvent("operator.notice", [&](const json::object& e) {
        return e.at("kind") == "callback-not-reached";
    });
    CHECK(str(notice.at("message")).find("keeps its place") != std::string::npos);
    REQUIRE(waitFor([&] { return inQueue(lead, id); }, 15s, 100ms));

    g.ctl("sam", {"accept", std::to_string(id)});
    const auto last = lead.waitEvent(
        "contact.callback", [&](const json::object& e) { return stepOf(e, id, "not-reached"); });
    CHECK(last.at("attempts").as_int64() == 2);
    const auto closed = lead.waitEvent("contact.closed",
                                       [&](const json::object& e) { return contactIdOf(e) == id; });
    CHECK(closed.at("callback") == true);
    CHECK_FALSE(inQueue(lead, id));
    CHECK(exitOf(*phone) == 0);
    CHECK(exitOf(*desk) == 0);

    // The caller is told by text (stored with the contact, in the same
    // transaction as the close; no carrier is configured here to send it).
    const auto review = lead.call("review.get", {{"contactId", id}});
    bool told = false;
    for (const auto& m : review.at("messages").as_array()) {
        const auto body = str(m.at("body"));
        told = told || (str(m.at("direction")) == "out" &&
                        body.find("we tried to call you back") != std::string::npos &&
                        body.find("988") != std::string::npos);
    }
    CHECK(told);

    const auto figures = callbackFigures(lead);
    CHECK(figures.at("requested").as_int64() == 1);
    CHECK(figures.at("reached").as_int64() == 0);
    CHECK(figures.at("notReached").as_int64() == 1);
}

TEST_CASE(
    "a caller keys another number, and a phone that answers and presses nothing is not reached",
    "[gateway][sip][callback][e2e]")
{
    requireSipp();
    TempDir files;
    const int trunkPort = freeUdpPort();
    CallGateway g(
        callbackConfig(files, trunkPort, "attempts = 1\nretry_after = 0\nanswer_wait = 5s\n"));
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);

    // 1 at the offer; 2 for another number; 911 and # (no number to call
    // back); 2 again, a whole number and #.
    auto caller =
        startCaller(g, callerPressing(files, "12911#25555550143#"), {"-m", "1", "-d", "60000"});
    const auto id = contactIdOf(lead.waitEvent("contact.queued", isCall));
    lead.waitEvent("contact.callback",
                   [&](const json::object& e) { return stepOf(e, id, "number-refused"); });
    lead.waitEvent("contact.callback",
                   [&](const json::object& e) { return stepOf(e, id, "requested"); });
    CHECK(exitOf(*caller) == 0);

    // The phone behind the trunk answers and never presses 1 (a voicemail).
    const int deskPort = freeUdpPort();
    auto desk =
        startSipp(g.gw.dir(), "desk", {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "1"});
    const auto phoneLog = files.path() / "phone.log";
    auto phone = startSipp(g.gw.dir(), "phone",
                           {"-sf", scenario("phone_answers_silent.xml").string(), "-p",
                            std::to_string(trunkPort), "-m", "1"},
                           phoneLog);
    g.samTakesCallsAt(deskPort);
    takeWhenDue(g, id);
    const auto last = lead.waitEvent(
        "contact.callback", [&](const json::object& e) { return stepOf(e, id, "not-reached"); });
    CHECK(str(last.at("reason")).find("no one pressed 1") != std::string::npos);
    lead.waitEvent("contact.closed", [&](const json::object& e) { return contactIdOf(e) == id; });
    // Both phones got BYE; the number dialled was the one keyed.
    CHECK(exitOf(*phone) == 0);
    CHECK(exitOf(*desk) == 0);
    CHECK(readFile(phoneLog).find("INVITE sip:+15555550143@127.0.0.1:" +
                                  std::to_string(trunkPort)) != std::string::npos);
    const auto figures = callbackFigures(lead);
    CHECK(figures.at("reached").as_int64() == 0);
    CHECK(figures.at("notReached").as_int64() == 1);
    // Neither number is logged.
    CHECK(g.gw.log().find("5555550143") == std::string::npos);
    CHECK(g.gw.log().find("+1555555") == std::string::npos);
}

TEST_CASE("a callback waiting in the queue survives a restart of the gateway",
          "[gateway][sip][callback][e2e]")
{
    requireSipp();
    TempDir files;
    const int trunkPort = freeUdpPort();
    CallGateway g(callbackConfig(files, trunkPort, ""));
    std::int64_t id = 0;
    {
        OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
        std::unique_ptr<Process> caller;
        id = callerAsksForCallback(g, lead, caller, files);
    }
    g.gw.restart();
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    // A queued call is abandoned by a restart; a callback has no call to lose.
    CHECK(inQueue(lead, id));
}

TEST_CASE("a check-in by call rings the operator, then the caller through the trunk, on its time",
          "[gateway][sip][callback][checkin][e2e]")
{
    requireSipp();
    TempDir files;
    const int trunkPort = freeUdpPort();
    // The check-in clock starts on Monday 2026-10-26 12:00Z and runs 10,000
    // times real time: Thursday 16:00 in New York (20:00Z) comes 28.8 s in.
    CallGateway g(callbackConfig(files, trunkPort, "") +
                      "[checkins]\nmissed_after = 7d\n[board]\ncheck_interval = 100ms\n",
                  "200ms", {{"WARMLINE_TEST_CHECKIN_CLOCK", "1793016000000,10000"}});
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);
    OperatorLink sam(g.gw.linkUrl(), "sam", kOperatorPassword);
    const int deskPort = freeUdpPort();
    auto desk = startSipp(g.gw.dir(), "desk",
                          {"-sn", "uas", "-p", std::to_string(deskPort), "-m", "2", "-rtp_echo"});
    g.samTakesCallsAt(deskPort);

    // A call; at wrap-up the caller asks for a call on Thursday.
    auto caller = startCaller(g, "caller.xml", {"-m", "1", "-d", "60000"});
    const auto first = contactIdOf(lead.waitEvent("contact.queued", isCall));
    g.ctl("sam", {"accept", std::to_string(first)});
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == first; });
    g.ctl("sam", {"wrapup", std::to_string(first)});
    const auto scheduled = json::parse(g.ctl("sam", {"checkin",
                                                     "add",
                                                     std::to_string(first),
                                                     "--at",
                                                     "16:00",
                                                     "--from",
                                                     "2026-10-29",
                                                     "--days",
                                                     "thu,fri",
                                                     "--times",
                                                     "2",
                                                     "--zone",
                                                     "America/New_York",
                                                     "--by",
                                                     "call",
                                                     "--consent",
                                                     "synthetic:",
                                                     "a",
                                                     "hard",
                                                     "week"}))
                               .as_object();
    CHECK(str(scheduled.at("channel")) == "call");
    g.ctl("sam", {"close", std::to_string(first), "--note", "Talked; a call on Thursday."});
    caller->kill(SIGTERM);
    caller->waitExit(10s);
    g.ctl("sam", {"presence", "available"});

    // On its time it waits in the queue as a call, and sam takes it.
    // The caller answers, and presses 9: no more check-ins.
    auto phone = startSipp(g.gw.dir(), "phone",
                           {"-sf", scenario("phone_checkin_stop.xml").string(), "-p",
                            std::to_string(trunkPort), "-m", "1"},
                           files.path() / "phone.log");
    const auto queued = lead.waitEvent("contact.queued", [&](const json::object& e) {
        return contactIdOf(e) != first && isCall(e);
    });
    const auto id = contactIdOf(queued);
    CHECK(str(queued.at("contact").at("preview")).rfind("Check-in call: ", 0) == 0);
    const auto before = g.metrics();
    g.ctl("sam", {"accept", std::to_string(id)});
    lead.waitEvent("contact.callback",
                   [&](const json::object& e) { return stepOf(e, id, "reached"); });
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    CHECK(grewBy(g, before, {kToOperator, kToCaller}, 50));
    CHECK(readFile(files.path() / "phone.log")
              .find("INVITE sip:+15555551@127.0.0.1:" + std::to_string(trunkPort)) !=
          std::string::npos);
    // The 9: every check-in of the caller stopped, sam told, the call goes on.
    const auto stopped = lead.waitEvent("checkin.stopped", [&](const json::object& e) {
        return e.at("checkInId") == scheduled.at("checkInId");
    });
    CHECK(str(stopped.at("why")) == "keypress");
    const auto told = sam.waitEvent("operator.notice", [&](const json::object& e) {
        return e.at("kind") == "checkins-stopped";
    });
    CHECK(told.at("contactId").as_int64() == id);
    const auto list =
        json::parse(g.ctl("sam", {"checkin", "list", std::to_string(id)})).as_object();
    REQUIRE(list.at("checkIns").as_array().size() == 1);
    CHECK(list.at("checkIns").as_array().at(0).as_object().contains("stoppedAt"));
    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*phone) == 0);
    CHECK(exitOf(*desk) == 0);
    // Counted as a check-in, not as a callback someone asked for while waiting.
    CHECK(callbackFigures(lead).at("requested").as_int64() == 0);
    CHECK(g.gw.log().find("+1555555") == std::string::npos);
}

TEST_CASE("a callback on the operator's own phone dials the caller only after the operator's 1",
          "[gateway][sip][callback][remote][e2e]")
{
    requireSipp();
    TempDir files;
    const int trunkPort = freeUdpPort();
    CallGateway g(callbackConfig(files, trunkPort, ""));
    OperatorLink lead(g.gw.linkUrl(), "admin", kAdminPassword);

    std::unique_ptr<Process> caller;
    const auto id = callerAsksForCallback(g, lead, caller, files);

    // Both phones are behind the trunk: sam's own number first, then the
    // caller's; each answers and presses 1 a second later.
    const auto phonesLog = files.path() / "phones.log";
    auto phones = startSipp(g.gw.dir(), "phones",
                            {"-sf", scenario("phone_callback_answers.xml").string(), "-p",
                             std::to_string(trunkPort), "-m", "2"},
                            phonesLog);
    g.ctl("admin", {"operator", "phone", "sam", "+15555550142"});
    const auto before = g.metrics();
    takeWhenDue(g, id);
    lead.waitEvent("contact.callback",
                   [&](const json::object& e) { return stepOf(e, id, "reached"); });
    lead.waitEvent("call.connected",
                   [&](const json::object& e) { return e.at("contactId").as_int64() == id; });
    CHECK(grewBy(g, before, {kToOperator, kToCaller}, 50));

    // sam's phone answered, pressed 1 a second later, and only then was
    // the caller's number dialled.
    const auto text = readFile(phonesLog);
    CHECK(text.find("INVITE sip:+15555550142@127.0.0.1") != std::string::npos);
    const auto samAnswered = sentAt(phonesLog, "SIP/2.0 200");
    const auto callerDialled = loggedAt(phonesLog, "INVITE sip:+15555551@127.0.0.1", true);
    REQUIRE(samAnswered);
    REQUIRE(callerDialled);
    CHECK(*callerDialled - *samAnswered >= 900ms);

    g.ctl("sam", {"wrapup", std::to_string(id)});
    CHECK(exitOf(*phones) == 0);
    CHECK(g.gw.log().find("0142") == std::string::npos);
}
