#pragma once

// Scripted conversations for warmline-sim. Each texter follows one arc from
// the text bank: it sends the arc's opening, then its next turn once for
// each time the line texts back (replies that arrive while it is still
// "typing" are answered by that one turn), until the arc ends. A texter
// who hears nothing back for `patience` leaves. No line is sent twice in a
// conversation, and a conversation never leaves its arc. Pure: no clock,
// sockets or output of its own; the caller passes the time. One thread.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace warmline::sim {

struct Arc
{
    std::string name;
    std::vector<std::string> turns;
    bool spanish() const { return name.starts_with("es-"); }
};

/// The arcs of a `category|text` bank (`arc:NAME|text`, `arc:NAME:crisis|text`),
/// in file order. Throws std::runtime_error when an arc's lines are not
/// consecutive or repeat a line.
std::vector<Arc> readArcs(const std::filesystem::path& file);

class Conversations
{
public:
    using Clock = std::chrono::steady_clock;

    struct Text
    {
        std::string number;
        std::string body;
    };

    Conversations(std::vector<Arc> arcs, Clock::duration replyDelay, Clock::duration patience);

    /// Starts a conversation for `number` on an arc (Spanish for a Spanish
    /// texter, when there is one) and returns its opening; nullopt while
    /// that texter is still in a conversation.
    std::optional<Text> open(const std::string& number, bool spanish, std::mt19937_64& rng,
                             Clock::time_point now);
    /// The line texted `number`: its texter answers after the reply delay.
    void replied(const std::string& number, Clock::time_point now);
    /// The turns due by `now`, in order; ends the conversations whose arc is
    /// done and those whose texter gave up waiting.
    std::vector<Text> due(Clock::time_point now);
    /// When due() next has something to do, if ever.
    std::optional<Clock::time_point> nextEvent() const;

    bool talking(const std::string& number) const { return m_open.contains(number); }
    std::size_t active() const { return m_open.size(); }
    long long finished() const { return m_finished; }
    long long leftWaiting() const { return m_leftWaiting; }

private:
    struct State
    {
        const Arc* arc = nullptr;
        std::size_t next = 1; ///< the turn to send next; 0 is the opening
        std::optional<Clock::time_point> answerAt;
        Clock::time_point heardAt; ///< last text either way, for patience
    };

    std::vector<Arc> m_arcs;
    Clock::duration m_replyDelay;
    Clock::duration m_patience;
    std::map<std::string, State> m_open;
    long long m_finished = 0;
    long long m_leftWaiting = 0;
};

} // namespace warmline::sim
