#pragma once

// Properties every risk assessment has, whatever the rules and the message
// (core/risk/RiskEngine.h): shared by the two risk fuzz targets.

#include "tests/fuzz/FuzzCheck.h"

#include "core/risk/RiskEngine.h"

#include <boost/json/parse.hpp>

#include <cstddef>
#include <string_view>

namespace warmline::fuzz {

inline void checkAssessment(const RiskEngine& engine, std::string_view message)
{
    const RiskAssessment a = engine.assess(message);
    FUZZ_CHECK((a.level == RiskLevel::None) == a.riskSignals.empty());
    if (a.truncated) {
        FUZZ_CHECK(message.size() > engine.scanLimitBytes());
    }
    for (std::size_t i = 0; i < a.riskSignals.size(); ++i) {
        FUZZ_CHECK(!a.riskSignals[i].category.empty());
        FUZZ_CHECK(!a.riskSignals[i].text.empty());
        for (std::size_t j = i + 1; j < a.riskSignals.size(); ++j) {
            FUZZ_CHECK(!(a.riskSignals[i] == a.riskSignals[j]));
        }
    }
    // What the gateway stores and sends must be JSON.
    boost::json::error_code ec;
    boost::json::parse(riskAssessmentJson(a), ec);
    FUZZ_CHECK(!ec);
    // Scoring is a pure function of the message.
    const RiskAssessment b = engine.assess(message);
    FUZZ_CHECK(a.level == b.level && a.riskSignals == b.riskSignals);
}

} // namespace warmline::fuzz
