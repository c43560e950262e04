// The app's text against its Spanish translation (docs/languages.md "The app
// in Spanish"):
// - everyStringIsTranslated runs lupdate over app/ into a temporary copy of
//   app/translations/warmline_es.ts (never the tracked file) and fails,
//   naming the string and its file, when a message is new, unfinished or
//   empty, when a translation drops a %1 or an & shortcut, or when the
//   tracked file still holds a string the sources no longer have;
// - noBareLiteralInVisibleText reads app/ and fails on a literal with
//   letters handed to a setter of visible text (setText, setToolTip,
//   addAction, QLabel(...)...) without tr(). Deliberate exceptions are
//   listed, with their reason, in untranslated-allowed.txt beside this file.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <map>
#include <set>

namespace {

const QString kSource = QStringLiteral(WARMLINE_SOURCE_DIR);

struct Message
{
    QString context;
    QString source;
    QStringList translations; // one per plural form, or one
    QString type;             // "", "unfinished", "vanished", "obsolete"
    QStringList locations;
    bool numerus = false;
};

QList<Message> readTs(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> out;
    QXmlStreamReader xml(&file);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            if (xml.isEndElement() && xml.name() == u"message") {
                out.append(m);
            }
            continue;
        }
        const auto name = xml.name();
        if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            m = Message{};
            m.context = context;
            m.numerus = xml.attributes().value(QStringLiteral("numerus")) == u"yes";
        } else if (name == u"source") {
            m.source = xml.readElementText();
        } else if (name == u"location") {
            m.locations.append(xml.attributes().value(QStringLiteral("filename")).toString() +
                               QLatin1Char(':') +
                               xml.attributes().value(QStringLiteral("line")).toString());
        } else if (name == u"translation") {
            m.type = xml.attributes().value(QStringLiteral("type")).toString();
            if (!m.numerus) {
                m.translations.append(xml.readElementText());
            }
        } else if (name == u"numerusform") {
            m.translations.append(xml.readElementText());
        }
    }
    if (xml.hasError()) {
        *error = xml.errorString();
    }
    return out;
}

/// The placeholders (%1, %n, %L1) a text uses, sorted.
QStringList placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%L?[0-9n]"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        out.append(it.next().captured().remove(QLatin1Char('L')));
    }
    out.sort();
    out.removeDuplicates();
    return out;
}

bool hasShortcut(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("&[^& ]"));
    return re.match(text).hasMatch();
}

/// The files a message comes from, relative to the source tree (lupdate
/// writes them relative to the .ts file, here in a temporary folder).
QString where(const Message& m, const QString& tsDir)
{
    QStringList files;
    for (const auto& l : m.locations) {
        files << QDir(kSource).relativeFilePath(QDir(tsDir).absoluteFilePath(l));
    }
    return files.isEmpty() ? m.context : files.join(QStringLiteral(", "));
}

/// Fails listing `problems`: each on its own line of the log (QtTest
/// shortens a failure's message), then the count.
void failOn(const QStringList& problems, const QString& what)
{
    for (const auto& p : problems) {
        qWarning("%s", qPrintable(p));
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("%1 %2, listed above").arg(problems.size()).arg(what)));
}

} // namespace

class TranslationCheckTest : public QObject
{
    Q_OBJECT
private slots:
    void everyStringIsTranslated_data();
    void everyStringIsTranslated();
    void noBareLiteralInVisibleText();
};

void TranslationCheckTest::everyStringIsTranslated_data()
{
    QTest::addColumn<QString>("ts");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("es") << QStringLiteral("warmline_es.ts")
                        << QStringList{QStringLiteral("-target-language"), QStringLiteral("es")};
    // English needs only its plural forms.
    QTest::newRow("en") << QStringLiteral("warmline_en.ts")
                        << QStringList{QStringLiteral("-target-language"), QStringLiteral("en"),
                                       QStringLiteral("-pluralonly")};
}

void TranslationCheckTest::everyStringIsTranslated()
{
    QFETCH(QString, ts);
    QFETCH(QStringList, options);
    const QString trackedPath = kSource + QStringLiteral("/app/translations/") + ts;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(ts);
    QVERIFY(QFile::copy(trackedPath, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    // The options of the target update_translations, with locations added
    // so that a missing string can be named with its file.
    QStringList args = QStringLiteral(WARMLINE_LUPDATE_OPTIONS).split(QLatin1Char('|'));
    const qsizetype at = args.indexOf(QStringLiteral("-locations"));
    QVERIFY(at >= 0);
    args[at + 1] = QStringLiteral("absolute");
    args << options << kSource + QStringLiteral("/app") << QStringLiteral("-ts") << copy;
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(WARMLINE_LUPDATE), args);
    QVERIFY2(lupdate.waitForFinished(60000), qPrintable(lupdate.errorString()));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

    QString error;
    const auto tracked = readTs(trackedPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto current = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(current.size() > 10);

    QStringList problems;
    std::set<std::pair<QString, QString>> inSources;
    for (const auto& m : current) {
        inSources.insert({m.context, m.source});
        const QString name = QStringLiteral("\"%1\" (%2)").arg(m.source, where(m, dir.path()));
        if (m.type == u"unfinished") {
            problems << QStringLiteral("not translated: %1").arg(name);
            continue;
        }
        if (m.translations.isEmpty() ||
            std::any_of(m.translations.begin(), m.translations.end(),
                        [](const QString& t) { return t.trimmed().isEmpty(); })) {
            problems << QStringLiteral("empty translation: %1").arg(name);
            continue;
        }
        if (m.numerus && m.translations.size() != 2) {
            problems << QStringLiteral("needs two plural forms: %1").arg(name);
        }
        for (const auto& t : m.translations) {
            if (placeholders(t) != placeholders(m.source) &&
                !(m.numerus && placeholders(m.source) == placeholders(t + QStringLiteral("%n")))) {
                problems << QStringLiteral("placeholders differ in \"%1\": %2").arg(t, name);
            }
            if (hasShortcut(m.source) != hasShortcut(t)) {
                problems << QStringLiteral("& shortcut lost or added in \"%1\": %2").arg(t, name);
            }
        }
    }
    for (const auto& m : tracked) {
        if (!inSources.contains({m.context, m.source})) {
            problems << QStringLiteral("no longer in the sources, run the target "
                                       "update_translations: \"%1\" (%2)")
                            .arg(m.source, m.context);
        }
    }
    failOn(problems, QStringLiteral("problem(s) in app/translations/%1: run the target "
                                    "update_translations, then translate in Qt Linguist")
                         .arg(ts));
}

void TranslationCheckTest::noBareLiteralInVisibleText()
{
    // "path<TAB>literal" lines: literals meant to stay as they are.
    std::set<std::pair<QString, QString>> allowed;
    QFile allowFile(QStringLiteral(WARMLINE_ALLOW_LIST));
    QVERIFY2(allowFile.open(QIODevice::ReadOnly), qPrintable(allowFile.errorString()));
    for (const QString& line : QString::fromUtf8(allowFile.readAll()).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char('#')) || !line.contains(QLatin1Char('\t'))) {
            continue;
        }
        allowed.insert({line.section(QLatin1Char('\t'), 0, 0), line.section(QLatin1Char('\t'), 1)});
    }

    // A literal: "..." , u"...", QStringLiteral("..."), QLatin1String("...").
    const QString lit = QString::fromLatin1(
        R"re((?:QStringLiteral|QLatin1String|QLatin1StringView|QString::fromUtf8|QString::fromLatin1)?\s*\(?\s*u?"((?:[^"\\]|\\.)*)")re");
    const QString setters = QString::fromLatin1(
        "setText|setWindowTitle|setToolTip|setPlaceholderText|setAccessibleName|"
        "setAccessibleDescription|setStatusTip|setWhatsThis|setTitle|setLabelText|"
        "showMessage|addAction|addMenu|addRow|addItem|insertItem|setTabText|setHeaderData|"
        "setSpecialValueText|setPrefix|setSuffix|setButtonText|setInformativeText|"
        "setDetailedText|setTextValue");
    const QString widgets = QString::fromLatin1(
        "QLabel|QPushButton|QCheckBox|QRadioButton|QGroupBox|QAction|QMenu|QToolButton|"
        "QCommandLinkButton");
    const QRegularExpression call(QString::fromLatin1(R"re(\b(%1)\s*\(\s*%2)re").arg(setters, lit));
    const QRegularExpression second(
        QString::fromLatin1(R"re(\b(addTab|insertTab|setTabText|setItemText)\s*\([^,;()]+,\s*%1)re")
            .arg(lit));
    const QRegularExpression construct(
        QString::fromLatin1(R"re(\bnew\s+(%1)\s*\(\s*%2)re").arg(widgets, lit));
    const QRegularExpression letters(QStringLiteral("[A-Za-z]{2}"));

    QStringList problems;
    int files = 0;
    QDirIterator it(kSource + QStringLiteral("/app"),
                    {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = path.mid(kSource.size() + 1);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        ++files;
        for (const auto* re : {&call, &second, &construct}) {
            for (auto m = re->globalMatch(text); m.hasNext();) {
                const auto match = m.next();
                const QString literal = match.captured(2);
                if (!letters.match(literal).hasMatch() || allowed.contains({rel, literal})) {
                    continue;
                }
                const int line =
                    static_cast<int>(text.left(match.capturedStart()).count(QLatin1Char('\n'))) + 1;
                problems << QStringLiteral("%1:%2: %3(\"%4\") without tr()")
                                .arg(rel)
                                .arg(line)
                                .arg(match.captured(1), literal);
            }
        }
    }
    QVERIFY(files > 50);
    failOn(problems, QStringLiteral("literal(s) shown without tr(): wrap them in tr(), or list "
                                    "them with the reason in %1")
                         .arg(QStringLiteral(WARMLINE_ALLOW_LIST)));
}

QTEST_GUILESS_MAIN(TranslationCheckTest)
#include "translation_check_test.moc"
