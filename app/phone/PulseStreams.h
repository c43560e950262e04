#pragma once

// Moving the softphone's own PulseAudio streams to another device while a
// call is open (decision 151). liblinphone 5.1 cannot switch the sound
// card of a running call on Linux (mediastreamer2's PulseAudio and ALSA
// filters do not implement it), but the sound server can move a stream:
// this asks it to, for this process's streams only. Works with PulseAudio
// and with PipeWire's PulseAudio service. Synchronous, bounded by a
// deadline; called on the softphone's engine thread.

#include <chrono>
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

    /// Moves every stream of this process in `direction` to the sink (or,
    /// for Capture, the source) whose description is `description` (what
    /// liblinphone calls the device's name). Returns "" when done, else
    /// why not (no sound server, no such device, no stream of ours).
    static std::string
    moveOwnStreams(Direction direction, const std::string& description,
                   std::chrono::milliseconds deadline = std::chrono::milliseconds(2000));
};

} // namespace warmline::app
