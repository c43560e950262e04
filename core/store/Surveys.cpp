#include "core/store/Surveys.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cctype>
#include <string>

namespace warmline {

std::optional<int> surveyAnswerOf(std::string_view body)
{
    while (!body.empty() && std::isspace(static_cast<unsigned char>(body.front()))) {
        body.remove_prefix(1);
    }
    while (!body.empty() && (std::isspace(static_cast<unsigned char>(body.back())) ||
                             body.back() == '.' || body.back() == '!')) {
        body.remove_suffix(1);
    }
    if (body.size() == 1 && body[0] >= '1' && body[0] <= '3') {
        return body[0] - '0';
    }
    return std::nullopt;
}

namespace {

/// The rules both surveys share: the contact on `channel` (plus the
/// channel's own `extra` condition), no escalation, not surveyed yet, a
/// caller who has not opted out and was not surveyed since `now - gapMs`.
bool due(SQLite::Database& db, Id contactId, const char* channel, const std::string& extra,
         EpochMs now, EpochMs gapMs)
{
    SQLite::Statement q(
        db, "SELECT 1 FROM contacts c JOIN callers k ON k.id = c.caller_id "
            "WHERE c.id = ?1 AND c.channel = ?2 AND k.opted_out = 0 " +
                extra +
                " AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.contact_id = c.id) "
                "AND NOT EXISTS (SELECT 1 FROM contact_surveys s WHERE s.contact_id = c.id) "
                "AND NOT EXISTS (SELECT 1 FROM contact_surveys s WHERE s.caller_id = c.caller_id "
                "                AND s.sent_at > ?3)");
    q.bind(1, contactId);
    q.bind(2, channel);
    q.bind(3, static_cast<std::int64_t>(now - gapMs));
    return q.executeStep();
}

} // namespace

bool surveyDue(SQLite::Database& db, Id contactId, EpochMs now, EpochMs gapMs)
{
    return due(db, contactId, "text",
               "AND c.state = 'closed' AND EXISTS (SELECT 1 FROM messages m "
               "WHERE m.contact_id = c.id AND m.direction = 'out' AND m.operator_id IS NOT NULL)",
               now, gapMs);
}

bool callSurveyDue(SQLite::Database& db, Id contactId, EpochMs now, EpochMs gapMs)
{
    return due(db, contactId, "call", "", now, gapMs);
}

bool recordSurveyAnswerFor(SQLite::Database& db, Id contactId, int answer, EpochMs now)
{
    SQLite::Statement set(db, "UPDATE contact_surveys SET answer = ?2, answered_at = ?3 "
                              "WHERE contact_id = ?1 AND answer IS NULL");
    set.bind(1, contactId);
    set.bind(2, answer);
    set.bind(3, static_cast<std::int64_t>(now));
    return set.exec() == 1;
}

void recordSurveySent(SQLite::Database& db, Id contactId, EpochMs now)
{
    SQLite::Statement q(db, "INSERT INTO contact_surveys (contact_id, caller_id, channel, sent_at) "
                            "SELECT id, caller_id, channel, ?2 FROM contacts WHERE id = ?1");
    q.bind(1, contactId);
    q.bind(2, static_cast<std::int64_t>(now));
    q.exec();
}

std::optional<SurveyAnswerResult> recordSurveyAnswer(SQLite::Database& db,
                                                     const std::string& numberHash, int answer,
                                                     const std::string& providerId, EpochMs now,
                                                     EpochMs windowMs)
{
    if (!providerId.empty()) {
        SQLite::Statement seen(
            db, "SELECT contact_id, caller_id FROM contact_surveys WHERE provider_id = ?1");
        seen.bind(1, providerId);
        if (seen.executeStep()) {
            return SurveyAnswerResult{seen.getColumn(0).getInt64(), seen.getColumn(1).getInt64(),
                                      true};
        }
    }
    SQLite::Statement q(db,
                        "SELECT s.contact_id, s.caller_id FROM contact_surveys s "
                        "JOIN callers k ON k.id = s.caller_id "
                        "WHERE k.number_hash = ?1 AND s.answer IS NULL AND s.sent_at > ?2 "
                        "AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.caller_id = s.caller_id "
                        "                AND c.state NOT IN ('closed', 'abandoned')) "
                        "ORDER BY s.sent_at DESC LIMIT 1");
    q.bind(1, numberHash.data(), static_cast<int>(numberHash.size()));
    q.bind(2, static_cast<std::int64_t>(now - windowMs));
    if (!q.executeStep()) {
        return std::nullopt;
    }
    SurveyAnswerResult result{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), false};
    SQLite::Statement set(db, "UPDATE contact_surveys SET answer = ?2, answered_at = ?3, "
                              "provider_id = NULLIF(?4, '') WHERE contact_id = ?1");
    set.bind(1, result.contactId);
    set.bind(2, answer);
    set.bind(3, static_cast<std::int64_t>(now));
    set.bind(4, providerId);
    set.exec();
    return result;
}

std::map<Id, int> surveyAnswersTakenBy(SQLite::Database& db, Id callerId, Id operatorId)
{
    SQLite::Statement q(db, "SELECT s.contact_id, s.answer FROM contact_surveys s "
                            "JOIN contacts c ON c.id = s.contact_id "
                            "WHERE s.caller_id = ? AND c.operator_id = ? AND s.answer IS NOT NULL");
    q.bind(1, callerId);
    q.bind(2, operatorId);
    std::map<Id, int> answers;
    while (q.executeStep()) {
        answers[q.getColumn(0).getInt64()] = q.getColumn(1).getInt();
    }
    return answers;
}

} // namespace warmline
