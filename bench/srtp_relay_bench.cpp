// SRTP calls through the gateway's relay (docs/PERFORMANCE.md "Calls: the
// cost of SRTP"): the gateway's own RtpSession on one media thread, as in
// the gateway, with every phone a UDP socket of 127.0.0.1 on a second
// thread sending one 20 ms µ-law frame every 20 ms, each call at its own
// point of the frame.
//
//   bench_srtp_relay CALLS SECONDS
//
// Runs, one after the other in the same process: CALLS plain calls
// (caller and operator legs both RTP), then CALLS calls whose caller leg
// is SRTP (decision 153: the caller's phone encrypts, the gateway checks
// and decrypts, relays to the operator's plain leg, and encrypts what goes
// back). Each frame carries its send time, so every frame that arrives
// gives its one-way latency through the relay. Prints, for each run: the
// media thread's CPU per call, frames lost per direction (an SRTP frame
// that does not decrypt at the phone counts as lost), and the latency's
// p50, p99 and max per direction. Every wait is bounded.

#include "ThreadCpu.h"
#include "telephony/media/G711.h"
#include "telephony/media/Rtp.h"
#include "telephony/media/RtpSession.h"
#include "telephony/media/Srtp.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <pthread.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace warmline;
using namespace warmline::sip;
using warmline::bench::threadCpuSeconds;
namespace asio = boost::asio;
using udp = asio::ip::udp;
using Clock = std::chrono::steady_clock;

namespace {

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

/// One phone: sends a frame stamped with its send time, and on each frame
/// received (decrypted first when it speaks SRTP) records the latency.
struct Phone
{
    Phone(asio::io_context& ioc, std::vector<double>& latencies)
        : socket(ioc, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), latenciesMs(latencies)
    {
        receive();
    }
    void receive()
    {
        socket.async_receive_from(asio::buffer(buffer), from, [this](auto ec, std::size_t n) {
            if (ec) {
                return;
            }
            if (srtpIn) {
                const auto plain = srtpIn->unprotect(buffer.data(), n);
                n = plain ? *plain : 0;
            }
            const auto v =
                n > 0 ? parseRtp(std::span<const std::uint8_t>(buffer.data(), n)) : std::nullopt;
            if (v && v->payloadSize >= sizeof(std::int64_t)) {
                std::int64_t sent = 0;
                std::memcpy(&sent, buffer.data() + v->payloadOffset, sizeof sent);
                latenciesMs.push_back(static_cast<double>(nowNs() - sent) / 1e6);
                ++received;
            }
            receive();
        });
    }
    void send()
    {
        RtpHeader h;
        h.payloadType = 0;
        h.sequence = sequence++;
        h.timestamp = timestamp;
        timestamp += kSamplesPerPacket;
        h.ssrc = 0x5eed;
        std::vector<std::uint8_t> payload(kSamplesPerPacket, linearToMuLaw(0));
        const std::int64_t at = nowNs();
        std::memcpy(payload.data(), &at, sizeof at);
        out.assign(kRtpHeaderBytes + payload.size() + SrtpContext::kMaxTrailer, 0);
        writeRtpHeader(h, out);
        std::copy(payload.begin(), payload.end(), out.begin() + kRtpHeaderBytes);
        std::size_t length = kRtpHeaderBytes + payload.size();
        if (srtpOut) {
            const auto n = srtpOut->protect(out.data(), length, out.size());
            if (!n) {
                return;
            }
            length = *n;
        }
        boost::system::error_code ec;
        socket.send_to(asio::buffer(out.data(), length), gateway, 0, ec);
    }
    udp::socket socket;
    udp::endpoint gateway;
    std::vector<double>& latenciesMs;
    std::optional<SrtpContext> srtpOut;
    std::optional<SrtpContext> srtpIn;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::vector<std::uint8_t> out;
    alignas(8) std::array<std::uint8_t, 1500> buffer{};
    udp::endpoint from;
    std::uint64_t received = 0;
};

double percentile(std::vector<double>& v, double p)
{
    if (v.empty()) {
        return 0;
    }
    const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

void run(bool srtp, int calls, int seconds)
{
    asio::io_context media; // the gateway's thread
    asio::io_context net;   // the phones
    MediaCounters counters;
    std::vector<double> toOperatorMs;
    std::vector<double> toCallerMs;
    const auto frames = static_cast<std::size_t>(seconds) * 50;
    toOperatorMs.reserve(frames * static_cast<std::size_t>(calls));
    toCallerMs.reserve(frames * static_cast<std::size_t>(calls));
    std::vector<std::unique_ptr<Phone>> callers;
    std::vector<std::unique_ptr<Phone>> operators;
    std::vector<std::shared_ptr<RtpSession>> sessions;
    for (int c = 0; c < calls; ++c) {
        auto caller = std::make_unique<Phone>(net, toCallerMs);
        auto op = std::make_unique<Phone>(net, toOperatorMs);
        auto callerLeg = std::make_shared<RtpSession>(media, "127.0.0.1", 0, counters);
        auto operatorLeg = std::make_shared<RtpSession>(media, "127.0.0.1", 0, counters);
        caller->gateway = udp::endpoint(asio::ip::make_address("127.0.0.1"), callerLeg->port());
        op->gateway = udp::endpoint(asio::ip::make_address("127.0.0.1"), operatorLeg->port());
        callerLeg->setRemote(caller->socket.local_endpoint(), 0, G711Law::MuLaw, std::nullopt);
        operatorLeg->setRemote(op->socket.local_endpoint(), 0, G711Law::MuLaw, std::nullopt);
        if (srtp) {
            // The keys an offer and its answer would carry.
            const auto callerKey = newSdesCrypto(1);
            const auto gatewayKey = newSdesCrypto(1);
            callerLeg->useSrtp(callerKey, gatewayKey);
            caller->srtpOut.emplace(callerKey, SrtpContext::Direction::Outbound);
            caller->srtpIn.emplace(gatewayKey, SrtpContext::Direction::Inbound);
        }
        callerLeg->start();
        operatorLeg->start();
        callerLeg->relayTo(operatorLeg);
        operatorLeg->relayTo(callerLeg);
        callers.push_back(std::move(caller));
        operators.push_back(std::move(op));
        sessions.push_back(std::move(callerLeg));
        sessions.push_back(std::move(operatorLeg));
    }
    auto mediaWork = asio::make_work_guard(media);
    std::thread mediaThread([&] { media.run(); });
    const double cpu0 = threadCpuSeconds(mediaThread.native_handle());
    const auto wall0 = Clock::now();
    // Calls are not in step: each sends at its own point of the 20 ms
    // frame, spread evenly, as calls that started at different times do.
    const auto slot = std::chrono::nanoseconds(20'000'000 / calls);
    for (std::size_t f = 0; f < frames; ++f) {
        const auto frameStart = wall0 + std::chrono::milliseconds(20 * f);
        for (std::size_t c = 0; c < callers.size(); ++c) {
            net.run_until(frameStart + slot * static_cast<std::int64_t>(c));
            callers[c]->send();
            operators[c]->send();
        }
    }
    net.run_until(wall0 + std::chrono::milliseconds(20 * frames));
    const double cpu = threadCpuSeconds(mediaThread.native_handle()) - cpu0;
    const double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
    // Let what is in flight arrive (bounded), then stop.
    net.run_for(std::chrono::milliseconds(200));
    mediaWork.reset();
    for (auto& s : sessions) {
        asio::post(media, [s] { s->close(); });
    }
    mediaThread.join();

    const double sent = static_cast<double>(frames) * calls;
    auto count = [](const std::vector<std::unique_ptr<Phone>>& phones) {
        std::uint64_t n = 0;
        for (const auto& p : phones) {
            n += p->received;
        }
        return n;
    };
    fmt::print("{} calls, {}: media thread {:.2f} % of a core over {:.1f} s = {:.3f} % per "
               "call; SRTP packets rejected by the gateway: {}\n",
               calls, srtp ? "caller leg SRTP" : "plain RTP", 100.0 * cpu / wall, wall,
               100.0 * cpu / wall / calls, counters.srtpRejected.load());
    const std::pair<const char*, std::pair<std::uint64_t, std::vector<double>*>> directions[] = {
        {"caller -> operator", {count(operators), &toOperatorMs}},
        {"operator -> caller", {count(callers), &toCallerMs}}};
    for (const auto& [name, d] : directions) {
        auto& lat = *d.second;
        fmt::print("  {}: {} of {} frames ({:.3f} % lost); latency p50 {:.3f} ms, p99 {:.3f} ms, "
                   "max {:.3f} ms\n",
                   name, d.first, static_cast<std::uint64_t>(sent),
                   100.0 * (1.0 - static_cast<double>(d.first) / sent), percentile(lat, 0.5),
                   percentile(lat, 0.99),
                   lat.empty() ? 0.0 : *std::max_element(lat.begin(), lat.end()));
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        fmt::print(stderr, "usage: bench_srtp_relay CALLS SECONDS\n");
        return 2;
    }
    const int calls = std::clamp(std::atoi(argv[1]), 1, 400);
    const int seconds = std::clamp(std::atoi(argv[2]), 1, 600);
    run(false, calls, seconds);
    run(true, calls, seconds);
    return 0;
}
