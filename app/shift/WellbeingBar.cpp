#include "app/shift/WellbeingBar.h"

#include "app/shift/ShiftSession.h"

#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>

namespace warmline::app {

WellbeingBar::WellbeingBar(ShiftSession& session, QWidget* parent)
    : QFrame(parent), m_session(session)
{
    setObjectName(QStringLiteral("wellbeingBar"));
    setAccessibleName(tr("A word for you"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setAccessibleName(tr("Notice"));
    m_break = new QPushButton(tr("Take a &break"), this);
    m_break->setAccessibleName(tr("Set myself on break"));
    m_debrief = new QPushButton(tr("Write a &debrief…"), this);
    m_debrief->setAccessibleName(tr("Write a debrief for a supervisor"));
    m_dismiss = new QPushButton(tr("Not now"), this);
    m_dismiss->setAccessibleName(tr("Dismiss this notice"));
    layout->addWidget(m_text, 1);
    layout->addWidget(m_break);
    layout->addWidget(m_debrief);
    layout->addWidget(m_dismiss);
    hide();

    connect(m_break, &QPushButton::clicked, this, [this] {
        m_session.setPresence(Presence::Break);
        hide();
    });
    connect(m_debrief, &QPushButton::clicked, this, [this] {
        emit debriefRequested(m_contactId);
        hide();
    });
    connect(m_dismiss, &QPushButton::clicked, this, &QWidget::hide);
    connect(&m_session.link(), &LinkConnection::eventReceived, this, &WellbeingBar::onEvent);
}

QString WellbeingBar::text() const
{
    return isVisible() ? m_text->text() : QString();
}

void WellbeingBar::onEvent(const QString& name, const QJsonObject& data)
{
    if (name != QLatin1String("operator.notice") ||
        data.value(u"operatorId").toInteger() != m_session.link().operatorId()) {
        return;
    }
    m_kind = data.value(u"kind").toString();
    m_contactId = data.value(u"contactId").toInteger();
    const QString message = data.value(u"message").toString();
    const bool care =
        m_kind == QLatin1String("break-reminder") || m_kind == QLatin1String("break-suggested");
    if (m_kind == QLatin1String("break-reminder")) {
        m_text->setText(tr("You have been taking contacts for a long while without a break. "
                           "When you can, take a few minutes for yourself."));
    } else if (m_kind == QLatin1String("break-suggested")) {
        m_text->setText(tr("That was a heavy contact. Take a few minutes before the next one if "
                           "you need them, and if it would help, write a short debrief for a "
                           "supervisor."));
    } else {
        // The gateway's own words (a phone that did not answer, a transfer
        // that failed): shown as they come.
        m_text->setText(message);
    }
    m_break->setVisible(care && m_session.presence() != Presence::Break);
    m_debrief->setVisible(m_kind == QLatin1String("break-suggested") && m_contactId > 0);
    m_dismiss->setText(care ? tr("Not now") : tr("OK"));
    show();
    // The window's announcer speaks it (docs/accessibility.md).
    emit arrived(m_text->text(), !care);
}

} // namespace warmline::app
