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

TEST_CASE("before any SDP every packet is taken and nothing is fixed")
{
    RtpLatch latch;
    latch.reset(std::nullopt);
    CHECK(send(latch, at("203.0.113.9", 4000), 3) == 3);
    CHECK_FALSE(latch.fixed());
    CHECK_FALSE(latch.remote());
}

TEST_CASE("the signalled peer is heard at once and nobody else afterwards")
{
    RtpLatch latch;
    const auto phone = at("192.168.1.20", 16000);
    latch.reset(phone);
    CHECK(latch.take(phone, 1));
    CHECK(latch.fixed());
    CHECK(latch.remote() == phone);
    // Another host on the same network, even in sequence, is dropped...
    CHECK(send(latch, at("192.168.1.66", 16000), 50) == 0);
    // ...and so is the same host from another port once fixed.
    CHECK(send(latch, at("192.168.1.20", 16002), 5) == 0);
    CHECK(latch.remote() == phone);
    CHECK(send(latch, phone, 5, 2) == 5);
}

TEST_CASE("a NAT that rewrote the port: the signalled host is heard from its real port")
{
    RtpLatch latch;
    latch.reset(at("198.51.100.7", 20000));
    const auto real = at("198.51.100.7", 61234);
    CHECK(latch.take(real, 9));
    CHECK(latch.remote() == real);
    CHECK_FALSE(latch.take(at("198.51.100.7", 20000), 10));
}

TEST_CASE("another source is learned only after four packets in sequence")
{
    RtpLatch latch;
    // A carrier whose SDP names one media address and sends from another.
    latch.reset(at("198.51.100.7", 20000));
    const auto media = at("198.51.100.8", 30000);
    CHECK(send(latch, media, RtpLatch::kLearnPackets - 1) == 0);
    CHECK_FALSE(latch.fixed());
    CHECK(latch.take(media, 100 + RtpLatch::kLearnPackets - 1));
    CHECK(latch.remote() == media);
    CHECK(send(latch, at("198.51.100.7", 20000), 3) == 0);
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
    // Gaps in the sequence do not count.
    for (std::uint16_t s = 0; s < 20; s = static_cast<std::uint16_t>(s + 2)) {
        CHECK_FALSE(latch.take(a, s));
    }
    CHECK_FALSE(latch.fixed());
    // The sequence number wraps.
    CHECK(send(latch, a, RtpLatch::kLearnPackets, 65534) == 1);
    CHECK(latch.remote() == a);
}

TEST_CASE("a phone on the site's network is never replaced by an outside address")
{
    RtpLatch latch;
    latch.reset(at("10.0.0.40", 5062));
    CHECK(send(latch, at("203.0.113.50", 5062), 100) == 0);
    CHECK_FALSE(latch.fixed());
    // Another address on the site's network may be learned (a phone with
    // two interfaces), the same way as any other.
    const auto second = at("10.0.1.40", 5062);
    CHECK(send(latch, second, RtpLatch::kLearnPackets) == 1);
    CHECK(latch.remote() == second);
}

TEST_CASE("a new SDP starts over")
{
    RtpLatch latch;
    const auto first = at("192.168.1.20", 16000);
    latch.reset(first);
    CHECK(latch.take(first, 1));
    const auto moved = at("192.168.1.30", 16000);
    latch.reset(moved);
    CHECK_FALSE(latch.fixed());
    CHECK(latch.remote() == moved);
    CHECK(send(latch, first, 2) == 0);
    CHECK(latch.take(moved, 7));
}
