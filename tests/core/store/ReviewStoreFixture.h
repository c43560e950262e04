#pragma once

// What the review and report tests share: a store filled with known contacts
// through the same Repository calls the gateway makes, and small readers of
// review pages and label counts.

#include "core/store/Reports.h"
#include "core/store/ReviewStore.h"
#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <string>
#include <vector>

namespace warmline::test {

inline constexpr EpochMs kSecond = 1000;
inline constexpr EpochMs kMinute = 60 * kSecond;
inline constexpr EpochMs kHour = 60 * kMinute;
inline constexpr EpochMs kDay = 24 * kHour;
// 2026-11-16T00:00:00Z, a Monday.
inline constexpr EpochMs kT0 = 1'794'787'200'000;

/// The known contacts (times from kT0, UTC):
///   A  caller a  text  day 1 09:00  accepted +30 s by sam, wrap-up +10 min, closed +12 min;
///                     supported, topics sleep+loneliness; one escalation (concern, resolved)
///   B  caller b  text  day 1 09:30  accepted +90 s by sam, wrap-up +20 min; referred, anxiety
///   C  caller a  text  day 1 14:15  accepted +45 s by lee, closed +5 min (no wrap-up step);
///                     supported, sleep
///   D  caller c  call  day 2 08:05  abandoned after 2 min
///   E  caller d  call  day 2 20:40  accepted +120 s by lee, wrap-up +30 min; escalated,
///                     loneliness; risk high; two escalations (high, warm-transfer; imminent, open)
///   F  caller a  text  day 2 23:59:30  still queued
///   G  caller e  text  day 0 23:00  accepted +60 s by sam, closed +2 min; disconnected
///   H  caller b  text  day 3 00:00  accepted +10 s by sam, closed +1 min; supported
struct Known
{
    SQLite::Database db{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
    Repository repo{db};
    Id sam = 0;
    Id lee = 0;
    Id jo = 0;
    Id a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0;
    int sid = 0;

    Known()
    {
        migrate(db);
        OperatorAccount op;
        op.name = "sam";
        sam = repo.operators().addOperator(op, "x");
        op.name = "lee";
        op.role = Role::Lead;
        lee = repo.operators().addOperator(op, "x");
        op.name = "jo";
        op.role = Role::Supervisor;
        jo = repo.operators().addOperator(op, "x");

        a = text("a", kT0 + 9 * kHour, "can't sleep again");
        handle(a, sam, 30 * kSecond, 10 * kMinute, 12 * kMinute,
               "Talked about a sleepless week and the garden.",
               WrapUp{{"sleep", "loneliness"}, {}, Outcome::Supported, Helped::Yes});
        b = text("b", kT0 + 9 * kHour + 30 * kMinute, "everything feels too much");
        handle(b, sam, 90 * kSecond, 20 * kMinute, 25 * kMinute, "Anxious about work.",
               WrapUp{{"anxiety"}, {"peer support group"}, Outcome::Referred, Helped::Somewhat});
        repo.callers().addCallerNote(callerOf(b), b, sam, "Has a dog called Biscuit.",
                                     kT0 + 10 * kHour);
        c = text("a", kT0 + 14 * kHour + 15 * kMinute, "me again");
        handle(c, lee, 45 * kSecond, 0, 5 * kMinute, "Routine check-in.",
               WrapUp{{"sleep"}, {}, Outcome::Supported, Helped::Yes});
        d = call("c", kT0 + kDay + 8 * kHour + 5 * kMinute, std::nullopt, 0, 2 * kMinute,
                 "abandoned");
        e = call("d", kT0 + kDay + 20 * kHour + 40 * kMinute, lee, 120 * kSecond, 30 * kMinute,
                 "closed");
        repo.contacts().markClosed(e, ContactState::Closed, "Warm transfer to the crisis line.",
                                   kT0 + kDay + 21 * kHour + 20 * kMinute,
                                   WrapUp{{"loneliness"}, {}, Outcome::Escalated, Helped::Unsure});
        db.exec("UPDATE contacts SET risk = 'high' WHERE id = " + std::to_string(e));
        f = text("a", kT0 + kDay + 23 * kHour + 59 * kMinute + 30 * kSecond, "still there?");
        g = text("e", kT0 - kHour, "hello?");
        handle(g, sam, 60 * kSecond, 0, 2 * kMinute, "Line dropped.",
               WrapUp{{}, {}, Outcome::Disconnected, Helped::Unsure});
        h = text("b", kT0 + 2 * kDay, "morning");
        handle(h, sam, 10 * kSecond, 0, 1 * kMinute, "Quick hello.",
               WrapUp{{}, {}, Outcome::Supported, Helped::Yes});

        // Escalations as the escalation flow stores them.
        escalation(a, "concern", "closed", "resolved", kT0 + 9 * kHour + 5 * kMinute);
        const Id transfer = escalation(e, "high", "closed", "warm-transfer",
                                       kT0 + kDay + 20 * kHour + 50 * kMinute);
        step(transfer, lee, "asked-directly", R"({"answer":"yes"})");
        step(transfer, lee, "warm-transfer", R"({"to":"988"})");
        escalation(e, "imminent", "open", "", kT0 + kDay + 21 * kHour);
    }

    Id callerOf(Id contact) { return repo.contacts().contact(contact)->callerId; }

    Id text(const std::string& caller, EpochMs at, const std::string& body)
    {
        InboundText t;
        t.provider = Provider::Twilio;
        t.providerId = "SM" + std::to_string(++sid);
        t.from = "+1555555010" + std::to_string(sid % 10);
        t.to = "+15555550199";
        t.body = body;
        t.receivedAt = at;
        IngestOptions o;
        o.caller = CallerKey{"hash-" + caller, "sealed", "Alias " + caller};
        return repo.texts().ingestInbound(t, o).contact.id;
    }

    /// Accepts after `wait`, wraps up `wrapAfter` after accepting (0: no
    /// wrap-up step) and closes `closeAfter` after accepting.
    void handle(Id id, Id op, EpochMs wait, EpochMs wrapAfter, EpochMs closeAfter,
                const std::string& note, const WrapUp& w)
    {
        const EpochMs created = repo.contacts().contact(id)->createdAt;
        repo.contacts().markAccepted(id, op, created + wait);
        if (wrapAfter > 0) {
            repo.contacts().markWrapUp(id, created + wait + wrapAfter);
        }
        repo.contacts().markClosed(id, ContactState::Closed, note, created + wait + closeAfter, w);
    }

    /// A call as the SIP side stores it.
    Id call(const std::string& caller, EpochMs at, std::optional<Id> op, EpochMs wait,
            EpochMs wrapAfter, const std::string& state)
    {
        db.exec("INSERT OR IGNORE INTO callers (number_hash, number_enc, alias, created_at) "
                "VALUES ('hash-" +
                caller + "', 'sealed', 'Alias " + caller + "', " + std::to_string(at) + ")");
        SQLite::Statement q(db, "INSERT INTO contacts (caller_id, channel, state, created_at, "
                                "queued_at, accepted_at, wrapup_at, closed_at, operator_id) "
                                "SELECT id, 'call', ?, ?, ?, ?, ?, ?, ? FROM callers WHERE "
                                "number_hash = ?");
        q.bind(1, state);
        q.bind(2, at);
        q.bind(3, at);
        if (op) {
            q.bind(4, at + wait);
            q.bind(5, at + wait + wrapAfter);
            q.bind(7, *op);
        }
        q.bind(6, at + wait + wrapAfter);
        q.bind(8, "hash-" + caller);
        q.exec();
        return db.getLastInsertRowid();
    }

    Id escalation(Id contact, const std::string& level, const std::string& state,
                  const std::string& outcome, EpochMs at)
    {
        SQLite::Statement q(db, "INSERT INTO escalations (contact_id, level, source, signals, "
                                "state, opened_at, opened_by, closed_at, outcome) VALUES (?, ?, "
                                "'text', '[\"plan\"]', ?, ?, ?, ?, ?)");
        q.bind(1, contact);
        q.bind(2, level);
        q.bind(3, state);
        q.bind(4, at);
        q.bind(5, lee);
        if (state != "open") {
            q.bind(6, at + 10 * kMinute);
            q.bind(7, outcome);
        }
        q.exec();
        return db.getLastInsertRowid();
    }

    void step(Id escalation, Id op, const std::string& kind, const std::string& detail)
    {
        SQLite::Statement q(db, "INSERT INTO escalation_steps (escalation_id, at, operator_id, "
                                "kind, detail) VALUES (?, ?, ?, ?, ?)");
        q.bind(1, escalation);
        q.bind(2, kT0 + kDay + 20 * kHour + 55 * kMinute);
        q.bind(3, op);
        q.bind(4, kind);
        q.bind(5, detail);
        q.exec();
    }
};

inline std::vector<Id> idsOf(const ReviewPage& page)
{
    std::vector<Id> out;
    for (const auto& r : page.rows) {
        out.push_back(r.id);
    }
    return out;
}

inline std::int64_t countOf(const LabelCounts& counts, const std::string& label)
{
    for (const auto& [name, n] : counts) {
        if (name == label) {
            return n;
        }
    }
    return -1;
}

} // namespace warmline::test
