// Link commands, the contact family: accepting from the queue, opening a
// contact (audited when it is someone else's), sending a text, releasing it
// back to the queue, wrap-up and closing with a note.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "core/store/CheckIns.h"
#include "core/store/Surveys.h"
#include "core/text/Text.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/Permissions.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxBodyBytes = 1600;
constexpr std::size_t kMaxNoteBytes = 20000;
constexpr std::size_t kMaxThreadMessages = 500;

json::array messagesJson(const std::vector<Message>& messages)
{
    json::array a;
    a.reserve(messages.size());
    for (const auto& m : messages) {
        a.push_back(link::toJson(m));
    }
    return a;
}

} // namespace

void Gateway::addContactCommands()
{
    addCommand(
        "contact.accept",
        {.allows = mayHoldContacts, .refusal = "Your role does not take contacts from the queue."},
        &Gateway::cmdAccept);
    addCommand("contact.get", {}, &Gateway::cmdGet);
    addCommand("message.send", {}, &Gateway::cmdSend);
    addCommand("contact.release", {}, &Gateway::cmdRelease);
    addCommand("contact.close", {}, &Gateway::cmdClose);
    addCommand("contact.wrapup", {}, &Gateway::cmdWrapUp);
    addCommand("contact.debrief", {}, &Gateway::cmdDebrief);
}

void Gateway::cmdAccept(LinkState& state, const link::Request& req, const Reply& reply)
{
    auto& op = m_operators.at(*state.operatorId);
    if (op.presence != Presence::Available && op.presence != Presence::Busy) {
        throw LinkError(ErrorCode::Forbidden,
                        "You are not available. Set your presence to available first.");
    }
    if (static_cast<int>(op.held.size()) >= op.account.textCapacity) {
        throw LinkError(ErrorCode::Capacity, "You already hold as many contacts as you can (" +
                                                 std::to_string(op.account.textCapacity) + ").");
    }
    std::optional<ContactSummary> chosen;
    if (const auto id = link::optionalInt(req.params, "contactId")) {
        if (const auto* c = m_queue.find(*id)) {
            if (m_forLead.contains(*id) && !mayLeadShift(op.account.role)) {
                if (const auto s = m_screened.find(*id); s != m_screened.end()) {
                    throw LinkError(ErrorCode::Forbidden,
                                    "This contact waits for the shift lead: it comes from " +
                                        (s->second.kind == "rate"
                                             ? "a number that sent " + s->second.reason
                                             : s->second.reason) +
                                        ".");
                }
                throw LinkError(ErrorCode::Forbidden,
                                "The shift lead is assigning new contacts by hand for now "
                                "(switchboard); this one waits for them.");
            }
            refuseIfOverflowing(*id);
            chosen = *c;
        } else if (m_held.contains(*id) || m_pending.contains(*id)) {
            throw LinkError(ErrorCode::Conflict,
                            "Another operator has already accepted this contact.");
        } else {
            throw LinkError(ErrorCode::NotFound, "That contact is not waiting in the queue.");
        }
    } else {
        chosen = headFor(op);
        const auto waiting = m_queue.ordered();
        if (!chosen && !waiting.empty() &&
            std::all_of(waiting.begin(), waiting.end(),
                        [this](const ContactSummary& c) { return m_forLead.contains(c.id); })) {
            throw LinkError(ErrorCode::NotFound,
                            switchboardOn()
                                ? "Everyone waiting is waiting for the shift lead, who is "
                                  "assigning new contacts by hand for now (switchboard)."
                                : "Everyone waiting is held for the shift lead (screening: "
                                  "numbers that text or call too often, or kinds of number "
                                  "the line screens).");
        }
        if (!chosen && m_queue.head()) {
            throw LinkError(ErrorCode::NotFound,
                            "Everyone waiting is waiting for an operator who speaks their "
                            "language; texts come to everyone after " +
                                std::to_string(m_settings.languageWaitMs / 1000) + " s.");
        }
        if (!chosen) {
            throw LinkError(ErrorCode::NotFound, "Nobody is waiting in the queue.");
        }
    }
    checkCallAccept(op, *chosen);
    const ContactSummary contact = *chosen;
    m_queue.remove(contact.id);
    m_pending.insert(contact.id);
    const Id opId = op.account.id;
    const auto now = nowMs();
    write(
        [id = contact.id, opId, now](Repository& repo) {
            repo.contacts().markAccepted(id, opId, now);
            auto c = repo.contacts().contact(id);
            auto msgs = repo.texts().messages(id, kMaxThreadMessages);
            return std::make_pair(*c, std::move(msgs));
        },
        [this, contact, opId, reply,
         rid = req.id](StoreResult<std::pair<ContactSummary, std::vector<Message>>> r) {
            m_pending.erase(contact.id);
            if (r.error) {
                m_queue.upsert(contact);
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const auto& [c, msgs] = *r.value;
            m_held[c.id] = c;
            auto& op = m_operators.at(opId);
            op.held.insert(c.id);
            publish("contact.accepted", {{"contact", link::toJson(c)}}, {});
            refreshBusy(op);
            if (c.channel == Channel::Call) {
                callAccepted(c.id, opId);
            }
            reply(link::ackFrame(rid,
                                 {{"contact", link::toJson(c)}, {"messages", messagesJson(msgs)}}));
        });
}

void Gateway::cmdGet(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const auto* held = heldContact(id);
    const bool mine = held && held->operatorId == state.operatorId;
    if (!mine && !mayReadAnyContact(state.role)) {
        throw LinkError(ErrorCode::Forbidden, "You can open only the contacts you hold.");
    }
    // Opening someone else's contact is audited: on the writer, in the
    // transaction that appends the audit row (docs/decisions.md).
    const std::optional<Id> audited = mine ? std::nullopt : std::optional<Id>(*state.operatorId);
    runOn(
        mine ? m_reader : m_writer,
        [id, audited](Repository& repo) {
            auto c = repo.contacts().contact(id);
            if (!c) {
                throw NotFoundError("no contact");
            }
            if (audited) {
                AuditLog(repo.database())
                    .append(nowMs(), *audited, audit::kContactOpen, id, c->callerId,
                            R"({"via":"contact.get"})");
            }
            return std::make_tuple(*c, repo.texts().messages(id, kMaxThreadMessages),
                                   repo.escalations().escalationsOf(id),
                                   checkInOfContact(repo.database(), id));
        },
        [this, reply, rid = req.id](
            StoreResult<std::tuple<ContactSummary, std::vector<Message>,
                                   std::vector<EscalationRecord>, std::optional<CheckInRecord>>>
                r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const auto& [contact, messages, escalations, checkIn] = *r.value;
            json::array e;
            for (const auto& x : escalations) {
                e.push_back(link::toJson(x));
            }
            json::object data{{"contact", link::toJson(contact)},
                              {"messages", messagesJson(messages)},
                              {"escalations", std::move(e)}};
            if (checkIn) {
                // A check-in the caller asked for: why, and who agreed it.
                data["checkIn"] = checkInJson(*checkIn);
            }
            reply(link::ackFrame(rid, std::move(data)));
        });
}

void Gateway::cmdSend(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const auto body = link::requireString(req.params, "body", kMaxBodyBytes);
    if (body.empty() || !isValidUtf8(body)) {
        throw LinkError(ErrorCode::BadRequest, "A text must be 1-1600 bytes of UTF-8.");
    }
    const auto* held = heldContact(id);
    if (!held || held->operatorId != state.operatorId) {
        throw LinkError(ErrorCode::Forbidden, "You can text only in a contact you hold.");
    }
    if (held->channel != Channel::Text) {
        throw LinkError(ErrorCode::Conflict, "This contact is a call, not a text conversation.");
    }
    const Id opId = *state.operatorId;
    const Provider provider = m_sender ? m_sender->provider() : Provider::Simulator;
    write(
        [id, body, opId, provider](Repository& repo) {
            auto c = repo.contacts().contact(id);
            if (!c) {
                throw NotFoundError("no contact");
            }
            requireNotOptedOut(repo, c->callerId);
            return repo.texts().appendOutbound(id, body, opId, provider, nowMs());
        },
        [this, reply, rid = req.id](StoreResult<OutboundJob> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"message", link::toJson(r.value->message)}}));
            publishMessage("message.sent", r.value->message);
            trySend(r.value->message.id, 1);
        });
}

// The checks shared by commands that change a held contact: someone holds
// it, the caller is its holder or a lead, and no other change is in flight.
const ContactSummary* Gateway::heldForChange(const LinkState& state, Id id, std::string_view verb)
{
    const auto* held = heldContact(id);
    if (!held) {
        throw LinkError(ErrorCode::Conflict, "That contact is not held by anyone.");
    }
    if (held->operatorId != state.operatorId && state.role != Role::Lead) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can " + std::string(verb) + " only the contacts you hold.");
    }
    if (m_pending.contains(id)) {
        throw LinkError(ErrorCode::Conflict, "That contact is changing; try again in a moment.");
    }
    return held;
}

void Gateway::cmdRelease(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    heldForChange(state, id, "release");
    requeue(id, [reply, rid = req.id](std::exception_ptr error) {
        reply(error ? storeErrorFrame(rid, error) : link::ackFrame(rid, {}));
    });
}

void Gateway::cmdClose(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const auto note = link::optionalString(req.params, "note", kMaxNoteBytes);
    if (!note || note->find_first_not_of(" \t\r\n") == std::string::npos) {
        throw LinkError(ErrorCode::BadRequest, "A wrap-up note is required to close a contact.");
    }
    if (!isValidUtf8(*note)) {
        throw LinkError(ErrorCode::BadRequest, "The note must be valid UTF-8.");
    }
    std::optional<WrapUp> wrapup;
    if (const auto* w = req.params.if_contains("wrapup"); w && !w->is_null()) {
        wrapup = link::wrapUpFromJson(*w, m_settings.lineContent);
    }
    heldForChange(state, id, "close");
    refuseWhileCallbackDialling(id);
    m_pending.insert(id);
    const auto& survey = m_settings.survey;
    write(
        [id, note = *note, wrapup, survey = survey.afterTexts, gap = survey.minGapMs,
         line = m_settings.lineName,
         provider = m_sender ? m_sender->provider() : Provider::Simulator](Repository& repo) {
            if (repo.escalations().openEscalationOf(id)) {
                throw LinkError(ErrorCode::Conflict,
                                "This contact has an open escalation. Record what was done (or "
                                "why nothing was) and close it first.");
            }
            const EpochMs now = nowMs();
            repo.contacts().markClosed(id, ContactState::Closed, note, now, wrapup);
            auto c = *repo.contacts().contact(id);
            std::optional<OutboundJob> surveyJob;
            if (survey) {
                surveyJob = surveyIfDue(repo, id, c.callerId, line, provider, gap, now);
            }
            return std::make_pair(std::move(c), std::move(surveyJob));
        },
        [this, id, reply,
         rid = req.id](StoreResult<std::pair<ContactSummary, std::optional<OutboundJob>>> closed) {
            m_pending.erase(id);
            if (closed.error) {
                reply(storeErrorFrame(rid, closed.error));
                return;
            }
            if (closed.value->second) {
                spdlog::info("survey sent for contact {}", id);
                trySend(closed.value->second->message.id, 1);
            }
            const std::optional<ContactSummary> r = closed.value->first;
            const auto holder = takeHeld(id);
            publish("contact.closed", {{"contact", link::toJson(*r)}}, {});
            if (holder && m_settings.board.breakAfterHighRisk && r->risk >= RiskLevel::High) {
                // A heavy contact: a break and a debrief are offered, never imposed.
                publish("operator.notice",
                        {{"operatorId", *holder},
                         {"contactId", id},
                         {"kind", "break-suggested"},
                         {"message", "That was a heavy contact. Take a few minutes before the "
                                     "next one if you need them, and if it would help, write a "
                                     "short debrief for a supervisor."}},
                        Audience{false, *holder, false, true});
            }
            letGo(holder, id);
            callFinished(id);
            reply(link::ackFrame(rid, {}));
        });
}

void Gateway::cmdWrapUp(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const ContactSummary* held = heldForChange(state, id, "wrap up");
    if (held->state == ContactState::WrapUp) {
        // A retry after a dropped link: already done.
        reply(link::ackFrame(req.id, {{"contact", link::toJson(*held)}}));
        return;
    }
    if (held->state != ContactState::Active) {
        throw LinkError(ErrorCode::Conflict, "Only an active contact can go to wrap-up.");
    }
    refuseWhileCallbackDialling(id);
    // The keypad survey as the call ends (docs/surveys.md): the line's
    // setting, or the operator offering it.
    const auto* offer = req.params.if_contains("survey");
    if (offer && !offer->is_bool()) {
        throw LinkError(ErrorCode::BadRequest, "Field \"survey\" must be true or false.");
    }
    const bool askSurvey = held->channel == Channel::Call &&
                           (m_settings.survey.afterCalls || (offer && offer->as_bool()));
    m_pending.insert(id);
    write(
        [id, askSurvey, gap = m_settings.survey.minGapMs](Repository& repo) {
            const EpochMs now = nowMs();
            if (!repo.contacts().markWrapUp(id, now)) {
                throw LinkError(ErrorCode::Conflict, "Only an active contact can go to wrap-up.");
            }
            auto c = *repo.contacts().contact(id);
            std::optional<std::string> survey;
            if (askSurvey && callSurveyDue(repo.database(), id, now, gap)) {
                const auto spanish = automaticTextInSpanish(repo, c.callerId);
                survey = c.language == "es" || (spanish && *spanish) ? "es" : "en";
            }
            return std::make_pair(std::move(c), std::move(survey));
        },
        [this, id, reply,
         rid = req.id](StoreResult<std::pair<ContactSummary, std::optional<std::string>>> done) {
            m_pending.erase(id);
            if (done.error) {
                reply(storeErrorFrame(rid, done.error));
                return;
            }
            const std::optional<ContactSummary> r = done.value->first;
            std::optional<Id> holder;
            if (auto it = m_held.find(id); it != m_held.end()) {
                it->second = *r;
                holder = it->second.operatorId;
            }
            publish("contact.updated", {{"contact", link::toJson(*r)}}, {});
            const auto call = callOf(id);
            bool surveyed = false;
            if (done.value->second && call) {
                surveyed = startCallSurvey(id, *call, *done.value->second);
            } else {
                callFinished(id);
            }
            if (holder) {
                // Break and offline were the operator's own choice: kept.
                if (auto op = m_operators.find(*holder);
                    op != m_operators.end() && (op->second.presence == Presence::Available ||
                                                op->second.presence == Presence::Busy)) {
                    setPresence(op->second, Presence::WrapUp);
                }
            }
            reply(link::ackFrame(rid, {{"contact", link::toJson(*r)}, {"survey", surveyed}}));
        });
}

} // namespace warmline::telephony
