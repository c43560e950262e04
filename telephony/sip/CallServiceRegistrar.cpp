// Softphones that register with the gateway (decision 156): the gateway
// makes an account for an operator's link (Gateway: softphone.account), the
// phone connects out over TLS and sends REGISTER (RFC 3261 section 10),
// authenticated by digest, and the gateway keeps the connection it came on
// as the way to reach the phone (the idea of RFC 5626's flows): calls and
// checks for that account go back over it, so a phone behind a home router
// needs no open port. One registration per account, the latest.

#include "telephony/media/AddressScope.h"
#include "telephony/sip/CallService.h"
#include "telephony/sip/CallState.h"
#include "telephony/sip/SipDigest.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace warmline::sip {

namespace {

/// A registration lasts at most this long unless renewed: short, so the
/// board's "last seen" is never older than this and a phone that vanished
/// without a word is forgotten soon even if its connection lingers.
constexpr std::uint32_t kMaxExpiresS = 600;
/// Shorter is refused with 423 (RFC 3261 10.3 step 7): renewals every few
/// seconds would be load for nothing.
constexpr std::uint32_t kMinExpiresS = 60;
/// How long a digest nonce is taken.
constexpr EpochMs kNonceAgeMs = 5 * 60 * 1000;

bool sameConnection(const Flow& a, const Flow& b)
{
    return a.transport == b.transport && a.transport != Transport::Udp &&
           a.connection == b.connection;
}

std::string bareHost(std::string host)
{
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    return host;
}

} // namespace

bool CallService::addAccount(const std::string& username, const std::string& password)
{
    if (auto it = m_accounts.find(username); it != m_accounts.end()) {
        // A registration made with the old password does not outlive it.
        it->second.password = password;
        it->second.registration.reset();
        return true;
    }
    if (m_accounts.size() >= kMaxAccounts) {
        return false;
    }
    m_accounts[username].password = password;
    return true;
}

void CallService::removeAccount(const std::string& username)
{
    m_accounts.erase(username);
}

std::optional<CallService::Registration>
CallService::registration(const std::string& username) const
{
    const auto it = m_accounts.find(username);
    if (it == m_accounts.end() || !it->second.registration) {
        return std::nullopt;
    }
    const auto& a = it->second;
    if (a.registration->expiresAt <= nowMs() || !m_endpoint.flowOpen(a.flow)) {
        return std::nullopt;
    }
    return a.registration;
}

std::string CallService::accountUri(const std::string& username) const
{
    const auto& host = m_endpoint.publicAddress();
    return host.find(':') != std::string::npos ? fmt::format("sip:{}@[{}]", username, host)
                                               : fmt::format("sip:{}@{}", username, host);
}

const CallService::Account* CallService::accountOf(const SipUri& uri) const
{
    if (uri.user.empty() || bareHost(uri.host) != bareHost(m_endpoint.publicAddress())) {
        return nullptr;
    }
    const auto it = m_accounts.find(uri.user);
    return it == m_accounts.end() ? nullptr : &it->second;
}

bool CallService::resolveTarget(const SipUri& uri, SipUri& dial, std::optional<Flow>& flow,
                                std::string& whyNot) const
{
    const Account* a = accountOf(uri);
    if (!a) {
        dial = uri;
        flow.reset();
        return true;
    }
    if (!registration(uri.user)) {
        whyNot = "The app's softphone is not registered with the gateway: it has not "
                 "connected yet, or its connection dropped.";
        return false;
    }
    // Over TLS the leg is SRTP (OutboundLeg); over plain TCP the audio is
    // plain too, so only on the site's network, as at REGISTER.
    if (a->flow.transport != Transport::Tls && !m_settings.allowPlainRemotePhones &&
        !onSiteNetwork(a->flow.address)) {
        whyNot = "The app's softphone is connected without TLS from off the site's network.";
        return false;
    }
    dial = a->contact;
    flow = a->flow;
    return true;
}

bool CallService::fromRegisteredPhone(const Flow& flow) const
{
    if (flow.transport == Transport::Udp) {
        return false;
    }
    const auto now = nowMs();
    return std::any_of(m_accounts.begin(), m_accounts.end(), [&](const auto& entry) {
        const auto& a = entry.second;
        return a.registration && a.registration->expiresAt > now && sameConnection(a.flow, flow);
    });
}

void CallService::onRegister(const std::shared_ptr<ServerTransaction>& tx)
{
    const auto& req = tx->request();
    const Flow& flow = tx->flow();
    const std::string tag = randomSipToken(6);
    auto refuse = [&](int code, const char* why) {
        m_counters.registersRefused++;
        tx->respond(code, tag, {fmt::format("Warning: 399 warmline \"{}\"", why)});
    };
    // Passwords and SRTP keys cross this connection: TLS, or plain TCP on
    // the site's own network (or where the site allows plain). Straight
    // from the phone, not through a proxy, so the keys of its calls go
    // nowhere else (decision 153's rule).
    const bool plainAllowed = m_settings.allowPlainRemotePhones || onSiteNetwork(flow.address);
    if (flow.transport == Transport::Udp) {
        refuse(403, "Register over TLS (or TCP on the site's network): calls come back over "
                    "that connection");
        return;
    }
    if (flow.transport == Transport::Tcp && !plainAllowed) {
        refuse(403, "Register over TLS from off the site's network");
        return;
    }
    if (req.vias.size() != 1) {
        refuse(403, "Register directly, not through a proxy");
        return;
    }
    const auto now = nowMs();
    // Nonces for this connection only: a REGISTER seen on the wire (plain
    // TCP on the site's network) cannot be replayed on another connection
    // to take the account's calls.
    const std::string secret =
        fmt::format("{}|{}|{}", m_nonceSecret, transportName(flow.transport), flow.connection);
    const auto creds = parseDigestAuthorization(req.authorization);
    const auto it = creds ? m_accounts.find(creds->username) : m_accounts.end();
    const auto verdict = it == m_accounts.end()
                             ? DigestVerdict::Bad
                             : checkDigest(*creds, "REGISTER", creds->username, it->second.password,
                                           m_settings.authRealm, secret, now, kNonceAgeMs);
    if (verdict != DigestVerdict::Ok) {
        // A wrong password and an unknown name get the same answer; a
        // first REGISTER without credentials is not counted as refused.
        if (creds && verdict == DigestVerdict::Bad) {
            m_counters.registersRefused++;
        }
        tx->respond(401, tag,
                    {"WWW-Authenticate: " + digestChallenge(m_settings.authRealm,
                                                            makeDigestNonce(secret, now),
                                                            verdict == DigestVerdict::Stale)});
        return;
    }
    Account& a = it->second;
    const std::string& username = it->first;
    if (req.toUri.user != username) {
        refuse(403, "The To header must name the account itself");
        return;
    }
    auto unbind = [&] {
        // Only the binding named (RFC 3261 section 10.3 step 8): a phone
        // that moved removes its old Contact, not its new one.
        const bool named = req.contactStar || (req.contact && req.contact->user == a.contact.user &&
                                               req.contact->host == a.contact.host &&
                                               req.contact->port == a.contact.port);
        if (a.registration && named) {
            a.registration.reset();
            spdlog::info("sip: a softphone unregistered");
            m_listener.phoneRegistrationChanged(username);
        }
        tx->respond(200, tag);
    };
    if (req.contactStar) {
        // RFC 3261 10.3 step 6: "*" alone, and only with Expires: 0.
        if (req.expires.value_or(1) != 0 || req.contactCount > 1 || req.contact) {
            tx->respond(400, tag);
            return;
        }
        unbind();
        return;
    }
    if (!req.contact) {
        // A query: the current binding, if any.
        std::vector<std::string> headers;
        if (const auto r = registration(username)) {
            headers.push_back(fmt::format("Contact: <{}>;expires={}", a.contact.text,
                                          std::max<EpochMs>(0, (r->expiresAt - now) / 1000)));
        }
        tx->respond(200, tag, headers);
        return;
    }
    const std::uint32_t asked = req.contactExpires.value_or(req.expires.value_or(kMaxExpiresS));
    if (asked == 0) {
        unbind();
        return;
    }
    if (asked < kMinExpiresS) {
        tx->respond(423, tag, {fmt::format("Min-Expires: {}", kMinExpiresS)});
        return;
    }
    const std::uint32_t granted = std::min(asked, kMaxExpiresS);
    const bool renewal = a.registration && a.registration->expiresAt > now &&
                         sameConnection(a.flow, flow) && m_endpoint.flowOpen(a.flow);
    Registration r;
    r.transport = flow.transport;
    r.registeredAt = renewal ? a.registration->registeredAt : now;
    r.lastSeenAt = now;
    r.expiresAt = now + static_cast<EpochMs>(granted) * 1000;
    a.registration = r;
    a.contact = *req.contact;
    if (!sameConnection(a.flow, flow)) {
        a.unansweredChecks = 0;
    }
    a.flow = flow;
    if (!renewal) {
        m_counters.registered++;
        // Never the phone's address: it says where an operator is.
        spdlog::info("sip: a softphone registered over {}", transportName(flow.transport));
        m_listener.phoneRegistrationChanged(username);
    }
    tx->respond(200, tag, {fmt::format("Contact: <{}>;expires={}", a.contact.text, granted)});
}

bool CallService::onPlacedLegConnection(const Flow& flow) const
{
    if (flow.transport == Transport::Udp) {
        return false;
    }
    return std::any_of(m_calls.begin(), m_calls.end(), [&](const auto& entry) {
        const Call& c = *entry.second;
        return sameConnection(c.op.flow(), flow) || sameConnection(c.lead.flow(), flow);
    });
}

} // namespace warmline::sip
