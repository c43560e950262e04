// Link commands, the coaching family: a shift lead reading a live text
// conversation someone else holds, sending that operator private notes
// (never the texter), and taking the conversation over, with the
// operator's agreement or, in an escalation, without (docs/coaching.md).
// Watching and taking over are audited; everything is kept on the
// contact's record for the supervisor.

#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "core/link/ReviewCodec.h"
#include "core/store/Coaching.h"
#include "core/text/Text.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/Permissions.h"

#include <spdlog/spdlog.h>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxThreadMessages = 500;

Audience onlyTo(Id operatorId)
{
    return Audience{.everyone = false, .holder = operatorId, .holderOnly = true};
}

json::object eventJson(const CoachingEvent& e)
{
    return link::toJson(e);
}

} // namespace

void Gateway::addCoachingCommands()
{
    const CommandRule lead{.allows = mayLeadShift, .refusal = "Only a shift lead can do this."};
    addCommand("contact.watch", lead, &Gateway::cmdWatch);
    addCommand("coach.note", lead, &Gateway::cmdCoachNote);
    addCommand("contact.takeover", lead, &Gateway::cmdTakeover);
    addCommand("takeover.answer", {}, &Gateway::cmdTakeoverAnswer);
    addCommand("call.listen", lead, &Gateway::cmdCallListen);
}

// A live text conversation held by someone other than `leadId`.
const ContactSummary& Gateway::coachedContact(Id contactId, Id leadId) const
{
    const auto* held = heldContact(contactId);
    if (!held || !held->operatorId) {
        throw LinkError(ErrorCode::Conflict, "That contact is not held by anyone.");
    }
    if (held->channel != Channel::Text) {
        throw LinkError(ErrorCode::Conflict,
                        "Only a text conversation can be watched; a call is not relayed to leads.");
    }
    if (*held->operatorId == leadId) {
        throw LinkError(ErrorCode::Conflict, "You hold this contact yourself.");
    }
    return *held;
}

void Gateway::cmdWatch(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const bool stop = req.params.contains("stop") && req.params.at("stop").is_bool() &&
                      req.params.at("stop").as_bool();
    const Id leadId = *state.operatorId;
    if (stop) {
        auto it = m_watchers.find(id);
        if (it == m_watchers.end() || !it->second.contains(leadId)) {
            reply(link::ackFrame(req.id, {{"watching", false}}));
            return;
        }
        stopWatching(id, leadId);
        reply(link::ackFrame(req.id, {{"watching", false}}));
        return;
    }
    const ContactSummary& held = coachedContact(id, leadId);
    const Id holder = *held.operatorId;
    write(
        [id, leadId, holder](Repository& repo) {
            auto c = repo.contacts().contact(id);
            if (!c) {
                throw NotFoundError("no contact");
            }
            auto event =
                recordCoaching(repo.database(), id, leadId, holder, coaching::kWatch, "", nowMs());
            AuditLog(repo.database())
                .append(nowMs(), leadId, audit::kContactWatch, id, c->callerId,
                        R"({"via":"contact.watch"})");
            return std::make_tuple(*c, repo.texts().messages(id, kMaxThreadMessages),
                                   coachingOf(repo.database(), id), event);
        },
        [this, id, leadId, reply,
         rid = req.id](StoreResult<std::tuple<ContactSummary, std::vector<Message>,
                                              std::vector<CoachingEvent>, CoachingEvent>>
                           r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const auto& [contact, messages, events, event] = *r.value;
            const auto* held = heldContact(id);
            if (!held || held->operatorId != event.operatorId) {
                // The contact moved while the store wrote: the record says a
                // lead opened it, but there is no one to coach now.
                reply(storeErrorFrame(
                    rid, std::make_exception_ptr(LinkError(
                             ErrorCode::Conflict,
                             "That contact changed hands; open it again from the board."))));
                return;
            }
            m_watchers[id].insert(leadId);
            publish("coaching.watch",
                    {{"contactId", id},
                     {"alias", held->alias},
                     {"watching", true},
                     {"event", eventJson(event)}},
                    onlyTo(*held->operatorId));
            json::array m;
            for (const auto& x : messages) {
                m.push_back(link::toJson(x));
            }
            json::array e;
            for (const auto& x : events) {
                e.push_back(eventJson(x));
            }
            reply(link::ackFrame(rid, {{"watching", true},
                                       {"contact", link::toJson(contact)},
                                       {"messages", std::move(m)},
                                       {"coaching", std::move(e)}}));
        });
}

// Ends one lead's watching of a contact: recorded, and its holder told.
void Gateway::stopWatching(Id contactId, Id leadId)
{
    auto it = m_watchers.find(contactId);
    if (it == m_watchers.end() || it->second.erase(leadId) == 0) {
        return;
    }
    if (it->second.empty()) {
        m_watchers.erase(it);
    }
    const auto* held = heldContact(contactId);
    const std::optional<Id> holder = held ? held->operatorId : std::nullopt;
    const std::string alias = held ? held->alias : std::string();
    write(
        [contactId, leadId, holder](Repository& repo) {
            return recordCoaching(repo.database(), contactId, leadId, holder, coaching::kUnwatch,
                                  "", nowMs());
        },
        [this, contactId, holder, alias](StoreResult<CoachingEvent> r) {
            if (r.error) {
                spdlog::warn("contact {}: the end of a lead's watching was not recorded: {}",
                             contactId, describeStoreError(r.error));
            }
            if (holder) {
                json::object data{{"contactId", contactId}, {"alias", alias}, {"watching", false}};
                if (!r.error) {
                    data["event"] = eventJson(*r.value);
                }
                publish("coaching.watch", data, onlyTo(*holder));
            }
        });
}

// When a contact leaves its holder (closed, back to the queue, handed to
// someone), nobody is coaching that holder in it any more.
void Gateway::endCoaching(Id contactId)
{
    m_takeoverAsks.erase(contactId);
    m_watchers.erase(contactId);
}

// A lead's last link went away: what they were watching ends, and what they
// asked to take over is no longer asked (the holder's question goes away).
void Gateway::endWatchingBy(Id leadId)
{
    endListeningBy(leadId);
    for (auto it = m_takeoverAsks.begin(); it != m_takeoverAsks.end();) {
        if (it->second != leadId) {
            ++it;
            continue;
        }
        const Id contactId = it->first;
        it = m_takeoverAsks.erase(it);
        if (const auto* held = heldContact(contactId); held && held->operatorId) {
            publish("takeover.withdrawn", {{"contactId", contactId}, {"alias", held->alias}},
                    onlyTo(*held->operatorId));
        }
    }
    std::vector<Id> watched;
    for (const auto& [contactId, leads] : m_watchers) {
        if (leads.contains(leadId)) {
            watched.push_back(contactId);
        }
    }
    for (const Id contactId : watched) {
        stopWatching(contactId, leadId);
    }
}

void Gateway::cmdCoachNote(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const auto text = link::requireString(req.params, "text", kMaxCoachingNoteBytes);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos || !isValidUtf8(text)) {
        throw LinkError(ErrorCode::BadRequest, "A coaching note must be 1-500 bytes of UTF-8.");
    }
    const Id leadId = *state.operatorId;
    const Id holder = *coachedContact(id, leadId).operatorId;
    write(
        [id, leadId, holder, text](Repository& repo) {
            return recordCoaching(repo.database(), id, leadId, holder, coaching::kNote, text,
                                  nowMs());
        },
        [this, id, leadId, reply, rid = req.id](StoreResult<CoachingEvent> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const auto* held = heldContact(id);
            const json::object data{{"contactId", id},
                                    {"alias", held ? held->alias : std::string()},
                                    {"note", eventJson(*r.value)}};
            // To the operator it is about, and to the other leads watching;
            // the texter is never a link's audience.
            if (held && held->operatorId) {
                publish("coaching.note", data, onlyTo(*held->operatorId));
            }
            if (auto it = m_watchers.find(id); it != m_watchers.end()) {
                for (const Id other : it->second) {
                    if (other != leadId) {
                        publish("coaching.note", data, onlyTo(other));
                    }
                }
            }
            reply(link::ackFrame(rid, {{"note", eventJson(*r.value)}}));
        });
}

void Gateway::cmdTakeover(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const bool now = req.params.contains("now") && req.params.at("now").is_bool() &&
                     req.params.at("now").as_bool();
    const Id leadId = *state.operatorId;
    const ContactSummary& held = coachedContact(id, leadId);
    const Id holder = *held.operatorId;
    if (m_pending.contains(id)) {
        throw LinkError(ErrorCode::Conflict, "That contact is changing; try again in a moment.");
    }
    if (!mayHoldContacts(state.role)) {
        throw LinkError(ErrorCode::Forbidden, "Your role does not take contacts.");
    }
    if (!now) {
        if (auto it = m_takeoverAsks.find(id); it != m_takeoverAsks.end()) {
            throw LinkError(ErrorCode::Conflict,
                            it->second == leadId ? "You have already asked; wait for the answer."
                                                 : "Another lead has already asked to take "
                                                   "this conversation over.");
        }
        m_takeoverAsks[id] = leadId;
        write(
            [id, leadId, holder](Repository& repo) {
                return recordCoaching(repo.database(), id, leadId, holder, coaching::kTakeoverAsked,
                                      "", nowMs());
            },
            [this, id, leadId, holder, reply, rid = req.id](StoreResult<CoachingEvent> r) {
                if (r.error) {
                    if (auto it = m_takeoverAsks.find(id);
                        it != m_takeoverAsks.end() && it->second == leadId) {
                        m_takeoverAsks.erase(it);
                    }
                    reply(storeErrorFrame(rid, r.error));
                    return;
                }
                const auto& lead = m_operators.at(leadId);
                const auto* held = heldContact(id);
                publish("takeover.asked",
                        {{"contactId", id},
                         {"alias", held ? held->alias : std::string()},
                         {"lead", userRef(leadId, lead.account.name)},
                         {"event", eventJson(*r.value)}},
                        onlyTo(holder));
                reply(link::ackFrame(rid, {{"asked", true}}));
            });
        return;
    }
    // Without asking: only when the contact is in an escalation, where a
    // lead must be able to step in at once.
    m_pending.insert(id);
    write(
        [id, leadId, holder](Repository& repo) {
            auto c = repo.contacts().contact(id);
            if (!c) {
                throw NotFoundError("no contact");
            }
            if (!repo.escalations().openEscalationOf(id)) {
                throw LinkError(ErrorCode::Conflict,
                                "Only a conversation in an escalation can be taken over without "
                                "the operator's agreement; ask them instead.");
            }
            AuditLog(repo.database())
                .append(nowMs(), leadId, audit::kContactTakeover, id, c->callerId,
                        R"({"how":"escalation"})");
            return recordCoaching(repo.database(), id, leadId, holder, coaching::kTakeoverForced,
                                  "", nowMs());
        },
        [this, id, leadId, holder, reply, rid = req.id](StoreResult<CoachingEvent> r) {
            m_pending.erase(id);
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            finishTakeover(id, holder, leadId, *r.value);
            reply(link::ackFrame(rid, {{"taken", true}}));
        });
}

void Gateway::cmdTakeoverAnswer(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const auto* agreeField = req.params.if_contains("agree");
    if (agreeField == nullptr || !agreeField->is_bool()) {
        throw LinkError(ErrorCode::BadRequest, "Field \"agree\" must be true or false.");
    }
    const bool agree = agreeField->as_bool();
    const auto ask = m_takeoverAsks.find(id);
    const auto* held = heldContact(id);
    if (ask == m_takeoverAsks.end() || !held || held->operatorId != state.operatorId) {
        throw LinkError(ErrorCode::NotFound, "No lead is asking to take over a contact you hold.");
    }
    if (m_pending.contains(id)) {
        throw LinkError(ErrorCode::Conflict, "That contact is changing; try again in a moment.");
    }
    const Id leadId = ask->second;
    const Id holder = *state.operatorId;
    m_takeoverAsks.erase(ask);
    if (agree) {
        m_pending.insert(id);
    }
    write(
        [id, leadId, holder, agree](Repository& repo) {
            if (agree) {
                auto c = repo.contacts().contact(id);
                if (!c) {
                    throw NotFoundError("no contact");
                }
                AuditLog(repo.database())
                    .append(nowMs(), leadId, audit::kContactTakeover, id, c->callerId,
                            R"({"how":"agreed"})");
            }
            return recordCoaching(repo.database(), id, leadId, holder,
                                  agree ? coaching::kTakeoverAgreed : coaching::kTakeoverDeclined,
                                  "", nowMs());
        },
        [this, id, leadId, holder, agree, reply, rid = req.id](StoreResult<CoachingEvent> r) {
            if (agree) {
                m_pending.erase(id);
            }
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            publish("takeover.answered",
                    {{"contactId", id}, {"agree", agree}, {"event", eventJson(*r.value)}},
                    onlyTo(leadId));
            if (agree) {
                finishTakeover(id, holder, leadId, *r.value);
            }
            reply(link::ackFrame(rid, {{"agree", agree}}));
        });
}

// The contact goes from its operator to the lead, as a sign-out's hand-off.
void Gateway::finishTakeover(Id contactId, Id from, Id to, const CoachingEvent& event)
{
    auto fromIt = m_operators.find(from);
    auto toIt = m_operators.find(to);
    if (fromIt == m_operators.end() || toIt == m_operators.end()) {
        return;
    }
    const auto* held = heldContact(contactId);
    publish("contact.takenover",
            {{"contactId", contactId},
             {"alias", held ? held->alias : std::string()},
             {"lead", userRef(to, toIt->second.account.name)},
             {"event", eventJson(event)}},
            onlyTo(from));
    spdlog::info("contact {} taken over by lead {} from operator {} ({})", contactId, to, from,
                 event.kind);
    handOver(contactId, fromIt->second, toIt->second);
}

} // namespace warmline::telephony
