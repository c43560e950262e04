#include "core/config/Config.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

TEST_CASE("docs/config.md and the example config are generated from the schema")
{
    auto read = [](const std::string& path) {
        std::ifstream in(std::string(WARMLINE_SOURCE_DIR) + "/" + path);
        REQUIRE(in);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    };
    INFO("regenerate with: warmline-gateway --print-config-reference > docs/config.md");
    CHECK(read("docs/config.md") == warmline::renderConfigMarkdown());
    INFO("regenerate with: warmline-gateway --print-example-config > "
         "resources/gateway.conf.example");
    CHECK(read("resources/gateway.conf.example") == warmline::renderExampleConfig());
}
