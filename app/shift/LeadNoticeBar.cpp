#include "app/shift/LeadNoticeBar.h"

#include "app/link/LinkConnection.h"
#include "app/widgets/Theme.h"

#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
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
    layout->addWidget(m_text, 1);
    layout->addWidget(m_dismiss);
    connect(m_dismiss, &QPushButton::clicked, this, &QWidget::hide);
    connect(&link, &LinkConnection::eventReceived, this, &LeadNoticeBar::onEvent);
    hide();
}

QString LeadNoticeBar::text() const
{
    return m_text->text();
}

void LeadNoticeBar::onEvent(const QString& name, const QJsonObject& data)
{
    if (name == u"lead.message") {
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

void LeadNoticeBar::showNotice(const QString& text, bool urgent)
{
    QPalette p = palette();
    const QColor tone = toneColor(QApplication::palette(), urgent ? Tone::Trouble : Tone::Warning);
    p.setColor(QPalette::Window, tone);
    p.setColor(QPalette::WindowText,
               isDarkPalette(QApplication::palette()) ? Qt::black : Qt::white);
    setPalette(p);
    m_text->setPalette(p);
    m_text->setText(text);
    // An all-hands alert ends with a lead's acknowledgement, not a dismissal.
    m_dismiss->setVisible(!urgent);
    show();
    emit arrived(text);
}

} // namespace warmline::app
