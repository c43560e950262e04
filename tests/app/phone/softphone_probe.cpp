// The desktop app's softphone engine (app/phone/Softphone, liblinphone) on
// its own, for tests that run it where the app cannot easily go, such as a
// "home" network namespace behind a NAT router (sip_nat_srtp). It registers
// over TLS with an account given on the command line (the password in
// WARMLINE_PROBE_PASSWORD, not on the command line), plays a WAV file as its
// microphone, records what it hears, answers every call, and says on stdout
// what happens: "registered", "connected srtp=1|0", "ended", "failed: why".
// SIGTERM stops it cleanly (the recording is complete afterwards). SIGUSR1
// and SIGUSR2 do what the app (ShiftSession) does when its link to the
// gateway drops and comes back: the account is taken away ("account
// dropped"), then given again ("account set").

#include "app/phone/Softphone.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using warmline::app::Softphone;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char c = signal == SIGUSR1 ? 'd' : signal == SIGUSR2 ? 'a' : 'q';
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

void say(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption identity(QStringLiteral("identity"), QStringLiteral("URI"),
                                      QStringLiteral("uri"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("gateway host"),
                                  QStringLiteral("host"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TLS port"),
                                  QStringLiteral("port"));
    const QCommandLineOption username(QStringLiteral("username"), QStringLiteral("account"),
                                      QStringLiteral("name"));
    const QCommandLineOption realm(QStringLiteral("realm"), QStringLiteral("realm"),
                                   QStringLiteral("realm"));
    const QCommandLineOption ca(QStringLiteral("ca"), QStringLiteral("CA file"),
                                QStringLiteral("file"));
    const QCommandLineOption play(QStringLiteral("play"), QStringLiteral("WAV played"),
                                  QStringLiteral("file"));
    const QCommandLineOption record(QStringLiteral("record"), QStringLiteral("WAV recorded"),
                                    QStringLiteral("file"));
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("data directory"),
                                  QStringLiteral("dir"));
    parser.addOptions({identity, host, port, username, realm, ca, play, record, data});
    parser.process(app);

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        return 1;
    }
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    std::signal(SIGUSR1, onSignal);
    std::signal(SIGUSR2, onSignal);

    Softphone phone;
    Softphone::Account account;
    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [&] {
        char c = 0;
        if (::read(g_signalPipe[0], &c, 1) != 1 || c == 'q') {
            app.quit();
        } else if (c == 'd') {
            phone.setAccount({});
            say(QStringLiteral("account dropped"));
        } else if (c == 'a') {
            phone.setAccount(account);
            say(QStringLiteral("account set"));
        }
    });
    Softphone::Options options;
    options.bindAddress = QStringLiteral("0.0.0.0");
    options.caFile = parser.value(ca);
    options.dataDir = parser.value(data);
    options.useFiles = true;
    options.playFile = parser.value(play);
    options.recordFile = parser.value(record);

    // Every call is expected: the test's operator has just accepted it.
    QTimer rearm;
    QObject::connect(&rearm, &QTimer::timeout, &phone, [&phone] { phone.armAutoAnswer(60000); });
    QObject::connect(&phone, &Softphone::started, &app, [&](const QString&) {
        account.identity = parser.value(identity);
        account.host = parser.value(host);
        account.tlsPort = parser.value(port).toInt();
        account.username = parser.value(username);
        account.password = qEnvironmentVariable("WARMLINE_PROBE_PASSWORD");
        account.realm = parser.value(realm);
        phone.setAccount(account);
        phone.armAutoAnswer(60000);
        rearm.start(30000);
    });
    QObject::connect(&phone, &Softphone::failed, &app, [&](const QString& why) {
        say(QStringLiteral("failed: ") + why);
        app.exit(1);
    });
    QObject::connect(&phone, &Softphone::registrationChanged, &app, [&](Softphone::Registration r) {
        if (r == Softphone::Registration::Registered) {
            say(QStringLiteral("registered"));
        } else if (r == Softphone::Registration::Failed) {
            say(QStringLiteral("registration failed: ") + phone.registrationProblem());
        }
    });
    QObject::connect(&phone, &Softphone::stateChanged, &app, [&](Softphone::CallState s) {
        if (s == Softphone::CallState::Connected) {
            say(QStringLiteral("connected srtp=%1").arg(phone.callEncrypted() ? 1 : 0));
        } else if (s == Softphone::CallState::Ended) {
            say(QStringLiteral("ended"));
            phone.armAutoAnswer(60000);
        }
    });
    phone.start(options);
    const int rc = app.exec();
    phone.stop();
    say(QStringLiteral("stopped"));
    return rc;
}
