// warmlinectl's command line: the global options, a command's own words
// (checked against its table entry), and the argument checks and conversions
// the commands share (ids, names, roles, words joined into a text).

#include "core/domain/Domain.h"
#include "core/link/LinkCodec.h"
#include "telephony/cmd/ctl/Ctl.h"

#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

namespace warmline::ctl {

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

std::string envOr(const char* name, const std::string& fallback)
{
    const char* v = std::getenv(name);
    return (v && *v) ? std::string(v) : fallback;
}

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

json::object named(const std::string& name)
{
    json::object p;
    p["name"] = requireName(name);
    return p;
}

std::string joinWords(const std::vector<std::string>& words, std::size_t from)
{
    std::string out;
    for (std::size_t i = from; i < words.size(); ++i) {
        out += (i > from ? " " : "") + words[i];
    }
    return out;
}

CommandLine parseCommandLine(int argc, char** argv)
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
    return {std::move(g), help, std::move(rest)};
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

} // namespace warmline::ctl
