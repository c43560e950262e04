// Check-ins on a SQLite store (core/store/CheckIns.h): an occurrence is
// handled once however often it is fired (a restart), a stopped check-in
// fires nothing, a caller with a text conversation open gets the check-in
// joined to it instead of a second contact, STOP stops every check-in of
// the caller, and misses are listed for the lead. Data synthetic.

#include "core/store/CheckIns.h"
#include "core/store/Reports.h"
#include "core/store/Repository.h"
#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <string>

using namespace warmline;

namespace {

constexpr EpochMs kHour = 3'600'000;
constexpr EpochMs kT0 = 1'790'000'000'000;

struct Line
{
    SQLite::Database db{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
    Repository repo{db};
    Id sam = 0;
    Id caller = 0;
    Id firstContact = 0;

    Line()
    {
        migrate(db);
        OperatorAccount op;
        op.name = "sam";
        sam = repo.operators().addOperator(op, "x");
        const auto c = textIn("SMs1", "synthetic: could someone check on me on Friday", kT0);
        firstContact = c.id;
        caller = c.callerId;
        repo.contacts().markAccepted(c.id, sam, kT0 + 1000);
        repo.contacts().markClosed(c.id, ContactState::Closed, "Talked.", kT0 + 2000);
    }

    /// A text from the one synthetic caller; the contact it went to.
    ContactSummary textIn(const std::string& sid, const std::string& body, EpochMs at)
    {
        InboundText t;
        t.providerId = sid;
        t.from = "+15555550100";
        t.to = "+15555550199";
        t.body = body;
        t.receivedAt = at;
        IngestOptions o;
        o.caller = CallerKey{"hash-1", "encrypted", "Amber Heron 417"};
        return repo.texts().ingestInbound(t, o).contact;
    }

    Id schedule()
    {
        CheckInRecord r;
        r.callerId = caller;
        r.contactId = firstContact;
        r.zone = "America/New_York";
        r.schedule.minuteOfDay = 16 * 60;
        r.schedule.weekdays = 0b0010010; // Tuesday, Friday
        r.schedule.firstDay = kT0 / (24 * kHour);
        r.schedule.times = 4;
        r.reason = "synthetic: a hard week at work";
        r.consentBy = sam;
        r.consentAt = kT0 + 1500;
        r.lastDue = kT0 + 1500;
        return insertCheckIn(db, r);
    }
};

} // namespace

TEST_CASE("a check-in's occurrence queues one contact however often it fires", "[checkin]")
{
    Line line;
    const Id id = line.schedule();
    const EpochMs due = kT0 + 48 * kHour;
    const auto first = fireCheckIn(line.db, id, due, false, due + 5);
    REQUIRE(first.outcome == CheckInFire::Queued);
    const auto contact = line.repo.contacts().contact(first.contactId);
    REQUIRE(contact);
    CHECK(contact->state == ContactState::Queued);
    CHECK(contact->channel == Channel::Text);
    CHECK(contact->callerId == line.caller);
    CHECK(contact->preview == "Check-in: synthetic: a hard week at work");
    CHECK(fireCheckIn(line.db, id, due, false, due + 9).outcome == CheckInFire::Already);
    CHECK(line.db.execAndGet("SELECT COUNT(*) FROM contacts").getInt() == 2);
    CHECK(checkInById(line.db, id)->lastDue == due);
    CHECK(checkInOfContact(line.db, first.contactId)->id == id);
    const auto waiting = queuedCheckInContacts(line.db);
    REQUIRE(waiting.size() == 1);
    CHECK(waiting[0].first == first.contactId);
    CHECK(waiting[0].second == due);

    // Nobody took it: missed, and listed for the lead.
    CHECK(markCheckInMissed(line.db, first.contactId, due + 3 * kHour));
    CHECK_FALSE(markCheckInMissed(line.db, first.contactId, due + 4 * kHour));
    CHECK(line.repo.contacts().contact(first.contactId)->state == ContactState::Closed);
    const auto misses = missedCheckIns(line.db, due + 2 * kHour);
    REQUIRE(misses.size() == 1);
    CHECK(misses[0].dueAt == due);
    CHECK(misses[0].alias == "Amber Heron 417");
    const auto record = checkInById(line.db, id);
    CHECK(record->queued == 0);
    CHECK(record->missed == 1);
}

TEST_CASE("a caller texting when a check-in falls due gets it in that conversation", "[checkin]")
{
    Line line;
    const Id id = line.schedule();
    const Id open = line.textIn("SMs2", "synthetic: hi again", kT0 + 40 * kHour).id;
    const auto fired = fireCheckIn(line.db, id, kT0 + 48 * kHour, false, kT0 + 48 * kHour);
    CHECK(fired.outcome == CheckInFire::Joined);
    CHECK(fired.contactId == open);
    CHECK(line.db.execAndGet("SELECT COUNT(*) FROM contacts").getInt() == 2);
    CHECK(checkInById(line.db, id)->queued == 1);
}

TEST_CASE("stopped and missed check-ins queue nothing", "[checkin]")
{
    Line line;
    const Id id = line.schedule();
    CHECK(fireCheckIn(line.db, id, kT0 + 10 * kHour, true, kT0 + 30 * kHour).outcome ==
          CheckInFire::Missed);
    CHECK(line.db.execAndGet("SELECT COUNT(*) FROM contacts").getInt() == 1);
    CHECK(fireCheckIn(line.db, id, kT0 + 10 * kHour, false, kT0 + 30 * kHour).outcome ==
          CheckInFire::Already);

    const Id second = line.schedule();
    CHECK(activeCheckIns(line.db).size() == 2);
    const auto stopped =
        stopCheckInsOfCaller(line.db, line.caller, std::nullopt, "STOP", kT0 + 31 * kHour);
    CHECK(stopped == std::vector<Id>{id, second});
    CHECK(activeCheckIns(line.db).empty());
    CHECK_FALSE(stopCheckIn(line.db, id, line.sam, "again", kT0 + 32 * kHour));
    const auto record = checkInById(line.db, second);
    REQUIRE(record->stoppedAt);
    CHECK(*record->stoppedAt == kT0 + 31 * kHour);
    CHECK(record->stopReason == "STOP");
    CHECK_FALSE(record->stoppedBy);
    CHECK(fireCheckIn(line.db, second, kT0 + 48 * kHour, false, kT0 + 48 * kHour).outcome ==
          CheckInFire::Stopped);
    CHECK(line.db.execAndGet("SELECT COUNT(*) FROM contacts").getInt() == 1);
    CHECK(checkInsOfCaller(line.db, line.caller).size() == 2);
}

TEST_CASE("the report counts check-ins scheduled, reached, missed and stopped", "[checkin]")
{
    Line line;
    const Id id = line.schedule();
    line.schedule();
    fireCheckIn(line.db, id, kT0 + 10 * kHour, false, kT0 + 10 * kHour);
    fireCheckIn(line.db, id, kT0 + 12 * kHour, true, kT0 + 12 * kHour);
    stopCheckIn(line.db, id, line.sam, "asked", kT0 + 13 * kHour);
    fireCheckIn(line.db, id, kT0 + 50 * kHour, true, kT0 + 50 * kHour); // stopped: nothing
    const auto r = computeReport(line.db, ReportPeriod{kT0, kT0 + 24 * kHour, TimeZone::fixed(0)},
                                 ReportTargets{});
    CHECK(r.checkIns.scheduled == 2);
    CHECK(r.checkIns.reached == 1);
    CHECK(r.checkIns.missed == 1);
    CHECK(r.checkIns.stopped == 1);
    CHECK(toJson(r).at("checkIns").at("missed").as_int64() == 1);
    const auto csv = reportCsv(toJson(r));
    CHECK(csv.find("check_ins,all,scheduled,2") != std::string::npos);
    const auto later =
        computeReport(line.db, ReportPeriod{kT0 + 24 * kHour, kT0 + 72 * kHour, TimeZone::fixed(0)},
                      ReportTargets{});
    CHECK(later.checkIns.reached + later.checkIns.missed + later.checkIns.scheduled == 0);
}

TEST_CASE("a check-in's contact the caller wrote in is theirs: never missed, not restored as "
          "a check-in, and a conversation in wrap-up is not joined",
          "[checkin]")
{
    Line line;
    const Id id = line.schedule();
    const auto fired = fireCheckIn(line.db, id, kT0 + 10 * kHour, false, kT0 + 10 * kHour);
    REQUIRE(fired.outcome == CheckInFire::Queued);
    CHECK(line.textIn("SMs3", "synthetic: actually yes, can we talk now", kT0 + 11 * kHour).id ==
          fired.contactId);
    CHECK(queuedCheckInContacts(line.db).empty());
    CHECK_FALSE(markCheckInMissed(line.db, fired.contactId, kT0 + 13 * kHour));
    CHECK(line.repo.contacts().contact(fired.contactId)->state == ContactState::Queued);

    // Taken, then in wrap-up when the next time comes: a new contact.
    line.repo.contacts().markAccepted(fired.contactId, line.sam, kT0 + 14 * kHour);
    REQUIRE(line.repo.contacts().markWrapUp(fired.contactId, kT0 + 15 * kHour));
    const auto next = fireCheckIn(line.db, id, kT0 + 16 * kHour, false, kT0 + 16 * kHour);
    CHECK(next.outcome == CheckInFire::Queued);
    CHECK(next.contactId != fired.contactId);
}
