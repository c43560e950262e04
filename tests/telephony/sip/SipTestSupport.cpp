#include "SipTestSupport.h"

#include <boost/asio/post.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <future>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace warmline::sip::test {

std::string loadTortureMessage(const std::string& name)
{
    const auto path =
        std::filesystem::path(WARMLINE_SOURCE_DIR) / "tests/data/sip-torture" / (name + ".sip");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    // <allOneLine>…</allOneLine>: the lines in between are one line.
    for (std::size_t open; (open = text.find("<allOneLine>\n")) != std::string::npos;) {
        const std::size_t close = text.find("\n</allOneLine>", open);
        std::string inner = text.substr(open + 13, close - open - 13);
        inner.erase(std::remove(inner.begin(), inner.end(), '\n'), inner.end());
        text.replace(open, close + 14 - open, inner);
    }
    // <repeat count=N>x</repeat>
    const std::regex repeat("<repeat count=(\\d+)>(.*?)</repeat>");
    for (std::smatch m; std::regex_search(text, m, repeat);) {
        std::string out;
        for (int i = 0; i < std::stoi(m[1].str()); ++i) {
            out += m[2].str();
        }
        text.replace(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)),
                     out);
    }
    // Lines end with CRLF, as on the wire.
    std::string crlf;
    for (const char c : text) {
        if (c == '\n') {
            crlf += "\r\n";
        } else {
            crlf.push_back(c);
        }
    }
    // <hex>…</hex>: bytes (after the line endings, so 0A/0D stay as given).
    for (std::size_t open; (open = crlf.find("<hex>")) != std::string::npos;) {
        const std::size_t close = crlf.find("</hex>", open);
        const std::string hex = crlf.substr(open + 5, close - open - 5);
        std::string bytes;
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
            bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
        }
        crlf.replace(open, close + 6 - open, bytes);
    }
    return crlf;
}

void RecordingListener::callArrived(CallRef call, const IncomingCall& info)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("arrived " + std::to_string(call) + " " + info.lineNumber);
}
void RecordingListener::callerHungUp(CallRef call)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("caller-gone " + std::to_string(call));
}
void RecordingListener::callLanguageChosen(CallRef call, const std::string& language)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("language " + std::to_string(call) + " " + language);
}
void RecordingListener::operatorAnswered(CallRef call)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("operator-answered " + std::to_string(call));
}
void RecordingListener::operatorNotAnswered(CallRef call, const std::string& why)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("operator-no-answer " + std::to_string(call));
    m_notAnswered.push_back(why);
}
std::vector<std::string> RecordingListener::notAnsweredReasons() const
{
    std::lock_guard lock(m_mutex);
    return m_notAnswered;
}
void RecordingListener::callbackAnswered(CallRef call)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("callback-answered " + std::to_string(call));
}
void RecordingListener::callbackNotReached(CallRef call, const std::string& why)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("callback-not-reached " + std::to_string(call) + " " + why);
}
void RecordingListener::operatorHungUp(CallRef call)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("operator-gone " + std::to_string(call));
}
void RecordingListener::phoneRegistrationChanged(const std::string& username)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("registration " + username);
}
void RecordingListener::crisisLineAnswered(CallRef call)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("crisis-answered " + std::to_string(call));
}
void RecordingListener::crisisLineFailed(CallRef call, const std::string&)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("crisis-failed " + std::to_string(call));
}
void RecordingListener::operatorLeft(CallRef call)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back("operator-left " + std::to_string(call));
}
std::vector<std::string> RecordingListener::events() const
{
    std::lock_guard lock(m_mutex);
    return m_events;
}

RunningService::RunningService(EndpointSettings endpoint, CallSettings calls)
{
    endpoint.address = "127.0.0.1";
    endpoint.udpPort = 0;
    endpoint.tcpPort = 0;
    endpoint.tlsPort = 0;
    m_service = std::make_unique<CallService>(m_ioc, endpoint, std::move(calls), m_listener);
    m_service->start();
    m_udp = m_service->udpPort();
    m_tcp = m_service->tcpPort();
    m_tls = m_service->tlsPort();
    m_thread = std::thread([this] {
        auto guard = boost::asio::make_work_guard(m_ioc);
        m_ioc.run();
    });
}

RunningService::~RunningService()
{
    run([this] { m_service->stop(); });
    m_ioc.stop();
    m_thread.join();
}

void RunningService::run(const std::function<void()>& fn)
{
    std::promise<void> done;
    boost::asio::post(m_ioc, [&] {
        fn();
        done.set_value();
    });
    done.get_future().wait();
}

UdpPeer::UdpPeer()
{
    m_fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        throw std::runtime_error("cannot bind a UDP test socket");
    }
}

UdpPeer::~UdpPeer()
{
    ::close(m_fd);
}

std::uint16_t UdpPeer::port() const
{
    sockaddr_in a{};
    socklen_t len = sizeof a;
    if (::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        throw std::runtime_error("cannot read a UDP test socket's port");
    }
    return ntohs(a.sin_port);
}

void UdpPeer::send(std::uint16_t port, const std::string& bytes)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    ::sendto(m_fd, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
}

std::optional<std::string> UdpPeer::receive(std::chrono::milliseconds timeout)
{
    pollfd p{m_fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) {
        return std::nullopt;
    }
    std::string buf(65536, '\0');
    const auto n = ::recv(m_fd, buf.data(), buf.size(), 0);
    if (n < 0) {
        return std::nullopt;
    }
    buf.resize(static_cast<std::size_t>(n));
    return buf;
}

std::optional<int> UdpPeer::finalStatus(std::chrono::milliseconds timeout,
                                        const std::string& needle)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        const auto d = receive(left);
        if (!d) {
            return std::nullopt;
        }
        if (const int s = statusOf(*d); s >= 200 && d->find(needle) != std::string::npos) {
            return s;
        }
    }
    return std::nullopt;
}

int statusOf(const std::string& response)
{
    if (response.rfind("SIP/2.0 ", 0) != 0 || response.size() < 11) {
        return 0;
    }
    return std::atoi(response.substr(8, 3).c_str());
}

std::string headerOf(const std::string& message, const std::string& name)
{
    const auto at = message.find("\r\n" + name + ": ");
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + name.size() + 4;
    return message.substr(start, message.find("\r\n", start) - start);
}

bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout)
{
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= until) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

} // namespace warmline::sip::test
