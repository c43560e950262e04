// LD_PRELOAD shim that makes every fsync/fdatasync take at least
// FSYNC_DELAY_US microseconds (default 1000) before doing the real call.
// For showing how durable ingest depends on the disk's flush time on a
// machine whose virtual disk acknowledges flushes from a cache (see
// docs/PERFORMANCE.md):
//
//   FSYNC_DELAY_US=2000 LD_PRELOAD=BUILD/bench/libbench_fsync_delay.so warmline-gateway …
//
// bench/run.sh does this when FSYNC_DELAY_US is set.

#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace {

std::chrono::microseconds delay()
{
    static const auto d = [] {
        const char* v = std::getenv("FSYNC_DELAY_US");
        return std::chrono::microseconds(v ? std::atol(v) : 1000);
    }();
    return d;
}

} // namespace

extern "C" int fsync(int fd)
{
    std::this_thread::sleep_for(delay());
    return static_cast<int>(syscall(SYS_fsync, fd));
}

extern "C" int fdatasync(int fd)
{
    std::this_thread::sleep_for(delay());
    return static_cast<int>(syscall(SYS_fdatasync, fd));
}
