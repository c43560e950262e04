#pragma once

// warmline-sim's traffic model: a bank of synthetic texts by category, and
// who texts next and what, paced like a real warmline (a few repeat callers
// send most texts, conversations continue over several messages, a small
// share shows crisis signs). Numbers are fictional (555-0100..0199 blocks).

#include <cstddef>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace warmline::sim {

/// Texts by category, from a `category|text` file.
class TextBank
{
public:
    /// Throws std::runtime_error when the file cannot be read or has no
    /// `ordinary|` lines.
    explicit TextBank(const std::filesystem::path& file);

    bool has(const std::string& category) const;

    /// A text of `category`, else of `fallback`.
    const std::string& pick(const std::string& category, const std::string& fallback,
                            std::mt19937_64& rng) const;

private:
    std::map<std::string, std::vector<std::string>> m_texts;
};

struct Caller
{
    std::string number;
    bool spanish = false;
    int followupsLeft = 0; ///< texts still to come in the current conversation
};

/// Who texts next and what: conversations continue, repeat callers dominate.
/// Without a text bank it only picks callers (conversations bring the texts).
class TrafficModel
{
public:
    TrafficModel(int callers, std::mt19937_64& rng, const TextBank* texts);

    struct Text
    {
        const Caller* caller;
        const std::string* body;
    };

    Text next();

    /// The next texter: mostly the few frequent callers.
    Caller& pickCaller();

private:
    std::mt19937_64& m_rng;
    const TextBank* m_texts;
    std::vector<Caller> m_callers;
    std::size_t m_frequent = 1;
};

} // namespace warmline::sim
