// warmlinectl's shift commands, an operator's work: the queue, watching
// events, the contacts they hold (accept, get, send, release, close, wrapup,
// caller, note), the line's information and their presence.

#include "telephony/cmd/ctl/Ctl.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

namespace warmline::ctl {

namespace {

using Clock = std::chrono::steady_clock;

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

} // namespace

void addShiftCommands(CommandTable& table)
{
    const Command entries[] = {
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
             p["body"] = joinWords(a.positional, 1);
             return c.simple("message.send", std::move(p));
         }},
        {"share",
         "CONTACT_ID RESOURCE_ID",
         "Shares a resource from the line's directory (warmlinectl resources search) in a\n"
         "contact you hold: a texter is sent its short text; on a call it is recorded as\n"
         "read out. Either way it is kept on the contact as a referral given. Prints the\n"
         "referral (and the message sent).\n",
         {},
         {},
         2,
         2,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["resourceId"] = a.positional[1];
             return c.simple("resources.share", std::move(p));
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
         "CONTACT_ID [--survey]",
         "Moves an active contact you hold to wrap-up (you can still text in it) and your\n"
         "presence to wrap-up until you close it. Prints the contact. For a call, --survey\n"
         "offers the caller the keypad survey as you leave (docs/surveys.md).\n",
         {"--survey"},
         {},
         1,
         1,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             if (a.flag("--survey")) {
                 p["survey"] = true;
             }
             return c.simple("contact.wrapup", std::move(p));
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
             p["body"] = joinWords(a.positional, 1);
             return c.simple("caller.note.add", std::move(p));
         }},
        {"checkin add",
         "CONTACT_ID --at HH:MM [--days DAYS] [--from DATE] [--until DATE] [--times N]\n"
         "    [--except DATE,DATE...] [--zone ZONE] [--by text|call] --consent REASON...",
         "Schedules a check-in the caller asked for (docs/checkins.md), by text (the\n"
         "default) or by call (--by call: dialled through the trunk when an operator takes\n"
         "it, docs/callbacks.md), for the caller of a contact you hold. --consent says the caller "
         "agreed; it is recorded\n"
         "with your name and the time. DAYS is once (the default), daily, weekdays or days\n"
         "like tue,fri; a recurring check-in ends on --until or after --times (at most a\n"
         "year). ZONE is the caller's time zone (the line's by default), e.g.\n"
         "America/New_York. The words of REASON (why, for whoever takes it) are joined by\n"
         "spaces. Prints the check-in with its next time.\n",
         {"--consent"},
         {"--at", "--days", "--from", "--until", "--times", "--except", "--zone", "--by"},
         2,
         kAny,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["reason"] = joinWords(a.positional, 1);
             p["consent"] = a.flag("--consent");
             p["at"] = a.value("--at").value_or("");
             for (const char* key : {"days", "from", "until", "zone"}) {
                 if (const auto v = a.value(std::string("--") + key)) {
                     p[key] = *v;
                 }
             }
             if (const auto by = a.value("--by")) {
                 p["channel"] = *by;
             }
             if (const auto times = a.value("--times")) {
                 p["times"] = parsePositive("--times", *times);
             }
             if (const auto except = a.value("--except")) {
                 json::array days;
                 std::string_view rest = *except;
                 while (!rest.empty()) {
                     const auto comma = rest.find(',');
                     days.emplace_back(rest.substr(0, comma));
                     rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
                 }
                 p["except"] = std::move(days);
             }
             return c.simple("checkin.schedule", std::move(p));
         }},
        {"checkin list",
         "[CONTACT_ID]",
         "With CONTACT_ID, the check-ins of that contact's caller, stopped ones too (for a\n"
         "contact you hold, or any as a lead or supervisor). Without, every check-in running\n"
         "and those missed in the last week (leads, supervisors, admins).\n",
         {},
         {},
         0,
         1,
         [](Context& c, const Args& a) {
             json::object p;
             if (!a.positional.empty()) {
                 p = withContact(a.positional[0]);
             }
             return c.simple("checkin.list", std::move(p));
         }},
        {"checkin stop",
         "CHECKIN_ID [REASON...]",
         "Stops a check-in when the caller asks (for the caller of a contact you hold; a\n"
         "lead for any). Audited. The words of REASON are joined by spaces.\n",
         {},
         {},
         1,
         kAny,
         [](Context& c, const Args& a) {
             json::object p{{"checkInId", parsePositive("CHECKIN_ID", a.positional[0])}};
             if (a.positional.size() > 1) {
                 p["reason"] = joinWords(a.positional, 1);
             }
             return c.simple("checkin.stop", std::move(p));
         }},
        {"debrief",
         "CONTACT_ID TEXT...",
         "After a contact you handled, leaves a short note for a supervisor about how it\n"
         "went (contact.debrief; docs/wellbeing.md).\n",
         {},
         {},
         2,
         kAny,
         [](Context& c, const Args& a) {
             auto p = withContact(a.positional[0]);
             p["body"] = joinWords(a.positional, 1);
             return c.simple("contact.debrief", std::move(p));
         }},
        {"line",
         "",
         "Prints the line's name, quick replies, wrap-up topics and referrals, crisis lines,\n"
         "interpreter services and default limits (line.info).\n",
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
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

} // namespace warmline::ctl
