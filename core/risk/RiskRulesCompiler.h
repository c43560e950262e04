#pragma once

// Internal to core/risk/: the compiler of the rules file (the text format in
// docs/risk-rules.md) into CompiledRules. Its members are defined by the
// part of the format they read: RiskRules.cpp the file as a whole, its
// directives and the terms resolved at the end; RiskRulesBlocks.cpp the
// block headers and the lines of [levels] and [frame]; RiskRulesWords.cpp
// the vocabulary, [numbers], [spelling] and the phrases with their trie.
// Not part of the folder's interface.

#include "core/risk/RiskEngine.h"
#include "core/risk/RiskRules.h"
#include "core/risk/RiskText.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::risk::detail {

/// The words of a line, split at spaces and tabs.
std::vector<std::string_view> splitWords(std::string_view s);
/// a-z, 0-9 and _, 1 to 32 characters.
bool isName(std::string_view s);
/// A whole decimal number and nothing else.
std::optional<std::int64_t> parseInt(std::string_view s);

/// One use: RiskRulesCompiler(sourceName).run(text). Throws RiskRulesError.
class RiskRulesCompiler
{
public:
    explicit RiskRulesCompiler(std::string_view source) { m_rules.source = std::string(source); }

    CompiledRules run(std::string_view text);

private:
    enum class Section
    {
        None,
        Phrases, ///< signal, modifier, idiom, negation, pseudo_negation
        ClauseBreak,
        Numbers,
        Units,
        Levels,
        Spelling,
        Frames
    };

    struct PendingTerm
    {
        std::string text;
        int line = 0;
        std::size_t blockIndex = SIZE_MAX; ///< for modifier targets
        std::size_t ruleIndex = SIZE_MAX;  ///< for level rules
        std::size_t termIndex = 0;
    };

    [[noreturn]] void fail(int line, const std::string& reason) const
    {
        throw RiskRulesError(m_rules.source, line, reason);
    }
    [[noreturn]] void fail(const std::string& reason) const { fail(m_line, reason); }

    // RiskRules.cpp
    void handleLine(std::string_view raw);
    void requireHeader() const;
    void directive(std::string_view line);
    int categoryIndex(std::string_view name) const;
    int requireCategory(std::string_view name) const;
    RiskLevel requireLevel(std::string_view word) const;
    std::uint64_t flagBit(std::string_view name);
    void buildLexicon();
    void resolvePending();

    // RiskRulesBlocks.cpp
    void blockHeader(std::string_view line);
    void modifierHeader(const std::vector<std::string_view>& words, std::string_view label,
                        Block& block);
    void slotHeader(const std::vector<std::string_view>& words, Block& block);
    void frameHeader(const std::vector<std::string_view>& words, std::string_view label,
                     Block& block);
    /// `stance:intent|decision + act:die + time` — every term a slot that
    /// must be filled (with one of the values, or any), or `!slot[:values]`
    /// that must not be.
    void frameLine(std::string_view line);
    void levelLine(std::string_view line);

    // RiskRulesWords.cpp
    /// `FROM TO...`: a word as people text it, and the words it stands for.
    void spellingLine(std::string_view line);
    std::string normalisedWord(std::string_view text);
    std::uint32_t intern(const std::string& word);
    std::uint32_t singleWord(std::string_view line) { return intern(normalisedWord(line)); }
    void numberLine(std::string_view line);
    /// One word of a phrase: a placeholder, or words; `a|b_c` offers "a" or "b c".
    std::vector<std::vector<std::uint32_t>> pieceOptions(std::string_view piece);
    void addPhrase(std::string_view line, std::size_t blockIndex);
    void insertPhrase(const std::vector<std::uint32_t>& ids, std::size_t blockIndex,
                      bool fromAlternatives);

    CompiledRules m_rules;
    int m_line = 0;
    bool m_sawFormat = false;
    bool m_inBlocks = false;
    Section m_section = Section::None;
    std::map<std::string, std::uint64_t> m_flags;
    struct Seen
    {
        int line = 0;
        bool fromAlternatives = false;
    };
    std::map<std::string, Seen> m_seen;
    std::vector<PendingTerm> m_pending;
    Lexicon::Options m_lexicon;
    std::vector<std::filesystem::path> m_knownFiles;
    int m_frameWithin = 12;
    bool m_frameClause = false;
    bool m_frameMessage = false;
    bool m_spelled = false;
    std::string m_buffer;
    std::vector<TextToken> m_tokens;
};

} // namespace warmline::risk::detail
