// The survey after a text conversation (core/store/Surveys.h) on a SQLite
// store: when it is due and when it is not (an escalation, STOP, a survey
// this week, no operator ever wrote, a call), the answer taken only from a
// surveyed texter with no conversation open and within the window, a
// carrier's retry of the answer a duplicate, and the report's counts. Data
// synthetic.

#include "core/domain/AuditLog.h"
#include "core/store/Reports.h"
#include "core/store/Repository.h"
#include "core/store/Schema.h"
#include "core/store/Surveys.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <string>

using namespace warmline;

namespace {

constexpr EpochMs kHour = 3'600'000;
constexpr EpochMs kDay = 24 * kHour;
constexpr EpochMs kT0 = 1'790'000'000'000;

struct Line
{
    SQLite::Database db{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
    Repository repo{db};
    Id sam = 0;
    int sid = 0;

    Line()
    {
        migrate(db);
        OperatorAccount op;
        op.name = "sam";
        sam = repo.operators().addOperator(op, "x");
    }

    /// A text conversation from `hash`, answered by sam (or not), closed.
    Id conversation(const std::string& hash, EpochMs at, bool answered = true)
    {
        InboundText t;
        t.providerId = "SMs" + std::to_string(++sid);
        t.from = "+15555550100";
        t.to = "+15555550199";
        t.body = "synthetic: a long day";
        t.receivedAt = at;
        IngestOptions o;
        o.caller = CallerKey{hash, "encrypted", "Amber Heron 417"};
        const Id id = repo.texts().ingestInbound(t, o).contact.id;
        repo.contacts().markAccepted(id, sam, at + 1000);
        if (answered) {
            repo.texts().appendOutbound(id, "synthetic: I'm here.", sam, Provider::Twilio,
                                        at + 2000);
        }
        repo.contacts().markClosed(id, ContactState::Closed, "Talked.", at + 3000);
        return id;
    }
};

} // namespace

TEST_CASE("only 1, 2 or 3 on its own is a survey answer", "[store][survey]")
{
    CHECK(surveyAnswerOf("1") == 1);
    CHECK(surveyAnswerOf(" 2 ") == 2);
    CHECK(surveyAnswerOf("3.") == 3);
    CHECK(surveyAnswerOf("3!\n") == 3);
    CHECK_FALSE(surveyAnswerOf("4"));
    CHECK_FALSE(surveyAnswerOf("0"));
    CHECK_FALSE(surveyAnswerOf("12"));
    CHECK_FALSE(surveyAnswerOf("1 more thing"));
    CHECK_FALSE(surveyAnswerOf(""));
    CHECK_FALSE(surveyAnswerOf("yes"));
}

TEST_CASE("the survey is due once a week at most, never after an escalation, a STOP, a call or "
          "a conversation no operator wrote in",
          "[store][survey]")
{
    Line l;
    const Id a = l.conversation("hash-a", kT0);
    CHECK(surveyDue(l.db, a, kT0 + kHour, 7 * kDay));
    recordSurveySent(l.db, a, kT0 + kHour);
    CHECK_FALSE(surveyDue(l.db, a, kT0 + kHour, 7 * kDay)); // already sent
    // The same texter again three days later: not this week.
    const Id again = l.conversation("hash-a", kT0 + 3 * kDay);
    CHECK_FALSE(surveyDue(l.db, again, kT0 + 3 * kDay + kHour, 7 * kDay));
    // Eight days later: due again.
    const Id later = l.conversation("hash-a", kT0 + 8 * kDay);
    CHECK(surveyDue(l.db, later, kT0 + 8 * kDay + kHour, 7 * kDay));

    const Id escalated = l.conversation("hash-b", kT0);
    l.db.exec("INSERT INTO escalations (contact_id, level, source, state, opened_at) VALUES (" +
              std::to_string(escalated) + ", 'high', 'rules', 'closed', 0)");
    CHECK_FALSE(surveyDue(l.db, escalated, kT0 + kHour, 7 * kDay));

    const Id stopped = l.conversation("hash-c", kT0);
    l.db.exec("UPDATE callers SET opted_out = 1 WHERE id = (SELECT caller_id FROM contacts "
              "WHERE id = " +
              std::to_string(stopped) + ")");
    CHECK_FALSE(surveyDue(l.db, stopped, kT0 + kHour, 7 * kDay));

    const Id silent = l.conversation("hash-d", kT0, false);
    CHECK_FALSE(surveyDue(l.db, silent, kT0 + kHour, 7 * kDay));

    const auto call = l.repo.contacts().ingestCall(CallerKey{"hash-e", "encrypted", "Blue Fern 2"},
                                                   "+15555550199", kT0);
    l.repo.contacts().markClosed(call.id, ContactState::Closed, "Talked.", kT0 + 1000);
    CHECK_FALSE(surveyDue(l.db, call.id, kT0 + kHour, 7 * kDay));
}

TEST_CASE("an answer is taken from a surveyed texter with nothing open, once, within the window",
          "[store][survey]")
{
    Line l;
    const Id a = l.conversation("hash-a", kT0);
    recordSurveySent(l.db, a, kT0 + kHour);

    // Someone never surveyed: ordinary conversation.
    CHECK_FALSE(recordSurveyAnswer(l.db, "hash-z", 1, "twilio:SMz", kT0 + 2 * kHour, kDay));
    // Past the window: ordinary conversation.
    CHECK_FALSE(recordSurveyAnswer(l.db, "hash-a", 1, "twilio:SMlate", kT0 + 2 * kDay, kDay));

    const auto got = recordSurveyAnswer(l.db, "hash-a", 2, "twilio:SMans", kT0 + 2 * kHour, kDay);
    REQUIRE(got);
    CHECK(got->contactId == a);
    CHECK_FALSE(got->duplicate);
    // The carrier retries the same text: a duplicate, answer unchanged.
    const auto retry =
        recordSurveyAnswer(l.db, "hash-a", 2, "twilio:SMans", kT0 + 2 * kHour + 5, kDay);
    REQUIRE(retry);
    CHECK(retry->duplicate);
    // Another "1" later: already answered, so it is conversation.
    CHECK_FALSE(recordSurveyAnswer(l.db, "hash-a", 1, "twilio:SMmore", kT0 + 3 * kHour, kDay));
    CHECK(l.db.execAndGet("SELECT answer FROM contact_surveys WHERE contact_id = " +
                          std::to_string(a))
              .getInt() == 2);

    // A texter with a conversation open: their "1" is part of it.
    const Id b = l.conversation("hash-b", kT0);
    recordSurveySent(l.db, b, kT0 + kHour);
    InboundText t;
    t.providerId = "SMopen";
    t.from = "+15555550101";
    t.to = "+15555550199";
    t.body = "synthetic: me again";
    t.receivedAt = kT0 + 2 * kHour;
    IngestOptions o;
    o.caller = CallerKey{"hash-b", "encrypted", "Amber Heron 418"};
    l.repo.texts().ingestInbound(t, o);
    CHECK_FALSE(recordSurveyAnswer(l.db, "hash-b", 1, "twilio:SMb", kT0 + 2 * kHour + 1, kDay));
}

TEST_CASE("the report counts the period's surveys and their answers", "[store][survey]")
{
    Line l;
    const Id a = l.conversation("hash-a", kT0);
    const Id b = l.conversation("hash-b", kT0 + kHour);
    const Id c = l.conversation("hash-c", kT0 + 2 * kHour);
    l.conversation("hash-d", kT0 + 3 * kHour); // not surveyed
    for (const Id id : {a, b, c}) {
        recordSurveySent(l.db, id, kT0 + 4 * kHour);
    }
    recordSurveyAnswer(l.db, "hash-a", 1, "twilio:A", kT0 + 5 * kHour, kDay);
    recordSurveyAnswer(l.db, "hash-b", 3, "twilio:B", kT0 + 5 * kHour, kDay);
    const auto r =
        computeReport(l.db, ReportPeriod{kT0, kT0 + kDay, TimeZone::fixed(0)}, ReportTargets{});
    CHECK(r.survey.sent == 3);
    CHECK(r.survey.answered == 2);
    CHECK(r.survey.yes == 1);
    CHECK(r.survey.aLittle == 0);
    CHECK(r.survey.no == 1);
    const auto json = toJson(r);
    CHECK(json.at("survey").at("answered").as_int64() == 2);
    const auto before =
        computeReport(l.db, ReportPeriod{kT0 - kDay, kT0, TimeZone::fixed(0)}, ReportTargets{});
    CHECK(before.survey.sent == 0);
}

TEST_CASE("the report breaks the survey down by day, channel and topic, with response rates",
          "[store][survey]")
{
    Line l;
    // kT0 is 14:13 UTC: a and b on the first day, c and the call d on the next.
    const Id a = l.conversation("hash-a", kT0);
    const Id b = l.conversation("hash-b", kT0 + kHour);
    const Id c = l.conversation("hash-c", kT0 + kDay);
    const Id d = l.repo.contacts()
                     .ingestCall(CallerKey{"hash-d", "sealed-d", "Still Birch 88"}, "+15555550100",
                                 kT0 + kDay + kHour)
                     .id;
    const auto topics = [&](Id id, const std::string& json) {
        l.db.exec("UPDATE contacts SET topics = '" + json + "' WHERE id = " + std::to_string(id));
    };
    topics(a, R"(["loneliness","housing"])");
    topics(b, R"(["loneliness"])");
    topics(d, R"(["housing"])");
    for (const Id id : {a, b, c, d}) {
        recordSurveySent(l.db, id, kT0 + 2 * kDay);
    }
    recordSurveyAnswer(l.db, "hash-a", 1, "twilio:A", kT0 + 2 * kDay + 1, kDay);
    recordSurveyAnswer(l.db, "hash-c", 2, "twilio:C", kT0 + 2 * kDay + 1, kDay);
    l.db.exec("UPDATE contact_surveys SET answer = 3, answered_at = 1 WHERE contact_id = " +
              std::to_string(d));

    const auto r = computeReport(
        l.db, ReportPeriod{kT0 - 12 * kHour, kT0 + 3 * kDay, TimeZone::fixed(0)}, ReportTargets{});
    CHECK(r.survey.sent == 4);
    CHECK(r.survey.answered == 3);
    CHECK(r.survey.responseRate() == Approx(0.75));
    REQUIRE(r.surveyByDay.size() == 2);
    CHECK(r.surveyByDay[0].first < r.surveyByDay[1].first);
    CHECK(r.surveyByDay[0].second.sent == 2);
    CHECK(r.surveyByDay[0].second.answered == 1);
    CHECK(r.surveyByDay[0].second.yes == 1);
    CHECK(r.surveyByDay[1].second.sent == 2);
    CHECK(r.surveyByDay[1].second.aLittle == 1);
    CHECK(r.surveyByDay[1].second.no == 1);
    REQUIRE(r.surveyByChannel.size() == 2);
    CHECK(r.surveyByChannel[0].first == "call");
    CHECK(r.surveyByChannel[0].second.no == 1);
    CHECK(r.surveyByChannel[1].first == "text");
    CHECK(r.surveyByChannel[1].second.sent == 3);
    CHECK(r.surveyByChannel[1].second.responseRate() == Approx(2.0 / 3));
    // Two topics with two surveys each: by name. c had none.
    REQUIRE(r.surveyByTopic.size() == 2);
    CHECK(r.surveyByTopic[0].first == "housing");
    CHECK(r.surveyByTopic[0].second.answered == 2);
    CHECK(r.surveyByTopic[0].second.yes == 1);
    CHECK(r.surveyByTopic[0].second.no == 1);
    CHECK(r.surveyByTopic[1].first == "loneliness");
    CHECK(r.surveyByTopic[1].second.responseRate() == Approx(0.5));

    const auto json = toJson(r);
    const auto& survey = json.at("survey").as_object();
    CHECK(survey.at("responseRate").as_double() == Approx(0.75));
    CHECK(survey.at("byTopic").as_array().at(1).at("topic").as_string() == "loneliness");
    CHECK(survey.at("byDay").as_array().at(1).at("no").as_int64() == 1);
    const auto csv = reportCsv(json);
    CHECK(csv.find("survey,all,responseRate,0.7500\r\n") != std::string::npos);
    CHECK(csv.find("survey_by_channel,text,responseRate,0.6667\r\n") != std::string::npos);
    CHECK(csv.find("survey_by_topic,housing,answered,2\r\n") != std::string::npos);
    CHECK(csv.find("survey_by_day," + r.surveyByDay[0].first + ",sent,2\r\n") != std::string::npos);
    // Nobody is in a group yet.
    CHECK(r.surveyByGroup.empty());

    // By the group of the operator who took each contact: sam (evenings)
    // took a and c, kim (weekends) b; nobody took the call d, which is in
    // the totals only.
    l.repo.operators().setGroup(l.sam, "evenings");
    CHECK(l.repo.operators().operatorById(l.sam)->account.group == "evenings");
    OperatorAccount kimAccount;
    kimAccount.name = "kim";
    kimAccount.group = "weekends";
    const Id kim = l.repo.operators().addOperator(kimAccount, "x");
    CHECK(l.repo.operators().operatorByName("kim")->account.group == "weekends");
    l.db.exec("UPDATE contacts SET operator_id = " + std::to_string(kim) +
              " WHERE id = " + std::to_string(b));
    const auto g = computeReport(
        l.db, ReportPeriod{kT0 - 12 * kHour, kT0 + 3 * kDay, TimeZone::fixed(0)}, ReportTargets{});
    REQUIRE(g.surveyByGroup.size() == 2);
    CHECK(g.surveyByGroup[0].first == "evenings");
    CHECK(g.surveyByGroup[0].second.sent == 2);
    CHECK(g.surveyByGroup[0].second.yes == 1);
    CHECK(g.surveyByGroup[0].second.aLittle == 1);
    CHECK(g.surveyByGroup[1].first == "weekends");
    CHECK(g.surveyByGroup[1].second.sent == 1);
    CHECK(g.surveyByGroup[1].second.responseRate() == Approx(0.0));
    const auto gcsv = reportCsv(toJson(g));
    CHECK(gcsv.find("survey_by_group,evenings,answered,2\r\n") != std::string::npos);
    CHECK(gcsv.find("survey_by_group,weekends,sent,1\r\n") != std::string::npos);

    // The answers shown to the operator who took the contact, where a line
    // chooses so: sam's answered contact, none of kim's.
    const Id callerA = l.repo.contacts().contact(a)->callerId;
    const auto samSees = surveyAnswersTakenBy(l.db, callerA, l.sam);
    REQUIRE(samSees.size() == 1);
    CHECK(samSees.at(a) == 1);
    CHECK(surveyAnswersTakenBy(l.db, callerA, kim).empty());
    const Id callerB = l.repo.contacts().contact(b)->callerId;
    CHECK(surveyAnswersTakenBy(l.db, callerB, kim).empty()); // b is not answered yet
    l.db.exec("UPDATE contact_surveys SET answer = 2, answered_at = 1 WHERE contact_id = " +
              std::to_string(b));
    CHECK(surveyAnswersTakenBy(l.db, callerB, l.sam).empty()); // b is kim's
    CHECK(surveyAnswersTakenBy(l.db, callerB, kim).at(b) == 2);
}

TEST_CASE("the report counts screening's holds and refusals from the audit log",
          "[store][screening]")
{
    Line l;
    AuditLog log(l.db);
    log.append(kT0 + kHour, std::nullopt, audit::kScreeningHold, std::nullopt, std::nullopt,
               R"({"kind":"rate"})");
    log.append(kT0 + 2 * kHour, std::nullopt, audit::kScreeningHold);
    log.append(kT0 + 3 * kHour, std::nullopt, audit::kScreeningRefuse);
    log.append(kT0 + 4 * kHour, l.sam, audit::kScreeningAdmit);
    log.append(kT0 + 2 * kDay, std::nullopt, audit::kScreeningRefuse); // another period
    const auto r =
        computeReport(l.db, ReportPeriod{kT0, kT0 + kDay, TimeZone::fixed(0)}, ReportTargets{});
    CHECK(r.screened.held == 2);
    CHECK(r.screened.refused == 1);
    CHECK(toJson(r).at("screened").at("held").as_int64() == 2);
}
