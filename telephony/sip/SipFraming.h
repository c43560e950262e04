#pragma once

// Where a SIP message ends (RFC 3261 section 18.3): over a stream (TCP)
// by Content-Length, within a datagram (UDP) by Content-Length when present,
// else the datagram's end. Pure; thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace warmline {

struct SipFrame
{
    enum class Kind
    {
        Incomplete, ///< wait for more bytes
        Message,    ///< `length` bytes form one message
        KeepAlive,  ///< `length` bytes of CRLF keep-alive (RFC 5626) to skip
        Error       ///< cannot be framed; `error` says why; close the stream
    } kind = Kind::Incomplete;
    std::size_t length = 0;
    std::string error;
};

/// The next message at the start of a stream's buffer; no message may be
/// larger than `maxBytes` (header and body).
SipFrame nextSipStreamFrame(std::string_view buffer, std::size_t maxBytes);

/// The message in a datagram: the header plus Content-Length bytes of body;
/// octets after them are ignored. `error` is set when the header does not
/// end, or Content-Length is malformed, negative or larger than the rest.
struct SipDatagram
{
    std::size_t length = 0;
    std::string error;
};
SipDatagram sipDatagramMessage(std::string_view datagram);

/// The Content-Length of a header block (ending before the blank line):
/// nullopt if absent; throws std::invalid_argument if malformed, negative
/// or given twice with different values.
std::optional<std::size_t> sipContentLength(std::string_view header);

/// Calls `fn(line)` for each header line of a message's header block (the
/// start line skipped), a folded value (continuation lines starting with
/// white space) joined to its line with its line ends still in it.
template <typename F> void forEachSipHeaderLine(std::string_view header, F&& fn)
{
    std::size_t pos = header.find('\n');
    while (pos != std::string_view::npos && pos + 1 < header.size()) {
        const std::size_t start = pos + 1;
        std::size_t end = header.find('\n', start);
        while (end != std::string_view::npos && end + 1 < header.size() &&
               (header[end + 1] == ' ' || header[end + 1] == '\t')) {
            end = header.find('\n', end + 1);
        }
        pos = end;
        fn(header.substr(start, (end == std::string_view::npos ? header.size() : end) - start));
    }
}

} // namespace warmline
