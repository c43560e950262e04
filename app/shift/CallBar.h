#pragma once

// The bar above the conversation while the open contact is a call: the
// softphone's state (ringing, connected, on hold), Answer (while the
// softphone rings for an operator who answers calls themselves), Mute, Hold, Interpreter,
// Hang up and a call timer against the caller's minutes-per-call limit. Hang up is
// contact.wrapup (the gateway ends both legs); with "Survey" ticked the
// caller stays on for the keypad survey (docs/surveys.md). GUI thread only.

#include <QFrame>

class QCheckBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QTimer;

namespace warmline::app {

class InterpreterButton;
class LevelMeter;
class ShiftSession;

class CallBar : public QFrame
{
    Q_OBJECT
public:
    explicit CallBar(ShiftSession& session, QWidget* parent = nullptr);

    /// Shows or hides the bar for the open contact and refreshes it.
    void refresh();
    QString stateText() const;
    QString timerText() const;
    /// A level in dBm0 as the meters show it: 0 at -60 dBm0 or below, 100 at 0.
    static int meterPercent(double dbm0);

private:
    void tick();
    void showLevels();

    ShiftSession& m_session;
    QLabel* m_state = nullptr;
    QLabel* m_timer = nullptr;
    QPushButton* m_answer = nullptr;
    QWidget* m_meters = nullptr;
    QFormLayout* m_meterRows = nullptr;
    LevelMeter* m_micMeter = nullptr;
    LevelMeter* m_heardMeter = nullptr;
    QPushButton* m_mute = nullptr;
    QPushButton* m_hold = nullptr;
    QPushButton* m_hangUp = nullptr;
    QCheckBox* m_survey = nullptr;
    InterpreterButton* m_interpreter = nullptr;
    QTimer* m_clock = nullptr;
    bool m_held = false;
};

} // namespace warmline::app
