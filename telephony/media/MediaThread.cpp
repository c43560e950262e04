#include "telephony/media/MediaThread.h"

#include <boost/asio/post.hpp>
#include <pthread.h>
#include <spdlog/spdlog.h>

namespace warmline::sip {

MediaThread::MediaThread()
    : m_work(boost::asio::make_work_guard(m_ioc)), m_thread([this] { run(); })
{
}

MediaThread::~MediaThread()
{
    stop();
}

void MediaThread::stop()
{
    if (!m_thread.joinable()) {
        return;
    }
    boost::asio::post(m_ioc, [this] { m_ioc.stop(); });
    m_thread.join();
}

void MediaThread::run()
{
    ::pthread_setname_np(::pthread_self(), "media");
    for (;;) {
        try {
            m_ioc.run();
            return;
        } catch (const std::exception& e) {
            // One handler's failure must not stop every call's audio.
            spdlog::error("media: {}", e.what());
        } catch (...) {
            spdlog::error("media: a handler failed with an unknown exception");
        }
    }
}

} // namespace warmline::sip
