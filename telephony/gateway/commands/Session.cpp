// Link commands, the session family: ping, login, resume (with the replay
// of missed events or a fresh snapshot), logout, the queue snapshot and an
// operator's own presence.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/security/LoginThrottle.h"
#include "core/security/PasswordHasher.h"
#include "core/security/Tokens.h"
#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/GatewayJobs.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

json::array contactsJson(const std::vector<ContactSummary>& contacts)
{
    json::array a;
    a.reserve(contacts.size());
    for (const auto& c : contacts) {
        a.push_back(link::toJson(c));
    }
    return a;
}

std::string unavailableFrame(const std::string& re)
{
    return link::errorFrame(re, ErrorCode::Unavailable,
                            "The gateway could not save this just now. Nothing changed; please "
                            "try again.");
}

} // namespace

void Gateway::addSessionCommands()
{
    CommandRule beforeLogin;
    beforeLogin.beforeLogin = true;
    m_commands.add("ping", beforeLogin, [this](CommandCall& c) { cmdPing(c.peer, c.req); });
    m_commands.add("login", beforeLogin,
                   [this](CommandCall& c) { cmdLogin(c.peer, std::move(c.req)); });
    m_commands.add("resume", beforeLogin,
                   [this](CommandCall& c) { cmdResume(c.peer, std::move(c.req)); });
    addCommand("logout", {}, &Gateway::cmdLogout);
    addCommand("queue.snapshot", {}, &Gateway::cmdSnapshot);
    addCommand("presence.set",
               {.allows = mayHoldContacts, .refusal = "Your role does not take contacts."},
               &Gateway::cmdPresence);
}

void Gateway::cmdPing(const std::shared_ptr<LinkPeer>& peer, const link::Request& req)
{
    peer->sendFrame(
        std::make_shared<const std::string>(link::ackFrame(req.id, {{"time", nowMs()}})));
}

void Gateway::cmdLogin(const std::shared_ptr<LinkPeer>& peer, link::Request req)
{
    auto& state = m_hub.at(peer.get());
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
            if (!peer || !m_hub.find(peer.get())) {
                return;
            }
            auto& state = m_hub.at(peer.get());
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
                      if (!peer || !m_hub.find(peer.get())) {
                          return;
                      }
                      m_hub.at(peer.get()).busy = false;
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
    auto& state = m_hub.at(peer.get());
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
            if (!peer || !m_hub.find(peer.get())) {
                return;
            }
            m_hub.at(peer.get()).busy = false;
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
    auto& state = m_hub.at(peer.get());
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
    data["epoch"] = m_hub.epoch();
    data["seq"] = m_hub.lastSeq();

    const bool canReplay = resume && m_hub.canReplay(epoch, seq);
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
    m_hub.startEvents(state, *peer, link::ackFrame(req.id, std::move(data)),
                      canReplay ? std::optional<std::uint64_t>(seq) : std::nullopt);
}

// Signing out never leaves a contact held by someone who is gone: with the
// last link, what they hold goes back to the queue, or their texts to a lead
// on shift ("contacts": "lead"; calls always return to the queue). The
// answer says which went where; the session's removal is written after the
// hand-offs, so the ack follows them (one writer, in order).
void Gateway::cmdLogout(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto handTo = link::optionalString(req.params, "contacts", 16);
    if (handTo && *handTo != "queue" && *handTo != "lead") {
        throw LinkError(ErrorCode::BadRequest,
                        "\"contacts\" must be \"queue\" or \"lead\" (where the contacts "
                        "you hold go when you sign out).");
    }
    const std::string hash = state.tokenHash;
    const Id opId = *state.operatorId;
    json::object data;
    if (auto op = m_operators.find(opId); op != m_operators.end()) {
        op->second.links = std::max(0, op->second.links - 1);
        if (op->second.links == 0) {
            endWatchingBy(opId);
            data = signOutContacts(op->second, handTo && *handTo == "lead");
            setPresence(op->second, Presence::Offline);
        }
    }
    state.operatorId.reset();
    state.tokenHash.clear();
    write([hash](Repository& repo) { repo.sessions().removeSession(hash); },
          [reply, id = req.id, data = std::move(data)](StoreResult<void> r) {
              reply(r.error ? unavailableFrame(id) : link::ackFrame(id, data));
          });
}

json::object Gateway::snapshotFor(const LinkState& state) const
{
    json::object data;
    data["epoch"] = m_hub.epoch();
    data["seq"] = m_hub.lastSeq();
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

void Gateway::cmdSnapshot(LinkState& state, const link::Request& req, const Reply& reply)
{
    reply(link::ackFrame(req.id, snapshotFor(state)));
}

void Gateway::cmdPresence(LinkState& state, const link::Request& req, const Reply& reply)
{
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

} // namespace warmline::telephony
