// The app's models under QAbstractItemModelTester with realistic contacts
// and event sequences, the batching of event bursts, and the segment counter.

#include "app/shell/AppIdentity.h"
#include "app/shift/CallerHistoryModel.h"
#include "app/shift/ConversationModel.h"
#include "app/shift/LocalStore.h"
#include "app/shift/MyContactsModel.h"
#include "app/shift/QueueModel.h"
#include "app/shift/SegmentCounter.h"
#include "app/widgets/ModelRoles.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace warmline;
using namespace warmline::app;

namespace {

constexpr qint64 kT0 = 1795000000000;

QJsonObject contact(qint64 id, const QString& alias, const QString& state, const QString& risk,
                    qint64 queuedAt, QJsonValue operatorId = QJsonValue::Null)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("alias"), alias},
            {QStringLiteral("channel"), QStringLiteral("text")},
            {QStringLiteral("state"), state},
            {QStringLiteral("risk"), risk},
            {QStringLiteral("createdAt"), queuedAt},
            {QStringLiteral("queuedAt"), queuedAt},
            {QStringLiteral("operatorId"), operatorId},
            {QStringLiteral("operatorName"), QString()},
            {QStringLiteral("preview"), QStringLiteral("can't sleep again")},
            {QStringLiteral("messageCount"), 1}};
}

QJsonObject contactEvent(const QJsonObject& c)
{
    return {{QStringLiteral("contact"), c}};
}

QList<qint64> ids(const ContactListModel& m)
{
    QList<qint64> out;
    for (int r = 0; r < m.rowCount(); ++r) {
        out << m.contactAt(r)->id;
    }
    return out;
}

MessageRecord message(qint64 id, qint64 contactId, Direction d, const QString& body, qint64 at,
                      DeliveryStatus s)
{
    MessageRecord m;
    m.id = id;
    m.contactId = contactId;
    m.direction = d;
    m.body = body;
    m.at = at;
    m.status = s;
    return m;
}

} // namespace

class ModelsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void queueFollowsEventsInGatewayOrder();
    void burstIsOneLayoutChange();
    void waitingColumnTicksAlone();
    void myContactsTracksHeldContacts();
    void conversationDeliveryAndOutbox();
    void historyModel();
    void segments();
    void localStoreDraftsAndOutbox();
};

void ModelsTest::initTestCase()
{
    // Before any QSettings, so a test never touches the operator's settings.
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
}

void ModelsTest::queueFollowsEventsInGatewayOrder()
{
    QueueModel queue;
    queue.setClock([] { return kT0 + 90000; });
    QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&queue);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);

    queue.resetContacts(
        {ContactRecord::fromJson(contact(1, QStringLiteral("Amber Heron 417"),
                                         QStringLiteral("queued"), QStringLiteral("none"), kT0)),
         ContactRecord::fromJson(contact(2, QStringLiteral("Quiet Cedar 052"),
                                         QStringLiteral("queued"), QStringLiteral("none"),
                                         kT0 + 1000))});
    QCOMPARE(ids(queue), (QList<qint64>{1, 2}));
    QCOMPARE(queue.index(0, QueueModel::WaitingColumn).data().toString(), QStringLiteral("1 min"));

    // A high-risk newcomer goes to the head; an accepted one leaves.
    queue.enqueueEvent(
        QStringLiteral("contact.queued"),
        contactEvent(contact(3, QStringLiteral("Still River 901"), QStringLiteral("queued"),
                             QStringLiteral("high"), kT0 + 5000)));
    queue.enqueueEvent(
        QStringLiteral("contact.accepted"),
        contactEvent(contact(1, QStringLiteral("Amber Heron 417"), QStringLiteral("active"),
                             QStringLiteral("none"), kT0, 7)));
    QTRY_COMPARE_WITH_TIMEOUT(ids(queue), (QList<qint64>{3, 2}), 2000);
    QCOMPARE(queue.index(0, QueueModel::RiskColumn).data().toString(), QStringLiteral("High risk"));
    QCOMPARE(queue.index(0, QueueModel::RiskColumn).data(RiskRole).toInt(), 2);

    // An update that raises risk reorders; closing removes.
    queue.enqueueEvent(
        QStringLiteral("contact.updated"),
        contactEvent(contact(2, QStringLiteral("Quiet Cedar 052"), QStringLiteral("queued"),
                             QStringLiteral("imminent"), kT0 + 1000)));
    queue.flush();
    QCOMPARE(ids(queue), (QList<qint64>{2, 3}));
    queue.enqueueEvent(
        QStringLiteral("contact.closed"),
        contactEvent(contact(2, QStringLiteral("Quiet Cedar 052"), QStringLiteral("abandoned"),
                             QStringLiteral("imminent"), kT0 + 1000)));
    queue.flush();
    QCOMPARE(ids(queue), (QList<qint64>{3}));
}

void ModelsTest::burstIsOneLayoutChange()
{
    QueueModel queue;
    QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy layouts(&queue, &QAbstractItemModel::layoutChanged);
    QSignalSpy inserts(&queue, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 500; ++i) {
        queue.enqueueEvent(
            QStringLiteral("contact.queued"),
            contactEvent(
                contact(100 + i, QStringLiteral("Caller %1").arg(i), QStringLiteral("queued"),
                        i % 7 == 0 ? QStringLiteral("concern") : QStringLiteral("none"), kT0 + i)));
    }
    for (int i = 0; i < 100; ++i) {
        queue.enqueueEvent(
            QStringLiteral("contact.accepted"),
            contactEvent(contact(100 + i * 2, QStringLiteral("Caller"), QStringLiteral("active"),
                                 QStringLiteral("none"), kT0, 3)));
    }
    QCOMPARE(queue.rowCount(), 0); // nothing applied until the loop turns
    QTRY_COMPARE_WITH_TIMEOUT(queue.rowCount(), 400, 2000);
    QCOMPARE(layouts.count(), 1);
    QCOMPARE(inserts.count(), 0);
    // Concern first, then by waiting time.
    QCOMPARE(queue.index(0, 0).data(RiskRole).toInt(), 1);
    QCOMPARE(queue.index(399, 0).data(RiskRole).toInt(), 0);
}

void ModelsTest::waitingColumnTicksAlone()
{
    QueueModel queue;
    queue.resetContacts({ContactRecord::fromJson(
        contact(1, QStringLiteral("Amber Heron 417"), QStringLiteral("queued"),
                QStringLiteral("none"), QDateTime::currentMSecsSinceEpoch()))});
    QSignalSpy changed(&queue, &QAbstractItemModel::dataChanged);
    QVERIFY(changed.wait(3000));
    const auto from = changed.first().at(0).value<QModelIndex>();
    const auto to = changed.first().at(1).value<QModelIndex>();
    QCOMPARE(from.column(), int(QueueModel::WaitingColumn));
    QCOMPARE(to.column(), int(QueueModel::WaitingColumn));
}

void ModelsTest::myContactsTracksHeldContacts()
{
    MyContactsModel mine;
    mine.setOperatorId(7);
    QAbstractItemModelTester tester(&mine, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy added(&mine, &ContactListModel::contactsAdded);
    mine.enqueueEvent(
        QStringLiteral("contact.accepted"),
        contactEvent(contact(1, QStringLiteral("Amber Heron 417"), QStringLiteral("active"),
                             QStringLiteral("none"), kT0, 7)));
    mine.enqueueEvent(
        QStringLiteral("contact.accepted"),
        contactEvent(contact(2, QStringLiteral("Quiet Cedar 052"), QStringLiteral("active"),
                             QStringLiteral("none"), kT0, 8)));
    mine.flush();
    QCOMPARE(ids(mine), (QList<qint64>{1}));
    QCOMPARE(added.count(), 1);
    mine.enqueueEvent(
        QStringLiteral("contact.updated"),
        contactEvent(contact(1, QStringLiteral("Amber Heron 417"), QStringLiteral("wrap-up"),
                             QStringLiteral("concern"), kT0, 7)));
    mine.flush();
    QCOMPARE(mine.index(0, MyContactsModel::StateColumn).data().toString(),
             QStringLiteral("Wrap-up"));
    mine.enqueueEvent(
        QStringLiteral("contact.closed"),
        contactEvent(contact(1, QStringLiteral("Amber Heron 417"), QStringLiteral("closed"),
                             QStringLiteral("concern"), kT0, 7)));
    mine.flush();
    QCOMPARE(mine.rowCount(), 0);
}

void ModelsTest::conversationDeliveryAndOutbox()
{
    ConversationModel conv;
    QAbstractItemModelTester tester(&conv, QAbstractItemModelTester::FailureReportingMode::QtTest);
    conv.setConversation(42,
                         {message(9, 42, Direction::Inbound, QStringLiteral("hi, is anyone there?"),
                                  kT0, DeliveryStatus::Received)},
                         QStringLiteral("Amber Heron 417"));
    QCOMPARE(conv.rowCount(), 1);
    QCOMPARE(conv.index(0, ConversationModel::SenderColumn).data().toString(),
             QStringLiteral("Amber Heron 417"));

    conv.addLocal(-1, QStringLiteral("I'm here."), kT0 + 1000, false);
    // The event can beat the ack: then the local row goes away.
    conv.applyMessage(message(77, 42, Direction::Outbound, QStringLiteral("I'm here."), kT0 + 1000,
                              DeliveryStatus::Queued));
    conv.resolveLocal(-1, message(77, 42, Direction::Outbound, QStringLiteral("I'm here."),
                                  kT0 + 1000, DeliveryStatus::Queued));
    QCOMPARE(conv.rowCount(), 2);
    conv.applyMessage(message(77, 42, Direction::Outbound, QStringLiteral("I'm here."), kT0 + 1000,
                              DeliveryStatus::Delivered));
    // A late "sending" must not move delivery backwards.
    conv.applyMessage(message(77, 42, Direction::Outbound, QStringLiteral("I'm here."), kT0 + 1000,
                              DeliveryStatus::Sending));
    QCOMPARE(conv.index(1, ConversationModel::StatusColumn).data().toString(),
             QStringLiteral("Delivered"));

    auto failed = message(78, 42, Direction::Outbound, QStringLiteral("Still with you."),
                          kT0 + 2000, DeliveryStatus::Failed);
    failed.error = QStringLiteral("30006");
    conv.applyMessage(failed);
    QVERIFY(conv.index(2, 0).data(CanRetryRole).toBool());
    QVERIFY(conv.index(2, ConversationModel::StatusColumn)
                .data()
                .toString()
                .contains(QStringLiteral("30006")));
    // Other contacts' messages are ignored.
    conv.applyMessage(
        message(90, 43, Direction::Inbound, QStringLiteral("x"), kT0, DeliveryStatus::Received));
    QCOMPARE(conv.rowCount(), 3);
    conv.addLocal(-2, QStringLiteral("Typed offline"), kT0 + 3000, true);
    QVERIFY(conv.index(3, 0).data(UnsentRole).toBool());
    QVERIFY(conv.index(3, 0).data(CanRetryRole).toBool());
    QCOMPARE(conv.index(3, ConversationModel::StatusColumn).data().toString(),
             QStringLiteral("Not sent"));
    // Typed while offline: goes by itself on reconnect, so no retry.
    conv.addLocal(-2, QStringLiteral("Typed offline"), kT0 + 3000, false, true);
    QVERIFY(conv.index(3, 0).data(WaitingRole).toBool());
    QVERIFY(!conv.index(3, 0).data(CanRetryRole).toBool());
    QVERIFY(conv.index(3, ConversationModel::StatusColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("Not sent yet")));
    // A send that failed after all needs the operator.
    conv.markLocalUnsent(-2, true);
    QVERIFY(!conv.index(3, 0).data(WaitingRole).toBool());
    QVERIFY(conv.index(3, 0).data(CanRetryRole).toBool());
    conv.markLocalUnsent(-2, false);
    conv.removeLocal(-2);
    QCOMPARE(conv.rowCount(), 3);
}

void ModelsTest::historyModel()
{
    CallerHistoryModel history;
    QAbstractItemModelTester tester(&history,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    HistoryRecord a;
    a.id = 5;
    a.createdAt = kT0 - 86400000;
    a.durationMs = 25 * 60000;
    a.outcome = QStringLiteral("supported");
    a.helped = QStringLiteral("somewhat");
    a.risk = RiskLevel::Concern;
    a.note = QStringLiteral("Talked through sleep routine.");
    HistoryRecord b = a;
    b.id = 6;
    b.createdAt = kT0;
    b.outcome = QStringLiteral("referred");
    history.setHistory({a, b});
    QCOMPARE(history.rowCount(), 2);
    QCOMPARE(history.index(0, CallerHistoryModel::OutcomeColumn).data().toString(),
             QStringLiteral("Referred"));
    QCOMPARE(history.index(1, CallerHistoryModel::DurationColumn).data().toString(),
             QStringLiteral("25 min"));
    // The caller's survey answer, where the gateway sends it (only to the
    // operator who took the contact, docs/surveys.md).
    QCOMPARE(history.index(1, CallerHistoryModel::HelpedColumn).data().toString(),
             QStringLiteral("Somewhat"));
    b.surveyAnswer = 2;
    history.setHistory({a, b});
    QCOMPARE(history.index(0, CallerHistoryModel::HelpedColumn).data().toString(),
             QStringLiteral("Somewhat · Caller: it helped a little"));
    QCOMPARE(history.index(1, CallerHistoryModel::HelpedColumn).data().toString(),
             QStringLiteral("Somewhat")); // a: no answer
    b.helped.clear();                     // closed without a wrap-up
    history.setHistory({a, b});
    QCOMPARE(history.index(0, CallerHistoryModel::HelpedColumn).data().toString(),
             QStringLiteral("Caller: it helped a little"));
    QVERIFY(history.index(0, CallerHistoryModel::HelpedColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("survey")));
    QCOMPARE(HistoryRecord::fromJson(QJsonObject{{QStringLiteral("surveyAnswer"), 3}}).surveyAnswer,
             3);
    history.setHistory({});
    QCOMPARE(history.rowCount(), 0);
}

void ModelsTest::segments()
{
    QCOMPARE(countSegments(QString()).segments, 0);
    const auto one = countSegments(QString(160, QLatin1Char('a')));
    QCOMPARE(one.segments, 1);
    QCOMPARE(one.charactersLeftInSegment, 0);
    QCOMPARE(countSegments(QString(161, QLatin1Char('a'))).segments, 2);
    const auto ext = countSegments(QStringLiteral("{}"));
    QCOMPARE(ext.charactersUsed, 4);
    const auto ucs = countSegments(QStringLiteral("I hear you 💙"));
    QVERIFY(ucs.encoding == warmline::SmsEncoding::Ucs2);
    QCOMPARE(ucs.segments, 1);
    QCOMPARE(ucs.charactersUsed, 13); // the emoji is a surrogate pair
    QCOMPARE(countSegments(QString(71, QChar(0x4F60))).segments, 2);
    QCOMPARE(segmentSummary(countSegments(QStringLiteral("hello"))),
             QStringLiteral("1 text · 155 characters left"));
    QVERIFY(segmentSummary(ucs).endsWith(QStringLiteral("special characters use more room")));
    QVERIFY(segmentSummary(countSegments(QString())).isEmpty());
}

void ModelsTest::localStoreDraftsAndOutbox()
{
    QTemporaryDir dir;
    {
        LocalStore store(dir.path());
        QVERIFY2(store.isOpen(), qPrintable(store.errorText()));
        QVERIFY(store.saveDraft(42, QStringLiteral("note"), QStringLiteral("first words")));
        QVERIFY(store.saveDraft(42, QStringLiteral("note"), QStringLiteral("second words")));
        QVERIFY(store.addToOutbox(42, QStringLiteral("typed offline")) > 0);
    }
    LocalStore again(dir.path());
    QCOMPARE(again.draft(42, QStringLiteral("note")), QStringLiteral("second words"));
    const auto outbox = again.outbox();
    QCOMPARE(outbox.size(), 1);
    again.markUnsent(outbox.first().id);
    QVERIFY(again.outbox().first().unsent);
    again.removeFromOutbox(outbox.first().id);
    QVERIFY(again.outbox().isEmpty());
    again.saveDraft(42, QStringLiteral("note"), QString());
    QVERIFY(again.draft(42, QStringLiteral("note")).isEmpty());
}

QTEST_MAIN(ModelsTest)
#include "models_test.moc"
