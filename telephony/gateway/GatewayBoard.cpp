// The shift lead board inside the gateway: the board's snapshot and live
// events, the checks that raise alerts (the alerts themselves are in
// GatewayAlerts.cpp), and the recovery of contacts held by an operator whose
// app vanished. The lead's commands are in commands/Board.cpp.

#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/store/Repository.h"
#include "core/text/FormCodec.h"
#include "telephony/gateway/GatewayJobs.h"

#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace json = boost::json;
namespace asio = boost::asio;

namespace warmline::telephony {

namespace {

/// More contacts than this waiting past the target raise no further
/// per-contact alerts: the board's longest wait already says it, and a
/// flood of alerts would bury an escalation.
constexpr std::size_t kMaxOpenWaitAlerts = 20;

/// "4m 05s", "1h 02m", "35s": how long, for an alert's text.
std::string spoken(EpochMs ms)
{
    const auto s = std::max<EpochMs>(0, ms) / 1000;
    if (s >= 3600) {
        return fmt::format("{}h {:02}m", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
        return fmt::format("{}m {:02}s", s / 60, s % 60);
    }
    return fmt::format("{}s", s);
}

} // namespace

// ------------------------------------------------------------- start-up

void Gateway::loadBoard(std::function<void(std::string)> done)
{
    struct Loaded
    {
        std::vector<Alert> open;
        std::optional<std::string> afterHours;
        std::optional<std::string> switchboard;
        std::optional<std::string> overflow;
        std::vector<std::pair<Id, EpochMs>> heldSince;
        ShiftHistory history;
        std::vector<std::pair<Id, Screen>> screened;
        std::vector<CheckInRecord> checkIns;
        std::vector<std::pair<Id, EpochMs>> checkInContacts;
    };
    const EpochMs now = nowMs();
    const auto& b = m_settings.board;
    // A shift never reaches further back than a day and its window.
    const EpochMs since =
        std::min(shiftStartAt(now, b.shiftStarts, m_settings.timeZone, b.shiftWindowMs),
                 now - b.shiftWindowMs);
    read(
        [since](Repository& repo) {
            Loaded l;
            l.open = repo.board().openAlerts();
            l.afterHours = repo.board().lineState(kAfterHoursKey);
            l.switchboard = repo.board().lineState(kSwitchboardKey);
            l.overflow = repo.board().lineState(kOverflowKey);
            l.heldSince = repo.board().heldSince();
            l.history = repo.board().shiftHistory(since);
            l.screened = screenedWaiting(repo);
            l.checkIns = activeCheckIns(repo.database());
            l.checkInContacts = queuedCheckInContacts(repo.database());
            return l;
        },
        [this, done = std::move(done), now](StoreResult<Loaded> r) {
            if (r.error) {
                done("could not read the board's state: " + describeStoreError(r.error));
                return;
            }
            auto& board = *m_board;
            for (auto& a : r.value->open) {
                board.open.emplace(a.id, std::move(a));
            }
            board.afterHours = r.value->afterHours.value_or("off") == "on";
            board.switchboard = r.value->switchboard.value_or("off") == "on";
            board.overflow = r.value->overflow.value_or("off") == "on";
            // Those already waiting past the notice may have had it before
            // the restart: never twice.
            for (const auto& c : m_queue.ordered()) {
                if (m_settings.waitNoticeMs > 0 && now - c.queuedAt >= m_settings.waitNoticeMs) {
                    m_waitNoticed.insert(c.id);
                }
            }
            if (board.switchboard) {
                // Which contacts a lead was holding back is not stored: at a
                // restart during a surge, everyone waiting waits for a lead
                // rather than flooding the operators.
                for (const auto& c : m_queue.ordered()) {
                    m_forLead.insert(c.id);
                }
            }
            // Screening's holds are in the audit log: kept across a restart.
            for (auto& [id, screen] : r.value->screened) {
                if (m_queue.contains(id)) {
                    m_forLead.insert(id);
                    m_screened[id] = std::move(screen);
                }
            }
            for (const auto& record : r.value->checkIns) {
                runCheckIn(record);
            }
            for (const auto& [id, due] : r.value->checkInContacts) {
                if (m_queue.contains(id)) {
                    m_checkInContacts[id] = due;
                }
            }
            for (const auto& [id, at] : r.value->heldSince) {
                if (m_held.contains(id)) {
                    board.heldSince[id] = at;
                }
            }
            for (const auto& a : r.value->history.answered) {
                board.stats.recordAnswered(a.contactId, a.acceptedAt, a.waitMs);
            }
            for (const auto& [id, at] : r.value->history.abandoned) {
                board.stats.recordAbandoned(id, at);
            }
            // Operators holding contacts have no link yet: unless their app
            // comes back within the grace period, their contacts go back.
            for (auto& [id, op] : m_operators) {
                if (!op.held.empty()) {
                    op.linkLostAt = now;
                }
            }
            board.loaded = true;
            spdlog::info("board ready: {} open alerts, after-hours mode {}", board.open.size(),
                         board.afterHours ? "on" : "off");
            scheduleBoardTick();
            done({});
        });
}

bool Gateway::switchboardOn() const
{
    return m_board && m_board->switchboard;
}

json::object Gateway::queuedNew(const ContactSummary& c, const Screen& screen)
{
    json::object data{{"contact", link::toJson(c)}};
    if (screen.action == ScreenAction::Hold) {
        holdScreened(c, screen);
        data["forLead"] = true;
        data["screened"] = {{"kind", screen.kind}, {"reason", screen.reason}};
    } else if (switchboardOn()) {
        m_forLead.insert(c.id);
        data["forLead"] = true;
    }
    return data;
}

bool Gateway::afterHoursMode() const
{
    return m_board && m_board->afterHours;
}

std::size_t Gateway::openAlerts() const
{
    return m_board ? m_board->open.size() : 0;
}

std::size_t Gateway::unacknowledgedEscalations() const
{
    if (!m_board) {
        return 0;
    }
    // An escalation that rose from high to imminent has two alerts; it is
    // one escalation waiting for a lead.
    std::set<Id> escalations;
    std::size_t withoutId = 0;
    const auto count = [&](const Alert& a) {
        if (a.kind != AlertKind::Escalation) {
            return;
        }
        if (a.escalationId) {
            escalations.insert(*a.escalationId);
        } else {
            ++withoutId;
        }
    };
    // Those raised while the store failed wait too (stored on the next check).
    for (const auto& [id, a] : m_board->open) {
        count(a);
    }
    for (const auto& a : m_board->unsaved) {
        count(a);
    }
    return escalations.size() + withoutId;
}

EpochMs Gateway::oldestUnacknowledgedEscalationMs() const
{
    if (!m_board) {
        return 0;
    }
    std::optional<EpochMs> oldest;
    const auto consider = [&](const Alert& a) {
        if (a.kind == AlertKind::Escalation && (!oldest || a.raisedAt < *oldest)) {
            oldest = a.raisedAt;
        }
    };
    for (const auto& [id, a] : m_board->open) {
        consider(a);
    }
    for (const auto& a : m_board->unsaved) {
        consider(a);
    }
    return oldest ? std::max<EpochMs>(0, nowMs() - *oldest) : 0;
}

// ------------------------------------------------------------- snapshot

json::object Gateway::boardFiguresJson()
{
    const EpochMs now = nowMs();
    const auto& b = m_settings.board;
    const EpochMs start = shiftStartAt(now, b.shiftStarts, m_settings.timeZone, b.shiftWindowMs);
    m_board->lastShiftStart = start;
    json::object f = toJson(m_board->stats.figures(start, b.answerTargetMs), b.answerTargetMs);
    f["serviceLevelTargetPercent"] = b.serviceLevelTargetPercent;
    f["waiting"] = m_queue.size();
    f["longestWaitMs"] = m_queue.longestWait(now);
    f["byChannel"] = {{"text", m_queue.countByChannel(Channel::Text)},
                      {"call", m_queue.countByChannel(Channel::Call)}};
    f["at"] = now;
    return f;
}

json::object Gateway::boardOperatorJson(const OperatorState& op) const
{
    json::object o = link::toJson(viewOf(op));
    o["links"] = op.links;
    o["linkLostAt"] = op.linkLostAt ? json::value(*op.linkLostAt) : json::value(nullptr);
    o["recoverAt"] = op.linkLostAt ? json::value(*op.linkLostAt + m_settings.board.recoveryGraceMs)
                                   : json::value(nullptr);
    // Where their calls would go now (docs/remote-operators.md): the kind
    // only, never the address or number; nothing on a line without calls.
    if (m_calls) {
        const auto phone = phoneOf(op);
        o["phone"] = phone.uri.empty()   ? "none"
                     : phone.autoAnswer  ? "softphone"
                     : phone.askToAccept ? "number"
                                         : "desk";
        // Whether that phone answers the gateway's check (phoneCheckTick):
        // a softphone or desk phone the gateway has asked at least once.
        // Over UDP, or over a registered softphone's TLS or TCP connection.
        const auto check = m_board->phoneChecks.find(op.account.id);
        if (check != m_board->phoneChecks.end() && check->second.uri == phone.uri &&
            check->second.answering) {
            const auto& c = check->second;
            o["phoneCheck"] = {
                {"answering", *c.answering},
                {"answeredAt", c.answeredAt ? json::value(*c.answeredAt) : json::value(nullptr)},
                {"rttMs", c.rttMs ? json::value(*c.rttMs) : json::value(nullptr)},
                {"transport", c.transport},
                // Over TLS, calls to it are SRTP (decision 156).
                {"encrypted", c.transport == "tls"}};
        }
        // A softphone that registers (decision 156): whether it is now, over
        // what, and since when; never its address.
        if (!phone.account.empty()) {
            o["phoneRegistration"] = phoneRegistrationJson(phone.account);
        }
    }
    json::array held;
    for (const Id id : op.held) {
        const auto* c = heldContact(id);
        if (!c) {
            continue;
        }
        json::object h;
        h["id"] = c->id;
        h["alias"] = c->alias;
        h["channel"] = toString(c->channel);
        h["state"] = toString(c->state);
        h["risk"] = toString(c->risk);
        const auto since = m_board->heldSince.find(id);
        h["heldSince"] =
            since == m_board->heldSince.end() ? json::value(nullptr) : json::value(since->second);
        held.push_back(std::move(h));
    }
    o["held"] = std::move(held);
    return o;
}

json::object Gateway::boardJson() const
{
    // Figures forget what happened before the shift; the board itself is const.
    auto* self = const_cast<Gateway*>(this);
    const auto& b = m_settings.board;
    json::object data;
    data["epoch"] = m_hub.epoch();
    data["seq"] = m_hub.lastSeq();
    data["now"] = nowMs();
    data["afterHours"] = m_board->afterHours;
    json::array forLead;
    for (const auto& c : m_queue.ordered()) {
        if (m_forLead.contains(c.id)) {
            forLead.push_back(c.id);
        }
    }
    data["switchboard"] = {{"on", m_board->switchboard}, {"contacts", std::move(forLead)}};
    data["screened"] = screenedSnapshot();
    {
        const auto& o = m_settings.overflow;
        json::array overflowing;
        for (const Id id : m_overflowing) {
            overflowing.push_back(id);
        }
        data["overflow"] = {{"on", m_board->overflow},
                            {"partner", o.partnerName},
                            {"texts", !o.partnerName.empty() && !o.partnerTextNumber.empty()},
                            {"calls", !o.partnerName.empty() && !o.partnerCallNumber.empty()},
                            {"afterMs", o.afterMs},
                            {"connecting", std::move(overflowing)}};
    }
    data["store"] = storeStateJson();
    data["settings"] = {{"answerTargetMs", b.answerTargetMs},
                        {"serviceLevelTargetPercent", b.serviceLevelTargetPercent},
                        {"waitAlertMs", b.waitAlertMs},
                        {"timeLimitMs", b.timeLimitMs},
                        {"presenceStuckMs", b.presenceStuckMs},
                        {"breakReminderMs", b.breakReminderMs},
                        {"recoveryGraceMs", b.recoveryGraceMs},
                        {"repeatAfterMs", b.repeatAfterMs},
                        {"escalateAfterMs", b.escalateAfterMs}};
    data["figures"] = self->boardFiguresJson();
    json::array queue;
    for (const auto& c : m_queue.ordered()) {
        queue.push_back(link::toJson(c));
    }
    data["queue"] = std::move(queue);
    json::array ops;
    for (const auto& [id, op] : m_operators) {
        if (!op.account.disabled && mayHoldContacts(op.account.role) &&
            (op.presence != Presence::Offline || !op.held.empty() || op.linkLostAt)) {
            ops.push_back(boardOperatorJson(op));
        }
    }
    data["operators"] = std::move(ops);
    json::array alerts;
    for (const auto& [id, a] : m_board->open) {
        alerts.push_back(toJson(a));
    }
    data["alerts"] = std::move(alerts);
    return data;
}

// ---------------------------------------------------------------- ticks

void Gateway::scheduleBoardTick()
{
    m_board->tick.expires_after(std::chrono::milliseconds(m_settings.board.checkIntervalMs));
    m_board->tick.async_wait([this, alive = m_alive](boost::system::error_code ec) {
        if (ec || !*alive) {
            return;
        }
        try {
            boardTick();
        } catch (const std::exception& e) {
            spdlog::error("board check failed: {}", e.what());
        }
        scheduleBoardTick();
    });
}

void Gateway::boardTick()
{
    auto& board = *m_board;
    const EpochMs now = nowMs();
    const auto& b = m_settings.board;

    checkStoreRecovered(now);
    sendWaitNotices(now);
    overflowTick(now);
    announcePositions(now);
    phoneCheckTick(now);
    callbackTick(now);
    checkInTick();

    auto unsaved = std::move(board.unsaved);
    board.unsaved.clear();
    for (auto& a : unsaved) {
        raiseAlert(std::move(a));
    }

    const auto openOf = [&](AlertKind kind, std::optional<Id> contact, std::optional<Id> op) {
        return std::any_of(board.open.begin(), board.open.end(), [&](const auto& p) {
            return p.second.kind == kind && p.second.contactId == contact &&
                   p.second.operatorId == op;
        });
    };
    const auto firstTime = [&](AlertKind kind, Id subject, EpochMs since) {
        return board.raised.insert({static_cast<int>(kind), subject, since}).second;
    };

    if (b.waitAlertMs > 0) {
        std::size_t openWaits = static_cast<std::size_t>(
            std::count_if(board.open.begin(), board.open.end(), [](const auto& p) {
                return p.second.kind == AlertKind::WaitOverTarget;
            }));
        for (const auto& c : m_queue.ordered()) {
            if (openWaits >= kMaxOpenWaitAlerts) {
                break;
            }
            if (now - c.queuedAt <= b.waitAlertMs ||
                openOf(AlertKind::WaitOverTarget, c.id, std::nullopt) ||
                !firstTime(AlertKind::WaitOverTarget, c.id, c.queuedAt)) {
                continue;
            }
            Alert a;
            a.kind = AlertKind::WaitOverTarget;
            a.contactId = c.id;
            a.level = c.risk >= RiskLevel::High ? AlertLevel::High : AlertLevel::Warning;
            a.text = fmt::format("{} ({}) has waited over {} in the queue.", c.alias,
                                 toString(c.channel), spoken(b.waitAlertMs));
            raiseAlert(std::move(a));
            ++openWaits;
        }
    }

    if (b.timeLimitMs > 0) {
        for (const auto& [id, since] : board.heldSince) {
            const auto* c = heldContact(id);
            if (!c || !c->operatorId || now - since <= b.timeLimitMs ||
                openOf(AlertKind::OverTimeLimit, id, c->operatorId) ||
                !firstTime(AlertKind::OverTimeLimit, id, since)) {
                continue;
            }
            Alert a;
            a.kind = AlertKind::OverTimeLimit;
            a.contactId = id;
            a.operatorId = c->operatorId;
            a.level = AlertLevel::Warning;
            a.text = fmt::format("{} has been with {} for over {}.", c->operatorName, c->alias,
                                 spoken(b.timeLimitMs));
            raiseAlert(std::move(a));
        }
    }

    if (b.presenceStuckMs > 0) {
        for (const auto& [id, op] : m_operators) {
            if ((op.presence != Presence::Break && op.presence != Presence::WrapUp) ||
                now - op.since <= b.presenceStuckMs ||
                openOf(AlertKind::PresenceStuck, std::nullopt, id) ||
                !firstTime(AlertKind::PresenceStuck, id, op.since)) {
                continue;
            }
            Alert a;
            a.kind = AlertKind::PresenceStuck;
            a.operatorId = id;
            a.level = AlertLevel::Info;
            a.text = fmt::format("{} has been on {} for over {}.", op.account.name,
                                 toString(op.presence), spoken(b.presenceStuckMs));
            raiseAlert(std::move(a));
        }
    }

    // Operators' wellbeing: a gentle word after a long stretch without a
    // break, once per stretch, to the operator alone (docs/wellbeing.md).
    if (b.breakReminderMs > 0) {
        for (auto& [id, op] : m_operators) {
            if (op.workingSince == 0 || op.breakReminded ||
                now - op.workingSince < b.breakReminderMs) {
                continue;
            }
            op.breakReminded = true;
            publish("operator.notice",
                    {{"operatorId", id},
                     {"contactId", nullptr},
                     {"kind", "break-reminder"},
                     {"message", fmt::format("You have been taking contacts for {} without a "
                                             "break. When you can, take a few minutes for "
                                             "yourself: set yourself on break.",
                                             spoken(now - op.workingSince))}},
                    Audience{false, id, false, true});
        }
    }

    // Contacts wait and nobody on shift can take one: at once when one of
    // them is at high or imminent risk, otherwise after the wait target.
    const auto waiting = m_queue.ordered();
    if (waiting.empty() || anyoneCanTake()) {
        board.noOneSince.reset();
        resolveAlerts(AlertKind::NoOneAvailable, std::nullopt);
    } else {
        if (!board.noOneSince) {
            board.noOneSince = now;
        }
        const bool urgent = std::any_of(waiting.begin(), waiting.end(),
                                        [](const auto& c) { return c.risk >= RiskLevel::High; });
        const EpochMs after = urgent ? 0 : b.waitAlertMs;
        if (now - *board.noOneSince >= after &&
            !openOf(AlertKind::NoOneAvailable, std::nullopt, std::nullopt) &&
            firstTime(AlertKind::NoOneAvailable, 0, *board.noOneSince)) {
            Alert a;
            a.kind = AlertKind::NoOneAvailable;
            a.level = urgent ? AlertLevel::High : AlertLevel::Warning;
            a.text = fmt::format("{} waiting and no one is available to take them{}.",
                                 waiting.size() == 1 ? std::string("1 contact")
                                                     : fmt::format("{} contacts", waiting.size()),
                                 urgent ? ", one at high risk or above" : "");
            raiseAlert(std::move(a));
        }
    }

    for (auto& [id, op] : m_operators) {
        if (op.linkLostAt && op.links == 0 && now - *op.linkLostAt >= b.recoveryGraceMs) {
            recover(op);
        }
    }

    repeatAlerts(now);

    // Conditions from more than a day ago cannot come back: forget them.
    if (board.raised.size() > 10'000) {
        std::erase_if(board.raised,
                      [&](const auto& key) { return std::get<2>(key) < now - 24 * 3600 * 1000; });
    }

    // The shift rolled over: everyone's figures start again.
    const EpochMs start = shiftStartAt(now, b.shiftStarts, m_settings.timeZone, b.shiftWindowMs);
    if (!b.shiftStarts.empty() && start != board.lastShiftStart) {
        boardDirty(std::nullopt);
    }
}

// -------------------------------------------------------------- recovery

bool Gateway::anyoneCanTake() const
{
    return std::any_of(m_operators.begin(), m_operators.end(), [](const auto& p) {
        const auto& op = p.second;
        return !op.account.disabled && mayHoldContacts(op.account.role) && op.links > 0 &&
               op.presence == Presence::Available &&
               static_cast<int>(op.held.size()) < op.account.textCapacity;
    });
}

void Gateway::linkLost(OperatorState& op)
{
    // A logout ends the session on purpose (presence offline); only an app
    // that vanished while on shift or holding contacts is waited for.
    if (op.presence == Presence::Offline && op.held.empty()) {
        return;
    }
    op.linkLostAt = nowMs();
    spdlog::info("operator {} lost their link; contacts return in {} ms unless they reconnect",
                 op.account.id, m_settings.board.recoveryGraceMs);
    boardDirty(op.account.id);
}

void Gateway::linkBack(OperatorState& op)
{
    if (op.linkLostAt) {
        op.linkLostAt.reset();
        boardDirty(op.account.id);
    }
}

void Gateway::recover(OperatorState& op)
{
    const Id opId = op.account.id;
    const EpochMs lostAt = *op.linkLostAt;
    op.linkLostAt.reset();
    std::vector<Id> returned;
    std::vector<std::string> aliases;
    for (const Id id : std::vector<Id>(op.held.begin(), op.held.end())) {
        if (m_pending.contains(id)) {
            continue; // a change in flight decides this one
        }
        if (const auto* c = heldContact(id)) {
            aliases.push_back(c->alias);
        }
        returned.push_back(id);
        requeue(id, [id, opId](std::exception_ptr error) {
            if (error) {
                spdlog::error("contact {} of lost operator {} not returned: {}", id, opId,
                              describeStoreError(error));
            }
        });
    }
    setPresence(op, Presence::Offline);
    boardDirty(opId);
    json::array ids;
    for (const Id id : returned) {
        ids.push_back(id);
    }
    publish("operator.lost",
            {{"operator", userRef(opId, op.account.name)},
             {"lostAt", lostAt},
             {"contacts", std::move(ids)}},
            kBoardReaders);
    std::string list;
    for (const auto& alias : aliases) {
        list += (list.empty() ? "" : ", ") + alias;
    }
    Alert a;
    a.kind = AlertKind::OperatorLost;
    a.operatorId = opId;
    a.level = returned.empty() ? AlertLevel::Info : AlertLevel::Warning;
    a.text = returned.empty()
                 ? fmt::format("{}'s app lost its link {} ago and did not come back; set offline.",
                               op.account.name, spoken(nowMs() - lostAt))
                 : fmt::format("{}'s app lost its link {} ago; {} contact{} went back to the "
                               "queue: {}.",
                               op.account.name, spoken(nowMs() - lostAt), returned.size(),
                               returned.size() == 1 ? "" : "s", list);
    spdlog::warn("operator {} did not come back; {} contact(s) returned to the queue", opId,
                 returned.size());
    raiseAlert(std::move(a));
}

// -------------------------------------------------------- live updates

void Gateway::boardObserve(std::string_view name, const json::object& data)
{
    if (!m_board || (!name.starts_with("contact.") && name != "presence.changed")) {
        return;
    }
    if (name == "presence.changed") {
        boardDirty(data.at("operator").at("id").as_int64());
        return;
    }
    const auto* c = data.if_contains("contact");
    if (!c || !c->is_object()) {
        return;
    }
    const auto& contact = c->as_object();
    const Id id = contact.at("id").as_int64();
    const EpochMs now = nowMs();
    std::optional<Id> holder;
    if (const auto& o = contact.at("operatorId"); o.is_int64()) {
        holder = o.as_int64();
    }
    // An alert whose contact moved on ends by itself: a wait once answered,
    // a time limit once the contact is back in the queue or closed.
    if (name == "contact.accepted" || name == "contact.closed") {
        resolveAlerts(AlertKind::WaitOverTarget, id);
    }
    if (name == "contact.queued" || name == "contact.closed") {
        resolveAlerts(AlertKind::OverTimeLimit, id);
    }
    if (name == "contact.accepted" || name == "contact.queued") {
        retellAlerts(id);
    }
    if (name == "contact.accepted") {
        // Handed from one holder to another (a sign-out's hand-off, a lead
        // taking over): the one who let it go has a row to redraw, since the
        // contact leaves them only after this event. (The figures count a
        // contact once, at its first answer, whatever is recorded here.)
        for (const auto& [opId, op] : m_operators) {
            if (op.held.contains(id)) {
                boardDirty(opId);
            }
        }
        m_board->heldSince[id] = now;
        m_board->stats.recordAnswered(id, now, now - contact.at("queuedAt").as_int64());
    } else if (name == "contact.queued" || name == "contact.closed") {
        // The holder's row changes too; the contact has left it already.
        if (m_board->heldSince.erase(id) > 0) {
            for (const auto& [opId, op] : m_operators) {
                if (op.held.contains(id) || holder == opId) {
                    boardDirty(opId);
                }
            }
        }
        if (name == "contact.closed" && contact.at("state") == "abandoned") {
            m_board->stats.recordAbandoned(id, now);
        }
    } else if (name == "contact.assigned") {
        return; // contact.accepted said it all
    }
    if (holder) {
        boardDirty(*holder);
    }
    boardDirty(std::nullopt);
}

void Gateway::boardDirty(std::optional<Id> operatorId)
{
    if (operatorId) {
        m_board->dirtyOperators.insert(*operatorId);
    } else {
        m_board->figuresDirty = true;
    }
    if (!m_board->flushPosted) {
        // One board update per turn of the loop, however many changes made it.
        m_board->flushPosted = true;
        asio::post(m_ex, [this, alive = m_alive] {
            if (*alive) {
                flushBoard();
            }
        });
    }
}

void Gateway::flushBoard()
{
    auto& board = *m_board;
    board.flushPosted = false;
    const auto dirty = std::move(board.dirtyOperators);
    board.dirtyOperators.clear();
    for (const Id id : dirty) {
        if (auto it = m_operators.find(id); it != m_operators.end()) {
            publish("board.operator", {{"operator", boardOperatorJson(it->second)}}, kBoardReaders);
        }
    }
    if (board.figuresDirty) {
        board.figuresDirty = false;
        publish("board.figures", {{"figures", boardFiguresJson()}}, kBoardReaders);
    }
}

} // namespace warmline::telephony
