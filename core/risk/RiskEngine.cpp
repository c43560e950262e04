// Scoring, last stages, and RiskEngine's entry points: modifiers attached
// to their targets, the level decided, the signals described for the
// operator. The earlier stages are in RiskMatcher.cpp and RiskFrames.cpp.

#include "core/risk/RiskEngine.h"

#include "core/risk/RiskEngineDetail.h"
#include "core/risk/RiskModel.h"
#include "core/risk/RiskRules.h"
#include "core/risk/RiskText.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
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

using risk::BlockKind;
using risk::CompiledRules;
using risk::detail::Emitted;
using risk::detail::Hit;
using risk::detail::Scratch;
using risk::detail::startingIn;

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

/// "ugh i want to die my crush saw me trip lmao": laughter in the same
/// sentence as every high-level hit, or the one next to it, caps a message
/// at concern when all it holds are categories the laughter block softens
/// (a bare wish, an angry threat, distress): the signals stay listed, the
/// operator still checks in, and no alert goes to the lead. Anything else
/// (a method, a plan, a time, the means, self-harm, an attempt) keeps it
/// high, and so does an earnest phrase anywhere ("no es broma"); imminent
/// is never capped (docs/risk-rules.md).
bool softenedByLaughter(const CompiledRules& rules, const Scratch& s)
{
    std::uint64_t softens = 0;
    std::vector<std::uint32_t> laughing;
    for (const auto& h : s.hits) {
        const auto& b = rules.blocks[h.block];
        if (b.kind == BlockKind::Laughter && b.softens == 0) {
            return false; // "lol but not in a funny way", "jaja no es broma"
        }
        if (b.kind == BlockKind::Laughter) {
            softens = b.softens;
            laughing.push_back(s.tokens[h.start].sentence);
        }
    }
    if (laughing.empty()) {
        return false;
    }
    const auto near = [&](std::uint32_t sentence) {
        return std::any_of(laughing.begin(), laughing.end(),
                           [&](std::uint32_t l) { return l + 1 >= sentence && l <= sentence + 1; });
    };
    const auto softened = [&](int category) {
        return category >= 0 && category < 64 && (softens >> category & 1u) != 0;
    };
    for (const auto& p : s.present) {
        if (!softened(p.category)) {
            return false;
        }
    }
    for (const auto& h : s.hits) {
        const auto& b = rules.blocks[h.block];
        if (h.live && b.kind == BlockKind::Signal && b.level >= RiskLevel::High &&
            !near(s.tokens[h.start].sentence)) {
            return false;
        }
    }
    for (const auto& e : s.emitted) {
        if (e.level >= RiskLevel::High && e.position < s.tokens.size() &&
            !near(s.tokens[e.position].sentence)) {
            return false;
        }
    }
    return true;
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
    level = applyLevelRules(rules, present, level);
    if (level == RiskLevel::High && softenedByLaughter(rules, s)) {
        s.defused = true;
        return RiskLevel::Concern;
    }
    return level;
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

RiskEngine::RiskEngine(std::shared_ptr<const risk::CompiledRules> rules,
                       std::shared_ptr<const RiskModel> model)
    : m_rules(std::move(rules)), m_model(std::move(model))
{
}

RiskEngine RiskEngine::fromText(std::string_view rules, std::string_view sourceName)
{
    auto compiled =
        std::make_shared<const risk::CompiledRules>(risk::compileRiskRules(rules, sourceName));
    std::shared_ptr<const RiskModel> model;
    if (!compiled->modelFile.empty()) {
        model = std::make_shared<const RiskModel>(RiskModel::fromFile(compiled->modelFile));
    }
    return RiskEngine(std::move(compiled), std::move(model));
}

std::string RiskEngine::modelVersion() const
{
    return m_model ? m_model->version() : std::string();
}

RiskEngine RiskEngine::withoutModel() const
{
    return RiskEngine(m_rules, nullptr);
}

RiskEngine RiskEngine::fromFile(const std::filesystem::path& rules)
{
    return fromText(risk::readRiskFile(rules), rules.string());
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
    risk::detail::buildTokens(rules, scratch);
    risk::detail::matchPhrases(rules, scratch);
    scratch.present.clear();
    scratch.emitted.clear();
    scratch.merges.clear();
    scratch.defused = false;
    if (scratch.hits.empty()) {
        return RiskLevel::None;
    }
    risk::detail::applyIdiomsAndNegation(rules, scratch);
    risk::detail::applyCovers(rules, scratch);
    risk::detail::applyFrames(rules, scratch);
    risk::detail::applyCovers(rules, scratch);
    attachModifiers(rules, scratch);
    return decideLevel(rules, scratch);
}

/// Words and pictographs (tokens with a letter: "💊💊 tonight" is three) of
/// the message just scored into `s`.
int wordCount(const Scratch& s)
{
    return static_cast<int>(std::count_if(s.raw.begin(), s.raw.end(), [&](const auto& t) {
        const auto w = risk::tokenText(s.buffer, t);
        return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    }));
}

/// Whether the second opinion may speak about the message just scored.
bool modelMayRaise(const CompiledRules& rules, const Scratch& s)
{
    return !s.defused && wordCount(s) >= rules.modelMinWords;
}

/// The second opinion's view of the rules' reading of the message just
/// scored into `s` (RiskEngine::modelAnalysis): buckets, each once.
void collectAnalysis(const CompiledRules& rules, const Scratch& s, RiskLevel level,
                     std::vector<std::uint32_t>& out)
{
    // Each bucket once, in the order first found: a per-thread bitset, as
    // the wording's features (a sort would cost more than the scoring).
    thread_local std::vector<std::uint64_t> seen(RiskModel::kBuckets / 64, 0);
    out.clear();
    const auto add = [&](char kind, std::uint64_t a, std::uint64_t b = 0) {
        const auto bucket = risk::analysisBucket(kind, a, b);
        auto& word = seen[bucket / 64];
        const auto bit = std::uint64_t{1} << (bucket % 64);
        if (!(word & bit)) {
            word |= bit;
            out.push_back(bucket);
        }
    };
    add('r', static_cast<std::uint64_t>(level));
    if (s.defused) {
        add('d', 1);
    }
    const auto& tokens = s.tokens;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto& t = tokens[i];
        if (t.id == risk::kNoId) {
            continue;
        }
        add('v', t.id);
        if (t.alt != risk::kNoId) {
            add('v', t.alt);
        }
        // Two known words side by side in one clause ("pills" "counted").
        if (i + 1 < tokens.size()) {
            const auto& u = tokens[i + 1];
            if (u.id != risk::kNoId && u.clause == t.clause && u.sentence == t.sentence) {
                add('u', t.id, u.id);
            }
        }
    }
    // Slots found, and pairs of them in one clause: frames the rules do
    // not list yet, weighed by the model.
    constexpr std::size_t kMaxSlots = 24;
    std::array<std::pair<std::uint64_t, const Hit*>, kMaxSlots> slots{};
    std::size_t slotCount = 0;
    for (const auto& h : s.hits) {
        const auto& b = rules.blocks[h.block];
        switch (b.kind) {
        case BlockKind::Signal:
            add(!h.live ? 'x' : h.negated ? 'n' : 'h', h.block);
            if (h.live && !h.negated) {
                add('c', static_cast<std::uint64_t>(b.category),
                    static_cast<std::uint64_t>(b.level));
            }
            break;
        case BlockKind::Slot:
            if (h.live) {
                const std::uint64_t id = (std::uint64_t(b.slot) << 8) |
                                         static_cast<std::uint64_t>(std::countr_zero(b.slotValue));
                add('s', id);
                if (slotCount < kMaxSlots) {
                    slots[slotCount++] = {id, &h};
                }
            }
            break;
        default:
            if (h.live) {
                add('k', h.block);
            }
            break;
        }
    }
    for (std::size_t i = 0; i < slotCount; ++i) {
        const auto& a = s.tokens[slots[i].second->start];
        for (std::size_t j = i + 1; j < slotCount; ++j) {
            const auto& b = s.tokens[slots[j].second->start];
            if (slots[i].first == slots[j].first || a.sentence != b.sentence) {
                continue;
            }
            const auto [lo, hi] = std::minmax(slots[i].first, slots[j].first);
            add(a.clause == b.clause ? 'p' : 'q', lo, hi);
        }
    }
    for (const auto& e : s.emitted) {
        add('e', static_cast<std::uint64_t>(e.category), static_cast<std::uint64_t>(e.level));
    }
    for (const auto b : out) {
        seen[b / 64] = 0;
    }
}

RiskLevel modelLevel(const RiskModel& model, const CompiledRules& rules, const Scratch& s,
                     RiskLevel rulesLevel, std::string_view message)
{
    message = message.substr(0, rules.scanLimit);
    if (!model.usesAnalysis()) {
        return model.level(model.score(message));
    }
    thread_local std::vector<std::uint32_t> analysis;
    collectAnalysis(rules, s, rulesLevel, analysis);
    return model.level(model.score(message, analysis));
}

/// The second opinion raises a level, never lowers one, and says so.
void raiseByModel(RiskLevel byModel, RiskAssessment& result)
{
    if (byModel <= result.level) {
        return;
    }
    result.level = byModel;
    const char* text = byModel == RiskLevel::Imminent
                           ? "wording: worded like imminent-risk messages"
                       : byModel == RiskLevel::High ? "wording: worded like high-risk messages"
                                                    : "wording: worded like messages of concern";
    result.riskSignals.push_back(RiskSignal{"wording", text});
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
    if (m_model && modelMayRaise(rules, scratch)) {
        raiseByModel(modelLevel(*m_model, rules, scratch, result.level, utf8Message), result);
    }
    return result;
}

void RiskEngine::modelAnalysis(std::string_view utf8Message, std::vector<std::uint32_t>& out) const
{
    thread_local Scratch scratch;
    bool truncated = false;
    const auto level = scoreMessage(*m_rules, scratch, utf8Message, truncated);
    collectAnalysis(*m_rules, scratch, level, out);
}

RiskAssessment RiskEngine::assessConversation(const std::vector<std::string_view>& messages) const
{
    thread_local Scratch scratch;
    const auto& rules = *m_rules;
    RiskAssessment result;
    std::vector<risk::TermOption> together;
    std::vector<RiskSignal> signals;
    RiskLevel highest = RiskLevel::None;
    auto byModel = RiskLevel::None;
    for (const auto message : messages) {
        const auto level = scoreMessage(rules, scratch, message, result.truncated);
        highest = std::max(highest, level);
        if (m_model && modelMayRaise(rules, scratch)) {
            byModel = std::max(byModel, modelLevel(*m_model, rules, scratch, level, message));
        }
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
    if (m_model) {
        raiseByModel(byModel, result);
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