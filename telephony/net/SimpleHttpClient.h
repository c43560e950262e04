#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warmline::telephony {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse
{
    int status = 0;
    std::string body;
    HttpHeaders headers;

    /// The first header with this name (case-insensitive), if any.
    std::optional<std::string> header(std::string_view name) const;
};

/// The request got no HTTP answer: bad URL, no connection, timeout, broken
/// connection.
class HttpClientError : public std::runtime_error
{
public:
    enum class Kind
    {
        BadUrl,
        Connect,
        Timeout,
        Io
    };
    HttpClientError(Kind kind, const std::string& message)
        : std::runtime_error(message), m_kind(kind)
    {
    }
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

/// A blocking HTTP/1.1 client for plain http:// that keeps its connection
/// alive between requests (the simulator, tests and benchmarks). Every
/// operation is bounded by the timeout. Not thread-safe: one per thread.
class SimpleHttpClient
{
public:
    /// `baseUrl` is http://host[:port]; request targets are paths on it.
    explicit SimpleHttpClient(const std::string& baseUrl,
                              std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~SimpleHttpClient();
    SimpleHttpClient(const SimpleHttpClient&) = delete;
    SimpleHttpClient& operator=(const SimpleHttpClient&) = delete;

    /// POSTs an application/x-www-form-urlencoded body (see formEncode).
    HttpResponse postForm(std::string_view target, const std::string& body,
                          const HttpHeaders& headers = {});
    HttpResponse get(std::string_view target, const HttpHeaders& headers = {});
    /// Any method; `contentType` is sent only with a non-empty body.
    HttpResponse request(std::string_view method, std::string_view target, const std::string& body,
                         std::string_view contentType, const HttpHeaders& headers = {});

    void setTimeout(std::chrono::milliseconds timeout);
    /// Drops the kept-alive connection; the next request opens a new one.
    void close();

    /// Percent-encodes for a query string or form value (unreserved kept,
    /// everything else %XX, space as %20).
    static std::string percentEncode(std::string_view);
    /// name=value&… with form encoding (space as '+'), in the given order.
    static std::string formEncode(const HttpHeaders& fields);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace warmline::telephony
