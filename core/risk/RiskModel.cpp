// The statistical second opinion: features, scoring, training, the file.

#include "core/risk/RiskModel.h"

#include "core/risk/RiskEngine.h"
#include "core/risk/RiskRules.h"
#include "core/risk/RiskText.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <sstream>

namespace warmline {

namespace risk {

namespace {

std::uint32_t fnv(std::uint32_t h, std::string_view bytes)
{
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

constexpr std::uint32_t kFnvBasis = 2166136261u;

std::uint32_t bucket(char kind, std::string_view a, std::string_view b = {})
{
    auto h = fnv(kFnvBasis, std::string_view(&kind, 1));
    h = fnv(h, a);
    if (!b.empty()) {
        h = fnv(h, " ");
        h = fnv(h, b);
    }
    // Mix the high bits down before masking.
    h ^= h >> 15;
    h *= 0x2c1b3c6dU;
    h ^= h >> 12;
    return h & (RiskModel::kBuckets - 1);
}

} // namespace

std::uint32_t analysisBucket(char kind, std::uint64_t a, std::uint64_t b)
{
    // A multiply-xorshift mix of the three numbers (the wording's features
    // hash their bytes; these are numbers, and a message of 1,600 bytes has
    // hundreds of them).
    std::uint64_t h =
        (std::uint64_t(static_cast<unsigned char>(kind)) << 56) ^ 0x9E3779B97F4A7C15ull;
    for (const std::uint64_t v : {a, b}) {
        h ^= v + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    return static_cast<std::uint32_t>(h >> 32) & (RiskModel::kBuckets - 1);
}

namespace {

/// Each feature once, in the order first seen: a per-thread bitset over the
/// buckets instead of a sort, which would cost more than the scoring.
void collectFeatures(std::string_view utf8Message, std::vector<std::uint32_t>& out,
                     std::size_t maxTokens)
{
    thread_local std::string buffer;
    thread_local std::vector<TextToken> tokens;
    thread_local std::string padded;
    thread_local std::vector<std::uint64_t> seen(RiskModel::kBuckets / 64, 0);
    tokenize(utf8Message, buffer, tokens, maxTokens);
    out.clear();
    const auto add = [&](std::uint32_t b) {
        auto& word = seen[b / 64];
        const auto bit = std::uint64_t{1} << (b % 64);
        if (!(word & bit)) {
            word |= bit;
            out.push_back(b);
        }
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto word = tokenText(buffer, tokens[i]);
        add(bucket('w', word));
        if (i + 1 < tokens.size() && tokens[i + 1].sentence == tokens[i].sentence) {
            add(bucket('b', word, tokenText(buffer, tokens[i + 1])));
        }
        if (word.starts_with("emoji")) {
            continue;
        }
        padded.assign(1, '^');
        padded.append(word);
        padded.push_back('$');
        for (std::size_t n = 3; n <= 5; ++n) {
            for (std::size_t at = 0; at + n <= padded.size(); ++at) {
                add(bucket('c', std::string_view(padded).substr(at, n)));
            }
        }
    }
    for (const auto b : out) {
        seen[b / 64] = 0;
    }
}

} // namespace

void modelFeatures(std::string_view utf8Message, std::vector<std::uint32_t>& out,
                   std::size_t maxTokens)
{
    collectFeatures(utf8Message, out, maxTokens);
    std::sort(out.begin(), out.end());
}

} // namespace risk

namespace {

constexpr int kTargets = 3; // concern or above, high or above, imminent

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

/// 1 or 0 for what an example says about a target, -1 when it says nothing.
int targetOf(const RiskModelExample& e, int target)
{
    using Known = RiskModelExample::Known;
    switch (target) {
    case 0:
        return e.known == Known::Level         ? int{e.label >= RiskLevel::Concern}
               : e.known == Known::HighOrAbove ? 1
                                               : -1;
    case 1:
        return e.known == Known::Level ? int{e.label >= RiskLevel::High}
                                       : int{e.known == Known::HighOrAbove};
    default:
        return e.known == Known::Level       ? int{e.label == RiskLevel::Imminent}
               : e.known == Known::BelowHigh ? 0
                                             : -1;
    }
}

struct Weights
{
    std::array<double, kTargets> bias{};
    std::vector<float> w = std::vector<float>(std::size_t{RiskModel::kBuckets} * kTargets, 0.0f);

    std::array<double, kTargets> probabilities(const std::vector<std::uint32_t>& features) const
    {
        const double value = features.empty() ? 0.0 : 1.0 / std::sqrt(double(features.size()));
        std::array<double, kTargets> z = bias;
        for (const auto f : features) {
            for (int k = 0; k < kTargets; ++k) {
                z[k] += w[std::size_t{f} * kTargets + k] * value;
            }
        }
        std::array<double, kTargets> p{};
        for (int k = 0; k < kTargets; ++k) {
            p[k] = sigmoid(z[k]);
        }
        return p;
    }
};

/// Logistic regressions by AdaGrad, in an order fixed by a seeded shuffle.
Weights fit(const std::vector<std::vector<std::uint32_t>>& features,
            const std::vector<RiskModelExample>& examples, const std::vector<std::size_t>& use,
            const RiskModelTraining& options)
{
    Weights m;
    std::vector<float> squares(m.w.size(), 0.0f);
    std::array<double, kTargets> biasSquares{};
    std::vector<std::size_t> order = use;
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    const auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    constexpr double eps = 1e-8;
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i) {
            std::swap(order[i - 1], order[next() % i]);
        }
        for (const auto index : order) {
            const auto& x = features[index];
            const auto p = m.probabilities(x);
            const double value = x.empty() ? 0.0 : 1.0 / std::sqrt(double(x.size()));
            for (int k = 0; k < kTargets; ++k) {
                const int target = targetOf(examples[index], k);
                if (target < 0) {
                    continue;
                }
                const double g = p[k] - target;
                biasSquares[k] += g * g;
                m.bias[k] -= options.rate * g / std::sqrt(biasSquares[k] + eps);
                for (const auto f : x) {
                    auto& w = m.w[std::size_t{f} * kTargets + k];
                    auto& s = squares[std::size_t{f} * kTargets + k];
                    const double grad = g * value + options.l2 * w;
                    s += static_cast<float>(grad * grad);
                    w -= static_cast<float>(options.rate * grad / std::sqrt(s + eps));
                }
            }
        }
    }
    return m;
}

/// The lowest threshold at which at most `share` of `negatives` reach it.
double thresholdFor(std::vector<double> negatives, double share)
{
    if (negatives.empty()) {
        return 0.5;
    }
    std::sort(negatives.begin(), negatives.end(), std::greater<>());
    const auto allowed = static_cast<std::size_t>(std::floor(share * double(negatives.size())));
    if (allowed >= negatives.size()) {
        return 0.0;
    }
    // Just above the first negative that may not be raised.
    return std::min(1.0, std::nextafter(negatives[allowed], 2.0));
}

} // namespace

RiskModel::RiskModel() : m_weights(std::size_t{kBuckets} * kTargets, 0.0f) {}

RiskModel RiskModel::train(const std::vector<RiskModelExample>& examples,
                           const RiskModelTraining& options, std::string version,
                           std::string trainedOn)
{
    std::vector<std::vector<std::uint32_t>> features(examples.size());
    for (std::size_t i = 0; i < examples.size(); ++i) {
        risk::modelFeatures(examples[i].text, features[i]);
        if (options.analysis) {
            // As score() reads them: the wording's features, then these.
            features[i].insert(features[i].end(), examples[i].analysis.begin(),
                               examples[i].analysis.end());
        }
    }
    // Out-of-fold probabilities: each example scored by a model that did
    // not see it, so the thresholds hold on messages the model has not seen.
    std::vector<std::array<double, kTargets>> outOfFold(examples.size());
    const int folds = std::max(2, options.folds);
    for (int fold = 0; fold < folds; ++fold) {
        std::vector<std::size_t> use;
        for (std::size_t i = 0; i < examples.size(); ++i) {
            if (static_cast<int>(i % folds) != fold) {
                use.push_back(i);
            }
        }
        const auto m = fit(features, examples, use, options);
        for (std::size_t i = static_cast<std::size_t>(fold); i < examples.size(); i += folds) {
            outOfFold[i] = m.probabilities(features[i]);
        }
    }
    std::vector<double> noneConcern, noneHigh, belowImminent;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        if (examples[i].known != RiskModelExample::Known::Level) {
            continue; // thresholds come from the messages with a level
        }
        if (examples[i].label == RiskLevel::None) {
            noneConcern.push_back(outOfFold[i][0]);
            noneHigh.push_back(outOfFold[i][1]);
        }
        if (examples[i].label != RiskLevel::Imminent) {
            belowImminent.push_back(outOfFold[i][2]);
        }
    }
    std::vector<std::size_t> all(examples.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    const auto m = fit(features, examples, all, options);

    RiskModel model;
    model.m_analysis = options.analysis;
    model.m_version = std::move(version);
    model.m_trainedOn = std::move(trainedOn);
    model.m_thresholds = {thresholdFor(noneConcern, options.maxNoneToConcern),
                          thresholdFor(noneHigh, options.maxNoneToHigh),
                          thresholdFor(belowImminent, options.maxBelowToImminent)};
    model.m_bias = m.bias;
    model.m_weights = m.w;
    // What the file keeps is what scores: drop the small weights here too.
    for (std::size_t b = 0; b < kBuckets; ++b) {
        float* w = &model.m_weights[b * kTargets];
        if (std::max({std::fabs(w[0]), std::fabs(w[1]), std::fabs(w[2])}) < options.keepAbove) {
            w[0] = w[1] = w[2] = 0.0f;
        }
    }
    // Round as the file does, so a trained model and its file score alike.
    return fromText(model.toText(), "trained model");
}

RiskModelScores RiskModel::score(std::string_view utf8Message) const
{
    static const std::vector<std::uint32_t> none;
    return score(utf8Message, none);
}

RiskModelScores RiskModel::score(std::string_view utf8Message,
                                 const std::vector<std::uint32_t>& analysis) const
{
    thread_local std::vector<std::uint32_t> features;
    risk::collectFeatures(utf8Message, features, 4096);
    if (m_analysis) {
        features.insert(features.end(), analysis.begin(), analysis.end());
    }
    const double value = features.empty() ? 0.0 : 1.0 / std::sqrt(double(features.size()));
    std::array<double, kTargets> z = m_bias;
    for (const auto f : features) {
        const float* w = &m_weights[std::size_t{f} * kTargets];
        for (int k = 0; k < kTargets; ++k) {
            z[k] += w[k] * value;
        }
    }
    return RiskModelScores{sigmoid(z[0]), sigmoid(z[1]), sigmoid(z[2])};
}

RiskLevel RiskModel::level(const RiskModelScores& s) const
{
    // Every raise needs the broader opinions to agree: "a message of
    // concern at least" for any, and "high or above" for imminent. The
    // narrow ones alone fire on ordinary chat that shares a few words with
    // the rare risky messages ("someone knocked on the door").
    if (s.concern < m_thresholds[0]) {
        return RiskLevel::None;
    }
    if (s.high < m_thresholds[1]) {
        return RiskLevel::Concern;
    }
    // Imminent is high risk too: the high opinion must agree as well.
    if (s.imminent >= m_thresholds[2]) {
        return RiskLevel::Imminent;
    }
    return RiskLevel::High;
}

std::string RiskModel::toText() const
{
    std::string out;
    out += "# Warmline risk model: weights of three logistic regressions over hashed\n"
           "# features of a message (docs/risk-rules.md, \"The second opinion\").\n"
           "# Written by the training program; do not edit by hand.\n";
    // Format 2: the model reads the rules' reading of a message too.
    out += m_analysis ? "format 2\n" : "format 1\n";
    out += fmt::format("version {}\n", m_version);
    out += fmt::format("trained_on {}\n", m_trainedOn);
    out += fmt::format("buckets {}\n", kBuckets);
    out += fmt::format("threshold {:.6f} {:.6f} {:.6f}\n", m_thresholds[0], m_thresholds[1],
                       m_thresholds[2]);
    out += fmt::format("bias {:.6f} {:.6f} {:.6f}\n", m_bias[0], m_bias[1], m_bias[2]);
    for (std::size_t b = 0; b < kBuckets; ++b) {
        const float* w = &m_weights[b * kTargets];
        if (w[0] == 0.0f && w[1] == 0.0f && w[2] == 0.0f) {
            continue;
        }
        out += fmt::format("{} {:.3f} {:.3f} {:.3f}\n", b, w[0], w[1], w[2]);
    }
    return out;
}

RiskModel RiskModel::fromText(std::string_view text, std::string_view sourceName)
{
    RiskModel model;
    const std::string source(sourceName);
    std::istringstream in{std::string(text)};
    std::string line;
    int number = 0;
    bool sawFormat = false, sawBuckets = false, sawThreshold = false, sawBias = false;
    const auto fail = [&](const std::string& reason) {
        throw RiskRulesError(source, number, reason);
    };
    const auto numbers = [&](std::istringstream& fields, std::size_t count) {
        std::vector<double> out;
        std::string f;
        while (fields >> f) {
            double v = 0;
            const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
            if (ec != std::errc() || end != f.data() + f.size() || !std::isfinite(v)) {
                fail(fmt::format("`{}` is not a number", f));
            }
            out.push_back(v);
        }
        if (out.size() != count) {
            fail(fmt::format("expected {} numbers, found {}", count, out.size()));
        }
        return out;
    };
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream fields(line);
        std::string key;
        fields >> key;
        if (!key.empty() && std::isdigit(static_cast<unsigned char>(key[0]))) {
            if (!sawBuckets) {
                fail("weights before `buckets`");
            }
            std::uint32_t b = 0;
            const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), b);
            if (ec != std::errc() || end != key.data() + key.size() || b >= kBuckets) {
                fail(fmt::format("bucket `{}` is not below {}", key, kBuckets));
            }
            const auto w = numbers(fields, 3);
            for (int k = 0; k < kTargets; ++k) {
                model.m_weights[std::size_t{b} * kTargets + k] = static_cast<float>(w[k]);
            }
        } else if (key == "format") {
            std::string v;
            fields >> v;
            if (v != "1" && v != "2") {
                fail(fmt::format("format `{}` is not known (this program reads formats 1 and 2)",
                                 v));
            }
            model.m_analysis = v == "2";
            sawFormat = true;
        } else if (key == "version") {
            fields >> model.m_version;
        } else if (key == "trained_on") {
            std::getline(fields >> std::ws, model.m_trainedOn);
        } else if (key == "buckets") {
            const auto v = numbers(fields, 1);
            if (v[0] != double(kBuckets)) {
                fail(fmt::format("buckets must be {}", kBuckets));
            }
            sawBuckets = true;
        } else if (key == "threshold") {
            const auto v = numbers(fields, 3);
            for (int k = 0; k < kTargets; ++k) {
                if (v[k] < 0.0 || v[k] > 1.0) {
                    fail("a threshold must be between 0 and 1");
                }
                model.m_thresholds[k] = v[k];
            }
            sawThreshold = true;
        } else if (key == "bias") {
            const auto v = numbers(fields, 3);
            std::copy(v.begin(), v.end(), model.m_bias.begin());
            sawBias = true;
        } else {
            fail(fmt::format("`{}` is not a model key (format, version, trained_on, buckets, "
                             "threshold, bias, or a bucket's weights)",
                             key));
        }
    }
    number = 0;
    if (!sawFormat || !sawBuckets || !sawThreshold || !sawBias || model.m_version.empty()) {
        fail("needs format, version, buckets, threshold and bias");
    }
    return model;
}

RiskModel RiskModel::fromFile(const std::filesystem::path& file)
{
    return fromText(risk::readRiskFile(file), file.string());
}

} // namespace warmline
