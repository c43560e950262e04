// A SIP message's raw header text read without libosip2 (SipHeaderText.h),
// and the 400 answered to a request libosip2 could not read at all.

#include "telephony/sip/SipHeaderText.h"
#include "telephony/sip/SipFraming.h"
#include "telephony/sip/SipMessage.h"

#include "core/text/Text.h"

#include <algorithm>
#include <array>

namespace warmline::sip {

namespace detail {

std::string upper(std::string_view s)
{
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 32);
        }
    }
    return out;
}

bool hasControlCharacter(std::string_view s)
{
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b < 0x20 || b == 0x7F;
    });
}

std::vector<std::string> headerNames(std::string_view header)
{
    static constexpr std::array<std::pair<char, std::string_view>, 12> kCompact = {{
        {'i', "call-id"},
        {'m', "contact"},
        {'e', "content-encoding"},
        {'l', "content-length"},
        {'c', "content-type"},
        {'f', "from"},
        {'s', "subject"},
        {'k', "supported"},
        {'t', "to"},
        {'v', "via"},
        {'o', "event"},
        {'r', "refer-to"},
    }};
    std::vector<std::string> names;
    std::size_t pos = header.find('\n');
    while (pos != std::string_view::npos && pos + 1 < header.size()) {
        const std::size_t start = pos + 1;
        pos = header.find('\n', start);
        const std::string_view line =
            header.substr(start, (pos == std::string_view::npos ? header.size() : pos) - start);
        if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '\r') {
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            continue;
        }
        std::string name = asciiLower(trim(line.substr(0, colon), kBlanks));
        if (name.size() == 1) {
            for (const auto& [c, full] : kCompact) {
                if (c == name[0]) {
                    name = full;
                    break;
                }
            }
        }
        names.push_back(std::move(name));
    }
    return names;
}

std::vector<std::string> rawValues(std::string_view header, std::string_view wanted, char compact)
{
    std::vector<std::string> out;
    forEachSipHeaderLine(header, [&](std::string_view line) {
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            return;
        }
        const std::string name = asciiLower(trim(line.substr(0, colon), kBlanks));
        if (name != wanted && !(compact != 0 && name.size() == 1 && name[0] == compact)) {
            return;
        }
        std::string value;
        for (const char c : line.substr(colon + 1)) {
            value.push_back(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
        }
        out.emplace_back(trim(value, kBlanks));
    });
    return out;
}

std::optional<std::uint64_t> decimal(std::string_view s, std::uint64_t max)
{
    s = trim(s, kBlanks);
    if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    std::uint64_t v = 0;
    for (const char c : s) {
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (v > max) {
        return std::nullopt;
    }
    return v;
}

bool hasEmptyParameter(std::string_view value)
{
    bool quoted = false;
    char previous = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '"' && (i == 0 || value[i - 1] != '\\')) {
            quoted = !quoted;
        }
        if (!quoted && c != ' ' && c != '\t') {
            if (previous == ';' && (c == ';' || c == ',')) {
                return true;
            }
            previous = c;
        }
    }
    return !quoted && previous == ';';
}

bool isToken(std::string_view s)
{
    static constexpr std::string_view kExtra = "-.!%*_+`'~";
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               kExtra.find(c) != std::string_view::npos;
    });
}

std::optional<std::string> startLineProblem(std::string_view line)
{
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    if (line.rfind("SIP/", 0) == 0) {
        return std::nullopt;
    }
    const std::size_t sp1 = line.find(' ');
    const std::size_t sp2 = line.rfind(' ');
    if (sp1 == std::string_view::npos || sp1 == sp2) {
        return "the request line is not METHOD URI VERSION";
    }
    if (!isToken(line.substr(0, sp1))) {
        return "the method is not a token";
    }
    const std::string_view uri = line.substr(sp1 + 1, sp2 - sp1 - 1);
    if (uri.find_first_of(" \t") != std::string_view::npos) {
        return "the Request-URI contains white space";
    }
    if (hasControlCharacter(uri)) {
        return "the Request-URI contains a control character";
    }
    if (!uri.empty() && uri.front() == '<') {
        return "the Request-URI is enclosed in <>";
    }
    return std::nullopt;
}

std::optional<std::pair<std::size_t, std::size_t>> foreignRequestUri(std::string_view line)
{
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    if (line.rfind("SIP/", 0) == 0) {
        return std::nullopt;
    }
    const std::size_t sp1 = line.find(' ');
    const std::size_t sp2 = line.rfind(' ');
    if (sp1 == std::string_view::npos || sp2 <= sp1 + 1) {
        return std::nullopt;
    }
    const std::string_view uri = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::size_t colon = uri.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        uri.find_first_of(" <>") != std::string_view::npos || hasControlCharacter(uri)) {
        return std::nullopt;
    }
    const std::string scheme = asciiLower(uri.substr(0, colon));
    if (scheme == "sip" || scheme == "sips" || scheme == "tel" ||
        !std::all_of(scheme.begin(), scheme.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
                   c == '.';
        })) {
        return std::nullopt;
    }
    return std::make_pair(sp1 + 1, uri.size());
}

} // namespace detail

using namespace detail;

std::optional<std::string> badRequestFromRaw(std::string_view bytes, std::string_view toTag)
{
    // Only the header section, and only a bounded one.
    std::size_t end = bytes.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        end = bytes.find("\n\n");
    }
    const std::string_view header = bytes.substr(0, std::min(end, bytes.size()));
    const std::string_view firstLine = header.substr(0, header.find('\n'));
    const std::string_view method = firstLine.substr(0, firstLine.find(' '));
    if (method.empty() || method.size() == firstLine.size() || method.rfind("SIP/", 0) == 0 ||
        upper(method) == "ACK" || !std::all_of(method.begin(), method.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
        })) {
        return std::nullopt;
    }
    const auto vias = rawValues(header, "via", 'v');
    const auto from = rawValues(header, "from", 'f');
    const auto to = rawValues(header, "to", 't');
    const auto callId = rawValues(header, "call-id", 'i');
    const auto cseq = rawValues(header, "cseq");
    if (vias.empty() || from.empty() || to.empty() || callId.empty() || cseq.empty()) {
        return std::nullopt;
    }
    std::string out = "SIP/2.0 400 Bad Request\r\n";
    for (const auto& v : vias) {
        out += "Via: " + v + "\r\n";
    }
    out += "From: " + from.front() + "\r\n";
    out += "To: " + to.front();
    if (!toTag.empty() && asciiLower(to.front()).find(";tag=") == std::string::npos) {
        out += ";tag=" + std::string(toTag);
    }
    out += "\r\nCall-ID: " + callId.front() + "\r\nCSeq: " + cseq.front() +
           "\r\nServer: warmline-gateway\r\nContent-Length: 0\r\n\r\n";
    return out;
}

} // namespace warmline::sip
