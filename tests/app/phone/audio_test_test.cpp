// The audio test in Settings against a real sound server: PulseAudio,
// started by the test on a socket of its own, with two null sinks (the
// "speakers", and a "room" whose monitor is remapped as the microphone).
// parecord listens to what reaches the speakers; paplay speaks a 1 kHz tone
// into the room while the softphone records. The dialog's words, its level
// meter and what the speakers received (the test tone, then the recording
// played back) are checked. Needs pulseaudio and pulseaudio-utils
// (scripts/deps). All waits poll with a timeout.

#include "app/phone/Softphone.h"
#include "app/shell/SettingsDialog.h"
#include "app/widgets/LevelMeter.h"
#include "support/Process.h"
#include "support/TempDir.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

using namespace warmline::app;
namespace wt = warmline::test;
namespace fs = std::filesystem;

namespace {

const std::string kPulse = "/usr/bin/pulseaudio";
const std::string kPactl = "/usr/bin/pactl";
const std::string kPaplay = "/usr/bin/paplay";
const std::string kParecord = "/usr/bin/parecord";
const std::string kSipp = "/usr/bin/sipp";
constexpr int kRate = 16000;

/// A mono 16-bit WAV of `seconds` of a `hz` sine at -12 dBFS.
std::string toneWav(int hz, int seconds)
{
    const int n = kRate * seconds;
    std::string out;
    auto put = [&out](std::uint32_t v, int bytes) {
        for (int i = 0; i < bytes; ++i) {
            out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
        }
    };
    out += "RIFF";
    put(36 + 2 * n, 4);
    out += "WAVEfmt ";
    put(16, 4);
    put(1, 2);
    put(1, 2);
    put(kRate, 4);
    put(kRate * 2, 4);
    put(2, 2);
    put(16, 2);
    out += "data";
    put(2 * n, 4);
    for (int i = 0; i < n; ++i) {
        const double v = 8000.0 * std::sin(2.0 * std::numbers::pi * hz * i / kRate);
        put(static_cast<std::uint16_t>(static_cast<std::int16_t>(std::lround(v))), 2);
    }
    return out;
}

/// The samples of a mono 16-bit WAV (parecord's, which may end abruptly).
std::vector<double> samples(const std::string& wav)
{
    std::vector<double> out;
    const auto at = wav.find("data");
    if (at == std::string::npos) {
        return out;
    }
    for (std::size_t i = at + 8; i + 1 < wav.size(); i += 2) {
        const auto lo = static_cast<unsigned char>(wav[i]);
        const auto hi = static_cast<unsigned char>(wav[i + 1]);
        out.push_back(static_cast<std::int16_t>(lo | hi << 8));
    }
    return out;
}

/// The strength of `hz` in `x` (Goertzel), per sample.
double strength(const std::vector<double>& x, double hz)
{
    const double k = 2.0 * std::cos(2.0 * std::numbers::pi * hz / kRate);
    double s1 = 0;
    double s2 = 0;
    for (const double v : x) {
        const double s = v + k * s1 - s2;
        s2 = s1;
        s1 = s;
    }
    return x.empty() ? 0.0 : std::sqrt(std::max(0.0, s1 * s1 + s2 * s2 - k * s1 * s2)) / x.size();
}

/// A PulseAudio server of the test's own; stopped by its process id.
class PulseServer
{
public:
    bool start()
    {
        fs::create_directories(m_dir.path() / "run");
        const auto sock = (m_dir.path() / "native").string();
        wt::ProcessOptions o;
        o.argv = {kPulse, "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "-F",
                  "/dev/null",
                  "--load=module-native-protocol-unix socket=" + sock + " auth-anonymous=1",
                  // The server's defaults: only a test that uses the
                  // devices chosen reaches the speakers and the room.
                  "--load=module-null-sink sink_name=decoy "
                  "sink_properties=device.description=WarmlineTestDecoy",
                  "--load=module-remap-source master=decoy.monitor source_name=decoymic "
                  "source_properties=device.description=WarmlineTestDecoyMic",
                  "--load=module-null-sink sink_name=speakers "
                  "sink_properties=device.description=WarmlineTestSpeakers",
                  "--load=module-null-sink sink_name=room "
                  "sink_properties=device.description=WarmlineTestRoom",
                  "--load=module-remap-source master=room.monitor source_name=mic "
                  "source_properties=device.description=WarmlineTestMic"};
        o.env = {{"HOME", m_dir.path().string()},
                 {"PULSE_RUNTIME_PATH", (m_dir.path() / "run").string()}};
        o.unsetEnv = {"PULSE_SERVER", "DBUS_SESSION_BUS_ADDRESS"};
        o.outputDir = m_dir.path();
        o.name = "pulseaudio";
        m_daemon = std::make_unique<wt::Process>(std::move(o));
        m_server = "unix:" + sock;
        const bool up =
            wt::waitFor(
                [this] {
                    if (!m_daemon->running()) {
                        return true;
                    }
                    wt::ProcessOptions p;
                    p.argv = {kPactl, "info"};
                    p.env = {{"PULSE_SERVER", m_server}};
                    return wt::runProgram(std::move(p), std::chrono::seconds(5)).exitCode == 0;
                },
                std::chrono::seconds(20), std::chrono::milliseconds(100)) &&
            m_daemon->running();
        return up && setDefault("set-default-sink", "decoy") &&
               setDefault("set-default-source", "decoymic");
    }

    bool setDefault(const std::string& what, const std::string& name)
    {
        wt::ProcessOptions p;
        p.argv = {kPactl, what, name};
        p.env = {{"PULSE_SERVER", m_server}};
        return wt::runProgram(std::move(p), std::chrono::seconds(5)).exitCode == 0;
    }

    void stop()
    {
        if (m_daemon) {
            m_daemon->stop(std::chrono::seconds(5));
        }
    }

    const std::string& server() const { return m_server; }
    std::string log() const { return m_daemon ? m_daemon->stderrText() : std::string(); }
    fs::path dir() const { return m_dir.path(); }

private:
    wt::TempDir m_dir;
    std::unique_ptr<wt::Process> m_daemon;
    std::string m_server;
};

int g_recordings = 0;

/// pactl's output, or "" when it failed.
std::string pactl(const std::string& server, std::vector<std::string> args)
{
    wt::ProcessOptions p;
    p.argv = {kPactl};
    p.argv.insert(p.argv.end(), args.begin(), args.end());
    p.env = {{"PULSE_SERVER", server}};
    const auto r = wt::runProgram(std::move(p), std::chrono::seconds(10));
    return r.exitCode == 0 ? r.out : std::string();
}

QString idOf(const Softphone& phone, const QString& name)
{
    const auto at = phone.deviceNames().indexOf(name);
    return at < 0 || at >= phone.deviceIds().size() ? QString() : phone.deviceIds().at(at);
}

/// How clearly `sink` plays a 1 kHz tone: its strength over that of
/// 700 Hz in `seconds` of what the sink plays; nullopt if nothing could be
/// recorded (so that a broken recorder never passes for silence).
std::optional<double> toneOn(const PulseServer& pulse, const std::string& sink, int seconds)
{
    const auto file = pulse.dir() / (sink + "-" + std::to_string(++g_recordings) + ".wav");
    wt::ProcessOptions rec;
    rec.argv = {kParecord,        "--device=" + sink + ".monitor",
                "--format=s16le", "--rate=16000",
                "--channels=1",   "--file-format=wav",
                file.string()};
    rec.env = {{"PULSE_SERVER", pulse.server()}};
    rec.outputDir = pulse.dir();
    rec.name = "parecord-" + sink;
    wt::Process recorder(std::move(rec));
    const auto wanted = static_cast<std::uintmax_t>(kRate) * 2 * seconds + 44;
    const bool full = wt::waitFor(
        [&file, wanted] {
            std::error_code ec;
            const auto size = fs::file_size(file, ec);
            return !ec && size >= wanted;
        },
        std::chrono::seconds(seconds + 10), std::chrono::milliseconds(50));
    recorder.kill(SIGINT);
    recorder.waitExit(std::chrono::seconds(10));
    if (!full) {
        return std::nullopt;
    }
    const auto x = samples(wt::readFile(file));
    if (x.size() < static_cast<std::size_t>(kRate * seconds)) {
        return std::nullopt;
    }
    const double off = strength(x, 700);
    return strength(x, 1000) / std::max(off, 1e-9);
}

/// Records `sink` a second at a time until `wanted` holds for how clearly
/// it plays the 1 kHz tone (a new PulseAudio stream is heard only after
/// its buffer fills), for at most `timeout`; the last figure, or nullopt
/// if the last recording failed.
std::optional<double> waitTone(const PulseServer& pulse, const std::string& sink,
                               const std::function<bool(double)>& wanted,
                               std::chrono::seconds timeout)
{
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::optional<double> clear;
    do {
        clear = toneOn(pulse, sink, 1);
        if (clear && wanted(*clear)) {
            break;
        }
    } while (std::chrono::steady_clock::now() < until);
    return clear;
}

bool loud(double clear)
{
    return clear > 20;
}

bool loudOn(const std::optional<double>& clear)
{
    return clear && loud(*clear);
}

QString figure(const std::optional<double>& clear)
{
    return clear ? QString::number(*clear) : QStringLiteral("no recording");
}

/// paplay speaking `voice` into the room, where only the test's
/// microphone hears it; stopped by its process id.
std::unique_ptr<wt::Process> speakInRoom(const PulseServer& pulse, const fs::path& voice,
                                         const std::string& name)
{
    wt::ProcessOptions play;
    play.argv = {kPaplay, "--device=room", voice.string()};
    play.env = {{"PULSE_SERVER", pulse.server()}};
    play.outputDir = pulse.dir();
    play.name = name;
    return std::make_unique<wt::Process>(std::move(play));
}

/// sipp placing one call to the softphone, as the gateway would once the
/// operator accepts a contact; `extra` arguments before the target.
std::unique_ptr<wt::Process> callThePhone(const Softphone& phone, const fs::path& dir,
                                          const std::string& name, std::vector<std::string> extra)
{
    wt::ProcessOptions o;
    // The user part the softphone announced (it declines any other).
    const QString user = phone.uri().section(QLatin1Char('@'), 0, 0).mid(4);
    o.argv = {kSipp,
              "-sn",
              "uac",
              "-m",
              "1",
              "-i",
              "127.0.0.1",
              "-p",
              std::to_string(wt::freeUdpPort()),
              "-s",
              user.toStdString()};
    o.argv.insert(o.argv.end(), extra.begin(), extra.end());
    o.argv.push_back(phone.uri().section(QLatin1Char('@'), 1).toStdString());
    o.outputDir = dir;
    o.name = name;
    return std::make_unique<wt::Process>(std::move(o));
}

QComboBox* comboNamed(QWidget* dialog, const QString& accessibleName)
{
    for (auto* box : dialog->findChildren<QComboBox*>()) {
        if (box->accessibleName() == accessibleName) {
            return box;
        }
    }
    return nullptr;
}

} // namespace

class AudioTestTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void testPlaysAToneRecordsAndPlaysItBack();
    void aSilentMicrophoneIsNamed();
    void noTestWithoutASoundCard();
    void followsAHeadsetPluggedInAndOut();
    void aCallStopsTheTest();
    void aCallMovesWithTheHeadset();

private:
    /// A started softphone on the test's sound server.
    std::unique_ptr<Softphone> startPhone(bool files = false);
    /// Settings with the test's microphone and speakers chosen.
    std::unique_ptr<SettingsDialog> dialogFor(Softphone& phone);

    PulseServer m_pulse;
    QTemporaryDir m_data;
};

void AudioTestTest::initTestCase()
{
    for (const auto& program : {kPulse, kPactl, kPaplay, kParecord}) {
        if (!fs::exists(program)) {
            QFAIL(qPrintable(QStringLiteral("%1 is not installed: run scripts/deps test (Debian "
                                            "packages pulseaudio, pulseaudio-utils)")
                                 .arg(QString::fromStdString(program))));
        }
    }
    // Settings saved by the dialog go to a test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("warmline-audio-test"));
    QSettings().clear();
    QVERIFY2(m_pulse.start(), m_pulse.log().c_str());
    qputenv("PULSE_SERVER", QByteArray::fromStdString(m_pulse.server()));
    qunsetenv("WARMLINE_SOFTPHONE_FILES");
    QVERIFY(Softphone::soundCardAvailable());
}

void AudioTestTest::cleanupTestCase()
{
    qunsetenv("PULSE_SERVER");
    m_pulse.stop();
}

std::unique_ptr<Softphone> AudioTestTest::startPhone(bool files)
{
    auto phone = std::make_unique<Softphone>();
    QSignalSpy started(phone.get(), &Softphone::started);
    Softphone::Options o;
    o.dataDir = m_data.path() + QStringLiteral("/phone");
    o.useFiles = files;
    phone->start(o);
    if (!started.wait(20000) && started.isEmpty()) {
        return nullptr;
    }
    return phone;
}

std::unique_ptr<SettingsDialog> AudioTestTest::dialogFor(Softphone& phone)
{
    auto dialog = std::make_unique<SettingsDialog>(&phone);
    auto* mic = comboNamed(dialog.get(), QStringLiteral("Microphone for calls"));
    auto* speaker = comboNamed(dialog.get(), QStringLiteral("Speaker or headset for calls"));
    if (!mic || !speaker) {
        return nullptr;
    }
    mic->setCurrentIndex(mic->findText(QStringLiteral("WarmlineTestMic")));
    speaker->setCurrentIndex(speaker->findText(QStringLiteral("WarmlineTestSpeakers")));
    if (mic->currentIndex() <= 0 || speaker->currentIndex() <= 0) {
        return nullptr; // the devices must be chosen, not the system default
    }
    return dialog;
}

void AudioTestTest::testPlaysAToneRecordsAndPlaysItBack()
{
    auto phone = startPhone();
    QVERIFY(phone);
    QVERIFY(!phone->usingFiles());
    QVERIFY2(phone->deviceNames().contains(QStringLiteral("WarmlineTestMic")),
             qPrintable(phone->deviceNames().join(QStringLiteral(", "))));
    // Calls would use the server's default (the decoy), not the devices
    // the test chooses in the dialog.
    QTRY_VERIFY_WITH_TIMEOUT(!phone->currentOutput().isEmpty(), 10000);
    QVERIFY2(!phone->currentOutput().contains(QStringLiteral("WarmlineTestSpeakers")),
             qPrintable(phone->currentOutput()));
    QVERIFY2(!phone->currentInput().contains(QStringLiteral("WarmlineTestMic")),
             qPrintable(phone->currentInput()));
    auto dialog = dialogFor(*phone);
    QVERIFY(dialog);
    dialog->show();
    auto* button = dialog->findChild<QPushButton*>(QStringLiteral("testAudio"));
    auto* status = dialog->findChild<QLabel*>(QStringLiteral("audioTestStatus"));
    auto* meter = dialog->findChild<LevelMeter*>(QStringLiteral("audioTestLevel"));
    QVERIFY(button && status && meter);
    QVERIFY(button->isEnabled());

    // What reaches the speakers, from before the test starts.
    const auto heard = m_pulse.dir() / "speakers.wav";
    wt::ProcessOptions rec;
    rec.argv = {kParecord,      "--device=speakers.monitor", "--format=s16le", "--rate=16000",
                "--channels=1", "--file-format=wav",         heard.string()};
    rec.env = {{"PULSE_SERVER", m_pulse.server()}};
    rec.outputDir = m_pulse.dir();
    rec.name = "parecord";
    wt::Process recorder(std::move(rec));
    // Ready once it writes what the speakers play (silence, so far).
    QVERIFY(wt::waitFor(
        [&heard] {
            std::error_code ec;
            const auto size = fs::file_size(heard, ec);
            return !ec && size > 64000;
        },
        std::chrono::seconds(10), std::chrono::milliseconds(50)));

    // Someone speaks in the room (a 1 kHz tone, as a voice would do),
    // heard only by the microphone, from before the test until after it.
    const auto voice = m_pulse.dir() / "voice.wav";
    wt::writeFile(voice, toneWav(1000, 30));
    auto speaker = speakInRoom(m_pulse, voice, "paplay");

    QSignalSpy finished(phone.get(), &Softphone::audioTestFinished);
    button->click();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Playing a tone")), 5000);
    QCOMPARE(button->text(), QStringLiteral("S&top the test"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("recording your microphone")),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(meter->value() > 50, 5000); // about -12 dBFS
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Playing back")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
    QVERIFY(finished.at(0).at(0).toBool());
    const double peak = finished.at(0).at(1).toDouble();
    QVERIFY2(peak > -20.0 && peak < 0.0, qPrintable(QString::number(peak)));
    QVERIFY2(status->text().contains(QStringLiteral("Your microphone works.")),
             qPrintable(status->text()));
    if (const auto dir = qEnvironmentVariable("WARMLINE_SCREENSHOT_DIR"); !dir.isEmpty()) {
        dialog->grab().save(dir + QStringLiteral("/settings-audio-test.png"));
    }
    QCOMPARE(button->text(), QStringLiteral("&Test audio"));
    QCOMPARE(meter->value(), 0);
    speaker->stop(std::chrono::seconds(5));
    recorder.kill(SIGINT);
    QVERIFY(recorder.waitExit(std::chrono::seconds(10)).has_value());

    // The speakers got the test tone, then the microphone's 1 kHz back.
    const auto x = samples(wt::readFile(heard));
    QVERIFY2(x.size() > static_cast<std::size_t>(kRate * 3), qPrintable(QString::number(x.size())));
    const double tone = strength(x, 440);
    const double back = strength(x, 1000);
    const double neither = strength(x, 700);
    QVERIFY2(
        tone > 20 * neither && back > 20 * neither,
        qPrintable(
            QStringLiteral("440 Hz %1, 1 kHz %2, 700 Hz %3").arg(tone).arg(back).arg(neither)));
    // The recording (the operator's voice) is not kept.
    QVERIFY(QDir(m_data.path() + QStringLiteral("/phone"))
                .entryList({QStringLiteral("audio-test*")})
                .isEmpty());
}

void AudioTestTest::aSilentMicrophoneIsNamed()
{
    auto phone = startPhone();
    QVERIFY(phone);
    auto dialog = dialogFor(*phone);
    QVERIFY(dialog);
    auto* button = dialog->findChild<QPushButton*>(QStringLiteral("testAudio"));
    auto* status = dialog->findChild<QLabel*>(QStringLiteral("audioTestStatus"));
    QVERIFY(button && status);
    QSignalSpy finished(phone.get(), &Softphone::audioTestFinished);
    button->click();
    // Nobody speaks in the room.
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    QVERIFY(finished.at(0).at(0).toBool());
    QVERIFY2(finished.at(0).at(1).toDouble() < -50.0,
             qPrintable(QString::number(finished.at(0).at(1).toDouble())));
    QVERIFY2(status->text().contains(QStringLiteral("only silence")), qPrintable(status->text()));

    // Stopped halfway with the same button, it says so and can start again.
    QCOMPARE(button->text(), QStringLiteral("&Test audio"));
    button->click();
    QVERIFY(!phone->startAudioTest(QString(), QString())); // one at a time
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Playing a tone")), 5000);
    QCOMPARE(button->text(), QStringLiteral("S&top the test"));
    button->click();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 10000);
    QVERIFY(!finished.at(1).at(0).toBool());
    QCOMPARE(status->text(), QStringLiteral("The test was stopped."));
    QCOMPARE(button->text(), QStringLiteral("&Test audio"));
    QVERIFY(!phone->audioTestRunning());

    // Closing Settings ends a test: nothing plays after the dialog is gone.
    button->click();
    QTRY_VERIFY_WITH_TIMEOUT(phone->audioTestRunning(), 5000);
    dialog->reject();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 3, 10000);
    QVERIFY(!finished.at(2).at(0).toBool());
    QVERIFY(!phone->audioTestRunning());

    // A device chosen but gone is named, not replaced by another one.
    QVERIFY(phone->startAudioTest(QStringLiteral("PulseAudio Unknown: unplugged"), QString()));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 4, 15000);
    QVERIFY(!finished.at(3).at(0).toBool());
    QCOMPARE(finished.at(3).at(2).toString(), QStringLiteral("No microphone was found."));
}

void AudioTestTest::noTestWithoutASoundCard()
{
    auto phone = startPhone(true);
    QVERIFY(phone);
    QVERIFY(phone->usingFiles());
    QVERIFY(!phone->startAudioTest(QString(), QString()));
    SettingsDialog dialog(phone.get());
    auto* button = dialog.findChild<QPushButton*>(QStringLiteral("testAudio"));
    auto* status = dialog.findChild<QLabel*>(QStringLiteral("audioTestStatus"));
    QVERIFY(button && status);
    QVERIFY(!button->isEnabled());
    QVERIFY(status->text().contains(QStringLiteral("No sound card")));
    // Signed out, there is no softphone to test with.
    SettingsDialog signedOut(nullptr);
    auto* none = signedOut.findChild<QPushButton*>(QStringLiteral("testAudio"));
    QVERIFY(none && !none->isEnabled());
}

void AudioTestTest::followsAHeadsetPluggedInAndOut()
{
    auto phone = startPhone();
    QVERIFY(phone);
    const QString headset = QStringLiteral("WarmlineTestHeadset");
    QTRY_VERIFY_WITH_TIMEOUT(!phone->currentOutput().isEmpty(), 10000);
    QVERIFY(!phone->deviceNames().contains(headset));
    SettingsDialog dialog(phone.get());
    auto* speaker = comboNamed(&dialog, QStringLiteral("Speaker or headset for calls"));
    QVERIFY(speaker);

    // Plugged in: listed by the softphone and in the open dialog.
    auto plugIn = [this] {
        return pactl(m_pulse.server(), {"load-module", "module-null-sink", "sink_name=headset",
                                        "sink_properties=device.description=WarmlineTestHeadset"});
    };
    auto module = plugIn();
    QVERIFY(!module.empty());
    QTRY_VERIFY_WITH_TIMEOUT(phone->deviceNames().contains(headset), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(speaker->findText(headset) > 0, 5000);
    const QString headsetId = idOf(*phone, headset);
    QVERIFY(!headsetId.isEmpty());
    QVERIFY(phone->currentOutput() != headsetId); // not chosen yet

    // Chosen in Settings (OK): taken at once, without signing in again.
    speaker->setCurrentIndex(speaker->findText(headset));
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    QVERIFY(buttons);
    buttons->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(SettingsDialog::outputDevice(), headsetId);
    QTRY_COMPARE_WITH_TIMEOUT(phone->currentOutput(), headsetId, 10000);

    // Unplugged: calls fall back to another speaker.
    const auto index = module.substr(0, module.find_first_of("\r\n"));
    QVERIFY(!pactl(m_pulse.server(), {"unload-module", index}).empty() ||
            pactl(m_pulse.server(), {"list", "short", "sinks"}).find("headset") ==
                std::string::npos);
    QTRY_VERIFY_WITH_TIMEOUT(!phone->deviceNames().contains(headset), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(phone->currentOutput() != headsetId, 5000);
    QVERIFY(!phone->currentOutput().isEmpty());

    // Plugged in again: taken again, as it was the operator's choice.
    module = plugIn();
    QVERIFY(!module.empty());
    QTRY_COMPARE_WITH_TIMEOUT(phone->currentOutput(), headsetId, 10000);
    pactl(m_pulse.server(), {"unload-module", module.substr(0, module.find_first_of("\r\n"))});
}

void AudioTestTest::aCallStopsTheTest()
{
    if (!fs::exists(kSipp)) {
        QFAIL("sipp is not installed: run scripts/deps test (Debian package sip-tester)");
    }
    auto phone = startPhone();
    QVERIFY(phone);
    QSignalSpy finished(phone.get(), &Softphone::audioTestFinished);
    QVERIFY(phone->startAudioTest(QString(), QString()));
    // The operator accepts a contact: the gateway's call is on its way.
    phone->armAutoAnswer(15000);
    auto caller = callThePhone(*phone, m_pulse.dir(), "sipp",
                               {"-d", "4000", "-timeout", "20s", "-timeout_error"});
    // The caller comes first: the test stops and says why.
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 15000);
    QVERIFY(!finished.at(0).at(0).toBool());
    QCOMPARE(finished.at(0).at(2).toString(),
             QStringLiteral("A call came in, so the test stopped."));
    QVERIFY(!phone->audioTestRunning());
    // The call is answered on the sound card; no test while it is open.
    QTRY_VERIFY_WITH_TIMEOUT(phone->state() == Softphone::CallState::Connected, 10000);
    QVERIFY(!phone->startAudioTest(QString(), QString()));
    // The caller hangs up.
    const auto code = caller->waitExit(std::chrono::seconds(25));
    QVERIFY2(code.has_value() && *code == 0, caller->stderrText().c_str());
    // Once it has ended, a test can run again.
    QTRY_VERIFY_WITH_TIMEOUT(phone->state() == Softphone::CallState::Ended, 10000);
    QVERIFY(phone->startAudioTest(QString(), QString()));
    phone->cancelAudioTest();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 10000);
}

void AudioTestTest::aCallMovesWithTheHeadset()
{
    if (!fs::exists(kSipp)) {
        QFAIL("sipp is not installed: run scripts/deps test (Debian package sip-tester)");
    }
    auto phone = startPhone();
    QVERIFY(phone);
    const QString mic = idOf(*phone, QStringLiteral("WarmlineTestMic"));
    const QString speakers = idOf(*phone, QStringLiteral("WarmlineTestSpeakers"));
    const QString decoyMic = idOf(*phone, QStringLiteral("WarmlineTestDecoyMic"));
    QVERIFY(!mic.isEmpty() && !speakers.isEmpty() && !decoyMic.isEmpty());
    phone->setDevices(mic, speakers);
    QTRY_COMPARE_WITH_TIMEOUT(phone->currentOutput(), speakers, 10000);

    // The operator speaks in the room all through the call (a 1 kHz tone).
    const auto voice = m_pulse.dir() / "call-voice.wav";
    wt::writeFile(voice, toneWav(1000, 300));
    auto speaker = speakInRoom(m_pulse, voice, "paplay-call");

    // The caller (sipp) sends back all it hears: the operator's voice comes
    // back to whichever speaker the call plays on.
    phone->armAutoAnswer(15000);
    auto caller = callThePhone(*phone, m_pulse.dir(), "sipp-echo",
                               {"-mp", std::to_string(wt::freeUdpPort()), "-rtp_echo", "-d",
                                "600000", "-timeout", "660s", "-timeout_error"});
    QTRY_VERIFY_WITH_TIMEOUT(phone->state() == Softphone::CallState::Connected, 15000);
    QCOMPARE(phone->currentOutput(), speakers);
    auto clear = waitTone(m_pulse, "speakers", loud, std::chrono::seconds(15));
    QVERIFY2(loudOn(clear), qPrintable(figure(clear)));

    // A headset plugged in and chosen in Settings mid-call: the call's
    // audio moves to it at once.
    const QString headsetName = QStringLiteral("WarmlineTestHeadset");
    auto module =
        pactl(m_pulse.server(), {"load-module", "module-null-sink", "sink_name=headset",
                                 "sink_properties=device.description=WarmlineTestHeadset"});
    QVERIFY(!module.empty());
    QTRY_VERIFY_WITH_TIMEOUT(phone->deviceNames().contains(headsetName), 10000);
    const QString headset = idOf(*phone, headsetName);
    phone->setDevices(mic, headset);
    QTRY_COMPARE_WITH_TIMEOUT(phone->currentOutput(), headset, 10000);
    clear = waitTone(m_pulse, "headset", loud, std::chrono::seconds(15));
    QVERIFY2(loudOn(clear), qPrintable(figure(clear)));
    QCOMPARE(phone->state(), Softphone::CallState::Connected);

    // Another microphone chosen mid-call: the call listens to it (a silent
    // one), so the room's tone no longer comes back.
    phone->setDevices(decoyMic, headset);
    QTRY_COMPARE_WITH_TIMEOUT(phone->currentInput(), decoyMic, 10000);
    const auto quiet = waitTone(
        m_pulse, "headset", [](double c) { return c < 5; }, std::chrono::seconds(15));
    QVERIFY2(quiet && *quiet < 5, qPrintable(figure(quiet)));
    // ... while the room still has the tone: the silence is the choice's.
    const auto room = toneOn(m_pulse, "room", 1);
    QVERIFY2(loudOn(room), qPrintable(figure(room)));
    phone->setDevices(mic, headset);
    QTRY_COMPARE_WITH_TIMEOUT(phone->currentInput(), mic, 10000);

    // The server's own default is made another sink than liblinphone's
    // fallback, so that the server's rescue of an orphaned stream alone
    // cannot pass for the app's move.
    QVERIFY(m_pulse.setDefault("set-default-sink", "speakers"));
    // The headset pulled out mid-call: the call falls back to another
    // speaker and the caller is heard there, not lost.
    QVERIFY(
        !pactl(m_pulse.server(), {"unload-module", module.substr(0, module.find_first_of("\r\n"))})
             .empty() ||
        pactl(m_pulse.server(), {"list", "short", "sinks"}).find("headset") == std::string::npos);
    QTRY_VERIFY_WITH_TIMEOUT(!phone->deviceNames().contains(headsetName), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!phone->currentOutput().isEmpty() && phone->currentOutput() != headset,
                             10000);
    const QString fallback =
        phone->deviceNames().value(phone->deviceIds().indexOf(phone->currentOutput()));
    const std::string sink = fallback.contains(QStringLiteral("WarmlineTestDecoy")) ? "decoy"
                             : fallback.contains(QStringLiteral("WarmlineTestSpeakers"))
                                 ? "speakers"
                                 : std::string();
    QVERIFY2(sink == "decoy", qPrintable(fallback));
    clear = waitTone(m_pulse, sink, loud, std::chrono::seconds(15));
    QVERIFY2(loudOn(clear), qPrintable(figure(clear)));
    QCOMPARE(phone->state(), Softphone::CallState::Connected);

    phone->hangUp();
    QTRY_VERIFY_WITH_TIMEOUT(phone->state() == Softphone::CallState::Ended, 10000);
    caller->stop(std::chrono::seconds(5));
    speaker->stop(std::chrono::seconds(5));
}

QTEST_MAIN(AudioTestTest)
#include "audio_test_test.moc"
