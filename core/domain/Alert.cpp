#include "core/domain/Alert.h"

#include <array>
#include <stdexcept>

namespace json = boost::json;

namespace warmline {

namespace {

constexpr std::array<std::string_view, 6> kKinds = {"escalation",      "wait_over_target",
                                                    "over_time_limit", "presence_stuck",
                                                    "operator_lost",   "no_one_available"};
constexpr std::array<std::string_view, 4> kLevels = {"info", "warning", "high", "imminent"};

template <typename E, std::size_t N>
std::optional<E> parseFrom(const std::array<std::string_view, N>& names, std::string_view text)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == text) {
            return static_cast<E>(i);
        }
    }
    return std::nullopt;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isNumberJoiner(char c)
{
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+';
}

std::optional<Id> optionalId(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
        return std::nullopt;
    }
    return v->as_int64();
}

} // namespace

std::string_view toString(AlertKind k)
{
    return kKinds.at(static_cast<std::size_t>(k));
}

std::string_view toString(AlertLevel l)
{
    return kLevels.at(static_cast<std::size_t>(l));
}

std::optional<AlertKind> parseAlertKind(std::string_view text)
{
    return parseFrom<AlertKind>(kKinds, text);
}

std::optional<AlertLevel> parseAlertLevel(std::string_view text)
{
    return parseFrom<AlertLevel>(kLevels, text);
}

std::string sanitizeAlertText(std::string_view text, std::size_t maxBytes)
{
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (isDigit(text[i]) || (text[i] == '+' && i + 1 < text.size() && isDigit(text[i + 1]))) {
            // Measure the whole run a number could be written as.
            std::size_t end = i;
            std::size_t digits = 0;
            std::size_t lastDigit = i;
            while (end < text.size() && (isDigit(text[end]) || isNumberJoiner(text[end]))) {
                if (isDigit(text[end])) {
                    ++digits;
                    lastDigit = end;
                }
                ++end;
            }
            if (digits >= 7) {
                out += "[number]";
                i = lastDigit + 1;
                continue;
            }
            out.append(text.substr(i, lastDigit + 1 - i));
            i = lastDigit + 1;
            continue;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        out.push_back(c < 0x20 || c == 0x7F ? ' ' : text[i]);
        ++i;
    }
    if (out.size() > maxBytes) {
        std::size_t cut = maxBytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        out.resize(cut);
    }
    return out;
}

json::object toJson(const Alert& a, std::string_view acknowledgedByName)
{
    json::object o;
    o["id"] = a.id;
    o["kind"] = toString(a.kind);
    o["contactId"] = a.contactId ? json::value(*a.contactId) : json::value(nullptr);
    o["operatorId"] = a.operatorId ? json::value(*a.operatorId) : json::value(nullptr);
    o["escalationId"] = a.escalationId ? json::value(*a.escalationId) : json::value(nullptr);
    o["level"] = toString(a.level);
    o["text"] = a.text;
    o["raisedAt"] = a.raisedAt;
    o["lastRaisedAt"] = a.lastRaisedAt;
    o["repeatCount"] = a.repeatCount;
    o["louder"] = a.repeatCount > 0;
    o["toAll"] = a.toAll;
    o["acknowledgedBy"] = a.acknowledgedBy ? json::value(*a.acknowledgedBy) : json::value(nullptr);
    o["acknowledgedByName"] = acknowledgedByName;
    o["acknowledgedAt"] = a.acknowledgedAt ? json::value(*a.acknowledgedAt) : json::value(nullptr);
    return o;
}

Alert alertFromJson(const json::object& o)
{
    try {
        Alert a;
        a.id = o.at("id").as_int64();
        const auto kind = parseAlertKind(o.at("kind").as_string());
        const auto level = parseAlertLevel(o.at("level").as_string());
        if (!kind || !level) {
            throw std::invalid_argument("unknown alert kind or level");
        }
        a.kind = *kind;
        a.level = *level;
        a.contactId = optionalId(o, "contactId");
        a.operatorId = optionalId(o, "operatorId");
        a.escalationId = optionalId(o, "escalationId");
        a.text = std::string(o.at("text").as_string());
        a.raisedAt = o.at("raisedAt").as_int64();
        a.lastRaisedAt = o.at("lastRaisedAt").as_int64();
        a.repeatCount = static_cast<int>(o.at("repeatCount").as_int64());
        a.toAll = o.at("toAll").as_bool();
        a.acknowledgedBy = optionalId(o, "acknowledgedBy");
        a.acknowledgedAt = optionalId(o, "acknowledgedAt");
        return a;
    } catch (const std::invalid_argument&) {
        throw;
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string("malformed alert: ") + e.what());
    }
}

} // namespace warmline
