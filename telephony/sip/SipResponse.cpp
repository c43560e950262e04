// Responses built from a request, and the random tokens for tags,
// branches and Call-IDs (SipMessage.h).

#include "telephony/sip/SipMessage.h"

#include <fmt/format.h>
#include <sodium.h>

#include <vector>

namespace warmline::sip {

std::string_view reasonPhrase(int code)
{
    switch (code) {
    case 100:
        return "Trying";
    case 180:
        return "Ringing";
    case 183:
        return "Session Progress";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 415:
        return "Unsupported Media Type";
    case 416:
        return "Unsupported URI Scheme";
    case 420:
        return "Bad Extension";
    case 480:
        return "Temporarily Unavailable";
    case 481:
        return "Call/Transaction Does Not Exist";
    case 482:
        return "Loop Detected";
    case 486:
        return "Busy Here";
    case 487:
        return "Request Terminated";
    case 488:
        return "Not Acceptable Here";
    case 491:
        return "Request Pending";
    case 500:
        return "Server Internal Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "Version Not Supported";
    case 603:
        return "Decline";
    default:
        return code < 200 ? "Progress" : code < 300 ? "OK" : "Error";
    }
}

std::string buildResponse(const SipMessage& request, int code, std::string_view toTag,
                          const std::vector<std::string>& extraHeaders,
                          std::string_view contentType, std::string_view body)
{
    std::string out = fmt::format("SIP/2.0 {} {}\r\n", code, reasonPhrase(code));
    for (const auto& via : request.vias) {
        out += "Via: " + via + "\r\n";
    }
    // A request missing From, To or Call-ID still gets its 400, without them.
    if (!request.from.empty()) {
        out += "From: " + request.from + "\r\n";
    }
    if (!request.to.empty()) {
        out += "To: " + request.to;
        if (code != 100 && request.toTag.empty() && !toTag.empty()) {
            out += ";tag=";
            out += toTag;
        }
        out += "\r\n";
    }
    if (!request.callId.empty()) {
        out += "Call-ID: " + request.callId + "\r\n";
    }
    out += fmt::format("CSeq: {} {}\r\n", request.cseq, request.cseqMethod);
    for (const auto& h : extraHeaders) {
        out += h + "\r\n";
    }
    out += "Server: warmline\r\n";
    if (!contentType.empty()) {
        out += fmt::format("Content-Type: {}\r\n", contentType);
    }
    out += fmt::format("Content-Length: {}\r\n\r\n", body.size());
    out += body;
    return out;
}

std::string randomSipToken(std::size_t bytes)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string out;
    for (const auto b : raw) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0F]);
    }
    return out;
}

std::string newBranch()
{
    return "z9hG4bK" + randomSipToken(10);
}

} // namespace warmline::sip
