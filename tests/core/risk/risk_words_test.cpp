// The risk engine reads words, not strings: spellings, stems, near
// spellings and their limits, pictographs, frames read across a clause, the
// recalibrated levels, and conversations scored together. The rules alone:
// the statistical second opinion has its own tests (risk_model_test.cpp).

#include "core/risk/RiskEngine.h"
#include "core/risk/RiskLexicon.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using warmline::RiskAssessment;
using warmline::RiskEngine;
using warmline::RiskLevel;
using warmline::RiskRulesError;

namespace {

const RiskEngine& installed()
{
    static const RiskEngine e = RiskEngine::fromFile(std::filesystem::path(WARMLINE_SOURCE_DIR) /
                                                     "resources/risk-rules.txt")
                                    .withoutModel();
    return e;
}

RiskLevel level(std::string_view message)
{
    return installed().assess(message).level;
}

bool hasSignal(const RiskAssessment& a, std::string_view category, std::string_view text = {})
{
    return std::any_of(a.riskSignals.begin(), a.riskSignals.end(),
                       [&](const warmline::RiskSignal& s) {
                           return s.category == category && (text.empty() || s.text == text);
                       });
}

/// A word list of ordinary words, written beside the rules as a site would.
std::filesystem::path wordList()
{
    static const auto path = [] {
        const auto p = std::filesystem::temp_directory_path() /
                       ("warmline-words-" + std::to_string(::getpid()) + ".txt");
        std::ofstream out(p);
        for (const char* w : {"hills", "pills", "drying", "dying", "spills", "die", "killer",
                              "suicide", "overdoes", "apple"}) {
            out << w << "\n";
        }
        return p;
    }();
    return path;
}

RiskEngine smallEngine(bool withWords = true)
{
    std::string rules = "format 2\nversion words-1\n"
                        "category desire desire\ncategory method method\n"
                        "category time_frame time frame\n"
                        "stemmers english spanish\n";
    if (withWords) {
        rules += "known_words " + wordList().string() + "\n";
    }
    rules += "[spelling]\nwanna want to\nrn right now\nemoji1f48a pills\n"
             "[signal desire high] wish to die\nwant to die\nsuicidal\nunalive\n"
             "[signal method none] pills\npills\n"
             "[signal time_frame none 24h] now\nright now\n"
             "[slot stance want]\nwant\nquiero\n"
             "[slot act die]\ndie\nmorir\n"
             "[slot time soon]\ntonight\n"
             "[frame desire high clause within=6] wish to die (frame)\n"
             "stance:want + act:die\n"
             "[frame desire imminent within=10] wish with a time\n"
             "stance:want + act:die + time\n"
             "[frame desire concern] no stance\nact:die + !stance\n"
             "[levels]\nimminent = desire + time_frame:24h\n";
    return RiskEngine::fromText(rules, "words.txt");
}

} // namespace

TEST_CASE("edit distance counts a swap as one edit and stops past its bound", "[risk][words]")
{
    using warmline::risk::editDistance;
    CHECK(editDistance("suicidal", "suicidal", 2) == 0);
    CHECK(editDistance("sucidal", "suicidal", 2) == 1);  // a letter left out
    CHECK(editDistance("siucidal", "suicidal", 2) == 1); // two letters swapped
    CHECK(editDistance("suicdial", "suicidal", 2) == 1);
    CHECK(editDistance("overdoes", "overdose", 2) == 1);
    CHECK(editDistance("kill", "pills", 1) == 2); // past the bound: bound + 1
    CHECK(editDistance("a", "abcdef", 2) == 3);
}

TEST_CASE("stems join a word's forms in English and Spanish", "[risk][words]")
{
    using warmline::risk::stemWord;
    CHECK(stemWord("english", "killing") == stemWord("english", "kill"));
    CHECK(stemWord("english", "overdosed") == stemWord("english", "overdose"));
    CHECK(stemWord("spanish", "pastillas") == stemWord("spanish", "pastilla"));
    CHECK(stemWord("spanish", "matarme") == stemWord("spanish", "matar"));
    CHECK(warmline::risk::stemmerAvailable("english"));
    CHECK_FALSE(warmline::risk::stemmerAvailable("klingon"));
}

TEST_CASE("misspellings of longer words match, short and dictionary words never do",
          "[risk][words]")
{
    const auto e = smallEngine();
    CHECK(e.assess("im so sucidal").level == RiskLevel::High);  // one letter left out
    CHECK(e.assess("im so suicdial").level == RiskLevel::High); // two swapped
    CHECK(e.assess("so siucidla").level == RiskLevel::High);    // two edits in eight letters
    // Ordinary words of the dictionary stay themselves.
    CHECK(e.assess("walked in the hills").level == RiskLevel::None);
    CHECK(e.assess("want to drying").level == RiskLevel::None);
    // Short words are never read fuzzily ("dye" is not "die").
    CHECK(e.assess("want to dye").level == RiskLevel::None);
    // A near spelling keeps its first letter.
    CHECK(e.assess("im so tuicidal").level == RiskLevel::None);
    // Three edits are too many.
    CHECK(e.assess("im so scdl").level == RiskLevel::None);
}

TEST_CASE("without a word list no word is read as a misspelling", "[risk][words]")
{
    const auto e = smallEngine(false);
    CHECK(e.assess("im so sucidal").level == RiskLevel::None);
    CHECK(e.assess("im so suicidal").level == RiskLevel::High);
}

TEST_CASE("inflections reach the rules' word", "[risk][words]")
{
    const auto e = smallEngine();
    CHECK(e.assess("been unaliving").level == RiskLevel::High);
    CHECK(e.assess("quiero morirme").level == RiskLevel::High); // Spanish stem: morir
}

TEST_CASE("spellings and pictographs read as the words they stand for", "[risk][words]")
{
    const auto e = smallEngine();
    auto a = e.assess("i wanna die rn");
    CHECK(a.level == RiskLevel::Imminent);
    CHECK(hasSignal(a, "time_frame", "time frame: now"));
    // The pictograph is the word: the same as writing it out, and nothing
    // without it.
    CHECK(installed().assess("the 🔪 is right here").level == RiskLevel::High);
    CHECK(installed().assess("the knife is right here").level == RiskLevel::High);
    CHECK(installed().assess("the is right here").level == RiskLevel::None);
    CHECK(installed().assess("i want to die 🔫 tonight").level == RiskLevel::Imminent);
    // A pictograph with no meaning in the rules is skipped, not a word break
    // the phrase cannot cross.
    CHECK(e.assess("want to 😭 die").level == RiskLevel::High);
}

TEST_CASE("a frame finds its slots anywhere in the clause, within its span", "[risk][words]")
{
    const auto e = smallEngine();
    auto a = e.assess("i really really want to just die");
    CHECK(a.level == RiskLevel::High);
    CHECK(hasSignal(a, "desire", "desire: wish to die (frame)"));
    // Slots in two clauses make no frame.
    CHECK(e.assess("i want pizza, the plant will die").level == RiskLevel::None);
    // Too far apart.
    CHECK(e.assess("i want the new phone and the old one is about to finally die").level ==
          RiskLevel::None);
    // A negated slot fills nothing (the installed rules have the cues).
    CHECK(installed().assess("i really dont want to ever die").level < RiskLevel::High);
    // A sentence-wide frame with a time raises to imminent.
    CHECK(e.assess("i want to die tonight").level == RiskLevel::Imminent);
    // `!slot`: only when the slot is not filled.
    CHECK(e.assess("the plant will die").level == RiskLevel::Concern);
}

TEST_CASE("frame and spelling errors name the line", "[risk][words]")
{
    const std::string head = "format 2\nversion v\ncategory desire desire\n";
    const auto fails = [&](const std::string& body, int line, const std::string& part) {
        try {
            (void)RiskEngine::fromText(head + body, "r.txt");
            FAIL("accepted: " << body);
        } catch (const RiskRulesError& e) {
            INFO(e.what());
            CHECK(e.line() == line);
            CHECK(std::string(e.what()).find(part) != std::string::npos);
        }
    };
    fails("[frame desire high] x\nstance:want\n", 5, "unknown slot");
    fails("[slot stance want]\nwant\n[frame desire high] x\nstance:wish\n", 7, "no value");
    fails("[slot stance want]\nwant\n[frame desire high] x\n!stance\n", 7, "must be filled");
    fails("[slot stance want]\nwant\n[spelling]\nu you\n", 6, "before the first phrase");
    fails("[spelling]\nu you\nu you\n", 6, "spelled out twice");
    fails("stemmers klingon\n", 4, "no stemmer");
    fails("known_words /nonexistent/words.txt\n[signal desire high] x\nfoo\n", 0, "cannot be read");
}

TEST_CASE("the recalibrated levels", "[risk][words]")
{
    // imminent: an attempt under way or just made, described by its effects
    CHECK(level("I feel really dizzy from what I took") == RiskLevel::Imminent);
    // imminent: intent with a time frame within about a day
    CHECK(level("im going to kill myself tonight") == RiskLevel::Imminent);
    CHECK(level("voy a matarme esta noche") == RiskLevel::Imminent);
    // imminent: intent with the means at hand
    CHECK(level("the pills are lined up and i want to die") == RiskLevel::Imminent);
    // imminent: a farewell
    CHECK(level("tell my sister I love her") == RiskLevel::Imminent);
    CHECK(level("goodbye, sorry for everything") == RiskLevel::Imminent);
    // imminent: in danger from another person now
    CHECK(level("my ex is outside with a bat yelling that he'll end me") == RiskLevel::Imminent);
    // high: a passive wish, said indirectly
    CHECK(level("wouldn't matter if I was gone") == RiskLevel::High);
    CHECK(level("nobody would miss me") == RiskLevel::High);
    CHECK(level("what's even the point of being alive") == RiskLevel::High);
    // high: a method without the word suicide
    CHECK(level("thinking about the train tracks") == RiskLevel::High);
    // high: the means at hand with no stated intent
    CHECK(level("the knife is next to me") == RiskLevel::High);
    // high: danger to others said plainly
    CHECK(level("I want to hurt him so bad") == RiskLevel::High);
    // high: slang and its inflections
    CHECK(level("been unaliving in my head all day") == RiskLevel::High);
    CHECK(level("kms") == RiskLevel::High);
    // concern: distress without death or harm content
    CHECK(level("relapsed after 90 days and i feel like garbage") == RiskLevel::Concern);
    CHECK(level("havent slept in four days") == RiskLevel::Concern);
    // none: idioms and denials
    CHECK(level("this commute is killing me") == RiskLevel::None);
    CHECK(level("so hungry i could die") == RiskLevel::None);
    CHECK(level("im not suicidal, just tired of my boss") < RiskLevel::High);
    CHECK(level("no me quiero morir, solo estoy cansada") < RiskLevel::High);
}

TEST_CASE("a conversation is scored as a whole", "[risk][words]")
{
    const auto& e = installed();
    // A plan in one text and the time in the next.
    const std::vector<std::string_view> planThenTime{"i have the pills saved up", "i want to die",
                                                     "tonight"};
    CHECK(e.assess(planThenTime[0]).level < RiskLevel::Imminent);
    CHECK(e.assess(planThenTime[2]).level == RiskLevel::None);
    const auto together = e.assessConversation(planThenTime);
    CHECK(together.level == RiskLevel::Imminent);
    CHECK(hasSignal(together, "time_frame", "time frame: tonight"));
    CHECK(hasSignal(together, "desire"));
    // Signals of every message, each once.
    const auto twice = e.assessConversation({"i want to die", "i want to die"});
    CHECK(twice.level == RiskLevel::High);
    CHECK(std::count_if(twice.riskSignals.begin(), twice.riskSignals.end(), [](const auto& s) {
              return s.category == "desire";
          }) == static_cast<long>(e.assess("i want to die").riskSignals.size()));
    // Ordinary messages stay ordinary together.
    CHECK(e.assessConversation({"had a long day at work", "gonna watch a movie tonight"}).level ==
          RiskLevel::None);
    // One message: the same as scoring it alone.
    CHECK(e.assessConversation({"i want to die"}).level == e.assess("i want to die").level);
    CHECK(e.assessConversation({}).level == RiskLevel::None);
}

TEST_CASE("a joke marker or a game retracts the risk of its sentence, and only its sentence",
          "[risk][words]")
{
    CHECK(level("if i sit thru one more zoom meeting im gonna jump out the window jk") ==
          RiskLevel::None);
    CHECK(level("died like 40 times in elden ring tonight") == RiskLevel::None);
    CHECK(level("dark humor but when i die i want my ashes in a shoebox") == RiskLevel::None);
    // Another sentence keeps its risk; a negated marker is no marker.
    CHECK(level("i want to die tonight. jk about the pizza tho") == RiskLevel::Imminent);
    CHECK(level("no es broma, me quiero matar") >= RiskLevel::High);
    // Laughter is not a retraction: the wish stays a signal (below).
    CHECK(level("lol i want to die") == RiskLevel::Concern);
    CHECK(hasSignal(installed().assess("i want to die jajaja"), "desire"));
}

TEST_CASE("laughter caps a bare wish or threat at concern, and nothing more", "[risk][words]")
{
    // Capped: a wish or an angry threat beside laughter, in its sentence or
    // the next; the signal stays listed for the operator.
    const auto crush = installed().assess("ugh i want to die my crush saw me trip lmao");
    CHECK(crush.level == RiskLevel::Concern);
    CHECK(hasSignal(crush, "desire"));
    CHECK(level("im gonna kill my brother if he eats my leftovers again lol") ==
          RiskLevel::Concern);
    CHECK(level("jajaja me quiero morir, le mande el audio a mi jefe") == RiskLevel::Concern);
    CHECK(level("i want to die. lol") == RiskLevel::Concern);
    // Not capped: without laughter; with anything beyond the wish (a time,
    // the means, self-harm); imminent; laughter two sentences away; and a
    // message that says it is meant.
    CHECK(level("ugh i want to die my crush saw me trip") == RiskLevel::High);
    CHECK(level("lol i want to die tonight") == RiskLevel::Imminent);
    CHECK(level("i want to die, i have the pills right here lol") == RiskLevel::Imminent);
    CHECK(level("cut myself again lol") >= RiskLevel::High);
    CHECK(level("lol. ok so. i want to die") == RiskLevel::High);
    CHECK(level("i wanna die lol but not in a funny way") == RiskLevel::High);
    CHECK(level("me quiero morir jaja no es broma") == RiskLevel::High);
}

TEST_CASE("a laughter block names its categories or is earnest", "[risk][words]")
{
    const auto rules = [](std::string_view block) {
        return std::string("format 2\nversion t\ncategory desire desire\n"
                           "[signal desire high] wish\nwant to die\n") +
               std::string(block);
    };
    CHECK_NOTHROW(
        RiskEngine::fromText(rules("[laughter softens=desire] laughter\nlol\n"), "t.txt"));
    CHECK_NOTHROW(RiskEngine::fromText(rules("[laughter earnest] meant\nno joke\n"), "t.txt"));
    CHECK_THROWS_AS(RiskEngine::fromText(rules("[laughter] laughter\nlol\n"), "t.txt"),
                    RiskRulesError);
    CHECK_THROWS_AS(
        RiskEngine::fromText(rules("[laughter softens=nosuch] laughter\nlol\n"), "t.txt"),
        RiskRulesError);
    const auto e =
        RiskEngine::fromText(rules("[laughter softens=desire] laughter\nlol\n"), "t.txt");
    CHECK(e.assess("want to die lol").level == RiskLevel::Concern);
    CHECK(e.assess("want to die").level == RiskLevel::High);
}

TEST_CASE("a Spanish verb with a pronoun joined to it is a word, not a misspelling",
          "[risk][words]")
{
    // "quejarme" (to complain) is one edit from "quemarme" (to burn myself).
    CHECK(level("nomas quiero quejarme de mi suegra un rato") == RiskLevel::None);
    CHECK(level("quiero quemarme otra vez") >= RiskLevel::High);
    // "sin" negates what follows it.
    CHECK(level("ya llevo tres años sin lastimarme y estoy orgullosa") < RiskLevel::High);
}

TEST_CASE("dying said without a wish is no desire, and with one it still counts", "[risk][words]")
{
    // "died" and "today" are no intent with a time frame.
    CHECK(level("my grandpa died ten years ago today, we made his favorite pozole") ==
          RiskLevel::None);
    CHECK(level("mi abuelo murio hace diez años hoy") < RiskLevel::High);
    CHECK(level("i keep thinking about dying") == RiskLevel::High);
    CHECK(level("thinking about dying tonight") == RiskLevel::Imminent);
    CHECK(level("i wish i would die, the pills are right here") == RiskLevel::Imminent);
}
