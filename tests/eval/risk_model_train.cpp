// Trains the risk engine's statistical second opinion (core/risk/RiskModel)
// on labelled sets (`LABEL<TAB>en|es<TAB>MESSAGE`) and writes the model file,
// or checks that a model file was trained on the sets as they are now.
//
// usage: risk_model_train [--rules RULES] VERSION OUT_MODEL SIM_TEXTS EVAL_TSV...
//        risk_model_train [--rules RULES] --check MODEL SIM_TEXTS EVAL_TSV...
//
// With --rules the model reads the rules' reading of each message too
// (RiskEngine::modelAnalysis; a model file of format 2), and the rules file
// is part of what it was trained on: changed rules need a retrained model.
//
// SIM_TEXTS is the simulator's file (resources/sim/texts.txt, `CATEGORY|TEXT`):
// a text of category `crisis` (or `arc:NAME:crisis`) is known only to be high
// or above, any other only to be below high, and trains the model so.
//
// The model file records which sets, how many messages and a digest of
// their bytes (`trained_on`); --check fails when they differ, so that a
// changed set is not silently scored by a model trained on the old one.
// scripts/train-risk-model names the sets the shipped model is trained on.

#include "core/risk/RiskEngine.h"
#include "core/risk/RiskModel.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Sets
{
    std::vector<warmline::RiskModelExample> examples;
    std::string trainedOn;
};

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void digestOf(std::uint32_t& digest, const std::string& bytes)
{
    for (const char c : bytes) {
        digest ^= static_cast<unsigned char>(c);
        digest *= 16777619u;
    }
}

/// The rules without their `model` line: the engine that reads messages
/// for the model must not need the model being trained.
warmline::RiskEngine rulesAlone(const std::string& path, const std::string& text)
{
    std::istringstream lines(text);
    std::string line, kept;
    while (std::getline(lines, line)) {
        kept += line.starts_with("model ") ? std::string("#") + line : line;
        kept += '\n';
    }
    return warmline::RiskEngine::fromText(kept, path);
}

/// `analyse`: read each message with the rules too (for training; a check
/// needs only the digest).
Sets readSets(const std::string& rulesPath, const std::string& simPath,
              const std::vector<std::string>& paths, bool analyse)
{
    Sets out;
    std::uint32_t digest = 2166136261u;
    std::string names;
    std::vector<std::string> all{simPath};
    all.insert(all.end(), paths.begin(), paths.end());
    for (const auto& path : all) {
        const auto bytes = readAll(path);
        digestOf(digest, bytes);
        names += " " + path.substr(path.find_last_of('/') + 1);
        std::istringstream lines(bytes);
        std::string line;
        int number = 0;
        while (std::getline(lines, line)) {
            ++number;
            if (line.empty() || line[0] == '#') {
                continue;
            }
            if (path == simPath) {
                const auto bar = line.find('|');
                if (bar == std::string::npos) {
                    continue;
                }
                const auto category = line.substr(0, bar);
                const bool crisis = category == "crisis" || category.ends_with(":crisis");
                using Known = warmline::RiskModelExample::Known;
                // The simulator's texts are what every demo and test line
                // sends: each counts as three examples, so that no ordinary
                // one is left above high by the wider training sets.
                for (int copy = 0; copy < 3; ++copy) {
                    out.examples.push_back({line.substr(bar + 1),
                                            warmline::RiskLevel::None,
                                            crisis ? Known::HighOrAbove : Known::BelowHigh,
                                            {}});
                }
                continue;
            }
            const auto tab = line.find('\t');
            const auto tab2 = tab == std::string::npos ? tab : line.find('\t', tab + 1);
            const auto level = warmline::parseRiskLevel(line.substr(0, tab));
            if (tab2 == std::string::npos || !level) {
                throw std::runtime_error(
                    fmt::format("{}:{}: expected LABEL<TAB>en|es<TAB>MESSAGE", path, number));
            }
            out.examples.push_back({line.substr(tab2 + 1), *level, {}, {}});
        }
    }
    if (!rulesPath.empty()) {
        const auto text = readAll(rulesPath);
        digestOf(digest, text);
        names += " read by " + rulesPath.substr(rulesPath.find_last_of('/') + 1);
        if (analyse) {
            const auto engine = rulesAlone(rulesPath, text);
            for (auto& e : out.examples) {
                engine.modelAnalysis(e.text, e.analysis);
            }
        }
    }
    out.trainedOn =
        fmt::format("{} messages from{} (digest {:08x})", out.examples.size(), names, digest);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string rules;
    if (args.size() >= 2 && args[0] == "--rules") {
        rules = args[1];
        args.erase(args.begin(), args.begin() + 2);
    }
    if (args.size() < 4) {
        std::cerr << "usage: risk_model_train [--rules RULES] VERSION OUT_MODEL SIM_TEXTS "
                     "EVAL_TSV...\n"
                     "       risk_model_train [--rules RULES] --check MODEL SIM_TEXTS "
                     "EVAL_TSV...\n";
        return 2;
    }
    try {
        const bool check = args[0] == "--check";
        const auto sets = readSets(rules, args[2], {args.begin() + 3, args.end()}, !check);
        if (check) {
            const auto model = warmline::RiskModel::fromFile(args[1]);
            if (model.trainedOn() != sets.trainedOn) {
                std::cerr << fmt::format("{} was trained on\n  {}\nbut the sets are now\n  {}\n"
                                         "retrain it with scripts/train-risk-model\n",
                                         args[1], model.trainedOn(), sets.trainedOn);
                return 1;
            }
            std::cout << fmt::format("{}: version {}, trained on {}\n", args[1], model.version(),
                                     sets.trainedOn);
            return 0;
        }
        warmline::RiskModelTraining options;
        options.analysis = !rules.empty();
        const auto model =
            warmline::RiskModel::train(sets.examples, options, args[0], sets.trainedOn);
        std::ofstream out(args[1], std::ios::binary | std::ios::trunc);
        out << model.toText();
        out.close();
        if (!out) {
            throw std::runtime_error("cannot write " + args[1]);
        }
        const auto& t = model.thresholds();
        std::cout << fmt::format(
            "{}: {}; thresholds concern {:.3f}, high {:.3f}, imminent {:.3f}\n", args[1],
            sets.trainedOn, t[0], t[1], t[2]);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "risk_model_train: " << e.what() << "\n";
        return 1;
    }
}
