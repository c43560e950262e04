#include "core/domain/CallerIdentity.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <random>
#include <set>

using namespace warmline;
namespace fs = std::filesystem;

namespace {

class TempDir
{
public:
    TempDir()
    {
        static std::atomic<int> counter{0};
        std::random_device random;
        m_path = fs::temp_directory_path() / ("warmline-identity-test-" + std::to_string(random()) +
                                              "-" + std::to_string(counter++));
        fs::create_directories(m_path);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

SiteKeys testKeys(unsigned char fill = 7)
{
    std::array<unsigned char, kSiteKeyFileBytes> master{};
    master.fill(fill);
    return SiteKeys::fromMaster(master);
}

std::string readBytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST_CASE("a missing key file is created with mode 0600 and reloaded unchanged")
{
    TempDir dir;
    const auto path = dir.path() / "keys" / "site.key";
    const SiteKeys created = SiteKeys::loadOrCreate(path);
    REQUIRE(fs::exists(path));
    CHECK(fs::file_size(path) == kSiteKeyFileBytes);
    CHECK((fs::status(path).permissions() & fs::perms::mask) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    const std::string bytes = readBytes(path);

    const SiteKeys reloaded = SiteKeys::loadOrCreate(path);
    CHECK(readBytes(path) == bytes);
    CHECK(reloaded.numberHash("+15555550123") == created.numberHash("+15555550123"));
    CHECK(reloaded.decryptNumber(created.encryptNumber("+15555550123")) == "+15555550123");

    // No temporary files are left behind.
    CHECK(std::distance(fs::directory_iterator(path.parent_path()), fs::directory_iterator()) == 1);
}

TEST_CASE("two sites have different keys")
{
    TempDir dir;
    const SiteKeys a = SiteKeys::loadOrCreate(dir.path() / "a.key");
    const SiteKeys b = SiteKeys::loadOrCreate(dir.path() / "b.key");
    CHECK(a.numberHash("+15555550123") != b.numberHash("+15555550123"));
    CHECK_THROWS_AS(b.decryptNumber(a.encryptNumber("+15555550123")), DecryptError);
}

TEST_CASE("a key file readable by others is refused with a clear error")
{
    TempDir dir;
    const auto path = dir.path() / "site.key";
    SiteKeys::loadOrCreate(path);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::others_read);
    try {
        SiteKeys::loadOrCreate(path);
        FAIL("expected KeyFileError");
    } catch (const KeyFileError& error) {
        const std::string message = error.what();
        CHECK_THAT(message, Catch::Contains(path.string()));
        CHECK_THAT(message, Catch::Contains("0644"));
        CHECK_THAT(message, Catch::Contains("chmod 600"));
    }

    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read);
    CHECK_THROWS_AS(SiteKeys::loadOrCreate(path), KeyFileError);

    fs::permissions(path, fs::perms::owner_read);
    CHECK_NOTHROW(SiteKeys::loadOrCreate(path));
}

TEST_CASE("a key file of the wrong size is refused, not replaced")
{
    TempDir dir;
    const auto path = dir.path() / "site.key";
    {
        std::ofstream out(path, std::ios::binary);
        out << "too short";
    }
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    CHECK_THROWS_WITH(SiteKeys::loadOrCreate(path), Catch::Contains("expected 64 bytes"));
    CHECK(readBytes(path) == "too short");
}

TEST_CASE("a directory or symlink in place of the key file is refused")
{
    TempDir dir;
    fs::create_directory(dir.path() / "dir.key");
    fs::permissions(dir.path() / "dir.key", fs::perms::owner_all);
    CHECK_THROWS_AS(SiteKeys::loadOrCreate(dir.path() / "dir.key"), KeyFileError);

    SiteKeys::loadOrCreate(dir.path() / "real.key");
    fs::create_symlink(dir.path() / "real.key", dir.path() / "link.key");
    CHECK_THROWS_AS(SiteKeys::loadOrCreate(dir.path() / "link.key"), KeyFileError);
}

TEST_CASE("numbers are normalised before hashing")
{
    CHECK(normaliseNumber("+1 (555) 555-0123") == "+15555550123");
    CHECK(normaliseNumber("555.555.0123") == "5555550123");
    CHECK(normaliseNumber("whatsapp:+15555550123") == "whatsapp:+15555550123");

    const SiteKeys keys = testKeys();
    const std::string hash = keys.numberHash("+15555550123");
    CHECK(hash.size() == 64);
    CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(keys.numberHash("+1 (555) 555-0123") == hash);
    CHECK(keys.numberHash("+1-555-555-0123") == hash);
    CHECK(keys.numberHash("+15555550124") != hash);
    CHECK(keys.numberHash("15555550123") != hash); // the '+' is significant
    CHECK(testKeys(8).numberHash("+15555550123") != hash);
}

TEST_CASE("numbers are sealed with a fresh nonce and open again")
{
    const SiteKeys keys = testKeys();
    const auto first = keys.encryptNumber("+15555550123");
    const auto second = keys.encryptNumber("+15555550123");
    CHECK(first != second);
    CHECK(first.size() == 24 + 16 + 12);
    const std::string plain = "+15555550123";
    CHECK(std::search(first.begin(), first.end(), plain.begin(), plain.end()) == first.end());
    CHECK(keys.decryptNumber(first) == "+15555550123");
    CHECK(keys.decryptNumber(second) == "+15555550123");
    CHECK(keys.decryptNumber(keys.encryptNumber("")).empty());
    // Encrypted exactly as given: replies go to the carrier's own spelling.
    CHECK(keys.decryptNumber(keys.encryptNumber("+1 555 555 0123")) == "+1 555 555 0123");
}

TEST_CASE("a tampered or truncated blob does not open")
{
    const SiteKeys keys = testKeys();
    const auto blob = keys.encryptNumber("+15555550123");
    for (std::size_t i = 0; i < blob.size(); ++i) {
        auto tampered = blob;
        tampered[i] ^= 0x01;
        INFO("byte " << i);
        CHECK_THROWS_AS(keys.decryptNumber(tampered), DecryptError);
    }
    CHECK_THROWS_AS(keys.decryptNumber(std::vector<unsigned char>(blob.begin(), blob.end() - 1)),
                    DecryptError);
    CHECK_THROWS_AS(keys.decryptNumber(std::vector<unsigned char>(39)), DecryptError);
    CHECK_THROWS_AS(keys.decryptNumber(std::vector<unsigned char>()), DecryptError);
    CHECK_THROWS_AS(testKeys(9).decryptNumber(blob), DecryptError);
}

TEST_CASE("aliases are stable, friendly and differ between callers")
{
    const SiteKeys keys = testKeys();
    const std::string alias = aliasFor(keys.numberHash("+15555550123"));
    CHECK(alias == aliasFor(keys.numberHash("+1 555 555 0123")));
    CHECK(alias != aliasFor(keys.numberHash("+15555550124")));
    CHECK_THAT(alias, Catch::Matches("[A-Z][a-z]+ [A-Z][a-z]+ [0-9]{3}"));
    CHECK(aliasFor("00000000") == "Amber Heron 000");
    CHECK(aliasFor("FFFFFFFF") == "Woven Heath 535");

    std::set<std::string> aliases;
    std::set<std::string> adjectives;
    std::set<std::string> nouns;
    for (int i = 0; i < 200; ++i) {
        const std::string next = aliasFor(keys.numberHash("+1555555" + std::to_string(1000 + i)));
        aliases.insert(next);
        adjectives.insert(next.substr(0, next.find(' ')));
        nouns.insert(next.substr(next.find(' ') + 1, next.rfind(' ') - next.find(' ') - 1));
    }
    CHECK(aliases.size() >= 199);
    CHECK(adjectives.size() > 40);
    CHECK(nouns.size() > 40);
}

TEST_CASE("aliasFor refuses what is not a hash")
{
    CHECK_THROWS_AS(aliasFor(""), std::invalid_argument);
    CHECK_THROWS_AS(aliasFor("0a1b2c"), std::invalid_argument);
    CHECK_THROWS_AS(aliasFor("0a1b2c3g"), std::invalid_argument);
    CHECK_THROWS_AS(aliasFor("+15555550123"), std::invalid_argument);
}
