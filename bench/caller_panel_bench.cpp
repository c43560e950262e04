// Caller panel on a large store (PERFORMANCE.md "Desktop app" → "Caller
// panel"): how long after accepting a caller with 500 earlier contacts the
// panel is filled, on a store of 1,000,000 contacts.
//
//   bench_caller_panel [--work DIR] [--callers 200000] [--contacts 1000000]
//                      [--reps 20] [--synchronous full] [--keep]
//
// 1. Builds a store in DIR/data (default: a fresh directory under /var/tmp):
//    the gateway's own schema (warmline::migrate), the site key created with
//    SiteKeys::loadOrCreate in the data directory (the gateway loads that
//    file), then --contacts closed contacts over --callers synthetic callers
//    in one transaction with synchronous = OFF (a fixture). Caller "big" has
//    500 earlier closed contacts, caller "small" 5, spread over the whole
//    time range; each closed contact has a wrap-up note, outcome, helped and
//    topics. Both have one queued text (contact + inbound message). Their
//    number hash, sealed number and alias come from the site key, as the
//    webhook would store them; every other caller has synthetic blobs.
// 2. Adds an operator (warmline-gateway add-operator), starts the gateway on
//    the data directory (port 0, ready file), logs in over the link and sets
//    presence available.
// 3. For each caller, --reps times: the sequence the app sends on accept
//    (ShiftSession::acceptContact → loadCaller): contact.accept, and after
//    its ack caller.get; the time from sending contact.accept to holding the
//    caller.get ack (checked: 500 resp. 5 history entries). Then, offscreen,
//    what ShiftSession/CallerPanel do with that reply: parse the frame with
//    QJsonDocument, HistoryRecord/CallerRecord::fromJson, setHistory on a
//    CallerHistoryModel, showCaller, and repaint the panel. Then
//    contact.release (not timed) so the next round can accept it again.
// 4. The bare SQLite cost on the same file: CallerStore::callerProfile and
//    CallerStore::callerHistory (what caller.get runs) on a read-only
//    connection.
//
// Prints p50/p99/max of each. Synthetic data only: the two callers' numbers
// are in the fictional 555-01xx block, bodies and notes are made up.

#include "app/link/LinkRecords.h"
#include "app/shift/CallerHistoryModel.h"
#include "app/shift/CallerPanel.h"
#include "core/domain/CallerIdentity.h"
#include "core/store/Repository.h"
#include "core/store/Schema.h"
#include "support/Process.h"
#include "telephony/net/LinkClient.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <boost/json.hpp>

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

using namespace warmline;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct Args
{
    fs::path work;
    int callers = 200000;
    int contacts = 1000000;
    int reps = 20;
    bool keep = false;
    std::string synchronous = "full"; ///< the gateway's [store] synchronous
};

[[noreturn]] void usageError(const std::string& message)
{
    std::cerr << "bench_caller_panel: " << message
              << "\nusage: bench_caller_panel [--work DIR] [--callers N] [--contacts N] "
                 "[--reps N] [--synchronous full|normal|off] [--keep]\n";
    std::exit(2);
}

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
            usageError(arg + " needs a value");
        }
        const std::string v = argv[++i];
        if (arg == "--work") {
            a.work = v;
        } else if (arg == "--callers") {
            a.callers = std::atoi(v.c_str());
        } else if (arg == "--contacts") {
            a.contacts = std::atoi(v.c_str());
        } else if (arg == "--synchronous") {
            a.synchronous = v;
        } else if (arg == "--reps") {
            a.reps = std::atoi(v.c_str());
        } else {
            usageError("unknown option " + arg);
        }
    }
    if (a.callers < 10 || a.contacts < 1000 || a.reps < 1) {
        usageError("--callers >= 10, --contacts >= 1000, --reps >= 1");
    }
    return a;
}

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Summary
{
    double p50 = 0, p99 = 0, max = 0;
};

Summary summarise(std::vector<double> ms)
{
    Summary s;
    if (ms.empty()) {
        return s;
    }
    std::sort(ms.begin(), ms.end());
    auto at = [&ms](double q) {
        const auto idx = static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1) + 0.5);
        return ms[std::min(idx, ms.size() - 1)];
    };
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.max = ms.back();
    return s;
}

void printRow(const char* label, const std::vector<double>& ms)
{
    const auto s = summarise(ms);
    std::printf("  %-44s n=%-3zu p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms\n", label, ms.size(),
                s.p50, s.p99, s.max);
}

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// 64 hex digits derived from i: a synthetic number hash.
std::string syntheticHash(std::uint64_t i)
{
    std::string out;
    char buf[17];
    for (std::uint64_t k = 0; k < 4; ++k) {
        std::snprintf(buf, sizeof buf, "%016llx",
                      static_cast<unsigned long long>(splitmix(i * 4 + k + 1)));
        out += buf;
    }
    return out;
}

struct Fixture
{
    std::int64_t bigCaller = 0;
    std::int64_t smallCaller = 0;
    std::int64_t bigQueued = 0;
    std::int64_t smallQueued = 0;
    std::size_t bigEarlier = 500;
    std::size_t smallEarlier = 5;
};

/// Builds the store; returns the ids the measurement needs.
Fixture buildStore(const fs::path& dataDir, const Args& args)
{
    fs::create_directories(dataDir);
    fs::permissions(dataDir, fs::perms::owner_all, fs::perm_options::replace);
    const SiteKeys keys = SiteKeys::loadOrCreate(dataDir / "site.key");

    SQLite::Database db((dataDir / "warmline.db").string(),
                        SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate(db);
    db.exec("PRAGMA synchronous = OFF");

    Fixture fx;
    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    // Contacts 30 s apart, ending an hour ago.
    const std::int64_t step = 30000;
    const std::int64_t t0 = now - 3600000 - step * args.contacts;

    SQLite::Transaction tx(db);
    db.exec("INSERT INTO operators (id, name, password_hash, role, disabled, created_at) "
            "VALUES (1, 'past-operator', '!', 'operator', 1, " +
            std::to_string(t0) + ")");

    SQLite::Statement caller(db, "INSERT INTO callers (id, number_hash, number_enc, alias, "
                                 "created_at) VALUES (?, ?, ?, ?, ?)");
    auto addCaller = [&](std::int64_t id, const std::string& hash, const std::string& enc) {
        caller.bind(1, id);
        caller.bind(2, hash.data(), static_cast<int>(hash.size()));
        caller.bind(3, enc.data(), static_cast<int>(enc.size()));
        caller.bind(4, aliasFor(hash));
        caller.bind(5, t0);
        caller.exec();
        caller.reset();
    };
    // The two measured callers, as the webhook would store them.
    fx.bigCaller = 1;
    fx.smallCaller = 2;
    for (const auto& [id, number] : {std::pair<std::int64_t, const char*>{1, "+12015550142"},
                                     std::pair<std::int64_t, const char*>{2, "+12015550143"}}) {
        const auto sealed = keys.encryptNumber(number);
        addCaller(id, keys.numberHash(number), std::string(sealed.begin(), sealed.end()));
    }
    const std::string fakeEnc(40, '\x5a');
    for (std::int64_t id = 3; id <= args.callers; ++id) {
        addCaller(id, syntheticHash(static_cast<std::uint64_t>(id)), fakeEnc);
    }

    SQLite::Statement closed(
        db, "INSERT INTO contacts (caller_id, channel, state, risk, line_number, created_at, "
            "queued_at, accepted_at, closed_at, operator_id, preview, message_count, "
            "wrapup_note, wrapup_at, outcome, helped, topics, referrals) VALUES (?, ?, 'closed', "
            "?, '+15555550199', ?, ?, ?, ?, 1, ?, 6, ?, ?, ?, ?, ?, ?)");
    static const char* kOutcomes[] = {"supported", "referred", "supported", "disconnected"};
    static const char* kHelped[] = {"yes", "somewhat", "unsure", "yes"};
    static const char* kTopics[] = {R"(["loneliness","sleep"])", R"(["family"])",
                                    R"(["work","money","housing"])", R"(["health"])"};
    static const char* kRisks[] = {"none", "none", "concern", "none"};
    const int others = args.callers - 2;
    const std::int64_t bigEvery = args.contacts / static_cast<std::int64_t>(fx.bigEarlier);
    const std::int64_t smallEvery = args.contacts / static_cast<std::int64_t>(fx.smallEarlier);
    std::size_t bigCount = 0;
    std::size_t smallCount = 0;
    for (std::int64_t i = 0; i < args.contacts; ++i) {
        std::int64_t callerId;
        if (i % bigEvery == 7 && bigCount < fx.bigEarlier) {
            callerId = fx.bigCaller;
            ++bigCount;
        } else if (i % smallEvery == 11 && smallCount < fx.smallEarlier) {
            callerId = fx.smallCaller;
            ++smallCount;
        } else {
            callerId = 3 + (static_cast<std::int64_t>(splitmix(static_cast<std::uint64_t>(i))) &
                            0x7FFFFFFF) %
                               others;
        }
        const std::int64_t created = t0 + i * step;
        const auto k = static_cast<std::size_t>(i % 4);
        closed.bind(1, callerId);
        closed.bind(2, i % 5 == 0 ? "call" : "text");
        closed.bind(3, kRisks[k]);
        closed.bind(4, created);
        closed.bind(5, created);
        closed.bind(6, created + 20000);
        closed.bind(7, created + 1500000);
        closed.bind(8, "Had a hard week and wanted someone to listen for a while");
        closed.bind(9, "Talked through the week; caller felt calmer by the end and plans to call "
                       "a friend tomorrow. Contact " +
                           std::to_string(i) + ".");
        closed.bind(10, created + 1200000);
        closed.bind(11, kOutcomes[k]);
        closed.bind(12, kHelped[k]);
        closed.bind(13, kTopics[k]);
        closed.bind(14, k == 1 ? R"(["local-services"])" : "[]");
        closed.exec();
        closed.reset();
    }
    if (bigCount != fx.bigEarlier || smallCount != fx.smallEarlier) {
        throw std::runtime_error("fixture: wrong number of earlier contacts");
    }

    // The current queued texts.
    SQLite::Statement queued(db, "INSERT INTO contacts (caller_id, channel, state, line_number, "
                                 "created_at, queued_at, preview, message_count) VALUES (?, "
                                 "'text', 'queued', '+15555550199', ?, ?, ?, 1)");
    SQLite::Statement message(db, "INSERT INTO messages (contact_id, direction, body, at, "
                                  "provider, provider_id, status) VALUES (?, 'in', ?, ?, "
                                  "'twilio', ?, 'received')");
    const std::string body = "are you there, it is one of those nights again";
    for (const std::int64_t callerId : {fx.bigCaller, fx.smallCaller}) {
        const std::int64_t at = now - 60000 + callerId;
        queued.bind(1, callerId);
        queued.bind(2, at);
        queued.bind(3, at);
        queued.bind(4, body);
        queued.exec();
        queued.reset();
        const std::int64_t contactId = db.getLastInsertRowid();
        message.bind(1, contactId);
        message.bind(2, body);
        message.bind(3, at);
        message.bind(4, "SMpanelbench" + std::to_string(callerId));
        message.exec();
        message.reset();
        (callerId == fx.bigCaller ? fx.bigQueued : fx.smallQueued) = contactId;
    }
    tx.commit();
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return fx;
}

void expectAck(const link::ServerFrame& f, const std::string& what)
{
    if (f.kind != link::ServerFrame::Kind::Ack) {
        throw std::runtime_error(what + " refused: " + f.message);
    }
}

struct PanelTimes
{
    std::vector<double> accept; ///< contact.accept sent → its ack held
    std::vector<double> link;   ///< contact.accept sent → caller.get ack held
    std::vector<double> fill;   ///< parse + models + panel repaint
    std::vector<double> total;  ///< link + fill, per round
};

/// The app's side of loadCaller(): from the frame's text to a painted panel.
double fillPanel(const std::string& frameText, std::int64_t contactId, std::size_t expected,
                 app::CallerHistoryModel& model, app::CallerPanel& panel, const app::LineInfo& line)
{
    const auto t0 = Clock::now();
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(frameText));
    const auto data = doc.object().value(u"data").toObject();
    const auto caller = app::CallerRecord::fromJson(data.value(u"caller").toObject());
    QList<app::HistoryRecord> history;
    const auto array = data.value(u"history").toArray();
    for (const auto& h : array) {
        const auto record = app::HistoryRecord::fromJson(h.toObject());
        if (record.id != contactId) {
            history.append(record);
        }
    }
    model.setHistory(history);
    panel.showCaller(caller.alias, &caller, true, line);
    panel.repaint();
    QApplication::processEvents();
    const double ms = msSince(t0);
    if (static_cast<std::size_t>(model.rowCount()) != expected) {
        throw std::runtime_error("panel shows " + std::to_string(model.rowCount()) +
                                 " history rows, expected " + std::to_string(expected));
    }
    model.setHistory({});
    panel.clear();
    QApplication::processEvents();
    return ms;
}

PanelTimes measure(telephony::LinkClient& client, std::int64_t contactId, std::size_t expected,
                   int reps, app::CallerHistoryModel& model, app::CallerPanel& panel,
                   const app::LineInfo& line)
{
    PanelTimes out;
    for (int r = 0; r < reps; ++r) {
        const auto t0 = Clock::now();
        const auto accept =
            client.request("contact.accept", boost::json::object{{"contactId", contactId}}, 30s);
        const double acceptMs = msSince(t0);
        expectAck(accept, "contact.accept");
        const auto callerGet =
            client.request("caller.get", boost::json::object{{"contactId", contactId}}, 30s);
        const double linkMs = msSince(t0);
        expectAck(callerGet, "caller.get");
        const auto& history = callerGet.data.at("history").as_array();
        if (history.size() != expected) {
            throw std::runtime_error("caller.get returned " + std::to_string(history.size()) +
                                     " history entries, expected " + std::to_string(expected));
        }
        // The frame as the app receives it (LinkClient has parsed it already).
        const std::string frameText = boost::json::serialize(
            boost::json::object{{"type", "ack"}, {"re", "1"}, {"data", callerGet.data}});
        const double fillMs = fillPanel(frameText, contactId, expected, model, panel, line);
        out.accept.push_back(acceptMs);
        out.link.push_back(linkMs);
        out.fill.push_back(fillMs);
        out.total.push_back(linkMs + fillMs);
        expectAck(
            client.request("contact.release", boost::json::object{{"contactId", contactId}}, 30s),
            "contact.release");
        while (client.nextEvent(0ms)) {
        }
    }
    return out;
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

} // namespace

int main(int argc, char** argv)
{
    const Args args = parseArgs(argc, argv);
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication qapp(argc, argv);

    std::optional<test::TempDir> ownDir;
    fs::path work = args.work;
    if (work.empty()) {
        if (!std::getenv("TMPDIR")) {
            setenv("TMPDIR", "/var/tmp", 0);
        }
        ownDir.emplace("warmline-panel-bench");
        work = ownDir->path();
    }
    const fs::path dataDir = work / "data";
    const fs::path config = work / "gateway.conf";
    const fs::path ready = work / "ready";

    auto t = Clock::now();
    const Fixture fx = buildStore(dataDir, args);
    std::printf("store: %d contacts + 2 queued, %d callers, built in %.1f s (%.0f MB)\n",
                args.contacts, args.callers, msSince(t) / 1000.0,
                static_cast<double>(fs::file_size(dataDir / "warmline.db")) / 1e6);

    test::writeFile(config,
                    "[http]\nport = 0\n[outbound]\nprovider = none\n[store]\nsynchronous = " +
                        args.synchronous + "\n");
    std::printf("gateway [store] synchronous = %s\n", args.synchronous.c_str());
    const std::string name = "panel-bench";
    const std::string password = "correct horse battery staple panel";
    {
        test::ProcessOptions p;
        p.argv = {
            WARMLINE_GATEWAY_BIN, "--data-dir", dataDir.string(), "--config", config.string(),
            "add-operator",       name,         "--role",         "operator", "--password-stdin"};
        p.stdinData = password + "\n";
        const auto r = test::runProgram(p, 60s);
        if (r.exitCode != 0) {
            std::cerr << "add-operator failed: " << r.err << "\n";
            return 1;
        }
    }
    test::ProcessOptions gp;
    gp.argv = {WARMLINE_GATEWAY_BIN, "--data-dir",   dataDir.string(), "--config",
               config.string(),      "--ready-file", ready.string()};
    gp.outputDir = work;
    gp.name = "gateway";
    test::Process gateway(gp);
    std::optional<int> port;
    t = Clock::now();
    if (!test::waitFor([&] { return (port = readyPort(ready)).has_value(); }, 120s)) {
        std::cerr << "gateway did not become ready:\n" << gateway.stderrText() << "\n";
        return 1;
    }
    std::printf("gateway ready on port %d after %.0f ms\n", *port, msSince(t));

    telephony::LinkClient client;
    client.connect("ws://127.0.0.1:" + std::to_string(*port) + "/link", 10s);
    expectAck(
        client.request("login", boost::json::object{{"name", name}, {"password", password}}, 30s),
        "login");
    expectAck(client.request("presence.set", boost::json::object{{"presence", "available"}}, 10s),
              "presence.set");
    const auto lineAck = client.request("line.info", {}, 10s);
    expectAck(lineAck, "line.info");
    const auto line = app::LineInfo::fromJson(
        QJsonDocument::fromJson(QByteArray::fromStdString(boost::json::serialize(lineAck.data)))
            .object());

    app::CallerHistoryModel model;
    app::CallerPanel panel(&model);
    panel.resize(420, 900);
    panel.show();
    QApplication::processEvents();

    std::printf("\n%d rounds each: contact.accept -> ack, caller.get -> ack (what "
                "ShiftSession::acceptContact sends), then the panel filled offscreen\n",
                args.reps);
    const auto big = measure(client, fx.bigQueued, fx.bigEarlier, args.reps, model, panel, line);
    const auto small =
        measure(client, fx.smallQueued, fx.smallEarlier, args.reps, model, panel, line);
    client.close();
    gateway.stop();

    std::printf("caller with %zu earlier contacts:\n", fx.bigEarlier);
    printRow("contact.accept ack", big.accept);
    printRow("accept + caller.get over the link", big.link);
    printRow("panel fill (parse, models, repaint)", big.fill);
    printRow("total (target 100 ms)", big.total);
    std::printf("caller with %zu earlier contacts:\n", fx.smallEarlier);
    printRow("contact.accept ack", small.accept);
    printRow("accept + caller.get over the link", small.link);
    printRow("panel fill (parse, models, repaint)", small.fill);
    printRow("total", small.total);

    // Bare SQLite: what caller.get runs on the store thread.
    {
        SQLite::Database db((dataDir / "warmline.db").string(), SQLite::OPEN_READONLY);
        Repository repo(db);
        std::printf("bare SQLite on the same file (read-only connection, %d rounds):\n", args.reps);
        for (const auto& [callerId, contactId, expected] :
             {std::tuple{fx.bigCaller, fx.bigQueued, fx.bigEarlier},
              std::tuple{fx.smallCaller, fx.smallQueued, fx.smallEarlier}}) {
            std::vector<double> history;
            std::vector<double> profile;
            for (int r = 0; r < args.reps; ++r) {
                auto t1 = Clock::now();
                const auto h = repo.callers().callerHistory(callerId, contactId, 500);
                history.push_back(msSince(t1));
                if (h.size() != expected) {
                    throw std::runtime_error("callerHistory returned the wrong count");
                }
                t1 = Clock::now();
                const auto p = repo.callers().callerProfile(callerId, 0, 0);
                profile.push_back(msSince(t1));
                if (!p) {
                    throw std::runtime_error("callerProfile found nothing");
                }
            }
            const std::string a = "callerHistory, " + std::to_string(expected) + " entries";
            const std::string b = "callerProfile, " + std::to_string(expected) + "-contact caller";
            printRow(a.c_str(), history);
            printRow(b.c_str(), profile);
        }
        SQLite::Statement plan(db, "EXPLAIN QUERY PLAN SELECT c.id FROM contacts c LEFT JOIN "
                                   "operators o ON o.id = c.operator_id WHERE c.caller_id = ? "
                                   "AND c.id != ? ORDER BY c.created_at DESC, c.id DESC LIMIT ?");
        std::printf("history query plan:\n");
        while (plan.executeStep()) {
            std::printf("  %s\n", plan.getColumn(3).getString().c_str());
        }
    }
    if (args.keep && ownDir) {
        std::printf("kept %s\n", work.c_str());
        setenv("WARMLINE_KEEP_TEST_DIRS", "1", 1);
    }
    return 0;
}
