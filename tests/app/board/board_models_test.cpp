// The shift board's models under QAbstractItemModelTester, fed as the link
// feeds them: the operators on shift with their contacts, the open alerts
// (escalations first, repeats in place, gone when acknowledged), and the
// board replica applying a snapshot and events.

#include "app/board/AlertsModel.h"
#include "app/board/BoardOperatorsModel.h"
#include "app/board/ShiftBoard.h"
#include "app/board/ShiftBoardWindow.h"
#include "app/link/LinkConnection.h"
#include "app/widgets/ModelRoles.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>

using namespace warmline;
using namespace warmline::app;

namespace {

constexpr qint64 kT0 = 1795000000000;

QJsonObject held(qint64 id, const QString& alias, const QString& risk, qint64 since)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("alias"), alias},
            {QStringLiteral("channel"), QStringLiteral("text")},
            {QStringLiteral("state"), QStringLiteral("active")},
            {QStringLiteral("risk"), risk},
            {QStringLiteral("heldSince"), since}};
}

QJsonObject op(qint64 id, const QString& name, const QString& presence, QJsonArray contacts = {},
               QJsonValue lostAt = QJsonValue::Null, qint64 since = kT0 - 120000)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("role"), QStringLiteral("operator")},
            {QStringLiteral("capacity"), 3},
            {QStringLiteral("disabled"), false},
            {QStringLiteral("presence"), presence},
            {QStringLiteral("since"), since},
            {QStringLiteral("links"), lostAt.isNull() ? 1 : 0},
            {QStringLiteral("linkLostAt"), lostAt},
            {QStringLiteral("recoverAt"), lostAt.isNull()
                                              ? QJsonValue(QJsonValue::Null)
                                              : QJsonValue(lostAt.toInteger() + 120000)},
            {QStringLiteral("held"), contacts}};
}

QJsonObject alert(qint64 id, const QString& kind, const QString& level, qint64 raisedAt,
                  int repeats = 0, bool toAll = false)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("contactId"), 42},
            {QStringLiteral("operatorId"), QJsonValue::Null},
            {QStringLiteral("escalationId"),
             kind == u"escalation" ? QJsonValue(5) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("level"), level},
            {QStringLiteral("text"), QStringLiteral("Amber Heron 417 needs attention")},
            {QStringLiteral("raisedAt"), raisedAt},
            {QStringLiteral("lastRaisedAt"), raisedAt},
            {QStringLiteral("repeatCount"), repeats},
            {QStringLiteral("louder"), repeats > 0},
            {QStringLiteral("toAll"), toAll},
            {QStringLiteral("acknowledgedBy"), QJsonValue::Null},
            {QStringLiteral("acknowledgedByName"), QString()},
            {QStringLiteral("acknowledgedAt"), QJsonValue::Null}};
}

QJsonObject queued(qint64 id, const QString& channel, qint64 queuedAt)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("alias"), QStringLiteral("Quiet Cedar %1").arg(id)},
            {QStringLiteral("channel"), channel},
            {QStringLiteral("state"), QStringLiteral("queued")},
            {QStringLiteral("risk"), QStringLiteral("none")},
            {QStringLiteral("createdAt"), queuedAt},
            {QStringLiteral("queuedAt"), queuedAt},
            {QStringLiteral("operatorId"), QJsonValue::Null},
            {QStringLiteral("operatorName"), QString()},
            {QStringLiteral("preview"), QStringLiteral("can't sleep again")},
            {QStringLiteral("messageCount"), 1}};
}

} // namespace

class BoardModelsTest : public QObject
{
    Q_OBJECT
private slots:
    void operatorsFollowBoardEvents();
    void alertsOrderRepeatAndAcknowledge();
    void boardAppliesSnapshotAndEvents();
    void escalationBannerStaysUntilAcknowledged();
    void storeWarningFollowsTheGateway();
};

void BoardModelsTest::operatorsFollowBoardEvents()
{
    BoardOperatorsModel model;
    model.setClock([] { return kT0; });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SortRole);
    proxy.sort(BoardOperatorsModel::InPresenceColumn);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.resetOperators(
        {BoardOperator::fromJson(op(
             2, QStringLiteral("sam"), QStringLiteral("available"),
             {held(42, QStringLiteral("Amber Heron 417"), QStringLiteral("high"), kT0 - 300000)})),
         BoardOperator::fromJson(op(1, QStringLiteral("kim"), QStringLiteral("break"))),
         BoardOperator::fromJson(op(3, QStringLiteral("off"), QStringLiteral("offline")))});
    // Offline and holding nothing: not on the board. Sorted by name.
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.operatorAt(0)->name, QStringLiteral("kim"));
    const QModelIndex samContacts = model.index(1, BoardOperatorsModel::ContactsColumn);
    QCOMPARE(samContacts.data().toString(),
             QStringLiteral("Amber Heron 417 (Text, 5 min, High risk)"));
    QCOMPARE(model.index(1, BoardOperatorsModel::LoadColumn).data().toString(),
             QStringLiteral("1 of 3"));
    QCOMPARE(model.index(1, BoardOperatorsModel::InPresenceColumn).data().toString(),
             QStringLiteral("2 min"));
    QCOMPARE(model.index(1, 0).data(RiskRole).toInt(), static_cast<int>(RiskLevel::High));
    QCOMPARE(model.index(1, 0).data(OperatorIdRole).toLongLong(), 2);

    // A new operator comes on shift: inserted in name order.
    model.applyOperator(
        BoardOperator::fromJson(op(4, QStringLiteral("lou"), QStringLiteral("available"))));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.operatorAt(1)->name, QStringLiteral("lou"));
    // sam's app vanished: the row says when the contacts go back.
    model.applyOperator(BoardOperator::fromJson(
        op(2, QStringLiteral("sam"), QStringLiteral("available"),
           {held(42, QStringLiteral("Amber Heron 417"), QStringLiteral("high"), kT0 - 300000)},
           kT0 - 30000)));
    QCOMPARE(model.index(2, BoardOperatorsModel::LinkColumn).data().toString(),
             QStringLiteral("Lost – contacts return in 1 min"));
    QVERIFY(!model.operatorAt(2)->canTakeMore());
    // Recovered: offline and holding nothing, the row leaves.
    model.applyOperator(
        BoardOperator::fromJson(op(2, QStringLiteral("sam"), QStringLiteral("offline"))));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(2), -1);
    model.applyPresence(1, Presence::Available, kT0);
    QCOMPARE(model.index(0, BoardOperatorsModel::PresenceColumn).data().toString(),
             presenceText(Presence::Available));
    // Signed out while the gateway still returns a contact: offline and
    // "Signed out", never offline and "Connected".
    auto signedOut = op(5, QStringLiteral("ted"), QStringLiteral("offline"),
                        {held(43, QStringLiteral("Quiet Fox 12"), QStringLiteral("low"), kT0)});
    signedOut[QStringLiteral("links")] = 0;
    model.applyOperator(BoardOperator::fromJson(signedOut));
    const int ted = model.rowOf(5);
    QVERIFY(ted >= 0);
    QCOMPARE(model.index(ted, BoardOperatorsModel::LinkColumn).data().toString(),
             QStringLiteral("Signed out"));
    // Signed in but offline (a lead holding a handed-over text): not "Connected".
    signedOut[QStringLiteral("links")] = 1;
    model.applyOperator(BoardOperator::fromJson(signedOut));
    QCOMPARE(model.index(model.rowOf(5), BoardOperatorsModel::LinkColumn).data().toString(),
             QStringLiteral("Signed in, not taking contacts"));
    // Where each one's calls go, as the gateway says (never the number).
    const auto phoneOf = [&](const QString& kind) {
        auto o = op(5, QStringLiteral("ted"), QStringLiteral("available"));
        o[QStringLiteral("phone")] = kind;
        model.applyOperator(BoardOperator::fromJson(o));
        return model.index(model.rowOf(5), BoardOperatorsModel::PhoneColumn).data().toString();
    };
    QCOMPARE(phoneOf(QStringLiteral("softphone")), QStringLiteral("App softphone"));
    QCOMPARE(phoneOf(QStringLiteral("desk")), QStringLiteral("Desk phone"));
    QCOMPARE(phoneOf(QStringLiteral("number")), QStringLiteral("Own phone (presses 1)"));
    QCOMPARE(phoneOf(QStringLiteral("none")), QStringLiteral("No phone"));
    QCOMPARE(phoneOf(QString()), QString());
    QCOMPARE(model.headerData(BoardOperatorsModel::PhoneColumn, Qt::Horizontal).toString(),
             QStringLiteral("Calls to"));
    // Whether that phone answers the gateway's check (decision 147): only a
    // phone that did not is called out, in the trouble colour.
    const auto checked = [&](QJsonObject check) {
        auto o = op(5, QStringLiteral("ted"), QStringLiteral("available"));
        o[QStringLiteral("phone")] = QStringLiteral("desk");
        o[QStringLiteral("phoneCheck")] = check;
        model.applyOperator(BoardOperator::fromJson(o));
        return model.index(model.rowOf(5), BoardOperatorsModel::PhoneColumn);
    };
    const QJsonObject answering{{QStringLiteral("answering"), true},
                                {QStringLiteral("answeredAt"), static_cast<double>(kT0)},
                                {QStringLiteral("rttMs"), 4}};
    auto cell = checked(answering);
    QCOMPARE(cell.data().toString(), QStringLiteral("Desk phone"));
    QVERIFY(!cell.data(Qt::ForegroundRole).isValid());
    QVERIFY(cell.data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("answers the gateway's checks")));
    const QString at = QLocale().toString(QDateTime::fromMSecsSinceEpoch(kT0).toLocalTime().time(),
                                          QLocale::ShortFormat);
    cell = checked({{QStringLiteral("answering"), false},
                    {QStringLiteral("answeredAt"), static_cast<double>(kT0)},
                    {QStringLiteral("rttMs"), 4}});
    QCOMPARE(cell.data().toString(), QStringLiteral("Desk phone – no answer since %1").arg(at));
    QVERIFY(cell.data(Qt::ForegroundRole).isValid());
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("did not answer")));
    cell = checked({{QStringLiteral("answering"), false},
                    {QStringLiteral("answeredAt"), QJsonValue()},
                    {QStringLiteral("rttMs"), QJsonValue()}});
    QCOMPARE(cell.data().toString(), QStringLiteral("Desk phone – no answer"));
    model.tick();
}

void BoardModelsTest::alertsOrderRepeatAndAcknowledge()
{
    AlertsModel model;
    model.setClock([] { return kT0; });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.resetAlerts({alertFromLink(alert(1, QStringLiteral("wait_over_target"),
                                           QStringLiteral("warning"), kT0 - 60000)),
                       alertFromLink(alert(2, QStringLiteral("presence_stuck"),
                                           QStringLiteral("info"), kT0 - 90000))});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.alertAt(0)->id, 1); // warning before info
    QVERIFY(!model.topEscalation());

    // An escalation goes to the top, whatever its age.
    QVERIFY(model.raise(alertFromLink(
        alert(3, QStringLiteral("escalation"), QStringLiteral("imminent"), kT0 - 1000))));
    QCOMPARE(model.alertAt(0)->id, 3);
    QVERIFY(model.topEscalation());
    QCOMPARE(model.index(0, AlertsModel::LevelColumn).data().toString(),
             alertLevelText(AlertLevel::Imminent));
    QVERIFY(model.index(0, AlertsModel::LevelColumn).data(Qt::FontRole).value<QFont>().bold());
    QCOMPARE(model.index(0, AlertsModel::RaisedColumn).data().toString(),
             QStringLiteral("1 s ago"));

    // A repeat updates its row in place and says it went to everyone.
    QVERIFY(!model.raise(alertFromLink(
        alert(3, QStringLiteral("escalation"), QStringLiteral("imminent"), kT0 - 1000, 2, true))));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, AlertsModel::RepeatsColumn).data().toString(),
             QStringLiteral("2 time(s), sent to everyone"));
    model.acknowledge(3);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!model.topEscalation());
    model.acknowledge(99); // unknown: nothing happens
    QCOMPARE(model.rowCount(), 2);
    model.tick();
}

void BoardModelsTest::boardAppliesSnapshotAndEvents()
{
    LinkConnection link;
    ShiftBoard board(link);
    QAbstractItemModelTester q(board.queue(),
                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester o(board.operators(),
                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester a(board.alerts(),
                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy raised(&board, &ShiftBoard::alertRaised);

    QJsonArray queue;
    for (int i = 0; i < 1000; ++i) {
        queue.append(queued(100 + i, i % 10 == 0 ? QStringLiteral("call") : QStringLiteral("text"),
                            kT0 - 1000 * i));
    }
    QJsonArray ops;
    for (int i = 0; i < 50; ++i) {
        ops.append(op(i + 1, QStringLiteral("op%1").arg(i, 2, 10, QLatin1Char('0')),
                      QStringLiteral("available")));
    }
    board.applySnapshot(
        {{QStringLiteral("queue"), queue},
         {QStringLiteral("operators"), ops},
         {QStringLiteral("alerts"),
          QJsonArray{alert(1, QStringLiteral("wait_over_target"), QStringLiteral("warning"), kT0)}},
         {QStringLiteral("afterHours"), true},
         {QStringLiteral("figures"), QJsonObject{{QStringLiteral("answered"), 8},
                                                 {QStringLiteral("answeredWithinTarget"), 6},
                                                 {QStringLiteral("abandoned"), 2},
                                                 {QStringLiteral("answerTargetMs"), 120000},
                                                 {QStringLiteral("serviceLevel"), 0.6}}}});
    QVERIFY(board.loaded());
    QCOMPARE(board.queue()->rowCount(), 1000);
    QCOMPARE(board.operators()->rowCount(), 50);
    QCOMPARE(board.alerts()->rowCount(), 1);
    QCOMPARE(board.waiting(Channel::Call), 100);
    QCOMPARE(board.waiting(Channel::Text), 900);
    QCOMPARE(board.longestWaitMs(kT0), 999000);
    QVERIFY(board.afterHours());
    QCOMPARE(*board.figures().serviceLevel, 0.6);

    // Events: a contact taken (one batch), an operator row, figures, alerts.
    board.applyEvent(QStringLiteral("contact.accepted"),
                     {{QStringLiteral("contact"), [] {
                           auto c = queued(100, QStringLiteral("call"), kT0);
                           c[QStringLiteral("state")] = QStringLiteral("active");
                           c[QStringLiteral("operatorId")] = 1;
                           return c;
                       }()}});
    board.queue()->flush();
    QCOMPARE(board.queue()->rowCount(), 999);
    board.applyEvent(
        QStringLiteral("board.operator"),
        {{QStringLiteral("operator"),
          op(1, QStringLiteral("op00"), QStringLiteral("available"),
             {held(100, QStringLiteral("Quiet Cedar 100"), QStringLiteral("none"), kT0)})}});
    QCOMPARE(board.operators()->operatorById(1)->held.size(), 1);
    board.applyEvent(
        QStringLiteral("board.figures"),
        {{QStringLiteral("figures"), QJsonObject{{QStringLiteral("answered"), 9},
                                                 {QStringLiteral("answeredWithinTarget"), 7},
                                                 {QStringLiteral("abandoned"), 2},
                                                 {QStringLiteral("answerTargetMs"), 120000},
                                                 {QStringLiteral("serviceLevel"), 7.0 / 11.0}}}});
    QCOMPARE(board.figures().answered, 9);
    board.applyEvent(QStringLiteral("alert.raised"),
                     {{QStringLiteral("alert"),
                       alert(2, QStringLiteral("escalation"), QStringLiteral("high"), kT0)}});
    QCOMPARE(raised.count(), 1);
    QCOMPARE(raised.at(0).at(1).toBool(), false);
    board.applyEvent(QStringLiteral("alert.raised"),
                     {{QStringLiteral("alert"),
                       alert(2, QStringLiteral("escalation"), QStringLiteral("high"), kT0, 1)}});
    QCOMPARE(raised.count(), 2);
    QCOMPARE(raised.at(1).at(1).toBool(), true); // a repeat
    QCOMPARE(board.alerts()->alertAt(0)->id, 2);
    board.applyEvent(QStringLiteral("alert.acknowledged"),
                     {{QStringLiteral("alert"),
                       alert(2, QStringLiteral("escalation"), QStringLiteral("high"), kT0)}});
    QCOMPARE(board.alerts()->rowCount(), 1);
    board.applyEvent(QStringLiteral("line.afterhours"), {{QStringLiteral("afterHours"), false}});
    QVERIFY(!board.afterHours());
    // A malformed alert does not break the board.
    board.applyEvent(QStringLiteral("alert.raised"),
                     {{QStringLiteral("alert"), QJsonObject{{QStringLiteral("id"), 9}}}});
    QCOMPARE(board.alerts()->rowCount(), 1);
}

void BoardModelsTest::storeWarningFollowsTheGateway()
{
    LinkConnection link;
    ShiftBoard board(link);
    ShiftBoardWindow window(board);
    QSignalSpy notices(&board, &ShiftBoard::notice);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // A lead who signs in while the disk is full sees it at once.
    board.applySnapshot(
        {{QStringLiteral("queue"), QJsonArray{}},
         {QStringLiteral("operators"), QJsonArray{}},
         {QStringLiteral("alerts"), QJsonArray{}},
         {QStringLiteral("store"), QJsonObject{{QStringLiteral("failing"), true},
                                               {QStringLiteral("kind"), QStringLiteral("full")},
                                               {QStringLiteral("since"), now}}}});
    window.show();
    QCOMPARE(board.storeFailing(), QStringLiteral("full"));
    QTRY_VERIFY(window.storeWarning()->isVisible());
    QVERIFY(window.storeWarning()->text().contains(QStringLiteral("disk is full")));
    const QString dir = qEnvironmentVariable("WARMLINE_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(window.grab().save(dir + QStringLiteral("/board-store-failing.png")));
    }

    board.applyEvent(QStringLiteral("store.recovered"), {{QStringLiteral("at"), now + 1000}});
    QVERIFY(board.storeFailing().isEmpty());
    QTRY_VERIFY(!window.storeWarning()->isVisible());

    board.applyEvent(
        QStringLiteral("store.failing"),
        {{QStringLiteral("store"), QJsonObject{{QStringLiteral("failing"), true},
                                               {QStringLiteral("kind"), QStringLiteral("io")},
                                               {QStringLiteral("since"), now + 2000}}}});
    QTRY_VERIFY(window.storeWarning()->isVisible());
    QVERIFY(window.storeWarning()->text().contains(QStringLiteral("errors")));
    QCOMPARE(notices.count(), 2);
}

void BoardModelsTest::escalationBannerStaysUntilAcknowledged()
{
    LinkConnection link;
    ShiftBoard board(link);
    ShiftBoardWindow window(board);
    QSignalSpy attention(&window, &ShiftBoardWindow::attention);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QJsonArray queue;
    for (int i = 0; i < 6; ++i) {
        queue.append(queued(200 + i, i == 2 ? QStringLiteral("call") : QStringLiteral("text"),
                            now - 40000 * (i + 1)));
    }
    // Where their calls go, and whether the phone answers (decision 147).
    auto sam =
        op(1, QStringLiteral("sam"), QStringLiteral("busy"),
           {held(41, QStringLiteral("Amber Heron 417"), QStringLiteral("high"), now - 600000),
            held(44, QStringLiteral("Misty Creek 224"), QStringLiteral("none"), now - 120000)});
    sam[QStringLiteral("phone")] = QStringLiteral("softphone");
    sam[QStringLiteral("phoneCheck")] =
        QJsonObject{{QStringLiteral("answering"), true},
                    {QStringLiteral("answeredAt"), static_cast<double>(now)},
                    {QStringLiteral("rttMs"), 3}};
    auto kim = op(2, QStringLiteral("kim"), QStringLiteral("break"));
    kim[QStringLiteral("phone")] = QStringLiteral("desk");
    kim[QStringLiteral("phoneCheck")] =
        QJsonObject{{QStringLiteral("answering"), false},
                    {QStringLiteral("answeredAt"), static_cast<double>(now - 300000)},
                    {QStringLiteral("rttMs"), 2}};
    board.applySnapshot(
        {{QStringLiteral("queue"), queue},
         {QStringLiteral("operators"),
          QJsonArray{sam, kim,
                     op(3, QStringLiteral("alex"), QStringLiteral("available"),
                        {held(45, QStringLiteral("Jade Linden 790"), QStringLiteral("concern"),
                              now - 90000)},
                        now - 30000)}},
         {QStringLiteral("alerts"), QJsonArray{alert(1, QStringLiteral("wait_over_target"),
                                                     QStringLiteral("warning"), now - 20000)}},
         {QStringLiteral("afterHours"), false},
         {QStringLiteral("figures"), QJsonObject{{QStringLiteral("answered"), 12},
                                                 {QStringLiteral("answeredWithinTarget"), 10},
                                                 {QStringLiteral("abandoned"), 1},
                                                 {QStringLiteral("answerTargetMs"), 120000},
                                                 {QStringLiteral("serviceLevel"), 10.0 / 13.0}}}});
    window.show();
    QVERIFY(window.escalationBanner()->isHidden() || !window.escalationBanner()->isVisible());

    auto escalation = alert(7, QStringLiteral("escalation"), QStringLiteral("imminent"), now);
    escalation[QStringLiteral("text")] =
        QStringLiteral("Imminent risk: Amber Heron 417 (with sam) - plan and means mentioned");
    board.applyEvent(QStringLiteral("alert.raised"), {{QStringLiteral("alert"), escalation}});
    QVERIFY(window.escalationBanner()->isVisible());
    QVERIFY(window.escalationBanner()->text().contains(QStringLiteral("Amber Heron 417")));
    QCOMPARE(attention.count(), 1);
    QCOMPARE(attention.at(0).at(2).toBool(), false);
    // Unacknowledged, it comes again louder, and stays.
    escalation[QStringLiteral("repeatCount")] = 1;
    escalation[QStringLiteral("louder")] = true;
    board.applyEvent(QStringLiteral("alert.raised"), {{QStringLiteral("alert"), escalation}});
    QCOMPARE(attention.count(), 2);
    QCOMPARE(attention.at(1).at(2).toBool(), true);
    QVERIFY(window.escalationBanner()->text().contains(QStringLiteral("repeated 1 time")));
    QCOMPARE(window.alertsView()->model()->rowCount(), 2);
    // The line takes calls: the board shows where each one's calls go.
    QTRY_VERIFY(!window.operatorsView()->isColumnHidden(BoardOperatorsModel::PhoneColumn));

    const QString dir = qEnvironmentVariable("WARMLINE_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(window.grab().save(dir + QStringLiteral("/board-escalation.png")));
    }

    // A lead's acknowledgement (from any lead's app) takes it away.
    board.applyEvent(QStringLiteral("alert.acknowledged"), {{QStringLiteral("alert"), escalation}});
    QVERIFY(!window.escalationBanner()->isVisible());
    QCOMPARE(window.alertsView()->model()->rowCount(), 1);
}

QTEST_MAIN(BoardModelsTest)
#include "board_models_test.moc"
