#pragma once

// The crisis risk engine: scores one message (an inbound text, or a note an
// operator types) to a level — none, concern, high, imminent — and names the
// signals that fired in words an operator can read. The words, phrases and
// the rules that combine them are data (resources/risk-rules.txt, format in
// docs/risk-rules.md); this code only matches and combines.
//
// A RiskEngine is immutable once built: assess() is const, allocates only
// local scratch, and may be called from any number of threads at once.
// Copies share the compiled rules.

#include "core/domain/Domain.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// One signal that fired. Categories in use (declared in the rules file, in
/// this order): desire, hopelessness, self_harm, attempt, past_attempt, plan,
/// method, means_access, time_frame, third_party, danger_to_others, abuse;
/// and "wording" when the statistical second opinion raised the level.
struct RiskSignal
{
    std::string category; ///< stable machine word, e.g. "method"
    std::string text;     ///< operator-readable, e.g. "method: pills + quantity"
    bool operator==(const RiskSignal&) const = default;
};

struct RiskAssessment
{
    RiskLevel level = RiskLevel::None;
    /// Ordered by the category's place in the rules file, then by where in
    /// the message it first fired; no duplicates. Empty when level is None.
    std::vector<RiskSignal> riskSignals;
    /// True when the message was longer than the rules' scan limit and only
    /// its beginning was scored.
    bool truncated = false;
};

/// A rules file that cannot be used. what() reads "FILE:LINE: reason"
/// (LINE 0 when the problem is the file as a whole, e.g. unreadable).
class RiskRulesError : public std::runtime_error
{
public:
    RiskRulesError(std::string file, int line, const std::string& reason);
    const std::string& file() const { return m_file; }
    int line() const { return m_line; }

private:
    std::string m_file;
    int m_line = 0;
};

namespace risk {
struct CompiledRules;
}
class RiskModel;

class RiskEngine
{
public:
    /// Reads and compiles a rules file, and the model file it names (`model
    /// FILE`, relative to the rules file). Throws RiskRulesError.
    static RiskEngine fromFile(const std::filesystem::path& rules);
    /// Compiles rules text; `sourceName` names it in errors. Throws RiskRulesError.
    static RiskEngine fromText(std::string_view rules, std::string_view sourceName);

    /// Never throws on any input bytes (invalid UTF-8 is read as separators).
    RiskAssessment assess(std::string_view utf8Message) const;

    /// Scores messages from one person together, oldest first: the level is
    /// the highest of the messages' own and of the [levels] rules applied to
    /// what the messages hold together (a plan in one text and "tonight" in
    /// the next). Signals are those of every message, each once. Which
    /// messages make a conversation is the caller's choice (the gateway: a
    /// contact's recent inbound texts, docs/risk-rules.md).
    RiskAssessment assessConversation(const std::vector<std::string_view>& messages) const;

    /// The rules file's declared version.
    const std::string& version() const;
    /// The second opinion's version, empty when the rules name no model.
    std::string modelVersion() const;
    /// The same rules without the statistical second opinion (for comparing).
    RiskEngine withoutModel() const;
    /// Messages longer than this many bytes are scored on their first bytes only.
    std::size_t scanLimitBytes() const;

    /// What the statistical second opinion reads from these rules' reading
    /// of a message (RiskModel::usesAnalysis): feature buckets of the words
    /// the rules' vocabulary recognised (through spellings, stems and near
    /// spellings), the phrases and frame slots found and pairs of slots in
    /// one clause, and the rules' own level; each bucket once, in no
    /// particular order. For training the model.
    void modelAnalysis(std::string_view utf8Message, std::vector<std::uint32_t>& out) const;

private:
    RiskEngine(std::shared_ptr<const risk::CompiledRules> rules,
               std::shared_ptr<const RiskModel> model);
    std::shared_ptr<const risk::CompiledRules> m_rules;
    std::shared_ptr<const RiskModel> m_model; ///< may be null
};

/// {"level":"high","signals":[{"category":"desire","text":"desire: wish to die"}]}
/// plus "truncated":true when only the start of the message was scored.
std::string riskAssessmentJson(const RiskAssessment&);

} // namespace warmline
