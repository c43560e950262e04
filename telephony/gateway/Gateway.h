#pragma once

// The gateway's domain logic on its event loop: the authoritative queue, the
// operators on shift, inbound texts and the replies that go out, calls, the
// board and the link's commands. Everything here runs on one executor (the
// gateway's io_context runs on one thread); the store's threads hand results
// back by posting to it. Free of Beast: the HTTP and WebSocket sides call in
// through the methods below and receive frames through LinkPeer.
//
// The class is implemented across several files, each one concern:
//   Gateway.cpp         start-up, links in and out, dispatch, operators' presence
//   GatewayTexts.cpp    texts in (webhooks) and out (the provider, retries)
//   GatewayBoard.cpp    the shift lead board's state, alerts and recovery
//   GatewayCalls.cpp    calls over SIP: queued, put through, ended
//   GatewayTransfers.cpp  the warm transfer of a call to a crisis line
//   commands/*.cpp      the link's commands, one file per family, registered
//                       in one CommandTable (name -> who may -> handler)
// LinkHub holds the links, the events and their replay; Supervision the
// supervisors' and admins' commands.

#include "core/carriers/TextKeywords.h"
#include "core/config/LineContent.h"
#include "core/config/LineSettings.h"
#include "core/domain/Alert.h"
#include "core/domain/CheckIn.h"
#include "core/domain/ContactQueue.h"
#include "core/domain/Domain.h"
#include "core/domain/Screening.h"
#include "core/link/LinkCodec.h"
#include "core/risk/LanguageGuess.h"
#include "core/risk/RiskEngine.h"
#include "core/store/Callbacks.h"
#include "core/store/CheckIns.h"
#include "core/store/StoreWorker.h"
#include "telephony/gateway/CommandTable.h"
#include "telephony/gateway/LinkHub.h"
#include "telephony/gateway/Outbound.h"
#include "telephony/sip/CallListener.h"

#include <boost/asio/any_io_executor.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace warmline {
class SiteKeys;
class LoginThrottle;
struct Alert;
struct CoachingEvent;
} // namespace warmline

namespace warmline::sip {
class CallService;
} // namespace warmline::sip

namespace warmline::telephony {

class Supervision;

/// The shift lead board's targets and timers (config keys board.*, alerts.*);
/// a threshold of 0 turns its alert off.
struct BoardSettings
{
    std::vector<int> shiftStarts; ///< minutes after local midnight; empty: the window
    EpochMs shiftWindowMs = 8 * 3600 * 1000;
    /// targets.answer_seconds and targets.answered_on_time_percent: the
    /// board's service level counts against the reports' targets.
    EpochMs answerTargetMs = 60'000;
    int serviceLevelTargetPercent = 80;
    EpochMs waitAlertMs = 300'000;
    EpochMs timeLimitMs = 45 * 60'000;
    EpochMs presenceStuckMs = 30 * 60'000;
    /// board.break_reminder: taking contacts this long without a break gets
    /// the operator a reminder (0: off); board.break_after_high_risk.
    EpochMs breakReminderMs = 2 * 3600 * 1000;
    bool breakAfterHighRisk = true;
    /// board.announce_listening (a line setting): a lead listening to a
    /// call is announced to its operator.
    bool announceListening = true;
    EpochMs recoveryGraceMs = 120'000;
    EpochMs checkIntervalMs = 1'000;
    EpochMs repeatAfterMs = 120'000;
    EpochMs escalateAfterMs = 300'000;
};

/// What the gateway's logic needs from the configuration.
struct GatewaySettings
{
    std::string firstContactReply;
    std::string afterHoursReply;
    std::string helpReply;
    std::string stopReply;
    std::string startReply;
    /// The same five for a texter who writes in Spanish: a text guessed to
    /// be Spanish, or from a caller whose language is Spanish. Empty: the
    /// English one.
    struct
    {
        std::string firstContact, afterHours, help, stop, start;
    } spanish;
    /// Guesses an inbound text's language; none = every reply in English.
    const LanguageGuesser* languages = nullptr;
    /// How long a text contact in a language waits for an operator who
    /// speaks it before anyone may take it; 0 = anyone at once.
    EpochMs languageWaitMs = 60'000;
    /// A texter still waiting this long gets one text with their place in
    /// line (line.wait_notice); 0: never.
    EpochMs waitNoticeMs = 0;
    /// How often a queued caller hears their place in line; 0: never.
    EpochMs positionIntervalMs = 0;
    /// How often each signed-in operator's phone is asked whether it is
    /// there (sip.phone_check_interval, GatewayBoard.cpp); 0: never.
    EpochMs phoneCheckIntervalMs = 0;
    std::function<bool(EpochMs)> isOpenAt; ///< the line's hours; empty = always open
    EpochMs sessionTtlMs = 12 * 3600 * 1000;
    std::size_t replayEvents = 10000;
    int maxOutboundAttempts = 5;
    EpochMs retryInitialMs = 1000;
    EpochMs retryMaxMs = 60000;
    std::string defaultFromNumber; ///< used when a contact has no line number
    std::string lineName = "Warmline";
    /// The resource directory's file (docs/resources.md); searched on the
    /// link with resources.search; empty or missing: none yet.
    std::string directoryFile;
    LineContent lineContent; ///< quick replies, wrap-up topics and referrals
    std::string trunkUri;    ///< sip.trunk_uri: crisis lines given as numbers
    /// sip.allow_plain_remote_phones: softphones and desk phones off the
    /// site's network may take calls (plain SIP and RTP).
    bool allowPlainRemotePhones = false;
    /// Overflow to a partner line (docs/coaching.md#overflow): the config's
    /// overflow.* keys. No partner name: none.
    struct
    {
        std::string partnerName;
        std::string partnerTextNumber;
        std::string partnerCallNumber; ///< a number (through trunkUri) or a SIP URI
        EpochMs afterMs = 0;           ///< 0: only while a lead has it on
    } overflow;
    /// Numbers held for a lead or refused, hourly limits per number
    /// (docs/screening.md): the config's screening.* keys.
    ScreeningSettings screening;
    /// The survey after a text conversation (docs/surveys.md).
    struct
    {
        bool afterTexts = false;
        bool afterCalls = false;
        bool showToOperator = false; ///< a line setting (applyLineSettings)
        EpochMs minGapMs = 7LL * 24 * 3'600'000;
        EpochMs answerWindowMs = 24LL * 3'600'000;
    } survey;
    /// Check-ins callers asked for (docs/checkins.md).
    struct
    {
        EpochMs missedAfterMs = 2LL * 3'600'000;
        /// Tests only (WARMLINE_TEST_CHECKIN_CLOCK): check-ins run on a
        /// clock starting at clockStartMs and running clockRate times real
        /// time. 0: the real clock.
        EpochMs clockStartMs = 0;
        int clockRate = 0;
    } checkIns;
    /// Callbacks that keep a caller's place (docs/callbacks.md).
    struct
    {
        EpochMs offerAfterMs = 0; ///< 0: not offered
        int attempts = 3;
        EpochMs retryAfterMs = 10LL * 60'000;
    } callbacks;
    LineLimits limits; ///< the line's defaults for callers
    TimeZone timeZone; ///< the line's: hours, shifts, where "today" begins
    /// Scores inbound texts and notes; none = nothing is scored (tests only:
    /// the gateway's main always loads the rules).
    std::shared_ptr<const RiskEngine> risk;
    BoardSettings board;
    /// Hours, limits, targets and retention as the file sets them; admins'
    /// stored overrides are applied at start() (docs/decisions.md).
    LineSettings lineSettings;
    /// The link command debug.fault, which makes handlers throw on purpose.
    /// Only WARMLINE_TEST_FAULTS=1 in the gateway's environment turns it on
    /// (docs/decisions.md); never in production.
    bool testFaults = false;
};

/// Counters for /metrics and /healthz; written on the gateway's executor,
/// read from anywhere.
struct GatewayCounters
{
    std::atomic<std::uint64_t> webhookStored{0};
    std::atomic<std::uint64_t> webhookDuplicate{0};
    std::atomic<std::uint64_t> webhookRejected{0};
    std::atomic<std::uint64_t> webhookForbidden{0};
    std::atomic<std::uint64_t> webhookUnavailable{0};
    std::atomic<std::uint64_t> webhookTimedOut{0}; ///< also counted unavailable
    std::atomic<std::uint64_t> statusCallbacks{0};
    std::atomic<std::uint64_t> outboundSent{0};
    std::atomic<std::uint64_t> outboundRetried{0};
    std::atomic<std::uint64_t> outboundFailed{0};
    std::atomic<std::uint64_t> outboundUnknown{0}; ///< maybe sent, not retried
    std::atomic<std::uint64_t> linkFrames{0};
    std::atomic<std::uint64_t> linkErrors{0};
    std::atomic<std::uint64_t> logins{0};
    std::atomic<std::uint64_t> failedLogins{0};
    /// Screening (docs/screening.md): contacts held for a lead, refused.
    std::atomic<std::uint64_t> screenedHeldTexts{0};
    std::atomic<std::uint64_t> screenedHeldCalls{0};
    std::atomic<std::uint64_t> screenedRefusedTexts{0};
    std::atomic<std::uint64_t> screenedRefusedCalls{0};
};

class Gateway : public sip::CallListener
{
public:
    Gateway(boost::asio::any_io_executor ex, GatewaySettings settings, StoreWorker& writer,
            StoreWorker& reader, SiteKeys& keys, LoginThrottle& throttle,
            std::unique_ptr<OutboundSender> sender);
    ~Gateway() override;
    Gateway(const Gateway&) = delete;
    Gateway& operator=(const Gateway&) = delete;

    /// Loads open contacts and unsent texts from the store; calls `done` on
    /// the executor (with an error message if the store could not be read).
    void start(std::function<void(std::string error)> done);

    // Webhooks.
    enum class IngestResult
    {
        Stored,
        Duplicate,
        Unavailable
    };
    void ingestText(InboundText text, std::function<void(IngestResult)> done);
    /// A delivery report: by provider id (Twilio) or our message id (Kannel).
    void deliveryReport(std::optional<std::string> providerId, std::optional<Id> messageId,
                        DeliveryStatus status, std::string error, std::function<void(bool)> done);

    // Operator links.
    void attach(const std::shared_ptr<LinkPeer>& peer);
    void detach(LinkPeer* peer);
    void handleFrame(const std::shared_ptr<LinkPeer>& peer, std::string frame);

    /// Raises an escalation alert for a contact that became high or imminent
    /// risk (the escalation flow calls this); every lead gets it live and
    /// must acknowledge it. `summary` must hold no number or message body
    /// (numbers are masked all the same).
    void raiseEscalationAlert(Id contactId, Id escalationId, RiskLevel level, std::string summary);
    // Calls over SIP (GatewayCalls.cpp). Without a call service, calls are off.
    void setCallService(sip::CallService* calls) { m_calls = calls; }

    /// The config file, the line content and the risk rules were read again
    /// (SIGHUP): takes the replies, line content, rules, time zone, board
    /// and alert timers, outbound retries and the file's line settings (hours,
    /// limits, targets, retention; admins' overrides stay) from `fresh`.
    /// Contacts, links and calls carry on untouched. On the gateway's
    /// executor.
    void reloadSettings(GatewaySettings fresh);
    void callArrived(sip::CallRef call, const sip::IncomingCall& info) override;
    void callerHungUp(sip::CallRef call) override;
    void callLanguageChosen(sip::CallRef call, const std::string& language) override;
    void operatorAnswered(sip::CallRef call) override;
    void operatorNotAnswered(sip::CallRef call, const std::string& why) override;
    void operatorHungUp(sip::CallRef call) override;
    void crisisLineAnswered(sip::CallRef call) override;
    void crisisLineFailed(sip::CallRef call, const std::string& why) override;
    void operatorLeft(sip::CallRef call) override;
    void interpreterAnswered(sip::CallRef call) override;
    void interpreterFailed(sip::CallRef call, const std::string& why) override;
    void leadAnswered(sip::CallRef call) override;
    void leadFailed(sip::CallRef call, const std::string& why) override;
    void callerPressed(sip::CallRef call, char key) override;
    void partnerAnswered(sip::CallRef call) override;
    void partnerFailed(sip::CallRef call, const std::string& why) override;
    void callbackNumberChosen(sip::CallRef call, const std::string& keyed) override;
    void callbackAnswered(sip::CallRef call) override;
    void callbackNotReached(sip::CallRef call, const std::string& why) override;
    void checkInStopPressed(sip::CallRef call) override;
    void phoneRegistrationChanged(const std::string& username) override;
    /// Prometheus lines for calls and media ("" when calls are off).
    std::string callMetrics() const;

    // Read-outs.
    std::size_t queueLength() const { return m_queue.size(); }
    EpochMs longestWaitMs() const { return m_queue.longestWait(nowMs()); }
    std::size_t queueByChannel(Channel c) const { return m_queue.countByChannel(c); }
    std::size_t linkCount() const { return m_hub.size(); }
    std::size_t operatorsOnShift() const;
    /// Signed-in operators whose phone did not answer the gateway's last
    /// check (sip.phone_check_interval).
    std::size_t phonesNotAnswering() const;
    std::size_t heldContacts() const { return m_held.size(); }
    const std::string& epoch() const { return m_hub.epoch(); }
    std::uint64_t lastSeq() const { return m_hub.lastSeq(); }
    bool afterHoursMode() const;
    /// Switchboarding: new contacts wait in the queue for a lead to assign.
    bool switchboardOn() const;
    /// Texts each texter waiting past line.wait_notice their place in line,
    /// once (GatewayTexts.cpp); from the board's tick.
    void sendWaitNotices(EpochMs now);
    /// Tells each caller waiting in the queue their place in line every
    /// sip.position_interval (GatewayCalls.cpp).
    void announcePositions(EpochMs now);
    /// Overflow (GatewayOverflow.cpp): whether a lead has switched it on,
    /// whether it applies to a waiting contact now, and the board tick's
    /// part: the partner's text number to waiting texters, the offer to
    /// waiting callers, once each.
    bool overflowOn() const;
    bool overflowApplies(const ContactSummary& c, EpochMs now) const;
    void overflowTick(EpochMs now);
    /// Throws Conflict if the caller is being put through to the partner line.
    void refuseIfOverflowing(Id contactId) const;
    /// Check-ins (GatewayCheckIns.cpp, docs/checkins.md): the clock they run
    /// on (real time, or the tests' clock), the board tick's part (queue
    /// the ones due, take out the ones nobody took in time), a check-in
    /// added to the running schedule, and the zone a stored name means.
    EpochMs checkInNow() const;
    void checkInTick();
    void runCheckIn(const CheckInRecord& record);
    void checkInsStopped(const std::vector<Id>& ids, std::optional<Id> by, const std::string& why);
    TimeZone checkInZone(const std::string& name) const;
    boost::json::object checkInJson(const CheckInRecord& r) const;
    /// Callbacks (GatewayCallbacks.cpp, docs/callbacks.md): the board
    /// tick's offer to waiting callers, a caller's 1, an accept that dials
    /// the callback, and an attempt that did not reach the caller.
    bool callbacksOffered() const;
    void callbackTick(EpochMs now);
    /// `keyedNumber`: the sealed number the caller keyed (empty: theirs).
    void callbackRequested(sip::CallRef call, Id contactId,
                           std::vector<unsigned char> keyedNumber = {});
    /// When a queued callback may next be dialled (0: now, or no callback).
    EpochMs callbackDueAt(Id contactId) const;
    void dialCallback(Id contactId, Id operatorId);
    /// The operator's phone did not answer for contact `id`: back to the
    /// head of the queue, the operator on break.
    void ringNoAnswer(Id id, const std::string& why);
    void callbackAttemptFailed(Id contactId, const std::string& why);
    /// Throws Conflict while a callback's phones are ringing: the attempt
    /// ends on a phone (hanging up or declining), so that it is counted.
    void refuseWhileCallbackDialling(Id contactId) const;
    /// A contact entered the queue for the first time: its contact.queued
    /// event's data (with "forLead" while switchboarding holds it).
    boost::json::object queuedNew(const ContactSummary& c, const Screen& screen = {});
    /// Screening (GatewayScreening.cpp, docs/screening.md): what the line
    /// does with one more text or call from `number` (counted in its hourly
    /// window); a refusal recorded and shown to leads; a queued contact
    /// held for a lead, with its reason.
    Screen screenInbound(Channel channel, const std::string& number, const std::string& numberHash);
    void recordRefusal(Channel channel, const Screen& screen, const std::string& alias,
                       std::optional<Id> contactId, std::optional<Id> callerId);
    void holdScreened(const ContactSummary& c, const Screen& screen);
    /// board.snapshot's `screened`: the waiting contacts screening holds.
    boost::json::array screenedSnapshot() const;
    /// A survey's answer was stored (GatewaySurveys.cpp): thanks the texter.
    void surveyAnswered(Id contactId, Id callerId);
    /// The keypad survey after a call (GatewaySurveys.cpp): started in
    /// place of hanging up when due; its answer recorded.
    /// False (and the call ends) if the survey could not be started.
    bool startCallSurvey(Id contactId, sip::CallRef call, const std::string& language);
    void callSurveyAnswered(sip::CallRef call, int answer) override;
    std::size_t openAlerts() const;
    /// Escalations with an alert no lead has acknowledged yet (one per
    /// escalation, whatever its repeats), and since when the oldest waits
    /// (0 when none).
    std::size_t unacknowledgedEscalations() const;
    EpochMs oldestUnacknowledgedEscalationMs() const;
    const GatewayCounters& counters() const { return m_counters; }
    GatewayCounters& counters() { return m_counters; }

private:
    struct OperatorState
    {
        OperatorAccount account;
        Presence presence = Presence::Offline;
        EpochMs since = 0;
        std::set<Id> held;
        int links = 0;
        std::optional<EpochMs> linkLostAt; ///< the app vanished; recovery pending
        /// Since when the operator has been taking contacts without a break
        /// (0: on break or offline), and whether this stretch got its reminder.
        EpochMs workingSince = 0;
        bool breakReminded = false;
    };
    using Reply = std::function<void(std::string frame)>;

    // Link commands: one table, filled by the families in commands/.
    /// Runs one command; `answered` turns true once `reply` has been used.
    void dispatch(const std::shared_ptr<LinkPeer>& peer, LinkState& state, link::Request req,
                  const std::shared_ptr<bool>& answered);
    /// A handler of the gateway's own: checks its parameters and answers.
    using Command = void (Gateway::*)(LinkState&, const link::Request&, const Reply&);
    void addCommand(std::string name, CommandRule rule, Command command);
    void addSessionCommands();    ///< commands/Session.cpp
    void addContactCommands();    ///< commands/Contacts.cpp
    void addCallerCommands();     ///< commands/Callers.cpp
    void addOperatorCommands();   ///< commands/Operators.cpp
    void addEscalationCommands(); ///< commands/Escalations.cpp
    void addLineCommands();       ///< commands/Line.cpp
    void addBoardCommands();      ///< commands/Board.cpp
    void addCallCommands();       ///< commands/Calls.cpp
    void addDebugCommands();      ///< commands/Debug.cpp, with testFaults only
    void addResourceCommands();   ///< commands/Resources.cpp
    void addPlanCommands();       ///< commands/Plans.cpp
    void addCheckInCommands();    ///< commands/CheckIns.cpp
    void addCoachingCommands();   ///< commands/Coaching.cpp
    void cmdWatch(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdCoachNote(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdTakeover(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdTakeoverAnswer(LinkState& state, const link::Request& req, const Reply& reply);
    const ContactSummary& coachedContact(Id contactId, Id leadId) const;
    void stopWatching(Id contactId, Id leadId);
    void endCoaching(Id contactId);
    void endWatchingBy(Id leadId);
    void finishTakeover(Id contactId, Id from, Id to, const CoachingEvent& event);
    // A lead on a call (commands/Listening.cpp): listen, whisper, barge on
    // their own phone, each mode recorded and the operator always told.
    struct CallMonitor
    {
        Id contactId = 0;
        Id leadId = 0;
        std::string leadName;
        std::optional<Id> holder;
        sip::LeadMode mode = sip::LeadMode::Listen;
        bool connected = false;
    };
    void cmdCallListen(LinkState& state, const link::Request& req, const Reply& reply);
    /// Records that `call`'s lead left (if one was on) and tells everyone concerned.
    /// `recorded` runs once the end is on disk (or failed to be).
    void monitorEnded(sip::CallRef call, const std::string& why,
                      std::function<void()> recorded = {});
    /// Tells the lead, and the operator unless the lead only listens on a
    /// line that does not announce it (board.announce_listening).
    void publishMonitor(const CallMonitor& m, std::string_view state, const std::string& why);
    /// Calls whose operator has been told a lead is on (for the end).
    std::set<Id> m_listenAnnounced;
    void endListeningBy(Id leadId);
    void cmdResourcesSearch(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdResourcesShow(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdResourcesShare(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdPlanSave(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdPlanSend(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdPlanDelete(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdPing(const std::shared_ptr<LinkPeer>& peer, const link::Request& req);
    /// debug.fault (tests only, GatewaySettings::testFaults): throws where
    /// params.at says, to prove a throw costs one request and nothing else.
    void cmdDebugFault(const link::Request& req, const Reply& reply);
    void cmdLogin(const std::shared_ptr<LinkPeer>& peer, link::Request req);
    void cmdResume(const std::shared_ptr<LinkPeer>& peer, link::Request req);
    void cmdLogout(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdSnapshot(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdAccept(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdGet(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdSend(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdRelease(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdClose(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdPresence(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdWrapUp(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdLineInfo(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdCallerGet(LinkState& state, const link::Request& req, const Reply& reply);
    void changeCaller(Id contactId, const std::string& rid, const Reply& reply,
                      std::function<void(Repository&, Id callerId, EpochMs now)> change);
    void cmdCallerUpdate(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdCallerNoteAdd(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdCallerFlagSet(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdCallerFlagClear(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorList(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorAdd(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorPasswd(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorDisable(LinkState& state, const link::Request& req, const Reply& reply,
                            bool disable);
    void cmdOperatorRole(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorGroup(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdEscalationGet(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdEscalationOpen(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdEscalationStep(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdEscalationTransfer(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdEscalationTransferComplete(LinkState& state, const link::Request& req,
                                       const Reply& reply);
    void cmdEscalationClose(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdRiskAssess(LinkState& state, const link::Request& req, const Reply& reply);
    /// The contacts whose escalations a link may act on: those it holds, or
    /// all for a lead or an admin (they step in).
    struct ActScope
    {
        bool any = false;
        std::set<Id> contacts;
    };
    ActScope actScope(const LinkState& state) const;
    /// Runs `change` on the writer for an escalation in `scope`, then
    /// publishes the escalation and answers with it.
    void
    changeEscalation(const LinkState& state, Id escalationId, const std::string& rid,
                     const Reply& reply,
                     std::function<void(Repository&, const EscalationRecord&, EpochMs)> change);
    /// Publishes escalation.updated (holder, leads, supervisors) after a change.
    void publishEscalation(const EscalationRecord& e);
    /// Brings the queue or the holder's copy of a contact up to date after its
    /// risk changed, and tells everyone who sees it.
    void contactChanged(const ContactSummary& c);
    /// Every lead gets an alert for an open high or imminent escalation.
    void alertLeads(const EscalationRecord& e);
    /// After scoring changed an escalation: re-reads it and publishes it,
    /// and the contact too unless the caller already published it.
    void escalationChanged(const EscalationChange& change, bool contactPublished);
    /// The line's hours and callers' limits as the effective settings say.
    void applyLineSettings(const LineSettings& settings);

    void loggedIn(const std::shared_ptr<LinkPeer>& peer, const link::Request& req,
                  const OperatorAccount& account, const std::string& token,
                  const std::string& tokenHash, bool resume, std::optional<std::string> epoch,
                  std::uint64_t seq);
    boost::json::object snapshotFor(const LinkState& state) const;
    link::OperatorView viewOf(const OperatorState& op) const;
    OperatorState& operatorState(const OperatorAccount& account);
    void setPresence(OperatorState& op, Presence presence);
    void refreshBusy(OperatorState& op);
    /// After a contact left `op`: ends the gateway-set wrap-up presence
    /// once no held contact is in wrap-up any more.
    void endWrapUpIfDone(OperatorState& op);
    /// Whether this link holds the contact.
    bool holds(const LinkState& state, Id contactId) const;
    /// Publishes caller.updated to the contact's holder, leads and supervisors.
    void publishCaller(Id contactId, const CallerProfile& profile);
    const ContactSummary* heldContact(Id contactId) const;
    const ContactSummary* heldForChange(const LinkState& state, Id id, std::string_view verb);
    std::optional<Id> takeHeld(Id contactId);
    void letGo(std::optional<Id> holder, Id contactId);
    /// Puts a held contact back in the queue at its original waiting time.
    void requeue(Id contactId, std::function<void(std::exception_ptr)> done);
    /// `c` (just stored as held by `to`) is now theirs: held, announced
    /// (contact.accepted to all, contact.assigned to them, naming `byId`).
    void holdAssigned(const ContactSummary& c, OperatorState& to, Id byId);
    /// Moves a held text from `from` to `to` (sign-out's hand-off to a lead).
    void handOver(Id contactId, OperatorState& from, OperatorState& to);
    /// At sign-out: the lead who takes an operator's texts (on shift, with
    /// the app open, the fewest held), if any.
    OperatorState* leadForHandOff(Id leaving);
    /// Sign-out: every contact `op` holds goes back to the queue, or its
    /// texts to a lead when `toLead` and one is on shift; one in wrap-up
    /// goes to that lead or stays for its notes. Returns what went where,
    /// for the logout's answer.
    boost::json::object signOutContacts(OperatorState& op, bool toLead);

    // Events: through the hub, then the board notes what changed.
    void publish(std::string_view name, const boost::json::object& data, Audience audience);

    /// Every write's outcome, on the executor: the first that fails for
    /// want of space or a working disk tells the leads (store.failing);
    /// once writes have succeeded for kStoreSteadyMs with no such failure,
    /// they are told it is over (store.recovered).
    void noteWriteOutcome(const std::exception_ptr& error);
    /// Sends store.recovered once writes have succeeded for kStoreSteadyMs
    /// (called after each write and on the board's tick).
    void checkStoreRecovered(EpochMs now);
    boost::json::value storeStateJson() const;

    // Texts (GatewayTexts.cpp).
    void afterIngest(const InboundText& text, const IngestOutcome& outcome, TextKeyword keyword,
                     TextLanguage language, Screen screen);
    /// Whether the line's automatic reply to this text goes in Spanish.
    bool repliesInSpanish(TextLanguage text, const std::string& callerLanguage) const;
    /// At start-up: sends the texts left unsent, except those that may have
    /// reached the provider already (marked unknown, never sent twice).
    void resumeOutbound(const std::vector<OutboundJob>& pending);
    void queueReply(Id contactId, const std::string& body, std::optional<Id> operatorId,
                    std::function<void(std::optional<Message>, std::string error)> done);
    void trySend(Id messageId, int attempt);
    void finishSend(Id messageId, int attempt, SendOutcome outcome);
    void applyStatus(Id messageId, DeliveryStatus status, std::string error,
                     std::optional<std::string> providerId);
    void publishMessage(std::string_view name, const Message& m,
                        std::optional<Id> holder = std::nullopt);

    // The shift lead board, its actions, alerts and recovery (GatewayBoard.cpp).
    struct Board;
    void loadBoard(std::function<void(std::string error)> done);
    void cmdBoardSnapshot(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdAssign(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdTakeBack(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorBreak(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdLeadMessage(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdAfterHours(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdSwitchboard(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdOverflow(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdContactAdmit(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdCheckInSchedule(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdCheckInList(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdCheckInStop(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdAlertList(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdAlertAck(LinkState& state, const link::Request& req, const Reply& reply);
    boost::json::object boardJson() const;
    boost::json::object boardOperatorJson(const OperatorState& op) const;
    boost::json::object boardFiguresJson();
    /// Notes what a published event changes on the board (figures, rows).
    void boardObserve(std::string_view name, const boost::json::object& data);
    void boardDirty(std::optional<Id> operatorId);
    void flushBoard();
    void scheduleBoardTick();
    void boardTick();
    void raiseAlert(Alert alert);
    void repeatAlerts(EpochMs now);
    bool alertStillApplies(const Alert& alert, EpochMs now) const;
    void linkLost(OperatorState& op);
    /// Someone on shift, with the app open, available and below capacity.
    bool anyoneCanTake() const;
    /// Ends the open alerts of `kind` (about `contactId` when given) whose
    /// condition went away; those shown them see them end.
    void resolveAlerts(AlertKind kind, std::optional<Id> contactId);
    /// Retells the open escalation alerts of a contact that changed hands
    /// or went back to the queue: who holds it now (`alert.updated`).
    void retellAlerts(Id contactId);
    void linkBack(OperatorState& op);
    void recover(OperatorState& op);
    // Calls (GatewayCalls.cpp); the hooks the link commands call.
    struct CallLink
    {
        std::optional<Id> contactId; ///< once the store has the contact
        bool callerGone = false;     ///< hung up before the contact was stored
        bool canCallBack = false;    ///< the number is not withheld
    };
    /// Throws LinkError if `op` may not take `contact` for a reason of calls.
    void checkCallAccept(const OperatorState& op, const ContactSummary& contact) const;
    /// Whether `op` speaks the language a caller chose ("" always).
    static bool speaks(const OperatorState& op, const std::string& language);
    /// Whether `op` may take `contact` now: a call only in its language; a
    /// text in its language first, and anyone's once it has waited
    /// languageWaitMs or when no operator signed in speaks it.
    bool mayTake(const OperatorState& op, const ContactSummary& contact, EpochMs now) const;
    /// The first contact in queue order that `op` may take (languages).
    std::optional<ContactSummary> headFor(const OperatorState& op) const;
    void callAccepted(Id contactId, Id operatorId);
    void callReleased(Id contactId);
    void callFinished(Id contactId);
    /// A call contact found open at start-up: its call did not survive.
    void endStaleCall(const ContactSummary& contact);
    void wrapUpCall(Id contactId);
    std::optional<sip::CallRef> callOf(Id contactId) const;
    void forgetCall(sip::CallRef call);
    // Warm transfer of a call (GatewayTransfers.cpp): a crisis line as third leg.
    struct CallTransfer
    {
        Id escalationId = 0;
        Id contactId = 0;
        Id operatorId = 0;
        std::string line;
        std::string name;
        bool connected = false; ///< the crisis line answered
    };
    void transferCall(Id escalationId, Id contactId, Id operatorId, const CrisisLine& crisis,
                      const std::string& rid, const Reply& reply);
    /// escalation.transfer.complete once the escalation is checked.
    void completeTransfer(Id contactId, Id escalationId, const std::string& rid,
                          const Reply& reply);
    /// The operator has left: the step, wrap-up, and the call is no longer theirs.
    void transferDone(sip::CallRef call, const std::string& rid, const Reply& reply);
    void publishTransfer(const CallTransfer& t, std::string_view state, const std::string& why);
    // Interpreters on calls (GatewayInterpreters.cpp): a further leg the
    // operator adds and drops, recorded on the contact.
    struct CallInterpreter
    {
        Id contactId = 0;
        Id operatorId = 0;
        std::string service;
        std::string name;
        std::string language;
        /// The interpretations row: set by the store's writer thread, which
        /// runs the start before any later write of it (one thread, in order).
        std::shared_ptr<Id> recordId = std::make_shared<Id>(0);
        bool connected = false;
        bool ending = false; ///< its end is being recorded
    };
    void cmdCallInterpreter(LinkState& state, const link::Request& req, const Reply& reply);
    /// contact.debrief (GatewayWellbeing.cpp): the operator's note for a
    /// supervisor after a contact.
    void cmdDebrief(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdCallInterpreterEnd(LinkState& state, const link::Request& req, const Reply& reply);
    /// Records the end of `call`'s interpreter (if any) and tells the holder and leads.
    void interpreterEnded(sip::CallRef call, bool reached, const std::string& why);
    void publishInterpreter(const CallInterpreter& i, std::string_view state,
                            const std::string& why);
    void cmdOperatorSip(LinkState& state, const link::Request& req, const Reply& reply);
    void cmdSoftphone(LinkState& state, const link::Request& req, const Reply& reply);
    void softphoneAccount(LinkState& state, const link::Request& req, const Reply& reply);
    /// Where an operator's calls go (phoneOf).
    struct OperatorPhone
    {
        std::string uri;          ///< "" when there is none to call (whyNot)
        bool autoAnswer = false;  ///< the app's softphone: it answers at once
        bool askToAccept = false; ///< a number through the trunk: press 1 first
        std::string account;      ///< the app's softphone registers with this account
        std::string language;     ///< of the accept announcement: "es" or "en"
        std::string whyNot;
    };
    /// Where an operator's calls go: the softphone registered on one of their
    /// live links, else the phone on their profile: a SIP URI as it is, a
    /// number through sip.trunk_uri, which must press 1 to accept.
    OperatorPhone phoneOf(const OperatorState& op) const;
    /// Asks the phones of operators who are signed in whether they are
    /// there, each at most every phoneCheckIntervalMs (GatewayBoard.cpp).
    void phoneCheckTick(EpochMs now);
    /// Marks the board dirty for softphones whose registration came or went.
    void phoneRegistrationTick();
    /// A registering softphone's state for the board (decision 156):
    /// whether it is registered now, over what, since when; never its address.
    boost::json::object phoneRegistrationJson(const std::string& account) const;
    /// Why a phone off the site's network takes no calls (sip.allow_plain_remote_phones).
    static const char* const kOffSite;
    void cmdCallHold(LinkState& state, const link::Request& req, const Reply& reply);

    template <typename F, typename D> void runOn(StoreWorker& worker, F&& fn, D&& done);
    template <typename F, typename D> void write(F&& fn, D&& done);
    template <typename F, typename D> void read(F&& fn, D&& done);

    boost::asio::any_io_executor m_ex;
    GatewaySettings m_settings;
    struct StoreFailure
    {
        EpochMs since = 0;
        std::string kind; ///< "full", "io" or "readonly" (StoreErrorKind)
        /// Since when every write has succeeded; the warning clears once
        /// that has lasted kStoreSteadyMs (decision 124).
        std::optional<EpochMs> succeedingSince;
    };
    /// How long writes must succeed, with no disk failure between, before
    /// the leads are told the store has recovered: a nearly full disk lets
    /// small writes through between failing ones, and a warning that comes
    /// and goes every few seconds is noise to a shift lead.
    static constexpr EpochMs kStoreSteadyMs = 10'000;
    std::optional<StoreFailure> m_storeFailing;
    StoreWorker& m_writer;
    StoreWorker& m_reader;
    SiteKeys& m_keys;
    LoginThrottle& m_throttle;
    std::unique_ptr<OutboundSender> m_sender;
    std::shared_ptr<bool> m_alive;
    bool m_faultNextIngest = false; ///< debug.fault "ingest" armed

    LinkHub m_hub; ///< the links, the events and their replay
    CommandTable m_commands;

    ContactQueue m_queue;
    std::unordered_map<Id, ContactSummary> m_held;
    std::set<Id> m_pending; ///< contacts with a state change in flight
    std::map<Id, OperatorState> m_operators;
    GatewayCounters m_counters;
    std::unique_ptr<Board> m_board;
    std::unique_ptr<Supervision> m_supervision; ///< review, reports, audit, settings
    sip::CallService* m_calls = nullptr;
    std::unordered_map<sip::CallRef, CallLink> m_callLinks;
    std::unordered_map<Id, sip::CallRef> m_callByContact;
    /// Softphones the desktop app registered: operator -> (its link, its URI).
    /// Weak, so that a closed link (whose address may be reused) never counts.
    std::unordered_map<Id, std::pair<std::weak_ptr<LinkPeer>, std::string>> m_softphones;
    /// SIP accounts made for links' softphones to register with
    /// (softphone.account, decision 156): link -> account name. The account
    /// goes with the link.
    std::unordered_map<const LinkPeer*, std::string> m_phoneAccounts;
    /// Forgets the SIP account of link `peer`; false if it had none.
    bool dropPhoneAccount(const LinkPeer* peer);
    std::unordered_map<sip::CallRef, CallTransfer> m_transfers;
    std::unordered_map<sip::CallRef, CallInterpreter> m_interpreters;
    std::unordered_map<sip::CallRef, CallMonitor> m_monitors;
    /// Live coaching (commands/Coaching.cpp): the leads reading each held
    /// text, and the lead asking to take one over.
    std::unordered_map<Id, std::set<Id>> m_watchers;
    std::unordered_map<Id, Id> m_takeoverAsks;
    /// Queued contacts held for a lead while switchboarding (or since it
    /// was switched on, for the ones that came meanwhile); only leads and
    /// admins take or assign them. May hold ids no longer queued.
    std::set<Id> m_forLead;
    /// Of those, the ones screening holds (docs/screening.md): they stay
    /// held when the switchboard is switched off, until a lead admits,
    /// takes or assigns them.
    std::unordered_map<Id, Screen> m_screened;
    /// Check-ins running (docs/checkins.md): each with its zone and next
    /// time on the check-in clock; and the contacts they queued, with the
    /// time each was due, while they wait.
    struct RunningCheckIn
    {
        CheckInRecord record;
        TimeZone zone;
        std::optional<EpochMs> next;
        bool firing = false; ///< its occurrence is being written
    };
    std::map<Id, RunningCheckIn> m_checkIns;
    std::unordered_map<Id, EpochMs> m_checkInContacts;
    EpochMs m_checkInClockBase = 0; ///< real time the tests' clock started
    /// Calls in the keypad survey: the contact each answers for, and since when.
    std::unordered_map<sip::CallRef, std::pair<Id, EpochMs>> m_surveyCalls;
    RateWindow m_textRate;
    RateWindow m_callRate;
    /// Texters already sent their wait notice (once per contact).
    std::set<Id> m_waitNoticed;
    /// Queued calls: when each last heard its place in line.
    std::unordered_map<Id, EpochMs> m_positionAnnounced;
    std::uint64_t m_positionAnnouncements = 0;
    /// Overflow: texters sent the partner's number, callers who heard the
    /// offer (once each), and callers whose partner line is ringing.
    std::set<Id> m_overflowTexted;
    std::set<Id> m_overflowOffered;
    std::set<Id> m_overflowing;
    std::uint64_t m_overflowConnected = 0;
    /// Callbacks waiting or being dialled, by contact; callers who heard
    /// the offer (once each).
    std::map<Id, Callback> m_callbacks;
    std::set<Id> m_callbackOffered;
};

} // namespace warmline::telephony
