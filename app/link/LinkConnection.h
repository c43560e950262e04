#pragma once

// The operator link (docs/protocol.md) over one QWebSocket: login, requests
// with ids, callbacks and per-request timeouts, events in order with seq
// tracking, and reconnecting with exponential backoff plus `resume` (replay
// or snapshot). Lives on the GUI thread; every signal and callback is
// delivered there. Never throws out of a slot.

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace warmline::app {

/// The answer to one request: either the ack's data or an error with the
/// gateway's code and a sentence a peer operator can act on.
struct LinkReply
{
    bool ok = false;
    QJsonObject data;
    QString code;    ///< gateway code, or "timeout", "offline"
    QString message; ///< a human sentence
};

class LinkConnection : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Offline,
        Connecting,
        Online,
        Reconnecting
    };
    Q_ENUM(State)

    using Callback = std::function<void(const LinkReply&)>;

    explicit LinkConnection(QObject* parent = nullptr);
    ~LinkConnection() override;

    /// Connects and logs in. The password is used once and not kept.
    void open(const QUrl& url, const QString& name, const QString& password);
    /// Logs out (if online) and closes; no reconnect. `contactsTo` says
    /// where the contacts this operator holds go ("queue" or "lead"; empty:
    /// the gateway's default, the queue).
    void close(const QString& contactsTo = {});

    /// Sends a request while online; otherwise answers "offline" on the next
    /// event-loop turn. The callback runs exactly once.
    void request(const QString& type, const QJsonObject& params, Callback callback,
                 int timeoutMs = 15000);

    State state() const { return m_state; }
    bool isOnline() const { return m_state == State::Online; }
    QDateTime nextAttemptAt() const { return m_nextAttemptAt; }
    QJsonObject operatorInfo() const { return m_operator; }
    qint64 operatorId() const;
    QString operatorName() const;
    QUrl url() const { return m_url; }
    /// The address this computer's end of the link has (null while closed).
    QHostAddress localAddress() const { return m_socket.localAddress(); }
    QString epoch() const { return m_epoch; }
    quint64 lastSeq() const { return m_seq; }

    /// Tests shorten the backoff; production uses 1 s doubling to 30 s.
    void setBackoff(int initialMs, int maxMs);
    /// Tests space the pings out; production pings every 20 s and gives
    /// the gateway 10 s to answer.
    void setHeartbeat(int intervalMs, int timeoutMs);
    /// Drops the socket as a network failure would (tests, and a dead ping).
    void dropForTest();

    static QString stateText(State);
    /// Maps a gateway error code (and its message) to a sentence for a peer.
    static QString humanError(const QString& code, const QString& gatewayMessage);

signals:
    void stateChanged(warmline::app::LinkConnection::State state);
    /// Logged in for the first time (not after a resume).
    void loggedIn(const QJsonObject& operatorInfo);
    /// The first login failed; the connection is offline again.
    void loginFailed(const QString& sentence);
    /// The replica must be replaced: after login and after a resume that
    /// could not replay. `snapshot` is queue.snapshot's data.
    void snapshotReceived(const QJsonObject& snapshot);
    /// One gateway event, in order, never twice.
    void eventReceived(const QString& name, const QJsonObject& data);
    /// Something the operator should read (transport or session trouble).
    void problem(const QString& sentence);
    /// The session cannot continue (token expired, account disabled).
    void sessionEnded(const QString& sentence);

private:
    struct Pending
    {
        Callback callback;
        QTimer* timer = nullptr;
    };

    void setState(State);
    void onConnected();
    void onDisconnected();
    void onTextMessage(const QString& frame);
    void onSocketError(QAbstractSocket::SocketError);
    void onSslErrors(const QList<QSslError>& errors);
    void sendRaw(const QString& id, const QString& type, const QJsonObject& params,
                 Callback callback, int timeoutMs);
    void finish(const QString& id, const LinkReply& reply);
    void failAllPending(const QString& code, const QString& message);
    void scheduleReconnect();
    void attemptConnect();
    void sendLogin();
    void sendResume();
    void fetchSnapshot();
    void heartbeat();

    QWebSocket m_socket;
    QTimer m_reconnectTimer;
    QTimer m_heartbeat;
    State m_state = State::Offline;
    QUrl m_url;
    QString m_name;
    QString m_password; ///< only until the first login answers
    QString m_token;
    QString m_epoch;
    quint64 m_seq = 0;
    QJsonObject m_operator;
    QHash<QString, Pending> m_pending;
    quint64 m_nextId = 1;
    int m_attempt = 0;
    int m_backoffInitialMs = 1000;
    int m_backoffMaxMs = 30000;
    int m_heartbeatTimeoutMs = 10000;
    QDateTime m_nextAttemptAt;
    QString m_lastTransportProblem;
    bool m_closing = false;
};

} // namespace warmline::app
