// warmlinectl's passwords: from standard input, the environment, or a
// prompt on the terminal with echo off.

#include "telephony/cmd/ctl/Ctl.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <optional>
#include <string>

namespace warmline::ctl {

namespace {

std::optional<std::string> readStdinLine()
{
    std::string line;
    if (!std::getline(std::cin, line)) {
        return std::nullopt;
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.pop_back();
    }
    return line;
}

/// Asks on the terminal with echo off; nullopt without a terminal.
std::optional<std::string> promptHidden(const std::string& prompt)
{
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    termios saved{};
    const bool isTty = ::tcgetattr(fd, &saved) == 0;
    if (isTty) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    [[maybe_unused]] auto w = ::write(fd, prompt.data(), prompt.size());
    std::string line;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n') {
        line += c;
    }
    if (isTty) {
        ::tcsetattr(fd, TCSAFLUSH, &saved);
    }
    w = ::write(fd, "\n", 1);
    ::close(fd);
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

std::string noPasswordHint(const char* env)
{
    return std::string("no password given: use --password-stdin, set ") + env +
           ", or run on a terminal";
}

} // namespace

/// A password from stdin (when asked), else the environment, else a prompt.
std::string obtainPassword(bool fromStdin, const char* env, const std::string& prompt, bool confirm)
{
    if (fromStdin) {
        auto line = readStdinLine();
        if (!line || line->empty()) {
            throw UsageError{"--password-stdin: no password on standard input"};
        }
        return *line;
    }
    if (auto v = envOr(env); !v.empty()) {
        return v;
    }
    auto first = promptHidden(prompt);
    if (!first) {
        throw UsageError{noPasswordHint(env)};
    }
    if (confirm) {
        auto second = promptHidden("Again: ");
        if (!second || *second != *first) {
            throw UsageError{"the passwords do not match"};
        }
    }
    return *first;
}

std::string passwordNote()
{
    return "The password comes from --password-stdin (one line on standard input), else the\n"
           "environment variable named below, else a prompt on the terminal (not echoed).\n";
}

} // namespace warmline::ctl
