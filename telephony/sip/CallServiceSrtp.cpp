// CallService: a re-INVITE on a caller's leg, and what SRTP on that leg
// (decision 153) requires of it and of the first INVITE.

#include "core/text/Text.h"
#include "telephony/media/Sdp.h"
#include "telephony/sip/CallState.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace asio = boost::asio;

namespace warmline::sip {

namespace {

/// New keys a caller may bring in re-INVITEs during one call.
constexpr std::size_t kMaxSrtpRekeys = 64;

} // namespace

/// Whether SDES keys may travel in this request's SDP and its answer
/// (decision 153): it came over TLS, and so did every hop before (each Via
/// says TLS), so no proxy on the way had it in the clear.
bool srtpKeysSafe(const std::shared_ptr<ServerTransaction>& tx)
{
    return tx->flow().transport == Transport::Tls && tx->request().everyViaTls;
}

/// The Warning of a 488 to SRTP offered where keys are not safe.
std::string srtpOverTlsOnly(const std::string& agent)
{
    return fmt::format("Warning: 302 {} \"Incompatible transport protocol: SRTP keys are only "
                       "taken over TLS (on every hop), offer RTP/AVP or call over TLS\"",
                       agent);
}

void CallService::callerReinvite(Call& c, const std::shared_ptr<ServerTransaction>& tx)
{
    const auto& req = tx->request();
    // A re-INVITE (e.g. a session refresh) gets the same media back;
    // a new address in its offer is followed. SRTP stays as answered:
    // no change to or from plain RTP, and the same tag and suite (the
    // caller may send a new key of its own).
    if (c.callerSrtpSent && !srtpKeysSafe(tx)) {
        // The answer carries the gateway's key: never off TLS.
        tx->respond(488, {},
                    {kAllowHeader, srtpOverTlsOnly(m_endpoint.sentBy(tx->flow().transport))});
        return;
    }
    if (const auto offer = parseSdp(req.body)) {
        if (isSecureProfile(*offer) != c.callerSrtpSent.has_value() ||
            (c.callerSrtpSent && !iequalsAscii(offer->profile, c.callerProfile))) {
            tx->respond(488, {}, {kAllowHeader});
            return;
        }
        if (c.callerSrtpSent) {
            const auto key = firstUsableSdesCrypto(offer->cryptos, &*c.callerSrtpSent);
            if (!key) {
                tx->respond(488, {}, {kAllowHeader});
                return;
            }
            const bool retired = std::find(c.callerSrtpRetired.begin(), c.callerSrtpRetired.end(),
                                           key->keySalt) != c.callerSrtpRetired.end();
            if (retired || (key->keySalt != c.callerSrtpReceived->keySalt &&
                            c.callerSrtpRetired.size() >= kMaxSrtpRekeys)) {
                // Its replay record is gone: packets recorded under it
                // could be played into the call again.
                tx->respond(488, {}, {kAllowHeader});
                return;
            }
            if (key->keySalt != c.callerSrtpReceived->keySalt) {
                try {
                    c.callerMedia->rekeySrtpReceived(*key);
                    c.callerSrtpRetired.push_back(c.callerSrtpReceived->keySalt);
                    c.callerSrtpReceived = key;
                } catch (const std::exception& e) {
                    spdlog::error("sip: SRTP could not be rekeyed for call {}: {}", c.ref,
                                  e.what());
                    tx->respond(500, {}, {kAllowHeader});
                    return;
                }
            }
        }
        boost::system::error_code ec;
        const auto address = asio::ip::make_address(offer->address, ec);
        const auto choice = chooseCodec(*offer);
        if (!ec && choice && offer->port != 0) {
            // A caller holding the call may go quiet; one taking it back
            // is heard from now (it was silent, on hold, until now).
            const bool watched = talksBothWays(*offer);
            if (watched && !c.callerWatched) {
                c.callerMedia->heardNow();
            }
            c.callerWatched = watched;
            c.callerMedia->setRemote(asio::ip::udp::endpoint(address, offer->port),
                                     choice->payloadType, choice->law, choice->telephoneEventPt);
            // The answer takes the new codec, keeps the profile and key,
            // and mirrors the offer's direction (RFC 3264 section 6.1).
            SdpChoice reply = *choice;
            reply.profile = c.answerChoice.profile;
            reply.crypto = c.answerChoice.crypto;
            const auto direction = answerDirection(*offer);
            c.answerSdp = revisedDescription(c.answerLocal, c.answerSdp, [&](const SdpLocal& l) {
                return buildSdpAnswer(l, reply, direction);
            });
        }
    }
    tx->respond(200, c.localTag, {callerContact(m_endpoint, c.callerFlow.transport), kAllowHeader},
                "application/sdp", c.answerSdp);
}

} // namespace warmline::sip
