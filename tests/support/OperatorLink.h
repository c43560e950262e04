#pragma once

// A logged-in operator link for integration tests: requests that must be
// acknowledged, and events kept in arrival order so a test can wait for one
// that may already have arrived. Blocking; one thread.

#include "core/link/LinkCodec.h"
#include "telephony/net/LinkClient.h"

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::test {

class OperatorLink
{
public:
    using Predicate = std::function<bool(const boost::json::object&)>;

    OperatorLink(const std::string& url, const std::string& name, const std::string& password);
    ~OperatorLink();
    OperatorLink(const OperatorLink&) = delete;
    OperatorLink& operator=(const OperatorLink&) = delete;

    /// Any answer, ack or error.
    link::ServerFrame raw(std::string_view type, boost::json::object params = {});
    /// A request that must be acknowledged (the test fails otherwise); the ack's data.
    boost::json::object call(std::string_view type, boost::json::object params = {});

    /// The data of the first event named `name` satisfying `predicate`, or
    /// nullopt after `timeout`.
    std::optional<boost::json::object> tryEvent(const std::string& name, const Predicate& predicate,
                                                std::chrono::milliseconds timeout);
    /// The same, failing the test (naming the events seen) when none comes.
    boost::json::object waitEvent(const std::string& name, const Predicate& predicate,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

    /// Accepts the head of the queue once something is waiting (the test
    /// fails after `timeout`); the accepted contact's id.
    std::int64_t acceptNext(std::chrono::milliseconds timeout = std::chrono::seconds(15));

    /// The names of the events received so far, space-separated.
    std::string eventNames() const;
    /// Every event received so far, as its name and the JSON of its data.
    std::vector<std::string> eventTexts() const;
    /// The statuses this message went through, in the order the events came.
    std::vector<std::string> statusesOf(std::int64_t messageId) const;

private:
    telephony::LinkClient m_client;
    std::vector<link::ServerFrame> m_events;
};

/// The id of the contact whose contact.queued event shows `preview`
/// (waits for it as waitEvent does).
std::int64_t queuedId(OperatorLink& op, const std::string& preview);

/// The bodies of a contact's outbound texts, oldest first (contact.get).
std::vector<std::string> outboundTexts(OperatorLink& op, std::int64_t contactId);

/// Today's date in UTC moved by `days`, as YYYY-MM-DD (report.get's bounds).
std::string utcDate(int days);

} // namespace warmline::test
