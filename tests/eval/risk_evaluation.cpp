// Scores the labelled evaluation sets (tests/data/risk-eval*.tsv) and the
// simulator's synthetic texts (resources/sim/texts.txt: lines of category
// `crisis` or `arc:NAME:crisis` must score high, all others below) with the
// installed rules, prints the figures for each set and for all together, and exits
// non-zero when the figures for all sets together fall below the thresholds
// below. Registered in ctest as `risk_evaluation`.
//
// usage: risk_evaluation [--report-only] [--no-misses] [--no-model] RULES SIM_TEXTS
//                        [--conversations] EVAL_TSV...
//
// --report-only prints the figures and never fails (held-out sets: a
// threshold on them would make them tuned sets); --no-misses keeps the
// messages of held-out sets out of the output. A file after --conversations
// holds conversations, `ID<TAB>LABEL<TAB>en|es<TAB>MESSAGE`, one message a
// line in the order sent, each labelled with the level of the conversation
// up to it; every line is scored with the messages of its conversation so
// far (RiskEngine::assessConversation).

#include "core/risk/RiskEngine.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using warmline::RiskLevel;

// The build fails below these (docs/risk-rules.md, "Evaluation").
constexpr double kMinHighRecall = 0.95;     // high/imminent lines scored high or above
constexpr double kMaxFalseHighRate = 0.02;  // "none" lines scored high or above
constexpr double kMinImminentRecall = 0.80; // imminent lines scored imminent
constexpr double kMaxConcernToNone = 0.25;  // concern lines scored none

struct Example
{
    RiskLevel label = RiskLevel::None;
    std::string text;
    int line = 0;
    bool spanish = false;
    /// Conversations: the messages before this one in its conversation.
    std::vector<std::string> earlier;
};

std::vector<std::string> splitTabs(const std::string& line)
{
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (true) {
        const auto tab = line.find('\t', pos);
        out.push_back(line.substr(pos, tab - pos));
        if (tab == std::string::npos) {
            return out;
        }
        pos = tab + 1;
    }
}

std::vector<Example> readConversations(const std::string& path)
{
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::vector<Example> out;
    std::string line;
    std::string current;
    std::vector<std::string> earlier;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto f = splitTabs(line);
        const auto level = f.size() == 4 ? warmline::parseRiskLevel(f[1]) : std::nullopt;
        if (!level || (f[2] != "en" && f[2] != "es") || f[0].empty()) {
            throw std::runtime_error(
                fmt::format("{}:{}: expected ID<TAB>LABEL<TAB>en|es<TAB>MESSAGE", path, number));
        }
        if (f[0] != current) {
            current = f[0];
            earlier.clear();
        }
        out.push_back(Example{*level, f[3], number, f[2] == "es", earlier});
        earlier.push_back(f[3]);
    }
    return out;
}

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
        out.push_back(Example{*level, line.substr(tab2 + 1), number, language == "es", {}});
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

struct Stats
{
    int confusion[4][4] = {}; ///< [label][scored]
    int highTotal = 0, highFlagged = 0, imminentTotal = 0, imminentFlagged = 0;
    int noneTotal = 0, noneHigh = 0, noneAny = 0, concernTotal = 0, concernNone = 0;
    int esHighTotal = 0, esHighFlagged = 0, esNoneTotal = 0, esNoneHigh = 0;
    int esImminentTotal = 0, esImminentFlagged = 0;

    void add(const Stats& o)
    {
        for (int l = 0; l < 4; ++l) {
            for (int s = 0; s < 4; ++s) {
                confusion[l][s] += o.confusion[l][s];
            }
        }
        highTotal += o.highTotal;
        highFlagged += o.highFlagged;
        imminentTotal += o.imminentTotal;
        imminentFlagged += o.imminentFlagged;
        noneTotal += o.noneTotal;
        noneHigh += o.noneHigh;
        noneAny += o.noneAny;
        concernTotal += o.concernTotal;
        concernNone += o.concernNone;
        esHighTotal += o.esHighTotal;
        esHighFlagged += o.esHighFlagged;
        esNoneTotal += o.esNoneTotal;
        esNoneHigh += o.esNoneHigh;
        esImminentTotal += o.esImminentTotal;
        esImminentFlagged += o.esImminentFlagged;
    }

    bool pass() const
    {
        return highTotal > 0 && noneTotal > 0 && ratio(highFlagged, highTotal) >= kMinHighRecall &&
               ratio(noneHigh, noneTotal) <= kMaxFalseHighRate &&
               ratio(imminentFlagged, imminentTotal) >= kMinImminentRecall &&
               ratio(concernNone, concernTotal) <= kMaxConcernToNone;
    }

    void print(const std::string& title) const
    {
        std::cout << title << "\n"
                  << "  confusion (rows: label, columns: scored)\n"
                  << "               none concern    high imminent\n";
        for (int l = 0; l < 4; ++l) {
            std::cout << fmt::format("    {:<9}{:>6}{:>8}{:>8}{:>9}\n",
                                     toString(static_cast<RiskLevel>(l)), confusion[l][0],
                                     confusion[l][1], confusion[l][2], confusion[l][3]);
        }
        std::cout << "  high/imminent flagged high or above:  " << percent(highFlagged, highTotal)
                  << "\n    of them Spanish:                    "
                  << percent(esHighFlagged, esHighTotal)
                  << "\n  imminent scored imminent:             "
                  << percent(imminentFlagged, imminentTotal)
                  << "\n    of them Spanish:                    "
                  << percent(esImminentFlagged, esImminentTotal)
                  << "\n  ordinary (none) scored high or above: " << percent(noneHigh, noneTotal)
                  << "\n    of them Spanish:                    "
                  << percent(esNoneHigh, esNoneTotal)
                  << "\n  ordinary (none) scored above none:    " << percent(noneAny, noneTotal)
                  << "\n  concern scored none:                  "
                  << percent(concernNone, concernTotal)
                  << "\n  concern scored concern or above:      "
                  << percent(concernTotal - concernNone, concernTotal) << "\n";
    }
};

Stats evaluate(const warmline::RiskEngine& engine, const std::vector<Example>& examples,
               const std::string& name, std::vector<std::string>& misses)
{
    Stats st;
    for (const auto& e : examples) {
        std::vector<std::string_view> conversation(e.earlier.begin(), e.earlier.end());
        conversation.emplace_back(e.text);
        const auto scored =
            e.earlier.empty() ? engine.assess(e.text) : engine.assessConversation(conversation);
        ++st.confusion[static_cast<int>(e.label)][static_cast<int>(scored.level)];
        const bool flaggedHigh = scored.level >= RiskLevel::High;
        const auto miss = [&](const char* what) {
            misses.push_back(fmt::format("  {:<10} {}:{} {} → {}: {}", what, name, e.line,
                                         toString(e.label), toString(scored.level), e.text));
        };
        if (e.label >= RiskLevel::High) {
            ++st.highTotal;
            st.highFlagged += flaggedHigh;
            if (e.spanish) {
                ++st.esHighTotal;
                st.esHighFlagged += flaggedHigh;
            }
            if (!flaggedHigh) {
                miss("missed");
            }
        }
        if (e.label == RiskLevel::Imminent) {
            ++st.imminentTotal;
            st.imminentFlagged += scored.level == RiskLevel::Imminent;
            if (e.spanish) {
                ++st.esImminentTotal;
                st.esImminentFlagged += scored.level == RiskLevel::Imminent;
            }
        }
        if (e.label == RiskLevel::Concern) {
            ++st.concernTotal;
            st.concernNone += scored.level == RiskLevel::None;
        }
        if (e.label == RiskLevel::None) {
            ++st.noneTotal;
            st.noneHigh += flaggedHigh;
            st.noneAny += scored.level != RiskLevel::None;
            if (e.spanish) {
                ++st.esNoneTotal;
                st.esNoneHigh += flaggedHigh;
            }
            if (flaggedHigh) {
                miss("false high");
            }
        }
    }
    return st;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    bool reportOnly = false;
    bool showMisses = true;
    bool useModel = true;
    while (!args.empty() && args.front().rfind("--", 0) == 0 && args.front() != "--conversations") {
        if (args.front() == "--report-only") {
            reportOnly = true;
        } else if (args.front() == "--no-misses") {
            showMisses = false;
        } else if (args.front() == "--no-model") {
            useModel = false;
        } else {
            std::cerr << "risk_evaluation: unknown option " << args.front() << "\n";
            return 2;
        }
        args.erase(args.begin());
    }
    if (args.size() < 3) {
        std::cerr << "usage: risk_evaluation [--report-only] [--no-misses] [--no-model] RULES "
                     "SIM_TEXTS "
                     "[--conversations] EVAL_TSV...\n";
        return 2;
    }
    try {
        const auto loaded = warmline::RiskEngine::fromFile(args[0]);
        const auto engine = useModel ? loaded : loaded.withoutModel();
        const auto sim = readSim(args[1]);
        std::cout << fmt::format("risk evaluation: rules version {}, model {}\n", engine.version(),
                                 engine.modelVersion().empty() ? "none" : engine.modelVersion());
        std::vector<std::string> misses;
        Stats all;
        std::size_t count = 0;
        bool conversations = false;
        for (std::size_t i = 2; i < args.size(); ++i) {
            const std::string path = args[i];
            if (path == "--conversations") {
                conversations = true;
                continue;
            }
            const auto examples = conversations ? readConversations(path) : readEval(path);
            conversations = false;
            const auto name = path.substr(path.find_last_of('/') + 1);
            const auto st = evaluate(engine, examples, name, misses);
            st.print(fmt::format("{} ({} messages)", name, examples.size()));
            all.add(st);
            count += examples.size();
        }
        all.print(fmt::format("all labelled sets together ({} messages)", count));
        std::cout << fmt::format(
            "  thresholds: high/imminent flagged >= {:.0f}%, imminent scored imminent >= "
            "{:.0f}%, false high on none <= {:.0f}%, concern scored none <= {:.0f}%\n",
            kMinHighRecall * 100, kMinImminentRecall * 100, kMaxFalseHighRate * 100,
            kMaxConcernToNone * 100);

        int simCrisis = 0, simCrisisHigh = 0, simOther = 0, simOtherHigh = 0;
        for (const auto& s : sim) {
            const auto level = engine.assess(s.text).level;
            if (s.category == "crisis" || s.category.ends_with(":crisis")) {
                ++simCrisis;
                simCrisisHigh += level >= RiskLevel::High;
                if (level < RiskLevel::High) {
                    misses.push_back(
                        fmt::format("  missed     sim crisis → {}: {}", toString(level), s.text));
                }
            } else {
                ++simOther;
                simOtherHigh += level >= RiskLevel::High;
                if (level >= RiskLevel::High) {
                    misses.push_back(fmt::format("  false high sim {} → {}: {}", s.category,
                                                 toString(level), s.text));
                }
            }
        }
        std::cout << "simulator texts (resources/sim/texts.txt)\n"
                  << "  crisis scored high or above:          " << percent(simCrisisHigh, simCrisis)
                  << "  [threshold 100%]\n"
                  << "  others scored high or above:          " << percent(simOtherHigh, simOther)
                  << "  [threshold 0]\n";
        if (!misses.empty() && showMisses) {
            std::cout << "misses:\n";
            for (const auto& m : misses) {
                std::cout << m << "\n";
            }
        }
        const bool pass =
            all.pass() && simCrisis > 0 && simCrisisHigh == simCrisis && simOtherHigh == 0;
        if (reportOnly) {
            std::cout << "figures only (held-out sets are not held to the thresholds)\n";
            return 0;
        }
        std::cout << (pass ? "PASS" : "FAIL: below a threshold") << "\n";
        return pass ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "risk_evaluation: " << e.what() << "\n";
        return 2;
    }
}
