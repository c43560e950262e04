#include "support/Process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace warmline::test {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

[[noreturn]] void fail(const std::string& what)
{
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

} // namespace

Process::Process(ProcessOptions options)
{
    if (options.argv.empty()) {
        throw std::invalid_argument("Process: empty argv");
    }
    static int counter = 0;
    if (options.outputDir.empty()) {
        m_ownDir.emplace(options.name);
        options.outputDir = m_ownDir->path();
    }
    const auto stem = options.name + "-" + std::to_string(++counter);
    m_stdoutPath = options.outputDir / (stem + ".stdout");
    m_stderrPath = options.outputDir / (stem + ".stderr");
    std::string stdinPath = "/dev/null";
    if (options.stdinData) {
        stdinPath = (options.outputDir / (stem + ".stdin")).string();
        writeFile(stdinPath, *options.stdinData);
    }

    std::map<std::string, std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string::npos) {
            env[entry.substr(0, eq)] = entry.substr(eq + 1);
        }
    }
    for (const auto& name : options.unsetEnv) {
        env.erase(name);
    }
    for (const auto& [name, value] : options.env) {
        env[name] = value;
    }
    std::vector<std::string> envStrings;
    for (const auto& [name, value] : env) {
        envStrings.push_back(name + "=" + value);
    }
    std::vector<char*> envp;
    for (auto& s : envStrings) {
        envp.push_back(s.data());
    }
    envp.push_back(nullptr);
    std::vector<char*> argv;
    for (auto& a : options.argv) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);

    // fork and exec rather than posix_spawn, for one thing posix_spawn cannot
    // do: the child dies with the test process (PR_SET_PDEATHSIG), so a test
    // that crashes, or is killed at its ctest timeout, leaves no gateway or
    // sipp running to take the CPU and ports of the tests after it. Between
    // fork and exec only async-signal-safe calls; an exec failure comes back
    // through a close-on-exec pipe, as posix_spawn would report it.
    // Like posix_spawn, the child inherits the test's descriptors that are not
    // close-on-exec (Asio's sockets among them).
    const pid_t parent = ::getpid();
    const std::string stdoutPath = m_stdoutPath.string();
    const std::string stderrPath = m_stderrPath.string();
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0) {
        fail("pipe2");
    }
    m_pid = ::fork();
    if (m_pid < 0) {
        ::close(report[0]);
        ::close(report[1]);
        fail("fork " + options.argv[0]);
    }
    if (m_pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(127); // the test died before prctl took effect
        }
        const auto redirect = [](const char* path, int flags, int to) {
            const int fd = ::open(path, flags, 0600);
            return fd >= 0 && ::dup2(fd, to) >= 0 && (fd == to || ::close(fd) == 0);
        };
        if (redirect(stdinPath.c_str(), O_RDONLY, 0) &&
            redirect(stdoutPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 1) &&
            redirect(stderrPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 2)) {
            // The test's own sockets and files (a gateway's listening port,
            // a store) are not the child's: a sipp that outlives its test
            // must not hold them open.
            ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
            ::execve(argv[0], argv.data(), envp.data());
        }
        const int error = errno;
        [[maybe_unused]] const auto written = ::write(report[1], &error, sizeof error);
        ::_exit(127);
    }
    ::close(report[1]);
    int error = 0;
    ssize_t n = 0;
    do {
        n = ::read(report[0], &error, sizeof error);
    } while (n < 0 && errno == EINTR);
    ::close(report[0]);
    if (n == sizeof error) {
        reap(true);
        m_pid = -1;
        errno = error;
        fail("exec " + options.argv[0]);
    }
}

Process::~Process()
{
    if (m_pid > 0 && !m_exitCode) {
        ::kill(m_pid, SIGKILL);
        reap(true);
    }
}

bool Process::reap(bool block)
{
    if (m_exitCode) {
        return true;
    }
    int status = 0;
    pid_t r = 0;
    do {
        r = ::waitpid(m_pid, &status, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r != m_pid) {
        return false;
    }
    if (WIFEXITED(status)) {
        m_exitCode = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        m_exitCode = 128 + WTERMSIG(status);
    } else {
        m_exitCode = -1;
    }
    return true;
}

bool Process::running()
{
    return !reap(false);
}

void Process::kill(int signal)
{
    if (running()) {
        ::kill(m_pid, signal);
    }
}

std::optional<int> Process::waitExit(std::chrono::milliseconds timeout)
{
    waitFor([this] { return reap(false); }, timeout, 10ms);
    return m_exitCode;
}

int Process::stop(std::chrono::milliseconds grace)
{
    kill(SIGTERM);
    if (auto code = waitExit(grace)) {
        return *code;
    }
    kill(SIGKILL);
    reap(true);
    return *m_exitCode;
}

std::string Process::stdoutText() const
{
    return readFile(m_stdoutPath);
}

std::string Process::stderrText() const
{
    return readFile(m_stderrPath);
}

RunResult runProgram(ProcessOptions options, std::chrono::milliseconds timeout)
{
    Process p(std::move(options));
    RunResult r;
    if (auto code = p.waitExit(timeout)) {
        r.exitCode = *code;
    } else {
        r.timedOut = true;
        p.kill(SIGKILL);
        p.waitExit(10s);
    }
    r.out = p.stdoutText();
    r.err = p.stderrText();
    return r;
}

bool waitFor(const std::function<bool()>& predicate, std::chrono::milliseconds timeout,
             std::chrono::milliseconds pollInterval)
{
    const auto deadline = Clock::now() + timeout;
    while (true) {
        if (predicate()) {
            return true;
        }
        if (Clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(pollInterval);
    }
}

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeFile(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

bool waitForFileContaining(const fs::path& path, const std::string& text,
                           std::chrono::milliseconds timeout)
{
    return waitFor([&] { return readFile(path).find(text) != std::string::npos; }, timeout);
}

int freeTcpPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fail("socket");
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(fd);
        fail("bind 127.0.0.1:0");
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

namespace {

/// Whether UDP 127.0.0.1:port can be bound right now.
bool udpPortFree(int port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fail("socket");
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

} // namespace

int freeUdpPort()
{
    // Between this choice and the peer's bind, the port must not be taken by
    // anyone else. In the kernel's ephemeral range (32768 and up) any
    // process binding port 0 may get it: another test's gateway, sipp's
    // other sockets, a resolver. So the port comes from 10000-19999, which
    // the kernel never hands out and the tests' gateways do not use (their
    // RTP ranges start at 20000): only this function picks there, at random,
    // so two test processes meet only by chance. An even port with the next
    // three free too: sipp's media port echoes on port + 2 as well, with
    // RTCP beside each. One test often picks several ports before any peer
    // binds them (a sipp's -p, -cp and -mp), so a block this process handed
    // out before is never handed out again: a check by binding cannot see a
    // port that is chosen but not yet bound.
    static std::set<int> handedOut; // even bases of 4-port blocks
    static std::mt19937 random(static_cast<std::uint32_t>(std::random_device{}() ^
                                                          static_cast<std::uint32_t>(::getpid())));
    std::uniform_int_distribution<int> pick(5000, 9998);
    for (int attempt = 0; attempt < 200; ++attempt) {
        const int port = pick(random) * 2; // even, 10000-19996
        if (handedOut.contains(port) || handedOut.contains(port - 2) ||
            handedOut.contains(port + 2)) {
            continue;
        }
        if (udpPortFree(port) && udpPortFree(port + 1) && udpPortFree(port + 2) &&
            udpPortFree(port + 3)) {
            handedOut.insert(port);
            return port;
        }
    }
    fail("no free even UDP port in 10000-19999");
}

bool udpPortBound(int port)
{
    std::ifstream in("/proc/net/udp");
    std::string line;
    std::getline(in, line); // the header
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string slot;
        std::string local;
        fields >> slot >> local;
        const auto colon = local.find(':');
        if (colon != std::string::npos && std::stoi(local.substr(colon + 1), nullptr, 16) == port) {
            return true;
        }
    }
    return false;
}

} // namespace warmline::test
