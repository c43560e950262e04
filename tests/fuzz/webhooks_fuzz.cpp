// Fuzz target: carrier webhooks as the gateway's HTTP server reads them. The
// input is used both as a Twilio form body and as a Kannel request target
// with a query string; every parser must either give a well-formed record or
// refuse with a reason, and never throw anything but FormError.

#include "tests/fuzz/FuzzCheck.h"

#include "core/carriers/TwilioSignature.h"
#include "core/carriers/Webhooks.h"
#include "core/text/FormCodec.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

using namespace warmline;

namespace {

constexpr EpochMs kNow = 1'700'000'000'000;

void checkInbound(const WebhookResult<InboundText>& r)
{
    FUZZ_CHECK(r.value.has_value() == r.error.empty());
    if (!r) {
        return;
    }
    const InboundText& t = *r.value;
    FUZZ_CHECK(!t.providerId.empty() && t.providerId.size() <= kMaxProviderIdChars);
    FUZZ_CHECK(!t.from.empty() && t.from.size() <= kMaxAddressChars);
    FUZZ_CHECK(!t.to.empty() && t.to.size() <= kMaxAddressChars);
    FUZZ_CHECK(t.body.size() <= kMaxInboundBodyBytes);
    FUZZ_CHECK(isValidUtf8(t.body));
    FUZZ_CHECK(t.body.find('\0') == std::string::npos);
    FUZZ_CHECK(t.receivedAt == kNow);
}

void checkReport(const WebhookResult<DeliveryReport>& r)
{
    FUZZ_CHECK(r.value.has_value() == r.error.empty());
    if (r && r.value->provider == Provider::Twilio) {
        FUZZ_CHECK(!r.value->providerId.empty());
        FUZZ_CHECK(r.value->providerId.size() <= kMaxProviderIdChars);
    }
}

std::optional<FormFields> parsed(std::string_view text, bool query)
{
    try {
        return query ? parseQuery(queryOf(text)) : parseForm(text);
    } catch (const FormError&) {
        return std::nullopt;
    }
}

void checkCodec(const FormFields& fields)
{
    FUZZ_CHECK(fields.size() <= kDefaultMaxFormFields);
    // What we encode must read back as the same fields.
    const std::string encoded = encodeForm(fields);
    FUZZ_CHECK(parseForm(encoded) == fields);
    for (const auto& [name, value] : fields) {
        FUZZ_CHECK(percentDecode(percentEncode(value)) == value);
        FUZZ_CHECK(percentDecode(formEncode(name)) == name);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // Twilio: a form POST body.
    if (const auto form = parsed(input, false)) {
        checkCodec(*form);
        checkInbound(parseTwilioInbound(*form, kNow));
        checkReport(parseTwilioStatus(*form));
        const std::string url = "https://line.example.org/sms/twilio";
        const std::string signature = twilioSignature("fuzz-token", url, *form);
        FUZZ_CHECK(verifyTwilioSignature("fuzz-token", url, *form, signature));
        FUZZ_CHECK(!verifyTwilioSignature("fuzz-token", url, *form, input));
        // Kannel may POST a form as well.
        checkInbound(parseKannelInbound(*form, kNow));
        checkReport(parseKannelDlr(*form));
    }

    // Kannel: the request target of a GET.
    const std::string target = "/sms/kannel?" + std::string(input);
    if (const auto query = parsed(target, true)) {
        checkCodec(*query);
        checkInbound(parseKannelInbound(*query, kNow));
        checkReport(parseKannelDlr(*query));
    }
    // A target as the input gives it (path, '?', '#').
    if (const auto query = parsed(input, true)) {
        checkInbound(parseKannelInbound(*query, kNow));
    }
    return 0;
}
