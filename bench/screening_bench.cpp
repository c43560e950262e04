// Screening's per-number hourly window (core/domain/Screening.h) under the
// two loads that matter: a flood of distinct numbers (each new, so the
// window fills to its key limit and then forgets the oldest), and a few
// numbers texting again and again. Side by side in the same run with the
// least any counter can do: a bare std::unordered_map<std::string, int>
// incremented per event (no times, no bound). Prints ns per event and the
// resident memory the process gained, read from /proc/self/statm.
//
//   build/dev/bench/bench_screening [events]

#include "core/domain/Screening.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

using namespace warmline;

namespace {

long residentKiB()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/// A 32-byte key like the keyed hash the gateway uses, distinct per n.
std::string key(std::size_t n)
{
    std::string k(32, '\0');
    for (int i = 0; i < 8; ++i) {
        k[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
    }
    return k;
}

struct Figures
{
    double nsPerEvent = 0;
    long gainedKiB = 0;
};

template <typename F> Figures run(std::size_t events, F&& each)
{
    const long before = residentKiB();
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < events; ++i) {
        each(i);
    }
    const auto ns =
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    return {ns / static_cast<double>(events), residentKiB() - before};
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    std::vector<std::string> keys;
    keys.reserve(events);
    for (std::size_t i = 0; i < events; ++i) {
        keys.push_back(key(i));
    }
    constexpr int kCap = 31; // screening.texts_per_hour = 30

    std::printf("events: %zu\n", events);
    {
        RateWindow window; // 100,000 keys at most
        const auto f = run(
            events, [&](std::size_t i) { window.record(keys[i], static_cast<EpochMs>(i), kCap); });
        std::printf("flood of distinct numbers, RateWindow:       %7.1f ns/event, +%ld KiB "
                    "resident, %zu keys kept\n",
                    f.nsPerEvent, f.gainedKiB, window.keys());
    }
    {
        std::unordered_map<std::string, int> bare;
        const auto f = run(events, [&](std::size_t i) { ++bare[keys[i]]; });
        std::printf("flood of distinct numbers, bare map counter: %7.1f ns/event, +%ld KiB "
                    "resident, %zu keys kept (unbounded)\n",
                    f.nsPerEvent, f.gainedKiB, bare.size());
    }
    {
        RateWindow window;
        const auto f = run(events, [&](std::size_t i) {
            window.record(keys[i % 100], static_cast<EpochMs>(i), kCap);
        });
        std::printf("100 numbers again and again, RateWindow:    %7.1f ns/event\n", f.nsPerEvent);
    }
    {
        std::unordered_map<std::string, int> bare;
        const auto f = run(events, [&](std::size_t i) { ++bare[keys[i % 100]]; });
        std::printf("100 numbers again and again, bare map:      %7.1f ns/event\n", f.nsPerEvent);
    }
    return 0;
}
