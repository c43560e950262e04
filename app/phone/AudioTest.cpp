#include "app/phone/AudioTest.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <vector>

namespace warmline::app {

namespace {

constexpr double kFloor = -120.0;
constexpr int kToneHz = 440;
constexpr int kToneMs = 1000;
constexpr int kRate = 16000;
/// Time a player stays open beyond its file's length. A sound server may
/// hold a new stream's first two seconds in its buffer before it plays
/// them (PulseAudio's default target length; measured with the test's
/// server): closing at the file's end would cut a short tone to nothing.
constexpr auto kPlayMargin = std::chrono::milliseconds(2500);

std::uint32_t le32(const unsigned char* p)
{
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

void put16(std::string& out, std::uint16_t v)
{
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>(v >> 8));
}

void put32(std::string& out, std::uint32_t v)
{
    put16(out, static_cast<std::uint16_t>(v & 0xffff));
    put16(out, static_cast<std::uint16_t>(v >> 16));
}

std::shared_ptr<const linphone::AudioDevice> device(const std::shared_ptr<linphone::Core>& core,
                                                    const std::string& id, bool input)
{
    using C = linphone::AudioDevice::Capabilities;
    if (id.empty()) {
        return input ? core->getDefaultInputAudioDevice() : core->getDefaultOutputAudioDevice();
    }
    // The device chosen, or none: a verdict about another device would
    // mislead (unplugged since the list was made, or unable to do this).
    for (const auto& d : core->getExtendedAudioDevices()) {
        if (d->getId() == id) {
            return d->hasCapability(input ? C::CapabilityRecord : C::CapabilityPlay) ? d : nullptr;
        }
    }
    return nullptr;
}

} // namespace

WavSummary summarizeWav(const std::string& path)
{
    WavSummary out;
    std::ifstream in(path, std::ios::binary);
    const std::vector<unsigned char> b((std::istreambuf_iterator<char>(in)),
                                       std::istreambuf_iterator<char>());
    if (b.size() < 12 || std::memcmp(b.data(), "RIFF", 4) != 0 ||
        std::memcmp(b.data() + 8, "WAVE", 4) != 0) {
        return out;
    }
    bool pcm16 = false;
    std::uint32_t bytesPerSecond = 0;
    for (std::size_t at = 12; at + 8 <= b.size();) {
        const auto size = le32(b.data() + at + 4);
        const auto* body = b.data() + at + 8;
        const std::size_t left = b.size() - at - 8;
        if (std::memcmp(b.data() + at, "fmt ", 4) == 0 && left >= 16) {
            pcm16 = (body[0] | body[1] << 8) == 1 && (body[14] | body[15] << 8) == 16;
            bytesPerSecond = le32(body + 8);
        } else if (std::memcmp(b.data() + at, "data", 4) == 0) {
            if (!pcm16 || bytesPerSecond == 0) {
                return out;
            }
            // A recorder stopped early may leave the size longer than the file.
            const std::size_t bytes = std::min<std::size_t>(size, left);
            int peak = 0;
            for (std::size_t i = 0; i + 1 < bytes; i += 2) {
                const auto s = static_cast<std::int16_t>(body[i] | body[i + 1] << 8);
                peak = std::max(peak, std::abs(static_cast<int>(s)));
            }
            out.durationMs = static_cast<int>(bytes * 1000 / bytesPerSecond);
            out.peakDbfs = peak == 0 ? kFloor : std::max(kFloor, 20.0 * std::log10(peak / 32768.0));
            return out;
        }
        at += 8 + size + (size & 1);
    }
    return out;
}

bool writeToneWav(const std::string& path, int hz, int ms)
{
    const int n = kRate * ms / 1000;
    const int fade = kRate / 50; // 20 ms
    std::string out = "RIFF";
    put32(out, static_cast<std::uint32_t>(36 + 2 * n));
    out += "WAVEfmt ";
    put32(out, 16);
    put16(out, 1); // PCM
    put16(out, 1); // mono
    put32(out, kRate);
    put32(out, kRate * 2);
    put16(out, 2);
    put16(out, 16);
    out += "data";
    put32(out, static_cast<std::uint32_t>(2 * n));
    const double amplitude = 32767.0 * std::pow(10.0, -12.0 / 20.0);
    for (int i = 0; i < n; ++i) {
        const double ramp =
            std::min({1.0, static_cast<double>(i) / fade, static_cast<double>(n - 1 - i) / fade});
        const double v = amplitude * ramp * std::sin(2.0 * std::numbers::pi * hz * i / kRate);
        put16(out, static_cast<std::uint16_t>(static_cast<std::int16_t>(std::lround(v))));
    }
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    return static_cast<bool>(f);
}

AudioTestRun::AudioTestRun(std::shared_ptr<linphone::Core> core, const std::string& dir,
                           const std::string& inputId, const std::string& outputId,
                           std::chrono::milliseconds recordFor)
    : m_core(std::move(core)), m_inputId(inputId), m_outputId(outputId),
      m_tonePath(dir + "/audio-test-tone.wav"), m_recordPath(dir + "/audio-test-recording.wav"),
      m_recordFor(recordFor)
{
    if (!writeToneWav(m_tonePath, kToneHz, kToneMs)) {
        fail(Problem::ToneFile);
        return;
    }
    play(m_tonePath, kToneMs, Clock::now());
}

AudioTestRun::~AudioTestRun()
{
    if (m_player) {
        m_player->close();
    }
    if (m_recorder) {
        m_recorder->close();
    }
    std::error_code ec;
    std::filesystem::remove(m_tonePath, ec);
    std::filesystem::remove(m_recordPath, ec);
}

bool AudioTestRun::play(const std::string& file, int durationMs, Clock::time_point now)
{
    if (m_player) {
        m_player->close();
        m_player.reset();
    }
    const auto out = device(m_core, m_outputId, false);
    if (!out) {
        fail(Problem::NoSpeaker);
        return false;
    }
    m_player = m_core->createLocalPlayer(out->getId(), "", nullptr);
    if (!m_player || m_player->open(file) != 0 || m_player->start() != 0) {
        fail(Problem::SpeakerBusy);
        return false;
    }
    // The player's own duration is not known until it has run a while.
    m_until = now + std::chrono::milliseconds(durationMs) + kPlayMargin;
    return true;
}

void AudioTestRun::fail(Problem why)
{
    if (m_player) {
        m_player->close();
        m_player.reset();
    }
    if (m_recorder) {
        m_recorder->close();
        m_recorder.reset();
    }
    m_problem = why;
    m_step = Step::Failed;
}

void AudioTestRun::tick(Clock::time_point now)
{
    if (m_step == Step::Done || m_step == Step::Failed || now < m_until) {
        return;
    }
    switch (m_step) {
    case Step::Tone: {
        m_player->close();
        m_player.reset();
        const auto in = device(m_core, m_inputId, true);
        if (!in) {
            fail(Problem::NoMicrophone);
            return;
        }
        auto params = m_core->createRecorderParams();
        params->setAudioDevice(in);
        params->setFileFormat(linphone::RecorderFileFormat::Wav);
        m_recorder = m_core->createRecorder(params);
        if (!m_recorder || m_recorder->open(m_recordPath) != 0 || m_recorder->start() != 0) {
            fail(Problem::MicrophoneBusy);
            return;
        }
        m_until = now + m_recordFor;
        m_step = Step::Recording;
        break;
    }
    case Step::Recording: {
        m_recorder->close();
        m_recorder.reset();
        const auto recorded = summarizeWav(m_recordPath);
        m_peak = recorded.peakDbfs;
        if (recorded.durationMs == 0) {
            // Nothing came from the microphone: nothing to play back.
            std::error_code ec;
            std::filesystem::remove(m_recordPath, ec);
            m_step = Step::Done;
        } else if (play(m_recordPath, recorded.durationMs, now)) {
            m_step = Step::PlayingBack;
        }
        break;
    }
    case Step::PlayingBack: {
        m_player->close();
        m_player.reset();
        std::error_code ec;
        std::filesystem::remove(m_recordPath, ec);
        m_step = Step::Done;
        break;
    }
    case Step::Done:
    case Step::Failed:
        break;
    }
}

double AudioTestRun::liveLevel() const
{
    if (m_step != Step::Recording || !m_recorder) {
        return kFloor;
    }
    const double v = m_recorder->getCaptureVolume(); // linear, 0..1
    return v > 0.0 && std::isfinite(v) ? std::max(kFloor, 20.0 * std::log10(v)) : kFloor;
}

} // namespace warmline::app
