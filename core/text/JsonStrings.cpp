#include "core/text/JsonStrings.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace warmline {

std::vector<std::string> detail::parseJsonStrings(std::string_view text, bool& ok)
{
    std::vector<std::string> out;
    boost::json::error_code ec;
    const auto v = boost::json::parse(text, ec);
    ok = !ec && v.is_array();
    if (!ok) {
        return out;
    }
    for (const auto& item : v.get_array()) {
        if (item.is_string()) {
            out.emplace_back(item.get_string());
        }
    }
    return out;
}

std::vector<std::string> stringsOfJsonArray(std::string_view text)
{
    std::vector<std::string> out;
    forEachJsonString(text, [&out](std::string_view s) { out.emplace_back(s); });
    return out;
}

std::string jsonArrayOf(const std::vector<std::string>& items)
{
    boost::json::array a;
    for (const auto& item : items) {
        a.emplace_back(item);
    }
    return boost::json::serialize(a);
}

} // namespace warmline
