#pragma once

// A SIP over TLS client for the SIP library's tests: connects to 127.0.0.1,
// checks the gateway's certificate against the test fixture, and runs its
// own io_context in bounded steps.

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <chrono>
#include <functional>
#include <string>

namespace warmline::sip::test {

/// A TLS client on its own io_context, run in bounded steps.
class TlsClient
{
    using Clock = std::chrono::steady_clock;

public:
    TlsClient() : m_ctx(boost::asio::ssl::context::tls_client), m_stream(m_ioc, m_ctx) {}

    /// Connected, with the gateway's certificate checked against the
    /// fixture (as a site's operators' apps would check the site's).
    /// From `source` (another loopback address, e.g. 127.0.0.2, stands
    /// for a host elsewhere) when given.
    bool connect(std::uint16_t port, const std::string& source = {})
    {
        if (!source.empty()) {
            boost::system::error_code ec;
            m_stream.next_layer().open(boost::asio::ip::tcp::v4(), ec);
            m_stream.next_layer().bind(
                boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address(source), 0), ec);
            if (ec) {
                return false;
            }
        }
        m_ctx.load_verify_file(std::string(WARMLINE_SOURCE_DIR) + "/tests/fixtures/test-cert.pem");
        m_stream.set_verify_mode(boost::asio::ssl::verify_peer);
        m_stream.set_verify_callback(boost::asio::ssl::host_name_verification("127.0.0.1"));
        bool done = false;
        boost::system::error_code result;
        m_stream.next_layer().async_connect(
            boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port),
            [&](boost::system::error_code ec) {
                if (ec) {
                    result = ec;
                    done = true;
                    return;
                }
                m_stream.async_handshake(boost::asio::ssl::stream_base::client,
                                         [&](boost::system::error_code hec) {
                                             result = hec;
                                             done = true;
                                         });
            });
        runUntil([&] { return done; }, std::chrono::seconds(5));
        return done && !result;
    }

    bool write(const std::string& text)
    {
        bool done = false;
        boost::system::error_code result;
        boost::asio::async_write(m_stream, boost::asio::buffer(text),
                                 [&](boost::system::error_code ec, std::size_t) {
                                     result = ec;
                                     done = true;
                                 });
        runUntil([&] { return done; }, std::chrono::seconds(5));
        return done && !result;
    }

    /// Reads until `text` has arrived, within `timeout`.
    bool readUntil(const std::string& text, std::chrono::milliseconds timeout)
    {
        return readUntil([&] { return got.find(text) != std::string::npos; }, timeout);
    }

    /// Reads until `done()` holds (it looks at `got`), within `timeout`.
    bool readUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout)
    {
        runUntil(
            [&] {
                if (!m_reading && !m_closed) {
                    m_reading = true;
                    m_stream.async_read_some(boost::asio::buffer(m_chunk),
                                             [this](boost::system::error_code ec, std::size_t n) {
                                                 m_reading = false;
                                                 if (ec) {
                                                     m_closed = true;
                                                     return;
                                                 }
                                                 got.append(m_chunk.data(), n);
                                             });
                }
                return done() || m_closed;
            },
            timeout);
        return done();
    }

    std::string got;
    bool closed() const { return m_closed; }

private:
    void runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout)
    {
        const auto until = Clock::now() + timeout;
        while (!done() && Clock::now() < until) {
            m_ioc.restart();
            m_ioc.run_for(std::chrono::milliseconds(20));
        }
    }

    boost::asio::io_context m_ioc;
    boost::asio::ssl::context m_ctx;
    boost::asio::ssl::stream<boost::asio::ip::tcp::socket> m_stream;
    std::array<char, 4096> m_chunk{};
    bool m_reading = false;
    bool m_closed = false;
};

} // namespace warmline::sip::test
