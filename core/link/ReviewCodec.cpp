#include "core/link/ReviewCodec.h"

#include "core/link/LinkCodec.h"
#include "core/store/Reports.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <charconv>

namespace json = boost::json;

namespace warmline::link {

namespace {

constexpr std::size_t kMaxSearchBytes = 200;
constexpr std::size_t kMaxTopicBytes = 200;

json::value optionalMs(const std::optional<EpochMs>& at)
{
    if (at) {
        return *at;
    }
    return nullptr;
}

json::value optionalId(const std::optional<Id>& id)
{
    if (id) {
        return *id;
    }
    return nullptr;
}

json::array strings(const std::vector<std::string>& items)
{
    json::array a;
    for (const auto& s : items) {
        a.emplace_back(s);
    }
    return a;
}

/// Stored JSON as a value; a damaged cell becomes `fallback`.
json::value storedJson(const std::string& text, json::value fallback)
{
    json::error_code ec;
    auto v = json::parse(text, ec);
    return ec ? fallback : v;
}

std::optional<bool> optionalBool(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
        return std::nullopt;
    }
    if (!v->is_bool()) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"" + std::string(key) + "\" must be true or false.");
    }
    return v->get_bool();
}

std::size_t limitOf(const json::object& o, std::size_t fallback, std::size_t max)
{
    const auto limit = optionalInt(o, "limit");
    if (!limit) {
        return fallback;
    }
    if (*limit < 1 || static_cast<std::size_t>(*limit) > max) {
        throw LinkError(ErrorCode::BadRequest,
                        "Field \"limit\" must be between 1 and " + std::to_string(max) + ".");
    }
    return static_cast<std::size_t>(*limit);
}

} // namespace

json::object toJson(const ReviewRow& r)
{
    json::object o;
    o["id"] = r.id;
    o["alias"] = r.alias;
    o["channel"] = toString(r.channel);
    o["state"] = toString(r.state);
    o["risk"] = toString(r.risk);
    o["createdAt"] = r.createdAt;
    o["acceptedAt"] = optionalMs(r.acceptedAt);
    o["wrapupAt"] = optionalMs(r.wrapUpAt);
    o["closedAt"] = optionalMs(r.closedAt);
    o["durationMs"] = r.durationMs;
    o["operatorId"] = optionalId(r.operatorId);
    o["operatorName"] = r.operatorName;
    if (r.outcome) {
        o["outcome"] = toString(*r.outcome);
    } else {
        o["outcome"] = nullptr;
    }
    if (r.helped) {
        o["helped"] = toString(*r.helped);
    } else {
        o["helped"] = nullptr;
    }
    o["topics"] = strings(r.topics);
    o["escalated"] = r.escalated;
    o["reviewedAt"] = optionalMs(r.reviewedAt);
    o["reviewedBy"] = r.reviewedBy;
    o["followUp"] = r.followUp;
    o["messageCount"] = r.messageCount;
    o["commentCount"] = r.commentCount;
    return o;
}

json::object toJson(const ReviewEscalation& e)
{
    json::object o;
    o["id"] = e.id;
    o["level"] = e.level;
    o["source"] = e.source;
    o["signals"] = storedJson(e.signals, json::array());
    o["state"] = e.state;
    o["openedAt"] = e.openedAt;
    o["openedBy"] = e.openedBy;
    o["closedAt"] = optionalMs(e.closedAt);
    o["closedBy"] = e.closedBy;
    o["outcome"] = e.outcome;
    o["closeReason"] = e.closeReason;
    json::array steps;
    for (const auto& s : e.steps) {
        steps.push_back(json::object{{"id", s.id},
                                     {"at", s.at},
                                     {"operatorName", s.operatorName},
                                     {"kind", s.kind},
                                     {"detail", storedJson(s.detail, json::object())}});
    }
    o["steps"] = std::move(steps);
    return o;
}

json::object toJson(const ReviewComment& c)
{
    return {{"id", c.id},
            {"contactId", c.contactId},
            {"alias", c.alias},
            {"contactCreatedAt", c.contactCreatedAt},
            {"authorName", c.authorName},
            {"operatorId", optionalId(c.operatorId)},
            {"operatorName", c.operatorName},
            {"body", c.body},
            {"at", c.at},
            {"readAt", optionalMs(c.readAt)}};
}

json::object toJson(const ReviewDetail& d)
{
    json::object o;
    o["contact"] = toJson(d.row);
    o["queuedAt"] = d.queuedAt;
    o["wrapup"] = {
        {"note", d.note},
        {"outcome", d.row.outcome ? json::value(toString(*d.row.outcome)) : json::value(nullptr)},
        {"helped", d.row.helped ? json::value(toString(*d.row.helped)) : json::value(nullptr)},
        {"topics", strings(d.row.topics)},
        {"referrals", strings(d.referrals)}};
    o["riskSignals"] = storedJson(d.riskSignals, json::array());
    o["followUpNote"] = d.followUpNote;
    o["purgedAt"] = optionalMs(d.purgedAt);
    json::array messages;
    for (const auto& m : d.messages) {
        messages.push_back(toJson(m));
    }
    o["messages"] = std::move(messages);
    json::array notes;
    for (const auto& n : d.callerNotes) {
        notes.push_back(toJson(n));
    }
    o["callerNotes"] = std::move(notes);
    json::array escalations;
    for (const auto& e : d.escalations) {
        escalations.push_back(toJson(e));
    }
    o["escalations"] = std::move(escalations);
    json::array comments;
    for (const auto& c : d.comments) {
        comments.push_back(toJson(c));
    }
    o["comments"] = std::move(comments);
    json::array interpretations;
    for (const auto& i : d.interpretations) {
        interpretations.push_back(toJson(i));
    }
    o["interpretations"] = std::move(interpretations);
    json::array debriefs;
    for (const auto& b : d.debriefs) {
        debriefs.push_back(toJson(b));
    }
    o["debriefs"] = std::move(debriefs);
    json::array referrals;
    for (const auto& r : d.referralsGiven) {
        referrals.push_back(toJson(r));
    }
    o["referralsGiven"] = std::move(referrals);
    json::array coaching;
    for (const auto& e : d.coaching) {
        coaching.push_back(toJson(e));
    }
    o["coaching"] = std::move(coaching);
    json::array overflow;
    for (const auto& e : d.overflow) {
        json::object x{{"kind", e.kind}, {"detail", e.detail}, {"at", e.at}};
        if (e.leadId) {
            x["leadId"] = *e.leadId;
        }
        overflow.push_back(std::move(x));
    }
    o["overflow"] = std::move(overflow);
    return o;
}

json::object toJson(const Debrief& d)
{
    return {{"id", d.id},
            {"contactId", d.contactId},
            {"operatorName", d.operatorName},
            {"body", d.body},
            {"at", d.at}};
}

json::object toJson(const ReferralGiven& r)
{
    return {{"id", r.id},
            {"contactId", r.contactId},
            {"resourceId", r.resourceId},
            {"resourceName", r.resourceName},
            {"directoryVersion", r.directoryVersion},
            {"how", r.how},
            {"snapshot", r.snapshot},
            {"messageId", r.messageId ? json::value(*r.messageId) : json::value(nullptr)},
            {"operatorName", r.operatorName},
            {"at", r.at}};
}

json::object toJson(const CoachingEvent& e)
{
    return {{"id", e.id},
            {"contactId", e.contactId},
            {"lead", {{"id", e.leadId}, {"name", e.leadName}}},
            {"operator", e.operatorId ? json::value{{"id", *e.operatorId}, {"name", e.operatorName}}
                                      : json::value(nullptr)},
            {"kind", e.kind},
            {"body", e.body},
            {"at", e.at}};
}

json::object toJson(const Interpretation& i)
{
    return {{"id", i.id},
            {"contactId", i.contactId},
            {"service", i.service},
            {"serviceName", i.serviceName},
            {"language", i.language},
            {"operatorName", i.operatorName},
            {"requestedAt", i.requestedAt},
            {"connectedAt", optionalMs(i.connectedAt)},
            {"endedAt", optionalMs(i.endedAt)},
            {"outcome", i.outcome},
            {"reason", i.reason}};
}

json::object toJson(const AuditEntry& e)
{
    return {{"id", e.id},
            {"at", e.at},
            {"operatorId", optionalId(e.operatorId)},
            {"operatorName", e.operatorName},
            {"action", e.action},
            {"contactId", optionalId(e.contactId)},
            {"callerId", optionalId(e.callerId)},
            {"detail", storedJson(e.detail, json::object())}};
}

json::object toJson(const LineSetting& s)
{
    json::object o;
    o["key"] = s.key;
    o["value"] = s.value;
    o["fileValue"] = s.fileValue;
    o["source"] = toString(s.source);
    if (s.source == LineSetting::Source::Admin) {
        o["setAt"] = s.setAt;
        o["setBy"] = s.setBy;
    } else {
        o["setAt"] = nullptr;
        o["setBy"] = nullptr;
    }
    if (const ConfigKeySpec* spec = findConfigKey(s.key)) {
        o["description"] = spec->description;
        if (spec->type == ConfigType::Int) {
            o["type"] = "integer";
            o["min"] = spec->min;
            o["max"] = spec->max;
        } else {
            o["type"] = spec->type == ConfigType::Schedule ? "hours" : "text";
        }
    }
    return o;
}

std::string cursorText(const ReviewCursor& c)
{
    return std::to_string(c.createdAt) + ":" + std::to_string(c.id);
}

std::optional<ReviewCursor> parseCursor(std::string_view text)
{
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    ReviewCursor c;
    const auto a = std::from_chars(text.data(), text.data() + colon, c.createdAt);
    const auto b = std::from_chars(text.data() + colon + 1, text.data() + text.size(), c.id);
    if (a.ec != std::errc() || a.ptr != text.data() + colon || b.ec != std::errc() ||
        b.ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return c;
}

std::optional<EpochMs> timeBound(const json::object& params, std::string_view key,
                                 const TimeZone& zone, bool endOfDay)
{
    const auto* v = params.if_contains(key);
    if (!v || v->is_null()) {
        return std::nullopt;
    }
    if (v->is_string()) {
        const auto start = localDayStart(v->get_string(), zone);
        if (!start) {
            throw LinkError(ErrorCode::BadRequest, "Field \"" + std::string(key) +
                                                       "\" must be a date YYYY-MM-DD or epoch "
                                                       "milliseconds.");
        }
        // The next local midnight: a day is 23 or 25 hours long when the
        // clocks change.
        return endOfDay ? zone.localMidnight(*start + 30LL * 3600 * 1000) : *start;
    }
    return optionalInt(params, key);
}

ReviewFilter reviewFilterFromJson(const json::object& p, const TimeZone& tz)
{
    ReviewFilter f;
    f.from = timeBound(p, "from", tz, false);
    f.to = timeBound(p, "to", tz, true);
    f.operatorId = optionalInt(p, "operatorId");
    if (const auto channel = optionalString(p, "channel", 16)) {
        f.channel = parseChannel(*channel);
        if (!f.channel) {
            throw LinkError(ErrorCode::BadRequest, "Field \"channel\" must be call or text.");
        }
    }
    f.topic = optionalString(p, "topic", kMaxTopicBytes).value_or("");
    if (const auto risk = optionalString(p, "risk", 16)) {
        f.risk = parseRiskLevel(*risk);
        if (!f.risk) {
            throw LinkError(ErrorCode::BadRequest,
                            "Field \"risk\" must be none, concern, high or imminent.");
        }
    }
    f.escalated = optionalBool(p, "escalated");
    f.unreviewedOnly = optionalBool(p, "unreviewed").value_or(false);
    f.followUpOnly = optionalBool(p, "followUp").value_or(false);
    f.search = optionalString(p, "search", kMaxSearchBytes).value_or("");
    if (const auto cursor = optionalString(p, "cursor", 64)) {
        f.after = parseCursor(*cursor);
        if (!f.after) {
            throw LinkError(ErrorCode::BadRequest,
                            "Field \"cursor\" must be a nextCursor from an earlier answer.");
        }
    }
    f.limit = limitOf(p, 50, 200);
    return f;
}

AuditFilter auditFilterFromJson(const json::object& p, const TimeZone& tz)
{
    AuditFilter f;
    f.from = timeBound(p, "from", tz, false);
    f.to = timeBound(p, "to", tz, true);
    f.operatorId = optionalInt(p, "operatorId");
    f.contactId = optionalInt(p, "contactId");
    f.action = optionalString(p, "action", 64).value_or("");
    f.beforeId = optionalInt(p, "before");
    f.limit = limitOf(p, 100, 500);
    return f;
}

} // namespace warmline::link
