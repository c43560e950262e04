#include "app/shift/LeadNoticeBar.h"

#include "app/link/LinkConnection.h"
#include "app/widgets/Theme.h"

#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>

namespace warmline::app {

LeadNoticeBar::LeadNoticeBar(LinkConnection& link, QWidget* parent) : QFrame(parent), m_link(link)
{
    setAutoFillBackground(true);
    setAccessibleName(tr("Message from the shift lead"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dismiss = new QPushButton(tr("&Dismiss"), this);
    m_handOver = new QPushButton(tr("Hand it &over"), this);
    m_keep = new QPushButton(tr("&Keep it"), this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_handOver);
    layout->addWidget(m_keep);
    layout->addWidget(m_dismiss);
    m_handOver->hide();
    m_keep->hide();
    connect(m_dismiss, &QPushButton::clicked, this, &QWidget::hide);
    connect(m_handOver, &QPushButton::clicked, this, [this] { answerTakeover(true); });
    connect(m_keep, &QPushButton::clicked, this, [this] { answerTakeover(false); });
    connect(&link, &LinkConnection::eventReceived, this, &LeadNoticeBar::onEvent);
    hide();
}

QString LeadNoticeBar::text() const
{
    return m_text->text();
}

void LeadNoticeBar::answerTakeover(bool agree)
{
    const qint64 id = m_askContactId;
    if (id == 0) {
        return;
    }
    m_askContactId = 0;
    m_handOver->hide();
    m_keep->hide();
    m_dismiss->show();
    m_link.request(QStringLiteral("takeover.answer"),
                   {{QStringLiteral("contactId"), id}, {QStringLiteral("agree"), agree}},
                   [self = QPointer<LeadNoticeBar>(this), agree](const LinkReply& r) {
                       // Handing over is told by contact.takenover, which
                       // comes before this answer.
                       if (!self || (r.ok && agree)) {
                           return;
                       }
                       self->showNotice(r.ok ? tr("You kept the conversation; the lead is told.")
                                             : LinkConnection::humanError(r.code, r.message),
                                        false);
                   });
}

void LeadNoticeBar::onEvent(const QString& name, const QJsonObject& data)
{
    const QString alias = data.value(u"alias").toString();
    if (name == u"contact.closed" || name == u"contact.queued" || name == u"contact.accepted") {
        // The contact left this operator (or came back to them): nobody
        // reads it through them any more.
        const auto c = data.value(u"contact").toObject();
        if (m_readers.remove(c.value(u"id").toInteger()) > 0) {
            emit readersChanged();
        }
    }
    if (name == u"coaching.watch") {
        const auto lead = data.value(u"event").toObject().value(u"lead").toObject();
        const QString who = lead.value(u"name").toString();
        const qint64 contactId = data.value(u"contactId").toInteger();
        auto& readers = m_readers[contactId];
        readers.removeAll(who);
        if (data.value(u"watching").toBool() && !who.isEmpty()) {
            readers.append(who);
        }
        if (readers.isEmpty()) {
            m_readers.remove(contactId);
        }
        emit readersChanged();
        showNotice(data.value(u"watching").toBool()
                       ? tr("%1 (shift lead) is reading your conversation with %2, to support "
                            "you. The texter does not see this.")
                             .arg(who.isEmpty() ? tr("A lead") : who, alias)
                       : tr("%1 stopped reading your conversation with %2.")
                             .arg(who.isEmpty() ? tr("The lead") : who, alias),
                   false);
    } else if (name == u"call.listen" && data.value(u"leadId").toInteger() != m_link.operatorId()) {
        const QString who = data.value(u"lead").toString();
        const QString state = data.value(u"state").toString();
        const QString mode = data.value(u"mode").toString();
        if (state == u"ended") {
            showNotice(tr("%1 (shift lead) has left your call with %2.").arg(who, alias), false);
        } else if (state == u"on" && mode == u"whisper") {
            showNotice(tr("%1 (shift lead) is whispering to you on your call with %2; the caller "
                          "does not hear them.")
                           .arg(who, alias),
                       false);
        } else if (state == u"on" && mode == u"barge") {
            showNotice(tr("%1 (shift lead) has joined your call with %2; the caller hears them.")
                           .arg(who, alias),
                       false);
        } else if (state == u"on") {
            showNotice(tr("%1 (shift lead) is listening to your call with %2, to support you. "
                          "The caller does not hear them.")
                           .arg(who, alias),
                       false);
        }
    } else if (name == u"coaching.note") {
        const auto note = data.value(u"note").toObject();
        const auto at = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(note.value(u"at").toInteger()).toLocalTime().time(),
            QLocale::ShortFormat);
        showNotice(tr("Coaching from %1 on %2, %3 (only you see this): %4")
                       .arg(note.value(u"lead").toObject().value(u"name").toString(), alias, at,
                            note.value(u"body").toString()),
                   false);
    } else if (name == u"takeover.asked") {
        m_askContactId = data.value(u"contactId").toInteger();
        showNotice(tr("%1 asks to take over your conversation with %2.")
                       .arg(data.value(u"lead").toObject().value(u"name").toString(), alias),
                   false, true);
    } else if (name == u"takeover.withdrawn" &&
               m_askContactId == data.value(u"contactId").toInteger()) {
        m_askContactId = 0;
        showNotice(tr("The lead who asked to take over your conversation with %1 has signed out; "
                      "it stays with you.")
                       .arg(alias),
                   false);
    } else if (name == u"contact.takenover") {
        if (m_askContactId == data.value(u"contactId").toInteger()) {
            m_askContactId = 0;
        }
        m_readers.remove(data.value(u"contactId").toInteger());
        emit readersChanged();
        showNotice(tr("%1 took over your conversation with %2; it has left My contacts.")
                       .arg(data.value(u"lead").toObject().value(u"name").toString(), alias),
                   false);
    } else if (name == u"line.overflow") {
        const QString who = data.value(u"by").toObject().value(u"name").toString();
        const QString partner = data.value(u"partner").toString();
        showNotice(data.value(u"overflow").toBool()
                       ? tr("%1 switched overflow on: people waiting are pointed to %2 too; "
                            "the queue goes on as usual.")
                             .arg(who, partner)
                       : tr("%1 switched overflow to %2 off.").arg(who, partner),
                   false);
    } else if (name == u"line.switchboard") {
        const QString who = data.value(u"by").toObject().value(u"name").toString();
        showNotice(
            data.value(u"switchboard").toBool()
                ? tr("%1 is assigning new contacts by hand for now (switchboard); those "
                     "wait for the lead, and what they give you arrives in My contacts.")
                      .arg(who)
                : tr("%1 ended the switchboard; take contacts from the queue as usual.").arg(who),
            false);
    } else if (name == u"lead.message") {
        const auto from = data.value(u"from").toObject().value(u"name").toString();
        const auto at = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(data.value(u"at").toInteger()).toLocalTime().time(),
            QLocale::ShortFormat);
        showNotice(data.value(u"to").isNull()
                       ? tr("%1 to everyone on shift, %2: %3")
                             .arg(from, at, data.value(u"text").toString())
                       : tr("%1 to you, %2: %3").arg(from, at, data.value(u"text").toString()),
                   false);
    } else if (name == u"contact.assigned") {
        const auto contact = data.value(u"contact").toObject();
        if (contact.value(u"operatorId").toInteger() == m_link.operatorId()) {
            showNotice(tr("%1 gave you %2; it is in My contacts.")
                           .arg(data.value(u"by").toObject().value(u"name").toString(),
                                contact.value(u"alias").toString()),
                       false);
        }
    } else if (name == u"alert.raised") {
        const auto alert = data.value(u"alert").toObject();
        // Only what went to everyone reaches an operator's link at all.
        if (alert.value(u"toAll").toBool()) {
            m_alertId = alert.value(u"id").toInteger();
            showNotice(tr("⚠ Unacknowledged alert for everyone on shift: %1")
                           .arg(alert.value(u"text").toString()),
                       true);
        }
    } else if (name == u"alert.acknowledged" &&
               data.value(u"alert").toObject().value(u"id").toInteger() == m_alertId &&
               m_alertId != 0) {
        m_alertId = 0;
        hide();
    }
}

void LeadNoticeBar::showNotice(const QString& text, bool urgent, bool ask)
{
    if (m_askContactId != 0 && !ask) {
        // An unanswered ask stays in front; the newer notice is announced
        // but does not hide the question.
        emit arrived(text);
        return;
    }
    m_handOver->setVisible(ask);
    m_keep->setVisible(ask);
    QPalette p = palette();
    const QColor tone = toneColor(QApplication::palette(), urgent ? Tone::Trouble : Tone::Warning);
    p.setColor(QPalette::Window, tone);
    p.setColor(QPalette::WindowText,
               isDarkPalette(QApplication::palette()) ? Qt::black : Qt::white);
    setPalette(p);
    m_text->setPalette(p);
    m_text->setText(text);
    // An all-hands alert ends with a lead's acknowledgement, not a dismissal.
    m_dismiss->setVisible(!urgent && !ask);
    show();
    emit arrived(text);
}

} // namespace warmline::app
