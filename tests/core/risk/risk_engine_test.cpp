// The risk engine: each kind of signal with the installed rules, negation,
// idioms, slang, Spanish, operator notes, hostile input, thread safety, and
// the rules format's own errors. The rules alone: the statistical second
// opinion has its own tests (risk_model_test.cpp).

#include "core/risk/RiskEngine.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

using warmline::RiskAssessment;
using warmline::RiskEngine;
using warmline::RiskLevel;
using warmline::RiskRulesError;

namespace {

const RiskEngine& engine()
{
    static const RiskEngine e = RiskEngine::fromFile(std::filesystem::path(WARMLINE_SOURCE_DIR) /
                                                     "resources/risk-rules.txt")
                                    .withoutModel();
    return e;
}

RiskLevel level(std::string_view message)
{
    return engine().assess(message).level;
}

bool hasSignal(const RiskAssessment& a, std::string_view category, std::string_view text = {})
{
    return std::any_of(a.riskSignals.begin(), a.riskSignals.end(),
                       [&](const warmline::RiskSignal& s) {
                           return s.category == category && (text.empty() || s.text == text);
                       });
}

std::string describe(const RiskAssessment& a)
{
    return warmline::riskAssessmentJson(a);
}

/// A rules file with one of everything, small enough to reason about.
constexpr std::string_view kSmallRules = R"(# test rules
format 1
version test-1
category desire   desire
category method   method
category means_access access to means
category time_frame time frame

[signal desire high] wish to die
want to die
kill|killed myself

[signal method none pills] pills
pills
{dose}

[modifier quantity merge to=method:pills within=3] quantity
{many}

[modifier means_access emit to=method within=3] *
i have

[signal time_frame none 24h] tonight
tonight

[idiom]
die of embarrassment

[negation]
not

[clause_break]
but

[units]
mg

[levels]
imminent = desire + method + means_access + time_frame:24h
concern = method:pills:quantity
)";

void requireRulesError(std::string_view text, int line, std::string_view reasonPart)
{
    try {
        (void)RiskEngine::fromText(text, "rules.txt");
        FAIL("accepted: " << text);
    } catch (const RiskRulesError& e) {
        INFO(e.what());
        CHECK(e.file() == "rules.txt");
        CHECK(e.line() == line);
        CHECK(std::string(e.what()).rfind("rules.txt:" + std::to_string(line) + ": ", 0) == 0);
        CHECK(std::string(e.what()).find(reasonPart) != std::string::npos);
    }
}

} // namespace

TEST_CASE("the installed rules load and declare a version", "[risk]")
{
    CHECK_FALSE(engine().version().empty());
    CHECK(engine().scanLimitBytes() >= 16 * 1024);
}

TEST_CASE("desire, direct and indirect, scores high", "[risk]")
{
    for (const auto* m :
         {"I want to kill myself", "i just want to die", "everyone would be better off without me",
          "I don't want to live anymore", "I'm suicidal", "no one would care if i killed myself"}) {
        INFO(m);
        const auto a = engine().assess(m);
        CHECK(a.level == RiskLevel::High);
        CHECK(hasSignal(a, "desire"));
    }
    // A passive wish is a wish to be dead: high since the recalibration.
    CHECK(level("I don't want to be here") == RiskLevel::High);
}

TEST_CASE("hopelessness alone is a concern", "[risk]")
{
    const auto a = engine().assess("I can't do this anymore, there's no way out");
    CHECK(a.level == RiskLevel::Concern);
    CHECK(hasSignal(a, "hopelessness", "hopelessness: no way out, no point or a burden"));
}

TEST_CASE("self-harm scores high, and bleeding after cutting imminent", "[risk]")
{
    auto a = engine().assess("I cut myself again last night");
    CHECK(a.level == RiskLevel::High);
    CHECK(hasSignal(a, "self_harm", "self-harm: hurting oneself"));
    CHECK(level("i keep burning my arms") == RiskLevel::High);
    CHECK(level("I cut myself and it's bleeding a lot") == RiskLevel::Imminent);
    CHECK(level("my nose is bleeding a lot") == RiskLevel::None);
}

TEST_CASE("an attempt under way is imminent", "[risk]")
{
    auto a = engine().assess("I took the whole bottle of tylenol an hour ago");
    CHECK(a.level == RiskLevel::Imminent);
    CHECK(hasSignal(a, "attempt"));
    // Pills, a quantity and "took" together, without a listed phrase.
    a = engine().assess("took 30 advil and some xanax");
    CHECK(a.level == RiskLevel::Imminent);
    CHECK(hasSignal(a, "method", "method: pills + quantity + taken"));
    // "10" also appears in a rules phrase ("in 10 minutes"); it is still a number.
    CHECK(level("I took 10 tylenol") == RiskLevel::Imminent);
    // Two pills is a dose, not an overdose.
    CHECK(level("I took 2 advil for my headache") == RiskLevel::None);
}

TEST_CASE("a past attempt is a concern unless recent or with present desire", "[risk]")
{
    auto a = engine().assess("I tried to kill myself when I was 16");
    CHECK(a.level == RiskLevel::Concern);
    CHECK(hasSignal(a, "past_attempt"));
    CHECK_FALSE(hasSignal(a, "desire")); // the phrase covers "kill myself" inside it
    a = engine().assess("I tried to kill myself last week");
    CHECK(a.level == RiskLevel::High);
    CHECK(hasSignal(a, "past_attempt", "past attempt: suicide attempt + recent"));
    CHECK(level("I attempted suicide years ago and I want to die again") == RiskLevel::High);
}

TEST_CASE("plans: a bare plan is a concern, preparation is high", "[risk]")
{
    CHECK(level("I have a plan for the weekend") == RiskLevel::Concern);
    auto a = engine().assess("I wrote a suicide note");
    CHECK(a.level == RiskLevel::High);
    CHECK(hasSignal(a, "plan", "plan: preparation or a decided method"));
    CHECK(level("I have a plan to kill myself") == RiskLevel::High);
}

TEST_CASE("method words outrank the word suicide", "[risk]")
{
    // The word alone: a concern. A method with quantity and desire: high or more.
    CHECK(level("I read an article about suicide") == RiskLevel::Concern);
    auto a = engine().assess("I have 40 pills of 800mg saved up and I don't want to be here");
    CHECK(a.level >= RiskLevel::High);
    CHECK(hasSignal(a, "method", "method: pills + quantity"));
    // Method words alone, in ordinary talk about medication, score nothing.
    CHECK(level("my doctor changed my medication") == RiskLevel::None);
    CHECK(level("I take 800mg of ibuprofen for my back") == RiskLevel::None);
    for (const auto* m :
         {"I want to shoot myself", "thinking about hanging myself",
          "I keep thinking about jumping off the bridge", "I want to drive my car off a cliff",
          "I want to drink bleach", "thinking of taking all my pills at once"}) {
        INFO(m);
        CHECK(level(m) == RiskLevel::High);
    }
}

TEST_CASE("doses are recognised written together or apart", "[risk]")
{
    const auto small = RiskEngine::fromText(kSmallRules, "small");
    for (const auto* m : {"800mg", "800 mg", "take 800MG"}) {
        INFO(m);
        const auto a = small.assess(std::string("I want to die, ") + m);
        CHECK(hasSignal(a, "method", "method: pills"));
    }
}

TEST_CASE("imminent needs desire, a method, access and a time frame within a day", "[risk]")
{
    const auto a = engine().assess(
        "I have a bottle of sleeping pills in front of me and I want to die tonight");
    INFO(describe(a));
    CHECK(a.level == RiskLevel::Imminent);
    CHECK(hasSignal(a, "desire"));
    CHECK(hasSignal(a, "method", "method: pills + quantity"));
    CHECK(hasSignal(a, "means_access", "access to means: pills"));
    CHECK(hasSignal(a, "time_frame", "time frame: tonight"));
    // Intent with the means at hand is imminent without a time frame too.
    CHECK(level("I have a bottle of sleeping pills in front of me and I want to die") ==
          RiskLevel::Imminent);
    // A wish alone, with nothing at hand and no time, is high.
    CHECK(level("I want to die") == RiskLevel::High);
    CHECK(level("my gun is loaded and I'm going to shoot myself right now") == RiskLevel::Imminent);
}

TEST_CASE("a third party at risk is named", "[risk]")
{
    auto a = engine().assess("my friend says she is going to kill herself");
    CHECK(a.level == RiskLevel::High);
    CHECK(hasSignal(a, "third_party", "third party at risk: friend"));
    a = engine().assess("mi hermano dice que se va a matar");
    CHECK(a.level == RiskLevel::High);
    CHECK(hasSignal(a, "third_party", "third party at risk: family member"));
    // A friend mentioned beside the writer's own words is not a third party at risk.
    a = engine().assess("my friend is great. I want to die");
    CHECK(a.level == RiskLevel::High);
    CHECK_FALSE(hasSignal(a, "third_party"));
}

TEST_CASE("operators' notes in the third person score too", "[risk]")
{
    auto a = engine().assess("she said she has pills");
    CHECK(a.level == RiskLevel::Concern);
    CHECK(hasSignal(a, "means_access", "access to means: pills"));
    CHECK(level("caller says she took 25 of her ambien pills") == RiskLevel::Imminent);
    CHECK(level("caller says he wants to kill himself") == RiskLevel::High);
    CHECK(level("she has a gun at home and said she plans to kill herself tonight") ==
          RiskLevel::Imminent);
    CHECK(level("caller denies thoughts of suicide") == RiskLevel::None);
}

TEST_CASE("danger to others, and abuse or violence", "[risk]")
{
    auto a = engine().assess("I want to hurt him so bad");
    CHECK(a.level == RiskLevel::High);
    CHECK(hasSignal(a, "danger_to_others"));
    // Intent to kill with the means at hand is imminent.
    CHECK(level("I'm going to kill him, I have a gun") == RiskLevel::Imminent);
    CHECK(level("I'm going to kill him tonight, I have a gun") == RiskLevel::Imminent);
    a = engine().assess("my husband hits me when he drinks");
    CHECK(a.level == RiskLevel::High);
    CHECK(hasSignal(a, "abuse", "abuse or violence: violence or threats at home"));
    CHECK(level("I was abused as a kid") == RiskLevel::Concern);
    CHECK(level("he said if I leave he'll kill me") == RiskLevel::High);
}

TEST_CASE("negation cancels a phrase, and look-alikes do not", "[risk]")
{
    for (const auto* m :
         {"I'm not going to hurt myself", "I would never kill myself", "I'm not suicidal",
          "I don't want to die", "No, I don't have any thoughts of hurting myself",
          "no me quiero morir", "nunca me haría daño", "no estoy pensando en suicidarme"}) {
        INFO(m);
        CHECK(level(m) == RiskLevel::None);
    }
    for (const auto* m : {"I can't promise I won't hurt myself", "I don't know why I want to die",
                          "I can't stop thinking about killing myself", "no i want to die",
                          "no puedo mas quiero morir", "I'm not ok. I want to kill myself"}) {
        INFO(m);
        CHECK(level(m) >= RiskLevel::High);
    }
    // A clause break ends the cue's reach.
    CHECK(level("I don't know, but I want to die") == RiskLevel::High);
}

TEST_CASE("a wish or a thought right before dying is high, and grief is not", "[risk]")
{
    for (const auto* m : {"i wish i would die in my sleep", "I think about dying every day",
                          "I've been thinking about ways to die", "ojalá me muera"}) {
        INFO(m);
        CHECK(level(m) == RiskLevel::High);
    }
    for (const auto* m : {"I keep thinking about my mom dying", "I wish my grandma didn't die",
                          "my phone is about to die", "I don't want to die"}) {
        INFO(m);
        CHECK(level(m) == RiskLevel::None);
    }
}

TEST_CASE("some phrases are a risk only when negated", "[risk]")
{
    for (const auto* m :
         {"I don't think I want to be alive much longer", "I'm not sure I want to live anymore",
          "I no longer want to exist", "i dont really wanna live", "ya no quiero vivir"}) {
        INFO(m);
        CHECK(level(m) == RiskLevel::High);
    }
    for (const auto* m : {"I want to live", "I really want to be alive for my kids",
                          "I don't want to live with my parents anymore"}) {
        INFO(m);
        CHECK(level(m) == RiskLevel::None);
    }
}

TEST_CASE("everyday idioms raise no alarm", "[risk]")
{
    for (const auto* m :
         {"this traffic is killing me", "I'd kill for a coffee", "my feet are killing me",
          "I'm dying to see you", "I could just die of embarrassment", "bored to death",
          "I cut myself shaving", "I hurt myself at the gym", "I ran 5 kms today",
          "I'm killing myself laughing", "shoot me a text", "hang in there",
          "my mom is going to kill me when she sees this", "me muero de hambre",
          "el tráfico me está matando", "mataría por un café", "me corté el pelo",
          "me quiero morir de vergüenza", "mi jefe me va a matar si llego tarde"}) {
        INFO(m);
        CHECK(level(m) < RiskLevel::High);
    }
    // A longer phrase that holds the idiom is the reading that counts.
    CHECK(level("I cut myself on purpose") == RiskLevel::High);
}

TEST_CASE("slang, misspellings, case, elongation and curly apostrophes", "[risk]")
{
    for (const auto* m : {"kms", "gonna kms fr", "i want to unalive myself", "sewerslide",
                          "suicidal again", "sucidal", "KILL MYSELF", "killll myself",
                          "i wanna diiiie", "I don\u2019t want to live", "wanna die!!!"}) {
        INFO(m);
        CHECK(level(m) == RiskLevel::High);
    }
    CHECK(level("suicde") == RiskLevel::Concern);
}

TEST_CASE("Spanish, with or without accents", "[risk]")
{
    for (const auto* m :
         {"me quiero morir", "me quiero morír", "ME QUIERO MORIR", "ya no quiero vivir",
          "quiero quitarme la vida", "me estoy cortando", "mi esposo me pega", "kiero matarme"}) {
        INFO(m);
        CHECK(level(m) == RiskLevel::High);
    }
    const auto a = engine().assess("tengo las pastillas aquí y esta noche me voy a matar");
    INFO(describe(a));
    CHECK(a.level == RiskLevel::Imminent);
    CHECK(hasSignal(a, "time_frame", "time frame: tonight"));
    CHECK(level("me tomé todas las pastillas") == RiskLevel::Imminent);
    CHECK(level("tomé mis pastillas como dijo el doctor") == RiskLevel::None);
}

TEST_CASE("signals come in a stable order with no duplicates", "[risk]")
{
    const auto a = engine().assess(
        "tonight. I want to die, I want to die, wanna die. I have pills right here");
    INFO(describe(a));
    CHECK(a.level == RiskLevel::Imminent);
    std::vector<std::string> categories;
    for (const auto& s : a.riskSignals) {
        categories.push_back(s.category);
    }
    // Ordered by category as the rules declare them; the phrase "want to die"
    // says it, so the frame that reads the same clause adds nothing.
    CHECK(categories == std::vector<std::string>{"desire", "method", "means_access", "means_access",
                                                 "time_frame"});
    CHECK(a.riskSignals.front().text == "desire: wish to die");
    CHECK(hasSignal(a, "means_access", "access to means: at hand"));
    CHECK(engine()
              .assess("tonight. I want to die, I want to die, wanna die. I have pills right "
                      "here")
              .riskSignals == a.riskSignals);
    // A none level lists no signals, even if a method word appeared.
    const auto plain = engine().assess("I picked up my pills tonight");
    CHECK(plain.level == RiskLevel::None);
    CHECK(plain.riskSignals.empty());
}

TEST_CASE("any bytes are scored without error", "[risk]")
{
    CHECK(engine().assess("").level == RiskLevel::None);
    CHECK(engine().assess(std::string_view("\0\0\0", 3)).level == RiskLevel::None);
    CHECK(engine().assess("\xff\xfe\xc3\x28\xe2\x82 kms \xf0\x28\x8c").level == RiskLevel::High);
    CHECK(engine().assess("!!!...???,,,   \t\r\n").level == RiskLevel::None);
    std::string all;
    for (int i = 0; i < 256; ++i) {
        all.push_back(static_cast<char>(i));
    }
    CHECK_NOTHROW(engine().assess(all));

    std::mt19937 rng(12345);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string noise(100 * 1024, '\0');
    for (auto& c : noise) {
        c = static_cast<char>(byte(rng));
    }
    const auto a = engine().assess(noise);
    CHECK(a.truncated);

    // 100 KB: a signal in the scanned start counts; the rest is not scored.
    std::string big = "I want to kill myself. ";
    while (big.size() < 100 * 1024) {
        big += "and then we talked about the weather for a long time. ";
    }
    const auto b = engine().assess(big);
    CHECK(b.level == RiskLevel::High);
    CHECK(b.truncated);
    std::string late(engine().scanLimitBytes() + 10, 'a');
    late += " kill myself";
    CHECK(engine().assess(late).level == RiskLevel::None);
    CHECK(engine().assess(late).truncated);
    CHECK_FALSE(engine().assess("kill myself").truncated);
}

TEST_CASE("danger from others now, said by what is happening, is imminent", "[risk]")
{
    // Synthetic, after the kinds of wording blind13's tuning part held.
    CHECK(level("people outside right now shooting at the windows, we are on the floor") ==
          RiskLevel::Imminent);
    CHECK(level("estan disparando a la casa y estamos en el suelo") == RiskLevel::Imminent);
    CHECK(level("he broke down my door and hes screaming hes going to kill me") ==
          RiskLevel::Imminent);
    CHECK(hasSignal(engine().assess("nos estan disparando"), "abuse"));
    // Violence at home now is high; the same words about food are not.
    CHECK(level("mi esposo me volvio a pegar anoche delante de los ninos") == RiskLevel::High);
    CHECK(level("im literally gonna kill my brother, he ate my leftovers") < RiskLevel::High);
    CHECK(level("the shooting range was fun, i hit the target twice") < RiskLevel::High);
}

TEST_CASE("someone else's overdose under way and a gun at hand are imminent", "[risk]")
{
    // Synthetic, after the kinds of wording blind14's tuning part held.
    const auto od =
        engine().assess("my friend went blue and isnt breathing right, i gave him narcan");
    CHECK(od.level == RiskLevel::Imminent);
    CHECK(hasSignal(od, "attempt"));
    CHECK(level("sitting in the truck with the rifle across my lap") == RiskLevel::Imminent);
    CHECK(level("the snow is dead heavy this year") == RiskLevel::None);
    CHECK(level("my lips went blue in the cold water lol") < RiskLevel::High);
}

TEST_CASE("an attempt and danger told across sentences are imminent", "[risk]")
{
    // Synthetic, after the kinds of wording blind15's tuning part held: the
    // frame reads the whole message, not one sentence.
    const auto taken = engine().assess("ok so i swallowed all of it. everything is blurry now");
    CHECK(taken.level == RiskLevel::Imminent);
    CHECK(hasSignal(taken, "attempt"));
    // A side effect of a routine medicine is not an attempt.
    CHECK(level("took the new tablets. side effects make me kind of dizzy, doctor said") <
          RiskLevel::Imminent);
    // Within one sentence too (2026.12.18).
    CHECK(level("took my meds and im feeling a bit dizzy today, new dose") < RiskLevel::Imminent);
    const auto intruder = engine().assess(
        "someone is in my house. im hiding in the closet. he said hed kill me if i told anyone");
    CHECK(intruder.level == RiskLevel::Imminent);
    CHECK(hasSignal(intruder, "abuse"));
    CHECK(level("mi padrastro dice que nos va a matar a mi mama y a mi") >= RiskLevel::High);
    CHECK(level("estoy del otro lado del barandal, no quiero hablar") == RiskLevel::Imminent);
    CHECK(level("standing on the other side of the railing at the overpass") ==
          RiskLevel::Imminent);
    // The everyday threat stays an idiom.
    CHECK(level("my coach will kill me if i miss practice again") < RiskLevel::High);
}

TEST_CASE("plain words the rules had not listed: suicida, unwakeable, a generator hose", "[risk]")
{
    // Synthetic, after the kinds of wording blind16's tuning part held.
    CHECK(level("me siento suicida otra vez") == RiskLevel::High);
    CHECK(level("estoy suicida") == RiskLevel::High);
    CHECK(level("era una mision suicida jaja") < RiskLevel::High);
    const auto friendOd =
        engine().assess("my brother passed out and theres an empty pill bottle by the bed");
    CHECK(friendOd.level == RiskLevel::Imminent);
    CHECK(hasSignal(friendOd, "attempt"));
    CHECK(level("my dad passed out on the couch after the game again lol") < RiskLevel::High);
    CHECK(level("got the hose rigged to the generator and the door shut") == RiskLevel::Imminent);
    CHECK(level("siento que le voy a hacer daño al bebe") >= RiskLevel::High);
    CHECK(level("no le voy a hacer daño a nadie, tranquila") < RiskLevel::High);
    CHECK(level("soon i wont be a burden to anyone") == RiskLevel::High);
    CHECK(level("ya no voy a molestar mas, me voy a dormir") < RiskLevel::High);
    CHECK(level("gonna be dead to the world tonight, big day tmrw") < RiskLevel::High);
    // Abuse told in the present is happening now (2026.12.22).
    CHECK(level("im being abused") == RiskLevel::High);
    CHECK(level("estoy siendo maltratada") == RiskLevel::High);
    CHECK(level("im being hit on by a coworker lol") < RiskLevel::High);
    // The second opinion alone had raised these (2026.12.23).
    CHECK(level("im getting hit by a cold") < RiskLevel::High);
    CHECK(level("i am being hit with so many emails") < RiskLevel::High);
    CHECK(level("he hit me so many times") == RiskLevel::High);
}

TEST_CASE("a passive wish said as what would be better is high", "[risk]")
{
    CHECK(level("if the lord took me in my sleep i would not mind") == RiskLevel::High);
    CHECK(level("sometimes i think it should have been me, not him") == RiskLevel::High);
    CHECK(level("would have been better if i died in that crash") == RiskLevel::High);
    CHECK(level("i hope the lord gives me strength") < RiskLevel::High);
}

TEST_CASE("mutated messages are scored without error", "[risk]")
{
    // Crisis and idiom messages cut at any byte (also inside a UTF-8
    // sequence), with random bytes spliced in: the engine must neither
    // throw nor read out of bounds (the sanitizer build checks the latter).
    const std::vector<std::string> seeds = {
        "I have a bottle of pills in front of me and I want to die tonight",
        "me tomé todas las pastillas hace una hora, ya no quiero vivir",
        "this traffic is killing me, I'd kill for a coffee",
        "I'm not going to hurt myself, no me quiero morir",
        "took 30 advil 800mg {many} [x] | _ tonight 2nite"};
    std::mt19937 rng(2026);
    int broken = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string m = seeds[static_cast<std::size_t>(i) % seeds.size()];
        const auto cut = static_cast<std::size_t>(rng() % (m.size() + 1));
        m.resize(cut);
        const int splices = static_cast<int>(rng() % 4);
        for (int k = 0; k < splices; ++k) {
            const auto at = static_cast<std::size_t>(rng() % (m.size() + 1));
            m.insert(at, 1, static_cast<char>(rng() % 256));
        }
        RiskAssessment a;
        REQUIRE_NOTHROW(a = engine().assess(m));
        // A level above none always names why; none names nothing.
        if ((a.level != RiskLevel::None) == a.riskSignals.empty()) {
            ++broken;
        }
    }
    CHECK(broken == 0);
}

TEST_CASE("assess is safe from many threads at once", "[risk]")
{
    const std::vector<std::string> messages = {
        "I want to kill myself", "this traffic is killing me",
        "I have a bottle of pills and I want to die tonight", "me quiero morir", "hello"};
    std::vector<RiskAssessment> expected;
    for (const auto& m : messages) {
        expected.push_back(engine().assess(m));
    }
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                const auto k = static_cast<std::size_t>(i + t) % messages.size();
                const auto a = engine().assess(messages[k]);
                if (a.level != expected[k].level || a.riskSignals != expected[k].riskSignals) {
                    ++mismatches[static_cast<std::size_t>(t)];
                }
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    CHECK(mismatches == std::vector<int>(4, 0));
}

TEST_CASE("the JSON form has level and signals", "[risk]")
{
    const auto a = engine().assess("my friend says she will kill herself tonight");
    const auto v = boost::json::parse(warmline::riskAssessmentJson(a));
    const auto& o = v.as_object();
    CHECK(o.at("level").as_string() == "imminent");
    const auto& signals = o.at("signals").as_array();
    REQUIRE(signals.size() == a.riskSignals.size());
    CHECK(signals.at(0).as_object().at("category").as_string() == a.riskSignals.at(0).category);
    CHECK(signals.at(0).as_object().at("text").as_string() == a.riskSignals.at(0).text);
    CHECK_FALSE(o.contains("truncated"));
    CHECK(warmline::riskAssessmentJson({}) == R"({"level":"none","signals":[]})");
}

TEST_CASE("a small rules file: modifiers, alternatives, idioms, negation, levels", "[risk]")
{
    const auto e = RiskEngine::fromText(kSmallRules, "small");
    CHECK(e.version() == "test-1");
    CHECK(e.assess("I killed myself").level == RiskLevel::High); // kill|killed
    CHECK(e.assess("i want to die of embarrassment").level == RiskLevel::None);
    CHECK(e.assess("i do not want to die").level == RiskLevel::None);
    CHECK(e.assess("not sure, but want to die").level == RiskLevel::High);
    CHECK(e.assess("i have 12 pills").level == RiskLevel::Concern);
    CHECK(e.assess("i have 9 pills").level == RiskLevel::None); // below `many` (10)
    const auto a = e.assess("want to die. i have 50 pills. tonight");
    CHECK(a.level == RiskLevel::Imminent);
    CHECK(a.riskSignals ==
          std::vector<warmline::RiskSignal>{{"desire", "desire: wish to die"},
                                            {"method", "method: pills + quantity"},
                                            {"means_access", "access to means: pills"},
                                            {"time_frame", "time frame: tonight"}});
    // Modifiers only reach within their sentence.
    CHECK(e.assess("want to die. i have. 50 pills tonight").level == RiskLevel::High);
}

TEST_CASE("a bad rules file names its line", "[risk]")
{
    const std::string head = "format 1\nversion v\ncategory desire desire\n";
    requireRulesError("version v\n", 1, "format 1");
    requireRulesError("format 3\n", 1, "not supported");
    requireRulesError("format 1\ncategory desire d\n[signal desire high] x\nfoo\n", 3,
                      "`version` line");
    requireRulesError(head + "[signal desir high] x\nfoo\n", 4, "unknown category `desir`");
    requireRulesError(head + "[signal desire urgent] x\nfoo\n", 4, "unknown level");
    requireRulesError(head + "[signal desire high]\nfoo\n", 4, "label");
    requireRulesError(head + "[signal desire high] x\nfoo {lots}\n", 5, "placeholder");
    requireRulesError(head + "[signal desire high] x\nfoo\nbar\nfoo\n", 7,
                      "already listed at line 5");
    requireRulesError(head + "[signal desire high] x\nwant to die.\n", 5, "punctuation");
    requireRulesError(head + "[signal desire high] x\na b c d e f g h i\n", 5, "at most 8");
    requireRulesError(head + "[frobnicate]\n", 4, "unknown block");
    requireRulesError(head + "bogus 3\n", 4, "unknown directive");
    requireRulesError(head + "[signal desire high] x\nfoo\n[levels]\nhigh = desire:nope\n", 7,
                      "unknown flag");
    requireRulesError(head + "[signal desire high] x\nfoo\n[levels]\nhigh desire\n", 7, "LEVEL =");
    requireRulesError(head + "[modifier q merge within=3] q\nfoo\n", 4, "to=");
    requireRulesError(head + "[signal desire high] x\nf\xff\xfeo\n", 5, "UTF-8");
    requireRulesError(head + "[signal desire none] x\nfoo\n", 5, "nothing could ever score");
    requireRulesError(head + "[signal desire high] x\na|b|c a|b|c a|b|c a|b|c a|b|c a|b|c "
                             "a|b|c a|b|c\n",
                      5, "more than");

    try {
        (void)RiskEngine::fromFile("/nonexistent/risk-rules.txt");
        FAIL("a missing file was accepted");
    } catch (const RiskRulesError& e) {
        CHECK(e.line() == 0);
        CHECK(std::string(e.what()) == "/nonexistent/risk-rules.txt:0: cannot be read");
    }
}
