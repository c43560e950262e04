// The restore drill against a real warmline-gateway: a backup taken while
// the gateway runs and texts arrive, sealed (its words unreadable in the
// file); a restore refused while the gateway runs and with a wrong
// passphrase, changing nothing; after losing the data directory, the
// restore brings back the contacts and the site key, and the gateway starts
// on it with the callers' aliases as they were. A second gateway on the same
// directory is refused. All texts are synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace warmline::test;
using warmline::telephony::SimpleHttpClient;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::string readAll(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void postText(SimpleHttpClient& http, const std::string& sid, const std::string& body)
{
    const auto r =
        http.postForm("/sms/twilio", SimpleHttpClient::formEncode({{"MessageSid", sid},
                                                                   {"From", "+15555550181"},
                                                                   {"To", "+15555550199"},
                                                                   {"Body", body},
                                                                   {"NumMedia", "0"}}));
    REQUIRE(r.status == 200);
}

/// The queue's aliases and previews, as an operator sees them.
std::string queueOf(OperatorLink& op)
{
    std::string s;
    const auto snapshot = op.call("queue.snapshot");
    for (const auto& c : snapshot.at("queue").as_array()) {
        s += std::string(c.at("alias").as_string()) + ": " +
             std::string(c.at("preview").as_string()) + "\n";
    }
    return s;
}

} // namespace

TEST_CASE("backup while running, a restore refused while running or with a wrong passphrase, "
          "and the restore drill after losing the data",
          "[gateway][backup][e2e]")
{
    GatewayOptions options;
    options.start = false;
    options.configExtra = "[twilio]\nauth_token =\n[outbound]\nprovider = none\n";
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.start();
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));
    const std::string words = "synthetic: the lighthouse keeper's cat wandered off again";
    postText(http, "SMbk1", words);
    std::string before;
    {
        OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
        REQUIRE(waitFor([&] { return !queueOf(sam).empty(); }, std::chrono::seconds(10)));
        before = queueOf(sam);
    }
    const auto passFile = gateway.dir() / "passphrase";
    std::ofstream(passFile) << "a long synthetic passphrase\n";
    const auto wrongFile = gateway.dir() / "wrong";
    std::ofstream(wrongFile) << "not the right passphrase\n";
    const auto backup = gateway.dir() / "site.wlbk";

    // Taken while the gateway runs and more texts arrive.
    postText(http, "SMbk2", "synthetic: still up, the kettle is on");
    const auto made = gateway.runGatewayCommand(
        {"backup", backup.string(), "--passphrase-file", passFile.string()});
    INFO(made.err);
    REQUIRE(made.exitCode == 0);
    CHECK(made.out.find("backup written") != std::string::npos);
    const auto sealed = readAll(backup);
    CHECK(sealed.size() > 1000);
    CHECK(sealed.find("lighthouse") == std::string::npos);
    CHECK(sealed.find("SQLite format") == std::string::npos);
    // A short passphrase is refused and nothing is written.
    const auto shortPass = gateway.runGatewayCommand(
        {"backup", (gateway.dir() / "short.wlbk").string(), "--passphrase-stdin"}, "short\n");
    CHECK(shortPass.exitCode == 1);
    CHECK(shortPass.err.find("shorter than 12") != std::string::npos);
    CHECK_FALSE(fs::exists(gateway.dir() / "short.wlbk"));

    // Not while it runs: nothing changes.
    const auto key = readAll(gateway.dataDir() / "site.key");
    const auto running = gateway.runGatewayCommand(
        {"restore", backup.string(), "--passphrase-file", passFile.string()});
    CHECK(running.exitCode == 3);
    CHECK(running.err.find("a gateway is running") != std::string::npos);
    // Nor a second gateway on the same directory.
    const auto second = gateway.runGatewayCommand({}, std::nullopt, std::chrono::seconds(20));
    CHECK(second.exitCode == 2);
    CHECK(second.err.find("another warmline-gateway is running") != std::string::npos);

    CHECK(gateway.stop() == 0);
    // A wrong passphrase: refused, nothing changed.
    const auto wrong = gateway.runGatewayCommand(
        {"restore", backup.string(), "--passphrase-file", wrongFile.string()});
    CHECK(wrong.exitCode == 1);
    CHECK(wrong.err.find("cannot be opened with this passphrase") != std::string::npos);
    CHECK(readAll(gateway.dataDir() / "site.key") == key);

    // The drill: the data is lost, the backup brings it back.
    for (const auto& entry : fs::directory_iterator(gateway.dataDir())) {
        if (entry.path().filename() != "gateway.lock") {
            fs::remove_all(entry.path());
        }
    }
    const auto restored = gateway.runGatewayCommand(
        {"restore", backup.string(), "--passphrase-stdin"}, "a long synthetic passphrase\n");
    INFO(restored.err);
    REQUIRE(restored.exitCode == 0);
    CHECK(readAll(gateway.dataDir() / "site.key") == key);
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    const auto after = queueOf(sam);
    // The same caller, under the same alias (the site key came back), with
    // the texts that were in when the backup was taken.
    CHECK(after.find(before.substr(0, before.find(':'))) != std::string::npos);
    CHECK(after.find("kettle") != std::string::npos);

    // Restoring over a store keeps the one that was there.
    CHECK(gateway.stop() == 0);
    const auto again = gateway.runGatewayCommand(
        {"restore", backup.string(), "--passphrase-file", passFile.string()});
    REQUIRE(again.exitCode == 0);
    bool kept = false;
    for (const auto& entry : fs::directory_iterator(gateway.dataDir())) {
        const auto name = entry.path().filename().string();
        if (name.starts_with("before-restore-")) {
            kept =
                fs::exists(entry.path() / "warmline.db") && fs::exists(entry.path() / "site.key");
        }
    }
    CHECK(kept);
}
