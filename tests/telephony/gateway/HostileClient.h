#pragma once

// What the hostile tests share: the gateway's base config, a Twilio webhook
// form, and a plain blocking TCP connection for requests no HTTP library
// would send.

#include "telephony/net/SimpleHttpClient.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warmline::test {

inline const std::string kConfigBase = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";

inline std::string twilioForm(const std::string& sid, const std::string& from,
                              const std::string& body)
{
    return warmline::telephony::SimpleHttpClient::formEncode({{"MessageSid", sid},
                                                              {"AccountSid", "ACsynthetic"},
                                                              {"From", from},
                                                              {"To", "+15555550199"},
                                                              {"Body", body},
                                                              {"NumMedia", "0"}});
}

inline double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

/// A plain blocking TCP connection to the gateway, for requests no HTTP
/// library would send.
class RawSocket
{
public:
    explicit RawSocket(int port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0) {
            throw std::runtime_error("socket() failed: errno " + std::to_string(errno));
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
            const int e = errno;
            ::close(m_fd);
            throw std::runtime_error("connect() failed: errno " + std::to_string(e));
        }
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~RawSocket()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    /// False when the connection is gone.
    bool send(std::string_view data)
    {
        while (!data.empty()) {
            const auto n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return false;
            }
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    /// Waits up to `timeout` for data or the peer's close. Returns true when
    /// the peer closed (EOF or reset); data that arrives is appended to
    /// received().
    bool waitClosed(std::chrono::milliseconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd p{m_fd, POLLIN, 0};
            const int r = ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(0, left.count())));
            if (r < 0 && errno == EINTR) {
                continue;
            }
            if (r <= 0) {
                return false;
            }
            char buf[4096];
            const auto n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
                return true;
            }
            if (n > 0) {
                m_received.append(buf, static_cast<std::size_t>(n));
            }
        }
    }

    /// Whether the peer has closed, without waiting.
    bool closedNow() { return waitClosed(std::chrono::milliseconds(0)); }

    const std::string& received() const { return m_received; }

private:
    int m_fd = -1;
    std::string m_received;
};

inline std::string statusLine(const std::string& response)
{
    return response.substr(0, response.find("\r\n"));
}

} // namespace warmline::test
