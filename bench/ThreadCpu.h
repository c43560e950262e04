#pragma once

// The CPU time one thread has used, for the media benchmarks.

#include <pthread.h>

#include <ctime>

namespace warmline::bench {

/// Seconds of CPU the thread `t` has used (0 if it cannot be read).
inline double threadCpuSeconds(pthread_t t)
{
    clockid_t id;
    if (pthread_getcpuclockid(t, &id) != 0) {
        return 0;
    }
    timespec ts{};
    clock_gettime(id, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

} // namespace warmline::bench
