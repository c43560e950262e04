#pragma once

// Screening of inbound contacts (docs/screening.md): numbers a line chooses
// to hold for a lead or refuse (international, premium-rate), and numbers
// that text or call more often in an hour than the line allows. Pure: the
// gateway asks, and holds, refuses or queues as told. Nothing here keeps a
// phone number: the rate window is keyed by the caller's number hash.

#include "core/domain/Domain.h"

#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace warmline {

enum class ScreenAction
{
    Accept,
    Hold,   ///< queued, but only a lead may take or assign it until released
    Refuse, ///< not queued: a call is declined, a text gets no reply
};

std::string_view toString(ScreenAction action);
/// "accept", "hold" or "refuse"; throws std::invalid_argument otherwise.
ScreenAction screenActionFromString(std::string_view text);

struct ScreeningSettings
{
    int textsPerHour = 0; ///< 0: no limit
    int callsPerHour = 0; ///< 0: no limit
    /// The line's own country calling code ("+1"); numbers in E.164 with
    /// another code are international. Empty: none is.
    std::string homeCountry = "+1";
    ScreenAction international = ScreenAction::Accept;
    /// E.164 prefixes of premium-rate numbers ("+1900").
    std::vector<std::string> premiumPrefixes{"+1900"};
    ScreenAction premium = ScreenAction::Hold;
    bool operator==(const ScreeningSettings&) const = default;
};

struct Screen
{
    ScreenAction action = ScreenAction::Accept;
    /// Why, in words a lead reads ("a premium-rate number"); never the number.
    std::string reason;
    /// A short machine-readable kind: "premium", "international", "rate".
    std::string kind;
};

/// What the line does with a contact from `number` (as the carrier gave it:
/// E.164 "+15555550100", or anything else, which is neither international
/// nor premium). Premium is checked before international.
Screen screenNumber(std::string_view number, const ScreeningSettings& settings);

/// The number a waiting caller keyed for their callback (docs/callbacks.md),
/// digits only as pressed, in E.164 for dialling through the trunk. With
/// homeCountry "+1": ten digits (or eleven starting with 1) whose area code
/// and exchange start with 2-9 and are not N11, or 011 and an international
/// number. Elsewhere: 00 and an international number only (national plans
/// differ too much to guess). nullopt otherwise, or if screening would hold
/// or refuse it: the line calls back no number it would not take a call
/// from. Short codes (911, 988, 112) are never whole numbers.
std::optional<std::string> keyedCallbackNumber(std::string_view digits,
                                               const ScreeningSettings& settings);

/// Counts events per key (a caller's number hash) over the last hour.
/// Bounded: at most `maxKeys` keys and `limit + 1` times per key are kept;
/// past `maxKeys`, the key seen longest ago is forgotten.
class RateWindow
{
public:
    explicit RateWindow(std::size_t maxKeys = 100'000) : m_maxKeys(maxKeys) {}

    /// Records one event for `key` at `now` and returns how many the key
    /// has had in the hour up to and including it, counted up to `cap`
    /// (a caller who sends thousands costs no more memory than `cap`).
    int record(const std::string& key, EpochMs now, int cap);

    std::size_t keys() const { return m_times.size(); }

private:
    struct Entry
    {
        std::vector<EpochMs> times; ///< oldest first; a handful (limit + 1)
        std::list<const std::string*>::iterator order;
    };
    std::size_t m_maxKeys;
    std::unordered_map<std::string, Entry> m_times;
    /// The map's own keys (nodes do not move), least recently seen first.
    std::list<const std::string*> m_order;
};

/// The rate limit as a Screen: Hold with the reason when `count` exceeds
/// `perHour` (> 0), else Accept. `what` is "texts" or "calls".
Screen screenRate(int count, int perHour, std::string_view what);

} // namespace warmline
