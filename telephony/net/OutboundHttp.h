#pragma once

// The HTTP senders for Twilio's Messages API and Kannel's sendsms, behind
// the gateway's OutboundSender interface.

#include "telephony/gateway/Outbound.h"

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace warmline::telephony {

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
