#include "telephony/net/LinkSession.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <spdlog/spdlog.h>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using net::awaitable;

namespace warmline::telephony {

namespace {
constexpr auto kTuple = net::as_tuple(net::use_awaitable);
} // namespace

template <typename Stream>
LinkSession<Stream>::LinkSession(Stream stream, std::string remote, Gateway& gateway,
                                 const HttpServerSettings& settings)
    : m_ws(std::move(stream)), m_remote(std::move(remote)), m_gateway(gateway),
      m_frames(settings.linkMaxOutboundFrames)
{
    m_ws.read_message_max(settings.linkMaxMessageBytes);
    beast::get_lowest_layer(m_ws).expires_never();
    websocket::stream_base::timeout t{};
    t.handshake_timeout = std::chrono::seconds(10);
    // Beast pings at half the idle time and closes if nothing answers.
    t.idle_timeout = std::chrono::milliseconds(2 * settings.linkPingIntervalMs);
    t.keep_alive_pings = true;
    m_ws.set_option(t);
    m_ws.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "warmline-gateway"); }));
}

template <typename Stream> awaitable<void> LinkSession<Stream>::run(LinkUpgradeRequest req)
{
    auto self = this->shared_from_this();
    auto [ec] = co_await m_ws.async_accept(req, kTuple);
    if (ec) {
        co_return;
    }
    m_ws.text(true);
    m_gateway.attach(self);
    beast::flat_buffer buffer;
    for (;;) {
        auto [rec, n] = co_await m_ws.async_read(buffer, kTuple);
        if (rec) {
            if (rec == websocket::error::message_too_big) {
                spdlog::info("link frame over the size limit; closing the link");
            }
            break;
        }
        if (!m_ws.got_text()) {
            sendFrame(std::make_shared<const std::string>(
                link::errorFrame(std::nullopt, link::ErrorCode::BadRequest,
                                 "Binary frames are not part of the protocol; send JSON text.")));
        } else {
            m_gateway.handleFrame(self, beast::buffers_to_string(buffer.data()));
        }
        buffer.consume(buffer.size());
    }
    m_closed = true;
    m_frames.close();
    m_gateway.detach(this);
}

template <typename Stream>
void LinkSession<Stream>::sendFrame(std::shared_ptr<const std::string> frame)
{
    if (m_closed) {
        return;
    }
    switch (m_frames.push(std::move(frame))) {
    case link::OutboundFrames::Push::Overflow:
        // A client that cannot keep up would hold memory without bound;
        // it reconnects and resynchronises instead.
        spdlog::warn("link send queue full; closing a slow link");
        closeLink();
        break;
    case link::OutboundFrames::Push::StartWriting:
        net::co_spawn(m_ws.get_executor(), writeLoop(this->shared_from_this()), net::detached);
        break;
    case link::OutboundFrames::Push::Queued:
    case link::OutboundFrames::Push::Closed:
        break;
    }
}

template <typename Stream> void LinkSession<Stream>::closeLink()
{
    if (m_closed) {
        return;
    }
    m_closed = true;
    m_frames.close();
    beast::get_lowest_layer(m_ws).socket().close();
}

template <typename Stream>
awaitable<void> LinkSession<Stream>::writeLoop(std::shared_ptr<LinkSession> self)
{
    // The link may be closed while a write is in flight (a full queue); the
    // queue then knows not to take anything off after that write.
    while (auto frame = self->m_frames.next()) {
        auto [ec, n] = co_await self->m_ws.async_write(net::buffer(*frame), kTuple);
        if (ec) {
            self->m_closed = true;
        }
        self->m_frames.written(!ec);
    }
}

template class LinkSession<beast::tcp_stream>;
template class LinkSession<beast::ssl_stream<beast::tcp_stream>>;

} // namespace warmline::telephony
