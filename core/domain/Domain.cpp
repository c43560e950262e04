#include "core/domain/Domain.h"

#include <array>
#include <utility>

namespace warmline {

EpochMs nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {

template <typename E, std::size_t N> using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Channel, 2> kChannels{{{Channel::Call, "call"}, {Channel::Text, "text"}}};
constexpr Names<ContactState, 6> kStates{{{ContactState::Queued, "queued"},
                                          {ContactState::Offered, "offered"},
                                          {ContactState::Active, "active"},
                                          {ContactState::WrapUp, "wrap-up"},
                                          {ContactState::Closed, "closed"},
                                          {ContactState::Abandoned, "abandoned"}}};
constexpr Names<Role, 4> kRoles{{{Role::Operator, "operator"},
                                 {Role::Lead, "lead"},
                                 {Role::Supervisor, "supervisor"},
                                 {Role::Admin, "admin"}}};
constexpr Names<Presence, 5> kPresences{{{Presence::Available, "available"},
                                         {Presence::Busy, "busy"},
                                         {Presence::WrapUp, "wrap-up"},
                                         {Presence::Break, "break"},
                                         {Presence::Offline, "offline"}}};
constexpr Names<RiskLevel, 4> kRisks{{{RiskLevel::None, "none"},
                                      {RiskLevel::Concern, "concern"},
                                      {RiskLevel::High, "high"},
                                      {RiskLevel::Imminent, "imminent"}}};
constexpr Names<Direction, 2> kDirections{
    {{Direction::Inbound, "in"}, {Direction::Outbound, "out"}}};
constexpr Names<DeliveryStatus, 8> kStatuses{{{DeliveryStatus::Queued, "queued"},
                                              {DeliveryStatus::Sending, "sending"},
                                              {DeliveryStatus::Unknown, "unknown"},
                                              {DeliveryStatus::Sent, "sent"},
                                              {DeliveryStatus::Delivered, "delivered"},
                                              {DeliveryStatus::Undelivered, "undelivered"},
                                              {DeliveryStatus::Failed, "failed"},
                                              {DeliveryStatus::Received, "received"}}};
constexpr Names<Provider, 3> kProviders{{{Provider::Twilio, "twilio"},
                                         {Provider::Kannel, "kannel"},
                                         {Provider::Simulator, "simulator"}}};

constexpr Names<FlagKind, 3> kFlagKinds{{{FlagKind::Abusive, "abusive"},
                                         {FlagKind::Blocked, "blocked"},
                                         {FlagKind::FollowUp, "follow-up"}}};
constexpr Names<Outcome, 5> kOutcomes{{{Outcome::Supported, "supported"},
                                       {Outcome::Referred, "referred"},
                                       {Outcome::Escalated, "escalated"},
                                       {Outcome::Disconnected, "disconnected"},
                                       {Outcome::Inappropriate, "inappropriate"}}};
constexpr Names<Helped, 4> kHelped{{{Helped::Yes, "yes"},
                                    {Helped::Somewhat, "somewhat"},
                                    {Helped::No, "no"},
                                    {Helped::Unsure, "unsure"}}};

template <typename E, std::size_t N> std::string_view nameOf(const Names<E, N>& names, E value)
{
    for (const auto& [e, name] : names) {
        if (e == value) {
            return name;
        }
    }
    return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const Names<E, N>& names, std::string_view text)
{
    for (const auto& [e, name] : names) {
        if (name == text) {
            return e;
        }
    }
    return std::nullopt;
}

} // namespace

std::string_view toString(Channel v)
{
    return nameOf(kChannels, v);
}
std::string_view toString(ContactState v)
{
    return nameOf(kStates, v);
}
std::string_view toString(Role v)
{
    return nameOf(kRoles, v);
}
std::string_view toString(Presence v)
{
    return nameOf(kPresences, v);
}
std::string_view toString(RiskLevel v)
{
    return nameOf(kRisks, v);
}
std::string_view toString(Direction v)
{
    return nameOf(kDirections, v);
}
std::string_view toString(DeliveryStatus v)
{
    return nameOf(kStatuses, v);
}
std::string_view toString(Provider v)
{
    return nameOf(kProviders, v);
}

std::string_view toString(FlagKind v)
{
    return nameOf(kFlagKinds, v);
}
std::string_view toString(Outcome v)
{
    return nameOf(kOutcomes, v);
}
std::string_view toString(Helped v)
{
    return nameOf(kHelped, v);
}

std::optional<Channel> parseChannel(std::string_view s)
{
    return valueOf(kChannels, s);
}
std::optional<ContactState> parseContactState(std::string_view s)
{
    return valueOf(kStates, s);
}
std::optional<Role> parseRole(std::string_view s)
{
    return valueOf(kRoles, s);
}
std::optional<Presence> parsePresence(std::string_view s)
{
    return valueOf(kPresences, s);
}
std::optional<RiskLevel> parseRiskLevel(std::string_view s)
{
    return valueOf(kRisks, s);
}
std::optional<Direction> parseDirection(std::string_view s)
{
    return valueOf(kDirections, s);
}
std::optional<DeliveryStatus> parseDeliveryStatus(std::string_view s)
{
    return valueOf(kStatuses, s);
}
std::optional<Provider> parseProvider(std::string_view s)
{
    return valueOf(kProviders, s);
}

std::optional<FlagKind> parseFlagKind(std::string_view s)
{
    return valueOf(kFlagKinds, s);
}
std::optional<Outcome> parseOutcome(std::string_view s)
{
    return valueOf(kOutcomes, s);
}
std::optional<Helped> parseHelped(std::string_view s)
{
    return valueOf(kHelped, s);
}

EpochMs localMidnight(EpochMs now, int offsetMinutes)
{
    constexpr EpochMs kDayMs = 24LL * 3600 * 1000;
    const EpochMs offsetMs = EpochMs{offsetMinutes} * 60 * 1000;
    const EpochMs local = now + offsetMs;
    // Floor division, so instants before 1970 land on the right day too.
    EpochMs days = local / kDayMs;
    if (local % kDayMs < 0) {
        --days;
    }
    return days * kDayMs - offsetMs;
}

bool deliveryStatusMayAdvance(DeliveryStatus from, DeliveryStatus to)
{
    auto isFinal = [](DeliveryStatus s) {
        return s == DeliveryStatus::Delivered || s == DeliveryStatus::Undelivered ||
               s == DeliveryStatus::Failed || s == DeliveryStatus::Received;
    };
    if (isFinal(from) || to == DeliveryStatus::Received) {
        return false;
    }
    if (to == DeliveryStatus::Failed || to == DeliveryStatus::Undelivered) {
        return true;
    }
    return static_cast<int>(to) > static_cast<int>(from);
}

bool isOpen(ContactState s)
{
    return s != ContactState::Closed && s != ContactState::Abandoned;
}

bool mayHoldContacts(Role r)
{
    return r == Role::Operator || r == Role::Lead;
}
bool mayReadAnyContact(Role r)
{
    return r == Role::Lead || r == Role::Supervisor;
}
bool mayAdminister(Role r)
{
    return r == Role::Admin;
}
bool mayReview(Role r)
{
    return r == Role::Supervisor || r == Role::Admin;
}
bool mayRevealNumber(Role r)
{
    return r == Role::Admin;
}

std::string previewOf(std::string_view body, std::size_t maxChars)
{
    if (body.size() <= maxChars) {
        return std::string(body);
    }
    std::size_t cut = maxChars;
    // Step back to a UTF-8 lead byte so no code point is split.
    while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    const auto space = body.rfind(' ', cut);
    if (space != std::string_view::npos && space > maxChars / 2) {
        cut = space;
    }
    return std::string(body.substr(0, cut)) + "\u2026";
}

} // namespace warmline
