// The backup file: what goes in comes out with the right passphrase; a wrong
// passphrase, a changed byte or a file cut short is refused whole and leaves
// nothing behind; nothing of the content is readable in the file.

#include "core/security/BackupFile.h"
#include "support/TempDir.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace warmline;
using warmline::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const fs::path& p, const std::string& s)
{
    std::ofstream(p, std::ios::binary) << s;
}

std::string errorOf(const fs::path& in, const std::string& pass, const fs::path& dir)
{
    try {
        readBackup(in, pass, dir);
    } catch (const BackupError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("a backup holds its files sealed and gives them back with the passphrase")
{
    TempDir t("warmline-backup-test");
    // A store bigger than one piece, with a word that must not show.
    std::string store;
    for (int i = 0; i < 20000; ++i) {
        store += "synthetic row " + std::to_string(i) + " quietheronmarker\n";
    }
    writeAll(t.path() / "store.db", store);
    writeAll(t.path() / "site.key", std::string(32, '\x07'));
    writeAll(t.path() / "empty", "");
    const auto sealed = t.path() / "backup.wlbk";
    const std::string pass = "correct horse battery staple";
    writeBackup(sealed,
                {{"warmline.db", t.path() / "store.db"},
                 {"site.key", t.path() / "site.key"},
                 {"empty", t.path() / "empty"}},
                pass);
    const auto bytes = readAll(sealed);
    CHECK(bytes.find("quietheronmarker") == std::string::npos);
    CHECK((fs::status(sealed).permissions() & fs::perms::others_read) == fs::perms::none);

    fs::create_directories(t.path() / "out");
    const auto names = readBackup(sealed, pass, t.path() / "out");
    CHECK(names == std::vector<std::string>{"warmline.db", "site.key", "empty"});
    CHECK(readAll(t.path() / "out" / "warmline.db") == store);
    CHECK(readAll(t.path() / "out" / "site.key") == std::string(32, '\x07'));
    CHECK(readAll(t.path() / "out" / "empty").empty());

    SECTION("a wrong passphrase opens nothing")
    {
        fs::create_directories(t.path() / "wrong");
        CHECK_THAT(errorOf(sealed, "not the passphrase", t.path() / "wrong"),
                   Catch::Matchers::Contains("cannot be opened with this passphrase"));
        CHECK(fs::is_empty(t.path() / "wrong"));
    }
    SECTION("a changed byte, or a file cut short, is refused and leaves nothing")
    {
        std::string changed = bytes;
        changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 0x01);
        writeAll(t.path() / "changed.wlbk", changed);
        fs::create_directories(t.path() / "c");
        CHECK_THAT(errorOf(t.path() / "changed.wlbk", pass, t.path() / "c"),
                   Catch::Matchers::Contains("damaged"));
        CHECK(fs::is_empty(t.path() / "c"));

        writeAll(t.path() / "short.wlbk", bytes.substr(0, bytes.size() - 30));
        fs::create_directories(t.path() / "s");
        CHECK_THAT(errorOf(t.path() / "short.wlbk", pass, t.path() / "s"),
                   Catch::Matchers::Contains("cut short"));
        CHECK(fs::is_empty(t.path() / "s"));

        writeAll(t.path() / "other", "hello");
        CHECK_THAT(errorOf(t.path() / "other", pass, t.path() / "s"),
                   Catch::Matchers::Contains("not a Warmline backup"));
    }
}

TEST_CASE("a backup needs a passphrase of 12 characters and plain item names")
{
    TempDir t("warmline-backup-test");
    writeAll(t.path() / "a", "x");
    CHECK_THROWS_WITH(writeBackup(t.path() / "b", {{"a", t.path() / "a"}}, "short"),
                      Catch::Matchers::Contains("shorter than 12"));
    CHECK_THROWS_WITH(
        writeBackup(t.path() / "b", {{"../a", t.path() / "a"}}, "long enough passphrase"),
        Catch::Matchers::Contains("not a backup item name"));
    CHECK_THROWS_WITH(
        writeBackup(t.path() / "b", {{"a", t.path() / "missing"}}, "long enough passphrase"),
        Catch::Matchers::Contains("cannot be read"));
}
