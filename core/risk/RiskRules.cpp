#include "core/risk/RiskRules.h"
#include "core/text/Text.h"

#include "core/risk/RiskEngine.h"
#include "core/risk/RiskText.h"
#include "core/text/FormCodec.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>

namespace warmline::risk {

std::uint32_t CompiledRules::wordId(std::string_view word) const
{
    const auto it = vocabulary.find(word);
    return it == vocabulary.end() ? kNoId : it->second;
}

namespace {

constexpr std::size_t kMaxRulesBytes = 4 * 1024 * 1024;
constexpr std::size_t kMaxPhraseTokens = 8;
constexpr std::size_t kMaxLineBytes = 1000;
constexpr std::size_t kMaxExpansions = 2048;

std::vector<std::string_view> splitWords(std::string_view s)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
            ++i;
        }
        const auto start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') {
            ++i;
        }
        if (i > start) {
            out.push_back(s.substr(start, i - start));
        }
    }
    return out;
}

bool isName(std::string_view s)
{
    return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::optional<std::int64_t> parseInt(std::string_view s)
{
    std::int64_t v = 0;
    const auto* end = s.data() + s.size();
    const auto r = std::from_chars(s.data(), end, v);
    if (r.ec != std::errc() || r.ptr != end) {
        return std::nullopt;
    }
    return v;
}

std::string joinNames(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names) {
        out += (out.empty() ? "" : ", ") + n;
    }
    return out;
}

class Compiler
{
public:
    explicit Compiler(std::string_view source) { m_rules.source = std::string(source); }

    CompiledRules run(std::string_view text)
    {
        if (text.size() > kMaxRulesBytes) {
            fail(0, fmt::format("the file is larger than {} bytes", kMaxRulesBytes));
        }
        m_rules.terminals.emplace_back(); // the root
        m_rules.words.resize(kFirstWordId);
        m_rules.startsPhrase.resize(kFirstWordId, false);
        int lineNumber = 0;
        std::size_t pos = 0;
        while (pos < text.size()) {
            auto eol = text.find('\n', pos);
            if (eol == std::string_view::npos) {
                eol = text.size();
            }
            ++lineNumber;
            m_line = lineNumber;
            handleLine(text.substr(pos, eol - pos));
            pos = eol + 1;
        }
        m_line = lineNumber;
        if (!m_inBlocks) {
            requireHeader();
        }
        resolvePending();
        buildLexicon();
        if (m_rules.levelRules.empty() &&
            std::none_of(m_rules.blocks.begin(), m_rules.blocks.end(), [](const Block& b) {
                return b.kind == BlockKind::Signal && b.level != RiskLevel::None;
            })) {
            fail(lineNumber, "no signal block has a level and there is no [levels] block: "
                             "nothing could ever score above none");
        }
        return std::move(m_rules);
    }

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

    void handleLine(std::string_view raw)
    {
        if (raw.size() > kMaxLineBytes) {
            fail(fmt::format("the line is longer than {} bytes", kMaxLineBytes));
        }
        if (!isValidUtf8(raw)) {
            fail("the line is not valid UTF-8");
        }
        if (const auto hash = raw.find('#'); hash != std::string_view::npos) {
            raw = raw.substr(0, hash);
        }
        const auto line = trim(raw);
        if (line.empty()) {
            return;
        }
        if (line.front() == '[') {
            if (!m_inBlocks) {
                requireHeader();
                m_inBlocks = true;
            }
            blockHeader(line);
            return;
        }
        if (!m_inBlocks) {
            directive(line);
            return;
        }
        switch (m_section) {
        case Section::None:
            fail("a line outside any block");
        case Section::Phrases:
            addPhrase(line, m_rules.blocks.size() - 1);
            return;
        case Section::ClauseBreak:
            m_rules.words[singleWord(line)].clauseBreak = true;
            return;
        case Section::Units: {
            const auto id = singleWord(line);
            m_rules.words[id].unit = true;
            m_rules.unitSuffixes.emplace_back(normalisedWord(line));
            return;
        }
        case Section::Numbers:
            numberLine(line);
            return;
        case Section::Levels:
            levelLine(line);
            return;
        case Section::Spelling:
            spellingLine(line);
            return;
        case Section::Frames:
            frameLine(line);
            return;
        }
    }

    void requireHeader() const
    {
        if (!m_sawFormat) {
            fail("the file must start with `format 1` (before the first block)");
        }
        if (m_rules.version.empty()) {
            fail("a `version` line is required before the first block");
        }
        if (m_rules.categories.empty()) {
            fail("no `category` is declared before the first block");
        }
    }

    void directive(std::string_view line)
    {
        const auto words = splitWords(line);
        const auto key = words[0];
        const auto rest = trim(line.substr(key.size()));
        const auto number = [&](std::int64_t min, std::int64_t max) {
            const auto v = words.size() == 2 ? parseInt(words[1]) : std::nullopt;
            if (!v || *v < min || *v > max) {
                fail(fmt::format("`{}` needs one whole number from {} to {}", key, min, max));
            }
            return *v;
        };
        if (key == "format") {
            if (const auto f = number(1, 1000); f != 1 && f != 2) {
                fail(fmt::format("format {} is not supported (this engine reads formats 1 and 2)",
                                 words[1]));
            }
            m_sawFormat = true;
        } else if (!m_sawFormat) {
            fail("the file must start with `format 1`");
        } else if (key == "version") {
            if (rest.empty() || rest.size() > 64) {
                fail("`version` needs a value of 1 to 64 characters");
            }
            m_rules.version = std::string(rest);
        } else if (key == "negation_window") {
            m_rules.negationWindow = static_cast<int>(number(0, 10));
        } else if (key == "many") {
            m_rules.many = number(1, 1'000'000);
        } else if (key == "scan_limit") {
            m_rules.scanLimit = static_cast<std::size_t>(number(1024, 1024 * 1024));
        } else if (key == "category") {
            if (words.size() < 3 || !isName(words[1])) {
                fail("`category NAME DISPLAY`: NAME in a-z, 0-9 and _, then the words "
                     "operators read");
            }
            if (categoryIndex(words[1]) >= 0) {
                fail(fmt::format("category {} is declared twice", words[1]));
            }
            m_rules.categories.push_back(
                Category{std::string(words[1]), std::string(trim(rest.substr(words[1].size())))});
        } else if (key == "stemmers") {
            if (words.size() < 2) {
                fail("`stemmers` needs one or more languages, e.g. `stemmers english spanish`");
            }
            for (std::size_t i = 1; i < words.size(); ++i) {
                if (!stemmerAvailable(words[i])) {
                    fail(fmt::format("no stemmer for `{}` (Snowball names: english, spanish, …)",
                                     words[i]));
                }
                m_lexicon.stemmers.emplace_back(words[i]);
            }
        } else if (key == "known_words") {
            if (words.size() < 2) {
                fail("`known_words` needs one or more word-list files");
            }
            for (std::size_t i = 1; i < words.size(); ++i) {
                std::filesystem::path file(std::string(words[i]));
                if (file.is_relative()) {
                    file = std::filesystem::path(m_rules.source).parent_path() / file;
                }
                m_knownFiles.push_back(std::move(file));
            }
        } else if (key == "fuzzy_min_length") {
            m_lexicon.fuzzyMinLength = static_cast<std::size_t>(number(0, 64));
        } else if (key == "fuzzy_two_edits_length") {
            m_lexicon.fuzzyTwoEditsLength = static_cast<std::size_t>(number(1, 64));
        } else {
            fail(fmt::format("unknown directive `{}` (expected format, version, category, "
                             "negation_window, many, scan_limit, stemmers, known_words, "
                             "fuzzy_min_length or fuzzy_two_edits_length, or a [block])",
                             key));
        }
    }

    int categoryIndex(std::string_view name) const
    {
        for (std::size_t i = 0; i < m_rules.categories.size(); ++i) {
            if (m_rules.categories[i].name == name) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }

    int requireCategory(std::string_view name) const
    {
        const int c = categoryIndex(name);
        if (c < 0) {
            std::vector<std::string> names;
            for (const auto& cat : m_rules.categories) {
                names.push_back(cat.name);
            }
            fail(fmt::format("unknown category `{}` (declared: {})", name, joinNames(names)));
        }
        return c;
    }

    RiskLevel requireLevel(std::string_view word) const
    {
        const auto level = parseRiskLevel(word);
        if (!level) {
            fail(fmt::format("unknown level `{}` (none, concern, high or imminent)", word));
        }
        return *level;
    }

    std::uint64_t flagBit(std::string_view name)
    {
        if (!isName(name)) {
            fail(fmt::format("`{}` is not a valid flag name (a-z, 0-9 and _)", name));
        }
        const auto it = m_flags.find(std::string(name));
        if (it != m_flags.end()) {
            return it->second;
        }
        if (m_flags.size() >= 64) {
            fail("more than 64 different flags");
        }
        const std::uint64_t bit = std::uint64_t{1} << m_flags.size();
        m_flags.emplace(std::string(name), bit);
        return bit;
    }

    void blockHeader(std::string_view line)
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
        } else if (kind == "idiom" || kind == "pseudo_negation") {
            noArguments();
            block.kind = kind == "idiom" ? BlockKind::Idiom : BlockKind::PseudoNegation;
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
                fail(fmt::format("unknown block [{}] (signal, modifier, slot, frame, idiom, "
                                 "negation, pseudo_negation, clause_break, numbers, units, "
                                 "spelling or levels)",
                                 kind));
            }
            return;
        }
        m_rules.blocks.push_back(std::move(block));
        m_section = Section::Phrases;
    }

    void modifierHeader(const std::vector<std::string_view>& words, std::string_view label,
                        Block& block)
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

    void slotHeader(const std::vector<std::string_view>& words, Block& block)
    {
        if (words.size() < 3 || words.size() > 4 || !isName(words[1]) || !isName(words[2]) ||
            (words.size() == 4 && words[3] != "nonegate")) {
            fail("[slot NAME VALUE [nonegate]]: NAME and VALUE in a-z, 0-9 and _");
        }
        block.kind = BlockKind::Slot;
        block.negatable = words.size() == 3;
        auto& slots = m_rules.slots;
        auto it = std::find_if(slots.begin(), slots.end(),
                               [&](const Slot& s) { return s.name == words[1]; });
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

    void frameHeader(const std::vector<std::string_view>& words, std::string_view label,
                     Block& block)
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

    /// `stance:intent|decision + act:die + time` — every term a slot that
    /// must be filled (with one of the values, or any), or `!slot[:values]`
    /// that must not be.
    void frameLine(std::string_view line)
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
            const auto it = std::find_if(slots.begin(), slots.end(),
                                         [&](const Slot& s) { return s.name == name; });
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

    /// `FROM TO...`: a word as people text it, and the words it stands for.
    void spellingLine(std::string_view line)
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

    std::string normalisedWord(std::string_view text)
    {
        tokenize(text, m_buffer, m_tokens);
        if (m_tokens.size() != 1) {
            fail(fmt::format("`{}` must be one word", text));
        }
        return std::string(tokenText(m_buffer, m_tokens[0]));
    }

    std::uint32_t intern(const std::string& word)
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

    std::uint32_t singleWord(std::string_view line) { return intern(normalisedWord(line)); }

    void numberLine(std::string_view line)
    {
        const auto words = splitWords(line);
        const auto value = words.size() == 2 ? parseInt(words[1]) : std::nullopt;
        if (!value || *value < 0 || *value > 1'000'000) {
            fail("a [numbers] line is `WORD VALUE`, VALUE from 0 to 1000000");
        }
        m_rules.words[singleWord(words[0])].number = *value;
    }

    /// One word of a phrase: a placeholder, or words; `a|b_c` offers "a" or "b c".
    std::vector<std::vector<std::uint32_t>> pieceOptions(std::string_view piece)
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

    void addPhrase(std::string_view line, std::size_t blockIndex)
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

    void insertPhrase(const std::vector<std::uint32_t>& ids, std::size_t blockIndex,
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
                fail(
                    fmt::format("this phrase is already listed at line {} (same kind and category)",
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

    void levelLine(std::string_view line)
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

    void buildLexicon()
    {
        if (!m_knownFiles.empty()) {
            try {
                m_lexicon.known = loadKnownWords(m_knownFiles);
            } catch (const std::exception& e) {
                fail(0, fmt::format("known_words: {}", e.what()));
            }
        }
        std::vector<std::pair<std::string, std::uint32_t>> targets;
        for (const auto& [word, id] : m_rules.vocabulary) {
            const auto& info = m_rules.words[id];
            // Numbers, units and pictographs are read exactly.
            if (info.number >= 0 || info.unit || word.rfind("emoji", 0) == 0 ||
                std::any_of(word.begin(), word.end(),
                            [](char c) { return c >= '0' && c <= '9'; })) {
                continue;
            }
            targets.emplace_back(word, id);
        }
        // Ids follow the file: an earlier word wins a shared stem.
        std::sort(targets.begin(), targets.end(),
                  [](const auto& a, const auto& b) { return a.second < b.second; });
        if (m_knownFiles.empty()) {
            // Without a dictionary every real word would be a candidate
            // misspelling ("hills" of "pills"): no near spellings then.
            m_lexicon.fuzzyMinLength = 0;
        }
        m_rules.lexicon.build(targets, std::move(m_lexicon));
        m_rules.alternatives.assign(m_rules.words.size(), kNoId);
        if (m_rules.lexicon.enabled()) {
            for (const auto& [word, id] : targets) {
                m_rules.alternatives[id] = m_rules.lexicon.alternative(word, id);
            }
        }
    }

    void resolvePending()
    {
        for (auto& p : m_pending) {
            m_line = p.line;
            Term term;
            std::string_view rest = p.text;
            while (true) {
                const auto bar = rest.find('|');
                auto option = rest.substr(0, bar);
                TermOption opt;
                const auto colon = option.find(':');
                opt.category = requireCategory(option.substr(0, colon));
                if (colon != std::string_view::npos) {
                    auto flags = option.substr(colon + 1);
                    while (true) {
                        const auto c = flags.find(':');
                        const auto name = flags.substr(0, c);
                        const auto it = m_flags.find(std::string(name));
                        if (it == m_flags.end()) {
                            fail(fmt::format("unknown flag `{}` (flags come from signal "
                                             "headers and modifier names)",
                                             name));
                        }
                        opt.flags |= it->second;
                        if (c == std::string_view::npos) {
                            break;
                        }
                        flags = flags.substr(c + 1);
                    }
                }
                term.options.push_back(opt);
                if (bar == std::string_view::npos) {
                    break;
                }
                rest = rest.substr(bar + 1);
            }
            if (p.blockIndex != SIZE_MAX) {
                m_rules.blocks[p.blockIndex].targets = std::move(term);
            } else {
                m_rules.levelRules[p.ruleIndex].terms[p.termIndex] = std::move(term);
            }
        }
    }

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

} // namespace

CompiledRules compileRiskRules(std::string_view text, std::string_view sourceName)
{
    return Compiler(sourceName).run(text);
}

} // namespace warmline::risk
