#pragma once

// One call the gateway places as the UAC: the operator's leg of a call and a
// crisis line's leg during a warm transfer are both an OutboundLeg. It sends
// the INVITE with an SDP offer, rings for at most a given time (then CANCEL),
// ACKs every 2xx, ends with BYE an answer that came too late or without
// usable audio, and ends the leg with CANCEL or BYE. Answers to an earlier
// INVITE of the same leg (one that was dropped or failed) are ignored. What
// an answer or a failure means for the call is the owner's (CallService),
// told through the handlers, which are never called after the leg is gone.
// One thread: the endpoint's io_context.

#include "telephony/media/RtpSession.h"
#include "telephony/media/Sdp.h"
#include "telephony/sip/SipEndpoint.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace warmline::sip {

/// Where a leg is dialled: a sip: or sips: URI whose host is an IP address.
struct LegTarget
{
    std::optional<SipUri> uri;                       ///< empty: not a sip: or sips: URI
    std::optional<boost::asio::ip::address> address; ///< empty: the host is not an IP address

    static LegTarget parse(const std::string& sipUri);
};

class OutboundLeg
{
public:
    struct Handlers
    {
        /// Asked when a first 2xx arrives in time: why the answer cannot be
        /// taken any more, or "" to take it. A refused answer gets BYE and
        /// the leg fails with that reason.
        std::function<std::string()> refuseAnswer;
        /// The far end answered with usable audio: the leg's media sends to it.
        std::function<void()> answered;
        /// The leg failed and is forgotten (its INVITE, its ring timer); the
        /// owner releases its media.
        std::function<void(const std::string& why)> failed;
    };

    struct Dial
    {
        SipUri uri;
        boost::asio::ip::address address;
        std::shared_ptr<RtpSession> media; ///< the leg's RTP session, opened by the owner
        std::string displayName;           ///< in From; quotes and backslashes are left out
        std::vector<std::string> extraHeaders;
        std::chrono::milliseconds ringTimeout{};
        std::uint64_t sdpSessionId = 0;
        /// An operator's or lead's phone while plain calls stay on the site's
        /// network (sip.allow_plain_remote_phones off): an answer whose audio
        /// address is off it is refused, as the phone's own address would be.
        bool siteMediaOnly = false;
        /// A registered softphone's connection (CallService::addAccount):
        /// the INVITE and the whole dialog go over it. Empty: UDP to
        /// `address` and the URI's port.
        std::optional<Flow> flow;
        /// SRTP with SDES keys (RFC 4568): offered as RTP/SAVP with a new
        /// key, and only an answer with a key the gateway takes is taken.
        /// Only with a TLS `flow` (keys never travel in the clear).
        bool srtp = false;
        Handlers handlers;
    };

    /// `party` begins the reasons a failure gives, e.g. "The crisis line".
    OutboundLeg(SipEndpoint& endpoint, std::string party);
    /// Another party for the next dial (a leg used for more than one kind).
    void setParty(std::string party) { m_party = std::move(party); }
    ~OutboundLeg();
    OutboundLeg(const OutboundLeg&) = delete;
    OutboundLeg& operator=(const OutboundLeg&) = delete;

    /// Sends a new INVITE (forgetting any earlier one) and starts ringing.
    void dial(Dial d);
    /// The INVITE is out, or its answer was taken.
    bool inProgress() const { return m_invite != nullptr || m_answered; }
    bool answered() const { return m_answered; }
    /// Where the dialog's requests go (a registered phone's connection, or UDP).
    const Flow& flow() const { return m_flow; }
    const std::string& callId() const { return m_request.callId; }
    std::shared_ptr<RtpSession>& media() { return m_media; }
    const std::shared_ptr<RtpSession>& media() const { return m_media; }

    /// Gives up on the leg once: it is forgotten and the owner hears `why`.
    void fail(const std::string& why);
    /// BYE if answered, else CANCEL if still ringing (once).
    void hangUp();
    /// hangUp(), and the leg is forgotten without a failure being reported.
    void drop();
    /// The far end sent BYE (already answered 200 by the owner).
    void farEndHungUp();
    /// The far end's re-INVITE on the answered leg (hold, a new address, a
    /// session refresh; decision 155): an offer is answered 200 (its codec,
    /// the mirrored direction) and its audio address followed; an offerless
    /// one gets the gateway's offer, answered in the ACK (acknowledged). An
    /// offer that cannot be taken gets 488 and changes nothing; another
    /// dialog's request 481, an old CSeq 500, one during an offer of ours
    /// 491 (RFC 3261 sections 12.2.2, 14.2; RFC 3264).
    void reinvited(const std::shared_ptr<ServerTransaction>& tx);
    /// The ACK of a 200 to the far end's re-INVITE: an offerless one's
    /// answer is taken from it.
    void acknowledged(const SipMessage& ack);
    /// The 200 to the far end's re-INVITE `cseq` was never ACKed: an offer
    /// of ours in it is no longer outstanding (later re-INVITEs are not
    /// refused 491), and the audio stays where it was.
    void ackTimedOut(std::uint32_t cseq);
    /// Its last description holds or mutes the call (talksBothWays): it may
    /// go quiet without being gone (decision 154).
    bool holding() const { return m_holding; }

private:
    void onResponse(const SipMessage* r);
    /// Takes a description of the far end's (re-INVITE offer or ACK
    /// answer): its audio address, codec and direction. False if unusable.
    bool follow(const SdpMedia& media);
    /// The gateway's a=crypto value (with `tag` if given); "" on a plain leg.
    std::string ourCrypto(std::optional<int> tag = {}) const;
    /// New keys a phone may bring in re-INVITEs during one call.
    static constexpr std::size_t kMaxSrtpRekeys = 64;
    /// `body` with the o= version raised when it differs from the last
    /// description sent (RFC 3264 section 8).
    std::string versioned(const std::function<std::string(const SdpLocal&)>& build);
    void acknowledge(const SipMessage& r);
    void sendBye();

    SipEndpoint& m_endpoint;
    std::string m_party;
    Handlers m_handlers;
    std::shared_ptr<ClientTransaction> m_invite;
    OutgoingRequest m_request;
    Flow m_flow;
    std::string m_to; ///< To with the far end's tag, once answered
    std::optional<SipUri> m_contact;
    std::vector<std::string> m_routes;
    bool m_answered = false;
    bool m_givenUp = false; ///< ring timeout, failure or hang-up already done
    bool m_siteMediaOnly = false;
    std::optional<SdesCrypto> m_srtpSent;     ///< the gateway's key; empty: plain RTP
    std::optional<SdesCrypto> m_srtpReceived; ///< the phone's key, once answered
    /// The phone's earlier keys: never taken again (their replay records
    /// are gone); at most kMaxSrtpRekeys.
    std::vector<std::array<std::uint8_t, SdesCrypto::kKeySaltBytes>> m_srtpRetired;
    bool m_answerHandled = false;   ///< a 2xx was dealt with: later ones are only ACKed
    bool m_holding = false;         ///< the far end's last description holds the call
    std::string m_localTag;         ///< our From tag
    std::string m_remoteTag;        ///< the answering phone's To tag
    std::uint32_t m_remoteCseq = 0; ///< the far end's last in-dialog CSeq
    std::uint32_t m_offerCseq = 0;  ///< the re-INVITE whose 200 carries it
    bool m_offerPending = false;    ///< our offer (offerless re-INVITE) awaits its ACK
    SdpLocal m_local;               ///< the gateway's side, for answers
    std::string m_lastSdp;          ///< the last description the gateway sent
    std::shared_ptr<RtpSession> m_media;
    boost::asio::steady_timer m_ringTimer;
    std::shared_ptr<bool> m_alive;
};

} // namespace warmline::sip
