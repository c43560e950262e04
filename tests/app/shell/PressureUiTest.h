#pragma once

// The test class of warmline_app_pressure_tests: the app under pressure
// against a real warmline-gateway. Its tests are spread over
// pressure_*ui_test.cpp by topic; QtTest runs them in the order declared
// here, on one gateway whose contacts carry over from test to test.

#include "app/link/LinkConnection.h"
#include "app/shell/AppShell.h"
#include "app/shell/MainWindow.h"
#include "app/shift/LocalStore.h"
#include "app/shift/ShiftSession.h"
#include "support/GatewayProcess.h"

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <string>

class QWidget;

namespace warmline::test::pressureui {

/// Saves a grab of `w` as `name` in WARMLINE_SCREENSHOT_DIR.
void save(QWidget* w, const QString& name);

/// Someone's shift in an app elsewhere: its own local store, link and
/// shift, and no window in this process (a window would take the focus).
struct Shift
{
    QTemporaryDir data;
    warmline::app::LocalStore store{data.path()};
    warmline::app::LinkConnection link;
    warmline::app::ShiftSession session{link, store};
};

/// One desktop app as the program builds it: a shift and its sign-in cycle.
struct App : Shift
{
    warmline::app::AppShell shell{link, session};
};

} // namespace warmline::test::pressureui

class PressureUiTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void signOutHandsTextsToTheLeadAndTheNextSignInGetsTheirRole();
    void closingTheWindowAsksAndReturnsContactsToTheQueue();
    void releasingAnEscalatedContactAsksOnce();
    void softphoneAddressIsACommandLineOption();
    void fitsA1366x768ScreenAt150PercentWithThePromptOpen();
    void atTwoHundredPercentThePromptFitsItsColumn();
    void headerShowsOnePresenceAndWrapUpAsWrapUp();
    void crisisFormsAreInsideThePromptAndTheConversationStaysUsable();
    void leadBoardWarnsWhenNoOneIsAvailable();
    void escalationAlertsNeverOpenTheBoardOverReviewOrTakeTheKeyboard();
    void operatorSignInStartsAvailable();
    void automaticRepliesAreLabelledAsTheLines();

private:
    QUrl linkUrl() const { return QUrl(QString::fromStdString(m_gateway->linkUrl())); }
    void postText(const std::string& sid, int caller, const std::string& body);
    /// Signs `name` in through the shell's login form and waits for the window.
    warmline::app::MainWindow* signIn(warmline::app::AppShell& shell, const QString& name);
    /// Signs `name` in on `app`'s link only, as an app elsewhere would (no
    /// window here), and waits for the first snapshot.
    bool connectAs(warmline::test::pressureui::Shift& app, const QString& name);
    /// Goes available, accepts the head of the queue, waits until it is open.
    qint64 acceptNext(warmline::app::ShiftSession& session, warmline::app::MainWindow* window);

    std::unique_ptr<warmline::test::GatewayProcess> m_gateway;
};
