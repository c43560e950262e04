#pragma once

// Typed reads and writes of the warmline store on one SQLite connection.
// Not thread-safe: each connection (the writer's, each reader's) has its own
// Repository, used only on that connection's thread. Writes are expected to
// run inside the StoreWorker's transaction; nothing here commits.

#include "core/domain/Domain.h"
#include "core/risk/Escalation.h"
#include "core/store/StatementCache.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace SQLite {
class Database;
class Statement;
} // namespace SQLite

namespace warmline {

struct Alert;

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

class Repository
{
public:
    explicit Repository(SQLite::Database& db);
    ~Repository();
    Repository(const Repository&) = delete;
    Repository& operator=(const Repository&) = delete;

    SQLite::Database& database() { return m_db; }

    // Texts in.
    IngestOutcome ingestInbound(const InboundText& text, const IngestOptions& options);

    // Texts out.
    /// Stores an outbound text as `queued`; throws NotFoundError if no contact.
    OutboundJob appendOutbound(Id contactId, const std::string& body, std::optional<Id> operatorId,
                               Provider provider, EpochMs now);
    /// Moves a message's delivery status forward; nullopt if it may not move.
    std::optional<Message> advanceStatus(Id messageId, DeliveryStatus status,
                                         const std::string& error,
                                         const std::optional<std::string>& providerId = {});
    std::optional<Id> outboundByProviderId(const std::string& providerId);
    void countAttempt(Id messageId);
    std::vector<OutboundJob> pendingOutbound();
    std::optional<OutboundJob> outboundJob(Id messageId);

    // Contacts.
    std::optional<ContactSummary> contact(Id id);
    std::vector<ContactSummary> openContacts();
    std::vector<Message> messages(Id contactId, std::size_t limit = 1000);
    void markAccepted(Id contactId, Id operatorId, EpochMs now);
    void markQueued(Id contactId);
    /// Closes a contact with its note and, when given, the structured wrap-up.
    void markClosed(Id contactId, ContactState finalState, const std::string& note, EpochMs now,
                    const std::optional<WrapUp>& wrapup = std::nullopt);
    /// Moves an active contact to wrap-up; false if it was not active.
    bool markWrapUp(Id contactId, EpochMs now);
    std::optional<CallerKey> callerKeyOfContact(Id contactId);
    bool callerOptedOut(Id callerId);

    // Callers (never their numbers).
    /// The caller's profile: details, counts, unexpired flags at `now`, own
    /// limits and notes. `todayStart` is the line's local midnight.
    std::optional<CallerProfile> callerProfile(Id callerId, EpochMs now, EpochMs todayStart);
    /// The caller's contacts except `excludeContactId`, newest first.
    std::vector<ContactHistoryEntry> callerHistory(Id callerId, Id excludeContactId,
                                                   std::size_t limit = 500);
    void updateCallerDetails(Id callerId, const CallerDetailsUpdate& update);
    void setCallerLimits(Id callerId, const CallerLimits& limits);
    CallerNote addCallerNote(Id callerId, std::optional<Id> contactId, Id operatorId,
                             const std::string& body, EpochMs now);
    CallerFlag setCallerFlag(Id callerId, FlagKind kind, const std::string& note, Id operatorId,
                             EpochMs now, std::optional<EpochMs> expiresAt);
    /// Clears a flag of this caller; false if there is no such uncleared flag.
    bool clearCallerFlag(Id callerId, Id flagId, Id operatorId, EpochMs now);

    // Escalation (docs/escalation.md). Scoring raises a contact's level (never
    // lowers it) and merges the signals; high and imminent open an escalation
    // or raise the open one, with a step for each.
    /// `openAt`: the least level that opens an escalation (texts: high;
    /// an operator's note: concern, see docs/escalation.md).
    EscalationChange applyRisk(Id contactId, const RiskAssessment& risk, EscalationSource source,
                               std::optional<Id> operatorId, EpochMs now,
                               RiskLevel openAt = RiskLevel::High);
    /// Opens an escalation by hand; the contact's open one if there is one.
    EscalationChange openEscalation(Id contactId, RiskLevel level, EscalationSource source,
                                    Id operatorId, const std::string& detailJson, EpochMs now);
    EscalationStep addEscalationStep(Id escalationId, std::optional<Id> operatorId,
                                     const std::string& kind, const std::string& detailJson,
                                     EpochMs now);
    void closeEscalation(Id escalationId, Id operatorId, EscalationOutcome outcome,
                         const std::string& reason, EpochMs now);
    std::optional<EscalationRecord> escalation(Id escalationId);
    std::vector<EscalationRecord> escalationsOf(Id contactId);
    std::optional<Id> openEscalationOf(Id contactId);

    // Operators.
    Id addOperator(const OperatorAccount& account, const std::string& passwordHash);
    std::optional<StoredOperator> operatorByName(const std::string& name);
    std::optional<StoredOperator> operatorById(Id id);
    std::vector<OperatorAccount> operators();
    void setPasswordHash(Id operatorId, const std::string& hash);
    void setDisabled(Id operatorId, bool disabled);
    void setRole(Id operatorId, Role role);
    void setCapacity(Id operatorId, int capacity);
    void setLanguages(Id operatorId, const std::vector<std::string>& languages);

    // Calls.
    /// A new call from this caller (created if new) to `lineNumber`, queued.
    ContactSummary ingestCall(const CallerKey& caller, const std::string& lineNumber, EpochMs at);
    /// Ends a contact whose caller hung up before being helped, with how long
    /// they waited and their 1-based queue position (0: not in the queue).
    void markAbandoned(Id contactId, EpochMs now, EpochMs waitedMs, int position);
    /// The wait and position recorded for an abandoned contact.
    std::optional<std::pair<EpochMs, int>> abandonedDetails(Id contactId);
    /// Back to the queue, waiting since `queuedAt`.
    void requeue(Id contactId, EpochMs queuedAt);
    void setContactLanguage(Id contactId, const std::string& language);
    void setSipUri(Id operatorId, const std::string& uri);

    // Link sessions (tokens are stored hashed).
    void addSession(const std::string& tokenHash, Id operatorId, EpochMs now, EpochMs expires);
    std::optional<Id> sessionOperator(const std::string& tokenHash, EpochMs now);
    void removeSession(const std::string& tokenHash);
    void removeSessionsOf(Id operatorId);
    void removeExpiredSessions(EpochMs now);

    // The shift lead board: alerts, the line's run-time state, the shift so far.
    Id addAlert(const Alert& alert);
    void markAlertRaisedAgain(Id alertId, int repeatCount, EpochMs at, bool toAll);
    /// Acknowledges an alert (once: a second acknowledgement changes nothing);
    /// for an escalation alert the first one also records the escalation
    /// step `lead_acknowledged`. nullopt when there is no such alert.
    std::optional<Alert> acknowledgeAlert(Id alertId, Id operatorId, EpochMs at);
    std::optional<Alert> alert(Id alertId);
    /// Alerts not yet acknowledged, oldest first.
    std::vector<Alert> openAlerts();
    /// Alerts raised since `since` (acknowledged or not), newest first.
    std::vector<Alert> alertsSince(EpochMs since, std::size_t limit);
    std::optional<std::string> lineState(const std::string& key);
    void setLineState(const std::string& key, const std::string& value, Id operatorId, EpochMs at);
    /// When each contact held now (active, offered, wrap-up) was accepted.
    std::vector<std::pair<Id, EpochMs>> heldSince();
    ShiftHistory shiftHistory(EpochMs since);

private:
    SQLite::Statement& stmt(std::string_view sql) { return m_statements.get(sql); }
    ContactSummary readContact(SQLite::Statement& q);

    SQLite::Database& m_db;
    StatementCache m_statements;
};

/// A row the caller asked for does not exist.
class NotFoundError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace warmline
