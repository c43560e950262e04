#include "support/FakeHttpServer.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace warmline::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr auto kTuple = net::as_tuple(net::use_awaitable);

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::optional<std::string> RecordedRequest::header(std::string_view name) const
{
    for (const auto& [n, v] : headers) {
        if (equalsIgnoreCase(n, name)) {
            return v;
        }
    }
    return std::nullopt;
}

std::string RecordedRequest::path() const
{
    return target.substr(0, target.find('?'));
}

std::string RecordedRequest::query() const
{
    const auto q = target.find('?');
    return q == std::string::npos ? std::string() : target.substr(q + 1);
}

struct FakeHttpServer::Impl
{
    net::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::thread thread;

    mutable std::mutex mutex;
    mutable std::condition_variable changed;
    std::vector<RecordedRequest> requests;
    std::deque<FakeResponse> queued;
    Handler handler;
    FakeResponse defaultResponse;

    FakeResponse answerFor(const RecordedRequest& r)
    {
        Handler h;
        {
            std::lock_guard lock(mutex);
            requests.push_back(r);
            if (!queued.empty()) {
                FakeResponse next = std::move(queued.front());
                queued.pop_front();
                changed.notify_all();
                return next;
            }
            h = handler;
            if (!h) {
                changed.notify_all();
                return defaultResponse;
            }
        }
        FakeResponse answer = h(r);
        // Waiters are told after the handler ran, so a test that saw the
        // request also sees whatever the handler recorded about it.
        std::lock_guard lock(mutex);
        changed.notify_all();
        return answer;
    }

    net::awaitable<void> serve(tcp::socket socket)
    {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        for (;;) {
            stream.expires_after(std::chrono::seconds(30));
            http::request_parser<http::string_body> parser;
            parser.body_limit(16u << 20);
            auto [rec, rn] = co_await http::async_read(stream, buffer, parser, kTuple);
            if (rec) {
                break;
            }
            const auto& req = parser.get();
            RecordedRequest r;
            r.method = std::string(req.method_string());
            r.target = std::string(req.target());
            for (const auto& field : req) {
                r.headers.emplace_back(std::string(field.name_string()),
                                       std::string(field.value()));
            }
            r.body = req.body();
            const FakeResponse answer = answerFor(r);
            if (answer.hangUp) {
                break;
            }
            if (answer.delay.count() > 0) {
                stream.expires_never();
                net::steady_timer wait(stream.get_executor(), answer.delay);
                co_await wait.async_wait(kTuple);
            }

            http::response<http::string_body> res{static_cast<http::status>(answer.status),
                                                  req.version()};
            res.set(http::field::server, "warmline-fake-http");
            if (!answer.body.empty()) {
                res.set(http::field::content_type, answer.contentType);
            }
            res.body() = answer.body;
            res.keep_alive(req.keep_alive());
            res.prepare_payload();
            auto [wec, wn] = co_await http::async_write(stream, res, kTuple);
            if (wec || !res.keep_alive()) {
                break;
            }
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }

    net::awaitable<void> acceptLoop()
    {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(kTuple);
            if (ec) {
                if (ec == net::error::operation_aborted) {
                    co_return;
                }
                continue;
            }
            net::co_spawn(ioc, serve(std::move(socket)), net::detached);
        }
    }
};

FakeHttpServer::FakeHttpServer(FakeResponse defaultResponse) : m_impl(std::make_unique<Impl>())
{
    m_impl->defaultResponse = std::move(defaultResponse);
    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
    m_impl->acceptor.open(endpoint.protocol());
    m_impl->acceptor.set_option(tcp::acceptor::reuse_address(true));
    m_impl->acceptor.bind(endpoint);
    m_impl->acceptor.listen();
    net::co_spawn(m_impl->ioc, m_impl->acceptLoop(), net::detached);
    m_impl->thread = std::thread([impl = m_impl.get()] { impl->ioc.run(); });
}

FakeHttpServer::~FakeHttpServer()
{
    m_impl->ioc.stop();
    m_impl->thread.join();
}

int FakeHttpServer::port() const
{
    return m_impl->acceptor.local_endpoint().port();
}

std::string FakeHttpServer::url() const
{
    return "http://127.0.0.1:" + std::to_string(port());
}

void FakeHttpServer::enqueueResponses(std::vector<FakeResponse> responses)
{
    std::lock_guard lock(m_impl->mutex);
    for (auto& r : responses) {
        m_impl->queued.push_back(std::move(r));
    }
}

void FakeHttpServer::setHandler(Handler handler)
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->handler = std::move(handler);
}

void FakeHttpServer::setDefaultResponse(FakeResponse response)
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->defaultResponse = std::move(response);
}

std::vector<RecordedRequest> FakeHttpServer::requests() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->requests;
}

std::size_t FakeHttpServer::requestCount() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->requests.size();
}

bool FakeHttpServer::waitForRequests(std::size_t count, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(m_impl->mutex);
    return m_impl->changed.wait_for(lock, timeout,
                                    [&] { return m_impl->requests.size() >= count; });
}

std::optional<RecordedRequest>
FakeHttpServer::waitForRequest(const std::function<bool(const RecordedRequest&)>& predicate,
                               std::chrono::milliseconds timeout) const
{
    std::optional<RecordedRequest> found;
    std::unique_lock lock(m_impl->mutex);
    m_impl->changed.wait_for(lock, timeout, [&] {
        for (const auto& r : m_impl->requests) {
            if (predicate(r)) {
                found = r;
                return true;
            }
        }
        return false;
    });
    return found;
}

void FakeHttpServer::clearRequests()
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->requests.clear();
}

} // namespace warmline::test
