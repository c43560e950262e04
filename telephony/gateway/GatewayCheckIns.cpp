// Check-ins callers asked for (docs/checkins.md), the gateway's running
// part: each check-in's next time on the check-in clock, and on the board's
// tick the ones due enter the queue as text contacts (ordered by their time,
// after any contact with risk signals), exactly once per occurrence: the
// store keeps each (check-in, time) once, so a restart cannot queue one
// twice. One nobody takes within checkins.missed_after leaves the queue and
// is shown to leads as missed. The link commands are commands/CheckIns.cpp.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/store/CheckIns.h"
#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/GatewayJobs.h"

#include <spdlog/spdlog.h>

namespace json = boost::json;

namespace warmline::telephony {

namespace {

struct Fired
{
    CheckInFired fired;
    std::optional<ContactSummary> contact;
    std::optional<Callback> call; ///< a check-in by call: dialled as a callback
};

} // namespace

EpochMs Gateway::checkInNow() const
{
    const auto& c = m_settings.checkIns;
    if (c.clockRate <= 0) {
        return nowMs();
    }
    return c.clockStartMs + (nowMs() - m_checkInClockBase) * c.clockRate;
}

TimeZone Gateway::checkInZone(const std::string& name) const
{
    if (name == m_settings.timeZone.name()) {
        return m_settings.timeZone;
    }
    return TimeZone::named(name);
}

void Gateway::runCheckIn(const CheckInRecord& record)
{
    RunningCheckIn running;
    try {
        running.zone = checkInZone(record.zone);
    } catch (const std::exception& e) {
        // A zone the system's database no longer knows: shown, not guessed.
        spdlog::error("check-in {} is not run: {}", record.id, e.what());
        return;
    }
    running.next = nextCheckIn(record.schedule, running.zone, record.lastDue);
    if (!running.next) {
        return; // its schedule has ended
    }
    running.record = record;
    m_checkIns[record.id] = std::move(running);
}

void Gateway::checkInsStopped(const std::vector<Id>& ids, std::optional<Id> by,
                              const std::string& why)
{
    for (const Id id : ids) {
        m_checkIns.erase(id);
        json::object data{{"checkInId", id}, {"why", why}};
        if (by) {
            const auto it = m_operators.find(*by);
            data["by"] = userRef(*by, it == m_operators.end() ? "" : it->second.account.name);
        }
        publish("checkin.stopped", data, kBoardReaders);
        spdlog::info("check-in {} stopped ({})", id, by ? "by an operator" : why);
    }
}

void Gateway::checkInTick()
{
    if (!m_board || !m_board->loaded) {
        return;
    }
    const EpochMs now = checkInNow();
    const EpochMs missedAfter = m_settings.checkIns.missedAfterMs;
    for (auto& [id, running] : m_checkIns) {
        if (running.firing || !running.next || *running.next > now) {
            continue;
        }
        const EpochMs due = *running.next;
        // Due while the gateway was down, longer ago than anyone would
        // still take it: recorded as missed, for the lead to see.
        const bool missed = now - due > missedAfter;
        running.firing = true;
        write(
            [id, due, missed](Repository& repo) {
                Fired f;
                f.fired = fireCheckIn(repo.database(), id, due, missed, nowMs());
                if (f.fired.outcome == CheckInFire::Queued) {
                    f.contact = repo.contacts().contact(f.fired.contactId);
                    f.call = callbackOf(repo.database(), f.fired.contactId);
                }
                return f;
            },
            [this, id, due](StoreResult<Fired> r) {
                const auto it = m_checkIns.find(id);
                if (r.error) {
                    // Tried again at the next tick: nothing was committed.
                    spdlog::warn("check-in {}: its time could not be recorded: {}", id,
                                 describeStoreError(r.error));
                    if (it != m_checkIns.end()) {
                        it->second.firing = false;
                    }
                    return;
                }
                const auto& f = *r.value;
                json::object data{{"checkInId", id}, {"dueAt", due}};
                switch (f.fired.outcome) {
                case CheckInFire::Queued:
                    if (f.contact) {
                        if (f.call) {
                            m_callbacks[f.contact->id] = *f.call;
                        }
                        m_queue.upsert(*f.contact);
                        m_checkInContacts[f.contact->id] = due;
                        publish("contact.queued", queuedNew(*f.contact), {});
                        data["contactId"] = f.contact->id;
                        data["outcome"] = "queued";
                        publish("checkin.due", data, kBoardReaders);
                        spdlog::info("check-in {} queued as contact {}", id, f.contact->id);
                    }
                    break;
                case CheckInFire::Joined:
                    data["contactId"] = f.fired.contactId;
                    data["outcome"] = "joined";
                    // The operator in that conversation sees it too.
                    publish("checkin.due", data,
                            Audience{false,
                                     m_held.contains(f.fired.contactId)
                                         ? m_held.at(f.fired.contactId).operatorId
                                         : std::nullopt,
                                     true});
                    spdlog::info("check-in {} joined contact {}", id, f.fired.contactId);
                    break;
                case CheckInFire::Missed:
                    data["outcome"] = "missed";
                    if (it != m_checkIns.end()) {
                        data["alias"] = it->second.record.alias;
                    }
                    publish("checkin.missed", data, kBoardReaders);
                    spdlog::info("check-in {}: its time passed while the line was down; missed",
                                 id);
                    break;
                case CheckInFire::Already:
                    break;
                case CheckInFire::Stopped:
                    m_checkIns.erase(id);
                    return;
                }
                if (it == m_checkIns.end()) {
                    return;
                }
                auto& running = it->second;
                running.firing = false;
                running.record.lastDue = std::max(running.record.lastDue, due);
                running.next = nextCheckIn(running.record.schedule, running.zone, due);
                if (!running.next) {
                    spdlog::info("check-in {}: its schedule has ended", id);
                    m_checkIns.erase(it);
                }
            });
    }

    // Queued by a check-in and still waiting after checkins.missed_after:
    // out of the queue now (pending, so nobody takes it meanwhile), closed
    // in the store unless the caller wrote in it meanwhile, and then shown
    // to leads as missed.
    std::vector<std::pair<ContactSummary, EpochMs>> missing;
    for (auto it = m_checkInContacts.begin(); it != m_checkInContacts.end();) {
        const Id id = it->first;
        const auto* queued = m_queue.find(id);
        if (queued == nullptr) {
            if (m_pending.contains(id)) {
                ++it; // an accept or assign in flight: its outcome decides
            } else {
                it = m_checkInContacts.erase(it); // taken (or closed)
            }
            continue;
        }
        if (now - it->second > missedAfter) {
            missing.emplace_back(*queued, it->second);
            it = m_checkInContacts.erase(it);
            continue;
        }
        ++it;
    }
    for (auto& [contact, due] : missing) {
        m_queue.remove(contact.id);
        m_pending.insert(contact.id);
        write(
            [id = contact.id](Repository& repo) {
                const bool marked = markCheckInMissed(repo.database(), id, nowMs());
                return std::make_pair(marked, repo.contacts().contact(id));
            },
            [this, original = contact,
             due](StoreResult<std::pair<bool, std::optional<ContactSummary>>> r) {
                m_pending.erase(original.id);
                if (r.error) {
                    // Back in the queue: the next tick tries again.
                    spdlog::warn("contact {}: the missed check-in was not recorded: {}",
                                 original.id, describeStoreError(r.error));
                    m_queue.upsert(original);
                    m_checkInContacts[original.id] = due;
                    return;
                }
                const auto& [marked, stored] = *r.value;
                if (!marked) {
                    // The caller wrote in it meanwhile: an ordinary contact
                    // now, waiting as any other.
                    if (stored && stored->state == ContactState::Queued) {
                        m_queue.upsert(*stored);
                        publish("contact.updated", {{"contact", link::toJson(*stored)}}, {});
                    }
                    return;
                }
                ContactSummary c = original;
                m_forLead.erase(c.id);
                m_callbacks.erase(c.id);
                c.state = ContactState::Closed;
                publish("contact.closed", {{"contact", link::toJson(c)}}, {});
                publish("checkin.missed",
                        {{"contactId", c.id},
                         {"dueAt", due},
                         {"alias", c.alias},
                         {"outcome", "not taken"}},
                        kBoardReaders);
                spdlog::info("contact {}: check-in not taken in time; missed", c.id);
            });
    }
}

} // namespace warmline::telephony
