// warmlinectl: the operator link from a shell (docs/warmlinectl.md). Each
// run opens one link, resumes the stored session, runs one command and
// prints the answer's data as JSON on stdout.
//
// This file holds the command table, assembled from the command families
// (Ctl.h lists them), finding the command a run names, and the exit codes
// of the errors that end a run.

#include "telephony/cmd/ctl/Ctl.h"
#include "telephony/net/LinkClient.h"

#include <cstddef>
#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace warmline::ctl {

CommandTable commands()
{
    // In the order `warmlinectl --help` lists them.
    CommandTable table;
    addSessionCommands(table);
    addShiftCommands(table);
    addLeadCommands(table);
    addReviewCommands(table);
    addSettingsCommands(table);
    addPingCommand(table);
    addTriageCommands(table);
    addResourcesCommands(table);
    addAccountCommands(table);
    addEscalationCommands(table);
    addRoutingCommands(table);
    return table;
}

namespace {

using warmline::telephony::LinkTransportError;

int run(int argc, char** argv)
{
    const auto line = parseCommandLine(argc, argv);
    const auto& g = line.globals;
    const bool help = line.help;
    const auto& rest = line.rest;

    const auto all = commands();
    if (rest.empty() || rest[0] == "help") {
        if (help || (!rest.empty() && rest[0] == "help")) {
            printOverview(std::cout, all);
            return kOk;
        }
        printOverview(std::cerr, all);
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
        {"escalation", "list, open, step, transfer, transfer-complete or close"},
        {"alerts", "list or ack"},
        {"interpreter", "add or end"},
        {"resources", "import, search, show, unverify, versions or changes"},
        {"coach", "watch, note, takeover, answer or listen"},
        {"checkin", "add, list or stop"},
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
    if (command->name.rfind("resources ", 0) == 0) {
        return cmdResources(command->name, parsed); // offline: the directory's file
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

} // namespace warmline::ctl

int main(int argc, char** argv)
{
    namespace ctl = warmline::ctl;
    try {
        return ctl::run(argc, argv);
    } catch (const ctl::UsageError& e) {
        std::cerr << "warmlinectl: " << e.message << "\n"
                  << "Try `warmlinectl --help` or `warmlinectl COMMAND --help`.\n";
        return ctl::kUsage;
    } catch (const ctl::Failure& f) {
        std::cerr << "warmlinectl: " << f.message << "\n";
        return f.code;
    } catch (const std::exception& e) {
        std::cerr << "warmlinectl: " << e.what() << "\n";
        return ctl::kGatewayError;
    }
}
