#pragma once

// Test helpers for driving real programs: child processes, temporary
// directories (TempDir.h), polling waits and free ports. Plain POSIX; no Catch2 here so
// the helpers can serve benchmarks too.

#include "support/TempDir.h"

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace warmline::test {

using namespace std::chrono_literals;

struct ProcessOptions
{
    std::vector<std::string> argv;                        ///< argv[0] is the program's path
    std::vector<std::pair<std::string, std::string>> env; ///< set on top of ours
    std::vector<std::string> unsetEnv;    ///< removed from the inherited environment
    std::optional<std::string> stdinData; ///< nullopt: /dev/null
    std::filesystem::path outputDir;      ///< for stdout/stderr files; empty: a private TempDir
    std::string name = "process";         ///< file name prefix
};

/// A child process with stdout and stderr captured in files. The destructor
/// kills (SIGKILL) and reaps it if it still runs, and the kernel kills it
/// when the thread that started it ends (the test crashed or was killed).
/// Use from one thread, one that lives as long as the process should.
class Process
{
public:
    explicit Process(ProcessOptions options);
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return m_pid; }
    /// True until the child has exited and been reaped.
    bool running();
    void kill(int signal = SIGTERM);
    /// The exit status (128 + signal number when killed by a signal), or
    /// nullopt if it still runs after `timeout`.
    std::optional<int> waitExit(std::chrono::milliseconds timeout);
    /// SIGTERM, then SIGKILL if it has not exited within `grace`.
    int stop(std::chrono::milliseconds grace = 10s);
    std::optional<int> exitCode() const { return m_exitCode; }

    const std::filesystem::path& stdoutPath() const { return m_stdoutPath; }
    const std::filesystem::path& stderrPath() const { return m_stderrPath; }
    std::string stdoutText() const;
    std::string stderrText() const;

private:
    bool reap(bool block);

    std::optional<TempDir> m_ownDir;
    std::filesystem::path m_stdoutPath;
    std::filesystem::path m_stderrPath;
    pid_t m_pid = -1;
    std::optional<int> m_exitCode;
};

struct RunResult
{
    int exitCode = -1; ///< as Process::waitExit; -1 if it timed out (then killed)
    std::string out;
    std::string err;
    bool timedOut = false;
};

/// Runs a program to completion (killed after `timeout`).
RunResult runProgram(ProcessOptions options, std::chrono::milliseconds timeout = 60s);

/// Polls `predicate` every `pollInterval` until it holds or `timeout` passes.
bool waitFor(const std::function<bool()>& predicate, std::chrono::milliseconds timeout,
             std::chrono::milliseconds pollInterval = 20ms);

/// The whole file, or "" if it cannot be read.
std::string readFile(const std::filesystem::path& path);
void writeFile(const std::filesystem::path& path, const std::string& text);
bool waitForFileContaining(const std::filesystem::path& path, const std::string& text,
                           std::chrono::milliseconds timeout);

/// A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read,
/// close), for peers that need a port written into their configuration.
int freeTcpPort();
/// An even UDP port on 127.0.0.1, with the next three, free a moment ago
/// (for SIP peers such as sipp). From 10000-19999, outside the kernel's
/// ephemeral range, so that no process binding port 0 takes it before the
/// peer binds it. Never the same block twice in one process.
int freeUdpPort();
/// Whether some process has bound this UDP port (any address), read from
/// /proc/net/udp: probing by binding it ourselves could take it from the
/// program that is about to.
bool udpPortBound(int port);

} // namespace warmline::test
