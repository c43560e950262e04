#pragma once

// What the SIP side tells the gateway about calls, and the plain values it
// uses. Small on purpose: the gateway's header includes it.

#include <cstdint>
#include <string>

namespace warmline::sip {

using CallRef = std::uint64_t;

/// A new call, as the gateway needs it. `callerNumber` is confidential: it
/// is for the caller's keyed hash and sealed copy only, never for logs.
struct IncomingCall
{
    std::string callerNumber;
    std::string lineNumber;
};

/// What happened to a call; called on the io_context.
class CallListener
{
public:
    virtual ~CallListener() = default;
    virtual void callArrived(CallRef call, const IncomingCall& info) = 0;
    /// The caller hung up (CANCEL before the answer, BYE or no ACK after).
    virtual void callerHungUp(CallRef call) = 0;
    virtual void callLanguageChosen(CallRef call, const std::string& language) = 0;
    virtual void operatorAnswered(CallRef call) = 0;
    /// The operator's phone did not answer in time, refused, or failed.
    virtual void operatorNotAnswered(CallRef call, const std::string& why) = 0;
    virtual void operatorHungUp(CallRef call) = 0;
};

} // namespace warmline::sip
