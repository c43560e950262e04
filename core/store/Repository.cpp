#include "core/store/Repository.h"

#include <algorithm>

#include "core/domain/Alert.h"
#include "core/text/JsonStrings.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace warmline {

namespace json = boost::json;

namespace {

constexpr const char* kContactSelect =
    "SELECT c.id, c.caller_id, cl.alias, c.channel, c.state, c.risk, c.created_at, c.queued_at, "
    "c.operator_id, COALESCE(o.name, ''), c.preview, c.message_count, c.risk_signals, c.language "
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

std::string jsonStrings(const std::vector<std::string>& items)
{
    boost::json::array a;
    for (const auto& item : items) {
        a.emplace_back(item);
    }
    return boost::json::serialize(a);
}

/// The strings of a stored JSON array; anything else reads as empty, so a
/// damaged cell never stops a caller's history from showing.
std::vector<std::string> stringsOfJson(const std::string& text)
{
    std::vector<std::string> out;
    boost::json::error_code ec;
    const auto v = boost::json::parse(text, ec);
    if (ec || !v.is_array()) {
        return out;
    }
    for (const auto& item : v.get_array()) {
        if (item.is_string()) {
            out.emplace_back(item.get_string());
        }
    }
    return out;
}

std::string textOrEmpty(const SQLite::Column& col)
{
    return col.isNull() ? std::string() : col.getString();
}

} // namespace

Repository::Repository(SQLite::Database& db) : m_db(db), m_statements(db) {}

Repository::~Repository() = default;

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
    for (auto& s : signalsFromJson(q.getColumn(12).getString())) {
        c.riskSignals.push_back(std::move(s.text));
    }
    c.language = q.getColumn(13).getString();
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
        if (options.risk.level != RiskLevel::None) {
            auto& u = stmt("UPDATE messages SET risk = ? WHERE id = ?");
            Reset ru(u);
            u.bind(1, std::string(toString(options.risk.level)));
            u.bind(2, out.message.id);
            u.exec();
        }
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
    RiskAssessment risk = options.risk;
    if (options.scoreConversation && !out.newContact && !options.closeIfNew) {
        // A plan in one text and "tonight" in the next: the contact's level
        // comes from its recent texts together (docs/risk-rules.md).
        std::vector<std::string> recent;
        auto& q = stmt("SELECT body FROM messages WHERE contact_id = ? AND direction = 'in' "
                       "AND at >= ? ORDER BY at DESC, id DESC LIMIT ?");
        Reset r(q);
        q.bind(1, contactId);
        q.bind(2, text.receivedAt - options.conversationWindowMs);
        q.bind(3, options.conversationMessages);
        while (q.executeStep()) {
            recent.push_back(q.getColumn(0).getString());
        }
        std::reverse(recent.begin(), recent.end());
        if (recent.size() > 1) {
            auto together = options.scoreConversation(recent);
            if (together.level > risk.level) {
                risk = std::move(together);
            }
        }
    }
    if (risk.level != RiskLevel::None && !options.closeIfNew) {
        out.escalation =
            applyRisk(contactId, risk, EscalationSource::Text, std::nullopt, text.receivedAt);
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
    auto& q = stmt(sql);
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
    auto& q = stmt(sql);
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
    auto& q = stmt(sql);
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
                            EpochMs now, const std::optional<WrapUp>& wrapup)
{
    auto& q = stmt("UPDATE contacts SET state = ?, wrapup_note = ?, closed_at = ?, "
                   "outcome = ?, helped = ?, topics = ?, referrals = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, std::string(toString(finalState)));
    q.bind(2, note);
    q.bind(3, now);
    if (wrapup) {
        q.bind(4, std::string(toString(wrapup->outcome)));
        q.bind(5, std::string(toString(wrapup->helped)));
        q.bind(6, jsonStrings(wrapup->topics));
        q.bind(7, jsonStrings(wrapup->referrals));
    } else {
        q.bind(4);
        q.bind(5);
        q.bind(6, std::string("[]"));
        q.bind(7, std::string("[]"));
    }
    q.bind(8, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

bool Repository::markWrapUp(Id contactId, EpochMs now)
{
    auto& q = stmt("UPDATE contacts SET state = 'wrap-up', wrapup_at = ? "
                   "WHERE id = ? AND state = 'active'");
    Reset r(q);
    q.bind(1, now);
    q.bind(2, contactId);
    return q.exec() > 0;
}

std::optional<CallerProfile> Repository::callerProfile(Id callerId, EpochMs now, EpochMs todayStart)
{
    CallerProfile p;
    {
        auto& q = stmt("SELECT id, alias, preferred_name, pronouns, language, calls_per_day, "
                       "minutes_per_call, preferred_times FROM callers WHERE id = ?");
        Reset r(q);
        q.bind(1, callerId);
        if (!q.executeStep()) {
            return std::nullopt;
        }
        p.id = q.getColumn(0).getInt64();
        p.alias = q.getColumn(1).getString();
        p.preferredName = textOrEmpty(q.getColumn(2));
        p.pronouns = textOrEmpty(q.getColumn(3));
        p.language = textOrEmpty(q.getColumn(4));
        if (!q.getColumn(5).isNull()) {
            p.limits.callsPerDay = q.getColumn(5).getInt();
        }
        if (!q.getColumn(6).isNull()) {
            p.limits.minutesPerCall = q.getColumn(6).getInt();
        }
        p.limits.preferredTimes = q.getColumn(7).getString();
    }
    {
        auto& q = stmt("SELECT COUNT(*), COALESCE(MIN(created_at), 0), "
                       "COALESCE(SUM(created_at >= ?), 0) FROM contacts WHERE caller_id = ?");
        Reset r(q);
        q.bind(1, todayStart);
        q.bind(2, callerId);
        q.executeStep();
        p.contactCount = q.getColumn(0).getInt();
        p.firstContactAt = q.getColumn(1).getInt64();
        p.contactsToday = q.getColumn(2).getInt();
    }
    {
        auto& q = stmt("SELECT f.id, f.kind, f.note, f.set_at, COALESCE(o.name, ''), f.expires_at "
                       "FROM caller_flags f LEFT JOIN operators o ON o.id = f.set_by "
                       "WHERE f.caller_id = ? AND f.cleared_at IS NULL "
                       "AND (f.expires_at IS NULL OR f.expires_at > ?) ORDER BY f.id");
        Reset r(q);
        q.bind(1, callerId);
        q.bind(2, now);
        while (q.executeStep()) {
            const auto kind = parseFlagKind(q.getColumn(1).getString());
            if (!kind) {
                continue;
            }
            CallerFlag f;
            f.id = q.getColumn(0).getInt64();
            f.kind = *kind;
            f.note = q.getColumn(2).getString();
            f.setAt = q.getColumn(3).getInt64();
            f.setBy = q.getColumn(4).getString();
            if (!q.getColumn(5).isNull()) {
                f.expiresAt = q.getColumn(5).getInt64();
            }
            p.flags.push_back(std::move(f));
        }
    }
    {
        auto& q = stmt("SELECT n.id, n.body, n.at, COALESCE(o.name, '') FROM caller_notes n "
                       "LEFT JOIN operators o ON o.id = n.operator_id WHERE n.caller_id = ? "
                       "ORDER BY n.id DESC LIMIT 500");
        Reset r(q);
        q.bind(1, callerId);
        while (q.executeStep()) {
            p.notes.push_back(CallerNote{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                         q.getColumn(2).getInt64(), q.getColumn(3).getString()});
        }
    }
    return p;
}

std::vector<ContactHistoryEntry> Repository::callerHistory(Id callerId, Id excludeContactId,
                                                           std::size_t limit)
{
    auto& q = stmt("SELECT c.id, c.channel, c.state, c.created_at, c.closed_at, c.accepted_at, "
                   "c.wrapup_at, c.outcome, c.helped, c.topics, c.referrals, c.risk, "
                   "c.wrapup_note, COALESCE(o.name, '') FROM contacts c "
                   "LEFT JOIN operators o ON o.id = c.operator_id "
                   "WHERE c.caller_id = ? AND c.id != ? "
                   "ORDER BY c.created_at DESC, c.id DESC LIMIT ?");
    Reset r(q);
    q.bind(1, callerId);
    q.bind(2, excludeContactId);
    q.bind(3, static_cast<std::int64_t>(limit));
    std::vector<ContactHistoryEntry> out;
    while (q.executeStep()) {
        ContactHistoryEntry e;
        e.id = q.getColumn(0).getInt64();
        e.channel = parseChannel(q.getColumn(1).getString()).value_or(Channel::Text);
        e.state = parseContactState(q.getColumn(2).getString()).value_or(ContactState::Closed);
        e.createdAt = q.getColumn(3).getInt64();
        if (!q.getColumn(4).isNull()) {
            e.closedAt = q.getColumn(4).getInt64();
        }
        // Time with an operator: from accept until wrap-up began (the caller
        // was gone from then on), else until the close.
        if (!q.getColumn(5).isNull()) {
            const EpochMs accepted = q.getColumn(5).getInt64();
            std::optional<EpochMs> end;
            if (!q.getColumn(6).isNull()) {
                end = q.getColumn(6).getInt64();
            } else {
                end = e.closedAt;
            }
            if (end && *end > accepted) {
                e.durationMs = *end - accepted;
            }
        }
        if (!q.getColumn(7).isNull()) {
            e.outcome = parseOutcome(q.getColumn(7).getString());
        }
        if (!q.getColumn(8).isNull()) {
            e.helped = parseHelped(q.getColumn(8).getString());
        }
        e.topics = stringsOfJson(q.getColumn(9).getString());
        e.referrals = stringsOfJson(q.getColumn(10).getString());
        e.risk = parseRiskLevel(q.getColumn(11).getString()).value_or(RiskLevel::None);
        e.note = textOrEmpty(q.getColumn(12));
        e.operatorName = q.getColumn(13).getString();
        out.push_back(std::move(e));
    }
    return out;
}

void Repository::updateCallerDetails(Id callerId, const CallerDetailsUpdate& update)
{
    // A field the update leaves out keeps its value; an empty text clears it
    // (NULLIF turns it into NULL).
    auto& q = stmt("UPDATE callers SET "
                   "preferred_name = CASE WHEN ?1 THEN NULLIF(?2, '') ELSE preferred_name END, "
                   "pronouns = CASE WHEN ?3 THEN NULLIF(?4, '') ELSE pronouns END, "
                   "language = CASE WHEN ?5 THEN NULLIF(?6, '') ELSE language END "
                   "WHERE id = ?7");
    Reset r(q);
    auto bindField = [&q](int index, const std::optional<std::string>& value) {
        q.bind(index, value ? 1 : 0);
        q.bind(index + 1, value.value_or(std::string()));
    };
    bindField(1, update.preferredName);
    bindField(3, update.pronouns);
    bindField(5, update.language);
    q.bind(7, callerId);
    if (q.exec() == 0) {
        throw NotFoundError("no caller " + std::to_string(callerId));
    }
}

void Repository::setCallerLimits(Id callerId, const CallerLimits& limits)
{
    auto& q = stmt("UPDATE callers SET calls_per_day = ?, minutes_per_call = ?, "
                   "preferred_times = ? WHERE id = ?");
    Reset r(q);
    if (limits.callsPerDay) {
        q.bind(1, *limits.callsPerDay);
    } else {
        q.bind(1);
    }
    if (limits.minutesPerCall) {
        q.bind(2, *limits.minutesPerCall);
    } else {
        q.bind(2);
    }
    q.bind(3, limits.preferredTimes);
    q.bind(4, callerId);
    if (q.exec() == 0) {
        throw NotFoundError("no caller " + std::to_string(callerId));
    }
}

CallerNote Repository::addCallerNote(Id callerId, std::optional<Id> contactId, Id operatorId,
                                     const std::string& body, EpochMs now)
{
    auto& q = stmt("INSERT INTO caller_notes (caller_id, contact_id, body, at, operator_id) "
                   "VALUES (?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, callerId);
    if (contactId) {
        q.bind(2, *contactId);
    } else {
        q.bind(2);
    }
    q.bind(3, body);
    q.bind(4, now);
    q.bind(5, operatorId);
    q.exec();
    CallerNote n;
    n.id = m_db.getLastInsertRowid();
    n.body = body;
    n.at = now;
    if (auto op = operatorById(operatorId)) {
        n.operatorName = op->account.name;
    }
    return n;
}

CallerFlag Repository::setCallerFlag(Id callerId, FlagKind kind, const std::string& note,
                                     Id operatorId, EpochMs now, std::optional<EpochMs> expiresAt)
{
    auto& q = stmt("INSERT INTO caller_flags (caller_id, kind, note, set_at, set_by, expires_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, callerId);
    q.bind(2, std::string(toString(kind)));
    q.bind(3, note);
    q.bind(4, now);
    q.bind(5, operatorId);
    if (expiresAt) {
        q.bind(6, *expiresAt);
    } else {
        q.bind(6);
    }
    q.exec();
    CallerFlag f;
    f.id = m_db.getLastInsertRowid();
    f.kind = kind;
    f.note = note;
    f.setAt = now;
    f.expiresAt = expiresAt;
    if (auto op = operatorById(operatorId)) {
        f.setBy = op->account.name;
    }
    return f;
}

bool Repository::clearCallerFlag(Id callerId, Id flagId, Id operatorId, EpochMs now)
{
    // Cleared, not deleted: who set and who cleared a flag stays on record.
    auto& q = stmt("UPDATE caller_flags SET cleared_at = ?, cleared_by = ? "
                   "WHERE id = ? AND caller_id = ? AND cleared_at IS NULL");
    Reset r(q);
    q.bind(1, now);
    q.bind(2, operatorId);
    q.bind(3, flagId);
    q.bind(4, callerId);
    return q.exec() > 0;
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
                   "created_at, languages) VALUES (?, ?, ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, account.name);
    q.bind(2, passwordHash);
    q.bind(3, std::string(toString(account.role)));
    q.bind(4, account.textCapacity);
    q.bind(5, account.disabled ? 1 : 0);
    q.bind(6, account.createdAt);
    q.bind(7, jsonArrayOf(account.languages));
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
    s.account.sipUri = q.getColumn(7).getString();
    s.account.languages = stringsOfJsonArray(q.getColumn(8).getString());
    return s;
}
} // namespace

std::optional<StoredOperator> Repository::operatorByName(const std::string& name)
{
    auto& q = stmt("SELECT id, name, password_hash, role, capacity, disabled, created_at, sip_uri, "
                   "languages "
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
    auto& q = stmt("SELECT id, name, password_hash, role, capacity, disabled, created_at, sip_uri, "
                   "languages "
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
    auto& q = stmt("SELECT id, name, password_hash, role, capacity, disabled, created_at, sip_uri, "
                   "languages "
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

void Repository::setCapacity(Id operatorId, int capacity)
{
    auto& q = stmt("UPDATE operators SET capacity = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, capacity);
    q.bind(2, operatorId);
    q.exec();
}

void Repository::setLanguages(Id operatorId, const std::vector<std::string>& languages)
{
    auto& q = stmt("UPDATE operators SET languages = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, jsonArrayOf(languages));
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

// ------------------------------------------------------------- escalation

EscalationChange Repository::applyRisk(Id contactId, const RiskAssessment& risk,
                                       EscalationSource source, std::optional<Id> operatorId,
                                       EpochMs now, RiskLevel openAt)
{
    EscalationChange change;
    {
        auto& q = stmt("SELECT risk, risk_signals FROM contacts WHERE id = ?");
        Reset r(q);
        q.bind(1, contactId);
        if (!q.executeStep()) {
            throw NotFoundError("no contact " + std::to_string(contactId));
        }
        const RiskLevel was = parseRiskLevel(q.getColumn(0).getString()).value_or(RiskLevel::None);
        auto signals = signalsFromJson(q.getColumn(1).getString());
        const std::size_t known = signals.size();
        mergeSignals(signals, risk.riskSignals);
        change.contactRiskRose = risk.level > was;
        if (change.contactRiskRose || signals.size() != known) {
            auto& u = stmt("UPDATE contacts SET risk = ?, risk_signals = ? WHERE id = ?");
            Reset ru(u);
            u.bind(1, std::string(toString(std::max(was, risk.level))));
            u.bind(2, signalsToJson(signals));
            u.bind(3, contactId);
            u.exec();
        }
    }
    if (risk.level < openAt || risk.level == RiskLevel::None) {
        change.escalationId = openEscalationOf(contactId);
        return change;
    }
    json::object detail{{"level", toString(risk.level)},
                        {"source", toString(source)},
                        {"signals", json::parse(signalsToJson(risk.riskSignals))}};
    if (auto open = openEscalationOf(contactId)) {
        change.escalationId = open;
        auto& q = stmt("SELECT level, signals FROM escalations WHERE id = ?");
        Reset r(q);
        q.bind(1, *open);
        q.executeStep();
        const RiskLevel was = parseRiskLevel(q.getColumn(0).getString()).value_or(RiskLevel::None);
        auto signals = signalsFromJson(q.getColumn(1).getString());
        mergeSignals(signals, risk.riskSignals);
        auto& u = stmt("UPDATE escalations SET level = ?, signals = ? WHERE id = ?");
        Reset ru(u);
        u.bind(1, std::string(toString(std::max(was, risk.level))));
        u.bind(2, signalsToJson(signals));
        u.bind(3, *open);
        u.exec();
        if (risk.level > was) {
            change.raised = true;
            addEscalationStep(*open, operatorId, "level_raised", json::serialize(detail), now);
        }
        return change;
    }
    auto& q = stmt("INSERT INTO escalations (contact_id, level, source, signals, opened_at, "
                   "opened_by) VALUES (?, ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, contactId);
    q.bind(2, std::string(toString(risk.level)));
    q.bind(3, std::string(toString(source)));
    q.bind(4, signalsToJson(risk.riskSignals));
    q.bind(5, now);
    if (operatorId) {
        q.bind(6, *operatorId);
    } else {
        q.bind(6);
    }
    q.exec();
    change.escalationId = m_db.getLastInsertRowid();
    change.opened = true;
    addEscalationStep(*change.escalationId, operatorId, "raised", json::serialize(detail), now);
    return change;
}

EscalationChange Repository::openEscalation(Id contactId, RiskLevel level, EscalationSource source,
                                            Id operatorId, const std::string& detailJson,
                                            EpochMs now)
{
    EscalationChange change;
    if (auto open = openEscalationOf(contactId)) {
        change.escalationId = open;
        addEscalationStep(*open, operatorId, "opened", detailJson, now);
        return change;
    }
    {
        auto& q = stmt("SELECT risk FROM contacts WHERE id = ?");
        Reset r(q);
        q.bind(1, contactId);
        if (!q.executeStep()) {
            throw NotFoundError("no contact " + std::to_string(contactId));
        }
        const RiskLevel was = parseRiskLevel(q.getColumn(0).getString()).value_or(RiskLevel::None);
        if (level > was) {
            auto& u = stmt("UPDATE contacts SET risk = ? WHERE id = ?");
            Reset ru(u);
            u.bind(1, std::string(toString(level)));
            u.bind(2, contactId);
            u.exec();
            change.contactRiskRose = true;
        }
    }
    auto& q = stmt("INSERT INTO escalations (contact_id, level, source, opened_at, opened_by) "
                   "VALUES (?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, contactId);
    q.bind(2, std::string(toString(level)));
    q.bind(3, std::string(toString(source)));
    q.bind(4, now);
    q.bind(5, operatorId);
    q.exec();
    change.escalationId = m_db.getLastInsertRowid();
    change.opened = true;
    addEscalationStep(*change.escalationId, operatorId, "opened", detailJson, now);
    return change;
}

EscalationStep Repository::addEscalationStep(Id escalationId, std::optional<Id> operatorId,
                                             const std::string& kind, const std::string& detailJson,
                                             EpochMs now)
{
    auto& q = stmt("INSERT INTO escalation_steps (escalation_id, at, operator_id, kind, detail) "
                   "VALUES (?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, escalationId);
    q.bind(2, now);
    if (operatorId) {
        q.bind(3, *operatorId);
    } else {
        q.bind(3);
    }
    q.bind(4, kind);
    q.bind(5, detailJson.empty() ? std::string("{}") : detailJson);
    q.exec();
    EscalationStep step;
    step.id = m_db.getLastInsertRowid();
    step.at = now;
    step.operatorId = operatorId;
    step.kind = kind;
    step.detail = detailJson.empty() ? std::string("{}") : detailJson;
    return step;
}

void Repository::closeEscalation(Id escalationId, Id operatorId, EscalationOutcome outcome,
                                 const std::string& reason, EpochMs now)
{
    auto& q = stmt("UPDATE escalations SET state = 'closed', closed_at = ?, closed_by = ?, "
                   "outcome = ?, close_reason = ? WHERE id = ? AND state = 'open'");
    Reset r(q);
    q.bind(1, now);
    q.bind(2, operatorId);
    q.bind(3, std::string(toString(outcome)));
    q.bind(4, reason);
    q.bind(5, escalationId);
    if (q.exec() == 0) {
        throw NotFoundError("no open escalation " + std::to_string(escalationId));
    }
    json::object detail{{"outcome", toString(outcome)}, {"reason", reason}};
    addEscalationStep(escalationId, operatorId, "closed", json::serialize(detail), now);
}

std::optional<Id> Repository::openEscalationOf(Id contactId)
{
    auto& q = stmt("SELECT id FROM escalations WHERE contact_id = ? AND state = 'open' "
                   "ORDER BY id DESC LIMIT 1");
    Reset r(q);
    q.bind(1, contactId);
    if (q.executeStep()) {
        return q.getColumn(0).getInt64();
    }
    return std::nullopt;
}

std::vector<EscalationRecord> Repository::escalationsOf(Id contactId)
{
    std::vector<EscalationRecord> out;
    {
        auto& q =
            stmt("SELECT id, contact_id, level, source, signals, state, opened_at, opened_by, "
                 "closed_at, closed_by, outcome, COALESCE(close_reason, '') FROM escalations "
                 "WHERE contact_id = ? ORDER BY id");
        Reset r(q);
        q.bind(1, contactId);
        while (q.executeStep()) {
            EscalationRecord e;
            e.id = q.getColumn(0).getInt64();
            e.contactId = q.getColumn(1).getInt64();
            e.level = parseRiskLevel(q.getColumn(2).getString()).value_or(RiskLevel::None);
            e.source =
                parseEscalationSource(q.getColumn(3).getString()).value_or(EscalationSource::Text);
            e.riskSignals = signalsFromJson(q.getColumn(4).getString());
            e.open = q.getColumn(5).getString() == "open";
            e.openedAt = q.getColumn(6).getInt64();
            if (!q.getColumn(7).isNull()) {
                e.openedBy = q.getColumn(7).getInt64();
            }
            if (!q.getColumn(8).isNull()) {
                e.closedAt = q.getColumn(8).getInt64();
            }
            if (!q.getColumn(9).isNull()) {
                e.closedBy = q.getColumn(9).getInt64();
            }
            if (!q.getColumn(10).isNull()) {
                e.outcome = parseEscalationOutcome(q.getColumn(10).getString());
            }
            e.closeReason = q.getColumn(11).getString();
            out.push_back(std::move(e));
        }
    }
    auto& q = stmt("SELECT s.id, s.at, s.operator_id, COALESCE(o.name, ''), s.kind, s.detail "
                   "FROM escalation_steps s LEFT JOIN operators o ON o.id = s.operator_id "
                   "WHERE s.escalation_id = ? ORDER BY s.id");
    for (auto& e : out) {
        Reset r(q);
        q.bind(1, e.id);
        while (q.executeStep()) {
            EscalationStep step;
            step.id = q.getColumn(0).getInt64();
            step.at = q.getColumn(1).getInt64();
            if (!q.getColumn(2).isNull()) {
                step.operatorId = q.getColumn(2).getInt64();
            }
            step.operatorName = q.getColumn(3).getString();
            step.kind = q.getColumn(4).getString();
            step.detail = q.getColumn(5).getString();
            e.steps.push_back(std::move(step));
        }
    }
    return out;
}

std::optional<EscalationRecord> Repository::escalation(Id escalationId)
{
    Id contactId = 0;
    {
        auto& q = stmt("SELECT contact_id FROM escalations WHERE id = ?");
        Reset r(q);
        q.bind(1, escalationId);
        if (!q.executeStep()) {
            return std::nullopt;
        }
        contactId = q.getColumn(0).getInt64();
    }
    for (auto& e : escalationsOf(contactId)) {
        if (e.id == escalationId) {
            return std::move(e);
        }
    }
    return std::nullopt;
}

// ------------------------------------------------------------ shift board

namespace {

constexpr const char* kAlertColumns =
    "id, kind, contact_id, operator_id, escalation_id, level, text, raised_at, last_raised_at, "
    "repeat_count, to_all, acknowledged_by, acknowledged_at";

std::optional<std::int64_t> optionalInt64(const SQLite::Column& col)
{
    return col.isNull() ? std::nullopt : std::optional<std::int64_t>(col.getInt64());
}

Alert readAlert(SQLite::Statement& q)
{
    Alert a;
    a.id = q.getColumn(0).getInt64();
    a.kind = parseAlertKind(q.getColumn(1).getString()).value_or(AlertKind::WaitOverTarget);
    a.contactId = optionalInt64(q.getColumn(2));
    a.operatorId = optionalInt64(q.getColumn(3));
    a.escalationId = optionalInt64(q.getColumn(4));
    a.level = parseAlertLevel(q.getColumn(5).getString()).value_or(AlertLevel::Warning);
    a.text = q.getColumn(6).getString();
    a.raisedAt = q.getColumn(7).getInt64();
    a.lastRaisedAt = q.getColumn(8).getInt64();
    a.repeatCount = q.getColumn(9).getInt();
    a.toAll = q.getColumn(10).getInt() != 0;
    a.acknowledgedBy = optionalInt64(q.getColumn(11));
    a.acknowledgedAt = optionalInt64(q.getColumn(12));
    return a;
}

void bindOptional(SQLite::Statement& q, int index, const std::optional<Id>& value)
{
    if (value) {
        q.bind(index, *value);
    } else {
        q.bind(index);
    }
}

} // namespace

Id Repository::addAlert(const Alert& a)
{
    auto& q = stmt("INSERT INTO alerts (kind, contact_id, operator_id, escalation_id, level, text, "
                   "raised_at, last_raised_at, repeat_count, to_all) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Reset r(q);
    q.bind(1, std::string(toString(a.kind)));
    bindOptional(q, 2, a.contactId);
    bindOptional(q, 3, a.operatorId);
    bindOptional(q, 4, a.escalationId);
    q.bind(5, std::string(toString(a.level)));
    q.bind(6, a.text);
    q.bind(7, a.raisedAt);
    q.bind(8, a.lastRaisedAt);
    q.bind(9, a.repeatCount);
    q.bind(10, a.toAll ? 1 : 0);
    q.exec();
    return m_db.getLastInsertRowid();
}

void Repository::markAlertRaisedAgain(Id alertId, int repeatCount, EpochMs at, bool toAll)
{
    auto& q = stmt("UPDATE alerts SET repeat_count = ?, last_raised_at = ?, to_all = ? "
                   "WHERE id = ? AND acknowledged_at IS NULL");
    Reset r(q);
    q.bind(1, repeatCount);
    q.bind(2, at);
    q.bind(3, toAll ? 1 : 0);
    q.bind(4, alertId);
    q.exec();
}

std::optional<Alert> Repository::alert(Id alertId)
{
    static const std::string sql =
        std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE id = ?";
    auto& q = stmt(sql);
    Reset r(q);
    q.bind(1, alertId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readAlert(q);
}

std::optional<Alert> Repository::acknowledgeAlert(Id alertId, Id operatorId, EpochMs at)
{
    auto current = alert(alertId);
    if (!current || !current->open()) {
        return current;
    }
    {
        auto& q = stmt("UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ? "
                       "WHERE id = ? AND acknowledged_at IS NULL");
        Reset r(q);
        q.bind(1, operatorId);
        q.bind(2, at);
        q.bind(3, alertId);
        q.exec();
    }
    if (current->escalationId) {
        auto& q =
            stmt("INSERT INTO escalation_steps (escalation_id, at, operator_id, kind, detail) "
                 "VALUES (?, ?, ?, 'lead_acknowledged', ?)");
        Reset r(q);
        q.bind(1, *current->escalationId);
        q.bind(2, at);
        q.bind(3, operatorId);
        q.bind(4, "{\"alertId\":" + std::to_string(alertId) + "}");
        q.exec();
    }
    current->acknowledgedBy = operatorId;
    current->acknowledgedAt = at;
    return current;
}

std::vector<Alert> Repository::openAlerts()
{
    static const std::string sql = std::string("SELECT ") + kAlertColumns +
                                   " FROM alerts WHERE acknowledged_at IS NULL ORDER BY id";
    auto& q = stmt(sql);
    Reset r(q);
    std::vector<Alert> out;
    while (q.executeStep()) {
        out.push_back(readAlert(q));
    }
    return out;
}

std::vector<Alert> Repository::alertsSince(EpochMs since, std::size_t limit)
{
    static const std::string sql = std::string("SELECT ") + kAlertColumns +
                                   " FROM alerts WHERE raised_at >= ? ORDER BY id DESC LIMIT ?";
    auto& q = stmt(sql);
    Reset r(q);
    q.bind(1, since);
    q.bind(2, static_cast<std::int64_t>(limit));
    std::vector<Alert> out;
    while (q.executeStep()) {
        out.push_back(readAlert(q));
    }
    return out;
}

std::optional<std::string> Repository::lineState(const std::string& key)
{
    auto& q = stmt("SELECT value FROM line_state WHERE key = ?");
    Reset r(q);
    q.bind(1, key);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return q.getColumn(0).getString();
}

void Repository::setLineState(const std::string& key, const std::string& value, Id operatorId,
                              EpochMs at)
{
    auto& q = stmt("INSERT INTO line_state (key, value, set_at, set_by) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                   "set_at = excluded.set_at, set_by = excluded.set_by");
    Reset r(q);
    q.bind(1, key);
    q.bind(2, value);
    q.bind(3, at);
    q.bind(4, operatorId);
    q.exec();
}

std::vector<std::pair<Id, EpochMs>> Repository::heldSince()
{
    auto& q = stmt("SELECT id, COALESCE(accepted_at, queued_at) FROM contacts "
                   "WHERE state IN ('offered', 'active', 'wrap-up')");
    Reset r(q);
    std::vector<std::pair<Id, EpochMs>> out;
    while (q.executeStep()) {
        out.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
    }
    return out;
}

ShiftHistory Repository::shiftHistory(EpochMs since)
{
    ShiftHistory h;
    {
        auto& q = stmt("SELECT id, accepted_at, accepted_at - queued_at FROM contacts "
                       "WHERE accepted_at IS NOT NULL AND accepted_at >= ? ORDER BY accepted_at");
        Reset r(q);
        q.bind(1, since);
        while (q.executeStep()) {
            h.answered.push_back(
                {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()});
        }
    }
    {
        auto& q = stmt("SELECT id, closed_at FROM contacts WHERE state = 'abandoned' "
                       "AND closed_at >= ? ORDER BY closed_at");
        Reset r(q);
        q.bind(1, since);
        while (q.executeStep()) {
            h.abandoned.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
        }
    }
    return h;
}

// ------------------------------------------------------------------ calls

ContactSummary Repository::ingestCall(const CallerKey& caller, const std::string& lineNumber,
                                      EpochMs at)
{
    Id callerId = 0;
    {
        auto& q = stmt("SELECT id FROM callers WHERE number_hash = ?");
        Reset r(q);
        bindBlob(q, 1, caller.numberHash);
        if (q.executeStep()) {
            callerId = q.getColumn(0).getInt64();
        }
    }
    if (callerId == 0) {
        auto& q = stmt("INSERT INTO callers (number_hash, number_enc, alias, created_at) "
                       "VALUES (?, ?, ?, ?)");
        Reset r(q);
        bindBlob(q, 1, caller.numberHash);
        bindBlob(q, 2, caller.encryptedNumber);
        q.bind(3, caller.alias);
        q.bind(4, at);
        q.exec();
        callerId = m_db.getLastInsertRowid();
    }
    auto& q = stmt("INSERT INTO contacts (caller_id, channel, state, line_number, created_at, "
                   "queued_at) VALUES (?, 'call', 'queued', ?, ?, ?)");
    Reset r(q);
    q.bind(1, callerId);
    q.bind(2, lineNumber);
    q.bind(3, at);
    q.bind(4, at);
    q.exec();
    return *contact(m_db.getLastInsertRowid());
}

void Repository::markAbandoned(Id contactId, EpochMs now, EpochMs waitedMs, int position)
{
    auto& q = stmt("UPDATE contacts SET state = 'abandoned', closed_at = ?, "
                   "abandoned_wait_ms = ?, abandoned_position = ?, operator_id = NULL "
                   "WHERE id = ? AND state NOT IN ('closed', 'abandoned')");
    Reset r(q);
    q.bind(1, now);
    q.bind(2, waitedMs);
    q.bind(3, position);
    q.bind(4, contactId);
    q.exec();
}

std::optional<std::pair<EpochMs, int>> Repository::abandonedDetails(Id contactId)
{
    auto& q = stmt("SELECT abandoned_wait_ms, abandoned_position FROM contacts "
                   "WHERE id = ? AND state = 'abandoned'");
    Reset r(q);
    q.bind(1, contactId);
    if (!q.executeStep() || q.getColumn(0).isNull()) {
        return std::nullopt;
    }
    return std::make_pair(q.getColumn(0).getInt64(), q.getColumn(1).getInt());
}

void Repository::requeue(Id contactId, EpochMs queuedAt)
{
    auto& q = stmt("UPDATE contacts SET state = 'queued', operator_id = NULL, accepted_at = NULL, "
                   "queued_at = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, queuedAt);
    q.bind(2, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

void Repository::setContactLanguage(Id contactId, const std::string& language)
{
    auto& q = stmt("UPDATE contacts SET language = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, language);
    q.bind(2, contactId);
    q.exec();
}

void Repository::setSipUri(Id operatorId, const std::string& uri)
{
    auto& q = stmt("UPDATE operators SET sip_uri = ? WHERE id = ?");
    Reset r(q);
    q.bind(1, uri);
    q.bind(2, operatorId);
    q.exec();
}

} // namespace warmline
