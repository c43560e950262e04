// warmlinectl: the operator link from a shell (docs/warmlinectl.md). Each
// run opens one link, resumes the stored session, runs one command and
// prints the answer's data as JSON on stdout.

#include "core/domain/Domain.h"
#include "core/link/LinkCodec.h"
#include "core/risk/RiskEngine.h"
#include "core/store/Reports.h"
#include "telephony/net/LinkClient.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using warmline::link::ErrorCode;
using warmline::link::ServerFrame;
using warmline::telephony::LinkClient;
using warmline::telephony::LinkClientOptions;
using warmline::telephony::LinkTransportError;
using Clock = std::chrono::steady_clock;

constexpr const char* kDefaultGateway = "ws://127.0.0.1:8080/link";

enum ExitCode
{
    kOk = 0,
    kGatewayError = 1,
    kUsage = 2,
    kUnreachable = 3,
    kNotAuthenticated = 4,
    kForbidden = 5
};

/// Ends the run with exit code 2 and a hint to --help.
struct UsageError
{
    std::string message;
};

/// Ends the run with `code`, printing `warmlinectl: <message>` to stderr.
struct Failure
{
    int code;
    std::string message;
};

struct Globals
{
    std::optional<std::string> gateway;
    std::optional<std::string> sessionFile;
    std::chrono::milliseconds timeout{10'000};
    std::string caFile;
    bool insecure = false;
};

/// A command's words after its name: positionals, and its own options.
struct Args
{
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;                ///< the last of each
    std::map<std::string, std::vector<std::string>> repeated; ///< every one, in order
    std::set<std::string> flags;

    bool flag(const std::string& name) const { return flags.count(name) != 0; }
    std::optional<std::string> value(const std::string& name) const
    {
        const auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional(it->second);
    }
};

struct Context;
using Handler = std::function<int(Context&, const Args&)>;

struct Command
{
    std::string name;     ///< "queue", "operator add"
    std::string synopsis; ///< arguments after the name
    std::string help;
    std::set<std::string> flags;
    std::set<std::string> valueOptions;
    std::size_t minPositional = 0;
    std::size_t maxPositional = 0; ///< SIZE_MAX: any number
    Handler run;
};

std::chrono::milliseconds parseSeconds(const std::string& option, const std::string& text)
{
    std::istringstream in(text);
    double seconds = 0;
    in >> seconds;
    if (!in || !in.eof() || !(seconds > 0) || seconds > 1e7) {
        throw UsageError{option + " needs a positive number of seconds, not \"" + text + "\""};
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
}

std::int64_t parsePositive(const std::string& what, const std::string& text)
{
    std::int64_t v = 0;
    std::size_t used = 0;
    try {
        v = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || v <= 0) {
        throw UsageError{what + " must be a positive integer, not \"" + text + "\""};
    }
    return v;
}

std::string envOr(const char* name, const std::string& fallback = {})
{
    const char* v = std::getenv(name);
    return (v && *v) ? std::string(v) : fallback;
}

// --- the session file --------------------------------------------------

struct Session
{
    std::string gateway;
    std::string name;
    std::string token;
    std::string epoch;
    std::uint64_t seq = 0;
};

fs::path defaultSessionPath()
{
    auto base = envOr("XDG_CONFIG_HOME");
    if (base.empty()) {
        const auto home = envOr("HOME");
        if (home.empty()) {
            throw Failure{kUsage, "neither XDG_CONFIG_HOME nor HOME is set; use --session FILE"};
        }
        base = home + "/.config";
    }
    return fs::path(base) / "warmline" / "ctl-session.json";
}

std::optional<Session> loadSession(const fs::path& path)
{
    std::ifstream in(path);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    json::error_code ec;
    const auto v = json::parse(text.str(), ec);
    if (ec || !v.is_object()) {
        throw Failure{kNotAuthenticated,
                      "the session file " + path.string() + " is damaged; log in again"};
    }
    const auto& o = v.get_object();
    auto str = [&o](const char* key) {
        const auto* f = o.if_contains(key);
        return (f && f->is_string()) ? std::string(f->get_string()) : std::string();
    };
    Session s{str("gateway"), str("name"), str("token"), str("epoch"), 0};
    if (const auto* seq = o.if_contains("seq"); seq && seq->is_number()) {
        s.seq = seq->to_number<std::uint64_t>();
    }
    if (s.token.empty()) {
        return std::nullopt;
    }
    return s;
}

// The token is a credential: the file is written owner-only, and replaced
// whole (rename) so a crash never leaves half a session.
void saveSession(const fs::path& path, const Session& s)
{
    std::error_code ec;
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
        if (!ec && path.parent_path().filename() == "warmline") {
            fs::permissions(path.parent_path(), fs::perms::owner_all, ec);
        }
    }
    json::object o;
    o["gateway"] = s.gateway;
    o["name"] = s.name;
    o["token"] = s.token;
    o["epoch"] = s.epoch;
    o["seq"] = s.seq;
    const auto text = json::serialize(o) + "\n";
    const auto tmp = path.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw Failure{kGatewayError,
                      "cannot write the session file " + tmp + ": " + std::strerror(errno)};
    }
    ::fchmod(fd, 0600);
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const auto n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ::close(fd);
            throw Failure{kGatewayError, "cannot write the session file " + tmp};
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        throw Failure{kGatewayError, "cannot replace the session file " + path.string() + ": " +
                                         std::strerror(errno)};
    }
}

// --- passwords -----------------------------------------------------------

std::optional<std::string> readStdinLine()
{
    std::string line;
    if (!std::getline(std::cin, line)) {
        return std::nullopt;
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.pop_back();
    }
    return line;
}

/// Asks on the terminal with echo off; nullopt without a terminal.
std::optional<std::string> promptHidden(const std::string& prompt)
{
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    termios saved{};
    const bool isTty = ::tcgetattr(fd, &saved) == 0;
    if (isTty) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    [[maybe_unused]] auto w = ::write(fd, prompt.data(), prompt.size());
    std::string line;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n') {
        line += c;
    }
    if (isTty) {
        ::tcsetattr(fd, TCSAFLUSH, &saved);
    }
    w = ::write(fd, "\n", 1);
    ::close(fd);
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

std::string noPasswordHint(const char* env)
{
    return std::string("no password given: use --password-stdin, set ") + env +
           ", or run on a terminal";
}

/// A password from stdin (when asked), else the environment, else a prompt.
std::string obtainPassword(bool fromStdin, const char* env, const std::string& prompt, bool confirm)
{
    if (fromStdin) {
        auto line = readStdinLine();
        if (!line || line->empty()) {
            throw UsageError{"--password-stdin: no password on standard input"};
        }
        return *line;
    }
    if (auto v = envOr(env); !v.empty()) {
        return v;
    }
    auto first = promptHidden(prompt);
    if (!first) {
        throw UsageError{noPasswordHint(env)};
    }
    if (confirm) {
        auto second = promptHidden("Again: ");
        if (!second || *second != *first) {
            throw UsageError{"the passwords do not match"};
        }
    }
    return *first;
}

// --- talking to the gateway ---------------------------------------------

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Unauthenticated:
    case ErrorCode::BadCredentials:
    case ErrorCode::Throttled:
        return kNotAuthenticated;
    case ErrorCode::Forbidden:
        return kForbidden;
    default:
        return kGatewayError;
    }
}

[[noreturn]] void failWith(const ServerFrame& f)
{
    std::string message = std::string(warmline::link::toString(f.code)) + ": " + f.message;
    if (f.code == ErrorCode::Unauthenticated) {
        message += " (log in again: warmlinectl login --name NAME)";
    }
    throw Failure{exitCodeFor(f.code), message};
}

void printJson(const json::object& o)
{
    std::cout << json::serialize(o) << '\n' << std::flush;
}

struct Context
{
    Globals globals;
    fs::path sessionPath;
    std::optional<Session> session;
    std::string gatewayUrl;
    LinkClient client;

    explicit Context(Globals g)
        : globals(std::move(g)), client(LinkClientOptions{globals.caFile, globals.insecure})
    {
        sessionPath = globals.sessionFile ? fs::path(*globals.sessionFile) : defaultSessionPath();
    }

    /// The gateway: --gateway, else $WARMLINE_GATEWAY, else the session's.
    std::string chooseGateway(bool useSession)
    {
        if (globals.gateway) {
            return *globals.gateway;
        }
        if (auto env = envOr("WARMLINE_GATEWAY"); !env.empty()) {
            return env;
        }
        if (useSession && session && !session->gateway.empty()) {
            return session->gateway;
        }
        return kDefaultGateway;
    }

    void connect(const std::string& url)
    {
        gatewayUrl = url;
        client.connect(url, globals.timeout);
    }

    ServerFrame request(std::string_view type, json::object params = {})
    {
        return client.request(type, std::move(params), globals.timeout);
    }

    /// The ack's data; an error frame ends the run with its exit code.
    json::object expectAck(std::string_view type, json::object params = {})
    {
        auto f = request(type, std::move(params));
        if (f.kind != ServerFrame::Kind::Ack) {
            failWith(f);
        }
        return std::move(f.data);
    }

    Session& requireSession()
    {
        session = loadSession(sessionPath);
        if (!session) {
            throw Failure{kNotAuthenticated, "not logged in (no session in " +
                                                 sessionPath.string() +
                                                 "); run: warmlinectl login --name NAME"};
        }
        return *session;
    }

    /// Opens the link and resumes the stored session; returns the resume ack.
    json::object connectAndResume()
    {
        auto& s = requireSession();
        connect(chooseGateway(true));
        json::object params;
        params["token"] = s.token;
        if (!s.epoch.empty()) {
            params["epoch"] = s.epoch;
            params["seq"] = s.seq;
        }
        return expectAck("resume", std::move(params));
    }

    /// Runs one request on a resumed session and prints the ack's data.
    int simple(std::string_view type, json::object params = {})
    {
        connectAndResume();
        printJson(expectAck(type, std::move(params)));
        client.close();
        return kOk;
    }
};

json::object withContact(const std::string& id)
{
    json::object p;
    p["contactId"] = parsePositive("CONTACT_ID", id);
    return p;
}

std::string requireRole(const std::string& text)
{
    if (!warmline::parseRole(text)) {
        throw UsageError{"unknown role \"" + text + "\" (operator, lead, supervisor or admin)"};
    }
    return text;
}

std::string requireName(const std::string& text)
{
    if (!warmline::link::isValidOperatorName(text)) {
        throw UsageError{"invalid operator name \"" + text +
                         "\" (1-64 letters, digits, '.', '_', '-')"};
    }
    return text;
}

// --- commands --------------------------------------------------------------

int cmdLogin(Context& c, const Args& a)
{
    const auto name = requireName(*a.value("--name"));
    const auto password = obtainPassword(a.flag("--password-stdin"), "WARMLINE_PASSWORD",
                                         "Password for " + name + ": ", false);
    try {
        c.session = loadSession(c.sessionPath);
    } catch (const Failure&) {
        c.session.reset();
    }
    c.connect(c.chooseGateway(true));
    json::object params;
    params["name"] = name;
    params["password"] = password;
    auto data = c.expectAck("login", std::move(params));
    Session s;
    s.gateway = c.gatewayUrl;
    s.name = name;
    if (const auto* t = data.if_contains("token"); t && t->is_string()) {
        s.token = std::string(t->get_string());
    }
    if (s.token.empty()) {
        throw Failure{kGatewayError, "the gateway's login answer has no token"};
    }
    if (const auto* e = data.if_contains("epoch"); e && e->is_string()) {
        s.epoch = std::string(e->get_string());
    }
    if (const auto* q = data.if_contains("seq"); q && q->is_number()) {
        s.seq = q->to_number<std::uint64_t>();
    }
    saveSession(c.sessionPath, s);
    data.erase("token");
    printJson(data);
    c.client.close();
    return kOk;
}

int cmdLogout(Context& c, const Args&)
{
    try {
        c.connectAndResume();
    } catch (const Failure& f) {
        if (f.code != kNotAuthenticated || !c.session) {
            throw;
        }
        // The session had already ended: the goal is reached.
        std::error_code ec;
        fs::remove(c.sessionPath, ec);
        std::cerr << "warmlinectl: the session had already ended\n";
        printJson({});
        return kOk;
    }
    auto data = c.expectAck("logout");
    std::error_code ec;
    fs::remove(c.sessionPath, ec);
    printJson(data);
    c.client.close();
    return kOk;
}

int cmdWatch(Context& c, const Args& a)
{
    const auto count = a.value("--count") ? parsePositive("--count", *a.value("--count")) : 0;
    const auto limit = a.value("--timeout")
                           ? std::optional(parseSeconds("--timeout", *a.value("--timeout")))
                           : std::nullopt;
    const auto hadEpoch = c.requireSession().epoch;
    const auto ack = c.connectAndResume();
    auto& s = *c.session;
    if (const auto* e = ack.if_contains("epoch"); e && e->is_string()) {
        s.epoch = std::string(e->get_string());
    }
    const auto* resync = ack.if_contains("resync");
    if (resync && resync->is_string() && resync->get_string() == "snapshot") {
        // Only the replayed events would tell what happened; they are gone.
        if (!hadEpoch.empty()) {
            std::cerr << "warmlinectl: events since the last watch could not be replayed; "
                         "`warmlinectl queue` shows the current state\n";
        }
        if (const auto* q = ack.if_contains("seq"); q && q->is_number()) {
            s.seq = q->to_number<std::uint64_t>();
        }
        saveSession(c.sessionPath, s);
    }
    const auto deadline = limit ? std::optional(Clock::now() + *limit) : std::nullopt;
    std::int64_t seen = 0;
    while (count == 0 || seen < count) {
        auto wait = std::chrono::milliseconds(60'000);
        if (deadline) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now());
            if (left.count() <= 0) {
                break;
            }
            wait = std::min(wait, left);
        }
        auto event = c.client.nextEvent(wait);
        if (!event) {
            continue;
        }
        json::object line;
        line["epoch"] = event->epoch;
        line["seq"] = event->seq;
        line["name"] = event->name;
        line["data"] = std::move(event->data);
        printJson(line);
        s.epoch = event->epoch;
        s.seq = event->seq;
        saveSession(c.sessionPath, s);
        ++seen;
    }
    c.client.close();
    if (count > 0 && seen < count) {
        throw Failure{kUnreachable, "timed out after " + std::to_string(seen) + " of " +
                                        std::to_string(count) + " events"};
    }
    return kOk;
}

int cmdPing(Context& c, const Args&)
{
    try {
        c.session = loadSession(c.sessionPath);
    } catch (const Failure&) {
        c.session.reset();
    }
    c.connect(c.chooseGateway(true));
    printJson(c.expectAck("ping"));
    c.client.close();
    return kOk;
}

int cmdOperatorAdd(Context& c, const Args& a)
{
    const auto name = requireName(a.positional[0]);
    json::object params;
    params["name"] = name;
    params["role"] = requireRole(*a.value("--role"));
    if (const auto cap = a.value("--capacity")) {
        const auto n = parsePositive("--capacity", *cap);
        if (n > 10) {
            throw UsageError{"--capacity must be between 1 and 10"};
        }
        params["capacity"] = n;
    }
    params["password"] = obtainPassword(a.flag("--password-stdin"), "WARMLINE_NEW_PASSWORD",
                                        "Password for the new account " + name + ": ", true);
    return c.simple("operator.add", std::move(params));
}

int cmdOperatorPasswd(Context& c, const Args& a)
{
    const auto name = requireName(a.positional[0]);
    json::object params;
    params["name"] = name;
    if (a.flag("--old-password")) {
        params["oldPassword"] = obtainPassword(a.flag("--password-stdin"), "WARMLINE_PASSWORD",
                                               "Current password: ", false);
    }
    params["password"] = obtainPassword(a.flag("--password-stdin"), "WARMLINE_NEW_PASSWORD",
                                        "New password for " + name + ": ", true);
    return c.simple("operator.passwd", std::move(params));
}

int cmdClose(Context& c, const Args& a)
{
    auto p = withContact(a.positional[0]);
    p["note"] = *a.value("--note");
    const auto list = [&a](const std::string& option) {
        json::array out;
        if (const auto it = a.repeated.find(option); it != a.repeated.end()) {
            for (const auto& v : it->second) {
                out.emplace_back(v);
            }
        }
        return out;
    };
    auto topics = list("--topic");
    auto referrals = list("--referral");
    const auto outcome = a.value("--outcome");
    const auto helped = a.value("--helped");
    if (outcome || helped || !topics.empty() || !referrals.empty()) {
        if (!outcome || !helped) {
            throw UsageError{"close: a wrap-up needs both --outcome and --helped"};
        }
        json::object w;
        w["outcome"] = *outcome;
        w["helped"] = *helped;
        w["topics"] = std::move(topics);
        w["referrals"] = std::move(referrals);
        p["wrapup"] = std::move(w);
    }
    return c.simple("contact.close", std::move(p));
}

// --- triage: the risk engine offline ----------------------------------

#ifndef WARMLINE_RESOURCES_DIR
#define WARMLINE_RESOURCES_DIR ""
#endif
#ifndef WARMLINE_INSTALLED_RESOURCES_DIR
#define WARMLINE_INSTALLED_RESOURCES_DIR ""
#endif

/// The installed rules, else those of the source tree this was built from.
fs::path defaultRiskRulesPath()
{
    const fs::path installed = fs::path(WARMLINE_INSTALLED_RESOURCES_DIR) / "risk-rules.txt";
    std::error_code ec;
    if (!std::string_view(WARMLINE_INSTALLED_RESOURCES_DIR).empty() &&
        fs::is_regular_file(installed, ec)) {
        return installed;
    }
    return fs::path(WARMLINE_RESOURCES_DIR) / "risk-rules.txt";
}

/// Reads one line of at most `limit` bytes into `line` (the rest of a longer
/// line is read and dropped); false at the end of input.
bool readBoundedLine(std::FILE* in, std::string& line, std::size_t limit, bool& cut)
{
    line.clear();
    cut = false;
    int c = 0;
    bool any = false;
    while ((c = std::getc(in)) != EOF) {
        any = true;
        if (c == '\n') {
            break;
        }
        if (line.size() < limit) {
            line.push_back(static_cast<char>(c));
        } else {
            cut = true;
        }
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return any;
}

// Needs no gateway and no session: one JSON object per input line, in order.
int cmdTriage(const Args& a)
{
    const fs::path rules =
        a.value("--rules") ? fs::path(*a.value("--rules")) : defaultRiskRulesPath();
    std::optional<warmline::RiskEngine> engine;
    try {
        engine.emplace(warmline::RiskEngine::fromFile(rules));
    } catch (const warmline::RiskRulesError& e) {
        throw Failure{kGatewayError, std::string("bad risk rules: ") + e.what()};
    }
    // Lines past the engine's scan limit are scored on their start anyway;
    // reading a little more keeps "truncated" honest without holding a huge line.
    const std::size_t limit = engine->scanLimitBytes() + 1;
    std::string line;
    bool cut = false;
    if (a.flag("--conversation")) {
        // The lines are one person's messages, oldest first: one answer for
        // them all. Bounded like the gateway's window.
        constexpr std::size_t kMaxMessages = 1000;
        std::vector<std::string> messages;
        while (readBoundedLine(stdin, line, limit, cut)) {
            if (messages.size() == kMaxMessages) {
                throw Failure{kUsage, "--conversation: more than 1000 messages"};
            }
            messages.push_back(line);
        }
        const auto result = engine->assessConversation(
            std::vector<std::string_view>(messages.begin(), messages.end()));
        std::cout << warmline::riskAssessmentJson(result) << std::endl;
        return std::cout.fail() ? kGatewayError : kOk;
    }
    while (readBoundedLine(stdin, line, limit, cut)) {
        std::cout << warmline::riskAssessmentJson(engine->assess(line)) << '\n';
        if (std::cout.fail()) {
            return kGatewayError;
        }
    }
    std::cout.flush();
    return kOk;
}

json::object named(const std::string& name)
{
    json::object p;
    p["name"] = requireName(name);
    return p;
}

/// An operator's id from an id or a name (looked up with operator.list on
/// the open link).
std::int64_t operatorIdOf(Context& c, const std::string& who)
{
    if (!who.empty() && who.find_first_not_of("0123456789") == std::string::npos) {
        return parsePositive("OPERATOR", who);
    }
    const auto name = requireName(who);
    const auto list = c.expectAck("operator.list");
    for (const auto& op : list.at("operators").as_array()) {
        if (op.at("name").as_string() == name) {
            return op.at("id").as_int64();
        }
    }
    throw Failure{kGatewayError, "not_found: there is no operator named " + name};
}

/// Resumes, builds the request with the open link (names are looked up on
/// it), sends it and prints the ack's data.
int leadAction(Context& c, std::string_view type,
               const std::function<json::object(Context&)>& params)
{
    c.connectAndResume();
    auto p = params(c);
    printJson(c.expectAck(type, std::move(p)));
    c.client.close();
    return kOk;
}

std::string joined(const std::vector<std::string>& words, std::size_t from)
{
    std::string text;
    for (std::size_t i = from; i < words.size(); ++i) {
        text += (i > from ? " " : "") + words[i];
    }
    return text;
}

// --- review, reports, audit, settings ------------------------------------------

/// A date option: YYYY-MM-DD as text (the gateway reads it in the line's
/// time zone), or epoch milliseconds.
json::value dateValue(const std::string& option, const std::string& text)
{
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        return json::value(text);
    }
    return json::value(parsePositive(option + " (YYYY-MM-DD or epoch ms)", text));
}

std::string joinWords(const std::vector<std::string>& words, std::size_t from)
{
    std::string out;
    for (std::size_t i = from; i < words.size(); ++i) {
        out += (i > from ? " " : "") + words[i];
    }
    return out;
}

int cmdReviewList(Context& c, const Args& a)
{
    c.connectAndResume();
    json::object p;
    for (const char* option : {"--from", "--to"}) {
        if (const auto v = a.value(option)) {
            p[std::string(option + 2)] = dateValue(option, *v);
        }
    }
    if (const auto v = a.value("--operator")) {
        p["operatorId"] = operatorIdOf(c, requireName(*v));
    }
    for (const auto& [option, key] :
         std::vector<std::pair<std::string, std::string>>{{"--channel", "channel"},
                                                          {"--topic", "topic"},
                                                          {"--risk", "risk"},
                                                          {"--search", "search"},
                                                          {"--cursor", "cursor"}}) {
        if (const auto v = a.value(option)) {
            p[key] = *v;
        }
    }
    if (const auto v = a.value("--escalated")) {
        if (*v != "yes" && *v != "no") {
            throw UsageError{"--escalated must be yes or no"};
        }
        p["escalated"] = *v == "yes";
    }
    if (a.flag("--unreviewed")) {
        p["unreviewed"] = true;
    }
    if (a.flag("--follow-up")) {
        p["followUp"] = true;
    }
    if (const auto v = a.value("--limit")) {
        p["limit"] = parsePositive("--limit", *v);
    }
    printJson(c.expectAck("review.list", std::move(p)));
    c.client.close();
    return kOk;
}

int cmdReport(Context& c, const Args& a)
{
    json::object p;
    p["from"] = dateValue("--from", *a.value("--from"));
    p["to"] = dateValue("--to", *a.value("--to"));
    if (const auto tz = a.value("--tz")) {
        try {
            std::size_t used = 0;
            const int minutes = std::stoi(*tz, &used);
            if (used != tz->size()) {
                throw std::invalid_argument("trailing");
            }
            p["tzOffsetMinutes"] = minutes;
        } catch (const std::exception&) {
            throw UsageError{"--tz must be the line's offset from UTC in minutes, e.g. -300"};
        }
    }
    c.connectAndResume();
    const auto data = c.expectAck("report.get", std::move(p));
    c.client.close();
    if (a.flag("--csv")) {
        std::cout << warmline::reportCsv(data.at("report").as_object()) << std::flush;
    } else {
        printJson(data);
    }
    return kOk;
}

int cmdAudit(Context& c, const Args& a)
{
    c.connectAndResume();
    json::object p;
    for (const char* option : {"--from", "--to"}) {
        if (const auto v = a.value(option)) {
            p[std::string(option + 2)] = dateValue(option, *v);
        }
    }
    if (const auto v = a.value("--operator")) {
        p["operatorId"] = operatorIdOf(c, requireName(*v));
    }
    if (const auto v = a.value("--contact")) {
        p["contactId"] = parsePositive("--contact", *v);
    }
    if (const auto v = a.value("--action")) {
        p["action"] = *v;
    }
    if (const auto v = a.value("--before")) {
        p["before"] = parsePositive("--before", *v);
    }
    if (const auto v = a.value("--limit")) {
        p["limit"] = parsePositive("--limit", *v);
    }
    printJson(c.expectAck("audit.list", std::move(p)));
    c.client.close();
    return kOk;
}

std::vector<Command> commands()
{
    constexpr auto kAny = SIZE_MAX;
    const std::string passwordNote =
        "The password comes from --password-stdin (one line on standard input), else the\n"
        "environment variable named below, else a prompt on the terminal (not echoed).\n";
    return {
        {"login",
         "--name NAME [--password-stdin]",
         "Logs in and stores the session (token, gateway, epoch, seq) in the session file,\n"
         "readable only by you. Prints the operator and the link position.\n" +
             passwordNote + "Variable: WARMLINE_PASSWORD.\n",
         {"--password-stdin"},
         {"--name"},
         0,
         0,
         cmdLogin},
        {"logout",
         "",
         "Ends the session at the gateway and deletes the session file.\n",
         {},
         {},
         0,
         0,
         cmdLogout},
        {"queue",
         "",
         "Prints the queue, your contacts and the operators (queue.snapshot).\n",
         {},
         {},
         0,
         0,
         [](Context& c, const Args&) { return c.simple("queue.snapshot"); }},
        {"watch",
         "[--count N] [--timeout SECONDS]",
         "Prints events as they come, one JSON object per line:\n"
         "{\"epoch\":…,\"seq\":…,\"name\":…,\"data\":{…}}. Resumes where the last watch\n"
         "stopped (the session file keeps the last seq), replaying missed events when the\n"
         "gateway still has them.\n"
         "  --count N          exit after N events (exit 3 if --timeout ends it sooner)\n"
         "  --timeout SECONDS  stop watching after this long (here, --timeout is the\n"
         "                     watch's length; the link's own timeout stays as set\n"
         "                     before the command word)\n",
         {},
         {"--count", "--timeout"},
         0,
         0,
         cmdWatch},
        {"accept",
         "[CONTACT_ID]",
         "Takes the contact, or without CONTACT_ID the head of the queue. Prints the contact\n"
         "and its messages.\n",
         {},
         {},
         0,
         1,
         [](Context& c, const Args& a) {
             return c.simple("contact.accept",
                             a.positional.empty() ? json::object{} : withContact(a.positional[0]));
         }},
        {"get",
         "CONTACT_ID",
         "Prints a contact and its messages.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("contact.get", withContact(a.positional[0]));
         }},
        {"send",
         "CONTACT_ID TEXT...",
         "Texts the caller of a contact you hold; the words of TEXT are joined by spaces.\n"
         "Use -- before a TEXT that starts with --.\n",
         {},
         {},
         2,
         kAny,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             std::string body;
             for (std::size_t i = 1; i < a.positional.size(); ++i) {
                 body += (i > 1 ? " " : "") + a.positional[i];
             }
             p["body"] = body;
             return c.simple("message.send", std::move(p));
         }},
        {"release",
         "CONTACT_ID",
         "Puts a contact back in the queue.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("contact.release", withContact(a.positional[0]));
         }},
        {"close",
         "CONTACT_ID --note TEXT [--outcome X --helped Y] [--topic T]... [--referral R]...",
         "Closes a contact with its wrap-up note. With --outcome and --helped (both needed\n"
         "when any wrap-up field is given) it also records the structured wrap-up:\n"
         "  --outcome   supported, referred, escalated, disconnected or inappropriate\n"
         "  --helped    yes, somewhat, no or unsure\n"
         "  --topic T   a topic from the line's list (warmlinectl line); repeat for more\n"
         "  --referral R  a referral from the line's list; repeat for more\n",
         {},
         {"--note", "--outcome", "--helped", "--topic", "--referral"},
         1,
         1,
         cmdClose},
        {"wrapup",
         "CONTACT_ID",
         "Moves an active contact you hold to wrap-up (you can still text in it) and your\n"
         "presence to wrap-up until you close it. Prints the contact.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("contact.wrapup", withContact(a.positional[0]));
         }},
        {"caller",
         "CONTACT_ID",
         "Prints what the line knows about the caller of a contact (never the number) and\n"
         "their earlier contacts, newest first (caller.get).\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("caller.get", withContact(a.positional[0]));
         }},
        {"note",
         "CONTACT_ID TEXT...",
         "Adds a note about the caller of a contact, kept across their contacts\n"
         "(caller.note.add); the words of TEXT are joined by spaces.\n",
         {},
         {},
         2,
         kAny,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             std::string body;
             for (std::size_t i = 1; i < a.positional.size(); ++i) {
                 body += (i > 1 ? " " : "") + a.positional[i];
             }
             p["body"] = body;
             return c.simple("caller.note.add", std::move(p));
         }},
        {"line",
         "",
         "Prints the line's name, quick replies, wrap-up topics and referrals, and default\n"
         "limits (line.info).\n",
         {},
         {},
         0,
         0,
         [](Context& c, const Args&) { return c.simple("line.info"); }},
        {"presence",
         "available|break|offline",
         "Sets your presence.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             const auto& v = a.positional[0];
             if (v != "available" && v != "break" && v != "offline") {
                 throw UsageError{"presence must be available, break or offline"};
             }
             json::object p;
             p["presence"] = v;
             return c.simple("presence.set", std::move(p));
         }},
        {"board",
         "",
         "Prints the shift board (lead, supervisor, admin): the queue with waiting times and\n"
         "risk, the shift's figures (longest wait, waiting by channel, service level,\n"
         "abandoned), every operator on shift with the contacts they hold, open alerts and\n"
         "after-hours mode (board.snapshot).\n",
         {},
         {},
         0,
         0,
         [](Context& c, const Args&) { return c.simple("board.snapshot"); }},
        {"assign",
         "CONTACT_ID OPERATOR [--override]",
         "Gives a waiting contact to an operator (lead, admin); OPERATOR is a name or an id.\n"
         "The operator must be available with room under their capacity. A caller flagged\n"
         "blocked is refused unless --override is given.\n",
         {"--override"},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             return leadAction(c, "contact.assign", [&a](Context& ctx) {
                 auto p = withContact(a.positional[0]);
                 p["operatorId"] = operatorIdOf(ctx, a.positional[1]);
                 if (a.flag("--override")) {
                     p["override"] = true;
                 }
                 return p;
             });
         }},
        {"takeback",
         "CONTACT_ID",
         "Takes a held contact back to the queue at its original waiting time (lead, admin).\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("contact.takeback", withContact(a.positional[0]));
         }},
        {"break",
         "OPERATOR",
         "Puts an operator on break (lead, admin); OPERATOR is a name or an id.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return leadAction(c, "operator.break", [&a](Context& ctx) {
                 json::object p;
                 p["operatorId"] = operatorIdOf(ctx, a.positional[0]);
                 return p;
             });
         }},
        {"message",
         "OPERATOR|--all TEXT...",
         "Sends a message to one operator or, with --all, to everyone on shift (lead,\n"
         "admin); their app shows it. The words of TEXT are joined by spaces (1-500 bytes).\n",
         {"--all"},
         {},
         1,
         kAny,
         [](Context& c, const Args& a) {
             const bool all = a.flag("--all");
             if (!all && a.positional.size() < 2) {
                 throw UsageError{"message: give OPERATOR TEXT, or --all TEXT"};
             }
             return leadAction(c, "lead.message", [&a, all](Context& ctx) {
                 json::object p;
                 if (all) {
                     p["all"] = true;
                     p["text"] = joined(a.positional, 0);
                 } else {
                     p["operatorId"] = operatorIdOf(ctx, a.positional[0]);
                     p["text"] = joined(a.positional, 1);
                 }
                 return p;
             });
         }},
        {"afterhours",
         "on|off",
         "Switches the line's after-hours mode (lead, admin): while on, a new texter gets\n"
         "the after-hours reply whatever line.hours says. Kept across restarts.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             const auto& v = a.positional[0];
             if (v != "on" && v != "off") {
                 throw UsageError{"afterhours must be on or off"};
             }
             json::object p;
             p["mode"] = v;
             return c.simple("line.afterhours", std::move(p));
         }},
        {"alerts list",
         "[--all]",
         "Lists the open alerts (lead, supervisor, admin); with --all also those\n"
         "acknowledged during the shift, newest first.\n",
         {"--all"},
         {},
         0,
         0,
         [](Context& c, const Args& a) {
             json::object p;
             if (a.flag("--all")) {
                 p["all"] = true;
             }
             return c.simple("alert.list", std::move(p));
         }},
        {"alerts ack",
         "ALERT_ID",
         "Acknowledges an alert (lead, admin).\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             json::object p;
             p["alertId"] = parsePositive("ALERT_ID", a.positional[0]);
             return c.simple("alert.ack", std::move(p));
         }},
        {"review list",
         "[--from DATE] [--to DATE] [--operator NAME] [--channel call|text] [--topic T]\n"
         "        [--risk LEVEL] [--escalated yes|no] [--unreviewed] [--follow-up]\n"
         "        [--search WORDS] [--limit N] [--cursor C]",
         "Lists ended contacts for review, newest first (review.list; supervisor, admin).\n"
         "DATE is YYYY-MM-DD in the line's time zone (--to includes its day) or epoch ms.\n"
         "--search finds words in wrap-up notes and caller notes (the last word as a prefix).\n"
         "Prints {contacts, total, nextCursor}; pass nextCursor to --cursor for the next page.\n",
         {"--unreviewed", "--follow-up"},
         {"--from", "--to", "--operator", "--channel", "--topic", "--risk", "--escalated",
          "--search", "--limit", "--cursor"},
         0,
         0,
         cmdReviewList},
        {"review get",
         "CONTACT_ID",
         "Prints a contact's full record for review: thread, wrap-up, caller notes written in\n"
         "it, escalations with their steps and comments (review.get). Written to the audit log.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("review.get", withContact(a.positional[0]));
         }},
        {"review mark",
         "CONTACT_ID [--undo]",
         "Marks an ended contact reviewed (or, with --undo, not reviewed).\n",
         {"--undo"},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["reviewed"] = !a.flag("--undo");
             return c.simple("review.mark", std::move(p));
         }},
        {"review comment",
         "CONTACT_ID TEXT...",
         "Leaves a comment on a contact for the operator who handled it; they are told at\n"
         "once (review.comment).\n",
         {},
         {},
         2,
         kAny,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["body"] = joinWords(a.positional, 1);
             return c.simple("review.comment", std::move(p));
         }},
        {"review followup",
         "CONTACT_ID [--note TEXT] [--clear]",
         "Flags a contact for follow-up, with an optional note; --clear removes the flag.\n",
         {"--clear"},
         {"--note"},
         1,
         1,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["followUp"] = !a.flag("--clear");
             if (const auto note = a.value("--note")) {
                 p["note"] = *note;
             }
             return c.simple("review.followup", std::move(p));
         }},
        {"report",
         "--from DATE --to DATE [--tz MINUTES] [--csv]",
         "Prints the figures for a period (report.get; supervisor, admin): contacts by day,\n"
         "hour and channel, answer and handle time, abandon rate, escalations, topics and\n"
         "repeat callers. DATE is YYYY-MM-DD (--to includes its day) or epoch ms; --tz is\n"
         "the offset from UTC in minutes for days and hours (default: the line's). With\n"
         "--csv, prints the report as CSV (section,item,measure,value) instead of JSON.\n",
         {"--csv"},
         {"--from", "--to", "--tz"},
         0,
         0,
         cmdReport},
        {"audit",
         "[--from DATE] [--to DATE] [--operator NAME] [--contact ID] [--action A]\n"
         "        [--limit N] [--before ID]",
         "Prints the audit log, newest first (audit.list; supervisor, admin). Pass\n"
         "nextBefore to --before for older entries.\n",
         {},
         {"--from", "--to", "--operator", "--contact", "--action", "--limit", "--before"},
         0,
         0,
         cmdAudit},
        {"reveal",
         "CONTACT_ID --reason TEXT",
         "Prints the phone number of a contact's caller (caller.reveal; admin only). The\n"
         "reveal and its reason are written to the audit log before the number is shown.\n",
         {},
         {"--reason"},
         1,
         1,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["reason"] = *a.value("--reason");
             return c.simple("caller.reveal", std::move(p));
         }},
        {"comments list",
         "[--unread]",
         "Prints supervisors' comments on your contacts, newest first (comment.list).\n",
         {"--unread"},
         {},
         0,
         0,
         [](Context& c, const Args& a) {
             json::object p;
             if (a.flag("--unread")) {
                 p["unread"] = true;
             }
             return c.simple("comment.list", std::move(p));
         }},
        {"comments read",
         "COMMENT_ID",
         "Marks one of your comments read (comment.read).\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             json::object p;
             p["commentId"] = parsePositive("COMMENT_ID", a.positional[0]);
             return c.simple("comment.read", std::move(p));
         }},
        {"settings list",
         "",
         "Prints the line's admin-editable settings with their values and sources\n"
         "(line.settings.get; lead, supervisor, admin).\n",
         {},
         {},
         0,
         0,
         [](Context& c, const Args&) { return c.simple("line.settings.get"); }},
        {"settings set",
         "KEY VALUE...",
         "Sets a line setting, overriding the config file until reset (line.settings.set;\n"
         "admin). Keys: line.hours, limits.calls_per_day, limits.minutes_per_call,\n"
         "targets.answer_seconds, targets.answered_on_time_percent, targets.abandon_percent,\n"
         "targets.handle_minutes, retention.content_days. The words of VALUE are joined by\n"
         "spaces (e.g. settings set line.hours mon-fri 09:00-21:00, sat 10:00-16:00).\n",
         {},
         {},
         2,
         kAny,
         [](Context& c, const Args& a) {
             json::object p;
             p["key"] = a.positional[0];
             p["value"] = joinWords(a.positional, 1);
             return c.simple("line.settings.set", std::move(p));
         }},
        {"settings reset",
         "KEY",
         "Removes an admin's value for KEY: the config file's applies again (admin).\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             json::object p;
             p["key"] = a.positional[0];
             p["reset"] = true;
             return c.simple("line.settings.set", std::move(p));
         }},
        {"retention purge",
         "",
         "Blanks message bodies and notes of contacts closed longer ago than\n"
         "retention.content_days now, instead of at the next daily run (admin). Prints the\n"
         "counts.\n",
         {},
         {},
         0,
         0,
         [](Context& c, const Args&) { return c.simple("retention.purge"); }},
        {"ping", "", "Checks that the gateway answers (no login needed).\n", {}, {}, 0, 0, cmdPing},
        {"triage",
         "[--rules FILE] [--conversation]",
         "Scores messages with the risk engine, offline (no gateway, no login): reads UTF-8\n"
         "messages from standard input, one per line, and prints one JSON object per line,\n"
         "in order: {\"level\":\"none|concern|high|imminent\",\"signals\":[{\"category\":…,\n"
         "\"text\":…}]}, with \"truncated\":true when only the start of a long line was\n"
         "scored. An empty line scores none.\n"
         "  --rules FILE  the rules file (default: the installed risk-rules.txt); a bad file\n"
         "                is reported as FILE:LINE: reason, with exit code 1\n"
         "  --conversation the lines are one person's messages, oldest first: print one\n"
         "                JSON object for them scored together (a plan in one message\n"
         "                and a time in the next)\n",
         {"--conversation"},
         {"--rules"},
         0,
         0,
         [](Context&, const Args& a) { return cmdTriage(a); }},
        {"operator list",
         "",
         "Lists the accounts (admin, lead, supervisor).\n",
         {},
         {},
         0,
         0,
         [](Context& c, const Args&) { return c.simple("operator.list"); }},
        {"operator add",
         "NAME --role ROLE [--capacity N] [--password-stdin]",
         "Creates an account (admin). ROLE: operator, lead, supervisor or admin;\n"
         "capacity 1-10 (default 3). Passwords have at least 10 characters.\n" +
             passwordNote + "Variable: WARMLINE_NEW_PASSWORD.\n",
         {"--password-stdin"},
         {"--role", "--capacity"},
         1,
         1,
         cmdOperatorAdd},
        {"operator passwd",
         "NAME [--old-password] [--password-stdin]",
         "Sets an account's password (admin: any; others: their own, with --old-password).\n" +
             passwordNote +
             "Variables: WARMLINE_NEW_PASSWORD (new), WARMLINE_PASSWORD (current). With\n"
             "--password-stdin and --old-password, line 1 is the current password and\n"
             "line 2 the new one.\n",
         {"--password-stdin", "--old-password"},
         {},
         1,
         1,
         cmdOperatorPasswd},
        {"operator disable",
         "NAME",
         "Disables an account and ends its sessions (admin).\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("operator.disable", named(a.positional[0]));
         }},
        {"operator enable",
         "NAME",
         "Enables a disabled account (admin).\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("operator.enable", named(a.positional[0]));
         }},
        {"operator role",
         "NAME ROLE",
         "Changes an account's role (admin).\n",
         {},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             auto p = named(a.positional[0]);
             p["role"] = requireRole(a.positional[1]);
             return c.simple("operator.role", std::move(p));
         }},
        {"escalation list",
         "CONTACT_ID",
         "Prints a contact's escalations with every step (escalation.get).\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("escalation.get", withContact(a.positional[0]));
         }},
        {"escalation open",
         "CONTACT_ID [--level concern|high|imminent] [--reason TEXT]",
         "Opens an escalation on a contact you hold (default level high).\n",
         {},
         {"--level", "--reason"},
         1,
         1,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             if (auto v = a.value("--level")) {
                 p["level"] = *v;
             }
             if (auto v = a.value("--reason")) {
                 p["reason"] = *v;
             }
             return c.simple("escalation.open", std::move(p));
         }},
        {"escalation step",
         "ESCALATION_ID KIND [--detail JSON]",
         "Records a step: seen, screener, safety_plan, transfer_started, transfer_done,\n"
         "texter_confirmed, texter_left or emergency. --detail is a JSON object, e.g. for\n"
         "the screener '{\"q1\":true,\"q2\":false,\"q6\":false}'.\n",
         {},
         {"--detail"},
         2,
         2,
         [](Context& c, const Args& a) {
             json::object p;
             p["escalationId"] = parsePositive("ESCALATION_ID", a.positional[0]);
             p["kind"] = a.positional[1];
             if (auto v = a.value("--detail")) {
                 json::error_code ec;
                 auto detail = json::parse(*v, ec);
                 if (ec || !detail.is_object()) {
                     throw UsageError{"--detail must be a JSON object"};
                 }
                 p["detail"] = std::move(detail);
             }
             return c.simple("escalation.step", std::move(p));
         }},
        {"escalation transfer",
         "ESCALATION_ID LINE",
         "Warm transfer to one of the line's crisis lines (warmlinectl line lists them):\n"
         "for a text, sends the crisis line's text in the conversation; for a call,\n"
         "calls the crisis line as a third party (see escalation transfer-complete).\n",
         {},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             json::object p;
             p["escalationId"] = parsePositive("ESCALATION_ID", a.positional[0]);
             p["line"] = a.positional[1];
             return c.simple("escalation.transfer", std::move(p));
         }},
        {"escalation transfer-complete",
         "ESCALATION_ID",
         "Leave a call once the crisis line has the caller: your phone hangs up, the\n"
         "caller and the crisis line stay connected, and the contact goes to wrap-up.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             json::object p;
             p["escalationId"] = parsePositive("ESCALATION_ID", a.positional[0]);
             return c.simple("escalation.transfer.complete", std::move(p));
         }},
        {"escalation close",
         "ESCALATION_ID --outcome safety_plan|warm_transfer|emergency|no_action [--reason TEXT]",
         "Closes an escalation. A reason is required for no_action and whenever no action\n"
         "(safety plan, transfer, emergency) was recorded.\n",
         {},
         {"--outcome", "--reason"},
         1,
         1,
         [](Context& c, const Args& a) {
             json::object p;
             p["escalationId"] = parsePositive("ESCALATION_ID", a.positional[0]);
             const auto outcome = a.value("--outcome");
             if (!outcome) {
                 throw UsageError{"escalation close: --outcome is required"};
             }
             p["outcome"] = *outcome;
             if (auto v = a.value("--reason")) {
                 p["reason"] = *v;
             }
             return c.simple("escalation.close", std::move(p));
         }},
        {"operator capacity",
         "NAME N",
         "Sets how many texts an account holds at once, 1-10 (admin).\n",
         {},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             auto p = named(a.positional[0]);
             const auto n = parsePositive("N", a.positional[1]);
             if (n > 10) {
                 throw UsageError{"capacity must be between 1 and 10"};
             }
             p["capacity"] = n;
             return c.simple("operator.capacity", std::move(p));
         }},
        {"operator languages",
         "NAME [LANGUAGE...]",
         "Sets the languages an account takes contacts in; none clears them (admin).\n",
         {},
         {},
         1,
         kAny,
         [](Context& c, const Args& a) {
             auto p = named(a.positional[0]);
             json::array languages;
             for (std::size_t i = 1; i < a.positional.size(); ++i) {
                 languages.emplace_back(a.positional[i]);
             }
             p["languages"] = std::move(languages);
             return c.simple("operator.languages", std::move(p));
         }},
        {"operator sip",
         "NAME URI",
         "Sets the phone an operator's calls are put through to, e.g.\n"
         "sip:desk-12@192.0.2.40:5062 (admin: anyone's; others: their own).\n"
         "An empty URI (\"\") removes it.\n",
         {},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             auto p = named(a.positional[0]);
             p["uri"] = a.positional[1];
             return c.simple("operator.sip", std::move(p));
         }},
    };
}

constexpr const char* kGlobalHelp =
    R"(global options (before or after the command):
  --gateway URL      ws:// or wss:// link URL (default: $WARMLINE_GATEWAY, else the
                     session's gateway, else ws://127.0.0.1:8080/link)
  --session FILE     session file (default: $XDG_CONFIG_HOME/warmline/ctl-session.json
                     or ~/.config/warmline/ctl-session.json)
  --timeout SECONDS  bound on connecting and on each answer (default 10)
  --ca FILE          CA certificates (PEM) for wss:// (default: the system's)
  --insecure         wss:// without certificate checks (self-signed test setups only)
  --json             JSON output (the default and only format)
  --help             help; `warmlinectl COMMAND --help` for one command

exit codes: 0 ok; 1 the gateway answered with an error; 2 usage error; 3 cannot
reach the gateway or timed out; 4 not logged in, session expired, bad credentials or
throttled; 5 forbidden.
)";

void printOverview(std::ostream& out)
{
    out << "usage: warmlinectl [global options] COMMAND [arguments]\n\n"
           "Talks to warmline-gateway over the operator link and prints each answer's\n"
           "data as one JSON object on stdout.\n\ncommands:\n";
    for (const auto& c : commands()) {
        out << "  " << c.name << (c.synopsis.empty() ? "" : " ") << c.synopsis << "\n";
    }
    out << "\n" << kGlobalHelp;
}

void printCommandHelp(const Command& c)
{
    std::cout << "usage: warmlinectl " << c.name << (c.synopsis.empty() ? "" : " ") << c.synopsis
              << "\n\n"
              << c.help << "\n"
              << kGlobalHelp;
}

Args parseCommandArgs(const Command& c, const std::vector<std::string>& words)
{
    Args a;
    bool optionsDone = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (!optionsDone && w == "--") {
            optionsDone = true;
        } else if (!optionsDone && w.size() > 2 && w.rfind("--", 0) == 0) {
            if (c.flags.count(w)) {
                a.flags.insert(w);
            } else if (c.valueOptions.count(w)) {
                if (i + 1 >= words.size()) {
                    throw UsageError{c.name + ": " + w + " needs a value"};
                }
                a.values[w] = words[++i];
                a.repeated[w].push_back(a.values[w]);
            } else {
                throw UsageError{c.name + ": unknown option " + w};
            }
        } else {
            a.positional.push_back(w);
        }
    }
    if (a.positional.size() < c.minPositional) {
        throw UsageError{c.name + ": missing arguments; usage: warmlinectl " + c.name + " " +
                         c.synopsis};
    }
    if (a.positional.size() > c.maxPositional) {
        throw UsageError{c.name + ": too many arguments; usage: warmlinectl " + c.name +
                         (c.synopsis.empty() ? "" : " ") + c.synopsis};
    }
    if (c.name == "login" && !a.value("--name")) {
        throw UsageError{"login: --name NAME is required"};
    }
    if (c.name == "close" && (!a.value("--note") || a.value("--note")->empty())) {
        throw UsageError{"close: a wrap-up note is required: --note TEXT"};
    }
    if (c.name == "report" && (!a.value("--from") || !a.value("--to"))) {
        throw UsageError{"report: --from DATE and --to DATE are required"};
    }
    if (c.name == "reveal" && (!a.value("--reason") || a.value("--reason")->empty())) {
        throw UsageError{"reveal: say why with --reason TEXT (it goes to the audit log)"};
    }
    if (c.name == "operator add" && !a.value("--role")) {
        throw UsageError{"operator add: --role ROLE is required"};
    }
    return a;
}

int run(int argc, char** argv)
{
    Globals g;
    bool help = false;
    std::vector<std::string> rest;
    std::vector<std::string> args(argv + 1, argv + argc);
    bool pastDashes = false;
    bool inWatch = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) {
                throw UsageError{a + " needs a value"};
            }
            return args[++i];
        };
        if (pastDashes) {
            rest.push_back(a);
        } else if (a == "--") {
            pastDashes = true;
            rest.push_back(a);
        } else if (a == "--help" || a == "-h") {
            help = true;
        } else if (a == "--gateway") {
            g.gateway = value();
        } else if (a == "--session") {
            g.sessionFile = value();
        } else if (a == "--timeout" && !inWatch) {
            g.timeout = parseSeconds(a, value());
        } else if (a == "--ca") {
            g.caFile = value();
        } else if (a == "--insecure") {
            g.insecure = true;
        } else if (a == "--json") {
            // The only output format; accepted so scripts can say so.
        } else {
            if (rest.empty() && a == "watch") {
                inWatch = true;
            }
            rest.push_back(a);
        }
    }

    const auto all = commands();
    if (rest.empty() || rest[0] == "help") {
        if (help || (!rest.empty() && rest[0] == "help")) {
            printOverview(std::cout);
            return kOk;
        }
        printOverview(std::cerr);
        return kUsage;
    }
    std::size_t used = 1;
    std::string name = rest[0];
    // Commands in groups of two words: "operator add", "review list", ...
    static const std::map<std::string, std::string> kGroups = {
        {"operator", "list, add, passwd, disable, enable, role, capacity, languages or sip"},
        {"review", "list, get, mark, comment or followup"},
        {"comments", "list or read"},
        {"settings", "list, set or reset"},
        {"retention", "purge"},
        {"escalation", "list, open, step, transfer or close"},
        {"alerts", "list or ack"},
    };
    if (const auto group = kGroups.find(name); group != kGroups.end()) {
        if (rest.size() < 2 || rest[1].rfind("--", 0) == 0) {
            if (help) {
                for (const auto& c : all) {
                    if (c.name.rfind(name + " ", 0) == 0) {
                        std::cout << "warmlinectl " << c.name << " " << c.synopsis << "\n";
                    }
                }
                return kOk;
            }
            throw UsageError{name + ": which? " + group->second};
        }
        name += " " + rest[1];
        used = 2;
    }
    const Command* command = nullptr;
    for (const auto& c : all) {
        if (c.name == name) {
            command = &c;
        }
    }
    if (!command) {
        throw UsageError{"unknown command \"" + name + "\""};
    }
    if (help) {
        printCommandHelp(*command);
        return kOk;
    }
    const auto parsed = parseCommandArgs(
        *command,
        std::vector<std::string>(rest.begin() + static_cast<std::ptrdiff_t>(used), rest.end()));
    if (command->name == "triage") {
        return cmdTriage(parsed); // offline: no session file or link needed
    }
    Context context(g);
    try {
        return command->run(context, parsed);
    } catch (const LinkTransportError& e) {
        if (e.kind() == LinkTransportError::Kind::BadUrl) {
            throw UsageError{e.what()};
        }
        throw Failure{kUnreachable,
                      "cannot reach the gateway at " + context.gatewayUrl + ": " + e.what()};
    }
}

} // namespace

int main(int argc, char** argv)
{
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "warmlinectl: " << e.message << "\n"
                  << "Try `warmlinectl --help` or `warmlinectl COMMAND --help`.\n";
        return kUsage;
    } catch (const Failure& f) {
        std::cerr << "warmlinectl: " << f.message << "\n";
        return f.code;
    } catch (const std::exception& e) {
        std::cerr << "warmlinectl: " << e.what() << "\n";
        return kGatewayError;
    }
}
