#pragma once

// The one-question survey after a text conversation (docs/surveys.md): "Did
// talking with us today help? Reply 1 yes, 2 a little, 3 no". Sent when an
// operator closes a conversation, never after an escalation or to a texter
// who sent STOP, at most once a week to the same texter; the answer is
// stored with the contact for the reports and never shown to the operator.
// Writes run inside the store worker's transaction.

#include "core/domain/Domain.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace SQLite {
class Database;
}

namespace warmline {

/// 1 (yes), 2 (a little) or 3 (no) when `body` is an answer ("1", " 2 ",
/// "3."); nullopt for anything else, which is ordinary conversation.
std::optional<int> surveyAnswerOf(std::string_view body);

/// Whether the survey goes to `contactId` now: a text contact, closed, with
/// at least one text from an operator, no escalation, a caller who has not
/// opted out, and no survey to that caller since `now - gapMs`.
bool surveyDue(SQLite::Database& db, Id contactId, EpochMs now, EpochMs gapMs);

/// Whether the keypad survey may be offered on `contactId`'s call as it
/// ends: a call, no escalation, not surveyed, a caller who has not opted
/// out, and no survey to that caller since `now - gapMs`.
bool callSurveyDue(SQLite::Database& db, Id contactId, EpochMs now, EpochMs gapMs);

/// Stores the keypad answer for `contactId`'s survey; false if it has none
/// or was answered already.
bool recordSurveyAnswerFor(SQLite::Database& db, Id contactId, int answer, EpochMs now);

/// The survey answers of `callerId`'s contacts that `operatorId` took, by
/// contact (shown to that operator where the line chooses so).
std::map<Id, int> surveyAnswersTakenBy(SQLite::Database& db, Id callerId, Id operatorId);

/// Records that the survey went to `contactId` at `now`.
void recordSurveySent(SQLite::Database& db, Id contactId, EpochMs now);

struct SurveyAnswerResult
{
    Id contactId = 0; ///< the surveyed contact
    Id callerId = 0;
    bool duplicate = false; ///< a retry of an answer already stored
};

/// Stores `answer` for the caller with `numberHash` if they were surveyed
/// since `now - windowMs`, have not answered, and have no conversation open;
/// nullopt otherwise (the text is then ordinary conversation). `providerId`
/// (the carrier's id of the text) makes a retry a duplicate.
std::optional<SurveyAnswerResult> recordSurveyAnswer(SQLite::Database& db,
                                                     const std::string& numberHash, int answer,
                                                     const std::string& providerId, EpochMs now,
                                                     EpochMs windowMs);

} // namespace warmline
