#pragma once

// A CSV reader for the directory's import (RFC 4180: comma separated,
// fields in double quotes may hold commas, quotes doubled, and line
// breaks). Every size is bounded; a file that breaks a bound or the format
// is refused with the row it was on. Pure; no I/O but reading one file.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::directory {

struct CsvLimits
{
    std::size_t maxFileBytes = 512U * 1024U * 1024U;
    std::size_t maxFieldBytes = 64U * 1024U;
    std::size_t maxFields = 256;
};

/// A parse error: the row (1 is the header) and what is wrong.
struct CsvError : std::runtime_error
{
    CsvError(std::size_t row, const std::string& what) : std::runtime_error(what), row(row) {}
    std::size_t row;
};

/// The rows of a CSV text, the header first. Throws CsvError.
std::vector<std::vector<std::string>> parseCsv(std::string_view text, const CsvLimits& limits = {});

/// A CSV file read whole: its header's column names and its rows, each
/// row's fields by column. A row with more or fewer fields than the header
/// is an error.
class CsvTable
{
public:
    /// Throws CsvError (the file's format) or std::runtime_error (cannot be
    /// read, too large).
    static CsvTable read(const std::filesystem::path& file, const CsvLimits& limits = {});
    static CsvTable fromText(std::string_view text, const CsvLimits& limits = {});

    bool hasColumn(std::string_view name) const;
    std::size_t rows() const { return m_rows.size(); }
    /// The field of data row `row` (0 is the first after the header) in
    /// column `name`; empty when the file has no such column.
    std::string_view field(std::size_t row, std::string_view name) const;
    /// The file's line-based row number of data row `row` as people count
    /// it: the header is row 1, so the first data row is row 2.
    static std::size_t rowNumber(std::size_t row) { return row + 2; }

private:
    std::map<std::string, std::size_t, std::less<>> m_columns;
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace warmline::directory
