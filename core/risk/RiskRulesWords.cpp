// The rules file's words: the vocabulary, [numbers] and [spelling] lines,
// and phrases expanded from their alternatives into the trie. Part of
// RiskRulesCompiler (RiskRulesCompiler.h).

#include "core/risk/RiskRulesCompiler.h"

#include <fmt/format.h>

#include <algorithm>

namespace warmline::risk::detail {

namespace {

constexpr std::size_t kMaxPhraseTokens = 8;
constexpr std::size_t kMaxExpansions = 2048;

} // namespace

void RiskRulesCompiler::spellingLine(std::string_view line)
{
    const auto words = splitWords(line);
    if (words.size() < 2) {
        fail("a [spelling] line is `WORD WORDS...`, e.g. `2nite tonight` or `rn right now`");
    }
    const auto from = normalisedWord(words[0]);
    std::vector<std::uint32_t> to;
    for (std::size_t i = 1; i < words.size(); ++i) {
        tokenize(words[i], m_buffer, m_tokens);
        for (const auto& t : m_tokens) {
            to.push_back(intern(std::string(tokenText(m_buffer, t))));
        }
    }
    if (to.empty()) {
        fail("a [spelling] line needs the words it stands for");
    }
    if (!m_rules.spelling.emplace(from, std::move(to)).second) {
        fail(fmt::format("`{}` is spelled out twice", from));
    }
}

std::string RiskRulesCompiler::normalisedWord(std::string_view text)
{
    tokenize(text, m_buffer, m_tokens);
    if (m_tokens.size() != 1) {
        fail(fmt::format("`{}` must be one word", text));
    }
    return std::string(tokenText(m_buffer, m_tokens[0]));
}

std::uint32_t RiskRulesCompiler::intern(const std::string& word)
{
    const auto it = m_rules.vocabulary.find(word);
    if (it != m_rules.vocabulary.end()) {
        return it->second;
    }
    const auto id = static_cast<std::uint32_t>(m_rules.words.size());
    m_rules.vocabulary.emplace(word, id);
    m_rules.words.emplace_back();
    m_rules.startsPhrase.push_back(false);
    return id;
}

void RiskRulesCompiler::numberLine(std::string_view line)
{
    const auto words = splitWords(line);
    const auto value = words.size() == 2 ? parseInt(words[1]) : std::nullopt;
    if (!value || *value < 0 || *value > 1'000'000) {
        fail("a [numbers] line is `WORD VALUE`, VALUE from 0 to 1000000");
    }
    m_rules.words[singleWord(words[0])].number = *value;
}

std::vector<std::vector<std::uint32_t>> RiskRulesCompiler::pieceOptions(std::string_view piece)
{
    std::vector<std::vector<std::uint32_t>> options;
    std::size_t pos = 0;
    while (pos <= piece.size()) {
        auto bar = piece.find('|', pos);
        if (bar == std::string_view::npos) {
            bar = piece.size();
        }
        const auto option = piece.substr(pos, bar - pos);
        pos = bar + 1;
        if (option.empty()) {
            fail(fmt::format("`{}`: an empty alternative", piece));
        }
        if (option.front() == '{') {
            if (option == "{num}") {
                options.push_back({kAnyNumber});
            } else if (option == "{many}") {
                options.push_back({kManyNumber});
            } else if (option == "{dose}") {
                options.push_back({kDose});
            } else {
                fail(fmt::format("unknown placeholder `{}` ({{num}}, {{many}} or {{dose}})",
                                 option));
            }
            continue;
        }
        if (option.find_first_of(".,;:!?()\"[]{}") != std::string_view::npos) {
            fail(fmt::format("`{}`: punctuation in a phrase (it would never match across "
                             "a sentence or clause break); use words only",
                             option));
        }
        tokenize(option, m_buffer, m_tokens);
        std::vector<std::uint32_t> ids;
        for (const auto& t : m_tokens) {
            const auto word = tokenText(m_buffer, t);
            if (const auto sp = m_rules.spelling.find(word); sp != m_rules.spelling.end()) {
                // Phrases read through [spelling] as messages do ("wanna" → "want to").
                m_spelled = true;
                ids.insert(ids.end(), sp->second.begin(), sp->second.end());
            } else {
                ids.push_back(intern(std::string(word)));
            }
        }
        options.push_back(std::move(ids)); // may be empty: "a|-" makes a word optional
    }
    return options;
}

void RiskRulesCompiler::addPhrase(std::string_view line, std::size_t blockIndex)
{
    const bool alternatives = line.find('|') != std::string_view::npos;
    m_spelled = false;
    std::vector<std::vector<std::uint32_t>> phrases{{}};
    for (const auto piece : splitWords(line)) {
        const auto options = pieceOptions(piece);
        std::vector<std::vector<std::uint32_t>> next;
        for (const auto& prefix : phrases) {
            for (const auto& option : options) {
                auto p = prefix;
                p.insert(p.end(), option.begin(), option.end());
                next.push_back(std::move(p));
            }
        }
        phrases = std::move(next);
        if (phrases.size() > kMaxExpansions) {
            fail(fmt::format("the alternatives make more than {} phrases", kMaxExpansions));
        }
    }
    for (const auto& ids : phrases) {
        if (ids.empty()) {
            fail("the phrase has no words once normalised");
        }
        if (ids.size() > kMaxPhraseTokens) {
            fail(fmt::format("a phrase has at most {} words", kMaxPhraseTokens));
        }
        // Two lines that differ only in a spelling [spelling] reads alike
        // ("wanna die", "want to die") are one phrase, not a slip.
        insertPhrase(ids, blockIndex, alternatives || m_spelled);
    }
}

void RiskRulesCompiler::insertPhrase(const std::vector<std::uint32_t>& ids, std::size_t blockIndex,
                                     bool fromAlternatives)
{
    const auto& block = m_rules.blocks[blockIndex];
    std::string key = fmt::format("{}/{}/{}/{}:", static_cast<int>(block.kind), block.category,
                                  block.kind == BlockKind::Modifier ? block.modifierFlag : 0,
                                  block.kind == BlockKind::Slot ? blockIndex : 0);
    for (const auto id : ids) {
        key += fmt::format(" {}", id);
    }
    if (const auto [it, added] = m_seen.emplace(key, Seen{m_line, fromAlternatives}); !added) {
        // A plain phrase listed twice is a slip worth naming; alternatives
        // may overlap other lines, and the first listing wins.
        if (!fromAlternatives && !it->second.fromAlternatives) {
            fail(fmt::format("this phrase is already listed at line {} (same kind and category)",
                             it->second.line));
        }
        return;
    }
    std::uint32_t node = 0;
    for (const auto id : ids) {
        const auto edgeKey = (std::uint64_t{node} << 32) | id;
        const auto it = m_rules.edges.find(edgeKey);
        if (it != m_rules.edges.end()) {
            node = it->second;
        } else {
            const auto child = static_cast<std::uint32_t>(m_rules.terminals.size());
            m_rules.terminals.emplace_back();
            m_rules.edges.emplace(edgeKey, child);
            node = child;
        }
    }
    m_rules.terminals[node].push_back(static_cast<std::uint32_t>(blockIndex));
    m_rules.startsPhrase[ids.front()] = true;
    m_rules.maxPhraseTokens = std::max(m_rules.maxPhraseTokens, ids.size());
}

} // namespace warmline::risk::detail
