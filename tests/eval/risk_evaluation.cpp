// Scores the labelled evaluation set (tests/data/risk-eval.tsv) and the
// simulator's synthetic texts (resources/sim/texts.txt) with the installed
// rules, prints the figures, and exits non-zero when they fall below the
// thresholds below. Registered in ctest as `risk_evaluation`.
//
// usage: risk_evaluation RULES EVAL_TSV SIM_TEXTS

#include "core/RiskEngine.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using warmline::RiskLevel;

// The build fails below these (docs/risk-rules.md, "Evaluation").
constexpr double kMinHighRecall = 0.95;      // high/imminent lines scored high or above
constexpr double kMaxFalseHighRate = 0.02;   // "none" lines scored high or above
constexpr double kMinImminentRecall = 0.80;  // imminent lines scored imminent
constexpr double kMaxConcernToNone = 0.25;   // concern lines scored none

struct Example
{
    RiskLevel label = RiskLevel::None;
    std::string text;
    int line = 0;
    bool spanish = false;
};

std::vector<Example> readEval(const std::string& path)
{
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::vector<Example> out;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto tab = line.find('\t');
        const auto tab2 = tab == std::string::npos ? tab : line.find('\t', tab + 1);
        const auto level = warmline::parseRiskLevel(line.substr(0, tab));
        const auto language = tab2 == std::string::npos ? "" : line.substr(tab + 1, tab2 - tab - 1);
        if (tab2 == std::string::npos || !level || (language != "en" && language != "es")) {
            throw std::runtime_error(
                fmt::format("{}:{}: expected LABEL<TAB>en|es<TAB>MESSAGE", path, number));
        }
        out.push_back(Example{*level, line.substr(tab2 + 1), number, language == "es"});
    }
    return out;
}

struct SimLine
{
    std::string category;
    std::string text;
};

std::vector<SimLine> readSim(const std::string& path)
{
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::vector<SimLine> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto bar = line.find('|');
        if (bar != std::string::npos) {
            out.push_back({line.substr(0, bar), line.substr(bar + 1)});
        }
    }
    return out;
}

double ratio(int a, int b)
{
    return b == 0 ? 0.0 : static_cast<double>(a) / b;
}

std::string percent(int a, int b)
{
    return fmt::format("{:.1f}% ({}/{})", 100.0 * ratio(a, b), a, b);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::cerr << "usage: risk_evaluation RULES EVAL_TSV SIM_TEXTS\n";
        return 2;
    }
    try {
        const auto engine = warmline::RiskEngine::fromFile(argv[1]);
        const auto examples = readEval(argv[2]);
        const auto sim = readSim(argv[3]);

        // confusion[label][scored]
        int confusion[4][4] = {};
        int highTotal = 0, highFlagged = 0, imminentTotal = 0, imminentFlagged = 0;
        int noneTotal = 0, noneHigh = 0, noneAny = 0, concernTotal = 0, concernNone = 0;
        int esHighTotal = 0, esHighFlagged = 0, esNoneTotal = 0, esNoneHigh = 0;
        std::vector<std::string> misses;
        for (const auto& e : examples) {
            const auto scored = engine.assess(e.text);
            const int l = static_cast<int>(e.label);
            const int s = static_cast<int>(scored.level);
            ++confusion[l][s];
            const bool flaggedHigh = scored.level >= RiskLevel::High;
            if (e.label >= RiskLevel::High) {
                ++highTotal;
                highFlagged += flaggedHigh;
                if (e.spanish) {
                    ++esHighTotal;
                    esHighFlagged += flaggedHigh;
                }
                if (!flaggedHigh) {
                    misses.push_back(fmt::format("  missed    line {:>3} {:>8} → {:<8} {}", e.line,
                                                 toString(e.label), toString(scored.level),
                                                 e.text));
                }
            }
            if (e.label == RiskLevel::Imminent) {
                ++imminentTotal;
                imminentFlagged += scored.level == RiskLevel::Imminent;
            }
            if (e.label == RiskLevel::Concern) {
                ++concernTotal;
                concernNone += scored.level == RiskLevel::None;
            }
            if (e.label == RiskLevel::None) {
                ++noneTotal;
                noneHigh += flaggedHigh;
                noneAny += scored.level != RiskLevel::None;
                if (e.spanish) {
                    ++esNoneTotal;
                    esNoneHigh += flaggedHigh;
                }
                if (flaggedHigh) {
                    misses.push_back(fmt::format("  false high line {:>3} {:>8} → {:<8} {}",
                                                 e.line, toString(e.label), toString(scored.level),
                                                 e.text));
                }
            }
        }

        int simCrisis = 0, simCrisisHigh = 0, simOther = 0, simOtherHigh = 0;
        for (const auto& s : sim) {
            const auto level = engine.assess(s.text).level;
            if (s.category == "crisis") {
                ++simCrisis;
                simCrisisHigh += level >= RiskLevel::High;
                if (level < RiskLevel::High) {
                    misses.push_back(
                        fmt::format("  missed    sim crisis → {:<8} {}", toString(level), s.text));
                }
            } else {
                ++simOther;
                simOtherHigh += level >= RiskLevel::High;
                if (level >= RiskLevel::High) {
                    misses.push_back(fmt::format("  false high sim {} → {:<8} {}", s.category,
                                                 toString(level), s.text));
                }
            }
        }

        std::cout << fmt::format("risk evaluation: rules version {}, {} labelled messages, {} "
                                 "simulator texts\n",
                                 engine.version(), examples.size(), sim.size());
        std::cout << "confusion (rows: label, columns: scored)\n"
                  << "             none concern    high imminent\n";
        for (int l = 0; l < 4; ++l) {
            std::cout << fmt::format("  {:<9}{:>6}{:>8}{:>8}{:>9}\n",
                                     toString(static_cast<RiskLevel>(l)), confusion[l][0],
                                     confusion[l][1], confusion[l][2], confusion[l][3]);
        }
        const double recall = ratio(highFlagged, highTotal);
        const double falseHigh = ratio(noneHigh, noneTotal);
        const double imminentRecall = ratio(imminentFlagged, imminentTotal);
        const double concernMissed = ratio(concernNone, concernTotal);
        std::cout << "high/imminent flagged high or above: " << percent(highFlagged, highTotal)
                  << fmt::format("  [threshold >= {:.0f}%]\n", kMinHighRecall * 100)
                  << "  of them Spanish:                   " << percent(esHighFlagged, esHighTotal)
                  << "\n"
                  << "imminent scored imminent:            "
                  << percent(imminentFlagged, imminentTotal)
                  << fmt::format("  [threshold >= {:.0f}%]\n", kMinImminentRecall * 100)
                  << "ordinary (none) scored high or above: " << percent(noneHigh, noneTotal)
                  << fmt::format("  [threshold <= {:.0f}%]\n", kMaxFalseHighRate * 100)
                  << "  of them Spanish:                    " << percent(esNoneHigh, esNoneTotal)
                  << "\n"
                  << "ordinary (none) scored above none:    " << percent(noneAny, noneTotal)
                  << "\n"
                  << "concern scored none:                  " << percent(concernNone, concernTotal)
                  << fmt::format("  [threshold <= {:.0f}%]\n", kMaxConcernToNone * 100)
                  << "simulator crisis texts high or above: " << percent(simCrisisHigh, simCrisis)
                  << "  [threshold 100%]\n"
                  << "simulator other texts high or above:  " << percent(simOtherHigh, simOther)
                  << "  [threshold 0]\n";
        if (!misses.empty()) {
            std::cout << "misses:\n";
            for (const auto& m : misses) {
                std::cout << m << "\n";
            }
        }
        const bool pass = recall >= kMinHighRecall && falseHigh <= kMaxFalseHighRate &&
                          imminentRecall >= kMinImminentRecall &&
                          concernMissed <= kMaxConcernToNone && simCrisisHigh == simCrisis &&
                          simOtherHigh == 0 && highTotal > 0 && noneTotal > 0;
        std::cout << (pass ? "PASS" : "FAIL: below a threshold") << "\n";
        return pass ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "risk_evaluation: " << e.what() << "\n";
        return 2;
    }
}
