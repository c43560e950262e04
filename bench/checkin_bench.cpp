// What a gateway start costs with many check-ins running (docs/checkins.md):
// reading every check-in not stopped from the store (activeCheckIns, on the
// store's reader thread) and working out each one's next time (nextCheckIn,
// on the gateway's event loop, which serves nothing else meanwhile). The
// schedules are the slowest kind for the walk: daily for a year, asked for
// their next time 300 days in, in America/New_York (two changes of summer
// time in the span), plus Tuesday-and-Friday and one-off ones. Side by side
// in the same run: a bare SQLite loop stepping over the same rows and
// reading one column, the least any start-up read can cost.
//
//   build/dev/bench/bench_checkins [check-ins]

#include "core/domain/CheckIn.h"
#include "core/domain/TimeZone.h"
#include "core/store/CheckIns.h"
#include "core/store/Repository.h"
#include "core/store/Schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace warmline;

namespace {

constexpr EpochMs kDay = 86'400'000;
constexpr std::int64_t kFirstDay = 20'752; // 2026-10-26

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000;
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    Repository repo(db);
    OperatorAccount op;
    op.name = "sam";
    const Id sam = repo.operators().addOperator(op, "x");
    {
        SQLite::Transaction t(db);
        for (std::size_t i = 0; i < n; ++i) {
            InboundText text;
            text.providerId = "SMb" + std::to_string(i);
            text.from = "+1555555" + std::to_string(1000 + i % 9000);
            text.to = "+15555550199";
            text.body = "synthetic";
            text.receivedAt = kFirstDay * kDay;
            IngestOptions o;
            o.caller = CallerKey{"hash-" + std::to_string(i), "enc", "Alias " + std::to_string(i)};
            const auto c = repo.texts().ingestInbound(text, o).contact;
            CheckInRecord r;
            r.callerId = c.callerId;
            r.contactId = c.id;
            r.zone = "America/New_York";
            r.schedule.minuteOfDay = 16 * 60;
            r.schedule.firstDay = kFirstDay;
            switch (i % 4) {
            case 0:
            case 1: // daily for a year, the longest walk
                r.schedule.weekdays = 0x7f;
                r.schedule.lastDay = kFirstDay + 365;
                break;
            case 2: // Tuesdays and Fridays, 100 times
                r.schedule.weekdays = 0b0010010;
                r.schedule.times = 100;
                break;
            default: // once, a month on
                r.schedule.firstDay = kFirstDay + 30;
                break;
            }
            r.reason = "synthetic";
            r.consentBy = sam;
            r.consentAt = kFirstDay * kDay;
            r.lastDue = (kFirstDay + 300) * kDay; // asked 300 days in
            insertCheckIn(db, r);
        }
        t.commit();
    }
    std::printf("check-ins: %zu\n", n);
    for (int round = 0; round < 3; ++round) {
        auto start = std::chrono::steady_clock::now();
        std::int64_t sum = 0;
        {
            SQLite::Statement q(db, "SELECT last_due FROM checkins WHERE stopped_at IS NULL");
            while (q.executeStep()) {
                sum += q.getColumn(0).getInt64();
            }
        }
        const double bare = msSince(start);
        start = std::chrono::steady_clock::now();
        const auto all = activeCheckIns(db);
        const double read = msSince(start);
        start = std::chrono::steady_clock::now();
        const TimeZone zone = TimeZone::named("America/New_York");
        std::size_t running = 0;
        for (const auto& r : all) {
            running += nextCheckIn(r.schedule, zone, r.lastDue).has_value() ? 1 : 0;
        }
        const double next = msSince(start);
        std::printf("round %d: bare SQLite loop %7.1f ms | activeCheckIns %7.1f ms | nextCheckIn "
                    "for all %7.1f ms (%.2f us each), %zu still running%s\n",
                    round + 1, bare, read, next, next * 1000.0 / static_cast<double>(all.size()),
                    running, sum == 0 ? " (empty)" : "");
    }
    return 0;
}
