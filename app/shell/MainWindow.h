#pragma once

// The operator's window for a whole shift: header (line, connection,
// presence), the queue with Accept / Accept next, my contacts, the
// conversation workspace and the caller panel. Every action has a shortcut.
// Shows what the ShiftSession holds; widgets keep no domain state. GUI thread
// only.

#include "app/shift/ShiftSession.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;
class QScrollArea;
class QSplitter;
class QTabWidget;
class QMessageBox;
class QSortFilterProxyModel;
class QSystemTrayIcon;
class QTableView;

namespace warmline::app {

class Announcer;
class CallerPanel;
class ConversationPanel;
class ResourceDialog;
class CheckInDialog;
class PlanDialog;
class EscalationPanel;
class LeadNoticeBar;
class WellbeingBar;
class ShiftBoard;
class ShiftBoardWindow;
class ViewMenu;
class WrapUpDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ShiftSession& session, QWidget* parent = nullptr);

    // For tests and screenshots.
    QTableView* queueView() const { return m_queueView; }
    QTableView* mineView() const { return m_mineView; }
    ConversationPanel* conversationPanel() const { return m_conversation; }
    EscalationPanel* escalationPanel() const { return m_escalation; }
    QAction* escalateAction() const { return m_escalate; }
    CallerPanel* callerPanel() const { return m_caller; }
    WrapUpDialog* wrapUpDialog() const;
    Announcer* announcer() const { return m_announcer; }
    QAction* acceptNextAction() const { return m_acceptNext; }
    QAction* wrapUpAction() const { return m_wrapUpAction; }
    QAction* retryAction() const { return m_retry; }
    QAction* resourcesAction() const { return m_resources; }
    /// The resource finder, once opened (null before).
    ResourceDialog* resourceDialog() const { return m_resourceDialog; }
    QAction* planAction() const { return m_planAction; }
    /// Opens the caller's plan of `kind` ("safety", "wrap") beside the
    /// conversation; `escalationId`: asked for by the crisis prompt.
    PlanDialog* openPlan(const QString& kind, qint64 escalationId = 0);
    PlanDialog* planDialog() const { return m_planDialog; }
    QAction* checkInAction() const { return m_checkInAction; }
    CheckInDialog* checkInDialog() const { return m_checkInDialog; }
    /// The shift board (leads, supervisors, admins), opened on first use.
    ShiftBoardWindow* openShiftBoard();
    /// The board's window without opening it (null for roles without one).
    ShiftBoardWindow* shiftBoard() const { return m_boardWindow; }
    LeadNoticeBar* leadNotices() const { return m_leadNotices; }
    WellbeingBar* wellbeing() const { return m_wellbeing; }
    /// The debrief window for a contact this operator handled (non-modal).
    void openDebrief(qint64 contactId);
    ViewMenu* viewMenu() const { return m_viewMenu; }

signals:
    /// The operator chose to sign out (or, with `quit`, to close the app);
    /// `contactsTo` is where the contacts they hold go: "queue", "lead", or
    /// empty when they hold none.
    void signOutRequested(const QString& contactsTo, bool quit);
    // The operator was alerted to `alias` joining the queue: a tray message
    // and/or a sound, as enabled in Settings. Emitted whether or not a tray
    // is available to show the message (e.g. offscreen); not emitted when
    // both are switched off or while not available (ShiftSession only
    // reports new contacts while available).
    void notified(const QString& alias);
    /// An escalation opened or rose on one of this operator's contacts and
    /// the window alerted them (always: it cannot be switched off).
    void escalationAlerted(qint64 contactId, RiskLevel level);

public:
    /// Sign out (or close, with `quit`): asks where held contacts go first.
    void requestSignOut(bool quit);
    /// Releases the open contact to the queue; asks once when it has an
    /// open escalation.
    void requestRelease();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildHeader();
    void updateMetrics();
    void updateRetry();
    void buildActions();
    void updateTitle();
    void updateConnection();
    void updatePhone();
    void updatePresence();
    void updateContact();
    void updateCaller();
    void tick();
    void acceptSelected();
    void openWrapUp();
    void openSettings();
    void notifyWaiting(const QString& alias);
    void alertEscalation(qint64 contactId, const QString& alias, RiskLevel level);
    void askEscalate();
    /// The crisis prompt's tab: in front while the open contact has an
    /// open escalation, gone otherwise.
    void updateCrisisTab();
    /// Go > Crisis steps: the prompt in front, its first answer focused.
    void focusCrisisSteps();

    ShiftSession& m_session;
    QTableView* m_queueView = nullptr;
    QTableView* m_mineView = nullptr;
    QWidget* m_left = nullptr;
    QSortFilterProxyModel* m_queueProxy = nullptr;
    ConversationPanel* m_conversation = nullptr;
    EscalationPanel* m_escalation = nullptr;
    QAction* m_escalate = nullptr;
    CallerPanel* m_caller = nullptr;
    QTabWidget* m_side = nullptr;
    QScrollArea* m_crisisPage = nullptr;
    QSplitter* m_splitter = nullptr;
    QLabel* m_lineName = nullptr;
    QLabel* m_connection = nullptr;
    QLabel* m_phone = nullptr; ///< the softphone's registration, when it is not ready
    QLabel* m_operator = nullptr;
    QComboBox* m_presence = nullptr;
    QLabel* m_presenceTime = nullptr;
    QLabel* m_queueTitle = nullptr;
    QAction* m_accept = nullptr;
    QAction* m_acceptNext = nullptr;
    QAction* m_wrapUpAction = nullptr;
    QAction* m_release = nullptr;
    QAction* m_retry = nullptr;
    QAction* m_resources = nullptr;
    ResourceDialog* m_resourceDialog = nullptr;
    void openResources();
    QAction* m_planAction = nullptr;
    PlanDialog* m_planDialog = nullptr;
    CheckInDialog* m_checkInDialog = nullptr;
    QAction* m_checkInAction = nullptr;
    QPointer<WrapUpDialog> m_wrapUp;
    LeadNoticeBar* m_leadNotices = nullptr;
    WellbeingBar* m_wellbeing = nullptr;
    ShiftBoard* m_board = nullptr;
    ShiftBoardWindow* m_boardWindow = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    ViewMenu* m_viewMenu = nullptr; ///< review, reports, administration, feedback

    Announcer* m_announcer = nullptr;  ///< tells screen readers what changed
    bool m_linkWasOnline = false;      ///< to announce a lost or restored link once
    bool m_phoneWasTrouble = false;    ///< to announce a lost or restored phone once
    bool m_phoneWasRegistered = false; ///< a renewal in progress is not "connecting"
    bool m_everOnline = false;
    QTimer m_tick;
    QPointer<QMessageBox> m_signOutBox;
    QPointer<QMessageBox> m_releaseBox;
    bool m_signingOut = false; ///< the choice was made: close without asking again
};

} // namespace warmline::app
