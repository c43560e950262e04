// GatewayUiTest, the resource finder: the line's directory (the synthetic
// sample, imported by warmlinectl into the gateway's data folder) searched
// from the main window as an operator types, a result read whole with the
// words sharing gives, and shared in the open text conversation (sent to
// the texter and recorded); every control named for a screen reader; a
// screenshot to look at.

#include "GatewayUiTest.h"

#include "app/link/LinkConnection.h"
#include "app/shell/MainWindow.h"
#include "app/shift/ConversationModel.h"
#include "app/shift/ConversationPanel.h"
#include "app/shift/LocalStore.h"
#include "app/shift/ResourceDialog.h"
#include "app/shift/ShiftSession.h"
#include "support/GatewayProcess.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace warmline::app;
using namespace warmline::test::gatewayui;

void GatewayUiTest::resourceFinderSharesAResourceInTheConversation()
{
    const auto sample =
        std::filesystem::path(WARMLINE_SOURCE_DIR) / "resources" / "directory-sample";
    const auto imported =
        warmline::test::runCtl({"resources", "import", sample.string(), "--directory",
                                (m_gateway->dataDir() / "directory.db").string()});
    QVERIFY2(imported.exitCode == 0, imported.err.c_str());
    postText("SMui40", 140, "do u know anywhere with food tonight, we ran out");

    QTemporaryDir data;
    LocalStore store(data.path());
    LinkConnection link;
    ShiftSession session(link, store);
    MainWindow window(session);
    window.resize(1360, 820);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startShift(link, session, QStringLiteral("rae"));
    if (QTest::currentTestFailed()) {
        return;
    }

    window.resourcesAction()->trigger();
    ResourceDialog* finder = window.resourceDialog();
    QVERIFY(finder != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(finder));
    QTest::keyClicks(finder->wordsBox(), QStringLiteral("despensa"));
    QTRY_VERIFY_WITH_TIMEOUT(finder->results()->count() >= 1, 10000);
    QVERIFY2(finder->results()->item(0)->text().contains(
                 QStringLiteral("Despensa de Alimentos San Mateo")),
             qPrintable(finder->results()->item(0)->text()));
    finder->results()->setCurrentRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(finder->shareButton()->isEnabled(), 10000);
    QCOMPARE(finder->shareButton()->text(), QStringLiteral("&Send to texter"));
    QVERIFY2(finder->detail()->text().contains(QStringLiteral("What sharing gives")),
             qPrintable(finder->detail()->text()));
    save(finder, QStringLiteral("resource-finder.png"));

    // Every control a screen reader meets has a name.
    QStringList missing;
    for (auto* w : finder->findChildren<QWidget*>()) {
        const bool interactive = qobject_cast<QAbstractButton*>(w) || qobject_cast<QLineEdit*>(w) ||
                                 qobject_cast<QComboBox*>(w) || qobject_cast<QListWidget*>(w);
        if (!interactive || !w->isVisible()) {
            continue;
        }
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(w);
        if (!iface || iface->text(QAccessible::Name).trimmed().isEmpty()) {
            missing << QString::fromLatin1(w->metaObject()->className());
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));

    // Shared: the texter is sent the resource's short text, in the
    // conversation as the operator's message, and the finder says it was
    // recorded.
    const int before = session.conversation()->rowCount();
    QTest::mouseClick(finder->shareButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(finder->status()->text().contains(QStringLiteral("recorded")), 10000);
    QVERIFY2(finder->status()->text().contains(QStringLiteral("Despensa de Alimentos San Mateo")),
             qPrintable(finder->status()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(session.conversation()->rowCount() > before, 10000);
    const auto* sent = session.conversation()->messageAt(session.conversation()->rowCount() - 1);
    QVERIFY(sent != nullptr);
    QVERIFY(sent->direction == warmline::Direction::Outbound);
    QVERIFY2(sent->body.startsWith(QStringLiteral("Despensa de Alimentos San Mateo\n")),
             qPrintable(sent->body));
    QVERIFY2(sent->body.contains(QStringLiteral("(208) 555-0102")), qPrintable(sent->body));

    // Nothing found says so; a narrower search by a filter still answers.
    finder->wordsBox()->clear();
    QTest::keyClicks(finder->wordsBox(), QStringLiteral("zzzqqq"));
    QTRY_VERIFY_WITH_TIMEOUT(finder->status()->text().contains(QStringLiteral("Nothing found")),
                             10000);
    QCOMPARE(finder->results()->count(), 0);
    QVERIFY(!finder->shareButton()->isEnabled());
}
