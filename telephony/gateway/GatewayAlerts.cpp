// The shift lead board's alerts inside the gateway: raised, repeated louder
// while nobody acknowledges them, retold when their contact changes hands,
// and ended when their cause goes away. The checks that raise them are in
// GatewayBoard.cpp; a lead's acknowledgement in commands/Board.cpp.

#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/store/Repository.h"
#include "telephony/gateway/GatewayJobs.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace json = boost::json;

namespace warmline::telephony {

void Gateway::raiseEscalationAlert(Id contactId, Id escalationId, RiskLevel level,
                                   std::string summary)
{
    for (const auto& [id, a] : m_board->open) {
        if (a.escalationId == escalationId &&
            a.level >= (level == RiskLevel::Imminent ? AlertLevel::Imminent : AlertLevel::High)) {
            return; // already in front of the leads at this level or higher
        }
    }
    Alert a;
    a.kind = AlertKind::Escalation;
    a.contactId = contactId;
    a.escalationId = escalationId;
    a.level = level == RiskLevel::Imminent ? AlertLevel::Imminent : AlertLevel::High;
    std::string who = "contact " + std::to_string(contactId);
    if (const auto* c = heldContact(contactId)) {
        who = c->alias + " (with " + c->operatorName + ")";
        a.operatorId = c->operatorId;
    } else if (const auto* q = m_queue.find(contactId)) {
        who = q->alias + " (waiting)";
    }
    a.text = fmt::format("{} risk: {}{}{}", level == RiskLevel::Imminent ? "Imminent" : "High", who,
                         summary.empty() ? "" : " - ", summary);
    raiseAlert(std::move(a));
}

void Gateway::noteWriteOutcome(const std::exception_ptr& error)
{
    if (!error) {
        if (m_storeFailing) {
            const EpochMs now = nowMs();
            if (!m_storeFailing->succeedingSince) {
                m_storeFailing->succeedingSince = now;
            }
            checkStoreRecovered(now);
        }
        return;
    }
    const auto kind = storeErrorKind(error);
    if (!kind || (*kind != StoreErrorKind::Full && *kind != StoreErrorKind::Io &&
                  *kind != StoreErrorKind::ReadOnly)) {
        return; // a refusal, a busy moment or a full queue: not the disk
    }
    if (m_storeFailing) {
        // Still failing: the steady stretch starts again from the next success.
        m_storeFailing->succeedingSince.reset();
        return;
    }
    m_storeFailing = StoreFailure{nowMs(), std::string(toString(*kind)), std::nullopt};
    // Once, not per write: the log would otherwise fill what little is left.
    spdlog::error("store: writes are failing ({}): new texts are refused with 503 so carriers "
                  "retry; reads go on; free space on the data directory's disk",
                  m_storeFailing->kind);
    publish("store.failing", {{"store", storeStateJson()}}, kBoardReaders);
}

void Gateway::checkStoreRecovered(EpochMs now)
{
    if (!m_storeFailing || !m_storeFailing->succeedingSince ||
        now - *m_storeFailing->succeedingSince < kStoreSteadyMs) {
        return;
    }
    spdlog::warn("store: writes succeed again after {} s of failing ({})",
                 (*m_storeFailing->succeedingSince - m_storeFailing->since) / 1000,
                 m_storeFailing->kind);
    m_storeFailing.reset();
    publish("store.recovered", {{"at", now}}, kBoardReaders);
}

json::value Gateway::storeStateJson() const
{
    if (!m_storeFailing) {
        return json::object{{"failing", false}};
    }
    return json::object{
        {"failing", true}, {"kind", m_storeFailing->kind}, {"since", m_storeFailing->since}};
}

void Gateway::raiseAlert(Alert a)
{
    const EpochMs now = nowMs();
    a.text = sanitizeAlertText(a.text);
    if (a.raisedAt == 0) {
        a.raisedAt = now;
    }
    a.lastRaisedAt = now;
    write([a](Repository& repo) { return repo.board().addAlert(a); },
          [this, a](StoreResult<Id> r) mutable {
              if (r.error) {
                  // Kept and retried on the next check: an alert is never dropped.
                  spdlog::error("alert not stored, will retry: {}", describeStoreError(r.error));
                  m_board->unsaved.push_back(std::move(a));
                  return;
              }
              a.id = *r.value;
              m_board->open[a.id] = a;
              spdlog::info("alert {} raised: {}", a.id, toString(a.kind));
              publish("alert.raised", {{"alert", toJson(a)}}, a.toAll ? Audience{} : kBoardReaders);
          });
}

bool Gateway::alertStillApplies(const Alert& a, EpochMs now) const
{
    const auto& b = m_settings.board;
    switch (a.kind) {
    case AlertKind::Escalation:
    case AlertKind::OperatorLost:
        return true;
    case AlertKind::WaitOverTarget: {
        const auto* c = a.contactId ? m_queue.find(*a.contactId) : nullptr;
        return c && now - c->queuedAt > b.waitAlertMs;
    }
    case AlertKind::OverTimeLimit: {
        const auto* c = a.contactId ? heldContact(*a.contactId) : nullptr;
        return c && c->operatorId == a.operatorId;
    }
    case AlertKind::PresenceStuck: {
        const auto op = a.operatorId ? m_operators.find(*a.operatorId) : m_operators.end();
        return op != m_operators.end() &&
               (op->second.presence == Presence::Break || op->second.presence == Presence::WrapUp);
    }
    case AlertKind::NoOneAvailable:
        return m_queue.size() > 0 && !anyoneCanTake();
    }
    return false;
}

void Gateway::repeatAlerts(EpochMs now)
{
    const auto& b = m_settings.board;
    for (auto& [id, a] : m_board->open) {
        const bool escalateNow =
            a.kind == AlertKind::Escalation && !a.toAll && now - a.raisedAt >= b.escalateAfterMs;
        const bool repeatNow = now - a.lastRaisedAt >= b.repeatAfterMs;
        if ((!escalateNow && !repeatNow) || !alertStillApplies(a, now)) {
            continue;
        }
        a.repeatCount++;
        a.lastRaisedAt = now;
        a.toAll = a.toAll || escalateNow;
        write([id = a.id, count = a.repeatCount, now, toAll = a.toAll](
                  Repository& repo) { repo.board().markAlertRaisedAgain(id, count, now, toAll); },
              [id = a.id](StoreResult<void> r) {
                  if (r.error) {
                      spdlog::error("alert {} repeat not stored: {}", id,
                                    describeStoreError(r.error));
                  }
              });
        if (escalateNow) {
            spdlog::warn("alert {} unacknowledged: sent to everyone on shift", a.id);
        }
        publish("alert.raised", {{"alert", toJson(a)}}, a.toAll ? Audience{} : kBoardReaders);
    }
}

void Gateway::retellAlerts(Id contactId)
{
    for (auto& [alertId, a] : m_board->open) {
        if (a.kind != AlertKind::Escalation || a.contactId != contactId) {
            continue;
        }
        std::string alias;
        std::string who;
        std::optional<Id> holder;
        if (const auto* c = heldContact(contactId)) {
            alias = c->alias;
            who = c->alias + " (with " + c->operatorName + ")";
            holder = c->operatorId;
        } else if (const auto* q = m_queue.find(contactId)) {
            alias = q->alias;
            who = q->alias + " (waiting)";
        } else {
            continue;
        }
        // The text reads "LEVEL risk: ALIAS (HOLDER)[ - summary]": only the
        // alias and its bracket change.
        const auto start = a.text.find(alias);
        if (start == std::string::npos) {
            continue;
        }
        auto end = start + alias.size();
        if (a.text.compare(end, 2, " (") == 0) {
            if (const auto close = a.text.find(')', end); close != std::string::npos) {
                end = close + 1;
            }
        }
        std::string text = sanitizeAlertText(a.text.substr(0, start) + who + a.text.substr(end));
        if (text == a.text && a.operatorId == holder) {
            continue;
        }
        a.text = std::move(text);
        a.operatorId = holder;
        write([id = a.id, text = a.text,
               holder](Repository& repo) { repo.board().retellAlert(id, text, holder); },
              [id = a.id](StoreResult<void> r) {
                  if (r.error) {
                      spdlog::error("alert {} not retold: {}", id, describeStoreError(r.error));
                  }
              });
        publish("alert.updated", {{"alert", toJson(a)}}, a.toAll ? Audience{} : kBoardReaders);
    }
}

void Gateway::resolveAlerts(AlertKind kind, std::optional<Id> contactId)
{
    std::vector<Alert> ended;
    for (auto it = m_board->open.begin(); it != m_board->open.end();) {
        const Alert& a = it->second;
        if (a.kind == kind && (!contactId || a.contactId == contactId)) {
            ended.push_back(a);
            it = m_board->open.erase(it);
        } else {
            ++it;
        }
    }
    const EpochMs now = nowMs();
    for (auto& a : ended) {
        write([id = a.id, now](Repository& repo) { repo.board().resolveAlert(id, now); },
              [id = a.id](StoreResult<void> r) {
                  if (r.error) {
                      spdlog::error("alert {} resolved but not stored: {}", id,
                                    describeStoreError(r.error));
                  }
              });
        a.acknowledgedAt = now;
        auto json = toJson(a);
        json["resolved"] = true;
        spdlog::info("alert {} resolved by itself: {}", a.id, toString(a.kind));
        publish("alert.acknowledged", {{"alert", std::move(json)}},
                a.toAll ? Audience{} : kBoardReaders);
    }
}

} // namespace warmline::telephony
