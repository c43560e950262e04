#pragma once

// A three-way call's mixer (a warm transfer to a crisis line): every 20 ms
// it takes one frame from each leg's queue and sends each leg the sum of the
// others it hears (telephony/media/AudioMix; everyone by default, fewer for
// a shift lead listening in), encoded in that leg's law. A leg none of the
// others spoke to in a tick gets nothing that tick.
//
// Threads: as RtpSession. The mixer runs on the media io_context of its
// sessions; its owner calls it from the control one, and when the two differ
// each call is posted to the media thread in the order made.

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
    /// Media and control on `ioc`, one thread.
    explicit Conference(boost::asio::io_context& ioc) : Conference(ioc, ioc) {}
    /// Mixes on `media`'s thread, called from `control`'s.
    Conference(boost::asio::io_context& media, boost::asio::io_context& control)
        : m_mediaIoc(media), m_ownThread(&media != &control), m_timer(media)
    {
    }
    /// Call stop() first when the mixer runs on a media thread of its own:
    /// it then ends there, with the last handler holding it.
    ~Conference() { stopNow(); }

    /// Takes the session's received audio into the mix (before start());
    /// `hears` says which of the legs (by the order they were added) it
    /// hears. Returns the leg's index.
    std::size_t add(const std::shared_ptr<RtpSession>& session, HearsMask hears = kHearsEveryone);
    /// Changes what a leg hears from the next tick on.
    void setHears(std::size_t leg, HearsMask hears);
    void start();
    void stop();

private:
    template <typename F> void onMedia(F&& f);
    void addNow(const std::shared_ptr<RtpSession>& session, HearsMask hears);
    void startNow();
    void stopNow();
    void tick();

    struct Leg
    {
        std::weak_ptr<RtpSession> session;
        MixQueue queue;
        std::optional<std::uint64_t> lastSent; ///< tick of the last frame sent to it
        HearsMask hears = kHearsEveryone;
    };
    boost::asio::io_context& m_mediaIoc;
    bool m_ownThread = false;
    std::size_t m_added = 0; ///< legs added, counted on the control thread
    boost::asio::steady_timer m_timer;
    std::vector<Leg> m_legs;
    RtpPacing m_pacing;
    std::uint64_t m_next = 0;
    bool m_running = false;
};

} // namespace warmline::sip
