// The report as CSV (reportCsv): one row per figure, from the report's JSON
// so that the file and report.get always agree. Split from Reports.cpp,
// which computes the figures.

#include "core/store/Reports.h"

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include <cstring>
#include <string>
#include <string_view>
#include <tuple>

namespace warmline {

namespace {

std::string csvCell(std::string_view text)
{
    std::string cell(text);
    // A spreadsheet runs a cell starting with these as a formula.
    if (!cell.empty() && std::strchr("=+-@\t\r", cell.front()) != nullptr) {
        cell.insert(cell.begin(), '\'');
    }
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        return cell;
    }
    std::string quoted = "\"";
    for (const char c : cell) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + '"';
}

std::string numberCell(const boost::json::value& v)
{
    if (v.is_int64()) {
        return std::to_string(v.get_int64());
    }
    if (v.is_uint64()) {
        return std::to_string(v.get_uint64());
    }
    if (v.is_double()) {
        return fmt::format("{:.4f}", v.get_double());
    }
    if (v.is_string()) {
        return csvCell(v.get_string());
    }
    return {};
}

const boost::json::object& objectAt(const boost::json::object& o, std::string_view key)
{
    static const boost::json::object empty;
    const auto* v = o.if_contains(key);
    return v && v->is_object() ? v->get_object() : empty;
}

const boost::json::array& arrayAt(const boost::json::object& o, std::string_view key)
{
    static const boost::json::array empty;
    const auto* v = o.if_contains(key);
    return v && v->is_array() ? v->get_array() : empty;
}

std::string stringAt(const boost::json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

} // namespace

std::string reportCsv(const boost::json::object& report)
{
    std::string out = "section,item,measure,value\r\n";
    auto row = [&out](std::string_view section, std::string_view item, std::string_view measure,
                      const boost::json::value& value) {
        out += csvCell(section) + ',' + csvCell(item) + ',' + csvCell(measure) + ',' +
               numberCell(value) + "\r\n";
    };
    auto fields = [&row](std::string_view section, std::string_view item,
                         const boost::json::object& o) {
        for (const auto& [key, value] : o) {
            if (!value.is_object() && !value.is_array()) {
                row(section, item, key, value);
            }
        }
    };
    const auto& period = objectAt(report, "period");
    const TimeZone zone = reportZone(period);
    for (const char* key : {"from", "to"}) {
        if (const auto* v = period.if_contains(key); v && v->is_int64()) {
            row("period", "all", key, boost::json::value(localDate(v->get_int64(), zone)));
        }
    }
    if (const auto* from = period.if_contains("from"); from && from->is_int64()) {
        row("period", "all", "tz_offset_minutes", zone.offsetMinutesAt(from->get_int64()));
    }
    row("period", "all", "timezone", boost::json::value(zone.name()));
    fields("targets", "all", objectAt(report, "targets"));
    fields("totals", "all", objectAt(report, "totals"));
    for (const auto& v : arrayAt(report, "byChannel")) {
        if (v.is_object()) {
            const auto& o = v.get_object();
            const std::string name = stringAt(o, "channel");
            for (const char* key : {"contacts", "answered", "abandoned"}) {
                if (const auto* n = o.if_contains(key)) {
                    row("by_channel", name, key, *n);
                }
            }
        }
    }
    for (const auto& v : arrayAt(report, "byDay")) {
        if (v.is_object()) {
            const auto& o = v.get_object();
            const std::string date = stringAt(o, "date");
            for (const char* key : {"contacts", "answered", "abandoned"}) {
                if (const auto* n = o.if_contains(key)) {
                    row("by_day", date, key, *n);
                }
            }
        }
    }
    const auto& hours = arrayAt(report, "byHour");
    for (std::size_t h = 0; h < hours.size(); ++h) {
        row("by_hour", fmt::format("{:02}", h), "contacts", hours[h]);
    }
    fields("answer_time", "all", objectAt(report, "answerTime"));
    fields("handle_time", "all", objectAt(report, "handleTime"));
    for (const auto& v : arrayAt(report, "topics")) {
        if (v.is_object() && v.get_object().contains("contacts")) {
            row("topics", stringAt(v.get_object(), "topic"), "contacts",
                v.get_object().at("contacts"));
        }
    }
    for (const auto& v : arrayAt(report, "outcomes")) {
        if (v.is_object() && v.get_object().contains("contacts")) {
            row("outcomes", stringAt(v.get_object(), "outcome"), "contacts",
                v.get_object().at("contacts"));
        }
    }
    const auto& escalations = objectAt(report, "escalations");
    fields("escalations", "all", escalations);
    for (const auto& v : arrayAt(escalations, "byLevel")) {
        if (v.is_object() && v.get_object().contains("count")) {
            row("escalation_levels", stringAt(v.get_object(), "level"), "count",
                v.get_object().at("count"));
        }
    }
    for (const auto& v : arrayAt(escalations, "byOutcome")) {
        if (v.is_object() && v.get_object().contains("count")) {
            row("escalation_outcomes", stringAt(v.get_object(), "outcome"), "count",
                v.get_object().at("count"));
        }
    }
    const auto& referrals = objectAt(report, "referrals");
    fields("referrals", "all", referrals);
    for (const auto& [list, label, section] :
         {std::tuple{"byHow", "how", "referrals_by_how"},
          std::tuple{"byResource", "resource", "referral_resources"}}) {
        for (const auto& v : arrayAt(referrals, list)) {
            if (v.is_object() && v.get_object().contains("count")) {
                row(section, stringAt(v.get_object(), label), "count", v.get_object().at("count"));
            }
        }
    }
    // Rows of a list of objects, each named by its `label` field.
    const auto labelled = [&row](const boost::json::object& from, std::string_view list,
                                 std::string_view label, std::string_view section) {
        for (const auto& v : arrayAt(from, list)) {
            if (v.is_object()) {
                const auto& o = v.get_object();
                const std::string name = stringAt(o, label);
                for (const auto& [key, value] : o) {
                    if (key != label && !value.is_object() && !value.is_array()) {
                        row(section, name, key, value);
                    }
                }
            }
        }
    };
    const auto& overflow = objectAt(report, "overflow");
    fields("overflow", "all", overflow);
    labelled(overflow, "byDay", "date", "overflow_by_day");
    const auto& survey = objectAt(report, "survey");
    fields("survey", "all", survey);
    labelled(survey, "byDay", "date", "survey_by_day");
    labelled(survey, "byChannel", "channel", "survey_by_channel");
    labelled(survey, "byTopic", "topic", "survey_by_topic");
    labelled(survey, "byGroup", "group", "survey_by_group");
    fields("screened", "all", objectAt(report, "screened"));
    fields("check_ins", "all", objectAt(report, "checkIns"));
    fields("callbacks", "all", objectAt(report, "callbacks"));
    fields("callers", "all", objectAt(report, "callers"));
    return out;
}

} // namespace warmline
