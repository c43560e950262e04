#include "app/board/ListenWindow.h"

#include "app/link/LinkConnection.h"

#include <QButtonGroup>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace warmline::app {

ListenWindow::ListenWindow(LinkConnection& link, qint64 contactId, const QString& alias,
                           const QString& operatorName, QWidget* parent)
    : QWidget(parent, Qt::Window), m_link(link), m_contactId(contactId),
      m_operatorName(operatorName)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("On the call with %1 — Warmline").arg(alias));
    setAccessibleName(tr("On a call as shift lead"));

    auto* layout = new QVBoxLayout(this);
    auto* header = new QLabel(this);
    header->setWordWrap(true);
    header->setTextFormat(Qt::PlainText);
    header->setText(tr("The call with %1, held by %2. Your phone rings and joins the call; %2 "
                       "is told.")
                        .arg(alias, operatorName));
    layout->addWidget(header);

    auto* row = new QHBoxLayout;
    m_modes = new QButtonGroup(this);
    m_modes->setExclusive(true);
    m_listen = new QPushButton(tr("&Listen"), this);
    m_listen->setToolTip(tr("You hear both; nobody hears you"));
    m_whisper = new QPushButton(tr("&Whisper to %1").arg(operatorName), this);
    m_whisper->setToolTip(tr("%1 hears you; the caller does not").arg(operatorName));
    m_barge = new QPushButton(tr("&Barge in"), this);
    m_barge->setToolTip(tr("Everyone on the call hears you"));
    for (auto* b : {m_listen, m_whisper, m_barge}) {
        b->setCheckable(true);
        m_modes->addButton(b);
        row->addWidget(b);
    }
    row->addStretch(1);
    m_hangUp = new QPushButton(tr("&Hang up my line"), this);
    row->addWidget(m_hangUp);
    layout->addLayout(row);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Call status"));
    layout->addWidget(m_status);

    connect(m_listen, &QPushButton::clicked, this, [this] { choose(QStringLiteral("listen")); });
    connect(m_whisper, &QPushButton::clicked, this, [this] { choose(QStringLiteral("whisper")); });
    connect(m_barge, &QPushButton::clicked, this, [this] { choose(QStringLiteral("barge")); });
    connect(m_hangUp, &QPushButton::clicked, this, &QWidget::close);
    connect(&m_link, &LinkConnection::eventReceived, this, &ListenWindow::onEvent);
    resize(560, 160);
    choose(QStringLiteral("listen"));
}

ListenWindow::~ListenWindow() = default;

QString ListenWindow::statusText() const
{
    return m_status->text();
}

void ListenWindow::choose(const QString& mode)
{
    if (mode != u"stop") {
        m_status->setText(m_state == u"on" ? tr("Switching…") : tr("Ringing your phone…"));
    }
    m_link.request(QStringLiteral("call.listen"),
                   {{QStringLiteral("contactId"), m_contactId}, {QStringLiteral("mode"), mode}},
                   [self = QPointer<ListenWindow>(this), mode](const LinkReply& r) {
                       if (!self || mode == u"stop") {
                           return;
                       }
                       if (!r.ok) {
                           self->m_status->setText(LinkConnection::humanError(r.code, r.message));
                           if (self->m_mode.isEmpty()) {
                               self->m_modes->setExclusive(false);
                               for (auto* b : self->m_modes->buttons()) {
                                   b->setChecked(false);
                               }
                               self->m_modes->setExclusive(true);
                           }
                           return;
                       }
                       self->display(r.data.value(u"state").toString(),
                                     r.data.value(u"mode").toString(), {});
                   });
}

void ListenWindow::closeEvent(QCloseEvent* event)
{
    if (m_state != u"ended") {
        choose(QStringLiteral("stop"));
    }
    event->accept();
}

void ListenWindow::onEvent(const QString& name, const QJsonObject& data)
{
    if (name != u"call.listen" || data.value(u"contactId").toInteger() != m_contactId ||
        data.value(u"leadId").toInteger() != m_link.operatorId()) {
        return;
    }
    display(data.value(u"state").toString(), data.value(u"mode").toString(),
            data.value(u"reason").toString());
}

void ListenWindow::display(const QString& state, const QString& mode, const QString& reason)
{
    m_state = state;
    if (state == u"ended") {
        m_mode.clear();
        m_status->setText(reason.isEmpty() ? tr("Your line has left the call.")
                                           : tr("Your line has left the call: %1").arg(reason));
        for (auto* b : m_modes->buttons()) {
            b->setEnabled(false);
        }
        m_hangUp->setText(tr("&Close"));
        return;
    }
    m_mode = mode;
    QPushButton* button = mode == u"whisper" ? m_whisper : mode == u"barge" ? m_barge : m_listen;
    button->setChecked(true);
    if (state == u"ringing") {
        m_status->setText(tr("Ringing your phone…"));
    } else if (mode == u"whisper") {
        m_status->setText(tr("Whispering: %1 hears you; the caller does not.").arg(m_operatorName));
    } else if (mode == u"barge") {
        m_status->setText(tr("On the call: everyone hears you."));
    } else {
        m_status->setText(tr("Listening: you hear both; nobody hears you."));
    }
}

} // namespace warmline::app
