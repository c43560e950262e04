// Reading a Frictionless data package descriptor (datapackage.json), the
// form HSDS packages are published in: which CSV file holds each table,
// under HSDS 3.0's names or the plural ones of earlier versions and many
// exports. See docs/resources.md, "Data packages".

#include "core/directory/Hsds.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>

namespace warmline::directory {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxProblems = 50;

constexpr std::array<std::string_view, 11> kTables{
    "organization",        "service",       "location", "address",
    "service_at_location", "phone",         "schedule", "language",
    "service_area",        "taxonomy_term", "attribute"};

/// A data package's resource name as one of the tables: HSDS 3.0's singular
/// names, and the plural ones earlier versions and many exports use.
std::optional<std::string> tableOf(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::replace(name.begin(), name.end(), '-', '_');
    if (name == "services_at_location" || name == "services_at_locations") {
        name = "service_at_location";
    } else if (name == "physical_address" || name == "physical_addresses" || name == "addresses") {
        name = "address";
    } else if (name == "regular_schedule" || name == "regular_schedules" || name == "schedules") {
        name = "schedule";
    } else if (name.size() > 1 && name.back() == 's' &&
               std::find(kTables.begin(), kTables.end(), name) == kTables.end()) {
        name.pop_back();
    }
    if (std::find(kTables.begin(), kTables.end(), name) == kTables.end()) {
        return std::nullopt;
    }
    return name + ".csv";
}

} // namespace

std::map<std::string, std::string> readDataPackage(const fs::path& file)
{
    std::vector<HsdsProblem> problems;
    std::map<std::string, std::string> paths;
    auto problem = [&problems](const std::string& where, std::size_t row, std::string field,
                               std::string message) {
        if (problems.size() < kMaxProblems) {
            problems.push_back({where, row, std::move(field), std::move(message)});
        }
    };
    auto fail = [&problems]() -> std::map<std::string, std::string> {
        throw HsdsError(std::move(problems));
    };
    constexpr std::uintmax_t kMaxDescriptorBytes = 1 << 20;
    const std::string name = "datapackage.json";
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec || size > kMaxDescriptorBytes) {
        problem(name, 0, "", ec ? "cannot be read" : "is larger than 1 MiB");
        return fail();
    }
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    boost::system::error_code jec;
    const auto v = boost::json::parse(text, jec);
    if (jec || !v.is_object()) {
        problem(name, 0, "",
                "is not a JSON object" + (jec ? std::string(" (") + jec.message() + ")" : ""));
        return fail();
    }
    const auto* resources = v.get_object().if_contains("resources");
    if (resources == nullptr || !resources->is_array()) {
        problem(name, 0, "resources", "must be an array of resources");
        return fail();
    }
    std::size_t i = 0;
    for (const auto& r : resources->get_array()) {
        const std::string field = "resources[" + std::to_string(i++) + "]";
        if (!r.is_object()) {
            problem(name, 0, field, "must be an object");
            continue;
        }
        const auto& o = r.get_object();
        const auto* n = o.if_contains("name");
        const auto* p = o.if_contains("path");
        if (n == nullptr || !n->is_string()) {
            problem(name, 0, field + ".name", "is required");
            continue;
        }
        const auto table = tableOf(std::string(n->get_string()));
        if (!table) {
            continue; // a table Warmline does not read (contacts, fundings, …)
        }
        if (o.contains("data")) {
            problem(name, 0, field + ".data",
                    "inline rows are not read: give the table as a CSV file in \"path\"");
            continue;
        }
        if (p == nullptr || !p->is_string()) {
            problem(name, 0, field + ".path",
                    p && p->is_array() ? "must be one file, not a list of parts" : "is required");
            continue;
        }
        const fs::path rel(std::string(p->get_string()));
        const std::string relText = rel.generic_string();
        if (rel.empty() || rel.is_absolute() || relText.find("..") != std::string::npos ||
            relText.find("://") != std::string::npos) {
            problem(name, 0, field + ".path",
                    "\"" + relText + "\" must be a file inside the package's folder");
            continue;
        }
        if (paths.contains(*table)) {
            problem(name, 0, field + ".name",
                    "a second \"" + table->substr(0, table->size() - 4) + "\" resource");
            continue;
        }
        paths.emplace(*table, relText);
    }
    if (!problems.empty()) {
        return fail();
    }
    return paths;
}

} // namespace warmline::directory
