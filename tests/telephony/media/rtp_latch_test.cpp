#include "telephony/media/RtpLatch.h"

#include <catch2/catch.hpp>

using boost::asio::ip::make_address;
using boost::asio::ip::udp;
using warmline::sip::RtpLatch;

namespace {

udp::endpoint at(const char* address, unsigned short port)
{
    return {make_address(address), port};
}

/// Sends `n` packets in sequence from `from`, starting at `sequence`;
/// returns how many were taken.
int send(RtpLatch& latch, const udp::endpoint& from, int n, std::uint16_t sequence = 100)
{
    int taken = 0;
    for (int i = 0; i < n; ++i) {
        taken += latch.take(from, static_cast<std::uint16_t>(sequence + i)) ? 1 : 0;
    }
    return taken;
}

} // namespace

TEST_CASE("before any SDP every packet is taken and nothing is sent")
{
    RtpLatch latch;
    latch.reset(std::nullopt);
    CHECK(send(latch, at("203.0.113.9", 4000), 3) == 3);
    CHECK_FALSE(latch.fixed());
    CHECK_FALSE(latch.sendTo());
}

TEST_CASE("the signalled peer is heard at once and nobody else afterwards")
{
    RtpLatch latch;
    const auto phone = at("192.168.1.20", 16000);
    latch.reset(phone);
    CHECK(latch.sendTo() == phone);
    CHECK(latch.take(phone, 1));
    CHECK(latch.fixed());
    // Another host, even long and in sequence, is dropped.
    CHECK(send(latch, at("192.168.1.66", 16000), 50) == 0);
    CHECK(send(latch, at("203.0.113.66", 16000), 50) == 0);
    CHECK(latch.sendTo() == phone);
    CHECK(send(latch, phone, 5, 2) == 5);
}

TEST_CASE("a NAT that rewrote the port: the signalled host is heard from any port")
{
    RtpLatch latch;
    latch.reset(at("198.51.100.7", 20000));
    const auto real = at("198.51.100.7", 61234);
    CHECK(latch.take(real, 9));
    CHECK(latch.sendTo() == real);
    // The NAT binding changes mid-call: the same host from a new port.
    const auto rebound = at("198.51.100.7", 61300);
    CHECK(latch.take(rebound, 10));
    CHECK(latch.sendTo() == rebound);
}

TEST_CASE("another source is learned only after four packets in sequence")
{
    RtpLatch latch;
    // A PBX behind NAT: its SDP names its private address, its packets come
    // from the router's public one.
    latch.reset(at("192.168.10.5", 20000));
    const auto router = at("198.51.100.8", 30000);
    CHECK(send(latch, router, RtpLatch::kLearnPackets - 1) == 0);
    CHECK_FALSE(latch.fixed());
    CHECK(latch.sendTo() == at("192.168.10.5", 20000));
    CHECK(latch.take(router, 100 + RtpLatch::kLearnPackets - 1));
    CHECK(latch.sendTo() == router);
    CHECK(send(latch, router, 10, 200) == 10);
    // Once learned, a third source is dropped.
    CHECK(send(latch, at("203.0.113.5", 5000), 20) == 0);
}

TEST_CASE("the signalled host takes the leg back from a learned stranger")
{
    RtpLatch latch;
    const auto carrier = at("198.51.100.7", 20000);
    latch.reset(carrier);
    const auto stranger = at("203.0.113.66", 40000);
    CHECK(send(latch, stranger, RtpLatch::kLearnPackets) == 1);
    CHECK(latch.sendTo() == stranger);
    CHECK(latch.take(carrier, 1));
    CHECK(latch.sendTo() == carrier);
    CHECK(send(latch, stranger, 20, 500) == 0);
}

TEST_CASE("out-of-sequence packets or a second source start the learning over")
{
    RtpLatch latch;
    latch.reset(at("198.51.100.7", 20000));
    const auto a = at("203.0.113.5", 5000);
    const auto b = at("203.0.113.6", 5000);
    // Interleaved sources never reach four in a row.
    for (std::uint16_t s = 0; s < 20; ++s) {
        CHECK_FALSE(latch.take(s % 2 == 0 ? a : b, s));
    }
    // Gaps in the sequence do not count, nor does another port.
    for (std::uint16_t s = 0; s < 20; s = static_cast<std::uint16_t>(s + 2)) {
        CHECK_FALSE(latch.take(a, s));
    }
    for (std::uint16_t s = 0; s < 20; ++s) {
        CHECK_FALSE(latch.take(at("203.0.113.5", static_cast<unsigned short>(5000 + s)), s));
    }
    CHECK_FALSE(latch.fixed());
    // The sequence number wraps.
    CHECK(send(latch, a, RtpLatch::kLearnPackets, 65534) == 1);
    CHECK(latch.sendTo() == a);
}

TEST_CASE("a session refresh keeps the peer, a new address starts over")
{
    RtpLatch latch;
    latch.reset(at("192.168.10.5", 20000));
    const auto router = at("198.51.100.8", 30000);
    CHECK(send(latch, router, RtpLatch::kLearnPackets) == 1);
    // The same SDP again (a re-INVITE refreshing the session).
    latch.reset(at("192.168.10.5", 20000));
    CHECK(latch.fixed());
    CHECK(latch.sendTo() == router);
    CHECK(latch.take(router, 104));
    // A new address: learned again from scratch.
    const auto moved = at("192.168.1.30", 16000);
    latch.reset(moved);
    CHECK_FALSE(latch.fixed());
    CHECK(latch.sendTo() == moved);
    CHECK(send(latch, router, 2, 105) == 0);
    CHECK(latch.take(moved, 7));
}

TEST_CASE("a hold with c=0.0.0.0 sends nothing, keeps the peer and hears no stranger")
{
    RtpLatch latch;
    const auto phone = at("192.168.1.20", 16000);
    latch.reset(phone);
    CHECK(latch.take(phone, 1));
    latch.reset(at("0.0.0.0", 16000));
    CHECK_FALSE(latch.sendTo());
    CHECK(send(latch, at("203.0.113.66", 40000), 20) == 0);
    CHECK(latch.take(phone, 2));
    latch.reset(phone); // resumed
    CHECK(latch.sendTo() == phone);
    // A call whose first SDP holds: nothing is sent to 0.0.0.0.
    RtpLatch held;
    held.reset(at("0.0.0.0", 16000));
    CHECK_FALSE(held.sendTo());
}

TEST_CASE("IPv4 seen through a dual-stack socket is the same host")
{
    RtpLatch latch;
    latch.reset(at("192.168.1.20", 16000));
    CHECK(latch.take(at("::ffff:192.168.1.20", 16000), 1));
    CHECK(latch.take(at("::ffff:192.168.1.20", 16000), 2));
    CHECK_FALSE(latch.take(at("::ffff:192.168.1.21", 16000), 3));
}

TEST_CASE("an authenticated packet (SRTP) fixes the leg on its source at once, wherever it is")
{
    RtpLatch latch;
    // A softphone at home: its SDP names its private address, its packets
    // come from the home router's public one.
    latch.reset(at("192.168.10.5", 20000));
    const auto router = at("198.51.100.8", 30000);
    latch.takeAuthenticated(router);
    CHECK(latch.fixed());
    CHECK(latch.sendTo() == router);
    // Packets from elsewhere that are not authenticated are still dropped.
    CHECK(send(latch, at("203.0.113.5", 5000), 20) == 0);
    // The router rebinds: the next authenticated packet moves the leg.
    const auto rebound = at("198.51.100.8", 30444);
    latch.takeAuthenticated(rebound);
    CHECK(latch.sendTo() == rebound);
}
