#include "app/review/ReviewPane.h"

#include "app/review/EscalationModel.h"
#include "app/shift/ConversationModel.h"
#include "app/shift/MessageDelegate.h"
#include "app/widgets/Theme.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QString escaped(const QString& s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
        .arg(escaped(label), value.isEmpty() ? QStringLiteral("—") : escaped(value));
}

} // namespace

ReviewPane::ReviewPane(QAbstractItemModel* thread, QAbstractItemModel* escalations, QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Review pane"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(6);

    m_title = new QLabel(this);
    setRelativeFont(m_title, 1.3, true);
    m_title->setAccessibleName(tr("Contact under review"));
    layout->addWidget(m_title);
    m_meta = new QLabel(this);
    m_meta->setWordWrap(true);
    m_meta->setAccessibleName(tr("Contact details"));
    layout->addWidget(m_meta);
    m_reviewState = new QLabel(this);
    m_reviewState->setAccessibleName(tr("Review state"));
    layout->addWidget(m_reviewState);

    m_empty = new QLabel(tr("Choose a contact on the left to review it.\n\nOpening a contact "
                            "is recorded in the audit log."),
                         this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setAccessibleName(tr("No contact open"));
    layout->addWidget(m_empty, 1);

    m_body = new QWidget(this);
    auto* body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, m_body);
    split->setChildrenCollapsible(false);

    m_threadStack = new QStackedWidget(split);
    m_threadView = new QListView(m_threadStack);
    m_threadView->setModel(thread);
    m_threadView->setModelColumn(ConversationModel::BodyColumn);
    m_threadView->setItemDelegate(new MessageDelegate(m_threadView));
    m_threadView->setResizeMode(QListView::Adjust);
    m_threadView->setUniformItemSizes(false);
    m_threadView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_threadView->setSelectionMode(QAbstractItemView::NoSelection);
    m_threadView->setAccessibleName(tr("Messages"));
    m_threadStack->addWidget(m_threadView);
    m_callDetails = new QLabel(m_threadStack);
    m_callDetails->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_callDetails->setWordWrap(true);
    m_callDetails->setTextFormat(Qt::RichText);
    m_callDetails->setAccessibleName(tr("Call details"));
    m_threadStack->addWidget(m_callDetails);
    split->addWidget(m_threadStack);

    auto* tabs = new QTabWidget(split);
    tabs->setAccessibleName(tr("Record"));
    m_wrapUp = new QTextBrowser(tabs);
    m_wrapUp->setAccessibleName(tr("Wrap-up"));
    m_wrapUp->setOpenLinks(false);
    tabs->addTab(m_wrapUp, tr("&Wrap-up and notes"));
    auto* escalationTab = new QWidget(tabs);
    auto* escalationLayout = new QVBoxLayout(escalationTab);
    escalationLayout->setContentsMargins(4, 4, 4, 4);
    m_escalationTitle = new QLabel(escalationTab);
    m_escalationTitle->setAccessibleName(tr("Escalation summary"));
    escalationLayout->addWidget(m_escalationTitle);
    m_escalationView = new QTableView(escalationTab);
    m_escalationView->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_escalationView->setModel(escalations);
    m_escalationView->setAccessibleName(tr("Escalation steps"));
    m_escalationView->verticalHeader()->hide();
    m_escalationView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_escalationView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_escalationView->setWordWrap(false);
    m_escalationView->horizontalHeader()->setStretchLastSection(true);
    for (int c = 0; c + 1 < EscalationModel::ColumnCount; ++c) {
        m_escalationView->horizontalHeader()->setSectionResizeMode(c,
                                                                   QHeaderView::ResizeToContents);
    }
    escalationLayout->addWidget(m_escalationView);
    tabs->addTab(escalationTab, tr("&Escalation"));
    m_comments = new QTextBrowser(tabs);
    m_comments->setAccessibleName(tr("Comments"));
    tabs->addTab(m_comments, tr("C&omments"));
    split->addWidget(tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    body->addWidget(split, 1);

    // Actions.
    auto* actions = new QHBoxLayout;
    m_mark = new QPushButton(tr("&Mark reviewed"), m_body);
    m_mark->setAccessibleName(tr("Mark reviewed"));
    connect(m_mark, &QPushButton::clicked, this, [this] { emit markRequested(!m_reviewed); });
    actions->addWidget(m_mark);
    m_followUp = new QCheckBox(tr("&Follow up"), m_body);
    m_followUp->setAccessibleName(tr("Flag for follow-up"));
    actions->addWidget(m_followUp);
    m_followUpNote = new QLineEdit(m_body);
    m_followUpNote->setPlaceholderText(tr("What to follow up (optional)"));
    m_followUpNote->setAccessibleName(tr("Follow-up note"));
    m_followUpNote->setMaxLength(1000);
    actions->addWidget(m_followUpNote, 1);
    m_saveFollowUp = new QPushButton(tr("Sa&ve flag"), m_body);
    m_saveFollowUp->setAccessibleName(tr("Save follow-up flag"));
    connect(m_saveFollowUp, &QPushButton::clicked, this,
            [this] { emit followUpRequested(m_followUp->isChecked(), m_followUpNote->text()); });
    actions->addWidget(m_saveFollowUp);
    m_reveal = new QPushButton(tr("Reveal &number…"), m_body);
    m_reveal->setAccessibleName(tr("Reveal the caller's number"));
    m_reveal->setToolTip(tr("Shows the caller's phone number. You must give a reason; the "
                            "reveal is recorded in the audit log."));
    connect(m_reveal, &QPushButton::clicked, this, [this] {
        // Not exec(): no nested event loop while the link keeps working.
        auto* ask = new QInputDialog(this);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        ask->setWindowTitle(tr("Reveal the caller's number"));
        ask->setLabelText(
            tr("Why do you need this caller's number? The reason is recorded in the audit log."));
        ask->setTextEchoMode(QLineEdit::Normal);
        connect(ask, &QInputDialog::textValueSelected, this, [this](const QString& reason) {
            if (!reason.trimmed().isEmpty()) {
                emit revealRequested(reason.trimmed());
            }
        });
        ask->open();
    });
    actions->addWidget(m_reveal);
    m_number = new QLabel(m_body);
    m_number->setAccessibleName(tr("Caller's number"));
    m_number->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actions->addWidget(m_number);
    body->addLayout(actions);

    auto* commentRow = new QHBoxLayout;
    m_comment = new QPlainTextEdit(m_body);
    m_comment->setAccessibleName(tr("Comment for the operator"));
    m_comment->setPlaceholderText(tr("A comment for the operator who handled this contact…"));
    m_comment->setTabChangesFocus(true);
    m_comment->setMaximumHeight(m_comment->fontMetrics().height() * 4);
    commentRow->addWidget(m_comment, 1);
    m_send = new QPushButton(tr("Send &comment"), m_body);
    m_send->setAccessibleName(tr("Send comment"));
    connect(m_send, &QPushButton::clicked, this, [this] {
        const QString text = m_comment->toPlainText().trimmed();
        if (!text.isEmpty()) {
            emit commentRequested(text);
            m_comment->clear();
        }
    });
    commentRow->addWidget(m_send, 0, Qt::AlignBottom);
    body->addLayout(commentRow);
    layout->addWidget(m_body, 1);

    showDetail(nullptr, false);
}

void ReviewPane::showDetail(const ReviewDetailRecord* d, bool mayReveal)
{
    m_empty->setVisible(d == nullptr);
    m_body->setVisible(d != nullptr);
    m_number->clear();
    if (!d) {
        m_title->setText(tr("Review"));
        m_meta->clear();
        m_reviewState->clear();
        return;
    }
    const auto& r = d->row;
    m_title->setText(r.alias);
    QStringList meta{dateTimeText(r.createdAt), channelText(r.channel)};
    meta << (r.operatorName.isEmpty() ? tr("not answered") : tr("with %1").arg(r.operatorName));
    if (r.durationMs > 0) {
        meta << durationText(r.durationMs);
    }
    if (r.risk != RiskLevel::None) {
        meta << riskText(r.risk);
    }
    if (r.escalated) {
        meta << tr("escalated");
    }
    m_meta->setText(meta.join(QStringLiteral(" · ")));
    m_reviewed = r.reviewedAt > 0;
    m_reviewState->setText(
        m_reviewed ? tr("Reviewed by %1 on %2").arg(r.reviewedBy, dateTimeText(r.reviewedAt))
                   : tr("Not yet reviewed"));
    QPalette pal = m_reviewState->palette();
    pal.setColor(QPalette::WindowText,
                 toneColor(palette(), m_reviewed ? Tone::Good : Tone::Warning));
    m_reviewState->setPalette(pal);
    m_mark->setText(m_reviewed ? tr("Un&mark reviewed") : tr("&Mark reviewed"));
    m_mark->setAccessibleName(m_reviewed ? tr("Unmark reviewed") : tr("Mark reviewed"));
    m_followUp->setChecked(r.followUp);
    m_followUpNote->setText(d->followUpNote);
    m_reveal->setVisible(mayReveal);

    if (r.channel == Channel::Call) {
        QString html = QStringLiteral("<table>");
        html += row(tr("Arrived"), dateTimeText(r.createdAt));
        html += row(tr("State"), contactStateText(r.state));
        html += row(tr("Answered by"), r.operatorName);
        html += row(tr("Time with the caller"),
                    r.durationMs > 0 ? durationText(r.durationMs) : QString());
        html += row(tr("Ended"), dateTimeText(r.closedAt));
        for (const auto& i : d->interpretations) {
            const QString who =
                i.language.isEmpty() ? i.serviceName : tr("%1, %2").arg(i.serviceName, i.language);
            html += row(tr("Interpreter"),
                        i.connectedAt > 0
                            ? tr("%1: on from %2 to %3, called by %4")
                                  .arg(escaped(who), dateTimeText(i.connectedAt),
                                       i.endedAt > 0 ? dateTimeText(i.endedAt) : tr("the end"),
                                       escaped(i.operatorName))
                            : tr("%1: not reached (%2), called by %3")
                                  .arg(escaped(who), escaped(i.reason), escaped(i.operatorName)));
        }
        html += QStringLiteral("</table>");
        m_callDetails->setText(html);
        m_threadStack->setCurrentWidget(m_callDetails);
    } else {
        m_threadStack->setCurrentWidget(m_threadView);
    }

    QString wrap = QStringLiteral("<table>");
    if (d->purgedAt > 0) {
        wrap += row(tr("Content"),
                    tr("Removed by the retention rule on %1").arg(dateTimeText(d->purgedAt)));
    }
    wrap += row(tr("Outcome"), codeText(r.outcome));
    wrap += row(tr("Helped"), codeText(r.helped));
    wrap += row(tr("Topics"), r.topics.join(QStringLiteral(", ")));
    wrap += row(tr("Referrals"), d->referrals.join(QStringLiteral(", ")));
    if (!d->riskSignals.isEmpty()) {
        wrap += row(tr("Risk signals"), d->riskSignals.join(QStringLiteral(", ")));
    }
    wrap += QStringLiteral("</table><h4>%1</h4><p>%2</p>")
                .arg(tr("Wrap-up note"), d->note.isEmpty() ? tr("(none)") : escaped(d->note));
    if (!d->callerNotes.isEmpty()) {
        wrap += QStringLiteral("<h4>%1</h4>").arg(tr("Notes about the caller written here"));
        for (const auto& n : d->callerNotes) {
            wrap += QStringLiteral("<p><i>%1, %2:</i> %3</p>")
                        .arg(escaped(n.operatorName), dateTimeText(n.at), escaped(n.body));
        }
    }
    m_wrapUp->setHtml(wrap);

    m_escalationTitle->setText(d->escalations.isEmpty()
                                   ? tr("No escalation was recorded for this contact.")
                                   : tr("%n escalation(s), every step as it was recorded:", nullptr,
                                        static_cast<int>(d->escalations.size())));

    // The operator's debriefs come first: what they asked a supervisor to read.
    QString debriefs;
    for (const auto& b : d->debriefs) {
        debriefs +=
            QStringLiteral("<p><b>%1</b> · %2<br>%3</p>")
                .arg(tr("Debrief from %1").arg(escaped(b.operatorName)), dateTimeText(b.at),
                     b.body.isEmpty() ? tr("(removed by the retention rule)") : escaped(b.body));
    }
    // A lead's live coaching, in order: who read the conversation, what
    // they told its operator, whether they took it over.
    if (!d->coaching.isEmpty()) {
        QStringList lines;
        for (const auto& c : d->coaching) {
            const QString lead = escaped(c.leadName);
            const QString op = escaped(c.operatorName);
            QString what;
            if (c.kind == u"watch") {
                what = tr("%1 began reading (held by %2)").arg(lead, op);
            } else if (c.kind == u"unwatch") {
                what = tr("%1 stopped reading").arg(lead);
            } else if (c.kind == u"note") {
                what = tr("%1 to %2: %3")
                           .arg(lead, op,
                                c.body.isEmpty() ? tr("(removed by the retention rule)")
                                                 : escaped(c.body));
            } else if (c.kind == u"takeover.asked") {
                what = tr("%1 asked %2 to hand it over").arg(lead, op);
            } else if (c.kind == u"takeover.agreed") {
                what = tr("%1 handed it to %2").arg(op, lead);
            } else if (c.kind == u"takeover.declined") {
                what = tr("%1 kept it").arg(op);
            } else if (c.kind == u"takeover.forced") {
                what = tr("%1 took it over from %2 in the escalation").arg(lead, op);
            } else if (c.kind == u"listen") {
                what = tr("%1 listened to the call (held by %2)").arg(lead, op);
            } else if (c.kind == u"whisper") {
                what = tr("%1 spoke to %2 only (whisper)").arg(lead, op);
            } else if (c.kind == u"barge") {
                what = tr("%1 joined the call (barge)").arg(lead);
            } else if (c.kind == u"unlisten") {
                what = tr("%1 left the call").arg(lead);
            } else {
                what = escaped(c.kind);
            }
            lines << QStringLiteral("%1 · %2").arg(dateTimeText(c.at), what);
        }
        debriefs += QStringLiteral("<p><b>%1</b><br>%2</p>")
                        .arg(tr("Live coaching"), lines.join(QStringLiteral("<br>")));
    }
    // On a surge: the partner line this contact was pointed or put through to.
    if (!d->overflow.isEmpty()) {
        QStringList lines;
        for (const auto& o : d->overflow) {
            QString what;
            if (o.kind == u"texted") {
                what = tr("Sent the partner line's text number");
            } else if (o.kind == u"offered") {
                what = tr("Heard the offer of the partner line");
            } else if (o.kind == u"accepted") {
                what = tr("Pressed 1 for the partner line");
            } else if (o.kind == u"connected") {
                what = tr("Put through to the partner line");
            } else if (o.kind == u"failed") {
                what = tr("The partner line did not take the call: %1").arg(escaped(o.detail));
            } else {
                what = escaped(o.kind);
            }
            lines << QStringLiteral("%1 · %2").arg(dateTimeText(o.at), what);
        }
        debriefs += QStringLiteral("<p><b>%1</b><br>%2</p>")
                        .arg(tr("Overflow"), lines.join(QStringLiteral("<br>")));
    }
    if (d->comments.isEmpty()) {
        m_comments->setHtml(debriefs + QStringLiteral("<p>%1</p>").arg(tr("No comments yet.")));
    } else {
        QString html = debriefs;
        for (const auto& c : d->comments) {
            html += QStringLiteral("<p><b>%1</b> · %2%3<br>%4</p>")
                        .arg(escaped(c.authorName), dateTimeText(c.at),
                             c.readAt > 0 ? tr(" · read by %1").arg(escaped(c.operatorName))
                                          : QString(),
                             escaped(c.body));
        }
        m_comments->setHtml(html);
    }
    const bool commentable = r.operatorId > 0;
    m_comment->setEnabled(commentable);
    m_send->setEnabled(commentable);
    if (!commentable) {
        m_comment->setPlaceholderText(tr("No operator handled this contact."));
    }
}

void ReviewPane::showNumber(const QString& number)
{
    m_number->setText(tr("Number: %1").arg(number));
}

} // namespace warmline::app
