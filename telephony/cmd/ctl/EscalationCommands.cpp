// warmlinectl's escalation commands: a contact's escalations, opening one,
// recording its steps, warm transfers and closing it.

#include "telephony/cmd/ctl/Ctl.h"

#include <boost/json/parse.hpp>

#include <iterator>
#include <utility>

namespace warmline::ctl {

void addEscalationCommands(CommandTable& table)
{
    const Command entries[] = {
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
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

} // namespace warmline::ctl
