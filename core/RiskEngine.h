#pragma once
// Provisional declaration; replaced by the engine's own header at merge.
#include "core/Domain.h"
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>
namespace warmline {
struct RiskSignal
{
    std::string category;
    std::string text;
};
struct RiskAssessment
{
    RiskLevel level = RiskLevel::None;
    std::vector<RiskSignal> signals;
};
class RiskEngine
{
public:
    static RiskEngine fromFile(const std::filesystem::path& rules);
    static RiskEngine fromText(std::string_view rules, std::string_view sourceName);
    RiskAssessment assess(std::string_view utf8Message) const;
    const std::string& version() const;
};
std::string riskAssessmentJson(const RiskAssessment&);
} // namespace warmline
