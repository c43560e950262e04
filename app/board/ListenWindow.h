#pragma once

// A shift lead on a live call someone else holds (docs/coaching.md): the
// gateway rings the lead's own phone (the app's softphone, else the phone
// on their profile) and mixes it into the call. Three modes the lead
// switches between: Listen (hears both, heard by nobody), Whisper (the
// operator hears the lead, the caller does not) and Barge in (all three
// talk); Hang up ends the lead's line, and so does closing the window. The
// operator is always told. A small window of its own beside the board,
// never modal. GUI thread only.

#include <QJsonObject>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QPushButton;

namespace warmline::app {

class LinkConnection;

class ListenWindow : public QWidget
{
    Q_OBJECT
public:
    ListenWindow(LinkConnection& link, qint64 contactId, const QString& alias,
                 const QString& operatorName, QWidget* parent = nullptr);
    ~ListenWindow() override;

    qint64 contactId() const { return m_contactId; }
    /// "listen", "whisper", "barge", or "" when the lead's line is not on.
    QString mode() const { return m_mode; }
    /// "ringing", "on" or "ended", as the gateway last said.
    QString state() const { return m_state; }
    QString statusText() const;
    /// As the buttons do (tests): "listen", "whisper", "barge" or "stop".
    void choose(const QString& mode);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onEvent(const QString& name, const QJsonObject& data);
    void display(const QString& state, const QString& mode, const QString& reason);

    LinkConnection& m_link;
    const qint64 m_contactId;
    QString m_operatorName;
    QString m_mode;
    QString m_state;
    QButtonGroup* m_modes = nullptr;
    QPushButton* m_listen = nullptr;
    QPushButton* m_whisper = nullptr;
    QPushButton* m_barge = nullptr;
    QPushButton* m_hangUp = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace warmline::app
