// The shift lead's board under load: N operator links working a queue of M
// contacts (accept, hold, release, again) plus a steady flow of new texts,
// and one lead link that measures how late the board hears of each change.
//
//   bench_board [--operators 50] [--queued 1000] [--seconds 20]
//               [--texts-per-second 5] [--hold-ms 800] [--work DIR]
//
// It builds the store itself (operators and queued contacts written with
// the Repository, one password hash for all), starts a real warmline-gateway
// on it (port 0), logs every operator in over the link and sets them
// available. Each operator then loops on its own contacts: contact.accept
// (the time is noted), hold --hold-ms, contact.release (noted), pause
// --hold-ms. The lead's link reads every event and matches them:
//   - board.operator with the contact among that operator's held ones
//     (the board's own event), against the accept's send time;
//   - contact.accepted (the queue event every link gets), the same;
//   - contact.queued after a release.
// It also times board.snapshot with the full queue. Prints p50/p90/p99/max.
//
// Synthetic data only: callers are +1 NPA 555-01xx (the fictional block),
// the line is +1 555 555 0199; bodies are made-up words.

#include "core/security/PasswordHasher.h"
#include "core/store/Repository.h"
#include "core/store/Schema.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace warmline;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

struct Args
{
    int operators = 50;
    int queued = 1000;
    int seconds = 20;
    int textsPerSecond = 5;
    int holdMs = 800;
    std::string work;
};

Args parseArgs(int argc, char** argv)
{
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << k << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (k == "--operators") {
            a.operators = std::stoi(value());
        } else if (k == "--queued") {
            a.queued = std::stoi(value());
        } else if (k == "--seconds") {
            a.seconds = std::stoi(value());
        } else if (k == "--texts-per-second") {
            a.textsPerSecond = std::stoi(value());
        } else if (k == "--hold-ms") {
            a.holdMs = std::stoi(value());
        } else if (k == "--work") {
            a.work = value();
        } else {
            std::cerr << "usage: bench_board [--operators N] [--queued M] [--seconds S] "
                         "[--texts-per-second R] [--hold-ms MS] [--work DIR]\n";
            std::exit(2);
        }
    }
    a.operators = std::clamp(a.operators, 1, 500);
    a.queued = std::clamp(a.queued, a.operators, 100000);
    return a;
}

double msBetween(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double, std::milli>(b - a).count();
}

struct Samples
{
    std::vector<double> ms;
    void add(double v) { ms.push_back(v); }
    void print(const char* what)
    {
        if (ms.empty()) {
            std::printf("  %-44s no samples\n", what);
            return;
        }
        std::sort(ms.begin(), ms.end());
        auto at = [&](double q) {
            return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))];
        };
        std::printf("  %-44s n=%-6zu p50 %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f ms\n", what,
                    ms.size(), at(0.5), at(0.9), at(0.99), ms.back());
    }
};

std::string callerNumber(int i)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "+1%03d55501%02d", 201 + (i / 100) % 700, i % 100);
    return buf;
}

std::optional<int> readyPort(const fs::path& readyFile)
{
    std::istringstream in(test::readFile(readyFile));
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("http_port=", 0) == 0) {
            return std::atoi(line.c_str() + 10);
        }
    }
    return std::nullopt;
}

/// Operators "op000"…, a lead "lead", and `queued` waiting contacts.
std::vector<Id> buildStore(const fs::path& dbPath, const Args& args, const std::string& password)
{
    SQLite::Database db(dbPath.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    Repository repo(db);
    const std::string hash = PasswordHasher().hash(password);
    SQLite::Transaction tx(db);
    const EpochMs now = nowMs();
    OperatorAccount lead;
    lead.name = "lead";
    lead.role = Role::Lead;
    lead.createdAt = now;
    repo.operators().addOperator(lead, hash);
    for (int i = 0; i < args.operators; ++i) {
        OperatorAccount op;
        char name[16];
        std::snprintf(name, sizeof name, "op%03d", i);
        op.name = name;
        op.role = Role::Operator;
        op.textCapacity = 3;
        op.createdAt = now;
        repo.operators().addOperator(op, hash);
    }
    SQLite::Statement caller(db, "INSERT INTO callers (number_hash, number_enc, alias, created_at) "
                                 "VALUES (?, x'00', ?, ?)");
    SQLite::Statement contact(db, "INSERT INTO contacts (caller_id, channel, state, created_at, "
                                  "queued_at, preview, message_count) "
                                  "VALUES (?, 'text', 'queued', ?, ?, 'synthetic words', 1)");
    std::vector<Id> ids;
    for (int i = 0; i < args.queued; ++i) {
        caller.reset();
        caller.bind(1, "bench-caller-" + std::to_string(i));
        caller.bind(2, "Bench Caller " + std::to_string(i));
        caller.bind(3, now);
        caller.exec();
        const Id callerId = db.getLastInsertRowid();
        // Waiting up to ten minutes, the older first.
        const EpochMs queuedAt = now - 600'000 + i * (600'000 / std::max(1, args.queued));
        contact.reset();
        contact.bind(1, callerId);
        contact.bind(2, queuedAt);
        contact.bind(3, queuedAt);
        contact.exec();
        ids.push_back(db.getLastInsertRowid());
    }
    tx.commit();
    return ids;
}

struct Pending
{
    Clock::time_point acceptSent{};
    Clock::time_point releaseSent{};
    bool boardSeen = true;
    bool acceptedSeen = true;
    bool queuedSeen = true;
};

} // namespace

int main(int argc, char** argv)
{
    const Args args = parseArgs(argc, argv);
    std::optional<test::TempDir> ownDir;
    fs::path work = args.work;
    if (work.empty()) {
        ownDir.emplace("warmline-board-bench");
        work = ownDir->path();
    }
    fs::create_directories(work / "data");
    const std::string password = "correct horse battery staple board";
    auto t = Clock::now();
    const std::vector<Id> queued = buildStore(work / "data" / "warmline.db", args, password);
    std::printf("store: %d operators + 1 lead, %d queued contacts, built in %.0f ms\n",
                args.operators, args.queued, msBetween(t, Clock::now()));

    test::writeFile(work / "gateway.conf",
                    "[http]\nport = 0\n[outbound]\nprovider = none\n[twilio]\n"
                    "validate_signature = false\n[store]\nsynchronous = normal\n");
    test::ProcessOptions gp;
    gp.argv = {WARMLINE_GATEWAY_BIN,
               "--data-dir",
               (work / "data").string(),
               "--config",
               (work / "gateway.conf").string(),
               "--ready-file",
               (work / "ready").string()};
    gp.outputDir = work;
    gp.name = "gateway";
    test::Process gateway(gp);
    std::optional<int> port;
    if (!test::waitFor([&] { return (port = readyPort(work / "ready")).has_value(); }, 120s)) {
        std::cerr << "gateway did not become ready:\n" << gateway.stderrText() << "\n";
        return 1;
    }
    const std::string linkUrl = "ws://127.0.0.1:" + std::to_string(*port) + "/link";

    auto must = [](const link::ServerFrame& f, const char* what) {
        if (f.kind != link::ServerFrame::Kind::Ack) {
            std::cerr << what << " refused: " << f.message << "\n";
            std::exit(1);
        }
        return f.data;
    };

    telephony::LinkClient lead;
    lead.connect(linkUrl, 10s);
    must(lead.request("login", {{"name", "lead"}, {"password", password}}, 60s), "lead login");
    Samples snapshot;
    std::size_t snapshotBytes = 0;
    for (int i = 0; i < 20; ++i) {
        const auto s = Clock::now();
        const auto data = must(lead.request("board.snapshot", {}, 30s), "board.snapshot");
        snapshot.add(msBetween(s, Clock::now()));
        snapshotBytes = json::serialize(data).size();
    }

    // Operators log in (argon2 on the gateway's reader thread: one at a time).
    t = Clock::now();
    std::vector<std::unique_ptr<telephony::LinkClient>> ops;
    for (int i = 0; i < args.operators; ++i) {
        auto c = std::make_unique<telephony::LinkClient>();
        c->connect(linkUrl, 10s);
        char name[16];
        std::snprintf(name, sizeof name, "op%03d", i);
        must(c->request("login", {{"name", name}, {"password", password}}, 60s), "login");
        must(c->request("presence.set", {{"presence", "available"}}, 10s), "presence");
        ops.push_back(std::move(c));
    }
    std::printf("%d operator links logged in and available in %.1f s\n", args.operators,
                msBetween(t, Clock::now()) / 1000.0);
    // What came to the lead while they logged in is not measured.
    while (lead.nextEvent(200ms)) {
    }

    std::mutex mutex;
    std::map<Id, Pending> pending;
    Samples boardAfterAccept, acceptedAfterAccept, queuedAfterRelease;
    std::atomic<bool> running{true};
    std::atomic<long> leadEvents{0}, leadBytes{0}, actions{0}, texts{0}, refused{0};
    const auto deadline = Clock::now() + std::chrono::seconds(args.seconds);

    std::thread leadThread([&] {
        const auto stopAt = deadline + 3s;
        while (Clock::now() < stopAt) {
            auto e = lead.nextEvent(100ms);
            if (!e) {
                continue;
            }
            const auto now = Clock::now();
            leadEvents++;
            leadBytes += static_cast<long>(json::serialize(e->data).size());
            std::lock_guard lock(mutex);
            if (e->name == "board.operator") {
                for (const auto& h : e->data.at("operator").at("held").as_array()) {
                    auto it = pending.find(h.at("id").as_int64());
                    if (it != pending.end() && !it->second.boardSeen) {
                        it->second.boardSeen = true;
                        boardAfterAccept.add(msBetween(it->second.acceptSent, now));
                    }
                }
            } else if (e->name == "contact.accepted") {
                auto it = pending.find(e->data.at("contact").at("id").as_int64());
                if (it != pending.end() && !it->second.acceptedSeen) {
                    it->second.acceptedSeen = true;
                    acceptedAfterAccept.add(msBetween(it->second.acceptSent, now));
                }
            } else if (e->name == "contact.queued") {
                auto it = pending.find(e->data.at("contact").at("id").as_int64());
                if (it != pending.end() && !it->second.queuedSeen) {
                    it->second.queuedSeen = true;
                    queuedAfterRelease.add(msBetween(it->second.releaseSent, now));
                }
            }
        }
    });

    std::vector<std::thread> workers;
    for (int i = 0; i < args.operators; ++i) {
        workers.emplace_back([&, i] {
            auto& c = *ops[static_cast<std::size_t>(i)];
            std::vector<Id> mine;
            for (std::size_t k = static_cast<std::size_t>(i); k < queued.size();
                 k += static_cast<std::size_t>(args.operators)) {
                mine.push_back(queued[k]);
            }
            std::mt19937 rng(static_cast<unsigned>(i));
            std::uniform_int_distribution<int> jitter(0, args.holdMs);
            std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
            std::size_t next = 0;
            while (Clock::now() < deadline) {
                const Id id = mine[next++ % mine.size()];
                {
                    std::lock_guard lock(mutex);
                    auto& p = pending[id];
                    p.acceptSent = Clock::now();
                    p.boardSeen = p.acceptedSeen = false;
                }
                const auto a = c.request("contact.accept", {{"contactId", id}}, 30s);
                actions++;
                if (a.kind != link::ServerFrame::Kind::Ack) {
                    refused++;
                    std::lock_guard lock(mutex);
                    pending[id].boardSeen = pending[id].acceptedSeen = true;
                    continue;
                }
                while (c.nextEvent(0ms)) {
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(args.holdMs));
                {
                    std::lock_guard lock(mutex);
                    auto& p = pending[id];
                    p.releaseSent = Clock::now();
                    p.queuedSeen = false;
                }
                c.request("contact.release", {{"contactId", id}}, 30s);
                actions++;
                while (c.nextEvent(0ms)) {
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(args.holdMs));
            }
        });
    }

    std::thread sender([&] {
        telephony::SimpleHttpClient http("http://127.0.0.1:" + std::to_string(*port), 10s);
        int n = 0;
        const auto step = std::chrono::milliseconds(1000 / std::max(1, args.textsPerSecond));
        auto next = Clock::now();
        while (Clock::now() < deadline) {
            const auto r = http.postForm("/sms/twilio",
                                         telephony::SimpleHttpClient::formEncode(
                                             {{"MessageSid", "SMboardbench" + std::to_string(n)},
                                              {"From", callerNumber(5000 + n)},
                                              {"To", "+15555550199"},
                                              {"Body", "synthetic words for the board bench"},
                                              {"NumMedia", "0"}}));
            if (r.status == 200) {
                texts++;
            }
            ++n;
            next += step;
            std::this_thread::sleep_until(next);
        }
    });

    for (auto& w : workers) {
        w.join();
    }
    sender.join();
    leadThread.join();
    running = false;

    std::printf("\n%d operators, %d queued, %d s: %ld accept/release requests (%ld refused), "
                "%ld texts in\n",
                args.operators, args.queued, args.seconds, actions.load(), refused.load(),
                texts.load());
    std::printf("lead link: %ld events (%.0f/s), %.1f KiB/s of event data\n", leadEvents.load(),
                static_cast<double>(leadEvents.load()) / (args.seconds + 3),
                static_cast<double>(leadBytes.load()) / 1024.0 / (args.seconds + 3));
    snapshot.print("board.snapshot request -> ack");
    std::printf("  (board.snapshot data: %.1f KiB)\n", static_cast<double>(snapshotBytes) / 1024.0);
    acceptedAfterAccept.print("accept sent -> contact.accepted at the lead");
    boardAfterAccept.print("accept sent -> board.operator at the lead");
    queuedAfterRelease.print("release sent -> contact.queued at the lead");
    for (auto& c : ops) {
        c->close();
    }
    lead.close();
    gateway.stop();
    return 0;
}
