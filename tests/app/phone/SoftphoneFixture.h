#pragma once

// What the app's softphone tests share: a real gateway (plain, or with SIP
// over TLS), sipp callers, an operator's app around a Softphone and a
// lead's board, all from one thread under QtTest.

#include "app/board/BoardOperatorsModel.h"
#include "app/board/ShiftBoard.h"
#include "app/board/ShiftBoardWindow.h"
#include "app/link/LinkConnection.h"
#include "app/phone/Softphone.h"
#include "app/shell/MainWindow.h"
#include "app/shift/LocalStore.h"
#include "app/shift/ShiftSession.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace warmline::test::phone {

using namespace warmline::app;
namespace wt = warmline::test;
namespace fs = std::filesystem;

inline const std::string kLine = "+15555550100";
inline const QString kPassword = QStringLiteral("correct horse battery");
inline const std::string kSipp = "/usr/bin/sipp";
inline const std::string kAudio = "/usr/share/sip-tester/g711a.pcap";

inline std::int64_t metric(const std::string& text, const std::string& name)
{
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) {
        return -1;
    }
    return std::atoll(text.c_str() + at + name.size() + 2);
}

/// The loudest 16-bit sample in a WAV's data (0 if there is none).
inline int loudestSample(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray bytes = f.readAll();
    const auto data = bytes.indexOf("data");
    if (data < 0) {
        return 0;
    }
    int loudest = 0;
    for (qsizetype i = data + 8; i + 1 < bytes.size(); i += 2) {
        const auto sample = static_cast<qint16>(static_cast<quint8>(bytes[i]) |
                                                (static_cast<quint8>(bytes[i + 1]) << 8));
        loudest = std::max(loudest, std::abs(int(sample)));
    }
    return loudest;
}

/// sipp for one call with `args` (scenario, target, options) on 127.0.0.1,
/// with control and media ports of its own, and its SIP port (-p) unless
/// `args` names one; it gives up after `timeout` ("120s").
inline wt::ProcessOptions sippOnce(const fs::path& dir, const std::string& name,
                                   std::vector<std::string> args, const std::string& timeout)
{
    wt::ProcessOptions p;
    p.argv = {kSipp};
    p.argv.insert(p.argv.end(), args.begin(), args.end());
    if (std::find(args.begin(), args.end(), "-p") == args.end()) {
        p.argv.insert(p.argv.end(), {"-p", std::to_string(wt::freeUdpPort())});
    }
    p.argv.insert(p.argv.end(),
                  {"-m", "1", "-i", "127.0.0.1", "-cp", std::to_string(wt::freeUdpPort()), "-mp",
                   std::to_string(wt::freeUdpPort()), "-nostdin", "-timeout", timeout});
    p.outputDir = dir;
    p.name = name;
    return p;
}

/// sipp calling the line on `sipPort` once, talking (caller_talks.xml).
inline wt::ProcessOptions talkingCaller(const fs::path& dir, int sipPort, const std::string& name)
{
    const fs::path scenario =
        fs::path(WARMLINE_SOURCE_DIR) / "tests/telephony/sip/caller_talks.xml";
    return sippOnce(dir, name,
                    {"-sf", scenario.string(), "127.0.0.1:" + std::to_string(sipPort), "-s", kLine},
                    "120s");
}

/// An operator's app around `phone`: its session, link and main window.
struct OperatorApp
{
    OperatorApp(const QString& dir, Softphone& phone) : store(dir), session(link, store)
    {
        session.setSoftphone(&phone);
    }

    /// Signs in as `name`, shows the main window and sets them available.
    void signInAvailable(const std::string& linkUrl, const QString& name)
    {
        QSignalSpy snapshot(&link, &LinkConnection::snapshotReceived);
        link.open(QUrl(QString::fromStdString(linkUrl)), name, kPassword);
        QVERIFY(snapshot.wait(20000));
        window = std::make_unique<MainWindow>(session);
        window->resize(1280, 800);
        window->show();
        session.setPresence(warmline::Presence::Available);
        QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    }

    LocalStore store;
    LinkConnection link;
    ShiftSession session;
    std::unique_ptr<MainWindow> window;
};

/// A gateway of its own with SIP over TLS (the fixture's certificate, for
/// localhost), checking phones every second; sam and the lead lee.
inline std::unique_ptr<wt::GatewayProcess> tlsGateway(const std::string& phoneCheck = "1s",
                                                      const std::string& sipExtra = {})
{
    const fs::path fixtures = fs::path(WARMLINE_SOURCE_DIR) / "tests/fixtures";
    wt::GatewayOptions o;
    o.start = false;
    o.configExtra = "[outbound]\nprovider = none\n[sip]\nenabled = true\nudp_port = 0\n"
                    "tcp_port = 0\ntls_enabled = true\ntls_port = 0\ntls_certificate = " +
                    (fixtures / "test-cert.pem").string() +
                    "\ntls_private_key = " + (fixtures / "test-key.pem").string() +
                    "\nanswer_delay = 200ms\noperator_ring_timeout = 6s\n"
                    "phone_check_interval = " +
                    phoneCheck + "\nline_numbers = " + kLine + "\n" + sipExtra;
    auto gateway = std::make_unique<wt::GatewayProcess>(o);
    gateway->addOperator("sam", "operator", kPassword.toStdString());
    gateway->addOperator("lee", "lead", kPassword.toStdString());
    gateway->start();
    return gateway;
}

/// The gateway's link address with the name its certificate carries: the
/// softphone's TLS checks a certificate's names, not its IP addresses.
inline std::string byName(const std::string& linkUrl)
{
    std::string url = linkUrl;
    if (const auto at = url.find("127.0.0.1"); at != std::string::npos) {
        url.replace(at, 9, "localhost");
    }
    return url;
}

/// A softphone playing the hold music as its microphone and recording
/// what it hears to `heard` ("": nothing), its data in `data`.
inline Softphone::Options filePhone(const QTemporaryDir& data, const QString& heard = {})
{
    Softphone::Options options;
    options.dataDir = data.filePath(QStringLiteral("softphone"));
    options.useFiles = true;
    options.playFile = QStringLiteral(WARMLINE_SOURCE_DIR "/resources/audio/hold.wav");
    options.recordFile = heard;
    return options;
}

/// The lead lee's shift board, signed in on `linkUrl`.
struct LeadBoard
{
    explicit LeadBoard(const std::string& linkUrl) : store(dir.path()), session(link, store)
    {
        QSignalSpy snapshot(&link, &LinkConnection::snapshotReceived);
        link.open(QUrl(QString::fromStdString(linkUrl)), QStringLiteral("lee"), kPassword);
        QVERIFY(snapshot.wait(20000));
        window = std::make_unique<MainWindow>(session);
        board = window->openShiftBoard();
        QVERIFY(board);
        QTRY_VERIFY_WITH_TIMEOUT(board->board().loaded(), 10000);
    }

    /// Operator `id`'s row on the board (null when they are not on it).
    const BoardOperator* row(qint64 id) const
    {
        return board->board().operators()->operatorById(id);
    }

    /// What "Calls to" says for `name` ("" when they are not on the board).
    QString phoneText(const QString& name) const
    {
        const auto* model = board->board().operators();
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->data(model->index(r, BoardOperatorsModel::NameColumn)).toString() == name) {
                return model->data(model->index(r, BoardOperatorsModel::PhoneColumn)).toString();
            }
        }
        return {};
    }

    /// The board as a lead sees it, "Calls to" in place, saved as `file`.
    void screenshot(const QString& file)
    {
        board->resize(1280, 600);
        board->show();
        QTRY_VERIFY_WITH_TIMEOUT(
            !board->operatorsView()->isColumnHidden(BoardOperatorsModel::PhoneColumn), 5000);
        QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
        QVERIFY(board->grab().save(QStringLiteral(WARMLINE_SCREENSHOT_DIR "/") + file));
    }

    QTemporaryDir dir;
    LocalStore store;
    LinkConnection link;
    ShiftSession session;
    std::unique_ptr<MainWindow> window;
    ShiftBoardWindow* board = nullptr;
};

} // namespace warmline::test::phone
