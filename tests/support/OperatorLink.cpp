#include "support/OperatorLink.h"

#include "support/Process.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <ctime>

namespace json = boost::json;

namespace warmline::test {

OperatorLink::OperatorLink(const std::string& url, const std::string& name,
                           const std::string& password)
{
    m_client.connect(url, std::chrono::seconds(10));
    call("login", {{"name", name}, {"password", password}});
}

OperatorLink::~OperatorLink()
{
    m_client.close();
}

std::int64_t OperatorLink::acceptNext(std::chrono::milliseconds timeout)
{
    std::int64_t id = 0;
    const bool accepted = waitFor(
        [&] {
            const auto f = raw("contact.accept");
            if (f.kind != link::ServerFrame::Kind::Ack) {
                return false;
            }
            id = f.data.at("contact").at("id").as_int64();
            return true;
        },
        timeout);
    REQUIRE(accepted);
    return id;
}

link::ServerFrame OperatorLink::raw(std::string_view type, json::object params)
{
    return m_client.request(type, std::move(params), std::chrono::seconds(15));
}

json::object OperatorLink::call(std::string_view type, json::object params)
{
    auto frame = raw(type, std::move(params));
    if (frame.kind != link::ServerFrame::Kind::Ack) {
        FAIL(type << " was refused: " << link::toString(frame.code) << ": " << frame.message);
    }
    return frame.data;
}

std::optional<json::object> OperatorLink::tryEvent(const std::string& name,
                                                   const Predicate& predicate,
                                                   std::chrono::milliseconds timeout)
{
    for (const auto& e : m_events) {
        if (e.name == name && predicate(e.data)) {
            return e.data;
        }
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return std::nullopt;
        }
        auto e = m_client.nextEvent(left);
        if (!e) {
            return std::nullopt;
        }
        m_events.push_back(*e);
        if (e->name == name && predicate(e->data)) {
            return e->data;
        }
    }
}

json::object OperatorLink::waitEvent(const std::string& name, const Predicate& predicate,
                                     std::chrono::milliseconds timeout)
{
    if (auto data = tryEvent(name, predicate, timeout)) {
        return *data;
    }
    FAIL("no matching " << name << " event in time; events seen:" << eventNames());
    return {};
}

std::string OperatorLink::eventNames() const
{
    std::string s;
    for (const auto& e : m_events) {
        s += " " + e.name;
    }
    return s;
}

std::vector<std::string> OperatorLink::eventTexts() const
{
    std::vector<std::string> out;
    for (const auto& e : m_events) {
        out.push_back(e.name + " " + json::serialize(e.data));
    }
    return out;
}

std::vector<std::string> OperatorLink::statusesOf(std::int64_t messageId) const
{
    std::vector<std::string> out;
    for (const auto& e : m_events) {
        if (e.name == "message.status" && e.data.at("message").at("id").as_int64() == messageId) {
            out.emplace_back(e.data.at("message").at("status").as_string());
        }
    }
    return out;
}

std::int64_t queuedId(OperatorLink& op, const std::string& preview)
{
    return op
        .waitEvent("contact.queued",
                   [&](const boost::json::object& d) {
                       return d.at("contact").at("preview") == preview.c_str();
                   })
        .at("contact")
        .at("id")
        .as_int64();
}

std::vector<std::string> outboundTexts(OperatorLink& op, std::int64_t contactId)
{
    std::vector<std::string> out;
    const auto got = op.call("contact.get", {{"contactId", contactId}});
    for (const auto& m : got.at("messages").as_array()) {
        if (m.at("direction") == "out") {
            out.emplace_back(m.at("body").as_string());
        }
    }
    return out;
}

std::string utcDate(int days)
{
    const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

} // namespace warmline::test
