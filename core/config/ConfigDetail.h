#pragma once

// Internal to core/config/: the value checks, formats and helpers the
// schema, the file reader and the documentation renderer share. Not part
// of the folder's interface.

#include "core/config/Config.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::config_detail {

inline constexpr std::int64_t kSecond = 1000;
inline constexpr std::int64_t kMinute = 60 * kSecond;
inline constexpr std::int64_t kHour = 60 * kMinute;
inline constexpr std::int64_t kDay = 24 * kHour;

/// "90s", "15m", "2h", "7d" when exact, else milliseconds "1500ms".
std::string formatDuration(std::int64_t ms);
std::optional<std::int64_t> parseInteger(std::string_view text);
std::optional<bool> parseBool(std::string_view text);
std::optional<std::int64_t> parseDurationMs(std::string_view text);
bool isChoice(std::string_view choices, std::string_view value);
bool isUrl(std::string_view text);

/// Text for a Markdown table cell: no raw HTML, no column breaks.
std::string markdownText(std::string_view text);
std::string quoted(std::string_view value);

/// The expectation an error states for a key, e.g. "an integer 0..65535".
std::string expectation(const ConfigKeySpec& spec);
/// The canonical form of a valid value; nullopt, or throws ScheduleError, when invalid.
std::optional<std::string> checkValue(const ConfigKeySpec& spec, std::string_view value);
/// " (did you mean "x"?)" for a near key, else empty.
std::string suggestionFor(std::string_view key);
/// For a key an earlier version read: "; it was replaced by …". Else empty.
std::string retiredKey(std::string_view key);

/// The schema's sections ("http", "store"...), in schema order.
std::vector<std::string_view> sections();
bool isSection(std::string_view name);

/// The non-empty parts of `text` between any of `separators`.
std::vector<std::string_view> splitOn(std::string_view text, std::string_view separators);

} // namespace warmline::config_detail
