#include "app/shift/DebriefDialog.h"

#include "app/shift/ShiftSession.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

const QString kDraftKind = QStringLiteral("debrief");
constexpr int kMaxBytes = 4000;

} // namespace

DebriefDialog::DebriefDialog(ShiftSession& session, qint64 contactId, QWidget* parent)
    : QDialog(parent), m_session(session), m_contactId(contactId)
{
    setWindowTitle(tr("Debrief for a supervisor"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("How did it go, and is anything weighing on you? A few lines "
                                "are enough. A supervisor reads it with the contact's record; "
                                "it is never shown to the caller."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_body = new QPlainTextEdit(this);
    m_body->setAccessibleName(tr("Debrief"));
    m_body->setPlainText(m_session.drafts()->text(m_contactId, kDraftKind));
    layout->addWidget(m_body, 1);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Why it was not sent"));
    m_error->hide();
    layout->addWidget(m_error);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto* sendButton = m_buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    sendButton->setAccessibleName(tr("Send the debrief"));
    layout->addWidget(m_buttons);
    resize(520, 320);

    connect(m_body, &QPlainTextEdit::textChanged, this,
            [this] { m_session.drafts()->edit(m_contactId, kDraftKind, m_body->toPlainText()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &DebriefDialog::send);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void DebriefDialog::send()
{
    const QString body = m_body->toPlainText().trimmed();
    if (body.isEmpty()) {
        m_error->setText(tr("Write a few words first, or close this window."));
        m_error->show();
        return;
    }
    if (body.toUtf8().size() > kMaxBytes) {
        m_error->setText(tr("A debrief is at most %1 bytes; shorten it a little.").arg(kMaxBytes));
        m_error->show();
        return;
    }
    m_buttons->setEnabled(false);
    m_session.link().request(
        QStringLiteral("contact.debrief"),
        {{QStringLiteral("contactId"), m_contactId}, {QStringLiteral("body"), body}},
        [this](const LinkReply& r) {
            m_buttons->setEnabled(true);
            if (!r.ok) {
                // Kept as a draft: nothing is lost, it can be sent later.
                m_error->setText(tr("Not sent: %1 Your words are kept.").arg(r.message));
                m_error->show();
                return;
            }
            m_session.drafts()->edit(m_contactId, kDraftKind, QString());
            m_session.drafts()->flush();
            emit m_session.notice(tr("Your debrief was sent to the supervisors."));
            accept();
        });
}

} // namespace warmline::app
