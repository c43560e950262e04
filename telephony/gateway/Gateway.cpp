// The Gateway's frame: start-up, the links coming and going, a frame's way
// to its command (the CommandTable the families in commands/ fill), and the
// operators' presence and held contacts that every family shares.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "telephony/gateway/FaultScope.h"
#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/Supervision.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace json = boost::json;
namespace asio = boost::asio;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

Gateway::Gateway(asio::any_io_executor ex, GatewaySettings settings, StoreWorker& writer,
                 StoreWorker& reader, SiteKeys& keys, LoginThrottle& throttle,
                 std::unique_ptr<OutboundSender> sender)
    : m_ex(std::move(ex)), m_settings(std::move(settings)), m_writer(writer), m_reader(reader),
      m_keys(keys), m_throttle(throttle), m_sender(std::move(sender)),
      m_alive(std::make_shared<bool>(true)), m_hub(m_settings.replayEvents),
      m_board(std::make_unique<Board>(m_ex)), m_checkInClockBase(nowMs())
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
    m_supervision = std::make_unique<Supervision>(
        m_ex, writer, reader, keys, m_settings.lineSettings, m_settings.timeZone, std::move(hooks));

    addSessionCommands();
    addContactCommands();
    addCallerCommands();
    addResourceCommands();
    addPlanCommands();
    addCheckInCommands();
    addCoachingCommands();
    addOperatorCommands();
    addEscalationCommands();
    addLineCommands();
    addBoardCommands();
    addCallCommands();
    if (m_settings.testFaults) {
        addDebugCommands();
    }
    m_supervision->addCommands(m_commands, [this](const LinkState& state) {
        const auto op = m_operators.find(*state.operatorId);
        return Actor{*state.operatorId, state.role,
                     op != m_operators.end() ? op->second.account.name : std::string()};
    });
}

Gateway::~Gateway()
{
    *m_alive = false;
}

void Gateway::applyLineSettings(const LineSettings& settings)
{
    m_settings.limits = settings.limits();
    const auto targets = settings.targets();
    m_settings.board.answerTargetMs = EpochMs{targets.answerSeconds} * 1000;
    m_settings.board.serviceLevelTargetPercent = targets.answeredOnTimePercent;
    m_settings.board.announceListening = settings.value("board.announce_listening") == "true";
    m_settings.survey.showToOperator = settings.value("survey.show_to_operator") == "true";
    const WeeklySchedule hours = settings.hours();
    if (hours.alwaysOpen()) {
        m_settings.isOpenAt = nullptr;
    } else {
        m_settings.isOpenAt = [hours, offset = m_settings.timeZone](EpochMs t) {
            return hours.isOpenAt(t, offset);
        };
    }
}

void Gateway::reloadSettings(GatewaySettings fresh)
{
    m_settings.firstContactReply = std::move(fresh.firstContactReply);
    m_settings.afterHoursReply = std::move(fresh.afterHoursReply);
    m_settings.helpReply = std::move(fresh.helpReply);
    m_settings.stopReply = std::move(fresh.stopReply);
    m_settings.startReply = std::move(fresh.startReply);
    m_settings.spanish = std::move(fresh.spanish);
    m_settings.languageWaitMs = fresh.languageWaitMs;
    m_settings.waitNoticeMs = fresh.waitNoticeMs;
    m_settings.overflow = std::move(fresh.overflow);
    m_settings.screening = std::move(fresh.screening);
    m_settings.survey = fresh.survey;
    m_settings.checkIns.missedAfterMs = fresh.checkIns.missedAfterMs;
    m_settings.callbacks = fresh.callbacks;
    m_settings.maxOutboundAttempts = fresh.maxOutboundAttempts;
    m_settings.retryInitialMs = fresh.retryInitialMs;
    m_settings.retryMaxMs = fresh.retryMaxMs;
    m_settings.lineName = std::move(fresh.lineName);
    m_settings.lineContent = std::move(fresh.lineContent);
    m_settings.risk = std::move(fresh.risk);
    m_settings.timeZone = fresh.timeZone;
    // Timers read on each tick: the next tick goes by the new values.
    m_settings.positionIntervalMs = fresh.positionIntervalMs;
    m_settings.phoneCheckIntervalMs = fresh.phoneCheckIntervalMs;
    // Targets come from the line settings (applyLineSettings, below).
    const auto answerTarget = m_settings.board.answerTargetMs;
    const auto serviceLevel = m_settings.board.serviceLevelTargetPercent;
    const auto announceListening = m_settings.board.announceListening;
    m_settings.board = std::move(fresh.board);
    m_settings.board.answerTargetMs = answerTarget;
    m_settings.board.serviceLevelTargetPercent = serviceLevel;
    m_settings.board.announceListening = announceListening;
    m_supervision->reloadFile(fresh.lineSettings, fresh.timeZone);
}

void Gateway::start(std::function<void(std::string)> done)
{
    struct Loaded
    {
        std::vector<ContactSummary> open;
        std::vector<OperatorAccount> operators;
        std::vector<OutboundJob> pending;
        std::vector<Callback> callbacks;
    };
    write(
        [now = nowMs()](Repository& repo) {
            repo.sessions().removeExpiredSessions(now);
            Loaded l;
            l.open = repo.contacts().openContacts();
            l.operators = repo.operators().operators();
            l.pending = repo.texts().pendingOutbound();
            // Callbacks outlive the gateway: one being dialled when it
            // stopped goes back to its place in the queue.
            l.callbacks = openCallbacks(repo.database());
            for (const auto& b : l.callbacks) {
                for (auto& c : l.open) {
                    if (c.id == b.contactId && c.state != ContactState::Queued) {
                        repo.contacts().requeue(c.id, c.queuedAt);
                        c.state = ContactState::Queued;
                        c.operatorId.reset();
                        c.operatorName.clear();
                    }
                }
            }
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
            for (const auto& b : r.value->callbacks) {
                m_callbacks.emplace(b.contactId, b);
            }
            for (const auto& c : r.value->open) {
                if (c.channel == Channel::Call && m_callbacks.contains(c.id)) {
                    m_queue.upsert(c); // a callback has no call to lose
                    continue;
                }
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
            resumeOutbound(r.value->pending);
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

// ------------------------------------------------------------------ events

void Gateway::publish(std::string_view name, const json::object& data, Audience audience)
{
    m_hub.publish(name, data, audience);
    boardObserve(name, data);
}

// ------------------------------------------------------------------- links

void Gateway::attach(const std::shared_ptr<LinkPeer>& peer)
{
    m_hub.attach(peer);
}

void Gateway::detach(LinkPeer* peer)
{
    dropPhoneAccount(peer);
    const auto gone = m_hub.detach(peer);
    if (!gone || !gone->operatorId) {
        return;
    }
    if (auto op = m_operators.find(*gone->operatorId); op != m_operators.end()) {
        op->second.links = std::max(0, op->second.links - 1);
        if (op->second.links == 0) {
            endWatchingBy(op->first);
            linkLost(op->second);
        }
    }
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
    LinkState* state = m_hub.find(peer.get());
    if (!state) {
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
        dispatch(peer, *state, std::move(req), answered);
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

void Gateway::dispatch(const std::shared_ptr<LinkPeer>& peer, LinkState& state, link::Request req,
                       const std::shared_ptr<bool>& answered)
{
    std::weak_ptr<LinkPeer> weak = peer;
    Reply reply = [weak, answered](std::string frame) {
        *answered = true;
        if (auto p = weak.lock()) {
            p->sendFrame(std::make_shared<const std::string>(std::move(frame)));
        }
    };
    // Errors raised after an asynchronous step are answered through `reply`.
    CommandCall call{peer, state, req, reply};
    m_commands.run(call);
}

void Gateway::addCommand(std::string name, CommandRule rule, Command command)
{
    m_commands.add(std::move(name), rule, [this, command](CommandCall& call) {
        (this->*command)(call.state, call.req, call.reply);
    });
}

// ------------------------------------------------- operators and presence

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
    v.group = op.account.group;
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
    const auto working = [](Presence p) { return p != Presence::Break && p != Presence::Offline; };
    if (!working(presence)) {
        op.workingSince = 0;
    } else if (!working(op.presence)) {
        op.workingSince = nowMs();
        op.breakReminded = false;
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

// ------------------------------------------------------------ held contacts

const ContactSummary* Gateway::heldContact(Id contactId) const
{
    auto it = m_held.find(contactId);
    return it == m_held.end() ? nullptr : &it->second;
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
    endCoaching(contactId);
    if (!holder) {
        return;
    }
    if (auto op = m_operators.find(*holder); op != m_operators.end()) {
        op->second.held.erase(contactId);
        endWrapUpIfDone(op->second);
        refreshBusy(op->second);
    }
}

void Gateway::requeue(Id id, std::function<void(std::exception_ptr)> done)
{
    // Back from an operator (released, taken back): the ordinary queue.
    m_forLead.erase(id);
    m_screened.erase(id);
    m_pending.insert(id);
    write(
        [id](Repository& repo) {
            repo.contacts().markQueued(id);
            return *repo.contacts().contact(id);
        },
        [this, id, done = std::move(done)](StoreResult<ContactSummary> r) {
            m_pending.erase(id);
            if (r.error) {
                done(r.error);
                return;
            }
            const auto holder = takeHeld(id);
            m_queue.upsert(*r.value);
            publish("contact.queued", {{"contact", link::toJson(*r.value)}}, {});
            letGo(holder, id);
            callReleased(id); // a call goes back to hold audio
            done(nullptr);
        });
}

void Gateway::holdAssigned(const ContactSummary& c, OperatorState& to, Id byId)
{
    m_held[c.id] = c;
    to.held.insert(c.id);
    std::string byName;
    if (auto by = m_operators.find(byId); by != m_operators.end()) {
        byName = by->second.account.name;
    }
    publish("contact.accepted", {{"contact", link::toJson(c)}}, {});
    publish("contact.assigned", {{"contact", link::toJson(c)}, {"by", userRef(byId, byName)}},
            Audience{false, to.account.id, true});
    refreshBusy(to);
}

void Gateway::handOver(Id id, OperatorState& from, OperatorState& to)
{
    m_pending.insert(id);
    const Id fromId = from.account.id;
    const Id toId = to.account.id;
    write(
        [id, toId](Repository& repo) {
            repo.contacts().markAccepted(id, toId, nowMs());
            return *repo.contacts().contact(id);
        },
        [this, id, fromId, toId](StoreResult<ContactSummary> r) {
            m_pending.erase(id);
            if (r.error) {
                // Still the leaving operator's in the store: back to the queue
                // rather than held by someone who signed out.
                spdlog::error("contact {} not handed to lead {}: {}", id, toId,
                              describeStoreError(r.error));
                requeue(id, [](std::exception_ptr) {});
                return;
            }
            takeHeld(id);
            holdAssigned(*r.value, m_operators.at(toId), fromId);
            letGo(fromId, id);
            spdlog::info("contact {} handed from operator {} to lead {} at sign-out", id, fromId,
                         toId);
        });
}

Gateway::OperatorState* Gateway::leadForHandOff(Id leaving)
{
    OperatorState* best = nullptr;
    for (auto& [id, op] : m_operators) {
        const bool onShift = op.presence != Presence::Offline && op.links > 0;
        if (id == leaving || op.account.disabled || op.account.role != Role::Lead || !onShift) {
            continue;
        }
        if (!best || op.held.size() < best->held.size()) {
            best = &op;
        }
    }
    return best;
}

json::object Gateway::signOutContacts(OperatorState& op, bool toLead)
{
    OperatorState* lead = toLead ? leadForHandOff(op.account.id) : nullptr;
    json::array returned;
    json::array handed;
    json::array kept;
    const Id opId = op.account.id;
    for (const Id id : std::vector<Id>(op.held.begin(), op.held.end())) {
        const auto* c = heldContact(id);
        if (!c || m_pending.contains(id)) {
            continue; // a change in flight decides this one
        }
        // Wrap-up: the conversation is over and the notes are the
        // operator's to finish; only a lead takes them over.
        if (c->state == ContactState::WrapUp) {
            if (lead) {
                handed.push_back(id);
                handOver(id, op, *lead);
            } else {
                kept.push_back(id);
            }
            continue;
        }
        // A call is tied to the operator's phone: it goes back to hold audio
        // and the queue, where the lead sees it waiting.
        if (lead && c->channel == Channel::Text) {
            handed.push_back(id);
            handOver(id, op, *lead);
            continue;
        }
        returned.push_back(id);
        requeue(id, [id, opId](std::exception_ptr error) {
            if (error) {
                spdlog::error("contact {} of signed-out operator {} not returned: {}", id, opId,
                              describeStoreError(error));
            }
        });
    }
    json::object out{{"returned", std::move(returned)},
                     {"handed", std::move(handed)},
                     {"kept", std::move(kept)}};
    if (lead && !out.at("handed").as_array().empty()) {
        out["lead"] = userRef(lead->account.id, lead->account.name);
    }
    return out;
}

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

bool Gateway::holds(const LinkState& state, Id contactId) const
{
    const auto* held = heldContact(contactId);
    return held && state.operatorId && held->operatorId == state.operatorId;
}

} // namespace warmline::telephony
