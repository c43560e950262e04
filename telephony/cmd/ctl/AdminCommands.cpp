// warmlinectl's admin commands: the line's settings and retention, the
// operator accounts (list, add, passwd, disable, enable, role), and how
// contacts reach an operator (capacity, languages, SIP phone).

#include "telephony/cmd/ctl/Ctl.h"

#include <iterator>
#include <string>
#include <utility>

namespace warmline::ctl {

namespace {

/// `operator phone` and its older name `operator sip`: both set the profile's
/// phone (operator.sip takes a SIP URI or a number).
int cmdOperatorPhone(Context& c, const Args& a)
{
    auto p = named(a.positional[0]);
    p["uri"] = a.positional[1];
    return c.simple("operator.sip", std::move(p));
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

} // namespace

void addSettingsCommands(CommandTable& table)
{
    const Command entries[] = {
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
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

void addAccountCommands(CommandTable& table)
{
    const Command entries[] = {
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
             passwordNote() + "Variable: WARMLINE_NEW_PASSWORD.\n",
         {"--password-stdin"},
         {"--role", "--capacity"},
         1,
         1,
         cmdOperatorAdd},
        {"operator passwd",
         "NAME [--old-password] [--password-stdin]",
         "Sets an account's password (admin: any; others: their own, with --old-password).\n" +
             passwordNote() +
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
        {"operator group",
         "NAME GROUP",
         "Puts an account in a group (a team, e.g. \"evenings\"), for the survey's\n"
         "figures by group (admin). An empty GROUP (\"\") takes it out of any group.\n",
         {},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             auto p = named(a.positional[0]);
             p["group"] = a.positional[1];
             return c.simple("operator.group", std::move(p));
         }},
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

void addRoutingCommands(CommandTable& table)
{
    const Command entries[] = {
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
         "sip:desk-12@10.0.0.40:5062 (admin: anyone's; others: their own).\n"
         "An empty URI (\"\") removes it.\n",
         {},
         {},
         2,
         2,
         cmdOperatorPhone},
        {"operator phone",
         "NAME PHONE",
         "Sets the phone an operator's calls are put through to: a SIP URI (a desk\n"
         "phone), or their own mobile or landline number, e.g. \"+1 555 555 0100\",\n"
         "dialled through the trunk (sip.trunk_uri): it hears \"Warmline call, press 1\n"
         "to accept\" and the caller is put through only after the 1. An empty PHONE\n"
         "(\"\") removes it. Admin: anyone's; others: their own.\n",
         {},
         {},
         2,
         2,
         cmdOperatorPhone},
        {"interpreter add",
         "CONTACT_ID SERVICE [--language LANGUAGE]",
         "Calls one of the line's interpreter services (warmlinectl line lists them) into\n"
         "a call you are on (leads: any call); everyone on the call hears everyone.\n",
         {},
         {"--language"},
         2,
         2,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["service"] = a.positional[1];
             if (auto v = a.value("--language")) {
                 p["language"] = *v;
             }
             return c.simple("call.interpreter", std::move(p));
         }},
        {"interpreter end",
         "CONTACT_ID",
         "Hangs up the interpreter on a call; the call goes on without it.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("call.interpreter.end", withContact(a.positional[0]));
         }},
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

} // namespace warmline::ctl
