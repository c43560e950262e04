// The tests' own Process helper: a program a test started does not outlive
// the test, even when the test dies without running a destructor (a crash,
// or ctest killing it at its timeout).

#include "support/Process.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>

using namespace warmline::test;

namespace {

/// Whether `pid` is gone or a zombie nobody has reaped yet.
bool ended(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) {
        return true;
    }
    const auto close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z';
}

} // namespace

TEST_CASE("a program started by a test that dies is killed with it")
{
    TempDir dir;
    const auto pidFile = dir / "pid";
    const pid_t test = ::fork();
    REQUIRE(test >= 0);
    if (test == 0) {
        // A test that starts a long program, then dies without unwinding.
        try {
            ProcessOptions o;
            o.argv = {"/bin/sleep", "600"};
            o.outputDir = dir.path();
            o.name = "sleeper";
            auto* sleeper = new Process(std::move(o));
            std::ofstream(pidFile) << sleeper->pid() << "\n";
        } catch (...) {
            ::_exit(3);
        }
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(test, &status, 0) == test);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    pid_t sleeper = 0;
    std::ifstream(pidFile) >> sleeper;
    REQUIRE(sleeper > 0);
    const bool killed = waitFor([&] { return ended(sleeper); }, 10s, 20ms);
    if (!killed) {
        ::kill(sleeper, SIGKILL);
    }
    CHECK(killed);
}

TEST_CASE("a program that cannot be started is reported, not run")
{
    TempDir dir;
    ProcessOptions o;
    o.argv = {(dir / "no-such-program").string()};
    o.outputDir = dir.path();
    CHECK_THROWS_WITH(Process(std::move(o)),
                      Catch::Contains("exec") && Catch::Contains("No such file"));
}

TEST_CASE("a program started by a test holds none of the test's files or sockets")
{
    TempDir dir;
    // Opened without O_CLOEXEC, as a socket or file of a test might be, and
    // numbered above what the shell itself opens (its glob's directory).
    const int opened = ::open("/dev/null", O_RDONLY);
    REQUIRE(opened >= 3);
    const int inherited = ::fcntl(opened, F_DUPFD, 60);
    ::close(opened);
    REQUIRE(inherited >= 60);
    ProcessOptions o;
    o.argv = {"/bin/sh", "-c", "for f in /proc/$$/fd/*; do echo \"${f##*/}\"; done"};
    o.outputDir = dir.path();
    o.name = "fds";
    Process p(std::move(o));
    const auto code = p.waitExit(10s);
    ::close(inherited);
    REQUIRE(code == 0);
    const std::string out = "\n" + p.stdoutText();
    INFO(out);
    const auto listed = [&](int fd) {
        return out.find("\n" + std::to_string(fd) + "\n") != std::string::npos;
    };
    CHECK(listed(0)); // the redirections are there
    CHECK(listed(2));
    CHECK_FALSE(listed(inherited));
}
