#pragma once

// SDP (RFC 4566) offer/answer (RFC 3264) for one audio stream of G.711 with
// RFC 4733 telephone events: what the gateway answers to a caller's offer,
// and offers to an operator's phone. Pure; thread-safe.

#include "telephony/media/G711.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

/// The audio stream a peer described.
struct SdpMedia
{
    std::string address;                              ///< where to send RTP (c= line)
    std::uint16_t port = 0;                           ///< 0: the stream is refused
    std::string profile;                              ///< "RTP/AVP", "RTP/SAVP", …
    std::vector<int> payloadTypes;                    ///< in the peer's order of preference
    std::optional<int> telephoneEventPt;              ///< payload type of telephone-event/8000
    std::vector<std::pair<int, std::string>> rtpmaps; ///< pt, "name/rate"
    bool sendsAudio = true;                           ///< false for recvonly / inactive
    bool receivesAudio = true;                        ///< false for sendonly / inactive
    std::vector<std::string> cryptos;                 ///< values of a=crypto (RFC 4568), in order
};

/// Parses the first audio m= line of an SDP body; nullopt if there is none
/// or the body is not SDP (no v=0, no usable c= address).
std::optional<SdpMedia> parseSdp(std::string_view body);

/// Whether a peer with this description sends and receives audio all along
/// (decision 154): sendrecv, to a real address; not while it holds the call
/// (sendonly, inactive, or c=0.0.0.0) or sends nothing (recvonly).
bool talksBothWays(const SdpMedia& media);

/// Whether `media` asks for SRTP (RTP/SAVP or RTP/SAVPF). The gateway
/// takes it only over TLS, with SDES keys (docs/sip.md, decision 153).
bool isSecureProfile(const SdpMedia& media);

/// The codec chosen for a stream.
struct SdpChoice
{
    int payloadType = 0; ///< 0 PCMU or 8 PCMA
    G711Law law = G711Law::MuLaw;
    std::optional<int> telephoneEventPt;
    std::string profile = "RTP/AVP"; ///< the answer's transport profile
    std::string crypto;              ///< an a=crypto value to answer with (SRTP), or empty
};

/// The first of the offer's formats that is PCMU or PCMA (by static type or
/// by rtpmap name); nullopt if the offer has neither.
std::optional<SdpChoice> chooseCodec(const SdpMedia& offer);

/// Parameters of the gateway's side of a session description.
struct SdpLocal
{
    std::string address;    ///< IPv4 address for o= and c=
    std::uint16_t port = 0; ///< RTP port
    std::uint64_t sessionId = 0;
    std::uint64_t version = 0;
};

/// The answer accepting `choice` (and telephone events if offered), with
/// the direction attribute `direction` (answerDirection).
std::string buildSdpAnswer(const SdpLocal& local, const SdpChoice& choice,
                           std::string_view direction = "sendrecv");
/// The direction an answer to `offer` gives (RFC 3264 section 6.1):
/// recvonly to sendonly, sendonly to recvonly, inactive to inactive, else
/// sendrecv.
std::string_view answerDirection(const SdpMedia& offer);
/// `build(local)`, with `local.version` raised first when the result
/// would differ from `last` other than in its o= line: a description sent
/// again keeps its version, a changed one gets the next (RFC 3264 section 8).
std::string revisedDescription(SdpLocal& local, const std::string& last,
                               const std::function<std::string(const SdpLocal&)>& build);
/// How many m= lines an SDP body has.
std::size_t sdpStreamCount(std::string_view body);
/// An offer of PCMU, PCMA and telephone-event/8000 (payload type 101);
/// with `crypto` (an a=crypto value), SRTP: RTP/SAVP with that key.
std::string buildSdpOffer(const SdpLocal& local, const std::string& crypto = {});

} // namespace warmline
