#pragma once

// The crisis prompt inside the open contact (docs/escalation.md): the level
// and the words that raised it, the Columbia screener as a checklist whose
// answers are recorded, the action the answers call for, and the actions
// (safety plan, warm transfer, emergency, close with a reason). Shown while
// the contact has an open escalation; cannot be dismissed without closing the
// escalation. Shows what the ShiftSession holds. GUI thread only.

#include "app/shift/ShiftSession.h"

#include <QFrame>
#include <QSet>

class QButtonGroup;
class QResizeEvent;
class QComboBox;
class QPlainTextEdit;
class QStackedWidget;
class QVBoxLayout;
class QGridLayout;
class QLabel;
class QPushButton;
class QToolButton;

namespace warmline::app {

class EscalationPanel : public QFrame
{
    Q_OBJECT
public:
    explicit EscalationPanel(ShiftSession& session, QWidget* parent = nullptr);

    /// Shows the open contact's escalation, or hides.
    void refresh();

    // For tests and screenshots.
    QLabel* banner() const { return m_banner; }
    QLabel* signalsLabel() const { return m_signals; }
    QLabel* recommendation() const { return m_recommendation; }
    QLabel* stepsLabel() const { return m_steps; }
    QLabel* errorLabel() const { return m_error; }
    /// Screener question `key` ("q1".."q6", "q6recent", "dangerNow").
    QButtonGroup* question(const QString& key) const { return m_questions.value(key); }
    QPushButton* recordAnswersButton() const { return m_record; }
    QPushButton* safetyPlanButton() const { return m_safetyPlan; }
    QToolButton* transferButton() const { return m_transfer; }
    /// What a chosen warm transfer will do, with Send / Cancel; shown
    /// inside the prompt after a line is picked from the menu.
    QWidget* transferConfirmation() const { return m_transferConfirm; }
    QLabel* transferPreview() const { return m_transferPreview; }
    QPushButton* transferSendButton() const { return m_transferSend; }
    QPushButton* confirmedButton() const { return m_confirmed; }
    QPushButton* leaveCallButton() const { return m_leave; }
    QPushButton* emergencyButton() const { return m_emergency; }
    QPushButton* closeButton() const { return m_close; }
    qint64 escalationId() const { return m_escalationId; }
    /// The emergency (911) and close-escalation forms: shown
    /// inside the prompt (never a dialog), one at a time, while the
    /// conversation stays usable. Null page: none open.
    QWidget* openForm() const;
    QWidget* emergencyForm() const { return m_emergencyForm; }
    QWidget* closeForm() const { return m_closeForm; }
    /// Emergency fields: "location", "landmarks", "withThem", "happening".
    QWidget* emergencyField(const QString& key) const { return m_emergencyFields.value(key); }
    QComboBox* closeOutcome() const { return m_closeOutcome; }
    QPlainTextEdit* closeReason() const { return m_closeReason; }
    /// The open form's record/close button.
    QPushButton* formSubmitButton() const;

    /// The screener's answers as the checklist holds them now.
    QJsonObject answers() const;

signals:
    /// The operator chose Safety plan: the caller's plan editor opens on
    /// its safety plan, and what is made there is recorded as this
    /// escalation's safety-plan step.
    void safetyPlanRequested(qint64 escalationId);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    /// Takes the height its wrapped text needs at the current width: in a
    /// scroll area the labels would otherwise be squeezed and overlap.
    void fitHeight();
    void addQuestion(QGridLayout* grid, int row, const QString& key, const QString& text);
    void updateQuestions();
    void buildTransferMenu();
    void askTransfer(const QString& lineId);
    void buildForms(QVBoxLayout* layout);
    void showForm(QWidget* form);
    void askEmergency();
    void askClose();

    ShiftSession& m_session;
    qint64 m_escalationId = 0;
    QSet<qint64> m_seenSent;
    QLabel* m_banner = nullptr;
    QLabel* m_signals = nullptr;
    QLabel* m_recommendation = nullptr;
    QLabel* m_steps = nullptr;
    QLabel* m_error = nullptr;
    QHash<QString, QButtonGroup*> m_questions;
    QHash<QString, QWidget*> m_questionRows;
    QPushButton* m_record = nullptr;
    QPushButton* m_safetyPlan = nullptr;
    QToolButton* m_transfer = nullptr;
    QWidget* m_transferConfirm = nullptr;
    QLabel* m_transferPreview = nullptr;
    QPushButton* m_transferSend = nullptr;
    QString m_transferLine; ///< the line the confirmation is for
    QPushButton* m_confirmed = nullptr;
    QPushButton* m_leave = nullptr;
    QPushButton* m_emergency = nullptr;
    QPushButton* m_close = nullptr;
    QStackedWidget* m_forms = nullptr;
    QWidget* m_emergencyForm = nullptr;
    QWidget* m_closeForm = nullptr;
    QHash<QString, QWidget*> m_emergencyFields;
    QComboBox* m_closeOutcome = nullptr;
    QPlainTextEdit* m_closeReason = nullptr;
    QHash<QWidget*, QPushButton*> m_submit; ///< each form's record button
};

} // namespace warmline::app
