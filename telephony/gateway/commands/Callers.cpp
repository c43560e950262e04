// Link commands, the caller family: the caller behind a contact (profile,
// limits, flags, notes and history; audited when it is not the reader's
// own contact), their details, notes (scored like a text) and flags.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "core/store/Surveys.h"
#include "core/text/Text.h"
#include "telephony/gateway/GatewayJobs.h"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxCallerFieldBytes = 64;
constexpr std::size_t kMaxCallerNoteBytes = 4000;
constexpr std::size_t kMaxFlagNoteBytes = 1000;
constexpr std::size_t kMaxHistory = 500;

struct CallerView
{
    CallerProfile profile;
    std::vector<ContactHistoryEntry> history;
    std::vector<CallerPlan> plans; ///< the caller's own plans (docs/plans.md)
};

/// The caller of a contact, on a store thread; NotFoundError if none.
Id callerOf(Repository& repo, Id contactId)
{
    const auto c = repo.contacts().contact(contactId);
    if (!c) {
        throw NotFoundError("no contact");
    }
    return c->callerId;
}

CallerProfile profileOf(Repository& repo, Id callerId, EpochMs now, EpochMs todayStart)
{
    auto p = repo.callers().callerProfile(callerId, now, todayStart);
    if (!p) {
        throw NotFoundError("no caller");
    }
    return std::move(*p);
}

std::optional<std::string> callerField(const json::object& params, std::string_view key)
{
    auto value = link::optionalString(params, key, kMaxCallerFieldBytes);
    if (value && (!isValidUtf8(*value) || std::any_of(value->begin(), value->end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
        }))) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"" + std::string(key) + "\" must be UTF-8 text on one line.");
    }
    return value;
}

} // namespace

void Gateway::addCallerCommands()
{
    addCommand("caller.get", {}, &Gateway::cmdCallerGet);
    addCommand("caller.update", {}, &Gateway::cmdCallerUpdate);
    addCommand("caller.note.add", {}, &Gateway::cmdCallerNoteAdd);
    addCommand("caller.flag.set", {}, &Gateway::cmdCallerFlagSet);
    addCommand("caller.flag.clear", {}, &Gateway::cmdCallerFlagClear);
}

void Gateway::publishCaller(Id contactId, const CallerProfile& profile)
{
    std::optional<Id> holder;
    if (const auto* held = heldContact(contactId)) {
        holder = held->operatorId;
    }
    publish("caller.updated",
            {{"contactId", contactId}, {"caller", link::toJson(profile, m_settings.limits)}},
            Audience{false, holder});
}

void Gateway::cmdCallerGet(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    if (!holds(state, id) && !mayReadAnyContact(state.role)) {
        throw LinkError(ErrorCode::Forbidden, "You can see the caller only of a contact you hold.");
    }
    const EpochMs now = nowMs();
    const EpochMs today = m_settings.timeZone.localMidnight(now);
    // As contact.get: reading the caller of someone else's contact is audited.
    const std::optional<Id> audited =
        holds(state, id) ? std::nullopt : std::optional<Id>(*state.operatorId);
    // Survey answers, where the line shows them, to the operator who took
    // each contact only (docs/surveys.md#who-sees-it).
    const std::optional<Id> answersFor =
        m_settings.survey.showToOperator ? std::optional<Id>(*state.operatorId) : std::nullopt;
    runOn(
        audited ? m_writer : m_reader,
        [id, now, today, audited, answersFor](Repository& repo) {
            const Id callerId = callerOf(repo, id);
            if (audited) {
                AuditLog(repo.database())
                    .append(now, *audited, audit::kCallerOpen, id, callerId,
                            R"({"via":"caller.get"})");
            }
            CallerView view{profileOf(repo, callerId, now, today),
                            repo.callers().callerHistory(callerId, id, kMaxHistory),
                            plansOf(repo.database(), callerId)};
            if (answersFor) {
                const auto answers = surveyAnswersTakenBy(repo.database(), callerId, *answersFor);
                for (auto& e : view.history) {
                    if (const auto a = answers.find(e.id); a != answers.end()) {
                        e.surveyAnswer = a->second;
                    }
                }
            }
            return view;
        },
        [this, reply, rid = req.id](StoreResult<CallerView> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            json::array history;
            for (const auto& e : r.value->history) {
                history.push_back(link::toJson(e));
            }
            json::array plans;
            for (const auto& p : r.value->plans) {
                plans.push_back(link::toJson(p));
            }
            reply(
                link::ackFrame(rid, {{"caller", link::toJson(r.value->profile, m_settings.limits)},
                                     {"history", std::move(history)},
                                     {"plans", std::move(plans)}}));
        });
}

// Applies `change` to the caller of a contact on the writer, then answers
// with the caller's profile and tells those who may see it.
void Gateway::changeCaller(Id contactId, const std::string& rid, const Reply& reply,
                           std::function<void(Repository&, Id callerId, EpochMs now)> change)
{
    const EpochMs now = nowMs();
    const EpochMs today = m_settings.timeZone.localMidnight(now);
    write(
        [contactId, change = std::move(change), now, today](Repository& repo) {
            const Id callerId = callerOf(repo, contactId);
            change(repo, callerId, now);
            return profileOf(repo, callerId, now, today);
        },
        [this, contactId, reply, rid](StoreResult<CallerProfile> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"caller", link::toJson(*r.value, m_settings.limits)}}));
            publishCaller(contactId, *r.value);
        });
}

void Gateway::cmdCallerUpdate(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    if (!holds(state, id) && state.role != Role::Lead) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can change the caller only of a contact you hold.");
    }
    CallerDetailsUpdate update;
    update.preferredName = callerField(req.params, "preferredName");
    update.pronouns = callerField(req.params, "pronouns");
    update.language = callerField(req.params, "language");
    changeCaller(id, req.id, reply, [update](Repository& repo, Id callerId, EpochMs) {
        repo.callers().updateCallerDetails(callerId, update);
    });
}

void Gateway::cmdCallerNoteAdd(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    if (!holds(state, id) && !mayReadAnyContact(state.role)) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can add a note only to the caller of a contact you hold.");
    }
    const auto body = link::requireString(req.params, "body", kMaxCallerNoteBytes);
    if (body.find_first_not_of(" \t\r\n") == std::string::npos || !isValidUtf8(body)) {
        throw LinkError(ErrorCode::BadRequest, "A note must be 1-4000 bytes of UTF-8.");
    }
    const Id opId = *state.operatorId;
    const EpochMs now = nowMs();
    const EpochMs today = m_settings.timeZone.localMidnight(now);
    // A note about the caller is scored like a text: "she said she has pills"
    // must raise the same prompt.
    RiskAssessment risk = m_settings.risk ? m_settings.risk->assess(body) : RiskAssessment{};
    // A concern only the second opinion heard ("worded like messages of
    // concern") is no prompt for the operator who wrote the note: the words
    // are theirs, and no rule found distress in them.
    if (risk.level == RiskLevel::Concern &&
        std::all_of(risk.riskSignals.begin(), risk.riskSignals.end(),
                    [](const RiskSignal& s) { return s.category == "wording"; })) {
        risk = RiskAssessment{};
    }
    struct Done
    {
        CallerNote note;
        CallerProfile profile;
        EscalationChange escalation;
    };
    write(
        [id, body, opId, now, today, risk](Repository& repo) {
            const Id callerId = callerOf(repo, id);
            Done d;
            d.note = repo.callers().addCallerNote(callerId, id, opId, body, now);
            if (risk.level != RiskLevel::None) {
                // The operator wrote it down about the person in front of
                // them: even a concern gets the prompt.
                d.escalation = repo.escalations().applyRisk(id, risk, EscalationSource::Note, opId,
                                                            now, RiskLevel::Concern);
            }
            d.profile = profileOf(repo, callerId, now, today);
            return d;
        },
        [this, id, reply, risk, rid = req.id](StoreResult<Done> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"note", link::toJson(r.value->note)},
                                       {"risk", json::parse(riskAssessmentJson(risk))}}));
            publishCaller(id, r.value->profile);
            escalationChanged(r.value->escalation, false);
        });
}

void Gateway::cmdCallerFlagSet(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const auto kind = parseFlagKind(link::requireString(req.params, "kind", 32));
    if (!kind) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"kind\" must be abusive, blocked or follow-up.");
    }
    const bool mayFollowUp = holds(state, id) && *kind == FlagKind::FollowUp;
    if (state.role != Role::Lead && !mayFollowUp) {
        throw LinkError(ErrorCode::Forbidden,
                        "Only a shift lead sets this flag; the operator holding the contact "
                        "may set follow-up.");
    }
    const auto note = link::requireString(req.params, "note", kMaxFlagNoteBytes);
    if (note.find_first_not_of(" \t\r\n") == std::string::npos || !isValidUtf8(note)) {
        throw LinkError(ErrorCode::BadRequest,
                        "A flag needs a note (1-1000 bytes of UTF-8) saying why.");
    }
    const auto expiresAt = link::optionalInt(req.params, "expiresAt");
    if (expiresAt && *expiresAt <= nowMs()) {
        throw LinkError(ErrorCode::BadRequest, "Field \"expiresAt\" must be in the future.");
    }
    const Id opId = *state.operatorId;
    changeCaller(id, req.id, reply,
                 [kind = *kind, note, opId, expiresAt](Repository& repo, Id callerId, EpochMs now) {
                     repo.callers().setCallerFlag(callerId, kind, note, opId, now, expiresAt);
                 });
}

void Gateway::cmdCallerFlagClear(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const Id flagId = link::requireInt(req.params, "flagId");
    if (state.role != Role::Lead) {
        throw LinkError(ErrorCode::Forbidden, "Only a shift lead clears a caller's flag.");
    }
    const Id opId = *state.operatorId;
    changeCaller(id, req.id, reply, [flagId, opId](Repository& repo, Id callerId, EpochMs now) {
        if (!repo.callers().clearCallerFlag(callerId, flagId, opId, now)) {
            throw LinkError(ErrorCode::NotFound, "This caller has no such flag.");
        }
    });
}

} // namespace warmline::telephony
