// warmlinectl triage: the risk engine offline, on messages read from
// standard input. Needs no gateway and no session.

#include "core/risk/RiskEngine.h"
#include "telephony/cmd/ctl/Ctl.h"

#include <cstdio>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#ifndef WARMLINE_RESOURCES_DIR
#define WARMLINE_RESOURCES_DIR ""
#endif
#ifndef WARMLINE_INSTALLED_RESOURCES_DIR
#define WARMLINE_INSTALLED_RESOURCES_DIR ""
#endif

namespace warmline::ctl {

namespace {

/// The installed rules, else those of the source tree this was built from.
fs::path defaultRiskRulesPath()
{
    const fs::path installed = fs::path(WARMLINE_INSTALLED_RESOURCES_DIR) / "risk-rules.txt";
    std::error_code ec;
    if (!std::string_view(WARMLINE_INSTALLED_RESOURCES_DIR).empty() &&
        fs::is_regular_file(installed, ec)) {
        return installed;
    }
    return fs::path(WARMLINE_RESOURCES_DIR) / "risk-rules.txt";
}

/// Reads one line of at most `limit` bytes into `line` (the rest of a longer
/// line is read and dropped); false at the end of input.
bool readBoundedLine(std::FILE* in, std::string& line, std::size_t limit, bool& cut)
{
    line.clear();
    cut = false;
    int c = 0;
    bool any = false;
    while ((c = std::getc(in)) != EOF) {
        any = true;
        if (c == '\n') {
            break;
        }
        if (line.size() < limit) {
            line.push_back(static_cast<char>(c));
        } else {
            cut = true;
        }
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return any;
}

} // namespace

// Needs no gateway and no session: one JSON object per input line, in order.
int cmdTriage(const Args& a)
{
    const fs::path rules =
        a.value("--rules") ? fs::path(*a.value("--rules")) : defaultRiskRulesPath();
    std::optional<warmline::RiskEngine> engine;
    try {
        engine.emplace(warmline::RiskEngine::fromFile(rules));
    } catch (const warmline::RiskRulesError& e) {
        throw Failure{kGatewayError, std::string("bad risk rules: ") + e.what()};
    }
    // Lines past the engine's scan limit are scored on their start anyway;
    // reading a little more keeps "truncated" honest without holding a huge line.
    const std::size_t limit = engine->scanLimitBytes() + 1;
    std::string line;
    bool cut = false;
    if (a.flag("--conversation")) {
        // The lines are one person's messages, oldest first: one answer for
        // them all. Bounded like the gateway's window.
        constexpr std::size_t kMaxMessages = 1000;
        std::vector<std::string> messages;
        while (readBoundedLine(stdin, line, limit, cut)) {
            if (messages.size() == kMaxMessages) {
                throw Failure{kUsage, "--conversation: more than 1000 messages"};
            }
            messages.push_back(line);
        }
        const auto result = engine->assessConversation(
            std::vector<std::string_view>(messages.begin(), messages.end()));
        std::cout << warmline::riskAssessmentJson(result) << std::endl;
        return std::cout.fail() ? kGatewayError : kOk;
    }
    while (readBoundedLine(stdin, line, limit, cut)) {
        std::cout << warmline::riskAssessmentJson(engine->assess(line)) << '\n';
        if (std::cout.fail()) {
            return kGatewayError;
        }
    }
    std::cout.flush();
    return kOk;
}

void addTriageCommands(CommandTable& table)
{
    const Command entries[] = {
        {"triage",
         "[--rules FILE] [--conversation]",
         "Scores messages with the risk engine, offline (no gateway, no login): reads UTF-8\n"
         "messages from standard input, one per line, and prints one JSON object per line,\n"
         "in order: {\"level\":\"none|concern|high|imminent\",\"signals\":[{\"category\":…,\n"
         "\"text\":…}]}, with \"truncated\":true when only the start of a long line was\n"
         "scored. An empty line scores none.\n"
         "  --rules FILE  the rules file (default: the installed risk-rules.txt); a bad file\n"
         "                is reported as FILE:LINE: reason, with exit code 1\n"
         "  --conversation the lines are one person's messages, oldest first: print one\n"
         "                JSON object for them scored together (a plan in one message\n"
         "                and a time in the next)\n",
         {"--conversation"},
         {"--rules"},
         0,
         0,
         [](Context&, const Args& a) { return cmdTriage(a); }},
    };
    table.insert(table.end(), std::begin(entries), std::end(entries));
}

} // namespace warmline::ctl
