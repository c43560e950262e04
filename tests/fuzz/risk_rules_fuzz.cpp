// Fuzz target: the risk rules file parser and compiler (RiskEngine::fromText).
// Any bytes either compile or are refused with RiskRulesError naming the
// source and a line; an engine that compiles must then score messages
// consistently (see RiskChecks.h).

#include "tests/fuzz/RiskChecks.h"

#include "core/risk/RiskEngine.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto engine = warmline::RiskEngine::fromText(text, "fuzz-rules.txt");
        static constexpr std::array<std::string_view, 6> kMessages = {
            "i want to die tonight, i have 40 pills of 800mg saved",
            "I don't want to kill myself. But I can't sleep.",
            "no quiero vivir mas, mañana me tiro del puente",
            "my friend said she took the whole bottle!!! help",
            "ok",
            "",
        };
        for (const auto message : kMessages) {
            warmline::fuzz::checkAssessment(engine, message);
        }
        // Text of the rules themselves: every phrase they hold as a message.
        warmline::fuzz::checkAssessment(engine, text);
    } catch (const warmline::RiskRulesError& e) {
        const std::string what = e.what();
        FUZZ_CHECK(what.rfind("fuzz-rules.txt:", 0) == 0);
        FUZZ_CHECK(e.file() == "fuzz-rules.txt");
        FUZZ_CHECK(e.line() >= 0);
    }
    return 0;
}
