#include "app/shift/ShiftSession.h"

#include "app/phone/Softphone.h"
#include "app/shift/ShiftSessionDetail.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace warmline::app {

namespace {

QList<ContactRecord> contactsOf(const QJsonValue& v)
{
    QList<ContactRecord> out;
    const auto array = v.toArray();
    for (const auto& c : array) {
        out.append(ContactRecord::fromJson(c.toObject()));
    }
    return out;
}

QList<MessageRecord> messagesOf(const QJsonValue& v)
{
    QList<MessageRecord> out;
    const auto array = v.toArray();
    for (const auto& m : array) {
        out.append(MessageRecord::fromJson(m.toObject()));
    }
    return out;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

namespace shift_detail {

bool unknownCommand(const LinkReply& r)
{
    return r.code == u"bad_request" &&
           r.message == LinkConnection::humanError(r.code, QStringLiteral("Unknown command"));
}

} // namespace shift_detail

using shift_detail::unknownCommand;

ShiftSession::ShiftSession(LinkConnection& link, LocalStore& store, QObject* parent)
    : QObject(parent), m_link(link), m_store(store), m_drafts(store)
{
    connect(&m_link, &LinkConnection::loggedIn, this, &ShiftSession::onLoggedIn);
    m_phoneRetry.setSingleShot(true);
    connect(&m_phoneRetry, &QTimer::timeout, this, &ShiftSession::askSoftphoneAccount);
    connect(&m_link, &LinkConnection::snapshotReceived, this, &ShiftSession::onSnapshot);
    connect(&m_link, &LinkConnection::eventReceived, this, &ShiftSession::onEvent);
    // A resume that replays brings no snapshot: send what was typed offline
    // now. Deferred, so a snapshot delivered with the same answer comes first.
    connect(&m_link, &LinkConnection::stateChanged, this, [this](LinkConnection::State state) {
        if (state == LinkConnection::State::Online) {
            QTimer::singleShot(0, this, &ShiftSession::flushOutbox);
            registerSoftphone();
        } else if (m_softphone) {
            // The account ended with the link: no REGISTERs with it any more.
            ++m_phoneRequest;
            m_phoneRetry.stop();
            m_phoneRetries = 0;
            m_phoneRetrySaid = false;
            m_softphone->setAccount({});
        }
    });
    connect(&m_queue, &ContactListModel::contactsAdded, this, [this](const QList<qint64>& ids) {
        if (m_presence != Presence::Available) {
            return;
        }
        for (const qint64 id : ids) {
            if (const auto* c = m_queue.contactById(id)) {
                emit contactWaiting(c->alias);
            }
        }
    });
    connect(&m_mine, &ContactListModel::contactsAdded, this, [this](const QList<qint64>& ids) {
        for (const qint64 id : ids) {
            if (!m_heldSince.contains(id)) {
                m_heldSince.insert(id, nowMs());
            }
        }
    });
}

const ContactRecord* ShiftSession::currentContact() const
{
    return m_current ? m_mine.contactById(m_current) : nullptr;
}

QList<ContactRecord> ShiftSession::heldContacts() const
{
    QList<ContactRecord> held;
    for (int row = 0; row < m_mine.rowCount(); ++row) {
        if (const auto* c = m_mine.contactAt(row)) {
            held.append(*c);
        }
    }
    return held;
}

void ShiftSession::signOut(const QString& contactsTo)
{
    m_drafts.flush();
    m_link.close(contactsTo);
    // The next person to sign in on this computer starts clean.
    m_current = 0;
    m_conversation.setConversation(0, {}, QString());
    m_caller.reset();
    m_history.setHistory({});
    m_escalations.clear();
    m_heldSince.clear();
    m_queue.clear();
    m_mine.clear();
    m_presence = Presence::Offline;
    m_presenceSince = 0;
    emit currentContactChanged();
    emit presenceChanged();
}

void ShiftSession::onLoggedIn(const QJsonObject& operatorInfo)
{
    m_mine.setOperatorId(operatorInfo.value(u"id").toInteger());
    applyOperator(operatorInfo);
    // Signing in is how an operator starts taking contacts (decision 90): an
    // operator the gateway has offline becomes available; one already on a
    // break or busy (another window, a command line) keeps that.
    if (operatorInfo.value(u"role").toString() == u"operator" && m_presence == Presence::Offline) {
        setPresence(Presence::Available);
    }
    m_link.request(QStringLiteral("line.info"), {}, [this](const LinkReply& r) {
        m_lineInfo = r.ok ? LineInfo::fromJson(r.data) : LineInfo{};
        emit lineInfoChanged();
    });
}

void ShiftSession::onSnapshot(const QJsonObject& snapshot)
{
    m_queue.resetContacts(contactsOf(snapshot.value(u"queue")));
    m_mine.resetContacts(contactsOf(snapshot.value(u"mine")));
    for (int row = 0; row < m_mine.rowCount(); ++row) {
        const qint64 id = m_mine.contactAt(row)->id;
        if (!m_heldSince.contains(id)) {
            m_heldSince.insert(id, nowMs());
        }
    }
    const auto operators = snapshot.value(u"operators").toArray();
    for (const auto& o : operators) {
        if (o.toObject().value(u"id").toInteger() == m_link.operatorId()) {
            applyOperator(o.toObject());
        }
    }
    if (m_current != 0) {
        if (m_mine.contactById(m_current)) {
            openContact(m_current); // fetch what was missed while away
        } else {
            m_current = 0;
            m_conversation.setConversation(0, {});
            emit currentContactChanged();
        }
    }
    flushOutbox();
}

void ShiftSession::onEvent(const QString& name, const QJsonObject& data)
{
    if (name.startsWith(u"contact.")) {
        m_queue.enqueueEvent(name, data);
        m_mine.enqueueEvent(name, data);
        const auto contact = ContactRecord::fromJson(data.value(u"contact").toObject());
        if (contact.id == m_current) {
            if (name == u"contact.closed" || name == u"contact.queued") {
                m_current = 0;
                m_conversation.setConversation(0, {});
                m_caller.reset();
                m_history.setHistory({});
                emit currentContactChanged();
                emit callerChanged();
            } else {
                // Header (risk, state) follows after the batch is applied.
                QTimer::singleShot(0, this, [this] { emit currentContactChanged(); });
            }
        }
    } else if (name.startsWith(u"message.")) {
        m_conversation.applyMessage(MessageRecord::fromJson(data.value(u"message").toObject()));
    } else if (name == u"escalation.updated") {
        applyEscalation(EscalationRecord::fromJson(data.value(u"escalation").toObject()));
    } else if (name == u"presence.changed") {
        const auto op = data.value(u"operator").toObject();
        if (op.value(u"id").toInteger() == m_link.operatorId()) {
            applyOperator(op);
        }
    }
}

void ShiftSession::applyOperator(const QJsonObject& op)
{
    const auto presence = parsePresence(op.value(u"presence").toString().toStdString());
    m_presence = presence.value_or(Presence::Offline);
    m_presenceSince = op.value(u"since").toInteger(nowMs());
    emit presenceChanged();
}

void ShiftSession::holdCall(bool on)
{
    const qint64 id = m_current;
    if (id == 0) {
        return;
    }
    m_link.request(QStringLiteral("call.hold"),
                   {{QStringLiteral("contactId"), id}, {QStringLiteral("on"), on}},
                   [this, on](const LinkReply& r) {
                       if (!r.ok) {
                           emit notice(r.message);
                           return;
                       }
                       if (m_softphone) {
                           m_softphone->setHeld(on);
                       }
                       emit callHoldChanged(on);
                   });
}

void ShiftSession::acceptContact(qint64 contactId)
{
    if (m_softphone && m_softphone->running()) {
        // The gateway may ring the softphone before this accept's answer
        // arrives: answer a call in the next moments.
        m_softphone->armAutoAnswer(15000);
    }
    QJsonObject params;
    if (contactId != 0) {
        params.insert(QStringLiteral("contactId"), contactId);
    }
    m_link.request(QStringLiteral("contact.accept"), params, [this](const LinkReply& r) {
        if (!r.ok) {
            if (m_softphone) {
                m_softphone->armAutoAnswer(0);
            }
            emit notice(r.message);
            return;
        }
        const auto contact = ContactRecord::fromJson(r.data.value(u"contact").toObject());
        if (m_softphone && contact.channel != Channel::Call) {
            m_softphone->armAutoAnswer(0);
        }
        // The ack may beat the contact.accepted event: show it in my list now.
        m_queue.enqueueEvent(QStringLiteral("contact.accepted"),
                             {{QStringLiteral("contact"), r.data.value(u"contact")}});
        m_mine.enqueueEvent(QStringLiteral("contact.accepted"),
                            {{QStringLiteral("contact"), r.data.value(u"contact")}});
        m_queue.flush();
        m_mine.flush();
        m_heldSince.insert(contact.id, nowMs());
        m_current = contact.id;
        m_conversation.setConversation(contact.id, messagesOf(r.data.value(u"messages")),
                                       contact.alias);
        emit currentContactChanged();
        loadCaller(contact.id);
        loadEscalations(contact.id);
        emit notice(tr("You are now with %1.").arg(contact.alias));
    });
}

void ShiftSession::openContact(qint64 contactId)
{
    m_current = contactId;
    const auto* c = m_mine.contactById(contactId);
    m_conversation.setConversation(contactId, {}, c ? c->alias : QString());
    emit currentContactChanged();
    m_link.request(QStringLiteral("contact.get"), {{QStringLiteral("contactId"), contactId}},
                   [this, contactId](const LinkReply& r) {
                       if (m_current != contactId) {
                           return;
                       }
                       if (!r.ok) {
                           emit notice(r.message);
                       } else {
                           const auto contact =
                               ContactRecord::fromJson(r.data.value(u"contact").toObject());
                           m_conversation.setConversation(
                               contactId, messagesOf(r.data.value(u"messages")), contact.alias);
                           QList<EscalationRecord> escalations;
                           const auto list = r.data.value(u"escalations").toArray();
                           for (const auto& e : list) {
                               escalations.append(EscalationRecord::fromJson(e.toObject()));
                           }
                           m_escalations.insert(contactId, escalations);
                           emit escalationChanged(contactId);
                       }
                       const auto entries = m_store.outbox();
                       for (const auto& e : entries) {
                           if (e.contactId == contactId) {
                               m_conversation.addLocal(-e.id, e.body, e.createdAt, e.unsent,
                                                       !m_link.isOnline());
                           }
                       }
                   });
    loadCaller(contactId);
}

void ShiftSession::refreshCaller()
{
    if (m_current != 0) {
        loadCaller(m_current);
    }
}

bool ShiftSession::goneMeanwhile(const LinkReply& r, qint64 contactId)
{
    // Refused because the contact left this operator between the request
    // and its answer (a call that could not reach their phone went back to
    // the queue): the operator was told that already, in its own words.
    if (r.code != u"forbidden") {
        return false;
    }
    m_mine.flush(); // the event that took it may have come with the answer
    return m_mine.contactById(contactId) == nullptr;
}

void ShiftSession::loadCaller(qint64 contactId)
{
    m_caller.reset();
    m_history.setHistory({});
    emit callerChanged();
    m_link.request(QStringLiteral("caller.get"), {{QStringLiteral("contactId"), contactId}},
                   [this, contactId](const LinkReply& r) {
                       if (m_current != contactId) {
                           return;
                       }
                       if (!r.ok) {
                           m_callerAvailable = !unknownCommand(r);
                           if (m_callerAvailable && !goneMeanwhile(r, contactId)) {
                               emit notice(r.message);
                           }
                           emit callerChanged();
                           return;
                       }
                       m_callerAvailable = true;
                       m_caller = CallerRecord::fromJson(r.data.value(u"caller").toObject());
                       for (const auto& p : r.data.value(u"plans").toArray()) {
                           m_caller->plans.append(PlanRecord::fromJson(p.toObject()));
                       }
                       QList<HistoryRecord> history;
                       const auto array = r.data.value(u"history").toArray();
                       for (const auto& h : array) {
                           const auto record = HistoryRecord::fromJson(h.toObject());
                           if (record.id != contactId) {
                               history.append(record);
                           }
                       }
                       m_history.setHistory(history);
                       emit callerChanged();
                   });
}

void ShiftSession::sendReply(const QString& text)
{
    const QString body = text.trimmed();
    if (m_current == 0 || body.isEmpty()) {
        return;
    }
    // Into the local outbox first, so a reply typed during an outage or a
    // crash is never lost.
    OutboxEntry entry;
    entry.contactId = m_current;
    entry.body = body;
    entry.createdAt = nowMs();
    entry.id = m_store.addToOutbox(m_current, body);
    if (entry.id == 0) {
        emit notice(tr("Could not keep the reply on this computer: %1").arg(m_store.errorText()));
        return;
    }
    m_conversation.addLocal(-entry.id, body, entry.createdAt, false, !m_link.isOnline());
    m_drafts.edit(m_current, QStringLiteral("reply"), QString());
    m_drafts.flush();
    if (m_link.isOnline()) {
        sendOutboxEntry(entry);
    } else {
        emit notice(tr("You are offline. The reply will be sent when the connection is back."));
    }
}

void ShiftSession::sendOutboxEntry(const OutboxEntry& entry)
{
    if (m_inFlight.contains(entry.id)) {
        return;
    }
    m_inFlight.insert(entry.id);
    m_link.request(
        QStringLiteral("message.send"),
        {{QStringLiteral("contactId"), entry.contactId}, {QStringLiteral("body"), entry.body}},
        [this, entry](const LinkReply& r) {
            m_inFlight.remove(entry.id);
            if (r.ok) {
                m_store.removeFromOutbox(entry.id);
                m_conversation.resolveLocal(
                    -entry.id, MessageRecord::fromJson(r.data.value(u"message").toObject()));
                return;
            }
            // Sent but unanswered (timeout, link dropped) may have reached the
            // gateway: never resend by ourselves, or a caller could get the
            // text twice. The operator retries.
            m_store.markUnsent(entry.id);
            m_conversation.markLocalUnsent(-entry.id, true);
            emit notice(tr("A reply was not sent: %1").arg(r.message));
        });
}

void ShiftSession::flushOutbox()
{
    if (!m_link.isOnline()) {
        return;
    }
    const auto entries = m_store.outbox();
    for (const auto& e : entries) {
        if (e.unsent) {
            continue;
        }
        if (!m_mine.contactById(e.contactId)) {
            // The contact is no longer ours (closed or released meanwhile).
            m_store.markUnsent(e.id);
            continue;
        }
        if (e.contactId == m_current) {
            m_conversation.addLocal(-e.id, e.body, e.createdAt, false);
        }
        sendOutboxEntry(e);
    }
}

void ShiftSession::retryMessage(int row)
{
    const MessageRecord* m = m_conversation.messageAt(row);
    if (!m || m->direction != Direction::Outbound) {
        return;
    }
    if (m->id < 0) {
        const qint64 outboxId = -m->id;
        const auto entries = m_store.outbox();
        for (const auto& e : entries) {
            if (e.id == outboxId) {
                if (!m_link.isOnline()) {
                    emit notice(LinkConnection::humanError(QStringLiteral("offline"), {}));
                    return;
                }
                m_store.markUnsent(e.id, false);
                m_conversation.markLocalUnsent(m->id, false);
                sendOutboxEntry(e);
                return;
            }
        }
        return;
    }
    sendReply(m->body);
}

void ShiftSession::releaseContact()
{
    const qint64 id = m_current;
    if (id == 0) {
        return;
    }
    m_link.request(QStringLiteral("contact.release"), {{QStringLiteral("contactId"), id}},
                   [this](const LinkReply& r) {
                       emit notice(r.ok ? tr("The contact is back in the queue.") : r.message);
                   });
}

void ShiftSession::startWrapUp(bool survey)
{
    if (m_current == 0) {
        return;
    }
    QJsonObject params{{QStringLiteral("contactId"), m_current}};
    if (survey) {
        params.insert(u"survey", true);
    }
    m_link.request(QStringLiteral("contact.wrapup"), params, [this, survey](const LinkReply& r) {
        // Older gateways have no wrap-up state; closing still works.
        if (!r.ok && !unknownCommand(r)) {
            emit notice(r.message);
            return;
        }
        if (r.ok && survey) {
            emit notice(r.data.value(u"survey").toBool()
                            ? tr("The caller hears the survey; the call ends after their answer.")
                            : tr("The survey is not asked on this call (an escalation, a "
                                 "transfer or an interpreter, or the caller was asked lately)."));
        }
    });
}

void ShiftSession::closeContact(const WrapUp& w)
{
    const qint64 id = m_current;
    if (id == 0) {
        emit closeFailed(tr("No contact is open."));
        return;
    }
    QJsonObject wrapup{{QStringLiteral("topics"), QJsonArray::fromStringList(w.topics)},
                       {QStringLiteral("referrals"), QJsonArray::fromStringList(w.referrals)},
                       {QStringLiteral("outcome"), w.outcome},
                       {QStringLiteral("helped"), w.helped}};
    m_link.request(QStringLiteral("contact.close"),
                   {{QStringLiteral("contactId"), id},
                    {QStringLiteral("note"), w.note},
                    {QStringLiteral("wrapup"), wrapup}},
                   [this, id](const LinkReply& r) {
                       if (!r.ok) {
                           emit closeFailed(r.message);
                           return;
                       }
                       m_drafts.discard(id);
                       m_heldSince.remove(id);
                       if (m_current == id) {
                           m_current = 0;
                           m_conversation.setConversation(0, {});
                           m_caller.reset();
                           m_history.setHistory({});
                           emit currentContactChanged();
                           emit callerChanged();
                       }
                       emit contactClosed(id);
                       emit notice(tr("Contact closed and note saved."));
                   });
}

void ShiftSession::setPresence(Presence presence)
{
    m_link.request(QStringLiteral("presence.set"),
                   {{QStringLiteral("presence"), QString::fromUtf8(toString(presence))}},
                   [this](const LinkReply& r) {
                       if (!r.ok) {
                           emit notice(r.message);
                           emit presenceChanged(); // put the selector back
                           return;
                       }
                       applyOperator(r.data.value(u"operator").toObject());
                   });
}

void ShiftSession::updateCaller(const QString& preferredName, const QString& pronouns,
                                const QString& language)
{
    if (m_current == 0) {
        return;
    }
    m_link.request(QStringLiteral("caller.update"),
                   {{QStringLiteral("contactId"), m_current},
                    {QStringLiteral("preferredName"), preferredName},
                    {QStringLiteral("pronouns"), pronouns},
                    {QStringLiteral("language"), language}},
                   [this](const LinkReply& r) {
                       emit notice(r.ok ? tr("Caller details saved.") : r.message);
                       if (r.ok && m_current) {
                           loadCaller(m_current);
                       }
                   });
}

void ShiftSession::addCallerNote(const QString& body)
{
    if (m_current == 0 || body.trimmed().isEmpty()) {
        return;
    }
    m_link.request(QStringLiteral("caller.note.add"),
                   {{QStringLiteral("contactId"), m_current}, {QStringLiteral("body"), body}},
                   [this](const LinkReply& r) {
                       emit notice(r.ok ? tr("Note added to the caller.") : r.message);
                       if (r.ok && m_current) {
                           loadCaller(m_current);
                       }
                   });
}

} // namespace warmline::app
