#include "telephony/sip/CallService.h"

#include "core/domain/Domain.h"
#include "telephony/media/Sdp.h"
#include "telephony/sip/SipDigest.h"

#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

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

constexpr const char* kAllow = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS";

} // namespace

struct CallService::Call
{
    explicit Call(asio::io_context& ioc) : answerTimer(ioc), ringTimer(ioc), crisisTimer(ioc) {}

    CallRef ref = 0;
    // The caller's leg (we are its UAS).
    std::shared_ptr<ServerTransaction> invite;
    SipMessage request;
    Flow callerFlow;
    std::string localTag;
    bool answered = false;
    std::uint32_t localCseq = 0;
    std::string answerSdp;
    std::shared_ptr<RtpSession> callerMedia;
    asio::steady_timer answerTimer;
    bool queued = true; ///< no operator leg connected or being connected

    // The operator's leg (we are its UAC).
    std::shared_ptr<ClientTransaction> opInvite;
    OutgoingRequest opRequest;
    Flow opFlow;
    std::string opTo; ///< To with the phone's tag, once answered
    std::optional<SipUri> opContact;
    std::vector<std::string> opRoutes;
    bool opAnswered = false;
    bool opGivenUp = false; ///< ring timeout or failure already reported
    std::shared_ptr<RtpSession> opMedia;
    asio::steady_timer ringTimer;
    bool operatorLeft = false; ///< left a three-way call to the crisis line

    // A crisis line's leg during a warm transfer (we are its UAC).
    std::shared_ptr<ClientTransaction> crInvite;
    OutgoingRequest crRequest;
    Flow crFlow;
    std::string crTo;
    std::optional<SipUri> crContact;
    std::vector<std::string> crRoutes;
    bool crAnswered = false;
    bool crGivenUp = false;
    std::shared_ptr<RtpSession> crMedia;
    asio::steady_timer crisisTimer;
    std::shared_ptr<Conference> conference;
};

CallService::CallService(asio::io_context& ioc, EndpointSettings endpoint, CallSettings settings,
                         CallListener& listener)
    : m_ioc(ioc), m_settings(std::move(settings)), m_listener(listener),
      m_endpoint(ioc, std::move(endpoint), *this),
      m_ports(m_settings.rtpPortMin, m_settings.rtpPortMax),
      m_greeting(m_settings.greeting.empty() ? nullptr : Prompt::fromSamples(m_settings.greeting)),
      m_hold(Prompt::fromSamples(m_settings.hold.empty() ? std::vector<std::int16_t>(8000, 0)
                                                         : m_settings.hold)),
      m_nonceSecret(randomSipToken(32)), m_alive(std::make_shared<bool>(true))
{
}

CallService::~CallService()
{
    *m_alive = false;
    stop();
}

void CallService::start()
{
    m_endpoint.start();
}

void CallService::stop()
{
    std::vector<CallRef> refs;
    for (const auto& [ref, c] : m_calls) {
        refs.push_back(ref);
    }
    for (const auto ref : refs) {
        hangUp(ref);
    }
    m_endpoint.stop();
}

std::shared_ptr<RtpSession> CallService::openMedia()
{
    for (std::size_t attempt = 0; attempt < 8; ++attempt) {
        const auto port = m_ports.take();
        if (!port) {
            return nullptr;
        }
        try {
            auto s =
                std::make_shared<RtpSession>(m_ioc, m_endpoint.settings().address, *port, m_media);
            s->start();
            return s;
        } catch (const boost::system::system_error&) {
            // In use by another program: leave it out of the pool.
            continue;
        }
    }
    return nullptr;
}

void CallService::releaseMedia(std::shared_ptr<RtpSession>& s)
{
    if (s) {
        s->close();
        m_ports.give(s->port());
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
    if (!m_settings.allowedSources.allows(tx->flow().address)) {
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
    if (req.method == "INVITE") {
        if (!req.toTag.empty()) {
            inDialog(tx);
        } else {
            newInvite(tx);
        }
    } else if (req.method == "BYE") {
        inDialog(tx);
    } else if (req.method == "OPTIONS") {
        tx->respond(200, randomSipToken(6), {kAllow, "Accept: application/sdp"});
    } else if (req.method == "REGISTER" || req.method == "SUBSCRIBE" || req.method == "NOTIFY" ||
               req.method == "INFO" || req.method == "UPDATE" || req.method == "PRACK" ||
               req.method == "MESSAGE" || req.method == "REFER" || req.method == "PUBLISH") {
        tx->respond(405, randomSipToken(6), {kAllow});
    } else {
        tx->respond(501, randomSipToken(6), {kAllow});
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
    auto call = std::make_unique<Call>(m_ioc);
    call->callerMedia = openMedia();
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
    SdpLocal local{m_endpoint.publicAddress(), call->callerMedia->port(),
                   nowMs() / 1000 + call->ref, 1};
    call->answerSdp = buildSdpAnswer(local, *choice);
    const CallRef ref = call->ref;
    const auto weakMedia = std::weak_ptr<RtpSession>(call->callerMedia);
    call->callerMedia->onKey = [this, ref, alive = m_alive](char key) {
        if (!*alive) {
            return;
        }
        auto it = m_calls.find(ref);
        if (it == m_calls.end() || !it->second->queued) {
            return;
        }
        if (auto lang = m_settings.languages.find(key); lang != m_settings.languages.end()) {
            m_listener.callLanguageChosen(ref, lang->second);
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

void CallService::answer(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || it->second->answered) {
        return;
    }
    Call& c = *it->second;
    c.answerTimer.cancel();
    if (c.invite->finalSent()) {
        return;
    }
    c.answered = true;
    m_counters.answered++;
    const std::string contact = fmt::format(
        "Contact: <sip:warmline@{};transport={}>", m_endpoint.sentBy(c.callerFlow.transport),
        c.callerFlow.transport == Transport::Udp ? "udp" : "tcp");
    std::vector<std::string> extra = {contact, kAllow};
    for (const auto& rr : c.request.recordRoutes) {
        extra.push_back("Record-Route: " + rr);
    }
    c.invite->respond(200, c.localTag, extra, "application/sdp", c.answerSdp);
    if (c.queued) {
        c.callerMedia->play(m_greeting, m_hold);
    }
}

void CallService::onAck(const SipMessage&, const Flow&)
{
    // The 2xx's ACK only stops its retransmission (done by the endpoint).
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
    if (it->second->opInvite || it->second->opAnswered) {
        sendByeToOperator(*it->second);
    }
    sendByeToCrisis(*it->second);
    endCall(ref);
    m_listener.callerHungUp(ref);
}

void CallService::onAckTimeout(const std::shared_ptr<ServerTransaction>& invite)
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
    spdlog::info("sip: call {} got no ACK for its 200 within 64*T1; ending it", ref);
    sendByeToCaller(*it->second);
    sendByeToOperator(*it->second);
    sendByeToCrisis(*it->second);
    endCall(ref);
    m_listener.callerHungUp(ref);
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

CallService::Call* CallService::byOperatorDialog(const SipMessage& m)
{
    auto d = m_operatorDialogs.find(m.callId);
    if (d == m_operatorDialogs.end()) {
        return nullptr;
    }
    auto it = m_calls.find(d->second);
    return it == m_calls.end() ? nullptr : it->second.get();
}

CallService::Call* CallService::byCrisisDialog(const SipMessage& m)
{
    auto d = m_crisisDialogs.find(m.callId);
    if (d == m_crisisDialogs.end()) {
        return nullptr;
    }
    auto it = m_calls.find(d->second);
    return it == m_calls.end() ? nullptr : it->second.get();
}

void CallService::inDialog(const std::shared_ptr<ServerTransaction>& tx)
{
    const auto& req = tx->request();
    if (Call* c = byCallerDialog(req)) {
        const CallRef ref = c->ref;
        if (req.method == "BYE") {
            tx->respond(200);
            sendByeToOperator(*c);
            sendByeToCrisis(*c);
            endCall(ref);
            m_listener.callerHungUp(ref);
            return;
        }
        // A re-INVITE (e.g. a session refresh) gets the same media back;
        // a new address in its offer is followed.
        if (const auto offer = parseSdp(req.body)) {
            boost::system::error_code ec;
            const auto address = asio::ip::make_address(offer->address, ec);
            const auto choice = chooseCodec(*offer);
            if (!ec && choice && offer->port != 0) {
                c->callerMedia->setRemote(asio::ip::udp::endpoint(address, offer->port),
                                          choice->payloadType, choice->law,
                                          choice->telephoneEventPt);
            }
        }
        tx->respond(
            200, c->localTag,
            {fmt::format("Contact: <sip:warmline@{}>", m_endpoint.sentBy(c->callerFlow.transport)),
             kAllow},
            "application/sdp", c->answerSdp);
        return;
    }
    if (Call* c = byOperatorDialog(req)) {
        const CallRef ref = c->ref;
        if (req.method == "BYE") {
            tx->respond(200);
            c->opAnswered = false;
            c->opInvite.reset();
            if (c->crAnswered) {
                // Hanging up on a three-way call is leaving it.
                leaveConference(*c);
                m_listener.operatorLeft(ref);
                return;
            }
            sendByeToCaller(*c);
            sendByeToCrisis(*c);
            endCall(ref);
            m_listener.operatorHungUp(ref);
            return;
        }
        tx->respond(488, {}, {kAllow});
        return;
    }
    if (Call* c = byCrisisDialog(req)) {
        const CallRef ref = c->ref;
        if (req.method == "BYE") {
            tx->respond(200);
            c->crAnswered = false;
            c->crInvite.reset();
            if (c->operatorLeft || !c->opAnswered) {
                // The caller was with the crisis line alone: the call is over.
                sendByeToCaller(*c);
                endCall(ref);
                m_listener.callerHungUp(ref);
                return;
            }
            crisisFailed(ref, "The crisis line hung up.");
            return;
        }
        tx->respond(488, {}, {kAllow});
        return;
    }
    tx->respond(481);
}

bool CallService::connectOperator(CallRef ref, const std::string& sipUri,
                                  const std::string& displayName, std::string& whyNot,
                                  bool autoAnswer)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        whyNot = "The caller has hung up.";
        return false;
    }
    Call& c = *it->second;
    if (c.opInvite || c.opAnswered) {
        whyNot = "This call is already being connected.";
        return false;
    }
    const auto uri = parseSipUri(sipUri);
    if (!uri || (uri->scheme != "sip" && uri->scheme != "sips")) {
        whyNot = "The phone address on the operator's profile is not a SIP URI.";
        return false;
    }
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(uri->host, ec);
    if (ec) {
        whyNot = "The phone address must name its host by IP address.";
        return false;
    }
    if (!c.answered) {
        answer(ref);
    }
    c.opMedia = openMedia();
    if (!c.opMedia) {
        whyNot = "No RTP port is free for the operator's leg.";
        return false;
    }
    c.opMedia->countRelayedIn(&m_media.relayedToOperator);
    c.queued = false;
    c.opGivenUp = false;
    c.opFlow = Flow{};
    c.opFlow.transport = Transport::Udp;
    c.opFlow.address = address;
    c.opFlow.port = uri->port != 0 ? uri->port : 5060;
    OutgoingRequest r;
    r.method = "INVITE";
    r.requestUri = uri->text;
    std::string display;
    for (const char ch : displayName) {
        if (ch != '"' && ch != '\\') {
            display.push_back(ch);
        }
    }
    r.from = fmt::format("\"{}\" <sip:warmline@{}>;tag={}", display,
                         m_endpoint.sentBy(Transport::Udp), randomSipToken(8));
    r.to = "<" + uri->text + ">";
    r.callId = randomSipToken(12) + "@warmline";
    r.cseq = 1;
    r.contact = fmt::format("<sip:warmline@{}>", m_endpoint.sentBy(Transport::Udp));
    r.extraHeaders = {kAllow};
    if (autoAnswer) {
        // The app's softphone: the operator has just accepted, so it answers
        // at once (the intercom convention phones and softphones know).
        r.extraHeaders.emplace_back(
            fmt::format("Call-Info: <sip:{}>;answer-after=0", m_endpoint.publicAddress()));
    }
    r.contentType = "application/sdp";
    r.body = buildSdpOffer(
        SdpLocal{m_endpoint.publicAddress(), c.opMedia->port(), nowMs() / 1000 + ref, 1});
    c.opRequest = r;
    m_operatorDialogs[r.callId] = ref;
    c.opInvite = m_endpoint.request(
        std::move(r), c.opFlow,
        [this, ref, legId = c.opRequest.callId, alive = m_alive](const SipMessage* resp) {
            if (!*alive) {
                return;
            }
            // Answers to an earlier leg of this call (dropped by a release)
            // must not decide the fate of the current one.
            auto it = m_calls.find(ref);
            if (it == m_calls.end() || it->second->opRequest.callId != legId) {
                return;
            }
            onOperatorResponse(ref, resp);
        });
    c.ringTimer.expires_after(m_settings.operatorRingTimeout);
    c.ringTimer.async_wait([this, ref, alive = m_alive](boost::system::error_code e) {
        if (e || !*alive) {
            return;
        }
        auto found = m_calls.find(ref);
        if (found == m_calls.end() || found->second->opAnswered) {
            return;
        }
        if (found->second->opInvite) {
            found->second->opInvite->cancel();
        }
        operatorFailed(ref, "The operator's phone did not answer in time.");
    });
    return true;
}

void CallService::onOperatorResponse(CallRef ref, const SipMessage* r)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    if (r == nullptr) {
        operatorFailed(ref, "The operator's phone did not respond.");
        return;
    }
    if (r->status < 200) {
        return;
    }
    if (r->status >= 300) {
        operatorFailed(ref,
                       fmt::format("The operator's phone answered {} {}.", r->status, r->reason));
        return;
    }
    // A 2xx (or a retransmission of it): ACK it, each time.
    c.opTo = r->to;
    if (r->contact) {
        c.opContact = r->contact;
    }
    c.opRoutes.assign(r->recordRoutes.rbegin(), r->recordRoutes.rend());
    OutgoingRequest ack;
    ack.method = "ACK";
    ack.requestUri = c.opContact ? c.opContact->text : c.opRequest.requestUri;
    ack.from = c.opRequest.from;
    ack.to = c.opTo;
    ack.callId = c.opRequest.callId;
    ack.cseq = c.opRequest.cseq;
    ack.routes = c.opRoutes;
    ack.branch = newBranch();
    m_endpoint.send(c.opFlow, m_endpoint.requestText(ack, c.opFlow.transport));
    if (c.opAnswered) {
        return;
    }
    if (c.opGivenUp) {
        // Answered after we gave up (the 2xx raced the CANCEL): hang up.
        c.opAnswered = true;
        sendByeToOperator(c);
        return;
    }
    const auto answerSdp = parseSdp(r->body);
    const auto choice = answerSdp ? chooseCodec(*answerSdp) : std::nullopt;
    boost::system::error_code ec;
    const auto address =
        answerSdp ? asio::ip::make_address(answerSdp->address, ec) : asio::ip::address();
    c.opAnswered = true;
    if (!answerSdp || !choice || ec) {
        sendByeToOperator(c);
        operatorFailed(ref, "The operator's phone answered without usable audio.");
        return;
    }
    c.ringTimer.cancel();
    c.opMedia->setRemote(asio::ip::udp::endpoint(address, answerSdp->port), choice->payloadType,
                         choice->law, choice->telephoneEventPt);
    c.callerMedia->relayTo(c.opMedia);
    c.opMedia->relayTo(c.callerMedia);
    m_counters.bridged++;
    m_listener.operatorAnswered(ref);
}

void CallService::operatorFailed(CallRef ref, const std::string& why)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    if (c.opGivenUp) {
        return;
    }
    c.opGivenUp = true;
    c.ringTimer.cancel();
    releaseMedia(c.opMedia);
    c.queued = true;
    c.callerMedia->play(nullptr, m_hold);
    m_listener.operatorNotAnswered(ref, why);
}

void CallService::sendByeToCaller(Call& c)
{
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

void CallService::sendByeToOperator(Call& c)
{
    if (c.opAnswered && !c.opTo.empty()) {
        OutgoingRequest bye;
        bye.method = "BYE";
        bye.requestUri = c.opContact ? c.opContact->text : c.opRequest.requestUri;
        bye.from = c.opRequest.from;
        bye.to = c.opTo;
        bye.callId = c.opRequest.callId;
        bye.cseq = c.opRequest.cseq + 1;
        bye.routes = c.opRoutes;
        m_endpoint.request(std::move(bye), c.opFlow, [](const SipMessage*) {});
    } else if (c.opInvite) {
        c.opGivenUp = true;
        c.opInvite->cancel();
    }
}

void CallService::dropOperatorLeg(Call& c)
{
    sendByeToOperator(c);
    c.ringTimer.cancel();
    c.opGivenUp = true;
    c.opAnswered = false;
    c.opInvite.reset();
    m_operatorDialogs.erase(c.opRequest.callId);
    releaseMedia(c.opMedia);
}

void CallService::endCall(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    c.answerTimer.cancel();
    c.ringTimer.cancel();
    c.crisisTimer.cancel();
    if (c.conference) {
        c.conference->stop();
        c.conference.reset();
    }
    releaseMedia(c.callerMedia);
    releaseMedia(c.opMedia);
    releaseMedia(c.crMedia);
    if (!c.crRequest.callId.empty()) {
        m_crisisDialogs.erase(c.crRequest.callId);
    }
    m_callerDialogs.erase(c.request.callId + "|" + c.request.fromTag);
    if (!c.opRequest.callId.empty()) {
        // Kept a moment longer would let a late BYE match; a 481 is fine too.
        m_operatorDialogs.erase(c.opRequest.callId);
    }
    m_calls.erase(it);
    m_counters.active = m_calls.size();
}

void CallService::hangUp(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    sendByeToOperator(c);
    sendByeToCrisis(c);
    sendByeToCaller(c);
    endCall(ref);
}

bool CallService::hold(CallRef ref, bool on)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end() || !it->second->opAnswered || !it->second->opMedia) {
        return false;
    }
    Call& c = *it->second;
    if (on) {
        c.opMedia->relayTo(nullptr);
        c.callerMedia->relayTo(nullptr);
        c.callerMedia->play(nullptr, m_hold);
    } else {
        c.callerMedia->relayTo(c.opMedia);
        c.opMedia->relayTo(c.callerMedia);
    }
    return true;
}

void CallService::returnToHold(CallRef ref)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    dropOperatorLeg(c);
    dropCrisisLeg(c);
    c.queued = true;
    c.callerMedia->relayTo(nullptr);
    if (c.answered) {
        c.callerMedia->play(nullptr, m_hold);
    }
}

bool CallService::connectCrisisLine(CallRef ref, const std::string& sipUri, std::string& whyNot)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        whyNot = "The caller has hung up.";
        return false;
    }
    Call& c = *it->second;
    if (!c.opAnswered || c.operatorLeft || !c.opMedia) {
        whyNot = "The call is not connected to the operator's phone.";
        return false;
    }
    if (c.crInvite || c.crAnswered) {
        whyNot = "A crisis line is already being called on this call.";
        return false;
    }
    const auto uri = parseSipUri(sipUri);
    if (!uri || (uri->scheme != "sip" && uri->scheme != "sips")) {
        whyNot = "The crisis line's call address is not a SIP URI.";
        return false;
    }
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(uri->host, ec);
    if (ec) {
        whyNot = "The crisis line's address (or the trunk's) must name its host by IP address.";
        return false;
    }
    c.crMedia = openMedia();
    if (!c.crMedia) {
        whyNot = "No RTP port is free for the crisis line's leg.";
        return false;
    }
    c.crMedia->countRelayedIn(&m_media.relayedToCrisisLine);
    c.crGivenUp = false;
    c.crAnswered = false;
    c.crTo.clear();
    c.crContact.reset();
    c.crRoutes.clear();
    c.crFlow = Flow{};
    c.crFlow.transport = Transport::Udp;
    c.crFlow.address = address;
    c.crFlow.port = uri->port != 0 ? uri->port : 5060;
    OutgoingRequest r;
    r.method = "INVITE";
    r.requestUri = uri->text;
    r.from = fmt::format("\"Warmline\" <sip:warmline@{}>;tag={}", m_endpoint.sentBy(Transport::Udp),
                         randomSipToken(8));
    r.to = "<" + uri->text + ">";
    r.callId = randomSipToken(12) + "@warmline";
    r.cseq = 1;
    r.contact = fmt::format("<sip:warmline@{}>", m_endpoint.sentBy(Transport::Udp));
    r.extraHeaders = {kAllow};
    r.contentType = "application/sdp";
    r.body = buildSdpOffer(
        SdpLocal{m_endpoint.publicAddress(), c.crMedia->port(), nowMs() / 1000 + ref, 1});
    c.crRequest = r;
    m_crisisDialogs[r.callId] = ref;
    c.crInvite = m_endpoint.request(std::move(r), c.crFlow,
                                    [this, ref, alive = m_alive](const SipMessage* resp) {
                                        if (*alive) {
                                            onCrisisResponse(ref, resp);
                                        }
                                    });
    c.crisisTimer.expires_after(m_settings.crisisRingTimeout);
    c.crisisTimer.async_wait([this, ref, alive = m_alive](boost::system::error_code e) {
        if (e || !*alive) {
            return;
        }
        auto found = m_calls.find(ref);
        if (found == m_calls.end() || found->second->crAnswered || found->second->crGivenUp) {
            return;
        }
        if (found->second->crInvite) {
            found->second->crInvite->cancel();
        }
        crisisFailed(ref, "The crisis line did not answer in time.");
    });
    return true;
}

void CallService::onCrisisResponse(CallRef ref, const SipMessage* r)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    if (r == nullptr) {
        crisisFailed(ref, "The crisis line did not respond.");
        return;
    }
    if (r->callId != c.crRequest.callId || r->status < 200) {
        return;
    }
    if (r->status >= 300) {
        crisisFailed(ref, fmt::format("The crisis line answered {} {}.", r->status, r->reason));
        return;
    }
    c.crTo = r->to;
    if (r->contact) {
        c.crContact = r->contact;
    }
    c.crRoutes.assign(r->recordRoutes.rbegin(), r->recordRoutes.rend());
    OutgoingRequest ack;
    ack.method = "ACK";
    ack.requestUri = c.crContact ? c.crContact->text : c.crRequest.requestUri;
    ack.from = c.crRequest.from;
    ack.to = c.crTo;
    ack.callId = c.crRequest.callId;
    ack.cseq = c.crRequest.cseq;
    ack.routes = c.crRoutes;
    ack.branch = newBranch();
    m_endpoint.send(c.crFlow, m_endpoint.requestText(ack, c.crFlow.transport));
    if (c.crAnswered) {
        return;
    }
    if (c.crGivenUp || !c.crMedia || !c.opAnswered) {
        // Answered after we gave up (or the operator's leg went meanwhile).
        c.crAnswered = true;
        sendByeToCrisis(c);
        c.crAnswered = false;
        if (!c.crGivenUp) {
            crisisFailed(ref, "The operator's phone hung up before the crisis line answered.");
        }
        return;
    }
    const auto answerSdp = parseSdp(r->body);
    const auto choice = answerSdp ? chooseCodec(*answerSdp) : std::nullopt;
    boost::system::error_code ec;
    const auto address =
        answerSdp ? asio::ip::make_address(answerSdp->address, ec) : asio::ip::address();
    c.crAnswered = true;
    if (!answerSdp || !choice || ec) {
        sendByeToCrisis(c);
        c.crAnswered = false;
        crisisFailed(ref, "The crisis line answered without usable audio.");
        return;
    }
    c.crisisTimer.cancel();
    c.crMedia->setRemote(asio::ip::udp::endpoint(address, answerSdp->port), choice->payloadType,
                         choice->law, choice->telephoneEventPt);
    // All three hear each other.
    c.conference = std::make_shared<Conference>(m_ioc);
    c.conference->add(c.callerMedia);
    c.conference->add(c.opMedia);
    c.conference->add(c.crMedia);
    c.conference->start();
    m_listener.crisisLineAnswered(ref);
}

void CallService::crisisFailed(CallRef ref, const std::string& why)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        return;
    }
    Call& c = *it->second;
    if (c.crGivenUp) {
        return;
    }
    c.crGivenUp = true;
    c.crisisTimer.cancel();
    c.crAnswered = false;
    c.crInvite.reset();
    m_crisisDialogs.erase(c.crRequest.callId);
    if (c.conference) {
        c.conference->stop();
        c.conference.reset();
    }
    releaseMedia(c.crMedia);
    if (c.opAnswered && c.opMedia && c.callerMedia) {
        // Back to the two of them.
        c.callerMedia->relayTo(c.opMedia);
        c.opMedia->relayTo(c.callerMedia);
    }
    m_listener.crisisLineFailed(ref, why);
}

void CallService::sendByeToCrisis(Call& c)
{
    if (c.crAnswered && !c.crTo.empty()) {
        OutgoingRequest bye;
        bye.method = "BYE";
        bye.requestUri = c.crContact ? c.crContact->text : c.crRequest.requestUri;
        bye.from = c.crRequest.from;
        bye.to = c.crTo;
        bye.callId = c.crRequest.callId;
        bye.cseq = c.crRequest.cseq + 1;
        bye.routes = c.crRoutes;
        m_endpoint.request(std::move(bye), c.crFlow, [](const SipMessage*) {});
    } else if (c.crInvite && !c.crGivenUp) {
        c.crGivenUp = true;
        c.crInvite->cancel();
    }
}

void CallService::dropCrisisLeg(Call& c)
{
    sendByeToCrisis(c);
    c.crisisTimer.cancel();
    c.crGivenUp = true;
    c.crAnswered = false;
    c.crInvite.reset();
    if (!c.crRequest.callId.empty()) {
        m_crisisDialogs.erase(c.crRequest.callId);
    }
    if (c.conference) {
        c.conference->stop();
        c.conference.reset();
    }
    releaseMedia(c.crMedia);
}

void CallService::leaveConference(Call& c)
{
    dropOperatorLeg(c);
    if (c.conference) {
        c.conference->stop();
        c.conference.reset();
    }
    c.operatorLeft = true;
    c.callerMedia->relayTo(c.crMedia);
    c.crMedia->relayTo(c.callerMedia);
}

bool CallService::operatorLeaves(CallRef ref, std::string& whyNot)
{
    auto it = m_calls.find(ref);
    if (it == m_calls.end()) {
        whyNot = "The caller has hung up.";
        return false;
    }
    Call& c = *it->second;
    if (!c.crAnswered || !c.crMedia || c.operatorLeft) {
        whyNot = "The crisis line is not on the call yet.";
        return false;
    }
    leaveConference(c);
    return true;
}

} // namespace warmline::sip
