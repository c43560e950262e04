// Link commands, the check-in family (docs/checkins.md): an operator
// schedules a check-in the caller asked for, with their consent, for the
// caller of a contact they hold (a lead for anyone's); the operator sees the
// caller's check-ins and stops one when the caller asks; leads list every
// check-in running and the ones missed. The running schedule is
// GatewayCheckIns.cpp's.

#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/StoreErrors.h"

#include "core/domain/AuditLog.h"
#include "core/store/CheckIns.h"
#include "core/text/Text.h"
#include "telephony/gateway/GatewayBoard.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/gateway/Permissions.h"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace json = boost::json;

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

namespace {

constexpr std::size_t kMaxReasonBytes = 500;
constexpr std::size_t kMaxRunning = 10'000;
constexpr std::size_t kMaxListed = 500; ///< a list answer stays well inside a link frame
constexpr EpochMs kMissesShownMs = 7LL * 24 * 3'600'000;

std::int64_t dayOf(const json::object& params, std::string_view key)
{
    const auto text = link::optionalString(params, key, 16);
    if (!text) {
        throw LinkError(ErrorCode::BadRequest, "Field \"" + std::string(key) + "\" is missing.");
    }
    const auto day = parseLocalDay(*text);
    if (!day) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"" + std::string(key) + "\" must be a date like 2026-11-03.");
    }
    return *day;
}

constexpr std::int64_t kDayMs = 86'400'000;

/// The local calendar day (days since 1970-01-01) that holds `at` in the
/// zone; rounded down, so times before 1970 fall on the right day too.
std::int64_t localDay(const TimeZone& zone, EpochMs at)
{
    const std::int64_t local = zone.toLocal(at);
    return local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
}

/// "2026-11-03 16:00" in the zone.
std::string localText(const TimeZone& zone, EpochMs at)
{
    const std::int64_t day = localDay(zone, at);
    const int minute = static_cast<int>((zone.toLocal(at) - day * kDayMs) / 60'000);
    return formatLocalDay(day) + " " + formatClockTime(minute);
}

} // namespace

void Gateway::addCheckInCommands()
{
    const CommandRule holders{
        .allows = mayHoldContacts,
        .refusal = "Only those who take contacts (operators and leads) schedule check-ins."};
    addCommand("checkin.schedule", holders, &Gateway::cmdCheckInSchedule);
    addCommand("checkin.list", {}, &Gateway::cmdCheckInList);
    addCommand("checkin.stop", holders, &Gateway::cmdCheckInStop);
}

json::object Gateway::checkInJson(const CheckInRecord& r) const
{
    json::object o{{"checkInId", r.id},
                   {"callerId", r.callerId},
                   {"alias", r.alias},
                   {"contactId", r.contactId},
                   {"channel", r.channel == Channel::Call ? "call" : "text"},
                   {"zone", r.zone},
                   {"at", formatClockTime(r.schedule.minuteOfDay)},
                   {"days", formatWeekdays(r.schedule.weekdays)},
                   {"from", formatLocalDay(r.schedule.firstDay)},
                   {"reason", r.reason},
                   {"consentBy", userRef(r.consentBy, r.consentByName)},
                   {"consentAt", r.consentAt},
                   {"queued", r.queued},
                   {"missed", r.missed}};
    if (r.schedule.lastDay) {
        o["until"] = formatLocalDay(*r.schedule.lastDay);
    }
    if (r.schedule.times) {
        o["times"] = *r.schedule.times;
    }
    json::array except;
    for (const auto d : r.schedule.skipDays) {
        except.emplace_back(formatLocalDay(d));
    }
    o["except"] = std::move(except);
    if (r.stoppedAt) {
        o["stoppedAt"] = *r.stoppedAt;
        o["stopReason"] = r.stopReason;
    } else if (const auto it = m_checkIns.find(r.id); it != m_checkIns.end() && it->second.next) {
        o["next"] = *it->second.next;
        o["nextLocal"] = localText(it->second.zone, *it->second.next);
    }
    return o;
}

void Gateway::cmdCheckInSchedule(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto& p = req.params;
    const Id contactId = link::requireInt(p, "contactId");
    if (!holds(state, contactId) && !mayLeadShift(state.role)) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can schedule a check-in only for the caller of a contact you hold.");
    }
    const auto consent = p.if_contains("consent");
    if (consent == nullptr || !consent->is_bool() || !consent->as_bool()) {
        throw LinkError(ErrorCode::BadRequest,
                        "A check-in needs the caller's consent: ask them, then send "
                        "\"consent\": true.");
    }
    const std::string channel = link::optionalString(p, "channel", 8).value_or("text");
    if (channel == "call" && (!m_calls || m_settings.trunkUri.empty())) {
        throw LinkError(ErrorCode::BadRequest,
                        "Check-ins by call are dialled through the trunk, and this line has "
                        "no sip.trunk_uri: schedule a text check-in instead.");
    }
    if (channel != "text" && channel != "call") {
        throw LinkError(ErrorCode::BadRequest, "Field \"channel\" must be \"text\" or \"call\".");
    }
    const std::string reason = link::requireString(p, "reason", kMaxReasonBytes);
    if (trim(reason).empty() || !isValidUtf8(reason)) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"reason\" must say why, for the operator who takes it.");
    }
    if (!p.contains("zone") && !m_settings.timeZone.isNamed()) {
        // A fixed offset is wrong half the year for most callers.
        throw LinkError(ErrorCode::BadRequest,
                        "The line's time zone is a fixed offset from UTC: give the caller's "
                        "zone in \"zone\", like America/New_York.");
    }
    const std::string zoneName =
        link::optionalString(p, "zone", 64).value_or(m_settings.timeZone.name());
    TimeZone zone;
    try {
        zone = checkInZone(zoneName);
    } catch (const std::exception&) {
        throw LinkError(ErrorCode::BadRequest, "Field \"zone\" must be a time zone like "
                                               "America/New_York; \"" +
                                                   zoneName + "\" is not one.");
    }
    CheckInSchedule s;
    const auto at = parseClockTime(link::requireString(p, "at", 8));
    if (!at) {
        throw LinkError(ErrorCode::BadRequest, "Field \"at\" must be a time like 16:00.");
    }
    s.minuteOfDay = *at;
    const auto days = parseWeekdays(link::optionalString(p, "days", 64).value_or("once"));
    if (!days) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"days\" must be \"once\", \"daily\", \"weekdays\" or days like "
                        "\"tue,fri\".");
    }
    s.weekdays = *days;
    const EpochMs now = checkInNow();
    s.firstDay = p.contains("from") ? dayOf(p, "from") : localDay(zone, now);
    if (p.contains("until")) {
        s.lastDay = dayOf(p, "until");
    }
    if (const auto times = link::optionalInt(p, "times")) {
        if (*times < 1 || *times > 500) {
            throw LinkError(ErrorCode::BadRequest, "Field \"times\" must be from 1 to 500.");
        }
        s.times = static_cast<int>(*times);
    }
    if (const auto* except = p.if_contains("except"); except != nullptr && !except->is_null()) {
        if (!except->is_array() || except->as_array().size() > kCheckInMaxSkipDays) {
            throw LinkError(ErrorCode::BadRequest, "Field \"except\" must be a list of at most " +
                                                       std::to_string(kCheckInMaxSkipDays) +
                                                       " dates.");
        }
        for (const auto& d : except->as_array()) {
            const auto day = d.is_string() ? parseLocalDay(d.as_string()) : std::nullopt;
            if (!day) {
                throw LinkError(ErrorCode::BadRequest,
                                "Field \"except\" must hold dates like 2026-11-03.");
            }
            s.skipDays.push_back(*day);
        }
        std::sort(s.skipDays.begin(), s.skipDays.end());
    }
    if (const auto error = validateCheckIn(s); !error.empty()) {
        throw LinkError(ErrorCode::BadRequest, error);
    }
    const auto next = nextCheckIn(s, zone, now);
    if (!next) {
        throw LinkError(ErrorCode::BadRequest, "That schedule has no time left after now.");
    }
    // Starts on the day of its first time to come, so that a time already
    // past today does not use up one of "times".
    s.firstDay = std::max(s.firstDay, localDay(zone, *next));
    if (m_checkIns.size() >= kMaxRunning) {
        throw LinkError(ErrorCode::Conflict, "The line already runs " +
                                                 std::to_string(kMaxRunning) +
                                                 " check-ins; stop some first.");
    }
    const Id opId = *state.operatorId;
    CheckInRecord record;
    record.contactId = contactId;
    record.channel = channel == "call" ? Channel::Call : Channel::Text;
    record.zone = zone.name();
    record.schedule = s;
    record.reason = reason;
    record.consentBy = opId;
    record.lastDue = now;
    write(
        [record, realNow = nowMs()](Repository& repo) mutable {
            const auto c = repo.contacts().contact(record.contactId);
            if (!c) {
                throw LinkError(ErrorCode::NotFound, "There is no such contact.");
            }
            if (repo.callers().callerOptedOut(c->callerId)) {
                throw LinkError(ErrorCode::Conflict,
                                "This caller has opted out (STOP): no check-in can be texted.");
            }
            record.callerId = c->callerId;
            record.consentAt = realNow;
            record.id = insertCheckIn(repo.database(), record);
            json::object detail{{"checkInId", record.id},
                                {"channel", "text"},
                                {"at", formatClockTime(record.schedule.minuteOfDay)},
                                {"days", formatWeekdays(record.schedule.weekdays)},
                                {"zone", record.zone}};
            AuditLog(repo.database())
                .append(realNow, record.consentBy, audit::kCheckInSchedule, record.contactId,
                        record.callerId, json::serialize(detail));
            return *checkInById(repo.database(), record.id);
        },
        [this, reply, rid = req.id](StoreResult<CheckInRecord> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            runCheckIn(*r.value);
            auto data = checkInJson(*r.value);
            spdlog::info("check-in {} scheduled for contact {}", r.value->id, r.value->contactId);
            publish("checkin.scheduled",
                    {{"checkInId", r.value->id},
                     {"alias", r.value->alias},
                     {"by", data.at("consentBy")},
                     {"next", data.contains("next") ? data.at("next") : json::value()}},
                    kBoardReaders);
            reply(link::ackFrame(rid, std::move(data)));
        });
}

void Gateway::cmdCheckInList(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto contactId = link::optionalInt(req.params, "contactId");
    const bool reader = mayReadBoard(state.role);
    if (contactId ? !holds(state, *contactId) && !reader : !reader) {
        throw LinkError(ErrorCode::Forbidden,
                        "You can list the check-ins of the caller of a contact you hold.");
    }
    const EpochMs since = nowMs() - kMissesShownMs;
    struct Listed
    {
        std::vector<CheckInRecord> checkIns;
        std::vector<CheckInMiss> missed;
    };
    read(
        [contactId, since](Repository& repo) {
            Listed l;
            if (contactId) {
                const auto c = repo.contacts().contact(*contactId);
                if (!c) {
                    throw LinkError(ErrorCode::NotFound, "There is no such contact.");
                }
                l.checkIns = checkInsOfCaller(repo.database(), c->callerId);
            } else {
                l.checkIns = activeCheckIns(repo.database());
                l.missed = missedCheckIns(repo.database(), since);
            }
            return l;
        },
        [this, reply, rid = req.id, all = !contactId](StoreResult<Listed> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            json::array list;
            for (const auto& c : r.value->checkIns) {
                if (list.size() == kMaxListed) {
                    break;
                }
                list.emplace_back(checkInJson(c));
            }
            json::object data{{"checkIns", std::move(list)},
                              {"more", r.value->checkIns.size() > kMaxListed},
                              {"now", checkInNow()}};
            if (all) {
                json::array missed;
                for (const auto& m : r.value->missed) {
                    missed.emplace_back(json::object{{"checkInId", m.checkInId},
                                                     {"callerId", m.callerId},
                                                     {"alias", m.alias},
                                                     {"dueAt", m.dueAt},
                                                     {"reason", m.reason}});
                }
                data["missed"] = std::move(missed);
            }
            reply(link::ackFrame(rid, std::move(data)));
        });
}

void Gateway::cmdCheckInStop(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id id = link::requireInt(req.params, "checkInId");
    const std::string why =
        link::optionalString(req.params, "reason", kMaxReasonBytes).value_or("asked to stop");
    if (!isValidUtf8(why)) {
        throw LinkError(ErrorCode::BadRequest, "Field \"reason\" must be UTF-8.");
    }
    // An operator stops the check-ins of a caller whose contact they hold.
    std::vector<Id> mine;
    if (!mayLeadShift(state.role)) {
        for (const auto& [contactId, c] : m_held) {
            if (c.operatorId == state.operatorId) {
                mine.push_back(c.callerId);
            }
        }
    }
    const Id opId = *state.operatorId;
    const bool lead = mayLeadShift(state.role);
    write(
        [id, why, opId, lead, mine](Repository& repo) {
            const auto record = checkInById(repo.database(), id);
            if (!record) {
                throw LinkError(ErrorCode::NotFound, "There is no such check-in.");
            }
            if (!lead && std::find(mine.begin(), mine.end(), record->callerId) == mine.end()) {
                throw LinkError(ErrorCode::Forbidden, "You can stop the check-ins of the caller "
                                                      "of a contact you hold.");
            }
            const EpochMs now = nowMs();
            if (!stopCheckIn(repo.database(), id, opId, why, now)) {
                throw LinkError(ErrorCode::Conflict, "That check-in was stopped already.");
            }
            AuditLog(repo.database())
                .append(now, opId, audit::kCheckInStop, record->contactId, record->callerId,
                        "{\"checkInId\":" + std::to_string(id) + "}");
        },
        [this, id, opId, why, reply, rid = req.id](StoreResult<void> r) {
            if (r.error) {
                reply(storeErrorFrame(rid, r.error));
                return;
            }
            checkInsStopped({id}, opId, why);
            reply(link::ackFrame(rid, {{"checkInId", id}}));
        });
}

} // namespace warmline::telephony
