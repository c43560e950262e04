#pragma once

// Internal to core/risk/: the per-thread scratch a message is scored in and
// the scoring stages that live outside RiskEngine.cpp (tokens, phrase
// matching and which hits stay live in RiskMatcher.cpp; frames in
// RiskFrames.cpp). Not part of the folder's interface.

#include "core/risk/RiskRules.h"
#include "core/risk/RiskText.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warmline::risk::detail {

struct Token
{
    std::uint32_t id = risk::kNoId;
    std::uint32_t alt = risk::kNoId; ///< another vocabulary word with the same stem
    std::int64_t number = -1;        ///< its value when the token is a number
    bool dose = false;
    std::uint32_t sentence = 0;
    std::uint32_t clause = 0;
};

struct Hit
{
    std::uint32_t block = 0;
    std::uint32_t start = 0;
    std::uint32_t end = 0; ///< one past the last token
    bool live = true;
    bool negated = false;
    std::uint64_t flags = 0;
};

struct SlotHit
{
    int slot = -1;
    std::uint64_t value = 0;
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    std::uint32_t sentence = 0;
    std::uint32_t clause = 0;
};

struct Emitted
{
    int category = -1;
    std::string_view label;
    RiskLevel level = RiskLevel::None;
    std::uint32_t position = 0;
};

/// Per-thread buffers, so scoring allocates only while they grow.
struct Scratch
{
    std::string buffer;
    std::vector<risk::TextToken> raw;
    std::vector<Token> tokens;
    std::vector<Hit> hits;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> merges; ///< hit, modifier block
    std::vector<Emitted> emitted;
    std::vector<risk::TermOption> present;
    std::vector<SlotHit> slotHits;
    /// A risk phrase was read and set aside as an idiom, a denial, or a
    /// phrase that is a risk only when negated ("I want to live"): the
    /// rules have judged the message's risky words, and the statistical
    /// second opinion defers to them.
    bool defused = false;
};

inline bool overlaps(const Hit& a, const Hit& b)
{
    return a.start < b.end && b.start < a.end;
}

/// Hits come out of the matcher ordered by their first token, and no phrase
/// is longer than maxPhraseTokens: every pass looks only at the hits
/// that start near the one in hand, so a long message costs linear time.
inline std::pair<std::size_t, std::size_t> startingIn(const std::vector<Hit>& hits,
                                                      std::int64_t from, std::int64_t to)
{
    const auto lo = static_cast<std::uint32_t>(std::max<std::int64_t>(from, 0));
    const auto hi = static_cast<std::uint32_t>(std::max<std::int64_t>(to, 0));
    const auto byStart = [](const Hit& h, std::uint32_t v) { return h.start < v; };
    const auto first = std::lower_bound(hits.begin(), hits.end(), lo, byStart);
    const auto last = std::lower_bound(first, hits.end(), hi, byStart);
    return {static_cast<std::size_t>(first - hits.begin()),
            static_cast<std::size_t>(last - hits.begin())};
}

inline bool isScored(BlockKind kind)
{
    return kind == BlockKind::Signal || kind == BlockKind::Modifier || kind == BlockKind::Slot;
}

/// Reads the raw tokens in `s` into s.tokens: vocabulary ids, numbers and
/// doses, with [spelling] expanded.
void buildTokens(const CompiledRules& rules, Scratch& s);
/// Finds every phrase of the rules in s.tokens; s.hits ordered by start.
void matchPhrases(const CompiledRules& rules, Scratch& s);
/// Drops signal and modifier hits inside an idiom or after a negation cue.
void applyIdiomsAndNegation(const CompiledRules& rules, Scratch& s);
/// A hit of a `covers` block hides the shorter hits inside it; a hit also
/// hides a shorter one of its own category inside it that is no more urgent.
void applyCovers(const CompiledRules& rules, Scratch& s);
/// Adds the hits of the [frame] lines whose slots are filled.
void applyFrames(const CompiledRules& rules, Scratch& s);

} // namespace warmline::risk::detail
