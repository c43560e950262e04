#include "app/shift/ConversationPanel.h"

#include "app/shift/ConversationModel.h"
#include "app/shift/MessageDelegate.h"
#include "app/shift/SegmentCounter.h"
#include "app/widgets/ModelRoles.h"
#include "app/widgets/RiskBadgeDelegate.h"
#include "app/widgets/Theme.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace warmline::app {

ConversationPanel::ConversationPanel(QAbstractItemModel* conversation, QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Conversation"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);

    auto* header = new QHBoxLayout;
    auto* titles = new QVBoxLayout;
    m_title = new QLabel(this);
    setRelativeFont(m_title, 1.3, true);
    m_title->setAccessibleName(tr("Open contact"));
    m_meta = new QLabel(this);
    m_meta->setAccessibleName(tr("Contact details"));
    titles->addWidget(m_title);
    titles->addWidget(m_meta);
    header->addLayout(titles, 1);
    m_risk = new QLabel(this);
    m_risk->setAccessibleName(tr("Risk"));
    m_risk->setObjectName(QStringLiteral("riskBadge"));
    setRelativeFont(m_risk, 1.0, true);
    m_risk->setAlignment(Qt::AlignCenter);
    header->addWidget(m_risk, 0, Qt::AlignTop);
    layout->addLayout(header);

    m_empty = new QLabel(tr("No conversation open.\n\nAccept the next contact (Ctrl+N) or "
                            "choose one of yours on the left."),
                         this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setAccessibleName(tr("No conversation open"));
    layout->addWidget(m_empty, 1);

    m_thread = new QListView(this);
    m_thread->setModel(conversation);
    m_thread->setModelColumn(ConversationModel::BodyColumn);
    m_thread->setItemDelegate(new MessageDelegate(m_thread));
    m_thread->setResizeMode(QListView::Adjust);
    m_thread->setUniformItemSizes(false);
    m_thread->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_thread->setSelectionMode(QAbstractItemView::SingleSelection);
    m_thread->setAccessibleName(tr("Messages"));
    m_thread->setFrameShape(QFrame::StyledPanel);
    connect(conversation, &QAbstractItemModel::rowsInserted, m_thread,
            [this] { m_thread->scrollToBottom(); });
    connect(conversation, &QAbstractItemModel::modelReset, m_thread,
            [this] { m_thread->scrollToBottom(); });
    layout->addWidget(m_thread, 1);

    m_composer = new QWidget(this);
    auto* composer = new QVBoxLayout(m_composer);
    composer->setContentsMargins(0, 0, 0, 0);
    composer->setSpacing(4);
    m_reply = new QPlainTextEdit(m_composer);
    m_reply->setAccessibleName(tr("Reply"));
    m_reply->setPlaceholderText(tr("Write a reply… (Ctrl+Enter sends)"));
    m_reply->setTabChangesFocus(true);
    composer->addWidget(m_reply);
    auto* bar = new QHBoxLayout;
    m_bar = bar;
    m_quick = new QToolButton(m_composer);
    m_quick->setText(tr("Quick replies"));
    m_quick->setAccessibleName(tr("Quick replies"));
    m_quick->setToolTip(tr("Insert a prepared reply (Ctrl+/)"));
    m_quick->setPopupMode(QToolButton::InstantPopup);
    m_quick->setMenu(new QMenu(m_quick));
    bar->addWidget(m_quick);
    m_counter = new QLabel(m_composer);
    m_counter->setAccessibleName(tr("Text length"));
    bar->addWidget(m_counter, 1);
    m_send = new QToolButton(m_composer);
    m_send->setText(tr("Send"));
    m_send->setAccessibleName(tr("Send reply"));
    m_send->setToolTip(tr("Send the reply (Ctrl+Enter)"));
    m_send->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addWidget(m_send);
    composer->addLayout(bar);
    layout->addWidget(m_composer);

    auto* sendAction = new QAction(tr("Send reply"), this);
    sendAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    sendAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(sendAction);
    auto send = [this] {
        if (!m_reply->toPlainText().trimmed().isEmpty()) {
            emit sendRequested(m_reply->toPlainText());
        }
    };
    connect(sendAction, &QAction::triggered, this, send);
    connect(m_send, &QToolButton::clicked, this, send);
    connect(m_reply, &QPlainTextEdit::textChanged, this, [this] {
        updateCounter();
        emit replyEdited(m_reply->toPlainText());
    });
    showContact(nullptr);
    updateCounter();
    updateMetrics();
}

void ConversationPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && m_reply) {
        rescaleFonts(this);
        updateMetrics();
    }
}

void ConversationPanel::updateMetrics()
{
    // About five lines of text plus the frame, at whatever font is in use.
    m_reply->setMaximumHeight(m_reply->fontMetrics().lineSpacing() * 5 + 2 * m_reply->frameWidth() +
                              static_cast<int>(2 * m_reply->document()->documentMargin()));
}

void ConversationPanel::setReaders(const QStringList& leads)
{
    if (leads == m_readers) {
        return;
    }
    m_readers = leads;
    updateMeta();
}

QString ConversationPanel::details() const
{
    return m_meta->text();
}

void ConversationPanel::updateMeta()
{
    QString text = m_metaBase;
    if (!m_metaBase.isEmpty() && !m_readers.isEmpty()) {
        text += tr(" · Read by %1 (shift lead)").arg(m_readers.join(QStringLiteral(", ")));
    }
    m_meta->setText(text);
}

void ConversationPanel::showContact(const ContactRecord* contact)
{
    const bool open = contact != nullptr;
    m_empty->setVisible(!open);
    m_thread->setVisible(open);
    m_composer->setVisible(open);
    m_risk->setVisible(open && contact->risk != RiskLevel::None);
    if (!open) {
        m_title->setText(tr("Conversation"));
        m_metaBase.clear();
        updateMeta();
        return;
    }
    m_title->setText(contact->alias);
    m_metaBase =
        tr("%1 · %2 · since %3")
            .arg(channelText(contact->channel), contactStateText(contact->state),
                 QLocale().toString(
                     QDateTime::fromMSecsSinceEpoch(contact->createdAt).toLocalTime().time(),
                     QLocale::ShortFormat));
    updateMeta();
    const QColor c = RiskBadgeDelegate::colorFor(static_cast<int>(contact->risk));
    if (c.isValid()) {
        m_risk->setText(riskText(contact->risk));
        m_risk->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; "
                                             "border-radius: 9px; padding: 3px 12px; }")
                                  .arg(c.name()));
        // Room for the whole word in bold at any text size: the badge is
        // never clipped to "Imminen".
        m_risk->setMinimumWidth(m_risk->fontMetrics().horizontalAdvance(m_risk->text()) + 30);
    }
}

void ConversationPanel::setReplyText(const QString& text)
{
    const QSignalBlocker blocker(m_reply);
    m_reply->setPlainText(text);
    m_reply->moveCursor(QTextCursor::End);
    updateCounter();
}

QString ConversationPanel::replyText() const
{
    return m_reply->toPlainText();
}

void ConversationPanel::setQuickReplies(const QList<QuickReply>& replies, bool available)
{
    QMenu* menu = m_quick->menu();
    menu->clear();
    for (const auto& r : replies) {
        QAction* a = menu->addAction(r.title);
        a->setToolTip(r.text);
        const QString text = r.text;
        connect(a, &QAction::triggered, this, [this, text] {
            m_reply->insertPlainText(text);
            m_reply->setFocus();
        });
    }
    if (replies.isEmpty()) {
        QAction* none = menu->addAction(available ? tr("This line has no quick replies")
                                                  : tr("Quick replies not available"));
        none->setEnabled(false);
    }
    m_quick->setToolTip(available ? tr("Insert a prepared reply (Ctrl+/)")
                                  : tr("Quick replies are not available from this gateway yet"));
}

void ConversationPanel::addComposerWidget(QWidget* w)
{
    m_bar->insertWidget(m_bar->indexOf(m_quick) + 1, w);
}

void ConversationPanel::focusReply()
{
    m_reply->setFocus();
}

int ConversationPanel::retryRow() const
{
    auto* model = m_thread->model();
    const QModelIndex current = m_thread->currentIndex();
    if (current.isValid() && current.data(CanRetryRole).toBool()) {
        return current.row();
    }
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (model->index(row, 0).data(CanRetryRole).toBool()) {
            return row;
        }
    }
    return -1;
}

void ConversationPanel::showQuickReplies()
{
    if (m_composer->isVisible()) {
        m_quick->showMenu();
    }
}

void ConversationPanel::updateCounter()
{
    const auto count = countSegments(m_reply->toPlainText());
    m_counter->setText(segmentSummary(count));
    m_send->setEnabled(!m_reply->toPlainText().trimmed().isEmpty());
}

} // namespace warmline::app
