#include "app/shell/AppShell.h"

#include "app/link/LinkConnection.h"
#include "app/shell/LoginDialog.h"
#include "app/shell/MainWindow.h"
#include "app/shift/ShiftSession.h"

namespace warmline::app {

AppShell::AppShell(LinkConnection& link, ShiftSession& session, QObject* parent)
    : QObject(parent), m_link(link), m_session(session), m_login(new LoginDialog)
{
    connect(m_login, &LoginDialog::signInRequested, &m_link, &LinkConnection::open);
    connect(m_login, &QDialog::rejected, this, [this] {
        if (!m_window || !m_window->isVisible()) {
            emit quitRequested();
        }
    });
    connect(&m_link, &LinkConnection::loginFailed, m_login, &LoginDialog::showError);
    connect(&m_link, &LinkConnection::loggedIn, this, [this] {
        m_login->hide();
        m_login->setBusy(false);
        if (!m_window) {
            m_window = new MainWindow(m_session);
            m_window->setAttribute(Qt::WA_DeleteOnClose, false);
            connect(m_window, &MainWindow::signOutRequested, this,
                    [this](const QString& contactsTo, bool quit) {
                        m_session.signOut(contactsTo);
                        if (quit) {
                            emit quitRequested();
                            return;
                        }
                        dropWindow();
                        m_login->show();
                    });
            m_window->show();
            emit windowShown(m_window);
            return;
        }
        m_window->show(); // a reconnect's new login: the same person
    });
    connect(&m_link, &LinkConnection::sessionEnded, this, [this](const QString& sentence) {
        dropWindow();
        m_login->show();
        m_login->showError(sentence);
    });
}

AppShell::~AppShell()
{
    delete m_window;
    delete m_login;
}

MainWindow* AppShell::window() const
{
    return m_window;
}

void AppShell::start(const QString& gateway, const QString& name)
{
    m_login->prefill(gateway, name);
    m_login->show();
}

void AppShell::dropWindow()
{
    if (m_window) {
        m_window->hide();
        m_window->deleteLater();
        m_window = nullptr;
    }
}

} // namespace warmline::app
