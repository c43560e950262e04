#pragma once

// After a heavy contact, a short note for a supervisor about how it went and
// what weighs on the operator (contact.debrief, docs/wellbeing.md). Optional,
// kept as a draft while it is written (it survives a crash of the app), and
// sent only when the operator chooses. GUI thread only.

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace warmline::app {

class ShiftSession;

class DebriefDialog : public QDialog
{
    Q_OBJECT
public:
    DebriefDialog(ShiftSession& session, qint64 contactId, QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return m_body; }
    /// Sends the debrief; the dialog closes when the gateway has stored it.
    void send();

private:
    ShiftSession& m_session;
    qint64 m_contactId = 0;
    QPlainTextEdit* m_body = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace warmline::app
