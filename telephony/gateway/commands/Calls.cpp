// Link commands, the call family: the phone an operator's calls go to (on
// their profile, or the desktop app's softphone while its link is open),
// and holding a connected call. The calls themselves are GatewayCalls.cpp's.

#include "telephony/gateway/Gateway.h"

#include "core/security/Tokens.h"
#include "telephony/gateway/GatewayJobs.h"
#include "telephony/media/AddressScope.h"
#include "telephony/sip/CallService.h"
#include "telephony/sip/SipMessage.h"

#include <boost/asio/ip/address.hpp>
#include <spdlog/spdlog.h>

#include <optional>
#include <string>
#include <string_view>

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

void Gateway::addCallCommands()
{
    addCommand("operator.sip", {}, &Gateway::cmdOperatorSip);
    const CommandRule takesCalls{.allows = mayHoldContacts,
                                 .refusal = "Your role does not take calls."};
    addCommand("softphone.register", takesCalls, &Gateway::cmdSoftphone);
    addCommand("softphone.unregister", takesCalls, &Gateway::cmdSoftphone);
    addCommand("softphone.set", takesCalls, &Gateway::cmdSoftphone);
    addCommand("softphone.account", takesCalls, &Gateway::cmdSoftphone);
    addCommand("call.hold", {}, &Gateway::cmdCallHold);
    addCommand("call.interpreter", {}, &Gateway::cmdCallInterpreter);
    addCommand("call.interpreter.end", {}, &Gateway::cmdCallInterpreterEnd);
}

namespace {

/// An operator's own phone number in E.164 as stored: "+" and 8 to 15
/// digits, or a number read as a keyed callback number is (with the line's
/// home country; docs/callbacks.md); spaces, dashes, dots and brackets are
/// dropped. nullopt if `text` is neither (a short code such as 911, 988 or
/// 112 is never a whole number), or if screening would not accept a call
/// from it (docs/screening.md).
std::optional<std::string> operatorNumber(std::string_view text, const ScreeningSettings& screening)
{
    std::string digits;
    bool plus = false;
    for (const char ch : text) {
        if (ch == '+' && !plus && digits.empty()) {
            plus = true;
        } else if (ch >= '0' && ch <= '9') {
            digits.push_back(ch);
        } else if (ch != ' ' && ch != '-' && ch != '.' && ch != '(' && ch != ')') {
            return std::nullopt;
        }
    }
    if (!plus) {
        return keyedCallbackNumber(digits, screening);
    }
    if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') {
        return std::nullopt;
    }
    // As for a keyed number: none the line would not take a call from (a
    // premium-rate number would cost the line on every call).
    const std::string e164 = "+" + digits;
    if (screenNumber(e164, screening).action != ScreenAction::Accept) {
        return std::nullopt;
    }
    return e164;
}

} // namespace

const char* const Gateway::kOffSite =
    "That phone's address is not on the site's own network, and calls to it would cross "
    "other networks as plain, readable SIP and RTP. Connect through the site's VPN, or take "
    "calls on your own phone number (docs/remote-operators.md); an administrator can allow it "
    "with sip.allow_plain_remote_phones.";

// operator.sip: the phone calls go to: a SIP URI (a desk phone), or the
// operator's own number, dialled through the trunk with "press 1 to
// accept" (docs/remote-operators.md). An administrator sets anyone's, an
// operator their own. (Languages are operator.languages, an admin's command.)
void Gateway::cmdOperatorSip(LinkState& state, const link::Request& req, const Reply& reply)
{
    const auto name = link::requireString(req.params, "name", 64);
    auto uri = link::requireString(req.params, "uri", 256);
    if (!uri.empty() && !uri.starts_with("sip:") && !uri.starts_with("sips:")) {
        // Never the line itself or the partner line: each call would ring
        // back into a queue.
        const auto number = operatorNumber(uri, m_settings.screening);
        if (!number || (m_calls && m_calls->isLineNumber(*number)) ||
            *number == m_settings.overflow.partnerCallNumber) {
            throw LinkError(ErrorCode::BadRequest,
                            "The phone must be a SIP URI such as sip:desk-12@10.0.0.40:5062, "
                            "or a whole phone number such as +1 555 555 0100 (not a short code "
                            "such as 911, nor the line's own or the partner line's number).");
        }
        if (m_settings.trunkUri.empty()) {
            throw LinkError(ErrorCode::Conflict,
                            "This gateway has no trunk (sip.trunk_uri) to dial a phone number "
                            "through; give a SIP URI instead.");
        }
        uri = *number;
    } else if (!uri.empty()) {
        const auto parsed = sip::parseSipUri(uri);
        if (!parsed || (parsed->scheme != "sip" && parsed->scheme != "sips")) {
            throw LinkError(ErrorCode::BadRequest,
                            "The phone must be a SIP URI such as sip:desk-12@10.0.0.40:5062, "
                            "or a phone number such as +1 555 555 0100.");
        }
        boost::system::error_code ec;
        const auto address = boost::asio::ip::make_address(parsed->host, ec);
        if (!ec && !m_settings.allowPlainRemotePhones && !sip::onSiteNetwork(address)) {
            throw LinkError(ErrorCode::BadRequest, kOffSite);
        }
    }
    const bool admin = mayAdminister(state.role);
    const Id self = *state.operatorId;
    write(
        [name, uri, admin, self](Repository& repo) {
            auto op = repo.operators().operatorByName(name);
            if (!op) {
                throw LinkError(ErrorCode::NotFound, "There is no account with that name.");
            }
            if (!admin && op->account.id != self) {
                throw LinkError(ErrorCode::Forbidden,
                                "Only an administrator changes another operator's profile.");
            }
            repo.operators().setSipUri(op->account.id, uri);
            op->account.sipUri = uri;
            return op->account;
        },
        [this, reply, rid = req.id](StoreResult<OperatorAccount> r) {
            if (r.error) {
                try {
                    std::rethrow_exception(r.error);
                } catch (const LinkError& e) {
                    reply(link::errorFrame(rid, e.code(), e.what()));
                } catch (...) {
                    reply(link::errorFrame(rid, ErrorCode::Unavailable,
                                           "The gateway could not save this just now."));
                }
                return;
            }
            auto& op = operatorState(*r.value);
            op.account = *r.value;
            if (m_board) {
                boardDirty(op.account.id);
            }
            auto view = link::toJson(viewOf(op));
            view["sipUri"] = r.value->sipUri;
            reply(link::ackFrame(rid, {{"operator", std::move(view)}}));
        });
}

// softphone.register {uri} / softphone.unregister: the desktop app's built-in
// softphone, for calls the operator accepts on this link. It lasts as long as
// the link; the gateway asks it to answer at once (the operator just accepted).
void Gateway::cmdSoftphone(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id opId = *state.operatorId;
    // softphone.set {uri} is the app's form: "" turns it off.
    const bool off =
        req.type == "softphone.unregister" ||
        (req.type == "softphone.set" && link::requireString(req.params, "uri", 256).empty());
    if (req.type == "softphone.account") {
        softphoneAccount(state, req, reply);
        return;
    }
    if (off) {
        if (dropPhoneAccount(state.peer.lock().get())) {
            spdlog::info("operator {}: softphone account given up", opId);
        }
        if (m_board) {
            boardDirty(opId);
        }
        if (auto it = m_softphones.find(opId);
            it != m_softphones.end() && it->second.first.lock() == state.peer.lock()) {
            m_softphones.erase(it);
            if (m_board) {
                boardDirty(opId); // the board shows which phone calls go to
            }
        }
        reply(link::ackFrame(req.id, {}));
        return;
    }
    const auto uri = link::requireString(req.params, "uri", 256);
    const auto parsed = sip::parseSipUri(uri);
    boost::system::error_code ec;
    const auto address =
        parsed ? boost::asio::ip::make_address(parsed->host, ec) : boost::asio::ip::address{};
    if (!parsed || (parsed->scheme != "sip" && parsed->scheme != "sips") || ec) {
        throw LinkError(ErrorCode::BadRequest,
                        "The softphone must be a SIP URI with an IP address, such as "
                        "sip:operator@127.0.0.1:5070.");
    }
    if (!m_settings.allowPlainRemotePhones && !sip::onSiteNetwork(address)) {
        throw LinkError(ErrorCode::BadRequest, kOffSite);
    }
    // Another way to reach this link's softphone: its account goes.
    dropPhoneAccount(state.peer.lock().get());
    m_softphones[opId] = {state.peer, uri};
    if (m_board) {
        boardDirty(opId);
    }
    spdlog::info("operator {}: softphone on", opId);
    reply(link::ackFrame(req.id, {{"uri", uri}}));
}

// softphone.account: a SIP account for this link's softphone to register
// with over TLS (decision 156), so that calls reach it over the connection
// it keeps open, wherever it is. A new password each time; the name stays
// for the link's life. The account ends with the link.
void Gateway::softphoneAccount(LinkState& state, const link::Request& req, const Reply& reply)
{
    if (!m_calls) {
        throw LinkError(ErrorCode::Conflict, "This gateway takes no calls.");
    }
    const Id opId = *state.operatorId;
    const auto peer = state.peer.lock();
    auto& username = m_phoneAccounts[peer.get()];
    if (username.empty()) {
        username = "wl" + randomToken().substr(0, 16);
    }
    const std::string password = randomToken().substr(0, 32);
    if (!m_calls->addAccount(username, password)) {
        m_phoneAccounts.erase(peer.get());
        throw LinkError(ErrorCode::Capacity, "The gateway has as many softphones as it takes.");
    }
    const auto uri = m_calls->accountUri(username);
    m_softphones[opId] = {state.peer, uri};
    if (m_board) {
        boardDirty(opId);
    }
    spdlog::info("operator {}: softphone account made", opId);
    reply(link::ackFrame(req.id, {{"username", username},
                                  {"password", password},
                                  {"realm", m_calls->authRealm()},
                                  {"uri", uri},
                                  {"tlsPort", m_calls->tlsPort()},
                                  {"tcpPort", m_calls->tcpPort()}}));
}

bool Gateway::dropPhoneAccount(const LinkPeer* peer)
{
    const auto it = m_phoneAccounts.find(peer);
    if (it == m_phoneAccounts.end()) {
        return false;
    }
    if (m_calls) {
        const auto uri = m_calls->accountUri(it->second);
        std::erase_if(m_softphones, [&](const auto& entry) { return entry.second.second == uri; });
        m_calls->removeAccount(it->second);
    }
    m_phoneAccounts.erase(it);
    return true;
}

// call.hold: the holder puts their connected call on hold (the caller hears
// hold audio; nothing from the operator reaches them) or takes it off.
void Gateway::cmdCallHold(LinkState& state, const link::Request& req, const Reply& reply)
{
    const Id contactId = link::requireInt(req.params, "contactId");
    const auto on = req.params.if_contains("on");
    if (!on || !on->is_bool()) {
        throw LinkError(ErrorCode::BadRequest, "\"on\" must be true or false.");
    }
    const auto* held = heldContact(contactId);
    if (!held || held->operatorId != state.operatorId) {
        throw LinkError(ErrorCode::Forbidden, "Only the operator on this call can hold it.");
    }
    if (held->channel != Channel::Call) {
        throw LinkError(ErrorCode::BadRequest, "Only a call can be put on hold.");
    }
    const auto call = callOf(contactId);
    if (!call || !m_calls || !m_calls->hold(*call, on->as_bool())) {
        throw LinkError(ErrorCode::Conflict, "This call is not connected.");
    }
    publish("call.held", {{"contactId", contactId}, {"on", on->as_bool()}},
            Audience{false, held->operatorId});
    reply(link::ackFrame(req.id, {{"contactId", contactId}, {"on", on->as_bool()}}));
}

} // namespace warmline::telephony
