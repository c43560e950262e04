// Overflow to a partner line on a surge (docs/coaching.md#overflow). While a
// lead has it switched on, or once a contact has waited overflow.after, a
// waiting texter gets one text with the partner line's text number (and may
// keep waiting), and a waiting caller hears, after their place in line, that
// pressing 1 puts them through to the partner line. On 1 the gateway dials
// the partner through the trunk as the caller's only other party: once it
// answers, the contact leaves the queue, closed as overflowed; if it does
// not, the caller waits on in their place. Every step is a contact_overflow
// row. The lead's switch is in commands/Board.cpp.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/LineReplies.h"
#include "core/risk/LanguageGuess.h"
#include "core/store/Overflow.h"
#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/media/AudioMix.h"
#include "telephony/sip/CallService.h"

#include <spdlog/spdlog.h>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

/// Forgets the ids no longer waiting (the sets are guards, not records: the
/// contact_overflow table is the record).
void keepOnly(std::set<Id>& ids, const ContactQueue& queue)
{
    if (ids.size() < 2 * queue.size() + 1000) {
        return;
    }
    std::erase_if(ids, [&](Id id) { return !queue.contains(id); });
}

} // namespace

bool Gateway::overflowOn() const
{
    return m_board && m_board->overflow;
}

bool Gateway::overflowApplies(const ContactSummary& c, EpochMs now) const
{
    const auto& o = m_settings.overflow;
    // A check-in waiting is the line reaching out: no partner line for it.
    if (o.partnerName.empty() || m_checkInContacts.contains(c.id)) {
        return false;
    }
    if (c.channel == Channel::Call ? o.partnerCallNumber.empty() : o.partnerTextNumber.empty()) {
        return false;
    }
    return overflowOn() || (o.afterMs > 0 && now - c.createdAt >= o.afterMs);
}

void Gateway::refuseIfOverflowing(Id contactId) const
{
    if (m_overflowing.contains(contactId)) {
        throw LinkError(ErrorCode::Conflict,
                        "This caller chose to be put through to " +
                            m_settings.overflow.partnerName +
                            "; their phone is ringing there. If it does not answer, the "
                            "caller waits in the queue again.");
    }
}

void Gateway::overflowTick(EpochMs now)
{
    if (m_settings.overflow.partnerName.empty() || !m_board) {
        return;
    }
    keepOnly(m_overflowTexted, m_queue);
    keepOnly(m_overflowOffered, m_queue);
    const std::optional<Id> by = overflowOn() ? m_board->overflowBy : std::nullopt;
    const Provider provider = m_sender ? m_sender->provider() : Provider::Simulator;
    std::size_t position = 0;
    for (const auto& c : m_queue.ordered()) {
        ++position;
        if (!overflowApplies(c, now)) {
            continue;
        }
        if (c.channel == Channel::Call) {
            if (m_overflowOffered.contains(c.id) || m_overflowing.contains(c.id) || !m_calls) {
                continue;
            }
            const auto call = callOf(c.id);
            // Not over the greeting: tried again at the next tick.
            if (!call || !m_calls->announcePosition(
                             *call, position, isSpanishLanguage(c.language) ? "es" : "en", true)) {
                continue;
            }
            m_overflowOffered.insert(c.id);
            m_positionAnnounced[c.id] = now;
            spdlog::info("contact {}: offered the partner line", c.id);
            write(
                [id = c.id, by, now](Repository& repo) {
                    recordOverflow(repo.database(), id, overflow::kOffered, by, "", now);
                },
                [id = c.id](StoreResult<void> r) {
                    if (r.error) {
                        spdlog::warn("contact {}: the overflow offer was not recorded: {}", id,
                                     describeStoreError(r.error));
                    }
                });
            publish("contact.overflow", {{"contactId", c.id}, {"step", "offered"}, {"at", now}},
                    kBoardReaders);
            continue;
        }
        if (m_overflowTexted.contains(c.id)) {
            continue;
        }
        m_overflowTexted.insert(c.id);
        const auto& o = m_settings.overflow;
        write(
            [id = c.id, callerId = c.callerId, by, now, name = m_settings.lineName,
             partner = o.partnerName, number = o.partnerTextNumber,
             provider](Repository& repo) -> std::optional<OutboundJob> {
                const auto spanish = automaticTextInSpanish(repo, callerId);
                if (!spanish) {
                    return std::nullopt; // STOP: nothing more, not even this
                }
                recordOverflow(repo.database(), id, overflow::kTexted, by, "", now);
                return repo.texts().appendOutbound(id,
                                                   overflowText(name, partner, number, *spanish),
                                                   std::nullopt, provider, nowMs());
            },
            [this, id = c.id, now](StoreResult<std::optional<OutboundJob>> r) {
                if (r.error) {
                    // Tried again at the next tick: the texter has nothing yet.
                    m_overflowTexted.erase(id);
                    spdlog::warn("contact {}: the partner line's number was not stored: {}", id,
                                 describeStoreError(r.error));
                    return;
                }
                if (!*r.value) {
                    return;
                }
                spdlog::info("contact {}: sent the partner line's text number", id);
                publishMessage("message.sent", (*r.value)->message);
                trySend((*r.value)->message.id, 1);
                publish("contact.overflow", {{"contactId", id}, {"step", "texted"}, {"at", now}},
                        kBoardReaders);
            });
    }
}

void Gateway::callerPressed(sip::CallRef call, char key)
{
    auto link = m_callLinks.find(call);
    if (key != '1' || link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    const auto* queued = m_queue.find(id);
    if (queued && m_callbackOffered.contains(id) && !m_overflowOffered.contains(id) &&
        !m_overflowing.contains(id) && !m_callbacks.contains(id)) {
        // Which number to call back at first, if the line can ask.
        const char* language = isSpanishLanguage(queued->language) ? "es" : "en";
        if (!m_calls || !m_calls->askCallbackNumber(call, language)) {
            callbackRequested(call, id);
        }
        return;
    }
    if (!queued || !m_overflowOffered.contains(id) || m_overflowing.contains(id) ||
        m_settings.overflow.partnerCallNumber.empty()) {
        return; // a key nobody asked for
    }
    m_overflowing.insert(id);
    const EpochMs now = nowMs();
    const std::optional<Id> by = overflowOn() ? m_board->overflowBy : std::nullopt;
    spdlog::info("contact {}: the caller chose the partner line", id);
    publish("contact.overflow", {{"contactId", id}, {"step", "accepted"}, {"at", now}},
            kBoardReaders);
    write(
        [id, by, now](Repository& repo) {
            recordOverflow(repo.database(), id, overflow::kAccepted, by, "", now);
        },
        [this, id, call, by](StoreResult<void> r) {
            std::string why;
            if (r.error) {
                why = "It could not be recorded.";
            } else if (!m_calls || !m_overflowing.contains(id)) {
                m_overflowing.erase(id);
                return; // hung up meanwhile
            } else {
                const auto uri =
                    crisisCallUri(m_settings.overflow.partnerCallNumber, m_settings.trunkUri);
                if (m_calls->connectPartner(call, uri, why)) {
                    return;
                }
            }
            m_overflowing.erase(id);
            spdlog::warn("contact {}: not put through to the partner line: {}", id, why);
            write(
                [id, by, why](Repository& repo) {
                    recordOverflow(repo.database(), id, overflow::kFailed, by, why, nowMs());
                },
                [](StoreResult<void>) {});
        });
}

void Gateway::partnerAnswered(sip::CallRef call)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    m_overflowing.erase(id);
    // The partner line has the caller now: the call is no longer this
    // line's, and its hanging up ends nothing here.
    forgetCall(call);
    ++m_overflowConnected;
    const EpochMs now = nowMs();
    if (const auto* queued = m_queue.find(id)) {
        ContactSummary c = *queued;
        const auto position = static_cast<int>(m_queue.position(id));
        const EpochMs waited = now - c.createdAt;
        m_queue.remove(id);
        c.state = ContactState::Closed;
        publish("contact.closed",
                {{"contact", link::toJson(c)},
                 {"waitMs", waited},
                 {"position", position},
                 {"overflowed", true}},
                {});
    }
    spdlog::info("contact {}: put through to the partner line", id);
    const std::optional<Id> by = overflowOn() ? m_board->overflowBy : std::nullopt;
    write(
        [id, by, now](Repository& repo) {
            closeOverflowed(repo.database(), id, now);
            recordOverflow(repo.database(), id, overflow::kConnected, by, "", now);
        },
        [id](StoreResult<void> r) {
            if (r.error) {
                spdlog::error("contact {}: its overflow to the partner line was not stored: {}", id,
                              describeStoreError(r.error));
            }
        });
    publish("contact.overflow", {{"contactId", id}, {"step", "connected"}, {"at", now}},
            kBoardReaders);
}

void Gateway::partnerFailed(sip::CallRef call, const std::string& why)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    m_overflowing.erase(id);
    const EpochMs now = nowMs();
    spdlog::info("contact {}: the partner line did not take the call ({}); waiting again", id, why);
    const std::optional<Id> by = overflowOn() ? m_board->overflowBy : std::nullopt;
    write(
        [id, by, why, now](Repository& repo) {
            recordOverflow(repo.database(), id, overflow::kFailed, by, why, now);
        },
        [id](StoreResult<void> r) {
            if (r.error) {
                spdlog::warn("contact {}: a failed overflow was not recorded: {}", id,
                             describeStoreError(r.error));
            }
        });
    publish("contact.overflow",
            {{"contactId", id}, {"step", "failed"}, {"reason", why}, {"at", now}}, kBoardReaders);
}

} // namespace warmline::telephony
