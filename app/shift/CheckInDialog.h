#pragma once

// Check-ins the caller asks for (docs/checkins.md), from the open contact:
// the caller's check-ins with their next time, a form to schedule one (a
// time in the caller's zone, once or on set days, ending after a number of
// times or on a date, with dates to skip, why, and the caller's consent),
// and Stop for one the caller no longer wants. By text or by call (a line
// with a trunk); the gateway queues each time for whoever is on shift. Not modal. GUI thread only.

#include <QDialog>

#include <array>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTimeEdit;

namespace warmline::app {

class ShiftSession;

class CheckInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CheckInDialog(ShiftSession& session, QWidget* parent = nullptr);

    /// Shows the check-ins of the open contact's caller, and the form.
    void openFor();

    QComboBox* byBox() const { return m_by; }
    QTimeEdit* timeEdit() const { return m_time; }
    /// Monday is 0.
    QCheckBox* dayBox(int day) const { return m_days.at(static_cast<std::size_t>(day)); }
    QDateEdit* fromEdit() const { return m_from; }
    QSpinBox* timesBox() const { return m_times; }
    QCheckBox* untilBox() const { return m_untilOn; }
    QDateEdit* untilEdit() const { return m_until; }
    QComboBox* zoneBox() const { return m_zone; }
    QLineEdit* exceptEdit() const { return m_except; }
    QLineEdit* reasonEdit() const { return m_reason; }
    QCheckBox* consentBox() const { return m_consent; }
    QPushButton* scheduleButton() const { return m_schedule; }
    QListWidget* list() const { return m_list; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* status() const { return m_status; }

private:
    void reload();
    void schedule();
    void stopSelected();

    ShiftSession& m_session;
    QComboBox* m_by = nullptr;
    QTimeEdit* m_time = nullptr;
    std::array<QCheckBox*, 7> m_days{};
    QDateEdit* m_from = nullptr;
    QSpinBox* m_times = nullptr;
    QCheckBox* m_untilOn = nullptr;
    QDateEdit* m_until = nullptr;
    QComboBox* m_zone = nullptr;
    QLineEdit* m_except = nullptr;
    QLineEdit* m_reason = nullptr;
    QCheckBox* m_consent = nullptr;
    QPushButton* m_schedule = nullptr;
    QListWidget* m_list = nullptr;
    QPushButton* m_stop = nullptr;
    QLabel* m_status = nullptr;
    qint64 m_contactId = 0;
};

} // namespace warmline::app
