#pragma once

// The test class of warmline_app_gateway_tests: the app against a real
// warmline-gateway. Its tests are spread over gateway_ui_*test.cpp by topic;
// QtTest runs them in the order declared here, on one gateway whose contacts
// carry over from test to test.

#include "app/link/LinkConnection.h"
#include "app/shift/ShiftSession.h"
#include "support/GatewayProcess.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <string>

class QWidget;

namespace warmline::test::gatewayui {

inline const QString kPassword = QStringLiteral("correct horse battery");

/// WARMLINE_SCREENSHOT_DIR, created if need be.
QString screenshotDir();
/// Saves a grab of `w` as `name` in screenshotDir().
void save(QWidget* w, const QString& name);

} // namespace warmline::test::gatewayui

class GatewayUiTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void loginErrorsAreSentences();
    void shiftEndToEndWithScreenshots();
    void reconnectsAndResumesAfterRestart();
    void darkPaletteAndLargeFontScreenshots();
    void replyTypedOfflineIsSentOnceAfterReconnect();
    void replyLostInFlightIsMarkedForRetry();
    void everyControlHasAnAccessibleName();
    void newContactNotifiesOnlyWhenAvailableAndEnabled();
    void draftSurvivesKill9();
    void crisisTextRaisesThePromptAndRecordsTheSteps();
    void leadAssignsAndMessagesFromTheBoard();
    void resourceFinderSharesAResourceInTheConversation();
    void leadWatchesCoachesAndTakesOverFromTheBoard();
    void operatorSchedulesAndStopsACheckIn();

private:
    /// Signs in, goes available, accepts the head of the queue and waits
    /// for its conversation and caller details.
    void startShift(warmline::app::LinkConnection& link, warmline::app::ShiftSession& session,
                    const QString& name = QStringLiteral("sam"));
    QUrl linkUrl() const { return QUrl(QString::fromStdString(m_gateway->linkUrl())); }
    void postText(const std::string& sid, int caller, const std::string& body);

    std::unique_ptr<warmline::test::GatewayProcess> m_gateway;
};
