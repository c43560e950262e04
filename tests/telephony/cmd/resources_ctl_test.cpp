// `warmlinectl resources` as a process, on a real directory file: the
// sample HSDS package imported, a broken package refused with its problems
// named and the directory left as it was, search, show, versions and
// changes, offline (no gateway, no session).

#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/TempDir.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace warmline::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSample = fs::path(WARMLINE_SOURCE_DIR) / "resources" / "directory-sample";

boost::json::object jsonOf(const RunResult& r)
{
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return boost::json::parse(r.out).as_object();
}

RunResult resources(const std::vector<std::string>& words, const fs::path& file)
{
    std::vector<std::string> args{"resources"};
    args.insert(args.end(), words.begin(), words.end());
    args.push_back("--directory");
    args.push_back(file.string());
    return runCtl(args, std::nullopt, std::chrono::seconds(60));
}

} // namespace

TEST_CASE("warmlinectl resources imports the sample, searches it and shows an entry",
          "[ctl][resources]")
{
    TempDir dir("warmline-resources");
    const auto file = dir / "directory.db";
    const auto imported = jsonOf(resources({"import", kSample.string()}, file));
    CHECK(imported.at("version").as_int64() == 1);
    CHECK(imported.at("services").as_int64() == 48);
    CHECK(imported.at("added").as_array().size() == 48);

    const auto found = jsonOf(resources({"search", "despensa", "alimentos"}, file));
    REQUIRE(found.at("count").as_int64() >= 1);
    const auto& first = found.at("results").as_array().at(0).as_object();
    CHECK(first.at("id").as_string() == "svc-03");
    CHECK(first.contains("phone"));

    const auto near = jsonOf(resources(
        {"search", "--category", "food", "--near", "Pine Hollow", "--within", "10"}, file));
    REQUIRE(near.at("count").as_int64() >= 1);
    for (const auto& r : near.at("results").as_array()) {
        CHECK(r.as_object().at("distanceKm").to_number<double>() <= 10.0);
    }

    // Saturday 22:30: some services, not all of them.
    const auto all = jsonOf(resources({"search", "--limit", "200"}, file));
    const auto open =
        jsonOf(resources({"search", "--open-at", "2026-12-05T22:30", "--limit", "200"}, file));
    CHECK(open.at("count").as_int64() >= 1);
    CHECK(open.at("count").as_int64() < all.at("count").as_int64());
    bool crisisLineOpen = false;
    for (const auto& r : open.at("results").as_array()) {
        crisisLineOpen = crisisLineOpen || r.as_object().at("id").as_string() == "svc-27";
        CHECK(r.as_object().at("id").as_string() != "svc-01"); // a daytime pantry
    }
    CHECK(crisisLineOpen); // the 24-hour domestic violence hotline

    const auto shown = jsonOf(resources({"show", "svc-01"}, file));
    CHECK(shown.at("name").as_string() == "Harbor Street Food Pantry");
    CHECK_FALSE(shown.at("phones").as_array().empty());
    CHECK(shown.contains("applicationProcess"));
    CHECK(shown.contains("outOfDate"));

    const auto missing = resources({"show", "svc-404"}, file);
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.find("no service \"svc-404\"") != std::string::npos);

    const auto unknownPlace = resources({"search", "--near", "Atlantis"}, file);
    CHECK(unknownPlace.exitCode == 1);
    CHECK(unknownPlace.err.find("Atlantis") != std::string::npos);

    for (const char* bad : {"tomorrow", "2026-02-30T10:00", "2026-12-05T24:00"}) {
        const auto badTime = resources({"search", "--open-at", bad}, file);
        CHECK(badTime.exitCode == 2);
        CHECK(badTime.err.find("--open-at") != std::string::npos);
    }
}

TEST_CASE("warmlinectl resources refuses a broken package and keeps the directory as it was",
          "[ctl][resources]")
{
    TempDir dir("warmline-resources");
    const auto file = dir / "directory.db";
    jsonOf(resources({"import", kSample.string()}, file));

    // A copy of the sample with a service whose organisation does not exist.
    const auto broken = dir / "broken";
    fs::copy(kSample, broken, fs::copy_options::recursive);
    {
        std::ofstream out(broken / "service.csv", std::ios::app | std::ios::binary);
        out << "svc-99,org-99,Ghost Service,,,,,active,,,,,2026-01-01\r\n";
    }
    const auto refused = resources({"import", broken.string()}, file);
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.find("the directory is unchanged") != std::string::npos);
    CHECK(refused.err.find("service.csv, row 50, field organization_id: \"org-99\" is not an id "
                           "in organization.csv") != std::string::npos);
    const auto versions = jsonOf(resources({"versions"}, file));
    CHECK(versions.at("versions").as_array().size() == 1);
    CHECK(jsonOf(resources({"search", "ghost"}, file)).at("count").as_int64() == 0);

    // Fixed, it imports as version 2, with the one service added.
    {
        std::ofstream out(broken / "organization.csv", std::ios::app | std::ios::binary);
        out << "org-99,Ghost Org,A synthetic "
               "organisation.,ghost@example.org,https://ghost.example.org\r\n";
    }
    const auto second = jsonOf(resources({"import", broken.string()}, file));
    CHECK(second.at("version").as_int64() == 2);
    REQUIRE(second.at("added").as_array().size() == 1);
    CHECK(second.at("added").as_array()[0].as_object().at("id").as_string() == "svc-99");
    const auto changes = jsonOf(resources({"changes", "1", "2"}, file));
    CHECK(changes.at("added").as_array().size() == 1);
    CHECK(changes.at("removed").as_array().empty());
    CHECK(jsonOf(resources({"search", "ghost"}, file)).at("count").as_int64() == 1);
}

TEST_CASE("warmlinectl resources needs no gateway or session, and says where the directory is "
          "missing",
          "[ctl][resources]")
{
    TempDir dir("warmline-resources");
    ProcessOptions p;
    p.argv = {WARMLINE_CTL_BIN, "--gateway", "ws://127.0.0.1:1/link", "resources",
              "search",         "food",      "--directory",           (dir / "none.db").string()};
    p.unsetEnv = {"HOME", "XDG_CONFIG_HOME", "WARMLINE_GATEWAY"};
    p.name = "resources";
    const auto r = runProgram(std::move(p), std::chrono::seconds(30));
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("no directory there yet") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "none.db"));

    const auto help = runCtl({"resources", "search", "--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--near PLACE") != std::string::npos);
}

TEST_CASE("the line's own package is laid over every import, and its unverified marks outlast "
          "them",
          "[ctl][resources]")
{
    TempDir dir;
    const auto file = dir.path() / "directory.db";
    // The line's own package: its peer group (new) and a correction of a
    // sample service (same id, a new name and phone).
    const auto local = dir.path() / "local";
    fs::create_directories(local);
    std::ofstream(local / "organization.csv")
        << "id,name,description,email,website\n"
           "org-line,Alder Warmline,The line's own programmes.,,\n";
    std::ofstream(local / "service.csv")
        << "id,organization_id,name,alternate_name,description,url,email,status,"
           "application_process,fees_description,eligibility_description,"
           "interpretation_services,assured_date\n"
           "line-01,org-line,Thursday Night Peer Circle,,A peer support group run by the line's "
           "own volunteers.,,,active,Just come along.,Free,Anyone.,,2026-11-01\n"
           "svc-01,org-line,Harbor Street Food Pantry (moved),,Now at the church hall.,,,active,"
           "Walk in.,Free,Alder County residents.,,2026-11-20\n";

    const auto first =
        jsonOf(resources({"import", kSample.string(), "--local", local.string()}, file));
    CHECK(first.at("version") == 1);
    const auto circle = jsonOf(resources({"search", "peer", "circle"}, file));
    REQUIRE_FALSE(circle.at("results").as_array().empty());
    CHECK(circle.at("results").as_array()[0].at("id") == "line-01");
    CHECK(jsonOf(resources({"show", "svc-01"}, file)).at("name") ==
          "Harbor Street Food Pantry (moved)");

    // Marked unverified by the line, with a note, shown with the entry.
    const auto marked = jsonOf(
        resources({"unverify", "svc-02", "--note", "number rang out twice this week"}, file));
    CHECK(marked.at("unverified") == true);
    auto shown = jsonOf(resources({"show", "svc-02"}, file));
    CHECK(shown.at("unverified") == true);
    CHECK(shown.at("unverifiedNote") == "number rang out twice this week");
    CHECK(jsonOf(resources({"show", "svc-03"}, file)).at("unverified") == false);

    // The next import (the same export again, with the same local package)
    // keeps both: the local entries and the mark.
    const auto second =
        jsonOf(resources({"import", kSample.string(), "--local", local.string()}, file));
    CHECK(second.at("version") == 2);
    CHECK(second.at("changed").as_array().empty());
    CHECK(jsonOf(resources({"show", "line-01"}, file)).at("name") == "Thursday Night Peer Circle");
    CHECK(jsonOf(resources({"show", "svc-02"}, file)).at("unverified") == true);
    // Without the local package the sample's own entry comes back.
    jsonOf(resources({"import", kSample.string()}, file));
    CHECK(jsonOf(resources({"show", "svc-01"}, file)).at("name") == "Harbor Street Food Pantry");
    CHECK(resources({"show", "line-01"}, file).exitCode != 0);

    CHECK(jsonOf(resources({"unverify", "svc-02", "--undo"}, file)).at("unverified") == false);
    CHECK(jsonOf(resources({"show", "svc-02"}, file)).at("unverified") == false);
    const auto unknown = resources({"unverify", "svc-404"}, file);
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.find("svc-404") != std::string::npos);
    const auto broken = dir.path() / "broken";
    fs::create_directories(broken);
    std::ofstream(broken / "service.csv") << "id,name\nx,y\n";
    const auto refused = resources({"import", kSample.string(), "--local", broken.string()}, file);
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.find("broken") != std::string::npos);
}
