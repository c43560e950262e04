#include "core/security/PasswordHasher.h"

#include <catch2/catch.hpp>

using namespace warmline;

TEST_CASE("argon2id hashes verify the right password and only it")
{
    const PasswordHasher hasher;
    const std::string stored = hasher.hash("correct horse battery staple");
    CHECK_THAT(stored, Catch::StartsWith("$argon2id$"));
    CHECK(hasher.verify(stored, "correct horse battery staple"));
    CHECK_FALSE(hasher.verify(stored, "correct horse battery stapler"));
    CHECK_FALSE(hasher.verify(stored, ""));
    CHECK_FALSE(hasher.needsRehash(stored));
}

TEST_CASE("each hash has its own salt")
{
    const PasswordHasher hasher;
    const std::string a = hasher.hash("same password");
    const std::string b = hasher.hash("same password");
    CHECK(a != b);
    CHECK(hasher.verify(a, "same password"));
    CHECK(hasher.verify(b, "same password"));
}

TEST_CASE("empty and non-ASCII passwords work")
{
    const PasswordHasher hasher;
    CHECK(hasher.verify(hasher.hash(""), ""));
    const std::string unicode = "p\xC3\xA4ssw\xC3\xB6rd \xF0\x9F\x94\x91";
    CHECK(hasher.verify(hasher.hash(unicode), unicode));
    CHECK_FALSE(hasher.verify(hasher.hash(unicode), "passwort"));
}

TEST_CASE("malformed stored hashes never verify and need a rehash")
{
    const PasswordHasher hasher;
    for (const std::string& stored :
         {std::string(), std::string("plaintext"), std::string("$argon2id$v=19$garbage"),
          std::string(200, 'x'), std::string("$argon2id\0$", 11)}) {
        CHECK_FALSE(hasher.verify(stored, "plaintext"));
        CHECK(hasher.needsRehash(stored));
    }
    const std::string tampered = [&] {
        std::string s = hasher.hash("secret");
        s.back() = s.back() == 'A' ? 'B' : 'A';
        return s;
    }();
    CHECK_FALSE(hasher.verify(tampered, "secret"));
}

TEST_CASE("hashes made with other limits need a rehash")
{
    // The smallest argon2id limits: one pass over 8 MiB.
    const PasswordHasher cheap(1, 8 * 1024 * 1024);
    const std::string weak = cheap.hash("secret");
    CHECK(cheap.verify(weak, "secret"));
    CHECK_FALSE(cheap.needsRehash(weak));

    const PasswordHasher standard;
    CHECK(standard.verify(weak, "secret")); // the limits are read from the string
    CHECK(standard.needsRehash(weak));
    CHECK(cheap.needsRehash(standard.hash("secret")));
}
