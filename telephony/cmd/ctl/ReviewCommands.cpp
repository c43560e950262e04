// warmlinectl's review commands, looking back at ended contacts: review
// (list, get, mark, comment, followup), report, audit, reveal, and the
// comments an operator receives.

#include "core/store/Reports.h"
#include "telephony/cmd/ctl/Ctl.h"

#include <exception>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace warmline::ctl {

namespace {

/// A date option: YYYY-MM-DD as text (the gateway reads it in the line's
/// time zone), or epoch milliseconds.
json::value dateValue(const std::string& option, const std::string& text)
{
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        return json::value(text);
    }
    return json::value(parsePositive(option + " (YYYY-MM-DD or epoch ms)", text));
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

} // namespace

void addReviewCommands(CommandTable& table)
{
    const Command entries[] = {
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
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

} // namespace warmline::ctl
