// Screening (docs/screening.md): which numbers a line holds or refuses, and
// the per-number hourly counts, bounded in memory.

#include "core/domain/Screening.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace warmline;

namespace {
constexpr EpochMs kMinute = 60'000;
}

TEST_CASE("premium-rate and international numbers get the line's chosen action")
{
    ScreeningSettings s; // defaults: +1 home, international accepted, +1900 held
    CHECK(screenNumber("+15555550100", s).action == ScreenAction::Accept);
    const Screen premium = screenNumber("+19005550100", s);
    CHECK(premium.action == ScreenAction::Hold);
    CHECK(premium.kind == "premium");
    CHECK(premium.reason.find("9005550100") == std::string::npos);
    CHECK(screenNumber("+445555550100", s).action == ScreenAction::Accept);

    s.international = ScreenAction::Refuse;
    const Screen abroad = screenNumber("+445555550100", s);
    CHECK(abroad.action == ScreenAction::Refuse);
    CHECK(abroad.kind == "international");
    CHECK(screenNumber("+15555550100", s).action == ScreenAction::Accept);

    // A premium prefix abroad is premium first.
    s.premiumPrefixes = {"+1900", "+44909"};
    s.premium = ScreenAction::Refuse;
    CHECK(screenNumber("+449095550100", s).kind == "premium");

    // Premium accepted: a +1900 number is at home, so accepted.
    s.premium = ScreenAction::Accept;
    CHECK(screenNumber("+19005550100", s).action == ScreenAction::Accept);
}

TEST_CASE("numbers not in E.164 are neither international nor premium")
{
    ScreeningSettings s;
    s.international = ScreenAction::Refuse;
    s.premium = ScreenAction::Refuse;
    CHECK(screenNumber("5555550100", s).action == ScreenAction::Accept);
    CHECK(screenNumber("anonymous:abc@host", s).action == ScreenAction::Accept);
    CHECK(screenNumber("", s).action == ScreenAction::Accept);
    CHECK(screenNumber("+", s).action == ScreenAction::Accept);
    s.homeCountry.clear();
    CHECK(screenNumber("+445555550100", s).action == ScreenAction::Accept);
}

TEST_CASE("screening actions are read from their names")
{
    CHECK(screenActionFromString("accept") == ScreenAction::Accept);
    CHECK(screenActionFromString("hold") == ScreenAction::Hold);
    CHECK(screenActionFromString("refuse") == ScreenAction::Refuse);
    CHECK_THROWS_AS(screenActionFromString("drop"), std::invalid_argument);
    CHECK(toString(ScreenAction::Refuse) == "refuse");
}

TEST_CASE("the rate window counts each key's events over the last hour")
{
    RateWindow w;
    CHECK(w.record("a", 0, 100) == 1);
    CHECK(w.record("a", 10 * kMinute, 100) == 2);
    CHECK(w.record("b", 10 * kMinute, 100) == 1);
    CHECK(w.record("a", 59 * kMinute, 100) == 3);
    // The first one is an hour old now.
    CHECK(w.record("a", 60 * kMinute, 100) == 3);
    CHECK(w.record("a", 200 * kMinute, 100) == 1);
}

TEST_CASE("the rate window keeps at most cap times per key and maxKeys keys")
{
    RateWindow w(3);
    for (int i = 0; i < 1000; ++i) {
        CHECK(w.record("flood", i, 5) == std::min(i + 1, 5));
    }
    w.record("b", 2000, 5);
    w.record("c", 2001, 5);
    CHECK(w.keys() == 3);
    w.record("flood", 2002, 5); // seen again: now the most recent
    w.record("d", 2003, 5);     // evicts "b", the one seen longest ago
    CHECK(w.keys() == 3);
    CHECK(w.record("b", 2004, 5) == 1);     // forgotten, so starts again
    CHECK(w.record("flood", 2005, 5) == 5); // kept
}

TEST_CASE("a count over the hourly limit holds the contact, with the limit in words")
{
    CHECK(screenRate(3, 3, "calls").action == ScreenAction::Accept);
    const Screen over = screenRate(4, 3, "calls");
    CHECK(over.action == ScreenAction::Hold);
    CHECK(over.reason == "more than 3 calls in an hour");
    CHECK(over.kind == "rate");
    CHECK(screenRate(1000, 0, "texts").action == ScreenAction::Accept);
}

TEST_CASE("a keyed callback number becomes E.164, or is refused")
{
    ScreeningSettings nanp; // "+1", international accepted, +1900 held
    CHECK(keyedCallbackNumber("5555550123", nanp) == "+15555550123");
    CHECK(keyedCallbackNumber("15555550123", nanp) == "+15555550123");
    CHECK(keyedCallbackNumber("011442079460000", nanp) == "+442079460000");
    // Short codes, part numbers, a leading 0 or 1 in the area code.
    CHECK_FALSE(keyedCallbackNumber("911", nanp));
    CHECK_FALSE(keyedCallbackNumber("988", nanp));
    CHECK_FALSE(keyedCallbackNumber("5550123", nanp));
    CHECK_FALSE(keyedCallbackNumber("0555550123", nanp));
    CHECK_FALSE(keyedCallbackNumber("1155550123", nanp));
    CHECK_FALSE(keyedCallbackNumber("9115550123", nanp));     // area code N11
    CHECK_FALSE(keyedCallbackNumber("5559110123", nanp));     // exchange N11
    CHECK_FALSE(keyedCallbackNumber("5551550123", nanp));     // exchange from 1
    CHECK_FALSE(keyedCallbackNumber("01115555550123", nanp)); // NANP through 011
    CHECK_FALSE(keyedCallbackNumber("", nanp));
    CHECK_FALSE(keyedCallbackNumber("555555012a", nanp));
    CHECK_FALSE(keyedCallbackNumber("5555550123456789012", nanp));
    // A number the line would hold or refuse is not one it calls back.
    CHECK_FALSE(keyedCallbackNumber("9005550123", nanp));
    ScreeningSettings noAbroad;
    noAbroad.international = ScreenAction::Hold;
    CHECK_FALSE(keyedCallbackNumber("011442079460000", noAbroad));
    CHECK(keyedCallbackNumber("5555550123", noAbroad) == "+15555550123");

    ScreeningSettings uk;
    uk.homeCountry = "+44";
    uk.premiumPrefixes = {"+449"};
    // National plans are not guessed: 00 and the country code.
    CHECK_FALSE(keyedCallbackNumber("02079460000", uk));
    CHECK(keyedCallbackNumber("00442079460000", uk) == "+442079460000");
    CHECK(keyedCallbackNumber("0033123456789", uk) == "+33123456789");
    CHECK_FALSE(keyedCallbackNumber("999", uk));
    CHECK_FALSE(keyedCallbackNumber("00449098790000", uk)); // premium

    ScreeningSettings none;
    none.homeCountry.clear();
    CHECK(keyedCallbackNumber("0033123456789", none) == "+33123456789");
    CHECK_FALSE(keyedCallbackNumber("33123456789", none));
    CHECK_FALSE(keyedCallbackNumber("112", none));
}
