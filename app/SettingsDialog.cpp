#include "app/SettingsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QSettings>
#include <QVBoxLayout>

namespace warmline::app {

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent)
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
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

bool SettingsDialog::notificationsEnabled()
{
    return QSettings().value(QStringLiteral("notify/tray"), true).toBool();
}

bool SettingsDialog::soundEnabled()
{
    return QSettings().value(QStringLiteral("notify/sound"), true).toBool();
}

void SettingsDialog::save()
{
    QSettings settings;
    settings.setValue(QStringLiteral("notify/tray"), m_notify->isChecked());
    settings.setValue(QStringLiteral("notify/sound"), m_sound->isChecked());
}

} // namespace warmline::app
