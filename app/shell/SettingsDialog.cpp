#include "app/shell/SettingsDialog.h"

#include "app/phone/Softphone.h"
#include "app/shell/AppLanguage.h"
#include "app/widgets/AccessibleStyle.h"
#include "app/widgets/LevelMeter.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace warmline::app {

SettingsDialog::SettingsDialog(Softphone* phone, QWidget* parent) : QDialog(parent), m_phone(phone)
{
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    m_notify = new QCheckBox(tr("Show a &notification when someone joins the queue"), this);
    m_notify->setAccessibleName(tr("Notifications for new contacts"));
    m_notify->setChecked(notificationsEnabled());
    m_sound = new QCheckBox(tr("Play a &sound when someone joins the queue"), this);
    m_sound->setAccessibleName(tr("Sound for new contacts"));
    m_sound->setChecked(soundEnabled());
    layout->addWidget(m_notify);
    layout->addWidget(m_sound);

    auto* appearance = new QFormLayout;
    m_textSize = new QComboBox(this);
    m_textSize->setAccessibleName(tr("Text size"));
    for (const int percent : {100, 125, 150, 175, 200}) {
        m_textSize->addItem(tr("%1 %").arg(percent), percent);
    }
    m_textSize->setCurrentIndex(std::max(0, m_textSize->findData(textScale())));
    appearance->addRow(tr("&Text size:"), m_textSize);
    m_language = new QComboBox(this);
    m_language->setAccessibleName(tr("Language of the app"));
    m_language->addItem(tr("System"), QStringLiteral("system"));
    // Each language is named in its own words, so that it can be found.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(AppLanguage::choice())));
    appearance->addRow(tr("&Language:"), m_language);
    auto* languageNote =
        new QLabel(tr("The language changes the next time you start Warmline."), this);
    languageNote->setObjectName(QStringLiteral("languageNote"));
    languageNote->setWordWrap(true);
    // A wrapped label inside a QFormLayout is given too little height at
    // large text sizes and the rows overlap: the notes stand outside forms.
    layout->addLayout(appearance);
    layout->addWidget(languageNote);
    m_contrast = new QCheckBox(tr("&High contrast"), this);
    m_contrast->setAccessibleName(tr("High contrast"));
    m_contrast->setAccessibleDescription(
        tr("White text on black, with a yellow highlight and focus outline"));
    m_contrast->setChecked(highContrast());
    layout->addWidget(m_contrast);

    auto* audio = new QFormLayout;
    m_input = new QComboBox(this);
    m_input->setAccessibleName(tr("Microphone for calls"));
    m_output = new QComboBox(this);
    m_output->setAccessibleName(tr("Speaker or headset for calls"));
    fillDevices(inputDevice(), outputDevice());
    if (phone) {
        // A headset plugged in or out while the dialog is open.
        connect(phone, &Softphone::devicesChanged, this, [this] {
            fillDevices(m_input->currentData().toString(), m_output->currentData().toString());
        });
    }
    audio->addRow(tr("&Microphone:"), m_input);
    audio->addRow(tr("Spea&ker:"), m_output);
    layout->addLayout(audio);

    // The audio test: what an operator at home checks before a shift.
    auto* testRow = new QHBoxLayout;
    m_testAudio = new QPushButton(tr("&Test audio"), this);
    m_testAudio->setObjectName(QStringLiteral("testAudio"));
    m_testAudio->setAccessibleName(tr("Test the microphone and speaker"));
    m_testAudio->setAccessibleDescription(
        tr("Plays a tone, records a few seconds from the microphone and plays them back"));
    m_testLevel = new LevelMeter(this);
    m_testLevel->setObjectName(QStringLiteral("audioTestLevel"));
    m_testLevel->setAccessibleName(tr("Microphone level"));
    m_testLevel->setEnabled(false);
    testRow->addWidget(m_testAudio);
    testRow->addWidget(m_testLevel, 1);
    layout->addLayout(testRow);
    m_testStatus = new QLabel(this);
    m_testStatus->setObjectName(QStringLiteral("audioTestStatus"));
    m_testStatus->setWordWrap(true);
    layout->addWidget(m_testStatus);
    connect(m_testAudio, &QPushButton::clicked, this, &SettingsDialog::toggleAudioTest);
    if (phone) {
        connect(phone, &Softphone::audioTestStepChanged, this,
                [this](Softphone::AudioTestStep step) {
                    const bool over = step == Softphone::AudioTestStep::Done ||
                                      step == Softphone::AudioTestStep::Failed;
                    m_testAudio->setText(over ? tr("&Test audio") : tr("S&top the test"));
                    m_testLevel->setEnabled(step == Softphone::AudioTestStep::Recording);
                    switch (step) {
                    case Softphone::AudioTestStep::Tone:
                        m_testStatus->setText(tr("Playing a tone on your speaker…"));
                        break;
                    case Softphone::AudioTestStep::Recording:
                        m_testStatus->setText(
                            tr("Say a few words: recording your microphone for 4 seconds…"));
                        break;
                    case Softphone::AudioTestStep::PlayingBack:
                        m_testLevel->setValue(0);
                        m_testStatus->setText(tr("Playing back what your microphone heard…"));
                        break;
                    case Softphone::AudioTestStep::Done:
                    case Softphone::AudioTestStep::Failed:
                        break;
                    }
                });
        connect(phone, &Softphone::audioTestLevel, this, [this](double dbfs) {
            // -60 dBFS (a quiet room) to 0 (as loud as it goes).
            m_testLevel->setValue(static_cast<int>(
                std::lround((std::clamp(dbfs, -60.0, 0.0) + 60.0) * 100.0 / 60.0)));
        });
        connect(phone, &Softphone::audioTestFinished, this, &SettingsDialog::showAudioTestResult);
    }
    if (phone && phone->audioTestRunning()) {
        m_testAudio->setText(tr("S&top the test")); // an earlier dialog's, ending
    }
    if (!phone || !phone->running()) {
        m_testAudio->setEnabled(false);
        m_testStatus->setText(
            tr("The softphone is not running, so there is no audio to test here."));
    } else if (phone->usingFiles()) {
        m_testAudio->setEnabled(false);
        m_testStatus->setText(tr("No sound card is in use (the softphone plays and records "
                                 "files), so there is nothing to test."));
    }

    m_files = new QCheckBox(tr("Play and record &files instead of a sound card (testing)"), this);
    m_files->setAccessibleName(tr("Softphone plays and records files"));
    m_files->setChecked(useFiles());
    layout->addWidget(m_files);
    auto* restart = new QLabel(tr("A new microphone or speaker applies at once, to a call in "
                                  "progress too; files, and the system default, the next time you "
                                  "sign in."),
                               this);
    restart->setWordWrap(true);
    layout->addWidget(restart);
    m_autoAnswer = new QCheckBox(tr("Answer calls &automatically once I accept them"), this);
    m_autoAnswer->setAccessibleName(tr("Answer calls automatically"));
    m_autoAnswer->setAccessibleDescription(
        tr("When off, the softphone rings and the call bar shows an Answer button (Alt+A)"));
    m_autoAnswer->setChecked(autoAnswer());
    layout->addWidget(m_autoAnswer);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // Wrapped notes need more height than the layout's own hint says at
    // large text sizes; without this the rows are squeezed over each other.
    layout->activate();
    setMinimumHeight(layout->totalHeightForWidth(layout->totalSizeHint().width()));
}

void SettingsDialog::fillDevices(const QString& input, const QString& output)
{
    for (auto* box : {m_input, m_output}) {
        box->clear();
        box->addItem(tr("System default"), QString());
    }
    if (m_phone) {
        const auto ids = m_phone->deviceIds();
        const auto names = m_phone->deviceNames();
        for (qsizetype i = 0; i < ids.size() && i < names.size(); ++i) {
            m_input->addItem(names[i], ids[i]);
            m_output->addItem(names[i], ids[i]);
        }
    }
    m_input->setCurrentIndex(std::max(0, m_input->findData(input)));
    m_output->setCurrentIndex(std::max(0, m_output->findData(output)));
}

void SettingsDialog::toggleAudioTest()
{
    if (!m_phone) {
        return;
    }
    if (m_phone->audioTestRunning()) {
        m_phone->cancelAudioTest();
        return;
    }
    if (!m_phone->startAudioTest(m_input->currentData().toString(),
                                 m_output->currentData().toString())) {
        m_testStatus->setText(tr("The test cannot run now: it waits until no call is open."));
    }
}

void SettingsDialog::done(int result)
{
    // Closing Settings ends a test: nothing plays after the dialog is gone.
    if (m_phone && m_phone->audioTestRunning()) {
        m_phone->cancelAudioTest();
    }
    QDialog::done(result);
}

void SettingsDialog::showAudioTestResult(bool ok, double peakDbfs, const QString& problem)
{
    m_testLevel->setValue(0);
    m_testLevel->setEnabled(false);
    if (!ok) {
        m_testStatus->setText(problem);
    } else if (peakDbfs < -50.0) {
        m_testStatus->setText(tr("Your microphone sent only silence. Check that it is plugged in "
                                 "and not muted, or choose another microphone."));
    } else if (peakDbfs < -30.0) {
        m_testStatus->setText(tr("Your microphone works but sounds quiet: move it closer or "
                                 "raise its level in the system's sound settings."));
    } else {
        m_testStatus->setText(tr("Your microphone works. You should have heard the tone, then "
                                 "yourself; if you heard neither, choose another speaker."));
    }
}

bool SettingsDialog::notificationsEnabled()
{
    return QSettings().value(QStringLiteral("notify/tray"), true).toBool();
}

bool SettingsDialog::soundEnabled()
{
    return QSettings().value(QStringLiteral("notify/sound"), true).toBool();
}

QString SettingsDialog::inputDevice()
{
    return QSettings().value(QStringLiteral("softphone/input")).toString();
}

QString SettingsDialog::outputDevice()
{
    return QSettings().value(QStringLiteral("softphone/output")).toString();
}

bool SettingsDialog::autoAnswer()
{
    return QSettings().value(QStringLiteral("softphone/autoAnswer"), true).toBool();
}

bool SettingsDialog::useFiles()
{
    return QSettings().value(QStringLiteral("softphone/files"), false).toBool();
}

int SettingsDialog::textScale()
{
    return std::clamp(QSettings().value(QStringLiteral("appearance/textScale"), 100).toInt(), 100,
                      200);
}

void SettingsDialog::applyTextScale()
{
    // The desktop's font, as the app found it, is the 100 % size.
    static const QFont desktop = QApplication::font();
    QFont f = desktop;
    if (desktop.pointSizeF() > 0) {
        f.setPointSizeF(desktop.pointSizeF() * textScale() / 100.0);
    } else {
        f.setPixelSize(std::max(1, desktop.pixelSize() * textScale() / 100));
    }
    QApplication::setFont(f);
}

bool SettingsDialog::highContrast()
{
    return QSettings().value(QStringLiteral("appearance/highContrast"), false).toBool();
}

void SettingsDialog::save()
{
    QSettings settings;
    if (m_contrast->isChecked() != highContrast()) {
        settings.setValue(QStringLiteral("appearance/highContrast"), m_contrast->isChecked());
        applyAccessibleLook(m_contrast->isChecked());
    }
    const bool resized = m_textSize->currentData().toInt() != textScale();
    settings.setValue(QStringLiteral("appearance/textScale"), m_textSize->currentData().toInt());
    if (resized) {
        applyTextScale();
    }
    settings.setValue(QStringLiteral("softphone/input"), m_input->currentData().toString());
    settings.setValue(QStringLiteral("softphone/output"), m_output->currentData().toString());
    settings.setValue(QStringLiteral("softphone/files"), m_files->isChecked());
    settings.setValue(QStringLiteral("softphone/autoAnswer"), m_autoAnswer->isChecked());
    if (m_phone) {
        m_phone->setAutoAnswer(m_autoAnswer->isChecked());
        m_phone->setDevices(m_input->currentData().toString(), m_output->currentData().toString());
    }
    settings.setValue(QStringLiteral("notify/tray"), m_notify->isChecked());
    settings.setValue(QStringLiteral("notify/sound"), m_sound->isChecked());
    AppLanguage::setChoice(m_language->currentData().toString());
}

} // namespace warmline::app
