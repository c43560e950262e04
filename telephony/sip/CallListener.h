#pragma once

// What the SIP side tells the gateway about calls, and the plain values it
// uses. Small on purpose: the gateway's header includes it.

#include <cstdint>
#include <string>

namespace warmline::sip {

using CallRef = std::uint64_t;

/// How a shift lead is on a call they monitor (docs/coaching.md). Listen:
/// the lead hears both sides and nobody hears the lead. Whisper: the
/// operator hears the lead, the caller does not. Barge: all hear each other.
enum class LeadMode
{
    Listen,
    Whisper,
    Barge
};

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
    /// A warm transfer: the crisis line answered (the three-way mix began).
    virtual void crisisLineAnswered(CallRef) {}
    /// The crisis line did not answer, refused, failed, or hung up while
    /// the operator was still on; the call goes on with the operator.
    virtual void crisisLineFailed(CallRef, const std::string& /*why*/) {}
    /// The operator hung up their phone while the crisis line was on: they
    /// left, and the caller stays with the crisis line.
    virtual void operatorLeft(CallRef) {}
    /// An interpreter service answered (it hears, and is heard by, everyone
    /// on the call).
    virtual void interpreterAnswered(CallRef) {}
    /// The interpreter service did not answer, refused, failed, or hung up;
    /// the call goes on without it.
    virtual void interpreterFailed(CallRef, const std::string& /*why*/) {}
    /// A shift lead's phone answered to monitor the call.
    virtual void leadAnswered(CallRef) {}
    /// The lead's phone did not answer, refused, failed or hung up, or the
    /// lead's leg ended with the operator's; the call goes on without it.
    virtual void leadFailed(CallRef, const std::string& /*why*/) {}
    /// A caller waiting in the queue pressed a key that is not in the
    /// language menu (an answer to the overflow offer, docs/coaching.md).
    virtual void callerPressed(CallRef, char /*key*/) {}
    /// A caller in the keypad survey after their call pressed 1, 2 or 3
    /// (docs/surveys.md); the call ends next.
    virtual void callSurveyAnswered(CallRef, int /*answer*/) {}
    /// The partner line a waiting caller chose to be put through to answered:
    /// the caller and the partner line are relayed to each other, and the
    /// call is no longer the line's to answer.
    virtual void partnerAnswered(CallRef) {}
    /// The partner line did not answer, refused or failed; the caller waits
    /// in the queue again, on hold.
    virtual void partnerFailed(CallRef, const std::string& /*why*/) {}
    /// A waiting caller asked for a callback chose the number to be called
    /// at (CallService::askCallbackNumber): `keyed` is empty for the number
    /// they call from, else the digits they keyed (never to be logged).
    virtual void callbackNumberChosen(CallRef, const std::string& /*keyed*/) {}
    /// A callback's caller answered and pressed 1 (CallService::placeCallback):
    /// they now talk with the operator.
    virtual void callbackAnswered(CallRef) {}
    /// A callback's caller did not answer, refused, could not be dialled, or
    /// answered and pressed nothing (a voicemail, perhaps); the operator's
    /// leg is hung up and the call has ended.
    virtual void callbackNotReached(CallRef, const std::string& /*why*/) {}
    /// The caller of a check-in by call pressed 9 (the announcement tells
    /// them): they want no more check-ins. The call goes on.
    virtual void checkInStopPressed(CallRef) {}
    /// The phone of an account (CallService::addAccount) registered, or its
    /// registration ended by REGISTER. Expiry and a dropped connection are
    /// not told: CallService::registration() says so when asked.
    virtual void phoneRegistrationChanged(const std::string& /*username*/) {}
};

} // namespace warmline::sip
