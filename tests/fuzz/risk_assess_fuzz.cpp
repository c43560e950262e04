// Fuzz target: the risk engine scoring any bytes as a message, with the rules
// the gateway ships (resources/risk-rules.txt). assess() promises never to
// throw; its answer must be consistent (see RiskChecks.h).

#include "tests/fuzz/RiskChecks.h"

#include "core/risk/RiskEngine.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#ifndef WARMLINE_RISK_RULES_FILE
#error "WARMLINE_RISK_RULES_FILE must name resources/risk-rules.txt"
#endif

namespace {

// Through the public text entry point, as the brief for the engine fixes it;
// WARMLINE_FUZZ_RISK_RULES may name another rules file.
const warmline::RiskEngine& engine()
{
    static const warmline::RiskEngine e = [] {
        const char* overridden = std::getenv("WARMLINE_FUZZ_RISK_RULES");
        const std::string path = overridden != nullptr ? overridden : WARMLINE_RISK_RULES_FILE;
        std::ifstream in(path, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        FUZZ_CHECK(!text.empty());
        return warmline::RiskEngine::fromText(text, path);
    }();
    return e;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view message(reinterpret_cast<const char*>(data), size);
    warmline::fuzz::checkAssessment(engine(), message);
    return 0;
}
