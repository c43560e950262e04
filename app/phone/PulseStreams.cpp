#include "app/phone/PulseStreams.h"

#include <pulse/pulseaudio.h>

#include <unistd.h>

#include <functional>
#include <memory>
#include <set>
#include <vector>

namespace warmline::app {

namespace {

using Clock = std::chrono::steady_clock;

/// A PulseAudio client on a mainloop of its own, run step by step (each
/// step waits at most 50 ms) until a condition or the deadline.
class Session
{
public:
    explicit Session(Clock::time_point deadline) : m_deadline(deadline)
    {
        m_loop = pa_mainloop_new();
        if (m_loop) {
            m_context = pa_context_new(pa_mainloop_get_api(m_loop), "Warmline softphone");
        }
    }

    ~Session()
    {
        if (m_context) {
            pa_context_disconnect(m_context);
            pa_context_unref(m_context);
        }
        if (m_loop) {
            pa_mainloop_free(m_loop);
        }
    }

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Connected (the server named by PULSE_SERVER, or the user's own).
    bool connect()
    {
        if (!m_context ||
            pa_context_connect(m_context, nullptr, PA_CONTEXT_NOAUTOSPAWN, nullptr) < 0) {
            return false;
        }
        runUntil([this] {
            const auto s = pa_context_get_state(m_context);
            return s == PA_CONTEXT_READY || s == PA_CONTEXT_FAILED || s == PA_CONTEXT_TERMINATED;
        });
        return pa_context_get_state(m_context) == PA_CONTEXT_READY;
    }

    /// Runs `op` (a started operation) to its end; false on the deadline.
    bool finish(pa_operation* op)
    {
        if (!op) {
            return false;
        }
        const bool done =
            runUntil([op] { return pa_operation_get_state(op) != PA_OPERATION_RUNNING; });
        if (!done) {
            pa_operation_cancel(op);
        }
        pa_operation_unref(op);
        return done;
    }

    pa_context* context() const { return m_context; }

private:
    bool runUntil(const std::function<bool()>& done)
    {
        while (!done()) {
            if (Clock::now() >= m_deadline) {
                return false;
            }
            if (pa_mainloop_prepare(m_loop, 50'000) < 0 || pa_mainloop_poll(m_loop) < 0 ||
                pa_mainloop_dispatch(m_loop) < 0) {
                return false;
            }
        }
        return true;
    }

    Clock::time_point m_deadline;
    pa_mainloop* m_loop = nullptr;
    pa_context* m_context = nullptr;
};

struct Lists
{
    std::set<std::uint32_t> ownClients;
    std::string description;
    std::vector<std::uint32_t> devices; // of that description
    std::vector<std::uint32_t> streams; // of any client, with theirs
    std::vector<std::uint32_t> streamClients;
    int moved = 0;
};

bool isOurs(const pa_proplist* props)
{
    const char* pid = props ? pa_proplist_gets(props, PA_PROP_APPLICATION_PROCESS_ID) : nullptr;
    return pid && std::to_string(::getpid()) == pid;
}

} // namespace

struct PulseStreams::Impl
{
    explicit Impl(std::chrono::milliseconds deadline) : session(Clock::now() + deadline)
    {
        connected = session.connect();
    }
    Session session;
    bool connected = false;
};

PulseStreams::PulseStreams(std::chrono::milliseconds deadline)
    : m_impl(std::make_unique<Impl>(deadline))
{
}

PulseStreams::~PulseStreams() = default;

std::string PulseStreams::move(Direction direction, const std::string& description)
{
    if (!m_impl->connected) {
        return "no PulseAudio server answered";
    }
    auto& s = m_impl->session;
    // finish() cancels an operation it gives up on, so no callback can
    // reach `l` once this function has returned.
    Lists l;
    l.description = description;
    auto* ctx = s.context();
    const bool playback = direction == Direction::Playback;

    bool listed = s.finish(pa_context_get_client_info_list(
        ctx,
        [](pa_context*, const pa_client_info* i, int eol, void* u) {
            if (eol == 0 && i && isOurs(i->proplist)) {
                static_cast<Lists*>(u)->ownClients.insert(i->index);
            }
        },
        &l));
    if (playback) {
        listed = listed &&
                 s.finish(pa_context_get_sink_info_list(
                     ctx,
                     [](pa_context*, const pa_sink_info* i, int eol, void* u) {
                         auto* l = static_cast<Lists*>(u);
                         if (eol == 0 && i && i->description && l->description == i->description) {
                             l->devices.push_back(i->index);
                         }
                     },
                     &l));
        listed = listed && s.finish(pa_context_get_sink_input_info_list(
                               ctx,
                               [](pa_context*, const pa_sink_input_info* i, int eol, void* u) {
                                   auto* l = static_cast<Lists*>(u);
                                   if (eol == 0 && i) {
                                       l->streams.push_back(i->index);
                                       l->streamClients.push_back(i->client);
                                   }
                               },
                               &l));
    } else {
        listed = listed &&
                 s.finish(pa_context_get_source_info_list(
                     ctx,
                     [](pa_context*, const pa_source_info* i, int eol, void* u) {
                         auto* l = static_cast<Lists*>(u);
                         if (eol == 0 && i && i->description && l->description == i->description) {
                             l->devices.push_back(i->index);
                         }
                     },
                     &l));
        listed = listed && s.finish(pa_context_get_source_output_info_list(
                               ctx,
                               [](pa_context*, const pa_source_output_info* i, int eol, void* u) {
                                   auto* l = static_cast<Lists*>(u);
                                   if (eol == 0 && i) {
                                       l->streams.push_back(i->index);
                                       l->streamClients.push_back(i->client);
                                   }
                               },
                               &l));
    }
    if (!listed) {
        return "the sound server did not answer in time";
    }
    if (l.devices.empty()) {
        return "the sound server has no such device";
    }
    if (l.devices.size() > 1) {
        // Two headsets of one model: liblinphone names both alike, and
        // moving to either could be the wrong one.
        return "two devices have that name";
    }
    int ours = 0;
    for (std::size_t k = 0; k < l.streams.size(); ++k) {
        if (!l.ownClients.contains(l.streamClients[k])) {
            continue;
        }
        ++ours;
        auto done = [](pa_context*, int success, void* u) {
            if (success) {
                ++static_cast<Lists*>(u)->moved;
            }
        };
        s.finish(playback ? pa_context_move_sink_input_by_index(ctx, l.streams[k], l.devices[0],
                                                                done, &l)
                          : pa_context_move_source_output_by_index(ctx, l.streams[k], l.devices[0],
                                                                   done, &l));
    }
    if (ours == 0) {
        return "the sound server has no stream of this program";
    }
    if (l.moved == 0) {
        return "the sound server did not move the call's sound";
    }
    // A stream of ours that did not move (a ring just ending) does not
    // keep the call from counting as moved.
    return std::string();
}

} // namespace warmline::app
