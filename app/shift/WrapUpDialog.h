#pragma once

// Wrap-up before closing a contact: note, topics, referrals, outcome and
// whether it helped. Every part but topics and referrals is required; the
// close button stays disabled until they are given. Shown with open(), never
// exec(). GUI thread only.

#include "app/shift/ShiftSession.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace warmline::app {

class WrapUpDialog : public QDialog
{
    Q_OBJECT
public:
    WrapUpDialog(const QString& callerAlias, const QStringList& topics,
                 const QStringList& referrals, const QString& noteDraft, QWidget* parent = nullptr);

    WrapUp wrapUp() const;
    /// What is already known (from the contact's escalation): the outcome,
    /// topics and referrals to start from, so nothing is asked twice.
    /// Items not in the lists are ignored; the operator can change all.
    void preset(const QString& outcome, const QStringList& topics, const QStringList& referrals);
    void showError(const QString& sentence);
    void setBusy(bool busy);

signals:
    void submitted(const warmline::app::WrapUp& wrapUp);
    void noteEdited(const QString& note);

private:
    void updateValidity();

    QPlainTextEdit* m_note = nullptr;
    QListWidget* m_topics = nullptr;
    QListWidget* m_referrals = nullptr;
    QComboBox* m_outcome = nullptr;
    QComboBox* m_helped = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace warmline::app
