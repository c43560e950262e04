#pragma once

// The SQLite implementations of the store's interfaces (core/store/Stores.h),
// one per aggregate, all on one connection and sharing its statement cache.
// Work that spans aggregates in one transaction (an inbound text adds the
// caller, opens the contact and scores it) goes through the peer stores
// each one is given: SQLite ones on the same connection, so it stays in the
// caller's transaction. The public members beyond the interfaces are for
// those peers. Repository builds them in dependency order: operators,
// sessions, callers, contacts, escalations, texts, board.

#include "core/store/StatementCache.h"
#include "core/store/Stores.h"

#include <string_view>

namespace SQLite {
class Database;
class Statement;
} // namespace SQLite

namespace warmline {

/// The connection and the statement cache every SQLite store uses.
class SqliteStore
{
protected:
    SqliteStore(SQLite::Database& db, StatementCache& statements)
        : m_db(db), m_statements(statements)
    {
    }
    SQLite::Statement& stmt(std::string_view sql) { return m_statements.get(sql); }

    SQLite::Database& m_db;

private:
    StatementCache& m_statements;
};

class SqliteOperatorStore final : public OperatorStore, private SqliteStore
{
public:
    SqliteOperatorStore(SQLite::Database& db, StatementCache& statements);

    Id addOperator(const OperatorAccount& account, const std::string& passwordHash) override;
    std::optional<StoredOperator> operatorByName(const std::string& name) override;
    std::optional<StoredOperator> operatorById(Id id) override;
    std::vector<OperatorAccount> operators() override;
    void setPasswordHash(Id operatorId, const std::string& hash) override;
    void setDisabled(Id operatorId, bool disabled) override;
    void setRole(Id operatorId, Role role) override;
    void setCapacity(Id operatorId, int capacity) override;
    void setLanguages(Id operatorId, const std::vector<std::string>& languages) override;
    void setSipUri(Id operatorId, const std::string& uri) override;
    void setGroup(Id operatorId, const std::string& group) override;
};

class SqliteSessionStore final : public SessionStore, private SqliteStore
{
public:
    SqliteSessionStore(SQLite::Database& db, StatementCache& statements);

    void addSession(const std::string& tokenHash, Id operatorId, EpochMs now,
                    EpochMs expires) override;
    std::optional<Id> sessionOperator(const std::string& tokenHash, EpochMs now) override;
    void removeSession(const std::string& tokenHash) override;
    void removeSessionsOf(Id operatorId) override;
    void removeExpiredSessions(EpochMs now) override;
};

class SqliteCallerStore final : public CallerStore, private SqliteStore
{
public:
    /// `operators` names who wrote a note or set a flag.
    SqliteCallerStore(SQLite::Database& db, StatementCache& statements,
                      SqliteOperatorStore& operators);

    std::optional<CallerProfile> callerProfile(Id callerId, EpochMs now,
                                               EpochMs todayStart) override;
    std::vector<ContactHistoryEntry> callerHistory(Id callerId, Id excludeContactId,
                                                   std::size_t limit) override;
    void updateCallerDetails(Id callerId, const CallerDetailsUpdate& update) override;
    void setCallerLimits(Id callerId, const CallerLimits& limits) override;
    CallerNote addCallerNote(Id callerId, std::optional<Id> contactId, Id operatorId,
                             const std::string& body, EpochMs now) override;
    CallerFlag setCallerFlag(Id callerId, FlagKind kind, const std::string& note, Id operatorId,
                             EpochMs now, std::optional<EpochMs> expiresAt) override;
    bool clearCallerFlag(Id callerId, Id flagId, Id operatorId, EpochMs now) override;
    std::optional<CallerKey> callerKeyOfContact(Id contactId) override;
    bool callerOptedOut(Id callerId) override;

    // For the peers.
    struct Found
    {
        Id id = 0;
        bool optedOut = false;
        bool added = false; ///< new: added with this key
    };
    /// The caller with this key's hash, added (created at `at`) if there is none.
    Found findOrAddCaller(const CallerKey& key, EpochMs at);
    void setOptedOut(Id callerId, bool optedOut);

private:
    SqliteOperatorStore& m_operators;
};

class SqliteContactStore final : public ContactStore, private SqliteStore
{
public:
    /// `callers` finds or adds the caller of a new call.
    SqliteContactStore(SQLite::Database& db, StatementCache& statements,
                       SqliteCallerStore& callers);

    std::optional<ContactSummary> contact(Id id) override;
    std::vector<ContactSummary> openContacts() override;
    void markAccepted(Id contactId, Id operatorId, EpochMs now) override;
    void markQueued(Id contactId) override;
    void markClosed(Id contactId, ContactState finalState, const std::string& note, EpochMs now,
                    const std::optional<WrapUp>& wrapup) override;
    bool markWrapUp(Id contactId, EpochMs now) override;
    ContactSummary ingestCall(const CallerKey& caller, const std::string& lineNumber,
                              EpochMs at) override;
    void markAbandoned(Id contactId, EpochMs now, EpochMs waitedMs, int position) override;
    std::optional<std::pair<EpochMs, int>> abandonedDetails(Id contactId) override;
    void requeue(Id contactId, EpochMs queuedAt) override;
    void setContactLanguage(Id contactId, const std::string& language) override;

    // For the peers.
    /// The caller's newest text contact that is neither closed nor abandoned.
    std::optional<Id> openTextContactOf(Id callerId);
    /// A new text contact to `lineNumber`, queued at `at` (or closed at `at`).
    Id addTextContact(Id callerId, const std::string& lineNumber, EpochMs at, bool closed);
    /// Counts one more text and shows `preview` as the contact's latest.
    void countText(Id contactId, const std::string& preview);
    /// Raises the contact's level to the assessment's (never lowers it) and
    /// merges its signals; true if the level rose. NotFoundError if no contact.
    bool mergeRisk(Id contactId, const RiskAssessment& risk);
    /// Raises the contact's level to `level` (never lowers it), signals as
    /// they are; true if it rose. NotFoundError if no contact.
    bool raiseRisk(Id contactId, RiskLevel level);

private:
    SqliteCallerStore& m_callers;
};

class SqliteEscalationStore final : public EscalationStore, private SqliteStore
{
public:
    /// `contacts` keeps the contact's own level in step with its escalation.
    SqliteEscalationStore(SQLite::Database& db, StatementCache& statements,
                          SqliteContactStore& contacts);

    EscalationChange applyRisk(Id contactId, const RiskAssessment& risk, EscalationSource source,
                               std::optional<Id> operatorId, EpochMs now,
                               RiskLevel openAt) override;
    EscalationChange openEscalation(Id contactId, RiskLevel level, EscalationSource source,
                                    Id operatorId, const std::string& detailJson,
                                    EpochMs now) override;
    EscalationStep addEscalationStep(Id escalationId, std::optional<Id> operatorId,
                                     const std::string& kind, const std::string& detailJson,
                                     EpochMs now) override;
    void closeEscalation(Id escalationId, Id operatorId, EscalationOutcome outcome,
                         const std::string& reason, EpochMs now) override;
    std::optional<EscalationRecord> escalation(Id escalationId) override;
    std::vector<EscalationRecord> escalationsOf(Id contactId) override;
    std::optional<Id> openEscalationOf(Id contactId) override;

private:
    SqliteContactStore& m_contacts;
};

class SqliteTextStore final : public TextStore, private SqliteStore
{
public:
    /// An inbound text finds or adds its caller and contact and scores the
    /// contact through these, in the same transaction.
    SqliteTextStore(SQLite::Database& db, StatementCache& statements, SqliteCallerStore& callers,
                    SqliteContactStore& contacts, SqliteEscalationStore& escalations);

    IngestOutcome ingestInbound(const InboundText& text, const IngestOptions& options) override;
    OutboundJob appendOutbound(Id contactId, const std::string& body, std::optional<Id> operatorId,
                               Provider provider, EpochMs now) override;
    std::optional<Message> advanceStatus(Id messageId, DeliveryStatus status,
                                         const std::string& error,
                                         const std::optional<std::string>& providerId) override;
    std::optional<Id> outboundByProviderId(const std::string& providerId) override;
    void countAttempt(Id messageId) override;
    std::vector<OutboundJob> pendingOutbound() override;
    std::optional<OutboundJob> outboundJob(Id messageId) override;
    std::vector<Message> messages(Id contactId, std::size_t limit) override;

private:
    SqliteCallerStore& m_callers;
    SqliteContactStore& m_contacts;
    SqliteEscalationStore& m_escalations;
};

class SqliteBoardStore final : public BoardStore, private SqliteStore
{
public:
    /// `escalations` records the lead's acknowledgement of an escalation alert.
    SqliteBoardStore(SQLite::Database& db, StatementCache& statements,
                     SqliteEscalationStore& escalations);

    Id addAlert(const Alert& alert) override;
    void markAlertRaisedAgain(Id alertId, int repeatCount, EpochMs at, bool toAll) override;
    void retellAlert(Id alertId, const std::string& text, std::optional<Id> operatorId) override;
    std::optional<Alert> acknowledgeAlert(Id alertId, Id operatorId, EpochMs at) override;
    void resolveAlert(Id alertId, EpochMs at) override;
    std::optional<Alert> alert(Id alertId) override;
    std::vector<Alert> openAlerts() override;
    std::vector<Alert> alertsSince(EpochMs since, std::size_t limit) override;
    std::optional<std::string> lineState(const std::string& key) override;
    void setLineState(const std::string& key, const std::string& value, Id operatorId,
                      EpochMs at) override;
    std::vector<std::pair<Id, EpochMs>> heldSince() override;
    ShiftHistory shiftHistory(EpochMs since) override;

private:
    SqliteEscalationStore& m_escalations;
};

} // namespace warmline
