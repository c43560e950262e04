#pragma once

// The language of the app's own text (menus, buttons, labels): English or
// Spanish, chosen in Settings (System, English, Español) and kept in
// QSettings under appearance/language. It is applied once at start: the
// app's Spanish translation (embedded, :/i18n/warmline_es.qm) and Qt's own
// (qtbase_es.qm, when the system has it) are installed, or for English its
// plural forms (:/i18n/warmline_en.qm), and QLocale's default is set so
// that dates, times and numbers follow the same choice.
// Text that comes from the gateway or the line's content file is never
// translated. GUI thread only.

#include <QLocale>
#include <QObject>
#include <QString>

class QTranslator;

namespace warmline::app {

class AppLanguage : public QObject
{
    Q_OBJECT
public:
    /// The stored choice: "system" (the default), "en" or "es".
    static QString choice();
    static void setChoice(const QString& choice);
    /// The locale a choice means: for "system", the first English or
    /// Spanish entry of `uiLanguages` (QLocale::system().uiLanguages() when
    /// empty), English when neither is listed.
    static QLocale localeFor(const QString& choice, QStringList uiLanguages = {});

    explicit AppLanguage(QObject* parent = nullptr);
    ~AppLanguage() override;

    /// Installs the translations and the default locale for `choice`,
    /// replacing those installed before. Returns the locale applied.
    QLocale apply(const QString& choice);
    /// True when the app's Spanish translation is installed.
    bool spanishInstalled() const { return m_spanish; }
    /// True when Qt's own Spanish (qtbase_es.qm, package
    /// qt6-translations-l10n) is installed too: standard buttons, dialogs.
    bool qtSpanishInstalled() const { return m_qt != nullptr; }

private:
    void removeInstalled();

    QTranslator* m_app = nullptr;
    QTranslator* m_qt = nullptr;
    bool m_spanish = false;
};

} // namespace warmline::app
