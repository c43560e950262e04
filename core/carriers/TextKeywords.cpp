#include "core/carriers/TextKeywords.h"

#include <algorithm>
#include <array>
#include <string>

namespace warmline {

namespace {

struct Keyword
{
    std::string_view word; ///< upper case
    TextKeyword keyword;
};

constexpr std::array<Keyword, 19> kKeywords = {{
    {"STOP", TextKeyword::Stop},        {"STOPALL", TextKeyword::Stop},
    {"UNSUBSCRIBE", TextKeyword::Stop}, {"CANCEL", TextKeyword::Stop},
    {"END", TextKeyword::Stop},         {"QUIT", TextKeyword::Stop},
    {"OPTOUT", TextKeyword::Stop},      {"REVOKE", TextKeyword::Stop},
    {"PARAR", TextKeyword::Stop},       {"DETENER", TextKeyword::Stop},
    {"CANCELAR", TextKeyword::Stop},    {"START", TextKeyword::Start},
    {"YES", TextKeyword::Start},        {"UNSTOP", TextKeyword::Start},
    {"OPTIN", TextKeyword::Start},      {"HELP", TextKeyword::Help},
    {"INFO", TextKeyword::Help},        {"AYUDA", TextKeyword::Help},
    {"INFORMACION", TextKeyword::Help},
}};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

} // namespace

TextKeyword classifyKeyword(std::string_view body)
{
    while (!body.empty() && isSpace(body.front())) {
        body.remove_prefix(1);
    }
    while (!body.empty() && isSpace(body.back())) {
        body.remove_suffix(1);
    }
    // Longer than any keyword: skip the copy for ordinary messages.
    if (body.empty() || body.size() > 16) {
        return TextKeyword::None;
    }
    std::string upper(body);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
    for (const auto& entry : kKeywords) {
        if (entry.word == upper) {
            return entry.keyword;
        }
    }
    return TextKeyword::None;
}

std::string_view toString(TextKeyword keyword)
{
    switch (keyword) {
    case TextKeyword::None:
        return "none";
    case TextKeyword::Stop:
        return "stop";
    case TextKeyword::Start:
        return "start";
    case TextKeyword::Help:
        return "help";
    }
    return "none";
}

} // namespace warmline
