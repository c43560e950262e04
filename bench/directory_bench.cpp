// The resource directory's search on a generated directory of 50,000
// services (docs/PERFORMANCE.md "Resource directory"): import time, file
// size, and the wall time of typical searches (p50, p99, max over many
// runs), beside a bare SQLite loop over the same rows (LIKE on the stored
// text) in the same run. Synthetic data only.
//
// Usage: bench_directory [SERVICES] [RUNS]

#include "core/directory/Directory.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace warmline::directory;
using Clock = std::chrono::steady_clock;

namespace {

const std::vector<std::string> kWordsEn = {
    "food",     "pantry",    "groceries", "meals",    "shelter",    "housing",   "rent",
    "support",  "group",     "peer",      "recovery", "counseling", "therapy",   "legal",
    "clinic",   "health",    "dental",    "youth",    "seniors",    "veterans",  "family",
    "job",      "training",  "bus",       "rides",    "crisis",     "grief",     "parents",
    "harm",     "reduction", "naloxone",  "syringes", "utility",    "bills",     "clothing",
    "diapers",  "laundry",   "showers",   "mail",     "phone",      "internet",  "tax",
    "benefits", "insurance", "pharmacy",  "glasses",  "hearing",    "wheelchair"};
const std::vector<std::string> kWordsEs = {
    "comida",  "despensa", "alimentos",  "albergue",   "vivienda", "renta",    "apoyo",
    "grupo",   "pares",    "consejeria", "terapia",    "legal",    "clinica",  "salud",
    "jovenes", "mayores",  "familia",    "empleo",     "autobus",  "crisis",   "duelo",
    "padres",  "ropa",     "panales",    "beneficios", "seguro",   "farmacia", "lentes"};
const std::vector<std::string> kFiller = {
    "free",    "walk-in", "weekly", "county",  "residents", "appointment", "call",
    "bring",   "id",      "open",   "service", "program",   "local",       "staff",
    "trained", "private", "safe",   "welcome", "everyone",  "volunteers",  "monthly"};
const std::vector<std::string> kCategories = {
    "food",  "housing", "mental-health", "substance-use",    "crisis",
    "legal", "health",  "employment",    "transportation",   "lgbtq",
    "youth", "seniors", "veterans",      "domestic-violence"};

HsdsPackage generate(std::size_t n, std::mt19937& rng)
{
    HsdsPackage pkg;
    pkg.services.reserve(n);
    auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
        return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
    };
    std::uniform_real_distribution<double> lat(42.0, 45.0);
    std::uniform_real_distribution<double> lon(-117.0, -113.0);
    std::uniform_int_distribution<int> coin(0, 99);
    for (std::size_t i = 0; i < n; ++i) {
        HsdsService s;
        s.id = "svc-" + std::to_string(i);
        const bool spanish = coin(rng) < 35;
        const auto& words = spanish ? kWordsEs : kWordsEn;
        s.name = pick(words) + " " + pick(words) + " " + std::to_string(i % 997);
        for (int w = 0; w < 24; ++w) {
            s.description += (w % 3 == 0 ? pick(words) : pick(kFiller)) + " ";
        }
        s.organization = "Org " + std::to_string(i / 3);
        s.status = coin(rng) < 95 ? "active" : "inactive";
        s.assuredDate = "2026-0" + std::to_string(1 + coin(rng) % 9) + "-15";
        s.phones.push_back({"(208) 555-01" + std::to_string(10 + coin(rng) % 90), "", "voice", ""});
        HsdsPlace p;
        p.latitude = lat(rng);
        p.longitude = lon(rng);
        p.postalCode = std::to_string(83000 + coin(rng) * 9);
        p.city = "town" + std::to_string(coin(rng));
        p.address = std::to_string(i) + " Main St, " + p.city;
        s.places.push_back(p);
        const int days = coin(rng) % 3;
        for (int d = 0; d < 7; ++d) {
            if (days == 0 || (days == 1 && d < 5) || (days == 2 && d >= 5)) {
                s.hours.push_back({d, 9 * 60, 17 * 60 + (coin(rng) < 20 ? 240 : 0)});
            }
        }
        s.languages = {"en"};
        if (spanish || coin(rng) < 30) {
            s.languages.push_back("es");
        }
        s.categories = {pick(kCategories)};
        s.categoryNames = s.categories;
        s.free = coin(rng) < 40;
        s.peerRun = coin(rng) < 8;
        pkg.services.push_back(std::move(s));
    }
    return pkg;
}

struct Figures
{
    double p50 = 0;
    double p99 = 0;
    double max = 0;
    std::size_t results = 0;
};

Figures measure(int runs, const std::function<std::size_t()>& f)
{
    std::vector<double> ms;
    std::size_t results = 0;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        results = f();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], ms.back(),
            results};
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 200;
    const auto dir =
        fs::temp_directory_path() / ("warmline-bench-directory-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto file = dir / "directory.db";
    std::mt19937 rng(20261204);
    const auto pkg = generate(n, rng);
    double importMs = 0;
    {
        ResourceDirectory d(file);
        const auto t0 = Clock::now();
        d.import(pkg, "generated", "2026-12-04T00:00:00Z");
        importMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
    std::printf("directory of %zu generated services: import %.0f ms, file %.1f MB\n", n, importMs,
                static_cast<double>(fs::file_size(file) +
                                    (fs::exists(fs::path(file.string() + "-wal"))
                                         ? fs::file_size(fs::path(file.string() + "-wal"))
                                         : 0)) /
                    1e6);
    ResourceDirectory d(file);
    SQLite::Database raw(file.string(), SQLite::OPEN_READONLY);
    std::printf("%-46s %9s %9s %9s %8s\n", "search (20 results at most)", "p50 ms", "p99 ms",
                "max ms", "results");
    auto row = [&](const char* name, const Figures& f) {
        std::printf("%-46s %9.2f %9.2f %9.2f %8zu\n", name, f.p50, f.p99, f.max, f.results);
    };
    auto search = [&](DirectoryQuery q) {
        q.today = "2026-12-04";
        return [&d, q] { return d.search(q).size(); };
    };
    auto like = [&](std::vector<std::string> words) {
        return [&raw, words] {
            std::string sql = "SELECT d.detail FROM dir_service s JOIN dir_detail d ON d.sid = "
                              "s.sid WHERE s.version = 1 AND s.status = 'active'";
            for (std::size_t i = 0; i < words.size(); ++i) {
                sql += " AND d.detail LIKE ?";
            }
            sql += " ORDER BY s.name LIMIT 20";
            SQLite::Statement s(raw, sql);
            for (std::size_t i = 0; i < words.size(); ++i) {
                s.bind(static_cast<int>(i + 1), "%" + words[i] + "%");
            }
            std::size_t count = 0;
            while (s.executeStep()) {
                ++count;
            }
            return count;
        };
    };
    DirectoryQuery q;
    q.words = "pantry";
    row("one word: pantry", measure(runs, search(q)));
    row("  baseline: LIKE '%pantry%' on the stored rows", measure(runs, like({"pantry"})));
    q.words = "service";
    row("a word in most entries: service", measure(runs, search(q)));
    row("  baseline: LIKE '%service%'", measure(runs, like({"service"})));
    q.words = "peer support group";
    row("three words: peer support group", measure(runs, search(q)));
    row("  baseline: three LIKEs", measure(runs, like({"peer", "support", "group"})));
    q.words = "grupo de apoyo";
    row("Spanish: grupo de apoyo", measure(runs, search(q)));
    q.words = "couns";
    row("unfinished word: couns", measure(runs, search(q)));
    q.words = "counseling xyzzy";
    row("no match: counseling xyzzy", measure(runs, search(q)));
    row("  baseline: LIKE, no match", measure(runs, like({"counseling", "xyzzy"})));
    DirectoryQuery f;
    f.category = "food";
    f.language = "es";
    f.freeOnly = true;
    row("filters only: food, Spanish, free", measure(runs, search(f)));
    DirectoryQuery o;
    o.openWeekday = 5;
    o.openMinute = 19 * 60;
    row("open Saturday 19:00", measure(runs, search(o)));
    DirectoryQuery near;
    near.near = Near{43.6, -116.2, "", 25};
    row("near a point, 25 km, nearest first", measure(runs, search(near)));
    near.words = "food";
    near.category = "food";
    near.openWeekday = 2;
    near.openMinute = 10 * 60;
    row("word + category + open + near", measure(runs, search(near)));
    DirectoryQuery all;
    all.near = Near{43.6, -116.2, "", 200};
    row("near a point, 200 km (most of the directory)",
        measure(std::max(10, runs / 10), search(all)));
    fs::remove_all(dir);
    return 0;
}
