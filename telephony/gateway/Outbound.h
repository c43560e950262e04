#pragma once

// Sending texts out through a provider. The interface is free of Beast so
// the gateway's logic can be compiled and tested without it; the HTTP
// implementations live in telephony/net/OutboundHttp.h.

#include "core/domain/Domain.h"

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
        Retry,   ///< nothing reached the provider, or it said to try again
        Unknown, ///< the request was written but not answered: maybe sent
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

} // namespace warmline::telephony
