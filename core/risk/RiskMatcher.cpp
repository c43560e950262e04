// Scoring, first stages: a message's tokens read against the vocabulary,
// the phrase trie walked over them, and the passes that decide which hits
// stay live (idioms, negation, covers). RiskEngine.cpp runs them.

#include "core/risk/RiskEngineDetail.h"

#include <algorithm>

namespace warmline::risk::detail {

namespace {

bool allDigits(std::string_view s)
{
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t parseNumber(std::string_view digits)
{
    std::int64_t v = 0;
    for (const char c : digits) {
        v = std::min<std::int64_t>(v * 10 + (c - '0'), 1'000'000'000);
    }
    return v;
}

bool isDoseWord(const CompiledRules& rules, std::string_view s)
{
    std::size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') {
        ++digits;
    }
    if (digits == 0 || digits == s.size()) {
        return false;
    }
    const auto suffix = s.substr(digits);
    return std::find(rules.unitSuffixes.begin(), rules.unitSuffixes.end(), suffix) !=
           rules.unitSuffixes.end();
}

} // namespace

void buildTokens(const CompiledRules& rules, Scratch& s)
{
    s.tokens.clear();
    std::uint32_t clauseBumps = 0;
    for (const auto& t : s.raw) {
        const auto text = risk::tokenText(s.buffer, t);
        if (const auto sp = rules.spelling.find(text); sp != rules.spelling.end()) {
            // "rn" reads as "right now", "💊" as "pills".
            for (const auto id : sp->second) {
                Token token;
                token.id = id;
                token.sentence = t.sentence;
                token.clause = t.clause + clauseBumps;
                token.number = rules.words[id].number;
                s.tokens.push_back(token);
            }
            continue;
        }
        Token token;
        token.id = rules.wordId(text);
        if (token.id == risk::kNoId && text.rfind("emoji", 0) == 0) {
            continue; // a pictograph the rules give no meaning
        }
        if (rules.lexicon.enabled() && !allDigits(text)) {
            if (token.id == risk::kNoId) {
                token.id = rules.lexicon.resolve(text);
            } else {
                token.alt = rules.alternatives[token.id];
            }
        }
        token.sentence = t.sentence;
        if (token.id != risk::kNoId) {
            const auto& info = rules.words[token.id];
            // Digits a phrase spells out ("in 10 minutes") are still numbers.
            token.number = info.number >= 0  ? info.number
                           : allDigits(text) ? parseNumber(text)
                                             : -1;
            if (info.unit && !s.tokens.empty() && s.tokens.back().number >= 0 &&
                s.tokens.back().clause == t.clause + clauseBumps) {
                // "800 mg" reads as one dose, like "800mg".
                s.tokens.back().dose = true;
                s.tokens.back().number = -1;
                continue;
            }
            if (info.clauseBreak) {
                ++clauseBumps;
            }
        } else if (allDigits(text)) {
            token.number = parseNumber(text);
        } else {
            token.dose = isDoseWord(rules, text);
        }
        token.clause = t.clause + clauseBumps;
        s.tokens.push_back(token);
    }
}

namespace {

class Matcher
{
public:
    Matcher(const CompiledRules& rules, Scratch& s) : m_rules(rules), m_s(s) {}

    void run()
    {
        m_s.hits.clear();
        const auto n = static_cast<std::uint32_t>(m_s.tokens.size());
        for (std::uint32_t i = 0; i < n; ++i) {
            walk(0, i, i);
        }
    }

private:
    void walk(std::uint32_t node, std::uint32_t start, std::uint32_t pos)
    {
        if (pos >= m_s.tokens.size() || pos - start >= m_rules.maxPhraseTokens) {
            return;
        }
        const auto& t = m_s.tokens[pos];
        std::uint32_t candidates[5];
        int count = 0;
        if (t.id != risk::kNoId && (node != 0 || m_rules.startsPhrase[t.id])) {
            candidates[count++] = t.id;
        }
        if (t.alt != risk::kNoId && (node != 0 || m_rules.startsPhrase[t.alt])) {
            candidates[count++] = t.alt;
        }
        if (t.number >= 0) {
            candidates[count++] = risk::kAnyNumber;
            if (t.number >= m_rules.many) {
                candidates[count++] = risk::kManyNumber;
            }
        }
        if (t.dose) {
            candidates[count++] = risk::kDose;
        }
        for (int c = 0; c < count; ++c) {
            const auto it = m_rules.edges.find((std::uint64_t{node} << 32) | candidates[c]);
            if (it == m_rules.edges.end()) {
                continue;
            }
            const auto child = it->second;
            for (const auto block : m_rules.terminals[child]) {
                m_s.hits.push_back(
                    Hit{block, start, pos + 1, true, false, m_rules.blocks[block].flags});
            }
            walk(child, start, pos + 1);
        }
    }

    const CompiledRules& m_rules;
    Scratch& m_s;
};

bool insideIdiom(const CompiledRules& rules, const Scratch& s, const Hit& h)
{
    const auto longest = static_cast<std::int64_t>(rules.maxPhraseTokens);
    const auto [first, last] = startingIn(s.hits, std::int64_t{h.start} - longest, h.end);
    for (std::size_t i = first; i < last; ++i) {
        const auto& o = s.hits[i];
        if (rules.blocks[o.block].kind == BlockKind::Idiom && overlaps(h, o) &&
            !(h.start <= o.start && h.end >= o.end && h.end - h.start > o.end - o.start)) {
            return true;
        }
    }
    return false;
}

/// True when a negation cue, or a look-alike such as "not sure", ends within
/// its window before `h` in the same clause.
bool cuedBefore(const CompiledRules& rules, const Scratch& s, const Hit& h)
{
    const auto longest = static_cast<std::int64_t>(rules.maxPhraseTokens);
    const auto [first, last] = startingIn(s.hits, std::int64_t{h.start} - longest - 10, h.start);
    for (std::size_t i = first; i < last; ++i) {
        const auto& cue = s.hits[i];
        const auto& cb = rules.blocks[cue.block];
        const int window = cb.kind == BlockKind::Negation         ? cb.window
                           : cb.kind == BlockKind::PseudoNegation ? rules.negationWindow
                                                                  : -1;
        if (window >= 0 && cue.end <= h.start &&
            h.start - cue.end <= static_cast<std::uint32_t>(window) &&
            s.tokens[cue.end - 1].clause == s.tokens[h.start].clause) {
            return true;
        }
    }
    return false;
}

} // namespace

void matchPhrases(const CompiledRules& rules, Scratch& s)
{
    Matcher(rules, s).run();
}

/// Drops signal and modifier hits inside an idiom or after a negation cue.
void applyIdiomsAndNegation(const CompiledRules& rules, Scratch& s)
{
    auto& hits = s.hits;
    const auto kindOf = [&](const Hit& h) { return rules.blocks[h.block].kind; };
    const auto longest = static_cast<std::int64_t>(rules.maxPhraseTokens);
    int widestNegation = 0;
    for (const auto& b : rules.blocks) {
        if (b.kind == BlockKind::Negation) {
            widestNegation = std::max(widestNegation, b.window);
        }
    }
    // A joke marker or an everyday context ("jk", "es broma", "in elden
    // ring") cancels every risk phrase of its sentence, before or after it.
    std::vector<std::uint32_t> retracted;
    for (const auto& h : hits) {
        if (kindOf(h) == BlockKind::Retraction && !cuedBefore(rules, s, h)) {
            retracted.push_back(s.tokens[h.start].sentence);
        }
    }
    for (auto& h : hits) {
        if (!isScored(kindOf(h))) {
            continue;
        }
        const auto& block = rules.blocks[h.block];
        if (std::find(retracted.begin(), retracted.end(), s.tokens[h.start].sentence) !=
            retracted.end()) {
            h.live = false;
            h.negated = true;
            s.defused = true;
            continue;
        }
        if (block.whenNegated) {
            // "I don't think I want to live": the phrase is a risk only
            // after a cue, and here look-alikes ("not sure") count as cues.
            h.live = cuedBefore(rules, s, h) && !insideIdiom(rules, s, h);
            s.defused = s.defused || !h.live;
            continue;
        }
        const auto [first, last] =
            startingIn(hits, std::int64_t{h.start} - longest - widestNegation, h.end);
        for (std::size_t i = first; i < last && h.live; ++i) {
            const auto& other = hits[i];
            const auto otherKind = kindOf(other);
            if (otherKind == BlockKind::Idiom && overlaps(h, other)) {
                // A longer phrase that holds the whole idiom is the more
                // specific reading ("cut myself on purpose" vs "cut myself on").
                const bool holdsIdiom = h.start <= other.start && h.end >= other.end &&
                                        h.end - h.start > other.end - other.start;
                if (!holdsIdiom) {
                    h.live = false;
                    s.defused = true;
                }
            } else if (otherKind == BlockKind::Negation && block.negatable &&
                       other.end <= h.start &&
                       h.start - other.end <=
                           static_cast<std::uint32_t>(rules.blocks[other.block].window) &&
                       s.tokens[other.end - 1].clause == s.tokens[h.start].clause) {
                const auto [pf, pl] =
                    startingIn(hits, std::int64_t{other.start} - longest, other.end);
                bool pseudo = false;
                for (std::size_t k = pf; k < pl && !pseudo; ++k) {
                    pseudo =
                        kindOf(hits[k]) == BlockKind::PseudoNegation && overlaps(hits[k], other);
                }
                if (!pseudo) {
                    h.live = false;
                    h.negated = true;
                    s.defused = true;
                }
            }
        }
    }
    // What a negated phrase holds is negated with it: "no me quiero morir"
    // also cancels the "quiero morir" inside it.
    for (const auto& outer : hits) {
        if (!outer.negated) {
            continue;
        }
        const auto [first, last] = startingIn(hits, outer.start, outer.end);
        for (std::size_t i = first; i < last; ++i) {
            auto& inner = hits[i];
            if (inner.live && inner.end <= outer.end && isScored(kindOf(inner)) &&
                rules.blocks[inner.block].negatable) {
                inner.live = false;
            }
        }
    }
}

/// A hit of a `covers` block hides the shorter hits inside it ("tried to
/// kill myself" is a past attempt, not a present wish); a hit also hides a
/// shorter one of its own category inside it that is no more urgent.
void applyCovers(const CompiledRules& rules, Scratch& s)
{
    for (const auto& outer : s.hits) {
        const auto& ob = rules.blocks[outer.block];
        if (!outer.live || ob.kind != BlockKind::Signal) {
            continue;
        }
        const auto [first, last] = startingIn(s.hits, outer.start, outer.end);
        for (std::size_t i = first; i < last; ++i) {
            auto& inner = s.hits[i];
            const auto& ib = rules.blocks[inner.block];
            if (&inner == &outer || !inner.live || !isScored(ib.kind) || inner.end > outer.end ||
                inner.end - inner.start >= outer.end - outer.start) {
                continue;
            }
            if (ob.covers || (ib.kind == BlockKind::Signal && ib.category == ob.category &&
                              ib.level <= ob.level)) {
                inner.live = false;
            }
        }
    }
}

} // namespace warmline::risk::detail
