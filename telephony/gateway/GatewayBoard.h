#pragma once

// The shift lead board's state inside the gateway: the shift's figures, the
// open alerts, the held contacts' start times, the after-hours switch and
// the timer that checks thresholds. Private to the files that implement
// Gateway (GatewayBoard.cpp, commands/Board.cpp and those that read the
// board); used on the gateway's executor only.

#include "core/domain/Alert.h"
#include "core/domain/ShiftFigures.h"
#include "telephony/gateway/Gateway.h"
#include "telephony/gateway/Permissions.h"

#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

namespace warmline::telephony {

/// The line state key of the after-hours switch (board_state).
inline const std::string kAfterHoursKey = "after_hours";
/// Switchboarding (docs/coaching.md#switchboarding): new contacts wait for a lead.
inline const std::string kSwitchboardKey = "switchboard";
/// Overflow to a partner line (docs/coaching.md#overflow), switched by a lead.
inline const std::string kOverflowKey = "overflow";

/// An operator or lead as the board's events name them.
inline boost::json::object userRef(Id id, const std::string& name)
{
    return {{"id", id}, {"name", name}};
}

struct Gateway::Board
{
    explicit Board(const boost::asio::any_io_executor& ex) : tick(ex) {}

    ShiftStats stats;
    std::unordered_map<Id, EpochMs> heldSince; ///< contact → accepted at
    std::map<Id, Alert> open;                  ///< unacknowledged alerts by id
    /// Conditions already alerted on: (kind, subject, since), so each wait,
    /// hold or presence period raises one alert.
    std::set<std::tuple<int, Id, EpochMs>> raised;
    /// Since when contacts have waited with no one able to take one.
    std::optional<EpochMs> noOneSince;
    std::vector<Alert> unsaved; ///< raised while the store failed; retried
    bool afterHours = false;
    bool switchboard = false;
    bool overflow = false;
    std::optional<Id> overflowBy; ///< the lead who switched it on (not kept across restarts)
    bool loaded = false;
    boost::asio::steady_timer tick;
    bool flushPosted = false;
    bool figuresDirty = false;
    std::set<Id> dirtyOperators;
    EpochMs lastShiftStart = 0;
    /// The last answer of an operator's phone to the gateway's check
    /// (phoneCheckTick), by operator; reset when their phone changes.
    struct PhoneCheck
    {
        std::string uri;
        bool softphone = false;        ///< the app's, else a desk phone
        std::optional<bool> answering; ///< nullopt: not asked yet
        std::optional<EpochMs> answeredAt;
        std::optional<std::int64_t> rttMs;
        EpochMs askedAt = 0;
        bool asking = false;
        std::uint64_t generation = 0; ///< answers to an earlier phone are ignored
        /// How the last answer came: "udp", or over a registered softphone's
        /// connection "tls" or "tcp".
        std::string transport = "udp";
    };
    std::unordered_map<Id, PhoneCheck> phoneChecks;
    std::uint64_t phoneCheckGeneration = 0;
    /// Whether each operator's registering softphone was registered when
    /// the board last showed it (phoneRegistrationTick).
    std::unordered_map<Id, bool> registrationsShown;
};

} // namespace warmline::telephony
