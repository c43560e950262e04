#pragma once

// Words, not strings: finds the word of the rules' vocabulary that a token of
// a message stands for when the message does not spell it the way the rules
// do — an inflection ("unaliving" for "unalive", a Snowball stemmer per
// language) or a misspelling of a longer word ("sucidal", a bounded edit
// distance). Words of a dictionary ("known words") are never read as a
// misspelling of another word: "hills" is not "pills".
//
// Built once with the rules and read-only afterwards. resolve() is const and
// may be called from any number of threads (each thread keeps its own
// stemmer state).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace warmline::risk {

/// Lets maps keyed by std::string be searched with a string_view.
struct WordHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

/// Reads word lists (one word a line, as /usr/share/dict files are),
/// normalised as messages are. Lists already read are shared, not read
/// again. Throws std::runtime_error naming an unreadable file.
std::shared_ptr<const WordSet> loadKnownWords(const std::vector<std::filesystem::path>& files);

/// The Snowball stemmer names this build knows ("english", "spanish", …).
bool stemmerAvailable(std::string_view language);

/// The stem of a lower-case ASCII word; the word itself when `language` has
/// no stemmer.
std::string stemWord(std::string_view language, std::string_view word);

/// Optimal string alignment distance (an adjacent swap counts as one edit),
/// or max + 1 when it is larger than `max`.
int editDistance(std::string_view a, std::string_view b, int max);

class Lexicon
{
public:
    struct Options
    {
        std::vector<std::string> stemmers;   ///< languages, in the order tried
        std::size_t fuzzyMinLength = 5;      ///< shorter words never match fuzzily
        std::size_t fuzzyTwoEditsLength = 8; ///< from this length two edits are allowed
        std::shared_ptr<const WordSet> known;
    };

    /// `words`: the vocabulary words that a stem or a near spelling may
    /// reach, with their ids; the first word listed for a stem wins, unless
    /// a later one is the stem itself.
    void build(const std::vector<std::pair<std::string, std::uint32_t>>& words, Options options);

    bool enabled() const { return !m_options.stemmers.empty() || m_fuzzy; }

    /// The id of the vocabulary word `token` stands for, or UINT32_MAX.
    /// `token` is a normalised token that is not itself in the vocabulary.
    std::uint32_t resolve(std::string_view token) const;

    /// Another vocabulary word `token` may stand for, or UINT32_MAX: one
    /// that shares its stem, or that it is an inflection of ("unaliving"
    /// also reads as "unalive", "cutting" as "cut"); for a token that is no
    /// dictionary word, a near spelling ("suicde", listed as a misspelling,
    /// also reads as "suicide"). `self` is the token's own id, never returned.
    std::uint32_t alternative(std::string_view token, std::uint32_t self) const;

    bool isKnownWord(std::string_view token) const;

private:
    std::uint32_t byStem(std::string_view token) const;
    std::uint32_t byInflection(std::string_view token) const;
    std::uint32_t fuzzy(std::string_view token, std::uint32_t exclude) const;
    std::uint32_t exact(std::string_view word) const;

    Options m_options;
    bool m_fuzzy = false;
    /// Per stemmer: stem → the vocabulary word it stands for.
    std::vector<std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>>> m_stems;
    /// Deletion neighbourhood: a word with up to two letters deleted → the
    /// candidates it may come from (verified with editDistance).
    std::unordered_map<std::string, std::vector<std::uint32_t>, WordHash, std::equal_to<>>
        m_deletes;
    std::vector<std::string> m_wordById; ///< indexed by id; empty where not a target
    std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>> m_words;
};

} // namespace warmline::risk
