#pragma once

// Helpers for the SIP library's tests: the RFC 4475 messages as stored
// (in the RFC's own notation), a CallService on a background io_context,
// and a plain UDP peer on 127.0.0.1.

#include "telephony/media/Rtp.h"
#include "telephony/sip/CallService.h"
#include "telephony/sip/SipDigest.h"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace warmline::sip::test {

/// A torture message file with RFC 4475's notation expanded: <allOneLine>
/// joins lines, <hex> gives bytes, <repeat count=N> repeats; lines end CRLF.
std::string loadTortureMessage(const std::string& name);

/// Records what the call service reports. Thread-safe.
class RecordingListener : public CallListener
{
public:
    void callArrived(CallRef call, const IncomingCall& info) override;
    void callerHungUp(CallRef call) override;
    void callLanguageChosen(CallRef call, const std::string& language) override;
    void operatorAnswered(CallRef call) override;
    void operatorNotAnswered(CallRef call, const std::string& why) override;
    void operatorHungUp(CallRef call) override;
    void crisisLineAnswered(CallRef call) override;
    void crisisLineFailed(CallRef call, const std::string& why) override;
    void operatorLeft(CallRef call) override;
    void callbackAnswered(CallRef call) override;
    void callbackNotReached(CallRef call, const std::string& why) override;
    void phoneRegistrationChanged(const std::string& username) override;
    std::vector<std::string> events() const;
    /// The reasons given with each operator-no-answer, in order.
    std::vector<std::string> notAnsweredReasons() const;

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_events;
    std::vector<std::string> m_notAnswered;
};

/// A CallService listening on 127.0.0.1 (OS-chosen ports), its io_context
/// on its own thread until destroyed.
class RunningService
{
public:
    RunningService(EndpointSettings endpoint, CallSettings calls);
    ~RunningService();
    CallService& service() { return *m_service; }
    RecordingListener& listener() { return m_listener; }
    std::uint16_t udpPort() const { return m_udp; }
    std::uint16_t tcpPort() const { return m_tcp; }
    /// 0 unless the endpoint settings name a certificate.
    std::uint16_t tlsPort() const { return m_tls; }
    /// Runs `fn` on the service's thread and waits for it.
    void run(const std::function<void()>& fn);

private:
    boost::asio::io_context m_ioc;
    RecordingListener m_listener;
    std::unique_ptr<CallService> m_service;
    std::thread m_thread;
    std::uint16_t m_udp = 0;
    std::uint16_t m_tcp = 0;
    std::uint16_t m_tls = 0;
};

/// A UDP socket on 127.0.0.1 that sends datagrams and waits for them.
class UdpPeer
{
public:
    UdpPeer();
    ~UdpPeer();
    std::uint16_t port() const;
    void send(std::uint16_t port, const std::string& bytes);
    std::optional<std::string> receive(std::chrono::milliseconds timeout);
    /// Datagrams until one whose status is final (>= 200) and whose text
    /// contains `needle` (e.g. its Call-ID: retransmitted answers to earlier
    /// requests are skipped), or nullopt.
    std::optional<int> finalStatus(std::chrono::milliseconds timeout,
                                   const std::string& needle = {});

private:
    int m_fd = -1;
};

/// The status code of a response's text, 0 if it is not one.
int statusOf(const std::string& response);

/// The value of the first header `name` of a message's text, or "".
std::string headerOf(const std::string& message, const std::string& name);

/// Whether `done` holds within `timeout`, asked every 10 ms.
bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);

} // namespace warmline::sip::test
