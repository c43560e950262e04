// OutboundLeg: the INVITE the gateway places to an operator's phone or a
// crisis line, its ring timeout, the ACK of each 2xx, and CANCEL or BYE.

#include "telephony/sip/OutboundLeg.h"

#include "core/text/Text.h"
#include "telephony/media/AddressScope.h"
#include "telephony/media/Sdp.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace asio = boost::asio;

namespace warmline::sip {

LegTarget LegTarget::parse(const std::string& sipUri)
{
    LegTarget t;
    t.uri = parseSipUri(sipUri);
    if (!t.uri || (t.uri->scheme != "sip" && t.uri->scheme != "sips")) {
        t.uri.reset();
        return t;
    }
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(t.uri->host, ec);
    if (!ec) {
        t.address = address;
    }
    return t;
}

OutboundLeg::OutboundLeg(SipEndpoint& endpoint, std::string party)
    : m_endpoint(endpoint), m_party(std::move(party)), m_ringTimer(endpoint.context()),
      m_alive(std::make_shared<bool>(true))
{
}

OutboundLeg::~OutboundLeg()
{
    *m_alive = false;
}

void OutboundLeg::dial(Dial d)
{
    m_handlers = std::move(d.handlers);
    m_media = std::move(d.media);
    m_siteMediaOnly = d.siteMediaOnly;
    m_givenUp = false;
    m_answered = false;
    m_answerHandled = false;
    m_holding = false;
    m_offerPending = false;
    m_remoteTag.clear();
    m_remoteCseq = 0;
    m_to.clear();
    m_contact.reset();
    m_routes.clear();
    if (d.flow) {
        m_flow = *d.flow;
    } else {
        m_flow = Flow{};
        m_flow.transport = Transport::Udp;
        m_flow.address = d.address;
        m_flow.port = d.uri.port != 0 ? d.uri.port : 5060;
    }
    const std::string sentBy = m_endpoint.sentBy(m_flow.transport);
    const char* transportParameter = m_flow.transport == Transport::Tls   ? ";transport=tls"
                                     : m_flow.transport == Transport::Tcp ? ";transport=tcp"
                                                                          : "";
    std::string display;
    for (const char ch : d.displayName) {
        if (ch != '"' && ch != '\\') {
            display.push_back(ch);
        }
    }
    OutgoingRequest r;
    r.method = "INVITE";
    r.requestUri = d.uri.text;
    m_localTag = randomSipToken(8);
    r.from = fmt::format("\"{}\" <sip:warmline@{}>;tag={}", display, sentBy, m_localTag);
    r.to = "<" + d.uri.text + ">";
    r.callId = randomSipToken(12) + "@warmline";
    r.cseq = 1;
    r.contact = fmt::format("<sip:warmline@{}{}>", sentBy, transportParameter);
    r.extraHeaders = std::move(d.extraHeaders);
    r.contentType = "application/sdp";
    m_local = SdpLocal{m_endpoint.publicAddress(), m_media->port(), d.sdpSessionId, 1};
    m_srtpSent.reset();
    m_srtpReceived.reset();
    m_srtpRetired.clear();
    if (d.srtp && m_flow.transport == Transport::Tls) {
        m_srtpSent = newSdesCrypto(1);
    }
    r.body = buildSdpOffer(m_local, ourCrypto());
    m_lastSdp = r.body;
    m_request = r;
    m_invite = m_endpoint.request(
        std::move(r), m_flow,
        [this, legId = m_request.callId, alive = m_alive](const SipMessage* resp) {
            // Answers to an earlier INVITE of this leg (dropped, or failed)
            // must not decide the fate of the current one; nor may its
            // transaction timing out.
            if (*alive && m_request.callId == legId) {
                onResponse(resp);
            }
        });
    m_ringTimer.expires_after(d.ringTimeout);
    m_ringTimer.async_wait([this, alive = m_alive](boost::system::error_code e) {
        if (e || !*alive || m_answered || m_givenUp) {
            return;
        }
        if (m_invite) {
            m_invite->cancel();
        }
        fail(m_party + " did not answer in time.");
    });
}

void OutboundLeg::onResponse(const SipMessage* r)
{
    if (r == nullptr) {
        fail(m_invite && m_invite->transportFailed()
                 ? m_party + "'s connection to the gateway closed before it answered."
                 : m_party + " did not respond.");
        return;
    }
    if (r->callId != m_request.callId || r->status < 200) {
        return;
    }
    if (r->status >= 300) {
        fail(fmt::format("{} answered {} {}.", m_party, r->status, r->reason));
        return;
    }
    // A 2xx (or a retransmission of it): ACK it, each time.
    acknowledge(*r);
    if (m_answered || m_answerHandled) {
        return;
    }
    m_answerHandled = true;
    std::string refusal;
    if (!m_givenUp && m_media && m_handlers.refuseAnswer) {
        refusal = m_handlers.refuseAnswer();
    }
    if (m_givenUp || !m_media || !refusal.empty()) {
        // Answered after we gave up (the 2xx raced the CANCEL), or no longer
        // wanted: hang up.
        sendBye();
        if (!m_givenUp) {
            fail(refusal.empty() ? m_party + " answered after its leg was dropped." : refusal);
        }
        return;
    }
    const auto answerSdp = parseSdp(r->body);
    const auto choice = answerSdp ? chooseCodec(*answerSdp) : std::nullopt;
    boost::system::error_code ec;
    const auto address =
        answerSdp ? asio::ip::make_address(answerSdp->address, ec) : asio::ip::address();
    if (!answerSdp || !choice || ec) {
        sendBye();
        fail(m_party + " answered without usable audio.");
        return;
    }
    std::optional<SdesCrypto> key;
    if (m_srtpSent) {
        // The profile offered (RTP/SAVP), and a key on the offered tag and suite.
        key = iequalsAscii(answerSdp->profile, "RTP/SAVP")
                  ? firstUsableSdesCrypto(answerSdp->cryptos, &*m_srtpSent)
                  : std::nullopt;
        if (!key) {
            sendBye();
            fail(m_party + " answered without SRTP, or with no key the gateway takes (calls "
                           "over TLS are encrypted end to end of the leg).");
            return;
        }
    } else if (m_siteMediaOnly && !onSiteNetwork(address)) {
        sendBye();
        fail(m_party + " answered with audio at an address off the site's network, where calls "
                       "would travel unencrypted (sip.allow_plain_remote_phones).");
        return;
    }
    if (key) {
        try {
            // Before the address: only authenticated packets move the
            // latch, so a phone behind NAT is heard where it really is.
            m_media->useSrtp(*key, *m_srtpSent);
        } catch (const std::exception& e) {
            spdlog::error("sip: SRTP could not be set up on a leg: {}", e.what());
            sendBye();
            fail(m_party + "'s call could not be encrypted.");
            return;
        }
        m_srtpReceived = key;
        m_media->start(); // opened stopped: nothing taken before its keys
    }
    m_answered = true;
    m_holding = !talksBothWays(*answerSdp);
    m_ringTimer.cancel();
    m_media->setRemote(asio::ip::udp::endpoint(address, answerSdp->port), choice->payloadType,
                       choice->law, choice->telephoneEventPt);
    if (const auto answered = m_handlers.answered) {
        answered();
    }
}

void OutboundLeg::acknowledge(const SipMessage& r)
{
    OutgoingRequest ack;
    if (m_remoteTag.empty() || r.toTag == m_remoteTag) {
        // The dialog's answer (or its retransmission).
        m_remoteTag = r.toTag;
        m_to = r.to;
        if (r.contact) {
            m_contact = r.contact;
        }
        m_routes.assign(r.recordRoutes.rbegin(), r.recordRoutes.rend());
        ack.requestUri = m_contact ? m_contact->text : m_request.requestUri;
        ack.to = m_to;
        ack.routes = m_routes;
    } else {
        // Another fork's 2xx: ACKed in its own dialog, which is not kept.
        ack.requestUri = r.contact ? r.contact->text : m_request.requestUri;
        ack.to = r.to;
        ack.routes.assign(r.recordRoutes.rbegin(), r.recordRoutes.rend());
    }
    ack.method = "ACK";
    ack.from = m_request.from;
    ack.callId = m_request.callId;
    ack.cseq = m_request.cseq;
    ack.branch = newBranch();
    m_endpoint.send(m_flow, m_endpoint.requestText(ack, m_flow.transport));
}

void OutboundLeg::sendBye()
{
    if (m_to.empty()) {
        return;
    }
    OutgoingRequest bye;
    bye.method = "BYE";
    bye.requestUri = m_contact ? m_contact->text : m_request.requestUri;
    bye.from = m_request.from;
    bye.to = m_to;
    bye.callId = m_request.callId;
    bye.cseq = m_request.cseq + 1;
    bye.routes = m_routes;
    m_endpoint.request(std::move(bye), m_flow, [](const SipMessage*) {});
}

void OutboundLeg::fail(const std::string& why)
{
    if (m_givenUp) {
        return;
    }
    m_givenUp = true;
    m_ringTimer.cancel();
    m_answered = false;
    m_invite.reset();
    // A copy: the owner may dial this leg again from its handler.
    if (const auto failed = m_handlers.failed) {
        failed(why);
    }
}

void OutboundLeg::hangUp()
{
    if (m_answered && !m_to.empty()) {
        sendBye();
    } else if (m_invite && !m_givenUp) {
        m_givenUp = true;
        m_invite->cancel();
    }
}

void OutboundLeg::drop()
{
    hangUp();
    m_ringTimer.cancel();
    m_givenUp = true;
    m_answered = false;
    m_invite.reset();
}

bool OutboundLeg::follow(const SdpMedia& media)
{
    const auto choice = chooseCodec(media);
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(media.address, ec);
    const bool hold = media.address == "0.0.0.0";
    if (!choice || ec || media.port == 0 || isSecureProfile(media) != m_srtpSent.has_value() ||
        (!m_srtpSent && m_siteMediaOnly && !hold && !onSiteNetwork(address))) {
        return false;
    }
    if (m_srtpSent && !iequalsAscii(media.profile, "RTP/SAVP")) {
        return false; // the profile stays as answered
    }
    if (m_srtpSent && m_srtpReceived) {
        // The same tag and suite as answered; a new key of the phone's is
        // taken (a bounded number of times), the gateway's stays.
        const auto key = firstUsableSdesCrypto(media.cryptos, &*m_srtpReceived);
        if (!key) {
            return false;
        }
        if (key->keySalt != m_srtpReceived->keySalt) {
            if (m_srtpRetired.size() >= kMaxSrtpRekeys ||
                std::find(m_srtpRetired.begin(), m_srtpRetired.end(), key->keySalt) !=
                    m_srtpRetired.end()) {
                return false;
            }
            try {
                m_media->rekeySrtpReceived(*key);
            } catch (const std::exception& e) {
                spdlog::error("sip: SRTP could not be rekeyed on a leg: {}", e.what());
                return false;
            }
            m_srtpRetired.push_back(m_srtpReceived->keySalt);
            m_srtpReceived = key;
        }
    }
    const bool talks = talksBothWays(media);
    if (talks && m_holding) {
        m_media->heardNow(); // back from hold: heard from now
    }
    m_holding = !talks;
    m_media->setRemote(asio::ip::udp::endpoint(address, media.port), choice->payloadType,
                       choice->law, choice->telephoneEventPt);
    return true;
}

std::string OutboundLeg::ourCrypto(std::optional<int> tag) const
{
    if (!m_srtpSent) {
        return {};
    }
    SdesCrypto c = *m_srtpSent;
    if (tag) {
        c.tag = *tag;
    }
    return formatSdesCrypto(c);
}

std::string OutboundLeg::versioned(const std::function<std::string(const SdpLocal&)>& build)
{
    m_lastSdp = revisedDescription(m_local, m_lastSdp, build);
    return m_lastSdp;
}

void OutboundLeg::reinvited(const std::shared_ptr<ServerTransaction>& tx)
{
    const auto& req = tx->request();
    const std::vector<std::string> headers = {"Contact: " + m_request.contact,
                                              "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS"};
    if (!m_answered || !m_media || req.toTag != m_localTag || req.fromTag != m_remoteTag) {
        tx->respond(481, {}, headers);
        return;
    }
    if (m_remoteCseq != 0 && req.cseq <= m_remoteCseq) {
        tx->respond(500, {}, headers); // out of order (RFC 3261 section 12.2.2)
        return;
    }
    m_remoteCseq = req.cseq;
    if (m_srtpSent && (tx->flow().transport != Transport::Tls || !req.everyViaTls)) {
        // The answer would carry the gateway's key in the clear.
        tx->respond(488, {}, headers);
        return;
    }
    if (m_offerPending) {
        tx->respond(491, {}, headers);
        return;
    }
    if (req.body.empty()) {
        // Our offer, unchanged but for the direction we ask (always both
        // ways); the answer comes in the ACK.
        m_offerPending = true;
        m_offerCseq = req.cseq;
        tx->respond(200, {}, headers, "application/sdp",
                    versioned([&](const SdpLocal& l) { return buildSdpOffer(l, ourCrypto()); }));
    } else {
        const auto offer = parseSdp(req.body);
        if (!offer || sdpStreamCount(req.body) != 1 || !follow(*offer)) {
            // The session stays as it was (RFC 3261 section 14.2).
            tx->respond(488, {}, headers);
            return;
        }
        auto choice = *chooseCodec(*offer);
        if (m_srtpSent) {
            choice.profile = offer->profile;
            choice.crypto = ourCrypto(m_srtpReceived->tag);
        }
        const auto direction = answerDirection(*offer);
        tx->respond(200, {}, headers, "application/sdp", versioned([&](const SdpLocal& l) {
                        return buildSdpAnswer(l, choice, direction);
                    }));
    }
    // The phone may have moved (RFC 3261 section 12.2.2): later requests
    // go to its new Contact, from where it now sends (no route set).
    if (req.contact) {
        m_contact = req.contact;
    }
    if (m_routes.empty()) {
        m_flow = tx->flow();
    }
}

void OutboundLeg::acknowledged(const SipMessage& ack)
{
    if (!m_offerPending || ack.cseq != m_offerCseq || ack.fromTag != m_remoteTag) {
        return;
    }
    m_offerPending = false;
    if (const auto answer = parseSdp(ack.body); answer && sdpStreamCount(ack.body) == 1) {
        // An answer that cannot be taken leaves the audio where it was.
        follow(*answer);
    }
}

void OutboundLeg::ackTimedOut(std::uint32_t cseq)
{
    if (cseq == m_offerCseq) {
        m_offerPending = false;
    }
}

void OutboundLeg::farEndHungUp()
{
    m_answered = false;
    m_invite.reset();
}

} // namespace warmline::sip
