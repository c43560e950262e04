// Link commands, the board family: the shift board's snapshot and alerts
// for those who read it (leads, supervisors, admins), and a lead's actions:
// assigning a contact, taking one back, sending an operator on break, a
// message to one operator or all, after-hours mode, acknowledging alerts.
// The board's state and checks are GatewayBoard.cpp's.

#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/text/Text.h"
#include "telephony/gateway/GatewayJobs.h"

#include <spdlog/spdlog.h>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxLeadMessageBytes = 500;
constexpr std::size_t kMaxAlertList = 500;

} // namespace

void Gateway::addBoardCommands()
{
    const CommandRule reader{
        .allows = mayReadBoard,
        .refusal = "Only shift leads, supervisors and admins can see the shift board."};
    const CommandRule lead{.allows = mayLeadShift, .refusal = "Only a shift lead can do this."};
    addCommand("board.snapshot", reader, &Gateway::cmdBoardSnapshot);
    addCommand("contact.assign", lead, &Gateway::cmdAssign);
    addCommand("contact.takeback", lead, &Gateway::cmdTakeBack);
    addCommand("operator.break", lead, &Gateway::cmdOperatorBreak);
    addCommand("lead.message", lead, &Gateway::cmdLeadMessage);
    addCommand("line.afterhours", lead, &Gateway::cmdAfterHours);
    addCommand("line.switchboard", lead, &Gateway::cmdSwitchboard);
    addCommand("line.overflow", lead, &Gateway::cmdOverflow);
    addCommand("contact.admit", lead, &Gateway::cmdContactAdmit);
    addCommand("alert.list", reader, &Gateway::cmdAlertList);
    addCommand("alert.ack", lead, &Gateway::cmdAlertAck);
}

void Gateway::cmdBoardSnapshot(LinkState&, const link::Request& req, const Reply& reply)
{
    reply(link::ackFrame(req.id, boardJson()));
}

void Gateway::cmdAssign(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const Id operatorId = link::requireInt(req.params, "operatorId");
    const bool override = req.params.contains("override") && req.params.at("override").is_bool() &&
                          req.params.at("override").as_bool();
    const auto* queued = m_queue.find(contactId);
    refuseIfOverflowing(contactId);
    if (!queued) {
        if (m_held.contains(contactId) || m_pending.contains(contactId)) {
            throw LinkError(ErrorCode::Conflict,
                            "That contact is already held; take it back to the queue first.");
        }
        throw LinkError(ErrorCode::NotFound, "That contact is not waiting in the queue.");
    }
    auto it = m_operators.find(operatorId);
    if (it == m_operators.end() || it->second.account.disabled) {
        throw LinkError(ErrorCode::NotFound, "There is no such operator.");
    }
    auto& op = it->second;
    if (!mayHoldContacts(op.account.role)) {
        throw LinkError(ErrorCode::Conflict, op.account.name + "'s role does not take contacts.");
    }
    if ((op.presence != Presence::Available && op.presence != Presence::Busy) || op.links == 0) {
        throw LinkError(ErrorCode::Conflict, op.account.name + " is not available (" +
                                                 std::string(toString(op.presence)) + ").");
    }
    if (static_cast<int>(op.held.size()) >= op.account.textCapacity) {
        throw LinkError(ErrorCode::Capacity,
                        op.account.name + " already holds as many contacts as " + "they can (" +
                            std::to_string(op.account.textCapacity) + ").");
    }
    const ContactSummary contact = *queued;
    m_queue.remove(contactId);
    m_pending.insert(contactId);
    const EpochMs now = nowMs();
    const EpochMs today = m_settings.timeZone.localMidnight(now);
    const Id leadId = *state.operatorId;
    write(
        [contactId, operatorId, override, now, today](Repository& repo) {
            const auto c = repo.contacts().contact(contactId);
            if (!c) {
                throw NotFoundError("no contact");
            }
            if (const auto profile = repo.callers().callerProfile(c->callerId, now, today)) {
                for (const auto& flag : profile->flags) {
                    if (flag.kind == FlagKind::Blocked && !override) {
                        throw LinkError(ErrorCode::Conflict,
                                        "This caller is flagged blocked (" + flag.note +
                                            "). Assign with override to go ahead.");
                    }
                }
            }
            repo.contacts().markAccepted(contactId, operatorId, now);
            return *repo.contacts().contact(contactId);
        },
        [this, contact, operatorId, leadId, reply, rid = req.id](StoreResult<ContactSummary> r) {
            m_pending.erase(contact.id);
            if (r.error) {
                m_queue.upsert(contact);
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const ContactSummary& c = *r.value;
            holdAssigned(c, m_operators.at(operatorId), leadId);
            spdlog::info("contact {} assigned to operator {} by {}", c.id, operatorId, leadId);
            reply(link::ackFrame(rid, {{"contact", link::toJson(c)}}));
        });
}

void Gateway::cmdTakeBack(LinkState&, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    if (!heldContact(id)) {
        throw LinkError(ErrorCode::Conflict, "That contact is not held by anyone.");
    }
    if (m_pending.contains(id)) {
        throw LinkError(ErrorCode::Conflict, "That contact is changing; try again in a moment.");
    }
    requeue(id, [reply, rid = req.id](std::exception_ptr error) {
        reply(error ? storeErrorFrame(rid, error) : link::ackFrame(rid, {}));
    });
}

void Gateway::cmdOperatorBreak(LinkState&, const link::Request& req, const Reply& reply)
{
    const Id operatorId = link::requireInt(req.params, "operatorId");
    auto it = m_operators.find(operatorId);
    if (it == m_operators.end() || it->second.account.disabled ||
        !mayHoldContacts(it->second.account.role)) {
        throw LinkError(ErrorCode::NotFound, "There is no such operator on shift.");
    }
    auto& op = it->second;
    if (op.presence == Presence::Offline) {
        throw LinkError(ErrorCode::Conflict, op.account.name + " is offline.");
    }
    setPresence(op, Presence::Break);
    reply(link::ackFrame(req.id, {{"operator", link::toJson(viewOf(op))}}));
}

void Gateway::cmdLeadMessage(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto text = link::requireString(req.params, "text", kMaxLeadMessageBytes);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos || !isValidUtf8(text)) {
        throw LinkError(ErrorCode::BadRequest, "A message must be 1-500 bytes of UTF-8.");
    }
    const bool all = req.params.contains("all") && req.params.at("all").is_bool() &&
                     req.params.at("all").as_bool();
    const auto to = link::optionalInt(req.params, "operatorId");
    if (all == to.has_value()) {
        throw LinkError(ErrorCode::BadRequest, "Give either operatorId or \"all\":true.");
    }
    if (to && !m_operators.contains(*to)) {
        throw LinkError(ErrorCode::NotFound, "There is no such operator.");
    }
    const Id leadId = *state.operatorId;
    const auto& lead = m_operators.at(leadId);
    json::object data;
    data["from"] = userRef(leadId, lead.account.name);
    data["to"] = to ? json::value(*to) : json::value(nullptr);
    data["text"] = text;
    data["at"] = nowMs();
    publish("lead.message", data, to ? Audience{false, *to, true} : Audience{});
    reply(link::ackFrame(req.id, {}));
}

void Gateway::cmdAfterHours(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto mode = link::requireString(req.params, "mode", 8);
    if (mode != "on" && mode != "off") {
        throw LinkError(ErrorCode::BadRequest, "Field \"mode\" must be \"on\" or \"off\".");
    }
    const Id leadId = *state.operatorId;
    const EpochMs now = nowMs();
    write([mode, leadId,
           now](Repository& repo) { repo.board().setLineState(kAfterHoursKey, mode, leadId, now); },
          [this, mode, leadId, now, reply, rid = req.id](StoreResult<void> r) {
              if (r.error) {
                  reply(storeErrorFrame(rid, r.error));
                  return;
              }
              const bool on = mode == "on";
              const bool changed = m_board->afterHours != on;
              m_board->afterHours = on;
              if (changed) {
                  const auto& lead = m_operators.at(leadId);
                  spdlog::info("after-hours mode {} by operator {}", mode, leadId);
                  publish(
                      "line.afterhours",
                      {{"afterHours", on}, {"by", userRef(leadId, lead.account.name)}, {"at", now}},
                      {});
              }
              reply(link::ackFrame(rid, {{"afterHours", on}}));
          });
}

// Switchboarding: while on, every new contact waits in the queue for a lead
// to assign it (or take it); operators cannot take it. Switching off lets
// them all go to the ordinary queue, in their order. Kept across restarts.
void Gateway::cmdSwitchboard(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto mode = link::requireString(req.params, "mode", 8);
    if (mode != "on" && mode != "off") {
        throw LinkError(ErrorCode::BadRequest, "Field \"mode\" must be \"on\" or \"off\".");
    }
    const Id leadId = *state.operatorId;
    const EpochMs now = nowMs();
    write([mode, leadId, now](
              Repository& repo) { repo.board().setLineState(kSwitchboardKey, mode, leadId, now); },
          [this, mode, leadId, now, reply, rid = req.id](StoreResult<void> r) {
              if (r.error) {
                  reply(storeErrorFrame(rid, r.error));
                  return;
              }
              const bool on = mode == "on";
              const bool changed = m_board->switchboard != on;
              m_board->switchboard = on;
              std::size_t released = 0;
              if (!on) {
                  // Contacts screening holds stay held (docs/screening.md).
                  std::erase_if(m_forLead, [&](Id id) {
                      if (m_screened.contains(id)) {
                          return false;
                      }
                      released += m_queue.contains(id) ? 1 : 0;
                      return true;
                  });
              }
              if (changed) {
                  const auto& lead = m_operators.at(leadId);
                  spdlog::info("switchboard {} by operator {}; {} contacts released", mode, leadId,
                               released);
                  publish("line.switchboard",
                          {{"switchboard", on},
                           {"by", userRef(leadId, lead.account.name)},
                           {"at", now},
                           {"released", released}},
                          {});
              }
              reply(link::ackFrame(rid, {{"switchboard", on}, {"released", released}}));
          });
}

// Overflow (docs/coaching.md#overflow): while on, waiting texters are sent
// the partner line's text number and waiting callers are offered it by
// keypress, once each. Kept across restarts; refused when the line names no
// partner.
void Gateway::cmdOverflow(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto mode = link::requireString(req.params, "mode", 8);
    if (mode != "on" && mode != "off") {
        throw LinkError(ErrorCode::BadRequest, "Field \"mode\" must be \"on\" or \"off\".");
    }
    const auto& o = m_settings.overflow;
    if (mode == "on" &&
        (o.partnerName.empty() || (o.partnerTextNumber.empty() && o.partnerCallNumber.empty()))) {
        throw LinkError(ErrorCode::Conflict,
                        "This line has no partner line to overflow to; the site's administrator "
                        "sets overflow.partner_name and its numbers in the gateway's "
                        "configuration.");
    }
    const Id leadId = *state.operatorId;
    const EpochMs now = nowMs();
    write([mode, leadId,
           now](Repository& repo) { repo.board().setLineState(kOverflowKey, mode, leadId, now); },
          [this, mode, leadId, now, reply, rid = req.id](StoreResult<void> r) {
              if (r.error) {
                  reply(storeErrorFrame(rid, r.error));
                  return;
              }
              const bool on = mode == "on";
              const bool changed = m_board->overflow != on;
              m_board->overflow = on;
              m_board->overflowBy = on ? std::optional<Id>(leadId) : std::nullopt;
              if (changed) {
                  const auto& lead = m_operators.at(leadId);
                  spdlog::info("overflow {} by operator {}", mode, leadId);
                  publish("line.overflow",
                          {{"overflow", on},
                           {"partner", m_settings.overflow.partnerName},
                           {"by", userRef(leadId, lead.account.name)},
                           {"at", now}},
                          {});
              }
              reply(link::ackFrame(rid, {{"overflow", on}}));
          });
}

void Gateway::cmdAlertList(LinkState&, const link::Request& req, const Reply& reply)
{
    const bool all = req.params.contains("all") && req.params.at("all").is_bool() &&
                     req.params.at("all").as_bool();
    if (!all) {
        json::array a;
        for (const auto& [id, alert] : m_board->open) {
            a.push_back(toJson(alert));
        }
        reply(link::ackFrame(req.id, {{"alerts", std::move(a)}}));
        return;
    }
    const EpochMs since = m_board->lastShiftStart ? m_board->lastShiftStart
                                                  : nowMs() - m_settings.board.shiftWindowMs;
    read([since](Repository& repo) { return repo.board().alertsSince(since, kMaxAlertList); },
         [this, reply, rid = req.id](StoreResult<std::vector<Alert>> r) {
             if (r.error) {
                 reply(storeErrorFrame(rid, r.error));
                 return;
             }
             json::array a;
             for (const auto& alert : *r.value) {
                 std::string by;
                 if (alert.acknowledgedBy) {
                     if (auto op = m_operators.find(*alert.acknowledgedBy);
                         op != m_operators.end()) {
                         by = op->second.account.name;
                     }
                 }
                 a.push_back(toJson(alert, by));
             }
             reply(link::ackFrame(rid, {{"alerts", std::move(a)}}));
         });
}

void Gateway::cmdAlertAck(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id alertId = link::requireInt(req.params, "alertId");
    const Id leadId = *state.operatorId;
    const EpochMs now = nowMs();
    write(
        [alertId, leadId, now](Repository& repo) {
            auto a = repo.board().acknowledgeAlert(alertId, leadId, now);
            if (!a) {
                throw LinkError(ErrorCode::NotFound, "There is no such alert.");
            }
            return *a;
        },
        [this, reply, rid = req.id](StoreResult<Alert> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            const Alert& a = *r.value;
            std::string by;
            if (auto op = m_operators.find(a.acknowledgedBy.value_or(0)); op != m_operators.end()) {
                by = op->second.account.name;
            }
            auto json = toJson(a, by);
            const auto it = m_board->open.find(a.id);
            if (it != m_board->open.end()) {
                // Those who were shown it (everyone, once it went to all) see it end.
                const bool toAll = it->second.toAll;
                m_board->open.erase(it);
                spdlog::info("alert {} acknowledged by operator {}", a.id,
                             a.acknowledgedBy.value_or(0));
                publish("alert.acknowledged", {{"alert", json}},
                        toAll ? Audience{} : kBoardReaders);
            }
            reply(link::ackFrame(rid, {{"alert", std::move(json)}}));
        });
}

} // namespace warmline::telephony
