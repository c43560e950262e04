#pragma once

// The program's sign-in cycle: the login form, then a main window built for
// whoever signed in (a lead gets the board, a supervisor Review), and back
// to an empty form at sign-out or when the gateway ends the session. A new
// window for each sign-in, so nothing of one person's shift or role carries
// into the next. GUI thread only.

#include <QObject>
#include <QPointer>

namespace warmline::app {

class LinkConnection;
class LoginDialog;
class MainWindow;
class ShiftSession;

class AppShell : public QObject
{
    Q_OBJECT
public:
    AppShell(LinkConnection& link, ShiftSession& session, QObject* parent = nullptr);
    ~AppShell() override;

    LoginDialog* login() const { return m_login; }
    /// The signed-in person's window; null while signed out.
    MainWindow* window() const;
    /// Shows the login form (the program's start).
    void start(const QString& gateway, const QString& name);

signals:
    /// A new main window was built and shown for a sign-in.
    void windowShown(MainWindow* window);
    /// The operator chose to close the app (after saying where contacts go).
    void quitRequested();

private:
    void dropWindow();

    LinkConnection& m_link;
    ShiftSession& m_session;
    LoginDialog* m_login = nullptr;
    QPointer<MainWindow> m_window;
};

} // namespace warmline::app
