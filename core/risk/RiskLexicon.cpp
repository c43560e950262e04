#include "core/risk/RiskLexicon.h"

#include "core/risk/RiskText.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

namespace warmline::risk {

namespace {

constexpr std::uint32_t kNone = UINT32_MAX;

struct StemmerDeleter
{
    void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

/// A Snowball stemmer keeps its working state inside: one per thread and
/// language.
sb_stemmer* stemmerFor(std::string_view language)
{
    thread_local std::map<std::string, StemmerPtr, std::less<>> stemmers;
    if (const auto it = stemmers.find(language); it != stemmers.end()) {
        return it->second.get();
    }
    const std::string name(language);
    StemmerPtr s(sb_stemmer_new(name.c_str(), "UTF_8"));
    auto* raw = s.get();
    stemmers.emplace(name, std::move(s));
    return raw;
}

void deletions(std::string_view word, int depth, std::vector<std::string>& out)
{
    for (std::size_t i = 0; i < word.size(); ++i) {
        std::string d(word.substr(0, i));
        d.append(word.substr(i + 1));
        if (depth > 1) {
            deletions(d, depth - 1, out);
        }
        out.push_back(std::move(d));
    }
}

} // namespace

std::shared_ptr<const WordSet> loadKnownWords(const std::vector<std::filesystem::path>& files)
{
    static std::mutex mutex;
    static std::map<std::vector<std::string>, std::weak_ptr<const WordSet>> cache;
    std::vector<std::string> key;
    for (const auto& f : files) {
        key.push_back(f.string());
    }
    const std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) {
        if (auto shared = it->second.lock()) {
            return shared;
        }
    }
    auto words = std::make_shared<WordSet>();
    std::string buffer;
    std::vector<TextToken> tokens;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        if (!in) {
            throw std::runtime_error(f.string() + ": cannot be read");
        }
        std::string line;
        while (std::getline(in, line)) {
            tokenize(line, buffer, tokens, 2);
            if (tokens.size() == 1) {
                words->emplace(tokenText(buffer, tokens[0]));
            }
        }
    }
    std::shared_ptr<const WordSet> result = std::move(words);
    cache[key] = result;
    return result;
}

bool stemmerAvailable(std::string_view language)
{
    return stemmerFor(language) != nullptr;
}

std::string stemWord(std::string_view language, std::string_view word)
{
    auto* s = stemmerFor(language);
    if (s == nullptr) {
        return std::string(word);
    }
    const auto* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()),
                                      static_cast<int>(word.size()));
    if (out == nullptr) {
        return std::string(word);
    }
    return std::string(reinterpret_cast<const char*>(out),
                       static_cast<std::size_t>(sb_stemmer_length(s)));
}

int editDistance(std::string_view a, std::string_view b, int max)
{
    const auto n = a.size();
    const auto m = b.size();
    if (static_cast<int>(n > m ? n - m : m - n) > max) {
        return max + 1;
    }
    // Three rows of the optimal string alignment table; words are short.
    constexpr std::size_t kMax = 64;
    if (n >= kMax || m >= kMax) {
        return max + 1;
    }
    std::array<int, kMax> prev2{};
    std::array<int, kMax> prev{};
    std::array<int, kMax> cur{};
    for (std::size_t j = 0; j <= m; ++j) {
        prev[j] = static_cast<int>(j);
    }
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i);
        int rowMin = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                v = std::min(v, prev2[j - 2] + 1);
            }
            cur[j] = v;
            rowMin = std::min(rowMin, v);
        }
        if (rowMin > max) {
            return max + 1;
        }
        prev2 = prev;
        prev = cur;
    }
    return std::min(prev[m], max + 1);
}

void Lexicon::build(const std::vector<std::pair<std::string, std::uint32_t>>& words,
                    Options options)
{
    m_options = std::move(options);
    m_stems.assign(m_options.stemmers.size(), {});
    m_deletes.clear();
    m_wordById.clear();
    m_fuzzy = m_options.fuzzyMinLength > 0;
    m_words.clear();
    std::vector<std::string> scratch;
    for (const auto& [word, id] : words) {
        m_words.emplace(word, id);
        if (word.size() < 3) {
            continue;
        }
        for (std::size_t l = 0; l < m_options.stemmers.size(); ++l) {
            auto stem = stemWord(m_options.stemmers[l], word);
            if (stem.size() < 3) {
                continue;
            }
            const bool exact = stem == word;
            auto [it, added] = m_stems[l].emplace(std::move(stem), id);
            if (!added && exact) {
                it->second = id;
            }
        }
        if (m_fuzzy && word.size() >= m_options.fuzzyMinLength) {
            if (m_wordById.size() <= id) {
                m_wordById.resize(id + 1);
            }
            m_wordById[id] = word;
            scratch.clear();
            deletions(word, word.size() >= m_options.fuzzyTwoEditsLength ? 2 : 1, scratch);
            scratch.push_back(word);
            std::sort(scratch.begin(), scratch.end());
            scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
            for (auto& d : scratch) {
                auto& list = m_deletes[d];
                if (std::find(list.begin(), list.end(), id) == list.end()) {
                    list.push_back(id);
                }
            }
        }
    }
}

bool Lexicon::isKnownWord(std::string_view token) const
{
    if (!m_options.known) {
        return false;
    }
    const auto& known = *m_options.known;
    if (known.find(token) != known.end()) {
        return true;
    }
    // A Spanish infinitive or gerund with a pronoun joined to it is a word
    // too ("quejarme" is "quejar" + "me", no misspelling of "quemarme").
    for (const std::string_view clitic :
         {"me", "te", "se", "nos", "lo", "la", "le", "los", "las", "les"}) {
        if (token.size() > clitic.size() + 3 && token.ends_with(clitic)) {
            const auto base = token.substr(0, token.size() - clitic.size());
            if ((base.ends_with('r') || base.ends_with("ndo")) && known.find(base) != known.end()) {
                return true;
            }
        }
    }
    return false;
}

std::uint32_t Lexicon::byStem(std::string_view token) const
{
    if (token.size() < 3) {
        return kNone;
    }
    for (std::size_t l = 0; l < m_stems.size(); ++l) {
        const auto stem = stemWord(m_options.stemmers[l], token);
        if (const auto it = m_stems[l].find(stem); it != m_stems[l].end()) {
            return it->second;
        }
    }
    return kNone;
}

std::uint32_t Lexicon::exact(std::string_view word) const
{
    const auto it = m_words.find(word);
    return it == m_words.end() ? kNone : it->second;
}

/// English inflections a stemmer leaves apart from their base word
/// ("unaliving" → "unaliv", "unalive" → "unal"): strip a suffix, restore a
/// dropped "e" or a doubled consonant, and look the base up.
std::uint32_t Lexicon::byInflection(std::string_view token) const
{
    if (token.size() < 5) {
        return kNone;
    }
    for (const std::string_view suffix : {"ing", "ed", "es", "s", "d"}) {
        if (token.size() < suffix.size() + 3 ||
            token.substr(token.size() - suffix.size()) != suffix) {
            continue;
        }
        const auto base = token.substr(0, token.size() - suffix.size());
        if (const auto id = exact(base); id != kNone) {
            return id;
        }
        if (const auto id = exact(std::string(base) + "e"); id != kNone) {
            return id;
        }
        if (base.size() >= 4 && base[base.size() - 1] == base[base.size() - 2]) {
            if (const auto id = exact(base.substr(0, base.size() - 1)); id != kNone) {
                return id;
            }
        }
    }
    return kNone;
}

std::uint32_t Lexicon::alternative(std::string_view token, std::uint32_t self) const
{
    if (const auto id = byStem(token); id != kNone && id != self) {
        return id;
    }
    if (const auto id = byInflection(token); id != kNone && id != self) {
        return id;
    }
    if (m_fuzzy && token.size() >= m_options.fuzzyMinLength && !isKnownWord(token)) {
        return fuzzy(token, self);
    }
    return kNone;
}

std::uint32_t Lexicon::resolve(std::string_view token) const
{
    return alternative(token, kNone);
}

std::uint32_t Lexicon::fuzzy(std::string_view token, std::uint32_t exclude) const
{
    const int allowed = token.size() >= m_options.fuzzyTwoEditsLength ? 2 : 1;
    std::vector<std::string> variants;
    deletions(token, allowed, variants);
    variants.emplace_back(token);
    std::uint32_t best = kNone;
    int bestDistance = allowed + 1;
    for (const auto& v : variants) {
        const auto it = m_deletes.find(v);
        if (it == m_deletes.end()) {
            continue;
        }
        for (const auto id : it->second) {
            const auto& word = m_wordById[id];
            // A typo rarely changes the first letter; requiring it keeps
            // ordinary words from drifting onto risk words.
            if (id == exclude || word.empty() || word.front() != token.front()) {
                continue;
            }
            const int limit =
                std::min(allowed, word.size() >= m_options.fuzzyTwoEditsLength ? 2 : 1);
            const int d = editDistance(token, word, limit);
            if (d <= limit && (d < bestDistance || (d == bestDistance && id < best))) {
                best = id;
                bestDistance = d;
            }
        }
    }
    return best;
}

} // namespace warmline::risk
