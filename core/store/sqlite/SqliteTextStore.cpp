// Texts in SQLite: the messages table, inbound (stored with their caller
// and contact, and scored, in one go) and outbound (the outbox and each
// text's delivery status).

#include "core/risk/LanguageGuess.h"
#include "core/store/sqlite/Rows.h"
#include "core/store/sqlite/SqliteStores.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace warmline {

using namespace sqlite;

namespace {

/// The columns readMessage reads, in its order; kMessageById selects them.
constexpr const char* kMessageColumns =
    "id, contact_id, direction, body, at, status, error, operator_id";
constexpr const char* kMessageById = "SELECT id, contact_id, direction, body, at, status, error, "
                                     "operator_id FROM messages WHERE id = ?";

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
    // Column 7, operator_id: an outbound text without an operator is the line's.
    m.automatic = m.direction == Direction::Outbound && q.getColumn(7).isNull();
    return m;
}

} // namespace

SqliteTextStore::SqliteTextStore(SQLite::Database& db, StatementCache& statements,
                                 SqliteCallerStore& callers, SqliteContactStore& contacts,
                                 SqliteEscalationStore& escalations)
    : SqliteStore(db, statements), m_callers(callers), m_contacts(contacts),
      m_escalations(escalations)
{
}

IngestOutcome SqliteTextStore::ingestInbound(const InboundText& text, const IngestOptions& options)
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
            auto& m = stmt(kMessageById);
            Reset rm(m);
            m.bind(1, existing);
            m.executeStep();
            out.duplicate = true;
            out.message = readMessage(m);
            out.contact = m_contacts.contact(out.message.contactId).value_or(ContactSummary{});
            return out;
        }
    }

    const auto caller = m_callers.findOrAddCaller(options.caller, text.receivedAt);
    const Id callerId = caller.id;
    out.newCaller = caller.added;
    out.optedOut = caller.optedOut;
    if (options.setOptedOut) {
        m_callers.setOptedOut(callerId, *options.setOptedOut);
        out.optedOut = *options.setOptedOut;
    }
    // The first language guessed is remembered; an operator corrects it on
    // the caller's profile, and a later guess never overwrites it.
    if (!options.language.empty()) {
        auto& q = stmt("UPDATE callers SET language = ? WHERE id = ? "
                       "AND (language IS NULL OR language = '')");
        Reset r(q);
        q.bind(1, options.language);
        q.bind(2, callerId);
        q.exec();
    }
    {
        auto& q = stmt("SELECT COALESCE(language, '') FROM callers WHERE id = ?");
        Reset r(q);
        q.bind(1, callerId);
        if (q.executeStep()) {
            out.callerLanguage = q.getColumn(0).getString();
        }
    }

    Id contactId = m_contacts.openTextContactOf(callerId).value_or(0);
    if (contactId == 0) {
        contactId =
            m_contacts.addTextContact(callerId, text.to, text.receivedAt, options.closeIfNew);
        out.newContact = true;
        // A conversation in Spanish waits first for an operator who speaks
        // it (docs/languages.md): its first text is Spanish, or says too
        // little and the caller's language is Spanish.
        if (options.language == "es" ||
            (options.language.empty() && isSpanishLanguage(out.callerLanguage))) {
            m_contacts.setContactLanguage(contactId, "es");
        }
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
    m_contacts.countText(contactId, previewOf(text.body));
    RiskAssessment risk = options.risk;
    if (options.scoreConversation && !out.newContact && !options.closeIfNew) {
        // A plan in one text and "tonight" in the next: the contact's level
        // comes from its recent texts together (docs/risk-rules.md).
        std::vector<std::string> recent;
        {
            auto& q = stmt("SELECT body FROM messages WHERE contact_id = ? AND direction = 'in' "
                           "AND at >= ? ORDER BY at DESC, id DESC LIMIT ?");
            Reset r(q);
            q.bind(1, contactId);
            q.bind(2, text.receivedAt - options.conversationWindowMs);
            q.bind(3, options.conversationMessages);
            recent =
                readRows(q, [](SQLite::Statement& row) { return row.getColumn(0).getString(); });
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
        out.escalation = m_escalations.applyRisk(contactId, risk, EscalationSource::Text,
                                                 std::nullopt, text.receivedAt, RiskLevel::High);
    }
    out.contact = m_contacts.contact(contactId).value_or(ContactSummary{});
    return out;
}

OutboundJob SqliteTextStore::appendOutbound(Id contactId, const std::string& body,
                                            std::optional<Id> operatorId, Provider provider,
                                            EpochMs now)
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
    job.message.automatic = !operatorId;
    return job;
}

std::optional<Message> SqliteTextStore::advanceStatus(Id messageId, DeliveryStatus status,
                                                      const std::string& error,
                                                      const std::optional<std::string>& providerId)
{
    std::optional<Message> m;
    {
        auto& q = stmt(kMessageById);
        Reset r(q);
        q.bind(1, messageId);
        m = readRow(q, readMessage);
    }
    if (!m || !deliveryStatusMayAdvance(m->status, status)) {
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
    m->status = status;
    m->error = error;
    return m;
}

std::optional<Id> SqliteTextStore::outboundByProviderId(const std::string& providerId)
{
    auto& q = stmt("SELECT id FROM messages WHERE provider_id = ? AND direction = 'out'");
    Reset r(q);
    q.bind(1, providerId);
    return readRow(q, idOf);
}

void SqliteTextStore::countAttempt(Id messageId)
{
    auto& q = stmt("UPDATE messages SET attempts = attempts + 1 WHERE id = ?");
    Reset r(q);
    q.bind(1, messageId);
    q.exec();
}

std::optional<OutboundJob> SqliteTextStore::outboundJob(Id messageId)
{
    auto& q = stmt("SELECT m.id, m.contact_id, m.direction, m.body, m.at, m.status, m.error, "
                   "m.operator_id, cl.number_enc, c.line_number, cl.opted_out, m.attempts "
                   "FROM messages m "
                   "JOIN contacts c ON c.id = m.contact_id JOIN callers cl ON cl.id = c.caller_id "
                   "WHERE m.id = ? AND m.direction = 'out'");
    Reset r(q);
    q.bind(1, messageId);
    return readRow(q, [](SQLite::Statement& row) {
        OutboundJob job;
        job.message = readMessage(row);
        job.encryptedNumber = blobOf(row.getColumn(8));
        job.lineNumber = row.getColumn(9).getString();
        job.callerOptedOut = row.getColumn(10).getInt() != 0;
        job.attempts = row.getColumn(11).getInt();
        return job;
    });
}

std::vector<OutboundJob> SqliteTextStore::pendingOutbound()
{
    std::vector<Id> ids;
    {
        auto& q = stmt("SELECT id FROM messages WHERE direction = 'out' "
                       "AND status IN ('queued', 'sending') ORDER BY id");
        Reset r(q);
        ids = readRows(q, idOf);
    }
    std::vector<OutboundJob> jobs;
    for (Id id : ids) {
        if (auto job = outboundJob(id)) {
            jobs.push_back(std::move(*job));
        }
    }
    return jobs;
}

std::vector<Message> SqliteTextStore::messages(Id contactId, std::size_t limit)
{
    static const std::string sql = std::string("SELECT ") + kMessageColumns +
                                   " FROM (SELECT * FROM messages WHERE contact_id = ? "
                                   "ORDER BY id DESC LIMIT ?) ORDER BY id";
    auto& q = stmt(sql);
    Reset r(q);
    q.bind(1, contactId);
    q.bind(2, static_cast<std::int64_t>(limit));
    return readRows(q, readMessage);
}

} // namespace warmline
