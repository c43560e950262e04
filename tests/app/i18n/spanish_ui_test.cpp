// The app in Spanish against a real warmline-gateway (docs/languages.md "The
// app in Spanish"): the language setting (System, English, Español) picks
// the translation and the locale; then every main window, made with the
// Spanish translation installed as the program installs it, shows known
// Spanish words and no visible English text that the .ts translates
// (which also catches a string filed under the wrong context). A
// screenshot of each window goes to the screenshot directory as es-*.png.

#include "app/admin/AdminController.h"
#include "app/admin/AdminWindow.h"
#include "app/board/ShiftBoard.h"
#include "app/board/ShiftBoardWindow.h"
#include "app/link/LinkConnection.h"
#include "app/reports/ReportsWindow.h"
#include "app/review/ReviewController.h"
#include "app/review/ReviewListModel.h"
#include "app/review/ReviewWindow.h"
#include "app/shell/AppIdentity.h"
#include "app/shell/AppLanguage.h"
#include "app/shell/LoginDialog.h"
#include "app/shell/MainWindow.h"
#include "app/shell/SettingsDialog.h"
#include "app/shell/ViewMenu.h"
#include "app/shift/CallerPanel.h"
#include "app/shift/ConversationModel.h"
#include "app/shift/EscalationPanel.h"
#include "app/shift/LocalStore.h"
#include "app/shift/QueueModel.h"
#include "app/shift/ShiftSession.h"
#include "app/shift/WrapUpDialog.h"
#include "support/GatewayProcess.h"
#include "support/SyntheticText.h"
#include "telephony/net/SimpleHttpClient.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <memory>
#include <set>

using namespace warmline::app;
using warmline::telephony::SimpleHttpClient;
namespace wt = warmline::test;

namespace {

const std::string kConfig = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
const QString kPassword = QStringLiteral("correct horse battery");

/// Saves a grab of `w` once two grabs in a row are the same: charts and
/// layouts finish on later turns of the event loop, polled, not waited for.
void save(QWidget* w, const QString& name)
{
    QImage last;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QImage now = w->grab().toImage();
            const bool same = now == last;
            last = now;
            return same;
        }(),
        // Long enough for a loaded machine, where a grab can take longer
        // than the board's one-second tick.
        15000);
    QDir().mkpath(QStringLiteral(WARMLINE_SCREENSHOT_DIR));
    QVERIFY(last.save(QStringLiteral(WARMLINE_SCREENSHOT_DIR) + QLatin1Char('/') + name));
}

/// The English texts the .ts gives another text for: any of them on
/// screen is text the translation missed at run time.
std::set<QString> translatedSources()
{
    std::set<QString> out;
    QFile file(QStringLiteral(WARMLINE_SOURCE_DIR "/app/translations/warmline_es.ts"));
    if (!file.open(QIODevice::ReadOnly)) {
        return out;
    }
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            const QString t = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!source.contains(QLatin1Char('%')) && t != source) {
                out.insert(source);
            }
        }
    }
    return out;
}

/// Whether Qt's own Spanish is installed; without it (no package
/// qt6-translations-l10n) the standard buttons (OK, Cancel) stay English.
bool g_qtSpanish = false;

/// The visible texts of `w` that are still in English: labels, buttons,
/// group boxes, tabs, menus, column headers and the window title.
QStringList englishLeftIn(QWidget* w)
{
    static const std::set<QString> english = translatedSources();
    QStringList texts{w->windowTitle()};
    for (auto* l : w->findChildren<QLabel*>()) {
        if (l->isVisibleTo(w)) {
            texts << l->text();
        }
    }
    for (auto* b : w->findChildren<QAbstractButton*>()) {
        const bool qtsOwn = qobject_cast<QDialogButtonBox*>(b->parent()) != nullptr;
        if (b->isVisibleTo(w) && (g_qtSpanish || !qtsOwn)) {
            texts << b->text();
        }
    }
    for (auto* g : w->findChildren<QGroupBox*>()) {
        texts << g->title();
    }
    for (auto* t : w->findChildren<QTabWidget*>()) {
        for (int i = 0; i < t->count(); ++i) {
            texts << t->tabText(i);
        }
    }
    for (auto* a : w->findChildren<QAction*>()) {
        texts << a->text();
    }
    for (auto* m : w->findChildren<QMenu*>()) {
        texts << m->title();
    }
    for (auto* v : w->findChildren<QTableView*>()) {
        if (!v->model()) {
            continue;
        }
        for (int c = 0; c < v->model()->columnCount(); ++c) {
            texts << v->model()->headerData(c, Qt::Horizontal).toString();
        }
    }
    QStringList left;
    for (const auto& t : texts) {
        if (english.contains(t)) {
            left << t;
        }
    }
    left.removeDuplicates();
    return left;
}

QAbstractButton* buttonWithText(QWidget* w, const QString& text)
{
    for (auto* b : w->findChildren<QAbstractButton*>()) {
        if (b->text() == text) {
            return b;
        }
    }
    return nullptr;
}

bool hasLabel(QWidget* w, const QString& text)
{
    for (auto* l : w->findChildren<QLabel*>()) {
        if (l->text() == text) {
            return true;
        }
    }
    return false;
}

} // namespace

class SpanishUiTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void languageSettingIsHonoured();
    void signInAndSettingsInSpanish();
    void operatorWindowInSpanish();
    void shiftBoardInSpanish();
    void reviewReportsAndAdminInSpanish();

private:
    void signIn(LinkConnection& link, const QString& name);
    void postText(const std::string& sid, int caller, const std::string& body);

    std::unique_ptr<wt::GatewayProcess> m_gateway;
    AppLanguage m_language;
};

void SpanishUiTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
    // As the program does at start, with Español chosen in Settings.
    AppLanguage::setChoice(QStringLiteral("es"));
    const QLocale locale = m_language.apply(AppLanguage::choice());
    QCOMPARE(locale.language(), QLocale::Spanish);
    QVERIFY(m_language.spanishInstalled());
    // Qt's own Spanish is loaded whenever the system has it.
    g_qtSpanish = m_language.qtSpanishInstalled();
    QCOMPARE(g_qtSpanish, QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) +
                                        QStringLiteral("/qtbase_es.qm")));
    if (!g_qtSpanish) {
        qWarning("qtbase_es.qm is not installed: Qt's standard buttons are not checked");
    }

    wt::GatewayOptions options;
    options.configExtra = kConfig;
    options.start = false;
    m_gateway = std::make_unique<wt::GatewayProcess>(options);
    m_gateway->addOperator("sam", "operator", kPassword.toStdString());
    m_gateway->addOperator("lee", "lead", kPassword.toStdString());
    m_gateway->addOperator("ada", "admin", kPassword.toStdString());
    m_gateway->start();
}

void SpanishUiTest::signIn(LinkConnection& link, const QString& name)
{
    QSignalSpy snapshot(&link, &LinkConnection::snapshotReceived);
    link.open(QUrl(QString::fromStdString(m_gateway->linkUrl())), name, kPassword);
    QVERIFY(snapshot.wait(20000));
}

void SpanishUiTest::postText(const std::string& sid, int caller, const std::string& body)
{
    SimpleHttpClient http(m_gateway->url());
    QCOMPARE(wt::postSyntheticText(http, sid, caller, body).status, 200);
}

void SpanishUiTest::languageSettingIsHonoured()
{
    // System follows the first English or Spanish entry of the system's
    // languages; anything else is English.
    const QStringList mexican{QStringLiteral("es-MX"), QStringLiteral("en-US")};
    QCOMPARE(AppLanguage::localeFor(QStringLiteral("system"), mexican).language(),
             QLocale::Spanish);
    const QStringList french{QStringLiteral("fr-FR"), QStringLiteral("en-GB"),
                             QStringLiteral("es-ES")};
    QCOMPARE(AppLanguage::localeFor(QStringLiteral("system"), french).language(), QLocale::English);
    QCOMPARE(AppLanguage::localeFor(QStringLiteral("system"), {QStringLiteral("de-DE")}).language(),
             QLocale::English);
    QCOMPARE(AppLanguage::localeFor(QStringLiteral("en"), mexican).language(), QLocale::English);

    // English chosen: the app's text and dates are English.
    AppLanguage::setChoice(QStringLiteral("en"));
    m_language.apply(AppLanguage::choice());
    QVERIFY(!m_language.spanishInstalled());
    QCOMPARE(QCoreApplication::translate("warmline::app::LoginDialog", "Sign in"),
             QStringLiteral("Sign in"));
    QCOMPARE(QLocale().monthName(3), QStringLiteral("March"));
    // English has its plural forms.
    QCOMPARE(QCoreApplication::translate("warmline::app::CallerPanel", "Today: %n contact(s)",
                                         nullptr, 1),
             QStringLiteral("Today: 1 contact"));
    QCOMPARE(QCoreApplication::translate("warmline::app::CallerPanel", "Today: %n contact(s)",
                                         nullptr, 2),
             QStringLiteral("Today: 2 contacts"));

    // Español chosen in the Settings dialog itself, as an operator would.
    {
        SettingsDialog settings;
        QComboBox* language = nullptr;
        for (auto* b : settings.findChildren<QComboBox*>()) {
            if (b->findData(QStringLiteral("es")) >= 0) {
                language = b;
            }
        }
        QVERIFY(language);
        QCOMPARE(language->currentData().toString(), QStringLiteral("en"));
        language->setCurrentIndex(language->findData(QStringLiteral("es")));
        auto* buttons = settings.findChild<QDialogButtonBox*>();
        QVERIFY(buttons);
        buttons->button(QDialogButtonBox::Ok)->click();
    }
    QCOMPARE(AppLanguage::choice(), QStringLiteral("es"));
    m_language.apply(AppLanguage::choice());
    QVERIFY(m_language.spanishInstalled());
    QCOMPARE(QCoreApplication::translate("warmline::app::LoginDialog", "Sign in"),
             QStringLiteral("Iniciar sesión"));
    QCOMPARE(QLocale().monthName(3), QStringLiteral("marzo"));
    QCOMPARE(QCoreApplication::translate("warmline::app::CallerPanel", "Today: %n contact(s)",
                                         nullptr, 2),
             QStringLiteral("Hoy: 2 contactos"));
}

void SpanishUiTest::signInAndSettingsInSpanish()
{
    LoginDialog login;
    login.prefill(QString::fromStdString(m_gateway->linkUrl()), QStringLiteral("sam"));
    login.show();
    QVERIFY(QTest::qWaitForWindowExposed(&login));
    QCOMPARE(login.windowTitle(), QStringLiteral("Iniciar sesión en Warmline"));
    QVERIFY(buttonWithText(&login, QStringLiteral("Iniciar sesión")));
    QVERIFY(hasLabel(&login, QStringLiteral("&Contraseña:")));
    QVERIFY2(englishLeftIn(&login).isEmpty(), qPrintable(englishLeftIn(&login).join(u" | ")));
    save(&login, QStringLiteral("es-01-sign-in.png"));

    SettingsDialog settings;
    settings.show();
    QVERIFY(QTest::qWaitForWindowExposed(&settings));
    QCOMPARE(settings.windowTitle(), QStringLiteral("Configuración"));
    QVERIFY(
        hasLabel(&settings, QStringLiteral("El idioma cambia la próxima vez que abras Warmline.")));
    QVERIFY2(englishLeftIn(&settings).isEmpty(), qPrintable(englishLeftIn(&settings).join(u" | ")));
    save(&settings, QStringLiteral("es-02-settings.png"));
}

void SpanishUiTest::operatorWindowInSpanish()
{
    postText("SMes1", 301, "hola, no puedo dormir otra vez y no sé con quién hablar");
    postText("SMes2", 302, "sintético: me siento muy sola esta noche");

    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    signIn(link, QStringLiteral("sam"));
    MainWindow window(session);
    window.resize(1360, 820);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    session.setPresence(warmline::Presence::Available);
    QTRY_VERIFY_WITH_TIMEOUT(session.presence() == warmline::Presence::Available, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(session.queue()->rowCount(), 2, 10000);
    QVERIFY2(window.windowTitle().contains(QStringLiteral("2 en espera")),
             qPrintable(window.windowTitle()));
    QCOMPARE(window.acceptNextAction()->text(), QStringLiteral("Aceptar el &siguiente"));
    QStringList menus;
    for (QAction* a : window.menuBar()->actions()) {
        menus << a->text();
    }
    QVERIFY2(menus.contains(QStringLiteral("&Turno")), qPrintable(menus.join(u" ")));
    save(&window, QStringLiteral("es-03-queue.png"));

    window.acceptNextAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(session.currentContactId() != 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(session.conversation()->rowCount() >= 1, 10000);
    session.sendReply(QStringLiteral("Hola, aquí estoy. ¿Qué te está quitando el sueño?"));
    QTRY_VERIFY_WITH_TIMEOUT(session.conversation()->rowCount() >= 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(store.outbox().isEmpty(), 10000);
    // The sender column and the delivery state come from the translation.
    QTRY_COMPARE_WITH_TIMEOUT(
        session.conversation()
            ->index(session.conversation()->rowCount() - 1, ConversationModel::SenderColumn)
            .data()
            .toString(),
        QStringLiteral("Tú"), 10000);
    QVERIFY2(englishLeftIn(&window).isEmpty(), qPrintable(englishLeftIn(&window).join(u" | ")));
    save(&window, QStringLiteral("es-04-conversation.png"));

    window.wrapUpAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.wrapUpDialog() != nullptr, 5000);
    WrapUpDialog* dialog = window.wrapUpDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(buttonWithText(dialog, QStringLiteral("Cerrar contacto")));
    QVERIFY2(englishLeftIn(dialog).isEmpty(), qPrintable(englishLeftIn(dialog).join(u" | ")));
    dialog->findChild<QPlainTextEdit*>()->setPlainText(
        QStringLiteral("No podía dormir; hablamos de una rutina para relajarse."));
    for (auto* combo : dialog->findChildren<QComboBox*>()) {
        combo->setCurrentIndex(1);
    }
    save(dialog, QStringLiteral("es-05-wrap-up.png"));
    // The built-in topics are shown in Spanish and stored in English.
    const WrapUp w = dialog->wrapUp();
    QCOMPARE(w.outcome, QStringLiteral("supported"));
    QSignalSpy closed(&session, &ShiftSession::contactClosed);
    emit dialog->submitted(w);
    QVERIFY(closed.wait(10000));

    // A crisis text: the crisis steps in Spanish.
    postText("SMes3", 303,
             "sintético: guardé 40 de mis pastillas para dormir y sigo pensando en tomármelas "
             "todas");
    QTRY_VERIFY_WITH_TIMEOUT(session.queue()->rowCount() >= 2, 10000);
    window.acceptNextAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.escalationPanel()->isVisible(), 15000);
    QVERIFY(hasLabel(window.escalationPanel(),
                     QStringLiteral("Pregunta directamente, con tus propias palabras, y registra "
                                    "cada respuesta:")));
    QVERIFY2(englishLeftIn(&window).isEmpty(), qPrintable(englishLeftIn(&window).join(u" | ")));
    save(&window, QStringLiteral("es-06-crisis-steps.png"));
    link.close();
}

void SpanishUiTest::shiftBoardInSpanish()
{
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    signIn(link, QStringLiteral("lee"));
    MainWindow window(session);
    ShiftBoardWindow* board = window.openShiftBoard();
    QVERIFY(board);
    board->resize(1360, 820);
    QVERIFY(QTest::qWaitForWindowExposed(board));
    QTRY_VERIFY_WITH_TIMEOUT(board->board().loaded(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(board->board().queue()->rowCount() >= 1, 10000);
    // The header counts the waiting contacts in Spanish.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (auto* l : board->findChildren<QLabel*>()) {
                if (l->text().startsWith(
                        QStringLiteral("En espera %1").arg(board->board().queue()->rowCount()))) {
                    return true;
                }
            }
            return false;
        }(),
        10000);
    QVERIFY2(board->windowTitle().contains(QStringLiteral("Tablero del turno")),
             qPrintable(board->windowTitle()));
    QVERIFY(buttonWithText(board, QStringLiteral("A&signar…")));
    QVERIFY2(englishLeftIn(board).isEmpty(), qPrintable(englishLeftIn(board).join(u" | ")));
    save(board, QStringLiteral("es-07-board.png"));
    link.close();
}

void SpanishUiTest::reviewReportsAndAdminInSpanish()
{
    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    signIn(link, QStringLiteral("ada"));
    MainWindow main(session);

    ReviewWindow* review = main.viewMenu()->openReview();
    QVERIFY(review);
    review->resize(1360, 820);
    QVERIFY(QTest::qWaitForWindowExposed(review));
    auto* list = review->controller()->list();
    QTRY_VERIFY_WITH_TIMEOUT(list->rowCount() >= 1, 10000);
    review->listView()->selectionModel()->setCurrentIndex(
        list->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY_WITH_TIMEOUT(review->controller()->current().has_value(), 10000);
    QCOMPARE(review->windowTitle(), QStringLiteral("Warmline — Revisión"));
    QVERIFY2(englishLeftIn(review).isEmpty(), qPrintable(englishLeftIn(review).join(u" | ")));
    save(review, QStringLiteral("es-08-review.png"));

    ReportsWindow* reports = main.viewMenu()->openReports();
    QVERIFY(reports);
    reports->resize(1360, 900);
    QVERIFY(QTest::qWaitForWindowExposed(reports));
    QTRY_VERIFY_WITH_TIMEOUT(!reports->report().isEmpty(), 15000);
    QCOMPARE(reports->windowTitle(), QStringLiteral("Warmline — Reportes"));
    QVERIFY2(englishLeftIn(reports).isEmpty(), qPrintable(englishLeftIn(reports).join(u" | ")));
    save(reports, QStringLiteral("es-09-reports.png"));

    AdminWindow* admin = main.viewMenu()->openAdmin();
    QVERIFY(admin);
    admin->resize(1100, 700);
    QVERIFY(QTest::qWaitForWindowExposed(admin));
    QTRY_COMPARE_WITH_TIMEOUT(admin->controller()->operators()->rowCount(), 3, 10000);
    QCOMPARE(admin->windowTitle(), QStringLiteral("Warmline — Administración"));
    QVERIFY2(englishLeftIn(admin).isEmpty(), qPrintable(englishLeftIn(admin).join(u" | ")));
    save(admin, QStringLiteral("es-10-admin-accounts.png"));
    admin->tabs()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(admin->controller()->settings()->rowCount() > 0, 10000);
    save(admin, QStringLiteral("es-11-admin-settings.png"));
    link.close();
}

QTEST_MAIN(SpanishUiTest)
#include "spanish_ui_test.moc"
