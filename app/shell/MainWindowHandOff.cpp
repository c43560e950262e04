// MainWindow's hand-offs: signing out or closing while holding contacts asks
// where they go (docs/decisions.md), and releasing a contact with an open
// escalation says what will happen and asks once. Both ask with a
// window-modal box opened without a nested event loop, so the shift's
// events keep arriving meanwhile.

#include "app/shell/MainWindow.h"

#include <QCloseEvent>
#include <QMessageBox>
#include <QPushButton>

namespace warmline::app {

namespace {

QString heldLine(const ContactRecord& c, bool escalated)
{
    QString state;
    if (escalated) {
        state = MainWindow::tr("open crisis escalation");
    } else if (c.risk >= RiskLevel::High) {
        state = MainWindow::tr("%1 risk").arg(riskText(c.risk).toLower());
    } else if (c.state == ContactState::WrapUp) {
        state = MainWindow::tr("in wrap-up");
    }
    return state.isEmpty()
               ? MainWindow::tr("• %1 (%2)").arg(c.alias, channelText(c.channel).toLower())
               : MainWindow::tr("• %1 (%2, %3)")
                     .arg(c.alias, channelText(c.channel).toLower(), state);
}

} // namespace

void MainWindow::requestSignOut(bool quit)
{
    const auto held = m_session.heldContacts();
    if (held.isEmpty() || !m_session.link().isOnline()) {
        // Offline, the gateway returns them after its recovery grace.
        m_signingOut = true;
        emit signOutRequested(QString(), quit);
        return;
    }
    if (m_signOutBox) {
        m_signOutBox->raise();
        m_signOutBox->activateWindow();
        return;
    }
    QStringList lines;
    bool escalated = false;
    bool texts = false;
    for (const auto& c : held) {
        const bool open = m_session.openEscalation(c.id).has_value();
        escalated = escalated || open;
        texts = texts || c.channel == Channel::Text;
        lines << heldLine(c, open);
    }
    auto* box = new QMessageBox(this);
    m_signOutBox = box;
    box->setObjectName(QStringLiteral("signOutBox"));
    box->setIcon(escalated ? QMessageBox::Warning : QMessageBox::Question);
    box->setWindowTitle(quit ? tr("Close Warmline") : tr("Sign out"));
    box->setText(tr("You hold %n contact(s). Where should they go?", "", int(held.size())));
    box->setInformativeText(
        lines.join(QLatin1Char('\n')) + QStringLiteral("\n\n") +
        tr("Handed to the shift lead, a text stays with them: conversation, notes and any "
           "escalation. Calls always go back to the queue. With no lead on shift, everything "
           "goes back to the queue, at its risk level. A contact in wrap-up stays yours to "
           "finish unless the lead takes it."));
    QPushButton* lead = nullptr;
    if (texts) {
        lead = box->addButton(tr("Hand texts to the shift lead"), QMessageBox::AcceptRole);
        lead->setObjectName(QStringLiteral("handToLead"));
    }
    auto* queue = box->addButton(tr("Return to the queue"), QMessageBox::AcceptRole);
    queue->setObjectName(QStringLiteral("returnToQueue"));
    auto* stay = box->addButton(tr("Keep working"), QMessageBox::RejectRole);
    stay->setObjectName(QStringLiteral("keepWorking"));
    box->setDefaultButton(escalated && lead ? lead : queue);
    box->setEscapeButton(stay);
    connect(box, &QMessageBox::finished, this, [this, box, lead, queue, quit] {
        auto* clicked = box->clickedButton();
        box->deleteLater();
        QString to;
        if (lead && clicked == lead) {
            to = QStringLiteral("lead");
        } else if (clicked == queue) {
            to = QStringLiteral("queue");
        } else {
            return; // keep working
        }
        m_signingOut = true;
        emit signOutRequested(to, quit);
    });
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_signingOut || m_session.heldContacts().isEmpty() || !m_session.link().isOnline()) {
        event->accept();
        return;
    }
    event->ignore();
    requestSignOut(true);
}

void MainWindow::requestRelease()
{
    const auto* c = m_session.currentContact();
    if (!c) {
        return;
    }
    const auto open = m_session.openEscalation(c->id);
    if (!open) {
        m_session.releaseContact();
        return;
    }
    if (m_releaseBox) {
        m_releaseBox->raise();
        return;
    }
    auto* box = new QMessageBox(this);
    m_releaseBox = box;
    box->setObjectName(QStringLiteral("releaseBox"));
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Release %1?").arg(c->alias));
    box->setText(tr("%1 has an open crisis escalation.").arg(c->alias));
    box->setInformativeText(
        tr("Releasing returns them to the queue, ahead of anyone at a lower risk, with the "
           "escalation still open: "
           "the next operator sees its steps, and the shift lead's alert stays until someone "
           "acts. The conversation and your notes stay on the contact."));
    auto* release = box->addButton(tr("Release to queue"), QMessageBox::AcceptRole);
    release->setObjectName(QStringLiteral("confirmRelease"));
    auto* keep = box->addButton(tr("Keep them"), QMessageBox::RejectRole);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    const qint64 id = c->id;
    connect(box, &QMessageBox::finished, this, [this, box, release, id] {
        const bool go = box->clickedButton() == release;
        box->deleteLater();
        if (go && m_session.currentContactId() == id) {
            m_session.releaseContact();
        }
    });
    box->open();
}

} // namespace warmline::app
