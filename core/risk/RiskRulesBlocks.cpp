// The rules file's block headers ([signal], [modifier], [slot], [frame] and
// the rest) and the lines of [levels] and [frame] blocks: part of
// RiskRulesCompiler (RiskRulesCompiler.h).

#include "core/risk/RiskRulesCompiler.h"
#include "core/text/Text.h"

#include <fmt/format.h>

#include <algorithm>

namespace warmline::risk::detail {

void RiskRulesCompiler::blockHeader(std::string_view line)
{
    const auto close = line.find(']');
    if (close == std::string_view::npos) {
        fail("a block header needs a closing ]");
    }
    const auto words = splitWords(line.substr(1, close - 1));
    const auto label = trim(line.substr(close + 1));
    if (words.empty()) {
        fail("an empty block header []");
    }
    const auto kind = words[0];
    const auto noArguments = [&]() {
        if (words.size() != 1) {
            fail(fmt::format("[{}] takes no arguments", kind));
        }
    };
    Block block;
    block.line = m_line;
    block.label = std::string(label);
    if (kind == "signal") {
        if (words.size() < 3) {
            fail("[signal CATEGORY LEVEL [FLAG...] [nonegate] [covers] [whennegated]] LABEL");
        }
        block.kind = BlockKind::Signal;
        block.category = requireCategory(words[1]);
        block.level = requireLevel(words[2]);
        for (std::size_t i = 3; i < words.size(); ++i) {
            if (words[i] == "nonegate") {
                block.negatable = false;
            } else if (words[i] == "covers") {
                block.covers = true;
            } else if (words[i] == "whennegated") {
                block.whenNegated = true;
            } else {
                block.flags |= flagBit(words[i]);
            }
        }
        if (label.empty()) {
            fail("a signal block needs a label after ], the words operators read");
        }
    } else if (kind == "modifier") {
        modifierHeader(words, label, block);
    } else if (kind == "negation") {
        block.kind = BlockKind::Negation;
        block.window = m_rules.negationWindow;
        if (words.size() > 2 || (words.size() == 2 && words[1].rfind("within=", 0) != 0)) {
            fail("[negation] or [negation within=N]");
        }
        if (words.size() == 2) {
            const auto v = parseInt(words[1].substr(7));
            if (!v || *v < 0 || *v > 10) {
                fail("within= needs a whole number of tokens from 0 to 10");
            }
            block.window = static_cast<int>(*v);
        }
    } else if (kind == "slot") {
        slotHeader(words, block);
    } else if (kind == "frame") {
        frameHeader(words, label, block);
        m_rules.blocks.push_back(std::move(block));
        m_section = Section::Frames;
        return;
    } else if (kind == "laughter") {
        block.kind = BlockKind::Laughter;
        if (words.size() == 2 && words[1] == "earnest") {
            m_rules.blocks.push_back(std::move(block)); // softens nothing: cancels laughter
            m_section = Section::Phrases;
            return;
        }
        if (words.size() != 2 || words[1].rfind("softens=", 0) != 0) {
            fail("[laughter softens=CATEGORY|CATEGORY...] LABEL or [laughter earnest] LABEL");
        }
        auto names = words[1].substr(8);
        while (true) {
            const auto bar = names.find('|');
            const int c = requireCategory(names.substr(0, bar));
            if (c >= 64) {
                fail("softens= takes at most the first 64 categories");
            }
            block.softens |= std::uint64_t{1} << c;
            if (bar == std::string_view::npos) {
                break;
            }
            names = names.substr(bar + 1);
        }
    } else if (kind == "idiom" || kind == "pseudo_negation" || kind == "retraction") {
        noArguments();
        block.kind = kind == "idiom"             ? BlockKind::Idiom
                     : kind == "pseudo_negation" ? BlockKind::PseudoNegation
                                                 : BlockKind::Retraction;
    } else {
        noArguments();
        if (kind == "clause_break") {
            m_section = Section::ClauseBreak;
        } else if (kind == "numbers") {
            m_section = Section::Numbers;
        } else if (kind == "units") {
            m_section = Section::Units;
        } else if (kind == "levels") {
            m_section = Section::Levels;
        } else if (kind == "spelling") {
            if (m_rules.maxPhraseTokens > 0) {
                fail("[spelling] must come before the first phrase (phrases are read "
                     "through it)");
            }
            m_section = Section::Spelling;
        } else {
            fail(fmt::format(
                "unknown block [{}] (signal, modifier, slot, frame, idiom, "
                "negation, pseudo_negation, retraction, laughter, clause_break, numbers, units, "
                "spelling or levels)",
                kind));
        }
        return;
    }
    m_rules.blocks.push_back(std::move(block));
    m_section = Section::Phrases;
}

void RiskRulesCompiler::modifierHeader(const std::vector<std::string_view>& words,
                                       std::string_view label, Block& block)
{
    if (words.size() < 4 || (words[2] != "merge" && words[2] != "emit")) {
        fail("[modifier NAME merge|emit to=TARGETS within=N [level=L] [nonegate]] LABEL");
    }
    block.kind = BlockKind::Modifier;
    block.merge = words[2] == "merge";
    block.modifierFlag = flagBit(words[1]);
    if (!block.merge) {
        block.category = requireCategory(words[1]);
    }
    bool sawTargets = false;
    bool sawWindow = false;
    for (std::size_t i = 3; i < words.size(); ++i) {
        const auto w = words[i];
        if (w == "nonegate") {
            block.negatable = false;
            continue;
        }
        const auto eq = w.find('=');
        if (eq == std::string_view::npos) {
            fail(fmt::format("unexpected `{}` in a modifier header (to=, within=, level= "
                             "or nonegate)",
                             w));
        }
        const auto key = w.substr(0, eq);
        const auto value = w.substr(eq + 1);
        if (key == "to") {
            m_pending.push_back(PendingTerm{std::string(value), m_line, m_rules.blocks.size()});
            sawTargets = true;
        } else if (key == "within") {
            const auto v = parseInt(value);
            if (!v || *v < 0 || *v > 20) {
                fail("within= needs a whole number of tokens from 0 to 20");
            }
            block.window = static_cast<int>(*v);
            sawWindow = true;
        } else if (key == "level") {
            if (block.merge) {
                fail("level= is for emit modifiers (a merge modifier raises levels "
                     "through flags in [levels])");
            }
            block.level = requireLevel(value);
        } else {
            fail(fmt::format("unknown modifier option `{}`", key));
        }
    }
    if (!sawTargets || !sawWindow) {
        fail("a modifier needs to=TARGETS and within=N");
    }
    if (label.empty()) {
        fail("a modifier block needs a label after ] (\"*\" in emit mode: the target's)");
    }
    block.labelFromTarget = !block.merge && label == "*";
}

void RiskRulesCompiler::slotHeader(const std::vector<std::string_view>& words, Block& block)
{
    if (words.size() < 3 || words.size() > 4 || !isName(words[1]) || !isName(words[2]) ||
        (words.size() == 4 && words[3] != "nonegate")) {
        fail("[slot NAME VALUE [nonegate]]: NAME and VALUE in a-z, 0-9 and _");
    }
    block.kind = BlockKind::Slot;
    block.negatable = words.size() == 3;
    auto& slots = m_rules.slots;
    auto it =
        std::find_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.name == words[1]; });
    if (it == slots.end()) {
        slots.push_back(Slot{std::string(words[1]), {}});
        it = slots.end() - 1;
    }
    block.slot = static_cast<int>(it - slots.begin());
    auto& values = it->values;
    auto v = std::find(values.begin(), values.end(), words[2]);
    if (v == values.end()) {
        if (values.size() >= 64) {
            fail(fmt::format("slot {} has more than 64 values", words[1]));
        }
        values.emplace_back(words[2]);
        v = values.end() - 1;
    }
    block.slotValue = std::uint64_t{1} << (v - values.begin());
    block.label = fmt::format("{}: {}", words[1], words[2]);
}

void RiskRulesCompiler::frameHeader(const std::vector<std::string_view>& words,
                                    std::string_view label, Block& block)
{
    if (words.size() < 3) {
        fail("[frame CATEGORY LEVEL [FLAG...] [within=N] [clause|message]] LABEL");
    }
    block.kind = BlockKind::Signal;
    block.category = requireCategory(words[1]);
    block.level = requireLevel(words[2]);
    m_frameWithin = 12;
    m_frameClause = false;
    m_frameMessage = false;
    for (std::size_t i = 3; i < words.size(); ++i) {
        if (words[i].rfind("within=", 0) == 0) {
            const auto v = parseInt(words[i].substr(7));
            if (!v || *v < 1 || *v > 40) {
                fail("within= needs a whole number of tokens from 1 to 40");
            }
            m_frameWithin = static_cast<int>(*v);
        } else if (words[i] == "clause") {
            m_frameClause = true;
        } else if (words[i] == "message") {
            m_frameMessage = true;
        } else if (words[i] == "covers") {
            block.covers = true;
        } else {
            block.flags |= flagBit(words[i]);
        }
    }
    if (label.empty()) {
        fail("a frame block needs a label after ], the words operators read");
    }
}

void RiskRulesCompiler::frameLine(std::string_view line)
{
    FrameRule rule;
    rule.block = static_cast<std::uint32_t>(m_rules.blocks.size() - 1);
    rule.within = m_frameWithin;
    rule.clauseScope = m_frameClause;
    rule.messageScope = m_frameMessage;
    rule.line = m_line;
    auto rest = line;
    bool positive = false;
    while (true) {
        const auto plus = rest.find('+');
        auto text = trim(rest.substr(0, plus));
        FrameTerm term;
        if (!text.empty() && text.front() == '!') {
            term.absent = true;
            text.remove_prefix(1);
        }
        const auto colon = text.find(':');
        const auto name = text.substr(0, colon);
        const auto& slots = m_rules.slots;
        const auto it =
            std::find_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.name == name; });
        if (text.empty() || text.find_first_of(" \t") != std::string_view::npos) {
            fail("a frame line is `slot[:value|value] + slot ...`, each term with no spaces");
        }
        if (it == slots.end()) {
            fail(fmt::format("unknown slot `{}` (declare it with a [slot] block first)", name));
        }
        term.slot = static_cast<int>(it - slots.begin());
        if (colon != std::string_view::npos) {
            auto values = text.substr(colon + 1);
            while (true) {
                const auto bar = values.find('|');
                const auto value = values.substr(0, bar);
                const auto v = std::find(it->values.begin(), it->values.end(), value);
                if (v == it->values.end()) {
                    fail(fmt::format("slot {} has no value `{}`", name, value));
                }
                term.values |= std::uint64_t{1} << (v - it->values.begin());
                if (bar == std::string_view::npos) {
                    break;
                }
                values = values.substr(bar + 1);
            }
        }
        positive = positive || !term.absent;
        rule.terms.push_back(term);
        if (plus == std::string_view::npos) {
            break;
        }
        rest = rest.substr(plus + 1);
    }
    if (!positive) {
        fail("a frame line needs at least one slot that must be filled");
    }
    // Terms that must be filled come first: the first one anchors the match.
    std::stable_partition(rule.terms.begin(), rule.terms.end(),
                          [](const FrameTerm& t) { return !t.absent; });
    m_rules.frames.push_back(std::move(rule));
}

void RiskRulesCompiler::levelLine(std::string_view line)
{
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) {
        fail("a [levels] line is `LEVEL = term + term ...`, e.g. "
             "`imminent = desire + method + means_access + time_frame:24h`");
    }
    LevelRule rule;
    rule.level = requireLevel(trim(line.substr(0, eq)));
    if (rule.level == RiskLevel::None) {
        fail("a level rule must raise the level (concern, high or imminent)");
    }
    rule.line = m_line;
    auto rest = line.substr(eq + 1);
    std::vector<std::string_view> terms;
    while (true) {
        const auto plus = rest.find('+');
        terms.push_back(trim(rest.substr(0, plus)));
        if (plus == std::string_view::npos) {
            break;
        }
        rest = rest.substr(plus + 1);
    }
    for (const auto t : terms) {
        if (t.empty() || t.find_first_of(" \t") != std::string_view::npos) {
            fail("each term between + is one CATEGORY[:FLAG...][|...] with no spaces");
        }
    }
    rule.terms.resize(terms.size());
    const auto ruleIndex = m_rules.levelRules.size();
    m_rules.levelRules.push_back(std::move(rule));
    for (std::size_t i = 0; i < terms.size(); ++i) {
        m_pending.push_back(PendingTerm{std::string(terms[i]), m_line, SIZE_MAX, ruleIndex, i});
    }
}

} // namespace warmline::risk::detail
