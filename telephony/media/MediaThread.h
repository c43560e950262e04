#pragma once

// The gateway's media thread: an io_context of its own for every call's RTP
// sessions and mixers, so that audio keeps its 20 ms pace whatever the
// gateway's main io_context is busy with (webhooks, operator links, the
// store's results). The owner posts to it (RtpSession and Conference do so
// themselves); it runs until stop().

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <thread>

namespace warmline::sip {

class MediaThread
{
public:
    MediaThread();
    ~MediaThread();
    MediaThread(const MediaThread&) = delete;
    MediaThread& operator=(const MediaThread&) = delete;

    boost::asio::io_context& context() { return m_ioc; }
    /// Runs what was posted before it, then stops the thread and joins it.
    /// Handlers still pending (a closed socket's last receive) are destroyed
    /// with the io_context. Calling it again does nothing.
    void stop();

private:
    void run();

    boost::asio::io_context m_ioc{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> m_work;
    std::thread m_thread;
};

} // namespace warmline::sip
