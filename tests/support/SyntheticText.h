#pragma once

// A synthetic texter for tests: callers are +1 555 555 NNNN (numbers kept
// for fiction) texting the line at +1 555 555 0199, through the Twilio
// webhook a provider would use.

#include "telephony/net/SimpleHttpClient.h"

#include <cstdio>
#include <string>

namespace warmline::test {

inline std::string syntheticCaller(int n)
{
    char number[16];
    std::snprintf(number, sizeof number, "+1555555%04d", n);
    return number;
}

/// Posts one inbound text from syntheticCaller(caller); returns the answer.
inline telephony::HttpResponse postSyntheticText(telephony::SimpleHttpClient& http,
                                                 const std::string& sid, int caller,
                                                 const std::string& body)
{
    using telephony::SimpleHttpClient;
    return http.postForm("/sms/twilio",
                         SimpleHttpClient::formEncode({{"MessageSid", sid},
                                                       {"From", syntheticCaller(caller)},
                                                       {"To", "+15555550199"},
                                                       {"Body", body},
                                                       {"NumMedia", "0"}}));
}

/// Posts one inbound text from `from` (a synthetic number); the HTTP status.
inline int postTwilioText(telephony::SimpleHttpClient& http, const std::string& sid,
                          const std::string& from, const std::string& body)
{
    using telephony::SimpleHttpClient;
    return http
        .postForm("/sms/twilio", SimpleHttpClient::formEncode({{"MessageSid", sid},
                                                               {"From", from},
                                                               {"To", "+15555550199"},
                                                               {"Body", body},
                                                               {"NumMedia", "0"}}))
        .status;
}

} // namespace warmline::test
