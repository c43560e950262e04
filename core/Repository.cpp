#include "core/Repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace warmline {

namespace {

constexpr const char* kContactSelect =
    "SELECT c.id, c.caller_id, cl.alias, c.channel, c.state, c.risk, c.created_at, c.queued_at, "
    "c.operator_id, COALESCE(o.name, ''), c.preview, c.message_count "
    "FROM contacts c JOIN callers cl ON cl.id = c.caller_id "
    "LEFT JOIN operators o ON o.id = c.operator_id ";

std::string blobOf(const SQLite::Column& col)
{
    return std::string(static_cast<const char*>(col.getBlob()),
                       static_cast<std::size_t>(col.getBytes()));
}

void bindBlob(SQLite::Statement& q, int index, const std::string& bytes)
{
    q.bind(index, bytes.data(), static_cast<int>(bytes.size()));
}

/// Resets a cached statement when the scope ends, whatever happened.
class Reset
{
public:
    explicit Reset(SQLite::Statement& q) : m_q(q) {}
    ~Reset()
    {
        try {
            m_q.reset();
            m_q.clearBindings();
        } catch (...) {
            // A reset after a failed step reports the step's error again;
            // the statement is usable all the same.
        }
    }
    Reset(const Reset&) = delete;
    Reset& operator=(const Reset&) = delete;

private:
    SQLite::Statement& m_q;
};

Message readMessage(SQLite::Statement& q)
{
    Message m;
    m.id = q.getColumn(0).getInt64();
    m.contactId = q.getColumn(1).getInt64();
    m.direction = parseDirection(q.getColumn(2).getString()).value_or(Direction::Inbound);
    m.body = q.getColumn(3).getString();
    m.at = q.getColumn(4).getInt64();
    m.status = parseDeliveryStatus(q.getColumn(5).getString()).value_or(DeliveryStatus::Failed);
    m.error = q.getColumn(6).isNull() ? std::string() : q.getColumn(6).getString();
    return m;
}

constexpr const char* kMessageColumns = "id, contact_id, direction, body, at, status, error";

} // namespace

Repository::Repository(SQLite::Database& db) : m_db(db) {}

Repository::~Repository() = default;

SQLite::Statement& Repository::stmt(const char* sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        it = m_statements.emplace(sql, std::make_unique<SQLite::Statement>(m_db, sql)).first;
    }
    return *it->second;
}

ContactSummary Repository::readContact(SQLite::Statement& q)
{
    ContactSummary c;
    c.id = q.getColumn(0).getInt64();
    c.callerId = q.getColumn(1).getInt64();
    c.alias = q.getColumn(2).getString();
    c.channel = parseChannel(q.getColumn(3).getString()).value_or(Channel::Text);
    c.state = parseContactState(q.getColumn(4).getString()).value_or(ContactState::Closed);
    c.risk = parseRiskLevel(q.getColumn(5).getString()).value_or(RiskLevel::None);
    c.createdAt = q.getColumn(6).getInt64();
    c.queuedAt = q.getColumn(7).getInt64();
    if (!q.getColumn(8).isNull()) {
        c.operatorId = q.getColumn(8).getInt64();
    }
    c.operatorName = q.getColumn(9).getString();
    c.preview = q.getColumn(10).getString();
    c.messageCount = q.getColumn(11).getInt();
    return c;
}

IngestOutcome Repository::ingestInbound(const InboundText& text, const IngestOptions& options)
{
    IngestOutcome out;
    const std::string provider(toString(text.provider));

    if (!text.providerId.empty()) {
        auto& q = stmt("SELECT id FROM messages WHERE provider = ? AND provider_id = ? "
                       "AND direction = 'in'");
        Reset r(q);
        q.bind(1, provider);
        q.bind(2, text.providerId);
        if (q.executeStep()) {
            const Id existing = q.getColumn(0).getInt64();
            auto& m = stmt("SELECT id, contact_id, direction, body, at, status, error "
                           "FROM messages WHERE id = ?");
            Reset rm(m);
            m.bind(1, existing);
            m.executeStep();
            out.duplicate = true;
            out.message = readMessage(m);
            out.contact = contact(out.message.contactId).value_or(ContactSummary{});
            return out;
        }
    }

    Id callerId = 0;
    {
        auto& q = stmt("SELECT id, opted_out FROM callers WHERE number_hash = ?");
        Reset r(q);
        bindBlob(q, 1, options.caller.numberHash);
        if (q.executeStep()) {
            callerId = q.getColumn(0).getInt64();
            out.optedOut = q.getColumn(1).getInt() != 0;
        }
    }
    if (callerId == 0) {
        auto& q = stmt("INSERT INTO callers (number_hash, number_enc, alias, created_at) "
                       "VALUES (?, ?, ?, ?)");
        Reset r(q);
        bindBlob(q, 1, options.caller.numberHash);
        bindBlob(q, 2, options.caller.encryptedNumber);
        q.bind(3, options.caller.alias);
        q.bind(4, text.receivedAt);
        q.exec();
        callerId = m_db.getLastInsertRowid();
        out.newCaller = true;
    }
    if (options.setOptedOut) {
        auto& q = stmt("UPDATE callers SET opted_out = ? WHERE id = ?");
        Reset r(q);
        q.bind(1, *options.setOptedOut ? 1 : 0);
        q.bind(2, callerId);
        q.exec();
        out.optedOut = *options.setOptedOut;
    }

    Id contactId = 0;
    {
        auto& q = stmt("SELECT id FROM contacts WHERE caller_id = ? AND channel = 'text' "
                       "AND state NOT IN ('closed', 'abandoned') ORDER BY id DESC LIMIT 1");
        Reset r(q);
        q.bind(1, callerId);
        if (q.executeStep()) {
            contactId = q.getColumn(0).getInt64();
        }
    }
    if (contactId == 0) {
        auto& q = stmt("INSERT INTO contacts (caller_id, channel, state, line_number, created_at, "
                       "queued_at, closed_at) VALUES (?, 'text', ?, ?, ?, ?, ?)");
        Reset r(q);
        q.bind(1, callerId);
        q.bind(2, std::string(
                      toString(options.closeIfNew ? ContactState::Closed : ContactState::Queued)));
        q.bind(3, text.to);
        q.bind(4, text.receivedAt);
        q.bind(5, text.receivedAt);
        if (options.closeIfNew) {
            q.bind(6, text.receivedAt);
        } else {
            q.bind(6);
        }
        q.exec();
        contactId = m_db.getLastInsertRowid();
        out.newContact = true;
    }

    {
        auto& q = stmt("INSERT INTO messages (contact_id, direction, body, at, provider, "
                       "provider_id, status) VALUES (?, 'in', ?, ?, ?, ?, 'received')");
        Reset r(q);
        q.bind(1, contactId);
        q.bind(2, text.body);
        q.bind(3, text.receivedAt);
        q.bind(4, provider);
        if (text.providerId.empty()) {
            q.bind(5);
        } else {
            q.bind(5, text.providerId);
        }
        q.exec();
        out.message.id = m_db.getLastInsertRowid();
        out.message.contactId = contactId;
        out.message.direction = Direction::Inbound;
        out.message.body = text.body;
        out.message.at = text.receivedAt;
        out.message.status = DeliveryStatus::Received;
    }
    {
        auto& q = stmt("UPDATE contacts SET preview = ?, message_count = message_count + 1 "
                       "WHERE id = ?");
        Reset r(q);
        q.bind(1, previewOf(text.body));
        q.bind(2, contactId);
        q.exec();
    }
    out.contact = contact(contactId).value_or(ContactSummary{});
    return out;
}

OutboundJob Repository::appendOutbound(Id contactId, const std::string& body,
                                       std::optional<Id> operatorId, Provider provider, EpochMs now)
{
    OutboundJob job;
    {
        auto& q = stmt("SELECT cl.number_enc, c.line_number, cl.opted_out FROM contacts c "
                       "JOIN callers cl ON cl.id = c.caller_id WHERE c.id = ?");
        Reset r(q);
        q.bind(1, contactId);
        if (!q.executeStep()) {
            throw NotFoundError("no contact " + std::to_string(contactId));
        }
        job.encryptedNumber = blobOf(q.getColumn(0));
        job.lineNumber = q.getColumn(1).getString();
        job.callerOptedOut = q.getColumn(2).getInt() != 0;
    }
    auto& q = stmt("INSERT INTO messages (contact_id, direction, body, at, provider, status, "
                   "operator_id) VALUES (?, 'out', ?, ?, ?, 'queued', ?)");
    Reset r(q);
    q.bind(1, contactId);
    q.bind(2, body);
    q.bind(3, now);
    q.bind(4, std::string(toString(provider)));
    if (operatorId) {
        q.bind(5, *operatorId);
    } else {
        q.bind(5);
    }
    q.exec();
    job.message.id = m_db.getLastInsertRowid();
    job.message.contactId = contactId;
    job.message.direction = Direction::Outbound;
    job.message.body = body;
    job.message.at = now;
    job.message.status = DeliveryStatus::Queued;
    return job;
}

std::optional<Message> Repository::advanceStatus(Id messageId, DeliveryStatus status,
                                                 const std::string& error,
                                                 const std::optional<std::string>& providerId)
{
    Message m;
    {
        auto& q = stmt("SELECT id, contact_id, direction, body, at, status, error FROM messages "
                       "WHERE id = ?");
        Reset r(q);
        q.bind(1, messageId);
        if (!q.executeStep()) {
            return std::nullopt;
        }
        m = readMessage(q);
    }
    if (!deliveryStatusMayAdvance(m.status, status)) {
        return std::nullopt;
    }
    auto& q = stmt("UPDATE messages SET status = ?, error = ?, "
                   "provider_id = COALESCE(?, provider_id) WHERE id = ?");
    Reset r(q);
    q.bind(1, std::string(toString(status)));
    if (error.empty()) {
        q.bind(2);
    } else {
        q.bind(2, error);
    }
    if (providerId) {
        q.bind(3, *providerId);
    } else {
        q.bind(3);
    }
    q.bind(4, messageId);
    q.exec();
    m.status = status;
    m.error = error;
    return m;
}

std::optional<Id> Repository::outboundByProviderId(const std::string& providerId)
{
    auto& q = stmt("SELECT id FROM messages WHERE provider_id = ? AND direction = 'out'");
    Reset r(q);
    q.bind(1, providerId);
    if (q.executeStep()) {
        return q.getColumn(0).getInt64();
    }
    return std::nullopt;
}

void Repository::countAttempt(Id messageId)
{
    auto& q = stmt("UPDATE messages SET attempts = attempts + 1 WHERE id = ?");
    Reset r(q);
    q.bind(1, messageId);
    q.exec();
}

std::optional<OutboundJob> Repository::outboundJob(Id messageId)
{
    auto& q = stmt("SELECT m.id, m.contact_id, m.direction, m.body, m.at, m.status, m.error, "
                   "cl.number_enc, c.line_number, cl.opted_out, m.attempts FROM messages m "
                   "JOIN contacts c ON c.id = m.contact_id JOIN callers cl ON cl.id = c.caller_id "
                   "WHERE m.id = ? AND m.direction = 'out'");
    Reset r(q);
    q.bind(1, messageId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    OutboundJob job;
    job.message = readMessage(q);
    job.encryptedNumber = blobOf(q.getColumn(7));
    job.lineNumber = q.getColumn(8).getString();
    job.callerOptedOut = q.getColumn(9).getInt() != 0;
    job.attempts = q.getColumn(10).getInt();
    return job;
}

std::vector<OutboundJob> Repository::pendingOutbound()
{
    std::vector<Id> ids;
    {
        auto& q = stmt("SELECT id FROM messages WHERE direction = 'out' "
                       "AND status IN ('queued', 'sending') ORDER BY id");
        Reset r(q);
        while (q.executeStep()) {
            ids.push_back(q.getColumn(0).getInt64());
        }
    }
    std::vector<OutboundJob> jobs;
    for (Id id : ids) {
        if (auto job = outboundJob(id)) {
            jobs.push_back(std::move(*job));
        }
    }
    return jobs;
}

std::optional<ContactSummary> Repository::contact(Id id)
{
    static const std::string sql = std::string(kContactSelect) + "WHERE c.id = ?";
    auto& q = stmt(sql.c_str());
    Reset r(q);
    q.bind(1, id);
    if (q.executeStep()) {
        return readContact(q);
    }
    return std::nullopt;
}

std::vector<ContactSummary> Repository::openContacts()
{
    static const std::string sql =
        std::string(kContactSelect) + "WHERE c.state NOT IN ('closed', 'abandoned') ORDER BY c.id";
    auto& q = stmt(sql.c_str());
    Reset r(q);
    std::vector<ContactSummary> out;
    while (q.executeStep()) {
        out.push_back(readContact(q));
    }
    return out;
}

std::vector<Message> Repository::messages(Id contactId, std::size_t limit)
{
    static const std::string sql = std::string("SELECT ") + kMessageColumns +
                                   " FROM (SELECT * FROM messages WHERE contact_id = ? "
                                   "ORDER BY id DESC LIMIT ?) ORDER BY id";
    auto& q = stmt(sql.c_str());
    Reset r(q);
    q.bind(1, contactId);
    q.bind(2, static_cast<std::int64_t>(limit));
    std::vector<Message> out;
    while (q.executeStep()) {
        out.push_back(readMessage(q));
    }
    return out;
}

void Repository::markAccepted(Id contactId, Id operatorId, EpochMs now)
{
    auto& q = stmt("UPDATE contacts SET state = 'active', operator_id = ?, accepted_at = ? "
                   "WHERE id = ?");
    Reset r(q);
    q.bind(1, operatorId);
    q.bind(2, now);
    q.bind(3, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

void Repository::markQueued(Id contactId)
{
    auto& q = stmt("UPDATE contacts SET state = 'queued', operator_id = NULL, accepted_at = NULL "
                   "WHERE id = ?");
    Reset r(q);
    q.bind(1, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

void Repository::markClosed(Id contactId, ContactState finalState, const std::string& note,
                            EpochMs now)
{
    auto& q = stmt("UPDATE contacts SET state = ?, wrapup_note = ?, closed_at = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, std::string(toString(finalState)));
    q.bind(2, note);
    q.bind(3, now);
    q.bind(4, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

std::optional<CallerKey> Repository::callerKeyOfContact(Id contactId)
{
    auto& q = stmt("SELECT cl.number_hash, cl.number_enc, cl.alias FROM contacts c "
                   "JOIN callers cl ON cl.id = c.caller_id WHERE c.id = ?");
    Reset r(q);
    q.bind(1, contactId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return CallerKey{blobOf(q.getColumn(0)), blobOf(q.getColumn(1)), q.getColumn(2).getString()};
}

bool Repository::callerOptedOut(Id callerId)
{
    auto& q = stmt("SELECT opted_out FROM callers WHERE id = ?");
    Reset r(q);
    q.bind(1, callerId);
    return q.executeStep() && q.getColumn(0).getInt() != 0;
}

Id Repository::addOperator(const OperatorAccount& account, const std::string& passwordHash)
{
    auto& q = stmt("INSERT INTO operators (name, password_hash, role, capacity, disabled, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, account.name);
    q.bind(2, passwordHash);
    q.bind(3, std::string(toString(account.role)));
    q.bind(4, account.textCapacity);
    q.bind(5, account.disabled ? 1 : 0);
    q.bind(6, account.createdAt);
    q.exec();
    return m_db.getLastInsertRowid();
}

namespace {
StoredOperator readOperator(SQLite::Statement& q)
{
    StoredOperator s;
    s.account.id = q.getColumn(0).getInt64();
    s.account.name = q.getColumn(1).getString();
    s.passwordHash = q.getColumn(2).getString();
    s.account.role = parseRole(q.getColumn(3).getString()).value_or(Role::Operator);
    s.account.textCapacity = q.getColumn(4).getInt();
    s.account.disabled = q.getColumn(5).getInt() != 0;
    s.account.createdAt = q.getColumn(6).getInt64();
    return s;
}
} // namespace

std::optional<StoredOperator> Repository::operatorByName(const std::string& name)
{
    auto& q = stmt("SELECT id, name, password_hash, role, capacity, disabled, created_at "
                   "FROM operators WHERE name = ?");
    Reset r(q);
    q.bind(1, name);
    if (q.executeStep()) {
        return readOperator(q);
    }
    return std::nullopt;
}

std::optional<StoredOperator> Repository::operatorById(Id id)
{
    auto& q = stmt("SELECT id, name, password_hash, role, capacity, disabled, created_at "
                   "FROM operators WHERE id = ?");
    Reset r(q);
    q.bind(1, id);
    if (q.executeStep()) {
        return readOperator(q);
    }
    return std::nullopt;
}

std::vector<OperatorAccount> Repository::operators()
{
    auto& q = stmt("SELECT id, name, password_hash, role, capacity, disabled, created_at "
                   "FROM operators ORDER BY name");
    Reset r(q);
    std::vector<OperatorAccount> out;
    while (q.executeStep()) {
        out.push_back(readOperator(q).account);
    }
    return out;
}

void Repository::setPasswordHash(Id operatorId, const std::string& hash)
{
    auto& q = stmt("UPDATE operators SET password_hash = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, hash);
    q.bind(2, operatorId);
    q.exec();
}

void Repository::setDisabled(Id operatorId, bool disabled)
{
    auto& q = stmt("UPDATE operators SET disabled = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, disabled ? 1 : 0);
    q.bind(2, operatorId);
    q.exec();
}

void Repository::setRole(Id operatorId, Role role)
{
    auto& q = stmt("UPDATE operators SET role = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, std::string(toString(role)));
    q.bind(2, operatorId);
    q.exec();
}

void Repository::addSession(const std::string& tokenHash, Id operatorId, EpochMs now,
                            EpochMs expires)
{
    auto& q = stmt("INSERT INTO sessions (token_hash, operator_id, created_at, expires_at) "
                   "VALUES (?, ?, ?, ?)");
    Reset r(q);
    bindBlob(q, 1, tokenHash);
    q.bind(2, operatorId);
    q.bind(3, now);
    q.bind(4, expires);
    q.exec();
}

std::optional<Id> Repository::sessionOperator(const std::string& tokenHash, EpochMs now)
{
    auto& q = stmt("SELECT operator_id FROM sessions WHERE token_hash = ? AND expires_at > ?");
    Reset r(q);
    bindBlob(q, 1, tokenHash);
    q.bind(2, now);
    if (q.executeStep()) {
        return q.getColumn(0).getInt64();
    }
    return std::nullopt;
}

void Repository::removeSession(const std::string& tokenHash)
{
    auto& q = stmt("DELETE FROM sessions WHERE token_hash = ?");
    Reset r(q);
    bindBlob(q, 1, tokenHash);
    q.exec();
}

void Repository::removeSessionsOf(Id operatorId)
{
    auto& q = stmt("DELETE FROM sessions WHERE operator_id = ?");
    Reset r(q);
    q.bind(1, operatorId);
    q.exec();
}

void Repository::removeExpiredSessions(EpochMs now)
{
    auto& q = stmt("DELETE FROM sessions WHERE expires_at <= ?");
    Reset r(q);
    q.bind(1, now);
    q.exec();
}

} // namespace warmline
