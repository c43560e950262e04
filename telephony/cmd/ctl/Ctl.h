// warmlinectl's shared types and helpers: exit codes and the errors that end
// a run, a command's parsed words, the command table and the registration
// function of each command family, the session file, and the Context a
// command runs in (its link to the gateway). Kept free of Beast and Asio:
// LinkClient hides them.

#pragma once

#include "core/link/LinkCodec.h"
#include "telephony/net/LinkClient.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::ctl {

namespace json = boost::json;
namespace fs = std::filesystem;

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

/// Command::maxPositional for a command that takes any number of words.
constexpr std::size_t kAny = SIZE_MAX;

struct Command
{
    std::string name;     ///< "queue", "operator add"
    std::string synopsis; ///< arguments after the name
    std::string help;
    std::set<std::string> flags;
    std::set<std::string> valueOptions;
    std::size_t minPositional = 0;
    std::size_t maxPositional = 0; ///< kAny: any number
    Handler run;
};

/// Every command, in the order `warmlinectl --help` lists them.
using CommandTable = std::vector<Command>;

// --- the command families (registered in main.cpp, in the help's order) --

/// login, logout (SessionCommands.cpp)
void addSessionCommands(CommandTable& table);
/// ping (SessionCommands.cpp)
void addPingCommand(CommandTable& table);
/// queue, watch, accept, get, send, release, close, wrapup, caller, note,
/// line, presence (ShiftCommands.cpp)
void addShiftCommands(CommandTable& table);
/// board, assign, takeback, break, message, afterhours, alerts (LeadCommands.cpp)
void addLeadCommands(CommandTable& table);
/// review, report, audit, reveal, comments (ReviewCommands.cpp)
void addReviewCommands(CommandTable& table);
/// settings, retention purge (AdminCommands.cpp)
void addSettingsCommands(CommandTable& table);
/// operator list, add, passwd, disable, enable, role (AdminCommands.cpp)
void addAccountCommands(CommandTable& table);
/// operator capacity, languages, sip: how contacts reach an operator
/// (AdminCommands.cpp)
void addRoutingCommands(CommandTable& table);
/// escalation list, open, step, transfer, transfer-complete, close
/// (EscalationCommands.cpp)
void addEscalationCommands(CommandTable& table);
/// triage (TriageCommand.cpp)
void addTriageCommands(CommandTable& table);
/// resources import, search, show, versions, changes (ResourcesCommands.cpp)
void addResourcesCommands(CommandTable& table);

/// The whole table (main.cpp).
CommandTable commands();

/// Runs triage without a Context: it needs no session file and no link.
int cmdTriage(const Args& a);
/// Runs "resources import|search|show|versions|changes" without a Context:
/// they read and write the directory's file, not the gateway.
int cmdResources(const std::string& name, const Args& a);

// --- arguments (Args.cpp) ------------------------------------------------

/// A run's words: the global options (before or after the command), --help,
/// and the rest: the command's name and its own words.
struct CommandLine
{
    Globals globals;
    bool help = false;
    std::vector<std::string> rest;
};

CommandLine parseCommandLine(int argc, char** argv);
Args parseCommandArgs(const Command& c, const std::vector<std::string>& words);

std::chrono::milliseconds parseSeconds(const std::string& option, const std::string& text);
std::int64_t parsePositive(const std::string& what, const std::string& text);
std::string envOr(const char* name, const std::string& fallback = {});

/// {"contactId": id}, the id checked.
json::object withContact(const std::string& id);
/// {"name": name}, the name checked.
json::object named(const std::string& name);
std::string requireRole(const std::string& text);
std::string requireName(const std::string& text);
/// The words from `from` on, joined by spaces.
std::string joinWords(const std::vector<std::string>& words, std::size_t from);

// --- the session file (SessionFile.cpp) --------------------------------

struct Session
{
    std::string gateway;
    std::string name;
    std::string token;
    std::string epoch;
    std::uint64_t seq = 0;
};

fs::path defaultSessionPath();
std::optional<Session> loadSession(const fs::path& path);
void saveSession(const fs::path& path, const Session& s);

// --- passwords (Passwords.cpp) ---------------------------------------------

/// A password from stdin (when asked), else the environment, else a prompt.
std::string obtainPassword(bool fromStdin, const char* env, const std::string& prompt,
                           bool confirm);
/// The help's note on where a password comes from.
std::string passwordNote();

// --- output (Output.cpp) ---------------------------------------------------

void printJson(const json::object& o);
void printOverview(std::ostream& out, const CommandTable& all);
void printCommandHelp(const Command& c);

// --- talking to the gateway (Connection.cpp) ------------------------------

struct Context
{
    Globals globals;
    fs::path sessionPath;
    std::optional<Session> session;
    std::string gatewayUrl;
    telephony::LinkClient client;

    explicit Context(Globals g);

    /// The gateway: --gateway, else $WARMLINE_GATEWAY, else the session's.
    std::string chooseGateway(bool useSession);

    void connect(const std::string& url);

    link::ServerFrame request(std::string_view type, json::object params = {});

    /// The ack's data; an error frame ends the run with its exit code.
    json::object expectAck(std::string_view type, json::object params = {});

    Session& requireSession();

    /// Opens the link and resumes the stored session; returns the resume ack.
    json::object connectAndResume();

    /// Runs one request on a resumed session and prints the ack's data.
    int simple(std::string_view type, json::object params = {});
};

/// An operator's id from an id or a name (looked up with operator.list on
/// the open link).
std::int64_t operatorIdOf(Context& c, const std::string& who);

} // namespace warmline::ctl
