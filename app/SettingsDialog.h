#pragma once

// Notification preferences (tray message and sound for a new contact while
// available), kept in QSettings. GUI thread only.

#include <QDialog>

class QCheckBox;

namespace warmline::app {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    static bool notificationsEnabled();
    static bool soundEnabled();

private:
    void save();

    QCheckBox* m_notify = nullptr;
    QCheckBox* m_sound = nullptr;
};

} // namespace warmline::app
