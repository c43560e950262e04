#include "core/link/LinkCodec.h"

#include "core/link/LinkCodecDetail.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace json = boost::json;

namespace warmline::link {

namespace {

constexpr std::array<std::pair<ErrorCode, std::string_view>, 11> kCodes{{
    {ErrorCode::BadRequest, "bad_request"},
    {ErrorCode::UnsupportedVersion, "unsupported_version"},
    {ErrorCode::Unauthenticated, "unauthenticated"},
    {ErrorCode::BadCredentials, "bad_credentials"},
    {ErrorCode::Throttled, "throttled"},
    {ErrorCode::Forbidden, "forbidden"},
    {ErrorCode::NotFound, "not_found"},
    {ErrorCode::Conflict, "conflict"},
    {ErrorCode::Capacity, "capacity"},
    {ErrorCode::Unavailable, "unavailable"},
    {ErrorCode::Internal, "internal"},
}};

json::value parseJson(std::string_view frame)
{
    json::error_code ec;
    json::parse_options opts;
    opts.max_depth = 16;
    json::value v = json::parse(frame, ec, {}, opts);
    if (ec) {
        throw LinkError(ErrorCode::BadRequest, "The message is not valid JSON.");
    }
    return v;
}

} // namespace

namespace detail {

[[noreturn]] void badField(std::string_view key, std::string_view what)
{
    throw LinkError(ErrorCode::BadRequest,
                    "Field \"" + std::string(key) + "\" " + std::string(what) + ".");
}

std::string stringOr(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    if (v && v->is_string()) {
        return std::string(v->get_string());
    }
    return {};
}

} // namespace detail

using detail::badField;
using detail::enumField;
using detail::stringOr;

std::string_view toString(ErrorCode c)
{
    for (const auto& [code, name] : kCodes) {
        if (code == c) {
            return name;
        }
    }
    return "internal";
}

std::optional<ErrorCode> parseErrorCode(std::string_view s)
{
    for (const auto& [code, name] : kCodes) {
        if (name == s) {
            return code;
        }
    }
    return std::nullopt;
}

Request parseRequest(std::string_view frame, std::optional<std::string>& idOut)
{
    idOut.reset();
    json::value v = parseJson(frame);
    if (!v.is_object()) {
        throw LinkError(ErrorCode::BadRequest, "The message must be a JSON object.");
    }
    json::object& o = v.get_object();
    const auto* id = o.if_contains("id");
    if (!id || !id->is_string() || id->get_string().empty() ||
        id->get_string().size() > kMaxRequestIdLength) {
        throw LinkError(ErrorCode::BadRequest, "Field \"id\" must be a string of 1-64 characters.");
    }
    idOut = std::string(id->get_string());
    const auto* ver = o.if_contains("v");
    if (!ver || !ver->is_int64()) {
        throw LinkError(ErrorCode::BadRequest, "Field \"v\" (protocol version) is missing.");
    }
    if (ver->get_int64() != kProtocolVersion) {
        throw LinkError(ErrorCode::UnsupportedVersion,
                        "This gateway speaks protocol version 1 only.");
    }
    Request r;
    r.id = *idOut;
    r.type = requireString(o, "type", 64);
    r.params = std::move(o);
    return r;
}

std::string requireString(const json::object& o, std::string_view key, std::size_t maxBytes)
{
    auto s = optionalString(o, key, maxBytes);
    if (!s) {
        badField(key, "is required");
    }
    return *s;
}

std::optional<std::string> optionalString(const json::object& o, std::string_view key,
                                          std::size_t maxBytes)
{
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
        return std::nullopt;
    }
    if (!v->is_string()) {
        badField(key, "must be a string");
    }
    if (v->get_string().size() > maxBytes) {
        badField(key, "is too long (at most " + std::to_string(maxBytes) + " bytes)");
    }
    return std::string(v->get_string());
}

std::int64_t requireInt(const json::object& o, std::string_view key)
{
    auto i = optionalInt(o, key);
    if (!i) {
        badField(key, "is required");
    }
    return *i;
}

std::optional<std::int64_t> optionalInt(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
        return std::nullopt;
    }
    if (v->is_int64()) {
        return v->get_int64();
    }
    if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(v->get_uint64());
    }
    badField(key, "must be an integer");
}

std::string ackFrame(std::string_view re, json::object data)
{
    json::object o;
    o["type"] = "ack";
    o["re"] = re;
    o["data"] = std::move(data);
    return json::serialize(o);
}

std::string errorFrame(const std::optional<std::string>& re, ErrorCode code,
                       std::string_view message)
{
    json::object o;
    o["type"] = "error";
    if (re) {
        o["re"] = *re;
    } else {
        o["re"] = nullptr;
    }
    o["code"] = toString(code);
    o["message"] = message;
    return json::serialize(o);
}

std::string eventFrame(std::string_view epoch, std::uint64_t seq, std::string_view name,
                       const json::object& data)
{
    json::object o;
    o["type"] = "event";
    o["epoch"] = epoch;
    o["seq"] = seq;
    o["name"] = name;
    o["data"] = data;
    return json::serialize(o);
}

std::string requestFrame(std::string_view id, std::string_view type, json::object params)
{
    params["v"] = kProtocolVersion;
    params["id"] = id;
    params["type"] = type;
    return json::serialize(params);
}

json::object toJson(const ContactSummary& c)
{
    json::object o;
    o["id"] = c.id;
    o["alias"] = c.alias;
    o["channel"] = toString(c.channel);
    o["state"] = toString(c.state);
    o["risk"] = toString(c.risk);
    o["createdAt"] = c.createdAt;
    o["queuedAt"] = c.queuedAt;
    if (c.operatorId) {
        o["operatorId"] = *c.operatorId;
    } else {
        o["operatorId"] = nullptr;
    }
    o["operatorName"] = c.operatorName;
    o["preview"] = c.preview;
    o["messageCount"] = c.messageCount;
    json::array signals;
    for (const auto& s : c.riskSignals) {
        signals.emplace_back(s);
    }
    o["riskSignals"] = std::move(signals);
    if (!c.language.empty()) {
        o["language"] = c.language;
    }
    return o;
}

json::object toJson(const Message& m)
{
    json::object o;
    o["id"] = m.id;
    o["contactId"] = m.contactId;
    o["direction"] = toString(m.direction);
    o["body"] = m.body;
    o["at"] = m.at;
    o["status"] = toString(m.status);
    if (m.error.empty()) {
        o["error"] = nullptr;
    } else {
        o["error"] = m.error;
    }
    o["automatic"] = m.automatic;
    return o;
}

ContactSummary contactFromJson(const json::object& o)
{
    ContactSummary c;
    c.id = requireInt(o, "id");
    c.alias = requireString(o, "alias");
    c.channel = enumField<Channel>(o, "channel", &parseChannel);
    c.state = enumField<ContactState>(o, "state", &parseContactState);
    c.risk = enumField<RiskLevel>(o, "risk", &parseRiskLevel);
    c.createdAt = optionalInt(o, "createdAt").value_or(0);
    c.queuedAt = optionalInt(o, "queuedAt").value_or(0);
    c.operatorId = optionalInt(o, "operatorId");
    c.operatorName = stringOr(o, "operatorName");
    c.preview = stringOr(o, "preview");
    c.messageCount = static_cast<int>(optionalInt(o, "messageCount").value_or(0));
    if (const auto* s = o.if_contains("riskSignals"); s && s->is_array()) {
        for (const auto& v : s->get_array()) {
            if (v.is_string()) {
                c.riskSignals.emplace_back(v.get_string());
            }
        }
    }
    c.language = stringOr(o, "language");
    return c;
}

Message messageFromJson(const json::object& o)
{
    Message m;
    m.id = requireInt(o, "id");
    m.contactId = requireInt(o, "contactId");
    m.direction = enumField<Direction>(o, "direction", &parseDirection);
    m.body = requireString(o, "body", 1u << 20);
    m.at = optionalInt(o, "at").value_or(0);
    m.status = enumField<DeliveryStatus>(o, "status", &parseDeliveryStatus);
    m.error = stringOr(o, "error");
    if (const auto* a = o.if_contains("automatic"); a && a->is_bool()) {
        m.automatic = a->as_bool();
    }
    return m;
}

namespace {
json::array stringArray(const std::vector<std::string>& items)
{
    json::array a;
    a.reserve(items.size());
    for (const auto& item : items) {
        a.emplace_back(item);
    }
    return a;
}

json::value optionalMs(const std::optional<EpochMs>& at)
{
    return at ? json::value(*at) : json::value(nullptr);
}
} // namespace

json::object toJson(const CallerFlag& f)
{
    json::object o;
    o["id"] = f.id;
    o["kind"] = toString(f.kind);
    o["note"] = f.note;
    o["setAt"] = f.setAt;
    o["setBy"] = f.setBy;
    o["expiresAt"] = optionalMs(f.expiresAt);
    return o;
}

json::object toJson(const CallerNote& n)
{
    json::object o;
    o["id"] = n.id;
    o["body"] = n.body;
    o["at"] = n.at;
    o["operatorName"] = n.operatorName;
    return o;
}

json::object toJson(const CallerProfile& p, const LineLimits& defaults)
{
    json::object o;
    o["id"] = p.id;
    o["alias"] = p.alias;
    o["preferredName"] = p.preferredName;
    o["pronouns"] = p.pronouns;
    o["language"] = p.language;
    o["firstContactAt"] = p.firstContactAt;
    o["contactCount"] = p.contactCount;
    o["contactsToday"] = p.contactsToday;
    json::array flags;
    for (const auto& f : p.flags) {
        flags.push_back(toJson(f));
    }
    o["flags"] = std::move(flags);
    json::object limits;
    limits["callsPerDay"] = p.limits.callsPerDay.value_or(defaults.callsPerDay);
    limits["minutesPerCall"] = p.limits.minutesPerCall.value_or(defaults.minutesPerCall);
    limits["preferredTimes"] = p.limits.preferredTimes;
    o["limits"] = std::move(limits);
    json::array notes;
    for (const auto& n : p.notes) {
        notes.push_back(toJson(n));
    }
    o["notes"] = std::move(notes);
    return o;
}

json::object toJson(const ContactHistoryEntry& e)
{
    json::object o;
    o["id"] = e.id;
    o["channel"] = toString(e.channel);
    o["state"] = toString(e.state);
    o["createdAt"] = e.createdAt;
    o["closedAt"] = optionalMs(e.closedAt);
    o["durationMs"] = e.durationMs;
    o["outcome"] = e.outcome ? json::value(toString(*e.outcome)) : json::value(nullptr);
    o["helped"] = e.helped ? json::value(toString(*e.helped)) : json::value(nullptr);
    o["topics"] = stringArray(e.topics);
    o["referrals"] = stringArray(e.referrals);
    o["resourcesShared"] = stringArray(e.resourcesShared);
    o["risk"] = toString(e.risk);
    o["note"] = e.note;
    o["operatorName"] = e.operatorName;
    if (e.surveyAnswer) {
        o["surveyAnswer"] = *e.surveyAnswer;
    }
    return o;
}

json::object toJson(const CallerPlan& p)
{
    json::object sections;
    for (const auto& [key, words] : p.sections) {
        sections[key] = words;
    }
    json::array changes;
    for (const auto& c : p.changes) {
        changes.push_back({{"at", c.at},
                           {"operatorName", c.operatorName},
                           {"contactId", c.contactId ? json::value(*c.contactId) : nullptr},
                           {"sections", stringArray(c.sections)}});
    }
    return {{"id", p.id},
            {"kind", toString(p.kind)},
            {"sections", std::move(sections)},
            {"consent",
             {{"text", p.consentText},
              {"by", p.consentBy},
              {"at", p.consentAt},
              {"contactId", p.consentContactId ? json::value(*p.consentContactId) : nullptr}}},
            {"updatedAt", p.updatedAt},
            {"updatedBy", p.updatedBy},
            {"changes", std::move(changes)}};
}

WrapUp wrapUpFromJson(const json::value& v, const LineContent& line)
{
    if (!v.is_object()) {
        badField("wrapup", "must be an object");
    }
    const auto& o = v.get_object();
    WrapUp w;
    const auto outcome = parseOutcome(requireString(o, "outcome", 64));
    if (!outcome) {
        badField("outcome",
                 "must be supported, referred, escalated, disconnected or inappropriate");
    }
    w.outcome = *outcome;
    const auto helped = parseHelped(requireString(o, "helped", 64));
    if (!helped) {
        badField("helped", "must be yes, somewhat, no or unsure");
    }
    w.helped = *helped;
    auto labels = [&o](std::string_view key, const std::vector<std::string>& allowed,
                       std::string_view what) {
        std::vector<std::string> out;
        const auto* a = o.if_contains(key);
        if (!a || a->is_null()) {
            return out;
        }
        if (!a->is_array()) {
            badField(key, "must be an array of strings");
        }
        for (const auto& item : a->get_array()) {
            if (!item.is_string()) {
                badField(key, "must be an array of strings");
            }
            const std::string label(item.get_string());
            if (std::find(allowed.begin(), allowed.end(), label) == allowed.end()) {
                throw LinkError(ErrorCode::BadRequest,
                                "Unknown " + std::string(what) + " \"" + label +
                                    "\": it is not in this line's list (see line.info).");
            }
            if (std::find(out.begin(), out.end(), label) == out.end()) {
                out.push_back(label);
            }
        }
        return out;
    };
    w.topics = labels("topics", line.topics, "topic");
    w.referrals = labels("referrals", line.referrals, "referral");
    return w;
}

json::object toJson(const OperatorView& v)
{
    json::object o;
    o["id"] = v.id;
    o["name"] = v.name;
    o["role"] = toString(v.role);
    o["capacity"] = v.capacity;
    o["disabled"] = v.disabled;
    o["presence"] = toString(v.presence);
    o["since"] = v.since;
    json::array languages;
    for (const auto& l : v.languages) {
        languages.emplace_back(l);
    }
    o["languages"] = std::move(languages);
    if (!v.sipUri.empty()) {
        o["sipUri"] = v.sipUri;
    }
    if (!v.group.empty()) {
        o["group"] = v.group;
    }
    return o;
}

OperatorView operatorFromJson(const json::object& o)
{
    OperatorView v;
    v.id = requireInt(o, "id");
    v.name = requireString(o, "name", 64);
    v.role = enumField<Role>(o, "role", &parseRole);
    v.capacity = static_cast<int>(optionalInt(o, "capacity").value_or(3));
    if (const auto* d = o.if_contains("disabled"); d && d->is_bool()) {
        v.disabled = d->get_bool();
    }
    if (o.contains("presence")) {
        v.presence = enumField<Presence>(o, "presence", &parsePresence);
    }
    v.since = optionalInt(o, "since").value_or(0);
    if (const auto* l = o.if_contains("languages"); l && l->is_array()) {
        for (const auto& item : l->get_array()) {
            if (item.is_string()) {
                v.languages.emplace_back(item.get_string());
            }
        }
    }
    v.sipUri = stringOr(o, "sipUri");
    v.group = stringOr(o, "group");
    return v;
}

ServerFrame parseServerFrame(std::string_view frame)
{
    json::value v = parseJson(frame);
    if (!v.is_object()) {
        throw LinkError(ErrorCode::BadRequest, "The gateway sent something other than an object.");
    }
    const json::object& o = v.get_object();
    ServerFrame f;
    const auto type = requireString(o, "type", 16);
    auto dataOf = [&o]() {
        const auto* d = o.if_contains("data");
        return (d && d->is_object()) ? d->get_object() : json::object{};
    };
    if (type == "ack") {
        f.kind = ServerFrame::Kind::Ack;
        f.re = optionalString(o, "re", kMaxRequestIdLength);
        f.data = dataOf();
    } else if (type == "error") {
        f.kind = ServerFrame::Kind::Error;
        f.re = optionalString(o, "re", kMaxRequestIdLength);
        f.code = parseErrorCode(requireString(o, "code", 64)).value_or(ErrorCode::Internal);
        f.message = stringOr(o, "message");
    } else if (type == "event") {
        f.kind = ServerFrame::Kind::Event;
        f.epoch = requireString(o, "epoch", 64);
        const auto seq = requireInt(o, "seq");
        f.seq = static_cast<std::uint64_t>(seq);
        f.name = requireString(o, "name", 64);
        f.data = dataOf();
    } else {
        throw LinkError(ErrorCode::BadRequest, "Unknown frame type \"" + type + "\".");
    }
    return f;
}

bool isValidOperatorName(std::string_view name)
{
    if (name.empty() || name.size() > 64) {
        return false;
    }
    for (char ch : name) {
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                        (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace warmline::link
