// Screening of inbound contacts (docs/screening.md). Each text and call is
// counted in its number's hourly window; a number past the line's limit, or
// one the line holds by kind (premium-rate, international), waits in the
// queue for a lead: operators cannot take it, a lead assigns it, takes it or
// admits it to the ordinary queue. A number the line refuses gets no reply
// (a text is still stored, its contact closed at once) or a 603 Decline (a
// call). Every hold, refusal and admission is in the audit log and shown to
// the leads: nothing is dropped without a trace. No number is kept: the
// windows are keyed by the number's hash and forgotten after an hour.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/SupervisionJobs.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <boost/json/parse.hpp>
#include <boost/json/value_to.hpp>
#include <spdlog/spdlog.h>

#include <map>
#include <optional>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;
using supervision::detailJson;

namespace {

json::object screenJson(const Screen& s)
{
    return {{"action", toString(s.action)}, {"kind", s.kind}, {"reason", s.reason}};
}

} // namespace

Screen Gateway::screenInbound(Channel channel, const std::string& number,
                              const std::string& numberHash)
{
    const auto& s = m_settings.screening;
    Screen screen = screenNumber(number, s);
    const bool text = channel != Channel::Call;
    const int perHour = text ? s.textsPerHour : s.callsPerHour;
    if (perHour > 0) {
        auto& window = text ? m_textRate : m_callRate;
        const int count = window.record(numberHash, nowMs(), perHour + 1);
        if (screen.action == ScreenAction::Accept) {
            screen = screenRate(count, perHour, text ? "texts" : "calls");
        }
    }
    return screen;
}

void Gateway::recordRefusal(Channel channel, const Screen& screen, const std::string& alias,
                            std::optional<Id> contactId, std::optional<Id> callerId)
{
    const bool text = channel != Channel::Call;
    (text ? m_counters.screenedRefusedTexts : m_counters.screenedRefusedCalls)++;
    const EpochMs now = nowMs();
    spdlog::info("screening: refused a {} ({})", text ? "text" : "call", screen.kind);
    json::object detail = screenJson(screen);
    detail["channel"] = text ? "text" : "call";
    detail["alias"] = alias;
    write(
        [now, contactId, callerId, detail = detailJson(detail)](Repository& repo) {
            AuditLog(repo.database())
                .append(now, std::nullopt, audit::kScreeningRefuse, contactId, callerId, detail);
        },
        [](StoreResult<void> r) {
            if (r.error) {
                spdlog::error("screening: a refusal was not recorded: {}",
                              describeStoreError(r.error));
            }
        });
    json::object data = screenJson(screen);
    data["channel"] = text ? "text" : "call";
    data["alias"] = alias;
    data["at"] = now;
    if (contactId) {
        data["contactId"] = *contactId;
    }
    publish("line.screened", data, kBoardReaders);
}

void Gateway::holdScreened(const ContactSummary& c, const Screen& screen)
{
    if (m_screened.contains(c.id)) {
        return;
    }
    if (m_screened.size() > 2 * m_queue.size() + 1000) {
        // Ids no longer waiting (taken, closed, abandoned) are forgotten.
        std::erase_if(m_screened, [&](const auto& e) { return !m_queue.contains(e.first); });
    }
    m_forLead.insert(c.id);
    m_screened[c.id] = screen;
    const bool text = c.channel != Channel::Call;
    (text ? m_counters.screenedHeldTexts : m_counters.screenedHeldCalls)++;
    spdlog::info("screening: contact {} held for a lead ({})", c.id, screen.kind);
    json::object detail = screenJson(screen);
    detail["channel"] = text ? "text" : "call";
    write(
        [now = nowMs(), id = c.id, callerId = c.callerId,
         detail = detailJson(detail)](Repository& repo) {
            AuditLog(repo.database())
                .append(now, std::nullopt, audit::kScreeningHold, id, callerId, detail);
        },
        [](StoreResult<void> r) {
            if (r.error) {
                spdlog::error("screening: a hold was not recorded: {}",
                              describeStoreError(r.error));
            }
        });
}

std::vector<std::pair<Id, Screen>> screenedWaiting(Repository& repo)
{
    // From the waiting contacts (few) to their audit rows (indexed by
    // contact), never a scan of the whole audit log.
    SQLite::Statement q(repo.database(),
                        "SELECT a.contact_id, a.action, a.detail FROM contacts c "
                        "JOIN audit_log a ON a.contact_id = c.id WHERE c.state = 'queued' "
                        "AND a.action IN ('screening.hold', 'screening.admit') ORDER BY a.id");
    std::map<Id, std::optional<Screen>> last;
    while (q.executeStep()) {
        const Id id = q.getColumn(0).getInt64();
        if (q.getColumn(1).getString() == audit::kScreeningAdmit) {
            last[id] = std::nullopt;
            continue;
        }
        Screen s{ScreenAction::Hold, "", ""};
        try {
            const auto detail = json::parse(q.getColumn(2).getString()).as_object();
            s.kind = json::value_to<std::string>(detail.at("kind"));
            s.reason = json::value_to<std::string>(detail.at("reason"));
        } catch (const std::exception&) {
            s.kind = "rate";
            s.reason = "held by screening before a restart";
        }
        last[id] = std::move(s);
    }
    std::vector<std::pair<Id, Screen>> out;
    for (auto& [id, s] : last) {
        if (s) {
            out.emplace_back(id, std::move(*s));
        }
    }
    return out;
}

json::array Gateway::screenedSnapshot() const
{
    json::array screened;
    for (const auto& c : m_queue.ordered()) {
        if (const auto it = m_screened.find(c.id);
            it != m_screened.end() && m_forLead.contains(c.id)) {
            screened.push_back(
                {{"contactId", c.id}, {"kind", it->second.kind}, {"reason", it->second.reason}});
        }
    }
    return screened;
}

void Gateway::cmdContactAdmit(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "contactId");
    const auto* c = m_queue.find(id);
    if (!c) {
        throw LinkError(ErrorCode::NotFound, "That contact is not waiting in the queue.");
    }
    if (!m_forLead.contains(id)) {
        throw LinkError(ErrorCode::Conflict,
                        "That contact is not held for a lead; operators can already take it.");
    }
    const Id leadId = *state.operatorId;
    const Id callerId = c->callerId;
    const auto screened = m_screened.find(id);
    json::object detail;
    if (screened != m_screened.end()) {
        detail = screenJson(screened->second);
    } else {
        detail["kind"] = "switchboard";
    }
    write(
        [now = nowMs(), id, leadId, callerId, detail = detailJson(detail)](Repository& repo) {
            AuditLog(repo.database())
                .append(now, leadId, audit::kScreeningAdmit, id, callerId, detail);
        },
        [this, id, leadId, reply, rid = req.id](StoreResult<void> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            m_forLead.erase(id);
            m_screened.erase(id);
            const auto& lead = m_operators.at(leadId);
            spdlog::info("contact {} admitted to the queue by operator {}", id, leadId);
            publish("contact.admitted",
                    {{"contactId", id}, {"by", userRef(leadId, lead.account.name)}}, {});
            reply(link::ackFrame(rid, {{"contactId", id}}));
        });
}

} // namespace warmline::telephony
