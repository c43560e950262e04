#include "app/link/LinkConnection.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSslError>

#include <algorithm>
#include <exception>

namespace warmline::app {

namespace {

constexpr int kHeartbeatMs = 20000;
constexpr int kLoginTimeoutMs = 20000;

} // namespace

LinkConnection::LinkConnection(QObject* parent) : QObject(parent)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &LinkConnection::attemptConnect);
    m_heartbeat.setInterval(kHeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &LinkConnection::heartbeat);
    connect(&m_socket, &QWebSocket::connected, this, &LinkConnection::onConnected);
    // stateChanged covers both a dropped link and a connect that never
    // succeeded (disconnected() is not emitted for the latter).
    connect(&m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState s) {
        if (s == QAbstractSocket::UnconnectedState) {
            onDisconnected();
        }
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &LinkConnection::onTextMessage);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &LinkConnection::onSocketError);
    connect(&m_socket, &QWebSocket::sslErrors, this, &LinkConnection::onSslErrors);
}

LinkConnection::~LinkConnection()
{
    m_closing = true;
    m_socket.disconnect(this);
    m_socket.abort();
    for (auto& p : m_pending) {
        delete p.timer;
    }
}

void LinkConnection::open(const QUrl& url, const QString& name, const QString& password)
{
    m_reconnectTimer.stop();
    m_closing = false;
    m_url = url;
    m_name = name;
    m_password = password;
    m_token.clear();
    m_epoch.clear();
    m_seq = 0;
    m_attempt = 0;
    m_lastTransportProblem.clear();
    if (m_socket.state() != QAbstractSocket::UnconnectedState) {
        m_closing = true;
        m_socket.abort();
        m_closing = false;
    }
    setState(State::Connecting);
    if (!url.isValid() || (url.scheme() != u"ws" && url.scheme() != u"wss")) {
        setState(State::Offline);
        emit loginFailed(tr("The gateway address must look like ws://host:port/link."));
        return;
    }
    m_socket.open(url);
}

void LinkConnection::close(const QString& contactsTo)
{
    m_reconnectTimer.stop();
    m_heartbeat.stop();
    m_closing = true;
    if (m_state == State::Online) {
        QJsonObject frame{{QStringLiteral("v"), 1},
                          {QStringLiteral("id"), QStringLiteral("logout")},
                          {QStringLiteral("type"), QStringLiteral("logout")}};
        if (!contactsTo.isEmpty()) {
            frame.insert(QStringLiteral("contacts"), contactsTo);
        }
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        m_socket.flush();
        m_socket.close();
    } else {
        m_socket.abort();
    }
    m_token.clear();
    m_password.clear();
    failAllPending(QStringLiteral("offline"), humanError(QStringLiteral("offline"), QString()));
    setState(State::Offline);
}

void LinkConnection::request(const QString& type, const QJsonObject& params, Callback callback,
                             int timeoutMs)
{
    if (m_state != State::Online) {
        // Answer on the next turn so callers never see a re-entrant callback.
        QTimer::singleShot(0, this, [this, callback = std::move(callback)] {
            if (callback) {
                callback({false,
                          {},
                          QStringLiteral("offline"),
                          humanError(QStringLiteral("offline"), QString())});
            }
        });
        return;
    }
    sendRaw(QString::number(m_nextId++), type, params, std::move(callback), timeoutMs);
}

qint64 LinkConnection::operatorId() const
{
    return m_operator.value(u"id").toInteger();
}

QString LinkConnection::operatorName() const
{
    return m_operator.value(u"name").toString(m_name);
}

void LinkConnection::setBackoff(int initialMs, int maxMs)
{
    m_backoffInitialMs = std::max(1, initialMs);
    m_backoffMaxMs = std::max(m_backoffInitialMs, maxMs);
}

void LinkConnection::setHeartbeat(int intervalMs, int timeoutMs)
{
    m_heartbeat.setInterval(std::max(1, intervalMs));
    m_heartbeatTimeoutMs = std::max(1, timeoutMs);
}

void LinkConnection::dropForTest()
{
    m_socket.abort();
}

QString LinkConnection::stateText(State s)
{
    switch (s) {
    case State::Offline:
        return tr("Offline");
    case State::Connecting:
        return tr("Connecting…");
    case State::Online:
        return tr("Online");
    case State::Reconnecting:
        return tr("Reconnecting…");
    }
    return QString();
}

QString LinkConnection::humanError(const QString& code, const QString& gatewayMessage)
{
    if (code == u"bad_credentials") {
        return tr("The name or password is not right. Check both and try again.");
    }
    if (code == u"throttled") {
        return gatewayMessage.isEmpty() ? tr("Too many sign-in attempts. Wait a minute, then try "
                                             "again.")
                                        : tr("Too many sign-in attempts. %1").arg(gatewayMessage);
    }
    if (code == u"unauthenticated") {
        return tr("Your session has ended. Please sign in again.");
    }
    if (code == u"unavailable") {
        return tr("The gateway could not save that just now; nothing changed. Please try again.");
    }
    if (code == u"internal") {
        return tr("Something went wrong in the gateway (it has been logged). Please try again, "
                  "or tell your shift lead.");
    }
    if (code == u"timeout") {
        return tr("The gateway did not answer in time. Please try again.");
    }
    if (code == u"offline") {
        return tr("You are not connected to the gateway right now.");
    }
    if (code == u"unsupported_version") {
        return tr("This version of Warmline does not match the gateway. Ask your administrator "
                  "to update it.");
    }
    if (code == u"bad_request" && gatewayMessage.startsWith(u"Unknown command")) {
        return tr("This gateway does not offer that yet.");
    }
    if (!gatewayMessage.isEmpty()) {
        // The gateway's own sentences are written for people (protocol.md).
        return gatewayMessage;
    }
    if (code == u"forbidden") {
        return tr("Your role or presence does not allow that right now.");
    }
    if (code == u"conflict") {
        return tr("Someone else got there first, or the contact has moved on.");
    }
    if (code == u"capacity") {
        return tr("You are holding as many contacts as you can take.");
    }
    if (code == u"not_found") {
        return tr("That contact is no longer there.");
    }
    return tr("The gateway refused the request.");
}

void LinkConnection::setState(State s)
{
    const bool changed = s != m_state;
    m_state = s;
    if (changed || s == State::Reconnecting) {
        emit stateChanged(s);
    }
}

void LinkConnection::onConnected()
{
    m_lastTransportProblem.clear();
    m_heartbeat.start();
    if (m_token.isEmpty()) {
        sendLogin();
    } else {
        sendResume();
    }
}

void LinkConnection::onDisconnected()
{
    m_heartbeat.stop();
    failAllPending(QStringLiteral("offline"), humanError(QStringLiteral("offline"), QString()));
    if (m_closing || m_state == State::Offline) {
        return;
    }
    if (m_token.isEmpty()) {
        // The first login never completed: hand the problem to the login form.
        setState(State::Offline);
        m_password.clear();
        emit loginFailed(m_lastTransportProblem.isEmpty()
                             ? tr("Cannot reach the gateway at %1. Check the address and your "
                                  "network.")
                                   .arg(m_url.host())
                             : m_lastTransportProblem);
        return;
    }
    if (!m_lastTransportProblem.isEmpty()) {
        emit problem(m_lastTransportProblem);
    }
    scheduleReconnect();
}

void LinkConnection::onTextMessage(const QString& frame)
{
    QJsonParseError parseError{};
    const auto doc = QJsonDocument::fromJson(frame.toUtf8(), &parseError);
    if (!doc.isObject()) {
        return; // Not ours to fix; the gateway only sends objects.
    }
    const auto o = doc.object();
    const auto type = o.value(u"type").toString();
    if (type == u"event") {
        const auto epoch = o.value(u"epoch").toString();
        const auto seq = static_cast<quint64>(o.value(u"seq").toInteger());
        if (epoch == m_epoch && seq <= m_seq) {
            return; // already applied (e.g. included in a snapshot)
        }
        m_epoch = epoch;
        m_seq = seq;
        try {
            emit eventReceived(o.value(u"name").toString(), o.value(u"data").toObject());
        } catch (const std::exception&) {
            // A bug in a receiver must not tear down the link.
        }
        return;
    }
    const auto re = o.value(u"re").toString();
    if (re.isEmpty() || !m_pending.contains(re)) {
        return;
    }
    LinkReply reply;
    if (type == u"ack") {
        reply.ok = true;
        reply.data = o.value(u"data").toObject();
    } else {
        reply.code = o.value(u"code").toString();
        reply.message = humanError(reply.code, o.value(u"message").toString());
    }
    finish(re, reply);
}

void LinkConnection::onSocketError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
    case QAbstractSocket::HostNotFoundError:
    case QAbstractSocket::NetworkError:
    case QAbstractSocket::SocketTimeoutError:
        m_lastTransportProblem =
            tr("Cannot reach the gateway at %1. Check the address and your network.")
                .arg(m_url.host());
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInvalidUserDataError:
    case QAbstractSocket::SslInternalError:
        if (m_lastTransportProblem.isEmpty()) {
            m_lastTransportProblem = tr("The secure connection to the gateway failed. Ask your "
                                        "administrator to check its certificate.");
        }
        break;
    case QAbstractSocket::RemoteHostClosedError:
        m_lastTransportProblem = tr("The gateway closed the connection.");
        break;
    default:
        m_lastTransportProblem =
            tr("The connection to the gateway failed (%1).").arg(m_socket.errorString());
        break;
    }
}

void LinkConnection::onSslErrors(const QList<QSslError>& errors)
{
    // Never ignore certificate errors: a warmline's texts are confidential.
    const QString first = errors.isEmpty() ? QString() : errors.first().errorString();
    m_lastTransportProblem = tr("The gateway's certificate could not be trusted (%1). Do not "
                                "continue; ask your administrator.")
                                 .arg(first);
}

void LinkConnection::sendRaw(const QString& id, const QString& type, const QJsonObject& params,
                             Callback callback, int timeoutMs)
{
    QJsonObject frame = params;
    frame.insert(QStringLiteral("v"), 1);
    frame.insert(QStringLiteral("id"), id);
    frame.insert(QStringLiteral("type"), type);
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, id] {
        finish(id, {false,
                    {},
                    QStringLiteral("timeout"),
                    humanError(QStringLiteral("timeout"), QString())});
    });
    m_pending.insert(id, {std::move(callback), timer});
    timer->start(timeoutMs);
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void LinkConnection::finish(const QString& id, const LinkReply& reply)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end()) {
        return;
    }
    Pending p = std::move(it.value());
    m_pending.erase(it);
    p.timer->stop();
    p.timer->deleteLater();
    if (!p.callback) {
        return;
    }
    try {
        p.callback(reply);
    } catch (const std::exception&) {
        // Keep the link alive whatever a caller's callback does.
    }
}

void LinkConnection::failAllPending(const QString& code, const QString& message)
{
    const auto ids = m_pending.keys();
    for (const auto& id : ids) {
        finish(id, {false, {}, code, message});
    }
}

void LinkConnection::scheduleReconnect()
{
    const int exponent = std::min(m_attempt, 16);
    const qint64 base =
        std::min<qint64>(m_backoffMaxMs, static_cast<qint64>(m_backoffInitialMs) << exponent);
    // ±20 % jitter so a room of clients does not reconnect in lockstep.
    const double factor = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    const int delay = static_cast<int>(std::min<double>(m_backoffMaxMs, base * factor));
    ++m_attempt;
    m_nextAttemptAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    m_reconnectTimer.start(delay);
    setState(State::Reconnecting);
}

void LinkConnection::attemptConnect()
{
    if (m_closing || m_token.isEmpty()) {
        return;
    }
    m_socket.open(m_url);
}

void LinkConnection::sendLogin()
{
    QJsonObject params{{QStringLiteral("name"), m_name}, {QStringLiteral("password"), m_password}};
    sendRaw(
        QString::number(m_nextId++), QStringLiteral("login"), params,
        [this](const LinkReply& r) {
            m_password.clear();
            if (!r.ok) {
                if (r.code == u"offline") {
                    return; // onDisconnected reports the transport problem
                }
                m_closing = true;
                m_socket.abort();
                m_closing = false;
                setState(State::Offline);
                emit loginFailed(r.message);
                return;
            }
            m_token = r.data.value(u"token").toString();
            m_epoch = r.data.value(u"epoch").toString();
            m_seq = static_cast<quint64>(r.data.value(u"seq").toInteger());
            m_operator = r.data.value(u"operator").toObject();
            m_attempt = 0;
            setState(State::Online);
            emit loggedIn(m_operator);
            fetchSnapshot();
        },
        kLoginTimeoutMs);
}

void LinkConnection::sendResume()
{
    QJsonObject params{{QStringLiteral("token"), m_token},
                       {QStringLiteral("epoch"), m_epoch},
                       {QStringLiteral("seq"), static_cast<qint64>(m_seq)}};
    sendRaw(
        QString::number(m_nextId++), QStringLiteral("resume"), params,
        [this](const LinkReply& r) {
            if (!r.ok) {
                if (r.code == u"unauthenticated" || r.code == u"bad_credentials") {
                    m_token.clear();
                    m_closing = true;
                    m_socket.abort();
                    setState(State::Offline);
                    emit sessionEnded(r.message);
                } else if (r.code != u"offline") {
                    m_socket.abort(); // try again with backoff
                }
                return;
            }
            m_operator = r.data.value(u"operator").toObject();
            m_attempt = 0;
            if (r.data.value(u"resync").toString() == u"snapshot") {
                m_epoch = r.data.value(u"epoch").toString();
                m_seq = static_cast<quint64>(r.data.value(u"seq").toInteger());
                setState(State::Online);
                emit snapshotReceived(r.data.value(u"snapshot").toObject());
            } else {
                setState(State::Online); // replayed events follow this ack
            }
        },
        kLoginTimeoutMs);
}

void LinkConnection::fetchSnapshot()
{
    request(QStringLiteral("queue.snapshot"), {}, [this](const LinkReply& r) {
        if (!r.ok) {
            emit problem(r.message);
            return;
        }
        const auto seq = static_cast<quint64>(r.data.value(u"seq").toInteger());
        if (r.data.value(u"epoch").toString() == m_epoch) {
            m_seq = std::max(m_seq, seq);
        }
        emit snapshotReceived(r.data);
    });
}

void LinkConnection::heartbeat()
{
    if (m_state != State::Online) {
        return;
    }
    // A half-open TCP link can look alive for minutes; a ping that gets no
    // answer makes us reconnect instead.
    request(
        QStringLiteral("ping"), {},
        [this](const LinkReply& r) {
            if (!r.ok && r.code == u"timeout") {
                m_socket.abort();
            }
        },
        m_heartbeatTimeoutMs);
}

} // namespace warmline::app
