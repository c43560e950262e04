// The review, audit, feedback and administration models under
// QAbstractItemModelTester with records as the gateway sends them, and the
// report's headline figures against their targets.

#include "app/admin/LineSettingsModel.h"
#include "app/admin/OperatorAdminModel.h"
#include "app/reports/ReportExport.h"
#include "app/review/AuditLogModel.h"
#include "app/review/CommentListModel.h"
#include "app/review/EscalationModel.h"
#include "app/review/ReviewListModel.h"
#include "app/review/ReviewPane.h"
#include "app/shell/AppIdentity.h"
#include "app/widgets/ModelRoles.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QtTest>

using namespace warmline;
using namespace warmline::app;

namespace {

constexpr qint64 kT0 = 1795000000000;

QJsonObject object(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

ReviewRowRecord row(qint64 id, qint64 createdAt, bool reviewed = false)
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("alias"), QStringLiteral("Amber Heron %1").arg(id)},
        {QStringLiteral("channel"), id % 2 ? QStringLiteral("call") : QStringLiteral("text")},
        {QStringLiteral("state"), QStringLiteral("closed")},
        {QStringLiteral("risk"), id == 2 ? QStringLiteral("high") : QStringLiteral("none")},
        {QStringLiteral("createdAt"), createdAt},
        {QStringLiteral("operatorName"), QStringLiteral("sam")},
        {QStringLiteral("outcome"), QStringLiteral("supported")},
        {QStringLiteral("topics"), QJsonArray{QStringLiteral("sleep"), QStringLiteral("money")}},
        {QStringLiteral("escalated"), id == 2},
        {QStringLiteral("reviewedAt"), reviewed ? QJsonValue(kT0) : QJsonValue()},
        {QStringLiteral("reviewedBy"), reviewed ? QStringLiteral("jo") : QString()}};
    return ReviewRowRecord::fromJson(o);
}

} // namespace

class SupervisionModelsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void reviewListPagesAndUpdates();
    void escalationTimeline();
    void commentsAndUnread();
    void auditLogPages();
    void accountsStaySorted();
    void settingsEditsAndSources();
    void reportFiguresAgainstTargets();
    void callReviewShowsItsInterpreters();
    void reviewShowsALeadsLiveCoaching();
};

void SupervisionModelsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
}

void SupervisionModelsTest::reviewListPagesAndUpdates()
{
    ReviewListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SortRole);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.setRows({row(3, kT0 + 3000), row(2, kT0 + 2000)}, 5);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.total(), 5);
    QCOMPARE(model.index(0, ReviewListModel::AliasColumn).data().toString(),
             QStringLiteral("Amber Heron 3"));
    QCOMPARE(model.index(1, ReviewListModel::RiskColumn).data(RiskRole).toInt(),
             static_cast<int>(RiskLevel::High));
    QCOMPARE(model.index(1, ReviewListModel::EscalatedColumn).data().toString(),
             QStringLiteral("Escalated"));
    QCOMPARE(model.index(0, ReviewListModel::TopicsColumn).data().toString(),
             QStringLiteral("sleep, money"));
    QVERIFY(model.index(0, ReviewListModel::AliasColumn).data(Qt::FontRole).value<QFont>().bold());

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendRows({row(1, kT0 + 1000), row(0, kT0)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    model.appendRows({});
    QCOMPARE(inserted.count(), 1);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.updateRow(row(2, kT0 + 2000, true));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(1, ReviewListModel::ReviewedColumn).data().toString(),
             QStringLiteral("Reviewed"));
    QVERIFY(model.index(1, ReviewListModel::ReviewedColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("jo")));
    model.updateRow(row(99, kT0)); // not shown: nothing happens
    QCOMPARE(changed.count(), 1);

    proxy.sort(ReviewListModel::WhenColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data(ContactIdRole).toLongLong(), 0);
    model.setRows({}, 0);
    QCOMPARE(proxy.rowCount(), 0);
}

void SupervisionModelsTest::escalationTimeline()
{
    EscalationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto closed = EscalationRecordQt::fromJson(object(
        R"({"id":5,"level":"high","source":"text","signals":["plan","means"],"state":"closed",)"
        R"("openedAt":1795000100000,"openedBy":"","closedAt":1795000600000,"closedBy":"riley",)"
        R"("outcome":"warm-transfer","closeReason":"","steps":[{"id":1,"at":1795000200000,)"
        R"("operatorName":"sam","kind":"asked-directly","detail":{"answer":"yes"}},)"
        R"({"id":2,"at":1795000300000,"operatorName":"sam","kind":"screener","detail":)"
        R"({"dangerNow":false,"q1":true,"q3":null,"recommended":"warm_transfer"}}]})"));
    const auto open = EscalationRecordQt::fromJson(
        object(R"({"id":6,"level":"imminent","source":"note","signals":[],"state":"open",)"
               R"("openedAt":1795000700000,"openedBy":"sam","steps":[]})"));
    model.setEscalations({closed, open});
    QCOMPARE(model.escalationCount(), 2);
    // Opened, two steps, closed; opened, still open.
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.index(0, EscalationModel::WhoColumn).data().toString(),
             QStringLiteral("Risk engine"));
    QVERIFY(model.index(0, EscalationModel::DetailColumn)
                .data()
                .toString()
                .contains(QStringLiteral("plan, means")));
    QCOMPARE(model.index(1, EscalationModel::WhatColumn).data().toString(),
             QStringLiteral("Asked directly"));
    QCOMPARE(model.index(1, EscalationModel::DetailColumn).data().toString(),
             QStringLiteral("answer: yes"));
    // The screener's answers in words, not field names.
    const QString screener = model.index(2, EscalationModel::DetailColumn).data().toString();
    QVERIFY2(screener.contains(QStringLiteral("In danger right now: no")), qPrintable(screener));
    QVERIFY2(screener.contains(QStringLiteral("Wished to be dead (past month): yes")),
             qPrintable(screener));
    QVERIFY2(screener.contains(QStringLiteral("Thought about how: not asked")),
             qPrintable(screener));
    QVERIFY2(!screener.contains(QStringLiteral("q1")) &&
                 !screener.contains(QStringLiteral("dangerNow")),
             qPrintable(screener));
    QCOMPARE(model.index(3, EscalationModel::WhatColumn).data().toString(),
             QStringLiteral("Closed: Warm transfer"));
    QCOMPARE(model.index(5, EscalationModel::WhatColumn).data().toString(),
             QStringLiteral("Still open"));
    QVERIFY(model.index(4, 0).data(Qt::FontRole).value<QFont>().bold());
    model.setEscalations({});
    QCOMPARE(model.rowCount(), 0);
}

void SupervisionModelsTest::commentsAndUnread()
{
    CommentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto comment = [](qint64 id, qint64 readAt) {
        return CommentRecord::fromJson(
            {{QStringLiteral("id"), id},
             {QStringLiteral("contactId"), 40 + id},
             {QStringLiteral("alias"), QStringLiteral("Quiet Cedar 052")},
             {QStringLiteral("authorName"), QStringLiteral("jo")},
             {QStringLiteral("body"), QStringLiteral("Comment %1").arg(id)},
             {QStringLiteral("at"), kT0 + id},
             {QStringLiteral("readAt"), readAt > 0 ? QJsonValue(readAt) : QJsonValue()}});
    };
    model.setComments({comment(2, 0), comment(1, kT0)});
    QCOMPARE(model.unreadCount(), 1);
    model.addComment(comment(3, 0));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, CommentListModel::CommentColumn).data().toString(),
             QStringLiteral("Comment 3"));
    QCOMPARE(model.unreadCount(), 2);
    model.addComment(comment(3, 0)); // the same one again replaces it
    QCOMPARE(model.rowCount(), 3);
    model.markRead(3, kT0 + 10);
    model.markRead(2, kT0 + 10);
    QCOMPARE(model.unreadCount(), 0);
    QVERIFY(!model.index(0, 0).data(Qt::FontRole).isValid());
}

void SupervisionModelsTest::auditLogPages()
{
    AuditLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto entry = [](qint64 id, const char* action, const char* who) {
        return AuditRecord::fromJson(
            {{QStringLiteral("id"), id},
             {QStringLiteral("at"), kT0 + id},
             {QStringLiteral("operatorName"), QString::fromLatin1(who)},
             {QStringLiteral("action"), QString::fromLatin1(action)},
             {QStringLiteral("contactId"), 42},
             {QStringLiteral("detail"),
              QJsonObject{{QStringLiteral("via"), QStringLiteral("review.get")}}}});
    };
    model.setEntries({entry(9, "caller.reveal", "ada"), entry(8, "contact.open", "jo")});
    QCOMPARE(model.oldestId(), 8);
    model.appendEntries({entry(7, "retention.purge", "")});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.oldestId(), 7);
    QCOMPARE(model.index(0, AuditLogModel::ActionColumn).data().toString(),
             QStringLiteral("Revealed a number"));
    QCOMPARE(model.index(2, AuditLogModel::WhoColumn).data().toString(),
             QStringLiteral("(the gateway)"));
    QCOMPARE(model.index(1, AuditLogModel::DetailColumn).data().toString(),
             QStringLiteral(R"({"via":"review.get"})"));
    // Read-only: no item is editable.
    QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsEditable));
}

void SupervisionModelsTest::accountsStaySorted()
{
    OperatorAdminModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto account = [](qint64 id, const char* name, const char* role) {
        return AccountRecord::fromJson(
            {{QStringLiteral("id"), id},
             {QStringLiteral("name"), QString::fromLatin1(name)},
             {QStringLiteral("role"), QString::fromLatin1(role)},
             {QStringLiteral("capacity"), 3},
             {QStringLiteral("languages"), QJsonArray{QStringLiteral("en")}},
             {QStringLiteral("disabled"), false},
             {QStringLiteral("presence"), QStringLiteral("available")}});
    };
    model.setAccounts({account(2, "sam", "operator"), account(1, "ada", "admin")});
    QCOMPARE(model.index(0, OperatorAdminModel::NameColumn).data().toString(),
             QStringLiteral("ada"));
    model.upsert(account(3, "kim", "lead"));
    QCOMPARE(model.index(1, OperatorAdminModel::NameColumn).data().toString(),
             QStringLiteral("kim"));
    QCOMPARE(model.index(1, OperatorAdminModel::RoleColumn).data().toString(),
             QStringLiteral("Shift lead"));
    auto changed = account(2, "sam", "operator");
    changed.capacity = 2;
    changed.disabled = true;
    model.upsert(changed);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, OperatorAdminModel::CapacityColumn).data().toInt(), 2);
    QCOMPARE(model.index(2, OperatorAdminModel::StatusColumn).data().toString(),
             QStringLiteral("Disabled"));
}

void SupervisionModelsTest::settingsEditsAndSources()
{
    LineSettingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto setting = [](const char* key, const char* value, const char* source) {
        return SettingRecord::fromJson({{QStringLiteral("key"), QString::fromLatin1(key)},
                                        {QStringLiteral("value"), QString::fromLatin1(value)},
                                        {QStringLiteral("fileValue"), QStringLiteral("3")},
                                        {QStringLiteral("source"), QString::fromLatin1(source)},
                                        {QStringLiteral("setBy"), QStringLiteral("ada")},
                                        {QStringLiteral("setAt"), kT0}});
    };
    model.setSettings(
        {setting("line.hours", "", "default"), setting("limits.calls_per_day", "4", "admin")});
    QCOMPARE(model.index(0, LineSettingsModel::SettingColumn).data().toString(),
             QStringLiteral("Opening hours"));
    QCOMPARE(model.index(0, LineSettingsModel::ValueColumn).data().toString(),
             QStringLiteral("(always open)"));
    QVERIFY(model.index(1, LineSettingsModel::SourceColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("Set by ada")));
    QVERIFY(model.flags(model.index(1, LineSettingsModel::ValueColumn)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(1, LineSettingsModel::SourceColumn)) & Qt::ItemIsEditable));

    QVERIFY(model.setData(model.index(1, LineSettingsModel::ValueColumn), QStringLiteral(" 5 ")));
    QCOMPARE(model.edits().size(), 1);
    QCOMPARE(model.edits().front().second, QStringLiteral("5"));
    QCOMPARE(model.index(1, LineSettingsModel::SourceColumn).data().toString(),
             QStringLiteral("Changed, not saved"));
    // Editing back to the stored value is no edit.
    QVERIFY(model.setData(model.index(1, LineSettingsModel::ValueColumn), QStringLiteral("4")));
    QVERIFY(model.edits().isEmpty());
    QVERIFY(model.setData(model.index(0, LineSettingsModel::ValueColumn),
                          QStringLiteral("mon-fri 09:00-17:00")));
    model.apply(setting("line.hours", "mon-fri 09:00-17:00", "admin"));
    QVERIFY(model.edits().isEmpty());
    QVERIFY(model.setData(model.index(1, LineSettingsModel::ValueColumn), QStringLiteral("9")));
    model.dropEdits();
    QCOMPARE(model.index(1, LineSettingsModel::ValueColumn).data().toString(), QStringLiteral("4"));
}

void SupervisionModelsTest::reportFiguresAgainstTargets()
{
    const auto report = object(
        R"({"period":{"from":1794787200000,"to":1794960000000,"tzOffsetMinutes":0,"days":2},)"
        R"("targets":{"answerSeconds":60,"answeredOnTimePercent":80,"abandonPercent":5,"handleMinutes":20},)"
        R"("totals":{"contacts":4,"answered":3,"abandoned":1,"unanswered":0,"abandonRate":0.25,)"
        R"("answeredOnTime":2,"answeredOnTimeRate":0.5},)"
        R"("answerTime":{"count":3,"meanMs":53333,"medianMs":40000,"p90Ms":100000,"maxMs":100000},)"
        R"("handleTime":{"count":3,"meanMs":800000,"medianMs":720000,"p90Ms":1200000,"maxMs":1200000},)"
        R"("escalations":{"total":1,"contacts":1},)"
        R"("referrals":{"total":3,"contacts":2,"byHow":[{"how":"text","count":3}],)"
        R"("byResource":[{"resource":"Harbor Street Food Pantry","count":2},)"
        R"({"resource":"Hope House Emergency Shelter","count":1}]},)"
        R"("callers":{"callers":3,"repeatCallers":1,"repeatContactShare":0.5}})");
    QCOMPARE(reportPeriodText(report), QStringLiteral("2026-11-16 – 2026-11-17"));
    const auto figures = reportFigures(report);
    QCOMPARE(figures.size(), 9);
    QCOMPARE(figures[0].value, QStringLiteral("4"));
    QCOMPARE(figures[2].label, QStringLiteral("Abandon rate"));
    QCOMPARE(figures[2].value, QStringLiteral("25.0 %"));
    QVERIFY(!figures[2].metTarget); // 25 % > 5 %
    // The service level, defined as the shift board's: 2 of 3 answered + 1 abandoned.
    QCOMPARE(figures[3].label, QStringLiteral("Service level (answered within 60 s)"));
    QCOMPARE(figures[3].value, QStringLiteral("50.0 %"));
    QVERIFY(!figures[3].metTarget); // 50 % < 80 %
    QCOMPARE(figures[4].value, QStringLiteral("40 s / 1 min"));
    QVERIFY(figures[5].metTarget); // 12 min median within 20
    QCOMPARE(figures[7].label, QStringLiteral("Resources shared"));
    QCOMPARE(figures[7].value,
             QStringLiteral("3 (in 2 contacts); most shared: Harbor Street Food Pantry"));
    QCOMPARE(figures[8].value, QStringLiteral("1 of 3 callers, 50.0 % of contacts"));

    // The survey and screening lines appear when there is something to say.
    auto withMore = report;
    withMore.insert(
        QStringLiteral("survey"),
        object(R"({"sent":5,"answered":3,"yes":2,"aLittle":1,"no":0,)"
               R"("responseRate":0.6,"byChannel":[)"
               R"({"channel":"call","sent":1,"answered":1},)"
               R"({"channel":"text","sent":4,"answered":2}],"byGroup":[)"
               R"({"group":"evenings","sent":3,"answered":2,"yes":1,"aLittle":1,"no":0}]})"));
    withMore.insert(QStringLiteral("screened"), object(R"({"held":4,"refused":1})"));
    const auto more = reportFigures(withMore);
    QCOMPARE(more.size(), 12);
    QCOMPARE(more[8].label, QStringLiteral("Survey"));
    QCOMPARE(more[8].value, QStringLiteral("3 answered of 5 asked (60.0 %): 2 yes, 1 a little, "
                                           "0 no; calls 1 of 1, texts 2 of 4"));
    QCOMPARE(more[9].label, QStringLiteral("Survey by group"));
    QCOMPARE(more[9].value, QStringLiteral("evenings: 2 of 3 (1 yes, 1 a little, 0 no)"));
    QCOMPARE(more[10].value, QStringLiteral("4 contacts held for a lead, 1 refused"));
}

void SupervisionModelsTest::callReviewShowsItsInterpreters()
{
    const auto detail = ReviewDetailRecord::fromJson(
        QJsonDocument::fromJson(R"({"contact": {"id": 44, "alias": "Quiet Cedar 052",
            "channel": "call", "state": "closed", "risk": "none", "createdAt": 1795000000000,
            "operatorId": 3, "operatorName": "sam"},
          "interpretations": [
            {"serviceName": "Telephone interpreters", "language": "Tagalog",
             "operatorName": "sam", "requestedAt": 1795000100000,
             "connectedAt": 1795000110000, "endedAt": 1795000700000, "outcome": "ended",
             "reason": "The operator ended the interpretation."},
            {"serviceName": "Telephone interpreters", "language": "",
             "operatorName": "sam", "requestedAt": 1795000050000, "connectedAt": null,
             "endedAt": 1795000060000, "outcome": "not_reached",
             "reason": "The interpreter service answered 486 Busy Here."}]})")
            .object());
    QCOMPARE(detail.interpretations.size(), 2);
    QCOMPARE(detail.interpretations[0].language, QStringLiteral("Tagalog"));
    QCOMPARE(detail.interpretations[1].connectedAt, qint64(0));

    QStandardItemModel thread;
    EscalationModel escalations;
    ReviewPane pane(&thread, &escalations);
    pane.showDetail(&detail, false);
    QString shown;
    for (auto* label : pane.findChildren<QLabel*>()) {
        if (label->text().contains(QStringLiteral("Interpreter"))) {
            shown += label->text();
        }
    }
    QVERIFY2(shown.contains(QStringLiteral("Telephone interpreters, Tagalog: on from")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("not reached (The interpreter service answered 486")),
             qPrintable(shown));
}

void SupervisionModelsTest::reviewShowsALeadsLiveCoaching()
{
    const auto detail = ReviewDetailRecord::fromJson(
        QJsonDocument::fromJson(R"({"contact": {"id": 45, "alias": "Early Laurel 079",
            "channel": "text", "state": "closed", "risk": "high", "createdAt": 1795000000000,
            "operatorId": 3, "operatorName": "lou"},
          "coaching": [
            {"id": 1, "contactId": 45, "lead": {"id": 2, "name": "lee"},
             "operator": {"id": 3, "name": "lou"}, "kind": "watch", "body": "",
             "at": 1795000100000},
            {"id": 2, "contactId": 45, "lead": {"id": 2, "name": "lee"},
             "operator": {"id": 3, "name": "lou"}, "kind": "note",
             "body": "synthetic: ask about <sleep>", "at": 1795000200000},
            {"id": 3, "contactId": 45, "lead": {"id": 2, "name": "lee"},
             "operator": {"id": 3, "name": "lou"}, "kind": "takeover.forced", "body": "",
             "at": 1795000300000}]})")
            .object());
    QCOMPARE(detail.coaching.size(), 3);
    QCOMPARE(detail.coaching[1].body, QStringLiteral("synthetic: ask about <sleep>"));

    QStandardItemModel thread;
    EscalationModel escalations;
    ReviewPane pane(&thread, &escalations);
    pane.showDetail(&detail, false);
    QString shown;
    for (auto* browser : pane.findChildren<QTextBrowser*>()) {
        shown += browser->toPlainText();
    }
    QVERIFY2(shown.contains(QStringLiteral("Live coaching")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("lee began reading (held by lou)")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("lee to lou: synthetic: ask about <sleep>")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("lee took it over from lou in the escalation")),
             qPrintable(shown));
}

QTEST_MAIN(SupervisionModelsTest)
#include "supervision_models_test.moc"
