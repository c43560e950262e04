// warmlinectl resources: the line's resource directory (docs/resources.md),
// offline on its SQLite file like `triage`: import an HSDS package, search,
// show one service, list the imports and what each changed.

#include "core/directory/Directory.h"
#include "core/directory/DirectoryJson.h"
#include "telephony/cmd/ctl/Ctl.h"

#include <boost/json/array.hpp>

#include <charconv>
#include <chrono>
#include <ctime>
#include <iostream>
#include <iterator>
#include <string>

namespace warmline::ctl {

namespace {

using directory::DirectoryEntry;
using directory::ResourceDirectory;

fs::path directoryPath(const Args& a)
{
    if (const auto v = a.value("--directory")) {
        return *v;
    }
    const auto env = envOr("WARMLINE_DIRECTORY");
    return env.empty() ? fs::path("warmline-data") / "directory.db" : fs::path(env);
}

std::unique_ptr<ResourceDirectory> openDirectory(const Args& a, bool mustExist)
{
    const auto path = directoryPath(a);
    std::error_code ec;
    if (mustExist && !fs::exists(path, ec)) {
        throw Failure{kGatewayError, path.string() +
                                         ": no directory there yet (import one with "
                                         "`warmlinectl resources import FOLDER`, or give "
                                         "--directory FILE)"};
    }
    if (!mustExist && path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
    }
    try {
        return std::make_unique<ResourceDirectory>(path);
    } catch (const std::exception& e) {
        throw Failure{kGatewayError, e.what()};
    }
}

std::tm localNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}

std::string isoDate(const std::tm& tm)
{
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string utcNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

json::array pairs(const std::vector<std::pair<std::string, std::string>>& v)
{
    json::array a;
    for (const auto& [id, name] : v) {
        a.push_back(json::object{{"id", id}, {"name", name}});
    }
    return a;
}

json::object changesJson(const directory::DirectoryChanges& c)
{
    return json::object{{"from", c.fromVersion},
                        {"to", c.toVersion},
                        {"added", pairs(c.added)},
                        {"removed", pairs(c.removed)},
                        {"changed", pairs(c.changed)}};
}

int cmdImport(const Args& a)
{
    const fs::path folder = a.positional.at(0);
    auto read = [](const fs::path& f) {
        try {
            return directory::readHsdsPackage(f);
        } catch (const directory::HsdsError& e) {
            std::string text = f.string() + ": not imported, the directory is unchanged; " +
                               std::to_string(e.problems.size()) +
                               (e.problems.size() == 1 ? " problem" : " problems") +
                               (e.problems.size() >= 50 ? " (the first 50)" : "") + ":";
            for (const auto& p : e.problems) {
                text += "\n  " + p.text();
            }
            throw Failure{kGatewayError, text};
        }
    };
    directory::HsdsPackage pkg = read(folder);
    std::string source = fs::absolute(folder).lexically_normal().string();
    // The line's own packages, laid over it in order: local entries and
    // corrections that every re-import keeps.
    if (const auto it = a.repeated.find("--local"); it != a.repeated.end()) {
        for (const auto& local : it->second) {
            pkg = directory::mergePackages(std::move(pkg), read(local));
            source += " + " + fs::absolute(local).lexically_normal().string();
        }
    }
    auto dir = openDirectory(a, false);
    directory::DirectoryChanges c;
    try {
        c = dir->import(pkg, source, utcNow());
    } catch (const std::exception& e) {
        throw Failure{kGatewayError,
                      directoryPath(a).string() +
                          ": the import failed, the directory is unchanged: " + e.what()};
    }
    auto o = changesJson(c);
    o["version"] = c.toVersion;
    o["services"] = static_cast<std::int64_t>(pkg.services.size());
    o["files"] = json::array(pkg.filesRead.begin(), pkg.filesRead.end());
    printJson(o);
    return kOk;
}

/// "2026-12-04T14:30" (local wall-clock time) → milliseconds since
/// 1970-01-01T00:00 local.
std::int64_t parseOpenAt(const std::string& text)
{
    int y = 0;
    unsigned mo = 0;
    unsigned d = 0;
    int h = 0;
    int mi = 0;
    char extra = 0;
    const bool read =
        std::sscanf(text.c_str(), "%4d-%2u-%2uT%2d:%2d%c", &y, &mo, &d, &h, &mi, &extra) == 5;
    const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{mo},
                                           std::chrono::day{d}};
    if (!read || !date.ok() || h < 0 || h > 23 || mi < 0 || mi > 59) {
        throw UsageError{"--open-at: \"" + text + "\" is not a local time YYYY-MM-DDTHH:MM"};
    }
    const auto days = std::chrono::sys_days{date}.time_since_epoch().count();
    return (static_cast<std::int64_t>(days) * 24 * 60 + h * 60 + mi) * 60'000LL;
}

int cmdSearch(const Args& a)
{
    directory::DirectoryQuery q;
    q.words = joinWords(a.positional, 0);
    q.category = a.value("--category").value_or("");
    q.language = a.value("--language").value_or("");
    q.freeOnly = a.flag("--free");
    q.peerRunOnly = a.flag("--peer-run");
    q.includeClosed = a.flag("--all");
    const auto now = localNow();
    q.today = isoDate(now);
    if (const auto at = a.value("--open-at")) {
        directory::setOpenAt(q, parseOpenAt(*at));
    } else if (a.flag("--open-now")) {
        // This machine's local wall-clock time.
        directory::setOpenAt(q, (static_cast<std::int64_t>(std::time(nullptr)) + now.tm_gmtoff) *
                                    1000);
    }
    if (const auto limit = a.value("--limit")) {
        q.limit =
            static_cast<std::size_t>(std::min<std::int64_t>(parsePositive("--limit", *limit), 200));
    }
    if (const auto near = a.value("--near")) {
        directory::Near n;
        double lat = 0;
        double lon = 0;
        char comma = 0;
        char extra = 0;
        if (std::sscanf(near->c_str(), "%lf %c %lf %c", &lat, &comma, &lon, &extra) == 3 &&
            comma == ',') {
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                throw UsageError{"--near: \"" + *near + "\" is not a latitude,longitude"};
            }
            n.latitude = lat;
            n.longitude = lon;
        } else {
            n.place = *near;
        }
        if (const auto within = a.value("--within")) {
            n.radiusKm = static_cast<double>(parsePositive("--within", *within));
        }
        q.near = n;
    } else if (a.value("--within")) {
        throw UsageError{"--within needs --near"};
    }
    auto dir = openDirectory(a, true);
    std::vector<DirectoryEntry> found;
    try {
        found = dir->search(q);
    } catch (const std::invalid_argument& e) {
        throw Failure{kGatewayError, e.what()};
    }
    json::array results;
    for (const auto& e : found) {
        results.push_back(directory::directoryEntryJson(e, false));
    }
    printJson(json::object{{"version", dir->currentVersion()},
                           {"count", static_cast<std::int64_t>(found.size())},
                           {"results", std::move(results)}});
    return kOk;
}

int cmdShow(const Args& a)
{
    auto dir = openDirectory(a, true);
    const auto e = dir->show(a.positional.at(0), isoDate(localNow()));
    if (!e) {
        throw Failure{kGatewayError, "no service \"" + a.positional.at(0) +
                                         "\" in the directory's newest version"};
    }
    printJson(directory::directoryEntryJson(*e, true));
    return kOk;
}

int cmdVersions(const Args& a)
{
    auto dir = openDirectory(a, true);
    json::array out;
    for (const auto& v : dir->versions()) {
        out.push_back(json::object{{"version", v.version},
                                   {"importedAt", v.importedAt},
                                   {"source", v.source},
                                   {"services", v.services},
                                   {"added", v.added},
                                   {"removed", v.removed},
                                   {"changed", v.changed}});
    }
    printJson(json::object{{"versions", std::move(out)}});
    return kOk;
}

int cmdChanges(const Args& a)
{
    auto dir = openDirectory(a, true);
    const int current = dir->currentVersion();
    int to = current;
    int from = current - 1;
    if (a.positional.size() == 2) {
        from = static_cast<int>(parsePositive("FROM", a.positional[0]));
        to = static_cast<int>(parsePositive("TO", a.positional[1]));
    } else if (!a.positional.empty()) {
        throw UsageError{"resources changes: give both FROM and TO, or neither"};
    }
    if (to > current || from >= to) {
        throw UsageError{"resources changes: versions go from 1 to " + std::to_string(current) +
                         ", FROM before TO"};
    }
    printJson(changesJson(dir->changes(from, to)));
    return kOk;
}

} // namespace

int cmdUnverify(const Args& a)
{
    const std::string& id = a.positional.at(0);
    auto dir = openDirectory(a, true);
    const bool undo = a.flag("--undo");
    const std::string note = a.value("--note").value_or("");
    if (note.size() > 500) {
        throw UsageError{"resources unverify: --note is at most 500 bytes"};
    }
    if (!dir->markUnverified(id, !undo, note, utcNow())) {
        throw Failure{kGatewayError, undo ? id + ": was not marked unverified"
                                          : id + ": no such service in the newest version"};
    }
    printJson(json::object{{"id", id}, {"unverified", !undo}});
    return kOk;
}

int cmdResources(const std::string& name, const Args& a)
{
    if (name == "resources import") {
        return cmdImport(a);
    }
    if (name == "resources search") {
        return cmdSearch(a);
    }
    if (name == "resources show") {
        return cmdShow(a);
    }
    if (name == "resources unverify") {
        return cmdUnverify(a);
    }
    if (name == "resources versions") {
        return cmdVersions(a);
    }
    return cmdChanges(a);
}

void addResourcesCommands(CommandTable& table)
{
    const std::string where =
        "  --directory FILE  the directory's SQLite file (default: $WARMLINE_DIRECTORY, else\n"
        "                    warmline-data/directory.db)\n";
    auto offline = [](int (*f)(const Args&)) {
        return [f](Context&, const Args& a) { return f(a); };
    };
    // main.cpp runs these through cmdResources, without a Context.
    const Command entries[] = {
        {"resources import",
         "FOLDER [--local FOLDER]... [--directory FILE]",
         "Imports an Open Referral HSDS 3.0 tabular package (a folder of CSV files:\n"
         "organization.csv and service.csv, and any of location, address,\n"
         "service_at_location, phone, schedule, language, service_area, taxonomy_term,\n"
         "attribute; or the files its datapackage.json lists, under 3.0 or plural\n"
         "names) as the directory's newest version, offline. Every row is checked\n"
         "first; problems are listed by file, row and field, with exit code 1, and the\n"
         "directory is left as it was. Prints the version and what changed against the\n"
         "one before (added, removed, changed services). The last 10 versions are kept.\n"
         "  --local FOLDER  the line's own package (same format), laid over FOLDER: its\n"
         "                  services are added, or replace those with the same id\n"
         "                  (corrections); repeat for more\n" +
             where,
         {},
         {"--directory", "--local"},
         1,
         1,
         offline(cmdImport)},
        {"resources search",
         "[WORDS...] [--category C] [--language L] [--open-now | --open-at TIME] [--free]\n"
         "    [--peer-run] [--near PLACE [--within KM]] [--all] [--limit N] [--directory FILE]",
         "Searches the directory's newest version, offline: every word must match (English\n"
         "and Spanish stems, accents and case ignored; the last word may be unfinished).\n"
         "  --category C    a category's code or name, or a broader one's (food, housing…)\n"
         "  --language L    services given in that language (ISO 639 code: en, es…)\n"
         "  --open-now      open at this machine's local time; --open-at YYYY-MM-DDTHH:MM\n"
         "  --free          free services only; --peer-run peer-run services only\n"
         "  --near PLACE    a postal code or town the directory has, or LAT,LON; with\n"
         "                  --within KM (default 25), nearest first\n"
         "  --all           inactive and closed services too (default: active only)\n"
         "  --limit N       at most N results (default 20, at most 200)\n" +
             where,
         {"--open-now", "--free", "--peer-run", "--all"},
         {"--directory", "--category", "--language", "--open-at", "--near", "--within", "--limit"},
         0,
         kAny,
         offline(cmdSearch)},
        {"resources show",
         "ID [--directory FILE]",
         "Prints one service of the newest version whole: phones, places, hours,\n"
         "eligibility, how to apply, languages, and when it was last verified\n"
         "(\"outOfDate\": not in the last 12 months).\n" +
             where,
         {},
         {"--directory"},
         1,
         1,
         offline(cmdShow)},
        {"resources unverify",
         "ID [--note TEXT] [--undo] [--directory FILE]",
         "Marks a service as unverified by the line (a number that no longer answers, a\n"
         "programme that may have closed) until someone checks it: operators see the mark\n"
         "and the note beside it. The mark is the line's and outlasts re-imports; --undo\n"
         "clears it. --note is at most 500 bytes; no caller's details.\n" +
             where,
         {"--undo"},
         {"--directory", "--note"},
         1,
         1,
         offline(cmdUnverify)},
        {"resources versions",
         "[--directory FILE]",
         "Lists the kept imports, newest first: when, from where, how many services, and\n"
         "how many were added, removed and changed.\n" +
             where,
         {},
         {"--directory"},
         0,
         0,
         offline(cmdVersions)},
        {"resources changes",
         "[FROM TO] [--directory FILE]",
         "What changed between two kept versions (default: the last import): the services\n"
         "added, removed and changed, by id and name.\n" +
             where,
         {},
         {"--directory"},
         0,
         2,
         offline(cmdChanges)},
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

} // namespace warmline::ctl
