#pragma once

// The risk engine's rules, compiled: the vocabulary, a phrase trie over
// token ids, the blocks the phrases belong to and the level rules that
// combine categories. Built once by compileRiskRules() from the text format
// in docs/risk-rules.md; read-only afterwards, so shared between threads.

#include "core/domain/Domain.h"
#include "core/risk/RiskLexicon.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace warmline::risk {

/// Token ids 0..2 stand for the placeholders a phrase may use.
inline constexpr std::uint32_t kAnyNumber = 0;  ///< {num}
inline constexpr std::uint32_t kManyNumber = 1; ///< {many}: a number >= CompiledRules::many
inline constexpr std::uint32_t kDose = 2;       ///< {dose}: "800mg", "800 mg"
inline constexpr std::uint32_t kFirstWordId = 3;
inline constexpr std::uint32_t kNoId = UINT32_MAX;

enum class BlockKind
{
    Signal,
    Modifier,
    Idiom,
    Negation,
    PseudoNegation,
    Retraction, ///< a joke marker or an everyday context that cancels its sentence
    Laughter,   ///< laughter that caps a bare wish or threat beside it at concern
    Slot        ///< fills one slot of a frame with a value ("stance: intent")
};

/// A category with, optionally, flags that one hit must all carry.
struct TermOption
{
    int category = -1;
    std::uint64_t flags = 0;
};

/// Satisfied by any hit matching one of its options.
struct Term
{
    std::vector<TermOption> options;
};

struct Block
{
    BlockKind kind = BlockKind::Signal;
    int line = 0;
    std::string label;
    int category = -1; ///< Signal; Modifier in emit mode
    RiskLevel level = RiskLevel::None;
    std::uint64_t flags = 0; ///< Signal: its flags
    bool negatable = true;
    bool covers = false;      ///< Signal: its hits hide shorter hits inside them
    bool whenNegated = false; ///< Signal: fires only after a negation cue
    // Modifier
    bool merge = false;             ///< append " + label" to the target's text
    bool labelFromTarget = false;   ///< emit mode, label "*": use the target's label
    std::uint64_t modifierFlag = 0; ///< added to the target's flags
    Term targets;
    int window = 0;              ///< Modifier: tokens to the target; Negation: tokens to the phrase
    int slot = -1;               ///< Slot: which slot
    std::uint64_t slotValue = 0; ///< Slot: its value, one bit of that slot's values
    std::uint64_t softens = 0;   ///< Laughter: the categories (bits) it may cap
};

/// One term of a frame line: a slot filled with one of `values` (0: any
/// value), or with `absent`, a slot that must not be filled there.
struct FrameTerm
{
    int slot = -1;
    std::uint64_t values = 0;
    bool absent = false;
};

/// A line of a [frame] block: when every term is found in one sentence (or
/// clause), the slot hits spanning at most `within` tokens, the block's
/// signal fires over that span.
struct FrameRule
{
    std::uint32_t block = 0; ///< a Signal block: category, level, flags, label
    std::vector<FrameTerm> terms;
    int within = 12;
    bool clauseScope = false;
    bool messageScope = false; ///< slots may sit in different sentences
    int line = 0;
};

struct Slot
{
    std::string name;
    std::vector<std::string> values; ///< at most 64
};

struct LevelRule
{
    RiskLevel level = RiskLevel::None;
    std::vector<Term> terms;
    int line = 0;
};

struct Category
{
    std::string name;
    std::string display;
};

/// What the vocabulary knows about a word beyond its id.
struct WordInfo
{
    std::int64_t number = -1; ///< a number word's value
    bool unit = false;        ///< a dose unit ("mg")
    bool clauseBreak = false; ///< "but", "pero": ends a clause
};

struct CompiledRules
{
    std::string source;
    std::string version;
    int negationWindow = 3;
    std::int64_t many = 10;
    std::size_t scanLimit = 32 * 1024;
    /// `model FILE`: the statistical second opinion, read by RiskEngine.
    std::filesystem::path modelFile;
    /// The model may raise only a message of at least this many words and
    /// pictographs: a word or two ("bye", "please", "idk") is too little to
    /// read wording in.
    int modelMinWords = 1;

    std::vector<Category> categories;
    std::vector<Block> blocks;
    std::vector<LevelRule> levelRules;
    std::vector<Slot> slots;
    std::vector<FrameRule> frames;

    /// Word → id (ids from kFirstWordId), and its info by id.
    std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>> vocabulary;
    std::vector<WordInfo> words;
    std::vector<std::string> unitSuffixes; ///< for "800mg" written as one token

    /// Trie: node 0 is the root; edges keyed by (node << 32 | token id).
    std::unordered_map<std::uint64_t, std::uint32_t> edges;
    std::vector<std::vector<std::uint32_t>> terminals; ///< per node: block indexes
    std::vector<bool> startsPhrase;                    ///< per token id
    std::size_t maxPhraseTokens = 0;

    /// [spelling]: a word as people text it → the words it stands for
    /// ("u" → "you", "2nite" → "tonight", "emoji1f48a" → "pills").
    std::unordered_map<std::string, std::vector<std::uint32_t>, WordHash, std::equal_to<>> spelling;

    Lexicon lexicon; ///< stems and near spellings of the vocabulary
    /// Per word id: another vocabulary word it also reads as (Lexicon::
    /// alternative), worked out once here rather than per message.
    std::vector<std::uint32_t> alternatives;

    std::uint32_t wordId(std::string_view word) const;
};

/// Throws RiskRulesError naming `sourceName` and the line.
CompiledRules compileRiskRules(std::string_view text, std::string_view sourceName);

/// A rules or model file's whole text; throws RiskRulesError "FILE:0: cannot
/// be read".
std::string readRiskFile(const std::filesystem::path& file);

} // namespace warmline::risk
