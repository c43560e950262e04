// Callbacks that keep a caller's place (issue 16, docs/callbacks.md): a
// caller who has waited callbacks.offer_after hears the offer once; pressing
// 1 stores the callback, plays the confirmation and hangs up, and the
// contact keeps its place in the queue with no call. An operator who takes
// it gets their phone rung first, then the caller is dialled through the
// trunk (sip::CallService::placeCallback). An attempt that does not reach
// the caller puts the contact back at its place, not to be dialled before
// callbacks.retry_after; after callbacks.attempts it is closed as not
// reached. Leads see every step (contact.callback).

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "core/domain/CallerIdentity.h"
#include "core/domain/LineReplies.h"
#include "core/domain/Screening.h"
#include "core/risk/LanguageGuess.h"
#include "core/store/Callbacks.h"
#include "core/store/CheckIns.h"
#include "telephony/media/AudioMix.h"
#include "telephony/sip/CallService.h"

#include <spdlog/spdlog.h>

#include <span>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

std::string languageOf(const std::string& language)
{
    return isSpanishLanguage(language) ? "es" : "en";
}

} // namespace

bool Gateway::callbacksOffered() const
{
    return m_calls && m_settings.callbacks.offerAfterMs > 0 && !m_settings.trunkUri.empty();
}

EpochMs Gateway::callbackDueAt(Id contactId) const
{
    const auto it = m_callbacks.find(contactId);
    return it == m_callbacks.end() ? 0 : it->second.nextAttemptAt;
}

void Gateway::callbackTick(EpochMs now)
{
    std::erase_if(m_callbackOffered, [this](Id id) { return m_queue.find(id) == nullptr; });
    if (!callbacksOffered()) {
        return;
    }
    for (const auto& c : m_queue.ordered()) {
        if (c.channel != Channel::Call || now - c.createdAt < m_settings.callbacks.offerAfterMs ||
            m_callbackOffered.contains(c.id) || m_callbacks.contains(c.id) ||
            m_overflowOffered.contains(c.id) || m_overflowing.contains(c.id)) {
            continue;
        }
        if (const auto told = m_positionAnnounced.find(c.id);
            told != m_positionAnnounced.end() && told->second == now) {
            continue; // hearing their place this very tick: next tick
        }
        const auto call = callOf(c.id);
        const auto link = call ? m_callLinks.find(*call) : m_callLinks.end();
        if (link == m_callLinks.end() || !link->second.canCallBack) {
            continue;
        }
        if (m_calls->offerCallback(*call, languageOf(c.language))) {
            m_callbackOffered.insert(c.id);
            m_positionAnnounced[c.id] = now; // not talked over by the place in line
            spdlog::info("contact {}: offered a callback", c.id);
            publish("contact.callback", {{"contactId", c.id}, {"step", "offered"}, {"at", now}},
                    kBoardReaders);
        }
    }
}

void Gateway::callbackNumberChosen(sip::CallRef call, const std::string& keyed)
{
    const auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    const auto* queued = m_queue.find(id);
    if (!queued || !m_callbackOffered.contains(id) || m_callbacks.contains(id) ||
        m_overflowing.contains(id)) {
        return;
    }
    if (keyed.empty()) {
        callbackRequested(call, id);
        return;
    }
    // The number itself is never logged.
    const auto number = keyedCallbackNumber(keyed, m_settings.screening);
    // Nor the line itself, or the partner line: a callback calls a person.
    if (!number || crisisCallUri(*number, m_settings.trunkUri).empty() ||
        (m_calls && m_calls->isLineNumber(*number)) ||
        *number == m_settings.overflow.partnerCallNumber) {
        spdlog::info("contact {}: the number keyed for the callback cannot be called", id);
        publish("contact.callback",
                {{"contactId", id}, {"step", "number-refused"}, {"at", nowMs()}}, kBoardReaders);
        if (m_calls) {
            m_calls->refuseCallbackNumber(call, languageOf(queued->language));
        }
        return;
    }
    spdlog::info("contact {}: the caller keyed another number for the callback", id);
    callbackRequested(call, id, m_keys.encryptNumber(*number));
}

void Gateway::callbackRequested(sip::CallRef call, Id contactId,
                                std::vector<unsigned char> keyedNumber)
{
    const EpochMs now = nowMs();
    // Not dialled before the line has hung up on the caller (the
    // confirmation takes about 6 s): kCallbackHangUpMs.
    write(
        [contactId, now, keyed = std::move(keyedNumber)](Repository& repo) {
            return requestCallback(repo.database(), contactId, now, now + kCallbackHangUpMs, keyed);
        },
        [this, call, contactId](StoreResult<std::optional<Callback>> r) {
            if (r.error) {
                // The caller keeps waiting on the line, as before.
                spdlog::error("contact {}: a callback could not be stored: {}", contactId,
                              describeStoreError(r.error));
                return;
            }
            const auto* queued = m_queue.find(contactId);
            if (*r.value && !queued) {
                // Taken (or hung up) while it was stored: the call goes on
                // as any call, and the request is withdrawn.
                write(
                    [contactId](Repository& repo) { withdrawCallback(repo.database(), contactId); },
                    [](StoreResult<void>) {});
                return;
            }
            if (!*r.value) {
                return;
            }
            const Callback& b = **r.value;
            m_callbacks[contactId] = b;
            ContactSummary c = *queued;
            c.preview = kCallbackPreview;
            m_queue.upsert(c);
            // The call is no longer the contact's: its end abandons nothing.
            forgetCall(call);
            m_positionAnnounced.erase(contactId);
            if (m_calls) {
                m_calls->confirmCallback(call, languageOf(c.language));
            }
            spdlog::info("contact {}: the caller asked to be called back", contactId);
            publish("contact.updated", {{"contact", link::toJson(c)}}, {});
            publish("contact.callback",
                    {{"contactId", contactId}, {"step", "requested"}, {"at", b.requestedAt}},
                    kBoardReaders);
        });
}

void Gateway::refuseWhileCallbackDialling(Id contactId) const
{
    if (m_callbacks.contains(contactId) && callOf(contactId)) {
        throw LinkError(ErrorCode::Conflict,
                        "This callback is still being dialled: hang up or decline on your phone "
                        "to stop this attempt, then wrap up.");
    }
}

void Gateway::dialCallback(Id contactId, Id operatorId)
{
    auto op = m_operators.find(operatorId);
    const auto* held = heldContact(contactId);
    const auto b = m_callbacks.find(contactId);
    if (op == m_operators.end() || !held || b == m_callbacks.end() || !m_calls) {
        return;
    }
    if (op->second.presence == Presence::Available) {
        setPresence(op->second, Presence::Busy);
    }
    sip::CallbackDial dial;
    const auto phone = phoneOf(op->second);
    if (phone.uri.empty()) {
        // As when a phone does not answer: back to the head of the queue.
        ringNoAnswer(contactId, phone.whyNot);
        return;
    }
    dial.operatorUri = phone.uri;
    dial.autoAnswer = phone.autoAnswer;
    dial.askToAccept = phone.askToAccept;
    dial.operatorLanguage = phone.language;
    dial.displayName = held->alias;
    dial.lineNumber = b->second.lineNumber;
    dial.language = languageOf(held->language);
    dial.checkIn = b->second.checkIn;
    try {
        const auto& blob = b->second.encryptedNumber;
        const std::string number = m_keys.decryptNumber(std::span<const unsigned char>(
            reinterpret_cast<const unsigned char*>(blob.data()), blob.size()));
        dial.callerUri = crisisCallUri(number, m_settings.trunkUri);
    } catch (const std::exception&) {
        dial.callerUri.clear();
    }
    if (dial.callerUri.empty()) {
        // Nothing the next operator could do better: an attempt that fails.
        spdlog::warn("contact {}: the callback's number cannot be dialled through the trunk",
                     contactId);
        callbackAttemptFailed(contactId,
                              "The caller's number cannot be dialled through the trunk.");
        return;
    }
    std::string why;
    const sip::CallRef ref = m_calls->placeCallback(dial, why);
    if (ref == 0) {
        // As when a phone does not answer: back to the head of the queue.
        spdlog::warn("contact {}: the callback could not be placed: {}", contactId, why);
        ringNoAnswer(contactId, why);
        return;
    }
    m_callLinks[ref] = CallLink{contactId};
    m_callByContact[contactId] = ref;
    spdlog::info("contact {}: calling the operator's phone for the callback", contactId);
}

void Gateway::callbackAnswered(sip::CallRef call)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    m_callbacks.erase(id);
    const EpochMs now = nowMs();
    spdlog::info("contact {}: the callback reached the caller", id);
    write([id, now](Repository& repo) { callbackReached(repo.database(), id, now); },
          [id](StoreResult<void> r) {
              if (r.error) {
                  spdlog::error("contact {}: a reached callback was not recorded: {}", id,
                                describeStoreError(r.error));
              }
          });
    publish("call.connected", {{"contactId", id}}, {});
    publish("contact.callback", {{"contactId", id}, {"step", "reached"}, {"at", now}},
            kBoardReaders);
}

void Gateway::callbackNotReached(sip::CallRef call, const std::string& why)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    forgetCall(call);
    callbackAttemptFailed(id, why);
}

void Gateway::checkInStopPressed(sip::CallRef call)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    const auto* held = heldContact(id);
    if (!held) {
        return;
    }
    const Id callerId = held->callerId;
    const std::optional<Id> holder = held->operatorId;
    write(
        [id, callerId](Repository& repo) {
            const EpochMs now = nowMs();
            auto stopped = stopCheckInsOfCaller(repo.database(), callerId, std::nullopt,
                                                "The caller pressed 9 on a check-in call.", now);
            for (const Id checkIn : stopped) {
                AuditLog(repo.database())
                    .append(now, std::nullopt, audit::kCheckInStop, id, callerId,
                            "{\"checkInId\":" + std::to_string(checkIn) + ",\"by\":\"keypress\"}");
            }
            return stopped;
        },
        [this, id, holder](StoreResult<std::vector<Id>> r) {
            if (r.error) {
                spdlog::error("contact {}: check-ins the caller stopped by keypress were not "
                              "recorded: {}",
                              id, describeStoreError(r.error));
                return;
            }
            checkInsStopped(*r.value, std::nullopt, "keypress");
            if (holder && !r.value->empty()) {
                publish("operator.notice",
                        {{"operatorId", *holder},
                         {"contactId", id},
                         {"kind", "checkins-stopped"},
                         {"message", "The caller pressed 9: their check-ins are stopped. The "
                                     "call goes on."}},
                        Audience{false, holder});
            }
        });
}

void Gateway::callbackAttemptFailed(Id contactId, const std::string& why)
{
    if (!m_callbacks.contains(contactId)) {
        return;
    }
    const EpochMs now = nowMs();
    const int attempts = m_settings.callbacks.attempts;
    const EpochMs retry = m_settings.callbacks.retryAfterMs;
    const Provider provider = m_sender ? m_sender->provider() : Provider::Simulator;
    m_pending.insert(contactId);
    struct Outcome
    {
        Callback b;
        ContactSummary contact;
        std::optional<OutboundJob> text; ///< after the last attempt, unless STOP
    };
    write(
        [contactId, why, now, attempts, retry, provider, line = m_settings.lineName,
         checkIn = m_callbacks.at(contactId).checkIn](Repository& repo) {
            Outcome o{callbackFailed(repo.database(), contactId, why, now, attempts, retry),
                      *repo.contacts().contact(contactId), std::nullopt};
            if (o.b.state == CallbackState::NotReached) {
                // In the same transaction: a text if the number can take one.
                if (const auto spanish = automaticTextInSpanish(repo, o.contact.callerId)) {
                    o.text = repo.texts().appendOutbound(
                        contactId, callbackMissedText(line, *spanish, checkIn), std::nullopt,
                        provider, nowMs());
                }
            }
            return o;
        },
        [this, contactId, why](StoreResult<Outcome> r) {
            m_pending.erase(contactId);
            if (r.error) {
                spdlog::error("contact {}: a callback attempt could not be recorded: {}", contactId,
                              describeStoreError(r.error));
                return;
            }
            const auto& b = r.value->b;
            const auto& contact = r.value->contact;
            if (r.value->text) {
                publishMessage("message.sent", r.value->text->message);
                trySend(r.value->text->message.id, 1);
            }
            const auto holder = takeHeld(contactId);
            const bool closed = b.state == CallbackState::NotReached;
            std::string next;
            if (closed) {
                m_callbacks.erase(contactId);
                publish("contact.closed", {{"contact", link::toJson(contact)}, {"callback", true}},
                        {});
                next = " That was the last attempt: the callback is closed as not reached.";
            } else {
                m_callbacks[contactId] = b;
                m_queue.upsert(contact);
                publish("contact.queued", {{"contact", link::toJson(contact)}}, {});
                next = " The callback keeps its place in the queue and can be tried again in " +
                       std::to_string((b.nextAttemptAt - nowMs() + 59'999) / 60'000) + " min.";
            }
            spdlog::info("contact {}: callback attempt {} did not reach the caller{}", contactId,
                         b.attempts, closed ? "; closed" : "");
            publish(
                "contact.callback",
                {{"contactId", contactId},
                 {"step", closed ? "not-reached" : "failed"},
                 {"attempts", b.attempts},
                 {"reason", why},
                 {"nextAttemptAt", closed ? json::value(nullptr) : json::value(b.nextAttemptAt)},
                 {"at", nowMs()}},
                kBoardReaders);
            letGo(holder, contactId);
            if (!holder) {
                return;
            }
            if (auto op = m_operators.find(*holder); op != m_operators.end()) {
                if (op->second.presence == Presence::Busy) {
                    setPresence(op->second, Presence::Available);
                }
                publish("operator.notice",
                        {{"operatorId", *holder},
                         {"contactId", contactId},
                         {"kind", "callback-not-reached"},
                         {"message", why + next}},
                        Audience{false, holder});
            }
        });
}

} // namespace warmline::telephony
