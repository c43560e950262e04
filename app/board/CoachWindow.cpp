#include "app/board/CoachWindow.h"

#include "app/link/LinkConnection.h"
#include "app/shift/MessageDelegate.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QString timeText(qint64 at)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(at).toLocalTime().time(),
                              QLocale::ShortFormat);
}

} // namespace

CoachWindow::CoachWindow(LinkConnection& link, qint64 contactId, const QString& alias,
                         const QString& operatorName, QWidget* parent)
    : QWidget(parent, Qt::Window), m_link(link), m_contactId(contactId), m_alias(alias),
      m_operatorName(operatorName)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Watching %1 — Warmline").arg(alias));
    setAccessibleName(tr("Watching a conversation"));
    m_thread.setReadOnly(operatorName);

    auto* layout = new QVBoxLayout(this);
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setText(tr("%1, held by %2. You are reading it; %2 is told. Nothing you write "
                         "here reaches the texter.")
                          .arg(alias, operatorName));
    layout->addWidget(m_header);

    auto* split = new QSplitter(Qt::Vertical, this);
    m_view = new QListView(split);
    m_view->setModel(&m_thread);
    m_view->setModelColumn(ConversationModel::BodyColumn);
    m_view->setItemDelegate(new MessageDelegate(m_view));
    m_view->setResizeMode(QListView::Adjust);
    m_view->setUniformItemSizes(false);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setAccessibleName(tr("Messages"));
    split->addWidget(m_view);

    auto* notesBox = new QWidget(split);
    auto* notesLayout = new QVBoxLayout(notesBox);
    notesLayout->setContentsMargins(0, 0, 0, 0);
    auto* notesLabel =
        new QLabel(tr("Coaching notes to %1 (only they see them)").arg(operatorName), notesBox);
    notesLayout->addWidget(notesLabel);
    m_notes = new QListWidget(notesBox);
    m_notes->setAccessibleName(tr("Coaching notes"));
    m_notes->setWordWrap(true);
    notesLabel->setBuddy(m_notes);
    notesLayout->addWidget(m_notes);
    auto* noteRow = new QHBoxLayout;
    m_note = new QLineEdit(notesBox);
    m_note->setMaxLength(500);
    m_note->setPlaceholderText(tr("A word for %1…").arg(operatorName));
    m_note->setAccessibleName(tr("Coaching note"));
    m_send = new QPushButton(tr("&Send to %1").arg(operatorName), notesBox);
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_send);
    notesLayout->addLayout(noteRow);
    split->addWidget(notesBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    auto* actions = new QHBoxLayout;
    m_ask = new QPushButton(tr("&Ask to take over"), this);
    m_ask->setToolTip(tr("%1 is asked to hand this conversation to you").arg(operatorName));
    m_now = new QPushButton(tr("Take over &now (escalation)"), this);
    m_now->setToolTip(tr("Without asking; only for a contact in an escalation"));
    m_close = new QPushButton(tr("Stop &watching"), this);
    actions->addWidget(m_ask);
    actions->addWidget(m_now);
    actions->addStretch(1);
    actions->addWidget(m_close);
    layout->addLayout(actions);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Watching messages"));
    layout->addWidget(m_status);

    connect(m_send, &QPushButton::clicked, this, [this] { sendNote(m_note->text()); });
    connect(m_note, &QLineEdit::returnPressed, m_send, &QPushButton::click);
    connect(m_ask, &QPushButton::clicked, this, &CoachWindow::askToTakeOver);
    connect(m_now, &QPushButton::clicked, this, &CoachWindow::takeOverNow);
    connect(m_close, &QPushButton::clicked, this, &QWidget::close);
    connect(&m_link, &LinkConnection::eventReceived, this, &CoachWindow::onEvent);
    // After a reconnect, read the thread again: the gateway ends a lead's
    // watching when their last link drops, and says so to the operator.
    connect(&m_link, &LinkConnection::stateChanged, this, [this](LinkConnection::State s) {
        if (s == LinkConnection::State::Online && !m_ended) {
            watch();
        }
    });
    resize(720, 640);
    watch();
}

CoachWindow::~CoachWindow()
{
    stopWatching();
}

QString CoachWindow::statusText() const
{
    return m_status->text();
}

int CoachWindow::noteCount() const
{
    return m_notes->count();
}

void CoachWindow::watch()
{
    m_link.request(QStringLiteral("contact.watch"), {{QStringLiteral("contactId"), m_contactId}},
                   [self = QPointer<CoachWindow>(this)](const LinkReply& r) {
                       if (!self) {
                           return;
                       }
                       if (!r.ok) {
                           self->end(LinkConnection::humanError(r.code, r.message));
                           return;
                       }
                       self->m_watching = true;
                       QList<MessageRecord> messages;
                       for (const auto& v : r.data.value(u"messages").toArray()) {
                           messages.append(MessageRecord::fromJson(v.toObject()));
                       }
                       self->m_thread.setConversation(self->m_contactId, messages, self->m_alias);
                       self->m_view->scrollToBottom();
                       self->m_notes->clear();
                       for (const auto& v : r.data.value(u"coaching").toArray()) {
                           if (v.toObject().value(u"kind").toString() == u"note") {
                               self->addNote(v.toObject());
                           }
                       }
                       self->setStatus(tr("Reading. %1 knows.").arg(self->m_operatorName));
                   });
}

void CoachWindow::stopWatching()
{
    if (!m_watching) {
        return;
    }
    m_watching = false;
    m_link.request(QStringLiteral("contact.watch"),
                   {{QStringLiteral("contactId"), m_contactId}, {QStringLiteral("stop"), true}},
                   [](const LinkReply&) {});
}

void CoachWindow::closeEvent(QCloseEvent* event)
{
    stopWatching();
    event->accept();
}

void CoachWindow::sendNote(const QString& text)
{
    const QString words = text.trimmed();
    if (words.isEmpty() || m_ended) {
        m_note->setFocus();
        return;
    }
    m_send->setEnabled(false);
    m_link.request(QStringLiteral("coach.note"),
                   {{QStringLiteral("contactId"), m_contactId}, {QStringLiteral("text"), words}},
                   [self = QPointer<CoachWindow>(this)](const LinkReply& r) {
                       if (!self) {
                           return;
                       }
                       self->m_send->setEnabled(!self->m_ended);
                       if (!r.ok) {
                           self->setStatus(LinkConnection::humanError(r.code, r.message));
                           return;
                       }
                       self->addNote(r.data.value(u"note").toObject());
                       self->m_note->clear();
                       self->setStatus(tr("Note sent to %1.").arg(self->m_operatorName));
                   });
}

void CoachWindow::askToTakeOver()
{
    m_link.request(QStringLiteral("contact.takeover"), {{QStringLiteral("contactId"), m_contactId}},
                   [self = QPointer<CoachWindow>(this)](const LinkReply& r) {
                       if (!self) {
                           return;
                       }
                       if (!r.ok) {
                           self->setStatus(LinkConnection::humanError(r.code, r.message));
                           return;
                       }
                       self->m_ask->setEnabled(false);
                       self->setStatus(tr("Asked %1 to hand the conversation to you; waiting "
                                          "for their answer.")
                                           .arg(self->m_operatorName));
                   });
}

void CoachWindow::takeOverNow()
{
    m_link.request(QStringLiteral("contact.takeover"),
                   {{QStringLiteral("contactId"), m_contactId}, {QStringLiteral("now"), true}},
                   [self = QPointer<CoachWindow>(this)](const LinkReply& r) {
                       if (self && !r.ok) {
                           self->setStatus(LinkConnection::humanError(r.code, r.message));
                       }
                   });
}

void CoachWindow::onEvent(const QString& name, const QJsonObject& data)
{
    if (m_ended) {
        return;
    }
    if (name.startsWith(u"message.")) {
        const auto m = data.value(u"message").toObject();
        if (m.value(u"contactId").toInteger() == m_contactId) {
            m_thread.applyMessage(MessageRecord::fromJson(m));
            m_view->scrollToBottom();
        }
        return;
    }
    if (data.value(u"contactId").toInteger() == m_contactId) {
        if (name == u"coaching.note") {
            addNote(data.value(u"note").toObject());
        } else if (name == u"takeover.answered") {
            m_ask->setEnabled(true);
            setStatus(data.value(u"agree").toBool()
                          ? tr("%1 agreed: the conversation is yours, in My contacts.")
                                .arg(m_operatorName)
                          : tr("%1 would rather keep the conversation.").arg(m_operatorName));
        }
        return;
    }
    const auto contact = data.value(u"contact").toObject();
    if (contact.value(u"id").toInteger() != m_contactId) {
        return;
    }
    if (name == u"contact.closed") {
        end(tr("The conversation was closed."));
    } else if (name == u"contact.queued") {
        end(tr("The conversation went back to the queue."));
    } else if (name == u"contact.accepted") {
        const qint64 holder = contact.value(u"operatorId").toInteger();
        end(holder == m_link.operatorId()
                ? tr("You hold this conversation now; it is in My contacts.")
                : tr("%1 holds this conversation now.")
                      .arg(contact.value(u"operatorName").toString()));
    }
}

void CoachWindow::addNote(const QJsonObject& event)
{
    const QString lead = event.value(u"lead").toObject().value(u"name").toString();
    auto* item = new QListWidgetItem(
        tr("%1, %2: %3")
            .arg(lead, timeText(event.value(u"at").toInteger()), event.value(u"body").toString()),
        m_notes);
    m_notes->scrollToItem(item);
}

void CoachWindow::setStatus(const QString& sentence)
{
    m_status->setText(sentence);
}

void CoachWindow::end(const QString& sentence)
{
    m_ended = true;
    m_watching = false; // the gateway ended it with the contact
    setStatus(sentence);
    for (QWidget* w : {static_cast<QWidget*>(m_note), static_cast<QWidget*>(m_send),
                       static_cast<QWidget*>(m_ask), static_cast<QWidget*>(m_now)}) {
        w->setEnabled(false);
    }
    m_close->setText(tr("&Close"));
    emit ended();
}

} // namespace warmline::app
