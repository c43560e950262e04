// The gateway's check on operators' phones (decision 147): a SIP OPTIONS
// to each signed-in operator's softphone or desk phone every
// sip.phone_check_interval, from the board's tick; the answer goes on the
// board (boardOperatorJson), to the operator when their phone stops
// answering, and to /metrics.

#include "telephony/gateway/GatewayBoard.h"
#include "telephony/sip/CallService.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>

namespace warmline::telephony {

namespace {

/// How long an operator's phone has to answer the gateway's check: a phone
/// on the site's network answers in milliseconds, and one that takes
/// seconds would not ring in time. A shorter check interval does not
/// shorten it (one check per phone at a time).
constexpr EpochMs kPhoneCheckTimeoutMs = 5000;

/// What an operator reads when their phone stops answering the check.
constexpr const char* kSoftphoneNotAnswering =
    "The gateway cannot reach this app's softphone: a call you accept may not ring. Check "
    "your network connection (and the site's VPN, if you use it); signing out and in again "
    "restarts the softphone.";
constexpr const char* kDeskPhoneNotAnswering =
    "The gateway cannot reach the desk phone on your profile: a call you accept may not ring. "
    "Check that the phone is on and connected, or turn on the app's softphone.";

} // namespace

std::size_t Gateway::phonesNotAnswering() const
{
    if (!m_board) {
        return 0;
    }
    return static_cast<std::size_t>(
        std::count_if(m_board->phoneChecks.begin(), m_board->phoneChecks.end(),
                      [](const auto& p) { return p.second.answering == false; }));
}

boost::json::object Gateway::phoneRegistrationJson(const std::string& account) const
{
    const auto r = m_calls ? m_calls->registration(account) : std::nullopt;
    if (!r) {
        return {{"registered", false}};
    }
    return {{"registered", true},
            {"transport", r->transport == sip::Transport::Tls ? "tls" : "tcp"},
            {"registeredAt", r->registeredAt},
            {"lastSeenAt", r->lastSeenAt},
            {"expiresAt", r->expiresAt}};
}

void Gateway::phoneRegistrationChanged(const std::string& username)
{
    for (const auto& [peer, name] : m_phoneAccounts) {
        if (name != username) {
            continue;
        }
        const LinkState* state = m_hub.find(peer);
        if (!state || !state->operatorId || !m_board) {
            return;
        }
        const Id opId = *state->operatorId;
        boardDirty(opId);
        // Asked at once: the board shows whether it answers.
        if (auto c = m_board->phoneChecks.find(opId);
            c != m_board->phoneChecks.end() && !c->second.asking) {
            c->second.askedAt = 0;
        }
        return;
    }
}

void Gateway::phoneRegistrationTick()
{
    // A registering softphone (decision 156): the board shows when it
    // comes and goes; an expiry or a dropped connection is no event, so it
    // is looked for here, whether or not phones are checked.
    auto& shown = m_board->registrationsShown;
    std::set<Id> seen;
    for (const auto& [id, op] : m_operators) {
        if (op.links == 0 || !m_calls) {
            continue;
        }
        const auto phone = phoneOf(op);
        if (phone.account.empty()) {
            continue;
        }
        seen.insert(id);
        const bool registered = m_calls->registration(phone.account).has_value();
        if (const auto it = shown.find(id); it == shown.end() || it->second != registered) {
            shown[id] = registered;
            boardDirty(id);
        }
    }
    std::erase_if(shown, [&](const auto& entry) { return !seen.contains(entry.first); });
}

void Gateway::phoneCheckTick(EpochMs now)
{
    phoneRegistrationTick();
    auto& checks = m_board->phoneChecks;
    if (m_settings.phoneCheckIntervalMs <= 0 || !m_calls) {
        // Turned off (a reload): the lead's board drops what it showed, and
        // answers still on their way are ignored (their generation is gone).
        for (const auto& [id, check] : checks) {
            if (check.answering.has_value()) {
                boardDirty(id);
            }
        }
        checks.clear();
        return;
    }
    const auto timeout = std::chrono::milliseconds(kPhoneCheckTimeoutMs);
    std::set<Id> asked;
    for (const auto& [id, op] : m_operators) {
        if (op.links == 0) {
            continue; // signed out: nobody routes calls to them
        }
        const auto phone = phoneOf(op);
        if (phone.uri.empty() || phone.askToAccept) {
            continue; // no phone, or a number through the trunk: nothing to ask
        }
        asked.insert(id);
        auto& c = checks[id];
        if (c.uri != phone.uri) {
            c = Board::PhoneCheck{};
            c.uri = phone.uri;
            c.softphone = phone.autoAnswer;
            c.generation = ++m_board->phoneCheckGeneration;
        }
        if (!phone.account.empty()) {
            if (const auto registration = m_calls->registration(phone.account)) {
                c.transport = registration->transport == sip::Transport::Tls ? "tls" : "tcp";
            }
        }
        if (c.asking || (c.askedAt != 0 && now - c.askedAt < m_settings.phoneCheckIntervalMs)) {
            continue;
        }
        c.askedAt = now;
        c.asking = m_calls->checkPhone(
            phone.uri, timeout,
            [this, alive = m_alive, id = id,
             generation = c.generation](std::optional<std::chrono::milliseconds> rtt) {
                if (!*alive) {
                    return;
                }
                const auto it = m_board->phoneChecks.find(id);
                if (it == m_board->phoneChecks.end() || it->second.generation != generation) {
                    return; // their phone changed, or they signed out, meanwhile
                }
                auto& check = it->second;
                check.asking = false;
                const bool was = check.answering.value_or(!rtt.has_value());
                const bool first = !check.answering.has_value();
                check.answering = rtt.has_value();
                if (rtt) {
                    check.answeredAt = nowMs();
                    check.rttMs = rtt->count();
                }
                if (first || was != *check.answering) {
                    // Never the phone's address: it says where an operator is.
                    if (*check.answering) {
                        spdlog::info("operator {}: phone answers ({} ms)", id,
                                     check.rttMs.value_or(0));
                    } else {
                        spdlog::warn("operator {}: phone does not answer the gateway's check", id);
                        // They may not know: a softphone that died quietly,
                        // a desk phone unplugged.
                        publish("operator.notice",
                                {{"operatorId", id},
                                 {"contactId", nullptr},
                                 {"kind", "phone-not-answering"},
                                 {"message", check.softphone ? kSoftphoneNotAnswering
                                                             : kDeskPhoneNotAnswering}},
                                Audience{false, id, false, true});
                    }
                    boardDirty(id);
                }
            });
    }
    for (auto it = checks.begin(); it != checks.end();) {
        if (asked.contains(it->first)) {
            ++it;
        } else {
            const Id id = it->first;
            const bool shown = it->second.answering.has_value();
            it = checks.erase(it);
            if (shown) {
                boardDirty(id);
            }
        }
    }
}

} // namespace warmline::telephony
