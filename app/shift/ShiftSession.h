#pragma once

// The operator's shift as the app sees it: feeds the models from the link
// (snapshot + events), runs the commands (accept, send, release, wrap-up,
// close, presence, caller edits), keeps the outbox and drafts. Holds the
// domain state so widgets hold none. GUI thread only.

#include "app/link/LinkConnection.h"
#include "app/link/LinkRecords.h"
#include "app/shift/CallerHistoryModel.h"
#include "app/shift/ConversationModel.h"
#include "app/shift/DraftKeeper.h"
#include "app/shift/LocalStore.h"
#include "app/shift/MyContactsModel.h"
#include "app/shift/QueueModel.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace warmline::app {

class Softphone;

struct WrapUp
{
    QString note;
    QStringList topics;
    QStringList referrals;
    QString outcome; ///< supported|referred|escalated|disconnected|inappropriate
    QString helped;  ///< yes|somewhat|no|unsure
};

class ShiftSession : public QObject
{
    Q_OBJECT
public:
    ShiftSession(LinkConnection& link, LocalStore& store, QObject* parent = nullptr);

    LinkConnection& link() { return m_link; }
    QueueModel* queue() { return &m_queue; }
    MyContactsModel* mine() { return &m_mine; }
    ConversationModel* conversation() { return &m_conversation; }
    CallerHistoryModel* history() { return &m_history; }
    DraftKeeper* drafts() { return &m_drafts; }

    const LineInfo& lineInfo() const { return m_lineInfo; }
    /// nullopt while loading, or when the gateway has no caller.get.
    const std::optional<CallerRecord>& caller() const { return m_caller; }
    bool callerLookupAvailable() const { return m_callerAvailable; }
    Presence presence() const { return m_presence; }
    qint64 presenceSince() const { return m_presenceSince; }
    qint64 currentContactId() const { return m_current; }
    /// The open contact's summary (from my contacts), or null.
    const ContactRecord* currentContact() const;
    /// When this app first saw the contact held by us (the limit countdown).
    qint64 heldSince(qint64 contactId) const { return m_heldSince.value(contactId); }

    /// The contacts this operator holds, in the order of "My contacts".
    QList<ContactRecord> heldContacts() const;
    /// Flushes the drafts, logs out and forgets the shift's contacts. Where
    /// the held contacts go: "queue" or "lead" (LinkConnection::close).
    void signOut(const QString& contactsTo);

    void acceptContact(qint64 contactId); ///< 0: the head of the queue
    /// Reads the open contact's caller again (after their plan changed).
    void refreshCaller();
    /// The built-in softphone: registered with the gateway (softphone.set)
    /// whenever the link is online, armed to answer when a call is accepted.
    void setSoftphone(Softphone* phone);
    Softphone* softphone() const { return m_softphone; }
    /// How long softphone.account is waited for (15 s; tests shorten it).
    void setSoftphoneAccountTimeout(int ms) { m_phoneAccountTimeoutMs = std::max(1, ms); }
    /// softphone.account answers in a row that will be asked again (a
    /// timeout, a full gateway); 0 once one counted.
    int softphoneAccountFailures() const { return m_phoneRetries; }
    /// Holds the open call (call.hold) and quiets the softphone meanwhile.
    void holdCall(bool on);
    void openContact(qint64 contactId);
    void sendReply(const QString& text);
    /// Sends a failed or unsent outbound text again.
    void retryMessage(int row);
    void releaseContact();
    /// Wrap-up of the open contact; for a call, `survey` asks the caller
    /// the keypad survey once the operator's leg has ended.
    void startWrapUp(bool survey = false);
    void closeContact(const WrapUp& wrapUp);
    void setPresence(Presence presence);
    void updateCaller(const QString& preferredName, const QString& pronouns,
                      const QString& language);
    void addCallerNote(const QString& body);

    // Escalation (docs/escalation.md): the records of the open contact's
    // escalations, and the commands that add to them. Errors arrive through
    // escalationFailed.
    QList<EscalationRecord> escalations(qint64 contactId) const
    {
        return m_escalations.value(contactId);
    }
    /// The contact's open escalation, if there is one.
    std::optional<EscalationRecord> openEscalation(qint64 contactId) const;
    void escalate(RiskLevel level, const QString& reason);
    void recordEscalationStep(qint64 escalationId, const QString& kind,
                              const QJsonObject& detail = {});
    void transferEscalation(qint64 escalationId, const QString& crisisLineId);
    /// On a call: the crisis counsellor has the caller; the operator leaves.
    void completeTransfer(qint64 escalationId);
    void closeEscalation(qint64 escalationId, const QString& outcome, const QString& reason);

signals:
    /// A sentence for the status bar (errors and confirmations).
    void notice(const QString& sentence);
    void currentContactChanged();
    void callerChanged();
    void lineInfoChanged();
    void presenceChanged();
    /// A contact joined the queue while we are available (notify).
    void contactWaiting(const QString& alias);
    void contactClosed(qint64 contactId);
    /// closeContact failed; the wrap-up dialog shows why.
    void closeFailed(const QString& sentence);
    /// The escalations of a contact changed (any of them, any change).
    void escalationChanged(qint64 contactId);
    /// An escalation opened or rose on a contact this operator holds: the
    /// window must make sure it is seen.
    void escalationRaised(qint64 contactId, const QString& alias, RiskLevel level);
    /// An escalation command was refused; `sentence` says why.
    void escalationFailed(const QString& sentence);
    /// An escalation command succeeded.
    void escalationDone(const QString& sentence);
    /// The gateway put the open call on hold or took it off.
    void callHoldChanged(bool on);
    /// The softphone's registration with the gateway changed (softphone()).
    void phoneStatusChanged();

private:
    void onLoggedIn(const QJsonObject& operatorInfo);
    void onSnapshot(const QJsonObject& snapshot);
    void onEvent(const QString& name, const QJsonObject& data);
    void applyOperator(const QJsonObject& op);
    void loadCaller(qint64 contactId);
    /// `r` refused a request about `contactId` because it is no longer
    /// this operator's: nothing to tell them.
    bool goneMeanwhile(const LinkReply& r, qint64 contactId);
    void sendOutboxEntry(const OutboxEntry& entry);
    void flushOutbox();
    void applyEscalation(const EscalationRecord& e);
    void loadEscalations(qint64 contactId);
    void escalationCommand(const QString& type, const QJsonObject& params, const QString& done);

    void registerSoftphone();
    void askSoftphoneAccount();
    void announceSoftphone();

    LinkConnection& m_link;
    LocalStore& m_store;
    Softphone* m_softphone = nullptr;
    QueueModel m_queue;
    MyContactsModel m_mine;
    ConversationModel m_conversation;
    CallerHistoryModel m_history;
    DraftKeeper m_drafts;
    LineInfo m_lineInfo;
    std::optional<CallerRecord> m_caller;
    bool m_callerAvailable = true;
    bool m_phoneFailureSaid = false; ///< the softphone's registration failure, told once
    quint64 m_phoneRequest = 0;      ///< the latest softphone.account asked
    /// Asks softphone.account again after an answer that may change (a
    /// timeout, a full gateway), waiting longer each time.
    QTimer m_phoneRetry;
    int m_phoneRetries = 0;        ///< in a row, since the last answer that counted
    bool m_phoneRetrySaid = false; ///< the operator was told it keeps asking
    int m_phoneAccountTimeoutMs = 15000;
    Presence m_presence = Presence::Offline;
    qint64 m_presenceSince = 0;
    qint64 m_current = 0;
    QHash<qint64, qint64> m_heldSince;
    QSet<qint64> m_inFlight;                              ///< outbox ids being sent
    QHash<qint64, QList<EscalationRecord>> m_escalations; ///< by contact
};

} // namespace warmline::app
