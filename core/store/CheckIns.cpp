#include "core/store/CheckIns.h"

#include "core/store/Callbacks.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <charconv>

namespace warmline {

namespace {

constexpr std::size_t kMaxListed = 100;
constexpr std::size_t kMaxMissesListed = 200;
constexpr std::size_t kPreviewReasonBytes = 120;

std::string joinDays(const std::vector<std::int64_t>& days)
{
    std::string out;
    for (const auto d : days) {
        if (!out.empty()) {
            out += ',';
        }
        out += std::to_string(d);
    }
    return out;
}

std::vector<std::int64_t> splitDays(const std::string& text)
{
    std::vector<std::int64_t> days;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        std::int64_t d = 0;
        const auto r = std::from_chars(p, end, d);
        if (r.ec != std::errc()) {
            break;
        }
        days.push_back(d);
        p = r.ptr;
        if (p < end && *p == ',') {
            ++p;
        }
    }
    return days;
}

/// Cuts at a UTF-8 character boundary at or before `bytes`.
std::string cut(const std::string& s, std::size_t bytes)
{
    if (s.size() <= bytes) {
        return s;
    }
    std::size_t n = bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) {
        --n;
    }
    return s.substr(0, n) + "…";
}

constexpr const char* kColumns =
    "SELECT k.id, k.caller_id, k.contact_id, c.alias, k.channel, k.zone, k.minute_of_day, "
    "k.weekdays, k.first_day, k.last_day, k.times, k.skip_days, k.reason, k.consent_by, "
    "COALESCE(o.name, ''), k.consent_at, k.last_due, k.stopped_at, k.stopped_by, "
    "COALESCE(k.stop_reason, ''), "
    "(SELECT COUNT(*) FROM checkin_occurrences x WHERE x.checkin_id = k.id "
    "AND x.state != 'missed'), "
    "(SELECT COUNT(*) FROM checkin_occurrences x WHERE x.checkin_id = k.id "
    "AND x.state = 'missed') "
    "FROM checkins k JOIN callers c ON c.id = k.caller_id "
    "LEFT JOIN operators o ON o.id = k.consent_by ";

CheckInRecord readRecord(SQLite::Statement& q)
{
    CheckInRecord r;
    r.id = q.getColumn(0).getInt64();
    r.callerId = q.getColumn(1).getInt64();
    r.contactId = q.getColumn(2).getInt64();
    r.alias = q.getColumn(3).getString();
    r.channel = q.getColumn(4).getString() == "call" ? Channel::Call : Channel::Text;
    r.zone = q.getColumn(5).getString();
    r.schedule.minuteOfDay = q.getColumn(6).getInt();
    r.schedule.weekdays = static_cast<std::uint8_t>(q.getColumn(7).getInt());
    r.schedule.firstDay = q.getColumn(8).getInt64();
    if (!q.getColumn(9).isNull()) {
        r.schedule.lastDay = q.getColumn(9).getInt64();
    }
    if (!q.getColumn(10).isNull()) {
        r.schedule.times = q.getColumn(10).getInt();
    }
    r.schedule.skipDays = splitDays(q.getColumn(11).getString());
    r.reason = q.getColumn(12).getString();
    r.consentBy = q.getColumn(13).getInt64();
    r.consentByName = q.getColumn(14).getString();
    r.consentAt = q.getColumn(15).getInt64();
    r.lastDue = q.getColumn(16).getInt64();
    if (!q.getColumn(17).isNull()) {
        r.stoppedAt = q.getColumn(17).getInt64();
    }
    if (!q.getColumn(18).isNull()) {
        r.stoppedBy = q.getColumn(18).getInt64();
    }
    r.stopReason = q.getColumn(19).getString();
    r.queued = q.getColumn(20).getInt();
    r.missed = q.getColumn(21).getInt();
    return r;
}

std::vector<CheckInRecord> readAll(SQLite::Statement& q, std::size_t limit)
{
    std::vector<CheckInRecord> out;
    while (out.size() < limit && q.executeStep()) {
        out.push_back(readRecord(q));
    }
    return out;
}

void recordOccurrence(SQLite::Database& db, Id id, EpochMs dueAt, std::optional<Id> contactId,
                      const char* state, EpochMs now)
{
    SQLite::Statement q(db, "INSERT INTO checkin_occurrences (checkin_id, due_at, contact_id, "
                            "state, at) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, id);
    q.bind(2, dueAt);
    if (contactId) {
        q.bind(3, *contactId);
    } else {
        q.bind(3);
    }
    q.bind(4, state);
    q.bind(5, now);
    q.exec();
}

} // namespace

Id insertCheckIn(SQLite::Database& db, const CheckInRecord& r)
{
    SQLite::Statement q(
        db, "INSERT INTO checkins (caller_id, contact_id, channel, zone, minute_of_day, "
            "weekdays, first_day, last_day, times, skip_days, reason, consent_by, "
            "consent_at, last_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, r.callerId);
    q.bind(2, r.contactId);
    q.bind(3, r.channel == Channel::Call ? "call" : "text");
    q.bind(4, r.zone);
    q.bind(5, r.schedule.minuteOfDay);
    q.bind(6, static_cast<int>(r.schedule.weekdays));
    q.bind(7, r.schedule.firstDay);
    if (r.schedule.lastDay) {
        q.bind(8, *r.schedule.lastDay);
    } else {
        q.bind(8);
    }
    if (r.schedule.times) {
        q.bind(9, *r.schedule.times);
    } else {
        q.bind(9);
    }
    q.bind(10, joinDays(r.schedule.skipDays));
    q.bind(11, r.reason);
    q.bind(12, r.consentBy);
    q.bind(13, r.consentAt);
    q.bind(14, r.lastDue);
    q.exec();
    return db.getLastInsertRowid();
}

std::vector<CheckInRecord> activeCheckIns(SQLite::Database& db)
{
    SQLite::Statement q(db, std::string(kColumns) + "WHERE k.stopped_at IS NULL ORDER BY k.id");
    std::vector<CheckInRecord> out;
    while (q.executeStep()) {
        out.push_back(readRecord(q));
    }
    return out;
}

std::optional<CheckInRecord> checkInById(SQLite::Database& db, Id id)
{
    SQLite::Statement q(db, std::string(kColumns) + "WHERE k.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readRecord(q);
}

std::vector<CheckInRecord> checkInsOfCaller(SQLite::Database& db, Id callerId)
{
    SQLite::Statement q(db, std::string(kColumns) + "WHERE k.caller_id = ? ORDER BY k.id DESC");
    q.bind(1, callerId);
    return readAll(q, kMaxListed);
}

bool stopCheckIn(SQLite::Database& db, Id id, std::optional<Id> by, const std::string& reason,
                 EpochMs now)
{
    SQLite::Statement q(db, "UPDATE checkins SET stopped_at = ?, stopped_by = ?, stop_reason = ? "
                            "WHERE id = ? AND stopped_at IS NULL");
    q.bind(1, now);
    if (by) {
        q.bind(2, *by);
    } else {
        q.bind(2);
    }
    q.bind(3, reason);
    q.bind(4, id);
    return q.exec() > 0;
}

std::vector<Id> stopCheckInsOfCaller(SQLite::Database& db, Id callerId, std::optional<Id> by,
                                     const std::string& reason, EpochMs now)
{
    std::vector<Id> ids;
    {
        SQLite::Statement q(
            db, "SELECT id FROM checkins WHERE caller_id = ? AND stopped_at IS NULL ORDER BY id");
        q.bind(1, callerId);
        while (q.executeStep()) {
            ids.push_back(q.getColumn(0).getInt64());
        }
    }
    for (const Id id : ids) {
        stopCheckIn(db, id, by, reason, now);
    }
    return ids;
}

CheckInFired fireCheckIn(SQLite::Database& db, Id id, EpochMs dueAt, bool missed, EpochMs now)
{
    SQLite::Statement k(db, "SELECT k.caller_id, k.stopped_at, k.reason, k.channel, "
                            "COALESCE(c.line_number, ''), COALESCE(c.language, '') "
                            "FROM checkins k LEFT JOIN contacts c ON c.id = k.contact_id "
                            "WHERE k.id = ?");
    k.bind(1, id);
    if (!k.executeStep()) {
        return {CheckInFire::Stopped, 0};
    }
    const Id callerId = k.getColumn(0).getInt64();
    if (!k.getColumn(1).isNull()) {
        return {CheckInFire::Stopped, 0};
    }
    const std::string reason = k.getColumn(2).getString();
    const bool byCall = k.getColumn(3).getString() == "call";
    const std::string lineNumber = k.getColumn(4).getString();
    const std::string language = k.getColumn(5).getString();
    {
        SQLite::Statement seen(
            db, "SELECT 1 FROM checkin_occurrences WHERE checkin_id = ? AND due_at = ?");
        seen.bind(1, id);
        seen.bind(2, dueAt);
        if (seen.executeStep()) {
            return {CheckInFire::Already, 0};
        }
    }
    SQLite::Statement last(db, "UPDATE checkins SET last_due = MAX(last_due, ?) WHERE id = ?");
    last.bind(1, dueAt);
    last.bind(2, id);
    last.exec();
    if (missed) {
        recordOccurrence(db, id, dueAt, std::nullopt, "missed", now);
        return {CheckInFire::Missed, 0};
    }
    if (byCall) {
        // A call contact with no call, dialled when an operator takes it
        // (Callbacks.h): from the line the caller called.
        SQLite::Statement add(db, "INSERT INTO contacts (caller_id, channel, state, created_at, "
                                  "queued_at, preview, line_number, language) "
                                  "VALUES (?, 'call', 'queued', ?, ?, ?, ?, ?)");
        add.bind(1, callerId);
        add.bind(2, now);
        add.bind(3, now);
        add.bind(4, "Check-in call: " + cut(reason, kPreviewReasonBytes));
        add.bind(5, lineNumber);
        add.bind(6, language);
        add.exec();
        const Id contactId = db.getLastInsertRowid();
        addCheckInCall(db, contactId, now);
        recordOccurrence(db, id, dueAt, contactId, "queued", now);
        return {CheckInFire::Queued, contactId};
    }
    // A conversation being wrapped up is ending: a new contact instead.
    SQLite::Statement open(db, "SELECT id FROM contacts WHERE caller_id = ? AND channel = 'text' "
                               "AND state IN ('queued', 'offered', 'active') "
                               "ORDER BY id DESC LIMIT 1");
    open.bind(1, callerId);
    if (open.executeStep()) {
        const Id contactId = open.getColumn(0).getInt64();
        recordOccurrence(db, id, dueAt, contactId, "joined", now);
        return {CheckInFire::Joined, contactId};
    }
    SQLite::Statement add(db, "INSERT INTO contacts (caller_id, channel, state, created_at, "
                              "queued_at, preview) VALUES (?, 'text', 'queued', ?, ?, ?)");
    add.bind(1, callerId);
    add.bind(2, now);
    add.bind(3, now);
    add.bind(4, "Check-in: " + cut(reason, kPreviewReasonBytes));
    add.exec();
    const Id contactId = db.getLastInsertRowid();
    recordOccurrence(db, id, dueAt, contactId, "queued", now);
    return {CheckInFire::Queued, contactId};
}

bool markCheckInMissed(SQLite::Database& db, Id contactId, EpochMs now)
{
    // Not when the caller wrote in it meanwhile: that is someone reaching
    // in, waiting like anyone else.
    SQLite::Statement close(db, "UPDATE contacts SET state = 'closed', closed_at = ?1, "
                                "wrapup_note = 'Check-in missed: nobody took it in time.' "
                                "WHERE id = ?2 AND state = 'queued' AND NOT EXISTS "
                                "(SELECT 1 FROM messages m WHERE m.contact_id = ?2)");
    close.bind(1, now);
    close.bind(2, contactId);
    if (close.exec() == 0) {
        return false;
    }
    SQLite::Statement q(db, "UPDATE checkin_occurrences SET state = 'missed', at = ? "
                            "WHERE contact_id = ? AND state = 'queued'");
    q.bind(1, now);
    q.bind(2, contactId);
    return q.exec() > 0;
}

std::optional<CheckInRecord> checkInOfContact(SQLite::Database& db, Id contactId)
{
    SQLite::Statement q(db, "SELECT checkin_id FROM checkin_occurrences WHERE contact_id = ? "
                            "ORDER BY due_at DESC LIMIT 1");
    q.bind(1, contactId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return checkInById(db, q.getColumn(0).getInt64());
}

std::vector<std::pair<Id, EpochMs>> queuedCheckInContacts(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT o.contact_id, o.due_at FROM checkin_occurrences o "
                            "JOIN contacts c ON c.id = o.contact_id "
                            "WHERE o.state = 'queued' AND c.state = 'queued' AND NOT EXISTS "
                            "(SELECT 1 FROM messages m WHERE m.contact_id = c.id)");
    std::vector<std::pair<Id, EpochMs>> out;
    while (q.executeStep()) {
        out.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
    }
    return out;
}

std::vector<CheckInMiss> missedCheckIns(SQLite::Database& db, EpochMs since)
{
    SQLite::Statement q(db,
                        "SELECT k.id, k.caller_id, c.alias, o.due_at, k.reason "
                        "FROM checkin_occurrences o JOIN checkins k ON k.id = o.checkin_id "
                        "JOIN callers c ON c.id = k.caller_id "
                        "WHERE o.state = 'missed' AND o.at >= ? ORDER BY o.at DESC, o.due_at DESC");
    q.bind(1, since);
    std::vector<CheckInMiss> out;
    while (out.size() < kMaxMissesListed && q.executeStep()) {
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                       q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                       q.getColumn(4).getString()});
    }
    return out;
}

} // namespace warmline
