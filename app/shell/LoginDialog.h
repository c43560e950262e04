#pragma once

// Sign-in form: gateway address and name (remembered in QSettings), and a
// password that is never stored. Shows the link's errors in plain words.
// Emits signInRequested; the owner talks to the link. GUI thread only.

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace warmline::app {

class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LoginDialog(QWidget* parent = nullptr);

    /// Command-line values win over the remembered ones.
    void prefill(const QString& gateway, const QString& name);
    void setBusy(bool busy);
    void showError(const QString& sentence);
    QString gateway() const;
    QString name() const;

signals:
    void signInRequested(const QUrl& gateway, const QString& name, const QString& password);

private:
    void submit();

    QLineEdit* m_gateway = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_signIn = nullptr;
};

} // namespace warmline::app
