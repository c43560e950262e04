#pragma once

// The line's settings an administrator may change while the gateway runs:
// opening hours, the limits agreed with callers, the targets reports measure
// against, and how long content is kept. Each starts from the config file
// (or the schema's default when the file leaves it out); a value an admin
// stored in the line_settings table overrides it until it is reset.
// LineSettings is a plain value; any thread. The store functions run on the
// connection's own thread like Repository.

#include "core/config/Config.h"
#include "core/domain/Domain.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace warmline {

/// What reports measure against (keys targets.*).
struct ReportTargets
{
    int answerSeconds = 60;
    int answeredOnTimePercent = 80;
    int abandonPercent = 5;
    int handleMinutes = 20;
};

/// One editable setting with where its value comes from.
struct LineSetting
{
    enum class Source
    {
        Default, ///< the schema's default; the file does not set it
        File,    ///< the config file
        Admin    ///< stored by an administrator; overrides the file
    };
    std::string key;
    std::string value;     ///< effective, canonical text
    std::string fileValue; ///< what the file (or the default) says
    Source source = Source::Default;
    EpochMs setAt = 0; ///< Admin only
    std::string setBy; ///< Admin only: the operator's name
};

std::string_view toString(LineSetting::Source);

class LineSettings
{
public:
    /// The keys an administrator may set from the link, in display order.
    static std::span<const std::string_view> editableKeys();
    static bool isEditable(std::string_view key);

    /// The schema's defaults.
    LineSettings();
    /// The values of `config` (each marked File when it differs from the default).
    static LineSettings fromConfig(const GatewayConfig& config);

    /// Checks and stores an override; throws ConfigError (unknown or not
    /// editable key, bad value) and then changes nothing.
    void setOverride(std::string_view key, std::string_view value, EpochMs setAt,
                     std::string setBy);
    /// Back to the file's value.
    void clearOverride(std::string_view key);
    /// The file's values from `fromFile` (a config file read again), with
    /// this one's admin overrides kept on top; an override the new file's
    /// build no longer accepts is dropped (logged by the caller).
    LineSettings withFileValues(const LineSettings& fromFile) const;

    const std::vector<LineSetting>& entries() const { return m_entries; }
    const LineSetting* find(std::string_view key) const;
    const std::string& value(std::string_view key) const;

    WeeklySchedule hours() const;
    LineLimits limits() const;
    ReportTargets targets() const;
    int retentionDays() const;

private:
    LineSetting& at(std::string_view key);
    std::int64_t integer(std::string_view key) const;

    std::vector<LineSetting> m_entries;
};

/// A stored override, as the line_settings table holds it.
struct StoredLineSetting
{
    std::string key;
    std::string value;
    EpochMs setAt = 0;
    std::string setBy; ///< the operator's name ("" if the account is gone)
};

/// The overrides in the store. Rows for keys that are no longer editable,
/// or whose value no longer checks, are returned too; applying them is the
/// caller's choice (the gateway logs and skips them).
std::vector<StoredLineSetting> loadLineSettingOverrides(SQLite::Database& db);
/// Stores (or replaces) an override. The value must be canonical already.
void storeLineSetting(SQLite::Database& db, std::string_view key, std::string_view value,
                      EpochMs at, Id by);
/// Removes an override; false if there was none.
bool removeLineSetting(SQLite::Database& db, std::string_view key);

} // namespace warmline
