#include "core/directory/ShareText.h"

#include "core/carriers/SmsSegments.h"

#include <array>
#include <utility>
#include <vector>

namespace warmline::directory {

namespace {

// UTF-8 sequence → replacement. Accented letters stay: é, ñ, ü are GSM-7
// (or a carrier's national table); the rest of Spanish (á, í, ó, ú) is not,
// and is kept, since the words must stay the caller's language.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kPlain{{
    {"\xE2\x80\x93", "-"},   // en dash
    {"\xE2\x80\x94", "-"},   // em dash
    {"\xE2\x80\x98", "'"},   // left single quote
    {"\xE2\x80\x99", "'"},   // right single quote, apostrophe
    {"\xE2\x80\x9C", "\""},  // left double quote
    {"\xE2\x80\x9D", "\""},  // right double quote
    {"\xE2\x80\xA6", "..."}, // ellipsis
    {"\xC2\xA0", " "},       // no-break space
    {"\xE2\x80\xAF", " "},   // narrow no-break space
    {"\xC2\xB7", "-"},       // middle dot
    {"\xE2\x80\xA2", "-"},   // bullet
}};

bool fits(const std::vector<std::string>& lines)
{
    std::string text;
    for (const auto& l : lines) {
        if (!text.empty()) {
            text += '\n';
        }
        text += l;
    }
    return countSegments(text).segments <= kMaxShareSegments;
}

std::string joinLines(const std::vector<std::string>& lines)
{
    std::string text;
    for (const auto& l : lines) {
        if (l.empty()) {
            continue;
        }
        if (!text.empty()) {
            text += '\n';
        }
        text += l;
    }
    return text;
}

} // namespace

std::string plainPunctuation(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        for (const auto& [from, to] : kPlain) {
            if (text.substr(i, from.size()) == from) {
                out += to;
                i += from.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            out += text[i++];
        }
    }
    return out;
}

std::string shareText(const HsdsService& s)
{
    std::string name = plainPunctuation(s.name);
    std::string phone;
    for (const auto& p : s.phones) {
        if (!p.number.empty()) {
            phone = plainPunctuation(p.number);
            if (!p.extension.empty()) {
                phone += " ext. " + plainPunctuation(p.extension);
            }
            break;
        }
    }
    std::string address;
    for (const auto& p : s.places) {
        if (!p.isVirtual && !p.address.empty()) {
            address = plainPunctuation(p.address);
            break;
        }
    }
    std::vector<std::string> hours;
    for (const auto& h : s.hoursText) {
        hours.push_back(plainPunctuation(h));
    }
    std::string url = plainPunctuation(s.url);

    // Most useful first; what is left out is the least useful that remains.
    auto lines = [&] {
        std::vector<std::string> v{name, phone, address};
        v.insert(v.end(), hours.begin(), hours.end());
        v.push_back(url);
        std::erase(v, std::string());
        return v;
    };
    if (!fits(lines())) {
        url.clear();
    }
    if (!fits(lines())) {
        address.clear();
    }
    while (hours.size() > 1 && !fits(lines())) {
        hours.pop_back();
    }
    if (!fits(lines())) {
        hours.clear();
    }
    auto v = lines();
    if (!fits(v)) {
        // Only a name and a phone past two parts: an absurd name. Cut it at
        // a character boundary, leaving the phone whole.
        while (!name.empty() && !fits(v)) {
            while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) {
                name.pop_back(); // continuation bytes of the last character
            }
            if (!name.empty()) {
                name.pop_back(); // its first byte
            }
            v = lines();
        }
    }
    return joinLines(v);
}

} // namespace warmline::directory
