#include "app/shell/AppLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace warmline::app {

namespace {

const QString kKey = QStringLiteral("appearance/language");

} // namespace

QString AppLanguage::choice()
{
    const QString v = QSettings().value(kKey, QStringLiteral("system")).toString();
    return v == u"en" || v == u"es" ? v : QStringLiteral("system");
}

void AppLanguage::setChoice(const QString& choice)
{
    QSettings().setValue(kKey, choice);
}

QLocale AppLanguage::localeFor(const QString& choice, QStringList uiLanguages)
{
    if (choice == u"en") {
        return QLocale(QLocale::English, QLocale::UnitedStates);
    }
    if (choice == u"es") {
        return QLocale(QLocale::Spanish, QLocale::UnitedStates);
    }
    if (uiLanguages.isEmpty()) {
        uiLanguages = QLocale::system().uiLanguages();
    }
    for (const QString& tag : uiLanguages) {
        const QLocale locale(tag);
        if (locale.language() == QLocale::Spanish || locale.language() == QLocale::English) {
            return locale;
        }
    }
    return QLocale(QLocale::English, QLocale::UnitedStates);
}

AppLanguage::AppLanguage(QObject* parent) : QObject(parent) {}

AppLanguage::~AppLanguage()
{
    removeInstalled();
}

void AppLanguage::removeInstalled()
{
    for (QTranslator** t : {&m_app, &m_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    m_spanish = false;
}

QLocale AppLanguage::apply(const QString& choice)
{
    removeInstalled();
    const QLocale locale = localeFor(choice);
    QLocale::setDefault(locale);
    const bool spanish = locale.language() == QLocale::Spanish;
    // English needs its plural forms only ("1 contact", "2 contacts").
    auto* app = new QTranslator(this);
    if (app->load(spanish ? QStringLiteral(":/i18n/warmline_es.qm")
                          : QStringLiteral(":/i18n/warmline_en.qm"))) {
        QCoreApplication::installTranslator(app);
        m_app = app;
        m_spanish = spanish;
    } else {
        delete app;
    }
    if (!spanish) {
        return locale;
    }
    auto* qt = new QTranslator(this);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        m_qt = qt;
    } else {
        delete qt;
    }
    return locale;
}

} // namespace warmline::app
