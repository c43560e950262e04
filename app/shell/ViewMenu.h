#pragma once

// The main window's View menu: Review, Reports and Administration windows
// for the roles that may use them (supervisor and admin; admin), and
// supervisors' feedback for everyone, with an unread count in the status
// bar. The gateway enforces the same rules; hiding is a courtesy. Owns the
// windows it opens. GUI thread only.

#include "app/link/LinkConnection.h"
#include "app/review/FeedbackInbox.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenuBar;
class QStatusBar;
class QToolButton;

namespace warmline::app {

class AdminWindow;
class ReportsWindow;
class ReviewWindow;
class FeedbackDialog;

class ViewMenu : public QObject
{
    Q_OBJECT
public:
    ViewMenu(LinkConnection& link, QMenuBar* menuBar, QStatusBar* statusBar, QWidget* window);

    QAction* reviewAction() const { return m_review; }
    QAction* reportsAction() const { return m_reports; }
    QAction* adminAction() const { return m_admin; }
    QAction* feedbackAction() const { return m_feedback; }
    FeedbackInbox* inbox() { return &m_inbox; }

    ReviewWindow* openReview();
    ReportsWindow* openReports();
    AdminWindow* openAdmin();
    FeedbackDialog* openFeedback();

    /// Shows the actions the signed-in role may use.
    void updateForRole();

private:
    void updateFeedback();

    LinkConnection& m_link;
    QWidget* m_window;
    FeedbackInbox m_inbox;
    QAction* m_review = nullptr;
    QAction* m_reports = nullptr;
    QAction* m_admin = nullptr;
    QAction* m_feedback = nullptr;
    QToolButton* m_feedbackButton = nullptr;
    QPointer<ReviewWindow> m_reviewWindow;
    QPointer<ReportsWindow> m_reportsWindow;
    QPointer<AdminWindow> m_adminWindow;
    QPointer<FeedbackDialog> m_feedbackDialog;
};

} // namespace warmline::app
