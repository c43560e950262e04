#include "app/phone/Softphone.h"

#include "app/phone/AudioTest.h"
#include "app/phone/PulseStreams.h"
#include "app/phone/SoftphoneAccount.h"

#include <QDir>
#include <QFile>
#include <QMetaObject>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <linphone++/linphone.hh>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace warmline::app {

namespace {

using Clock = std::chrono::steady_clock;

std::shared_ptr<linphone::AudioDevice> deviceById(const std::shared_ptr<linphone::Core>& core,
                                                  const std::string& id)
{
    for (const auto& d : core->getExtendedAudioDevices()) {
        if (d->getId() == id) {
            return d;
        }
    }
    return nullptr;
}

/// Why a registration failed, for the operator, in their language.
QString registrationFailureText(linphone::Reason reason, const std::string& message)
{
    using R = linphone::Reason;
    switch (reason) {
    case R::IOError:
        return Softphone::tr("the gateway cannot be reached, or its certificate is not one this "
                             "computer trusts");
    case R::NoResponse:
        return Softphone::tr("the gateway did not answer");
    case R::Unauthorized:
    case R::Forbidden:
    case R::NotFound:
        return Softphone::tr("the gateway did not accept this softphone's account");
    default:
        break;
    }
    return message.empty() ? Softphone::tr("no reason given") : QString::fromStdString(message);
}

/// Said to the operator in their language, inside the session's notice.
QString accountProblemText(AccountProblem why)
{
    switch (why) {
    case AccountProblem::NoCertificates:
        return Softphone::tr("the certificates to check the gateway's with cannot be read");
    case AccountProblem::Unparseable:
        return Softphone::tr("the gateway gave an account this softphone cannot use");
    case AccountProblem::NoSrtp:
        return Softphone::tr("this softphone cannot encrypt calls");
    case AccountProblem::Refused:
        return Softphone::tr("the softphone would not take the account");
    case AccountProblem::None:
        break;
    }
    return {};
}

} // namespace

// Everything liblinphone lives here and is touched only on `thread`, except
// the command queue (under `lock`) and `quit`.
struct Softphone::Engine : public linphone::CoreListener,
                           public std::enable_shared_from_this<Softphone::Engine>
{
    using Command = std::function<void(Engine&)>;

    Softphone* owner = nullptr;
    Options options;
    std::thread thread;
    std::mutex lock;
    std::deque<Command> commands;
    std::atomic<bool> quit{false};
    std::unique_ptr<QTemporaryDir> tempDir;

    // Engine thread only.
    std::shared_ptr<linphone::Core> core;
    std::shared_ptr<linphone::Call> call;
    std::optional<Clock::time_point> answerUntil;
    bool muted = false;
    bool held = false;
    bool autoAnswer = true;
    Clock::time_point nextLevels{};
    std::unique_ptr<AudioTestRun> test;
    bool useFiles = false;
    Clock::time_point nextDeviceLook{};
    std::vector<std::string> knownDevices;
    std::string moveFailure; ///< the last one logged, "device: why"
    // The devices the open call's sound is on, as far as the app moved it.
    std::string callInput;
    std::string callOutput;
    AudioTestRun::Step testStep = AudioTestRun::Step::Done;
    std::string rootCa; ///< PEM: what the gateway's certificate is checked against
    std::string user;   ///< the random user part of the announced URI
    int udpPort = 0;    ///< where announced calls come
    bool accountTransports = false;
    std::optional<bool> pendingTransports;

    void post(Command c)
    {
        std::lock_guard g(lock);
        commands.push_back(std::move(c));
    }

    /// Runs `f` on the GUI thread, unless the softphone has been stopped
    /// (or started again: this engine's news is stale) by then.
    template <typename F> void toGui(F&& f)
    {
        Softphone* o = owner;
        const Engine* self = this;
        QMetaObject::invokeMethod(
            owner,
            [o, self, f = std::forward<F>(f)]() mutable {
                if (o->m_holder.get() == self) {
                    f();
                }
            },
            Qt::QueuedConnection);
    }

    /// The call's levels to the GUI, ten times a second while audio flows.
    void reportLevels()
    {
        const auto now = Clock::now();
        if (!call || now < nextLevels) {
            return;
        }
        nextLevels = now + std::chrono::milliseconds(100);
        const auto s = call->getState();
        if (s != linphone::Call::State::StreamsRunning) {
            return;
        }
        const double heard = std::max<double>(Softphone::kSilent, call->getPlayVolume());
        const double mic = std::max<double>(Softphone::kSilent, call->getRecordVolume());
        Softphone* o = owner;
        toGui([o, heard, mic] { o->onLevels(heard, mic); });
    }

    /// The chosen devices as the core's defaults, where they are plugged in.
    void applyDevices()
    {
        if (auto in = deviceById(core, options.inputDevice.toStdString())) {
            if (auto now = core->getDefaultInputAudioDevice();
                !now || now->getId() != in->getId()) {
                core->setDefaultInputAudioDevice(in);
            }
        }
        if (auto out = deviceById(core, options.outputDevice.toStdString())) {
            if (auto now = core->getDefaultOutputAudioDevice();
                !now || now->getId() != out->getId()) {
                core->setDefaultOutputAudioDevice(out);
            }
            // The ring plays where the call will be heard (the headset).
            core->setRingerDevice(out->getId());
        }
    }

    /// What a call uses for input or output: the device chosen in Settings
    /// where it is plugged in, else the core's default.
    std::shared_ptr<linphone::AudioDevice> wantedDevice(bool input)
    {
        const auto& id = input ? options.inputDevice : options.outputDevice;
        if (auto d = deviceById(core, id.toStdString())) {
            return d;
        }
        const auto fallback =
            input ? core->getDefaultInputAudioDevice() : core->getDefaultOutputAudioDevice();
        return fallback ? deviceById(core, fallback->getId()) : nullptr;
    }

    /// Moves the open call onto the devices it should use (decision 151): a
    /// headset plugged in or pulled out mid-call, or chosen in Settings,
    /// takes the call's audio at once instead of leaving it silent. Tried
    /// again on every look (followDevices) while the call is not where it
    /// should be, so a sound server that was busy once is asked again.
    /// Whether the call moved.
    bool moveCall()
    {
        if (!call || useFiles || call->getState() != linphone::Call::State::StreamsRunning) {
            return false;
        }
        auto in = wantedDevice(true);
        auto out = wantedDevice(false);
        const bool moveIn = in && callInput != in->getId();
        const bool moveOut = out && callOutput != out->getId();
        if (!moveIn && !moveOut) {
            moveFailure.clear();
            return false;
        }
        // One connection and one deadline (1.5 s) for both directions.
        std::unique_ptr<PulseStreams> server;
        auto moved = [this, &server](PulseStreams::Direction direction,
                                     const linphone::AudioDevice& to) {
            // liblinphone 5.1 cannot switch the sound card of a running
            // call on Linux; the sound server moves the call's stream
            // instead. Elsewhere (ALSA without a sound server) the call
            // keeps its device, and so does what the app shows.
            if (to.getDriverName() != "PulseAudio") {
                return false;
            }
            if (!server) {
                server = std::make_unique<PulseStreams>();
            }
            const auto why = server->move(direction, to.getDeviceName());
            if (why.empty()) {
                return true;
            }
            // Device names only: nothing of the call or the caller. Once
            // per device and reason, not on every retry.
            const auto what = to.getDeviceName() + ": " + why;
            if (what != moveFailure) {
                moveFailure = what;
                qWarning("softphone: the call could not move to %s", what.c_str());
            }
            return false;
        };
        bool changed = false;
        if (moveIn && moved(PulseStreams::Direction::Capture, *in)) {
            call->setInputAudioDevice(in);
            callInput = in->getId();
            changed = true;
        }
        if (moveOut && moved(PulseStreams::Direction::Playback, *out)) {
            call->setOutputAudioDevice(out);
            callOutput = out->getId();
            changed = true;
        }
        return changed;
    }

    /// The device lists and the devices in use (the call's, while one is
    /// open), to the GUI.
    void reportDevices()
    {
        QStringList ids;
        QStringList names;
        knownDevices.clear();
        for (const auto& d : core->getExtendedAudioDevices()) {
            knownDevices.push_back(d->getId());
            ids << QString::fromStdString(d->getId());
            names << QString::fromStdString(d->getDeviceName());
        }
        std::shared_ptr<const linphone::AudioDevice> in = core->getDefaultInputAudioDevice();
        std::shared_ptr<const linphone::AudioDevice> out = core->getDefaultOutputAudioDevice();
        QString input = in ? QString::fromStdString(in->getId()) : QString();
        QString output = out ? QString::fromStdString(out->getId()) : QString();
        if (call && !callOutput.empty()) {
            input = QString::fromStdString(callInput);
            output = QString::fromStdString(callOutput);
        }
        Softphone* o = owner;
        toGui([o, ids, names, input, output] { o->onDevices(ids, names, input, output); });
    }

    /// Every two seconds outside the audio test: devices plugged in or out.
    /// During a call the call moves with them (moveCall).
    void followDevices()
    {
        const auto now = Clock::now();
        if (useFiles || test || now < nextDeviceLook) {
            return;
        }
        nextDeviceLook = now + std::chrono::seconds(2);
        core->reloadSoundDevices();
        std::vector<std::string> seen;
        for (const auto& d : core->getExtendedAudioDevices()) {
            seen.push_back(d->getId());
        }
        if (seen != knownDevices) {
            applyDevices();
            moveCall();
            reportDevices();
        } else if (moveCall()) {
            // A move that failed before (a busy sound server) was retried.
            reportDevices();
        }
    }

    void reportTest(AudioTestStep step, double peak = Softphone::kSilent,
                    AudioTestRun::Problem problem = AudioTestRun::Problem::None)
    {
        Softphone* o = owner;
        const int p = static_cast<int>(problem);
        toGui([o, step, peak, p] { o->onAudioTest(step, peak, p); });
    }

    void stopTest(AudioTestRun::Problem why)
    {
        if (test) {
            test.reset();
            reportTest(AudioTestStep::Failed, Softphone::kSilent, why);
        }
    }

    /// Moves the audio test on, and its level to the GUI while it records.
    void tickTest()
    {
        if (!test) {
            return;
        }
        const auto now = Clock::now();
        test->tick(now);
        const auto step = test->step();
        if (step == AudioTestRun::Step::Recording && now >= nextLevels) {
            nextLevels = now + std::chrono::milliseconds(100);
            Softphone* o = owner;
            const double level = test->liveLevel();
            toGui([o, level] {
                if (o->m_testing) {
                    emit o->audioTestLevel(level);
                }
            });
        }
        if (step == testStep) {
            return;
        }
        testStep = step;
        switch (step) {
        case AudioTestRun::Step::Tone:
            break;
        case AudioTestRun::Step::Recording:
            reportTest(AudioTestStep::Recording);
            break;
        case AudioTestRun::Step::PlayingBack:
            reportTest(AudioTestStep::PlayingBack);
            break;
        case AudioTestRun::Step::Done: {
            // Its files are gone (the destructor) before the GUI hears.
            const double peak = test->peakDbfs();
            test.reset();
            reportTest(AudioTestStep::Done, peak);
            break;
        }
        case AudioTestRun::Step::Failed: {
            const auto problem = test->problem();
            test.reset();
            reportTest(AudioTestStep::Failed, Softphone::kSilent, problem);
            break;
        }
        }
    }

    void report(CallState s)
    {
        Softphone* o = owner;
        toGui([o, s] { o->onState(s); });
    }

    void applyAudio()
    {
        core->enableMic(!muted && !held);
        if (call) {
            call->setSpeakerMuted(held);
        }
    }

    void run(bool useFiles)
    {
        try {
            // Only what an administrator needs; liblinphone is chatty.
            linphone::LoggingService::get()->setLogLevel(linphone::LogLevel::Error);
            auto factory = linphone::Factory::get();
            const std::string dir = QDir(options.dataDir).absolutePath().toStdString();
            factory->setDataDir(dir);
            factory->setConfigDir(dir);
            factory->setDownloadDir(dir);
            core = factory->createCore(dir + "/linphonerc", "", nullptr);
            auto config = core->getConfig();
            config->setString("sip", "bind_address", options.bindAddress.toStdString());
            // The gateway cancels an unanswered call (sip.operator_ring_timeout, at
            // most 5 min); liblinphone must not decline it first.
            config->setInt("sip", "inc_timeout", 330);
            // An account's password lives as long as its link: never on disk.
            config->setInt("sip", "store_auth_info", 0);
            core->enableIpv6(false);
            auto transports = factory->createTransports();
            transports->setUdpPort(-1); // the OS chooses
            transports->setTcpPort(0);
            // No TLS until an account asks for it (setAccount).
            transports->setTlsPort(0);
            transports->setDtlsPort(0);
            core->setTransports(transports);
            core->setAudioPort(-1);
            if (!rootCa.empty()) {
                core->setRootCaData(rootCa);
            }
            core->verifyServerCertificates(true);
            core->verifyServerCn(true);
            if (!options.ringFile.isEmpty()) {
                core->setRing(options.ringFile.toStdString());
            }
            if (useFiles) {
                core->setUseFiles(true);
                // Nothing is recorded unless asked: a call is private.
                core->setPlayFile(options.playFile.toStdString());
                if (!options.recordFile.isEmpty()) {
                    core->setRecordFile(options.recordFile.toStdString());
                }
            }
            core->addListener(shared_from_this());
            if (core->start() != 0) {
                throw std::runtime_error("the SIP core did not start");
            }
            this->useFiles = useFiles;
            // Nothing of an earlier run's account (accounts are per link).
            applySoftphoneAccount(core, {}, false);
            if (!useFiles) {
                applyDevices();
            }
            const int port = core->getTransportsUsed()->getUdpPort();
            udpPort = port;
            core->setPrimaryContact("<sip:" + user + "@" + options.bindAddress.toStdString() + ":" +
                                    std::to_string(port) + ">");
            const QString uri = QStringLiteral("sip:%1@%2:%3")
                                    .arg(QString::fromStdString(user), options.bindAddress)
                                    .arg(port);
            QStringList ids;
            QStringList names;
            for (const auto& d : core->getExtendedAudioDevices()) {
                ids << QString::fromStdString(d->getId());
                names << QString::fromStdString(d->getDeviceName());
            }
            Softphone* o = owner;
            toGui([o, uri, useFiles, ids, names] { o->onStarted(uri, useFiles, ids, names); });
            if (!useFiles) {
                reportDevices();
                nextDeviceLook = Clock::now() + std::chrono::seconds(2);
            }
        } catch (const std::exception& e) {
            const QString why = QString::fromUtf8(e.what());
            Softphone* o = owner;
            toGui([o, why] {
                emit o->failed(Softphone::tr("The softphone could not start: %1.").arg(why));
            });
            core.reset();
            return;
        }
        while (!quit) {
            std::deque<Command> now;
            {
                std::lock_guard g(lock);
                now.swap(commands);
            }
            for (auto& c : now) {
                c(*this);
            }
            core->iterate();
            if (pendingTransports && core->getCallsNb() == 0) {
                useTransports(*pendingTransports);
            }
            reportLevels();
            tickTest();
            followDevices();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        test.reset();
        if (call) {
            call->terminate();
            call.reset();
        }
        core->removeListener(shared_from_this());
        core->stop();
        core.reset();
    }

    void onAccountRegistrationStateChanged(const std::shared_ptr<linphone::Core>&,
                                           const std::shared_ptr<linphone::Account>& account,
                                           linphone::RegistrationState state,
                                           const std::string& message) override
    {
        if (account != core->getDefaultAccount()) {
            return; // one replaced by a newer account
        }
        if (state != linphone::RegistrationState::Failed) {
            reportRegistration(registrationOf(state), {});
            return;
        }
        // liblinphone's own words ("io error") mean little to an operator.
        const QString why = registrationFailureText(account->getError(), message);
        Softphone* o = owner;
        toGui([o, why] { o->onRegistration(Registration::Failed, why); });
    }

    /// Whether an incoming call is for this softphone: over its account,
    /// or to the user part only the gateway was told (the softphone may
    /// listen on a network others share; they cannot guess it).
    bool forUs(const std::shared_ptr<linphone::Call>& c) const
    {
        if (accountTransports) {
            return true; // nothing listens: it came over the account's connection
        }
        const auto to = c->getToAddress();
        return to && to->getUsername() == user;
    }

    /// Listening as an account needs (none) or as announced calls need
    /// (UDP), but never while a call is up: that would close its connection.
    void useTransports(bool account)
    {
        // Any call at all, the one being declined or ending included:
        // unlistening would cut its last messages off.
        if (core->getCallsNb() > 0) {
            pendingTransports = account;
            return;
        }
        pendingTransports.reset();
        if (account != accountTransports) {
            applySoftphoneTransports(core, account, udpPort);
            accountTransports = account;
        }
    }

    void reportRegistration(Registration r, const std::string& problem)
    {
        Softphone* o = owner;
        const QString why = QString::fromStdString(problem);
        toGui([o, r, why] { o->onRegistration(r, why); });
    }

    void onCallStateChanged(const std::shared_ptr<linphone::Core>&,
                            const std::shared_ptr<linphone::Call>& c, linphone::Call::State state,
                            const std::string&) override
    {
        using S = linphone::Call::State;
        switch (state) {
        case S::IncomingReceived:
            if (call || !answerUntil || Clock::now() > *answerUntil || !forUs(c)) {
                // Only the call the operator just accepted is answered.
                c->decline(linphone::Reason::Busy);
                Softphone* o = owner;
                toGui([o] { emit o->declined(); });
                return;
            }
            answerUntil.reset();
            // The caller comes first: the sound card is theirs.
            stopTest(AudioTestRun::Problem::CallArrived);
            call = c;
            held = false;
            if (autoAnswer) {
                report(CallState::Ringing);
                c->accept();
            } else {
                // Rings (liblinphone plays the ring file) until answer().
                report(CallState::Incoming);
            }
            break;
        case S::StreamsRunning:
            if (c == call) {
                applyAudio();
                if (!useFiles) {
                    if (callOutput.empty()) {
                        // What the call started on. Kept here, as liblinphone
                        // no longer names a device once it is unplugged.
                        const auto i = c->getInputAudioDevice();
                        const auto o = c->getOutputAudioDevice();
                        callInput = i ? i->getId() : std::string();
                        callOutput = o ? o->getId() : std::string();
                    }
                    // A headset plugged in while it rang; then what it uses.
                    moveCall();
                    reportDevices();
                }
                const bool srtp =
                    c->getCurrentParams()->getMediaEncryption() == linphone::MediaEncryption::SRTP;
                Softphone* o = owner;
                toGui([o, srtp] {
                    if (o->m_holder) {
                        o->m_callEncrypted = srtp;
                    }
                });
                report(held ? CallState::Held : CallState::Connected);
            }
            break;
        case S::End:
        case S::Error:
        case S::Released:
            if (c == call) {
                call.reset();
                callInput.clear();
                callOutput.clear();
                held = false;
                muted = false;
                core->enableMic(true);
                report(CallState::Ended);
                if (!useFiles) {
                    reportDevices(); // the defaults again, not the call's
                }
                Softphone* o = owner;
                toGui([o] { o->onLevels(Softphone::kSilent, Softphone::kSilent); });
            }
            break;
        default:
            break;
        }
    }
};

Softphone::Softphone(QObject* parent) : QObject(parent) {}

Softphone::~Softphone()
{
    stop();
}

bool Softphone::soundCardAvailable()
{
    if (!qEnvironmentVariableIsEmpty("WARMLINE_SOFTPHONE_FILES")) {
        return false;
    }
    return !qEnvironmentVariableIsEmpty("PULSE_SERVER") ||
           !QDir(QStringLiteral("/dev/snd")).entryList({QStringLiteral("pcmC*")}).isEmpty();
}

bool Softphone::startAudioTest(const QString& inputId, const QString& outputId, int recordMs)
{
    if (!m_holder || m_uri.isEmpty() || m_usingFiles || m_testing ||
        (m_state != CallState::Idle && m_state != CallState::Ended)) {
        return false;
    }
    m_testing = true;
    const auto in = inputId.toStdString();
    const auto out = outputId.toStdString();
    const auto dir = QDir(m_holder->options.dataDir).absolutePath().toStdString();
    m_holder->post([in, out, dir, recordMs](Engine& e) {
        if (e.call) {
            e.reportTest(AudioTestStep::Failed, kSilent, AudioTestRun::Problem::CallArrived);
            return;
        }
        e.testStep = AudioTestRun::Step::Tone;
        e.test = std::make_unique<AudioTestRun>(e.core, dir, in, out,
                                                std::chrono::milliseconds(recordMs));
        e.tickTest(); // reports a failure to start at once
    });
    emit audioTestStepChanged(AudioTestStep::Tone);
    return true;
}

void Softphone::setDevices(const QString& inputId, const QString& outputId)
{
    if (!m_holder) {
        return;
    }
    m_holder->post([inputId, outputId](Engine& e) {
        e.options.inputDevice = inputId;
        e.options.outputDevice = outputId;
        if (!e.useFiles) {
            e.nextDeviceLook = {}; // at once, an open call included
            e.knownDevices.clear();
        }
    });
}

void Softphone::onDevices(const QStringList& ids, const QStringList& names, const QString& input,
                          const QString& output)
{
    if (!m_holder) {
        return; // queued before stop()
    }
    m_deviceIds = ids;
    m_deviceNames = names;
    m_currentInput = input;
    m_currentOutput = output;
    emit devicesChanged();
}

void Softphone::cancelAudioTest()
{
    if (!m_holder || !m_testing) {
        return;
    }
    m_holder->post([](Engine& e) { e.stopTest(AudioTestRun::Problem::Cancelled); });
}

void Softphone::onAudioTest(AudioTestStep step, double peak, int problem)
{
    if (!m_holder || !m_testing) {
        return; // queued before stop()
    }
    if (step != AudioTestStep::Done && step != AudioTestStep::Failed) {
        emit audioTestStepChanged(step);
        return;
    }
    m_testing = false;
    QString why;
    switch (static_cast<AudioTestRun::Problem>(problem)) {
    case AudioTestRun::Problem::None:
        break;
    case AudioTestRun::Problem::ToneFile:
        why = tr("The test tone could not be written to the softphone's folder.");
        break;
    case AudioTestRun::Problem::NoSpeaker:
        why = tr("No speaker or headset was found.");
        break;
    case AudioTestRun::Problem::SpeakerBusy:
        why = tr("The speaker could not be opened: it may be in use or unplugged.");
        break;
    case AudioTestRun::Problem::NoMicrophone:
        why = tr("No microphone was found.");
        break;
    case AudioTestRun::Problem::MicrophoneBusy:
        why = tr("The microphone could not be opened: it may be in use or unplugged.");
        break;
    case AudioTestRun::Problem::CallArrived:
        why = tr("A call came in, so the test stopped.");
        break;
    case AudioTestRun::Problem::Cancelled:
        why = tr("The test was stopped.");
        break;
    }
    emit audioTestStepChanged(step);
    emit audioTestFinished(step == AudioTestStep::Done, peak, why);
}

void Softphone::start(const Options& options)
{
    stop();
    auto engine = std::make_shared<Engine>();
    engine->owner = this;
    engine->options = options;
    engine->autoAnswer = options.autoAnswer;
    m_autoAnswer = options.autoAnswer;
    if (engine->options.dataDir.isEmpty()) {
        engine->tempDir = std::make_unique<QTemporaryDir>();
        engine->options.dataDir = engine->tempDir->path();
    }
    QDir().mkpath(engine->options.dataDir);
    // An audio test cut short by a crash may have left the operator's voice.
    QFile::remove(engine->options.dataDir + QStringLiteral("/audio-test-recording.wav"));
    // liblinphone 5.1 insists on this directory even with its data dir set.
    QDir().mkpath(QDir::homePath() + QStringLiteral("/.local/share/linphone"));
    const bool files = options.useFiles || !soundCardAvailable();
    // What the gateway's certificate is checked against: the site's file,
    // or the system's certificates as Qt finds them on this system.
    QByteArray pem;
    if (options.caFile.isEmpty()) {
        for (const auto& cert : QSslConfiguration::systemCaCertificates()) {
            pem += cert.toPem();
        }
    } else if (QFile f(options.caFile); f.open(QIODevice::ReadOnly)) {
        pem = f.read(4 * 1024 * 1024);
    }
    engine->rootCa = pem.toStdString();
    engine->user =
        "op" + QString::number(QRandomGenerator::system()->generate64(), 16).toStdString();
    m_holder = engine;
    engine->thread = std::thread([engine, files] { engine->run(files); });
}

void Softphone::stop()
{
    if (!m_holder) {
        return;
    }
    m_holder->quit = true;
    if (m_holder->thread.joinable()) {
        m_holder->thread.join();
    }
    m_holder.reset();
    m_uri.clear();
    m_registrationProblem.clear();
    if (m_registration != Registration::None) {
        m_registration = Registration::None;
        emit registrationChanged(m_registration);
    }
    if (m_testing) {
        m_testing = false;
        emit audioTestStepChanged(AudioTestStep::Failed);
        emit audioTestFinished(false, kSilent, tr("The softphone stopped, so the test stopped."));
    }
    m_currentInput.clear();
    m_currentOutput.clear();
    m_heardLevel = kSilent;
    m_micLevel = kSilent;
    if (m_state != CallState::Idle) {
        onState(CallState::Idle);
    }
}

void Softphone::armAutoAnswer(int ms)
{
    if (!m_holder) {
        return;
    }
    const auto until = Clock::now() + std::chrono::milliseconds(ms);
    m_holder->post([until](Engine& e) { e.answerUntil = until; });
}

void Softphone::setAutoAnswer(bool on)
{
    m_autoAnswer = on;
    if (m_holder) {
        m_holder->post([on](Engine& e) {
            e.autoAnswer = on;
            // Turned on while the expected call rings: answer it now.
            if (on && e.call && e.call->getState() == linphone::Call::State::IncomingReceived) {
                e.report(CallState::Ringing);
                e.call->accept();
            }
        });
    }
}

void Softphone::answer()
{
    if (!m_holder) {
        return;
    }
    m_holder->post([](Engine& e) {
        if (e.call && e.call->getState() == linphone::Call::State::IncomingReceived) {
            e.report(CallState::Ringing);
            e.call->accept();
        }
    });
}

void Softphone::setMuted(bool muted)
{
    if (!m_holder || muted == m_muted) {
        return;
    }
    m_muted = muted;
    m_holder->post([muted](Engine& e) {
        e.muted = muted;
        e.applyAudio();
    });
    emit mutedChanged(muted);
}

void Softphone::setHeld(bool held)
{
    if (!m_holder) {
        return;
    }
    m_holder->post([held](Engine& e) {
        if (!e.call) {
            return;
        }
        e.held = held;
        e.applyAudio();
        e.report(held ? CallState::Held : CallState::Connected);
    });
}

void Softphone::hangUp()
{
    if (!m_holder) {
        return;
    }
    m_holder->post([](Engine& e) {
        if (e.call) {
            e.call->terminate();
        }
    });
}

void Softphone::onStarted(const QString& uri, bool usingFiles, const QStringList& ids,
                          const QStringList& names)
{
    if (!m_holder) {
        return;
    }
    m_uri = uri;
    m_usingFiles = usingFiles;
    m_deviceIds = ids;
    m_deviceNames = names;
    emit started(uri);
}

void Softphone::setAccount(const Account& account)
{
    if (!m_holder) {
        return;
    }
    m_holder->post([account](Engine& e) {
        const auto why = applySoftphoneAccount(e.core, account, !e.rootCa.empty());
        e.useTransports(why == AccountProblem::None && !account.username.isEmpty());
        if (why != AccountProblem::None) {
            // Not something liblinphone will try again: the session gives
            // the gateway's account up.
            Softphone* o = e.owner;
            e.toGui([o, why] { emit o->accountUnusable(accountProblemText(why)); });
            e.reportRegistration(Registration::None, {});
        } else if (account.username.isEmpty()) {
            e.reportRegistration(Registration::None, {});
        }
    });
}

void Softphone::onRegistration(Registration state, const QString& problem)
{
    if (!m_holder) {
        return;
    }
    m_registrationProblem = problem;
    if (state == m_registration) {
        return;
    }
    m_registration = state;
    emit registrationChanged(state);
}

void Softphone::onLevels(double heard, double mic)
{
    if (!m_holder) {
        return; // queued before stop()
    }
    // NaN or -inf (no measure yet) reads as silence.
    m_heardLevel = std::isfinite(heard) ? heard : kSilent;
    m_micLevel = std::isfinite(mic) ? mic : kSilent;
    emit levelsChanged(m_heardLevel, m_micLevel);
}

void Softphone::onState(CallState s)
{
    if (s == m_state) {
        return;
    }
    m_state = s;
    if (s == CallState::Ended || s == CallState::Idle) {
        m_muted = false;
        m_callEncrypted = false;
    }
    emit stateChanged(s);
}

} // namespace warmline::app
