// A call's media on a thread of its own (MediaThread), as in the gateway:
// two RtpSessions relay real UDP packets between two phones on 127.0.0.1,
// re-encoding between the laws; a key press comes back on the control
// thread; a closed session's port is free when close() says so. A third
// party sending to a leg's port is neither heard nor answered.

#include "telephony/media/AudioMix.h"
#include "telephony/media/G711.h"
#include "telephony/media/MediaThread.h"
#include "telephony/media/Rtp.h"
#include "telephony/media/RtpSession.h"

#include <boost/asio/ip/udp.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <thread>
#include <vector>

using namespace warmline;
using namespace warmline::sip;
namespace asio = boost::asio;
using udp = asio::ip::udp;
using namespace std::chrono_literals;

namespace {

struct Phone
{
    explicit Phone(asio::io_context& ioc, const char* address = "127.0.0.1")
        : socket(ioc, udp::endpoint(asio::ip::make_address(address), 0))
    {
        receive();
    }
    void receive()
    {
        socket.async_receive_from(asio::buffer(buffer), from, [this](auto ec, std::size_t n) {
            if (ec) {
                return;
            }
            if (const auto p = parseRtp(std::span(buffer.data(), n))) {
                payloadTypes.push_back(p->header.payloadType);
                firstByte.push_back(buffer[p->payloadOffset]);
            }
            receive();
        });
    }
    void send(std::uint16_t port, std::uint8_t payloadType, std::span<const std::uint8_t> payload,
              bool marker = false)
    {
        RtpHeader h;
        h.payloadType = payloadType;
        h.sequence = sequence++;
        h.timestamp = timestamp;
        h.ssrc = 0x1234;
        h.marker = marker;
        timestamp += 160;
        std::vector<std::uint8_t> out(kRtpHeaderBytes + payload.size());
        writeRtpHeader(h, out);
        std::copy(payload.begin(), payload.end(), out.begin() + kRtpHeaderBytes);
        socket.send_to(asio::buffer(out), udp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    }
    udp::endpoint local() const { return socket.local_endpoint(); }

    udp::socket socket;
    std::array<std::uint8_t, 1500> buffer{};
    udp::endpoint from;
    std::vector<int> payloadTypes;
    std::vector<std::uint8_t> firstByte;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
};

/// Runs the control context until `done` or 10 s.
template <typename Pred> bool runUntil(asio::io_context& control, Pred done)
{
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!done() && std::chrono::steady_clock::now() < until) {
        control.run_for(10ms);
    }
    return done();
}

} // namespace

TEST_CASE(
    "media on its own thread: relayed both ways, keys and closes reported on the control thread")
{
    asio::io_context control;
    MediaCounters counters;
    MediaThread media;
    {
        Phone caller(control);
        Phone desk(control);
        auto a = std::make_shared<RtpSession>(media.context(), control, "127.0.0.1", 0, counters);
        auto b = std::make_shared<RtpSession>(media.context(), control, "127.0.0.1", 0, counters);
        a->setRemote(caller.local(), 8, G711Law::ALaw, 101);
        b->setRemote(desk.local(), 0, G711Law::MuLaw, std::nullopt);
        CHECK(a->receivesKeys());
        CHECK_FALSE(b->receivesKeys());
        std::vector<char> keys;
        std::thread::id keyThread;
        a->onKey = [&](char key) {
            keys.push_back(key);
            keyThread = std::this_thread::get_id();
        };
        a->start();
        b->start();
        a->relayTo(b);
        b->relayTo(a);

        // Silence in A-law from the caller reaches the desk phone as µ-law
        // silence, and back.
        const std::vector<std::uint8_t> aLawSilence(160, linearToALaw(0));
        const std::vector<std::uint8_t> muLawSilence(160, linearToMuLaw(0));
        for (int i = 0; i < 10; ++i) {
            caller.send(a->port(), 8, aLawSilence, i == 0);
            desk.send(b->port(), 0, muLawSilence, i == 0);
        }
        REQUIRE(runUntil(control, [&] {
            return desk.payloadTypes.size() >= 10 && caller.payloadTypes.size() >= 10;
        }));
        CHECK(desk.payloadTypes.front() == 0);
        // Re-encoded: A-law's quietest code is not exactly zero.
        CHECK(desk.firstByte.front() ==
              encodeG711(decodeG711(aLawSilence, G711Law::ALaw), G711Law::MuLaw).front());
        CHECK(caller.payloadTypes.front() == 8);
        CHECK(caller.firstByte.front() ==
              encodeG711(decodeG711(muLawSilence, G711Law::MuLaw), G711Law::ALaw).front());
        CHECK(a->received() == 10);
        CHECK(a->relayed() == 10);
        CHECK(b->relayed() == 10);

        // The caller presses 5 (RFC 4733, payload type 101).
        const std::vector<std::uint8_t> five = {5, 0x0A, 0x00, 0xA0};
        caller.send(a->port(), 101, five, true);
        REQUIRE(runUntil(control, [&] { return !keys.empty(); }));
        CHECK(keys == std::vector<char>{'5'});
        CHECK(keyThread == std::this_thread::get_id());

        // Closed: the port can be bound again by the time the callback runs,
        // which runs on the control thread.
        const auto port = a->port();
        bool closed = false;
        std::thread::id closedThread;
        a->close([&] {
            closed = true;
            closedThread = std::this_thread::get_id();
        });
        REQUIRE(runUntil(control, [&] { return closed; }));
        CHECK(closedThread == std::this_thread::get_id());
        udp::socket again(control);
        again.open(udp::v4());
        boost::system::error_code ec;
        again.bind(udp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
        CHECK_FALSE(ec);

        // The desk phone goes on talking: b still receives, but the closed
        // session sends nothing on to the caller.
        const auto before = caller.payloadTypes.size();
        desk.send(b->port(), 0, muLawSilence);
        REQUIRE(runUntil(control, [&] { return b->received() == 11; }));
        control.run_for(100ms);
        CHECK(caller.payloadTypes.size() == before);
        b->close();
    }
    media.stop();
    CHECK(counters.packetsRelayed == 20);
}

TEST_CASE("a stranger sending to a call's media port is neither heard nor answered")
{
    asio::io_context control;
    MediaCounters counters;
    MediaThread media;
    {
        Phone caller(control);
        Phone desk(control);
        // Another host (all of 127.0.0.0/8 is this machine's loopback).
        Phone stranger(control, "127.0.0.2");
        auto a = std::make_shared<RtpSession>(media.context(), control, "127.0.0.1", 0, counters);
        auto b = std::make_shared<RtpSession>(media.context(), control, "127.0.0.1", 0, counters);
        a->setRemote(caller.local(), 0, G711Law::MuLaw, std::nullopt);
        b->setRemote(desk.local(), 0, G711Law::MuLaw, std::nullopt);
        a->start();
        b->start();
        a->relayTo(b);
        b->relayTo(a);
        const std::vector<std::uint8_t> silence(160, linearToMuLaw(0));

        // Before the caller has said anything: fewer packets than it takes
        // to learn a new source are dropped, not relayed.
        for (int i = 0; i < RtpLatch::kLearnPackets - 1; ++i) {
            stranger.send(a->port(), 0, silence);
        }
        REQUIRE(runUntil(control, [&] { return counters.packetsForeign == 3; }));
        // The caller speaks: the leg is fixed to it.
        caller.send(a->port(), 0, silence);
        REQUIRE(runUntil(control, [&] { return desk.payloadTypes.size() == 1; }));
        // Now the stranger, however long and however well in sequence, is
        // dropped: the desk phone hears only the caller...
        for (int i = 0; i < 50; ++i) {
            stranger.send(a->port(), 0, silence);
        }
        caller.send(a->port(), 0, silence);
        REQUIRE(runUntil(control, [&] { return counters.packetsForeign == 53; }));
        REQUIRE(runUntil(control, [&] { return desk.payloadTypes.size() == 2; }));
        // ...and the desk phone's audio still goes to the caller, never to
        // the stranger.
        desk.send(b->port(), 0, silence);
        REQUIRE(runUntil(control, [&] { return caller.payloadTypes.size() == 1; }));
        control.run_for(100ms);
        CHECK(desk.payloadTypes.size() == 2);
        CHECK(stranger.payloadTypes.empty());
        CHECK(a->received() == 2);
        a->close();
        b->close();
    }
    media.stop();
    CHECK(counters.packetsForeign == 53);
    CHECK(counters.packetsRelayed == 3);
}
