// The desktop app's built-in softphone end to end, with real processes: a
// real warmline-gateway with SIP on, sipp as the caller playing G.711 audio,
// the app's Softphone (liblinphone) in file mode registered through the
// link. The operator accepts the call in the main window's session, the
// softphone answers by itself, audio flows both ways (the gateway's RTP
// counters and the WAV the softphone records), and the call bar's Hold,
// Mute and Hang up change what the gateway and the softphone report. All
// waits poll with a timeout. Needs sip-tester and liblinphone (scripts/deps).

#include "app/board/BoardOperatorsModel.h"
#include "app/board/ListenWindow.h"
#include "app/board/ShiftBoard.h"
#include "app/board/ShiftBoardWindow.h"
#include "app/link/LinkConnection.h"
#include "app/phone/Softphone.h"
#include "app/phone/SoftphoneFixture.h"
#include "app/shell/MainWindow.h"
#include "app/shell/SettingsDialog.h"
#include "app/shift/InterpreterButton.h"
#include "app/shift/LeadNoticeBar.h"
#include "app/shift/LocalStore.h"
#include "app/shift/ShiftSession.h"
#include "app/shift/WellbeingBar.h"
#include "app/widgets/LevelMeter.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

using namespace warmline::app;
using warmline::telephony::SimpleHttpClient;
namespace wt = warmline::test;
namespace fs = std::filesystem;
using namespace warmline::test::phone;

namespace {

QPushButton* buttonNamed(QWidget* root, const QString& name)
{
    for (auto* b : root->findChildren<QPushButton*>()) {
        if (b->accessibleName() == name) {
            return b;
        }
    }
    return nullptr;
}

} // namespace

class SoftphoneTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void callAnsweredByTheSoftphoneWithAudio();
    void unexpectedCallIsDeclined();
    void answersTheGatewaysCheck();
    void leadListensWhispersAndBargesFromTheBoard();
    void ringsUntilTheOperatorAnswers();

private:
    std::string metrics() { return SimpleHttpClient(m_gateway->url()).get("/metrics").body; }
    std::unique_ptr<wt::GatewayProcess> m_gateway;
    int m_sipPort = 0;
    int m_trunkPort = 0; ///< where the interpreter service answers
    QTemporaryDir m_content;
};

void SoftphoneTest::initTestCase()
{
    if (!fs::exists(kSipp) || !fs::exists(kAudio)) {
        QFAIL("sipp is not installed: run scripts/deps test (Debian package sip-tester)");
    }
    QStandardPaths::setTestModeEnabled(true);
    // liblinphone writes under $HOME: give it one of its own.
    static QTemporaryDir home;
    qputenv("HOME", home.path().toLocal8Bit());
    // Below the ephemeral range, where sipp's ports are found (SipCallFixture.h).
    const int base = 20000 + static_cast<int>(::getpid() % 12) * 1000;
    wt::GatewayOptions o;
    o.start = false;
    o.configExtra = "[outbound]\nprovider = none\n[sip]\nenabled = true\nudp_port = 0\n"
                    "tcp_port = 0\nanswer_delay = 200ms\noperator_ring_timeout = 6s\n"
                    // sipp's uas scenario, the desk phones here, would take
                    // the gateway's OPTIONS for a call and fail it.
                    "phone_check_interval = 0\n"
                    "line_numbers = " +
                    kLine + "\nrtp_port_min = " + std::to_string(base) +
                    "\nrtp_port_max = " + std::to_string(base + 999) + "\n";
    // An interpreter service, a number dialled through the trunk.
    m_trunkPort = wt::freeUdpPort();
    const QString content = m_content.filePath(QStringLiteral("line-content.json"));
    QFile file(content);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version": 1, "quickReplies": [], "topics": [], "referrals": [],
        "interpreters": [{"id": "lang", "name": "Telephone interpreters",
                          "callAddress": "+15555550170", "languages": ["Tagalog"]}]})");
    file.close();
    o.configExtra += "trunk_uri = sip:{number}@127.0.0.1:" + std::to_string(m_trunkPort) +
                     "\n[line]\ncontent_file = " + content.toStdString() + "\n";
    m_gateway = std::make_unique<wt::GatewayProcess>(o);
    m_gateway->addOperator("sam", "operator", kPassword.toStdString());
    m_gateway->addOperator("ora", "operator", kPassword.toStdString());
    m_gateway->addOperator("lee", "lead", kPassword.toStdString());
    m_gateway->addOperator("kim", "operator", kPassword.toStdString());
    m_gateway->start();
    m_sipPort = m_gateway->readyValue("sip_udp_port");
    QVERIFY(m_sipPort > 0);
}

void SoftphoneTest::callAnsweredByTheSoftphoneWithAudio()
{
    QTemporaryDir data;
    const QString heard = data.filePath(QStringLiteral("heard.wav"));
    Softphone phone;
    QSignalSpy started(&phone, &Softphone::started);
    Softphone::Options options = filePhone(data, heard);
    phone.start(options);
    QVERIFY(started.wait(20000));
    QVERIFY(phone.usingFiles());
    QVERIFY2(QRegularExpression(QStringLiteral("^sip:op[0-9a-f]+@127\\.0\\.0\\.1:[0-9]+$"))
                 .match(phone.uri())
                 .hasMatch(),
             qPrintable(phone.uri()));

    OperatorApp app(data.path(), phone);
    app.signInAvailable(m_gateway->linkUrl(), QStringLiteral("sam"));
    if (QTest::currentTestFailed()) {
        return;
    }
    ShiftSession& session = app.session;
    MainWindow& window = *app.window;

    // sam has no desk phone: only the softphone registered on the link can
    // take the call.
    wt::Process caller(talkingCaller(m_gateway->dir(), m_sipPort, "caller"));
    QTRY_COMPARE_WITH_TIMEOUT(session.queue()->rowCount(), 1, 15000);

    session.acceptContact(0);
    QTRY_VERIFY_WITH_TIMEOUT(phone.state() == Softphone::CallState::Connected, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(session.currentContact() != nullptr, 10000);
    QVERIFY(session.currentContact()->channel == warmline::Channel::Call);

    // Audio both ways through the gateway.
    const std::string toOperator = "warmline_rtp_relayed_packets_total{to=\"operator\"}";
    const std::string toCaller = "warmline_rtp_relayed_packets_total{to=\"caller\"}";
    const std::string prompt = "warmline_rtp_packets_total{kind=\"prompt\"}";
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), toOperator) > 100, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), toCaller) > 100, 20000);

    // The call bar, every control named.
    auto* hold = buttonNamed(&window, QStringLiteral("Put the caller on hold"));
    auto* mute = buttonNamed(&window, QStringLiteral("Mute my microphone"));
    auto* hangUp = buttonNamed(&window, QStringLiteral("Hang up and start wrap-up"));
    QVERIFY(hold && mute && hangUp);
    QTRY_VERIFY_WITH_TIMEOUT(hold->isVisible() && hold->isEnabled() && mute->isEnabled(), 10000);

    // The level meters: the caller's audio measures well above silence and
    // the bar shows it. Playing a file, liblinphone has no microphone
    // measure, so that meter is hidden rather than empty.
    LevelMeter* micMeter = nullptr;
    LevelMeter* heardMeter = nullptr;
    for (auto* bar : window.findChildren<LevelMeter*>()) {
        if (bar->accessibleName() == QStringLiteral("My microphone level")) {
            micMeter = bar;
        } else if (bar->accessibleName() == QStringLiteral("Caller's level")) {
            heardMeter = bar;
        }
    }
    QVERIFY(micMeter && heardMeter);
    QTRY_VERIFY_WITH_TIMEOUT(heardMeter->isVisible(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(heardMeter->accessibleDescription(), QStringLiteral("sound"), 10000);
    QVERIFY(!micMeter->isVisible());
    QTRY_VERIFY2_WITH_TIMEOUT(phone.heardLevel() > -50.0,
                              qPrintable(QStringLiteral("heard %1 dBm0").arg(phone.heardLevel())),
                              10000);
    QTRY_VERIFY_WITH_TIMEOUT(heardMeter->value() > 15, 10000);
    QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
    QVERIFY(window.grab().save(QStringLiteral(WARMLINE_SCREENSHOT_DIR "/57-call-connected.png")));

    // Mute: the softphone's microphone is off; the call goes on.
    mute->click();
    QTRY_VERIFY_WITH_TIMEOUT(phone.muted(), 5000);
    mute->click();
    QTRY_VERIFY_WITH_TIMEOUT(!phone.muted(), 5000);

    // Hold: the caller hears hold audio and nothing of the operator.
    QSignalSpy holdChanged(&session, &ShiftSession::callHoldChanged);
    hold->click();
    QVERIFY(holdChanged.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(phone.state() == Softphone::CallState::Held, 5000);
    const auto atHold = metrics();
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), prompt) > metric(atHold, prompt) + 100, 15000);
    QVERIFY(metric(metrics(), toCaller) - metric(atHold, toCaller) <= 5);
    hold->click();
    QVERIFY(holdChanged.wait(10000));
    QCOMPARE(holdChanged.last().at(0).toBool(), false);
    QTRY_VERIFY_WITH_TIMEOUT(phone.state() == Softphone::CallState::Connected, 5000);
    const auto atResume = metrics();
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), toCaller) > metric(atResume, toCaller) + 50, 15000);

    // Interpreter: chosen from the call bar's menu, it joins through the
    // trunk and hears the call; ending it leaves the two of them.
    auto* interpreter = window.findChild<InterpreterButton*>(QStringLiteral("interpreterButton"));
    QVERIFY(interpreter);
    QTRY_VERIFY_WITH_TIMEOUT(interpreter->isVisible() && interpreter->isEnabled(), 10000);
    wt::ProcessOptions ip;
    ip.argv = {
        kSipp, "-sn", "uas",       "-i",       "127.0.0.1", "-p", std::to_string(m_trunkPort),
        "-m",  "1",   "-rtp_echo", "-nostdin", "-timeout",  "60s"};
    ip.outputDir = m_gateway->dir();
    ip.name = "interpreter";
    wt::Process service(std::move(ip));
    QAction* tagalog = nullptr;
    for (auto* a : interpreter->menu()->actions()) {
        if (a->menu()) {
            for (auto* l : a->menu()->actions()) {
                if (l->text() == QStringLiteral("Tagalog")) {
                    tagalog = l;
                }
            }
        }
    }
    QVERIFY(tagalog);
    tagalog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(interpreter->state(), QStringLiteral("connected"), 20000);
    QVERIFY(interpreter->stateText().contains(QStringLiteral("Tagalog")));
    const std::string toInterpreter = "warmline_rtp_relayed_packets_total{to=\"interpreter\"}";
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), toInterpreter) > 50, 20000);
    QCOMPARE(interpreter->accessibleName(),
             QStringLiteral("Hang up the interpreter; the call goes on"));
    interpreter->click();
    QTRY_VERIFY_WITH_TIMEOUT(interpreter->state().isEmpty(), 10000);
    QCOMPARE(service.waitExit(std::chrono::seconds(15)), std::optional<int>(0));
    const auto afterInterpreter = metrics();
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), toCaller) > metric(afterInterpreter, toCaller) + 50,
                             15000);
    QCOMPARE(metric(metrics(), toInterpreter), metric(afterInterpreter, toInterpreter));

    // Hang up: both legs end, the contact goes to wrap-up.
    hangUp->click();
    QTRY_VERIFY_WITH_TIMEOUT(phone.state() == Softphone::CallState::Ended, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(metric(metrics(), "warmline_calls_active"), std::int64_t(0), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(session.currentContact() &&
                                 session.currentContact()->state == warmline::ContactState::WrapUp,
                             10000);
    caller.kill(SIGTERM);
    caller.waitExit(std::chrono::seconds(10));

    // The softphone heard the caller: its recording is not silence.
    phone.stop();
    const int loudest = loudestSample(heard);
    QVERIFY2(loudest > 1000, qPrintable(QStringLiteral("loudest sample %1").arg(loudest)));

    // Settings offer the audio choices, each named.
    SettingsDialog settings(&phone);
    for (auto* w : settings.findChildren<QWidget*>()) {
        if (qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractButton*>(w)) {
            QVERIFY2(
                !w->accessibleName().isEmpty() ||
                    !QAccessible::queryAccessibleInterface(w)->text(QAccessible::Name).isEmpty(),
                w->metaObject()->className());
        }
    }
}

void SoftphoneTest::unexpectedCallIsDeclined()
{
    // A call the operator did not just accept is refused with 486.
    QTemporaryDir data;
    Softphone phone;
    QSignalSpy started(&phone, &Softphone::started);
    QSignalSpy declined(&phone, &Softphone::declined);
    Softphone::Options options;
    options.dataDir = data.path();
    options.useFiles = true;
    phone.start(options);
    QVERIFY(started.wait(20000));
    const QString hostPort = phone.uri().mid(phone.uri().indexOf(QLatin1Char('@')) + 1);
    wt::Process stranger(sippOnce(data.path().toStdString(), "stranger",
                                  {"-sn", "uac", hostPort.toStdString()}, "30s"));
    QVERIFY(declined.wait(20000));
    const auto code = stranger.waitExit(std::chrono::seconds(30));
    QVERIFY(code.has_value());
    QVERIFY(*code != 0); // sipp's uac expects a 200: the call failed
    QCOMPARE(phone.state(), Softphone::CallState::Idle);

    // Armed for the call the operator just accepted, it still refuses a
    // call to another user part than the one only the gateway was told:
    // someone on the same network cannot take the operator's microphone.
    phone.armAutoAnswer(20000);
    wt::Process guesser(sippOnce(data.path().toStdString(), "guesser",
                                 {"-sn", "uac", "-s", "operator", hostPort.toStdString()}, "30s"));
    QVERIFY(declined.wait(20000));
    const auto guessed = guesser.waitExit(std::chrono::seconds(30));
    QVERIFY(guessed.has_value());
    QVERIFY(*guessed != 0);
    QCOMPARE(phone.state(), Softphone::CallState::Idle);
}

void SoftphoneTest::answersTheGatewaysCheck()
{
    // The gateway asks each operator's phone whether it is there with an
    // OPTIONS (decision 147); the app's softphone must answer it, or every
    // operator would show on the board as not answering.
    QTemporaryDir data;
    Softphone phone;
    QSignalSpy started(&phone, &Softphone::started);
    Softphone::Options options;
    options.dataDir = data.path();
    options.useFiles = true;
    phone.start(options);
    QVERIFY(started.wait(20000));
    const QString hostPort = phone.uri().mid(phone.uri().indexOf(QLatin1Char('@')) + 1);
    wt::Process check(sippOnce(data.path().toStdString(), "check",
                               {"-sf", WARMLINE_SOURCE_DIR "/tests/telephony/sip/options_ping.xml",
                                hostPort.toStdString()},
                               "20s"));
    // The softphone answers from this thread's event loop: keep it turning.
    QTRY_VERIFY_WITH_TIMEOUT(!check.running(), 30000);
    const auto code = check.waitExit(std::chrono::seconds(1));
    QVERIFY(code.has_value());
    QVERIFY2(*code == 0, (check.stdoutText() + check.stderrText()).substr(0, 2000).c_str());
    QCOMPARE(phone.state(), Softphone::CallState::Idle);
}

namespace {

/// sipp answering calls at `port` (one call), once its port is bound.
std::unique_ptr<wt::Process> answeringPhone(const fs::path& dir, const std::string& name, int port,
                                            bool echo)
{
    std::vector<std::string> args = {"-sn", "uas", "-p", std::to_string(port)};
    if (echo) {
        args.emplace_back("-rtp_echo");
    }
    auto p = sippOnce(dir, name, std::move(args), "120s");
    auto process = std::make_unique<wt::Process>(std::move(p));
    wt::waitFor([&] { return wt::udpPortBound(port) || !process->running(); },
                std::chrono::seconds(20));
    return process;
}

} // namespace

// A shift lead joins ora's call from the board on the phone on the lead's
// profile (docs/coaching.md): sipp as the caller (talking), ora's desk phone
// (silent) and lee's phone (echoing what it hears, so whatever the lead's
// line sends into the call is the caller's own voice back). In Listen the
// caller hears nothing more; in Barge the caller hears the lead's line.
// ora's bar says so each time. Screenshots to look at.
void SoftphoneTest::leadListensWhispersAndBargesFromTheBoard()
{
    const int deskPort = wt::freeUdpPort();
    const int leadPort = wt::freeUdpPort();
    auto desk = answeringPhone(m_gateway->dir(), "ora-desk", deskPort, false);
    auto leadPhone = answeringPhone(m_gateway->dir(), "lee-phone", leadPort, true);
    QVERIFY(wt::udpPortBound(deskPort) && wt::udpPortBound(leadPort));

    QTemporaryDir data;
    LocalStore oraStore(data.filePath(QStringLiteral("ora")));
    LocalStore leeStore(data.filePath(QStringLiteral("lee")));
    LinkConnection oraLink;
    ShiftSession ora(oraLink, oraStore);
    QSignalSpy oraSnapshot(&oraLink, &LinkConnection::snapshotReceived);
    oraLink.open(QUrl(QString::fromStdString(m_gateway->linkUrl())), QStringLiteral("ora"),
                 kPassword);
    QVERIFY(oraSnapshot.wait(20000));
    bool set = false;
    oraLink.request(
        QStringLiteral("operator.sip"),
        {{QStringLiteral("name"), QStringLiteral("ora")},
         {QStringLiteral("uri"), QStringLiteral("sip:desk@127.0.0.1:%1").arg(deskPort)}},
        [&](const LinkReply& r) { set = r.ok; });
    QTRY_VERIFY_WITH_TIMEOUT(set, 10000);
    MainWindow oraWindow(ora);
    oraWindow.resize(1280, 760);
    oraWindow.show();
    ora.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(ora.presence() == warmline::Presence::Available, 10000);

    LinkConnection leeLink;
    ShiftSession lee(leeLink, leeStore);
    QSignalSpy leeSnapshot(&leeLink, &LinkConnection::snapshotReceived);
    leeLink.open(QUrl(QString::fromStdString(m_gateway->linkUrl())), QStringLiteral("lee"),
                 kPassword);
    QVERIFY(leeSnapshot.wait(20000));
    set = false;
    leeLink.request(QStringLiteral("operator.sip"),
                    {{QStringLiteral("name"), QStringLiteral("lee")},
                     {QStringLiteral("uri"), QStringLiteral("sip:lee@127.0.0.1:%1").arg(leadPort)}},
                    [&](const LinkReply& r) { set = r.ok; });
    QTRY_VERIFY_WITH_TIMEOUT(set, 10000);
    MainWindow leeWindow(lee);
    ShiftBoardWindow* boardWindow = leeWindow.openShiftBoard();
    QVERIFY(boardWindow);
    ShiftBoard& board = boardWindow->board();
    QTRY_VERIFY_WITH_TIMEOUT(board.loaded(), 10000);

    wt::Process caller(talkingCaller(m_gateway->dir(), m_sipPort, "caller-listened"));
    QTRY_COMPARE_WITH_TIMEOUT(ora.queue()->rowCount(), 1, 15000);
    ora.acceptContact(0);
    QTRY_VERIFY_WITH_TIMEOUT(ora.currentContact() != nullptr, 15000);
    const qint64 contactId = ora.currentContact()->id;
    const std::string toCaller = "warmline_rtp_relayed_packets_total{to=\"caller\"}";
    const std::string toLead = "warmline_rtp_relayed_packets_total{to=\"lead\"}";
    QTRY_VERIFY_WITH_TIMEOUT(
        metric(metrics(), "warmline_rtp_relayed_packets_total{to=\"operator\"}") > 50, 20000);
    const qint64 oraId = oraLink.operatorId();
    QTRY_VERIFY_WITH_TIMEOUT(board.operators()->operatorById(oraId) &&
                                 !board.operators()->operatorById(oraId)->held.isEmpty(),
                             10000);

    // Listen, from the board: lee's phone rings and joins; ora is told.
    ListenWindow* listen = boardWindow->listen(contactId);
    QVERIFY(listen);
    QTRY_COMPARE_WITH_TIMEOUT(listen->state(), QStringLiteral("on"), 20000);
    QCOMPARE(listen->mode(), QStringLiteral("listen"));
    auto* bar = oraWindow.findChild<LeadNoticeBar*>();
    QVERIFY(bar);
    QTRY_VERIFY_WITH_TIMEOUT(bar->text().contains(QStringLiteral("is listening to your call")),
                             10000);
    // The lead's line hears the call; what it sends reaches nobody.
    const auto listening = metrics();
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), toLead) > metric(listening, toLead) + 50, 15000);
    QVERIFY(metric(metrics(), toCaller) - metric(listening, toCaller) <= 5);
    listen->resize(620, 170);

    // Whisper: ora's bar says so; the caller still hears nothing of it.
    listen->choose(QStringLiteral("whisper"));
    QTRY_COMPARE_WITH_TIMEOUT(listen->mode(), QStringLiteral("whisper"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(bar->text().contains(QStringLiteral("is whispering to you")), 10000);
    const auto whispering = metrics();
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), toLead) > metric(whispering, toLead) + 50, 15000);
    QVERIFY(metric(metrics(), toCaller) - metric(whispering, toCaller) <= 5);

    // Barge: the caller hears the lead's line.
    listen->choose(QStringLiteral("barge"));
    QTRY_COMPARE_WITH_TIMEOUT(listen->mode(), QStringLiteral("barge"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(bar->text().contains(QStringLiteral("has joined your call")), 10000);
    const auto barging = metrics();
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), toCaller) > metric(barging, toCaller) + 50, 15000);
    QVERIFY(listen->statusText().contains(QStringLiteral("everyone hears you")));
    QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
    QVERIFY(listen->grab().save(QStringLiteral(WARMLINE_SCREENSHOT_DIR "/52-listen-window.png")));
    QVERIFY(oraWindow.grab().save(
        QStringLiteral(WARMLINE_SCREENSHOT_DIR "/53-operator-told-barge.png")));

    // Closing the window hangs the lead's line up; the call goes on.
    listen->close();
    QTRY_VERIFY_WITH_TIMEOUT(bar->text().contains(QStringLiteral("has left your call")), 10000);
    QCOMPARE(leadPhone->waitExit(std::chrono::seconds(15)), std::optional<int>(0));
    QCOMPARE(metric(metrics(), "warmline_calls_active"), std::int64_t(1));
    // ora hangs up with the survey ticked: her leg ends, the caller hears
    // the keypad question, says nothing, and the gateway hangs up on them.
    auto* hangUp = buttonNamed(&oraWindow, QStringLiteral("Hang up and start wrap-up"));
    QVERIFY(hangUp);
    QCheckBox* survey = nullptr;
    for (auto* box : oraWindow.findChildren<QCheckBox*>()) {
        if (box->accessibleName() == QStringLiteral("Ask the caller the survey when I hang up")) {
            survey = box;
        }
    }
    QVERIFY(survey && survey->isEnabled());
    survey->setChecked(true);
    QSignalSpy told(&ora, &ShiftSession::notice);
    hangUp->click();
    QTRY_VERIFY_WITH_TIMEOUT(!told.isEmpty(), 10000);
    QVERIFY2(told.last().at(0).toString().contains(QStringLiteral("The caller hears the survey")),
             qPrintable(told.last().at(0).toString()));
    QVERIFY(m_gateway->log().find("keypad survey offered") != std::string::npos);
    QTRY_COMPARE_WITH_TIMEOUT(metric(metrics(), "warmline_calls_active"), std::int64_t(0), 40000);
    // caller_talks expects to hang up itself after a minute: the gateway's
    // BYE ends it early (with sipp's "unexpected message" status).
    QVERIFY(caller.waitExit(std::chrono::seconds(15)).has_value());
}

void SoftphoneTest::ringsUntilTheOperatorAnswers()
{
    // kim answers calls herself (Settings: automatic answer off). The
    // softphone rings and the call bar offers Answer; unanswered, the
    // gateway's ring timeout puts the call back at the head of the queue and
    // kim on break; answered, the caller is put through.
    QTemporaryDir data;
    Softphone phone;
    QSignalSpy started(&phone, &Softphone::started);
    Softphone::Options options = filePhone(data);
    options.autoAnswer = false;
    phone.start(options);
    QVERIFY(started.wait(20000));
    QVERIFY(!phone.autoAnswer());

    OperatorApp app(data.path(), phone);
    app.signInAvailable(m_gateway->linkUrl(), QStringLiteral("kim"));
    if (QTest::currentTestFailed()) {
        return;
    }
    ShiftSession& session = app.session;
    MainWindow& window = *app.window;
    auto* answer = window.findChild<QPushButton*>(QStringLiteral("answerButton"));
    QVERIFY(answer);
    QCOMPARE(answer->accessibleName(), QStringLiteral("Answer the call"));

    wt::Process caller(talkingCaller(m_gateway->dir(), m_sipPort, "ringing-caller"));
    QTRY_COMPARE_WITH_TIMEOUT(session.queue()->rowCount(), 1, 15000);

    // Not answered: it rings, then the gateway gives up on kim's phone; no
    // audio of the caller was relayed to it meanwhile.
    const std::string toOperator = "warmline_rtp_relayed_packets_total{to=\"operator\"}";
    const auto beforeRing = metrics();
    session.acceptContact(0);
    QTRY_VERIFY_WITH_TIMEOUT(phone.state() == Softphone::CallState::Incoming, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(answer->isVisible() && answer->isEnabled(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(phone.state() == Softphone::CallState::Ended, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Break, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(session.queue()->rowCount(), 1, 15000);
    QCOMPARE(metric(metrics(), toOperator), metric(beforeRing, toOperator));
    QTRY_VERIFY_WITH_TIMEOUT(!answer->isVisible(), 10000);

    // Answered: the caller is put through only then.
    session.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    session.acceptContact(0);
    QTRY_VERIFY_WITH_TIMEOUT(phone.state() == Softphone::CallState::Incoming, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(answer->isVisible() && answer->isEnabled(), 10000);
    auto* hangUp = buttonNamed(&window, QStringLiteral("Hang up and start wrap-up"));
    QVERIFY(hangUp);
    QVERIFY(!hangUp->isEnabled()); // no dropping a caller who heard no one
    QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
    QVERIFY(window.grab().save(QStringLiteral(WARMLINE_SCREENSHOT_DIR "/58-call-ringing.png")));
    const auto beforeAnswer = metrics();
    answer->click();
    QTRY_VERIFY_WITH_TIMEOUT(phone.state() == Softphone::CallState::Connected, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!answer->isVisible(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(metric(metrics(), toOperator) > metric(beforeAnswer, toOperator) + 50,
                             20000);

    QVERIFY(hangUp->isEnabled());
    hangUp->click();
    QTRY_VERIFY_WITH_TIMEOUT(phone.state() == Softphone::CallState::Ended, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(metric(metrics(), "warmline_calls_active"), std::int64_t(0), 15000);
    caller.kill(SIGTERM);
    caller.waitExit(std::chrono::seconds(10));
}

QTEST_MAIN(SoftphoneTest)
#include "softphone_test.moc"
