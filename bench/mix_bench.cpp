// The cost of a shift lead on a call (docs/PERFORMANCE.md "Calls: a lead
// on the line"): the gateway's own media classes (RtpSession, Conference,
// hearsOnCall) on one thread, as in the gateway, with phones on real UDP
// sockets of 127.0.0.1 on a second thread sending 20 ms G.711 frames.
//
//   bench_mix CALLS SECONDS
//
// Runs, one after the other in the same process: CALLS calls relayed two
// ways (caller and operator, no lead), then CALLS calls each with a lead
// listening (three legs mixed), then the same in whisper. Prints, for
// each: the media thread's CPU per call (% of one core), and for every
// leg the packets received against the frames sent towards it (loss).
// Every wait is bounded.

#include "ThreadCpu.h"
#include "telephony/media/Conference.h"
#include "telephony/media/G711.h"
#include "telephony/media/Rtp.h"
#include "telephony/media/RtpSession.h"
#include "telephony/sip/CallService.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>
#include <numbers>
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

struct Phone
{
    Phone(asio::io_context& ioc, double hz)
        : socket(ioc, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
    {
        std::vector<std::int16_t> samples(160);
        for (std::size_t n = 0; n < samples.size(); ++n) {
            samples[n] = static_cast<std::int16_t>(
                4000.0 * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(n) / 8000.0));
        }
        payload = encodeG711(samples, G711Law::MuLaw);
        receive();
    }
    void receive()
    {
        socket.async_receive_from(asio::buffer(buffer), from, [this](auto ec, std::size_t) {
            if (!ec) {
                ++received;
                receive();
            }
        });
    }
    void send()
    {
        RtpHeader h;
        h.payloadType = 0;
        h.sequence = sequence++;
        h.timestamp = timestamp;
        timestamp += 160;
        h.ssrc = 0x5eed;
        const auto packet = buildRtp(h, payload);
        boost::system::error_code ec;
        socket.send_to(asio::buffer(packet), gateway, 0, ec);
    }
    udp::socket socket;
    udp::endpoint gateway;
    std::vector<std::uint8_t> payload;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::array<std::uint8_t, 1500> buffer{};
    udp::endpoint from;
    std::uint64_t received = 0;
};

enum class Kind
{
    Relayed,
    Listen,
    Whisper
};

void run(Kind kind, int calls, int seconds)
{
    asio::io_context media; // the gateway's thread
    asio::io_context net;   // the phones
    MediaCounters counters;
    const int legs = kind == Kind::Relayed ? 2 : 3;
    std::vector<std::unique_ptr<Phone>> phones;
    std::vector<std::shared_ptr<RtpSession>> sessions;
    std::vector<std::shared_ptr<Conference>> conferences;
    const double tones[] = {500.0, 1000.0, 2000.0};
    for (int c = 0; c < calls; ++c) {
        for (int l = 0; l < legs; ++l) {
            auto phone = std::make_unique<Phone>(net, tones[l]);
            auto s = std::make_shared<RtpSession>(media, "127.0.0.1", 0, counters);
            phone->gateway = udp::endpoint(asio::ip::make_address("127.0.0.1"), s->port());
            s->setRemote(phone->socket.local_endpoint(), 0, G711Law::MuLaw, std::nullopt);
            s->start();
            phones.push_back(std::move(phone));
            sessions.push_back(std::move(s));
        }
        const std::size_t base = sessions.size() - static_cast<std::size_t>(legs);
        if (kind == Kind::Relayed) {
            sessions[base]->relayTo(sessions[base + 1]);
            sessions[base + 1]->relayTo(sessions[base]);
        } else {
            auto conference = std::make_shared<Conference>(media);
            const LeadMode mode = kind == Kind::Listen ? LeadMode::Listen : LeadMode::Whisper;
            for (std::size_t l = 0; l < 3; ++l) {
                conference->add(sessions[base + l], hearsOnCall(mode, l, 1, 2));
            }
            conference->start();
            conferences.push_back(std::move(conference));
        }
    }
    auto mediaWork = asio::make_work_guard(media);
    std::thread mediaThread([&] { media.run(); });
    const double cpu0 = threadCpuSeconds(mediaThread.native_handle());
    const auto wall0 = Clock::now();
    // Every phone sends one frame every 20 ms, paced from the start.
    const int frames = seconds * 50;
    asio::steady_timer timer(net);
    for (int f = 0; f < frames; ++f) {
        for (auto& p : phones) {
            p->send();
        }
        const auto next = wall0 + std::chrono::milliseconds(20 * (f + 1));
        net.run_until(next);
    }
    const double cpu = threadCpuSeconds(mediaThread.native_handle()) - cpu0;
    const double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
    // Let what is in flight arrive (bounded), then stop.
    net.run_for(std::chrono::milliseconds(200));
    mediaWork.reset();
    for (auto& c : conferences) {
        asio::post(media, [c] { c->stop(); });
    }
    for (auto& s : sessions) {
        asio::post(media, [s] { s->close(); });
    }
    mediaThread.join();

    const char* names[] = {"caller", "operator", "lead"};
    const char* what = kind == Kind::Relayed  ? "relayed, no lead"
                       : kind == Kind::Listen ? "lead listening"
                                              : "lead whispering";
    fmt::print("{} calls, {}: media thread {:.2f} % of a core over {:.1f} s = {:.3f} % per call\n",
               calls, what, 100.0 * cpu / wall, wall, 100.0 * cpu / wall / calls);
    for (int l = 0; l < legs; ++l) {
        std::uint64_t least = UINT64_MAX;
        std::uint64_t total = 0;
        for (int c = 0; c < calls; ++c) {
            const auto r = phones[static_cast<std::size_t>(c * legs + l)]->received;
            least = std::min(least, r);
            total += r;
        }
        const double sent = static_cast<double>(frames) * calls;
        fmt::print("  to the {:8}: {} of {} frames ({:.2f} % lost; the least on one call {})\n",
                   names[l], total, static_cast<std::uint64_t>(sent),
                   100.0 * (1.0 - static_cast<double>(total) / sent), least);
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        fmt::print(stderr, "usage: bench_mix CALLS SECONDS\n");
        return 2;
    }
    const int calls = std::max(1, std::atoi(argv[1]));
    const int seconds = std::max(1, std::atoi(argv[2]));
    run(Kind::Relayed, calls, seconds);
    run(Kind::Listen, calls, seconds);
    run(Kind::Whisper, calls, seconds);
    return 0;
}
