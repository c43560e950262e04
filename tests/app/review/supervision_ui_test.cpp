// The Review, Reports and Administration windows against a real gateway with
// contacts handled through the link: the View menu follows the role; a
// supervisor filters, opens (the gateway audits it), marks reviewed and
// comments, and the operator's app shows the comment; the report's charts,
// its CSV, and its PDF rendered with pdftoppm; an admin changes a capacity
// and a line setting. Screenshots of each window go to the screenshot
// directory.

#include "app/admin/AdminWindow.h"
#include "app/link/LinkConnection.h"
#include "app/reports/ReportsWindow.h"
#include "app/review/FeedbackDialog.h"
#include "app/review/ReviewPane.h"
#include "app/review/ReviewWindow.h"
#include "app/shell/AppIdentity.h"
#include "app/shell/MainWindow.h"
#include "app/shell/ViewMenu.h"
#include "app/shift/LocalStore.h"
#include "app/shift/ShiftSession.h"
#include "app/widgets/ModelRoles.h"
#include "support/GatewayProcess.h"
#include "support/Process.h"
#include "support/SyntheticText.h"
#include "telephony/net/LinkClient.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace warmline::app;
using warmline::telephony::LinkClient;
using warmline::telephony::SimpleHttpClient;
namespace wt = warmline::test;
namespace json = boost::json;

namespace {

const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
const QString kPassword = QStringLiteral("correct horse battery");

QString screenshotDir()
{
    QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
    return QStringLiteral(WARMLINE_SCREENSHOT_DIR);
}

void save(QWidget* w, const QString& name)
{
    QVERIFY(w->grab().save(screenshotDir() + QLatin1Char('/') + name));
}

/// Pixels of `image` that are not (near) white: ink on a rendered page.
int inkPixels(const QImage& image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() + c.green() + c.blue() < 600) {
                ++n;
            }
        }
    }
    return n;
}

} // namespace

class SupervisionUiTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void viewMenuFollowsTheRole();
    void reviewWindowReviewsAndTheOperatorSeesTheComment();
    void reportsWindowChartsCsvAndPdf();
    void adminWindowChangesAccountsAndSettings();

private:
    /// Signs in as `name` and waits for the first snapshot.
    void signIn(LinkConnection& link, const QString& name);
    void handle(LinkClient& sam, const std::string& sid, int caller, const std::string& body,
                const std::string& note, const char* outcome, json::array topics);

    std::unique_ptr<wt::GatewayProcess> m_gateway;
    std::int64_t m_escalated = 0;
};

void SupervisionUiTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
    wt::GatewayOptions options;
    options.configExtra = kConfig;
    options.start = false;
    m_gateway = std::make_unique<wt::GatewayProcess>(options);
    m_gateway->addOperator("sam", "operator", kPassword.toStdString());
    m_gateway->addOperator("jo", "supervisor", kPassword.toStdString());
    m_gateway->addOperator("ada", "admin", kPassword.toStdString());
    m_gateway->start();

    // Three contacts handled by sam through the link.
    LinkClient sam;
    sam.connect(m_gateway->linkUrl(), std::chrono::seconds(10));
    QVERIFY(sam.request("login", {{"name", "sam"}, {"password", kPassword.toStdString()}},
                        std::chrono::seconds(15))
                .kind == warmline::link::ServerFrame::Kind::Ack);
    sam.request("presence.set", {{"presence", "available"}}, std::chrono::seconds(10));
    handle(sam, "SMsup1", 121, "can't sleep again, my head won't stop",
           "Talked through a wind-down routine; caller felt calmer.", "supported",
           json::array{"sleep", "anxiety"});
    handle(sam, "SMsup2", 122, "I don't want to be here anymore",
           "Asked directly about suicide; caller had a plan. Warm transfer to 988.", "escalated",
           json::array{"depression"});
    handle(sam, "SMsup3", 123, "lonely tonight, everyone is away",
           "Listened; caller plans to call a friend tomorrow.", "supported",
           json::array{"loneliness"});
    sam.close();
}

void SupervisionUiTest::handle(LinkClient& sam, const std::string& sid, int caller,
                               const std::string& body, const std::string& note,
                               const char* outcome, json::array topics)
{
    SimpleHttpClient http(m_gateway->url());
    const auto r = wt::postSyntheticText(http, sid, caller, body);
    QCOMPARE(r.status, 200);
    const auto timeout = std::chrono::seconds(15);
    const auto accepted = sam.request("contact.accept", {}, timeout);
    QVERIFY(accepted.kind == warmline::link::ServerFrame::Kind::Ack);
    const auto id = accepted.data.at("contact").at("id").as_int64();
    if (std::string(outcome) == "escalated") {
        m_escalated = id;
    }
    sam.request("message.send", {{"contactId", id}, {"body", "I'm here with you. Tell me more?"}},
                timeout);
    // A crisis text opened an escalation: it is worked through and closed
    // as an operator would, before the contact can close.
    const auto escalations = sam.request("escalation.get", {{"contactId", id}}, timeout);
    QVERIFY(escalations.kind == warmline::link::ServerFrame::Kind::Ack);
    for (const auto& e : escalations.data.at("escalations").as_array()) {
        if (e.at("state") != "open") {
            continue;
        }
        const auto eid = e.at("id").as_int64();
        sam.request("escalation.step",
                    {{"escalationId", eid},
                     {"kind", "screener"},
                     {"detail", {{"q1", true}, {"q2", true}, {"q3", true}, {"q4", true}}}},
                    timeout);
        QVERIFY(
            sam.request("escalation.transfer", {{"escalationId", eid}, {"line", "988"}}, timeout)
                .kind == warmline::link::ServerFrame::Kind::Ack);
        QVERIFY(sam.request("escalation.close",
                            {{"escalationId", eid}, {"outcome", "warm_transfer"}}, timeout)
                    .kind == warmline::link::ServerFrame::Kind::Ack);
    }
    const auto closed = sam.request(
        "contact.close",
        {{"contactId", id},
         {"note", note},
         {"wrapup", {{"outcome", outcome}, {"helped", "somewhat"}, {"topics", std::move(topics)}}}},
        timeout);
    QVERIFY(closed.kind == warmline::link::ServerFrame::Kind::Ack);
}

void SupervisionUiTest::signIn(LinkConnection& link, const QString& name)
{
    QSignalSpy snapshot(&link, &LinkConnection::snapshotReceived);
    link.open(QUrl(QString::fromStdString(m_gateway->linkUrl())), name, kPassword);
    QVERIFY(snapshot.wait(20000));
}

void SupervisionUiTest::viewMenuFollowsTheRole()
{
    for (const auto& [name, review, admin] : {std::tuple{QStringLiteral("sam"), false, false},
                                              std::tuple{QStringLiteral("jo"), true, false},
                                              std::tuple{QStringLiteral("ada"), true, true}}) {
        QTemporaryDir data;
        LocalStore store(data.path());
        LinkConnection link;
        ShiftSession session(link, store);
        signIn(link, name);
        MainWindow window(session);
        ViewMenu* menu = window.viewMenu();
        QVERIFY(menu);
        QCOMPARE(menu->reviewAction()->isVisible(), review);
        QCOMPARE(menu->reportsAction()->isVisible(), review);
        QCOMPARE(menu->adminAction()->isVisible(), admin);
        QVERIFY(menu->feedbackAction()->isVisible());
        QCOMPARE(menu->openReview() != nullptr, review);
        QCOMPARE(menu->openAdmin() != nullptr, admin);
        link.close();
    }
}

void SupervisionUiTest::reviewWindowReviewsAndTheOperatorSeesTheComment()
{
    // The operator's app, to receive the comment.
    QTemporaryDir samData;
    LocalStore samStore(samData.path());
    LinkConnection samLink;
    ShiftSession samSession(samLink, samStore);
    signIn(samLink, QStringLiteral("sam"));
    MainWindow samWindow(samSession);
    samWindow.resize(1360, 820);
    FeedbackInbox* inbox = samWindow.viewMenu()->inbox();
    QTRY_COMPARE_WITH_TIMEOUT(inbox->comments()->rowCount(), 0, 5000);

    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    signIn(link, QStringLiteral("jo"));
    MainWindow main(session);
    ReviewWindow* review = main.viewMenu()->openReview();
    QVERIFY(review);
    QVERIFY(QTest::qWaitForWindowExposed(review));
    auto* list = review->controller()->list();
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 3, 10000);
    QCOMPARE(list->total(), 3);

    // Filters: not yet reviewed + words in notes.
    review->searchBox()->setText(QStringLiteral("wind-down"));
    review->runSearch();
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, 10000);
    review->searchBox()->clear();
    review->runSearch();
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 3, 10000);

    // Open the escalated contact.
    const int row = list->rowOf(m_escalated);
    QVERIFY(row >= 0);
    review->listView()->selectionModel()->setCurrentIndex(
        list->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY_WITH_TIMEOUT(review->controller()->current() &&
                                 review->controller()->current()->row.id == m_escalated,
                             10000);
    QCOMPARE(review->controller()->escalations()->escalationCount(), 1);
    // opened; the steps raised, screener, transfer_started, closed; closed
    QCOMPARE(review->controller()->escalations()->rowCount(), 6);
    QTRY_VERIFY_WITH_TIMEOUT(review->controller()->thread()->rowCount() >= 2, 5000);
    QVERIFY(review->pane()->markButton()->isVisible());
    QVERIFY(!review->pane()->revealButton()->isVisible()); // supervisors do not reveal
    QTest::qWait(200);
    save(review, QStringLiteral("10-review.png"));
    auto* recordTabs = review->pane()->findChild<QTabWidget*>();
    QVERIFY(recordTabs);
    recordTabs->setCurrentIndex(1);
    QTest::qWait(100);
    save(review, QStringLiteral("11-review-escalation.png"));

    // Mark reviewed and comment; the operator's app shows the comment.
    review->pane()->markButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(list->rowAt(row)->reviewedAt > 0, 10000);
    QCOMPARE(list->rowAt(row)->reviewedBy, QStringLiteral("jo"));
    QSignalSpy arrived(inbox, &FeedbackInbox::arrived);
    review->pane()->commentBox()->setPlainText(
        QStringLiteral("Asking directly and transferring early was exactly right. Thank you."));
    review->pane()->sendCommentButton()->click();
    QVERIFY(arrived.wait(10000));
    QCOMPARE(inbox->unread(), 1);
    QCOMPARE(inbox->comments()->commentAt(0)->authorName, QStringLiteral("jo"));
    QTRY_COMPARE_WITH_TIMEOUT(review->controller()->current()->comments.size(), 1, 5000);
    recordTabs->setCurrentIndex(2);
    QTest::qWait(100);
    save(review, QStringLiteral("12-review-comment.png"));

    FeedbackDialog* feedback = samWindow.viewMenu()->openFeedback();
    QVERIFY(QTest::qWaitForWindowExposed(feedback));
    feedback->view()->selectionModel()->setCurrentIndex(inbox->comments()->index(0, 0),
                                                        QItemSelectionModel::ClearAndSelect |
                                                            QItemSelectionModel::Rows);
    QTRY_COMPARE_WITH_TIMEOUT(inbox->unread(), 0, 10000);
    save(feedback, QStringLiteral("13-operator-feedback.png"));

    // The audit tab shows the opening, and nobody can edit it from here.
    review->tabs()->setCurrentIndex(1);
    auto* audit = review->controller()->audit();
    QTRY_VERIFY_WITH_TIMEOUT(audit->rowCount() >= 3, 10000);
    bool opened = false;
    for (int r = 0; r < audit->rowCount(); ++r) {
        opened = opened || (audit->index(r, AuditLogModel::ActionColumn).data().toString() ==
                                QStringLiteral("Opened a contact") &&
                            audit->index(r, AuditLogModel::WhoColumn).data().toString() ==
                                QStringLiteral("jo"));
    }
    QVERIFY(opened);
    QCOMPARE(review->auditView()->editTriggers(), QAbstractItemView::NoEditTriggers);
    QTest::qWait(100);
    save(review, QStringLiteral("14-audit-log.png"));
    samLink.close();
    link.close();
}

void SupervisionUiTest::reportsWindowChartsCsvAndPdf()
{
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    signIn(link, QStringLiteral("jo"));
    MainWindow main(session);
    ReportsWindow* reports = main.viewMenu()->openReports();
    QVERIFY(reports);
    QVERIFY(QTest::qWaitForWindowExposed(reports));
    QTRY_VERIFY_WITH_TIMEOUT(!reports->report().isEmpty(), 15000);
    const auto totals = reports->report().value(u"totals").toObject();
    QCOMPARE(totals.value(u"contacts").toInteger(), 3);
    QCOMPARE(totals.value(u"answered").toInteger(), 3);
    QCOMPARE(reports->report().value(u"escalations").toObject().value(u"total").toInteger(), 1);
    QTest::qWait(300);
    save(reports, QStringLiteral("15-reports.png"));

    QTemporaryDir out;
    const QString csvPath = out.filePath(QStringLiteral("report.csv"));
    QString error;
    QVERIFY2(reports->exportCsv(csvPath, &error), qPrintable(error));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QString csvText = QString::fromUtf8(csv.readAll());
    QVERIFY(csvText.startsWith(QStringLiteral("section,item,measure,value\r\n")));
    QVERIFY(csvText.contains(QStringLiteral("totals,all,contacts,3\r\n")));
    QVERIFY(csvText.contains(QStringLiteral("topics,sleep,contacts,1\r\n")));
    QVERIFY(csvText.contains(QStringLiteral("outcomes,supported,contacts,2\r\n")));

    const QString pdfPath = out.filePath(QStringLiteral("report.pdf"));
    QVERIFY2(reports->exportPdf(pdfPath, &error), qPrintable(error));
    QFile pdf(pdfPath);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
    pdf.close();

    // The PDF opens in a real PDF renderer, and its pages carry ink.
    const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
    QVERIFY2(!pdftoppm.isEmpty(), "pdftoppm (poppler-utils) is needed: scripts/deps test");
    QProcess render;
    render.start(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"),
                            pdfPath, out.filePath(QStringLiteral("page"))});
    QVERIFY(render.waitForFinished(60000));
    QCOMPARE(render.exitCode(), 0);
    const QStringList pages =
        QDir(out.path()).entryList({QStringLiteral("page*.png")}, QDir::Files, QDir::Name);
    QVERIFY2(pages.size() >= 2, qPrintable(pages.join(u',')));
    for (int i = 0; i < pages.size(); ++i) {
        const QImage page(out.filePath(pages[i]));
        QVERIFY(!page.isNull());
        QVERIFY(
            page.save(screenshotDir() + QStringLiteral("/16-report-pdf-page%1.png").arg(i + 1)));
        QVERIFY2(inkPixels(page) > page.width() * page.height() / 100, qPrintable(pages[i]));
    }
    link.close();
}

void SupervisionUiTest::adminWindowChangesAccountsAndSettings()
{
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    signIn(link, QStringLiteral("ada"));
    MainWindow main(session);
    AdminWindow* admin = main.viewMenu()->openAdmin();
    QVERIFY(admin);
    QVERIFY(QTest::qWaitForWindowExposed(admin));
    auto* controller = admin->controller();
    QTRY_COMPARE_WITH_TIMEOUT(controller->operators()->rowCount(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(controller->settings()->rowCount(), 10, 10000);

    QSignalSpy done(controller, &AdminController::done);
    controller->setCapacity(QStringLiteral("sam"), 2);
    QVERIFY(done.wait(10000));
    controller->setLanguages(QStringLiteral("sam"),
                             {QStringLiteral("English"), QStringLiteral("Spanish")});
    QVERIFY(done.wait(10000));
    int samRow = -1;
    for (int r = 0; r < controller->operators()->rowCount(); ++r) {
        if (controller->operators()->accountAt(r)->name == u"sam") {
            samRow = r;
        }
    }
    QVERIFY(samRow >= 0);
    QCOMPARE(controller->operators()->accountAt(samRow)->capacity, 2);
    QCOMPARE(controller->operators()->accountAt(samRow)->languages,
             (QStringList{QStringLiteral("English"), QStringLiteral("Spanish")}));
    controller->setGroup(QStringLiteral("sam"), QStringLiteral("evenings"));
    QVERIFY(done.wait(10000));
    QCOMPARE(controller->operators()->accountAt(samRow)->group, QStringLiteral("evenings"));
    // The phone sam's calls ring at: set, kept by other changes, refused
    // when it is not a phone (the gateway's reason reaches the status bar).
    const QString desk = QStringLiteral("sip:desk-12@127.0.0.1:5062");
    controller->setPhone(QStringLiteral("sam"), desk);
    QVERIFY(done.wait(10000));
    QCOMPARE(controller->operators()->accountAt(samRow)->phone, desk);
    controller->setCapacity(QStringLiteral("sam"), 2);
    QVERIFY(done.wait(10000));
    QCOMPARE(controller->operators()->accountAt(samRow)->phone, desk);
    QSignalSpy notices(controller, &AdminController::notice);
    controller->setPhone(QStringLiteral("sam"), QStringLiteral("911"));
    QVERIFY(done.wait(10000));
    QVERIFY(!notices.isEmpty());
    QVERIFY(notices.last().at(0).toString().contains(QStringLiteral("short code")));
    QCOMPARE(controller->operators()->accountAt(samRow)->phone, desk);
    QCOMPARE(
        controller->operators()->index(samRow, OperatorAdminModel::GroupColumn).data().toString(),
        QStringLiteral("evenings"));
    admin->operatorsView()->selectionModel()->setCurrentIndex(
        controller->operators()->index(samRow, 0),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTest::qWait(100);
    save(admin, QStringLiteral("17-admin-accounts.png"));

    auto* settings = controller->settings();
    int hoursRow = -1;
    for (int r = 0; r < settings->rowCount(); ++r) {
        if (settings->settingAt(r)->key == u"line.hours") {
            hoursRow = r;
        }
    }
    QVERIFY(hoursRow >= 0);
    QVERIFY(settings->setData(settings->index(hoursRow, LineSettingsModel::ValueColumn),
                              QStringLiteral("mon-fri 09:00-21:00, sat-sun 12:00-18:00")));
    done.clear();
    controller->saveSettings();
    QVERIFY(done.wait(10000));
    QCOMPARE(settings->settingAt(hoursRow)->source, QStringLiteral("admin"));
    QCOMPARE(settings->settingAt(hoursRow)->value,
             QStringLiteral("mon-fri 09:00-21:00, sat-sun 12:00-18:00"));
    // A value the gateway refuses stays marked as an unsaved change.
    int callsRow = -1;
    for (int r = 0; r < settings->rowCount(); ++r) {
        if (settings->settingAt(r)->key == u"limits.calls_per_day") {
            callsRow = r;
        }
    }
    QVERIFY(settings->setData(settings->index(callsRow, LineSettingsModel::ValueColumn),
                              QStringLiteral("lots")));
    done.clear();
    controller->saveSettings();
    QVERIFY(done.wait(10000));
    QCOMPARE(settings->edits().size(), 1);
    settings->dropEdits();
    admin->tabs()->setCurrentIndex(1);
    QTest::qWait(100);
    save(admin, QStringLiteral("18-admin-settings.png"));
    link.close();
}

QTEST_MAIN(SupervisionUiTest)
#include "supervision_ui_test.moc"
