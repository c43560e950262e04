#pragma once

// The caller's own plans beside the conversation (docs/plans.md): a
// wellness plan in WRAP's sections and a safety plan in the Stanley–Brown
// plan's, each in the caller's words. Kept on their profile only with their
// consent (asked for on the first save, shown after); each change is kept
// with who and when. The plan can be texted to a texter, and deleted when
// the caller asks. Opened from the caller panel, or from the crisis
// prompt's Safety plan action: then saving also records the plan as the
// escalation's safety-plan step (with or without consent to keep it on the
// profile). Not modal. GUI thread only.

#include <QDialog>
#include <QHash>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace warmline::app {

class ShiftSession;

class PlanDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PlanDialog(ShiftSession& session, QWidget* parent = nullptr);

    /// Shows the plan of `kind` ("wrap" or "safety") for the open contact's
    /// caller. `escalationId` non-zero: opened from the crisis prompt.
    void openFor(const QString& kind, qint64 escalationId = 0);

    QTabWidget* tabs() const { return m_tabs; }
    QPlainTextEdit* sectionEdit(const QString& kind, const QString& key) const;
    QCheckBox* consentBox(const QString& kind) const { return m_consent.value(kind); }
    QPushButton* saveButton(const QString& kind) const { return m_save.value(kind); }
    QPushButton* sendButton(const QString& kind) const { return m_send.value(kind); }
    QPushButton* deleteButton(const QString& kind) const { return m_delete.value(kind); }
    QLabel* status(const QString& kind) const { return m_status.value(kind); }
    /// Answers "yes" to the delete confirmation (tests; no modal box).
    void setConfirmDeletes(bool yes) { m_confirmDeletes = yes; }

    /// A section's title, translated.
    static QString sectionTitle(const QString& key);

private:
    QWidget* buildTab(const QString& kind);
    void load();
    void save(const QString& kind);
    void send(const QString& kind);
    void remove(const QString& kind);
    QString planText(const QString& kind) const;

    ShiftSession& m_session;
    QTabWidget* m_tabs = nullptr;
    QHash<QString, QHash<QString, QPlainTextEdit*>> m_edits; ///< kind → key → editor
    QHash<QString, QCheckBox*> m_consent;
    QHash<QString, QLineEdit*> m_consentText;
    QHash<QString, QLabel*> m_consentShown;
    QHash<QString, QLabel*> m_changes;
    QHash<QString, QPushButton*> m_save;
    QHash<QString, QPushButton*> m_send;
    QHash<QString, QPushButton*> m_delete;
    QHash<QString, QLabel*> m_status;
    qint64 m_contactId = 0;
    qint64 m_escalationId = 0;
    bool m_confirmDeletes = false;
};

} // namespace warmline::app
