// The configuration's documentation, rendered from the schema: the
// reference page (docs/config.md) and the commented example file.

#include "core/config/Config.h"
#include "core/config/ConfigDetail.h"

#include <fmt/format.h>

#include <string>

namespace warmline {

using namespace config_detail;
using T = ConfigType;

std::string renderConfigMarkdown()
{
    std::string out;
    out += "# Gateway configuration\n\n";
    out += "<!-- Generated from core/config/Config.cpp (renderConfigMarkdown); edit the schema "
           "there. -->\n\n";
    out += "`warmline-gateway` reads one INI file. Keys are grouped under `[section]` headers "
           "and written `key = value`; this page names them `section.key`. Lines starting with "
           "`#` or `;` are comments; a `#` later in a line is part of the value. A value may be "
           "wrapped in double quotes to keep leading or trailing spaces. Keys left out keep their "
           "defaults. An unknown key, a key set twice or a value of the wrong type stops the "
           "gateway with the file, line and key.\n\n";
    out += "Durations are a whole number and a unit: `ms`, `s`, `m`, `h` or `d` (`500ms`, `30s`, "
           "`2m`, `12h`). Booleans are `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`).\n";
    for (const std::string_view section : sections()) {
        out += fmt::format(
            "\n## [{}]\n\n| Key | Type | Default | Description |\n|---|---|---|---|\n", section);
        for (const auto& spec : configSchema()) {
            if (spec.key.substr(0, spec.key.find('.')) != section) {
                continue;
            }
            std::string type;
            switch (spec.type) {
            case T::String:
                type = "string";
                break;
            case T::Url:
                type = "URL";
                break;
            case T::Int:
                type = fmt::format("integer {}..{}", spec.min, spec.max);
                break;
            case T::Bool:
                type = "boolean";
                break;
            case T::Duration:
                type = fmt::format("duration {}..{}", formatDuration(spec.min),
                                   formatDuration(spec.max));
                break;
            case T::Enum: {
                std::string choices;
                for (const auto choice : splitOn(spec.choices, "|")) {
                    choices += fmt::format("{}`{}`", choices.empty() ? "" : ", ", choice);
                }
                type = "one of " + choices;
                break;
            }
            case T::Schedule:
                type = "opening hours";
                break;
            }
            const std::string defaultValue =
                spec.defaultValue.empty() ? "*(empty)*" : fmt::format("`{}`", spec.defaultValue);
            out += fmt::format("| `{}` | {} | {} | {} |\n", spec.key, type, defaultValue,
                               markdownText(spec.description));
        }
    }
    return out;
}

std::string renderExampleConfig()
{
    std::string out;
    out += "# warmline-gateway configuration.\n";
    out += "# Every key is shown with its default; keep only the ones you change.\n";
    out += "# Durations: 500ms, 30s, 2m, 12h, 1d. Comments are whole lines starting with # or ;.\n";
    for (const std::string_view section : sections()) {
        out += fmt::format("\n[{}]\n", section);
        for (const auto& spec : configSchema()) {
            if (spec.key.substr(0, spec.key.find('.')) != section) {
                continue;
            }
            const std::string_view name = spec.key.substr(spec.key.find('.') + 1);
            out += fmt::format("# {}", spec.description);
            if (spec.type == T::Enum) {
                out += fmt::format(" One of: {}.", spec.choices);
            }
            out += spec.defaultValue.empty() ? fmt::format("\n{} =\n", name)
                                             : fmt::format("\n{} = {}\n", name, spec.defaultValue);
        }
    }
    return out;
}

} // namespace warmline
