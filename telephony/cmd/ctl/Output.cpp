// warmlinectl's output: an answer's data as one line of JSON on stdout, and
// the help (the overview of every command and one command's page).

#include "telephony/cmd/ctl/Ctl.h"

#include <boost/json/serialize.hpp>

#include <iostream>
#include <ostream>

namespace warmline::ctl {

namespace {

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

} // namespace

void printJson(const json::object& o)
{
    std::cout << json::serialize(o) << '\n' << std::flush;
}

void printOverview(std::ostream& out, const CommandTable& all)
{
    out << "usage: warmlinectl [global options] COMMAND [arguments]\n\n"
           "Talks to warmline-gateway over the operator link and prints each answer's\n"
           "data as one JSON object on stdout.\n\ncommands:\n";
    for (const auto& c : all) {
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

} // namespace warmline::ctl
