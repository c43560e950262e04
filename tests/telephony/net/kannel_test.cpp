// A real Kannel round trip: fakesmsc → bearerbox → smsbox → warmline-gateway
// (get-url), and the gateway's replies back through smsbox's sendsms →
// bearerbox → fakesmsc, with delivery reports to /sms/kannel/dlr. Needs the
// Debian packages kannel and kannel-extras (scripts/deps test installs them).
// All numbers are synthetic (+1555555 01xx).

#include "core/carriers/SmsSegments.h"
#include "core/link/LinkCodec.h"
#include "core/text/FormCodec.h"
#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace warmline;
using namespace warmline::test;
using telephony::HttpClientError;
using telephony::LinkClient;
using telephony::SimpleHttpClient;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

/// A JSON string's text; "" for anything else.
std::string str(const json::value& v)
{
    return v.is_string() ? std::string(v.as_string()) : std::string();
}

const std::string kBearerbox = "/usr/sbin/bearerbox";
const std::string kSmsbox = "/usr/sbin/smsbox";
const std::string kFakesmsc = "/usr/lib/kannel/test/fakesmsc";
const std::string kTimeout = "/usr/bin/timeout";
const std::string kLineNumber = "+15555550100";
const std::string kSendsmsUser = "warmline";
const std::string kSendsmsPassword = "kannel-pw-5f2a9c1e";
const std::string kAdminPassword = "admin-pw-5f2a9c1e";
const std::string kOperatorPassword = "sam-password-123";
// Short enough for one UCS-2 SMS (70 characters), so no concatenation.
const std::string kFirstContactReply = "Thanks for texting Test Line. A peer will be with you.";

/// Fails the test, naming what to install, when a Kannel program is missing.
void requireKannel()
{
    std::string missing;
    for (const auto& p : {kBearerbox, kSmsbox, kFakesmsc, kTimeout}) {
        if (!fs::exists(p)) {
            missing += " " + p;
        }
    }
    if (!missing.empty()) {
        FAIL("Kannel is not installed on this machine (missing:"
             << missing
             << "). Install the Debian packages kannel and kannel-extras, e.g. with "
                "`scripts/deps test`.");
    }
}

/// A child that is asked to stop (SIGTERM, then SIGKILL) when the test ends,
/// so a `timeout` wrapper can pass the signal on to the program it runs.
class Peer
{
public:
    explicit Peer(ProcessOptions options) : m_process(std::make_unique<Process>(std::move(options)))
    {
    }
    ~Peer()
    {
        if (m_process->running()) {
            m_process->stop(5s);
        }
    }
    Peer(const Peer&) = delete;
    Peer& operator=(const Peer&) = delete;

    Process& process() { return *m_process; }
    std::string output() const { return m_process->stdoutText() + m_process->stderrText(); }

private:
    std::unique_ptr<Process> m_process;
};

std::string tail(const std::string& text, std::size_t chars = 3000)
{
    return text.size() <= chars ? text : "…" + text.substr(text.size() - chars);
}

/// GET http://127.0.0.1:PORT/TARGET; nullopt when nothing answers.
std::optional<telephony::HttpResponse> httpGet(int port, const std::string& target)
{
    try {
        SimpleHttpClient client("http://127.0.0.1:" + std::to_string(port), 2s);
        return client.get(target);
    } catch (const HttpClientError&) {
        return std::nullopt;
    }
}

/// UTF-16BE to UTF-8 (what smsbox makes of our UTF-8 text with coding=2).
std::string utf16beToUtf8(std::string_view in)
{
    std::string out;
    auto append = [&out](char32_t c) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    };
    for (std::size_t i = 0; i + 1 < in.size(); i += 2) {
        char32_t unit =
            (static_cast<unsigned char>(in[i]) << 8) | static_cast<unsigned char>(in[i + 1]);
        if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < in.size()) {
            const char32_t low = (static_cast<unsigned char>(in[i + 2]) << 8) |
                                 static_cast<unsigned char>(in[i + 3]);
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        }
        append(unit);
    }
    return out;
}

/// One text fakesmsc received from bearerbox.
struct SmscText
{
    std::string from;
    std::string to;
    std::string text;
    std::string type; ///< text, data, ucs-2 or udh: how bearerbox coded it
    int part = 0;     ///< with a concatenation UDH: this part's number (1…)
};

/// fakesmsc logs each text it receives as
/// `Got message N: <FROM TO TYPE [UDH] DATA>`, where TYPE is text (plain),
/// data (URL-encoded bytes), ucs-2 (URL-encoded UTF-16BE) or udh.
std::vector<SmscText> fakesmscReceived(const std::string& output)
{
    std::vector<SmscText> out;
    std::istringstream in(output);
    std::string line;
    while (std::getline(in, line)) {
        const auto got = line.find("Got message ");
        const auto open = line.find('<', got == std::string::npos ? 0 : got);
        const auto close = line.rfind('>');
        if (got == std::string::npos || open == std::string::npos || close <= open) {
            continue;
        }
        std::istringstream parts(line.substr(open + 1, close - open - 1));
        SmscText t;
        std::string type;
        parts >> t.from >> t.to >> type;
        t.type = type;
        std::string rest;
        std::getline(parts, rest);
        if (!rest.empty() && rest.front() == ' ') {
            rest.erase(0, 1);
        }
        std::string coding = type;
        if (type == "udh") {
            // `udh UDH CODING DATA`: the header (URL-encoded), then the
            // part as any other text. A concatenation header (IEI 0):
            // 05 00 03 ref total part.
            const auto sp = rest.find(' ');
            try {
                const auto udh = percentDecode(rest.substr(0, sp));
                if (udh.size() >= 6 && udh[1] == '\0') {
                    t.part = static_cast<unsigned char>(udh[5]);
                }
            } catch (const FormError&) {
            }
            rest = sp == std::string::npos ? std::string() : rest.substr(sp + 1);
            const auto sp2 = rest.find(' ');
            coding = rest.substr(0, sp2);
            rest = sp2 == std::string::npos ? std::string() : rest.substr(sp2 + 1);
        }
        if (coding == "text") {
            t.text = rest;
        } else {
            try {
                const auto bytes = percentDecode(rest);
                t.text = coding.find("ucs") != std::string::npos ? utf16beToUtf8(bytes) : bytes;
            } catch (const FormError&) {
                t.text = rest;
            }
        }
        out.push_back(std::move(t));
    }
    return out;
}

/// Distinct ports that were free a moment ago (Kannel needs them in its
/// configuration file).
std::vector<int> freePorts(std::size_t count)
{
    std::set<int> ports;
    while (ports.size() < count) {
        ports.insert(freeTcpPort());
    }
    std::vector<int> out(ports.begin(), ports.end());
    return out;
}

} // namespace

TEST_CASE(
    "a text makes a round trip through a real Kannel: fakesmsc to bearerbox to smsbox and back",
    "[kannel][e2e]")
{
    requireKannel();

    const auto ports = freePorts(5);
    const int gwPort = ports[0];
    const int adminPort = ports[1];
    const int boxPort = ports[2];
    const int sendsmsPort = ports[3];
    const int smscPort = ports[4];
    const std::string caller = "+15555550106";
    const std::string firstText = "I feel really alone this evening";
    const std::string reply = "I'm here with you. Would you like to talk about it?";

    // The gateway, on a port fixed in advance: Kannel's get-url names it and
    // the gateway's dlr_url names itself.
    GatewayOptions options;
    options.start = false;
    GatewayProcess gateway(options);
    const auto gw = "http://127.0.0.1:" + std::to_string(gwPort);
    writeFile(gateway.configPath(), "[http]\nport = " + std::to_string(gwPort) +
                                        "\n"
                                        "[outbound]\n"
                                        "provider = kannel\n"
                                        "max_attempts = 6\n"
                                        "retry_initial = 200ms\n"
                                        "retry_max = 2s\n"
                                        "timeout = 10s\n"
                                        "[kannel]\n"
                                        "sendsms_url = http://127.0.0.1:" +
                                        std::to_string(sendsmsPort) +
                                        "/cgi-bin/sendsms\nusername = " + kSendsmsUser +
                                        "\npassword = " + kSendsmsPassword +
                                        "\nfrom_number = " + kLineNumber + "\ndlr_url = " + gw +
                                        "/sms/kannel/dlr\n"
                                        "[survey]\n"
                                        "after_texts = true\n"
                                        "[line]\n"
                                        "name = Test Line\n"
                                        "first_contact_reply = " +
                                        kFirstContactReply +
                                        "\n"
                                        "[log]\n"
                                        "level = debug\n");
    gateway.addOperator("sam", "operator", kOperatorPassword);
    gateway.start();
    REQUIRE(gateway.port() == gwPort);

    // Kannel's configuration, in the gateway's temp dir.
    const fs::path kannelConf = gateway.dir() / "kannel.conf";
    const fs::path bearerboxLog = gateway.dir() / "bearerbox.log";
    const fs::path smsboxLog = gateway.dir() / "smsbox.log";
    writeFile(kannelConf, "group = core\n"
                          "admin-port = " +
                              std::to_string(adminPort) +
                              "\n"
                              "admin-interface = 127.0.0.1\n"
                              "admin-password = " +
                              kAdminPassword + "\nstatus-password = " + kAdminPassword +
                              "\n"
                              "smsbox-port = " +
                              std::to_string(boxPort) +
                              "\n"
                              "box-allow-ip = 127.0.0.1\n"
                              "dlr-storage = internal\n"
                              "log-file = \"" +
                              bearerboxLog.string() +
                              "\"\n"
                              "log-level = 0\n"
                              "\n"
                              "group = smsc\n"
                              "smsc = fake\n"
                              "smsc-id = FAKE\n"
                              "port = " +
                              std::to_string(smscPort) +
                              "\n"
                              "connect-allow-ip = 127.0.0.1\n"
                              "\n"
                              "group = smsbox\n"
                              "bearerbox-host = 127.0.0.1\n"
                              "bearerbox-port = " +
                              std::to_string(boxPort) +
                              "\n"
                              "sendsms-port = " +
                              std::to_string(sendsmsPort) +
                              "\n"
                              "sendsms-interface = 127.0.0.1\n"
                              "log-file = \"" +
                              smsboxLog.string() +
                              "\"\n"
                              "log-level = 0\n"
                              "\n"
                              "group = sendsms-user\n"
                              "username = " +
                              kSendsmsUser + "\npassword = " + kSendsmsPassword +
                              "\n"
                              "max-messages = 10\n"
                              "concatenation = true\n"
                              "\n"
                              "group = sms-service\n"
                              "keyword = default\n"
                              "get-url = \"" +
                              gw +
                              "/sms/kannel?from=%p&to=%P&text=%a&time=%t&id=%I\"\n"
                              "max-messages = 0\n");

    const auto statusPage = [&]() -> std::string {
        const auto r = httpGet(adminPort, "/status.txt?password=" + kAdminPassword);
        return r && r->status == 200 ? r->body : std::string();
    };
    const auto kannelLogs = [&] {
        return "bearerbox log:\n" + tail(readFile(bearerboxLog)) + "\nsmsbox log:\n" +
               tail(readFile(smsboxLog)) + "\nbearerbox status:\n" + statusPage();
    };

    ProcessOptions bb;
    bb.argv = {kBearerbox, kannelConf.string()};
    bb.outputDir = gateway.dir();
    bb.name = "bearerbox";
    Peer bearerbox(std::move(bb));
    // Ready when its admin port answers and lists the fake SMSC (whose
    // listening socket is open by then).
    const bool bearerboxUp = waitFor(
        [&] {
            return !bearerbox.process().running() ||
                   statusPage().find("FAKE:" + std::to_string(smscPort)) != std::string::npos;
        },
        30s, 50ms);
    if (!bearerboxUp || !bearerbox.process().running()) {
        FAIL("bearerbox did not start; its output:\n"
             << tail(bearerbox.output()) << "\n"
             << kannelLogs());
    }

    ProcessOptions sb;
    sb.argv = {kSmsbox, kannelConf.string()};
    sb.outputDir = gateway.dir();
    sb.name = "smsbox";
    Peer smsbox(std::move(sb));
    // Ready when bearerbox lists it as connected and its sendsms port answers.
    const bool smsboxUp = waitFor(
        [&] {
            return !smsbox.process().running() ||
                   (statusPage().find("smsbox:") != std::string::npos &&
                    httpGet(sendsmsPort, "/cgi-bin/sendsms").has_value());
        },
        30s, 50ms);
    if (!smsboxUp || !smsbox.process().running()) {
        FAIL("smsbox did not start; its output:\n"
             << tail(smsbox.output()) << "\n"
             << kannelLogs());
    }

    OperatorLink op(gateway.linkUrl(), "sam", kOperatorPassword);
    op.call("presence.set", {{"presence", "available"}});

    // fakesmsc connects to the fake SMSC and injects one text from the caller.
    ProcessOptions smsc;
    smsc.argv = {kTimeout,
                 "240",
                 kFakesmsc,
                 "-H",
                 "127.0.0.1",
                 "-r",
                 std::to_string(smscPort),
                 "-i",
                 "0.1",
                 "-m",
                 "1",
                 caller + " " + kLineNumber + " text " + firstText};
    smsc.outputDir = gateway.dir();
    smsc.name = "fakesmsc";
    Peer fakesmsc(std::move(smsc));
    const std::string online = "FAKE:" + std::to_string(smscPort) + " (online";
    const bool smscUp = waitFor(
        [&] {
            return !fakesmsc.process().running() || statusPage().find(online) != std::string::npos;
        },
        30s, 50ms);
    if (!smscUp || !fakesmsc.process().running()) {
        FAIL("fakesmsc did not connect to bearerbox; its output:\n"
             << tail(fakesmsc.output()) << "\n"
             << kannelLogs());
    }

    // The text reaches the gateway through smsbox's get-url.
    const auto queued = op.tryEvent(
        "contact.queued", [](const json::object&) { return true; }, 60s);
    if (!queued) {
        FAIL("no contact.queued event (events seen:" << op.eventNames() << ")\ngateway log:\n"
                                                     << tail(gateway.log()) << "\n"
                                                     << kannelLogs());
    }
    CHECK(str(queued->at("contact").at("preview")) == firstText);
    CHECK(queued->at("contact").at("channel") == "text");
    const auto contactId = queued->at("contact").at("id").as_int64();

    // What fakesmsc received, addressed to the caller, with this text; and
    // how it was coded (UCS-2 or not).
    const auto waitForSmscText = [&](const std::string& text) {
        std::optional<SmscText> found;
        const bool arrived = waitFor(
            [&] {
                for (auto& t : fakesmscReceived(fakesmsc.output())) {
                    if (t.to == caller && t.from == kLineNumber && t.text == text) {
                        found = std::move(t);
                        return true;
                    }
                }
                return false;
            },
            60s, 50ms);
        if (!arrived) {
            std::string got;
            for (const auto& t : fakesmscReceived(fakesmsc.output())) {
                got += "\n  " + t.from + " -> " + t.to + ": " + t.text;
            }
            FAIL("fakesmsc did not receive \"" << text << "\"; it received:" << got
                                               << "\nfakesmsc output:\n"
                                               << tail(fakesmsc.output()) << "\ngateway log:\n"
                                               << tail(gateway.log()) << "\n"
                                               << kannelLogs());
        }
        return found ? found->type : std::string();
    };

    // The automatic first-contact reply comes back out through Kannel.
    waitForSmscText(kFirstContactReply);

    const auto accepted = op.call("contact.accept", {{"contactId", contactId}});
    const auto& thread = accepted.at("messages").as_array();
    CHECK(std::any_of(thread.begin(), thread.end(), [&](const json::value& m) {
        return m.at("direction") == "in" && str(m.at("body")) == firstText;
    }));

    const auto sent = op.call("message.send", {{"contactId", contactId}, {"body", reply}});
    const auto messageId = sent.at("message").at("id").as_int64();
    CHECK(sent.at("message").at("status") == "queued");

    // The operator's text reaches the handset side (fakesmsc), in GSM-7:
    // every character of it has a GSM code.
    CHECK(waitForSmscText(reply).find("ucs") == std::string::npos);
    // Spanish letters with a GSM code go as GSM-7 too, intact.
    const std::string spanish = "¿Qué tal mañana?";
    op.call("message.send", {{"contactId", contactId}, {"body", spanish}});
    CHECK(waitForSmscText(spanish).find("ucs") == std::string::npos);
    // A text with a character outside GSM-7 goes as UCS-2, intact.
    const std::string wide = "Aquí estoy contigo 🙂";
    op.call("message.send", {{"contactId", contactId}, {"body", wide}});
    CHECK(waitForSmscText(wide).find("ucs") != std::string::npos);

    // A resource shared from the line's directory (the synthetic sample)
    // goes out as one text of at most two SMS parts, which the handset side
    // puts back together word for word.
    const auto imported =
        runCtl({"resources", "import",
                (fs::path(WARMLINE_SOURCE_DIR) / "resources" / "directory-sample").string(),
                "--directory", (gateway.dataDir() / "directory.db").string()});
    REQUIRE(imported.exitCode == 0);
    const std::size_t before = fakesmscReceived(fakesmsc.output()).size();
    const auto shared =
        op.call("resources.share", {{"contactId", contactId}, {"resourceId", "svc-01"}});
    const std::string words = str(shared.at("message").at("body"));
    const auto info = countSegments(words);
    CHECK(info.encoding == SmsEncoding::Gsm7);
    CHECK(info.segments == 2);
    // Kannel splits it (concatenation = true) into parts with a UDH; the
    // parts, in their order, are the words.
    std::vector<SmscText> parts;
    const bool whole = waitFor(
        [&] {
            parts.clear();
            const auto got = fakesmscReceived(fakesmsc.output());
            std::size_t length = 0;
            for (std::size_t i = before; i < got.size(); ++i) {
                if (got[i].to == caller) {
                    length += got[i].text.size();
                    parts.push_back(got[i]);
                }
            }
            return length >= words.size();
        },
        60s, 50ms);
    INFO(tail(fakesmsc.output()));
    REQUIRE(whole);
    CHECK(parts.size() == static_cast<std::size_t>(info.segments));
    std::sort(parts.begin(), parts.end(),
              [](const SmscText& a, const SmscText& b) { return a.part < b.part; });
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        CHECK(parts[i].type == "udh");
        CHECK(parts[i].part == static_cast<int>(i + 1));
        joined += parts[i].text;
    }
    CHECK(joined == words);

    // fakesmsc's SMSC reports delivery; Kannel calls our dlr-url.
    const auto delivered = op.tryEvent(
        "message.status",
        [&](const json::object& d) {
            const auto& m = d.at("message").as_object();
            return m.at("id").as_int64() == messageId && m.at("status") == "delivered";
        },
        60s);
    if (!delivered) {
        std::string statuses;
        for (const auto& s : op.statusesOf(messageId)) {
            statuses += " " + s;
        }
        FAIL("the operator's text did not become delivered; its statuses:"
             << statuses << "\ngateway log:\n"
             << tail(gateway.log()) << "\n"
             << kannelLogs());
    }
    CHECK(delivered->at("message").at("error").is_null());
    const auto statuses = op.statusesOf(messageId);
    CHECK(std::count(statuses.begin(), statuses.end(), "failed") == 0);
    CHECK(std::find(statuses.begin(), statuses.end(), "sent") != statuses.end());

    // The automatic reply was delivered too (the operator reads its status).
    const bool autoDelivered = waitFor(
        [&] {
            const auto got = op.call("contact.get", {{"contactId", contactId}});
            const auto& msgs = got.at("messages").as_array();
            return std::any_of(msgs.begin(), msgs.end(), [](const json::value& m) {
                return str(m.at("body")) == kFirstContactReply && m.at("status") == "delivered";
            });
        },
        30s, 100ms);
    CHECK(autoDelivered);

    // Closing the conversation sends the survey (docs/surveys.md) out
    // through Kannel; the texter's "1", in the form smsbox's get-url uses,
    // is its answer, and the thanks goes out through Kannel too.
    op.call("contact.close", {{"contactId", contactId}, {"note", "synthetic: talked"}});
    const bool asked = waitFor(
        [&] {
            for (const auto& t : fakesmscReceived(fakesmsc.output())) {
                if (t.to == caller &&
                    t.text.find("Reply 1 yes, 2 a little, 3 no") != std::string::npos) {
                    return true;
                }
            }
            return false;
        },
        60s, 50ms);
    INFO(tail(fakesmsc.output()) << "\ngateway log:\n" << tail(gateway.log()));
    REQUIRE(asked);
    SimpleHttpClient get(gw, 10s);
    const auto answered =
        get.get("/sms/kannel?" + SimpleHttpClient::formEncode({{"from", caller},
                                                               {"to", kLineNumber},
                                                               {"text", "1"},
                                                               {"time", "2026-12-05 16:00:00"},
                                                               {"id", "kannel-survey-1"}}));
    CHECK(answered.status == 200);
    waitForSmscText("Test Line: thank you for telling us. We are here whenever you want to talk "
                    "again.");

    // Nothing confidential in the gateway's log or in the events.
    const auto log = gateway.log();
    for (const std::string& secret : {caller, std::string("5555550106"), firstText, reply}) {
        INFO("the gateway's log quotes \"" << secret << "\":\n" << log);
        CHECK(log.find(secret) == std::string::npos);
    }
    for (const auto& e : op.eventTexts()) {
        INFO(e);
        CHECK(e.find("5555550106") == std::string::npos);
    }
}
