// The lead's board window on the GUI thread under the load of the gateway's
// board bench (docs/PERFORMANCE.md "Shift lead board"): the window
// (offscreen) filled from a board snapshot of 1,000 queued contacts, 50
// operators and 20 alerts, then fed board and contact events at a fixed rate
// through LinkConnection::eventReceived, while a 5 ms timer measures how
// late the event loop runs it. An idle probe first is the baseline.
//
//   bench_app_board [--queued 1000] [--operators 50] [--rate 650] [--seconds 10]

#include "app/board/ShiftBoard.h"
#include "app/board/ShiftBoardWindow.h"
#include "app/link/LinkConnection.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace warmline::app;

namespace {

constexpr int kProbeMs = 5;

struct Stalls
{
    double p50 = 0, p99 = 0, max = 0;
    int ticks = 0;
};

Stalls probe(double seconds)
{
    std::vector<double> late;
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(kProbeMs);
    qint64 previous = 0;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        late.push_back(std::max(0.0, static_cast<double>(now - previous) / 1e6 - kProbeMs));
        previous = now;
    });
    QEventLoop loop;
    QTimer::singleShot(static_cast<int>(seconds * 1000), &loop, &QEventLoop::quit);
    clock.start();
    tick.start();
    loop.exec();
    Stalls s;
    s.ticks = static_cast<int>(late.size());
    if (!late.empty()) {
        late.erase(late.begin()); // the first tick measures the start, not a stall
        std::sort(late.begin(), late.end());
        s.p50 = late[late.size() / 2];
        s.p99 = late[std::min(late.size() - 1, late.size() * 99 / 100)];
        s.max = late.back();
    }
    return s;
}

QJsonObject contact(qint64 id, const QString& state, qint64 queuedAt, QJsonValue op)
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("alias"), QStringLiteral("Bench Caller %1").arg(id)},
        {QStringLiteral("channel"), id % 10 == 0 ? QStringLiteral("call") : QStringLiteral("text")},
        {QStringLiteral("state"), state},
        {QStringLiteral("risk"), id % 17 == 0 ? QStringLiteral("high") : QStringLiteral("none")},
        {QStringLiteral("createdAt"), queuedAt},
        {QStringLiteral("queuedAt"), queuedAt},
        {QStringLiteral("operatorId"), op},
        {QStringLiteral("operatorName"), QString()},
        {QStringLiteral("preview"), QStringLiteral("synthetic words for the board bench")},
        {QStringLiteral("messageCount"), 1}};
}

QJsonObject operatorRow(int i, qint64 now, QJsonArray held)
{
    return {{QStringLiteral("id"), i + 1},
            {QStringLiteral("name"), QStringLiteral("op%1").arg(i, 3, 10, QLatin1Char('0'))},
            {QStringLiteral("role"), QStringLiteral("operator")},
            {QStringLiteral("capacity"), 3},
            {QStringLiteral("disabled"), false},
            {QStringLiteral("presence"), QStringLiteral("available")},
            {QStringLiteral("since"), now - 60000},
            {QStringLiteral("links"), 1},
            {QStringLiteral("linkLostAt"), QJsonValue::Null},
            {QStringLiteral("recoverAt"), QJsonValue::Null},
            {QStringLiteral("held"), held}};
}

} // namespace

int main(int argc, char** argv)
{
    int queued = 1000, operators = 50, rate = 650;
    double seconds = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--queued")) {
            queued = std::atoi(argv[i + 1]);
        } else if (!std::strcmp(argv[i], "--operators")) {
            operators = std::max(1, std::atoi(argv[i + 1]));
        } else if (!std::strcmp(argv[i], "--rate")) {
            rate = std::atoi(argv[i + 1]);
        } else if (!std::strcmp(argv[i], "--seconds")) {
            seconds = std::atof(argv[i + 1]);
        }
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    LinkConnection link;
    ShiftBoard board(link);
    ShiftBoardWindow window(board);
    window.show();
    QApplication::processEvents();

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QJsonArray queue, ops, alerts;
    for (int i = 0; i < queued; ++i) {
        queue.append(
            contact(i + 1, QStringLiteral("queued"), now - 600000 + i * 600, QJsonValue::Null));
    }
    for (int i = 0; i < operators; ++i) {
        ops.append(operatorRow(i, now, {}));
    }
    for (int i = 0; i < 20; ++i) {
        alerts.append(QJsonObject{{QStringLiteral("id"), i + 1},
                                  {QStringLiteral("kind"), QStringLiteral("wait_over_target")},
                                  {QStringLiteral("contactId"), i + 1},
                                  {QStringLiteral("operatorId"), QJsonValue::Null},
                                  {QStringLiteral("escalationId"), QJsonValue::Null},
                                  {QStringLiteral("level"), QStringLiteral("warning")},
                                  {QStringLiteral("text"), QStringLiteral("Bench Caller waited")},
                                  {QStringLiteral("raisedAt"), now},
                                  {QStringLiteral("lastRaisedAt"), now},
                                  {QStringLiteral("repeatCount"), 0},
                                  {QStringLiteral("louder"), false},
                                  {QStringLiteral("toAll"), false},
                                  {QStringLiteral("acknowledgedBy"), QJsonValue::Null},
                                  {QStringLiteral("acknowledgedByName"), QString()},
                                  {QStringLiteral("acknowledgedAt"), QJsonValue::Null}});
    }
    QElapsedTimer fill;
    fill.start();
    emit link.snapshotReceived(
        {{QStringLiteral("board"), QJsonObject{{QStringLiteral("queue"), queue},
                                               {QStringLiteral("operators"), ops},
                                               {QStringLiteral("alerts"), alerts},
                                               {QStringLiteral("afterHours"), false},
                                               {QStringLiteral("figures"), QJsonObject{}}}}});
    QApplication::processEvents();
    const double fillMs = static_cast<double>(fill.nsecsElapsed()) / 1e6;

    const Stalls idle = probe(seconds / 2);

    // Each step: operator k takes contact c (contact.accepted, its row), or
    // gives it back (contact.queued, its row), then the figures.
    int step = 0;
    QTimer feeder;
    feeder.setInterval(kProbeMs);
    const int perTick = std::max(1, rate * kProbeMs / 1000);
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        for (int n = 0; n < perTick; n += 3, ++step) {
            const int k = step % operators;
            const qint64 c = 1 + (step / 2) % queued;
            const bool take = step % 2 == 0;
            const qint64 t = QDateTime::currentMSecsSinceEpoch();
            emit link.eventReceived(
                take ? QStringLiteral("contact.accepted") : QStringLiteral("contact.queued"),
                {{QStringLiteral("contact"),
                  contact(c, take ? QStringLiteral("active") : QStringLiteral("queued"),
                          now - 600000 + static_cast<int>(c) * 600,
                          take ? QJsonValue(k + 1) : QJsonValue(QJsonValue::Null))}});
            QJsonArray held;
            if (take) {
                held.append(QJsonObject{{QStringLiteral("id"), c},
                                        {QStringLiteral("alias"), QStringLiteral("Bench Caller")},
                                        {QStringLiteral("channel"), QStringLiteral("text")},
                                        {QStringLiteral("state"), QStringLiteral("active")},
                                        {QStringLiteral("risk"), QStringLiteral("none")},
                                        {QStringLiteral("heldSince"), t}});
            }
            emit link.eventReceived(QStringLiteral("board.operator"),
                                    {{QStringLiteral("operator"), operatorRow(k, now, held)}});
            emit link.eventReceived(QStringLiteral("board.figures"),
                                    {{QStringLiteral("figures"),
                                      QJsonObject{{QStringLiteral("answered"), step},
                                                  {QStringLiteral("answeredWithinTarget"), step},
                                                  {QStringLiteral("abandoned"), 0},
                                                  {QStringLiteral("answerTargetMs"), 120000},
                                                  {QStringLiteral("serviceLevel"), 1.0}}}});
        }
    });
    feeder.start();
    const Stalls busy = probe(seconds);
    feeder.stop();

    std::printf("board window: %d queued, %d operators, 20 alerts; filled in %.1f ms\n", queued,
                operators, fillMs);
    std::printf("idle  5 ms timer lateness: p50 %.2f  p99 %.2f  max %.2f ms (%d ticks)\n", idle.p50,
                idle.p99, idle.max, idle.ticks);
    std::printf("%d events/s: lateness p50 %.2f  p99 %.2f  max %.2f ms (%d ticks, %d steps)\n",
                perTick * 1000 / kProbeMs, busy.p50, busy.p99, busy.max, busy.ticks, step);
    return 0;
}
