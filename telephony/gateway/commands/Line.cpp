// Link commands, the line family: what the line offers its operators
// (crisis lines, quick replies, wrap-up topics, referrals, callers' limits,
// after-hours mode) and the risk engine's reading of a text as it is typed.

#include "telephony/gateway/Gateway.h"

#include <boost/json/parse.hpp>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

/// As long as a wrap-up note: risk.assess reads notes as they are written.
constexpr std::size_t kMaxNoteBytes = 20000;

} // namespace

void Gateway::addLineCommands()
{
    addCommand("line.info", {}, &Gateway::cmdLineInfo);
    addCommand("risk.assess", {}, &Gateway::cmdRiskAssess);
}

void Gateway::cmdLineInfo(LinkState&, const link::Request& req, const Reply& reply)
{
    const auto& content = m_settings.lineContent;
    json::array replies;
    for (const auto& q : content.quickReplies) {
        replies.push_back(json::object{{"title", q.title}, {"text", q.text}});
    }
    json::array topics(content.topics.begin(), content.topics.end());
    json::array referrals(content.referrals.begin(), content.referrals.end());
    json::array crisis;
    for (const auto& l : content.crisisLines) {
        crisis.push_back(json::object{{"id", l.id},
                                      {"name", l.name},
                                      {"description", l.description},
                                      {"calls", !l.callAddress.empty()},
                                      {"texts", !l.textTemplate.empty()},
                                      {"textTemplate", l.textTemplate},
                                      {"textTemplateEs", l.textTemplateEs},
                                      {"emergency", l.emergency}});
    }
    json::array interpreters;
    for (const auto& i : content.interpreters) {
        // The address is the gateway's business: operators see the name.
        interpreters.push_back(
            json::object{{"id", i.id},
                         {"name", i.name},
                         {"languages", json::array(i.languages.begin(), i.languages.end())}});
    }
    reply(link::ackFrame(req.id, {{"name", m_settings.lineName},
                                  {"crisisLines", std::move(crisis)},
                                  {"interpreters", std::move(interpreters)},
                                  {"quickReplies", std::move(replies)},
                                  {"topics", std::move(topics)},
                                  {"referrals", std::move(referrals)},
                                  {"limits",
                                   {{"callsPerDay", m_settings.limits.callsPerDay},
                                    {"minutesPerCall", m_settings.limits.minutesPerCall}}},
                                  {"afterHours", afterHoursMode()}}));
}

void Gateway::cmdRiskAssess(LinkState&, const link::Request& req, const Reply& reply)
{
    const auto text = link::requireString(req.params, "text", kMaxNoteBytes);
    const RiskAssessment risk = m_settings.risk ? m_settings.risk->assess(text) : RiskAssessment{};
    reply(link::ackFrame(req.id, {{"risk", json::parse(riskAssessmentJson(risk))}}));
}

} // namespace warmline::telephony
