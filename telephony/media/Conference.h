#pragma once

// A three-way call's mixer (a warm transfer to a crisis line): every 20 ms
// it takes one frame from each leg's queue and sends each leg the sum of the
// others it hears (telephony/media/AudioMix; everyone by default, fewer for
// a shift lead listening in), encoded in that leg's law. A leg none of the
// others spoke to in a tick gets nothing that tick. One thread: the
// io_context's.

#include "telephony/media/AudioMix.h"
#include "telephony/media/Rtp.h"
#include "telephony/media/RtpSession.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace warmline::sip {

class Conference : public std::enable_shared_from_this<Conference>
{
public:
    explicit Conference(boost::asio::io_context& ioc) : m_timer(ioc) {}
    ~Conference() { stop(); }

    /// Takes the session's received audio into the mix (before start());
    /// `hears` says which of the legs (by the order they were added) it
    /// hears. Returns the leg's index.
    std::size_t add(const std::shared_ptr<RtpSession>& session, HearsMask hears = kHearsEveryone);
    /// Changes what a leg hears from the next tick on.
    void setHears(std::size_t leg, HearsMask hears);
    void start();
    void stop();

private:
    void tick();

    struct Leg
    {
        std::weak_ptr<RtpSession> session;
        MixQueue queue;
        std::optional<std::uint64_t> lastSent; ///< tick of the last frame sent to it
        HearsMask hears = kHearsEveryone;
    };
    boost::asio::steady_timer m_timer;
    std::vector<Leg> m_legs;
    RtpPacing m_pacing;
    std::uint64_t m_next = 0;
    bool m_running = false;
};

} // namespace warmline::sip
