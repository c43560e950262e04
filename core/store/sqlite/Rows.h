#pragma once

// Helpers the SQLite stores share: readRows/readRow, which turn a cached
// statement's rows into values; a guard that resets the statement when its
// scope ends; binding and reading of blobs and nullable columns.

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace warmline::sqlite {

namespace detail {
template <typename T> struct IsOptional : std::false_type
{
};
template <typename T> struct IsOptional<std::optional<T>> : std::true_type
{
};
} // namespace detail

/// Steps `q` to the end and returns `read(q)` for each row, in order. A
/// `read` that returns std::optional<T> gives a std::vector<T> and skips the
/// rows it returns nullopt for (a value the store no longer knows).
template <typename Read> auto readRows(SQLite::Statement& q, Read&& read)
{
    using Row = std::invoke_result_t<Read&, SQLite::Statement&>;
    if constexpr (detail::IsOptional<Row>::value) {
        std::vector<typename Row::value_type> out;
        while (q.executeStep()) {
            if (auto row = read(q)) {
                out.push_back(std::move(*row));
            }
        }
        return out;
    } else {
        std::vector<Row> out;
        while (q.executeStep()) {
            out.push_back(read(q));
        }
        return out;
    }
}

/// `read(q)` of the first row of `q`; nullopt when there is none.
template <typename Read> auto readRow(SQLite::Statement& q, Read&& read)
{
    using Row = std::invoke_result_t<Read&, SQLite::Statement&>;
    if (q.executeStep()) {
        return std::optional<Row>(read(q));
    }
    return std::optional<Row>();
}

/// The first column as an id: a row reader for readRow and readRows.
inline std::int64_t idOf(SQLite::Statement& q)
{
    return q.getColumn(0).getInt64();
}

/// Resets a cached statement when the scope ends, whatever happened.
class Reset
{
public:
    explicit Reset(SQLite::Statement& q) : m_q(q) {}
    ~Reset()
    {
        try {
            m_q.reset();
            m_q.clearBindings();
        } catch (...) {
            // A reset after a failed step reports the step's error again;
            // the statement is usable all the same.
        }
    }
    Reset(const Reset&) = delete;
    Reset& operator=(const Reset&) = delete;

private:
    SQLite::Statement& m_q;
};

inline std::string blobOf(const SQLite::Column& col)
{
    return std::string(static_cast<const char*>(col.getBlob()),
                       static_cast<std::size_t>(col.getBytes()));
}

inline void bindBlob(SQLite::Statement& q, int index, const std::string& bytes)
{
    q.bind(index, bytes.data(), static_cast<int>(bytes.size()));
}

inline std::string textOrEmpty(const SQLite::Column& col)
{
    return col.isNull() ? std::string() : col.getString();
}

inline std::optional<std::int64_t> optionalInt64(const SQLite::Column& col)
{
    return col.isNull() ? std::nullopt : std::optional<std::int64_t>(col.getInt64());
}

/// Binds the value, or NULL when there is none.
inline void bindOptional(SQLite::Statement& q, int index, const std::optional<std::int64_t>& value)
{
    if (value) {
        q.bind(index, *value);
    } else {
        q.bind(index);
    }
}

} // namespace warmline::sqlite
