#pragma once

// The store's interfaces, one per aggregate (texts, contacts, callers,
// escalations, operators, sessions, the shift board), and the values they
// take and give. Only domain types: no SQLite here, so another database
// could implement them. Repository composes one implementation of each on a
// connection. Writes are expected to run inside the caller's transaction
// (the StoreWorker's); nothing here commits.

#include "core/domain/Domain.h"
#include "core/risk/Escalation.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace warmline {

struct Alert;

/// A row the caller asked for does not exist.
class NotFoundError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// What the store knows of a past shift, to rebuild the board's figures
/// after a restart.
struct ShiftHistory
{
    struct Answered
    {
        Id contactId = 0;
        EpochMs acceptedAt = 0;
        EpochMs waitMs = 0;
    };
    std::vector<Answered> answered;                ///< by acceptedAt
    std::vector<std::pair<Id, EpochMs>> abandoned; ///< contact, closedAt
};

/// What the gateway computed about a caller's number before storing: the
/// keyed hash that finds the caller, the encrypted number, the alias.
struct CallerKey
{
    std::string numberHash;      ///< keyed hash, raw bytes
    std::string encryptedNumber; ///< nonce || ciphertext, raw bytes
    std::string alias;
};

/// What scoring did to a contact's escalation.
struct EscalationChange
{
    std::optional<Id> escalationId; ///< the open escalation, if there is one
    bool opened = false;            ///< a new escalation was opened
    bool raised = false;            ///< an open one rose to a higher level
    bool contactRiskRose = false;   ///< the contact's level went up
};

struct IngestOutcome
{
    bool duplicate = false; ///< the provider id was stored before; nothing written
    bool newCaller = false;
    bool newContact = false; ///< a new conversation was opened for this text
    bool optedOut = false;   ///< the caller has opted out (after this message)
    ContactSummary contact;
    Message message;
    EscalationChange escalation; ///< from the text's risk assessment
    std::string callerLanguage;  ///< the caller's language after this text ("" unknown)
    /// The text was the answer to the survey of this contact (docs/surveys.md):
    /// stored as the answer, not as a message; no contact was opened.
    std::optional<Id> surveyAnswerFor;
    /// A STOP stopped these check-ins of the caller (docs/checkins.md).
    std::vector<Id> checkInsStopped;
};

/// Options for how an inbound text changes the caller and the contact.
struct IngestOptions
{
    CallerKey caller;
    /// Open the contact already closed (e.g. a STOP with no open conversation).
    bool closeIfNew = false;
    std::optional<bool> setOptedOut; ///< STOP sets true, START false
    RiskAssessment risk;             ///< the risk engine's view of the text
    /// Scores the contact's recent inbound texts together, oldest first (the
    /// new one last), inside the same transaction; its level raises the
    /// contact's when higher than the text's own. Empty: texts alone.
    std::function<RiskAssessment(const std::vector<std::string>&)> scoreConversation;
    EpochMs conversationWindowMs = 6 * 60 * 60 * 1000; ///< how far back
    int conversationMessages = 10;                     ///< at most this many texts
    /// The text's language as guessed ("en", "es", "other"; "" unknown): it
    /// becomes the caller's language when the caller has none yet.
    std::string language;
};

/// An outbound text with what the sender needs to deliver it.
struct OutboundJob
{
    Message message;
    std::string encryptedNumber; ///< the caller's number, still encrypted
    std::string lineNumber;      ///< the line's number the caller texted
    bool callerOptedOut = false;
    int attempts = 0;
};

struct StoredOperator
{
    OperatorAccount account;
    std::string passwordHash;
};

/// Texts in and out: messages, their delivery status, the outbox.
class TextStore
{
public:
    virtual ~TextStore() = default;

    /// Stores an inbound text in one go: finds or adds the caller, finds or
    /// opens the text contact, stores the message and scores the contact
    /// (EscalationStore::applyRisk). A provider id stored before writes
    /// nothing and reports a duplicate.
    virtual IngestOutcome ingestInbound(const InboundText& text, const IngestOptions& options) = 0;

    /// Stores an outbound text as `queued`; throws NotFoundError if no contact.
    virtual OutboundJob appendOutbound(Id contactId, const std::string& body,
                                       std::optional<Id> operatorId, Provider provider,
                                       EpochMs now) = 0;
    /// Moves a message's delivery status forward; nullopt if it may not move.
    virtual std::optional<Message>
    advanceStatus(Id messageId, DeliveryStatus status, const std::string& error,
                  const std::optional<std::string>& providerId = {}) = 0;
    virtual std::optional<Id> outboundByProviderId(const std::string& providerId) = 0;
    virtual void countAttempt(Id messageId) = 0;
    virtual std::vector<OutboundJob> pendingOutbound() = 0;
    virtual std::optional<OutboundJob> outboundJob(Id messageId) = 0;

    /// A contact's last `limit` messages, oldest first.
    virtual std::vector<Message> messages(Id contactId, std::size_t limit = 1000) = 0;
};

/// Contacts (texts and calls) through their life: queued, accepted, wrap-up,
/// closed or abandoned, and back to the queue.
class ContactStore
{
public:
    virtual ~ContactStore() = default;

    virtual std::optional<ContactSummary> contact(Id id) = 0;
    virtual std::vector<ContactSummary> openContacts() = 0;
    virtual void markAccepted(Id contactId, Id operatorId, EpochMs now) = 0;
    virtual void markQueued(Id contactId) = 0;
    /// Closes a contact with its note and, when given, the structured wrap-up.
    virtual void markClosed(Id contactId, ContactState finalState, const std::string& note,
                            EpochMs now, const std::optional<WrapUp>& wrapup = std::nullopt) = 0;
    /// Moves an active contact to wrap-up; false if it was not active.
    virtual bool markWrapUp(Id contactId, EpochMs now) = 0;

    /// A new call from this caller (created if new) to `lineNumber`, queued.
    virtual ContactSummary ingestCall(const CallerKey& caller, const std::string& lineNumber,
                                      EpochMs at) = 0;
    /// Ends a contact whose caller hung up before being helped, with how long
    /// they waited and their 1-based queue position (0: not in the queue).
    virtual void markAbandoned(Id contactId, EpochMs now, EpochMs waitedMs, int position) = 0;
    /// The wait and position recorded for an abandoned contact.
    virtual std::optional<std::pair<EpochMs, int>> abandonedDetails(Id contactId) = 0;
    /// Back to the queue, waiting since `queuedAt`.
    virtual void requeue(Id contactId, EpochMs queuedAt) = 0;
    virtual void setContactLanguage(Id contactId, const std::string& language) = 0;
};

/// Callers (never their numbers): profile, history, details, limits, notes,
/// flags, opt-out.
class CallerStore
{
public:
    virtual ~CallerStore() = default;

    /// The caller's profile: details, counts, unexpired flags at `now`, own
    /// limits and notes. `todayStart` is the line's local midnight.
    virtual std::optional<CallerProfile> callerProfile(Id callerId, EpochMs now,
                                                       EpochMs todayStart) = 0;
    /// The caller's contacts except `excludeContactId`, newest first.
    virtual std::vector<ContactHistoryEntry> callerHistory(Id callerId, Id excludeContactId,
                                                           std::size_t limit = 500) = 0;
    virtual void updateCallerDetails(Id callerId, const CallerDetailsUpdate& update) = 0;
    virtual void setCallerLimits(Id callerId, const CallerLimits& limits) = 0;
    virtual CallerNote addCallerNote(Id callerId, std::optional<Id> contactId, Id operatorId,
                                     const std::string& body, EpochMs now) = 0;
    virtual CallerFlag setCallerFlag(Id callerId, FlagKind kind, const std::string& note,
                                     Id operatorId, EpochMs now,
                                     std::optional<EpochMs> expiresAt) = 0;
    /// Clears a flag of this caller; false if there is no such uncleared flag.
    virtual bool clearCallerFlag(Id callerId, Id flagId, Id operatorId, EpochMs now) = 0;
    /// The key of the caller of a contact; nullopt if there is no such contact.
    virtual std::optional<CallerKey> callerKeyOfContact(Id contactId) = 0;
    virtual bool callerOptedOut(Id callerId) = 0;
};

/// Escalation (docs/escalation.md). Scoring raises a contact's level (never
/// lowers it) and merges the signals; high and imminent open an escalation
/// or raise the open one, with a step for each.
class EscalationStore
{
public:
    virtual ~EscalationStore() = default;

    /// `openAt`: the least level that opens an escalation (texts: high;
    /// an operator's note: concern, see docs/escalation.md).
    virtual EscalationChange applyRisk(Id contactId, const RiskAssessment& risk,
                                       EscalationSource source, std::optional<Id> operatorId,
                                       EpochMs now, RiskLevel openAt = RiskLevel::High) = 0;
    /// Opens an escalation by hand; the contact's open one if there is one.
    virtual EscalationChange openEscalation(Id contactId, RiskLevel level, EscalationSource source,
                                            Id operatorId, const std::string& detailJson,
                                            EpochMs now) = 0;
    virtual EscalationStep addEscalationStep(Id escalationId, std::optional<Id> operatorId,
                                             const std::string& kind, const std::string& detailJson,
                                             EpochMs now) = 0;
    virtual void closeEscalation(Id escalationId, Id operatorId, EscalationOutcome outcome,
                                 const std::string& reason, EpochMs now) = 0;
    virtual std::optional<EscalationRecord> escalation(Id escalationId) = 0;
    virtual std::vector<EscalationRecord> escalationsOf(Id contactId) = 0;
    virtual std::optional<Id> openEscalationOf(Id contactId) = 0;
};

/// Operator accounts: roles, capacity, languages, SIP URI.
class OperatorStore
{
public:
    virtual ~OperatorStore() = default;

    virtual Id addOperator(const OperatorAccount& account, const std::string& passwordHash) = 0;
    virtual std::optional<StoredOperator> operatorByName(const std::string& name) = 0;
    virtual std::optional<StoredOperator> operatorById(Id id) = 0;
    /// Every account, by name.
    virtual std::vector<OperatorAccount> operators() = 0;
    virtual void setPasswordHash(Id operatorId, const std::string& hash) = 0;
    virtual void setDisabled(Id operatorId, bool disabled) = 0;
    virtual void setRole(Id operatorId, Role role) = 0;
    virtual void setCapacity(Id operatorId, int capacity) = 0;
    virtual void setLanguages(Id operatorId, const std::vector<std::string>& languages) = 0;
    virtual void setSipUri(Id operatorId, const std::string& uri) = 0;
    virtual void setGroup(Id operatorId, const std::string& group) = 0;
};

/// Link sessions (tokens are stored hashed).
class SessionStore
{
public:
    virtual ~SessionStore() = default;

    virtual void addSession(const std::string& tokenHash, Id operatorId, EpochMs now,
                            EpochMs expires) = 0;
    virtual std::optional<Id> sessionOperator(const std::string& tokenHash, EpochMs now) = 0;
    virtual void removeSession(const std::string& tokenHash) = 0;
    virtual void removeSessionsOf(Id operatorId) = 0;
    virtual void removeExpiredSessions(EpochMs now) = 0;
};

/// The shift lead board: alerts, the line's run-time state, the shift so far.
class BoardStore
{
public:
    virtual ~BoardStore() = default;

    virtual Id addAlert(const Alert& alert) = 0;
    virtual void markAlertRaisedAgain(Id alertId, int repeatCount, EpochMs at, bool toAll) = 0;
    /// An open alert's words and operator, retold when its contact changed
    /// hands ("(with sam)" becomes "(with riley)").
    virtual void retellAlert(Id alertId, const std::string& text, std::optional<Id> operatorId) = 0;
    /// Acknowledges an alert (once: a second acknowledgement changes nothing);
    /// for an escalation alert the first one also records the escalation
    /// step `lead_acknowledged`. nullopt when there is no such alert.
    virtual std::optional<Alert> acknowledgeAlert(Id alertId, Id operatorId, EpochMs at) = 0;
    /// Ends an open alert whose condition went away by itself (its contact
    /// was answered, nobody is waiting): acknowledged at `at`, by nobody.
    virtual void resolveAlert(Id alertId, EpochMs at) = 0;
    virtual std::optional<Alert> alert(Id alertId) = 0;
    /// Alerts not yet acknowledged, oldest first.
    virtual std::vector<Alert> openAlerts() = 0;
    /// Alerts raised since `since` (acknowledged or not), newest first.
    virtual std::vector<Alert> alertsSince(EpochMs since, std::size_t limit) = 0;
    virtual std::optional<std::string> lineState(const std::string& key) = 0;
    virtual void setLineState(const std::string& key, const std::string& value, Id operatorId,
                              EpochMs at) = 0;
    /// When each contact held now (active, offered, wrap-up) was accepted.
    virtual std::vector<std::pair<Id, EpochMs>> heldSince() = 0;
    virtual ShiftHistory shiftHistory(EpochMs since) = 0;
};

} // namespace warmline
