// The desktop app's GUI thread under a long, busy queue (docs/PERFORMANCE.md
// "Desktop app"): the main window (offscreen) fed 10,000 queued contacts and
// then 500 queue events a second through the path link events take
// (LinkConnection::eventReceived → ShiftSession → the batched models → the
// proxy and view), while a 5 ms timer measures how late the event loop runs
// it. The same probe on an idle event loop first, in the same process, is
// the baseline. Prints the figures, the time to build the 10,000-row view,
// and peak RSS.
//
//   app_queue_bench [--queued N] [--rate EVENTS_PER_S] [--seconds S]
//                   [--screenshot FILE.png]   (the window after the fill)

#include "app/link/LinkConnection.h"
#include "app/shell/AppIdentity.h"
#include "app/shell/MainWindow.h"
#include "app/shift/LocalStore.h"
#include "app/shift/ShiftSession.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

using namespace warmline::app;

namespace {

// Contacts queued over the last few minutes, so "Waiting" reads as it would.
const qint64 kT0 = QDateTime::currentMSecsSinceEpoch() - 30 * 60 * 1000;
constexpr int kProbeMs = 5;

struct Stalls
{
    int ticks = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

/// Runs the event loop for `seconds` with a 5 ms timer; each tick's lateness
/// is how much longer than 5 ms passed since the previous one.
Stalls probe(double seconds)
{
    std::vector<double> late;
    late.reserve(static_cast<std::size_t>(seconds * 1000 / kProbeMs) + 16);
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
    tick.stop();

    Stalls s;
    s.ticks = static_cast<int>(late.size());
    if (late.empty()) {
        return s;
    }
    std::sort(late.begin(), late.end());
    const auto at = [&](double q) {
        return late[std::min(late.size() - 1, static_cast<std::size_t>(q * late.size()))];
    };
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.max = late.back();
    return s;
}

/// VmHWM / VmRSS from /proc/self/status, in MiB.
double procStatusMiB(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray want = QByteArray(key) + ':';
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(want)) {
            const QByteArray kb = line.mid(want.size()).trimmed().split(' ').value(0);
            return kb.toDouble() / 1024.0;
        }
    }
    return -1;
}

QString aliasOf(qint64 id)
{
    static const char* const kWords[] = {"Brave", "Warm",  "Copper", "Quiet", "Amber",
                                         "Misty", "Cedar", "Linden", "Rowan", "Meadow"};
    return QStringLiteral("%1 %2 %3")
        .arg(QLatin1String(kWords[id % 10]), QLatin1String(kWords[(id / 10) % 10]))
        .arg(id % 1000);
}

QJsonObject contact(qint64 id, const char* state, const char* risk, const QString& preview,
                    QJsonValue operatorId = QJsonValue::Null)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("alias"), aliasOf(id)},
            {QStringLiteral("channel"), QStringLiteral("text")},
            {QStringLiteral("state"), QLatin1String(state)},
            {QStringLiteral("risk"), QLatin1String(risk)},
            {QStringLiteral("createdAt"), kT0 + id * 100},
            {QStringLiteral("queuedAt"), kT0 + id * 100},
            {QStringLiteral("operatorId"), operatorId},
            {QStringLiteral("operatorName"), QString()},
            {QStringLiteral("preview"), preview},
            {QStringLiteral("messageCount"), 1}};
}

/// An event as the gateway frames it, parsed as LinkConnection parses it,
/// then handed on through the signal ShiftSession listens to.
void deliver(LinkConnection& link, const char* name, const QJsonObject& c)
{
    const QJsonObject frame{{QStringLiteral("type"), QStringLiteral("event")},
                            {QStringLiteral("name"), QLatin1String(name)},
                            {QStringLiteral("data"), QJsonObject{{QStringLiteral("contact"), c}}}};
    const QByteArray text = QJsonDocument(frame).toJson(QJsonDocument::Compact);
    const QJsonObject o = QJsonDocument::fromJson(text).object();
    emit link.eventReceived(o.value(u"name").toString(), o.value(u"data").toObject());
}

void printStalls(const char* label, const Stalls& s)
{
    std::printf("%-34s ticks %6d  late p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms\n", label, s.ticks,
                s.p50, s.p99, s.max);
}

int intArg(int argc, char** argv, const char* name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0) {
            return std::atoi(argv[i + 1]);
        }
    }
    return fallback;
}

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    qputenv("QT_QPA_PLATFORM", "offscreen");
    const int queued = intArg(argc, argv, "--queued", 10000);
    const int rate = intArg(argc, argv, "--rate", 500);
    const int seconds = intArg(argc, argv, "--seconds", 10);

    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
    std::printf("app_queue_bench: %d queued, %d events/s for %d s, %d ms probe timer\n", queued,
                rate, seconds, kProbeMs);
    std::printf("QApplication ready after %.1f ms\n",
                static_cast<double>(sinceStart.nsecsElapsed()) / 1e6);

    // Baseline: the same probe with nothing else in the event loop.
    const Stalls idle = probe(seconds);
    const double rssIdle = procStatusMiB("VmRSS");

    QTemporaryDir dir;
    LocalStore store(dir.path());
    if (!store.isOpen()) {
        std::fprintf(stderr, "cannot open the local store: %s\n", qPrintable(store.errorText()));
        return 1;
    }
    LinkConnection link; // never opened: events are handed in as it hands them on
    ShiftSession session(link, store);
    MainWindow window(session);
    window.resize(1360, 820);
    window.show();
    QCoreApplication::processEvents();
    QTableView* queueView = nullptr;
    for (auto* view : window.findChildren<QTableView*>()) {
        if (view->accessibleName() == QStringLiteral("Queue")) {
            queueView = view;
        }
    }
    QAbstractItemModel* shown = queueView ? queueView->model() : nullptr;
    if (!shown) {
        std::fprintf(stderr, "no queue view\n");
        return 1;
    }

    // Fill: the contacts arrive as contact.queued events, 500 per event-loop
    // turn (as a socket read would hand them over), until the view shows them.
    static const char* const kRisk[] = {"none", "none", "none", "low", "medium", "high"};
    std::mt19937 rng(42);
    QElapsedTimer fill;
    fill.start();
    for (qint64 id = 1; id <= queued; ++id) {
        deliver(
            link, "contact.queued",
            contact(id, "queued", kRisk[id % 6], QStringLiteral("can't sleep again, %1").arg(id)));
        if (id % 500 == 0) {
            QCoreApplication::processEvents();
        }
    }
    while (shown->rowCount() < queued) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    }
    queueView->viewport()->repaint();
    const double fillMs = static_cast<double>(fill.nsecsElapsed()) / 1e6;
    const double rssFilled = procStatusMiB("VmRSS");
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0) {
            window.grab().save(QString::fromLocal8Bit(argv[i + 1]));
        }
    }

    // Load: per 10 ms tick, rate/100 events: mostly updates (new words, risk
    // changes), and as many contacts accepted by another operator as new ones
    // queued, so the queue stays at its size.
    qint64 nextId = queued + 1;
    qint64 sent = 0;
    std::vector<qint64> waiting;
    waiting.reserve(static_cast<std::size_t>(queued) * 2);
    for (qint64 id = 1; id <= queued; ++id) {
        waiting.push_back(id);
    }
    QTimer load;
    load.setTimerType(Qt::PreciseTimer);
    load.setInterval(10);
    QElapsedTimer loadClock;
    QObject::connect(&load, &QTimer::timeout, [&] {
        // As many events as are due by now, so a late tick does not lower the rate.
        const qint64 due = loadClock.elapsed() * rate / 1000;
        while (sent < due) {
            std::uniform_int_distribution<std::size_t> pick(0, waiting.size() - 1);
            switch (sent % 5) {
            case 0: { // accepted elsewhere: leaves the queue
                const std::size_t at = pick(rng);
                const qint64 id = waiting[at];
                waiting[at] = waiting.back();
                waiting.pop_back();
                deliver(link, "contact.accepted",
                        contact(id, "active", "none", QStringLiteral("…"), 99));
                break;
            }
            case 1: { // a new contact
                const qint64 id = nextId++;
                waiting.push_back(id);
                deliver(link, "contact.queued",
                        contact(id, "queued", kRisk[id % 6], QStringLiteral("hello? %1").arg(id)));
                break;
            }
            default: { // new words or a new risk level
                const qint64 id = waiting[pick(rng)];
                deliver(link, "contact.updated",
                        contact(id, "queued", kRisk[(id + sent) % 6],
                                QStringLiteral("still here, message %1").arg(sent)));
                break;
            }
            }
            ++sent;
        }
    });
    loadClock.start();
    load.start();
    const int layoutsBefore = session.queue()->layoutChangeCount();
    const Stalls busy = probe(seconds);
    const int layouts = session.queue()->layoutChangeCount() - layoutsBefore;
    load.stop();
    QCoreApplication::processEvents();

    std::printf("\n");
    printStalls("idle event loop (baseline)", idle);
    printStalls("main window, queue under load", busy);
    std::printf("max-stall ratio (load / idle): %.1fx\n", idle.max > 0 ? busy.max / idle.max : 0.0);
    std::printf("events delivered under load: %lld (%.0f/s); queue rows at end: %d\n",
                static_cast<long long>(sent), static_cast<double>(sent) / seconds,
                shown->rowCount());
    std::printf("queue model layout changes under load: %d (events arrive in batches)\n", layouts);
    std::printf("first %d-row view built and painted: %.1f ms\n", queued, fillMs);
    std::printf("RSS: idle %.1f MiB, after fill %.1f MiB, end %.1f MiB, peak (VmHWM) %.1f MiB\n",
                rssIdle, rssFilled, procStatusMiB("VmRSS"), procStatusMiB("VmHWM"));
    return 0;
}
