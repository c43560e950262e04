#pragma once

// Carrier webhooks turned into domain records: Twilio's inbound-message and
// status callbacks (form POST bodies) and Kannel's smsbox get-url and
// delivery-report requests (query strings). Pure functions of the parsed
// fields; no I/O, no logging; thread-safe.
//
// An anticipated bad request is not an exception: each parser returns a
// WebhookResult whose `error` is a sentence for the log and the HTTP
// response. Errors name the offending field but never quote its value,
// since values may be a caller's number or words.

#include "core/domain/Domain.h"
#include "core/text/FormCodec.h"

#include <cstddef>
#include <optional>
#include <string>

namespace warmline {

/// Either a value or, when it is empty, the reason the request was refused.
template <typename T> struct WebhookResult
{
    std::optional<T> value;
    std::string error;

    explicit operator bool() const { return value.has_value(); }
};

/// A carrier's word on an outbound text. Twilio names the text by its
/// MessageSid (`providerId`); Kannel echoes our own message id (`messageId`).
struct DeliveryReport
{
    Provider provider = Provider::Twilio;
    std::string providerId;
    std::optional<Id> messageId;
    DeliveryStatus status = DeliveryStatus::Queued;
    std::string errorCode; ///< the carrier's code for a failure; empty otherwise
};

inline constexpr std::size_t kMaxInboundBodyBytes = 10 * 1024;
inline constexpr std::size_t kMaxProviderIdChars = 64;
inline constexpr std::size_t kMaxAddressChars = 32;

/// Twilio's inbound-message webhook: MessageSid (or SmsSid), From, To, Body,
/// optional NumMedia. The body may be empty only when media is attached.
/// `receivedAt` is `now`.
WebhookResult<InboundText> parseTwilioInbound(const FormFields& fields, EpochMs now);

/// Kannel's smsbox get-url, configured as
/// `from=%p&to=%P&text=%a&time=%t&id=%I&charset=%c`; `time`, `id` and
/// `charset` are optional. Text in UTF-16BE, ISO-8859-1 or WINDOWS-1252 is
/// converted to UTF-8. Without `id`, the idempotency key is the hex SHA-256
/// of `from|to|time|text`, so a retried delivery is stored once; without
/// `time` as well, identical texts from one number would collapse into one,
/// so configure `%t` or `%I`. `receivedAt` is `now`.
WebhookResult<InboundText> parseKannelInbound(const FormFields& query, EpochMs now);

/// Twilio's status callback: MessageSid (or SmsSid), MessageStatus (or
/// SmsStatus), optional ErrorCode.
WebhookResult<DeliveryReport> parseTwilioStatus(const FormFields& fields);

/// Kannel's delivery report, configured as `dlr-url=...?id=<our id>&status=%d`:
/// 1 delivered, 2 undelivered, 4 queued at the SMSC, 8 sent to the SMSC,
/// 16 rejected by the SMSC (failed). For 2 and 16 `errorCode` is that number.
WebhookResult<DeliveryReport> parseKannelDlr(const FormFields& query);

/// The idempotency key parseKannelInbound derives when Kannel sends no id.
std::string kannelDerivedId(std::string_view from, std::string_view to, std::string_view time,
                            std::string_view text);

} // namespace warmline
