#pragma once

// The call bar's Interpreter button (docs/languages.md): a menu of the
// line's interpreter services and their languages; choosing one calls it
// into the open call (call.interpreter), and while it rings or is on the
// button ends it (call.interpreter.end). Follows call.interpreter events for
// each call this operator holds. Hidden when the line has no service.
// GUI thread only.

#include <QHash>
#include <QPushButton>

class QJsonObject;
class QMenu;

namespace warmline::app {

class ShiftSession;

class InterpreterButton : public QPushButton
{
    Q_OBJECT
public:
    explicit InterpreterButton(ShiftSession& session, QWidget* parent = nullptr);

    /// The open call's interpreter: "" (none), ringing, connected.
    QString state() const;
    /// A short sentence for the call bar, "" when there is no interpreter.
    QString stateText() const;
    /// Shows, enables and labels the button for the open contact.
    void refresh(bool live);

    /// Calls `service` for `language` ("" for none) into the open call.
    void request(const QString& service, const QString& language);
    /// Ends the open call's interpreter.
    void end();

signals:
    void stateChanged();

private:
    void rebuildMenu();
    void onEvent(const QString& name, const QJsonObject& data);

    ShiftSession& m_session;
    QMenu* m_menu = nullptr;
    QHash<qint64, QString> m_states; ///< contact -> ringing|connected
    QHash<qint64, QString> m_names;  ///< contact -> "service (language)"
    bool m_live = false;
};

} // namespace warmline::app
