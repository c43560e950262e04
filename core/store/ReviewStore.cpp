#include "core/store/ReviewStore.h"

#include "core/text/JsonStrings.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace warmline {

namespace {

constexpr std::size_t kMaxSearchWords = 16;
constexpr std::size_t kMaxWordBytes = 64;

// Columns of a review row, in readRow's order.
constexpr const char* kRowSelect =
    "SELECT c.id, c.caller_id, cl.alias, c.channel, c.state, c.risk, c.created_at, "
    "c.accepted_at, c.wrapup_at, c.closed_at, c.operator_id, COALESCE(o.name, ''), c.outcome, "
    "c.helped, c.topics, c.reviewed_at, COALESCE(r.name, ''), c.follow_up, c.message_count, "
    "(c.outcome = 'escalated' OR EXISTS (SELECT 1 FROM escalations e WHERE e.contact_id = c.id)), "
    "(SELECT COUNT(*) FROM review_comments rc WHERE rc.contact_id = c.id) "
    "FROM contacts c JOIN callers cl ON cl.id = c.caller_id "
    "LEFT JOIN operators o ON o.id = c.operator_id "
    "LEFT JOIN operators r ON r.id = c.reviewed_by ";

std::optional<EpochMs> optionalTime(const SQLite::Column& c)
{
    if (c.isNull()) {
        return std::nullopt;
    }
    return c.getInt64();
}

std::string textOrEmpty(const SQLite::Column& c)
{
    return c.isNull() ? std::string() : c.getString();
}

ReviewRow readRow(SQLite::Statement& q)
{
    ReviewRow r;
    r.id = q.getColumn(0).getInt64();
    r.callerId = q.getColumn(1).getInt64();
    r.alias = q.getColumn(2).getString();
    r.channel = parseChannel(q.getColumn(3).getString()).value_or(Channel::Text);
    r.state = parseContactState(q.getColumn(4).getString()).value_or(ContactState::Closed);
    r.risk = parseRiskLevel(q.getColumn(5).getString()).value_or(RiskLevel::None);
    r.createdAt = q.getColumn(6).getInt64();
    r.acceptedAt = optionalTime(q.getColumn(7));
    r.wrapUpAt = optionalTime(q.getColumn(8));
    r.closedAt = optionalTime(q.getColumn(9));
    if (r.acceptedAt) {
        const auto end = r.wrapUpAt ? r.wrapUpAt : r.closedAt;
        if (end && *end > *r.acceptedAt) {
            r.durationMs = *end - *r.acceptedAt;
        }
    }
    if (!q.getColumn(10).isNull()) {
        r.operatorId = q.getColumn(10).getInt64();
    }
    r.operatorName = q.getColumn(11).getString();
    if (!q.getColumn(12).isNull()) {
        r.outcome = parseOutcome(q.getColumn(12).getString());
    }
    if (!q.getColumn(13).isNull()) {
        r.helped = parseHelped(q.getColumn(13).getString());
    }
    r.topics = stringsOfJsonArray(q.getColumn(14).getString());
    r.reviewedAt = optionalTime(q.getColumn(15));
    r.reviewedBy = q.getColumn(16).getString();
    r.followUp = q.getColumn(17).getInt() != 0;
    r.messageCount = q.getColumn(18).getInt();
    r.escalated = q.getColumn(19).getInt() != 0;
    r.commentCount = q.getColumn(20).getInt();
    return r;
}

/// The WHERE clause of a filter (without the cursor); binds by name.
std::string whereOf(const ReviewFilter& f, const std::string& match)
{
    std::string w = "WHERE c.state IN ('closed', 'abandoned')";
    if (f.from) {
        w += " AND c.created_at >= :from";
    }
    if (f.to) {
        w += " AND c.created_at < :to";
    }
    if (f.operatorId) {
        w += " AND c.operator_id = :op";
    }
    if (f.channel) {
        w += " AND c.channel = :channel";
    }
    if (!f.topic.empty()) {
        w += " AND EXISTS (SELECT 1 FROM json_each(c.topics) t WHERE t.value = :topic)";
    }
    if (f.risk) {
        w += " AND c.risk = :risk";
    }
    if (f.escalated) {
        w += std::string(*f.escalated ? " AND " : " AND NOT ") +
             "(c.outcome IS NOT NULL AND c.outcome = 'escalated' OR EXISTS (SELECT 1 FROM "
             "escalations e WHERE e.contact_id = c.id))";
    }
    if (f.unreviewedOnly) {
        w += " AND c.reviewed_at IS NULL";
    }
    if (f.followUpOnly) {
        w += " AND c.follow_up = 1";
    }
    if (!match.empty()) {
        w += " AND (c.id IN (SELECT rowid FROM contact_notes_fts WHERE contact_notes_fts MATCH "
             ":match) OR c.id IN (SELECT n.contact_id FROM caller_notes n WHERE n.id IN "
             "(SELECT rowid FROM caller_notes_fts WHERE caller_notes_fts MATCH :match)))";
    }
    return w;
}

void bindFilter(SQLite::Statement& q, const ReviewFilter& f, const std::string& match)
{
    if (f.from) {
        q.bind(":from", *f.from);
    }
    if (f.to) {
        q.bind(":to", *f.to);
    }
    if (f.operatorId) {
        q.bind(":op", *f.operatorId);
    }
    if (f.channel) {
        q.bind(":channel", std::string(toString(*f.channel)));
    }
    if (!f.topic.empty()) {
        q.bind(":topic", f.topic);
    }
    if (f.risk) {
        q.bind(":risk", std::string(toString(*f.risk)));
    }
    if (!match.empty()) {
        q.bind(":match", match);
    }
}

} // namespace

std::string ftsMatchExpression(std::string_view text)
{
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size() && words.size() < kMaxSearchWords) {
        while (i < text.size() && static_cast<unsigned char>(text[i]) <= ' ') {
            ++i;
        }
        std::size_t end = i;
        while (end < text.size() && static_cast<unsigned char>(text[end]) > ' ') {
            ++end;
        }
        if (end > i) {
            std::string word;
            for (const char c : text.substr(i, std::min(end - i, kMaxWordBytes))) {
                // Inside an FTS5 string only '"' is special; it is doubled.
                if (c == '"') {
                    word += "\"\"";
                } else {
                    word += c;
                }
            }
            words.push_back(std::move(word));
        }
        i = end;
    }
    std::string out;
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (k > 0) {
            out += ' ';
        }
        out += '"' + words[k] + '"';
        if (k + 1 == words.size()) {
            out += '*';
        }
    }
    return out;
}

ReviewStore::ReviewStore(Repository& repo) : m_repo(repo), m_db(repo.database()) {}

ReviewPage ReviewStore::list(const ReviewFilter& f)
{
    const std::string match = ftsMatchExpression(f.search);
    ReviewPage page;
    if (!f.search.empty() && match.empty()) {
        return page; // only spaces: nothing can match
    }
    const std::string where = whereOf(f, match);
    {
        SQLite::Statement q(m_db, "SELECT COUNT(*) FROM contacts c " + where);
        bindFilter(q, f, match);
        q.executeStep();
        page.total = q.getColumn(0).getInt64();
    }
    std::string sql = std::string(kRowSelect) + where;
    if (f.after) {
        sql += " AND (c.created_at < :cc OR (c.created_at = :cc AND c.id < :cid))";
    }
    sql += " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit";
    SQLite::Statement q(m_db, sql);
    bindFilter(q, f, match);
    if (f.after) {
        q.bind(":cc", f.after->createdAt);
        q.bind(":cid", f.after->id);
    }
    const std::size_t limit = std::clamp<std::size_t>(f.limit, 1, 500);
    q.bind(":limit", static_cast<std::int64_t>(limit + 1));
    while (q.executeStep()) {
        page.rows.push_back(readRow(q));
    }
    if (page.rows.size() > limit) {
        page.rows.pop_back();
        page.next = ReviewCursor{page.rows.back().createdAt, page.rows.back().id};
    }
    return page;
}

std::optional<ReviewRow> ReviewStore::row(Id contactId)
{
    SQLite::Statement q(m_db, std::string(kRowSelect) + "WHERE c.id = ?");
    q.bind(1, contactId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readRow(q);
}

std::optional<ReviewDetail> ReviewStore::detail(Id contactId, std::size_t maxMessages)
{
    ReviewDetail d;
    {
        auto r = row(contactId);
        if (!r) {
            return std::nullopt;
        }
        d.row = std::move(*r);
    }
    {
        SQLite::Statement q(m_db, "SELECT queued_at, wrapup_note, referrals, risk_signals, "
                                  "follow_up_note, purged_at FROM contacts WHERE id = ?");
        q.bind(1, contactId);
        q.executeStep();
        d.queuedAt = q.getColumn(0).getInt64();
        d.note = textOrEmpty(q.getColumn(1));
        d.referrals = stringsOfJsonArray(q.getColumn(2).getString());
        d.riskSignals = q.getColumn(3).getString();
        d.followUpNote = q.getColumn(4).getString();
        d.purgedAt = optionalTime(q.getColumn(5));
    }
    d.messages = m_repo.texts().messages(contactId, maxMessages);
    {
        SQLite::Statement q(m_db, "SELECT n.id, n.body, n.at, COALESCE(o.name, '') FROM "
                                  "caller_notes n LEFT JOIN operators o ON o.id = n.operator_id "
                                  "WHERE n.contact_id = ? ORDER BY n.id");
        q.bind(1, contactId);
        while (q.executeStep()) {
            d.callerNotes.push_back(
                CallerNote{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                           q.getColumn(2).getInt64(), q.getColumn(3).getString()});
        }
    }
    {
        SQLite::Statement q(m_db,
                            "SELECT e.id, e.level, e.source, e.signals, e.state, e.opened_at, "
                            "COALESCE(a.name, ''), e.closed_at, COALESCE(b.name, ''), "
                            "COALESCE(e.outcome, ''), COALESCE(e.close_reason, '') "
                            "FROM escalations e LEFT JOIN operators a ON a.id = e.opened_by "
                            "LEFT JOIN operators b ON b.id = e.closed_by "
                            "WHERE e.contact_id = ? ORDER BY e.id");
        q.bind(1, contactId);
        while (q.executeStep()) {
            ReviewEscalation e;
            e.id = q.getColumn(0).getInt64();
            e.level = q.getColumn(1).getString();
            e.source = q.getColumn(2).getString();
            e.signals = q.getColumn(3).getString();
            e.state = q.getColumn(4).getString();
            e.openedAt = q.getColumn(5).getInt64();
            e.openedBy = q.getColumn(6).getString();
            e.closedAt = optionalTime(q.getColumn(7));
            e.closedBy = q.getColumn(8).getString();
            e.outcome = q.getColumn(9).getString();
            e.closeReason = q.getColumn(10).getString();
            d.escalations.push_back(std::move(e));
        }
    }
    for (auto& e : d.escalations) {
        SQLite::Statement q(m_db, "SELECT s.id, s.at, COALESCE(o.name, ''), s.kind, s.detail "
                                  "FROM escalation_steps s LEFT JOIN operators o ON o.id = "
                                  "s.operator_id WHERE s.escalation_id = ? ORDER BY s.id");
        q.bind(1, e.id);
        while (q.executeStep()) {
            e.steps.push_back(ReviewEscalationStep{
                q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                q.getColumn(3).getString(), q.getColumn(4).getString()});
        }
    }
    d.comments = comments("rc.contact_id = ?", contactId, 500);
    std::reverse(d.comments.begin(), d.comments.end()); // oldest first in the pane
    d.interpretations = interpretationsOf(m_db, contactId);
    d.debriefs = debriefsOf(m_db, contactId);
    d.referralsGiven = referralsOf(m_db, contactId);
    d.coaching = coachingOf(m_db, contactId);
    d.overflow = overflowOf(m_db, contactId);
    return d;
}

void ReviewStore::setReviewed(Id contactId, std::optional<Id> by, EpochMs at)
{
    SQLite::Statement q(m_db, "UPDATE contacts SET reviewed_at = ?, reviewed_by = ? WHERE id = ?");
    if (by) {
        q.bind(1, at);
        q.bind(2, *by);
    }
    q.bind(3, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

void ReviewStore::setFollowUp(Id contactId, bool on, const std::string& note)
{
    SQLite::Statement q(m_db, "UPDATE contacts SET follow_up = ?, follow_up_note = ? WHERE id = ?");
    q.bind(1, on ? 1 : 0);
    q.bind(2, on ? note : std::string());
    q.bind(3, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
}

ReviewComment ReviewStore::addComment(Id contactId, Id authorId, const std::string& body,
                                      EpochMs at)
{
    SQLite::Statement q(m_db, "INSERT INTO review_comments (contact_id, author_id, operator_id, "
                              "body, at) SELECT id, ?, operator_id, ?, ? FROM contacts "
                              "WHERE id = ?");
    q.bind(1, authorId);
    q.bind(2, body);
    q.bind(3, at);
    q.bind(4, contactId);
    if (q.exec() == 0) {
        throw NotFoundError("no contact " + std::to_string(contactId));
    }
    const Id id = m_db.getLastInsertRowid();
    auto found = comments("rc.id = ?", id, 1);
    return found.front();
}

std::vector<ReviewComment> ReviewStore::comments(const std::string& where, Id key,
                                                 std::size_t limit)
{
    SQLite::Statement q(
        m_db, "SELECT rc.id, rc.contact_id, cl.alias, c.created_at, COALESCE(a.name, ''), "
              "rc.operator_id, COALESCE(o.name, ''), rc.body, rc.at, rc.read_at "
              "FROM review_comments rc JOIN contacts c ON c.id = rc.contact_id "
              "JOIN callers cl ON cl.id = c.caller_id "
              "LEFT JOIN operators a ON a.id = rc.author_id "
              "LEFT JOIN operators o ON o.id = rc.operator_id WHERE " +
                  where + " ORDER BY rc.id DESC LIMIT ?");
    q.bind(1, key);
    q.bind(2, static_cast<std::int64_t>(limit));
    std::vector<ReviewComment> out;
    while (q.executeStep()) {
        ReviewComment c;
        c.id = q.getColumn(0).getInt64();
        c.contactId = q.getColumn(1).getInt64();
        c.alias = q.getColumn(2).getString();
        c.contactCreatedAt = q.getColumn(3).getInt64();
        c.authorName = q.getColumn(4).getString();
        if (!q.getColumn(5).isNull()) {
            c.operatorId = q.getColumn(5).getInt64();
        }
        c.operatorName = q.getColumn(6).getString();
        c.body = q.getColumn(7).getString();
        c.at = q.getColumn(8).getInt64();
        c.readAt = optionalTime(q.getColumn(9));
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<ReviewComment> ReviewStore::commentsFor(Id operatorId, bool unreadOnly,
                                                    std::size_t limit)
{
    return comments(unreadOnly ? "rc.operator_id = ? AND rc.read_at IS NULL" : "rc.operator_id = ?",
                    operatorId, limit);
}

int ReviewStore::unreadCommentCount(Id operatorId)
{
    SQLite::Statement q(m_db, "SELECT COUNT(*) FROM review_comments WHERE operator_id = ? AND "
                              "read_at IS NULL");
    q.bind(1, operatorId);
    q.executeStep();
    return q.getColumn(0).getInt();
}

bool ReviewStore::markCommentRead(Id commentId, Id operatorId, EpochMs at)
{
    SQLite::Statement q(m_db, "UPDATE review_comments SET read_at = COALESCE(read_at, ?) "
                              "WHERE id = ? AND operator_id = ?");
    q.bind(1, at);
    q.bind(2, commentId);
    q.bind(3, operatorId);
    return q.exec() > 0;
}

} // namespace warmline
