#include "app/shell/LoginDialog.h"

#include "app/widgets/Theme.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QUrl>
#include <QVBoxLayout>

namespace warmline::app {

LoginDialog::LoginDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Sign in to Warmline"));
    setAccessibleName(tr("Sign in"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(14);

    auto* title = new QLabel(tr("Warmline"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    title->setFont(f);
    auto* subtitle = new QLabel(tr("Peer support warmline — sign in to start your shift."), this);
    subtitle->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(subtitle);

    auto* form = new QFormLayout;
    form->setSpacing(10);
    m_gateway = new QLineEdit(this);
    m_gateway->setPlaceholderText(QStringLiteral("ws://gateway.local:8080/link"));
    m_gateway->setAccessibleName(tr("Gateway address"));
    m_name = new QLineEdit(this);
    m_name->setAccessibleName(tr("Your name"));
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    form->addRow(tr("&Gateway:"), m_gateway);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Sign-in problem"));
    // The palette's trouble tone: on black (high contrast) the fixed red had 3.7:1.
    m_error->setStyleSheet(
        QStringLiteral("color: %1;").arg(toneColor(palette(), Tone::Trouble).name()));
    m_error->hide();
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setAccessibleName(tr("Sign in"));
    m_signIn->setDefault(true);
    auto* quit = buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    quit->setAccessibleName(tr("Quit"));
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    QSettings settings;
    m_gateway->setText(settings.value(QStringLiteral("login/gateway")).toString());
    m_name->setText(settings.value(QStringLiteral("login/name")).toString());
    setMinimumWidth(440);
}

void LoginDialog::prefill(const QString& gateway, const QString& name)
{
    if (!gateway.isEmpty()) {
        m_gateway->setText(gateway);
    }
    if (!name.isEmpty()) {
        m_name->setText(name);
    }
    (m_gateway->text().isEmpty() ? m_gateway
     : m_name->text().isEmpty()  ? m_name
                                 : m_password)
        ->setFocus();
}

void LoginDialog::setBusy(bool busy)
{
    m_signIn->setEnabled(!busy);
    m_signIn->setText(busy ? tr("Signing in…") : tr("Sign in"));
    if (busy) {
        m_error->hide();
    }
}

void LoginDialog::showError(const QString& sentence)
{
    setBusy(false);
    m_error->setText(sentence);
    // The name says what the label is; a screen reader reads the sentence
    // itself from the description.
    m_error->setAccessibleDescription(sentence);
    m_error->show();
    m_password->clear();
    m_password->setFocus();
}

QString LoginDialog::gateway() const
{
    return m_gateway->text().trimmed();
}

QString LoginDialog::name() const
{
    return m_name->text().trimmed();
}

void LoginDialog::submit()
{
    QString address = gateway();
    if (!address.isEmpty() && !address.contains(QStringLiteral("://"))) {
        address = QStringLiteral("ws://") + address;
    }
    const QUrl url(address);
    if (address.isEmpty() || !url.isValid() || url.host().isEmpty()) {
        showError(tr("Enter the gateway's address, for example ws://gateway.local:8080/link."));
        m_gateway->setFocus();
        return;
    }
    if (name().isEmpty() || m_password->text().isEmpty()) {
        showError(tr("Enter your name and password."));
        (name().isEmpty() ? m_name : m_password)->setFocus();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("login/gateway"), address);
    settings.setValue(QStringLiteral("login/name"), name());
    setBusy(true);
    const QString password = m_password->text();
    // Used once: the field is empty whenever the form shows again.
    m_password->clear();
    emit signInRequested(url, name(), password);
}

} // namespace warmline::app
