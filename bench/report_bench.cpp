// Reports over a large store (PERFORMANCE.md "Reports"): the figures of a
// year of 1,000,000 contacts, side by side with baselines computing the same
// figures, and the review list on the same store.
//
//   bench_reports [--contacts 1000000] [--callers 200000] [--reps 5] [--keep]
//
// 1. Builds a store in a fresh temporary directory (under $TMPDIR, default
//    /var/tmp): the gateway's own schema (warmline::migrate, so the FTS
//    triggers index every note as the gateway would), then --contacts
//    contacts spread over 365 days ending now, in one transaction with
//    synchronous = OFF (a fixture): 40 % calls; 6 % abandoned; waits of
//    5-600 s; handle times of 5-40 min, 10 % closed without a wrap-up step;
//    1-3 of 12 topics; an outcome; a short wrap-up note; 1 % with an
//    escalation. A third of the contacts come from 2 % of the callers
//    (repeat callers), the rest from all callers at random. No messages:
//    reports count contacts.
// 2. The report for the whole year and for its last 30 days, --reps times
//    each, on one read-only connection:
//    a. computeReport: what report.get runs (one range scan of the covering
//       index contacts_report, aggregated in C++);
//    b. baseline "per-figure SQL, table scan": the same figures as plain
//       GROUP BY queries, one per figure (json_each for topics, ORDER BY ...
//       OFFSET for percentiles), forced to scan the table (NOT INDEXED);
//    c. the same per-figure SQL with the planner free to use the indexes;
//    d. the per-figure table-scan SQL through the sqlite3 command-line tool
//       (a separate process; one run per rep).
//    The baseline's figures are checked against computeReport's.
// 3. Starts warmline-gateway on the store and times report.get over the
//    link (request sent to ack parsed), and review.list: the first page, the
//    unreviewed escalated contacts, and a full-text search.
//
// Prints median and max of each. Synthetic data only.

#include "core/store/Reports.h"
#include "core/store/Schema.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace warmline;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

struct Args
{
    int contacts = 1000000;
    int callers = 200000;
    int reps = 5;
    bool keep = false;
};

Args parseArgs(int argc, char** argv)
{
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--keep") {
            a.keep = true;
            continue;
        }
        if (i + 1 >= argc) {
            std::cerr << "bench_reports: " << arg << " needs a value\n";
            std::exit(2);
        }
        const int v = std::atoi(argv[++i]);
        if (arg == "--contacts") {
            a.contacts = v;
        } else if (arg == "--callers") {
            a.callers = v;
        } else if (arg == "--reps") {
            a.reps = v;
        } else {
            std::cerr << "bench_reports: unknown option " << arg << "\n";
            std::exit(2);
        }
    }
    if (a.contacts < 1000 || a.callers < 100 || a.reps < 1) {
        std::cerr << "bench_reports: --contacts >= 1000, --callers >= 100, --reps >= 1\n";
        std::exit(2);
    }
    return a;
}

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void printRow(const std::string& label, std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    std::printf("  %-58s n=%-2zu median %8.1f ms  max %8.1f ms\n", label.c_str(), ms.size(),
                ms[(ms.size() - 1) / 2], ms.back());
}

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

constexpr EpochMs kDay = 24LL * 3600 * 1000;

/// Fills the store; returns the end of the period (now, rounded to a day).
EpochMs fill(const fs::path& dbPath, const Args& args)
{
    SQLite::Database db(dbPath.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate(db);
    db.exec("PRAGMA synchronous = OFF");
    const EpochMs end = (nowMs() / kDay) * kDay;
    const EpochMs start = end - 365 * kDay;

    SQLite::Transaction tx(db);
    db.exec("INSERT INTO operators (name, password_hash, role, disabled, created_at) VALUES "
            "('past-operator', '!', 'operator', 1, 0)");
    const Id op = db.getLastInsertRowid();
    {
        SQLite::Statement q(db, "INSERT INTO callers (id, number_hash, number_enc, alias, "
                                "created_at) VALUES (?, ?, x'5a5a', ?, ?)");
        for (int id = 1; id <= args.callers; ++id) {
            const std::string hash = "bench-" + std::to_string(id);
            q.bind(1, id);
            q.bind(2, hash.data(), static_cast<int>(hash.size()));
            q.bind(3, "Bench Caller " + std::to_string(id));
            q.bind(4, start);
            q.exec();
            q.reset();
        }
    }
    static const char* kTopics[] = {"loneliness",    "anxiety", "depression", "sleep",
                                    "relationships", "family",  "work",       "money",
                                    "housing",       "health",  "grief",      "other"};
    static const char* kOutcomes[] = {"supported", "supported",    "supported",
                                      "referred",  "disconnected", "escalated"};
    static const char* kHelped[] = {"yes", "somewhat", "no", "unsure"};
    static const char* kLevels[] = {"concern", "high", "imminent"};
    static const char* kEnds[] = {"resolved", "warm-transfer", "emergency-services"};
    SQLite::Statement contact(
        db, "INSERT INTO contacts (caller_id, channel, state, risk, created_at, queued_at, "
            "accepted_at, wrapup_at, closed_at, operator_id, preview, message_count, wrapup_note, "
            "outcome, helped, topics) VALUES (?, ?, ?, 'none', ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, "
            "?)");
    SQLite::Statement escalation(db, "INSERT INTO escalations (contact_id, level, source, state, "
                                     "opened_at, closed_at, outcome) VALUES (?, ?, 'text', ?, ?, "
                                     "?, ?)");
    const int heavy = std::max(1, args.callers / 50);
    const EpochMs step = (end - start) / args.contacts;
    for (int i = 0; i < args.contacts; ++i) {
        const std::uint64_t r = splitmix(static_cast<std::uint64_t>(i));
        const std::int64_t caller = (r % 3 == 0)
                                        ? 1 + static_cast<std::int64_t>((r >> 8) % heavy)
                                        : 1 + static_cast<std::int64_t>((r >> 8) % args.callers);
        const EpochMs created = start + i * step + static_cast<EpochMs>((r >> 20) % step);
        const bool call = (r >> 30) % 10 < 4;
        const bool abandoned = (r >> 34) % 100 < 6;
        const EpochMs wait = 5000 + static_cast<EpochMs>((r >> 40) % 595000);
        const EpochMs handle = 300000 + static_cast<EpochMs>((r >> 12) % 2100000);
        const bool wrapStep = (r >> 50) % 10 != 0;
        contact.bind(1, caller);
        contact.bind(2, call ? "call" : "text");
        contact.bind(3, abandoned ? "abandoned" : "closed");
        contact.bind(4, created);
        contact.bind(5, created);
        if (abandoned) {
            contact.bind(8, created + wait);
        } else {
            contact.bind(6, created + wait);
            if (wrapStep) {
                contact.bind(7, created + wait + handle);
            }
            contact.bind(8, created + wait + handle + 120000);
            contact.bind(9, op);
            std::string topics = "[";
            const int n = 1 + static_cast<int>((r >> 44) % 3);
            bool first = true;
            for (int k = 0; k < n; ++k) {
                const std::string quoted =
                    "\"" + std::string(kTopics[(r >> (k * 4 + 2)) % 12]) + "\"";
                if (topics.find(quoted) == std::string::npos) {
                    topics += (first ? "" : ",") + quoted;
                    first = false;
                }
            }
            topics += "]";
            contact.bind(11, "Listened for a while; caller talked about " +
                                 std::string(kTopics[(r >> 2) % 12]) + ". Contact " +
                                 std::to_string(i) + ".");
            contact.bind(12, kOutcomes[(r >> 54) % 6]);
            contact.bind(13, kHelped[(r >> 58) % 4]);
            contact.bind(14, topics);
        }
        contact.bind(10, call ? 0 : 4 + static_cast<int>((r >> 24) % 12));
        if (abandoned) {
            contact.bind(14, "[]");
        }
        contact.exec();
        contact.reset();
        contact.clearBindings();
        if (!abandoned && (r >> 60) % 100 < 1) {
            const Id cid = db.getLastInsertRowid();
            const bool open = (r >> 5) % 10 == 0;
            escalation.bind(1, cid);
            escalation.bind(2, kLevels[(r >> 6) % 3]);
            escalation.bind(3, open ? "open" : "closed");
            escalation.bind(4, created + wait + 60000);
            if (!open) {
                escalation.bind(5, created + wait + 600000);
                escalation.bind(6, kEnds[(r >> 9) % 3]);
            }
            escalation.exec();
            escalation.reset();
            escalation.clearBindings();
        }
    }
    tx.commit();
    db.exec("ANALYZE");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return end;
}

/// The per-figure baseline: plain SQL, one query per figure.
std::vector<std::string> baselineQueries(const ReportPeriod& p, bool tableScan)
{
    const std::string t = tableScan ? "contacts NOT INDEXED" : "contacts";
    const std::string in = " WHERE created_at >= " + std::to_string(p.from) + " AND created_at < " +
                           std::to_string(p.to);
    const std::string off =
        std::to_string(static_cast<EpochMs>(p.zone.offsetMinutesAt(p.from)) * 60000);
    const std::string answered = in + " AND accepted_at IS NOT NULL";
    const std::string handled = answered + " AND COALESCE(wrapup_at, closed_at) > accepted_at";
    auto rank = [&](const std::string& expr, const std::string& where, int percent) {
        return "SELECT " + expr + " AS v FROM " + t + where +
               " ORDER BY v LIMIT 1 OFFSET "
               "(SELECT (COUNT(*) * " +
               std::to_string(percent) + " + 99) / 100 - 1 FROM " + t + where + ")";
    };
    const std::string wait = "accepted_at - created_at";
    const std::string handle = "COALESCE(wrapup_at, closed_at) - accepted_at";
    return {
        "SELECT COUNT(*), SUM(accepted_at IS NOT NULL), SUM(state = 'abandoned') FROM " + t + in,
        "SELECT channel, COUNT(*), SUM(accepted_at IS NOT NULL), SUM(state = 'abandoned') FROM " +
            t + in + " GROUP BY channel",
        "SELECT (created_at + " + off +
            ") / 86400000 AS d, COUNT(*), SUM(accepted_at IS NOT "
            "NULL), SUM(state = 'abandoned') FROM " +
            t + in + " GROUP BY d",
        "SELECT ((created_at + " + off + ") % 86400000) / 3600000 AS h, COUNT(*) FROM " + t + in +
            " GROUP BY h",
        "SELECT COUNT(*), AVG(" + wait + "), SUM(" + wait + " <= " + std::to_string(60000) +
            "), MAX(" + wait + ") FROM " + t + answered,
        rank(wait, answered, 50),
        rank(wait, answered, 90),
        "SELECT COUNT(*), AVG(" + handle + "), MAX(" + handle + ") FROM " + t + handled,
        rank(handle, handled, 50),
        rank(handle, handled, 90),
        "SELECT j.value, COUNT(*) FROM " + t + ", json_each(topics) j" + in +
            " GROUP BY j.value ORDER BY 2 DESC, 1",
        "SELECT outcome, COUNT(*) FROM " + t + in +
            " AND outcome IS NOT NULL GROUP BY outcome ORDER BY 2 DESC, 1",
        "SELECT e.level, COALESCE(e.outcome, e.state), COUNT(*) FROM escalations e JOIN contacts c "
        "ON c.id = e.contact_id WHERE c.created_at >= " +
            std::to_string(p.from) + " AND c.created_at < " + std::to_string(p.to) +
            " GROUP BY 1, 2",
        "SELECT COUNT(*), SUM(n >= 2), SUM(CASE WHEN n >= 2 THEN n ELSE 0 END) FROM (SELECT "
        "caller_id, COUNT(*) AS n FROM " +
            t + in + " GROUP BY caller_id)",
    };
}

/// Figures the baseline gives, to compare with computeReport's.
struct Check
{
    std::int64_t contacts = 0, answered = 0, abandoned = 0, medianWait = 0, p90Handle = 0;
    std::int64_t topTopic = 0, repeatCallers = 0, escalations = 0;
};

Check runBaseline(SQLite::Database& db, const std::vector<std::string>& queries)
{
    Check c;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        SQLite::Statement q(db, queries[i]);
        bool first = true;
        while (q.executeStep()) {
            if (i == 0) {
                c.contacts = q.getColumn(0).getInt64();
                c.answered = q.getColumn(1).getInt64();
                c.abandoned = q.getColumn(2).getInt64();
            } else if (i == 5) {
                c.medianWait = q.getColumn(0).getInt64();
            } else if (i == 9) {
                c.p90Handle = q.getColumn(0).getInt64();
            } else if (i == 10 && first) {
                c.topTopic = q.getColumn(1).getInt64();
            } else if (i == 12) {
                c.escalations += q.getColumn(2).getInt64();
            } else if (i == 13) {
                c.repeatCallers = q.getColumn(1).getInt64();
            }
            first = false;
        }
    }
    return c;
}

bool agrees(const Check& c, const Report& r)
{
    const bool ok = c.contacts == r.totals.contacts && c.answered == r.totals.answered &&
                    c.abandoned == r.totals.abandoned && c.medianWait == r.answerTime.medianMs &&
                    c.p90Handle == r.handleTime.p90Ms && !r.topics.empty() &&
                    c.topTopic == r.topics.front().second && c.repeatCallers == r.repeatCallers &&
                    c.escalations == r.escalations;
    if (!ok) {
        std::printf("  MISMATCH: baseline contacts %lld answered %lld abandoned %lld median wait "
                    "%lld p90 handle %lld top topic %lld repeat %lld escalations %lld\n",
                    static_cast<long long>(c.contacts), static_cast<long long>(c.answered),
                    static_cast<long long>(c.abandoned), static_cast<long long>(c.medianWait),
                    static_cast<long long>(c.p90Handle), static_cast<long long>(c.topTopic),
                    static_cast<long long>(c.repeatCallers), static_cast<long long>(c.escalations));
    }
    return ok;
}

void expectAck(const link::ServerFrame& f, const std::string& what)
{
    if (f.kind != link::ServerFrame::Kind::Ack) {
        throw std::runtime_error(what + " refused: " + f.message);
    }
}

} // namespace

int main(int argc, char** argv)
{
    const Args args = parseArgs(argc, argv);
    if (!std::getenv("TMPDIR")) {
        setenv("TMPDIR", "/var/tmp", 0);
    }
    if (args.keep) {
        setenv("WARMLINE_KEEP_TEST_DIRS", "1", 1);
    }
    test::GatewayOptions options;
    options.configExtra = "[outbound]\nprovider = none\n";
    options.start = false;
    options.readyTimeout = 300s;
    test::GatewayProcess gateway(options);
    const std::string password = "correct horse battery staple reports";
    gateway.addOperator("jo", "supervisor", password);
    const fs::path dbPath = gateway.dataDir() / "warmline.db";

    auto t0 = Clock::now();
    const EpochMs end = fill(dbPath, args);
    std::printf("store: %d contacts, %d callers over 365 days, built in %.1f s (%.0f MB)\n",
                args.contacts, args.callers, msSince(t0) / 1000.0,
                static_cast<double>(fs::file_size(dbPath)) / 1e6);

    bool allAgree = true;
    {
        SQLite::Database db(dbPath.string(), SQLite::OPEN_READONLY);
        for (const auto& [label, from] : {std::pair<const char*, EpochMs>{"year", end - 365 * kDay},
                                          {"last 30 days", end - 30 * kDay}}) {
            const ReportPeriod period{from, end, TimeZone()};
            std::printf("\n%s (%s):\n", label, localDate(from, 0).c_str());
            std::vector<double> core;
            std::vector<double> scan;
            std::vector<double> planner;
            std::vector<double> cli;
            Report report;
            for (int r = 0; r < args.reps; ++r) {
                t0 = Clock::now();
                report = computeReport(db, period, ReportTargets{});
                core.push_back(msSince(t0));
            }
            std::printf("  contacts %lld, answered %lld, abandoned %lld, median wait %lld ms\n",
                        static_cast<long long>(report.totals.contacts),
                        static_cast<long long>(report.totals.answered),
                        static_cast<long long>(report.totals.abandoned),
                        static_cast<long long>(report.answerTime.medianMs));
            const auto scanQueries = baselineQueries(period, true);
            const auto plannerQueries = baselineQueries(period, false);
            for (int r = 0; r < args.reps; ++r) {
                t0 = Clock::now();
                const Check c = runBaseline(db, scanQueries);
                scan.push_back(msSince(t0));
                allAgree = agrees(c, report) && allAgree;
                t0 = Clock::now();
                allAgree = agrees(runBaseline(db, plannerQueries), report) && allAgree;
                planner.push_back(msSince(t0));
            }
            std::string script;
            for (const auto& q : scanQueries) {
                script += q + ";\n";
            }
            const fs::path sqlFile = gateway.dir() / "baseline.sql";
            test::writeFile(sqlFile, script);
            for (int r = 0; r < args.reps; ++r) {
                test::ProcessOptions p;
                p.argv = {"/bin/sh", "-c",
                          "sqlite3 -readonly '" + dbPath.string() + "' < '" + sqlFile.string() +
                              "' > /dev/null"};
                p.name = "sqlite3";
                t0 = Clock::now();
                const auto res = test::runProgram(p, 600s);
                cli.push_back(msSince(t0));
                if (res.exitCode != 0) {
                    throw std::runtime_error("sqlite3 failed: " + res.err);
                }
            }
            printRow("computeReport (report.get's work: one covering-index scan)", core);
            printRow("baseline: per-figure SQL, table scan (NOT INDEXED)", scan);
            printRow("baseline: per-figure SQL, planner's choice of index", planner);
            printRow("baseline: sqlite3 CLI, per-figure SQL, table scan", cli);
        }
    }
    std::printf("\nbaseline figures %s computeReport's\n", allAgree ? "agree with" : "DIFFER FROM");

    gateway.start();
    telephony::LinkClient client;
    client.connect(gateway.linkUrl(), 10s);
    expectAck(client.request("login", json::object{{"name", "jo"}, {"password", password}}, 30s),
              "login");
    std::printf("\nthrough the gateway (request sent to ack parsed):\n");
    std::vector<double> year;
    std::vector<double> month;
    for (int r = 0; r < args.reps; ++r) {
        t0 = Clock::now();
        const auto f = client.request("report.get",
                                      json::object{{"from", end - 365 * kDay}, {"to", end}}, 60s);
        year.push_back(msSince(t0));
        expectAck(f, "report.get");
        if (f.data.at("report").at("totals").at("contacts").as_int64() != args.contacts) {
            throw std::runtime_error("report.get counted a different number of contacts");
        }
        t0 = Clock::now();
        expectAck(
            client.request("report.get", json::object{{"from", end - 30 * kDay}, {"to", end}}, 60s),
            "report.get");
        month.push_back(msSince(t0));
    }
    printRow("report.get, the year", year);
    printRow("report.get, the last 30 days", month);
    std::vector<double> first;
    std::vector<double> filtered;
    std::vector<double> search;
    for (int r = 0; r < args.reps; ++r) {
        t0 = Clock::now();
        expectAck(client.request("review.list", json::object{}, 60s), "review.list");
        first.push_back(msSince(t0));
        t0 = Clock::now();
        expectAck(client.request("review.list",
                                 json::object{{"unreviewed", true}, {"escalated", true}}, 60s),
                  "review.list");
        filtered.push_back(msSince(t0));
        t0 = Clock::now();
        expectAck(client.request("review.list", json::object{{"search", "housing"}}, 60s),
                  "review.list");
        search.push_back(msSince(t0));
    }
    printRow("review.list, first page (with the total)", first);
    printRow("review.list, unreviewed and escalated", filtered);
    printRow("review.list, search \"housing\"", search);
    client.close();
    gateway.stop();
    if (args.keep) {
        std::printf("kept: %s\n", gateway.dir().c_str());
    }
    return allAgree ? 0 : 1;
}
