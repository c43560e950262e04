#pragma once

// A quiet bar across the operator's window for what the gateway tells them
// about themselves (operator.notice, docs/wellbeing.md): a reminder to take
// a break after a long stretch or a heavy contact, with Take a break, Write
// a debrief (after a heavy contact) and Not now; and the other notices the
// operator must not miss (their phone did not answer and they were put on
// break, a crisis line did not take a transfer). Nothing here is imposed:
// every button can be ignored. GUI thread only.

#include <QFrame>

class QJsonObject;
class QLabel;
class QPushButton;

namespace warmline::app {

class ShiftSession;

class WellbeingBar : public QFrame
{
    Q_OBJECT
public:
    explicit WellbeingBar(ShiftSession& session, QWidget* parent = nullptr);

    QString text() const;
    QString kind() const { return m_kind; }
    /// The contact a debrief would be about (0: none offered).
    qint64 debriefContact() const { return m_contactId; }
    QPushButton* breakButton() const { return m_break; }
    QPushButton* debriefButton() const { return m_debrief; }
    QPushButton* dismissButton() const { return m_dismiss; }

signals:
    /// A notice arrived (the window beeps and flashes for the urgent ones).
    void arrived(const QString& text, bool urgent);
    /// The operator asked to write a debrief about `contactId`.
    void debriefRequested(qint64 contactId);

private:
    void onEvent(const QString& name, const QJsonObject& data);

    ShiftSession& m_session;
    QLabel* m_text = nullptr;
    QPushButton* m_break = nullptr;
    QPushButton* m_debrief = nullptr;
    QPushButton* m_dismiss = nullptr;
    QString m_kind;
    qint64 m_contactId = 0;
};

} // namespace warmline::app
