#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "telephony/gateway/FaultScope.h"
#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/GatewayJobs.h"

#include "core/carriers/TextKeywords.h"
#include "core/domain/CallerIdentity.h"
#include "core/security/LoginThrottle.h"
#include "core/security/PasswordHasher.h"
#include "core/security/Tokens.h"
#include "core/text/FormCodec.h"
#include "telephony/gateway/Supervision.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace json = boost::json;
namespace asio = boost::asio;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxBodyBytes = 1600;
constexpr std::size_t kMaxNoteBytes = 20000;
constexpr std::size_t kMaxThreadMessages = 500;
/// What the operator reads for a text that may have reached the provider.
constexpr const char* kMaybeSent =
    "The provider may have received this text but did not confirm it. Check with the caller "
    "before sending it again.";

json::array contactsJson(const std::vector<ContactSummary>& contacts)
{
    json::array a;
    a.reserve(contacts.size());
    for (const auto& c : contacts) {
        a.push_back(link::toJson(c));
    }
    return a;
}

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

Gateway::Gateway(asio::any_io_executor ex, GatewaySettings settings, StoreWorker& writer,
                 StoreWorker& reader, SiteKeys& keys, LoginThrottle& throttle,
                 std::unique_ptr<OutboundSender> sender)
    : m_ex(std::move(ex)), m_settings(std::move(settings)), m_writer(writer), m_reader(reader),
      m_keys(keys), m_throttle(throttle), m_sender(std::move(sender)),
      m_alive(std::make_shared<bool>(true)), m_epoch(randomEpoch()),
      m_board(std::make_unique<Board>(m_ex))
{
    SupervisionHooks hooks;
    hooks.publishTo = [this](Id operatorId, std::string_view name, const json::object& data) {
        publish(name, data, Audience{.everyone = false, .holder = operatorId, .holderOnly = true});
    };
    hooks.lineSettingsChanged = [this](const LineSettings& s) { applyLineSettings(s); };
    hooks.operatorChanged = [this](const OperatorAccount& account) {
        auto& op = operatorState(account);
        op.account = account;
        // The operator's view carries capacity and languages: boards update.
        publish("presence.changed", {{"operator", link::toJson(viewOf(op))}}, {});
        refreshBusy(op);
        return link::toJson(viewOf(op));
    };
    m_supervision =
        std::make_unique<Supervision>(m_ex, writer, reader, keys, m_settings.lineSettings,
                                      m_settings.timezoneOffsetMinutes, std::move(hooks));
}

Gateway::~Gateway()
{
    *m_alive = false;
}

void Gateway::applyLineSettings(const LineSettings& settings)
{
    m_settings.limits = settings.limits();
    const WeeklySchedule hours = settings.hours();
    if (hours.alwaysOpen()) {
        m_settings.isOpenAt = nullptr;
    } else {
        m_settings.isOpenAt = [hours, offset = m_settings.timezoneOffsetMinutes](EpochMs t) {
            return hours.isOpenAt(t, offset);
        };
    }
}

void Gateway::start(std::function<void(std::string)> done)
{
    struct Loaded
    {
        std::vector<ContactSummary> open;
        std::vector<OperatorAccount> operators;
        std::vector<OutboundJob> pending;
    };
    write(
        [now = nowMs()](Repository& repo) {
            repo.sessions().removeExpiredSessions(now);
            Loaded l;
            l.open = repo.contacts().openContacts();
            l.operators = repo.operators().operators();
            l.pending = repo.texts().pendingOutbound();
            return l;
        },
        [this, done = std::move(done)](StoreResult<Loaded> r) {
            if (r.error) {
                done("could not read the store: " + describeStoreError(r.error));
                return;
            }
            for (const auto& account : r.value->operators) {
                operatorState(account);
            }
            for (const auto& c : r.value->open) {
                if (c.channel == Channel::Call) {
                    endStaleCall(c);
                    continue;
                }
                if (c.state == ContactState::Queued) {
                    m_queue.upsert(c);
                } else if (c.operatorId) {
                    m_held.emplace(c.id, c);
                    if (auto it = m_operators.find(*c.operatorId); it != m_operators.end()) {
                        it->second.held.insert(c.id);
                    }
                }
            }
            for (const auto& job : r.value->pending) {
                if (job.message.status == DeliveryStatus::Sending) {
                    // The gateway stopped while this text was on its way: the
                    // provider may have it, so it is not sent again blindly.
                    m_counters.outboundUnknown++;
                    applyStatus(job.message.id, DeliveryStatus::Unknown, kMaybeSent, std::nullopt);
                    continue;
                }
                trySend(job.message.id, job.attempts + 1);
            }
            spdlog::info("gateway ready: {} queued, {} held, {} texts to send", m_queue.size(),
                         m_held.size(), r.value->pending.size());
            // The board's state, then the supervision side's timers.
            loadBoard([this, done](std::string error) {
                if (!error.empty()) {
                    done(std::move(error));
                    return;
                }
                m_supervision->start(done);
            });
        });
}

// ---------------------------------------------------------------- texts in

void Gateway::ingestText(InboundText text, std::function<void(IngestResult)> done)
{
    const TextKeyword keyword = classifyKeyword(text.body);
    IngestOptions options;
    options.caller.numberHash = m_keys.numberHash(text.from);
    const auto sealed = m_keys.encryptNumber(text.from);
    options.caller.encryptedNumber.assign(sealed.begin(), sealed.end());
    options.caller.alias = aliasFor(options.caller.numberHash);
    if (keyword == TextKeyword::Stop) {
        options.setOptedOut = true;
        options.closeIfNew = true;
    } else if (keyword == TextKeyword::Start) {
        options.setOptedOut = false;
        options.closeIfNew = true;
    }
    // Scored before it is stored, so the contact's level and any escalation
    // are committed with the text. STOP and START are keywords, not talk.
    if (m_settings.risk && keyword != TextKeyword::Stop && keyword != TextKeyword::Start) {
        options.risk = m_settings.risk->assess(text.body);
        // Scored again with the contact's recent texts, on the store's
        // thread, in the transaction that stores this one.
        options.scoreConversation = [engine = m_settings.risk](const std::vector<std::string>& t) {
            return engine->assessConversation(std::vector<std::string_view>(t.begin(), t.end()));
        };
    }
    // The number is needed no longer than this call.
    text.from.clear();
    auto shared = std::make_shared<InboundText>(std::move(text));
    // The webhook is answered once: with the outcome, or 503 if the
    // completion throws before it could answer (the carrier retries; a
    // committed text is then a duplicate, answered 200).
    auto answered = std::make_shared<bool>(false);
    auto answer = [answered, done = std::move(done)](IngestResult result) {
        if (!*answered) {
            *answered = true;
            done(result);
        }
    };
    fault::Scope scope(fault::once([this, answer] {
        m_counters.webhookUnavailable++;
        answer(IngestResult::Unavailable);
    }));
    write([shared,
           options](Repository& repo) { return repo.texts().ingestInbound(*shared, options); },
          [this, shared, keyword, done = answer](StoreResult<IngestOutcome> r) {
              if (m_faultNextIngest) {
                  m_faultNextIngest = false;
                  throw std::runtime_error("injected fault (webhook completion)");
              }
              if (r.error) {
                  m_counters.webhookUnavailable++;
                  spdlog::error("inbound text not stored: {}", describeStoreError(r.error));
                  done(IngestResult::Unavailable);
                  return;
              }
              if (r.value->duplicate) {
                  m_counters.webhookDuplicate++;
                  done(IngestResult::Duplicate);
                  // A retry of a text whose first completion failed after its
                  // commit: its contact may be stored as queued but missing
                  // from the queue. Put it there now.
                  const ContactSummary& c = r.value->contact;
                  if (c.id != 0 && c.state == ContactState::Queued && !m_queue.contains(c.id) &&
                      !m_pending.contains(c.id)) {
                      spdlog::warn("contact {} was stored but not queued; queued on the retry",
                                   c.id);
                      m_queue.upsert(c);
                      publish("contact.queued", {{"contact", link::toJson(c)}}, {});
                  }
                  return;
              }
              m_counters.webhookStored++;
              done(IngestResult::Stored);
              afterIngest(*shared, *r.value, keyword);
          });
}

void Gateway::afterIngest(const InboundText& text, const IngestOutcome& outcome,
                          TextKeyword keyword)
{
    // The store's view of the contact is the truth: an accept or release may
    // be committed but not yet applied here (the contact is then pending, and
    // that command's completion brings the queue in line).
    const ContactSummary& c = outcome.contact;
    if (c.state == ContactState::Active || c.state == ContactState::Offered ||
        c.state == ContactState::WrapUp) {
        if (auto it = m_held.find(c.id); it != m_held.end()) {
            it->second = c;
        }
        publish("contact.updated", {{"contact", link::toJson(c)}}, {});
        publishMessage("message.received", outcome.message, c.operatorId);
    } else if (c.state == ContactState::Queued && !m_pending.contains(c.id)) {
        const bool known = m_queue.contains(c.id);
        m_queue.upsert(c);
        publish(known ? "contact.updated" : "contact.queued", {{"contact", link::toJson(c)}}, {});
    }

    std::string reply;
    if (keyword == TextKeyword::Stop) {
        reply = m_settings.stopReply;
    } else if (keyword == TextKeyword::Start) {
        reply = m_settings.startReply;
    } else if (keyword == TextKeyword::Help) {
        reply = m_settings.helpReply;
    } else if (outcome.newContact) {
        const bool open =
            !afterHoursMode() && (!m_settings.isOpenAt || m_settings.isOpenAt(text.receivedAt));
        reply = open ? m_settings.firstContactReply : m_settings.afterHoursReply;
    }
    if (!reply.empty()) {
        queueReply(c.id, reply, std::nullopt, [](std::optional<Message>, std::string) {});
    }
    // The contact (with its new level) went out above with the text.
    escalationChanged(outcome.escalation, true);
}

// --------------------------------------------------------------- texts out

void Gateway::queueReply(Id contactId, const std::string& body, std::optional<Id> operatorId,
                         std::function<void(std::optional<Message>, std::string)> done)
{
    const Provider provider = m_sender ? m_sender->provider() : Provider::Simulator;
    write(
        [contactId, body, operatorId, provider](Repository& repo) {
            return repo.texts().appendOutbound(contactId, body, operatorId, provider, nowMs());
        },
        [this, done = std::move(done)](StoreResult<OutboundJob> r) {
            if (r.error) {
                done(std::nullopt, describeStoreError(r.error));
                return;
            }
            publishMessage("message.sent", r.value->message);
            trySend(r.value->message.id, 1);
            done(r.value->message, {});
        });
}

void Gateway::trySend(Id messageId, int attempt)
{
    if (!m_sender) {
        applyStatus(messageId, DeliveryStatus::Failed,
                    "No text provider is configured on this gateway.", std::nullopt);
        return;
    }
    read([messageId](Repository& repo) { return repo.texts().outboundJob(messageId); },
         [this, messageId, attempt](StoreResult<std::optional<OutboundJob>> r) {
             if (r.error || !r.value || !*r.value) {
                 spdlog::error("outbound text {} could not be loaded", messageId);
                 return;
             }
             const OutboundJob& job = **r.value;
             if (job.callerOptedOut && job.message.body != m_settings.stopReply) {
                 applyStatus(messageId, DeliveryStatus::Failed,
                             "The texter has opted out (STOP); no texts can be sent.",
                             std::nullopt);
                 return;
             }
             OutboundRequest req;
             req.messageId = messageId;
             try {
                 const auto& blob = job.encryptedNumber;
                 req.to = m_keys.decryptNumber(std::span<const unsigned char>(
                     reinterpret_cast<const unsigned char*>(blob.data()), blob.size()));
             } catch (const std::exception&) {
                 applyStatus(messageId, DeliveryStatus::Failed,
                             "The caller's number could not be decrypted with this site's key.",
                             std::nullopt);
                 return;
             }
             req.from = job.lineNumber.empty() ? m_settings.defaultFromNumber : job.lineNumber;
             req.body = job.message.body;
             applyStatus(messageId, DeliveryStatus::Sending, {}, std::nullopt);
             write([messageId](Repository& repo) { repo.texts().countAttempt(messageId); },
                   [](StoreResult<void>) {});
             m_sender->send(std::move(req),
                            [this, alive = m_alive, messageId, attempt](SendOutcome outcome) {
                                if (*alive) {
                                    finishSend(messageId, attempt, std::move(outcome));
                                }
                            });
         });
}

void Gateway::finishSend(Id messageId, int attempt, SendOutcome outcome)
{
    switch (outcome.kind) {
    case SendOutcome::Kind::Sent:
        m_counters.outboundSent++;
        applyStatus(messageId, DeliveryStatus::Sent, {},
                    outcome.providerId.empty() ? std::nullopt
                                               : std::optional<std::string>(outcome.providerId));
        return;
    case SendOutcome::Kind::Retry:
        if (attempt < m_settings.maxOutboundAttempts) {
            m_counters.outboundRetried++;
            EpochMs delay = m_settings.retryInitialMs;
            for (int i = 1; i < attempt && delay < m_settings.retryMaxMs; ++i) {
                delay *= 2;
            }
            delay = std::min(delay, m_settings.retryMaxMs);
            spdlog::warn("outbound text {} attempt {} failed ({}); retrying in {} ms", messageId,
                         attempt, outcome.error, delay);
            auto timer = std::make_shared<asio::steady_timer>(m_ex);
            timer->expires_after(std::chrono::milliseconds(delay));
            timer->async_wait(
                [this, alive = m_alive, timer, messageId, attempt](boost::system::error_code ec) {
                    if (!ec && *alive) {
                        fault::guarded("an outbound retry timer", nullptr,
                                       [&] { trySend(messageId, attempt + 1); });
                    }
                });
            return;
        }
        [[fallthrough]];
    case SendOutcome::Kind::Unknown:
        m_counters.outboundUnknown++;
        spdlog::warn("outbound text {} attempt {} may have reached the provider ({}); not "
                     "retried",
                     messageId, attempt, outcome.error);
        applyStatus(messageId, DeliveryStatus::Unknown, kMaybeSent, std::nullopt);
        return;
    case SendOutcome::Kind::Failed:
        m_counters.outboundFailed++;
        spdlog::warn("outbound text {} failed after {} attempt(s): {}", messageId, attempt,
                     outcome.error);
        applyStatus(messageId, DeliveryStatus::Failed,
                    outcome.error.empty() ? "The provider did not accept the text." : outcome.error,
                    std::nullopt);
        return;
    }
}

void Gateway::applyStatus(Id messageId, DeliveryStatus status, std::string error,
                          std::optional<std::string> providerId)
{
    write(
        [messageId, status, error, providerId](Repository& repo) {
            return repo.texts().advanceStatus(messageId, status, error, providerId);
        },
        [this](StoreResult<std::optional<Message>> r) {
            if (r.error) {
                spdlog::error("delivery status not stored: {}", describeStoreError(r.error));
                return;
            }
            if (*r.value) {
                publishMessage("message.status", **r.value);
            }
        });
}

void Gateway::deliveryReport(std::optional<std::string> providerId, std::optional<Id> messageId,
                             DeliveryStatus status, std::string error,
                             std::function<void(bool)> done)
{
    m_counters.statusCallbacks++;
    auto answered = std::make_shared<bool>(false);
    auto answer = [answered, done = std::move(done)](bool ok) {
        if (!*answered) {
            *answered = true;
            done(ok);
        }
    };
    fault::Scope scope(fault::once([answer] { answer(false); }));
    write(
        [providerId, messageId, status, error](Repository& repo) -> std::optional<Message> {
            std::optional<Id> id = messageId;
            if (!id && providerId) {
                id = repo.texts().outboundByProviderId(*providerId);
            }
            if (!id) {
                return std::nullopt;
            }
            return repo.texts().advanceStatus(*id, status, error);
        },
        [this, done = answer](StoreResult<std::optional<Message>> r) {
            if (r.error) {
                done(false);
                return;
            }
            if (*r.value) {
                publishMessage("message.status", **r.value);
            }
            done(true);
        });
}

void Gateway::publishMessage(std::string_view name, const Message& m, std::optional<Id> holder)
{
    if (!holder) {
        if (auto it = m_held.find(m.contactId); it != m_held.end()) {
            holder = it->second.operatorId;
        }
    }
    publish(name, {{"message", link::toJson(m)}}, Audience{false, holder});
}

// ------------------------------------------------------------------ events

void Gateway::publish(std::string_view name, const json::object& data, Audience audience)
{
    Event e;
    e.seq = ++m_seq;
    e.audience = audience;
    e.frame = std::make_shared<const std::string>(link::eventFrame(m_epoch, e.seq, name, data));
    m_events.push_back(e);
    while (m_events.size() > m_settings.replayEvents) {
        m_events.pop_front();
    }
    for (auto& [raw, state] : m_peers) {
        if (auto peer = state.peer.lock(); peer && state.operatorId && !state.busy) {
            deliver(state, *peer, e);
        }
    }
    boardObserve(name, data);
}

bool Gateway::mayReceive(const PeerState& state, const Audience& audience) const
{
    if (!state.operatorId) {
        return false;
    }
    if (audience.everyone) {
        return true;
    }
    if (audience.holderOnly) {
        return audience.holder && *audience.holder == *state.operatorId;
    }
    if (audience.board) {
        return mayReadBoard(state.role) ||
               (audience.holder && *audience.holder == *state.operatorId);
    }
    return mayReadAnyContact(state.role) ||
           (audience.holder && *audience.holder == *state.operatorId);
}

void Gateway::deliver(PeerState& state, LinkPeer& peer, const Event& event)
{
    if (event.seq <= state.lastSeqSent) {
        return;
    }
    state.lastSeqSent = event.seq;
    if (mayReceive(state, event.audience)) {
        peer.sendFrame(event.frame);
    }
}

// ------------------------------------------------------------------- links

void Gateway::attach(const std::shared_ptr<LinkPeer>& peer)
{
    PeerState s;
    s.peer = peer;
    m_peers.emplace(peer.get(), std::move(s));
}

void Gateway::detach(LinkPeer* peer)
{
    auto it = m_peers.find(peer);
    if (it == m_peers.end()) {
        return;
    }
    if (it->second.operatorId) {
        if (auto op = m_operators.find(*it->second.operatorId); op != m_operators.end()) {
            op->second.links = std::max(0, op->second.links - 1);
            if (op->second.links == 0) {
                linkLost(op->second);
            }
        }
    }
    m_peers.erase(it);
}

std::size_t Gateway::operatorsOnShift() const
{
    return static_cast<std::size_t>(
        std::count_if(m_operators.begin(), m_operators.end(),
                      [](const auto& p) { return p.second.presence != Presence::Offline; }));
}

void Gateway::handleFrame(const std::shared_ptr<LinkPeer>& peer, std::string frame)
{
    m_counters.linkFrames++;
    auto it = m_peers.find(peer.get());
    if (it == m_peers.end()) {
        return;
    }
    std::optional<std::string> id;
    try {
        link::Request req = link::parseRequest(frame, id);
        // Whatever this command starts (store jobs, their completions) and
        // throws later answers this request with an error, unless it was
        // answered already; the link and everyone else go on.
        auto answered = std::make_shared<bool>(false);
        std::weak_ptr<LinkPeer> weak = peer;
        fault::Scope scope(fault::once([this, weak, answered, re = req.id] {
            if (auto p = weak.lock(); p && !*answered) {
                m_counters.linkErrors++;
                p->sendFrame(std::make_shared<const std::string>(
                    link::errorFrame(re, ErrorCode::Internal, "The gateway could not do this.")));
            }
        }));
        dispatch(peer, it->second, std::move(req), answered);
    } catch (const LinkError& e) {
        m_counters.linkErrors++;
        peer->sendFrame(
            std::make_shared<const std::string>(link::errorFrame(id, e.code(), e.what())));
    } catch (const std::exception& e) {
        m_counters.linkErrors++;
        spdlog::error("link command failed: {}", e.what());
        peer->sendFrame(std::make_shared<const std::string>(
            link::errorFrame(id, ErrorCode::Internal, "The gateway could not do this.")));
    }
}

void Gateway::dispatch(const std::shared_ptr<LinkPeer>& peer, PeerState& state, link::Request req,
                       const std::shared_ptr<bool>& answered)
{
    if (req.type == "ping") {
        peer->sendFrame(
            std::make_shared<const std::string>(link::ackFrame(req.id, {{"time", nowMs()}})));
        return;
    }
    if (req.type == "login") {
        cmdLogin(peer, std::move(req));
        return;
    }
    if (req.type == "resume") {
        cmdResume(peer, std::move(req));
        return;
    }
    if (!state.operatorId) {
        throw LinkError(ErrorCode::Unauthenticated, "Log in first.");
    }
    std::weak_ptr<LinkPeer> weak = peer;
    Reply reply = [weak, answered](std::string frame) {
        *answered = true;
        if (auto p = weak.lock()) {
            p->sendFrame(std::make_shared<const std::string>(std::move(frame)));
        }
    };
    // Errors raised after an asynchronous step are answered through `fail`.
    const std::string& t = req.type;
    if (t == "logout") {
        cmdLogout(state, req, reply);
    } else if (t == "queue.snapshot") {
        cmdSnapshot(state, req, reply);
    } else if (t == "contact.accept") {
        cmdAccept(state, req, reply);
    } else if (t == "contact.get") {
        cmdGet(state, req, reply);
    } else if (t == "message.send") {
        cmdSend(state, req, reply);
    } else if (t == "contact.release") {
        cmdRelease(state, req, reply);
    } else if (t == "contact.close") {
        cmdClose(state, req, reply);
    } else if (t == "presence.set") {
        cmdPresence(state, req, reply);
    } else if (t == "contact.wrapup") {
        cmdWrapUp(state, req, reply);
    } else if (t == "line.info") {
        cmdLineInfo(state, req, reply);
    } else if (t == "caller.get") {
        cmdCallerGet(state, req, reply);
    } else if (t == "caller.update") {
        cmdCallerUpdate(state, req, reply);
    } else if (t == "caller.note.add") {
        cmdCallerNoteAdd(state, req, reply);
    } else if (t == "caller.flag.set") {
        cmdCallerFlagSet(state, req, reply);
    } else if (t == "caller.flag.clear") {
        cmdCallerFlagClear(state, req, reply);
    } else if (t == "operator.list") {
        cmdOperatorList(state, req, reply);
    } else if (t == "operator.add") {
        cmdOperatorAdd(state, req, reply);
    } else if (t == "operator.passwd") {
        cmdOperatorPasswd(state, req, reply);
    } else if (t == "operator.disable") {
        cmdOperatorDisable(state, req, reply, true);
    } else if (t == "operator.enable") {
        cmdOperatorDisable(state, req, reply, false);
    } else if (t == "operator.role") {
        cmdOperatorRole(state, req, reply);
    } else if (t == "escalation.get") {
        cmdEscalationGet(state, req, reply);
    } else if (t == "escalation.open") {
        cmdEscalationOpen(state, req, reply);
    } else if (t == "escalation.step") {
        cmdEscalationStep(state, req, reply);
    } else if (t == "escalation.transfer") {
        cmdEscalationTransfer(state, req, reply);
    } else if (t == "escalation.transfer.complete") {
        cmdEscalationTransferComplete(state, req, reply);
    } else if (t == "escalation.close") {
        cmdEscalationClose(state, req, reply);
    } else if (t == "risk.assess") {
        cmdRiskAssess(state, req, reply);
    } else if (t == "operator.sip") {
        cmdOperatorSip(state, req, reply);
    } else if (t == "softphone.register" || t == "softphone.unregister" || t == "softphone.set") {
        cmdSoftphone(state, req, reply);
    } else if (t == "call.hold") {
        cmdCallHold(state, req, reply);
    } else if (t == "debug.fault" && m_settings.testFaults) {
        cmdDebugFault(req, reply);
    } else if (!dispatchBoard(state, req, reply)) {
        const auto op = m_operators.find(*state.operatorId);
        const Actor actor{*state.operatorId, state.role,
                          op != m_operators.end() ? op->second.account.name : std::string()};
        if (!m_supervision->dispatch(actor, req, reply)) {
            throw LinkError(ErrorCode::BadRequest, "Unknown command \"" + t + "\".");
        }
    }
}

namespace {
std::string unavailableFrame(const std::string& re)
{
    return link::errorFrame(re, ErrorCode::Unavailable,
                            "The gateway could not save this just now. Nothing changed; please "
                            "try again.");
}

} // namespace

void Gateway::cmdLogin(const std::shared_ptr<LinkPeer>& peer, link::Request req)
{
    auto& state = m_peers.at(peer.get());
    if (state.busy) {
        throw LinkError(ErrorCode::Conflict, "A login is already in progress on this link.");
    }
    const auto name = link::requireString(req.params, "name", 64);
    const auto password = link::requireString(req.params, "password", 1024);
    const auto now = nowMs();
    const std::string address = peer->remoteAddress();
    if (const auto until = m_throttle.lockedUntil(name, address, now)) {
        const auto seconds = std::max<EpochMs>(1, (*until - now + 999) / 1000);
        throw LinkError(ErrorCode::Throttled, "Too many failed logins. Try again in " +
                                                  std::to_string(seconds) + " seconds.");
    }
    state.busy = true;
    std::weak_ptr<LinkPeer> weak = peer;
    // Password verification costs tens of milliseconds: it runs on the
    // reader's thread, never on the event loop.
    read(
        [name, password](Repository& repo) -> std::optional<OperatorAccount> {
            auto op = repo.operators().operatorByName(name);
            if (!op || !PasswordHasher().verify(op->passwordHash, password)) {
                return std::nullopt;
            }
            return op->account;
        },
        [this, weak, req = std::move(req), name,
         address](StoreResult<std::optional<OperatorAccount>> r) {
            auto peer = weak.lock();
            if (!peer || !m_peers.contains(peer.get())) {
                return;
            }
            auto& state = m_peers.at(peer.get());
            state.busy = false;
            auto send = [&](std::string f) {
                peer->sendFrame(std::make_shared<const std::string>(std::move(f)));
            };
            if (r.error) {
                send(unavailableFrame(req.id));
                return;
            }
            const auto now = nowMs();
            if (!*r.value || (*r.value)->disabled) {
                m_counters.failedLogins++;
                m_throttle.recordFailure(name, address, now);
                spdlog::info("failed login on the operator link");
                send(link::errorFrame(req.id, ErrorCode::BadCredentials,
                                      "That name and password do not match an active account."));
                return;
            }
            m_throttle.recordSuccess(name);
            const OperatorAccount account = **r.value;
            const std::string token = randomToken();
            const std::string hash = tokenHash(token);
            state.busy = true;
            write([hash, id = account.id, now, ttl = m_settings.sessionTtlMs](
                      Repository& repo) { repo.sessions().addSession(hash, id, now, now + ttl); },
                  [this, weak, req, account, token, hash](StoreResult<void> w) {
                      auto peer = weak.lock();
                      if (!peer || !m_peers.contains(peer.get())) {
                          return;
                      }
                      m_peers.at(peer.get()).busy = false;
                      if (w.error) {
                          peer->sendFrame(
                              std::make_shared<const std::string>(unavailableFrame(req.id)));
                          return;
                      }
                      loggedIn(peer, req, account, token, hash, false, std::nullopt, 0);
                  });
        });
}

void Gateway::cmdResume(const std::shared_ptr<LinkPeer>& peer, link::Request req)
{
    auto& state = m_peers.at(peer.get());
    if (state.busy) {
        throw LinkError(ErrorCode::Conflict, "A login is already in progress on this link.");
    }
    const auto token = link::requireString(req.params, "token", 128);
    const auto epoch = link::optionalString(req.params, "epoch", 64);
    const auto seq = link::optionalInt(req.params, "seq").value_or(0);
    const std::string hash = tokenHash(token);
    state.busy = true;
    std::weak_ptr<LinkPeer> weak = peer;
    read(
        [hash](Repository& repo) -> std::optional<OperatorAccount> {
            auto id = repo.sessions().sessionOperator(hash, nowMs());
            if (!id) {
                return std::nullopt;
            }
            auto op = repo.operators().operatorById(*id);
            if (!op) {
                return std::nullopt;
            }
            return op->account;
        },
        [this, weak, req = std::move(req), hash, epoch,
         seq](StoreResult<std::optional<OperatorAccount>> r) {
            auto peer = weak.lock();
            if (!peer || !m_peers.contains(peer.get())) {
                return;
            }
            m_peers.at(peer.get()).busy = false;
            if (r.error) {
                peer->sendFrame(std::make_shared<const std::string>(unavailableFrame(req.id)));
                return;
            }
            if (!*r.value || (*r.value)->disabled) {
                peer->sendFrame(std::make_shared<const std::string>(
                    link::errorFrame(req.id, ErrorCode::Unauthenticated,
                                     "Your session has ended. Please log in again.")));
                return;
            }
            loggedIn(peer, req, **r.value, {}, hash, true, epoch,
                     static_cast<std::uint64_t>(std::max<std::int64_t>(0, seq)));
        });
}

void Gateway::loggedIn(const std::shared_ptr<LinkPeer>& peer, const link::Request& req,
                       const OperatorAccount& account, const std::string& token,
                       const std::string& hash, bool resume, std::optional<std::string> epoch,
                       std::uint64_t seq)
{
    auto& state = m_peers.at(peer.get());
    if (state.operatorId) {
        if (auto op = m_operators.find(*state.operatorId); op != m_operators.end()) {
            op->second.links = std::max(0, op->second.links - 1);
        }
    }
    auto& op = operatorState(account);
    op.account = account;
    op.links++;
    linkBack(op);
    state.operatorId = account.id;
    state.role = account.role;
    state.tokenHash = hash;
    m_counters.logins++;
    spdlog::info("operator {} {} on the link", account.id, resume ? "resumed" : "logged in");

    json::object data;
    if (!resume) {
        data["token"] = token;
    }
    data["operator"] = link::toJson(viewOf(op));
    data["epoch"] = m_epoch;
    data["seq"] = m_seq;

    const bool canReplay = resume && epoch && *epoch == m_epoch && seq <= m_seq &&
                           (seq == m_seq || (!m_events.empty() && m_events.front().seq <= seq + 1));
    if (resume) {
        data["resync"] = canReplay ? "replay" : "snapshot";
        if (!canReplay) {
            data["snapshot"] = snapshotFor(state);
            if (mayReadBoard(state.role)) {
                // Open alerts are never lost on a reconnect.
                data["snapshot"].as_object()["board"] = boardJson();
            }
        }
    }
    // Events from here on go to this peer; with a replay the missed ones
    // follow the ack in order, and none is sent twice.
    state.lastSeqSent = canReplay ? seq : m_seq;
    peer->sendFrame(std::make_shared<const std::string>(link::ackFrame(req.id, std::move(data))));
    if (canReplay) {
        for (const auto& e : m_events) {
            if (e.seq > seq) {
                deliver(state, *peer, e);
            }
        }
    }
}

void Gateway::cmdLogout(PeerState& state, const link::Request& req, const Reply& reply)
{
    const std::string hash = state.tokenHash;
    const Id opId = *state.operatorId;
    if (auto op = m_operators.find(opId); op != m_operators.end()) {
        op->second.links = std::max(0, op->second.links - 1);
        if (op->second.links == 0) {
            setPresence(op->second, Presence::Offline);
        }
    }
    state.operatorId.reset();
    state.tokenHash.clear();
    write([hash](Repository& repo) { repo.sessions().removeSession(hash); },
          [reply, id = req.id](StoreResult<void> r) {
              reply(r.error ? unavailableFrame(id) : link::ackFrame(id, {}));
          });
}

json::object Gateway::snapshotFor(const PeerState& state) const
{
    json::object data;
    data["epoch"] = m_epoch;
    data["seq"] = m_seq;
    data["queue"] = contactsJson(m_queue.ordered());
    std::vector<ContactSummary> mine;
    for (const auto& [id, c] : m_held) {
        if (state.operatorId && c.operatorId == state.operatorId) {
            mine.push_back(c);
        }
    }
    std::sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    data["mine"] = contactsJson(mine);
    json::array ops;
    for (const auto& [id, op] : m_operators) {
        if (!op.account.disabled && op.presence != Presence::Offline) {
            ops.push_back(link::toJson(viewOf(op)));
        }
    }
    data["operators"] = std::move(ops);
    return data;
}

void Gateway::cmdSnapshot(PeerState& state, const link::Request& req, const Reply& reply)
{
    reply(link::ackFrame(req.id, snapshotFor(state)));
}

link::OperatorView Gateway::viewOf(const OperatorState& op) const
{
    link::OperatorView v;
    v.id = op.account.id;
    v.name = op.account.name;
    v.role = op.account.role;
    v.capacity = op.account.textCapacity;
    v.disabled = op.account.disabled;
    v.presence = op.presence;
    v.since = op.since;
    v.languages = op.account.languages;
    return v;
}

Gateway::OperatorState& Gateway::operatorState(const OperatorAccount& account)
{
    auto [it, inserted] = m_operators.try_emplace(account.id);
    if (inserted) {
        it->second.account = account;
        it->second.since = nowMs();
    }
    return it->second;
}

void Gateway::setPresence(OperatorState& op, Presence presence)
{
    if (op.presence == presence) {
        return;
    }
    op.presence = presence;
    op.since = nowMs();
    publish("presence.changed", {{"operator", link::toJson(viewOf(op))}}, {});
}

void Gateway::refreshBusy(OperatorState& op)
{
    const bool full = static_cast<int>(op.held.size()) >= op.account.textCapacity;
    if (full && op.presence == Presence::Available) {
        setPresence(op, Presence::Busy);
    } else if (!full && op.presence == Presence::Busy) {
        setPresence(op, Presence::Available);
    }
}

const ContactSummary* Gateway::heldContact(Id contactId) const
{
    auto it = m_held.find(contactId);
    return it == m_held.end() ? nullptr : &it->second;
}

void Gateway::cmdAccept(PeerState& state, const link::Request& req, const Reply& reply)
{
    if (!mayHoldContacts(state.role)) {
        throw LinkError(ErrorCode::Forbidden, "Your role does not take contacts from the queue.");
    }
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
            chosen = *c;
        } else if (m_held.contains(*id) || m_pending.contains(*id)) {
            throw LinkError(ErrorCode::Conflict,
                            "Another operator has already accepted this contact.");
        } else {
            throw LinkError(ErrorCode::NotFound, "That contact is not waiting in the queue.");
        }
    } else {
        chosen = headFor(op);
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

void Gateway::cmdGet(PeerState& state, const link::Request& req, const Reply& reply)
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
                                   repo.escalations().escalationsOf(id));
        },
        [reply, rid = req.id](
            StoreResult<
                std::tuple<ContactSummary, std::vector<Message>, std::vector<EscalationRecord>>>
                r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const auto& [contact, messages, escalations] = *r.value;
            json::array e;
            for (const auto& x : escalations) {
                e.push_back(link::toJson(x));
            }
            reply(link::ackFrame(rid, {{"contact", link::toJson(contact)},
                                       {"messages", messagesJson(messages)},
                                       {"escalations", std::move(e)}}));
        });
}

void Gateway::cmdSend(PeerState& state, const link::Request& req, const Reply& reply)
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
            if (repo.callers().callerOptedOut(c->callerId)) {
                throw LinkError(ErrorCode::Conflict,
                                "This texter has opted out (STOP). They can text START to "
                                "receive texts again.");
            }
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
const ContactSummary* Gateway::heldForChange(const PeerState& state, Id id, std::string_view verb)
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

std::optional<Id> Gateway::takeHeld(Id contactId)
{
    std::optional<Id> holder;
    if (auto it = m_held.find(contactId); it != m_held.end()) {
        holder = it->second.operatorId;
        m_held.erase(it);
    }
    return holder;
}

// Called after the contact's own event, so a client never sees the holder's
// wrap-up end (or capacity free up) while the contact still shows as held.
void Gateway::letGo(std::optional<Id> holder, Id contactId)
{
    if (!holder) {
        return;
    }
    if (auto op = m_operators.find(*holder); op != m_operators.end()) {
        op->second.held.erase(contactId);
        endWrapUpIfDone(op->second);
        refreshBusy(op->second);
    }
}

void Gateway::cmdRelease(PeerState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    heldForChange(state, id, "release");
    requeue(id, [reply, rid = req.id](std::exception_ptr error) {
        reply(error ? storeErrorFrame(rid, error) : link::ackFrame(rid, {}));
    });
}

void Gateway::cmdClose(PeerState& state, const link::Request& req, const Reply& reply)
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
    m_pending.insert(id);
    write(
        [id, note = *note, wrapup](Repository& repo) {
            if (repo.escalations().openEscalationOf(id)) {
                throw LinkError(ErrorCode::Conflict,
                                "This contact has an open escalation. Record what was done (or "
                                "why nothing was) and close it first.");
            }
            repo.contacts().markClosed(id, ContactState::Closed, note, nowMs(), wrapup);
            return *repo.contacts().contact(id);
        },
        [this, id, reply, rid = req.id](StoreResult<ContactSummary> r) {
            m_pending.erase(id);
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const auto holder = takeHeld(id);
            publish("contact.closed", {{"contact", link::toJson(*r.value)}}, {});
            letGo(holder, id);
            callFinished(id);
            reply(link::ackFrame(rid, {}));
        });
}

void Gateway::cmdPresence(PeerState& state, const link::Request& req, const Reply& reply)
{
    if (!mayHoldContacts(state.role)) {
        throw LinkError(ErrorCode::Forbidden, "Your role does not take contacts.");
    }
    const auto value = link::requireString(req.params, "presence", 32);
    const auto presence = parsePresence(value);
    if (!presence || (*presence != Presence::Available && *presence != Presence::Break &&
                      *presence != Presence::Offline)) {
        throw LinkError(ErrorCode::BadRequest,
                        "Presence must be \"available\", \"break\" or \"offline\".");
    }
    auto& op = m_operators.at(*state.operatorId);
    setPresence(op, *presence);
    if (*presence == Presence::Available) {
        refreshBusy(op);
    }
    reply(link::ackFrame(req.id, {{"operator", link::toJson(viewOf(op))}}));
}

void Gateway::cmdOperatorList(PeerState& state, const link::Request& req, const Reply& reply)
{
    if (state.role == Role::Operator) {
        throw LinkError(ErrorCode::Forbidden, "Only leads, supervisors and admins list operators.");
    }
    read([](Repository& repo) { return repo.operators().operators(); },
         [this, reply, rid = req.id](StoreResult<std::vector<OperatorAccount>> r) {
             if (r.error) {
                 reply(storeErrorFrame(rid, r.error));
                 return;
             }
             json::array a;
             for (const auto& account : *r.value) {
                 auto& op = operatorState(account);
                 op.account = account;
                 a.push_back(link::toJson(viewOf(op)));
             }
             reply(link::ackFrame(rid, {{"operators", std::move(a)}}));
         });
}

namespace {
void requireAdmin(Role role)
{
    if (!mayAdminister(role)) {
        throw LinkError(ErrorCode::Forbidden, "Only an administrator can manage accounts.");
    }
}

std::string requireName(const json::object& params)
{
    auto name = link::requireString(params, "name", 64);
    if (!link::isValidOperatorName(name)) {
        throw LinkError(ErrorCode::BadRequest, "A name is 1-64 letters, digits, '.', '_' or '-'.");
    }
    return name;
}

/// An account change on the audit log, in the change's own transaction.
void auditAccount(Repository& repo, Id by, const std::string& name, std::string_view change,
                  std::string_view value)
{
    json::object detail{{"name", name}, {"change", change}};
    if (!value.empty()) {
        detail["value"] = value;
    }
    AuditLog(repo.database())
        .append(nowMs(), by, audit::kOperatorChange, std::nullopt, std::nullopt,
                json::serialize(detail));
}

std::string requireNewPassword(const json::object& params)
{
    auto pw = link::requireString(params, "password", 1024);
    if (pw.size() < 10) {
        throw LinkError(ErrorCode::BadRequest, "A password needs at least 10 characters.");
    }
    return pw;
}
} // namespace

void Gateway::cmdOperatorAdd(PeerState& state, const link::Request& req, const Reply& reply)
{
    requireAdmin(state.role);
    OperatorAccount account;
    account.name = requireName(req.params);
    const auto password = requireNewPassword(req.params);
    const auto role = parseRole(link::requireString(req.params, "role", 32));
    if (!role) {
        throw LinkError(ErrorCode::BadRequest, "Role must be operator, lead, supervisor or admin.");
    }
    account.role = *role;
    account.textCapacity = static_cast<int>(link::optionalInt(req.params, "capacity").value_or(3));
    if (account.textCapacity < 1 || account.textCapacity > 10) {
        throw LinkError(ErrorCode::BadRequest, "Capacity must be between 1 and 10.");
    }
    account.createdAt = nowMs();
    // Hashing is deliberately slow (argon2id): it runs on the reader's
    // thread, so webhooks waiting for the writer never wait for it.
    read([password](Repository&) { return PasswordHasher().hash(password); },
         [this, account, by = *state.operatorId, reply, rid = req.id](StoreResult<std::string> h) {
             if (h.error) {
                 reply(storeErrorFrame(rid, h.error));
                 return;
             }
             write(
                 [account, by, hash = std::move(*h.value)](Repository& repo) mutable {
                     if (repo.operators().operatorByName(account.name)) {
                         throw LinkError(ErrorCode::Conflict, "An account with that name exists.");
                     }
                     account.id = repo.operators().addOperator(account, hash);
                     auditAccount(repo, by, account.name, "added", toString(account.role));
                     return account;
                 },
                 [this, reply, rid](StoreResult<OperatorAccount> r) {
                     if (r.error) {
                         reply(storeErrorFrame(rid, r.error));
                         return;
                     }
                     auto& op = operatorState(*r.value);
                     spdlog::info("operator account {} added", r.value->id);
                     reply(link::ackFrame(rid, {{"operator", link::toJson(viewOf(op))}}));
                 });
         });
}

void Gateway::cmdOperatorPasswd(PeerState& state, const link::Request& req, const Reply& reply)
{
    const auto name = requireName(req.params);
    const auto password = requireNewPassword(req.params);
    const bool admin = mayAdminister(state.role);
    const auto old = link::optionalString(req.params, "oldPassword", 1024);
    const Id self = *state.operatorId;
    if (!admin && !old) {
        throw LinkError(ErrorCode::BadRequest, "Give your current password as oldPassword.");
    }
    // Verification and hashing run on the reader's thread (see cmdOperatorAdd);
    // the writer only stores the result.
    read(
        [name, password, admin, old, self](Repository& repo) {
            auto op = repo.operators().operatorByName(name);
            if (!op) {
                throw LinkError(ErrorCode::NotFound, "There is no account with that name.");
            }
            if (!admin &&
                (op->account.id != self || !PasswordHasher().verify(op->passwordHash, *old))) {
                throw LinkError(ErrorCode::Forbidden,
                                "You can change only your own password, with your current one.");
            }
            return std::make_pair(op->account.id, PasswordHasher().hash(password));
        },
        [this, reply, rid = req.id](StoreResult<std::pair<Id, std::string>> h) {
            if (h.error) {
                reply(storeErrorFrame(rid, h.error));
                return;
            }
            write([id = h.value->first, hash = h.value->second](
                      Repository& repo) { repo.operators().setPasswordHash(id, hash); },
                  [reply, rid](StoreResult<void> r) {
                      reply(r.error ? storeErrorFrame(rid, r.error) : link::ackFrame(rid, {}));
                  });
        });
}

void Gateway::cmdOperatorDisable(PeerState& state, const link::Request& req, const Reply& reply,
                                 bool disable)
{
    requireAdmin(state.role);
    const auto name = requireName(req.params);
    write(
        [name, disable, by = *state.operatorId](Repository& repo) {
            auto op = repo.operators().operatorByName(name);
            if (!op) {
                throw LinkError(ErrorCode::NotFound, "There is no account with that name.");
            }
            repo.operators().setDisabled(op->account.id, disable);
            auditAccount(repo, by, name, disable ? "disabled" : "enabled", {});
            if (disable) {
                repo.sessions().removeSessionsOf(op->account.id);
            }
            op->account.disabled = disable;
            return op->account;
        },
        [this, disable, reply, rid = req.id](StoreResult<OperatorAccount> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            auto& op = operatorState(*r.value);
            op.account = *r.value;
            if (disable) {
                for (auto& [raw, s] : m_peers) {
                    if (s.operatorId == r.value->id) {
                        if (auto p = s.peer.lock()) {
                            p->closeLink();
                        }
                    }
                }
                setPresence(op, Presence::Offline);
            }
            reply(link::ackFrame(rid, {}));
        });
}

void Gateway::cmdOperatorRole(PeerState& state, const link::Request& req, const Reply& reply)
{
    requireAdmin(state.role);
    const auto name = requireName(req.params);
    const auto role = parseRole(link::requireString(req.params, "role", 32));
    if (!role) {
        throw LinkError(ErrorCode::BadRequest, "Role must be operator, lead, supervisor or admin.");
    }
    write(
        [name, role = *role, by = *state.operatorId](Repository& repo) {
            auto op = repo.operators().operatorByName(name);
            if (!op) {
                throw LinkError(ErrorCode::NotFound, "There is no account with that name.");
            }
            repo.operators().setRole(op->account.id, role);
            auditAccount(repo, by, name, "role", toString(role));
            op->account.role = role;
            return op->account;
        },
        [this, reply, rid = req.id](StoreResult<OperatorAccount> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            auto& op = operatorState(*r.value);
            op.account = *r.value;
            for (auto& [raw, s] : m_peers) {
                if (s.operatorId == r.value->id) {
                    s.role = r.value->role;
                }
            }
            reply(link::ackFrame(rid, {{"operator", link::toJson(viewOf(op))}}));
        });
}

// ------------------------------------------------------- wrap-up and callers

void Gateway::endWrapUpIfDone(OperatorState& op)
{
    if (op.presence != Presence::WrapUp) {
        return;
    }
    for (const Id held : op.held) {
        if (const auto* c = heldContact(held); c && c->state == ContactState::WrapUp) {
            return;
        }
    }
    // Back to taking contacts: wrap-up was entered only from available or busy.
    const bool full = static_cast<int>(op.held.size()) >= op.account.textCapacity;
    setPresence(op, full ? Presence::Busy : Presence::Available);
}

bool Gateway::holds(const PeerState& state, Id contactId) const
{
    const auto* held = heldContact(contactId);
    return held && state.operatorId && held->operatorId == state.operatorId;
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

void Gateway::cmdWrapUp(PeerState& state, const link::Request& req, const Reply& reply)
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
    m_pending.insert(id);
    write(
        [id](Repository& repo) {
            if (!repo.contacts().markWrapUp(id, nowMs())) {
                throw LinkError(ErrorCode::Conflict, "Only an active contact can go to wrap-up.");
            }
            return *repo.contacts().contact(id);
        },
        [this, id, reply, rid = req.id](StoreResult<ContactSummary> r) {
            m_pending.erase(id);
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            std::optional<Id> holder;
            if (auto it = m_held.find(id); it != m_held.end()) {
                it->second = *r.value;
                holder = it->second.operatorId;
            }
            publish("contact.updated", {{"contact", link::toJson(*r.value)}}, {});
            callFinished(id);
            if (holder) {
                // Break and offline were the operator's own choice: kept.
                if (auto op = m_operators.find(*holder);
                    op != m_operators.end() && (op->second.presence == Presence::Available ||
                                                op->second.presence == Presence::Busy)) {
                    setPresence(op->second, Presence::WrapUp);
                }
            }
            reply(link::ackFrame(rid, {{"contact", link::toJson(*r.value)}}));
        });
}

void Gateway::cmdLineInfo(PeerState&, const link::Request& req, const Reply& reply)
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
                                      {"emergency", l.emergency}});
    }
    reply(link::ackFrame(req.id, {{"name", m_settings.lineName},
                                  {"crisisLines", std::move(crisis)},
                                  {"quickReplies", std::move(replies)},
                                  {"topics", std::move(topics)},
                                  {"referrals", std::move(referrals)},
                                  {"limits",
                                   {{"callsPerDay", m_settings.limits.callsPerDay},
                                    {"minutesPerCall", m_settings.limits.minutesPerCall}}},
                                  {"afterHours", afterHoursMode()}}));
}

namespace {

constexpr std::size_t kMaxCallerFieldBytes = 64;
constexpr std::size_t kMaxCallerNoteBytes = 4000;
constexpr std::size_t kMaxFlagNoteBytes = 1000;
constexpr std::size_t kMaxHistory = 500;

using CallerView = std::pair<CallerProfile, std::vector<ContactHistoryEntry>>;

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

void Gateway::cmdCallerGet(PeerState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    if (!holds(state, id) && !mayReadAnyContact(state.role)) {
        throw LinkError(ErrorCode::Forbidden, "You can see the caller only of a contact you hold.");
    }
    const EpochMs now = nowMs();
    const EpochMs today = localMidnight(now, m_settings.timezoneOffsetMinutes);
    // As contact.get: reading the caller of someone else's contact is audited.
    const std::optional<Id> audited =
        holds(state, id) ? std::nullopt : std::optional<Id>(*state.operatorId);
    runOn(
        audited ? m_writer : m_reader,
        [id, now, today, audited](Repository& repo) {
            const Id callerId = callerOf(repo, id);
            if (audited) {
                AuditLog(repo.database())
                    .append(now, *audited, audit::kCallerOpen, id, callerId,
                            R"({"via":"caller.get"})");
            }
            return CallerView(profileOf(repo, callerId, now, today),
                              repo.callers().callerHistory(callerId, id, kMaxHistory));
        },
        [this, reply, rid = req.id](StoreResult<CallerView> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            json::array history;
            for (const auto& e : r.value->second) {
                history.push_back(link::toJson(e));
            }
            reply(link::ackFrame(rid, {{"caller", link::toJson(r.value->first, m_settings.limits)},
                                       {"history", std::move(history)}}));
        });
}

// Applies `change` to the caller of a contact on the writer, then answers
// with the caller's profile and tells those who may see it.
void Gateway::changeCaller(Id contactId, const std::string& rid, const Reply& reply,
                           std::function<void(Repository&, Id callerId, EpochMs now)> change)
{
    const EpochMs now = nowMs();
    const EpochMs today = localMidnight(now, m_settings.timezoneOffsetMinutes);
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

void Gateway::cmdCallerUpdate(PeerState& state, const link::Request& req, const Reply& reply)
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

void Gateway::cmdCallerNoteAdd(PeerState& state, const link::Request& req, const Reply& reply)
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
    const EpochMs today = localMidnight(now, m_settings.timezoneOffsetMinutes);
    // A note about the caller is scored like a text: "she said she has pills"
    // must raise the same prompt.
    const RiskAssessment risk = m_settings.risk ? m_settings.risk->assess(body) : RiskAssessment{};
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

void Gateway::cmdCallerFlagSet(PeerState& state, const link::Request& req, const Reply& reply)
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

void Gateway::cmdCallerFlagClear(PeerState& state, const link::Request& req, const Reply& reply)
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

// -------------------------------------------------------------- escalation

namespace {
constexpr std::size_t kMaxStepDetailBytes = 4000;
constexpr std::size_t kMaxReasonBytes = 2000;

bool stepsIn(Role role)
{
    return role == Role::Lead || role == Role::Admin;
}
} // namespace

Gateway::ActScope Gateway::actScope(const PeerState& state) const
{
    ActScope scope;
    scope.any = stepsIn(state.role);
    if (auto it = m_operators.find(*state.operatorId); it != m_operators.end()) {
        scope.contacts = it->second.held;
    }
    return scope;
}

void Gateway::contactChanged(const ContactSummary& c)
{
    if (auto it = m_held.find(c.id); it != m_held.end()) {
        it->second = c;
    } else if (m_queue.contains(c.id) && !m_pending.contains(c.id)) {
        // Its place moves: high and imminent go to the head of the queue.
        m_queue.upsert(c);
    }
    publish("contact.updated", {{"contact", link::toJson(c)}}, {});
}

void Gateway::publishEscalation(const EscalationRecord& e)
{
    std::optional<Id> holder;
    if (auto it = m_held.find(e.contactId); it != m_held.end()) {
        holder = it->second.operatorId;
    }
    publish("escalation.updated", {{"escalation", link::toJson(e)}}, {false, holder});
}

void Gateway::alertLeads(const EscalationRecord& e)
{
    if (!e.open || e.level < RiskLevel::High) {
        return;
    }
    // The signals' own words are the engine's, never the caller's text.
    std::string summary;
    for (const auto& s : e.riskSignals) {
        summary += (summary.empty() ? "" : "; ") + s.text;
    }
    raiseEscalationAlert(e.contactId, e.id, e.level, std::move(summary));
}

void Gateway::escalationChanged(const EscalationChange& change, bool contactPublished)
{
    const bool contactNews = change.contactRiskRose && !contactPublished;
    if (!change.escalationId || (!change.opened && !change.raised && !contactNews)) {
        return;
    }
    const Id id = *change.escalationId;
    read(
        [id](Repository& repo) {
            auto e = repo.escalations().escalation(id);
            if (!e) {
                throw NotFoundError("no escalation");
            }
            return std::make_pair(*e, repo.contacts().contact(e->contactId));
        },
        [this, change, contactPublished](
            StoreResult<std::pair<EscalationRecord, std::optional<ContactSummary>>> r) {
            if (r.error) {
                spdlog::error("escalation {} could not be read: {}", *change.escalationId,
                              describeStoreError(r.error));
                return;
            }
            const auto& [e, contact] = *r.value;
            if (contact && !contactPublished) {
                contactChanged(*contact);
            }
            publishEscalation(e);
            if (change.opened || change.raised) {
                spdlog::warn("escalation {} on contact {}: {} ({})", e.id, e.contactId,
                             toString(e.level), change.opened ? "opened" : "raised");
                alertLeads(e);
            }
        });
}

void Gateway::changeEscalation(
    const PeerState& state, Id escalationId, const std::string& rid, const Reply& reply,
    std::function<void(Repository&, const EscalationRecord&, EpochMs)> change)
{
    const ActScope scope = actScope(state);
    write(
        [escalationId, scope, change = std::move(change)](Repository& repo) {
            auto e = repo.escalations().escalation(escalationId);
            if (!e) {
                throw LinkError(ErrorCode::NotFound, "There is no such escalation.");
            }
            if (!scope.any && !scope.contacts.contains(e->contactId)) {
                throw LinkError(ErrorCode::Forbidden,
                                "You can act only on escalations of contacts you hold.");
            }
            if (!e->open) {
                throw LinkError(ErrorCode::Conflict, "That escalation is closed.");
            }
            change(repo, *e, nowMs());
            return std::make_pair(*repo.escalations().escalation(escalationId),
                                  repo.contacts().contact(e->contactId));
        },
        [this, reply,
         rid](StoreResult<std::pair<EscalationRecord, std::optional<ContactSummary>>> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const auto& [e, contact] = *r.value;
            reply(link::ackFrame(rid, {{"escalation", link::toJson(e)}}));
            if (contact) {
                contactChanged(*contact);
            }
            publishEscalation(e);
        });
}

void Gateway::cmdEscalationGet(PeerState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    if (!holds(state, id) && !mayReadAnyContact(state.role)) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can read escalations only of contacts you hold.");
    }
    read([id](Repository& repo) { return repo.escalations().escalationsOf(id); },
         [reply, rid = req.id](StoreResult<std::vector<EscalationRecord>> r) {
             if (r.error) {
                 reply(storeErrorFrame(rid, r.error));
                 return;
             }
             json::array a;
             for (const auto& e : *r.value) {
                 a.push_back(link::toJson(e));
             }
             reply(link::ackFrame(rid, {{"escalations", std::move(a)}}));
         });
}

void Gateway::cmdEscalationOpen(PeerState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    if (!holds(state, id) && !stepsIn(state.role)) {
        throw LinkError(ErrorCode::Forbidden, "You can escalate only a contact you hold.");
    }
    const auto levelText = link::optionalString(req.params, "level", 16).value_or("high");
    const auto level = parseRiskLevel(levelText);
    if (!level || *level == RiskLevel::None) {
        throw LinkError(ErrorCode::BadRequest,
                        "Level must be \"concern\", \"high\" or \"imminent\".");
    }
    const auto reason = link::optionalString(req.params, "reason", kMaxReasonBytes).value_or("");
    if (!isValidUtf8(reason)) {
        throw LinkError(ErrorCode::BadRequest, "The reason must be valid UTF-8.");
    }
    const auto* held = heldContact(id);
    const EscalationSource source = held && held->channel == Channel::Call
                                        ? EscalationSource::Call
                                        : EscalationSource::Operator;
    const Id opId = *state.operatorId;
    const std::string detail =
        json::serialize(json::object{{"level", toString(*level)}, {"reason", reason}});
    write(
        [id, level = *level, source, opId, detail](Repository& repo) {
            if (!repo.contacts().contact(id)) {
                throw NotFoundError("no contact");
            }
            auto change =
                repo.escalations().openEscalation(id, level, source, opId, detail, nowMs());
            return std::make_pair(*repo.escalations().escalation(*change.escalationId),
                                  *repo.contacts().contact(id));
        },
        [this, reply, rid = req.id](StoreResult<std::pair<EscalationRecord, ContactSummary>> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            reply(link::ackFrame(rid, {{"escalation", link::toJson(r.value->first)}}));
            contactChanged(r.value->second);
            publishEscalation(r.value->first);
            alertLeads(r.value->first);
        });
}

void Gateway::cmdEscalationStep(PeerState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "escalationId");
    const auto kind = link::requireString(req.params, "kind", 32);
    if (!isOperatorStepKind(kind)) {
        throw LinkError(ErrorCode::BadRequest, "Unknown step kind \"" + kind + "\".");
    }
    json::object detail;
    if (const auto* d = req.params.if_contains("detail"); d && !d->is_null()) {
        if (!d->is_object()) {
            throw LinkError(ErrorCode::BadRequest, "Field \"detail\" must be an object.");
        }
        detail = d->get_object();
    }
    if (kind == "screener") {
        // The answers as given, and what the protocol makes of them.
        const ScreenerAnswers answers = link::screenerFromJson(detail);
        detail = link::toJson(answers);
        detail["recommended"] = toString(recommendedAction(answers));
    }
    std::string text = json::serialize(detail);
    if (text.size() > kMaxStepDetailBytes || !isValidUtf8(text)) {
        throw LinkError(ErrorCode::BadRequest, "A step's detail must be at most 4000 bytes of "
                                               "UTF-8.");
    }
    const Id opId = *state.operatorId;
    changeEscalation(state, id, req.id, reply,
                     [opId, kind, text](Repository& repo, const EscalationRecord& e, EpochMs now) {
                         repo.escalations().addEscalationStep(e.id, opId, kind, text, now);
                     });
}

void Gateway::cmdEscalationTransfer(PeerState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "escalationId");
    const auto lineId = link::requireString(req.params, "line", 64);
    const auto& lines = m_settings.lineContent.crisisLines;
    const auto line = std::find_if(lines.begin(), lines.end(),
                                   [&](const CrisisLine& l) { return l.id == lineId; });
    if (line == lines.end()) {
        throw LinkError(ErrorCode::BadRequest, "The line has no crisis line \"" + lineId + "\".");
    }
    const ActScope scope = actScope(state);
    const Id opId = *state.operatorId;
    const CrisisLine crisis = *line;
    // The template goes out as the operator's text in the conversation, and
    // the step says which line and when; the operator stays in the contact.
    write(
        [id, scope, opId, crisis](Repository& repo) {
            auto e = repo.escalations().escalation(id);
            if (!e) {
                throw LinkError(ErrorCode::NotFound, "There is no such escalation.");
            }
            if (!scope.any && !scope.contacts.contains(e->contactId)) {
                throw LinkError(ErrorCode::Forbidden,
                                "You can act only on escalations of contacts you hold.");
            }
            if (!e->open) {
                throw LinkError(ErrorCode::Conflict, "That escalation is closed.");
            }
            auto c = repo.contacts().contact(e->contactId);
            if (!c) {
                throw LinkError(ErrorCode::NotFound, "There is no such contact.");
            }
            if (c->channel == Channel::Call) {
                if (crisis.callAddress.empty()) {
                    throw LinkError(ErrorCode::Conflict,
                                    "This crisis line has no call address; it takes texts only.");
                }
            } else if (crisis.textTemplate.empty()) {
                throw LinkError(ErrorCode::Conflict,
                                "This crisis line has no text template; it takes calls only.");
            }
            return std::make_pair(e->contactId, c->channel == Channel::Call);
        },
        [this, id, opId, crisis, reply, rid = req.id](StoreResult<std::pair<Id, bool>> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const Id contactId = r.value->first;
            if (r.value->second) {
                // A call: the crisis line is called as a third leg.
                transferCall(id, contactId, opId, crisis, rid, reply);
                return;
            }
            queueReply(
                contactId, crisis.textTemplate, opId,
                [this, id, opId, crisis, reply, rid](std::optional<Message> m, std::string error) {
                    if (!m) {
                        reply(link::errorFrame(rid, ErrorCode::Unavailable,
                                               "The crisis line's text could not be queued: " +
                                                   error));
                        return;
                    }
                    const std::string detail = json::serialize(json::object{{"line", crisis.id},
                                                                            {"name", crisis.name},
                                                                            {"via", "text"},
                                                                            {"messageId", m->id}});
                    write(
                        [id, opId, detail](Repository& repo) {
                            repo.escalations().addEscalationStep(id, opId, "transfer_started",
                                                                 detail, nowMs());
                            return *repo.escalations().escalation(id);
                        },
                        [this, reply, rid](StoreResult<EscalationRecord> r2) {
                            if (r2.error) {
                                reply(storeErrorFrame(rid, r2.error));
                                return;
                            }
                            reply(link::ackFrame(rid, {{"escalation", link::toJson(*r2.value)}}));
                            publishEscalation(*r2.value);
                        });
                });
        });
}

// escalation.transfer.complete: the operator leaves a call they transferred;
// the caller stays with the crisis line.
void Gateway::cmdEscalationTransferComplete(PeerState& state, const link::Request& req,
                                            const Reply& reply)
{
    const Id id = link::requireInt(req.params, "escalationId");
    const ActScope scope = actScope(state);
    read(
        [id, scope](Repository& repo) {
            auto e = repo.escalations().escalation(id);
            if (!e) {
                throw LinkError(ErrorCode::NotFound, "There is no such escalation.");
            }
            if (!scope.any && !scope.contacts.contains(e->contactId)) {
                throw LinkError(ErrorCode::Forbidden,
                                "You can act only on escalations of contacts you hold.");
            }
            if (!e->open) {
                throw LinkError(ErrorCode::Conflict, "That escalation is closed.");
            }
            return e->contactId;
        },
        [this, id, reply, rid = req.id](StoreResult<Id> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            completeTransfer(*r.value, id, rid, reply);
        });
}

void Gateway::cmdEscalationClose(PeerState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "escalationId");
    const auto outcomeText = link::requireString(req.params, "outcome", 32);
    const auto outcome = parseEscalationOutcome(outcomeText);
    if (!outcome) {
        throw LinkError(ErrorCode::BadRequest, "Outcome must be \"safety_plan\", "
                                               "\"warm_transfer\", \"emergency\" or "
                                               "\"no_action\".");
    }
    const auto reason = link::optionalString(req.params, "reason", kMaxReasonBytes).value_or("");
    if (!isValidUtf8(reason)) {
        throw LinkError(ErrorCode::BadRequest, "The reason must be valid UTF-8.");
    }
    const bool hasReason = reason.find_first_not_of(" \t\r\n") != std::string::npos;
    const Id opId = *state.operatorId;
    changeEscalation(state, id, req.id, reply,
                     [opId, outcome = *outcome, reason,
                      hasReason](Repository& repo, const EscalationRecord& e, EpochMs now) {
                         // Closing without having acted is allowed, but never silently.
                         if ((outcome == EscalationOutcome::NoAction || !e.acted()) && !hasReason) {
                             throw LinkError(
                                 ErrorCode::BadRequest,
                                 "No action is recorded for this escalation: give a reason to "
                                 "close it.");
                         }
                         repo.escalations().closeEscalation(e.id, opId, outcome, reason, now);
                     });
}

void Gateway::cmdRiskAssess(PeerState&, const link::Request& req, const Reply& reply)
{
    const auto text = link::requireString(req.params, "text", kMaxNoteBytes);
    const RiskAssessment risk = m_settings.risk ? m_settings.risk->assess(text) : RiskAssessment{};
    reply(link::ackFrame(req.id, {{"risk", json::parse(riskAssessmentJson(risk))}}));
}

} // namespace warmline::telephony
