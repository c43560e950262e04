#pragma once

// SDP (RFC 4566) offer/answer (RFC 3264) for one audio stream of G.711 with
// RFC 4733 telephone events: what the gateway answers to a caller's offer,
// and offers to an operator's phone. Pure; thread-safe.

#include "telephony/media/G711.h"

#include <cstdint>
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

/// The answer accepting `choice` (and telephone events if offered).
std::string buildSdpAnswer(const SdpLocal& local, const SdpChoice& choice);
/// An offer of PCMU, PCMA and telephone-event/8000 (payload type 101).
std::string buildSdpOffer(const SdpLocal& local);

} // namespace warmline
