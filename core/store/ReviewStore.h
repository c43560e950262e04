#pragma once

// Supervisor review in the store: ended contacts found by filters and
// full-text search over notes, one contact's full record (thread, wrap-up,
// escalations with their steps, comments), the reviewed mark, follow-up
// flags, and the comments supervisors leave for operators. Works on a
// Repository's connection and, like it, only on that connection's thread;
// nothing here commits.

#include "core/domain/Domain.h"
#include "core/store/Coaching.h"
#include "core/store/Interpretations.h"
#include "core/store/Overflow.h"
#include "core/store/Referrals.h"
#include "core/store/Repository.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// Where a page of the review list ends: the next page starts after it.
struct ReviewCursor
{
    EpochMs createdAt = 0;
    Id id = 0;
};

/// Which ended (closed or abandoned) contacts the review list shows.
struct ReviewFilter
{
    std::optional<EpochMs> from; ///< created at or after
    std::optional<EpochMs> to;   ///< created before
    std::optional<Id> operatorId;
    std::optional<Channel> channel;
    std::string topic; ///< empty: any
    std::optional<RiskLevel> risk;
    std::optional<bool> escalated; ///< an escalation record, or the wrap-up outcome "escalated"
    bool unreviewedOnly = false;
    bool followUpOnly = false;
    std::string search; ///< words in the wrap-up note or a caller note written in the contact
    std::optional<ReviewCursor> after;
    std::size_t limit = 50;
};

/// One row of the review list.
struct ReviewRow
{
    Id id = 0;
    Id callerId = 0;
    std::string alias;
    Channel channel = Channel::Text;
    ContactState state = ContactState::Closed;
    RiskLevel risk = RiskLevel::None;
    EpochMs createdAt = 0;
    std::optional<EpochMs> acceptedAt;
    std::optional<EpochMs> wrapUpAt;
    std::optional<EpochMs> closedAt;
    std::int64_t durationMs = 0; ///< as ContactHistoryEntry: accepted until wrap-up or close
    std::optional<Id> operatorId;
    std::string operatorName;
    std::optional<Outcome> outcome;
    std::optional<Helped> helped;
    std::vector<std::string> topics;
    bool escalated = false;
    std::optional<EpochMs> reviewedAt;
    std::string reviewedBy;
    bool followUp = false;
    int messageCount = 0;
    int commentCount = 0;
};

struct ReviewPage
{
    std::vector<ReviewRow> rows;
    std::int64_t total = 0; ///< rows matching the filter, all pages
    std::optional<ReviewCursor> next;
};

struct ReviewEscalationStep
{
    Id id = 0;
    EpochMs at = 0;
    std::string operatorName;
    std::string kind;
    std::string detail; ///< a JSON object as the escalation flow stored it
};

struct ReviewEscalation
{
    Id id = 0;
    std::string level;
    std::string source;
    std::string signals; ///< a JSON array
    std::string state;
    EpochMs openedAt = 0;
    std::string openedBy;
    std::optional<EpochMs> closedAt;
    std::string closedBy;
    std::string outcome;
    std::string closeReason;
    std::vector<ReviewEscalationStep> steps;
};

struct ReviewComment
{
    Id id = 0;
    Id contactId = 0;
    std::string alias; ///< the contact's caller alias
    EpochMs contactCreatedAt = 0;
    std::string authorName;
    std::optional<Id> operatorId; ///< who it is for: the contact's operator
    std::string operatorName;
    std::string body;
    EpochMs at = 0;
    std::optional<EpochMs> readAt;
};

/// Everything the review pane shows of one contact (never the number).
struct ReviewDetail
{
    ReviewRow row;
    EpochMs queuedAt = 0;
    std::string note; ///< the wrap-up note
    std::vector<std::string> referrals;
    std::string riskSignals; ///< a JSON array
    std::string followUpNote;
    std::optional<EpochMs> purgedAt;
    std::vector<Message> messages;
    std::vector<CallerNote> callerNotes; ///< notes about the caller written in this contact
    std::vector<ReviewEscalation> escalations;
    std::vector<ReviewComment> comments;
    std::vector<Interpretation> interpretations; ///< interpreters conferenced into the call
    std::vector<Debrief> debriefs;               ///< the operator's notes for a supervisor
    std::vector<ReferralGiven> referralsGiven;   ///< directory resources shared, with their words
    std::vector<OverflowEvent> overflow;         ///< offered or sent to a partner line
    std::vector<CoachingEvent> coaching;         ///< a lead watching, notes, takeovers
};

/// An FTS5 query matching every word of `text` (the last one as a prefix),
/// with FTS syntax neutralised: a user cannot write a query that fails.
/// Empty when `text` has no words.
std::string ftsMatchExpression(std::string_view text);

class ReviewStore
{
public:
    explicit ReviewStore(Repository& repo);

    ReviewPage list(const ReviewFilter& filter);
    /// nullopt when there is no such contact.
    std::optional<ReviewDetail> detail(Id contactId, std::size_t maxMessages = 500);
    /// The row alone (state checks before a change).
    std::optional<ReviewRow> row(Id contactId);

    /// Marks reviewed by `by` at `at`, or clears the mark (`by` empty).
    void setReviewed(Id contactId, std::optional<Id> by, EpochMs at);
    void setFollowUp(Id contactId, bool on, const std::string& note);
    /// Stores a comment for the contact's operator; returns it as stored.
    ReviewComment addComment(Id contactId, Id authorId, const std::string& body, EpochMs at);
    /// Comments for an operator's contacts, newest first.
    std::vector<ReviewComment> commentsFor(Id operatorId, bool unreadOnly, std::size_t limit);
    int unreadCommentCount(Id operatorId);
    /// Marks a comment for `operatorId` read; false if there is no such comment for them.
    bool markCommentRead(Id commentId, Id operatorId, EpochMs at);

private:
    std::vector<ReviewComment> comments(const std::string& where, Id key, std::size_t limit);

    Repository& m_repo;
    SQLite::Database& m_db;
};

} // namespace warmline
