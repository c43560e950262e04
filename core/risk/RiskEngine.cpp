#include "core/risk/RiskEngine.h"

#include "core/risk/RiskRules.h"
#include "core/risk/RiskText.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

namespace json = boost::json;

namespace warmline {

RiskRulesError::RiskRulesError(std::string file, int line, const std::string& reason)
    : std::runtime_error(fmt::format("{}:{}: {}", file, line, reason)), m_file(std::move(file)),
      m_line(line)
{
}

namespace {

using risk::Block;
using risk::BlockKind;
using risk::CompiledRules;

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
};

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

bool overlaps(const Hit& a, const Hit& b)
{
    return a.start < b.end && b.start < a.end;
}

std::uint32_t gap(const Hit& a, const Hit& b)
{
    if (a.end <= b.start) {
        return b.start - a.end;
    }
    if (b.end <= a.start) {
        return a.start - b.end;
    }
    return 0;
}

bool matchesTerm(const risk::Term& term, int category, std::uint64_t flags)
{
    return std::any_of(term.options.begin(), term.options.end(), [&](const risk::TermOption& o) {
        return o.category == category && (flags & o.flags) == o.flags;
    });
}

/// Hits come out of the matcher ordered by their first token, and no phrase
/// is longer than maxPhraseTokens: every pass below looks only at the hits
/// that start near the one in hand, so a long message costs linear time.
std::pair<std::size_t, std::size_t> startingIn(const std::vector<Hit>& hits, std::int64_t from,
                                               std::int64_t to)
{
    const auto lo = static_cast<std::uint32_t>(std::max<std::int64_t>(from, 0));
    const auto hi = static_cast<std::uint32_t>(std::max<std::int64_t>(to, 0));
    const auto byStart = [](const Hit& h, std::uint32_t v) { return h.start < v; };
    const auto first = std::lower_bound(hits.begin(), hits.end(), lo, byStart);
    const auto last = std::lower_bound(first, hits.end(), hi, byStart);
    return {static_cast<std::size_t>(first - hits.begin()),
            static_cast<std::size_t>(last - hits.begin())};
}

bool isScored(BlockKind kind)
{
    return kind == BlockKind::Signal || kind == BlockKind::Modifier || kind == BlockKind::Slot;
}

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
    for (auto& h : hits) {
        if (!isScored(kindOf(h))) {
            continue;
        }
        const auto& block = rules.blocks[h.block];
        if (block.whenNegated) {
            // "I don't think I want to live": the phrase is a risk only
            // after a cue, and here look-alikes ("not sure") count as cues.
            h.live = cuedBefore(rules, s, h) && !insideIdiom(rules, s, h);
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

/// True when a phrase already said what a frame over [lo, hi) would: a
/// live signal of the same category, at least as urgent, overlapping it.
/// The phrase's words are the more specific ones for the operator.
bool saidByPhrase(const CompiledRules& rules, const Scratch& s, std::uint32_t frameBlock,
                  std::uint32_t lo, std::uint32_t hi, std::size_t phraseHits)
{
    const auto& fb = rules.blocks[frameBlock];
    for (std::size_t i = 0; i < phraseHits; ++i) {
        const auto& h = s.hits[i];
        const auto& b = rules.blocks[h.block];
        if (h.live && b.kind == BlockKind::Signal && b.category == fb.category &&
            b.level >= fb.level && h.start < hi && lo < h.end) {
            return true;
        }
    }
    return false;
}

/// Frames: a clause read as slots. Each frame line asks for slots filled
/// anywhere in one sentence (or clause) within a span of tokens; when they
/// are, the frame's signal fires over that span, as a phrase's would.
void applyFrames(const CompiledRules& rules, Scratch& s)
{
    if (rules.frames.empty()) {
        return;
    }
    auto& slots = s.slotHits;
    slots.clear();
    for (const auto& h : s.hits) {
        const auto& b = rules.blocks[h.block];
        if (h.live && b.kind == BlockKind::Slot) {
            slots.push_back(SlotHit{b.slot, b.slotValue, h.start, h.end, s.tokens[h.start].sentence,
                                    s.tokens[h.start].clause});
        }
    }
    if (slots.empty()) {
        return;
    }
    const auto fills = [](const SlotHit& h, const risk::FrameTerm& t) {
        return h.slot == t.slot && (t.values == 0 || (h.value & t.values) != 0);
    };
    const auto sameScope = [](const SlotHit& a, const SlotHit& b, const risk::FrameRule& rule) {
        return rule.messageScope ||
               (a.sentence == b.sentence && (!rule.clauseScope || a.clause == b.clause));
    };
    const auto firstFrom = [&](std::int64_t from) {
        const auto lo = static_cast<std::uint32_t>(std::max<std::int64_t>(from, 0));
        return static_cast<std::size_t>(
            std::lower_bound(slots.begin(), slots.end(), lo,
                             [](const SlotHit& h, std::uint32_t v) { return h.start < v; }) -
            slots.begin());
    };
    const auto sizeBefore = s.hits.size();
    for (const auto& rule : rules.frames) {
        const auto window = static_cast<std::uint32_t>(rule.within);
        for (const auto& anchor : slots) {
            if (!fills(anchor, rule.terms[0])) {
                continue;
            }
            std::uint32_t lo = anchor.start;
            std::uint32_t hi = anchor.end;
            bool ok = true;
            for (std::size_t t = 1; t < rule.terms.size() && ok; ++t) {
                const auto& term = rule.terms[t];
                const auto first = firstFrom(std::int64_t{anchor.start} - rule.within - 8);
                if (term.absent) {
                    for (std::size_t i = first; i < slots.size(); ++i) {
                        const auto& o = slots[i];
                        if (o.sentence > anchor.sentence && !rule.messageScope) {
                            break;
                        }
                        if (sameScope(o, anchor, rule) && fills(o, term)) {
                            ok = false;
                            break;
                        }
                    }
                    // An absent slot is looked for in the whole sentence:
                    // scan back to its start too.
                    for (std::size_t i = first; ok && i-- > 0;) {
                        const auto& o = slots[i];
                        if (o.sentence != anchor.sentence && !rule.messageScope) {
                            break;
                        }
                        if (sameScope(o, anchor, rule) && fills(o, term)) {
                            ok = false;
                        }
                    }
                    continue;
                }
                std::uint32_t bestLo = 0;
                std::uint32_t bestHi = 0;
                std::uint32_t bestSpan = UINT32_MAX;
                for (std::size_t i = first; i < slots.size(); ++i) {
                    const auto& o = slots[i];
                    if (o.start > hi + window) {
                        break;
                    }
                    if (!sameScope(o, anchor, rule) || !fills(o, term)) {
                        continue;
                    }
                    const auto nlo = std::min(lo, o.start);
                    const auto nhi = std::max(hi, o.end);
                    if (nhi - nlo < bestSpan) {
                        bestSpan = nhi - nlo;
                        bestLo = nlo;
                        bestHi = nhi;
                    }
                }
                if (bestSpan > window) {
                    ok = false;
                } else {
                    lo = bestLo;
                    hi = bestHi;
                }
            }
            if (ok && !saidByPhrase(rules, s, rule.block, lo, hi, sizeBefore)) {
                s.hits.push_back(
                    Hit{rule.block, lo, hi, true, false, rules.blocks[rule.block].flags});
                break;
            }
        }
    }
    if (s.hits.size() != sizeBefore) {
        std::stable_sort(s.hits.begin(), s.hits.end(),
                         [](const Hit& a, const Hit& b) { return a.start < b.start; });
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

void attachModifiers(const CompiledRules& rules, Scratch& s)
{
    s.merges.clear();
    s.emitted.clear();
    const auto longest = static_cast<std::int64_t>(rules.maxPhraseTokens);
    for (const auto& m : s.hits) {
        const auto& mb = rules.blocks[m.block];
        if (!m.live || mb.kind != BlockKind::Modifier) {
            continue;
        }
        std::size_t best = SIZE_MAX;
        std::uint32_t bestGap = UINT32_MAX;
        const auto [first, last] = startingIn(s.hits, std::int64_t{m.start} - mb.window - longest,
                                              std::int64_t{m.end} + mb.window + 1);
        for (std::size_t i = first; i < last; ++i) {
            const auto& t = s.hits[i];
            const auto& tb = rules.blocks[t.block];
            if (!t.live || tb.kind != BlockKind::Signal ||
                s.tokens[t.start].sentence != s.tokens[m.start].sentence ||
                !matchesTerm(mb.targets, tb.category, tb.flags)) {
                continue;
            }
            const auto g = gap(m, t);
            if (g <= static_cast<std::uint32_t>(mb.window) && g < bestGap) {
                best = i;
                bestGap = g;
            }
        }
        if (best == SIZE_MAX) {
            continue;
        }
        auto& target = s.hits[best];
        target.flags |= mb.modifierFlag;
        if (mb.merge) {
            s.merges.emplace_back(static_cast<std::uint32_t>(best), m.block);
        } else {
            const auto& label = mb.labelFromTarget ? rules.blocks[target.block].label : mb.label;
            s.emitted.push_back(Emitted{mb.category, label, mb.level, m.start});
        }
    }
}

void notePresent(std::vector<risk::TermOption>& present, int category, std::uint64_t flags)
{
    if (std::none_of(present.begin(), present.end(), [&](const risk::TermOption& p) {
            return p.category == category && p.flags == flags;
        })) {
        present.push_back(risk::TermOption{category, flags});
    }
}

/// Raises `level` by every [levels] rule whose terms are all in `present`.
RiskLevel applyLevelRules(const CompiledRules& rules, const std::vector<risk::TermOption>& present,
                          RiskLevel level)
{
    for (const auto& rule : rules.levelRules) {
        if (rule.level <= level) {
            continue;
        }
        const bool all =
            std::all_of(rule.terms.begin(), rule.terms.end(), [&](const risk::Term& term) {
                return std::any_of(present.begin(), present.end(), [&](const risk::TermOption& p) {
                    return matchesTerm(term, p.category, p.flags);
                });
            });
        if (all) {
            level = rule.level;
        }
    }
    return level;
}

RiskLevel decideLevel(const CompiledRules& rules, Scratch& s)
{
    RiskLevel level = RiskLevel::None;
    // What the rules can ask about: each category with the flags one hit
    // carried. Few distinct pairs even in a long message.
    auto& present = s.present;
    present.clear();
    for (const auto& h : s.hits) {
        const auto& b = rules.blocks[h.block];
        if (h.live && b.kind == BlockKind::Signal) {
            level = std::max(level, b.level);
            notePresent(present, b.category, h.flags);
        }
    }
    for (const auto& e : s.emitted) {
        level = std::max(level, e.level);
        notePresent(present, e.category, 0);
    }
    return applyLevelRules(rules, present, level);
}

std::vector<RiskSignal> describe(const CompiledRules& rules, const Scratch& s)
{
    struct Entry
    {
        int category;
        std::uint32_t position;
        std::string text;
    };
    std::vector<Entry> entries;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> merges = s.merges;
    std::sort(merges.begin(), merges.end());
    merges.erase(std::unique(merges.begin(), merges.end()), merges.end());
    for (std::size_t i = 0; i < s.hits.size(); ++i) {
        const auto& h = s.hits[i];
        const auto& b = rules.blocks[h.block];
        if (!h.live || b.kind != BlockKind::Signal) {
            continue;
        }
        std::string text = rules.categories[b.category].display + ": " + b.label;
        const auto hit = static_cast<std::uint32_t>(i);
        auto it = std::lower_bound(merges.begin(), merges.end(), std::make_pair(hit, 0u));
        for (; it != merges.end() && it->first == hit; ++it) {
            text += " + " + rules.blocks[it->second].label;
        }
        entries.push_back(Entry{b.category, h.start, std::move(text)});
    }
    for (const auto& e : s.emitted) {
        entries.push_back(
            Entry{e.category, e.position,
                  rules.categories[e.category].display + ": " + std::string(e.label)});
    }
    // Keep each (category, text) once, at its first position.
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.category, a.text, a.position) < std::tie(b.category, b.text, b.position);
    });
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const Entry& a, const Entry& b) {
                                  return a.category == b.category && a.text == b.text;
                              }),
                  entries.end());
    // A plain signal is dropped when the same signal also fired with a
    // modifier ("method: pills" beside "method: pills + quantity"); sorted by
    // text, the longer form directly follows its plain one.
    std::vector<Entry> kept;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        const bool covered = i + 1 < entries.size() && entries[i + 1].category == e.category &&
                             entries[i + 1].text.compare(0, e.text.size() + 3, e.text + " + ") == 0;
        if (!covered) {
            kept.push_back(e);
        }
    }
    std::sort(kept.begin(), kept.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.category, a.position, a.text) < std::tie(b.category, b.position, b.text);
    });
    std::vector<RiskSignal> out;
    out.reserve(kept.size());
    for (auto& e : kept) {
        out.push_back(RiskSignal{rules.categories[e.category].name, std::move(e.text)});
    }
    return out;
}

} // namespace

RiskEngine::RiskEngine(std::shared_ptr<const risk::CompiledRules> rules) : m_rules(std::move(rules))
{
}

RiskEngine RiskEngine::fromText(std::string_view rules, std::string_view sourceName)
{
    return RiskEngine(
        std::make_shared<const risk::CompiledRules>(risk::compileRiskRules(rules, sourceName)));
}

RiskEngine RiskEngine::fromFile(const std::filesystem::path& rules)
{
    std::ifstream in(rules, std::ios::binary);
    if (!in) {
        throw RiskRulesError(rules.string(), 0, "cannot be read");
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw RiskRulesError(rules.string(), 0, "cannot be read");
    }
    return fromText(text.str(), rules.string());
}

const std::string& RiskEngine::version() const
{
    return m_rules->version;
}

std::size_t RiskEngine::scanLimitBytes() const
{
    return m_rules->scanLimit;
}

namespace {

/// Scores one message into `scratch`; returns its level. `truncated` is set
/// when only the start of the message was read.
RiskLevel scoreMessage(const CompiledRules& rules, Scratch& scratch, std::string_view message,
                       bool& truncated)
{
    if (message.size() > rules.scanLimit) {
        message = message.substr(0, rules.scanLimit);
        truncated = true;
    }
    risk::tokenize(message, scratch.buffer, scratch.raw);
    buildTokens(rules, scratch);
    Matcher(rules, scratch).run();
    scratch.present.clear();
    scratch.emitted.clear();
    scratch.merges.clear();
    if (scratch.hits.empty()) {
        return RiskLevel::None;
    }
    applyIdiomsAndNegation(rules, scratch);
    applyCovers(rules, scratch);
    applyFrames(rules, scratch);
    applyCovers(rules, scratch);
    attachModifiers(rules, scratch);
    return decideLevel(rules, scratch);
}

} // namespace

RiskAssessment RiskEngine::assess(std::string_view utf8Message) const
{
    thread_local Scratch scratch;
    const auto& rules = *m_rules;
    RiskAssessment result;
    result.level = scoreMessage(rules, scratch, utf8Message, result.truncated);
    if (result.level != RiskLevel::None) {
        result.riskSignals = describe(rules, scratch);
    }
    return result;
}

RiskAssessment RiskEngine::assessConversation(const std::vector<std::string_view>& messages) const
{
    thread_local Scratch scratch;
    const auto& rules = *m_rules;
    RiskAssessment result;
    std::vector<risk::TermOption> together;
    std::vector<RiskSignal> signals;
    RiskLevel highest = RiskLevel::None;
    for (const auto message : messages) {
        const auto level = scoreMessage(rules, scratch, message, result.truncated);
        highest = std::max(highest, level);
        if (scratch.present.empty()) {
            continue;
        }
        for (const auto& p : scratch.present) {
            notePresent(together, p.category, p.flags);
        }
        // Context a message holds alone ("tonight") counts with the others.
        for (auto& signal : describe(rules, scratch)) {
            if (std::find(signals.begin(), signals.end(), signal) == signals.end()) {
                signals.push_back(std::move(signal));
            }
        }
    }
    result.level = applyLevelRules(rules, together, highest);
    if (result.level != RiskLevel::None) {
        // In the rules file's category order, then as the messages had them.
        const auto rank = [&](const RiskSignal& s) {
            for (std::size_t i = 0; i < rules.categories.size(); ++i) {
                if (rules.categories[i].name == s.category) {
                    return i;
                }
            }
            return rules.categories.size();
        };
        std::stable_sort(
            signals.begin(), signals.end(),
            [&](const RiskSignal& a, const RiskSignal& b) { return rank(a) < rank(b); });
        result.riskSignals = std::move(signals);
    }
    return result;
}

std::string riskAssessmentJson(const RiskAssessment& a)
{
    json::object o;
    o["level"] = std::string(toString(a.level));
    json::array signals;
    for (const auto& s : a.riskSignals) {
        json::object so;
        so["category"] = s.category;
        so["text"] = s.text;
        signals.push_back(std::move(so));
    }
    o["signals"] = std::move(signals);
    if (a.truncated) {
        o["truncated"] = true;
    }
    return json::serialize(o);
}

} // namespace warmline
