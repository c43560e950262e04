// warmlinectl's session file: where it lives, reading it, and writing it
// owner-only and whole. It keeps the saved login (token, gateway) and the
// link position (epoch, seq) that `watch` resumes from.

#include "telephony/cmd/ctl/Ctl.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

namespace warmline::ctl {

fs::path defaultSessionPath()
{
    auto base = envOr("XDG_CONFIG_HOME");
    if (base.empty()) {
        const auto home = envOr("HOME");
        if (home.empty()) {
            throw Failure{kUsage, "neither XDG_CONFIG_HOME nor HOME is set; use --session FILE"};
        }
        base = home + "/.config";
    }
    return fs::path(base) / "warmline" / "ctl-session.json";
}

std::optional<Session> loadSession(const fs::path& path)
{
    std::ifstream in(path);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    json::error_code ec;
    const auto v = json::parse(text.str(), ec);
    if (ec || !v.is_object()) {
        throw Failure{kNotAuthenticated,
                      "the session file " + path.string() + " is damaged; log in again"};
    }
    const auto& o = v.get_object();
    auto str = [&o](const char* key) {
        const auto* f = o.if_contains(key);
        return (f && f->is_string()) ? std::string(f->get_string()) : std::string();
    };
    Session s{str("gateway"), str("name"), str("token"), str("epoch"), 0};
    if (const auto* seq = o.if_contains("seq"); seq && seq->is_number()) {
        s.seq = seq->to_number<std::uint64_t>();
    }
    if (s.token.empty()) {
        return std::nullopt;
    }
    return s;
}

// The token is a credential: the file is written owner-only, and replaced
// whole (rename) so a crash never leaves half a session.
void saveSession(const fs::path& path, const Session& s)
{
    std::error_code ec;
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
        if (!ec && path.parent_path().filename() == "warmline") {
            fs::permissions(path.parent_path(), fs::perms::owner_all, ec);
        }
    }
    json::object o;
    o["gateway"] = s.gateway;
    o["name"] = s.name;
    o["token"] = s.token;
    o["epoch"] = s.epoch;
    o["seq"] = s.seq;
    const auto text = json::serialize(o) + "\n";
    const auto tmp = path.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw Failure{kGatewayError,
                      "cannot write the session file " + tmp + ": " + std::strerror(errno)};
    }
    ::fchmod(fd, 0600);
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const auto n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ::close(fd);
            throw Failure{kGatewayError, "cannot write the session file " + tmp};
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        throw Failure{kGatewayError, "cannot replace the session file " + path.string() + ": " +
                                         std::strerror(errno)};
    }
}

} // namespace warmline::ctl
