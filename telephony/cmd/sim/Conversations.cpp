#include "telephony/cmd/sim/Conversations.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>

namespace warmline::sim {

std::vector<Arc> readArcs(const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in) {
        throw std::runtime_error("cannot read the text bank " + file.string());
    }
    std::vector<Arc> arcs;
    std::set<std::string> closed; ///< arcs another arc's lines came after
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (!line.starts_with("arc:")) {
            continue;
        }
        const auto bar = line.find('|');
        if (bar == std::string::npos || bar + 1 == line.size()) {
            continue;
        }
        std::string name = line.substr(4, bar - 4);
        if (name.ends_with(":crisis")) {
            name.resize(name.size() - 7);
        }
        const std::string text = line.substr(bar + 1);
        if (name.empty()) {
            continue;
        }
        if (arcs.empty() || arcs.back().name != name) {
            if (!arcs.empty()) {
                closed.insert(arcs.back().name);
            }
            if (closed.contains(name)) {
                throw std::runtime_error("the lines of arc " + name + " in " + file.string() +
                                         " are not together");
            }
            arcs.push_back(Arc{name, {}});
        }
        auto& turns = arcs.back().turns;
        if (std::find(turns.begin(), turns.end(), text) != turns.end()) {
            throw std::runtime_error("arc " + name + " in " + file.string() +
                                     " has the same line twice");
        }
        turns.push_back(text);
    }
    return arcs;
}

Conversations::Conversations(std::vector<Arc> arcs, Clock::duration replyDelay,
                             Clock::duration patience)
    : m_arcs(std::move(arcs)), m_replyDelay(replyDelay), m_patience(patience)
{
    std::erase_if(m_arcs, [](const Arc& a) { return a.turns.empty(); });
    if (m_arcs.empty()) {
        throw std::runtime_error("the text bank has no arcs (`arc:NAME|text` lines)");
    }
}

std::optional<Conversations::Text> Conversations::open(const std::string& number, bool spanish,
                                                       std::mt19937_64& rng, Clock::time_point now)
{
    if (talking(number)) {
        return std::nullopt;
    }
    std::vector<const Arc*> fitting;
    for (const auto& arc : m_arcs) {
        if (arc.spanish() == spanish) {
            fitting.push_back(&arc);
        }
    }
    if (fitting.empty()) {
        for (const auto& arc : m_arcs) {
            fitting.push_back(&arc);
        }
    }
    std::uniform_int_distribution<std::size_t> pick(0, fitting.size() - 1);
    const Arc* arc = fitting[pick(rng)];
    if (arc->turns.size() == 1) {
        ++m_finished;
    } else {
        m_open[number] = State{arc, 1, std::nullopt, now};
    }
    return Text{number, arc->turns.front()};
}

void Conversations::replied(const std::string& number, Clock::time_point now)
{
    const auto it = m_open.find(number);
    if (it == m_open.end()) {
        return; // not in a conversation (or it ended): nothing to answer
    }
    it->second.heardAt = now;
    if (!it->second.answerAt) {
        it->second.answerAt = now + m_replyDelay;
    }
}

std::vector<Conversations::Text> Conversations::due(Clock::time_point now)
{
    std::vector<std::pair<Clock::time_point, Text>> out;
    for (auto it = m_open.begin(); it != m_open.end();) {
        State& s = it->second;
        if (s.answerAt && *s.answerAt <= now) {
            out.emplace_back(*s.answerAt, Text{it->first, s.arc->turns[s.next]});
            ++s.next;
            s.answerAt.reset();
            s.heardAt = now;
            if (s.next == s.arc->turns.size()) {
                ++m_finished;
                it = m_open.erase(it);
                continue;
            }
        } else if (!s.answerAt && now - s.heardAt >= m_patience) {
            ++m_leftWaiting;
            it = m_open.erase(it);
            continue;
        }
        ++it;
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Text> texts;
    for (auto& [at, text] : out) {
        texts.push_back(std::move(text));
    }
    return texts;
}

std::optional<Conversations::Clock::time_point> Conversations::nextEvent() const
{
    std::optional<Clock::time_point> next;
    for (const auto& [number, s] : m_open) {
        const auto at = s.answerAt ? *s.answerAt : s.heardAt + m_patience;
        if (!next || at < *next) {
            next = at;
        }
    }
    return next;
}

} // namespace warmline::sim
