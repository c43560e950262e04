#include "app/shift/PlanDialog.h"

#include "app/link/LinkConnection.h"
#include "app/shift/ShiftSession.h"

#include "core/store/CallerPlans.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QStringList keysOf(const QString& kind)
{
    QStringList keys;
    for (const auto& s : planSections(kind == u"wrap" ? PlanKind::Wrap : PlanKind::Safety)) {
        keys << QString::fromUtf8(s.key.data(), static_cast<qsizetype>(s.key.size()));
    }
    return keys;
}

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}

} // namespace

QString PlanDialog::sectionTitle(const QString& key)
{
    static const QHash<QString, const char*> titles{
        {QStringLiteral("wellness_toolbox"), QT_TR_NOOP("Wellness toolbox")},
        {QStringLiteral("daily_maintenance"), QT_TR_NOOP("Daily maintenance")},
        {QStringLiteral("triggers"), QT_TR_NOOP("Triggers")},
        {QStringLiteral("early_warning_signs"), QT_TR_NOOP("Early warning signs")},
        {QStringLiteral("breaking_down"), QT_TR_NOOP("When things are breaking down")},
        {QStringLiteral("crisis_plan"), QT_TR_NOOP("Crisis plan")},
        {QStringLiteral("post_crisis"), QT_TR_NOOP("After a crisis")},
        {QStringLiteral("warning_signs"), QT_TR_NOOP("Warning signs")},
        {QStringLiteral("coping_strategies"), QT_TR_NOOP("Things I can do on my own")},
        {QStringLiteral("distraction"),
         QT_TR_NOOP("People and places that take my mind off things")},
        {QStringLiteral("help_people"), QT_TR_NOOP("People I can ask for help")},
        {QStringLiteral("professionals"), QT_TR_NOOP("Professionals and crisis lines")},
        {QStringLiteral("safe_environment"), QT_TR_NOOP("Making my surroundings safe")},
        {QStringLiteral("reasons_for_living"), QT_TR_NOOP("My reasons for living")},
    };
    const char* t = titles.value(key);
    return t ? tr(t) : key;
}

PlanDialog::PlanDialog(ShiftSession& session, QWidget* parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Caller's plan"));
    setAccessibleName(tr("Caller's plan"));
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Plans"));
    m_tabs->addTab(buildTab(QStringLiteral("safety")), tr("&Safety plan"));
    m_tabs->addTab(buildTab(QStringLiteral("wrap")), tr("&Wellness plan (WRAP)"));
    layout->addWidget(m_tabs);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    layout->addWidget(buttons);
    connect(&m_session, &ShiftSession::callerChanged, this, &PlanDialog::load);
    resize(620, 680);
}

QWidget* PlanDialog::buildTab(const QString& kind)
{
    auto* page = new QWidget(this);
    auto* box = new QVBoxLayout(page);
    auto* intro = new QLabel(kind == u"safety"
                                 ? tr("In the caller's own words. Write what they say, not a "
                                      "summary; leave out what they do not want to fill in.")
                                 : tr("The caller's Wellness Recovery Action Plan, in their own "
                                      "words."),
                             page);
    intro->setWordWrap(true);
    box->addWidget(intro);

    auto* fields = new QWidget(page);
    auto* form = new QVBoxLayout(fields);
    for (const QString& key : keysOf(kind)) {
        auto* label = new QLabel(sectionTitle(key), fields);
        auto* edit = new QPlainTextEdit(fields);
        edit->setAccessibleName(sectionTitle(key));
        edit->setTabChangesFocus(true);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 12);
        label->setBuddy(edit);
        form->addWidget(label);
        form->addWidget(edit);
        m_edits[kind][key] = edit;
    }
    form->addStretch();
    auto* scroll = new QScrollArea(page);
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    scroll->setAccessibleName(tr("Plan sections"));
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    box->addWidget(scroll, 1);

    auto* shown = new QLabel(page);
    shown->setWordWrap(true);
    shown->setAccessibleName(tr("Consent"));
    box->addWidget(shown);
    m_consentShown[kind] = shown;
    auto* consent = new QCheckBox(tr("The caller agrees to keep this plan on file"), page);
    consent->setAccessibleName(consent->text());
    box->addWidget(consent);
    m_consent[kind] = consent;
    auto* consentText = new QLineEdit(page);
    consentText->setAccessibleName(tr("What the caller agreed to"));
    consentText->setText(kind == u"safety"
                             ? tr("Keep my safety plan on file so operators can go over it "
                                  "with me")
                             : tr("Keep my wellness plan on file so operators can go over it "
                                  "with me"));
    box->addWidget(consentText);
    m_consentText[kind] = consentText;

    auto* changes = new QLabel(page);
    changes->setWordWrap(true);
    changes->setAccessibleName(tr("Changes"));
    box->addWidget(changes);
    m_changes[kind] = changes;
    auto* status = new QLabel(page);
    status->setWordWrap(true);
    status->setAccessibleName(tr("Plan status"));
    box->addWidget(status);
    m_status[kind] = status;

    auto* row = new QHBoxLayout;
    auto* save = new QPushButton(tr("Sa&ve"), page);
    save->setAccessibleName(tr("Save plan"));
    auto* send = new QPushButton(tr("Te&xt it to them"), page);
    send->setAccessibleName(tr("Text the plan to the caller"));
    auto* del = new QPushButton(tr("&Delete…"), page);
    del->setAccessibleName(tr("Delete the plan"));
    del->setToolTip(tr("When the caller asks: the plan's words are deleted"));
    row->addWidget(save);
    row->addWidget(send);
    row->addStretch();
    row->addWidget(del);
    box->addLayout(row);
    m_save[kind] = save;
    m_send[kind] = send;
    m_delete[kind] = del;
    connect(save, &QPushButton::clicked, this, [this, kind] { this->save(kind); });
    connect(send, &QPushButton::clicked, this, [this, kind] { this->send(kind); });
    connect(del, &QPushButton::clicked, this, [this, kind] { remove(kind); });
    return page;
}

QPlainTextEdit* PlanDialog::sectionEdit(const QString& kind, const QString& key) const
{
    return m_edits.value(kind).value(key);
}

void PlanDialog::openFor(const QString& kind, qint64 escalationId)
{
    m_contactId = m_session.currentContactId();
    m_escalationId = escalationId;
    m_tabs->setCurrentIndex(kind == u"wrap" ? 1 : 0);
    for (auto* s : std::as_const(m_status)) {
        s->clear();
    }
    if (escalationId != 0) {
        m_status.value(QStringLiteral("safety"))
            ->setText(tr("Saving records this plan in the crisis steps too. Keeping it on the "
                         "caller's profile needs their consent."));
    }
    load();
    show();
    raise();
    activateWindow();
}

void PlanDialog::load()
{
    if (m_session.currentContactId() != m_contactId) {
        return; // another contact now: reopened for it, not reloaded under the operator
    }
    const auto& caller = m_session.caller();
    const ContactRecord* contact = m_session.currentContact();
    const bool isText = contact && contact->channel == Channel::Text;
    for (const QString& kind : {QStringLiteral("safety"), QStringLiteral("wrap")}) {
        const PlanRecord* plan = caller ? caller->plan(kind) : nullptr;
        for (auto it = m_edits[kind].begin(); it != m_edits[kind].end(); ++it) {
            // Words being typed are not replaced by a reload.
            if (!it.value()->document()->isModified()) {
                it.value()->setPlainText(plan ? plan->section(it.key()) : QString());
                it.value()->document()->setModified(false);
            }
        }
        const bool kept = plan != nullptr;
        m_consent[kind]->setVisible(!kept);
        m_consentText[kind]->setVisible(!kept);
        m_consentShown[kind]->setText(
            kept ? tr("Kept with the caller's consent (%1, recorded by %2 on %3): \"%4\"")
                       .arg(kind == u"safety" ? tr("safety plan") : tr("wellness plan"),
                            plan->consentBy, when(plan->consentAt), plan->consentText)
                 : tr("Not on file: nothing is kept until the caller agrees."));
        QStringList lines;
        if (kept) {
            for (qsizetype i = 0; i < plan->changes.size() && i < 5; ++i) {
                const auto& c = plan->changes[i];
                QStringList titles;
                for (const auto& key : c.sections) {
                    titles << sectionTitle(key);
                }
                lines << tr("%1, %2: %3")
                             .arg(when(c.at), c.operatorName,
                                  titles.isEmpty() ? tr("agreed to keep it")
                                                   : titles.join(QStringLiteral(", ")));
            }
        }
        m_changes[kind]->setText(lines.isEmpty() ? QString()
                                                 : tr("Changes:") + QLatin1Char('\n') +
                                                       lines.join(QLatin1Char('\n')));
        m_send[kind]->setEnabled(kept && isText && !plan->sections.isEmpty());
        m_send[kind]->setToolTip(isText ? tr("Send the saved plan to the texter")
                                        : tr("On a call, read the plan to the caller"));
        m_delete[kind]->setEnabled(kept);
        m_save[kind]->setEnabled(m_contactId != 0);
    }
}

QString PlanDialog::planText(const QString& kind) const
{
    QStringList parts;
    for (const QString& key : keysOf(kind)) {
        const QString words = m_edits.value(kind).value(key)->toPlainText().trimmed();
        if (!words.isEmpty()) {
            parts << sectionTitle(key) + QStringLiteral(": ") + words;
        }
    }
    return parts.join(QLatin1Char('\n'));
}

void PlanDialog::save(const QString& kind)
{
    auto* status = m_status.value(kind);
    if (m_contactId == 0 || m_session.currentContactId() != m_contactId) {
        status->setText(tr("Open the caller's contact to save their plan."));
        return;
    }
    const auto& caller = m_session.caller();
    const bool kept = caller && caller->plan(kind);
    const bool consenting = !kept && m_consent[kind]->isChecked();
    const bool forCrisis = m_escalationId != 0 && kind == u"safety";
    const QString text = planText(kind);
    if (text.isEmpty()) {
        status->setText(tr("Nothing written yet."));
        return;
    }
    if (forCrisis) {
        // What the crisis record keeps: the plan as made here.
        m_session.recordEscalationStep(m_escalationId, QStringLiteral("safety_plan"),
                                       {{QStringLiteral("plan"), text.left(3000)}});
    }
    if (!kept && !consenting) {
        status->setText(forCrisis ? tr("Recorded in the crisis steps. Not kept on the caller's "
                                       "profile: they did not agree.")
                                  : tr("Ask the caller first: tick that they agree to keep it."));
        if (!forCrisis) {
            m_consent[kind]->setFocus();
        }
        return;
    }
    QJsonObject sections;
    for (auto it = m_edits[kind].cbegin(); it != m_edits[kind].cend(); ++it) {
        sections.insert(it.key(), it.value()->toPlainText().trimmed());
    }
    QJsonObject params{{QStringLiteral("contactId"), m_contactId},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("sections"), sections}};
    if (consenting) {
        params.insert(u"consent", m_consentText[kind]->text().trimmed().isEmpty()
                                      ? tr("Keep my plan on file")
                                      : m_consentText[kind]->text().trimmed());
    }
    m_save[kind]->setEnabled(false);
    status->setText(tr("Saving…"));
    m_session.link().request(
        QStringLiteral("plan.save"), params, [this, kind, forCrisis](const LinkReply& r) {
            m_save[kind]->setEnabled(true);
            if (!r.ok) {
                m_status[kind]->setText(r.message);
                return;
            }
            for (auto* e : std::as_const(m_edits[kind])) {
                e->document()->setModified(false);
            }
            m_status[kind]->setText(forCrisis ? tr("Saved on the caller's profile and recorded "
                                                   "in the crisis steps.")
                                              : tr("Saved on the caller's profile."));
            m_session.refreshCaller();
        });
}

void PlanDialog::send(const QString& kind)
{
    if (m_contactId == 0) {
        return;
    }
    m_send[kind]->setEnabled(false);
    m_status[kind]->setText(tr("Sending…"));
    m_session.link().request(
        QStringLiteral("plan.send"),
        {{QStringLiteral("contactId"), m_contactId}, {QStringLiteral("kind"), kind}},
        [this, kind](const LinkReply& r) {
            m_send[kind]->setEnabled(true);
            m_status[kind]->setText(r.ok ? tr("Sent to the texter (%n message(s)).", nullptr,
                                              int(r.data.value(u"messages").toArray().size()))
                                         : r.message);
        });
}

void PlanDialog::remove(const QString& kind)
{
    if (m_contactId == 0) {
        return;
    }
    if (!m_confirmDeletes &&
        QMessageBox::question(this, tr("Delete the plan"),
                              tr("Delete this plan because the caller asked? Its words are "
                                 "deleted and cannot be brought back.")) != QMessageBox::Yes) {
        return;
    }
    m_status[kind]->setText(tr("Deleting…"));
    m_session.link().request(
        QStringLiteral("plan.delete"),
        {{QStringLiteral("contactId"), m_contactId}, {QStringLiteral("kind"), kind}},
        [this, kind](const LinkReply& r) {
            if (!r.ok) {
                m_status[kind]->setText(r.message);
                return;
            }
            for (auto* e : std::as_const(m_edits[kind])) {
                e->clear();
                e->document()->setModified(false);
            }
            m_status[kind]->setText(tr("Deleted."));
            m_session.refreshCaller();
        });
}

} // namespace warmline::app
