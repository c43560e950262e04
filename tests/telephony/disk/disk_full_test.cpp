// A full disk, for real: the store sits on a small tmpfs this test mounts
// and fills. The gateway refuses new texts with 503 (the carrier retries),
// tells the leads once, keeps serving reads, and writes again by itself
// when space returns, with every text it answered 200 on disk once.
// Needs root to mount; without it the test reports Skipped (exit 77).

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "support/StoreProbe.h"
#include "telephony/gateway/HostileClient.h"
#include "telephony/net/SimpleHttpClient.h"

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <sys/statvfs.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

using namespace warmline::test;
using warmline::telephony::HttpResponse;
using warmline::telephony::SimpleHttpClient;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

const std::string kPassword = "disk-full-password-1";

RunResult run(std::vector<std::string> argv)
{
    ProcessOptions p;
    p.argv = std::move(argv);
    p.name = "mount";
    return runProgram(std::move(p), 30s);
}

/// A tmpfs of `size` mounted on a fresh directory, unmounted at the end.
class SmallFilesystem
{
public:
    explicit SmallFilesystem(const std::string& size) : m_dir("warmline-smallfs")
    {
        const auto r = run({"/bin/mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700",
                            "tmpfs", m_dir.path().string()});
        m_mounted = r.exitCode == 0;
        m_error = r.err;
    }
    ~SmallFilesystem()
    {
        if (m_mounted) {
            run({"/bin/umount", "-l", m_dir.path().string()});
        }
    }
    bool mounted() const { return m_mounted; }
    const std::string& error() const { return m_error; }
    const fs::path& path() const { return m_dir.path(); }
    std::uint64_t freeBytes() const
    {
        struct statvfs s
        {
        };
        REQUIRE(::statvfs(m_dir.path().c_str(), &s) == 0);
        return static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
    }

private:
    TempDir m_dir;
    bool m_mounted = false;
    std::string m_error;
};

/// Fills the filesystem until at most `leave` bytes are free.
void fill(const fs::path& file, std::uint64_t leave, std::uint64_t freeNow)
{
    std::ofstream out(file, std::ios::binary);
    const std::string block(4096, '\0');
    for (std::uint64_t written = 0; written + leave < freeNow && out; written += block.size()) {
        out.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
    out.flush();
}

} // namespace

TEST_CASE("a full disk: 503, one warning to the leads, reads go on, writes come back by themselves",
          "[disk][store][e2e]")
{
    SmallFilesystem small("6m");
    REQUIRE(small.mounted());

    GatewayOptions options;
    options.start = false;
    options.configExtra =
        kConfigBase + "[store]\npath = " + (small.path() / "warmline.db").string() + "\n";
    GatewayProcess gateway(options);
    gateway.addOperator("riley", "lead", kPassword);
    gateway.start();
    OperatorLink riley(gateway.linkUrl(), "riley", kPassword);
    CHECK(riley.call("board.snapshot").at("store").at("failing") == json::value(false));

    SimpleHttpClient client(gateway.url(), 10s);
    std::vector<std::string> answered;
    auto post = [&](const std::string& sid, const std::string& from) {
        const auto r =
            client.postForm("/sms/twilio", twilioForm(sid, from, std::string(3000, 'q')));
        if (r.status == 200) {
            answered.push_back(sid);
        }
        return r;
    };
    REQUIRE(post("SMdisk0", "+15555550170").status == 200);

    const fs::path filler = small.path() / "filler";
    fill(filler, 48 * 1024, small.freeBytes());
    std::optional<HttpResponse> refused;
    for (int i = 1; i < 300 && !refused; ++i) {
        char from[16];
        std::snprintf(from, sizeof from, "+1555555%04d", 171 + i % 20);
        const auto r = post("SMdisk" + std::to_string(i), from);
        if (r.status != 200) {
            refused = r;
        }
    }
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(refused->header("Retry-After").has_value());

    // The leads hear of it once, with why.
    const auto failing = riley.waitEvent("store.failing", [](const json::object&) { return true; });
    CHECK(failing.at("store").at("kind") == json::value("full"));
    // Reads go on: the board, the health check, a new connection.
    // A small write that gets through the nearly full disk does not clear
    // the warning: only writes succeeding for a steady stretch do.
    CHECK(riley.call("board.snapshot").at("store").at("failing") == json::value(true));
    CHECK(client.get("/healthz").status == 200);
    SimpleHttpClient fresh(gateway.url(), 10s);
    CHECK(fresh.get("/metrics").body.find("warmline_store_errors_total{kind=\"full\"}") !=
          std::string::npos);

    // Space returns: the carrier's retry of the refused text is stored, by
    // itself, with no restart.
    const auto freedAt = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    fs::remove(filler);
    // Polled as a carrier retries, every 100 ms for at most 15 s.
    REQUIRE(waitFor([&] { return post("SMdiskretry", "+15555550199").status == 200; }, 15s, 100ms));
    const auto recovered =
        riley.waitEvent("store.recovered", [](const json::object&) { return true; });
    // Told once the writes have kept succeeding (10 s), not at the first.
    CHECK(recovered.at("at").as_int64() >= freedAt);
    CHECK(riley.call("board.snapshot").at("store").at("failing") == json::value(false));
    // One warning and one all-clear, however the writes flickered between.
    const std::string names = " " + riley.eventNames() + " ";
    auto count = [&](const std::string& name) {
        std::size_t n = 0;
        for (auto at = names.find(" " + name + " "); at != std::string::npos;
             at = names.find(" " + name + " ", at + 1)) {
            ++n;
        }
        return n;
    };
    CHECK(count("store.failing") == 1);
    CHECK(count("store.recovered") == 1);
    gateway.stop();

    const auto onDisk = inboundByProviderId(small.path() / "warmline.db");
    for (const auto& sid : answered) {
        INFO(sid);
        CHECK(onDisk.contains(sid));
    }
    CHECK(std::all_of(onDisk.begin(), onDisk.end(), [](const auto& s) { return s.second == 1; }));
}

int main(int argc, char** argv)
{
    if (::geteuid() != 0) {
        std::fprintf(stderr, "disk_full: needs root to mount a small tmpfs; skipped\n");
        return 77;
    }
    {
        SmallFilesystem probe("1m");
        if (!probe.mounted()) {
            std::fprintf(stderr, "disk_full: cannot mount a tmpfs here (%s); skipped\n",
                         probe.error().c_str());
            return 77;
        }
    }
    return Catch::Session().run(argc, argv);
}
