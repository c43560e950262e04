#include "core/directory/Csv.h"

#include "core/text/Text.h"

#include <fstream>
#include <sstream>

namespace warmline::directory {

std::vector<std::vector<std::string>> parseCsv(std::string_view text, const CsvLimits& limits)
{
    if (text.size() > limits.maxFileBytes) {
        throw CsvError(0,
                       "the file is larger than " + std::to_string(limits.maxFileBytes) + " bytes");
    }
    // A UTF-8 byte order mark, as spreadsheet programs write, is not data.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto endField = [&] {
        if (row.size() >= limits.maxFields) {
            throw CsvError(rows.size() + 1,
                           "more than " + std::to_string(limits.maxFields) + " fields in a row");
        }
        row.push_back(std::move(field));
        field.clear();
    };
    auto endRow = [&] {
        endField();
        // A blank line (one empty field) is not a row.
        if (!(row.size() == 1 && row[0].empty())) {
            rows.push_back(std::move(row));
        }
        row.clear();
    };
    auto append = [&](char c) {
        if (field.size() >= limits.maxFieldBytes) {
            throw CsvError(rows.size() + 1, "a field is longer than " +
                                                std::to_string(limits.maxFieldBytes) + " bytes");
        }
        field.push_back(c);
    };
    while (i < n) {
        const char c = text[i];
        if (c == '"' && field.empty()) {
            // A quoted field: up to the closing quote; "" is one quote.
            const std::size_t startRow = rows.size() + 1;
            ++i;
            bool closed = false;
            while (i < n) {
                if (text[i] == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        append('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                append(text[i++]);
            }
            if (!closed) {
                throw CsvError(startRow, "a quoted field is not closed");
            }
            if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                throw CsvError(startRow, "text after a quoted field's closing quote");
            }
            if (i >= n) {
                break;
            }
            continue;
        }
        if (c == ',') {
            endField();
        } else if (c == '\n' || c == '\r') {
            endRow();
            if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
                ++i;
            }
        } else if (c == '"') {
            throw CsvError(rows.size() + 1, "a quote inside a field that is not quoted");
        } else {
            append(c);
        }
        ++i;
    }
    if (!field.empty() || !row.empty()) {
        endRow();
    }
    return rows;
}

CsvTable CsvTable::read(const std::filesystem::path& file, const CsvLimits& limits)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        throw std::runtime_error("cannot be read: " + ec.message());
    }
    if (size > limits.maxFileBytes) {
        throw std::runtime_error("is larger than " + std::to_string(limits.maxFileBytes) +
                                 " bytes");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot be read");
    }
    std::ostringstream s;
    s << in.rdbuf();
    return fromText(s.str(), limits);
}

CsvTable CsvTable::fromText(std::string_view text, const CsvLimits& limits)
{
    if (!isValidUtf8(text)) {
        throw CsvError(0, "the file is not UTF-8 text");
    }
    auto rows = parseCsv(text, limits);
    CsvTable t;
    if (rows.empty()) {
        throw CsvError(1, "the file has no header row");
    }
    for (std::size_t c = 0; c < rows[0].size(); ++c) {
        const std::string name(trim(rows[0][c]));
        if (name.empty()) {
            throw CsvError(1, "column " + std::to_string(c + 1) + " of the header has no name");
        }
        if (!t.m_columns.emplace(name, c).second) {
            throw CsvError(1, "the header names column \"" + name + "\" twice");
        }
    }
    const std::size_t width = rows[0].size();
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() != width) {
            throw CsvError(r + 1, "the row has " + std::to_string(rows[r].size()) +
                                      " fields, the header " + std::to_string(width));
        }
    }
    rows.erase(rows.begin());
    t.m_rows = std::move(rows);
    return t;
}

bool CsvTable::hasColumn(std::string_view name) const
{
    return m_columns.find(name) != m_columns.end();
}

std::string_view CsvTable::field(std::size_t row, std::string_view name) const
{
    const auto it = m_columns.find(name);
    if (it == m_columns.end()) {
        return {};
    }
    return trim(m_rows.at(row)[it->second]);
}

} // namespace warmline::directory
