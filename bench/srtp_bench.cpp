// What SRTP would add to the gateway's relay, per packet (docs/PERFORMANCE.md
// "Calls: the cost of SRTP"): the gateway's own SrtpContext (libsrtp2) on
// one thread, checking and decrypting a packet from one phone and
// encrypting it for the other, beside the plain relay's per-packet work
// (the copy into the send buffer) in the same run. Sockets are not in this
// loop: bench_mix measures the plain relay with them.
//
//   bench_srtp PACKETS
//
// The packets are made beforehand by the "caller" (protected with its
// key), then timed through the gateway's two contexts; every packet is
// checked afterwards by the "operator" so a broken run cannot print a
// figure.

#include "telephony/media/Srtp.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

using namespace warmline;

namespace {

constexpr std::size_t kRtp = 12 + 160; // a 20 ms G.711 frame
constexpr std::size_t kRoom = kRtp + SrtpContext::kMaxTrailer;

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::vector<std::uint8_t> rtp(std::uint32_t n)
{
    std::vector<std::uint8_t> p(kRoom, 0);
    p[0] = 0x80;
    p[2] = static_cast<std::uint8_t>(n >> 8);
    p[3] = static_cast<std::uint8_t>(n);
    const std::uint32_t ts = n * 160;
    p[4] = static_cast<std::uint8_t>(ts >> 24);
    p[5] = static_cast<std::uint8_t>(ts >> 16);
    p[6] = static_cast<std::uint8_t>(ts >> 8);
    p[7] = static_cast<std::uint8_t>(ts);
    p[8] = 0x5e;
    p[9] = 0xed;
    for (std::size_t i = 12; i < kRtp; ++i) {
        p[i] = static_cast<std::uint8_t>(0xff - (i + n) % 32); // µ-law, near silence
    }
    return p;
}

struct Result
{
    double cpu = 0;  // seconds of this thread
    double wall = 0; // seconds
};

void print(const char* name, const Result& r, std::size_t packets, double baselineNs)
{
    const double ns = r.cpu * 1e9 / static_cast<double>(packets);
    // A call relays 50 packets a second each way: 100 through the gateway.
    const double perCall = ns * 100 / 1e9 * 100; // % of one core
    fmt::print("{:<34} {:>8.0f} ns/packet  {:>7.4f} % of a core per call  {:>6.2f} % for 100 "
               "calls{}\n",
               name, ns, perCall, perCall * 100,
               baselineNs > 0 ? fmt::format("  (+{:.0f} ns over plain)", ns - baselineNs) : "");
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t packets = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1'000'000;
    // Each packet keeps three buffers of about 360 bytes: 2,000,000 is
    // about 2 GB.
    if (packets < 1000 || packets > 2'000'000) {
        fmt::print(stderr, "usage: bench_srtp PACKETS (1000 to 2000000)\n");
        return 2;
    }
    // The sequence number is 16 bits; libsrtp follows the rollover.
    std::vector<std::vector<std::uint8_t>> plain;
    plain.reserve(packets);
    for (std::size_t n = 0; n < packets; ++n) {
        plain.push_back(rtp(static_cast<std::uint32_t>(n)));
    }
    std::vector<std::uint8_t> buffer(kRoom);
    std::uint64_t check = 0;

    // Plain relay: the packet copied into the buffer it is sent from, with
    // the gateway's own SSRC written in (as RtpSession's relay does).
    Result base;
    {
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpuSeconds();
        for (const auto& p : plain) {
            std::memcpy(buffer.data(), p.data(), kRtp);
            buffer[8] = 0x77;
            // The copy must happen, as a send would read it.
            asm volatile("" : : "r"(buffer.data()) : "memory");
            check += buffer[kRtp - 1];
        }
        base.cpu = cpuSeconds() - c0;
        base.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    const double baseNs = base.cpu * 1e9 / static_cast<double>(packets);
    fmt::print("bench_srtp: {} packets of {} bytes (20 ms of G.711), one thread\n", packets, kRtp);
    print("plain relay (copy)", base, packets, 0);

    for (const auto suite : {SrtpSuite::AesCm128HmacSha1_80, SrtpSuite::AesCm128HmacSha1_32}) {
        const auto callerKeys = newSdesCrypto(1, suite);
        const auto operatorKeys = newSdesCrypto(1, suite);
        SrtpContext caller(callerKeys, SrtpContext::Direction::Outbound);
        SrtpContext fromCaller(callerKeys, SrtpContext::Direction::Inbound);
        SrtpContext toOperator(operatorKeys, SrtpContext::Direction::Outbound);
        SrtpContext operatorSide(operatorKeys, SrtpContext::Direction::Inbound);
        std::vector<std::vector<std::uint8_t>> wire = plain;
        std::vector<std::size_t> lengths(packets);
        for (std::size_t n = 0; n < packets; ++n) {
            const auto len = caller.protect(wire[n].data(), kRtp, wire[n].size());
            if (!len) {
                fmt::print(stderr, "bench_srtp: the caller could not protect packet {}\n", n);
                return 1;
            }
            lengths[n] = *len;
        }
        std::vector<std::vector<std::uint8_t>> out(packets, std::vector<std::uint8_t>(kRoom));
        std::vector<std::size_t> outLengths(packets);
        Result r;
        std::size_t refused = 0;
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpuSeconds();
        for (std::size_t n = 0; n < packets; ++n) {
            auto& b = out[n];
            std::memcpy(b.data(), wire[n].data(), lengths[n]);
            const auto in = fromCaller.unprotect(b.data(), lengths[n]);
            if (!in) {
                ++refused;
                continue;
            }
            b[8] = 0x77;
            const auto o = toOperator.protect(b.data(), *in, b.size());
            outLengths[n] = o ? *o : 0;
        }
        r.cpu = cpuSeconds() - c0;
        r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        // The operator reads every packet, or the figure is not printed.
        std::size_t read = 0;
        for (std::size_t n = 0; n < packets; ++n) {
            if (outLengths[n] == 0) {
                continue;
            }
            const auto len = operatorSide.unprotect(out[n].data(), outLengths[n]);
            if (len && *len == kRtp &&
                std::equal(out[n].begin() + 12, out[n].begin() + kRtp, plain[n].begin() + 12)) {
                ++read;
            }
        }
        if (refused != 0 || read != packets) {
            fmt::print(stderr, "bench_srtp: {} refused by the gateway, {} of {} read back\n",
                       refused, read, packets);
            return 1;
        }
        print(suite == SrtpSuite::AesCm128HmacSha1_80 ? "SRTP relay, AES_CM_128_HMAC_SHA1_80"
                                                      : "SRTP relay, AES_CM_128_HMAC_SHA1_32",
              r, packets, baseNs);
    }
    fmt::print("(checksum {})\n", check % 1000);
    return 0;
}
