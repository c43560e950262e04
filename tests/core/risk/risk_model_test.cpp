// The statistical second opinion: its features, training, file format, and
// how the engine applies it (raises a level, never lowers one, says so).

#include "core/risk/RiskEngine.h"
#include "core/risk/RiskModel.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using warmline::RiskEngine;
using warmline::RiskLevel;
using warmline::RiskModel;
using warmline::RiskModelExample;
using warmline::RiskModelTraining;
using warmline::RiskRulesError;

namespace {

std::vector<std::uint32_t> features(std::string_view text)
{
    std::vector<std::uint32_t> out;
    warmline::risk::modelFeatures(text, out);
    return out;
}

std::size_t shared(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b)
{
    std::vector<std::uint32_t> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    return both.size();
}

/// Invented messages in two clear kinds, enough for a model to separate.
std::vector<RiskModelExample> toyExamples()
{
    std::vector<RiskModelExample> out;
    const char* danger[] = {"the pills are lined up on my desk", "i lined up all my pills tonight",
                            "pills counted out next to the bed", "counted the pills twice already",
                            "all the pills are in my hand now",  "my pills are ready on the table"};
    const char* calm[] = {"what time does the library open", "the bus was late again today",
                          "thanks for the chat yesterday",   "my cat knocked over a plant",
                          "is the line open on sunday",      "we had pasta for dinner"};
    for (int round = 0; round < 6; ++round) {
        for (const auto* d : danger) {
            out.push_back({std::string(d) + (round ? " " + std::to_string(round) : ""),
                           RiskLevel::Imminent,
                           RiskModelExample::Known::Level,
                           {}});
        }
        for (const auto* c : calm) {
            out.push_back({std::string(c) + (round ? " " + std::to_string(round) : ""),
                           RiskLevel::None,
                           RiskModelExample::Known::Level,
                           {}});
        }
    }
    return out;
}

struct TempDir
{
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("warmline-model-" + std::to_string(::getpid()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() { std::filesystem::remove_all(path); }
};

void write(const std::filesystem::path& file, const std::string& text)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

constexpr std::string_view kRules = R"(format 2
version model-test
category desire desire
model toy-model.txt
[signal desire high] wish to die
want to die
)";

} // namespace

TEST_CASE("Model features read words after the engine's normalisation", "[risk][model]")
{
    const auto plain = features("I want to disappear");
    CHECK(plain == features("i WANT to disappear!!"));
    CHECK(plain == features("I want to disappear. I want to disappear")); // each once
    CHECK(std::is_sorted(plain.begin(), plain.end()));
    CHECK(std::adjacent_find(plain.begin(), plain.end()) == plain.end());
    CHECK(features("").empty());

    SECTION("a misspelling shares most of its character n-grams with the word")
    {
        const auto right = features("suicidal");
        const auto wrong = features("sucidal");
        const auto other = features("breakfast");
        CHECK(shared(right, wrong) >= 4);
        CHECK(shared(right, other) == 0);
    }
    SECTION("a pictograph is a word of its own")
    {
        CHECK(features("💊").size() == 1);
        CHECK(features("💊") != features("🔪"));
    }
    SECTION("words in different sentences make no pair")
    {
        // "tonight. pills" has the same words as "tonight pills" but no pair.
        CHECK(features("tonight. pills").size() + 1 == features("tonight pills").size());
    }
}

TEST_CASE("Training is deterministic and learns what it is shown", "[risk][model]")
{
    const auto examples = toyExamples();
    const auto a = RiskModel::train(examples, RiskModelTraining{}, "toy", "toy examples");
    const auto b = RiskModel::train(examples, RiskModelTraining{}, "toy", "toy examples");
    CHECK(a.toText() == b.toText());
    CHECK(a.version() == "toy");
    CHECK(a.trainedOn() == "toy examples");

    const auto danger = a.score("the pills are all lined up now");
    const auto calm = a.score("what time is the library open on sunday");
    CHECK(danger.imminent > calm.imminent);
    CHECK(danger.high > calm.high);
    CHECK(a.level(danger) == RiskLevel::Imminent);
    CHECK(a.level(calm) == RiskLevel::None);
    for (const double t : a.thresholds()) {
        CHECK(t >= 0.0);
        CHECK(t <= 1.0);
    }
}

TEST_CASE("A model file scores as the model it was written from", "[risk][model]")
{
    const auto model = RiskModel::train(toyExamples(), RiskModelTraining{}, "toy", "toy examples");
    const auto again = RiskModel::fromText(model.toText(), "toy.txt");
    CHECK(again.toText() == model.toText());
    for (const char* m : {"pills lined up", "the bus was late", "", "💊💊💊 tonight"}) {
        CHECK(again.score(m).imminent == Approx(model.score(m).imminent).margin(1e-9));
        CHECK(again.score(m).concern == Approx(model.score(m).concern).margin(1e-9));
    }
}

TEST_CASE("A model of format 2 reads the rules' reading of a message too", "[risk][model]")
{
    // The rules alone (no model line): what the training program uses.
    const auto rules = RiskEngine::fromText(R"(format 2
version analysis-test
stemmers english
known_words /usr/share/dict/american-english
fuzzy_min_length 5
category desire desire
[signal desire high] wish to die
want to die
feel suicidal
)",
                                            "rules.txt");
    const auto analysis = [&](std::string_view text) {
        std::vector<std::uint32_t> out;
        rules.modelAnalysis(text, out);
        std::sort(out.begin(), out.end()); // in no particular order
        return out;
    };
    SECTION("a misspelling the rules read as the word is read the same")
    {
        CHECK(analysis("i feel suicidal") == analysis("i feel sucidal"));
        CHECK(analysis("i feel suicidal") == analysis("I FEEL SUICIDAL!!"));
        CHECK(analysis("i feel suicidal") != analysis("i feel sleepy"));
        // A message with no word the rules know reads as "none" only.
        CHECK(analysis("the bus was late") == analysis("we had pasta"));
        CHECK(analysis("the bus was late").size() == 1);
        const auto a = analysis("i feel suicidal");
        CHECK(std::adjacent_find(a.begin(), a.end()) == a.end()); // each once
    }
    SECTION("trained with it, the model file says so and scores the same")
    {
        auto examples = toyExamples();
        for (auto& e : examples) {
            rules.modelAnalysis(e.text, e.analysis);
        }
        RiskModelTraining options;
        options.analysis = true;
        const auto model = RiskModel::train(examples, options, "toy-2", "toy");
        CHECK(model.usesAnalysis());
        CHECK(model.toText().find("\nformat 2\n") != std::string::npos);
        const auto again = RiskModel::fromText(model.toText(), "toy.txt");
        CHECK(again.usesAnalysis());
        const auto text = std::string("the pills are all lined up now");
        CHECK(again.score(text, analysis(text)).imminent ==
              Approx(model.score(text, analysis(text)).imminent).margin(1e-9));
        CHECK(model.level(model.score(text, analysis(text))) == RiskLevel::Imminent);
        // A model of format 1 ignores the reading.
        const auto plain = RiskModel::train(toyExamples(), RiskModelTraining{}, "toy-1", "toy");
        CHECK_FALSE(plain.usesAnalysis());
        CHECK(plain.score(text, analysis(text)).imminent == plain.score(text).imminent);
    }
    SECTION("the engine gives a model of format 2 its reading")
    {
        TempDir dir;
        auto examples = toyExamples();
        for (auto& e : examples) {
            rules.modelAnalysis(e.text, e.analysis);
        }
        RiskModelTraining options;
        options.analysis = true;
        write(dir.path / "toy-model.txt",
              RiskModel::train(examples, options, "toy-2", "toy").toText());
        const auto engine = RiskEngine::fromText(kRules, (dir.path / "rules.txt").string());
        CHECK(engine.assess("the pills are all lined up now").level == RiskLevel::Imminent);
        CHECK(engine.assess("what time is the library open").level == RiskLevel::None);
    }
}

TEST_CASE("A bad model file names the file and the line", "[risk][model]")
{
    const std::string head = "format 1\nversion v\nbuckets 262144\nthreshold 0.5 0.5 0.5\n"
                             "bias 0 0 0\n";
    const auto error = [](const std::string& text) {
        try {
            (void)RiskModel::fromText(text, "m.txt");
        } catch (const RiskRulesError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error(head + "12 0.1 0.2\n") == "m.txt:6: expected 3 numbers, found 2");
    CHECK(error(head + "999999999 0.1 0.2 0.3\n") == "m.txt:6: bucket `999999999` is not below "
                                                     "262144");
    CHECK(error(head + "7 0.1 x 0.3\n") == "m.txt:6: `x` is not a number");
    CHECK(error(head + "colour blue\n").starts_with("m.txt:6: `colour` is not a model key"));
    CHECK(error("format 3\n") ==
          "m.txt:1: format `3` is not known (this program reads formats 1 and 2)");
    CHECK(error("format 1\nversion v\n") ==
          "m.txt:0: needs format, version, buckets, threshold and bias");
    CHECK(error("format 1\nversion v\nbuckets 100\n") == "m.txt:3: buckets must be 262144");
    CHECK(error(head + "threshold 0.5 1.5 0.5\n") == "m.txt:6: a threshold must be between 0 "
                                                     "and 1");
    CHECK(error(head) == "no error");
}

TEST_CASE("The engine's second opinion raises a level, never lowers one, and says so",
          "[risk][model]")
{
    TempDir dir;
    const auto model = RiskModel::train(toyExamples(), RiskModelTraining{}, "toy-1", "toy");
    write(dir.path / "toy-model.txt", model.toText());
    const auto engine = RiskEngine::fromText(kRules, (dir.path / "rules.txt").string());
    CHECK(engine.modelVersion() == "toy-1");
    CHECK(engine.withoutModel().modelVersion().empty());

    SECTION("raised, with a signal naming the wording")
    {
        const auto a = engine.assess("the pills are all lined up now");
        CHECK(a.level == RiskLevel::Imminent);
        REQUIRE(a.riskSignals.size() == 1);
        CHECK(a.riskSignals[0].category == "wording");
        CHECK(a.riskSignals[0].text == "wording: worded like imminent-risk messages");
        CHECK(engine.withoutModel().assess("the pills are all lined up now").level ==
              RiskLevel::None);
    }
    SECTION("the rules' level and signals stay when the model says less")
    {
        const auto a = engine.assess("i want to die");
        CHECK(a.level >= RiskLevel::High);
        REQUIRE_FALSE(a.riskSignals.empty());
        CHECK(a.riskSignals[0].category == "desire");
        CHECK(engine.assess("what time is the library open").level == RiskLevel::None);
        CHECK(engine.assess("what time is the library open").riskSignals.empty());
    }
    SECTION("a conversation takes the highest the model gives any of its messages")
    {
        const auto a = engine.assessConversation({"hi", "the pills are all lined up now", "ok"});
        CHECK(a.level == RiskLevel::Imminent);
        CHECK(std::count_if(a.riskSignals.begin(), a.riskSignals.end(),
                            [](const auto& s) { return s.category == "wording"; }) == 1);
    }
    SECTION("a message of fewer words than model_min_words is left to the rules")
    {
        const auto withMinWords = [](std::string_view n) {
            std::string r(kRules);
            r.insert(r.find("[signal"), "model_min_words " + std::string(n) + "\n");
            return r;
        };
        const std::string rules = withMinWords("4");
        const auto strict = RiskEngine::fromText(rules, (dir.path / "rules.txt").string());
        CHECK(engine.assess("pills lined up").level == RiskLevel::Imminent);
        CHECK(strict.assess("pills lined up").level == RiskLevel::None);
        CHECK(strict.assess("pills lined up now").level == RiskLevel::Imminent);
        CHECK(strict.assessConversation({"pills lined up", "ok"}).level == RiskLevel::None);
        // The rules still read a short message.
        CHECK(strict.assess("want to die").level >= RiskLevel::High);
        CHECK_THROWS_AS(RiskEngine::fromText(withMinWords("0"), (dir.path / "rules.txt").string()),
                        RiskRulesError);
    }
    SECTION("a rules file naming a model that cannot be read fails with the model's name")
    {
        std::filesystem::remove(dir.path / "toy-model.txt");
        try {
            (void)RiskEngine::fromText(kRules, (dir.path / "rules.txt").string());
            FAIL("no error");
        } catch (const RiskRulesError& e) {
            CHECK(e.file() == (dir.path / "toy-model.txt").string());
            CHECK(e.line() == 0);
        }
    }
}
