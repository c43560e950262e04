#include "core/directory/Directory.h"

#include "core/directory/DirectoryJson.h"
#include "core/risk/RiskLexicon.h"
#include "core/risk/RiskText.h"
#include "core/text/Text.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace warmline::directory {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS dir_version(
  version INTEGER PRIMARY KEY, imported_at TEXT NOT NULL, source TEXT NOT NULL,
  services INTEGER NOT NULL, added INTEGER NOT NULL, removed INTEGER NOT NULL,
  changed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dir_service(
  sid INTEGER PRIMARY KEY, version INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
  status TEXT NOT NULL, free INTEGER NOT NULL, peer_run INTEGER NOT NULL,
  UNIQUE(version, id));
CREATE TABLE IF NOT EXISTS dir_detail(sid INTEGER PRIMARY KEY, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dir_service_name ON dir_service(version, name);
CREATE TABLE IF NOT EXISTS dir_term(sid INTEGER NOT NULL, term TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dir_term_term ON dir_term(term, sid);
CREATE INDEX IF NOT EXISTS dir_term_sid ON dir_term(sid);
CREATE TABLE IF NOT EXISTS dir_language(sid INTEGER NOT NULL, code TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dir_language_code ON dir_language(code, sid);
CREATE INDEX IF NOT EXISTS dir_language_sid ON dir_language(sid);
CREATE TABLE IF NOT EXISTS dir_place(sid INTEGER NOT NULL, lat REAL, lon REAL, postal TEXT,
  city TEXT);
CREATE INDEX IF NOT EXISTS dir_place_sid ON dir_place(sid);
CREATE INDEX IF NOT EXISTS dir_place_lat ON dir_place(lat);
CREATE TABLE IF NOT EXISTS dir_hours(sid INTEGER NOT NULL, weekday INTEGER NOT NULL,
  opens INTEGER NOT NULL, closes INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dir_hours_sid ON dir_hours(sid);
CREATE VIRTUAL TABLE IF NOT EXISTS dir_fts USING fts5(name, body, content='',
  tokenize='unicode61');
CREATE TABLE IF NOT EXISTS dir_unverified(id TEXT PRIMARY KEY, marked_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '');
)sql";

/// Words that carry no meaning for a search, in English and Spanish.
const std::set<std::string, std::less<>>& stopWords()
{
    static const std::set<std::string, std::less<>> kWords = {
        "a",   "an",  "and", "the", "of",  "to",   "in",  "on",   "for", "with", "at",
        "by",  "or",  "is",  "are", "de",  "la",   "el",  "los",  "las", "y",    "o",
        "en",  "con", "un",  "una", "por", "para", "del", "al",   "que", "se",   "su",
        "sus", "lo",  "e",   "u",   "me",  "my",   "mi",  "from", "be",  "it"};
    return kWords;
}

/// A word of a text as typed (normalised) and its stems (English, Spanish).
struct Word
{
    std::string raw;
    std::vector<std::string> forms;
};

/// The words of `text`, stop words left out.
std::vector<Word> wordStems(std::string_view text)
{
    std::string buffer;
    std::vector<risk::TextToken> tokens;
    risk::tokenize(text, buffer, tokens, 4096);
    std::vector<Word> out;
    for (const auto& t : tokens) {
        const auto word = risk::tokenText(buffer, t);
        if (stopWords().count(word) != 0) {
            continue;
        }
        Word w{std::string(word), {risk::stemWord("english", word)}};
        if (auto es = risk::stemWord("spanish", word); es != w.forms[0]) {
            w.forms.push_back(std::move(es));
        }
        out.push_back(std::move(w));
    }
    return out;
}

std::string joined(const std::vector<std::string>& words)
{
    std::string s;
    for (const auto& w : words) {
        if (!s.empty()) {
            s += ' ';
        }
        s += w;
    }
    return s;
}

std::vector<std::string> stringsOf(const json::object& o, std::string_view key)
{
    std::vector<std::string> out;
    if (const auto* a = o.if_contains(key); a && a->is_array()) {
        for (const auto& v : a->as_array()) {
            out.emplace_back(v.as_string());
        }
    }
    return out;
}

std::string str(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string toJson(const HsdsService& s)
{
    json::object o;
    o["id"] = s.id;
    o["name"] = s.name;
    o["alternateName"] = s.alternateName;
    o["organization"] = s.organization;
    o["description"] = s.description;
    o["url"] = s.url;
    o["email"] = s.email;
    o["status"] = s.status;
    o["applicationProcess"] = s.applicationProcess;
    o["fees"] = s.fees;
    o["eligibility"] = s.eligibility;
    o["interpretation"] = s.interpretation;
    o["assuredDate"] = s.assuredDate;
    o["phones"] = phonesJson(s.phones);
    json::array places;
    for (const auto& p : s.places) {
        json::object po{{"name", p.name},
                        {"address", p.address},
                        {"city", p.city},
                        {"postalCode", p.postalCode},
                        {"virtual", p.isVirtual}};
        if (p.latitude && p.longitude) {
            po["latitude"] = *p.latitude;
            po["longitude"] = *p.longitude;
        }
        places.push_back(std::move(po));
    }
    o["places"] = std::move(places);
    json::array hours;
    for (const auto& h : s.hours) {
        hours.push_back(json::array{h.weekday, h.opens, h.closes});
    }
    o["hours"] = std::move(hours);
    o["hoursText"] = stringsJson(s.hoursText);
    o["languages"] = stringsJson(s.languages);
    o["areas"] = stringsJson(s.areas);
    o["categories"] = stringsJson(s.categories);
    o["categoryNames"] = stringsJson(s.categoryNames);
    o["free"] = s.free;
    o["peerRun"] = s.peerRun;
    return json::serialize(o);
}

HsdsService fromJson(const std::string& text)
{
    const auto o = json::parse(text).as_object();
    HsdsService s;
    s.id = str(o, "id");
    s.name = str(o, "name");
    s.alternateName = str(o, "alternateName");
    s.organization = str(o, "organization");
    s.description = str(o, "description");
    s.url = str(o, "url");
    s.email = str(o, "email");
    s.status = str(o, "status");
    s.applicationProcess = str(o, "applicationProcess");
    s.fees = str(o, "fees");
    s.eligibility = str(o, "eligibility");
    s.interpretation = str(o, "interpretation");
    s.assuredDate = str(o, "assuredDate");
    for (const auto& v : o.at("phones").as_array()) {
        const auto& p = v.as_object();
        s.phones.push_back(
            {str(p, "number"), str(p, "extension"), str(p, "type"), str(p, "description")});
    }
    for (const auto& v : o.at("places").as_array()) {
        const auto& p = v.as_object();
        HsdsPlace place{str(p, "name"),           str(p, "address"), str(p, "city"),
                        str(p, "postalCode"),     std::nullopt,      std::nullopt,
                        p.at("virtual").as_bool()};
        if (const auto* la = p.if_contains("latitude")) {
            place.latitude = la->to_number<double>();
            place.longitude = p.at("longitude").to_number<double>();
        }
        s.places.push_back(std::move(place));
    }
    for (const auto& v : o.at("hours").as_array()) {
        const auto& h = v.as_array();
        s.hours.push_back({static_cast<int>(h.at(0).to_number<int>()),
                           static_cast<int>(h.at(1).to_number<int>()),
                           static_cast<int>(h.at(2).to_number<int>())});
    }
    s.hoursText = stringsOf(o, "hoursText");
    s.languages = stringsOf(o, "languages");
    s.areas = stringsOf(o, "areas");
    s.categories = stringsOf(o, "categories");
    s.categoryNames = stringsOf(o, "categoryNames");
    s.free = o.at("free").as_bool();
    s.peerRun = o.at("peerRun").as_bool();
    return s;
}

DirectoryEntry entryOf(const std::string& detail, const std::string& today)
{
    DirectoryEntry e;
    e.detail = fromJson(detail);
    e.outOfDate = isOutOfDate(e.detail.assuredDate, today);
    return e;
}

/// An FTS5 query: every word must be there, as one of its stems; the last
/// word may be unfinished (the operator is still typing).
std::string matchQuery(std::string_view words)
{
    const auto stems = wordStems(words);
    std::string q;
    for (std::size_t i = 0; i < stems.size(); ++i) {
        std::string group;
        for (const auto& f : stems[i].forms) {
            group += (group.empty() ? "\"" : " OR \"") + f + "\"";
        }
        if (i + 1 == stems.size() && stems[i].raw.size() >= 2) {
            group += " OR \"" + stems[i].raw + "\"*";
        }
        q += (q.empty() ? "(" : " AND (") + group + ")";
    }
    return q;
}

} // namespace

std::vector<std::string> indexWords(std::string_view text)
{
    std::vector<std::string> out;
    for (auto& w : wordStems(text)) {
        for (auto& f : w.forms) {
            out.push_back(std::move(f));
        }
    }
    return out;
}

double distanceKm(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double kEarthKm = 6371.0;
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dLat = (lat2 - lat1) * kRad;
    const double dLon = (lon2 - lon1) * kRad;
    const double a =
        std::sin(dLat / 2) * std::sin(dLat / 2) +
        std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

void setOpenAt(DirectoryQuery& q, std::int64_t localMs)
{
    constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
    const std::int64_t day = localMs >= 0 ? localMs / kDayMs : (localMs - kDayMs + 1) / kDayMs;
    // 1970-01-01 was a Thursday: day 3 of a week that starts on Monday.
    q.openWeekday = static_cast<int>(((day + 3) % 7 + 7) % 7);
    q.openMinute = static_cast<int>((localMs - day * kDayMs) / 60000);
}

bool isOutOfDate(const std::string& assured, const std::string& today)
{
    if (assured.empty()) {
        return true;
    }
    if (today.size() != 10) {
        return false;
    }
    const int year = std::stoi(today.substr(0, 4));
    const std::string yearAgo = std::to_string(year - 1) + today.substr(4);
    return assured < yearAgo;
}

ResourceDirectory::ResourceDirectory(const fs::path& file) : m_file(file)
{
    try {
        m_db = std::make_unique<SQLite::Database>(file.string(),
                                                  SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        m_db->exec("PRAGMA journal_mode=WAL");
        m_db->exec("PRAGMA synchronous=FULL");
        m_db->setBusyTimeout(5000);
        m_db->exec(kSchema);
    } catch (const std::exception& e) {
        throw std::runtime_error(file.string() + ": " + e.what());
    }
}

ResourceDirectory::~ResourceDirectory() = default;

int ResourceDirectory::currentVersion()
{
    return m_db->execAndGet("SELECT coalesce(max(version), 0) FROM dir_version").getInt();
}

DirectoryChanges ResourceDirectory::import(const HsdsPackage& pkg, const std::string& source,
                                           const std::string& now)
{
    SQLite::Transaction tx(*m_db);
    const int previous = currentVersion();
    const int version = previous + 1;
    SQLite::Statement service(*m_db, "INSERT INTO dir_service(version, id, name, status, free, "
                                     "peer_run) VALUES (?, ?, ?, ?, ?, ?)");
    SQLite::Statement detailRow(*m_db, "INSERT INTO dir_detail(sid, detail) VALUES (?, ?)");
    SQLite::Statement term(*m_db, "INSERT INTO dir_term(sid, term) VALUES (?, ?)");
    SQLite::Statement language(*m_db, "INSERT INTO dir_language(sid, code) VALUES (?, ?)");
    SQLite::Statement place(
        *m_db, "INSERT INTO dir_place(sid, lat, lon, postal, city) VALUES (?, ?, ?, ?, ?)");
    SQLite::Statement hours(
        *m_db, "INSERT INTO dir_hours(sid, weekday, opens, closes) VALUES (?, ?, ?, ?)");
    SQLite::Statement fts(*m_db, "INSERT INTO dir_fts(rowid, name, body) VALUES (?, ?, ?)");
    m_db->exec("INSERT INTO dir_fts(dir_fts) VALUES ('delete-all')");
    for (const auto& s : pkg.services) {
        service.bind(1, version);
        service.bind(2, s.id);
        service.bind(3, s.name);
        service.bind(4, s.status);
        service.bind(5, s.free ? 1 : 0);
        service.bind(6, s.peerRun ? 1 : 0);
        service.exec();
        service.reset();
        const auto sid = m_db->getLastInsertRowid();
        detailRow.bind(1, sid);
        detailRow.bind(2, toJson(s));
        detailRow.exec();
        detailRow.reset();
        for (const auto& c : s.categories) {
            term.bind(1, sid);
            term.bind(2, c);
            term.exec();
            term.reset();
        }
        for (const auto& l : s.languages) {
            language.bind(1, sid);
            language.bind(2, l);
            language.exec();
            language.reset();
        }
        for (const auto& p : s.places) {
            place.bind(1, sid);
            if (p.latitude && p.longitude) {
                place.bind(2, *p.latitude);
                place.bind(3, *p.longitude);
            } else {
                place.bind(2);
                place.bind(3);
            }
            place.bind(4, p.postalCode);
            place.bind(5, asciiLower(p.city));
            place.exec();
            place.reset();
        }
        for (const auto& h : s.hours) {
            hours.bind(1, sid);
            hours.bind(2, h.weekday);
            hours.bind(3, h.opens);
            hours.bind(4, h.closes);
            hours.exec();
            hours.reset();
        }
        std::string body = s.description + " " + s.organization + " " + s.eligibility + " " +
                           s.applicationProcess + " " + s.interpretation;
        for (const auto& n : s.categoryNames) {
            body += " " + n;
        }
        for (const auto& a : s.areas) {
            body += " " + a;
        }
        for (const auto& p : s.places) {
            body += " " + p.city;
        }
        fts.bind(1, sid);
        fts.bind(2, joined(indexWords(s.name + " " + s.alternateName)));
        fts.bind(3, joined(indexWords(body)));
        fts.exec();
        fts.reset();
    }
    auto result = changes(previous, version);
    SQLite::Statement v(*m_db, "INSERT INTO dir_version(version, imported_at, source, services, "
                               "added, removed, changed) VALUES (?, ?, ?, ?, ?, ?, ?)");
    v.bind(1, version);
    v.bind(2, now);
    v.bind(3, source);
    v.bind(4, static_cast<int64_t>(pkg.services.size()));
    v.bind(5, static_cast<int64_t>(result.added.size()));
    v.bind(6, static_cast<int64_t>(result.removed.size()));
    v.bind(7, static_cast<int64_t>(result.changed.size()));
    v.exec();
    // Older versions beyond the kept ones go, with their rows.
    const int oldest = version - kKeptVersions;
    if (oldest > 0) {
        for (const char* table :
             {"dir_term", "dir_language", "dir_place", "dir_hours", "dir_detail"}) {
            SQLite::Statement del(*m_db, std::string("DELETE FROM ") + table +
                                             " WHERE sid IN (SELECT sid FROM dir_service "
                                             "WHERE version <= ?)");
            del.bind(1, oldest);
            del.exec();
        }
        SQLite::Statement del(*m_db, "DELETE FROM dir_service WHERE version <= ?");
        del.bind(1, oldest);
        del.exec();
    }
    tx.commit();
    return result;
}

std::vector<DirectoryVersion> ResourceDirectory::versions()
{
    SQLite::Statement q(*m_db, "SELECT version, imported_at, source, services, added, removed, "
                               "changed FROM dir_version ORDER BY version DESC LIMIT ?");
    q.bind(1, kKeptVersions);
    std::vector<DirectoryVersion> out;
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getInt(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getInt(), q.getColumn(4).getInt(),
                       q.getColumn(5).getInt(), q.getColumn(6).getInt()});
    }
    return out;
}

DirectoryChanges ResourceDirectory::changes(int from, int to)
{
    DirectoryChanges c;
    c.fromVersion = from;
    c.toVersion = to;
    auto list = [&](const char* sql, std::vector<std::pair<std::string, std::string>>& out) {
        SQLite::Statement q(*m_db, sql);
        q.bind(1, to);
        q.bind(2, from);
        while (q.executeStep()) {
            out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
        }
    };
    list("SELECT n.id, n.name FROM dir_service n WHERE n.version = ?1 AND NOT EXISTS "
         "(SELECT 1 FROM dir_service o WHERE o.version = ?2 AND o.id = n.id) ORDER BY n.id",
         c.added);
    list("SELECT o.id, o.name FROM dir_service o WHERE o.version = ?2 AND NOT EXISTS "
         "(SELECT 1 FROM dir_service n WHERE n.version = ?1 AND n.id = o.id) ORDER BY o.id",
         c.removed);
    list("SELECT n.id, n.name FROM dir_service n JOIN dir_service o ON o.id = n.id "
         "AND o.version = ?2 JOIN dir_detail nd ON nd.sid = n.sid JOIN dir_detail od ON od.sid = "
         "o.sid WHERE n.version = ?1 AND od.detail <> nd.detail ORDER BY n.id",
         c.changed);
    return c;
}

std::vector<DirectoryEntry> ResourceDirectory::search(const DirectoryQuery& q)
{
    const int version = currentVersion();
    std::optional<std::pair<double, double>> centre;
    double radius = 25;
    if (q.near) {
        radius = q.near->radiusKm;
        if (q.near->latitude && q.near->longitude) {
            centre = std::pair(*q.near->latitude, *q.near->longitude);
        } else {
            SQLite::Statement c(*m_db,
                                "SELECT avg(p.lat), avg(p.lon) FROM dir_place p JOIN dir_service s "
                                "ON s.sid = p.sid WHERE s.version = ? AND p.lat IS NOT NULL AND "
                                "(p.postal = ? OR p.city = ?)");
            c.bind(1, version);
            c.bind(2, q.near->place);
            c.bind(3, asciiLower(q.near->place));
            if (c.executeStep() && !c.getColumn(0).isNull()) {
                centre = std::pair(c.getColumn(0).getDouble(), c.getColumn(1).getDouble());
            } else {
                throw std::invalid_argument("no place in the directory has the postal code or "
                                            "town \"" +
                                            q.near->place + "\"");
            }
        }
    }
    const auto match = matchQuery(q.words);
    const bool byWords = !match.empty();
    // First the services that match, by number only (with their places
    // inside the box around the centre, when there is one); then the
    // stored text of the few that are shown.
    std::string sql;
    const std::string inBox = " AND p.lat BETWEEN ?7 AND ?8 AND p.lon BETWEEN ?9 AND ?10";
    if (byWords && centre) {
        // The words' matches first, once; then their places in the box; then
        // the services of those.
        sql = "WITH m AS MATERIALIZED (SELECT rowid AS sid, bm25(dir_fts, 8.0, 1.0) AS rank "
              "FROM dir_fts WHERE dir_fts MATCH ?1) SELECT s.sid, m.rank, p.lat, p.lon FROM m "
              "CROSS JOIN dir_place p ON p.sid = m.sid" +
              inBox + " CROSS JOIN dir_service s ON s.sid = p.sid";
    } else if (byWords) {
        sql = "SELECT s.sid, bm25(dir_fts, 8.0, 1.0) AS rank, 0, 0 FROM dir_fts JOIN "
              "dir_service s ON s.sid = dir_fts.rowid";
    } else if (centre) {
        sql = "SELECT s.sid, 0 AS rank, p.lat, p.lon";
        // From the places in the box (by latitude) to their services, not
        // every service to its places: CROSS JOIN keeps that order.
        sql += " FROM dir_place p CROSS JOIN dir_service s ON s.sid = p.sid" + inBox;
    } else {
        sql = "SELECT s.sid, 0 AS rank, 0, 0 FROM dir_service s";
    }
    sql += " WHERE s.version = ?2";
    if (byWords && !centre) {
        sql += " AND dir_fts MATCH ?1";
    }
    if (!q.includeClosed) {
        sql += " AND s.status = 'active'";
    }
    if (q.freeOnly) {
        sql += " AND s.free = 1";
    }
    if (q.peerRunOnly) {
        sql += " AND s.peer_run = 1";
    }
    if (!q.category.empty()) {
        sql += " AND EXISTS (SELECT 1 FROM dir_term t WHERE t.sid = s.sid AND t.term = ?3)";
    }
    if (!q.language.empty()) {
        sql += " AND EXISTS (SELECT 1 FROM dir_language l WHERE l.sid = s.sid AND l.code = ?4)";
    }
    if (q.openWeekday && q.openMinute) {
        sql += " AND EXISTS (SELECT 1 FROM dir_hours h WHERE h.sid = s.sid AND h.weekday = ?5 "
               "AND h.opens <= ?6 AND h.closes > ?6)";
    }
    // Without a place, SQLite stops at the limit; with one, every service
    // in the box is read (by number and coordinates only) and the nearest
    // are kept here.
    if (!centre) {
        sql += byWords ? " ORDER BY rank" : " ORDER BY s.name";
    }
    sql += " LIMIT ?11";
    SQLite::Statement stmt(*m_db, sql);
    if (byWords) {
        stmt.bind(1, match);
    }
    stmt.bind(2, version);
    if (!q.category.empty()) {
        stmt.bind(3, asciiLower(q.category));
    }
    if (!q.language.empty()) {
        stmt.bind(4, asciiLower(q.language));
    }
    if (q.openWeekday && q.openMinute) {
        stmt.bind(5, *q.openWeekday);
        stmt.bind(6, *q.openMinute);
    }
    const std::size_t limit = std::clamp<std::size_t>(q.limit, 1, 200);
    constexpr int64_t kMaxCandidates = 200000;
    stmt.bind(11, centre ? kMaxCandidates : static_cast<int64_t>(limit));
    struct Candidate
    {
        int64_t sid;
        double rank;
        double distance;
    };
    std::vector<Candidate> found;
    std::unordered_map<int64_t, std::size_t> at;
    // The services whose places lie within `within` km of the centre (all
    // that match, without a centre).
    auto read = [&](double within) {
        found.clear();
        at.clear();
        stmt.reset();
        if (centre) {
            const double dLat = within / 111.0;
            const double dLon =
                within / (111.0 * std::max(0.01, std::cos(centre->first * 3.14159265 / 180)));
            stmt.bind(7, centre->first - dLat);
            stmt.bind(8, centre->first + dLat);
            stmt.bind(9, centre->second - dLon);
            stmt.bind(10, centre->second + dLon);
        }
        while (stmt.executeStep()) {
            const auto sid = stmt.getColumn(0).getInt64();
            double d = 0;
            if (centre) {
                d = distanceKm(centre->first, centre->second, stmt.getColumn(2).getDouble(),
                               stmt.getColumn(3).getDouble());
                if (d > within) {
                    continue;
                }
            }
            // A service at several places in the box: its nearest one.
            if (const auto it = at.find(sid); it != at.end()) {
                found[it->second].distance = std::min(found[it->second].distance, d);
                continue;
            }
            at.emplace(sid, found.size());
            found.push_back({sid, stmt.getColumn(1).getDouble(), d});
        }
    };
    if (centre && !byWords) {
        // Nearest first: a small circle, widened until it holds enough (the
        // nearest `limit` within it are the nearest of all) or is the
        // whole radius; a wide radius does not read the whole directory.
        double within = std::min(radius, 4.0);
        for (;;) {
            read(within);
            if (found.size() >= limit || within >= radius) {
                break;
            }
            within = std::min(radius, within * 4);
        }
    } else {
        read(radius);
    }
    if (centre) {
        // Best match first when there are words (bm25: lower is better),
        // else nearest first.
        std::stable_sort(found.begin(), found.end(), [byWords](const auto& a, const auto& b) {
            return byWords ? a.rank < b.rank : a.distance < b.distance;
        });
    }
    if (found.size() > limit) {
        found.resize(limit);
    }
    SQLite::Statement detail(*m_db, "SELECT detail FROM dir_detail WHERE sid = ?");
    std::vector<DirectoryEntry> out;
    for (const auto& c : found) {
        detail.bind(1, c.sid);
        if (detail.executeStep()) {
            auto e = entryOf(detail.getColumn(0).getString(), q.today);
            markedUnverified(e);
            if (centre) {
                e.distanceKm = c.distance;
            }
            out.push_back(std::move(e));
        }
        detail.reset();
    }
    return out;
}

std::optional<DirectoryEntry> ResourceDirectory::show(const std::string& id,
                                                      const std::string& today)
{
    SQLite::Statement q(*m_db,
                        "SELECT d.detail FROM dir_service s JOIN dir_detail d ON d.sid = s.sid "
                        "WHERE s.id = ? AND s.version = ?");
    q.bind(1, id);
    q.bind(2, currentVersion());
    if (!q.executeStep()) {
        return std::nullopt;
    }
    auto e = entryOf(q.getColumn(0).getString(), today);
    markedUnverified(e);
    return e;
}

void ResourceDirectory::markedUnverified(DirectoryEntry& e)
{
    SQLite::Statement q(*m_db, "SELECT note FROM dir_unverified WHERE id = ?");
    q.bind(1, e.detail.id);
    if (q.executeStep()) {
        e.unverified = true;
        e.unverifiedNote = q.getColumn(0).getString();
    }
}

bool ResourceDirectory::markUnverified(const std::string& id, bool unverified,
                                       const std::string& note, const std::string& now)
{
    if (!unverified) {
        SQLite::Statement q(*m_db, "DELETE FROM dir_unverified WHERE id = ?");
        q.bind(1, id);
        return q.exec() > 0;
    }
    SQLite::Statement known(*m_db, "SELECT 1 FROM dir_service WHERE id = ? AND version = ?");
    known.bind(1, id);
    known.bind(2, currentVersion());
    if (!known.executeStep()) {
        return false;
    }
    SQLite::Statement q(*m_db, "INSERT INTO dir_unverified(id, marked_at, note) VALUES (?, ?, ?) "
                               "ON CONFLICT(id) DO UPDATE SET marked_at = excluded.marked_at, "
                               "note = excluded.note");
    q.bind(1, id);
    q.bind(2, now);
    q.bind(3, note);
    q.exec();
    return true;
}

HsdsPackage mergePackages(HsdsPackage base, const HsdsPackage& local)
{
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < base.services.size(); ++i) {
        at.emplace(base.services[i].id, i);
    }
    for (const auto& s : local.services) {
        if (const auto it = at.find(s.id); it != at.end()) {
            base.services[it->second] = s; // the line's correction
        } else {
            at.emplace(s.id, base.services.size());
            base.services.push_back(s);
        }
    }
    base.filesRead.insert(base.filesRead.end(), local.filesRead.begin(), local.filesRead.end());
    return base;
}

} // namespace warmline::directory
