#pragma once

// The desktop app's built-in softphone. liblinphone runs on a thread of its
// own (its Core and iterate loop never leave it); commands go to it through
// a queue and what happens comes back as queued signals carrying plain
// values. liblinphone stays out of this header (pimpl).
//
// It takes an incoming call only while the session has armed it (the
// operator has just accepted a call); any other call is declined with 486
// Busy Here. The call it takes is answered at once (auto-answer, the
// default) or rings (Incoming, with the ring file on the sound card) until
// answer(); a call nobody answers is cancelled by the gateway after
// sip.operator_ring_timeout (ring-no-answer). Without a sound card, or
// when asked, it plays a WAV file as its microphone and records what it
// hears to a WAV file. Between calls it looks for sound devices plugged in
// or out every two seconds and takes the chosen ones when they appear.

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace warmline::app {

class Softphone : public QObject
{
    Q_OBJECT
public:
    enum class CallState
    {
        Idle,
        Ringing,   ///< an incoming call, about to be answered by itself
        Incoming,  ///< an incoming call ringing until the operator answers
        Connected, ///< audio flows
        Held,      ///< the operator put the caller on hold
        Ended
    };
    Q_ENUM(CallState)

    /// The steps of the audio test in Settings (startAudioTest).
    enum class AudioTestStep
    {
        Tone,        ///< a short tone on the speaker
        Recording,   ///< the microphone, for a few seconds
        PlayingBack, ///< the recording, on the speaker
        Done,
        Failed
    };
    Q_ENUM(AudioTestStep)

    struct Options
    {
        QString bindAddress = QStringLiteral("127.0.0.1");
        QString dataDir;       ///< liblinphone's configuration and data ("": a temporary dir)
        bool useFiles = false; ///< play/record files instead of a sound card
        QString playFile;      ///< WAV played as the microphone in file mode
        QString recordFile;    ///< WAV written with what is heard in file mode
        QString inputDevice;   ///< liblinphone device id ("": its default)
        QString outputDevice;
        bool autoAnswer = true; ///< answer the expected call at once
        QString ringFile;       ///< WAV played in a loop while Incoming ("": silence)
        /// The certificates that sign the gateway's SIP certificate, a PEM
        /// file ("": the system's, as Qt finds them).
        QString caFile;
    };

    /// An account the gateway made for this link (softphone.account): the
    /// softphone connects out over TLS and registers with it, calls come
    /// back over that connection, and every call is SRTP (decision 157).
    struct Account
    {
        QString identity; ///< the account's URI, as the gateway gave it
        QString host;     ///< where the gateway is (the link's host)
        int tlsPort = 0;
        QString username;
        QString password;
        QString realm;
    };

    enum class Registration
    {
        None,        ///< no account: calls come to uri() (softphone.set)
        Registering, ///< connecting, or trying again after a failure
        Registered,
        Failed ///< refused or unreachable; liblinphone tries again
    };
    Q_ENUM(Registration)

    explicit Softphone(QObject* parent = nullptr);
    ~Softphone() override;
    Softphone(const Softphone&) = delete;
    Softphone& operator=(const Softphone&) = delete;

    /// Starts the core on its thread; `started` or `failed` follows.
    void start(const Options& options);
    void stop();
    bool running() const { return !m_uri.isEmpty(); }
    /// The URI the gateway calls ("" until started).
    QString uri() const { return m_uri; }
    bool usingFiles() const { return m_usingFiles; }
    CallState state() const { return m_state; }
    bool muted() const { return m_muted; }
    /// Whether the open call's audio is SRTP (known once Connected).
    bool callEncrypted() const { return m_callEncrypted; }

    /// Takes the next incoming call if it arrives within `ms` (answered at
    /// once, or ringing until answer(), as autoAnswer() says).
    void armAutoAnswer(int ms);
    /// Whether an expected call is answered at once (true) or rings.
    void setAutoAnswer(bool on);
    bool autoAnswer() const { return m_autoAnswer; }
    /// Answers the call ringing (state Incoming); nothing otherwise.
    void answer();
    /// The last measured levels of the open call in dBm0 (kSilent without
    /// one): what is heard from the far end and what the microphone sends.
    static constexpr double kSilent = -120.0;
    double heardLevel() const { return m_heardLevel; }
    double micLevel() const { return m_micLevel; }
    void setMuted(bool muted);
    /// Local side of hold: the operator's microphone and speaker go quiet
    /// (the gateway plays hold audio to the caller; see call.hold).
    void setHeld(bool held);
    void hangUp();
    /// The sound devices liblinphone knows ("id|name" pairs are split by the
    /// caller), filled once the core has started.
    QStringList deviceIds() const { return m_deviceIds; }
    QStringList deviceNames() const { return m_deviceNames; }
    /// The devices calls use now, the open call's while one is open (""
    /// until started, or in file mode).
    QString currentInput() const { return m_currentInput; }
    QString currentOutput() const { return m_currentOutput; }
    /// The devices to use ("": the system's default), at once, an open
    /// call included; a device that is not plugged in is taken when it
    /// appears (followDevices), and a call moves with it.
    void setDevices(const QString& inputId, const QString& outputId);

    /// Registers with `account` (replacing any other), or with nothing
    /// when its username is empty: back to plain calls to uri().
    void setAccount(const Account& account);
    Registration registration() const { return m_registration; }
    /// Why the last registration failed, in a sentence ("" otherwise).
    QString registrationProblem() const { return m_registrationProblem; }

    /// Whether a sound card can be used here: an ALSA device, or a
    /// PulseAudio server named by PULSE_SERVER (false in most tests).
    static bool soundCardAvailable();

    /// The audio test: a tone on `outputId`, `recordMs` recorded from
    /// `inputId` ("" for either: the current device), then that recording
    /// played back. False, with nothing started, when the softphone is not
    /// started, plays files, has a call, or is already testing. A call
    /// that arrives meanwhile stops the test (Failed).
    bool startAudioTest(const QString& inputId, const QString& outputId, int recordMs = 4000);
    void cancelAudioTest();
    bool audioTestRunning() const { return m_testing; }

signals:
    void started(const QString& uri);
    void failed(const QString& sentence);
    void stateChanged(warmline::app::Softphone::CallState state);
    void mutedChanged(bool muted);
    /// About ten times a second while audio flows, then once with kSilent.
    void levelsChanged(double heard, double mic);
    /// An incoming call was declined because none was expected.
    void declined();
    /// A device was plugged in or out: the lists and the devices in use.
    void devicesChanged();
    void registrationChanged(warmline::app::Softphone::Registration state);
    /// The account cannot be used here at all (its certificates cannot be
    /// read, no SRTP, an account it cannot parse): calls stay plain.
    void accountUnusable(const QString& why);
    void audioTestStepChanged(warmline::app::Softphone::AudioTestStep step);
    /// The microphone's level in dBFS, about ten times a second while recording.
    void audioTestLevel(double dbfs);
    /// The test is over: `ok` with the recording's peak in dBFS (-120 is
    /// silence), or not, with why in a sentence.
    void audioTestFinished(bool ok, double peakDbfs, const QString& problem);

private:
    struct Engine;
    void onStarted(const QString& uri, bool usingFiles, const QStringList& ids,
                   const QStringList& names);
    void onState(CallState s);
    void onRegistration(Registration state, const QString& problem);
    void onLevels(double heard, double mic);
    void onAudioTest(AudioTestStep step, double peak, int problem);
    void onDevices(const QStringList& ids, const QStringList& names, const QString& input,
                   const QString& output);

    std::shared_ptr<Engine> m_holder; ///< shared with its thread
    QString m_uri;
    bool m_usingFiles = false;
    bool m_muted = false;
    bool m_callEncrypted = false;
    bool m_autoAnswer = true;
    bool m_testing = false;
    double m_heardLevel = kSilent;
    double m_micLevel = kSilent;
    CallState m_state = CallState::Idle;
    Registration m_registration = Registration::None;
    QString m_registrationProblem;
    QStringList m_deviceIds;
    QStringList m_deviceNames;
    QString m_currentInput;
    QString m_currentOutput;
};

} // namespace warmline::app
