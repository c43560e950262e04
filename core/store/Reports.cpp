#include "core/store/Reports.h"

#include "core/text/JsonStrings.h"

#include <SQLiteCpp/Database.h>
#include <boost/json/array.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace warmline {

namespace {

constexpr EpochMs kDayMs = 24LL * 3600 * 1000;
constexpr EpochMs kHourMs = 3600LL * 1000;

EpochMs floorDiv(EpochMs a, EpochMs b)
{
    EpochMs q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

/// A prepared statement on the raw handle: the report's hot loop reads a
/// million rows, and SQLiteCpp's Column objects cost a shared_ptr copy each.
class RawStatement
{
public:
    RawStatement(sqlite3* db, const char* sql)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) {
            throw std::runtime_error(std::string("report query: ") + sqlite3_errmsg(db));
        }
    }
    ~RawStatement() { sqlite3_finalize(m_stmt); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;

    sqlite3_stmt* get() const { return m_stmt; }
    bool step(sqlite3* db)
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            throw std::runtime_error(std::string("report query: ") + sqlite3_errmsg(db));
        }
        return false;
    }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

std::string_view textAt(sqlite3_stmt* q, int column)
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q, column));
    if (p == nullptr) {
        return {};
    }
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(q, column))};
}

DurationStats statsOf(std::vector<std::int64_t>& values)
{
    DurationStats s;
    s.count = static_cast<std::int64_t>(values.size());
    if (values.empty()) {
        return s;
    }
    std::sort(values.begin(), values.end());
    long double sum = 0;
    for (const auto v : values) {
        sum += static_cast<long double>(v);
    }
    s.meanMs = static_cast<std::int64_t>(sum / static_cast<long double>(values.size()) + 0.5L);
    // Nearest rank: the smallest value with at least p % of the values at
    // or below it.
    auto rank = [&values](int percent) {
        const std::size_t n = values.size();
        std::size_t r = (n * static_cast<std::size_t>(percent) + 99) / 100;
        return values[std::max<std::size_t>(r, 1) - 1];
    };
    s.medianMs = rank(50);
    s.p90Ms = rank(90);
    s.maxMs = values.back();
    return s;
}

LabelCounts sorted(const std::unordered_map<std::string, std::int64_t>& counts)
{
    LabelCounts out(counts.begin(), counts.end());
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return out;
}

double ratio(std::int64_t part, std::int64_t whole)
{
    return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

} // namespace

double SurveyCounts::responseRate() const
{
    return ratio(answered, sent);
}

double Report::abandonRate() const
{
    return ratio(totals.abandoned, totals.answered + totals.abandoned);
}

double Report::answeredOnTimeRate() const
{
    // The service level, as the shift board counts it: an abandoned contact
    // was not answered on time.
    return ratio(answeredOnTime, totals.answered + totals.abandoned);
}

double Report::repeatCallerShare() const
{
    return ratio(repeatCallers, callers);
}

double Report::repeatContactShare() const
{
    return ratio(contactsFromRepeatCallers, totals.contacts);
}

std::string localDate(EpochMs at, const TimeZone& zone)
{
    const EpochMs day = floorDiv(zone.toLocal(at), kDayMs);
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::optional<EpochMs> localDayStart(std::string_view date, const TimeZone& zone)
{
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') {
        return std::nullopt;
    }
    auto number = [&date](std::size_t at, std::size_t len) -> std::optional<int> {
        int v = 0;
        for (std::size_t i = at; i < at + len; ++i) {
            if (date[i] < '0' || date[i] > '9') {
                return std::nullopt;
            }
            v = v * 10 + (date[i] - '0');
        }
        return v;
    };
    const auto y = number(0, 4);
    const auto m = number(5, 2);
    const auto d = number(8, 2);
    if (!y || !m || !d) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(*y),
                                          std::chrono::month(static_cast<unsigned>(*m)),
                                          std::chrono::day(static_cast<unsigned>(*d))};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    const EpochMs days = std::chrono::sys_days(ymd).time_since_epoch().count();
    return zone.fromLocal(days * kDayMs);
}

Report computeReport(SQLite::Database& database, const ReportPeriod& period,
                     const ReportTargets& targets)
{
    if (period.to <= period.from) {
        throw std::invalid_argument("the period must end after it starts");
    }
    if (period.to - period.from > kMaxReportPeriodMs) {
        throw std::invalid_argument("a report covers at most 732 days");
    }
    sqlite3* db = database.getHandle();
    Report r;
    r.period = period;
    r.targets = targets;

    const TimeZone& zone = period.zone;
    const EpochMs firstDay = floorDiv(zone.toLocal(period.from), kDayMs);
    const EpochMs lastDay = floorDiv(zone.toLocal(period.to - 1), kDayMs);
    r.byDay.resize(static_cast<std::size_t>(lastDay - firstDay + 1));
    for (EpochMs d = firstDay; d <= lastDay; ++d) {
        r.byDay[static_cast<std::size_t>(d - firstDay)].date =
            localDate(zone.fromLocal(d * kDayMs), zone);
    }

    std::vector<std::int64_t> answerTimes;
    std::vector<std::int64_t> handleTimes;
    std::unordered_map<std::int64_t, std::int32_t> perCaller;
    std::unordered_map<std::string, std::int64_t> topics;
    std::unordered_map<std::string, std::int64_t> outcomes;
    const EpochMs onTimeMs = static_cast<EpochMs>(targets.answerSeconds) * 1000;

    {
        // INDEXED BY: the covering index answers the whole scan; the planner
        // might otherwise walk the table for a period covering most of it.
        RawStatement q(db, "SELECT created_at, channel, state, accepted_at, wrapup_at, closed_at, "
                           "caller_id, outcome, topics FROM contacts INDEXED BY contacts_report "
                           "WHERE created_at >= ?1 AND created_at < ?2");
        sqlite3_bind_int64(q.get(), 1, period.from);
        sqlite3_bind_int64(q.get(), 2, period.to);
        sqlite3_stmt* s = q.get();
        while (q.step(db)) {
            const EpochMs created = sqlite3_column_int64(s, 0);
            const bool call = textAt(s, 1) == "call";
            const bool abandoned = textAt(s, 2) == "abandoned";
            const bool answered = sqlite3_column_type(s, 3) != SQLITE_NULL;

            ContactCounts& channel = call ? r.calls : r.texts;
            const EpochMs local = zone.toLocal(created);
            ContactCounts& day =
                r.byDay[static_cast<std::size_t>(floorDiv(local, kDayMs) - firstDay)].counts;
            for (ContactCounts* c : {&r.totals, &channel, &day}) {
                ++c->contacts;
                c->answered += answered ? 1 : 0;
                c->abandoned += abandoned ? 1 : 0;
            }
            ++r.byHour[static_cast<std::size_t>((local - floorDiv(local, kDayMs) * kDayMs) /
                                                kHourMs)];
            if (answered) {
                const EpochMs accepted = sqlite3_column_int64(s, 3);
                const EpochMs wait = std::max<EpochMs>(0, accepted - created);
                answerTimes.push_back(wait);
                if (wait <= onTimeMs) {
                    ++r.answeredOnTime;
                }
                const int endColumn = sqlite3_column_type(s, 4) != SQLITE_NULL ? 4 : 5;
                if (sqlite3_column_type(s, endColumn) != SQLITE_NULL) {
                    const EpochMs end = sqlite3_column_int64(s, endColumn);
                    if (end > accepted) {
                        handleTimes.push_back(end - accepted);
                    }
                }
            }
            ++perCaller[sqlite3_column_int64(s, 6)];
            if (sqlite3_column_type(s, 7) != SQLITE_NULL) {
                ++outcomes[std::string(textAt(s, 7))];
            }
            const std::string_view topicText = textAt(s, 8);
            if (topicText.size() > 2) {
                forEachJsonString(topicText, [&topics](std::string_view t) {
                    auto it = topics.find(std::string(t));
                    if (it == topics.end()) {
                        topics.emplace(std::string(t), 1);
                    } else {
                        ++it->second;
                    }
                });
            }
        }
    }
    r.answerTime = statsOf(answerTimes);
    r.handleTime = statsOf(handleTimes);
    r.topics = sorted(topics);
    r.outcomes = sorted(outcomes);
    r.callers = static_cast<std::int64_t>(perCaller.size());
    for (const auto& [caller, n] : perCaller) {
        if (n >= 2) {
            ++r.repeatCallers;
            r.contactsFromRepeatCallers += n;
        }
    }

    {
        RawStatement q(db, "SELECT e.contact_id, e.level, e.state, e.outcome FROM escalations e "
                           "JOIN contacts c ON c.id = e.contact_id "
                           "WHERE c.created_at >= ?1 AND c.created_at < ?2");
        sqlite3_bind_int64(q.get(), 1, period.from);
        sqlite3_bind_int64(q.get(), 2, period.to);
        sqlite3_stmt* s = q.get();
        std::unordered_map<std::string, std::int64_t> levels;
        std::unordered_map<std::string, std::int64_t> ends;
        std::unordered_map<std::int64_t, bool> contacts;
        while (q.step(db)) {
            ++r.escalations;
            contacts[sqlite3_column_int64(s, 0)] = true;
            ++levels[std::string(textAt(s, 1))];
            const std::string_view outcome = textAt(s, 3);
            if (!outcome.empty()) {
                ++ends[std::string(outcome)];
            } else {
                ++ends[textAt(s, 2) == "open" ? "open" : "closed without outcome"];
            }
        }
        r.escalatedContacts = static_cast<std::int64_t>(contacts.size());
        r.escalationLevels = sorted(levels);
        r.escalationOutcomes = sorted(ends);
    }
    {
        // Resources shared from the directory, counted by the period's
        // contacts as escalations are; by name, as they were shared.
        RawStatement q(db, "SELECT g.contact_id, g.how, g.resource_name FROM referrals_given g "
                           "JOIN contacts c ON c.id = g.contact_id "
                           "WHERE c.created_at >= ?1 AND c.created_at < ?2");
        sqlite3_bind_int64(q.get(), 1, period.from);
        sqlite3_bind_int64(q.get(), 2, period.to);
        sqlite3_stmt* s = q.get();
        std::unordered_map<std::string, std::int64_t> how;
        std::unordered_map<std::string, std::int64_t> names;
        std::unordered_map<std::int64_t, bool> contacts;
        while (q.step(db)) {
            ++r.referralsGiven;
            contacts[sqlite3_column_int64(s, 0)] = true;
            ++how[std::string(textAt(s, 1))];
            ++names[std::string(textAt(s, 2))];
        }
        r.referredContacts = static_cast<std::int64_t>(contacts.size());
        r.referralsByHow = sorted(how);
        r.referralResources = sorted(names);
    }
    {
        // Overflow to a partner line: the period's contacts by the steps
        // they reached (a step recorded twice for a contact counts once),
        // in all and by the local day the contact arrived.
        RawStatement q(db, "SELECT DISTINCT o.kind, o.contact_id, c.created_at "
                           "FROM contact_overflow o JOIN contacts c ON c.id = o.contact_id "
                           "WHERE c.created_at >= ?1 AND c.created_at < ?2");
        sqlite3_bind_int64(q.get(), 1, period.from);
        sqlite3_bind_int64(q.get(), 2, period.to);
        sqlite3_stmt* s = q.get();
        std::map<EpochMs, OverflowCounts> byDay;
        while (q.step(db)) {
            const std::string_view kind = textAt(s, 0);
            const EpochMs day = floorDiv(zone.toLocal(sqlite3_column_int64(s, 2)), kDayMs);
            const auto count = [kind](OverflowCounts& c) {
                if (kind == "texted") {
                    ++c.texted;
                } else if (kind == "offered") {
                    ++c.offered;
                } else if (kind == "accepted") {
                    ++c.accepted;
                } else if (kind == "connected") {
                    ++c.connected;
                }
            };
            count(r.overflow);
            count(byDay[day]);
        }
        for (const auto& [day, c] : byDay) {
            r.overflowByDay.emplace_back(localDate(zone.fromLocal(day * kDayMs), zone), c);
        }
    }
    {
        // The survey: the period's contacts sent it, and their answers, in
        // all and by day, channel, topic and the group of the operator who
        // took the contact (as the group is now).
        RawStatement q(db, "SELECT c.created_at, s.channel, s.answer, c.topics, o.op_group "
                           "FROM contact_surveys s JOIN contacts c ON c.id = s.contact_id "
                           "LEFT JOIN operators o ON o.id = c.operator_id "
                           "WHERE c.created_at >= ?1 AND c.created_at < ?2");
        sqlite3_bind_int64(q.get(), 1, period.from);
        sqlite3_bind_int64(q.get(), 2, period.to);
        sqlite3_stmt* s = q.get();
        std::map<EpochMs, SurveyCounts> byDay;
        std::map<std::string, SurveyCounts> byChannel;
        std::unordered_map<std::string, SurveyCounts> byTopic;
        std::map<std::string, SurveyCounts> byGroup;
        while (q.step(db)) {
            const EpochMs day = floorDiv(zone.toLocal(sqlite3_column_int64(s, 0)), kDayMs);
            const bool answered = sqlite3_column_type(s, 2) != SQLITE_NULL;
            const auto answer = answered ? sqlite3_column_int64(s, 2) : 0;
            const auto count = [&](SurveyCounts& c) {
                ++c.sent;
                c.answered += answered ? 1 : 0;
                c.yes += answer == 1 ? 1 : 0;
                c.aLittle += answer == 2 ? 1 : 0;
                c.no += answer == 3 ? 1 : 0;
            };
            count(r.survey);
            count(byDay[day]);
            count(byChannel[std::string(textAt(s, 1))]);
            const std::string_view topicText = textAt(s, 3);
            if (topicText.size() > 2) {
                forEachJsonString(topicText,
                                  [&](std::string_view t) { count(byTopic[std::string(t)]); });
            }
            if (const std::string_view group = textAt(s, 4); !group.empty()) {
                count(byGroup[std::string(group)]);
            }
        }
        for (const auto& [day, c] : byDay) {
            r.surveyByDay.emplace_back(localDate(zone.fromLocal(day * kDayMs), zone), c);
        }
        r.surveyByChannel.assign(byChannel.begin(), byChannel.end());
        r.surveyByGroup.assign(byGroup.begin(), byGroup.end());
        r.surveyByTopic.assign(byTopic.begin(), byTopic.end());
        std::sort(r.surveyByTopic.begin(), r.surveyByTopic.end(), [](const auto& a, const auto& b) {
            return a.second.sent != b.second.sent ? a.second.sent > b.second.sent
                                                  : a.first < b.first;
        });
    }
    {
        // Screening, from the audit log: holds and refusals in the period.
        RawStatement q(db, "SELECT action, COUNT(*) FROM audit_log WHERE at >= ?1 AND at < ?2 "
                           "AND action IN ('screening.hold', 'screening.refuse') GROUP BY action");
        sqlite3_bind_int64(q.get(), 1, period.from);
        sqlite3_bind_int64(q.get(), 2, period.to);
        sqlite3_stmt* s = q.get();
        while (q.step(db)) {
            (textAt(s, 0) == "screening.hold" ? r.screened.held : r.screened.refused) =
                sqlite3_column_int64(s, 1);
        }
    }
    {
        // Check-ins: scheduled and stopped by their own times, occurrences
        // by when they were handled.
        RawStatement q(
            db,
            "SELECT (SELECT COUNT(*) FROM checkins WHERE consent_at >= ?1 AND consent_at < ?2), "
            "(SELECT COUNT(*) FROM checkin_occurrences WHERE at >= ?1 AND at < ?2 "
            "AND state != 'missed'), "
            "(SELECT COUNT(*) FROM checkin_occurrences WHERE at >= ?1 AND at < ?2 "
            "AND state = 'missed'), "
            "(SELECT COUNT(*) FROM checkins WHERE stopped_at >= ?1 AND stopped_at < ?2)");
        sqlite3_bind_int64(q.get(), 1, period.from);
        sqlite3_bind_int64(q.get(), 2, period.to);
        sqlite3_stmt* s = q.get();
        if (q.step(db)) {
            r.checkIns.scheduled = sqlite3_column_int64(s, 0);
            r.checkIns.reached = sqlite3_column_int64(s, 1);
            r.checkIns.missed = sqlite3_column_int64(s, 2);
            r.checkIns.stopped = sqlite3_column_int64(s, 3);
        }
    }
    {
        RawStatement q(
            db,
            "SELECT (SELECT COUNT(*) FROM callbacks WHERE checkin = 0 AND requested_at >= ?1 "
            "AND requested_at < ?2), "
            "(SELECT COUNT(*) FROM callbacks WHERE checkin = 0 AND reached_at >= ?1 AND "
            "reached_at < ?2), "
            "(SELECT COUNT(*) FROM callbacks WHERE checkin = 0 AND state = 'not_reached' AND "
            "closed_at >= ?1 AND closed_at < ?2), "
            "(SELECT COALESCE(CAST(AVG(reached_at - requested_at) AS INTEGER), 0) FROM callbacks "
            "WHERE checkin = 0 AND reached_at >= ?1 AND reached_at < ?2)");
        sqlite3_bind_int64(q.get(), 1, period.from);
        sqlite3_bind_int64(q.get(), 2, period.to);
        sqlite3_stmt* s = q.get();
        if (q.step(db)) {
            r.callbacks.requested = sqlite3_column_int64(s, 0);
            r.callbacks.reached = sqlite3_column_int64(s, 1);
            r.callbacks.notReached = sqlite3_column_int64(s, 2);
            r.callbacks.meanMsToCallback = sqlite3_column_int64(s, 3);
        }
    }
    return r;
}

namespace {

boost::json::object countsJson(const ContactCounts& c)
{
    return {{"contacts", c.contacts}, {"answered", c.answered}, {"abandoned", c.abandoned}};
}

boost::json::object statsJson(const DurationStats& s)
{
    return {{"count", s.count},
            {"meanMs", s.meanMs},
            {"medianMs", s.medianMs},
            {"p90Ms", s.p90Ms},
            {"maxMs", s.maxMs}};
}

boost::json::object surveyJson(const SurveyCounts& c)
{
    return {{"sent", c.sent}, {"answered", c.answered},
            {"yes", c.yes},   {"aLittle", c.aLittle},
            {"no", c.no},     {"responseRate", c.responseRate()}};
}

boost::json::array surveysJson(const LabelSurveys& list, std::string_view label)
{
    boost::json::array a;
    for (const auto& [name, counts] : list) {
        auto o = surveyJson(counts);
        o[label] = name;
        a.push_back(std::move(o));
    }
    return a;
}

boost::json::array labelsJson(const LabelCounts& counts, std::string_view label,
                              std::string_view count)
{
    boost::json::array a;
    for (const auto& [name, n] : counts) {
        a.push_back(boost::json::object{{label, name}, {count, n}});
    }
    return a;
}

} // namespace

TimeZone reportZone(const boost::json::object& period)
{
    if (const auto* name = period.if_contains("timezone"); name && name->is_string()) {
        try {
            return TimeZone::named(name->get_string());
        } catch (const std::invalid_argument&) {
            // A fixed offset ("UTC+02:00") or a zone this system lacks.
        }
    }
    const auto* tz = period.if_contains("tzOffsetMinutes");
    return TimeZone::fixed(tz && tz->is_int64() ? static_cast<int>(tz->get_int64()) : 0);
}

boost::json::object toJson(const Report& r)
{
    boost::json::object o;
    o["period"] = {{"from", r.period.from},
                   {"to", r.period.to},
                   {"timezone", r.period.zone.name()},
                   {"tzOffsetMinutes", r.period.zone.offsetMinutesAt(r.period.from)},
                   {"days", static_cast<std::int64_t>(r.byDay.size())}};
    o["targets"] = {{"answerSeconds", r.targets.answerSeconds},
                    {"answeredOnTimePercent", r.targets.answeredOnTimePercent},
                    {"abandonPercent", r.targets.abandonPercent},
                    {"handleMinutes", r.targets.handleMinutes}};
    auto totals = countsJson(r.totals);
    totals["unanswered"] = r.totals.contacts - r.totals.answered - r.totals.abandoned;
    totals["abandonRate"] = r.abandonRate();
    totals["answeredOnTime"] = r.answeredOnTime;
    totals["answeredOnTimeRate"] = r.answeredOnTimeRate();
    o["totals"] = std::move(totals);
    boost::json::array channels;
    for (const auto& [name, counts] :
         {std::pair<const char*, const ContactCounts*>{"call", &r.calls}, {"text", &r.texts}}) {
        auto c = countsJson(*counts);
        c["channel"] = name;
        channels.push_back(std::move(c));
    }
    o["byChannel"] = std::move(channels);
    boost::json::array days;
    for (const auto& d : r.byDay) {
        auto c = countsJson(d.counts);
        c["date"] = d.date;
        days.push_back(std::move(c));
    }
    o["byDay"] = std::move(days);
    o["byHour"] = boost::json::array(r.byHour.begin(), r.byHour.end());
    o["answerTime"] = statsJson(r.answerTime);
    o["handleTime"] = statsJson(r.handleTime);
    o["topics"] = labelsJson(r.topics, "topic", "contacts");
    o["outcomes"] = labelsJson(r.outcomes, "outcome", "contacts");
    o["escalations"] = {{"total", r.escalations},
                        {"contacts", r.escalatedContacts},
                        {"byLevel", labelsJson(r.escalationLevels, "level", "count")},
                        {"byOutcome", labelsJson(r.escalationOutcomes, "outcome", "count")}};
    o["referrals"] = {{"total", r.referralsGiven},
                      {"contacts", r.referredContacts},
                      {"byHow", labelsJson(r.referralsByHow, "how", "count")},
                      {"byResource", labelsJson(r.referralResources, "resource", "count")}};
    const auto overflowJson = [](const OverflowCounts& c) {
        return boost::json::object{{"texted", c.texted},
                                   {"offered", c.offered},
                                   {"accepted", c.accepted},
                                   {"connected", c.connected}};
    };
    o["overflow"] = overflowJson(r.overflow);
    boost::json::array overflowByDay;
    for (const auto& [date, c] : r.overflowByDay) {
        auto day = overflowJson(c);
        day["date"] = date;
        overflowByDay.emplace_back(std::move(day));
    }
    o["overflow"].as_object()["byDay"] = std::move(overflowByDay);
    o["survey"] = surveyJson(r.survey);
    o["survey"].as_object()["byDay"] = surveysJson(r.surveyByDay, "date");
    o["survey"].as_object()["byChannel"] = surveysJson(r.surveyByChannel, "channel");
    o["survey"].as_object()["byTopic"] = surveysJson(r.surveyByTopic, "topic");
    o["survey"].as_object()["byGroup"] = surveysJson(r.surveyByGroup, "group");
    o["screened"] = {{"held", r.screened.held}, {"refused", r.screened.refused}};
    o["checkIns"] = {{"scheduled", r.checkIns.scheduled},
                     {"reached", r.checkIns.reached},
                     {"missed", r.checkIns.missed},
                     {"stopped", r.checkIns.stopped}};
    o["callbacks"] = {{"requested", r.callbacks.requested},
                      {"reached", r.callbacks.reached},
                      {"notReached", r.callbacks.notReached},
                      {"meanMsToCallback", r.callbacks.meanMsToCallback}};
    o["callers"] = {{"callers", r.callers},
                    {"repeatCallers", r.repeatCallers},
                    {"repeatCallerShare", r.repeatCallerShare()},
                    {"contactsFromRepeatCallers", r.contactsFromRepeatCallers},
                    {"repeatContactShare", r.repeatContactShare()}};
    return o;
}

} // namespace warmline
