#pragma once

// The statistical second opinion beside the rules: three logistic
// regressions over hashed word, word-pair and character n-gram features
// ("is this message concern or above", "high or above", "imminent"),
// trained only on the project's own labelled sets. It can raise a level the
// rules gave, never lower one (RiskEngine applies it). The weights are data
// (resources/risk-model.txt, format in docs/risk-rules.md); training is
// here so that tests and the training program share one implementation.
//
// A RiskModel is immutable once built; score() is const and thread-safe.

#include "core/domain/Domain.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// Probabilities, each in [0, 1], that a message is at least of that level.
struct RiskModelScores
{
    double concern = 0;
    double high = 0;
    double imminent = 0;
};

/// One labelled message for training.
struct RiskModelExample
{
    enum class Known
    {
        Level,       ///< `label` is the message's level
        BelowHigh,   ///< only that it is below high (the simulator's other texts)
        HighOrAbove, ///< only that it is high or above (the simulator's crisis texts)
    };
    std::string text;
    RiskLevel label = RiskLevel::None;
    Known known = Known::Level;
    /// The rules' reading of the text (RiskEngine::modelAnalysis), used
    /// when the training reads it (RiskModelTraining::analysis).
    std::vector<std::uint32_t> analysis;
};

struct RiskModelTraining
{
    /// Read the rules' reading of each message too (words as the rules'
    /// vocabulary knows them, phrases, frame slots and their pairs, the
    /// rules' level), not only its wording: a model file of format 2.
    bool analysis = false;
    int epochs = 12;
    double rate = 0.2;
    double l2 = 1e-6;
    /// Thresholds come from cross-validation with this many folds: a
    /// threshold is the lowest that keeps, on messages the model was not
    /// trained on, the share of wrongly raised messages at most:
    int folds = 5;
    /// none messages scored high or above (2.5%: on the held-out parts,
    /// as many false high alarms as 2% gave before the model read the
    /// rules' reading, docs/risk-rules.md)
    double maxNoneToHigh = 0.025;
    double maxBelowToImminent = 0.03; ///< none, concern and high scored imminent
    double maxNoneToConcern = 0.10;   ///< none messages scored concern or above
    /// Buckets whose three weights are all smaller than this are left out
    /// of the model file.
    double keepAbove = 0.02;
};

class RiskModel
{
public:
    static constexpr unsigned kBucketBits = 18;
    static constexpr std::uint32_t kBuckets = 1u << kBucketBits;

    /// Throws RiskRulesError ("FILE:LINE: reason").
    static RiskModel fromFile(const std::filesystem::path& file);
    static RiskModel fromText(std::string_view text, std::string_view sourceName);

    /// Trains on `examples` (deterministic: the same examples give the same
    /// model). `version` and `trainedOn` are written into the file.
    static RiskModel train(const std::vector<RiskModelExample>& examples,
                           const RiskModelTraining& options, std::string version,
                           std::string trainedOn);

    RiskModelScores score(std::string_view utf8Message) const;
    /// With the rules' reading of the message (RiskEngine::modelAnalysis);
    /// a model that does not read it (usesAnalysis() false) ignores it.
    RiskModelScores score(std::string_view utf8Message,
                          const std::vector<std::uint32_t>& analysis) const;
    /// Whether the model was trained on the rules' reading of messages too;
    /// such a model is only valid with the rules it was trained with.
    bool usesAnalysis() const { return m_analysis; }
    /// The highest level whose probability reaches its threshold.
    RiskLevel level(const RiskModelScores&) const;

    const std::string& version() const { return m_version; }
    const std::string& trainedOn() const { return m_trainedOn; }
    /// Thresholds for concern, high, imminent.
    const std::array<double, 3>& thresholds() const { return m_thresholds; }

    /// The model file's text; fromText(toText()) scores the same, within
    /// the rounding of the weights written.
    std::string toText() const;

private:
    RiskModel();
    std::string m_version;
    std::string m_trainedOn;
    std::array<double, 3> m_thresholds{1.0, 1.0, 1.0};
    std::array<double, 3> m_bias{};
    bool m_analysis = false;
    /// kBuckets × 3 weights (concern, high, imminent per bucket).
    std::vector<float> m_weights;
};

namespace risk {
/// The feature buckets of a message, sorted, each once (words, adjacent
/// word pairs within a sentence, character 3- to 5-grams of each word,
/// after the engine's normalisation). At most `maxTokens` words are read.
void modelFeatures(std::string_view utf8Message, std::vector<std::uint32_t>& out,
                   std::size_t maxTokens = 4096);
/// The bucket of one feature of the rules' reading of a message: a kind
/// (a letter) and up to two numbers (ids of the rules' words, blocks,
/// slots, levels).
std::uint32_t analysisBucket(char kind, std::uint64_t a, std::uint64_t b = 0);
} // namespace risk

} // namespace warmline
