#pragma once

// The review pane: one ended contact as the supervisor reviews it. Header
// (caller alias, when, operator, channel, risk, length, outcome), the thread
// or the call's times, the wrap-up note and fields, notes about the caller
// written in it, the escalation timeline, comments, and the actions: mark
// reviewed, comment for the operator, flag for follow-up, and (admins) reveal
// the number. Shows what the ReviewController holds. GUI thread only.

#include "app/link/SupervisionRecords.h"

#include <QWidget>

class QAbstractItemModel;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTextBrowser;

namespace warmline::app {

class ReviewPane : public QWidget
{
    Q_OBJECT
public:
    ReviewPane(QAbstractItemModel* thread, QAbstractItemModel* escalations,
               QWidget* parent = nullptr);

    /// Shows a contact (nullptr: none). `mayReveal`: the reveal button is offered.
    void showDetail(const ReviewDetailRecord* detail, bool mayReveal);
    void showNumber(const QString& number);

    QPushButton* markButton() const { return m_mark; }
    QPlainTextEdit* commentBox() const { return m_comment; }
    QPushButton* sendCommentButton() const { return m_send; }
    QPushButton* revealButton() const { return m_reveal; }
    QLabel* numberLabel() const { return m_number; }

signals:
    void markRequested(bool reviewed);
    void commentRequested(const QString& body);
    void followUpRequested(bool on, const QString& note);
    void revealRequested(const QString& reason);

private:
    QLabel* m_title = nullptr;
    QLabel* m_meta = nullptr;
    QLabel* m_reviewState = nullptr;
    QLabel* m_empty = nullptr;
    QWidget* m_body = nullptr;
    QStackedWidget* m_threadStack = nullptr;
    QListView* m_threadView = nullptr;
    QLabel* m_callDetails = nullptr;
    QTextBrowser* m_wrapUp = nullptr;
    QLabel* m_escalationTitle = nullptr;
    QTableView* m_escalationView = nullptr;
    QTextBrowser* m_comments = nullptr;
    QPlainTextEdit* m_comment = nullptr;
    QPushButton* m_send = nullptr;
    QPushButton* m_mark = nullptr;
    QCheckBox* m_followUp = nullptr;
    QLineEdit* m_followUpNote = nullptr;
    QPushButton* m_saveFollowUp = nullptr;
    QPushButton* m_reveal = nullptr;
    QLabel* m_number = nullptr;
    bool m_reviewed = false;
};

} // namespace warmline::app
