// The Gateway's side of calls over SIP: a call becomes a contact with
// channel=call in the same queue as texts (the caller's number handled like a
// texter's: keyed hash, sealed copy, alias), an operator's accept puts the
// call through to their phone, a caller who hangs up while waiting leaves
// every queue view at once and is recorded as abandoned, a phone that does
// not answer sends the call back to the head of the queue and the operator on
// break. The SIP and RTP work is sip::CallService's; this file keeps the
// queue, the store and the link in step with it. The warm transfer of a
// call is GatewayTransfers.cpp's; the link's call commands, commands/Calls.cpp.

#include "core/text/Text.h"
#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/Permissions.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/CallerIdentity.h"
#include "core/domain/LineReplies.h"
#include "core/risk/LanguageGuess.h"
#include "telephony/media/AddressScope.h"
#include "telephony/media/AudioMix.h"
#include "telephony/sip/CallService.h"
#include "telephony/sip/OutboundLeg.h"

#include <boost/asio/ip/address.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <spdlog/spdlog.h>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

std::optional<sip::CallRef> Gateway::callOf(Id contactId) const
{
    if (auto it = m_callByContact.find(contactId); it != m_callByContact.end()) {
        return it->second;
    }
    return std::nullopt;
}

void Gateway::forgetCall(sip::CallRef call)
{
    m_transfers.erase(call);
    interpreterEnded(call, true, "The call ended.");
    monitorEnded(call, "The call ended.");
    if (auto it = m_callLinks.find(call); it != m_callLinks.end()) {
        if (it->second.contactId) {
            m_callByContact.erase(*it->second.contactId);
        }
        m_callLinks.erase(it);
    }
}

void Gateway::callArrived(sip::CallRef call, const sip::IncomingCall& info)
{
    CallerKey key;
    key.numberHash = m_keys.numberHash(info.callerNumber);
    const auto sealed = m_keys.encryptNumber(info.callerNumber);
    key.encryptedNumber.assign(sealed.begin(), sealed.end());
    key.alias = aliasFor(key.numberHash);
    const Screen screen = screenInbound(Channel::Call, info.callerNumber, key.numberHash);
    if (screen.action == ScreenAction::Refuse) {
        // Declined before it is answered: nothing is stored but the
        // refusal itself (audit log, the leads' board).
        if (m_calls) {
            m_calls->decline(call);
        }
        recordRefusal(Channel::Call, screen, key.alias, std::nullopt, std::nullopt);
        return;
    }
    m_callLinks[call] = CallLink{};
    // Withheld, or not a number the trunk can dial: no callback to offer.
    m_callLinks[call].canCallBack = !info.callerNumber.starts_with("anonymous:") &&
                                    !m_settings.trunkUri.empty() &&
                                    !crisisCallUri(info.callerNumber, m_settings.trunkUri).empty();
    const EpochMs now = nowMs();
    write([key, line = info.lineNumber,
           now](Repository& repo) { return repo.contacts().ingestCall(key, line, now); },
          [this, call, screen](StoreResult<ContactSummary> r) {
              auto link = m_callLinks.find(call);
              if (r.error) {
                  spdlog::error("a call could not be stored: {}", describeStoreError(r.error));
                  if (m_calls) {
                      m_calls->hangUp(call);
                  }
                  forgetCall(call);
                  return;
              }
              const ContactSummary& c = *r.value;
              if (link == m_callLinks.end()) {
                  return;
              }
              link->second.contactId = c.id;
              m_callByContact[c.id] = call;
              if (link->second.callerGone) {
                  // Hung up while the contact was being stored.
                  m_callLinks.erase(link);
                  m_callByContact.erase(c.id);
                  write(
                      [id = c.id, now = nowMs(), waited = nowMs() - c.createdAt](Repository& repo) {
                          repo.contacts().markAbandoned(id, now, waited, 0);
                      },
                      [](StoreResult<void>) {});
                  return;
              }
              m_queue.upsert(c);
              spdlog::info("call {} queued as contact {}", call, c.id);
              publish("contact.queued", queuedNew(c, screen), {});
          });
}

void Gateway::callerHungUp(sip::CallRef call)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end()) {
        return;
    }
    if (!link->second.contactId) {
        link->second.callerGone = true;
        return;
    }
    const Id id = *link->second.contactId;
    forgetCall(call);
    // Hung up while a partner line rang for them (overflow): nothing rings now.
    m_overflowing.erase(id);
    if (const auto* queued = m_queue.find(id)) {
        // Leaves every queue view now; the store follows.
        ContactSummary c = *queued;
        const EpochMs now = nowMs();
        const auto position = static_cast<int>(m_queue.position(id));
        const EpochMs waited = now - c.createdAt;
        m_queue.remove(id);
        c.state = ContactState::Abandoned;
        publish("contact.closed",
                {{"contact", link::toJson(c)}, {"waitMs", waited}, {"position", position}}, {});
        spdlog::info("contact {} abandoned after {} ms at position {}", id, waited, position);
        write([id, now, waited, position](
                  Repository& repo) { repo.contacts().markAbandoned(id, now, waited, position); },
              [id](StoreResult<void> r) {
                  if (r.error) {
                      spdlog::error("abandoned contact {} not stored: {}", id,
                                    describeStoreError(r.error));
                  }
              });
        return;
    }
    if (m_held.contains(id) || m_pending.contains(id)) {
        // With an operator (or being put through): the call ends, wrap-up starts.
        wrapUpCall(id);
    }
}

void Gateway::callLanguageChosen(sip::CallRef call, const std::string& language)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    write(
        [id, language](Repository& repo) {
            repo.contacts().setContactLanguage(id, language);
            if (const auto c = repo.contacts().contact(id)) {
                CallerDetailsUpdate u;
                u.language = language;
                repo.callers().updateCallerDetails(c->callerId, u);
            }
            return repo.contacts().contact(id);
        },
        [this, id](StoreResult<std::optional<ContactSummary>> r) {
            if (r.error || !*r.value) {
                return;
            }
            if (const auto* queued = m_queue.find(id)) {
                ContactSummary c = *queued;
                c.language = (*r.value)->language;
                m_queue.upsert(c);
                publish("contact.updated", {{"contact", link::toJson(c)}}, {});
            }
        });
}

void Gateway::operatorAnswered(sip::CallRef call)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    spdlog::info("contact {}: the operator's phone answered", id);
    if (m_callbacks.contains(id)) {
        // A callback: the caller is being dialled now, one more attempt.
        write([id](Repository& repo) { callbackDialling(repo.database(), id, nowMs()); },
              [id](StoreResult<void> r) {
                  if (r.error) {
                      spdlog::error("contact {}: a callback attempt was not recorded: {}", id,
                                    describeStoreError(r.error));
                  }
              });
        publish("contact.callback", {{"contactId", id}, {"step", "dialling"}, {"at", nowMs()}},
                kBoardReaders);
        return;
    }
    // Queue views show who is on a call, so everyone hears of it.
    publish("call.connected", {{"contactId", id}}, {});
}

void Gateway::operatorNotAnswered(sip::CallRef call, const std::string& why)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    // A phone that went silent mid-call (decision 154) took the call's
    // interpreter and lead with it; ring-no-answer had none.
    m_transfers.erase(call);
    interpreterEnded(call, true, "The operator's phone was hung up.");
    monitorEnded(call, "The operator's phone was hung up.");
    if (m_callbacks.contains(id)) {
        forgetCall(call); // a callback's call has ended
    }
    ringNoAnswer(id, why);
}

void Gateway::ringNoAnswer(Id id, const std::string& why)
{
    const auto* held = heldContact(id);
    if (!held || m_pending.contains(id)) {
        return;
    }
    // Back at the head of the queue: waiting since before everyone else.
    EpochMs queuedAt = held->queuedAt;
    if (const auto head = m_queue.head()) {
        queuedAt = std::min(queuedAt, head->queuedAt - 1);
    }
    m_pending.insert(id);
    write(
        [id, queuedAt](Repository& repo) {
            repo.contacts().requeue(id, queuedAt);
            return *repo.contacts().contact(id);
        },
        [this, id, why](StoreResult<ContactSummary> r) {
            m_pending.erase(id);
            if (r.error) {
                spdlog::error("contact {} could not go back to the queue: {}", id,
                              describeStoreError(r.error));
                return;
            }
            const auto holder = takeHeld(id);
            m_queue.upsert(*r.value);
            publish("contact.queued", {{"contact", link::toJson(*r.value)}}, {});
            letGo(holder, id);
            if (!holder) {
                return;
            }
            if (auto op = m_operators.find(*holder); op != m_operators.end()) {
                setPresence(op->second, Presence::Break);
                publish("operator.notice",
                        {{"operatorId", *holder},
                         {"contactId", id},
                         {"kind", "ring-no-answer"},
                         {"message", why + " The call is back at the head of the queue and you "
                                           "are on break; set yourself available when ready."}},
                        Audience{false, holder});
            }
        });
}

void Gateway::operatorHungUp(sip::CallRef call)
{
    auto link = m_callLinks.find(call);
    if (link == m_callLinks.end() || !link->second.contactId) {
        return;
    }
    const Id id = *link->second.contactId;
    forgetCall(call);
    if (m_callbacks.contains(id)) {
        // Before the callback's caller answered and pressed 1: the attempt ends.
        callbackAttemptFailed(id, "The operator hung up before the caller was put through.");
        return;
    }
    wrapUpCall(id);
}

void Gateway::wrapUpCall(Id id)
{
    const auto* held = heldContact(id);
    if (m_pending.contains(id)) {
        // An accept in flight: callAccepted finds the call gone and ends it.
        return;
    }
    if (!held || held->state != ContactState::Active) {
        return;
    }
    m_pending.insert(id);
    write(
        [id](Repository& repo) {
            repo.contacts().markWrapUp(id, nowMs());
            return *repo.contacts().contact(id);
        },
        [this, id](StoreResult<ContactSummary> r) {
            m_pending.erase(id);
            if (r.error) {
                spdlog::error("contact {} could not go to wrap-up: {}", id,
                              describeStoreError(r.error));
                return;
            }
            std::optional<Id> holder;
            if (auto it = m_held.find(id); it != m_held.end()) {
                it->second = *r.value;
                holder = it->second.operatorId;
            }
            publish("contact.updated", {{"contact", link::toJson(*r.value)}}, {});
            if (holder) {
                if (auto op = m_operators.find(*holder);
                    op != m_operators.end() && (op->second.presence == Presence::Available ||
                                                op->second.presence == Presence::Busy)) {
                    setPresence(op->second, Presence::WrapUp);
                }
            }
        });
}

bool Gateway::speaks(const OperatorState& op, const std::string& language)
{
    if (language.empty() || op.account.role == Role::Lead) {
        // A lead may take anyone, so that no caller is stranded.
        return true;
    }
    const std::string wanted = languageTag(language);
    return std::any_of(op.account.languages.begin(), op.account.languages.end(),
                       [&](const std::string& item) { return languageTag(item) == wanted; });
}

bool Gateway::mayTake(const OperatorState& op, const ContactSummary& contact, EpochMs now) const
{
    if (m_forLead.contains(contact.id) && !mayLeadShift(op.account.role)) {
        return false;
    }
    if (m_overflowing.contains(contact.id)) {
        return false; // its partner line is ringing
    }
    if (callbackDueAt(contact.id) > now) {
        return false; // a callback tried a moment ago
    }
    if (speaks(op, contact.language)) {
        return true;
    }
    if (contact.channel == Channel::Call) {
        return false;
    }
    if (now - contact.queuedAt >= m_settings.languageWaitMs) {
        return true;
    }
    // Nobody signed in speaks it: waiting would only keep the texter waiting.
    return std::none_of(m_operators.begin(), m_operators.end(), [&](const auto& entry) {
        const OperatorState& other = entry.second;
        return other.presence != Presence::Offline && other.account.role != Role::Lead &&
               speaks(other, contact.language);
    });
}

std::optional<ContactSummary> Gateway::headFor(const OperatorState& op) const
{
    const EpochMs now = nowMs();
    if (const auto head = m_queue.head(); !head || mayTake(op, *head, now)) {
        return head;
    }
    for (const auto& c : m_queue.ordered()) {
        if (mayTake(op, c, now)) {
            return c;
        }
    }
    return std::nullopt;
}

void Gateway::checkCallAccept(const OperatorState& op, const ContactSummary& contact) const
{
    if (const EpochMs due = callbackDueAt(contact.id); due > nowMs()) {
        if (m_callbacks.at(contact.id).attempts == 0) {
            throw LinkError(ErrorCode::Conflict,
                            "The caller asked for this callback a moment ago and is still "
                            "hearing the goodbye; it can be taken in " +
                                std::to_string((due - nowMs() + 999) / 1000) + " s.");
        }
        throw LinkError(ErrorCode::Conflict,
                        "This callback did not reach the caller a moment ago; it can be tried "
                        "again in " +
                            std::to_string((due - nowMs() + 59'999) / 60'000) + " min.");
    }
    if (!mayTake(op, contact, nowMs())) {
        if (contact.channel == Channel::Call) {
            throw LinkError(ErrorCode::Forbidden,
                            "This caller chose " + contact.language +
                                ", which is not among your languages; an operator who speaks "
                                "it, or a lead, can take the call.");
        }
        throw LinkError(ErrorCode::Forbidden,
                        "This texter writes in " + contact.language +
                            ", which is not among your languages; an operator who speaks it "
                            "can take it now, and anyone after " +
                            std::to_string(m_settings.languageWaitMs / 1000) + " s of waiting.");
    }
    for (const Id held : op.held) {
        if (const auto* c = heldContact(held); c && c->channel == Channel::Call) {
            throw LinkError(ErrorCode::Capacity,
                            "You are on a call; finish it before taking another contact.");
        }
    }
    if (contact.channel != Channel::Call) {
        return;
    }
    if (!m_calls || (!callOf(contact.id) && !m_callbacks.contains(contact.id))) {
        throw LinkError(ErrorCode::Conflict, "This call has ended.");
    }
    if (const auto phone = phoneOf(op); phone.uri.empty()) {
        throw LinkError(ErrorCode::Conflict, phone.whyNot);
    }
    if (!op.held.empty()) {
        throw LinkError(ErrorCode::Capacity,
                        "A call takes your whole attention: finish your other contacts first.");
    }
}

void Gateway::callAccepted(Id contactId, Id operatorId)
{
    const auto call = callOf(contactId);
    if (!call && m_callbacks.contains(contactId)) {
        dialCallback(contactId, operatorId);
        return;
    }
    auto op = m_operators.find(operatorId);
    const auto* held = heldContact(contactId);
    if (!call || !m_calls || !m_calls->exists(*call) || op == m_operators.end() || !held) {
        // The caller hung up while the accept was being stored.
        if (call) {
            forgetCall(*call);
        }
        wrapUpCall(contactId);
        return;
    }
    // A call takes the whole capacity.
    if (op->second.presence == Presence::Available) {
        setPresence(op->second, Presence::Busy);
    }
    std::string why;
    const auto phone = phoneOf(op->second);
    if (phone.uri.empty()) {
        why = phone.whyNot;
    } else if (phone.askToAccept) {
        spdlog::info("contact {}: ringing the operator's own phone through the trunk", contactId);
    }
    if (phone.uri.empty() ||
        !m_calls->connectOperator(*call, phone.uri, held->alias, why, phone.autoAnswer,
                                  phone.askToAccept, phone.language)) {
        spdlog::warn("contact {}: cannot call the operator's phone: {}", contactId, why);
        operatorNotAnswered(*call, why);
    }
}

void Gateway::callReleased(Id contactId)
{
    if (const auto call = callOf(contactId); call && m_calls) {
        // Back to the queue: a transfer under way ends with the operator's leg.
        m_transfers.erase(*call);
        interpreterEnded(*call, true, "The call went back to the queue.");
        monitorEnded(*call, "The call went back to the queue.");
        m_calls->returnToHold(*call);
        if (m_callbacks.contains(contactId)) {
            // A callback not yet reached: its call ended; it waits in the
            // queue to be dialled again when taken.
            forgetCall(*call);
        }
    }
}

void Gateway::callFinished(Id contactId)
{
    if (const auto call = callOf(contactId)) {
        if (m_calls) {
            m_calls->hangUp(*call);
        }
        forgetCall(*call);
    }
}

void Gateway::endStaleCall(const ContactSummary& c)
{
    // Calls do not survive a restart of the gateway: a queued one was
    // abandoned, a held one goes to wrap-up so its operator can close it.
    if (c.state == ContactState::Queued) {
        write(
            [id = c.id, created = c.createdAt](Repository& repo) {
                const EpochMs now = nowMs();
                repo.contacts().markAbandoned(id, now, now - created, 0);
            },
            [](StoreResult<void>) {});
        return;
    }
    ContactSummary held = c;
    if (c.state == ContactState::Active) {
        held.state = ContactState::WrapUp;
        write([id = c.id](Repository& repo) { repo.contacts().markWrapUp(id, nowMs()); },
              [](StoreResult<void>) {});
    }
    if (c.operatorId) {
        m_held.emplace(c.id, held);
        if (auto it = m_operators.find(*c.operatorId); it != m_operators.end()) {
            it->second.held.insert(c.id);
        }
    }
}

Gateway::OperatorPhone Gateway::phoneOf(const OperatorState& op) const
{
    OperatorPhone phone;
    if (auto it = m_softphones.find(op.account.id); it != m_softphones.end()) {
        // Only while the link that registered it is open and still this operator's.
        const auto peer = it->second.first.lock();
        const LinkState* state = peer ? m_hub.find(peer.get()) : nullptr;
        if (state && state->operatorId == op.account.id) {
            phone.uri = it->second.second;
            phone.autoAnswer = true;
            if (const auto account = m_phoneAccounts.find(peer.get());
                account != m_phoneAccounts.end() && m_calls &&
                phone.uri == m_calls->accountUri(account->second)) {
                phone.account = account->second;
            }
            return phone;
        }
    }
    const std::string& profile = op.account.sipUri;
    if (profile.empty()) {
        phone.whyNot = "Calls are put through to the app's softphone or the phone on your "
                       "profile, and you have neither. Ask an administrator to set a phone "
                       "(warmlinectl operator phone).";
        return phone;
    }
    if (profile.starts_with("sip:") || profile.starts_with("sips:")) {
        // Set before the site turned sip.allow_plain_remote_phones off, or
        // before the rule existed: refused here too.
        const auto target = sip::LegTarget::parse(profile);
        if (target.address && !m_settings.allowPlainRemotePhones &&
            !sip::onSiteNetwork(*target.address)) {
            phone.whyNot = kOffSite;
            return phone;
        }
        phone.uri = profile;
        return phone;
    }
    // The operator's own mobile or landline: dialled through the trunk, and
    // it must press 1 before a caller is put through (a voicemail must
    // never answer a caller; docs/remote-operators.md).
    phone.uri = crisisCallUri(profile, m_settings.trunkUri);
    phone.askToAccept = true;
    phone.language =
        !op.account.languages.empty() && isSpanishLanguage(op.account.languages[0]) ? "es" : "en";
    if (phone.uri.empty()) {
        phone.whyNot = "The phone on your profile is a number, and this gateway has no trunk to "
                       "dial it through (sip.trunk_uri). Turn on the app's softphone, or ask an "
                       "administrator.";
    }
    return phone;
}

void Gateway::announcePositions(EpochMs now)
{
    if (m_settings.positionIntervalMs <= 0 || !m_calls) {
        return;
    }
    std::unordered_map<Id, EpochMs> still;
    // The rough wait from the shift's pace, as the texters' wait notice.
    const std::size_t pace = m_board ? m_board->stats.answeredSince(now - kWaitPaceWindowMs) : 0;
    std::size_t position = 0;
    for (const auto& c : m_queue.ordered()) {
        ++position;
        if (c.channel != Channel::Call) {
            continue;
        }
        const auto last = m_positionAnnounced.find(c.id);
        const EpochMs since = last == m_positionAnnounced.end() ? c.queuedAt : last->second;
        still[c.id] = since;
        if (now - since < m_settings.positionIntervalMs) {
            continue;
        }
        const auto call = callOf(c.id);
        const std::string language = isSpanishLanguage(c.language) ? "es" : "en";
        const auto minutes = roughWaitMinutes(position, pace, kWaitPaceWindowMs);
        if (call && m_calls->announcePosition(*call, position, language, false, minutes)) {
            still[c.id] = now;
            ++m_positionAnnouncements;
            if (minutes && m_calls->saysWaits(language)) {
                spdlog::info("contact {}: told its place in line ({}) and a wait of about {} min",
                             c.id, position, *minutes);
            } else {
                spdlog::info("contact {}: told its place in line ({})", c.id, position);
            }
        }
    }
    m_positionAnnounced = std::move(still);
}

std::string Gateway::callMetrics() const
{
    if (!m_calls) {
        return {};
    }
    const auto& c = m_calls->counters();
    const auto& m = m_calls->media();
    const auto& s = m_calls->sipCounters();
    std::string out;
    out += "# HELP warmline_calls_total Calls by what became of them.\n"
           "# TYPE warmline_calls_total counter\n";
    out += fmt::format("warmline_calls_total{{result=\"offered\"}} {}\n", c.offered.load());
    out += fmt::format("warmline_calls_total{{result=\"rejected\"}} {}\n", c.rejected.load());
    out += fmt::format("warmline_calls_total{{result=\"answered\"}} {}\n", c.answered.load());
    out += fmt::format("warmline_calls_total{{result=\"bridged\"}} {}\n", c.bridged.load());
    out += fmt::format("warmline_calls_total{{result=\"caller_audio_lost\"}} {}\n",
                       c.callerAudioLost.load());
    out += fmt::format("warmline_calls_total{{result=\"operator_audio_lost\"}} {}\n",
                       c.operatorAudioLost.load());
    out += "# HELP warmline_sip_registrations_total Softphones' REGISTERs by outcome.\n"
           "# TYPE warmline_sip_registrations_total counter\n";
    out += fmt::format("warmline_sip_registrations_total{{result=\"registered\"}} {}\n",
                       c.registered.load());
    out += fmt::format("warmline_sip_registrations_total{{result=\"refused\"}} {}\n",
                       c.registersRefused.load());
    out += fmt::format("# HELP warmline_calls_active Calls in progress.\n"
                       "# TYPE warmline_calls_active gauge\nwarmline_calls_active {}\n",
                       c.active.load());
    out += "# HELP warmline_rtp_packets_total RTP packets by direction.\n"
           "# TYPE warmline_rtp_packets_total counter\n";
    out += fmt::format("warmline_rtp_packets_total{{kind=\"received\"}} {}\n",
                       m.packetsReceived.load());
    out += fmt::format("warmline_rtp_packets_total{{kind=\"prompt\"}} {}\n", m.packetsSent.load());
    out +=
        fmt::format("warmline_rtp_packets_total{{kind=\"relayed\"}} {}\n", m.packetsRelayed.load());
    out +=
        fmt::format("warmline_rtp_packets_total{{kind=\"foreign\"}} {}\n", m.packetsForeign.load());
    out += fmt::format("warmline_rtp_packets_total{{kind=\"srtp_rejected\"}} {}\n",
                       m.srtpRejected.load());
    out += "# HELP warmline_rtp_relayed_packets_total RTP packets relayed between the legs.\n"
           "# TYPE warmline_rtp_relayed_packets_total counter\n";
    out += fmt::format("warmline_rtp_relayed_packets_total{{to=\"operator\"}} {}\n",
                       m.relayedToOperator.load());
    out += fmt::format("warmline_rtp_relayed_packets_total{{to=\"caller\"}} {}\n",
                       m.relayedToCaller.load());
    out += fmt::format("warmline_rtp_relayed_packets_total{{to=\"crisis_line\"}} {}\n",
                       m.relayedToCrisisLine.load());
    out += fmt::format("warmline_rtp_relayed_packets_total{{to=\"interpreter\"}} {}\n",
                       m.relayedToInterpreter.load());
    out += fmt::format("warmline_rtp_relayed_packets_total{{to=\"lead\"}} {}\n",
                       m.relayedToLead.load());
    out += fmt::format("# HELP warmline_call_position_announcements_total Places in line told to "
                       "waiting callers.\n# TYPE warmline_call_position_announcements_total "
                       "counter\nwarmline_call_position_announcements_total {}\n",
                       m_positionAnnouncements);
    out += fmt::format("warmline_rtp_relayed_packets_total{{to=\"partner_line\"}} {}\n",
                       m.relayedToPartner.load());
    out += fmt::format("# HELP warmline_call_overflows_total Waiting callers put through to the "
                       "partner line (overflow).\n# TYPE warmline_call_overflows_total counter\n"
                       "warmline_call_overflows_total {}\n",
                       m_overflowConnected);
    out += fmt::format("# HELP warmline_dtmf_keys_total Key presses read from callers.\n"
                       "# TYPE warmline_dtmf_keys_total counter\nwarmline_dtmf_keys_total {}\n",
                       m.dtmfKeys.load());
    out += "# HELP warmline_sip_messages_total SIP messages by kind.\n"
           "# TYPE warmline_sip_messages_total counter\n";
    out += fmt::format("warmline_sip_messages_total{{kind=\"received\"}} {}\n", s.received.load());
    out +=
        fmt::format("warmline_sip_messages_total{{kind=\"malformed\"}} {}\n", s.malformed.load());
    out += fmt::format("warmline_sip_messages_total{{kind=\"retransmission_received\"}} {}\n",
                       s.retransmissionsReceived.load());
    out += fmt::format("warmline_sip_messages_total{{kind=\"retransmission_sent\"}} {}\n",
                       s.retransmissionsSent.load());
    out += "# HELP warmline_sip_connections_total SIP connections accepted, by transport.\n"
           "# TYPE warmline_sip_connections_total counter\n";
    out += fmt::format("warmline_sip_connections_total{{transport=\"tcp\"}} {}\n",
                       s.tcpConnections.load());
    out += fmt::format("warmline_sip_connections_total{{transport=\"tls\"}} {}\n",
                       s.tlsConnections.load());
    out += fmt::format("# HELP warmline_sip_tls_handshakes_failed_total TLS handshakes on the SIP "
                       "port that failed or timed out.\n# TYPE "
                       "warmline_sip_tls_handshakes_failed_total counter\n"
                       "warmline_sip_tls_handshakes_failed_total {}\n",
                       s.tlsHandshakesFailed.load());
    return out;
}

} // namespace warmline::telephony
