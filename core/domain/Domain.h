#pragma once

// The warmline's domain vocabulary: channels, contact states, roles,
// presence, risk levels and the plain records that move between the store,
// the queue and the operator link. Value types only; safe to copy across
// threads.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline {

using Id = std::int64_t;

/// Milliseconds since the Unix epoch (UTC). The store and the link use it.
using EpochMs = std::int64_t;

EpochMs nowMs();

enum class Channel
{
    Call,
    Text
};

/// queued → offered → active → wrapUp → closed, or abandoned while waiting.
enum class ContactState
{
    Queued,
    Offered,
    Active,
    WrapUp,
    Closed,
    Abandoned
};

enum class Role
{
    Operator,
    Lead,
    Supervisor,
    Admin
};

enum class Presence
{
    Available,
    Busy,
    WrapUp,
    Break,
    Offline
};

/// Ordered: a higher value is more urgent.
enum class RiskLevel
{
    None = 0,
    Concern = 1,
    High = 2,
    Imminent = 3
};

enum class Direction
{
    Inbound,
    Outbound
};

/// Delivery of an outbound text. Only moves forward in this order, except
/// that Failed and Undelivered are final and may follow any earlier state.
/// Unknown: the request may have reached the provider (written, then no
/// answer); it is never resent by itself and the operator checks first.
enum class DeliveryStatus
{
    Queued,
    Sending,
    Unknown,
    Sent,
    Delivered,
    Undelivered,
    Failed,
    Received
};

enum class Provider
{
    Twilio,
    Kannel,
    Simulator
};

std::string_view toString(Channel);
std::string_view toString(ContactState);
std::string_view toString(Role);
std::string_view toString(Presence);
std::string_view toString(RiskLevel);
std::string_view toString(Direction);
std::string_view toString(DeliveryStatus);
std::string_view toString(Provider);

std::optional<Channel> parseChannel(std::string_view);
std::optional<ContactState> parseContactState(std::string_view);
std::optional<Role> parseRole(std::string_view);
std::optional<Presence> parsePresence(std::string_view);
std::optional<RiskLevel> parseRiskLevel(std::string_view);
std::optional<Direction> parseDirection(std::string_view);
std::optional<DeliveryStatus> parseDeliveryStatus(std::string_view);
std::optional<Provider> parseProvider(std::string_view);

/// True when a delivery status may replace `from` (status only moves forward).
bool deliveryStatusMayAdvance(DeliveryStatus from, DeliveryStatus to);

/// True for states in which a contact is still open (not closed/abandoned).
bool isOpen(ContactState);

/// Whether a role may hold contacts (accept from the queue).
bool mayHoldContacts(Role);
/// Whether a role may read any contact, not only its own.
bool mayReadAnyContact(Role);
/// Whether a role may run account administration.
bool mayAdminister(Role);
/// Whether a role may review ended contacts, read reports and the audit log
/// (supervisor, admin; docs/decisions.md).
bool mayReview(Role);
/// Whether a role may reveal a caller's phone number (admin only).
bool mayRevealNumber(Role);

/// An inbound text as a carrier delivered it, before it touches the store.
/// `from` is the caller's number: it never leaves the gateway process.
struct InboundText
{
    Provider provider = Provider::Twilio;
    std::string providerId; ///< MessageSid, or Kannel's id; idempotency key
    std::string from;       ///< E.164 or provider format; confidential
    std::string to;         ///< the line's number
    std::string body;       ///< UTF-8, validated
    EpochMs receivedAt = 0;
};

/// What the queue and the link show of a contact.
struct ContactSummary
{
    Id id = 0;
    Id callerId = 0;
    std::string alias;
    Channel channel = Channel::Text;
    ContactState state = ContactState::Queued;
    RiskLevel risk = RiskLevel::None;
    std::vector<std::string> riskSignals; ///< why: the signals behind `risk`, readable
    EpochMs createdAt = 0;
    EpochMs queuedAt = 0; ///< when it (re-)entered the queue
    std::optional<Id> operatorId;
    std::string operatorName;
    std::string preview; ///< first words of the latest inbound text
    int messageCount = 0;
    std::string language; ///< chosen by the caller (calls: a key in the greeting); "" if none
};

struct Message
{
    Id id = 0;
    Id contactId = 0;
    Direction direction = Direction::Inbound;
    std::string body;
    EpochMs at = 0;
    DeliveryStatus status = DeliveryStatus::Received;
    std::string error;
    /// An outbound text the line sent by itself (an automatic reply), not
    /// one an operator wrote.
    bool automatic = false;
};

struct OperatorAccount
{
    Id id = 0;
    std::string name;
    Role role = Role::Operator;
    int textCapacity = 3; ///< texts held at once; a call takes the whole capacity
    bool disabled = false;
    EpochMs createdAt = 0;
    std::vector<std::string> languages; ///< languages the operator takes contacts in
    std::string sipUri; ///< the phone calls are put through to (desk phone); "" if none
    std::string group;  ///< the operator's group, for reports (docs/surveys.md); "" if none
};

/// A caller's flag. Abusive and blocked inform the lead's decisions;
/// follow-up asks the next operator to check in on something.
enum class FlagKind
{
    Abusive,
    Blocked,
    FollowUp
};

/// How a contact ended, chosen at wrap-up.
enum class Outcome
{
    Supported,
    Referred,
    Escalated,
    Disconnected,
    Inappropriate
};

/// The operator's sense of whether the contact helped, chosen at wrap-up.
enum class Helped
{
    Yes,
    Somewhat,
    No,
    Unsure
};

std::string_view toString(FlagKind);
std::string_view toString(Outcome);
std::string_view toString(Helped);
std::optional<FlagKind> parseFlagKind(std::string_view);
std::optional<Outcome> parseOutcome(std::string_view);
std::optional<Helped> parseHelped(std::string_view);

struct CallerFlag
{
    Id id = 0;
    FlagKind kind = FlagKind::FollowUp;
    std::string note;
    EpochMs setAt = 0;
    std::string setBy; ///< the operator's name
    std::optional<EpochMs> expiresAt;
};

/// A note about the caller (not about one contact), kept across contacts.
struct CallerNote
{
    Id id = 0;
    std::string body;
    EpochMs at = 0;
    std::string operatorName;
};

/// A caller's own limits; an empty value means the line's default applies.
struct CallerLimits
{
    std::optional<int> callsPerDay;    ///< 0 = no limit
    std::optional<int> minutesPerCall; ///< 0 = no limit
    std::string preferredTimes;        ///< free text, e.g. "evenings after 7"
};

/// The line's default limits (configuration keys limits.*); 0 = none.
struct LineLimits
{
    int callsPerDay = 3;
    int minutesPerCall = 20;
};

/// What an operator may know about a caller: never the number.
struct CallerProfile
{
    Id id = 0;
    std::string alias;
    std::string preferredName;
    std::string pronouns;
    std::string language;
    EpochMs firstContactAt = 0;
    int contactCount = 0;          ///< every contact of this caller, the current one included
    int contactsToday = 0;         ///< created since the line's local midnight
    std::vector<CallerFlag> flags; ///< unexpired and not cleared
    CallerLimits limits;
    std::vector<CallerNote> notes; ///< newest first
};

/// Changes to a caller's details; an empty optional leaves a field as is,
/// an empty string clears it.
struct CallerDetailsUpdate
{
    std::optional<std::string> preferredName;
    std::optional<std::string> pronouns;
    std::optional<std::string> language;
};

/// The structured part of a wrap-up (the note is stored beside it).
struct WrapUp
{
    std::vector<std::string> topics;
    std::vector<std::string> referrals;
    Outcome outcome = Outcome::Supported;
    Helped helped = Helped::Unsure;
};

/// One of a caller's earlier contacts, as the caller's history shows it.
struct ContactHistoryEntry
{
    Id id = 0;
    Channel channel = Channel::Text;
    ContactState state = ContactState::Closed;
    EpochMs createdAt = 0;
    std::optional<EpochMs> closedAt;
    std::int64_t durationMs = 0; ///< accepted until wrap-up (or close); 0 if never accepted
    std::optional<Outcome> outcome;
    std::optional<Helped> helped;
    std::vector<std::string> topics;
    std::vector<std::string> referrals;       ///< the wrap-up's referral labels
    std::vector<std::string> resourcesShared; ///< directory resources shared, by name
    RiskLevel risk = RiskLevel::None;
    std::string note;
    std::string operatorName;
    /// The caller's survey answer (1 yes, 2 a little, 3 no) for this contact,
    /// set only for the operator who took it on a line that shows it
    /// (survey.show_to_operator, docs/surveys.md).
    std::optional<int> surveyAnswer;
};

/// The start of the local day containing `now`, as UTC epoch milliseconds,
/// for a line whose local time is UTC + offsetMinutes.
EpochMs localMidnight(EpochMs now, int offsetMinutes);

/// The first words of a text for queue views: at most `maxChars` bytes, cut
/// at a UTF-8 boundary and a word break where possible.
std::string previewOf(std::string_view body, std::size_t maxChars = 80);

} // namespace warmline
