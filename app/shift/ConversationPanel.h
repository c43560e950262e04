#pragma once

// The conversation workspace: header (caller, channel, risk), the thread,
// and the reply box with quick replies and the segment counter. Ctrl+Enter
// sends. Reports edits and commands by signals; holds no domain state.
// GUI thread only.

#include "app/link/LinkRecords.h"

#include <QStringList>
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QHBoxLayout;
class QListView;
class QPlainTextEdit;
class QToolButton;

namespace warmline::app {

class ConversationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ConversationPanel(QAbstractItemModel* conversation, QWidget* parent = nullptr);

    /// Null: nothing open.
    void showContact(const ContactRecord* contact);
    /// The shift leads reading the open conversation (shown in its header).
    void setReaders(const QStringList& leads);
    /// The header's details line (channel, state, since, who reads it).
    QString details() const;
    void setReplyText(const QString& text);
    QString replyText() const;
    void setQuickReplies(const QList<QuickReply>& replies, bool available);
    void focusReply();
    /// Puts `w` in the composer's bar, after the quick replies.
    void addComposerWidget(QWidget* w);
    QListView* thread() const { return m_thread; }
    QPlainTextEdit* replyBox() const { return m_reply; }
    /// The selected row if it can be retried, else the last retryable row.
    int retryRow() const;
    void showQuickReplies();

signals:
    void sendRequested(const QString& text);
    void replyEdited(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateCounter();
    QHBoxLayout* m_bar = nullptr;
    void updateMetrics();
    void updateMeta();

    QLabel* m_title = nullptr;
    QLabel* m_meta = nullptr;
    QString m_metaBase;    ///< channel, state, since
    QStringList m_readers; ///< leads reading this conversation
    QLabel* m_risk = nullptr;
    QListView* m_thread = nullptr;
    QPlainTextEdit* m_reply = nullptr;
    QLabel* m_counter = nullptr;
    QToolButton* m_quick = nullptr;
    QToolButton* m_send = nullptr;
    QWidget* m_composer = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace warmline::app
