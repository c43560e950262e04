// `warmlinectl triage` as a process: messages on stdin, one JSON object per
// line on stdout, offline, with the default rules or --rules FILE.

#include "support/GatewayProcess.h"
#include "support/Process.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace warmline::test;

namespace {

std::vector<boost::json::object> jsonLines(const std::string& out)
{
    std::vector<boost::json::object> lines;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        lines.push_back(boost::json::parse(line).as_object());
    }
    return lines;
}

std::string levelOf(const boost::json::object& o)
{
    return std::string(o.at("level").as_string());
}

} // namespace

TEST_CASE("warmlinectl triage scores each stdin line with the installed rules", "[ctl][triage]")
{
    const std::string input =
        "I want to kill myself\n"
        "this traffic is killing me\n"
        "\n"
        "I have a bottle of pills in front of me and I want to die tonight\r\n"
        "me quiero morir\n"
        "\xff\xfe\xc3 invalid bytes\n"
        "no newline at the end: kms";
    const auto r = runCtl({"triage"}, input);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.empty());
    const auto lines = jsonLines(r.out);
    REQUIRE(lines.size() == 7);
    CHECK(levelOf(lines[0]) == "high");
    CHECK(levelOf(lines[1]) == "none");
    CHECK(levelOf(lines[2]) == "none");
    CHECK(levelOf(lines[3]) == "imminent");
    CHECK(levelOf(lines[4]) == "high");
    CHECK(levelOf(lines[5]) == "none");
    CHECK(levelOf(lines[6]) == "high");
    CHECK(lines[1].at("signals").as_array().empty());
    bool sawTimeFrame = false;
    for (const auto& s : lines[3].at("signals").as_array()) {
        const auto& o = s.as_object();
        if (o.at("category").as_string() == "time_frame") {
            sawTimeFrame = o.at("text").as_string() == "time frame: tonight";
        }
    }
    CHECK(sawTimeFrame);
}

TEST_CASE("warmlinectl triage needs no session, home or gateway", "[ctl][triage]")
{
    ProcessOptions p;
    p.argv = {WARMLINE_CTL_BIN, "--gateway", "ws://127.0.0.1:1/link", "triage"};
    p.unsetEnv = {"HOME", "XDG_CONFIG_HOME", "WARMLINE_GATEWAY"};
    p.stdinData = "I took the whole bottle of tylenol\n";
    p.name = "triage";
    const auto r = runProgram(std::move(p), std::chrono::seconds(30));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto lines = jsonLines(r.out);
    REQUIRE(lines.size() == 1);
    CHECK(levelOf(lines[0]) == "imminent");
}

TEST_CASE("warmlinectl triage scores a 100 KB line and says it was truncated", "[ctl][triage]")
{
    std::string big = "I want to die. ";
    while (big.size() < 100 * 1024) {
        big += "just some ordinary words about the day. ";
    }
    const auto r = runCtl({"triage"}, big + "\nhello\n");
    REQUIRE(r.exitCode == 0);
    const auto lines = jsonLines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(levelOf(lines[0]) == "high");
    CHECK(lines[0].at("truncated").as_bool());
    CHECK(levelOf(lines[1]) == "none");
    CHECK_FALSE(lines[1].contains("truncated"));
}

TEST_CASE("warmlinectl triage --rules uses that file", "[ctl][triage]")
{
    TempDir dir;
    const auto rules = dir / "rules.txt";
    writeFile(rules, "format 1\nversion local-1\ncategory desire desire\n"
                     "[signal desire concern] the word blue\nblue\n");
    const auto r =
        runCtl({"triage", "--rules", rules.string()}, std::string("feeling blue\nred\n"));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto lines = jsonLines(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(levelOf(lines[0]) == "concern");
    CHECK(lines[0].at("signals").as_array().at(0).as_object().at("text").as_string() ==
          "desire: the word blue");
    CHECK(levelOf(lines[1]) == "none");
}

TEST_CASE("warmlinectl triage with bad rules names the file and line and exits 1", "[ctl][triage]")
{
    TempDir dir;
    const auto rules = dir / "bad.txt";
    writeFile(rules, "format 1\nversion v\ncategory desire desire\n[signal desir high] x\nfoo\n");
    auto r = runCtl({"triage", "--rules", rules.string()}, std::string("hello\n"));
    CHECK(r.exitCode == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find(rules.string() + ":4: unknown category `desir`") != std::string::npos);

    r = runCtl({"triage", "--rules", (dir / "missing.txt").string()}, std::string("hello\n"));
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("missing.txt:0: cannot be read") != std::string::npos);

    r = runCtl({"triage", "--rules"});
    CHECK(r.exitCode == 2);
    r = runCtl({"triage", "extra"});
    CHECK(r.exitCode == 2);
}

TEST_CASE("warmlinectl triage --help describes it", "[ctl][triage]")
{
    const auto r = runCtl({"triage", "--help"});
    CHECK(r.exitCode == 0);
    CHECK(r.out.rfind("usage: warmlinectl triage", 0) == 0);
    CHECK(r.out.find("--rules FILE") != std::string::npos);
    const auto overview = runCtl({"--help"});
    CHECK(overview.out.find("  triage") != std::string::npos);
}

TEST_CASE("warmlinectl triage --conversation scores stdin as one conversation", "[ctl][triage]")
{
    const std::string input = "i have the pills saved up\n"
                              "i want to die\n"
                              "tonight\n";
    // Line by line, "tonight" alone is not a risk (the second opinion may
    // read the bare word as a message of concern, never higher).
    const auto each = runCtl({"triage"}, input);
    REQUIRE(each.exitCode == 0);
    const auto lines = jsonLines(each.out);
    REQUIRE(lines.size() == 3);
    CHECK(levelOf(lines[2]) != "high");
    CHECK(levelOf(lines[2]) != "imminent");
    // Together: one answer, with the time frame among its signals.
    const auto r = runCtl({"triage", "--conversation"}, input);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto together = jsonLines(r.out);
    REQUIRE(together.size() == 1);
    CHECK(levelOf(together[0]) == "imminent");
    bool sawTimeFrame = false;
    for (const auto& s : together[0].at("signals").as_array()) {
        sawTimeFrame = sawTimeFrame || s.as_object().at("category").as_string() == "time_frame";
    }
    CHECK(sawTimeFrame);
    // An ordinary conversation stays ordinary, and no input is one "none".
    CHECK(levelOf(jsonLines(runCtl({"triage", "--conversation"}, "hi\nlong day\n").out)[0]) ==
          "none");
    CHECK(levelOf(jsonLines(runCtl({"triage", "--conversation"}, "").out)[0]) == "none");
}
