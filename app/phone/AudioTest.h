#pragma once

// The audio test in Settings, run on the softphone's engine thread (it
// touches liblinphone; only Softphone.cpp and AudioTest.cpp include this):
// a short tone on the chosen speaker, a few seconds recorded from the
// chosen microphone, then that recording played back on the speaker. The
// recording is measured (its peak, in dBFS) and deleted when the test ends:
// it is the operator's voice and nobody needs it afterwards.

#include <linphone++/linphone.hh>

#include <chrono>
#include <memory>
#include <string>

namespace warmline::app {

class AudioTestRun
{
public:
    using Clock = std::chrono::steady_clock;
    enum class Step
    {
        Tone,
        Recording,
        PlayingBack,
        Done,
        Failed
    };

    /// `inputId`/`outputId`: liblinphone device ids ("": the core's default).
    /// Files go in `dir`. Starts the tone; step() says Failed if it could not.
    AudioTestRun(std::shared_ptr<linphone::Core> core, const std::string& dir,
                 const std::string& inputId, const std::string& outputId,
                 std::chrono::milliseconds recordFor);
    ~AudioTestRun();
    AudioTestRun(const AudioTestRun&) = delete;
    AudioTestRun& operator=(const AudioTestRun&) = delete;

    /// Moves on to the next step when the current one is over.
    void tick(Clock::time_point now);
    Step step() const { return m_step; }
    /// The microphone's level now in dBFS, while recording.
    double liveLevel() const;
    /// The recording's peak in dBFS (-120 for digital silence), once recorded.
    double peakDbfs() const { return m_peak; }
    /// Why it failed (the softphone says it in the operator's language).
    enum class Problem
    {
        None,
        ToneFile,
        NoSpeaker,
        SpeakerBusy,
        NoMicrophone,
        MicrophoneBusy,
        CallArrived, ///< set by the softphone, which stops the test
        Cancelled
    };
    Problem problem() const { return m_problem; }

private:
    bool play(const std::string& file, int durationMs, Clock::time_point now);
    void fail(Problem why);

    std::shared_ptr<linphone::Core> m_core;
    std::string m_inputId;
    std::string m_outputId;
    std::string m_tonePath;
    std::string m_recordPath;
    std::chrono::milliseconds m_recordFor;
    std::shared_ptr<linphone::Player> m_player;
    std::shared_ptr<linphone::Recorder> m_recorder;
    Clock::time_point m_until{};
    Step m_step = Step::Tone;
    double m_peak = -120.0;
    Problem m_problem = Problem::None;
};

/// A 16-bit PCM WAV file's peak in dBFS (-120 for silence or a file that
/// is not one) and length. Tolerates a data size running past the end.
struct WavSummary
{
    double peakDbfs = -120.0;
    int durationMs = 0;
};
WavSummary summarizeWav(const std::string& path);

/// Writes a mono 16-bit WAV of `ms` of a `hz` sine at -12 dBFS, with short
/// fades so that it does not click.
bool writeToneWav(const std::string& path, int hz, int ms);

} // namespace warmline::app
