#pragma once

// Notification preferences (tray message and sound for a new contact while
// available), the app's text size and language (AppLanguage, applied at the
// next start), and the softphone's audio (devices, or play/record files),
// kept in QSettings; and the audio test (a tone, a few seconds recorded,
// played back) on the devices chosen. GUI thread only.

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace warmline::app {

class LevelMeter;
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
    /// Answer a call the moment it reaches the softphone (default), or let it
    /// ring until the operator presses Answer.
    static bool autoAnswer();
    /// The app's text size in percent of the desktop's (100-200).
    static int textScale();
    /// Sets the whole app's font to textScale() of the desktop's font.
    static void applyTextScale();
    /// White on black with a yellow highlight (off by default).
    static bool highContrast();

    void done(int result) override;

private:
    void save();
    void fillDevices(const QString& input, const QString& output);
    void toggleAudioTest();
    void showAudioTestResult(bool ok, double peakDbfs, const QString& problem);

    QCheckBox* m_notify = nullptr;
    QCheckBox* m_sound = nullptr;
    QComboBox* m_input = nullptr;
    QComboBox* m_output = nullptr;
    QCheckBox* m_files = nullptr;
    QCheckBox* m_autoAnswer = nullptr;
    Softphone* m_phone = nullptr;
    QComboBox* m_textSize = nullptr;
    QComboBox* m_language = nullptr;
    QCheckBox* m_contrast = nullptr;
    QPushButton* m_testAudio = nullptr;
    LevelMeter* m_testLevel = nullptr;
    QLabel* m_testStatus = nullptr;
};

} // namespace warmline::app
