#include "core/text/FormCodec.h"

#include <fmt/format.h>

namespace warmline {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool isAlnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void appendEscaped(std::string& out, unsigned char c)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    out.push_back('%');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0F]);
}

} // namespace

std::string percentDecode(std::string_view encoded)
{
    std::string out;
    out.reserve(encoded.size());
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= encoded.size()) {
                throw FormError(fmt::format("truncated percent escape at offset {}", i));
            }
            const int high = hexValue(encoded[i + 1]);
            const int low = hexValue(encoded[i + 2]);
            if (high < 0 || low < 0) {
                throw FormError(fmt::format("bad percent escape at offset {}", i));
            }
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

FormFields parseForm(std::string_view body, std::size_t maxFields)
{
    FormFields fields;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos) {
            end = body.size();
        }
        const std::string_view segment = body.substr(start, end - start);
        if (!segment.empty()) {
            if (fields.size() == maxFields) {
                throw FormError(fmt::format("more than {} form fields", maxFields));
            }
            const std::size_t eq = segment.find('=');
            if (eq == std::string_view::npos) {
                fields.emplace_back(percentDecode(segment), std::string());
            } else {
                fields.emplace_back(percentDecode(segment.substr(0, eq)),
                                    percentDecode(segment.substr(eq + 1)));
            }
        }
        start = end + 1;
    }
    return fields;
}

FormFields parseQuery(std::string_view query, std::size_t maxFields)
{
    if (!query.empty() && query.front() == '?') {
        query.remove_prefix(1);
    }
    return parseForm(query, maxFields);
}

std::string_view queryOf(std::string_view target)
{
    const std::size_t hash = target.find('#');
    if (hash != std::string_view::npos) {
        target = target.substr(0, hash);
    }
    const std::size_t question = target.find('?');
    if (question == std::string_view::npos) {
        return {};
    }
    return target.substr(question + 1);
}

std::optional<std::string_view> formValue(const FormFields& fields, std::string_view name)
{
    for (const auto& [key, value] : fields) {
        if (key == name) {
            return std::string_view(value);
        }
    }
    return std::nullopt;
}

std::string formEncode(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size());
    for (const char ch : raw) {
        const auto c = static_cast<unsigned char>(ch);
        if (isAlnum(c) || c == '*' || c == '-' || c == '.' || c == '_') {
            out.push_back(ch);
        } else if (c == ' ') {
            out.push_back('+');
        } else {
            appendEscaped(out, c);
        }
    }
    return out;
}

std::string percentEncode(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size());
    for (const char ch : raw) {
        const auto c = static_cast<unsigned char>(ch);
        if (isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(ch);
        } else {
            appendEscaped(out, c);
        }
    }
    return out;
}

std::string encodeForm(const FormFields& fields)
{
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) {
            out.push_back('&');
        }
        out += formEncode(name);
        out.push_back('=');
        out += formEncode(value);
    }
    return out;
}

} // namespace warmline
