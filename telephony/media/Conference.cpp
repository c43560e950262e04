#include "telephony/media/Conference.h"

#include <boost/asio/post.hpp>

namespace warmline::sip {

template <typename F> void Conference::onMedia(F&& f)
{
    if (!m_ownThread) {
        f();
        return;
    }
    boost::asio::post(m_mediaIoc,
                      [self = shared_from_this(), f = std::forward<F>(f)]() mutable { f(); });
}

std::size_t Conference::add(const std::shared_ptr<RtpSession>& session, HearsMask hears)
{
    onMedia([this, session, hears] { addNow(session, hears); });
    return m_added++;
}

void Conference::addNow(const std::shared_ptr<RtpSession>& session, HearsMask hears)
{
    const std::size_t slot = m_legs.size();
    m_legs.push_back(Leg{session, MixQueue(5), std::nullopt, hears});
    session->mixWith(
        [weak = weak_from_this(), slot](std::span<const std::uint8_t> payload, G711Law law) {
            if (auto self = weak.lock(); self && self->m_running && slot < self->m_legs.size()) {
                self->m_legs[slot].queue.push(decodeG711(payload, law));
            }
        });
}

void Conference::setHears(std::size_t leg, HearsMask hears)
{
    onMedia([this, leg, hears] {
        if (leg < m_legs.size()) {
            m_legs[leg].hears = hears;
        }
    });
}

void Conference::start()
{
    onMedia([this] { startNow(); });
}

void Conference::stop()
{
    onMedia([this] { stopNow(); });
}

void Conference::startNow()
{
    m_running = true;
    m_pacing.start = std::chrono::steady_clock::now();
    m_next = 1;
    m_timer.expires_at(m_pacing.dueTime(m_next));
    m_timer.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        if (auto self = weak.lock(); self && !ec) {
            self->tick();
        }
    });
}

void Conference::stopNow()
{
    m_running = false;
    m_timer.cancel();
}

void Conference::tick()
{
    if (!m_running) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const std::uint64_t due = m_pacing.packetsDueBy(now);
    // After a long stall, skip ahead rather than burst.
    if (due > m_next + 5) {
        m_next = due - 1;
    }
    while (m_next <= due) {
        std::vector<std::optional<MixFrame>> frames;
        frames.reserve(m_legs.size());
        for (auto& leg : m_legs) {
            frames.push_back(leg.queue.pop());
        }
        for (std::size_t i = 0; i < m_legs.size(); ++i) {
            auto session = m_legs[i].session.lock();
            if (!session) {
                continue;
            }
            if (const auto mixed = mixForLeg(frames, i, m_legs[i].hears)) {
                auto& last = m_legs[i].lastSent;
                session->sendMixed(*mixed, last ? m_next - *last - 1 : 0);
                last = m_next;
            }
        }
        ++m_next;
    }
    m_timer.expires_at(m_pacing.dueTime(m_next));
    m_timer.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        if (auto self = weak.lock(); self && !ec) {
            self->tick();
        }
    });
}

} // namespace warmline::sip
