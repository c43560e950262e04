#include "app/shell/ViewMenu.h"

#include "app/admin/AdminWindow.h"
#include "app/reports/ReportsWindow.h"
#include "app/review/FeedbackDialog.h"
#include "app/review/ReviewWindow.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolButton>

namespace warmline::app {

namespace {

template <typename W> W* raise(QPointer<W>& window, const std::function<W*()>& make)
{
    if (!window) {
        window = make();
        // A separate window, owned by the main one.
        window->setWindowFlag(Qt::Window, true);
    }
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

} // namespace

ViewMenu::ViewMenu(LinkConnection& link, QMenuBar* menuBar, QStatusBar* statusBar, QWidget* window)
    : QObject(window), m_link(link), m_window(window), m_inbox(link)
{
    // One View menu: the shift board may have made it already.
    QMenu* view = nullptr;
    for (QAction* a : menuBar->actions()) {
        if (a->menu() && a->text() == tr("&View")) {
            view = a->menu();
        }
    }
    if (!view) {
        view = menuBar->addMenu(tr("&View"));
    } else {
        view->addSeparator();
    }
    auto make = [this, window, view](const QString& text, const QKeySequence& key, auto slot) {
        auto* a = new QAction(text, window);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                    key.toString(QKeySequence::NativeText)));
        window->addAction(a);
        view->addAction(a);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_review = make(tr("&Review…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
                    [this] { openReview(); });
    m_reports = make(tr("Re&ports…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                     [this] { openReports(); });
    m_admin = make(tr("&Administration…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                   [this] { openAdmin(); });
    view->addSeparator();
    m_feedback = make(tr("Supervisor &feedback…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
                      [this] { openFeedback(); });

    m_feedbackButton = new QToolButton(statusBar);
    m_feedbackButton->setDefaultAction(m_feedback);
    m_feedbackButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_feedbackButton->setAutoRaise(true);
    statusBar->addPermanentWidget(m_feedbackButton);
    connect(&m_inbox, &FeedbackInbox::unreadChanged, this, &ViewMenu::updateFeedback);
    connect(&m_inbox, &FeedbackInbox::arrived, statusBar, [statusBar](const CommentRecord& c) {
        statusBar->showMessage(
            tr("%1 left feedback on your contact with %2.").arg(c.authorName, c.alias), 15000);
    });
    connect(&m_link, &LinkConnection::loggedIn, this, &ViewMenu::updateForRole);
    updateForRole();
    updateFeedback();
}

void ViewMenu::updateForRole()
{
    const QString role = m_link.operatorInfo().value(u"role").toString();
    const bool reviewer = role == u"supervisor" || role == u"admin";
    m_review->setVisible(reviewer);
    m_review->setEnabled(reviewer);
    m_reports->setVisible(reviewer);
    m_reports->setEnabled(reviewer);
    m_admin->setVisible(role == u"admin");
    m_admin->setEnabled(role == u"admin");
    // A role change ends the windows the new role may not use.
    if (!reviewer) {
        for (QWidget* w : std::initializer_list<QWidget*>{m_reviewWindow, m_reportsWindow}) {
            if (w) {
                w->close();
            }
        }
    }
    if (role != u"admin" && m_adminWindow) {
        m_adminWindow->close();
    }
}

void ViewMenu::updateFeedback()
{
    const int unread = m_inbox.unread();
    const QString text = unread > 0 ? tr("Feedback (%1 new)").arg(unread) : tr("Feedback");
    m_feedbackButton->setText(text);
    m_feedbackButton->setAccessibleName(text);
}

ReviewWindow* ViewMenu::openReview()
{
    if (!m_review->isEnabled()) {
        return nullptr;
    }
    return raise<ReviewWindow>(m_reviewWindow, [this] {
        auto* w = new ReviewWindow(m_link, m_window);
        w->runSearch();
        return w;
    });
}

ReportsWindow* ViewMenu::openReports()
{
    if (!m_reports->isEnabled()) {
        return nullptr;
    }
    return raise<ReportsWindow>(m_reportsWindow, [this] {
        auto* w = new ReportsWindow(m_link, m_window);
        const QDate today = QDate::currentDate();
        w->load(today.addDays(-29), today);
        return w;
    });
}

AdminWindow* ViewMenu::openAdmin()
{
    if (!m_admin->isEnabled()) {
        return nullptr;
    }
    return raise<AdminWindow>(m_adminWindow, [this] { return new AdminWindow(m_link, m_window); });
}

FeedbackDialog* ViewMenu::openFeedback()
{
    return raise<FeedbackDialog>(m_feedbackDialog,
                                 [this] { return new FeedbackDialog(m_inbox, m_window); });
}

} // namespace warmline::app
