#pragma once

// The shift lead board's state inside the gateway: the shift's figures, the
// open alerts, the held contacts' start times, the after-hours switch and
// the timer that checks thresholds. Private to Gateway.cpp and
// GatewayBoard.cpp; used on the gateway's executor only.

#include "core/domain/Alert.h"
#include "core/domain/ShiftFigures.h"
#include "telephony/gateway/Gateway.h"

#include <boost/asio/steady_timer.hpp>

#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace warmline::telephony {

/// Who reads the shift board: leads, supervisors (read only) and admins.
inline bool mayReadBoard(Role r)
{
    return r == Role::Lead || r == Role::Supervisor || r == Role::Admin;
}

/// Who acts on the board (assign, take back, break, messages, after-hours,
/// acknowledging alerts): leads and admins.
inline bool mayLeadShift(Role r)
{
    return r == Role::Lead || r == Role::Admin;
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
    std::vector<Alert> unsaved; ///< raised while the store failed; retried
    bool afterHours = false;
    bool loaded = false;
    boost::asio::steady_timer tick;
    bool flushPosted = false;
    bool figuresDirty = false;
    std::set<Id> dirtyOperators;
    EpochMs lastShiftStart = 0;
};

} // namespace warmline::telephony
