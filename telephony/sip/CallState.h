#pragma once

// One call's state inside CallService (its .cpp files only): the caller's
// leg, which the gateway answers, and the two legs it places, the operator's
// and, during a warm transfer, a crisis line's, and an interpreter service's
// (each an OutboundLeg).

#include "telephony/media/Conference.h"
#include "telephony/media/RtpSession.h"
#include "telephony/media/Sdp.h"
#include "telephony/sip/CallService.h"
#include "telephony/sip/OutboundLeg.h"

#include <boost/asio/steady_timer.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace warmline::sip {

/// The methods the gateway serves, for Allow headers.
inline constexpr const char* kAllowHeader = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER";

/// Where a waiting caller is in choosing their callback's number.
enum class CallbackKeypad
{
    None,
    Confirming, ///< asked: 1 for this number, 2 to key another
    Keying      ///< keying digits, ended by #
};

/// How long a caller choosing their callback's number may go without a key
/// before they are put back on hold (or, with digits keyed, as if # came).
inline constexpr std::chrono::seconds kCallbackKeyingTime{30};

/// The most digits a keyed number may have (E.164's 15 with a prefix).
inline constexpr std::size_t kCallbackMaxDigits = 18;

/// The Contact of the gateway's answers to a caller: the transport the
/// caller came over, so that later requests (ACK, BYE) come back on it (a
/// sip: URI without one means UDP).
std::string callerContact(const SipEndpoint& endpoint, Transport transport);

/// Whether SDES keys may travel in this request's SDP and its answer
/// (decision 153): it came over TLS on every hop (CallServiceSrtp.cpp).
bool srtpKeysSafe(const std::shared_ptr<ServerTransaction>& tx);
/// The Warning of a 488 to SRTP offered where keys are not safe; `agent`
/// is the gateway's sent-by.
std::string srtpOverTlsOnly(const std::string& agent);

struct CallService::Call
{
    Call(boost::asio::io_context& ioc, SipEndpoint& endpoint)
        : answerTimer(ioc), op(endpoint, "The operator's phone"), operatorKeyTimer(ioc),
          crisis(endpoint, "The crisis line"), interpreter(endpoint, "The interpreter service"),
          lead(endpoint, "The shift lead's phone"), back(endpoint, "The caller's phone")
    {
    }

    CallRef ref = 0;
    // The caller's leg (we are its UAS).
    std::shared_ptr<ServerTransaction> invite; ///< null for a callback
    SipMessage request;
    Flow callerFlow;
    std::string localTag;
    bool answered = false;
    std::uint32_t localCseq = 0;
    std::string answerSdp; ///< the last description the gateway sent the caller
    SdpLocal answerLocal;  ///< its origin (the version rises as it changes)
    SdpChoice answerChoice;
    std::shared_ptr<RtpSession> callerMedia;
    /// SRTP on the caller's leg (decision 153): the key the gateway
    /// answered with, and the caller's; unset for plain RTP.
    std::optional<SdesCrypto> callerSrtpSent;
    std::optional<SdesCrypto> callerSrtpReceived;
    std::string callerProfile; ///< the SRTP profile answered (RTP/SAVP or RTP/SAVPF)
    /// The caller's keys used before the current one: never taken again
    /// (a fresh context would forget which packets it had seen).
    std::vector<std::array<std::uint8_t, SdesCrypto::kKeySaltBytes>> callerSrtpRetired;
    boost::asio::steady_timer answerTimer;
    bool queued = true;  ///< no operator leg connected or being connected
    bool onHold = false; ///< the operator put the caller on hold (CallService::hold)
    /// The keypad survey after the call (CallService::startSurvey): the
    /// operator has left and a key 1-3 is the answer; answerTimer ends it.
    bool surveying = false;
    std::chrono::steady_clock::time_point greetingEnds{}; ///< once answered
    /// The caller's last offer neither holds the call nor mutes it: its
    /// silence is watched (CallService::checkMedia, talksBothWays).
    bool callerWatched = true;

    // The operator's leg.
    OutboundLeg op;
    bool operatorLeft = false; ///< left a three-way call to the crisis line
    /// The operator's own phone, dialled through the trunk: once it answers
    /// it hears the accept announcement (in operatorLanguage) until 1 is
    /// pressed, and nobody is put through before (docs/remote-operators.md).
    bool operatorMustAccept = false;
    std::string operatorLanguage;
    /// Its phone answered and nobody has pressed 1 yet; operatorKeyTimer
    /// ends the wait.
    bool awaitingOperatorKey = false;
    boost::asio::steady_timer operatorKeyTimer;

    // A crisis line's leg during a warm transfer, and the three-way mix; or,
    // with `partner`, a partner line the waiting caller chose to be put
    // through to (overflow), with no operator on the call.
    OutboundLeg crisis;
    bool partner = false;
    // An interpreter service conferenced in by the operator.
    OutboundLeg interpreter;
    // A shift lead monitoring the call, and how (who hears the lead).
    OutboundLeg lead;
    LeadMode leadMode = LeadMode::Listen;
    // The mix, whenever three or more legs are on (CallService::remix).
    std::shared_ptr<Conference> conference;

    // A callback (CallService::placeCallback): the caller's leg is one the
    // gateway places, dialled once the operator's phone answered; its media
    // becomes callerMedia when the caller answers.
    bool callback = false;
    OutboundLeg back;
    std::string callbackUri;
    std::string callbackLine;
    std::string callbackLanguage;
    bool checkIn = false; ///< a check-in by call
    /// A waiting caller choosing the number to be called back at
    /// (CallService::askCallbackNumber), and the digits keyed so far.
    CallbackKeypad callbackKeypad = CallbackKeypad::None;
    std::string keyedDigits;
    std::string keypadLanguage;
    /// The caller's phone answered; nobody has pressed 1 yet (answerTimer
    /// ends the wait).
    bool awaitingAnswerKey = false;
    /// The key that ends the wait (1, or 9 on a check-in), once pressed;
    /// CallService::callbackPutThrough acts on it.
    char answerKey = 0;
};

} // namespace warmline::sip
