#pragma once

// Sending texts out through a provider. The interface is free of Beast so
// the gateway's logic can be compiled and tested without it; the HTTP
// implementations live in OutboundHttp.cpp.

#include "core/Domain.h"

#include <boost/asio/any_io_executor.hpp>

#include <functional>
#include <memory>
#include <string>

namespace warmline::telephony {

struct OutboundRequest
{
    Id messageId = 0;
    std::string to;   ///< the caller's number; confidential, never logged
    std::string from; ///< the line's number
    std::string body;
};

struct SendOutcome
{
    enum class Kind
    {
        Sent,
        Retry,
        Failed
    } kind = Kind::Failed;
    std::string providerId; ///< the provider's id for the message, if any
    std::string error;      ///< a reason an operator can read
};

/// One attempt at handing a text to a provider. Implementations run on the
/// gateway's executor and call `done` there exactly once.
class OutboundSender
{
public:
    virtual ~OutboundSender() = default;
    virtual Provider provider() const = 0;
    virtual void send(OutboundRequest request, std::function<void(SendOutcome)> done) = 0;
};

struct TwilioSenderSettings
{
    std::string apiBaseUrl = "https://api.twilio.com";
    std::string accountSid;
    std::string authToken;
    std::string statusCallbackUrl; ///< empty: no callback requested
    int timeoutMs = 15000;
};

struct KannelSenderSettings
{
    std::string sendsmsUrl; ///< e.g. http://127.0.0.1:13013/cgi-bin/sendsms
    std::string username;
    std::string password;
    std::string dlrUrl; ///< our /sms/kannel/dlr; empty: no delivery reports
    int timeoutMs = 15000;
};

std::unique_ptr<OutboundSender> makeTwilioSender(boost::asio::any_io_executor ex,
                                                 TwilioSenderSettings settings);
std::unique_ptr<OutboundSender> makeKannelSender(boost::asio::any_io_executor ex,
                                                 KannelSenderSettings settings);

} // namespace warmline::telephony
