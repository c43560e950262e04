// Callbacks on a SQLite store (core/store/Callbacks.h): a waiting call
// becomes a callback that keeps its place, only once and only for a queued
// call; each dialling is an attempt; a failed attempt with attempts left
// puts the contact back at its place until the retry time, the last one
// closes it not reached. Data synthetic.

#include "core/store/Callbacks.h"
#include "core/store/Reports.h"
#include "core/store/Repository.h"
#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

using namespace warmline;

namespace {

constexpr EpochMs kT0 = 1'790'000'000'000;
constexpr EpochMs kMinute = 60'000;

struct Line
{
    SQLite::Database db{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
    Repository repo{db};
    Id sam = 0;

    Line()
    {
        migrate(db);
        OperatorAccount op;
        op.name = "sam";
        sam = repo.operators().addOperator(op, "x");
    }

    ContactSummary call(const std::string& hash, EpochMs at)
    {
        return repo.contacts().ingestCall(CallerKey{hash, "sealed-" + hash, "Still Birch 88"},
                                          "+15555550100", at);
    }
};

} // namespace

TEST_CASE("a waiting call becomes a callback that keeps its place, once", "[store][callback]")
{
    Line l;
    const auto first = l.call("hash-a", kT0);
    const auto second = l.call("hash-b", kT0 + kMinute);

    const auto b = requestCallback(l.db, first.id, kT0 + 3 * kMinute, kT0 + 3 * kMinute);
    REQUIRE(b);
    CHECK(b->state == CallbackState::Waiting);
    CHECK(b->attempts == 0);
    CHECK(b->requestedAt == kT0 + 3 * kMinute);
    CHECK(b->encryptedNumber == "sealed-hash-a");
    CHECK(b->lineNumber == "+15555550100");

    const auto c = *l.repo.contacts().contact(first.id);
    CHECK(c.state == ContactState::Queued);
    CHECK(c.queuedAt == kT0); // still ahead of the second caller
    CHECK(c.preview == kCallbackPreview);
    CHECK(c.queuedAt < l.repo.contacts().contact(second.id)->queuedAt);

    CHECK_FALSE(
        requestCallback(l.db, first.id, kT0 + 4 * kMinute, kT0 + 4 * kMinute)); // already one
    l.repo.contacts().markAccepted(second.id, l.sam, kT0 + 4 * kMinute);
    CHECK_FALSE(
        requestCallback(l.db, second.id, kT0 + 4 * kMinute, kT0 + 4 * kMinute)); // not waiting
    CHECK(openCallbacks(l.db).size() == 1);

    // A request whose contact an operator took meanwhile is withdrawn.
    const auto third = l.call("hash-i", kT0 + 2 * kMinute);
    REQUIRE(requestCallback(l.db, third.id, kT0 + 5 * kMinute, kT0 + 5 * kMinute));
    l.repo.contacts().markAccepted(third.id, l.sam, kT0 + 5 * kMinute);
    withdrawCallback(l.db, third.id);
    CHECK_FALSE(callbackOf(l.db, third.id));
    CHECK(l.repo.contacts().contact(third.id)->preview.empty());
    CHECK(openCallbacks(l.db).size() == 1);
}

TEST_CASE("a keyed number is the one dialled, and is forgotten once the callback closes",
          "[store][callback]")
{
    Line l;
    const auto reached = l.call("hash-k", kT0);
    const auto missed = l.call("hash-m", kT0 + kMinute);
    const std::string keyed = "sealed-keyed-number";
    const std::vector<unsigned char> blob(keyed.begin(), keyed.end());
    REQUIRE(requestCallback(l.db, reached.id, kT0 + 2 * kMinute, kT0 + 2 * kMinute, blob));
    REQUIRE(requestCallback(l.db, missed.id, kT0 + 2 * kMinute, kT0 + 2 * kMinute, blob));
    CHECK(callbackOf(l.db, reached.id)->encryptedNumber == keyed);
    CHECK(openCallbacks(l.db).at(0).encryptedNumber == keyed);

    // A failed attempt with attempts left keeps it for the next one.
    l.repo.contacts().markAccepted(missed.id, l.sam, kT0 + 3 * kMinute);
    callbackDialling(l.db, missed.id, kT0 + 3 * kMinute);
    CHECK(callbackFailed(l.db, missed.id, "busy", kT0 + 3 * kMinute, 2, 0).encryptedNumber ==
          keyed);
    l.repo.contacts().markAccepted(missed.id, l.sam, kT0 + 4 * kMinute);
    callbackDialling(l.db, missed.id, kT0 + 4 * kMinute);
    callbackFailed(l.db, missed.id, "busy", kT0 + 4 * kMinute, 2, 0);

    l.repo.contacts().markAccepted(reached.id, l.sam, kT0 + 3 * kMinute);
    callbackDialling(l.db, reached.id, kT0 + 3 * kMinute);
    callbackReached(l.db, reached.id, kT0 + 3 * kMinute);

    // Closed either way: only the number the caller called from is left.
    SQLite::Statement left(l.db, "SELECT COUNT(*) FROM callbacks WHERE number_enc IS NOT NULL");
    REQUIRE(left.executeStep());
    CHECK(left.getColumn(0).getInt() == 0);
    CHECK(callbackOf(l.db, reached.id)->encryptedNumber == "sealed-hash-k");
    CHECK(callbackOf(l.db, missed.id)->encryptedNumber == "sealed-hash-m");
}

TEST_CASE("failed attempts wait for the retry time at their place, and the last one closes it",
          "[store][callback]")
{
    Line l;
    const auto contact = l.call("hash-c", kT0);
    REQUIRE(requestCallback(l.db, contact.id, kT0 + kMinute, kT0 + kMinute));

    l.repo.contacts().markAccepted(contact.id, l.sam, kT0 + 2 * kMinute);
    callbackDialling(l.db, contact.id, kT0 + 2 * kMinute);
    auto b = callbackFailed(l.db, contact.id, "The caller's phone did not answer in time.",
                            kT0 + 3 * kMinute, 2, 10 * kMinute);
    CHECK(b.state == CallbackState::Waiting);
    CHECK(b.attempts == 1);
    CHECK(b.nextAttemptAt == kT0 + 13 * kMinute);
    CHECK(b.lastFailure == "The caller's phone did not answer in time.");
    auto c = *l.repo.contacts().contact(contact.id);
    CHECK(c.state == ContactState::Queued);
    CHECK(c.queuedAt == kT0);
    CHECK_FALSE(c.operatorId);

    l.repo.contacts().markAccepted(contact.id, l.sam, kT0 + 14 * kMinute);
    callbackDialling(l.db, contact.id, kT0 + 15 * kMinute);
    b = callbackFailed(l.db, contact.id, "The caller's phone answered 486 Busy Here.",
                       kT0 + 16 * kMinute, 2, 10 * kMinute);
    CHECK(b.attempts == 2);
    CHECK(b.state == CallbackState::NotReached);
    c = *l.repo.contacts().contact(contact.id);
    CHECK(c.state == ContactState::Closed);
    CHECK(openCallbacks(l.db).empty());
    CHECK_THROWS(callbackDialling(l.db, contact.id, kT0 + 17 * kMinute));
}

TEST_CASE("a reached callback records when", "[store][callback]")
{
    Line l;
    const auto contact = l.call("hash-d", kT0);
    REQUIRE(requestCallback(l.db, contact.id, kT0 + kMinute, kT0 + kMinute));
    callbackDialling(l.db, contact.id, kT0 + 5 * kMinute);
    callbackReached(l.db, contact.id, kT0 + 6 * kMinute);
    const auto b = callbackOf(l.db, contact.id);
    REQUIRE(b);
    CHECK(b->state == CallbackState::Reached);
    CHECK(b->reachedAt == kT0 + 6 * kMinute);
    CHECK(openCallbacks(l.db).empty());
    CHECK_FALSE(callbackOf(l.db, l.call("hash-e", kT0).id));
}

TEST_CASE("reports count callbacks requested, reached and not reached, and the time to reach",
          "[store][callback][report]")
{
    Line l;
    const auto a = l.call("hash-f", kT0);
    const auto b = l.call("hash-g", kT0);
    const auto c = l.call("hash-h", kT0);
    REQUIRE(requestCallback(l.db, a.id, kT0 + kMinute, kT0 + kMinute));
    REQUIRE(requestCallback(l.db, b.id, kT0 + kMinute, kT0 + kMinute));
    REQUIRE(requestCallback(l.db, c.id, kT0 + 2 * kMinute, kT0 + 2 * kMinute));
    callbackDialling(l.db, a.id, kT0 + 5 * kMinute);
    callbackReached(l.db, a.id, kT0 + 5 * kMinute); // 4 min after asking
    callbackDialling(l.db, b.id, kT0 + 7 * kMinute);
    callbackReached(l.db, b.id, kT0 + 9 * kMinute); // 8 min
    callbackDialling(l.db, c.id, kT0 + 9 * kMinute);
    callbackFailed(l.db, c.id, "Busy.", kT0 + 10 * kMinute, 1, kMinute);

    const auto r = computeReport(l.db, ReportPeriod{kT0, kT0 + 60 * kMinute, TimeZone::fixed(0)},
                                 ReportTargets{});
    CHECK(r.callbacks.requested == 3);
    CHECK(r.callbacks.reached == 2);
    CHECK(r.callbacks.notReached == 1);
    CHECK(r.callbacks.meanMsToCallback == 6 * kMinute);
    const auto csv = reportCsv(toJson(r));
    CHECK(csv.find("callbacks,all,requested,3") != std::string::npos);
    CHECK(csv.find("callbacks,all,notReached,1") != std::string::npos);
    const auto later = computeReport(
        l.db, ReportPeriod{kT0 + 60 * kMinute, kT0 + 120 * kMinute, TimeZone::fixed(0)},
        ReportTargets{});
    CHECK(later.callbacks.requested + later.callbacks.reached + later.callbacks.notReached == 0);
}
