#pragma once

// The operator link's WebSocket session: accepts the upgrade that HttpServer
// read, hands each text frame to the Gateway and writes the frames the
// Gateway sends back through LinkPeer, one write at a time from a bounded
// queue (a link that cannot keep up is closed and resynchronises on its
// reconnect). Runs on the gateway's io_context, like the HTTP session it
// came from. Beast is in this header: only HttpServer.cpp and
// LinkSession.cpp include it.

#include "core/link/OutboundFrames.h"
#include "telephony/gateway/Gateway.h"
#include "telephony/net/HttpServer.h"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <memory>
#include <string>

namespace warmline::telephony {

/// The HTTP request that asked for the upgrade to the link.
using LinkUpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

template <typename Stream>
class LinkSession : public LinkPeer, public std::enable_shared_from_this<LinkSession<Stream>>
{
public:
    LinkSession(Stream stream, std::string remote, Gateway& gateway,
                const HttpServerSettings& settings);

    /// Completes the upgrade, attaches to the gateway and serves the link
    /// until it closes; then detaches.
    boost::asio::awaitable<void> run(LinkUpgradeRequest req);

    void sendFrame(std::shared_ptr<const std::string> frame) override;
    void closeLink() override;
    const std::string& remoteAddress() const override { return m_remote; }

private:
    static boost::asio::awaitable<void> writeLoop(std::shared_ptr<LinkSession> self);

    boost::beast::websocket::stream<Stream> m_ws;
    std::string m_remote;
    Gateway& m_gateway;
    link::OutboundFrames m_frames;
    bool m_closed = false;
};

// Plain TCP, and TLS: the two streams HttpServer serves; built in LinkSession.cpp.
extern template class LinkSession<boost::beast::tcp_stream>;
extern template class LinkSession<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

} // namespace warmline::telephony
