// CallService, the caller's side: a trunk's INVITE is checked (source,
// digest, number, SDP), rung, answered and played the greeting and hold
// audio; in-dialog requests are routed to the call's legs; a call ends for
// all its legs at once. The legs the gateway places are in
// CallServiceLegs.cpp.

#include "telephony/sip/CallService.h"

#include "core/domain/Domain.h"
#include "core/text/Text.h"
#include "telephony/media/Sdp.h"
#include "telephony/sip/CallState.h"
#include "telephony/sip/SipDigest.h"

#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

namespace asio = boost::asio;

namespace warmline::sip {

namespace {

std::string digitsOf(std::string_view number)
{
    std::string out;
    for (const char c : number) {
        if ((c >= '0' && c <= '9') || c == '*' || c == '#') {
            out.push_back(c);
        }
    }
    return out;
}

/// The user part of the URI inside a header value such as "<sip:+1555@h>".
std::string userOfHeaderValue(std::string_view value)
{
    const auto open = value.find('<');
    const auto close = value.find('>', open == std::string_view::npos ? 0 : open);
    const auto inner =
        open == std::string_view::npos
            ? value
            : value.substr(open + 1, close == std::string_view::npos ? std::string_view::npos
                                                                     : close - open - 1);
    const auto uri = parseSipUri(inner);
    if (!uri) {
        return {};
    }
    if (uri->scheme == "tel") {
        const auto colon = uri->text.find(':');
        return uri->text.substr(colon + 1, uri->text.find(';') - colon - 1);
    }
    return uri->user;
}

} // namespace

std::string callerContact(const SipEndpoint& endpoint, Transport transport)
{
    const char* name = transport == Transport::Udp   ? "udp"
                       : transport == Transport::Tcp ? "tcp"
                                                     : "tls";
    return fmt::format("Contact: <sip:warmline@{};transport={}>", endpoint.sentBy(transport), name);
}

CallService::CallService(asio::io_context& ioc, EndpointSettings endpoint, CallSettings settings,
                         CallListener& listener)
    : m_ioc(ioc), m_settings(std::move(settings)), m_listener(listener),
      m_endpoint(ioc, std::move(endpoint), *this),
      m_ports(m_settings.rtpPortMin, m_settings.rtpPortMax),
      m_greeting(m_settings.greeting.empty() ? nullptr : Prompt::fromSamples(m_settings.greeting)),
      m_hold(Prompt::fromSamples(m_settings.hold.empty() ? std::vector<std::int16_t>(8000, 0)
                                                         : m_settings.hold)),
      m_ringback(Prompt::fromSamples(ringbackSamples())), m_nonceSecret(randomSipToken(32)),
      m_alive(std::make_shared<bool>(true)), m_mediaWatch(ioc)
{
    for (const auto& [language, prompts] : m_settings.positionPrompts) {
        auto& out = m_positions[language];
        for (const auto& samples : prompts) {
            out.push_back(Prompt::fromSamples(samples));
        }
    }
    for (const auto& [language, question] : m_settings.surveyQuestions) {
        if (!question.empty()) {
            m_surveys[language] = Prompt::fromSamples(question);
        }
    }
    for (const auto& [from, to] :
         {std::pair{&m_settings.callbackOffers, &m_callbackOffers},
          std::pair{&m_settings.callbackConfirmations, &m_callbackConfirmations},
          std::pair{&m_settings.callbackNumberQuestions, &m_callbackNumberQuestions},
          std::pair{&m_settings.callbackKeyPrompts, &m_callbackKeyPrompts},
          std::pair{&m_settings.callbackBadNumbers, &m_callbackBadNumbers},
          std::pair{&m_settings.callbackAnnouncements, &m_callbackAnnouncements},
          std::pair{&m_settings.checkInAnnouncements, &m_checkInAnnouncements},
          std::pair{&m_settings.operatorAcceptPrompts, &m_operatorAccepts}}) {
        for (const auto& [language, samples] : *from) {
            if (!samples.empty()) {
                (*to)[language] = Prompt::fromSamples(samples);
            }
        }
    }
    for (const auto& [language, offer] : m_settings.overflowOffers) {
        auto& out = m_offers[language];
        const auto places = m_settings.positionPrompts.find(language);
        if (places == m_settings.positionPrompts.end() || places->second.empty()) {
            out.push_back(Prompt::fromSamples(offer));
            continue;
        }
        for (auto samples : places->second) {
            samples.insert(samples.end(), offer.begin(), offer.end());
            out.push_back(Prompt::fromSamples(samples));
        }
    }
}

std::size_t positionPromptIndex(std::size_t position)
{
    return position == 0 ? 0 : std::min<std::size_t>(position, 10) - 1;
}

std::size_t waitPromptIndex(int minutes)
{
    if (minutes > 60) {
        return 12;
    }
    return static_cast<std::size_t>(std::max(1, (minutes + 4) / 5) - 1);
}

bool CallService::saysWaits(const std::string& language) const
{
    const std::string lang = language == "es" ? "es" : "en";
    const auto places = m_settings.positionPlaces.find(lang);
    const auto waits = m_settings.waitPrompts.find(lang);
    return places != m_settings.positionPlaces.end() && places->second.size() >= 10 &&
           waits != m_settings.waitPrompts.end() && waits->second.size() >= 13;
}

bool CallService::announcePosition(CallRef ref, std::size_t position, const std::string& language,
                                   bool offerOverflow, std::optional<int> waitMinutes)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return false;
    }
    Call& c = *it->second;
    // Not over the greeting (the language menu is read during it), and only
    // to a caller on hold: never once an operator's phone is being called.
    if (!c.answered || !c.queued || c.partner || c.callbackKeypad != CallbackKeypad::None ||
        std::chrono::steady_clock::now() < c.greetingEnds) {
        return false;
    }
    const std::string lang = language == "es" ? "es" : "en";
    if (waitMinutes && !offerOverflow && saysWaits(lang)) {
        // The place, then the wait and the crisis sentence, joined for this
        // announcement (a few seconds of audio, once a minute at most).
        auto samples = m_settings.positionPlaces.at(lang)[positionPromptIndex(position)];
        const auto& wait = m_settings.waitPrompts.at(lang)[waitPromptIndex(*waitMinutes)];
        samples.insert(samples.end(), wait.begin(), wait.end());
        c.callerMedia->play(Prompt::fromSamples(samples), m_hold);
        return true;
    }
    auto& table = offerOverflow ? m_offers : m_positions;
    auto prompts = table.find(lang);
    if (prompts == table.end() || prompts->second.empty()) {
        return false;
    }
    const auto& list = prompts->second;
    c.callerMedia->play(list[std::min(positionPromptIndex(position), list.size() - 1)], m_hold);
    return true;
}

CallService::~CallService()
{
    *m_alive = false;
    stop();
    // The hang-ups' closes run first; then no thread but this one touches
    // the members.
    m_mediaThread.stop();
}

void CallService::start()
{
    m_endpoint.start();
    watchMedia();
}

void CallService::stop()
{
    m_stopped = true;
    m_mediaWatch.cancel();
    std::vector<CallRef> refs;
    for (const auto& [ref, c] : m_calls) {
        refs.push_back(ref);
    }
    for (const auto ref : refs) {
        hangUp(ref);
    }
    m_endpoint.stop();
}

std::shared_ptr<RtpSession> CallService::openMedia(bool start)
{
    // A port another program holds (another gateway on the same range, a
    // softphone) is skipped, not refused on: every free port of the range is
    // tried before a call is turned away. Skipped ports go back to the pool,
    // since the other program may let them go.
    std::vector<std::uint16_t> skipped;
    std::shared_ptr<RtpSession> session;
    while (!session) {
        const auto port = m_ports.take();
        if (!port) {
            break;
        }
        try {
            auto s = std::make_shared<RtpSession>(m_mediaThread.context(), m_ioc,
                                                  m_endpoint.settings().address, *port, m_media);
            if (start) {
                s->start();
            }
            session = std::move(s);
        } catch (const boost::system::system_error&) {
            skipped.push_back(*port);
        }
    }
    for (const auto p : skipped) {
        m_ports.give(p);
    }
    if (!skipped.empty()) {
        spdlog::info("sip: {} RTP port(s) of the range were in use by another program",
                     skipped.size());
    }
    return session;
}

void CallService::releaseMedia(std::shared_ptr<RtpSession>& s)
{
    if (s) {
        // The port goes back to the pool once the media thread closed it.
        s->close([this, port = s->port(), alive = m_alive] {
            if (*alive) {
                m_ports.give(port);
            }
        });
        s.reset();
    }
}

bool CallService::authorised(const std::shared_ptr<ServerTransaction>& tx)
{
    if (m_settings.authUsername.empty()) {
        return true;
    }
    const auto& req = tx->request();
    const auto now = nowMs();
    bool stale = false;
    if (const auto creds = parseDigestAuthorization(req.authorization)) {
        const auto verdict =
            checkDigest(*creds, req.method, m_settings.authUsername, m_settings.authPassword,
                        m_settings.authRealm, m_nonceSecret, now, 5 * 60 * 1000);
        if (verdict == DigestVerdict::Ok) {
            return true;
        }
        stale = verdict == DigestVerdict::Stale;
    }
    tx->respond(
        401, randomSipToken(6),
        {"WWW-Authenticate: " +
         digestChallenge(m_settings.authRealm, makeDigestNonce(m_nonceSecret, now), stale)});
    return false;
}

void CallService::onRequest(const std::shared_ptr<ServerTransaction>& tx)
{
    const auto& req = tx->request();
    // REGISTER comes from operators' softphones, wherever they are: it is
    // authenticated by the account's digest, not by the trunk's addresses
    // (onRegister). So are a registered phone's requests in a dialog on
    // its connection, and its OPTIONS (a keep-alive some phones send).
    if (req.method != "REGISTER" && !m_settings.allowedSources.allows(tx->flow().address) &&
        !(!req.toTag.empty() && onPlacedLegConnection(tx->flow())) &&
        !(req.method == "OPTIONS" && fromRegisteredPhone(tx->flow()))) {
        m_counters.rejected++;
        tx->respond(403, randomSipToken(6));
        return;
    }
    const auto& scheme = req.requestUri.scheme;
    if (scheme != "sip" && scheme != "sips" && scheme != "tel") {
        tx->respond(416, randomSipToken(6));
        return;
    }
    if (!req.require.empty()) {
        std::string unsupported;
        for (const auto& r : req.require) {
            unsupported += (unsupported.empty() ? "" : ", ") + r;
        }
        tx->respond(420, randomSipToken(6), {"Unsupported: " + unsupported});
        return;
    }
    if (req.method == "REGISTER") {
        onRegister(tx);
    } else if (req.method == "INVITE") {
        if (!req.toTag.empty()) {
            inDialog(tx);
        } else {
            newInvite(tx);
        }
    } else if (req.method == "BYE") {
        inDialog(tx);
    } else if (req.method == "OPTIONS") {
        tx->respond(200, randomSipToken(6), {kAllowHeader, "Accept: application/sdp"});
    } else if (req.method == "SUBSCRIBE" || req.method == "NOTIFY" || req.method == "INFO" ||
               req.method == "UPDATE" || req.method == "PRACK" || req.method == "MESSAGE" ||
               req.method == "REFER" || req.method == "PUBLISH") {
        tx->respond(405, randomSipToken(6), {kAllowHeader});
    } else {
        tx->respond(501, randomSipToken(6), {kAllowHeader});
    }
}

void CallService::newInvite(const std::shared_ptr<ServerTransaction>& tx)
{
    const auto& req = tx->request();
    m_counters.offered++;
    auto refuse = [&](int code, std::vector<std::string> extra = {}) {
        m_counters.rejected++;
        tx->respond(code, randomSipToken(6), extra);
    };
    if (!authorised(tx)) {
        m_counters.rejected++;
        return;
    }
    if (!req.accept.empty() &&
        std::none_of(req.accept.begin(), req.accept.end(), [](const std::string& a) {
            return a == "application/sdp" || a == "application/*" || a == "*/*";
        })) {
        refuse(406, {"Accept: application/sdp"});
        return;
    }
    if (!req.body.empty() && req.contentType != "application/sdp") {
        refuse(415, {"Accept: application/sdp"});
        return;
    }
    if (!m_settings.lineNumbers.empty()) {
        const std::string dialled =
            digitsOf(req.requestUri.user.empty() ? req.toUri.user : req.requestUri.user);
        const bool ours = std::any_of(m_settings.lineNumbers.begin(), m_settings.lineNumbers.end(),
                                      [&](const std::string& n) { return digitsOf(n) == dialled; });
        if (!ours) {
            refuse(404);
            return;
        }
    }
    const auto offer = parseSdp(req.body);
    const auto choice = offer ? chooseCodec(*offer) : std::nullopt;
    if (!offer || !choice || offer->port == 0) {
        // An INVITE without an offer is not supported (decisions.md).
        refuse(488, {"Accept: application/sdp"});
        return;
    }
    // SRTP (decision 153): an SRTP offer cannot be answered with plain RTP
    // (RFC 3264 keeps the offer's profile), and SDES keys are taken only
    // over TLS (RFC 4568 section 8.3); saying why lets the peer adapt.
    std::optional<SdesCrypto> offeredKey;
    if (isSecureProfile(*offer)) {
        const std::string warnAgent = m_endpoint.sentBy(tx->flow().transport);
        if (!srtpKeysSafe(tx)) {
            refuse(488, {srtpOverTlsOnly(warnAgent)});
            return;
        }
        offeredKey = firstUsableSdesCrypto(offer->cryptos);
        if (!offeredKey) {
            refuse(488, {fmt::format("Warning: 306 {} \"Attribute not understood: no a=crypto "
                                     "with AES_CM_128_HMAC_SHA1_80 or _32, one inline key, and "
                                     "no session parameters\"",
                                     warnAgent)});
            return;
        }
    }
    if (m_calls.size() >= m_settings.maxCalls) {
        refuse(503, {"Retry-After: 30"});
        return;
    }
    boost::system::error_code ec;
    const auto remoteAddress = asio::ip::make_address(offer->address, ec);
    if (ec) {
        refuse(488);
        return;
    }
    auto call = std::make_unique<Call>(m_ioc, m_endpoint);
    // Not receiving until SRTP (if any) is on: no packet is ever taken in
    // the clear on an SRTP leg.
    call->callerMedia = openMedia(false);
    if (!call->callerMedia) {
        spdlog::warn("sip: no free RTP port in the configured range; refusing a call");
        refuse(503, {"Retry-After: 30"});
        return;
    }
    call->callerMedia->countRelayedIn(&m_media.relayedToCaller);
    call->ref = ++m_nextRef;
    call->invite = tx;
    call->request = req;
    call->callerFlow = tx->flow();
    call->localTag = randomSipToken(8);
    call->callerMedia->setRemote(asio::ip::udp::endpoint(remoteAddress, offer->port),
                                 choice->payloadType, choice->law, choice->telephoneEventPt);
    call->callerWatched = talksBothWays(*offer);
    SdpChoice reply = *choice;
    if (offeredKey) {
        try {
            const auto gatewayKey = newSdesCrypto(offeredKey->tag, offeredKey->suite);
            call->callerMedia->useSrtp(*offeredKey, gatewayKey);
            reply.profile = offer->profile;
            reply.crypto = formatSdesCrypto(gatewayKey);
            call->callerSrtpSent = gatewayKey;
            call->callerSrtpReceived = offeredKey;
            call->callerProfile = offer->profile;
        } catch (const std::exception& e) {
            spdlog::error("sip: SRTP could not be set up for a call: {}", e.what());
            releaseMedia(call->callerMedia);
            refuse(500);
            return;
        }
        spdlog::info("sip: call {} has SRTP media ({})", call->ref,
                     srtpSuiteName(offeredKey->suite));
    }
    call->callerMedia->start();
    SdpLocal local{m_endpoint.publicAddress(), call->callerMedia->port(),
                   nowMs() / 1000 + call->ref, 1};
    call->answerSdp = buildSdpAnswer(local, reply);
    call->answerLocal = local;
    call->answerChoice = reply;
    const CallRef ref = call->ref;
    call->callerMedia->onKey = [this, ref, alive = m_alive](char key) {
        if (*alive) {
            callerKey(ref, key);
        }
    };
    m_callerDialogs[req.callId + "|" + req.fromTag] = ref;
    Call& c = *call;
    m_calls.emplace(ref, std::move(call));
    m_counters.active = m_calls.size();

    tx->respond(180, c.localTag);
    IncomingCall info;
    info.lineNumber = req.requestUri.user.empty() ? req.toUri.user : req.requestUri.user;
    std::string number =
        req.assertedIdentity.empty() ? std::string() : userOfHeaderValue(req.assertedIdentity);
    if (number.empty()) {
        number = req.fromUri.user;
    }
    if (number.empty() || number == "anonymous" || req.fromUri.host == "anonymous.invalid") {
        // Withheld numbers are each a caller of their own.
        number = "anonymous:" + req.callId;
    }
    info.callerNumber = std::move(number);
    c.answerTimer.expires_after(m_settings.answerDelay);
    c.answerTimer.async_wait([this, ref, alive = m_alive](boost::system::error_code e) {
        if (!e && *alive) {
            answer(ref);
        }
    });
    m_listener.callArrived(ref, info);
}

void CallService::callerKey(CallRef ref, char key)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    if (it->second->awaitingAnswerKey) {
        if (it->second->answerKey == 0 && (key == '1' || (key == '9' && it->second->checkIn))) {
            // Still awaiting until put through: a BYE meanwhile is a caller
            // not reached, and the wait's end no longer counts.
            it->second->answerKey = key;
            // Not from inside the media's own receive handler.
            asio::post(m_ioc, [this, ref, key, alive = m_alive] {
                if (*alive) {
                    callbackPutThrough(ref, key);
                }
            });
        }
        return;
    }
    if (it->second->surveying) {
        if (key >= '1' && key <= '3') {
            it->second->surveying = false;
            m_listener.callSurveyAnswered(ref, key - '0');
            // Not from inside the media's own receive handler.
            asio::post(m_ioc, [this, ref, alive = m_alive] {
                if (*alive) {
                    hangUp(ref);
                }
            });
        }
        return;
    }
    if (it->second->checkIn && it->second->callerMedia && key == '9') {
        m_listener.checkInStopPressed(ref);
        return;
    }
    if (!it->second->queued) {
        return;
    }
    if (it->second->callbackKeypad != CallbackKeypad::None) {
        callbackNumberKey(*it->second, key);
        return;
    }
    if (auto lang = m_settings.languages.find(key); lang != m_settings.languages.end()) {
        m_listener.callLanguageChosen(ref, lang->second);
    } else if (!it->second->partner) {
        m_listener.callerPressed(ref, key);
    }
}

void CallService::answer(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || it->second->answered || it->second->callback) {
        return;
    }
    Call& c = *it->second;
    c.answerTimer.cancel();
    if (c.invite->finalSent()) {
        return;
    }
    c.answered = true;
    m_counters.answered++;
    const std::string contact = callerContact(m_endpoint, c.callerFlow.transport);
    std::vector<std::string> extra = {contact, kAllowHeader};
    for (const auto& rr : c.request.recordRoutes) {
        extra.push_back("Record-Route: " + rr);
    }
    c.invite->respond(200, c.localTag, extra, "application/sdp", c.answerSdp);
    c.callerMedia->heardNow(); // its silence counts from the answer
    if (c.queued) {
        c.callerMedia->play(m_greeting, m_hold);
        const auto samples = m_greeting ? m_greeting->muLaw.size() : 0;
        c.greetingEnds = std::chrono::steady_clock::now() + std::chrono::milliseconds(samples / 8);
    }
}

OutboundLeg* CallService::legOf(const SipMessage& m)
{
    for (auto* dialogs : {&m_operatorDialogs, &m_crisisDialogs, &m_interpreterDialogs,
                          &m_leadDialogs, &m_callbackDialogs}) {
        if (Call* c = byLegDialog(*dialogs, m)) {
            return dialogs == &m_operatorDialogs      ? &c->op
                   : dialogs == &m_crisisDialogs      ? &c->crisis
                   : dialogs == &m_interpreterDialogs ? &c->interpreter
                   : dialogs == &m_leadDialogs        ? &c->lead
                                                      : &c->back;
        }
    }
    return nullptr;
}

void CallService::onAck(const SipMessage& ack, const Flow&)
{
    // A 2xx's ACK stops its retransmission (done by the endpoint); on a leg
    // the gateway placed, it may carry the answer to the gateway's offer.
    if (OutboundLeg* leg = legOf(ack)) {
        leg->acknowledged(ack);
    }
}

void CallService::onCancel(const std::shared_ptr<ServerTransaction>& invite)
{
    const auto& req = invite->request();
    auto d = m_callerDialogs.find(req.callId + "|" + req.fromTag);
    if (d == m_callerDialogs.end()) {
        return;
    }
    const CallRef ref = d->second;
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    invite->respond(487, it->second->localTag);
    callerGone(*it->second);
}

void CallService::callerGone(Call& c)
{
    const CallRef ref = c.ref;
    c.op.hangUp();
    c.crisis.hangUp();
    c.interpreter.hangUp();
    c.lead.hangUp();
    endCall(ref);
    m_listener.callerHungUp(ref);
}

void CallService::onAckTimeout(const std::shared_ptr<ServerTransaction>& invite)
{
    const auto& req = invite->request();
    if (OutboundLeg* leg = legOf(req)) {
        // A phone's re-INVITE whose 200 was never ACKed: the gateway's
        // offer in it is no longer outstanding.
        leg->ackTimedOut(req.cseq);
        return;
    }
    auto d = m_callerDialogs.find(req.callId + "|" + req.fromTag);
    if (d == m_callerDialogs.end()) {
        return;
    }
    const CallRef ref = d->second;
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    spdlog::info("sip: call {} got no ACK for its 200 within 64*T1; ending it", ref);
    sendByeToCaller(*it->second);
    callerGone(*it->second);
}

CallService::Call* CallService::byCallerDialog(const SipMessage& m)
{
    // Requests from the caller carry its tag in From.
    auto d = m_callerDialogs.find(m.callId + "|" + m.fromTag);
    if (d == m_callerDialogs.end()) {
        return nullptr;
    }
    auto it = m_calls.find(d->second);
    if (it == m_calls.end() || it->second->localTag != m.toTag) {
        return nullptr;
    }
    return it->second.get();
}

CallService::Call* CallService::byLegDialog(const std::map<std::string, CallRef>& dialogs,
                                            const SipMessage& m)
{
    // The legs the gateway placed are found by their Call-ID alone.
    auto d = dialogs.find(m.callId);
    if (d == dialogs.end()) {
        return nullptr;
    }
    auto it = m_calls.find(d->second);
    return it == m_calls.end() ? nullptr : it->second.get();
}

CallService::Call* CallService::byOperatorDialog(const SipMessage& m)
{
    return byLegDialog(m_operatorDialogs, m);
}

CallService::Call* CallService::byInterpreterDialog(const SipMessage& m)
{
    return byLegDialog(m_interpreterDialogs, m);
}

CallService::Call* CallService::byLeadDialog(const SipMessage& m)
{
    return byLegDialog(m_leadDialogs, m);
}

CallService::Call* CallService::byCallbackDialog(const SipMessage& m)
{
    return byLegDialog(m_callbackDialogs, m);
}

CallService::Call* CallService::byCrisisDialog(const SipMessage& m)
{
    return byLegDialog(m_crisisDialogs, m);
}

void CallService::otherInDialog(OutboundLeg& leg, const std::shared_ptr<ServerTransaction>& tx)
{
    if (tx->request().method == "INVITE") {
        leg.reinvited(tx);
        return;
    }
    tx->respond(488, {}, {kAllowHeader});
}

void CallService::inDialog(const std::shared_ptr<ServerTransaction>& tx)
{
    const auto& req = tx->request();
    if (Call* c = byCallerDialog(req)) {
        if (req.method == "BYE") {
            tx->respond(200);
            callerGone(*c);
            return;
        }
        callerReinvite(*c, tx);
        return;
    }
    if (Call* c = byCallbackDialog(req)) {
        // A callback's caller, on the leg the gateway placed.
        if (req.method == "BYE") {
            tx->respond(200);
            c->back.farEndHungUp();
            if (c->awaitingAnswerKey) {
                callbackNotConfirmed(*c, "The caller's phone answered, then hung up before 1 "
                                         "was pressed.");
                return;
            }
            callerGone(*c);
            return;
        }
        otherInDialog(c->back, tx);
        return;
    }
    if (Call* c = byOperatorDialog(req)) {
        const CallRef ref = c->ref;
        if (req.method == "BYE") {
            tx->respond(200);
            c->op.farEndHungUp();
            if (c->awaitingOperatorKey) {
                // The operator's own phone hung up before pressing 1 (or
                // its voicemail ended): not answered; the caller waits on.
                c->awaitingOperatorKey = false;
                c->operatorKeyTimer.cancel();
                operatorLegFailed(*c, "The operator's phone hung up without pressing 1.");
                return;
            }
            if (c->crisis.answered()) {
                // Hanging up on a three-way call is leaving it.
                leaveConference(*c);
                m_listener.operatorLeft(ref);
                return;
            }
            sendByeToCaller(*c);
            c->crisis.hangUp();
            c->interpreter.hangUp();
            c->lead.hangUp();
            endCall(ref);
            m_listener.operatorHungUp(ref);
            return;
        }
        otherInDialog(c->op, tx);
        return;
    }
    if (Call* c = byCrisisDialog(req)) {
        const CallRef ref = c->ref;
        if (req.method == "BYE") {
            tx->respond(200);
            c->crisis.farEndHungUp();
            if (c->operatorLeft || !c->op.answered()) {
                // The caller was with the crisis line alone (or with an
                // interpreter for it): the call is over.
                sendByeToCaller(*c);
                c->interpreter.hangUp();
                c->lead.hangUp();
                endCall(ref);
                m_listener.callerHungUp(ref);
                return;
            }
            c->crisis.fail("The crisis line hung up.");
            return;
        }
        otherInDialog(c->crisis, tx);
        return;
    }
    if (Call* c = byInterpreterDialog(req)) {
        if (req.method == "BYE") {
            tx->respond(200);
            c->interpreter.farEndHungUp();
            c->interpreter.fail("The interpreter service hung up.");
            return;
        }
        otherInDialog(c->interpreter, tx);
        return;
    }
    if (Call* c = byLeadDialog(req)) {
        if (req.method == "BYE") {
            tx->respond(200);
            c->lead.farEndHungUp();
            c->lead.fail("The shift lead hung up.");
            return;
        }
        otherInDialog(c->lead, tx);
        return;
    }
    tx->respond(481);
}

void CallService::sendByeToCaller(Call& c)
{
    if (c.callback) {
        c.back.hangUp(); // BYE once answered, CANCEL while ringing
        return;
    }
    if (!c.answered) {
        if (!c.invite->finalSent()) {
            c.invite->respond(480, c.localTag);
        }
        return;
    }
    OutgoingRequest bye;
    bye.method = "BYE";
    bye.requestUri = c.request.contact ? c.request.contact->text : c.request.fromUri.text;
    bye.from = c.request.to + ";tag=" + c.localTag;
    bye.to = c.request.from;
    bye.callId = c.request.callId;
    bye.cseq = ++c.localCseq;
    bye.routes = c.request.recordRoutes;
    m_endpoint.request(std::move(bye), c.callerFlow, [](const SipMessage*) {});
}

void CallService::endCall(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    c.answerTimer.cancel();
    stopConference(c);
    if (c.callback) {
        // callerMedia is the callback leg's own session: released once.
        c.callerMedia.reset();
        releaseMedia(c.back.media());
        if (!c.back.callId().empty()) {
            m_callbackDialogs.erase(c.back.callId());
        }
    }
    releaseMedia(c.callerMedia);
    releaseMedia(c.op.media());
    releaseMedia(c.crisis.media());
    if (!c.crisis.callId().empty()) {
        m_crisisDialogs.erase(c.crisis.callId());
    }
    releaseMedia(c.interpreter.media());
    if (!c.interpreter.callId().empty()) {
        m_interpreterDialogs.erase(c.interpreter.callId());
    }
    releaseMedia(c.lead.media());
    if (!c.lead.callId().empty()) {
        m_leadDialogs.erase(c.lead.callId());
    }
    m_callerDialogs.erase(c.request.callId + "|" + c.request.fromTag);
    if (!c.op.callId().empty()) {
        // Kept a moment longer would let a late BYE match; a 481 is fine too.
        m_operatorDialogs.erase(c.op.callId());
    }
    // The legs' ring timers and answers end with them.
    m_calls.erase(it);
    m_counters.active = m_calls.size();
}

void CallService::decline(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    if (c.callback) {
        hangUp(ref);
        return;
    }
    if (!c.answered && !c.invite->finalSent()) {
        m_counters.rejected++;
        c.invite->respond(603, c.localTag);
    } else {
        sendByeToCaller(c);
    }
    endCall(ref);
}

void CallService::hangUp(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    c.op.hangUp();
    c.crisis.hangUp();
    c.interpreter.hangUp();
    c.lead.hangUp();
    sendByeToCaller(c);
    endCall(ref);
}

} // namespace warmline::sip
