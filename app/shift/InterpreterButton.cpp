#include "app/shift/InterpreterButton.h"

#include "app/shift/ShiftSession.h"

#include <QJsonObject>
#include <QMenu>

namespace warmline::app {

InterpreterButton::InterpreterButton(ShiftSession& session, QWidget* parent)
    : QPushButton(tr("&Interpreter…"), parent), m_session(session)
{
    setObjectName(QStringLiteral("interpreterButton"));
    setAccessibleName(tr("Call an interpreter into this call"));
    m_menu = new QMenu(this);
    setMenu(m_menu);
    connect(&m_session, &ShiftSession::lineInfoChanged, this, &InterpreterButton::rebuildMenu);
    connect(&m_session.link(), &LinkConnection::eventReceived, this, &InterpreterButton::onEvent);
    connect(this, &QPushButton::clicked, this, [this] {
        // Only reached while an interpreter is on: the menu is off then.
        if (!state().isEmpty()) {
            end();
        }
    });
    rebuildMenu();
}

void InterpreterButton::rebuildMenu()
{
    auto* m = m_menu;
    m->clear();
    for (const auto& service : m_session.lineInfo().interpreters) {
        if (service.languages.isEmpty()) {
            m->addAction(service.name, this, [this, id = service.id] { request(id, QString()); });
            continue;
        }
        auto* sub = m->addMenu(service.name);
        for (const auto& language : service.languages) {
            sub->addAction(language, this,
                           [this, id = service.id, language] { request(id, language); });
        }
        sub->addSeparator();
        sub->addAction(tr("Another language"), this,
                       [this, id = service.id] { request(id, QString()); });
    }
    refresh(m_live);
}

QString InterpreterButton::state() const
{
    return m_states.value(m_session.currentContactId());
}

QString InterpreterButton::stateText() const
{
    const QString s = state();
    const QString name = m_names.value(m_session.currentContactId());
    if (s == QLatin1String("ringing")) {
        return tr("Calling the interpreter: %1").arg(name);
    }
    if (s == QLatin1String("connected")) {
        return tr("Interpreter on the call: %1").arg(name);
    }
    return {};
}

void InterpreterButton::refresh(bool live)
{
    m_live = live;
    const bool any = !m_session.lineInfo().interpreters.isEmpty();
    setVisible(any);
    const bool on = !state().isEmpty();
    // While one is on, a click ends it: the menu would only get in the way.
    setMenu(on ? nullptr : m_menu);
    setText(on ? tr("End &interpreter") : tr("&Interpreter…"));
    setAccessibleName(on ? tr("Hang up the interpreter; the call goes on")
                         : tr("Call an interpreter into this call"));
    setEnabled(live && any);
}

void InterpreterButton::request(const QString& service, const QString& language)
{
    const qint64 id = m_session.currentContactId();
    if (id == 0) {
        return;
    }
    QJsonObject params{{QStringLiteral("contactId"), id}, {QStringLiteral("service"), service}};
    if (!language.isEmpty()) {
        params.insert(QStringLiteral("language"), language);
    }
    m_session.link().request(QStringLiteral("call.interpreter"), params,
                             [this](const LinkReply& r) {
                                 if (!r.ok) {
                                     emit m_session.notice(r.message);
                                 }
                             });
}

void InterpreterButton::end()
{
    const qint64 id = m_session.currentContactId();
    if (id == 0) {
        return;
    }
    m_session.link().request(QStringLiteral("call.interpreter.end"),
                             {{QStringLiteral("contactId"), id}}, [this](const LinkReply& r) {
                                 if (!r.ok) {
                                     emit m_session.notice(r.message);
                                 }
                             });
}

void InterpreterButton::onEvent(const QString& name, const QJsonObject& data)
{
    if (name != QLatin1String("call.interpreter")) {
        return;
    }
    const qint64 id = data.value(u"contactId").toInteger();
    const QString s = data.value(u"state").toString();
    const QString language = data.value(u"language").toString();
    const QString service = data.value(u"name").toString();
    if (s == QLatin1String("ringing") || s == QLatin1String("connected")) {
        m_states.insert(id, s);
        m_names.insert(id, language.isEmpty() ? service : tr("%1 (%2)").arg(service, language));
    } else {
        m_states.remove(id);
        m_names.remove(id);
        if (id == m_session.currentContactId()) {
            const QString reason = data.value(u"reason").toString();
            emit m_session.notice(s == QLatin1String("failed")
                                      ? tr("The interpreter was not reached: %1").arg(reason)
                                      : tr("The interpreter has left the call."));
        }
    }
    if (id == m_session.currentContactId()) {
        refresh(m_live);
        emit stateChanged();
    }
}

} // namespace warmline::app
