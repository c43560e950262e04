#pragma once

// The gateway's domain logic on its event loop: the authoritative queue, the
// operators on shift, link sessions and their events, inbound texts and the
// replies that go out. Everything here runs on one executor (the gateway's
// io_context runs on one thread); the store's threads hand results back by
// posting to it. Free of Beast: the HTTP and WebSocket sides call in through
// the methods below and receive frames through LinkPeer.

#include "core/ContactQueue.h"
#include "core/Domain.h"
#include "core/LineContent.h"
#include "core/LinkCodec.h"
#include "core/StoreWorker.h"
#include "core/TextKeywords.h"
#include "telephony/lib/Outbound.h"
#include "telephony/sip/CallListener.h"

#include <boost/asio/any_io_executor.hpp>

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>

namespace warmline {
class SiteKeys;
class LoginThrottle;
} // namespace warmline

namespace warmline::sip {
class CallService;
} // namespace warmline::sip

namespace warmline::telephony {

/// A connected operator link, as the gateway sees it. Implemented by the
/// WebSocket session; called on the gateway's executor only.
class LinkPeer
{
public:
    virtual ~LinkPeer() = default;
    /// Queues a frame; a peer whose queue is full closes itself.
    virtual void sendFrame(std::shared_ptr<const std::string> frame) = 0;
    virtual void closeLink() = 0;
    virtual const std::string& remoteAddress() const = 0;
};

/// What the gateway's logic needs from the configuration.
struct GatewaySettings
{
    std::string firstContactReply;
    std::string afterHoursReply;
    std::string helpReply;
    std::string stopReply;
    std::string startReply;
    std::function<bool(EpochMs)> isOpenAt; ///< the line's hours; empty = always open
    EpochMs sessionTtlMs = 12 * 3600 * 1000;
    std::size_t replayEvents = 10000;
    int maxOutboundAttempts = 5;
    EpochMs retryInitialMs = 1000;
    EpochMs retryMaxMs = 60000;
    std::string defaultFromNumber; ///< used when a contact has no line number
    std::string lineName = "Warmline";
    LineContent lineContent;       ///< quick replies, wrap-up topics and referrals
    LineLimits limits;             ///< the line's defaults for callers
    int timezoneOffsetMinutes = 0; ///< where "today" begins for contactsToday
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
    std::atomic<std::uint64_t> statusCallbacks{0};
    std::atomic<std::uint64_t> outboundSent{0};
    std::atomic<std::uint64_t> outboundRetried{0};
    std::atomic<std::uint64_t> outboundFailed{0};
    std::atomic<std::uint64_t> linkFrames{0};
    std::atomic<std::uint64_t> linkErrors{0};
    std::atomic<std::uint64_t> logins{0};
    std::atomic<std::uint64_t> failedLogins{0};
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

    // Calls over SIP (GatewayCalls.cpp). Without a call service, calls are off.
    void setCallService(sip::CallService* calls) { m_calls = calls; }
    void callArrived(sip::CallRef call, const sip::IncomingCall& info) override;
    void callerHungUp(sip::CallRef call) override;
    void callLanguageChosen(sip::CallRef call, const std::string& language) override;
    void operatorAnswered(sip::CallRef call) override;
    void operatorNotAnswered(sip::CallRef call, const std::string& why) override;
    void operatorHungUp(sip::CallRef call) override;
    /// Prometheus lines for calls and media ("" when calls are off).
    std::string callMetrics() const;

    // Read-outs.
    std::size_t queueLength() const { return m_queue.size(); }
    EpochMs longestWaitMs() const { return m_queue.longestWait(nowMs()); }
    std::size_t queueByChannel(Channel c) const { return m_queue.countByChannel(c); }
    std::size_t linkCount() const { return m_peers.size(); }
    std::size_t operatorsOnShift() const;
    std::size_t heldContacts() const { return m_held.size(); }
    const std::string& epoch() const { return m_epoch; }
    std::uint64_t lastSeq() const { return m_seq; }
    const GatewayCounters& counters() const { return m_counters; }
    GatewayCounters& counters() { return m_counters; }

private:
    struct PeerState
    {
        std::weak_ptr<LinkPeer> peer;
        std::optional<Id> operatorId;
        Role role = Role::Operator;
        std::string tokenHash;
        bool busy = false;             ///< a login/resume is being verified
        std::uint64_t lastSeqSent = 0; ///< no event twice on one connection
    };
    struct OperatorState
    {
        OperatorAccount account;
        Presence presence = Presence::Offline;
        EpochMs since = 0;
        std::set<Id> held;
        int links = 0;
    };
    /// Who may see an event.
    struct Audience
    {
        bool everyone = true;
        std::optional<Id> holder; ///< with everyone = false: holder + leads + supervisors
    };
    struct Event
    {
        std::uint64_t seq = 0;
        Audience audience;
        std::shared_ptr<const std::string> frame;
    };
    using Reply = std::function<void(std::string frame)>;

    // Link commands.
    void dispatch(const std::shared_ptr<LinkPeer>& peer, PeerState& state, link::Request req);
    void cmdLogin(const std::shared_ptr<LinkPeer>& peer, link::Request req);
    void cmdResume(const std::shared_ptr<LinkPeer>& peer, link::Request req);
    void cmdLogout(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdSnapshot(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdAccept(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdGet(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdSend(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdRelease(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdClose(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdPresence(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdWrapUp(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdLineInfo(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdCallerGet(PeerState& state, const link::Request& req, const Reply& reply);
    void changeCaller(Id contactId, const std::string& rid, const Reply& reply,
                      std::function<void(Repository&, Id callerId, EpochMs now)> change);
    void cmdCallerUpdate(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdCallerNoteAdd(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdCallerFlagSet(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdCallerFlagClear(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorList(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorAdd(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorPasswd(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdOperatorDisable(PeerState& state, const link::Request& req, const Reply& reply,
                            bool disable);
    void cmdOperatorRole(PeerState& state, const link::Request& req, const Reply& reply);

    void loggedIn(const std::shared_ptr<LinkPeer>& peer, const link::Request& req,
                  const OperatorAccount& account, const std::string& token,
                  const std::string& tokenHash, bool resume, std::optional<std::string> epoch,
                  std::uint64_t seq);
    boost::json::object snapshotFor(const PeerState& state) const;
    link::OperatorView viewOf(const OperatorState& op) const;
    OperatorState& operatorState(const OperatorAccount& account);
    void setPresence(OperatorState& op, Presence presence);
    void refreshBusy(OperatorState& op);
    /// After a contact left `op`: ends the gateway-set wrap-up presence
    /// once no held contact is in wrap-up any more.
    void endWrapUpIfDone(OperatorState& op);
    /// Whether this link holds the contact.
    bool holds(const PeerState& state, Id contactId) const;
    /// Publishes caller.updated to the contact's holder, leads and supervisors.
    void publishCaller(Id contactId, const CallerProfile& profile);
    const ContactSummary* heldContact(Id contactId) const;
    const ContactSummary* heldForChange(const PeerState& state, Id id, std::string_view verb);
    std::optional<Id> takeHeld(Id contactId);
    void letGo(std::optional<Id> holder, Id contactId);

    // Events.
    void publish(std::string_view name, const boost::json::object& data, Audience audience);
    bool mayReceive(const PeerState& state, const Audience& audience) const;
    void deliver(PeerState& state, LinkPeer& peer, const Event& event);

    // Texts.
    void afterIngest(const InboundText& text, const IngestOutcome& outcome, TextKeyword keyword);
    void queueReply(Id contactId, const std::string& body, std::optional<Id> operatorId,
                    std::function<void(std::optional<Message>, std::string error)> done);
    void trySend(Id messageId, int attempt);
    void finishSend(Id messageId, int attempt, SendOutcome outcome);
    void applyStatus(Id messageId, DeliveryStatus status, std::string error,
                     std::optional<std::string> providerId);
    void publishMessage(std::string_view name, const Message& m,
                        std::optional<Id> holder = std::nullopt);

    // Calls (GatewayCalls.cpp); the hooks the link commands call.
    struct CallLink
    {
        std::optional<Id> contactId; ///< once the store has the contact
        bool callerGone = false;     ///< hung up before the contact was stored
    };
    /// Throws LinkError if `op` may not take `contact` for a reason of calls.
    void checkCallAccept(const OperatorState& op, const ContactSummary& contact) const;
    /// Whether `op` speaks the language a caller chose ("" always).
    static bool speaks(const OperatorState& op, const std::string& language);
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
    void cmdOperatorSip(PeerState& state, const link::Request& req, const Reply& reply);
    void cmdSoftphone(PeerState& state, const link::Request& req, const Reply& reply);
    /// Where an operator's calls go: the softphone registered on one of their
    /// live links, else the phone on their profile; `autoAnswer` for the former.
    std::string phoneOf(const OperatorState& op, bool& autoAnswer) const;

    template <typename F, typename D> void runOn(StoreWorker& worker, F&& fn, D&& done);
    template <typename F, typename D> void write(F&& fn, D&& done);
    template <typename F, typename D> void read(F&& fn, D&& done);

    boost::asio::any_io_executor m_ex;
    GatewaySettings m_settings;
    StoreWorker& m_writer;
    StoreWorker& m_reader;
    SiteKeys& m_keys;
    LoginThrottle& m_throttle;
    std::unique_ptr<OutboundSender> m_sender;
    std::shared_ptr<bool> m_alive;

    std::string m_epoch;
    std::uint64_t m_seq = 0;
    std::deque<Event> m_events;

    ContactQueue m_queue;
    std::unordered_map<Id, ContactSummary> m_held;
    std::set<Id> m_pending; ///< contacts with a state change in flight
    std::map<Id, OperatorState> m_operators;
    std::unordered_map<LinkPeer*, PeerState> m_peers;
    GatewayCounters m_counters;
    sip::CallService* m_calls = nullptr;
    std::unordered_map<sip::CallRef, CallLink> m_callLinks;
    std::unordered_map<Id, sip::CallRef> m_callByContact;
    /// Softphones the desktop app registered: operator -> (its link, its URI).
    /// Weak, so that a closed link (whose address may be reused) never counts.
    std::unordered_map<Id, std::pair<std::weak_ptr<LinkPeer>, std::string>> m_softphones;
};

} // namespace warmline::telephony
