#pragma once

// A small HTTP/1.1 server on 127.0.0.1 for tests that need a fake peer (a
// carrier's API, a webhook receiver): it records every request and answers
// from a script, a handler or a default response. Its io_context runs on its
// own thread; every public member is safe to call from the test's thread.
// Beast stays in the .cpp file.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warmline::test {

/// One request as the fake server received it.
struct RecordedRequest
{
    std::string method; ///< "GET", "POST", …
    std::string target; ///< path and query, as sent
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// The first header with this name (case-insensitive), if any.
    std::optional<std::string> header(std::string_view name) const;
    std::string path() const;  ///< the target before '?'
    std::string query() const; ///< the target after '?', or ""
};

/// What the fake server answers.
struct FakeResponse
{
    int status = 200;
    std::string body;
    std::string contentType = "application/json";
    /// Read the request, then close the connection without answering.
    bool hangUp = false;
    /// Wait this long before answering (the connection stays open).
    std::chrono::milliseconds delay{0};
};

class FakeHttpServer
{
public:
    using Handler = std::function<FakeResponse(const RecordedRequest&)>;

    /// Listens on 127.0.0.1 with an OS-chosen port and answers every request
    /// with `defaultResponse` until told otherwise.
    explicit FakeHttpServer(FakeResponse defaultResponse = {});
    ~FakeHttpServer();
    FakeHttpServer(const FakeHttpServer&) = delete;
    FakeHttpServer& operator=(const FakeHttpServer&) = delete;

    int port() const;
    std::string url() const; ///< http://127.0.0.1:PORT

    /// Answers in this order, one per request, before the handler or default.
    void enqueueResponses(std::vector<FakeResponse> responses);
    /// Decides the answer for requests the queue does not cover. Runs on the
    /// server's thread, one request at a time.
    void setHandler(Handler handler);
    void setDefaultResponse(FakeResponse response);

    std::vector<RecordedRequest> requests() const;
    std::size_t requestCount() const;
    /// Waits until at least `count` requests have arrived.
    bool waitForRequests(std::size_t count, std::chrono::milliseconds timeout) const;
    /// Waits for a request that satisfies `predicate`; returns the first one.
    std::optional<RecordedRequest>
    waitForRequest(const std::function<bool(const RecordedRequest&)>& predicate,
                   std::chrono::milliseconds timeout) const;
    void clearRequests();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace warmline::test
