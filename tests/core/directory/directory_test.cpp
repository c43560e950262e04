// The resource directory: HSDS packages read and checked (each broken case
// named by file, row and field), imports kept as versions, and search on a
// real SQLite file with the synthetic sample package
// (resources/directory-sample).

#include "core/directory/Csv.h"
#include "core/directory/Directory.h"
#include "core/directory/Hsds.h"
#include "support/TempDir.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace warmline::directory;
namespace fs = std::filesystem;

namespace {

const fs::path kSample = fs::path(WARMLINE_SOURCE_DIR) / "resources" / "directory-sample";

void write(const fs::path& file, const std::string& text)
{
    std::ofstream(file, std::ios::binary) << text;
}

/// A copy of the sample package to break.
fs::path copyOfSample(const warmline::test::TempDir& dir)
{
    const auto to = dir / "package";
    fs::copy(kSample, to, fs::copy_options::recursive);
    return to;
}

/// Replaces the first `from` in `file` with `to`.
void edit(const fs::path& file, const std::string& from, const std::string& to)
{
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    write(file, text);
}

/// The problems reading `folder` gives, as text.
std::string problemsOf(const fs::path& folder)
{
    try {
        readHsdsPackage(folder);
    } catch (const HsdsError& e) {
        return e.what();
    }
    return "";
}

std::vector<std::string> ids(const std::vector<DirectoryEntry>& found)
{
    std::vector<std::string> out;
    for (const auto& e : found) {
        out.push_back(e.detail.id);
    }
    return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

struct Imported
{
    warmline::test::TempDir dir{"warmline-directory"};
    ResourceDirectory directory{dir / "directory.db"};
    Imported() { directory.import(readHsdsPackage(kSample), "sample", "2026-12-01T00:00:00Z"); }

    std::vector<std::string> find(DirectoryQuery q)
    {
        q.today = "2026-12-04";
        return ids(directory.search(q));
    }
    std::vector<std::string> words(const std::string& w)
    {
        DirectoryQuery q;
        q.words = w;
        return find(q);
    }
};

} // namespace

TEST_CASE("CSV fields: quotes, commas, doubled quotes, line breaks and bounds", "[directory]")
{
    const auto rows = parseCsv("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][1] == "x, y");
    CHECK(rows[1][2] == "say \"hi\"");
    CHECK(rows[2][1] == "two\nlines");
    CHECK(rows[2][2].empty());
    CHECK_THROWS_AS(parseCsv("a,\"open\n"), CsvError);
    CHECK_THROWS_AS(parseCsv("a,b\"c\n"), CsvError);
    CHECK_THROWS_AS(parseCsv("\"a\"b\n"), CsvError);
    CsvLimits small;
    small.maxFieldBytes = 4;
    CHECK_THROWS_AS(parseCsv("abcde\n", small), CsvError);
    small = {};
    small.maxFields = 2;
    CHECK_THROWS_AS(parseCsv("a,b,c\n", small), CsvError);
    try {
        CsvTable::fromText("id,name\n1,a\n2,b,c\n");
        FAIL("a row longer than the header was read");
    } catch (const CsvError& e) {
        CHECK(e.row == 3);
    }
    CHECK_THROWS_AS(CsvTable::fromText("id,\xff\n"), CsvError);
}

TEST_CASE("the sample package reads whole", "[directory]")
{
    const auto pkg = readHsdsPackage(kSample);
    REQUIRE(pkg.services.size() == 48);
    CHECK(pkg.filesRead.size() == 11);
    const auto& pantry = pkg.services.front();
    CHECK(pantry.id == "svc-01");
    CHECK(pantry.organization.empty() == false);
    CHECK(pantry.free);
    CHECK_FALSE(pantry.phones.empty());
    REQUIRE_FALSE(pantry.places.empty());
    CHECK(pantry.places.front().latitude.has_value());
    CHECK(pantry.places.front().address.find("Millbrook") != std::string::npos);
    CHECK(contains(pantry.categories, "food"));
    CHECK_FALSE(pantry.hours.empty());
    // Hours as an operator reads them out.
    REQUIRE_FALSE(pantry.hoursText.empty());
    CHECK(pantry.hoursText.front().rfind("Tue, Thu 10:00–14:00", 0) == 0);
    const auto youth = std::find_if(pkg.services.begin(), pkg.services.end(),
                                    [](const HsdsService& s) { return s.id == "svc-44"; });
    REQUIRE(youth != pkg.services.end());
    CHECK(youth->hoursText.front().rfind("Mon–Fri 14:00–20:00", 0) == 0);
}

TEST_CASE("a broken package names the file, row and field, and is not read", "[directory]")
{
    warmline::test::TempDir dir("warmline-hsds");
    const auto pkg = copyOfSample(dir);
    SECTION("a missing required file")
    {
        fs::remove(pkg / "service.csv");
        CHECK(problemsOf(pkg).find("service.csv: the file is missing") != std::string::npos);
    }
    SECTION("a duplicate id")
    {
        edit(pkg / "service.csv", "svc-02,org-01", "svc-01,org-01");
        CHECK(problemsOf(pkg).find("service.csv, row 3, field id: \"svc-01\" is used by an "
                                   "earlier row too") != std::string::npos);
    }
    SECTION("a status outside the list")
    {
        edit(pkg / "service.csv", ",active,", ",open,");
        CHECK(problemsOf(pkg).find("service.csv, row 2, field status: \"open\" is not one of") !=
              std::string::npos);
    }
    SECTION("a reference to nothing")
    {
        edit(pkg / "service.csv", "svc-01,org-01", "svc-01,org-99");
        CHECK(problemsOf(pkg).find("service.csv, row 2, field organization_id: \"org-99\" is "
                                   "not an id in organization.csv") != std::string::npos);
    }
    SECTION("a latitude that is not one")
    {
        edit(pkg / "location.csv", ",43.", ",143.");
        CHECK(problemsOf(pkg).find("location.csv, row 2, field latitude") != std::string::npos);
    }
    SECTION("a day and a time that are not")
    {
        edit(pkg / "schedule.csv", "\"TU,TH\",10:00", "\"TU,XX\",10:00");
        CHECK(problemsOf(pkg).find("schedule.csv, row 2, field byday: \"XX\" is not a day") !=
              std::string::npos);
        edit(pkg / "schedule.csv", "SA,09:00", "SA,9am");
        CHECK(problemsOf(pkg).find("schedule.csv, row 3, field opens_at: \"9am\" is not a time") !=
              std::string::npos);
    }
    SECTION("a date that is not one")
    {
        edit(pkg / "service.csv", ",2025-09-14", ",14/09/2025");
        CHECK(problemsOf(pkg).find("field assured_date: \"14/09/2025\" is not a date") !=
              std::string::npos);
    }
    SECTION("a row with a field too many")
    {
        edit(pkg / "phone.csv", "description\r\n", "description,extra\r\n");
        CHECK(problemsOf(pkg).find("phone.csv, row 2: the row has 8 fields, the header 9") !=
              std::string::npos);
    }
    SECTION("a required field left empty")
    {
        edit(pkg / "organization.csv", "org-01,Harbor Food Collective,", "org-01,,");
        const auto text = problemsOf(pkg);
        CHECK(text.find("organization.csv, row 2, field name: is required") != std::string::npos);
    }
}

TEST_CASE("opening times are read as local clock times", "[directory]")
{
    CHECK(parseClock("09:30") == 570);
    CHECK(parseClock("9:30") == 570);
    CHECK(parseClock("17:00:00") == 1020);
    CHECK(parseClock("09:00-05:00") == 540);
    CHECK(parseClock("09:00Z") == 540);
    CHECK_FALSE(parseClock("25:00"));
    CHECK_FALSE(parseClock("9am"));
    CHECK_FALSE(parseClock("09:00 EST"));
    // 2026-12-05 was a Saturday (weekday 5, Monday being 0).
    DirectoryQuery at;
    setOpenAt(at, (20'792LL * 24 * 60 + 22 * 60 + 30) * 60'000);
    CHECK(at.openWeekday == 5);
    CHECK(at.openMinute == 22 * 60 + 30);
    setOpenAt(at, 0); // 1970-01-01T00:00, a Thursday
    CHECK(at.openWeekday == 3);
    CHECK(at.openMinute == 0);
    CHECK(isIsoDate("2026-02-28"));
    CHECK_FALSE(isIsoDate("2026-13-01"));
    CHECK(isOutOfDate("2025-12-03", "2026-12-04"));
    CHECK_FALSE(isOutOfDate("2025-12-05", "2026-12-04"));
    CHECK(isOutOfDate("", "2026-12-04"));
    // One degree of latitude is about 111.2 km.
    CHECK(distanceKm(43.0, -116.0, 44.0, -116.0) == Approx(111.19).epsilon(0.001));
}

TEST_CASE("search finds by words in English and Spanish, stems and unfinished words", "[directory]")
{
    Imported d;
    const auto pantry = d.words("food pantries");
    REQUIRE_FALSE(pantry.empty());
    CHECK(contains(pantry, "svc-01"));
    CHECK(d.words("despensa de alimentos").front() == "svc-03");
    CHECK(d.words("grupo apoyo duelo").front() == "svc-11");
    // Accents and case do not matter; the last word may be unfinished.
    CHECK(contains(d.words("CONSEJERIA"), "svc-23"));
    CHECK(contains(d.words("nalox"), "svc-20"));
    // Every word must match.
    CHECK(d.words("naloxone pantry").empty());
    CHECK(d.words("zzzqqq").empty());
}

TEST_CASE("search filters: category with its broader one, language, hours, free, peer-run, "
          "status",
          "[directory]")
{
    Imported d;
    DirectoryQuery food;
    food.category = "food";
    const auto foodIds = d.find(food);
    CHECK(contains(foodIds, "svc-01")); // a food pantry: a narrower term of food
    DirectoryQuery es;
    es.category = "mental-health";
    es.language = "es";
    for (const auto& id : d.find(es)) {
        const auto e = d.directory.show(id, "2026-12-04");
        REQUIRE(e);
        CHECK(contains(e->detail.languages, "es"));
        CHECK(contains(e->detail.categories, "mental-health"));
    }
    CHECK_FALSE(d.find(es).empty());
    DirectoryQuery late; // Saturday 22:30
    late.openWeekday = 5;
    late.openMinute = 22 * 60 + 30;
    const auto open = d.find(late);
    REQUIRE_FALSE(open.empty());
    for (const auto& id : open) {
        const auto e = d.directory.show(id, "2026-12-04");
        const bool anyOpen =
            std::any_of(e->detail.hours.begin(), e->detail.hours.end(), [](const HsdsHours& h) {
                return h.weekday == 5 && h.opens <= 1350 && h.closes > 1350;
            });
        CHECK(anyOpen);
    }
    CHECK_FALSE(contains(open, "svc-01"));
    DirectoryQuery peer;
    peer.peerRunOnly = true;
    CHECK(d.find(peer).size() == 8);
    DirectoryQuery free;
    free.freeOnly = true;
    REQUIRE_FALSE(d.find(free).empty());
    for (const auto& id : d.find(free)) {
        CHECK(d.directory.show(id, "2026-12-04")->detail.free);
    }
    // Closed services only when asked.
    DirectoryQuery shelter;
    shelter.words = "albergue";
    CHECK_FALSE(contains(d.find(shelter), "svc-06"));
    shelter.includeClosed = true;
    CHECK(contains(d.find(shelter), "svc-06"));
}

TEST_CASE("search near a postal code, a town or coordinates, nearest first", "[directory]")
{
    Imported d;
    DirectoryQuery q;
    q.near = Near{std::nullopt, std::nullopt, "Pine Hollow", 10};
    const auto found = d.directory.search(q);
    REQUIRE_FALSE(found.empty());
    for (std::size_t i = 0; i < found.size(); ++i) {
        REQUIRE(found[i].distanceKm);
        CHECK(*found[i].distanceKm <= 10);
        if (i > 0) {
            CHECK(*found[i - 1].distanceKm <= *found[i].distanceKm);
        }
    }
    // Millbrook is about 50 km away: not within 10.
    q.near = Near{std::nullopt, std::nullopt, "83702", 10};
    const auto millbrook = ids(d.directory.search(q));
    for (const auto& id : ids(found)) {
        const auto e = d.directory.show(id, "2026-12-04");
        bool onlyFar = true;
        for (const auto& p : e->detail.places) {
            onlyFar = onlyFar && p.city != "Millbrook";
        }
        CHECK(onlyFar);
    }
    CHECK_FALSE(millbrook.empty());
    q.near = Near{std::nullopt, std::nullopt, "Atlantis", 10};
    CHECK_THROWS_AS(d.directory.search(q), std::invalid_argument);
}

TEST_CASE("imports are versions: what changed is told, a failed import changes nothing",
          "[directory]")
{
    Imported d;
    auto pkg = readHsdsPackage(kSample);
    CHECK(d.directory.currentVersion() == 1);
    pkg.services.erase(pkg.services.begin()); // svc-01 goes
    pkg.services.front().description += " Now also on Sundays.";
    auto extra = pkg.services.back();
    extra.id = "svc-new";
    extra.name = "New Peer Group";
    pkg.services.push_back(extra);
    const auto c = d.directory.import(pkg, "second", "2026-12-02T00:00:00Z");
    CHECK(c.fromVersion == 1);
    CHECK(c.toVersion == 2);
    REQUIRE(c.removed.size() == 1);
    CHECK(c.removed[0].first == "svc-01");
    REQUIRE(c.added.size() == 1);
    CHECK(c.added[0].first == "svc-new");
    REQUIRE(c.changed.size() == 1);
    CHECK(c.changed[0].first == "svc-02");
    CHECK_FALSE(d.directory.show("svc-01", "2026-12-04"));
    CHECK_FALSE(contains(d.words("harbor pantry"), "svc-01"));

    // Two services with one id break the import half way: nothing of it stays.
    auto broken = pkg;
    broken.services.push_back(broken.services.front());
    CHECK_THROWS(d.directory.import(broken, "broken", "2026-12-03T00:00:00Z"));
    CHECK(d.directory.currentVersion() == 2);
    CHECK(d.directory.versions().size() == 2);
    CHECK(contains(d.words("new peer group"), "svc-new"));

    for (int i = 0; i < ResourceDirectory::kKeptVersions + 2; ++i) {
        d.directory.import(pkg, "again", "2026-12-03T00:00:00Z");
    }
    const auto kept = d.directory.versions();
    CHECK(kept.size() == static_cast<std::size_t>(ResourceDirectory::kKeptVersions));
    CHECK(kept.front().version == 14);
}

TEST_CASE("an entry not verified for a year is marked out of date", "[directory]")
{
    Imported d;
    const auto recent = d.directory.show("svc-01", "2026-12-04"); // verified 2025-09-14
    REQUIRE(recent);
    CHECK(recent->detail.assuredDate == "2025-09-14");
    CHECK(recent->outOfDate == isOutOfDate("2025-09-14", "2026-12-04"));
    const auto later = d.directory.show("svc-01", "2025-12-01");
    CHECK_FALSE(later->outOfDate);
}

TEST_CASE("a data package descriptor says where each table is, by HSDS 3.0 or plural names",
          "[directory]")
{
    warmline::test::TempDir dir;
    const auto pkg = dir / "datapackage";
    fs::create_directories(pkg / "data");
    // The sample's tables under other names, as exports often ship them.
    fs::copy_file(kSample / "organization.csv", pkg / "data" / "organizations.csv");
    fs::copy_file(kSample / "service.csv", pkg / "data" / "services.csv");
    fs::copy_file(kSample / "phone.csv", pkg / "data" / "phones.csv");
    fs::copy_file(kSample / "service_at_location.csv", pkg / "data" / "sal.csv");
    fs::copy_file(kSample / "location.csv", pkg / "data" / "location.csv");
    write(pkg / "datapackage.json",
          R"({"name":"alder-county","resources":[
               {"name":"organizations","path":"data/organizations.csv"},
               {"name":"services","path":"data/services.csv"},
               {"name":"phones","path":"data/phones.csv"},
               {"name":"services_at_location","path":"data/sal.csv"},
               {"name":"location","path":"data/location.csv"},
               {"name":"fundings","path":"data/fundings.csv"}]})");
    const auto read = readHsdsPackage(pkg);
    const auto whole = readHsdsPackage(kSample);
    CHECK(read.services.size() == whole.services.size());
    CHECK(std::find(read.filesRead.begin(), read.filesRead.end(), "data/services.csv") !=
          read.filesRead.end());
    // Phones came from the renamed file.
    const auto pantry = std::find_if(read.services.begin(), read.services.end(),
                                     [](const HsdsService& s) { return s.id == "svc-03"; });
    REQUIRE(pantry != read.services.end());
    REQUIRE_FALSE(pantry->phones.empty());
    CHECK(pantry->phones[0].number == "(208) 555-0102");

    // A problem in a listed file names that file.
    edit(pkg / "data" / "services.csv", "svc-01,org-01", "svc-01,org-99");
    CHECK_THAT(problemsOf(pkg), Catch::Contains("data/services.csv, row 2, field organization_id"));
    edit(pkg / "data" / "services.csv", "svc-01,org-99", "svc-01,org-01");

    // What a descriptor may not do, each named.
    const std::pair<std::string, std::string> bad[] = {
        {R"({"resources":"none"})", "datapackage.json, field resources: must be an array"},
        {R"({"resources":[{"name":"services","path":"../service.csv"},)"
         R"({"name":"organizations","path":"data/organizations.csv"}]})",
         "must be a file inside the package's folder"},
        {R"({"resources":[{"name":"services","path":["a.csv","b.csv"]},)"
         R"({"name":"organizations","path":"data/organizations.csv"}]})",
         "must be one file, not a list of parts"},
        {R"({"resources":[{"name":"services","data":[{"id":"x"}]},)"
         R"({"name":"organizations","path":"data/organizations.csv"}]})",
         "inline rows are not read"},
        {R"({"resources":[{"name":"organizations","path":"data/organizations.csv"}]})",
         "lists no \"service\" resource"},
        {R"({"resources":[{"name":"services","path":"data/none.csv"},)"
         R"({"name":"organizations","path":"data/organizations.csv"}]})",
         "data/none.csv: the file is missing"},
        {"{not json", "datapackage.json: is not a JSON object"},
    };
    for (const auto& [descriptor, expected] : bad) {
        write(pkg / "datapackage.json", descriptor);
        INFO(descriptor);
        CHECK_THAT(problemsOf(pkg), Catch::Contains(expected));
    }
}
