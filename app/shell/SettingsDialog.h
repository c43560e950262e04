#pragma once

// Notification preferences (tray message and sound for a new contact while
// available) and the softphone's audio (devices, or play/record files), kept
// in QSettings. GUI thread only.

#include <QDialog>

class QCheckBox;
class QComboBox;

namespace warmline::app {

class Softphone;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    /// `phone` lists the sound devices (null or not started: none listed).
    explicit SettingsDialog(Softphone* phone = nullptr, QWidget* parent = nullptr);

    static bool notificationsEnabled();
    static bool soundEnabled();
    static QString inputDevice();
    static QString outputDevice();
    /// Play and record files instead of using a sound card.
    static bool useFiles();

private:
    void save();

    QCheckBox* m_notify = nullptr;
    QCheckBox* m_sound = nullptr;
    QComboBox* m_input = nullptr;
    QComboBox* m_output = nullptr;
    QCheckBox* m_files = nullptr;
};

} // namespace warmline::app
