// warmlinectl's lead commands, running the shift: the board, assigning and
// taking back contacts, breaks, messages to operators, after-hours mode and
// alerts.

#include "telephony/cmd/ctl/Ctl.h"

#include <functional>
#include <iterator>
#include <string_view>
#include <utility>

namespace warmline::ctl {

namespace {

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

} // namespace

void addLeadCommands(CommandTable& table)
{
    const Command entries[] = {
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
        {"admit",
         "CONTACT_ID",
         "Lets a waiting contact held for a lead (screening: a number past its hourly\n"
         "limit or of a kind the line holds; or the switchboard) into the ordinary queue,\n"
         "where operators can take it (lead, admin). board shows what is held and why.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             return c.simple("contact.admit", withContact(a.positional[0]));
         }},
        {"coach watch",
         "CONTACT_ID [--stop]",
         "Opens a live text conversation someone else holds, read-only (lead, admin): prints\n"
         "its messages and the coaching so far. Its operator is told a lead is reading;\n"
         "the lead's app then receives its messages as they arrive. Audited. --stop ends\n"
         "the watching (it also ends when the lead signs out or the contact leaves its\n"
         "operator).\n",
         {"--stop"},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             if (a.flag("--stop")) {
                 p["stop"] = true;
             }
             return c.simple("contact.watch", std::move(p));
         }},
        {"coach note",
         "CONTACT_ID TEXT...",
         "Sends the operator holding a text conversation a private coaching note (lead,\n"
         "admin): shown beside the conversation in their app, never to the texter, and\n"
         "kept on the contact's record. The words of TEXT are joined by spaces (1-500 bytes).\n",
         {},
         {},
         2,
         kAny,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["text"] = joinWords(a.positional, 1);
             return c.simple("coach.note", std::move(p));
         }},
        {"coach takeover",
         "CONTACT_ID [--now]",
         "Asks the operator holding a text conversation to hand it to you (lead, admin);\n"
         "their answer comes as an event (coach answer). With --now, in a contact with\n"
         "an open escalation only, it is taken at once. Audited.\n",
         {"--now"},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             if (a.flag("--now")) {
                 p["now"] = true;
             }
             return c.simple("contact.takeover", std::move(p));
         }},
        {"coach answer",
         "CONTACT_ID yes|no",
         "Answers a lead's request to take over a contact you hold: yes hands it to them.\n",
         {},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             const auto& v = a.positional[1];
             if (v != "yes" && v != "no") {
                 throw UsageError{"coach answer: the answer must be yes or no"};
             }
             auto p = withContact(a.positional[0]);
             p["agree"] = v == "yes";
             return c.simple("takeover.answer", std::move(p));
         }},
        {"coach listen",
         "CONTACT_ID listen|whisper|barge|stop",
         "Joins a live call someone else holds on your own phone (lead, admin): the app's\n"
         "softphone, else the phone on your profile. listen: you hear both sides, nobody\n"
         "hears you. whisper: the operator hears you, the caller does not. barge: all three\n"
         "talk. Run it again with another mode to switch; stop hangs up your leg. The\n"
         "operator is always told. Each mode is audited and kept on the contact's record.\n",
         {},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["mode"] = a.positional[1];
             return c.simple("call.listen", std::move(p));
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
                     p["text"] = joinWords(a.positional, 0);
                 } else {
                     p["operatorId"] = operatorIdOf(ctx, a.positional[0]);
                     p["text"] = joinWords(a.positional, 1);
                 }
                 return p;
             });
         }},
        {"switchboard",
         "on|off",
         "Switchboarding (lead, admin): while on, every new contact waits in the queue for a\n"
         "lead to assign it (assign) or take it; operators cannot take it. off lets them all\n"
         "go to the ordinary queue in their order. Kept across restarts.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             const auto& v = a.positional[0];
             if (v != "on" && v != "off") {
                 throw UsageError{"switchboard must be on or off"};
             }
             json::object p;
             p["mode"] = v;
             return c.simple("line.switchboard", std::move(p));
         }},
        {"overflow",
         "on|off",
         "Overflow to the partner line the configuration names (lead, admin): while on,\n"
         "each texter waiting gets one text with the partner line's number, and each caller\n"
         "waiting hears that pressing 1 puts them through to it. Kept across restarts.\n",
         {},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             const auto& v = a.positional[0];
             if (v != "on" && v != "off") {
                 throw UsageError{"overflow must be on or off"};
             }
             json::object p;
             p["mode"] = v;
             return c.simple("line.overflow", std::move(p));
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
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

} // namespace warmline::ctl
