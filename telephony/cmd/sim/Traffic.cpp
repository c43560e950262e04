#include "telephony/cmd/sim/Traffic.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace warmline::sim {

namespace {

/// Fictional numbers only: the 555-0100..0199 block of several area codes.
std::vector<Caller> makeCallers(int count, std::mt19937_64& rng)
{
    static constexpr std::array<const char*, 10> kAreas{"555", "202", "312", "415", "503",
                                                        "617", "702", "808", "919", "206"};
    std::vector<Caller> callers;
    std::bernoulli_distribution spanish(0.12);
    for (int i = 0; i < count; ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "+1%s55501%02d", kAreas[static_cast<std::size_t>(i / 100)],
                      i % 100);
        callers.push_back(Caller{buf, spanish(rng), 0});
    }
    return callers;
}

} // namespace

TextBank::TextBank(const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in) {
        throw std::runtime_error("cannot read the text bank " + file.string());
    }
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const auto bar = line.find('|');
        if (bar == std::string::npos || bar == 0 || bar + 1 == line.size()) {
            continue;
        }
        m_texts[line.substr(0, bar)].push_back(line.substr(bar + 1));
    }
    if (!has("ordinary")) {
        throw std::runtime_error("the text bank " + file.string() + " has no `ordinary|` lines");
    }
}

bool TextBank::has(const std::string& category) const
{
    const auto it = m_texts.find(category);
    return it != m_texts.end() && !it->second.empty();
}

const std::string& TextBank::pick(const std::string& category, const std::string& fallback,
                                  std::mt19937_64& rng) const
{
    const auto& list = m_texts.at(has(category) ? category : fallback);
    std::uniform_int_distribution<std::size_t> d(0, list.size() - 1);
    return list[d(rng)];
}

TrafficModel::TrafficModel(int callers, std::mt19937_64& rng, const TextBank* texts)
    : m_rng(rng), m_texts(texts), m_callers(makeCallers(callers, rng))
{
    // A few percent of callers make over half the contacts.
    m_frequent = std::max<std::size_t>(1, m_callers.size() / 20);
}

TrafficModel::Text TrafficModel::next()
{
    Caller& c = pickCaller();
    const std::string* body = nullptr;
    std::bernoulli_distribution crisis(0.05);
    if (crisis(m_rng) && m_texts->has("crisis")) {
        body = &m_texts->pick("crisis", "ordinary", m_rng);
    } else if (c.followupsLeft > 0) {
        body = &m_texts->pick(c.spanish ? "spanish-followup" : "followup", "followup", m_rng);
    } else {
        body = &m_texts->pick(c.spanish ? "spanish" : "ordinary", "ordinary", m_rng);
    }
    if (c.followupsLeft > 0) {
        --c.followupsLeft;
    } else {
        // Most conversations run a few texts; some are a single message.
        std::geometric_distribution<int> more(0.35);
        c.followupsLeft = std::min(more(m_rng), 8);
    }
    return Text{&c, body};
}

Caller& TrafficModel::pickCaller()
{
    std::vector<std::size_t> talking;
    for (std::size_t i = 0; i < m_callers.size(); ++i) {
        if (m_callers[i].followupsLeft > 0) {
            talking.push_back(i);
        }
    }
    std::bernoulli_distribution continueOne(0.6);
    if (!talking.empty() && continueOne(m_rng)) {
        std::uniform_int_distribution<std::size_t> d(0, talking.size() - 1);
        return m_callers[talking[d(m_rng)]];
    }
    std::bernoulli_distribution frequent(0.55);
    if (m_frequent < m_callers.size() && !frequent(m_rng)) {
        std::uniform_int_distribution<std::size_t> d(m_frequent, m_callers.size() - 1);
        return m_callers[d(m_rng)];
    }
    std::uniform_int_distribution<std::size_t> d(0, m_frequent - 1);
    return m_callers[d(m_rng)];
}

} // namespace warmline::sim
