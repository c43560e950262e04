// The warmline desktop client's entry point: command line, the login
// dialog, then the main window. Everything runs on the GUI thread.

#include "app/link/LinkConnection.h"
#include "app/phone/Softphone.h"
#include "app/shell/AppIdentity.h"
#include "app/shell/AppLanguage.h"
#include "app/shell/AppShell.h"
#include "app/shell/SettingsDialog.h"
#include "app/shift/DraftKeeper.h"
#include "app/shift/LocalStore.h"
#include "app/shift/ShiftSession.h"
#include "app/widgets/AccessibleStyle.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

using namespace warmline::app;

namespace {

/// Test hook: autosave one draft through the normal path, report it, then
/// keep running until killed (the crash-survival test kills -9).
int runDraftTest(LocalStore& store, const QString& spec)
{
    const auto colon = spec.indexOf(QLatin1Char(':'));
    const qint64 contactId = spec.left(colon).toLongLong();
    const QString text = spec.mid(colon + 1);
    DraftKeeper keeper(store, nullptr, 200, 1000);
    QObject::connect(&keeper, &DraftKeeper::saved, [] {
        std::fputs("draft-saved\n", stdout);
        std::fflush(stdout);
    });
    keeper.edit(contactId, QStringLiteral("note"), text);
    return QApplication::exec();
}

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    setApplicationIdentity();
    AppLanguage language;
    language.apply(AppLanguage::choice());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Warmline peer operator desktop"));
    parser.addHelpOption();
    const QCommandLineOption gatewayOption(QStringLiteral("gateway"),
                                           QStringLiteral("Gateway link URL to prefill."),
                                           QStringLiteral("URL"));
    const QCommandLineOption userOption(QStringLiteral("user"),
                                        QStringLiteral("Operator name to prefill."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption dataOption(QStringLiteral("data-dir"),
                                        QStringLiteral("Folder for drafts and the outbox."),
                                        QStringLiteral("DIR"));
    QCommandLineOption draftOption(QStringLiteral("test-draft"),
                                   QStringLiteral("Testing: autosave CONTACT:TEXT and wait."),
                                   QStringLiteral("CONTACT:TEXT"));
    draftOption.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption playOption(
        QStringLiteral("play-file"),
        QStringLiteral("Softphone: play this WAV as the microphone (no sound card)."),
        QStringLiteral("WAV"));
    const QCommandLineOption recordOption(
        QStringLiteral("record-file"),
        QStringLiteral("Softphone: record what is heard to this WAV (no sound card)."),
        QStringLiteral("WAV"));
    const QCommandLineOption phoneAddressOption(
        QStringLiteral("softphone-address"),
        QStringLiteral("Softphone: the IP address to listen on (default every address, "
                       "or softphone/address in the settings)."),
        QStringLiteral("IP"));
    const QCommandLineOption phoneCaOption(
        QStringLiteral("softphone-ca"),
        QStringLiteral("Softphone: a PEM file with the certificates that sign the gateway's "
                       "SIP certificate (default the system's, or softphone/caFile in the "
                       "settings)."),
        QStringLiteral("file"));
    const QCommandLineOption noPhoneOption(
        QStringLiteral("no-softphone"),
        QStringLiteral("Do not start the built-in softphone (calls go to the desk phone)."));
    parser.addOptions({gatewayOption, userOption, dataOption, draftOption, playOption, recordOption,
                       phoneAddressOption, phoneCaOption, noPhoneOption});
    parser.process(app);

    const QString dataDir = parser.isSet(dataOption)
                                ? parser.value(dataOption)
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    LocalStore store(dataDir);
    if (!store.isOpen()) {
        std::fprintf(stderr, "warmline: cannot open the local store in %s: %s\n",
                     qPrintable(dataDir), qPrintable(store.errorText()));
        return 1;
    }
    if (parser.isSet(draftOption)) {
        return runDraftTest(store, parser.value(draftOption));
    }

    LinkConnection link;
    ShiftSession session(link, store);
    Softphone phone;
    if (!parser.isSet(noPhoneOption)) {
        Softphone::Options options;
        options.dataDir = dataDir + QStringLiteral("/softphone");
        options.bindAddress =
            parser.isSet(phoneAddressOption)
                ? parser.value(phoneAddressOption)
                : QSettings()
                      .value(QStringLiteral("softphone/address"), QStringLiteral("0.0.0.0"))
                      .toString();
        options.caFile = parser.isSet(phoneCaOption)
                             ? parser.value(phoneCaOption)
                             : QSettings().value(QStringLiteral("softphone/caFile")).toString();
        options.useFiles =
            SettingsDialog::useFiles() || parser.isSet(playOption) || parser.isSet(recordOption);
        options.playFile = parser.value(playOption);
        options.recordFile = parser.value(recordOption);
        options.inputDevice = SettingsDialog::inputDevice();
        options.outputDevice = SettingsDialog::outputDevice();
        options.autoAnswer = SettingsDialog::autoAnswer();
        // liblinphone plays a file, not a Qt resource: copy the ring out.
        const QString ring = options.dataDir + QStringLiteral("/ring.wav");
        QDir().mkpath(options.dataDir);
        QFile::remove(ring);
        if (QFile::copy(QStringLiteral(":/sounds/ring.wav"), ring)) {
            options.ringFile = ring;
        }
        QObject::connect(&phone, &Softphone::failed, &app, [](const QString& sentence) {
            std::fprintf(stderr, "warmline: %s\n", qPrintable(sentence));
        });
        phone.start(options);
        session.setSoftphone(&phone);
    }
    SettingsDialog::applyTextScale();
    applyAccessibleLook(SettingsDialog::highContrast());
    AppShell shell(link, session);
    QObject::connect(&shell, &AppShell::quitRequested, &app, &QApplication::quit,
                     Qt::QueuedConnection);
    QObject::connect(&app, &QApplication::aboutToQuit, &app, [&] {
        session.drafts()->flush();
        if (link.isOnline()) {
            link.close();
        }
    });
    QApplication::setQuitOnLastWindowClosed(true);
    shell.start(parser.value(gatewayOption), parser.value(userOption));
    if (qEnvironmentVariableIsSet("WARMLINE_STARTUP_PROBE")) {
        // Benchmark hook (docs/PERFORMANCE.md "Desktop app"): on the first
        // event-loop turn after show(), print how long main took to get
        // here, and quit.
        QTimer::singleShot(0, &app, [&] {
            std::printf("login-window-ms %.1f\n",
                        static_cast<double>(sinceStart.nsecsElapsed()) / 1e6);
            std::fflush(stdout);
            QApplication::quit();
        });
    }
    return QApplication::exec();
}
