#include "core/config/LineSettings.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace warmline {

namespace {

constexpr std::array<std::string_view, 10> kEditable{
    "line.hours",
    "limits.calls_per_day",
    "limits.minutes_per_call",
    "targets.answer_seconds",
    "targets.answered_on_time_percent",
    "targets.abandon_percent",
    "targets.handle_minutes",
    "retention.content_days",
    "board.announce_listening",
    "survey.show_to_operator",
};

std::string defaultOf(std::string_view key)
{
    const ConfigKeySpec* spec = findConfigKey(key);
    return checkConfigValue(key, spec->defaultValue);
}

} // namespace

std::string_view toString(LineSetting::Source s)
{
    switch (s) {
    case LineSetting::Source::Default:
        return "default";
    case LineSetting::Source::File:
        return "file";
    case LineSetting::Source::Admin:
        return "admin";
    }
    return "default";
}

std::span<const std::string_view> LineSettings::editableKeys()
{
    return kEditable;
}

bool LineSettings::isEditable(std::string_view key)
{
    return std::find(kEditable.begin(), kEditable.end(), key) != kEditable.end();
}

LineSettings::LineSettings()
{
    for (const auto key : kEditable) {
        LineSetting s;
        s.key = std::string(key);
        s.value = defaultOf(key);
        s.fileValue = s.value;
        m_entries.push_back(std::move(s));
    }
}

LineSettings LineSettings::fromConfig(const GatewayConfig& config)
{
    LineSettings out;
    auto file = [&out](std::string_view key, const std::string& value) {
        auto& s = out.at(key);
        const std::string canonical = checkConfigValue(key, value);
        s.source = canonical == s.value ? LineSetting::Source::Default : LineSetting::Source::File;
        s.value = canonical;
        s.fileValue = canonical;
    };
    file("line.hours", config.line.hoursText);
    file("limits.calls_per_day", std::to_string(config.limits.callsPerDay));
    file("limits.minutes_per_call", std::to_string(config.limits.minutesPerCall));
    file("targets.answer_seconds", std::to_string(config.targets.answerSeconds));
    file("targets.answered_on_time_percent", std::to_string(config.targets.answeredOnTimePercent));
    file("targets.abandon_percent", std::to_string(config.targets.abandonPercent));
    file("targets.handle_minutes", std::to_string(config.targets.handleMinutes));
    file("retention.content_days", std::to_string(config.retention.contentDays));
    file("board.announce_listening", config.board.announceListening ? "true" : "false");
    file("survey.show_to_operator", config.survey.showToOperator ? "true" : "false");
    return out;
}

void LineSettings::setOverride(std::string_view key, std::string_view value, EpochMs setAt,
                               std::string setBy)
{
    if (!isEditable(key)) {
        if (findConfigKey(key) == nullptr) {
            throw ConfigError("", 0, std::string(key), "unknown key");
        }
        throw ConfigError("", 0, std::string(key),
                          "is set in the config file only (restart the gateway to change it)");
    }
    std::string canonical = checkConfigValue(key, value);
    auto& s = at(key);
    s.value = std::move(canonical);
    s.source = LineSetting::Source::Admin;
    s.setAt = setAt;
    s.setBy = std::move(setBy);
}

LineSettings LineSettings::withFileValues(const LineSettings& fromFile) const
{
    LineSettings out = fromFile;
    for (const auto& s : m_entries) {
        if (s.source == LineSetting::Source::Admin) {
            out.setOverride(s.key, s.value, s.setAt, s.setBy);
        }
    }
    return out;
}

void LineSettings::clearOverride(std::string_view key)
{
    auto& s = at(key);
    s.value = s.fileValue;
    s.source =
        s.fileValue == defaultOf(key) ? LineSetting::Source::Default : LineSetting::Source::File;
    s.setAt = 0;
    s.setBy.clear();
}

const LineSetting* LineSettings::find(std::string_view key) const
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [key](const LineSetting& s) { return s.key == key; });
    return it == m_entries.end() ? nullptr : &*it;
}

LineSetting& LineSettings::at(std::string_view key)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [key](const LineSetting& s) { return s.key == key; });
    if (it == m_entries.end()) {
        throw ConfigError("", 0, std::string(key), "is not a line setting");
    }
    return *it;
}

const std::string& LineSettings::value(std::string_view key) const
{
    const LineSetting* s = find(key);
    if (s == nullptr) {
        throw ConfigError("", 0, std::string(key), "is not a line setting");
    }
    return s->value;
}

std::int64_t LineSettings::integer(std::string_view key) const
{
    const std::string& text = value(key);
    std::int64_t v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
}

WeeklySchedule LineSettings::hours() const
{
    return WeeklySchedule::parse(value("line.hours"));
}

LineLimits LineSettings::limits() const
{
    LineLimits l;
    l.callsPerDay = static_cast<int>(integer("limits.calls_per_day"));
    l.minutesPerCall = static_cast<int>(integer("limits.minutes_per_call"));
    return l;
}

ReportTargets LineSettings::targets() const
{
    ReportTargets t;
    t.answerSeconds = static_cast<int>(integer("targets.answer_seconds"));
    t.answeredOnTimePercent = static_cast<int>(integer("targets.answered_on_time_percent"));
    t.abandonPercent = static_cast<int>(integer("targets.abandon_percent"));
    t.handleMinutes = static_cast<int>(integer("targets.handle_minutes"));
    return t;
}

int LineSettings::retentionDays() const
{
    return static_cast<int>(integer("retention.content_days"));
}

std::vector<StoredLineSetting> loadLineSettingOverrides(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT s.key, s.value, s.set_at, COALESCE(o.name, '') "
                            "FROM line_settings s LEFT JOIN operators o ON o.id = s.set_by "
                            "ORDER BY s.key");
    std::vector<StoredLineSetting> out;
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                       q.getColumn(2).getInt64(), q.getColumn(3).getString()});
    }
    return out;
}

void storeLineSetting(SQLite::Database& db, std::string_view key, std::string_view value,
                      EpochMs at, Id by)
{
    SQLite::Statement q(db, "INSERT INTO line_settings (key, value, set_at, set_by) "
                            "VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                            "value = excluded.value, set_at = excluded.set_at, "
                            "set_by = excluded.set_by");
    q.bind(1, std::string(key));
    q.bind(2, std::string(value));
    q.bind(3, at);
    q.bind(4, by);
    q.exec();
}

bool removeLineSetting(SQLite::Database& db, std::string_view key)
{
    SQLite::Statement q(db, "DELETE FROM line_settings WHERE key = ?");
    q.bind(1, std::string(key));
    return q.exec() > 0;
}

} // namespace warmline
