// The short text a resource is shared by (core/directory/ShareText.h): one
// line per part, plain punctuation so a carrier keeps GSM-7, at most two
// SMS parts, and what is left out to fit is the least useful part.

#include "core/carriers/SmsSegments.h"
#include "core/directory/ShareText.h"

#include <catch2/catch.hpp>

#include <string>

using namespace warmline;
using namespace warmline::directory;

namespace {

HsdsService pantry()
{
    HsdsService s;
    s.id = "svc-x";
    s.name = "Harbor Street Food Pantry";
    s.phones = {{"(208) 555-0101", "", "voice", ""}};
    HsdsPlace online;
    online.isVirtual = true;
    online.address = "online only";
    HsdsPlace street;
    street.address = "12 Harbor Street, Millbrook, ID 83703";
    s.places = {online, street};
    s.hoursText = {"Mon\xE2\x80\x93"
                   "Fri 09:00\xE2\x80\x93"
                   "17:00"};
    s.url = "https://example.org/pantry";
    return s;
}

} // namespace

TEST_CASE("a shared resource is its name, phone, street address, hours and link, one a line",
          "[directory][share]")
{
    const auto text = shareText(pantry());
    CHECK(text == "Harbor Street Food Pantry\n(208) 555-0101\n12 Harbor Street, Millbrook, ID "
                  "83703\nMon-Fri 09:00-17:00\nhttps://example.org/pantry");
    // The en dashes became hyphens: one GSM-7 part, not a UCS-2 one.
    const auto info = countSegments(text);
    CHECK(info.encoding == SmsEncoding::Gsm7);
    CHECK(info.segments == 1);

    auto s = pantry();
    s.phones = {{"(208) 555-0101", "12", "voice", ""}};
    s.url.clear();
    s.places.clear();
    CHECK(shareText(s) == "Harbor Street Food Pantry\n(208) 555-0101 ext. 12\nMon-Fri 09:00-17:00");
}

TEST_CASE("a long resource keeps to two SMS parts by leaving out the least useful part first",
          "[directory][share]")
{
    auto s = pantry();
    s.url = "https://example.org/" + std::string(200, 'u');
    auto text = shareText(s);
    CHECK(countSegments(text).segments <= kMaxShareSegments);
    CHECK(text.find("example.org") == std::string::npos);
    CHECK(text.find("12 Harbor Street") != std::string::npos);

    s.places[1].address = std::string(290, 'a');
    text = shareText(s);
    CHECK(countSegments(text).segments <= kMaxShareSegments);
    CHECK(text.find("aaaa") == std::string::npos);
    CHECK(text.find("Mon-Fri") != std::string::npos);

    // Many opening lines: the later ones go, the first stays.
    s.hoursText.clear();
    for (int i = 0; i < 20; ++i) {
        s.hoursText.push_back("Day " + std::to_string(i) + " 09:00-17:00 (by appointment only)");
    }
    text = shareText(s);
    CHECK(countSegments(text).segments <= kMaxShareSegments);
    CHECK(text.find("Day 0 ") != std::string::npos);
    CHECK(text.find("Day 19 ") == std::string::npos);
    CHECK(text.rfind("Harbor Street Food Pantry\n(208) 555-0101\n", 0) == 0);
}

TEST_CASE("an absurdly long name is cut at a character, and the phone stays whole",
          "[directory][share]")
{
    auto s = pantry();
    s.name.clear();
    for (int i = 0; i < 200; ++i) {
        s.name += "\xC3\xA1"; // á, not GSM-7: UCS-2, 134 units in two parts
    }
    const auto text = shareText(s);
    CHECK(countSegments(text).segments <= kMaxShareSegments);
    CHECK(text.size() > 20);
    CHECK(text.substr(text.size() - 15) == "\n(208) 555-0101");
    // No half character: the name is whole á characters.
    const auto name = text.substr(0, text.find('\n'));
    CHECK(name.size() % 2 == 0);
    CHECK(name.find_first_not_of("\xC3\xA1") == std::string::npos);
}

TEST_CASE("Spanish letters stay, only punctuation is made plain", "[directory][share]")
{
    CHECK(plainPunctuation("Atenci\xC3\xB3n \xE2\x80\x9C"
                           "gratis\xE2\x80\x9D \xE2\x80\xA6") == "Atenci\xC3\xB3n \"gratis\" ...");
    CHECK(plainPunctuation("") == "");
    CHECK(plainPunctuation("plain") == "plain");
}
