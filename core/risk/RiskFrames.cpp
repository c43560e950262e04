// Scoring, frames: a clause read as slots ([slot] and [frame] blocks in
// docs/risk-rules.md). RiskEngine.cpp runs applyFrames between the passes
// of RiskMatcher.cpp.

#include "core/risk/RiskEngineDetail.h"

#include <algorithm>

namespace warmline::risk::detail {

namespace {

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

} // namespace

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

} // namespace warmline::risk::detail
