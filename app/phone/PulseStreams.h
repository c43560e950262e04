#pragma once

// Moving the softphone's own PulseAudio streams to another device while a
// call is open (decision 151). liblinphone 5.1 cannot switch the sound
// card of a running call on Linux (mediastreamer2's PulseAudio and ALSA
// filters do not implement it), but the sound server can move a stream:
// this asks it to, for this process's streams only. Works with PulseAudio
// and with PipeWire's PulseAudio service. Synchronous: one connection and
// one deadline for all it does; used on the softphone's engine thread.

#include <chrono>
#include <memory>
#include <string>

namespace warmline::app {

class PulseStreams
{
public:
    enum class Direction
    {
        Playback,
        Capture
    };

    /// Connects to the sound server (PULSE_SERVER's, or the user's own);
    /// everything this object does ends by `deadline` from now.
    explicit PulseStreams(std::chrono::milliseconds deadline = std::chrono::milliseconds(1500));
    ~PulseStreams();
    PulseStreams(const PulseStreams&) = delete;
    PulseStreams& operator=(const PulseStreams&) = delete;

    /// Moves this process's streams in `direction` to the one sink (or, for
    /// Capture, source) whose description is `description` (what
    /// liblinphone calls the device's name). Returns "" once at least one
    /// stream moved and none failed to, else why not: no sound server, no
    /// such device, two devices of that name (the move would be a guess),
    /// no stream of this program, or the server refused or ran out of time.
    std::string move(Direction direction, const std::string& description);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace warmline::app
