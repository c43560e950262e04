// How well LanguageGuesser tells English from Spanish on labelled sets
// (`LABEL<TAB>en|es<TAB>MESSAGE`, the risk engine's sets: every message's
// language is labelled by its writer). Prints, per language, how many
// messages were guessed right, guessed as the other language, as another
// language, or left unknown; fails when more than MAX_WRONG percent of
// either language is guessed as the other one or as another language, or
// more than MAX_UNKNOWN percent is left unknown.
//
// usage: language_evaluation MAX_WRONG MAX_UNKNOWN TSV...

#include "core/risk/LanguageGuess.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::cerr << "usage: language_evaluation MAX_WRONG MAX_UNKNOWN TSV...\n";
        return 2;
    }
    const double maxWrong = std::atof(argv[1]);
    const double maxUnknown = std::atof(argv[2]);
    const auto& guesser = warmline::LanguageGuesser::system();
    struct Count
    {
        int total = 0;
        std::map<std::string, int> as;
    };
    std::map<std::string, Count> counts;
    for (int i = 3; i < argc; ++i) {
        std::ifstream in(argv[i]);
        if (!in) {
            std::cerr << argv[i] << ": cannot be read\n";
            return 2;
        }
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') {
                continue;
            }
            const auto tab = line.find('\t');
            const auto tab2 = tab == std::string::npos ? tab : line.find('\t', tab + 1);
            if (tab2 == std::string::npos) {
                continue;
            }
            const std::string language = line.substr(tab + 1, tab2 - tab - 1);
            if (language != "en" && language != "es") {
                continue; // a conversation set's lines: ID, LABEL, LANGUAGE, MESSAGE
            }
            const auto guessed = guesser.guess(std::string_view(line).substr(tab2 + 1));
            auto& c = counts[language];
            ++c.total;
            ++c.as[std::string(warmline::toTag(guessed))];
        }
    }
    bool ok = true;
    for (const auto& [language, c] : counts) {
        const auto share = [&](const std::string& tag) {
            const auto it = c.as.find(tag);
            return 100.0 * (it == c.as.end() ? 0 : it->second) / c.total;
        };
        const std::string other = language == "en" ? "es" : "en";
        const double wrong = share(other) + share("other");
        std::printf("%s: %d messages; right %.1f%%, as %s %.1f%%, as another language %.1f%%, "
                    "unknown %.1f%%\n",
                    language.c_str(), c.total, share(language), other.c_str(), share(other),
                    share("other"), share(""));
        if (wrong > maxWrong || share("") > maxUnknown) {
            ok = false;
        }
    }
    std::printf("%s (wrong at most %.1f%%, unknown at most %.1f%%)\n", ok ? "PASS" : "FAIL",
                maxWrong, maxUnknown);
    return ok ? 0 : 1;
}
