// A caller's own plans on a real gateway (docs/plans.md): kept only with
// consent, section by section in the caller's words, each change with who
// and when; read with caller.get; texted to the caller in numbered parts;
// deleted when they ask, audited, and the words gone from the store's file.
// All words and numbers are synthetic.

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"
#include "support/Process.h"
#include "telephony/net/SimpleHttpClient.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using namespace warmline;
using namespace warmline::test;
using warmline::link::ErrorCode;
using warmline::telephony::SimpleHttpClient;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::int64_t count(const fs::path& db, const std::string& sql)
{
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    return d.execAndGet(sql).getInt64();
}

/// Whether any of the store's files hold `word`.
bool storeHolds(const fs::path& dataDir, const std::string& word)
{
    for (const auto& e : fs::directory_iterator(dataDir)) {
        const auto name = e.path().filename().string();
        if (name.rfind("warmline.db", 0) != 0) {
            continue;
        }
        std::ifstream in(e.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        if (bytes.find(word) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("a caller's plan is kept with consent, changed, texted to them and deleted on request",
          "[gateway][plans][e2e]")
{
    GatewayOptions options;
    options.start = false;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.addOperator("kim", "operator", "kim-password-123");
    gateway.addOperator("amy", "admin", "amy-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");
    OperatorLink kim(gateway.linkUrl(), "kim", "kim-password-123");
    OperatorLink amy(gateway.linkUrl(), "amy", "amy-password-123");
    SimpleHttpClient http(gateway.url(), std::chrono::seconds(10));
    const fs::path store = gateway.dataDir() / "warmline.db";

    const auto posted = http.postForm(
        "/sms/twilio",
        SimpleHttpClient::formEncode({{"MessageSid", "SMpl1"},
                                      {"From", "+15555550162"},
                                      {"To", "+15555550199"},
                                      {"Body", "synthetic: rough week, can we make a plan"},
                                      {"NumMedia", "0"}}));
    REQUIRE(posted.status == 200);
    sam.call("presence.set", {{"presence", "available"}});
    const std::int64_t id = sam.acceptNext();

    const json::object first{{"warning_signs", "synthetic: not sleeping, skipping meals"},
                             {"help_people", "synthetic: my sister Ana"}};
    // Without consent nothing is kept.
    const auto noConsent =
        sam.raw("plan.save", {{"contactId", id}, {"kind", "safety"}, {"sections", first}});
    CHECK(noConsent.code == ErrorCode::BadRequest);
    CHECK(noConsent.message.find("consent") != std::string::npos);
    CHECK(count(store, "SELECT COUNT(*) FROM caller_plans") == 0);

    // Only for a contact one holds; only the plan's own sections; bounded.
    CHECK(
        kim.raw(
               "plan.save",
               {{"contactId", id}, {"kind", "safety"}, {"sections", first}, {"consent", "keep it"}})
            .code == ErrorCode::Forbidden);
    const auto badSection = sam.raw("plan.save", {{"contactId", id},
                                                  {"kind", "safety"},
                                                  {"sections", {{"triggers", "x"}}},
                                                  {"consent", "keep it"}});
    CHECK(badSection.code == ErrorCode::BadRequest);
    CHECK(badSection.message.find("triggers") != std::string::npos);
    CHECK(sam.raw("plan.save", {{"contactId", id},
                                {"kind", "safety"},
                                {"sections", {{"warning_signs", std::string(2001, 'x')}}},
                                {"consent", "keep it"}})
              .code == ErrorCode::BadRequest);
    CHECK(sam.raw("plan.save", {{"contactId", id}, {"kind", "diary"}, {"consent", "x"}}).code ==
          ErrorCode::BadRequest);
    CHECK(count(store, "SELECT COUNT(*) FROM caller_plans") == 0);

    const auto saved =
        sam.call("plan.save", {{"contactId", id},
                               {"kind", "safety"},
                               {"sections", first},
                               {"consent", "synthetic: keep my safety plan on file"}});
    const auto& plan = saved.at("plan").as_object();
    CHECK(plan.at("sections").at("help_people") == "synthetic: my sister Ana");
    CHECK(plan.at("consent").at("by") == "sam");
    CHECK(plan.at("consent").at("text") == "synthetic: keep my safety plan on file");
    CHECK(count(store, "SELECT COUNT(*) FROM audit_log WHERE action = 'plan.consent'") == 1);

    // A change: one section, kept with who and when; the rest stays.
    const auto changed = sam.call(
        "plan.save", {{"contactId", id},
                      {"kind", "safety"},
                      {"sections", {{"reasons_for_living", "synthetic: my dog, Pepper"}}}});
    const auto& after = changed.at("plan").as_object();
    CHECK(after.at("sections").at("warning_signs") == "synthetic: not sleeping, skipping meals");
    const auto& changes = after.at("changes").as_array();
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].at("sections").as_array()[0] == "reasons_for_living");
    CHECK(changes[0].at("operatorName") == "sam");

    // caller.get carries it beside the caller.
    const auto caller = sam.call("caller.get", {{"contactId", id}});
    REQUIRE(caller.at("plans").as_array().size() == 1);
    CHECK(caller.at("plans").as_array()[0].at("kind") == "safety");

    // Texted to the caller: a long plan in numbered parts, each stored.
    const auto messagesBefore = count(store, "SELECT COUNT(*) FROM messages");
    sam.call("plan.save", {{"contactId", id},
                           {"kind", "safety"},
                           {"sections",
                            {{"coping_strategies", "synthetic: " + std::string(1500, 'c')},
                             {"distraction", "synthetic: " + std::string(1500, 'd')}}}});
    const auto sent = sam.call("plan.send", {{"contactId", id}, {"kind", "safety"}});
    const auto& messages = sent.at("messages").as_array();
    REQUIRE(messages.size() >= 3);
    CHECK(std::string(messages[0].at("body").as_string()).rfind("(1/", 0) == 0);
    CHECK(std::string(messages[0].at("body").as_string()).find("Your safety plan") !=
          std::string::npos);
    for (const auto& m : messages) {
        CHECK(m.at("body").as_string().size() <= 1600);
    }
    CHECK(count(store, "SELECT COUNT(*) FROM messages") ==
          messagesBefore + static_cast<std::int64_t>(messages.size()));
    CHECK(sam.raw("plan.send", {{"contactId", id}, {"kind", "wrap"}}).code == ErrorCode::NotFound);

    // Deleted when the caller asks: audited, the words gone from the file.
    sam.call("plan.save", {{"contactId", id},
                           {"kind", "safety"},
                           {"sections", {{"safe_environment", "synthetic: quokkaharbour"}}}});
    REQUIRE(storeHolds(gateway.dataDir(), "quokkaharbour"));
    CHECK(kim.raw("plan.delete", {{"contactId", id}, {"kind", "safety"}}).code ==
          ErrorCode::Forbidden);
    CHECK(sam.call("plan.delete", {{"contactId", id}, {"kind", "safety"}}).at("deleted") == true);
    CHECK(sam.call("caller.get", {{"contactId", id}}).at("plans").as_array().empty());
    CHECK(count(store, "SELECT COUNT(*) FROM audit_log WHERE action = 'plan.delete'") == 1);
    CHECK(sam.raw("plan.delete", {{"contactId", id}, {"kind", "safety"}}).code ==
          ErrorCode::NotFound);
    REQUIRE(waitFor([&] { return !storeHolds(gateway.dataDir(), "quokkaharbour"); },
                    std::chrono::seconds(10)));
    // Who changed it and when stays; a new plan needs consent again.
    CHECK(count(store, "SELECT COUNT(*) FROM caller_plan_changes") >= 4);
    CHECK(sam.raw("plan.save", {{"contactId", id}, {"kind", "safety"}, {"sections", first}}).code ==
          ErrorCode::BadRequest);
    // The audit log says what happened, never the words.
    const auto audit = amy.call("audit.list", {{"action", "plan.delete"}});
    REQUIRE(audit.at("entries").as_array().size() == 1);
    CHECK(audit.at("entries").as_array()[0].at("detail").at("kind") == "safety");
}
