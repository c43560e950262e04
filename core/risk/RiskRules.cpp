// The rules file compiled (RiskRules.h): the file read line by line, its
// directives, and the category and flag terms resolved once it is all read.
// Block headers are read in RiskRulesBlocks.cpp, words and phrases in
// RiskRulesWords.cpp; the compiler's class is in RiskRulesCompiler.h.

#include "core/risk/RiskRules.h"
#include "core/text/Text.h"

#include "core/risk/RiskEngine.h"
#include "core/risk/RiskRulesCompiler.h"
#include "core/risk/RiskText.h"
#include "core/text/FormCodec.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace warmline::risk {

std::uint32_t CompiledRules::wordId(std::string_view word) const
{
    const auto it = vocabulary.find(word);
    return it == vocabulary.end() ? kNoId : it->second;
}

namespace detail {

namespace {

constexpr std::size_t kMaxRulesBytes = 4 * 1024 * 1024;
constexpr std::size_t kMaxLineBytes = 1000;

std::string joinNames(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names) {
        out += (out.empty() ? "" : ", ") + n;
    }
    return out;
}

} // namespace

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

CompiledRules RiskRulesCompiler::run(std::string_view text)
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

void RiskRulesCompiler::handleLine(std::string_view raw)
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

void RiskRulesCompiler::requireHeader() const
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

void RiskRulesCompiler::directive(std::string_view line)
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
            std::filesystem::path file{std::string(words[i])};
            if (file.is_relative()) {
                file = std::filesystem::path(m_rules.source).parent_path() / file;
            }
            m_knownFiles.push_back(std::move(file));
        }
    } else if (key == "model") {
        if (words.size() != 2) {
            fail("`model` needs one file, the statistical second opinion's weights");
        }
        std::filesystem::path file{std::string(words[1])};
        if (file.is_relative()) {
            file = std::filesystem::path(m_rules.source).parent_path() / file;
        }
        m_rules.modelFile = std::move(file);
    } else if (key == "model_min_words") {
        m_rules.modelMinWords = static_cast<int>(number(1, 100));
    } else if (key == "fuzzy_min_length") {
        m_lexicon.fuzzyMinLength = static_cast<std::size_t>(number(0, 64));
    } else if (key == "fuzzy_two_edits_length") {
        m_lexicon.fuzzyTwoEditsLength = static_cast<std::size_t>(number(1, 64));
    } else {
        fail(fmt::format("unknown directive `{}` (expected format, version, category, "
                         "negation_window, many, scan_limit, stemmers, known_words, model, "
                         "model_min_words, fuzzy_min_length or fuzzy_two_edits_length, or a "
                         "[block])",
                         key));
    }
}

int RiskRulesCompiler::categoryIndex(std::string_view name) const
{
    for (std::size_t i = 0; i < m_rules.categories.size(); ++i) {
        if (m_rules.categories[i].name == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int RiskRulesCompiler::requireCategory(std::string_view name) const
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

RiskLevel RiskRulesCompiler::requireLevel(std::string_view word) const
{
    const auto level = parseRiskLevel(word);
    if (!level) {
        fail(fmt::format("unknown level `{}` (none, concern, high or imminent)", word));
    }
    return *level;
}

std::uint64_t RiskRulesCompiler::flagBit(std::string_view name)
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

void RiskRulesCompiler::buildLexicon()
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
            std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
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

void RiskRulesCompiler::resolvePending()
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

} // namespace detail

CompiledRules compileRiskRules(std::string_view text, std::string_view sourceName)
{
    return detail::RiskRulesCompiler(sourceName).run(text);
}

std::string readRiskFile(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    if (in) {
        text << in.rdbuf();
    }
    if (!in || in.bad()) {
        throw RiskRulesError(file.string(), 0, "cannot be read");
    }
    return text.str();
}

} // namespace warmline::risk
