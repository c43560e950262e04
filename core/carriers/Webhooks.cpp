#include "core/carriers/Webhooks.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

namespace warmline {

namespace {

template <typename T> WebhookResult<T> refuse(std::string reason)
{
    WebhookResult<T> result;
    result.error = std::move(reason);
    return result;
}

bool isAlnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

std::optional<std::string_view> firstOf(const FormFields& fields, std::string_view name,
                                        std::string_view alternative)
{
    auto value = formValue(fields, name);
    if (!value || value->empty()) {
        value = formValue(fields, alternative);
    }
    return value;
}

/// An empty string when `sid` is a plausible Twilio SID, else the reason.
std::string checkSid(std::optional<std::string_view> sid, std::string_view field)
{
    if (!sid || sid->empty()) {
        return std::string(field) + " is missing";
    }
    if (sid->size() > kMaxProviderIdChars) {
        return std::string(field) + " is longer than 64 characters";
    }
    if (!std::all_of(sid->begin(), sid->end(), isAlnum)) {
        return std::string(field) + " has characters other than letters and digits";
    }
    return {};
}

/// Numbers, short codes and sender names: printable ASCII, bounded. '|' is
/// refused because it separates the parts of Kannel's derived id.
std::string checkAddress(std::optional<std::string_view> address, std::string_view field)
{
    if (!address || address->empty()) {
        return std::string(field) + " is missing";
    }
    if (address->size() > kMaxAddressChars) {
        return std::string(field) + " is longer than 32 characters";
    }
    const bool printable = std::all_of(address->begin(), address->end(),
                                       [](char c) { return c >= 0x20 && c <= 0x7E && c != '|'; });
    if (!printable || address->find_first_not_of(' ') == std::string_view::npos) {
        return std::string(field) + " is not a phone number or sender name";
    }
    return {};
}

std::string checkBody(std::string_view body, std::string_view field)
{
    if (body.size() > kMaxInboundBodyBytes) {
        return std::string(field) + " is larger than 10 KiB";
    }
    if (!isValidUtf8(body)) {
        return std::string(field) + " is not valid UTF-8";
    }
    // A NUL inside a text is never meant and breaks C-string consumers downstream.
    if (body.find('\0') != std::string_view::npos) {
        return std::string(field) + " contains a NUL character";
    }
    return {};
}

template <typename Int>
std::optional<Int> parseUnsigned(std::string_view text, std::size_t maxDigits)
{
    if (text.empty() || text.size() > maxDigits ||
        !std::all_of(text.begin(), text.end(), isDigit)) {
        return std::nullopt;
    }
    Int value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

/// Kannel's %t: `YYYY-MM-DD HH:MM`, with `:SS` in some versions.
bool isKannelTime(std::string_view time)
{
    static constexpr std::string_view kPattern = "dddd-dd-dd dd:dd:dd";
    if (time.size() != 16 && time.size() != 19) {
        return false;
    }
    for (std::size_t i = 0; i < time.size(); ++i) {
        const char expected = kPattern[i];
        if (expected == 'd' ? !isDigit(time[i]) : time[i] != expected) {
            return false;
        }
    }
    return true;
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string latin1ToUtf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        appendUtf8(out, static_cast<unsigned char>(c));
    }
    return out;
}

/// WINDOWS-1252 0x80..0x9F; zero marks the five unassigned bytes.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::optional<std::string> cp1252ToUtf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 && c <= 0x9F) {
            const char16_t mapped = kCp1252High[c - 0x80];
            if (mapped == 0) {
                return std::nullopt;
            }
            appendUtf8(out, mapped);
        } else {
            appendUtf8(out, c);
        }
    }
    return out;
}

std::optional<std::string> utf16beToUtf8(std::string_view text)
{
    if (text.size() % 2 != 0) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(text.size());
    auto unitAt = [&](std::size_t i) {
        return static_cast<char32_t>((static_cast<unsigned char>(text[i]) << 8) |
                                     static_cast<unsigned char>(text[i + 1]));
    };
    for (std::size_t i = 0; i < text.size(); i += 2) {
        char32_t unit = unitAt(i);
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            return std::nullopt;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (i + 3 >= text.size()) {
                return std::nullopt;
            }
            const char32_t low = unitAt(i + 2);
            if (low < 0xDC00 || low > 0xDFFF) {
                return std::nullopt;
            }
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        }
        appendUtf8(out, unit);
    }
    return out;
}

std::string upperAscii(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
    return out;
}

/// The text as UTF-8, or nullopt when it cannot be in the named charset.
std::optional<std::string> kannelTextToUtf8(std::string_view text, std::string_view charset)
{
    const std::string name = upperAscii(charset);
    if (name == "UTF-16BE" || name == "UCS-2" || name == "UCS-2BE") {
        return utf16beToUtf8(text);
    }
    if (name == "ISO-8859-1" || name == "ISO8859-1" || name == "LATIN1") {
        return latin1ToUtf8(text);
    }
    if (name == "WINDOWS-1252" || name == "CP1252") {
        return cp1252ToUtf8(text);
    }
    // UTF-8, ASCII, no charset, or one we do not convert ("GSM" arrives
    // already recoded by smsbox): accept the bytes only if they are UTF-8.
    if (!isValidUtf8(text)) {
        return std::nullopt;
    }
    return std::string(text);
}

std::optional<DeliveryStatus> twilioStatus(std::string_view status)
{
    struct Mapping
    {
        std::string_view name;
        DeliveryStatus status;
    };
    static constexpr std::array<Mapping, 12> kMappings = {{
        {"accepted", DeliveryStatus::Queued},
        {"scheduled", DeliveryStatus::Queued},
        {"queued", DeliveryStatus::Queued},
        {"sending", DeliveryStatus::Sending},
        {"sent", DeliveryStatus::Sent},
        {"delivered", DeliveryStatus::Delivered},
        {"read", DeliveryStatus::Delivered},
        {"undelivered", DeliveryStatus::Undelivered},
        {"failed", DeliveryStatus::Failed},
        {"canceled", DeliveryStatus::Failed},
        {"receiving", DeliveryStatus::Received},
        {"received", DeliveryStatus::Received},
    }};
    for (const auto& mapping : kMappings) {
        if (mapping.name == status) {
            return mapping.status;
        }
    }
    return std::nullopt;
}

} // namespace

std::string kannelDerivedId(std::string_view from, std::string_view to, std::string_view time,
                            std::string_view text)
{
    std::string material;
    material.reserve(from.size() + to.size() + time.size() + text.size() + 3);
    material.append(from).append("|").append(to).append("|").append(time).append("|").append(text);

    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digestLength = 0;
    if (EVP_Digest(material.data(), material.size(), digest.data(), &digestLength, EVP_sha256(),
                   nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(digestLength * 2);
    for (unsigned int i = 0; i < digestLength; ++i) {
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 0x0F]);
    }
    return hex;
}

WebhookResult<InboundText> parseTwilioInbound(const FormFields& fields, EpochMs now)
{
    using Result = WebhookResult<InboundText>;
    const auto sid = firstOf(fields, "MessageSid", "SmsSid");
    if (auto error = checkSid(sid, "MessageSid"); !error.empty()) {
        return refuse<InboundText>(std::move(error));
    }
    const auto from = formValue(fields, "From");
    if (auto error = checkAddress(from, "From"); !error.empty()) {
        return refuse<InboundText>(std::move(error));
    }
    const auto to = formValue(fields, "To");
    if (auto error = checkAddress(to, "To"); !error.empty()) {
        return refuse<InboundText>(std::move(error));
    }

    unsigned numMedia = 0;
    if (const auto media = formValue(fields, "NumMedia"); media && !media->empty()) {
        const auto parsed = parseUnsigned<unsigned>(*media, 4);
        if (!parsed) {
            return refuse<InboundText>("NumMedia is not a whole number");
        }
        numMedia = *parsed;
    }

    const auto body = formValue(fields, "Body");
    if (!body) {
        return refuse<InboundText>("Body is missing");
    }
    if (body->empty() && numMedia == 0) {
        return refuse<InboundText>("Body is empty and no media is attached");
    }
    if (auto error = checkBody(*body, "Body"); !error.empty()) {
        return refuse<InboundText>(std::move(error));
    }

    Result result;
    InboundText& text = result.value.emplace();
    text.provider = Provider::Twilio;
    text.providerId = std::string(*sid);
    text.from = std::string(*from);
    text.to = std::string(*to);
    text.body = std::string(*body);
    text.receivedAt = now;
    return result;
}

WebhookResult<InboundText> parseKannelInbound(const FormFields& query, EpochMs now)
{
    using Result = WebhookResult<InboundText>;
    const auto from = formValue(query, "from");
    if (auto error = checkAddress(from, "from"); !error.empty()) {
        return refuse<InboundText>(std::move(error));
    }
    const auto to = formValue(query, "to");
    if (auto error = checkAddress(to, "to"); !error.empty()) {
        return refuse<InboundText>(std::move(error));
    }
    const auto rawText = formValue(query, "text");
    if (!rawText) {
        return refuse<InboundText>("text is missing");
    }
    // Checked before conversion too, so a huge request is not recoded first.
    if (rawText->size() > 2 * kMaxInboundBodyBytes) {
        return refuse<InboundText>("text is larger than 10 KiB");
    }

    const std::string_view time = formValue(query, "time").value_or(std::string_view());
    if (!time.empty() && !isKannelTime(time)) {
        return refuse<InboundText>("time is not in the form YYYY-MM-DD HH:MM[:SS]");
    }

    const std::string_view id = formValue(query, "id").value_or(std::string_view());
    if (id.size() > kMaxProviderIdChars) {
        return refuse<InboundText>("id is longer than 64 characters");
    }
    const bool idCharsOk = std::all_of(id.begin(), id.end(), [](char c) {
        return isAlnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
    });
    if (!idCharsOk) {
        return refuse<InboundText>("id has characters other than letters, digits and -_.:");
    }

    const std::string_view charset = formValue(query, "charset").value_or(std::string_view());
    auto text = kannelTextToUtf8(*rawText, charset);
    if (!text) {
        return refuse<InboundText>(charset.empty() ? "text is not valid UTF-8"
                                                   : "text is not valid in its charset");
    }
    if (auto error = checkBody(*text, "text"); !error.empty()) {
        return refuse<InboundText>(std::move(error));
    }

    Result result;
    InboundText& inbound = result.value.emplace();
    inbound.provider = Provider::Kannel;
    inbound.providerId = id.empty() ? kannelDerivedId(*from, *to, time, *text) : std::string(id);
    inbound.from = std::string(*from);
    inbound.to = std::string(*to);
    inbound.body = std::move(*text);
    inbound.receivedAt = now;
    return result;
}

WebhookResult<DeliveryReport> parseTwilioStatus(const FormFields& fields)
{
    const auto sid = firstOf(fields, "MessageSid", "SmsSid");
    if (auto error = checkSid(sid, "MessageSid"); !error.empty()) {
        return refuse<DeliveryReport>(std::move(error));
    }
    const auto statusName = firstOf(fields, "MessageStatus", "SmsStatus");
    if (!statusName || statusName->empty()) {
        return refuse<DeliveryReport>("MessageStatus is missing");
    }
    const auto status = twilioStatus(*statusName);
    if (!status) {
        return refuse<DeliveryReport>("MessageStatus is not a status we know");
    }
    const std::string_view errorCode = formValue(fields, "ErrorCode").value_or(std::string_view());
    if (errorCode.size() > 16 || !std::all_of(errorCode.begin(), errorCode.end(), isAlnum)) {
        return refuse<DeliveryReport>("ErrorCode is not a short code of letters and digits");
    }

    WebhookResult<DeliveryReport> result;
    DeliveryReport& report = result.value.emplace();
    report.provider = Provider::Twilio;
    report.providerId = std::string(*sid);
    report.status = *status;
    report.errorCode = std::string(errorCode);
    return result;
}

WebhookResult<DeliveryReport> parseKannelDlr(const FormFields& query)
{
    const auto idText = formValue(query, "id");
    if (!idText || idText->empty()) {
        return refuse<DeliveryReport>("id is missing");
    }
    const auto id = parseUnsigned<Id>(*idText, 18);
    if (!id || *id == 0) {
        return refuse<DeliveryReport>("id is not a message id");
    }
    const auto statusText = formValue(query, "status");
    if (!statusText || statusText->empty()) {
        return refuse<DeliveryReport>("status is missing");
    }
    const auto type = parseUnsigned<int>(*statusText, 3);
    if (!type) {
        return refuse<DeliveryReport>("status is not a Kannel DLR type");
    }

    WebhookResult<DeliveryReport> result;
    DeliveryReport report;
    report.provider = Provider::Kannel;
    report.messageId = *id;
    switch (*type) {
    case 1:
        report.status = DeliveryStatus::Delivered;
        break;
    case 2:
        report.status = DeliveryStatus::Undelivered;
        report.errorCode = "2";
        break;
    case 4:
        report.status = DeliveryStatus::Queued;
        break;
    case 8:
        report.status = DeliveryStatus::Sent;
        break;
    case 16:
        report.status = DeliveryStatus::Failed;
        report.errorCode = "16";
        break;
    default:
        return refuse<DeliveryReport>("status is not a Kannel DLR type (1, 2, 4, 8 or 16)");
    }
    result.value = std::move(report);
    return result;
}

} // namespace warmline
