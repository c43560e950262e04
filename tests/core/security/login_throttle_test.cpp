#include "core/security/LoginThrottle.h"

#include <catch2/catch.hpp>

using namespace warmline;

namespace {
constexpr EpochMs kT0 = 1'795'000'000'000;

LoginThrottle::Settings settings()
{
    LoginThrottle::Settings s;
    s.maxFailures = 3;
    s.maxAddressFailures = 5;
    s.windowMs = 10 * 60'000;
    s.lockoutMs = 60'000;
    s.maxEntries = 100;
    return s;
}
} // namespace

TEST_CASE("an account locks after maxFailures and unlocks after the lockout")
{
    LoginThrottle throttle(settings());
    CHECK_FALSE(throttle.lockedUntil("sam", "192.0.2.1", kT0));
    CHECK_FALSE(throttle.recordFailure("sam", "192.0.2.1", kT0));
    CHECK_FALSE(throttle.recordFailure("sam", "192.0.2.1", kT0 + 1000));
    const auto locked = throttle.recordFailure("sam", "192.0.2.1", kT0 + 2000);
    REQUIRE(locked);
    CHECK(*locked == kT0 + 2000 + 60'000);

    CHECK(throttle.lockedUntil("sam", "192.0.2.1", kT0 + 30'000) == locked);
    CHECK(throttle.lockedUntil("SAM", "198.51.100.7", kT0 + 30'000) == locked);
    CHECK(throttle.lockedUntil("sam", "192.0.2.1", kT0 + 2000 + 59'999) == locked);
    CHECK_FALSE(throttle.lockedUntil("sam", "192.0.2.1", kT0 + 2000 + 60'000));
    CHECK_FALSE(throttle.lockedUntil("alex", "198.51.100.7", kT0 + 30'000));
}

TEST_CASE("failures while locked do not extend the lockout")
{
    LoginThrottle throttle(settings());
    for (int i = 0; i < 3; ++i) {
        throttle.recordFailure("sam", "192.0.2.1", kT0);
    }
    CHECK(throttle.recordFailure("sam", "192.0.2.1", kT0 + 50'000) == kT0 + 60'000);
    CHECK_FALSE(throttle.lockedUntil("sam", "192.0.2.1", kT0 + 60'000));
}

TEST_CASE("after a lockout ends the count starts again")
{
    auto s = settings();
    s.maxAddressFailures = 100;
    LoginThrottle throttle(s);
    for (int i = 0; i < 3; ++i) {
        throttle.recordFailure("sam", "192.0.2.1", kT0);
    }
    const EpochMs later = kT0 + 61'000;
    CHECK_FALSE(throttle.recordFailure("sam", "192.0.2.1", later));
    CHECK_FALSE(throttle.recordFailure("sam", "192.0.2.1", later));
    CHECK(throttle.recordFailure("sam", "192.0.2.1", later) == later + 60'000);
}

TEST_CASE("failures outside the window are forgotten")
{
    LoginThrottle throttle(settings());
    throttle.recordFailure("sam", "192.0.2.1", kT0);
    throttle.recordFailure("sam", "192.0.2.1", kT0 + 1000);
    CHECK_FALSE(throttle.recordFailure("sam", "192.0.2.1", kT0 + 10 * 60'000));
    CHECK_FALSE(throttle.recordFailure("sam", "192.0.2.1", kT0 + 10 * 60'000 + 1));
    CHECK(throttle.recordFailure("sam", "192.0.2.1", kT0 + 10 * 60'000 + 2));
}

TEST_CASE("a success clears the account but not the address")
{
    LoginThrottle throttle(settings());
    throttle.recordFailure("sam", "192.0.2.1", kT0);
    throttle.recordFailure("sam", "192.0.2.1", kT0);
    throttle.recordSuccess("Sam");
    CHECK_FALSE(throttle.recordFailure("sam", "192.0.2.1", kT0));
    CHECK_FALSE(throttle.recordFailure("sam", "192.0.2.1", kT0));
    // The address has now failed four times; one more locks it for every account.
    const auto locked = throttle.recordFailure("alex", "192.0.2.1", kT0);
    REQUIRE(locked);
    CHECK(throttle.lockedUntil("robin", "192.0.2.1", kT0) == locked);
    CHECK_FALSE(throttle.lockedUntil("robin", "192.0.2.2", kT0));
}

TEST_CASE("guessing many accounts from one address locks the address")
{
    LoginThrottle throttle(settings());
    for (int i = 0; i < 4; ++i) {
        CHECK_FALSE(throttle.recordFailure("user" + std::to_string(i), "203.0.113.9", kT0));
    }
    CHECK(throttle.recordFailure("user4", "203.0.113.9", kT0) == kT0 + 60'000);
    CHECK(throttle.lockedUntil("someone-else", "203.0.113.9", kT0 + 1));
}

TEST_CASE("when both are locked the later unlock time is reported")
{
    auto s = settings();
    s.maxAddressFailures = 3;
    LoginThrottle throttle(s);
    throttle.recordFailure("sam", "192.0.2.1", kT0);
    throttle.recordFailure("sam", "192.0.2.1", kT0);
    throttle.recordFailure("alex", "192.0.2.1", kT0 + 5000);   // address locked until +65s
    throttle.recordFailure("sam", "198.51.100.7", kT0 + 1000); // sam locked until +61s
    CHECK(throttle.lockedUntil("sam", "192.0.2.1", kT0 + 6000) == kT0 + 65'000);
    CHECK(throttle.lockedUntil("sam", "198.51.100.7", kT0 + 6000) == kT0 + 61'000);
}

TEST_CASE("memory stays bounded and the oldest keys go first")
{
    auto s = settings();
    s.maxEntries = 10;
    LoginThrottle throttle(s);
    for (int i = 0; i < 3; ++i) {
        throttle.recordFailure("sam", "192.0.2.1", kT0);
    }
    REQUIRE(throttle.lockedUntil("sam", "192.0.2.1", kT0));
    for (int i = 0; i < 1000; ++i) {
        throttle.recordFailure("spray" + std::to_string(i), "198.51.100." + std::to_string(i),
                               kT0 + 1);
        CHECK(throttle.accountEntries() <= 10);
        CHECK(throttle.addressEntries() <= 10);
    }
    // sam was the least recently touched, so it was evicted.
    CHECK_FALSE(throttle.lockedUntil("sam", "192.0.2.1", kT0 + 2));
    CHECK(throttle.accountEntries() == 10);
}

TEST_CASE("a recently touched key survives eviction")
{
    auto s = settings();
    s.maxEntries = 3;
    LoginThrottle throttle(s);
    throttle.recordFailure("a", "192.0.2.1", kT0);
    throttle.recordFailure("b", "192.0.2.1", kT0);
    throttle.recordFailure("c", "192.0.2.1", kT0);
    throttle.recordFailure("a", "192.0.2.1", kT0); // a is now the newest
    throttle.recordFailure("d", "192.0.2.1", kT0); // evicts b
    throttle.recordFailure("a", "192.0.2.1", kT0); // a's third failure
    CHECK(throttle.lockedUntil("a", "192.0.2.9", kT0));
    CHECK(throttle.accountEntries() == 3);
}
