#pragma once

// The strings of a stored JSON array such as ["sleep","loneliness"] (the
// store keeps topics, referrals and languages so). Fast for the plain form
// the gateway writes; anything else goes through a full JSON parser. Pure
// functions; any thread.

#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// The string items of a JSON array; anything that is not an array reads
/// as empty, so a damaged cell never stops a view from showing.
std::vector<std::string> stringsOfJsonArray(std::string_view text);

/// Calls `each` with every string item, without copying when the item has
/// no escapes. Returns false (and calls nothing) when `text` is not an array.
template <typename F> bool forEachJsonString(std::string_view text, F&& each);

/// A JSON array of the given strings.
std::string jsonArrayOf(const std::vector<std::string>& items);

namespace detail {
/// The slow path: parses with Boost.JSON.
std::vector<std::string> parseJsonStrings(std::string_view text, bool& ok);
} // namespace detail

template <typename F> bool forEachJsonString(std::string_view text, F&& each)
{
    // Fast path: [ "a" , "b" ] with no backslashes.
    std::size_t i = 0;
    auto skip = [&] {
        while (i < text.size() &&
               (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) {
            ++i;
        }
    };
    skip();
    if (i >= text.size() || text[i] != '[') {
        return false;
    }
    if (text.find('\\') == std::string_view::npos) {
        ++i;
        skip();
        if (i < text.size() && text[i] == ']') {
            return true;
        }
        std::size_t found = 0;
        std::string_view items[64];
        bool plain = true;
        while (i < text.size()) {
            if (text[i] != '"') {
                plain = false;
                break;
            }
            const std::size_t end = text.find('"', i + 1);
            if (end == std::string_view::npos || found == 64) {
                plain = false;
                break;
            }
            items[found++] = text.substr(i + 1, end - i - 1);
            i = end + 1;
            skip();
            if (i < text.size() && text[i] == ',') {
                ++i;
                skip();
                continue;
            }
            if (i < text.size() && text[i] == ']') {
                for (std::size_t k = 0; k < found; ++k) {
                    each(items[k]);
                }
                return true;
            }
            plain = false;
            break;
        }
        if (plain) {
            return false;
        }
    }
    bool ok = false;
    const auto parsed = detail::parseJsonStrings(text, ok);
    for (const auto& s : parsed) {
        each(std::string_view(s));
    }
    return ok;
}

} // namespace warmline
