// warmlinectl: the operator link from a shell (docs/warmlinectl.md). Each
// run opens one link, resumes the stored session, runs one command and
// prints the answer's data as JSON on stdout.

#include "core/Domain.h"
#include "core/LinkCodec.h"
#include "telephony/lib/LinkClient.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
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

json::object named(const std::string& name)
{
    json::object p;
    p["name"] = requireName(name);
    return p;
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
        {"ping", "", "Checks that the gateway answers (no login needed).\n", {}, {}, 0, 0, cmdPing},
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
        {"operator languages",
         "NAME LANGUAGES",
         "Sets the languages an operator speaks besides the line's own, e.g. \"es, fr\"\n"
         "(admin: anyone's; others: their own). Callers who chose a language in the\n"
         "greeting go to operators who speak it (and to leads).\n",
         {},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             auto p = named(a.positional[0]);
             p["languages"] = a.positional[1];
             return c.simple("operator.languages", std::move(p));
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
    if (name == "operator") {
        if (rest.size() < 2 || rest[1].rfind("--", 0) == 0) {
            if (help) {
                for (const auto& c : all) {
                    if (c.name.rfind("operator ", 0) == 0) {
                        std::cout << "warmlinectl " << c.name << " " << c.synopsis << "\n";
                    }
                }
                return kOk;
            }
            throw UsageError{
                "operator: which? list, add, passwd, disable, enable, role, sip or languages"};
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
