#pragma once

// The frames waiting to be written to one operator link, one write at a
// time, with a bound: a link that cannot keep up is closed (it reconnects
// and resynchronises) rather than holding memory without limit. The writer
// asks for the next frame, writes it, and reports the write; the queue may
// be closed meanwhile (overflow, the peer gone), and a write that completes
// after that must not take anything off the emptied queue. No I/O here:
// LinkSession does the writing.

#include <cstddef>
#include <deque>
#include <memory>
#include <string>

namespace warmline::link {

class OutboundFrames
{
public:
    explicit OutboundFrames(std::size_t maxQueued) : m_max(maxQueued) {}

    enum class Push
    {
        Queued,       ///< a writer is already running; it will get to it
        StartWriting, ///< nobody is writing: start a writer
        Overflow,     ///< the bound was reached: the queue is now closed
        Closed        ///< already closed: dropped
    };
    Push push(std::shared_ptr<const std::string> frame)
    {
        if (m_closed) {
            return Push::Closed;
        }
        if (m_frames.size() >= m_max) {
            close();
            return Push::Overflow;
        }
        m_frames.push_back(std::move(frame));
        if (m_writing) {
            return Push::Queued;
        }
        m_writing = true;
        return Push::StartWriting;
    }

    /// The frame to write now (it stays queued until written() says so), or
    /// null when there is nothing more (or the queue closed): the writer stops.
    std::shared_ptr<const std::string> next()
    {
        if (m_closed || m_frames.empty()) {
            m_writing = false;
            return nullptr;
        }
        return m_frames.front();
    }

    /// The write of next()'s frame finished; a failed write closes the queue.
    void written(bool ok)
    {
        if (!ok) {
            close();
            return;
        }
        if (!m_closed && !m_frames.empty()) {
            m_frames.pop_front();
        }
    }

    void close()
    {
        m_closed = true;
        m_frames.clear();
    }

    bool closed() const { return m_closed; }
    bool writing() const { return m_writing; }
    std::size_t size() const { return m_frames.size(); }

private:
    std::size_t m_max;
    std::deque<std::shared_ptr<const std::string>> m_frames;
    bool m_writing = false;
    bool m_closed = false;
};

} // namespace warmline::link
