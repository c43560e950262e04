// resources.search and resources.show on the operator link: a real gateway
// with the synthetic sample directory imported into its data folder by
// warmlinectl, as an administrator would (docs/resources.md).

#include "support/GatewayProcess.h"
#include "support/OperatorLink.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using namespace warmline;
using namespace warmline::test;
namespace fs = std::filesystem;

TEST_CASE("an operator searches the line's resource directory on the link",
          "[gateway][resources][e2e]")
{
    GatewayOptions options;
    options.start = false;
    GatewayProcess gateway(options);
    gateway.addOperator("sam", "operator", "sam-password-123");
    gateway.start();
    OperatorLink sam(gateway.linkUrl(), "sam", "sam-password-123");

    // No directory yet: a clear answer, not an empty list.
    const auto none = sam.raw("resources.search", {{"words", "food"}});
    REQUIRE(none.kind == link::ServerFrame::Kind::Error);
    CHECK(none.code == link::ErrorCode::NotFound);
    CHECK(none.message.find("no resource directory yet") != std::string::npos);

    // Imported while the gateway runs: the next search reads it.
    const fs::path sample = fs::path(WARMLINE_SOURCE_DIR) / "resources" / "directory-sample";
    const auto imported = runCtl({"resources", "import", sample.string(), "--directory",
                                  (gateway.dataDir() / "directory.db").string()});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);

    const auto found = sam.call("resources.search", {{"words", "despensa alimentos"}});
    REQUIRE_FALSE(found.at("results").as_array().empty());
    CHECK(found.at("results").as_array()[0].as_object().at("id").as_string() == "svc-03");
    CHECK(found.at("version").as_int64() == 1);

    const auto near = sam.call("resources.search",
                               {{"category", "food"}, {"near", "Pine Hollow"}, {"withinKm", 10}});
    REQUIRE_FALSE(near.at("results").as_array().empty());
    for (const auto& r : near.at("results").as_array()) {
        CHECK(r.as_object().at("distanceKm").to_number<double>() <= 10.0);
    }
    const auto peer = sam.call("resources.search", {{"peerRun", true}, {"limit", 3}});
    CHECK(peer.at("results").as_array().size() == 3);

    const auto shown = sam.call("resources.show", {{"resourceId", "svc-01"}});
    CHECK(shown.at("resource").at("name").as_string() == "Harbor Street Food Pantry");
    CHECK_FALSE(shown.at("resource").at("phones").as_array().empty());

    const auto unknown = sam.raw("resources.show", {{"resourceId", "svc-404"}});
    CHECK(unknown.code == link::ErrorCode::NotFound);
    const auto badPlace = sam.raw("resources.search", {{"near", "Atlantis"}});
    CHECK(badPlace.code == link::ErrorCode::BadRequest);
    CHECK(badPlace.message.find("Atlantis") != std::string::npos);
    const auto badLimit = sam.raw("resources.search", {{"limit", 5000}});
    CHECK(badLimit.code == link::ErrorCode::BadRequest);
    const auto badFlag = sam.raw("resources.search", {{"free", "yes"}});
    CHECK(badFlag.code == link::ErrorCode::BadRequest);
    // The link survives each refusal.
    CHECK(sam.call("resources.search", {{"words", "naloxone"}}).at("results").as_array().size() >=
          1);
}
