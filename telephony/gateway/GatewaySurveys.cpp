// The one-question survey after a text conversation (docs/surveys.md). When
// an operator closes a text conversation and the line has the survey on,
// the close's own transaction decides whether it is due (no escalation, no
// STOP, nobody surveyed this week, an operator actually wrote) and stores
// the question as an automatic text; the answer ("1", "2" or "3") is taken
// in by ingestText as the survey's answer, thanked for, and never shown to
// the operator: only the reports count it.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/LineReplies.h"
#include "core/store/Surveys.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/sip/CallService.h"

#include <spdlog/spdlog.h>

namespace warmline::telephony {

std::optional<OutboundJob> surveyIfDue(Repository& repo, Id contactId, Id callerId,
                                       const std::string& lineName, Provider provider,
                                       EpochMs minGapMs, EpochMs now)
{
    if (!surveyDue(repo.database(), contactId, now, minGapMs)) {
        return std::nullopt;
    }
    const auto spanish = automaticTextInSpanish(repo, callerId);
    if (!spanish) {
        return std::nullopt; // opted out meanwhile
    }
    recordSurveySent(repo.database(), contactId, now);
    return repo.texts().appendOutbound(contactId, surveyText(lineName, *spanish), std::nullopt,
                                       provider, now);
}

void Gateway::surveyAnswered(Id contactId, Id callerId)
{
    spdlog::info("survey answered for contact {}", contactId);
    const Provider provider = m_sender ? m_sender->provider() : Provider::Simulator;
    write(
        [contactId, callerId, provider, line = m_settings.lineName](Repository& repo) {
            std::optional<OutboundJob> job;
            if (const auto spanish = automaticTextInSpanish(repo, callerId)) {
                job = repo.texts().appendOutbound(contactId, surveyThanks(line, *spanish),
                                                  std::nullopt, provider, nowMs());
            }
            return job;
        },
        [this](StoreResult<std::optional<OutboundJob>> r) {
            if (r.error) {
                spdlog::error("survey thanks not stored: {}", describeStoreError(r.error));
                return;
            }
            if (*r.value) {
                trySend((*r.value)->message.id, 1);
            }
        });
}

bool Gateway::startCallSurvey(Id contactId, sip::CallRef call, const std::string& language)
{
    if (!m_calls || !m_calls->startSurvey(call, language)) {
        callFinished(contactId);
        return false;
    }
    const EpochMs now = nowMs();
    // Calls hung up before answering leave their entry: forgotten after
    // ten minutes (the survey itself lasts seconds).
    std::erase_if(m_surveyCalls,
                  [now](const auto& e) { return now - e.second.second > 10 * 60'000; });
    m_surveyCalls[call] = {contactId, now};
    forgetCall(call);
    spdlog::info("keypad survey offered on the call of contact {}", contactId);
    write([contactId, now](Repository& repo) { recordSurveySent(repo.database(), contactId, now); },
          [contactId](StoreResult<void> r) {
              if (r.error) {
                  spdlog::error("the survey of contact {} was not recorded: {}", contactId,
                                describeStoreError(r.error));
              }
          });
    return true;
}

void Gateway::callSurveyAnswered(sip::CallRef call, int answer)
{
    const auto it = m_surveyCalls.find(call);
    if (it == m_surveyCalls.end()) {
        return;
    }
    const Id contactId = it->second.first;
    m_surveyCalls.erase(it);
    spdlog::info("keypad survey answered for contact {}", contactId);
    write(
        [contactId, answer](Repository& repo) {
            recordSurveyAnswerFor(repo.database(), contactId, answer, nowMs());
        },
        [contactId](StoreResult<void> r) {
            if (r.error) {
                spdlog::error("the survey answer of contact {} was not stored: {}", contactId,
                              describeStoreError(r.error));
            }
        });
}

} // namespace warmline::telephony
