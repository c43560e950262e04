#pragma once

// A shift lead reading a live text conversation someone else holds
// (docs/coaching.md): the thread as it grows, read-only; private coaching
// notes to its operator (never the texter); asking to take it over, or
// taking it at once when the contact is in an escalation. Opening it is
// contact.watch (audited; the operator is told); closing it ends the
// watching. A window of its own beside the board, never modal. GUI thread
// only.

#include "app/shift/ConversationModel.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;

namespace warmline::app {

class LinkConnection;

class CoachWindow : public QWidget
{
    Q_OBJECT
public:
    CoachWindow(LinkConnection& link, qint64 contactId, const QString& alias,
                const QString& operatorName, QWidget* parent = nullptr);
    ~CoachWindow() override;

    qint64 contactId() const { return m_contactId; }
    bool watching() const { return m_watching; }
    /// The last result or refusal shown (tests read it).
    QString statusText() const;
    int messageCount() const { return m_thread.rowCount(); }
    int noteCount() const;
    /// Types a note and sends it, as the Send button does (tests).
    void sendNote(const QString& text);
    void askToTakeOver();
    void takeOverNow();

signals:
    /// The watching ended for good (the contact closed, left its operator,
    /// or is the lead's own now).
    void ended();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void watch();
    void onEvent(const QString& name, const QJsonObject& data);
    void addNote(const QJsonObject& event);
    void setStatus(const QString& sentence);
    void end(const QString& sentence);
    void stopWatching();

    LinkConnection& m_link;
    const qint64 m_contactId;
    QString m_alias;
    QString m_operatorName;
    ConversationModel m_thread;
    QLabel* m_header = nullptr;
    QListView* m_view = nullptr;
    QListWidget* m_notes = nullptr;
    QLineEdit* m_note = nullptr;
    QPushButton* m_send = nullptr;
    QPushButton* m_ask = nullptr;
    QPushButton* m_now = nullptr;
    QPushButton* m_close = nullptr;
    QLabel* m_status = nullptr;
    bool m_watching = false;
    bool m_ended = false;
};

} // namespace warmline::app
