// Fuzz target: a CSV file of an HSDS package as the directory's import
// reads it. Malformed input may only be refused with CsvError; a table
// that is read has every row as wide as its header, and writing its rows
// back out (quoted) and reading them again gives the same fields.

#include "tests/fuzz/FuzzCheck.h"

#include "core/directory/Csv.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace warmline::directory;

namespace {

std::string quoted(const std::vector<std::vector<std::string>>& rows)
{
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            out += '"';
            for (const char c : row[i]) {
                out += c;
                if (c == '"') {
                    out += '"';
                }
            }
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    CsvLimits limits;
    limits.maxFieldBytes = 256;
    limits.maxFields = 16;
    std::vector<std::vector<std::string>> rows;
    try {
        rows = parseCsv(text, limits);
    } catch (const CsvError&) {
        return 0;
    }
    for (const auto& row : rows) {
        FUZZ_CHECK(!row.empty() && row.size() <= limits.maxFields);
        for (const auto& f : row) {
            FUZZ_CHECK(f.size() <= limits.maxFieldBytes);
        }
    }
    // Rows that are not one empty field survive a round trip.
    const auto again = parseCsv(quoted(rows), CsvLimits{});
    FUZZ_CHECK(again == rows);
    try {
        const auto table = CsvTable::fromText(text, limits);
        for (std::size_t r = 0; r < table.rows(); ++r) {
            (void)table.field(r, "id");
        }
    } catch (const CsvError&) {
    }
    return 0;
}
