#include "telephony/sip/SipFraming.h"
#include "core/text/Text.h"

#include <stdexcept>

namespace warmline {

namespace {

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        x = (x >= 'A' && x <= 'Z') ? static_cast<char>(x + 32) : x;
        y = (y >= 'A' && y <= 'Z') ? static_cast<char>(y + 32) : y;
        if (x != y) {
            return false;
        }
    }
    return true;
}

constexpr std::size_t kMaxBodyDigits = 9;

} // namespace

std::optional<std::size_t> sipContentLength(std::string_view header)
{
    std::optional<std::size_t> found;
    forEachSipHeaderLine(header, [&](std::string_view line) {
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            return;
        }
        const std::string_view name = trim(line.substr(0, colon));
        if (!equalsNoCase(name, "content-length") && !equalsNoCase(name, "l")) {
            return;
        }
        const std::string_view value = trim(line.substr(colon + 1));
        if (value.empty() || value.size() > kMaxBodyDigits ||
            value.find_first_not_of("0123456789") != std::string_view::npos) {
            throw std::invalid_argument("Content-Length is not a non-negative integer");
        }
        std::size_t n = 0;
        for (const char c : value) {
            n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        if (found && *found != n) {
            throw std::invalid_argument("Content-Length is given twice with different values");
        }
        found = n;
    });
    return found;
}

SipFrame nextSipStreamFrame(std::string_view buffer, std::size_t maxBytes)
{
    SipFrame f;
    std::size_t crlf = 0;
    while (crlf < buffer.size() && (buffer[crlf] == '\r' || buffer[crlf] == '\n')) {
        ++crlf;
    }
    if (crlf > 0) {
        f.kind = SipFrame::Kind::KeepAlive;
        f.length = crlf;
        return f;
    }
    const std::size_t headerEnd = buffer.find("\r\n\r\n");
    if (headerEnd == std::string_view::npos) {
        if (buffer.size() > maxBytes) {
            f.kind = SipFrame::Kind::Error;
            f.error = "the header is larger than the limit";
        }
        return f;
    }
    std::optional<std::size_t> length;
    try {
        length = sipContentLength(buffer.substr(0, headerEnd + 2));
    } catch (const std::invalid_argument& e) {
        f.kind = SipFrame::Kind::Error;
        f.error = e.what();
        return f;
    }
    if (!length) {
        f.kind = SipFrame::Kind::Error;
        f.error = "a message on a stream needs a Content-Length";
        return f;
    }
    const std::size_t total = headerEnd + 4 + *length;
    if (total > maxBytes) {
        f.kind = SipFrame::Kind::Error;
        f.error = "the message is larger than the limit";
        return f;
    }
    if (buffer.size() < total) {
        return f;
    }
    f.kind = SipFrame::Kind::Message;
    f.length = total;
    return f;
}

SipDatagram sipDatagramMessage(std::string_view datagram)
{
    SipDatagram d;
    const std::size_t headerEnd = datagram.find("\r\n\r\n");
    if (headerEnd == std::string_view::npos) {
        d.error = "the header does not end with an empty line";
        return d;
    }
    std::optional<std::size_t> length;
    try {
        length = sipContentLength(datagram.substr(0, headerEnd + 2));
    } catch (const std::invalid_argument& e) {
        d.error = e.what();
        return d;
    }
    const std::size_t bodyStart = headerEnd + 4;
    if (!length) {
        d.length = datagram.size();
        return d;
    }
    if (*length > datagram.size() - bodyStart) {
        d.error = "Content-Length is larger than the message";
        return d;
    }
    d.length = bodyStart + *length;
    return d;
}

} // namespace warmline
