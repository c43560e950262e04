#pragma once

// Calls over SIP: answers a trunk's INVITEs (source filter, optional digest
// authentication, the line's numbers, SDP with PCMU or PCMA), rings briefly,
// answers and plays the greeting and hold audio, reads key presses for the
// language menu, calls an operator's phone when the gateway says so and
// relays the audio between the two legs; either side hanging up ends both.
// A warm transfer adds a third leg to a crisis line: while it rings the caller
// and the operator go on talking, once it answers all three hear each other
// (Conference), and when the operator leaves the caller and the crisis line
// are relayed to each other until either hangs up. An interpreter service
// joins the same way as a further leg and can be dropped again; whoever is
// on (caller, operator, crisis line, interpreter) hears everyone else. A
// shift lead's phone joins the same way to monitor a call; who hears the
// lead depends on the mode (LeadMode), switched during the call.
// The queue and the store are not here: CallListener tells the gateway what
// happened, and the gateway calls back in. One thread, the io_context's,
// except for the calls' audio: RTP sessions and mixers run on MediaThread,
// and this class posts to them (RtpSession, Conference).

#include "telephony/media/AddressFilter.h"
#include "telephony/media/Conference.h"
#include "telephony/media/MediaThread.h"
#include "telephony/media/RtpSession.h"
#include "telephony/sip/CallListener.h"
#include "telephony/sip/OutboundLeg.h"
#include "telephony/sip/SipEndpoint.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmline::sip {

struct CallSettings
{
    AddressFilter allowedSources;
    std::string authUsername; ///< empty: no authentication
    std::string authPassword;
    std::string authRealm = "warmline";
    std::vector<std::string> lineNumbers; ///< empty: any number
    std::uint16_t rtpPortMin = 20000;
    std::uint16_t rtpPortMax = 20999;
    std::map<char, std::string> languages; ///< key pressed during the greeting -> language
    std::chrono::milliseconds answerDelay{1000};
    std::chrono::milliseconds operatorRingTimeout{20'000};
    /// sip.allow_plain_remote_phones: operators' and leads' phones may send
    /// and receive audio off the site's network.
    bool allowPlainRemotePhones = false;
    std::chrono::milliseconds crisisRingTimeout{60'000};
    std::size_t maxCalls = 1000;
    std::vector<std::int16_t> greeting;
    std::vector<std::int16_t> hold;
    /// Place-in-line announcements by language ("en", "es"): entry i is
    /// place i + 1, the last (the tenth) "more than nine".
    std::map<std::string, std::vector<std::vector<std::int16_t>>> positionPrompts;
    /// The same places without the crisis sentence, and the rough waits by
    /// language, each followed by the crisis sentence: entry i is "about
    /// 5 * (i + 1) minutes" up to 60, the last "more than an hour". A place
    /// and a wait are joined when a wait is announced (announcePosition).
    std::map<std::string, std::vector<std::vector<std::int16_t>>> positionPlaces;
    std::map<std::string, std::vector<std::vector<std::int16_t>>> waitPrompts;
    /// The overflow offer by language ("press 1 to be put through to a
    /// partner line"), played after the place in line while overflow is on.
    std::map<std::string, std::vector<std::int16_t>> overflowOffers;
    /// The keypad survey's question by language (docs/surveys.md).
    std::map<std::string, std::vector<std::int16_t>> surveyQuestions;
    /// How long after the question a caller has to press a key.
    std::chrono::milliseconds surveyAnswerTime{8000};
    /// Callbacks (docs/callbacks.md), by language: the offer to a waiting
    /// caller ("press 1 and we will call you back"), the confirmation once
    /// they pressed 1, and what both sides hear when the caller answers
    /// the callback, before they talk; and how long the caller's phone rings.
    std::map<std::string, std::vector<std::int16_t>> callbackOffers;
    std::map<std::string, std::vector<std::int16_t>> callbackConfirmations;
    /// Asked once the caller pressed 1: "press 1 for the number you are
    /// calling from, 2 to key another"; "key the number, then #"; and "we
    /// cannot call that number" (followed by the first again).
    std::map<std::string, std::vector<std::int16_t>> callbackNumberQuestions;
    std::map<std::string, std::vector<std::int16_t>> callbackKeyPrompts;
    std::map<std::string, std::vector<std::int16_t>> callbackBadNumbers;
    std::map<std::string, std::vector<std::int16_t>> callbackAnnouncements;
    /// What both hear when the caller answers a check-in by call.
    std::map<std::string, std::vector<std::int16_t>> checkInAnnouncements;
    /// What an operator's own phone reached through the trunk hears once it
    /// answers, by language ("Warmline call. To accept it, press 1."),
    /// repeated until they press 1 or operatorRingTimeout passes.
    std::map<std::string, std::vector<std::int16_t>> operatorAcceptPrompts;
    std::chrono::milliseconds callbackRingTimeout{30'000};
    /// After a callback's caller answers, how long the line waits for them
    /// to press 1 (or 9 on a check-in) before giving up on the attempt: a
    /// voicemail that answers is not a caller reached.
    std::chrono::milliseconds callbackAnswerWait{20'000};
    /// How long a leg may send no audio before its phone counts as gone
    /// (decision 154): the caller's ends the call (the operator's wrap-up
    /// starts), the operator's sends the caller back to the head of the
    /// queue. Zero: never.
    std::chrono::milliseconds mediaTimeout{120'000};
};

/// A callback the gateway places (CallService::placeCallback).
struct CallbackDial
{
    std::string operatorUri; ///< the operator's phone, host by IP address
    std::string displayName; ///< the caller's alias, shown on the operator's phone
    bool autoAnswer = false; ///< the app's softphone answers at once
    /// The operator's own phone through the trunk: it must press 1 before
    /// the caller is dialled (CallService::connectOperator).
    bool askToAccept = false;
    std::string operatorLanguage; ///< of the accept announcement: "es" or English
    std::string callerUri;        ///< the caller's number through the trunk, host by IP address
    std::string lineNumber;       ///< the caller ID the caller sees; "" for none
    std::string language;         ///< of the announcement: "es" or English
    bool checkIn = false;         ///< a check-in by call: its own announcement
};

/// Which position prompt a caller at `position` (1 = next) hears: 0-8 for
/// places 1-9, 9 for ten or more.
std::size_t positionPromptIndex(std::size_t position);
/// The wait prompt for a rough wait of `minutes` (CallSettings::waitPrompts).
std::size_t waitPromptIndex(int minutes);

/// What leg `leg` of a mixed call hears, with a shift lead on it in `mode`
/// (docs/coaching.md): the lead hears everyone; in Listen nobody hears the
/// lead, in Whisper only the operator's leg does, in Barge everyone does.
/// Without a lead leg, everyone hears everyone.
HearsMask hearsOnCall(LeadMode mode, std::size_t leg, std::optional<std::size_t> operatorLeg,
                      std::optional<std::size_t> leadLeg);

struct CallCounters
{
    std::atomic<std::uint64_t> offered{0};
    std::atomic<std::uint64_t> rejected{0};
    std::atomic<std::uint64_t> answered{0};
    std::atomic<std::uint64_t> bridged{0};
    std::atomic<std::uint64_t> active{0};
    /// Ended by the media watch (CallSettings::mediaTimeout): the caller's
    /// phone went silent; the operator's did, and the caller went back to
    /// the queue.
    std::atomic<std::uint64_t> callerAudioLost{0};
    std::atomic<std::uint64_t> operatorAudioLost{0};
    /// Softphones' REGISTERs: a new registration, and one refused (wrong
    /// transport, credentials or To; not a first challenge).
    std::atomic<std::uint64_t> registered{0};
    std::atomic<std::uint64_t> registersRefused{0};
};

class CallService : private TransactionUser
{
public:
    CallService(boost::asio::io_context& ioc, EndpointSettings endpoint, CallSettings settings,
                CallListener& listener);
    ~CallService() override;
    CallService(const CallService&) = delete;
    CallService& operator=(const CallService&) = delete;

    void start();
    void stop();
    std::uint16_t udpPort() const { return m_endpoint.udpPort(); }
    std::uint16_t tcpPort() const { return m_endpoint.tcpPort(); }
    std::uint16_t tlsPort() const { return m_endpoint.tlsPort(); }
    /// See SipEndpoint::reloadTls.
    void reloadTls(const std::string& certificate, const std::string& privateKey)
    {
        m_endpoint.reloadTls(certificate, privateKey);
    }

    /// Calls an operator's phone for this call with `displayName` (the
    /// caller's alias) as the caller; false (and nothing happens) if the
    /// call is gone or the address cannot be used. With `askToAccept` (the
    /// operator's own phone, through the trunk) the phone, once it answers,
    /// hears the accept announcement in `language` until 1 is pressed, and
    /// only then is the caller put through (CallListener::operatorAnswered);
    /// no 1 within operatorRingTimeout, a hang-up, or a phone that cannot
    /// send keys (RFC 4733) is a phone not answered (operatorNotAnswered):
    /// a voicemail never reaches a caller.
    bool connectOperator(CallRef call, const std::string& sipUri, const std::string& displayName,
                         std::string& whyNot, bool autoAnswer = false, bool askToAccept = false,
                         const std::string& language = "en");
    /// A callback (docs/callbacks.md): a call the gateway places itself for
    /// a caller who asked to be called back. The operator's phone rings
    /// first; once it answers (CallListener::operatorAnswered) the caller is
    /// dialled through the trunk with the line's number as caller ID. When
    /// the caller answers, both hear the callback announcement and then talk
    /// (callbackAnswered); from then on it is a call like any other. If the
    /// operator's phone does not answer (operatorNotAnswered) or the
    /// caller's does not (callbackNotReached), the call ends. Returns the
    /// new call, or 0 (nothing happens) with `whyNot`.
    CallRef placeCallback(const CallbackDial& dial, std::string& whyNot);
    /// Ends both legs (the gateway's own decision: wrap-up, close).
    void hangUp(CallRef call);
    /// The keypad survey after a call (docs/surveys.md): the operator (and a
    /// lead listening) leave, the caller hears the question in `language`
    /// and has surveyAnswerTime after it to press 1, 2 or 3
    /// (CallListener::callSurveyAnswered); then the call ends. False, with
    /// nothing changed, unless the call is connected to an operator alone
    /// (no crisis line, interpreter or partner line) and has a question.
    bool startSurvey(CallRef call, const std::string& language);
    /// Refuses a call not yet answered with 603 Decline (screening,
    /// docs/screening.md); one already answered is hung up.
    void decline(CallRef call);
    /// Holds a connected call (the caller hears hold audio, the operator's
    /// audio is not relayed) or resumes it; false if it is not connected.
    bool hold(CallRef call, bool on);
    /// Drops the operator's leg; the caller hears hold audio again (a
    /// callback whose caller has not answered yet ends instead).
    void returnToHold(CallRef call);
    bool exists(CallRef call) const { return m_calls.contains(call); }
    /// Whether `number` is one of the line's own (CallSettings::lineNumbers).
    bool isLineNumber(const std::string& number) const
    {
        return std::find(m_settings.lineNumbers.begin(), m_settings.lineNumbers.end(), number) !=
               m_settings.lineNumbers.end();
    }
    /// Tells a caller waiting in the queue their place in line (1 = next)
    /// in `language` ("es" or anything else for English), with a rough wait
    /// when `waitMinutes` is given and the wait prompts are loaded, then
    /// hold audio again; false (nothing played) if the call is not waiting
    /// on hold.
    bool announcePosition(CallRef call, std::size_t position, const std::string& language,
                          bool offerOverflow = false, std::optional<int> waitMinutes = {});
    /// Whether announcePosition can say a rough wait in `language`.
    bool saysWaits(const std::string& language) const;
    /// Puts a caller waiting in the queue through to a partner line
    /// (`sipUri`, host by IP address) at their request (overflow): the
    /// caller hears hold audio while it rings; once it answers the two are
    /// relayed to each other (CallListener::partnerAnswered), else the caller
    /// waits on (partnerFailed). False (nothing happens) if that cannot be.
    bool connectPartner(CallRef call, const std::string& sipUri, std::string& whyNot);
    /// Offers a caller waiting in the queue a callback in `language`, then
    /// hold audio again; false (nothing played) as for announcePosition.
    bool offerCallback(CallRef call, const std::string& language);
    /// A waiting caller who pressed 1 at the callback offer is asked which
    /// number to be called at; their keys go to that question, not to the
    /// language menu, until CallListener::callbackNumberChosen (1: this
    /// number; 2, digits, #: another; * starts the digits again). False if
    /// the call is not waiting or there is no question in `language`.
    /// Nobody keying for kCallbackKeyingTime puts the caller back on hold.
    bool askCallbackNumber(CallRef call, const std::string& language);
    /// The number keyed cannot be called: the caller hears so, and the
    /// question again.
    void refuseCallbackNumber(CallRef call, const std::string& language);
    /// A waiting caller who asked to be called back hears the confirmation
    /// in `language`, then the line hangs up (the gateway's decision: no
    /// CallListener call follows). False if the call is not waiting.
    bool confirmCallback(CallRef call, const std::string& language);

    /// Calls a crisis line (`sipUri`, host by IP address) as a third leg of a
    /// call whose operator is on; false (and nothing happens) if that cannot be.
    bool connectCrisisLine(CallRef call, const std::string& sipUri, std::string& whyNot);
    /// The operator leaves a three-way call: their leg ends, the caller and
    /// the crisis line stay connected. False if the crisis line is not on.
    bool operatorLeaves(CallRef call, std::string& whyNot);
    /// Calls an interpreter service (`sipUri`, host by IP address) as a
    /// further leg of a call whose operator is on; false (and nothing
    /// happens) if that cannot be.
    bool connectInterpreter(CallRef call, const std::string& sipUri, std::string& whyNot);
    /// Hangs up the interpreter's leg (ringing or on); false if there is none.
    bool dropInterpreter(CallRef call);
    /// Calls a shift lead's phone to monitor a call whose operator is on,
    /// in `mode`; the lead hears both sides from the start. False (and
    /// nothing happens) if that cannot be.
    bool connectLead(CallRef call, const std::string& sipUri, LeadMode mode, bool autoAnswer,
                     std::string& whyNot);
    /// Switches who hears the lead; false if no lead is on or being called.
    bool setLeadMode(CallRef call, LeadMode mode);
    /// Hangs up the lead's leg; false if there is none.
    bool dropLead(CallRef call);

    /// Asks a phone whether it is there (a "qualify"): OPTIONS over UDP to
    /// `sipUri` (host by IP address). `done` gets the round trip when any
    /// final response came within `timeout`, nullopt when none did; it is
    /// called once, and never after the service is gone. False (and `done`
    /// is never called) if the URI cannot be asked.
    bool checkPhone(const std::string& sipUri, std::chrono::milliseconds timeout,
                    std::function<void(std::optional<std::chrono::milliseconds>)> done);

    /// Softphones that register with the gateway (CallServiceRegistrar.cpp,
    /// decision 156): an account the gateway made for one operator's link.
    /// Its phone sends REGISTER over TLS (over TCP too from the site's own
    /// network, or with sip.allow_plain_remote_phones), authenticated by
    /// digest with `password`; the gateway then reaches it over that same
    /// connection, so nothing at home has to accept a connection. At most
    /// kMaxAccounts; false when full. A new password for an existing name
    /// replaces the old one and ends its registration.
    static constexpr std::size_t kMaxAccounts = 5000;
    bool addAccount(const std::string& username, const std::string& password);
    /// Forgets the account and its registration (the link closed).
    void removeAccount(const std::string& username);
    struct Registration
    {
        Transport transport = Transport::Tls;
        std::int64_t registeredAt = 0; ///< ms since the epoch, the first REGISTER
        std::int64_t lastSeenAt = 0;   ///< the latest REGISTER
        std::int64_t expiresAt = 0;
    };
    /// The account's registration while it lasts: not expired, and its
    /// connection still open.
    std::optional<Registration> registration(const std::string& username) const;
    /// The URI the gateway gives an account's phone as its address of
    /// record, and which connectOperator, connectLead and checkPhone take
    /// for it: "sip:USER@ADDRESS" (this endpoint's public address).
    std::string accountUri(const std::string& username) const;
    /// The realm of the gateway's digest challenges.
    const std::string& authRealm() const { return m_settings.authRealm; }

    const CallCounters& counters() const { return m_counters; }
    const MediaCounters& media() const { return m_media; }
    const EndpointCounters& sipCounters() const { return m_endpoint.counters(); }

private:
    struct Call;
    void onRequest(const std::shared_ptr<ServerTransaction>& tx) override;
    void onAck(const SipMessage& ack, const Flow& flow) override;
    void onCancel(const std::shared_ptr<ServerTransaction>& invite) override;
    void onAckTimeout(const std::shared_ptr<ServerTransaction>& invite) override;
    struct Account
    {
        std::string password;
        std::optional<Registration> registration;
        SipUri contact; ///< the registered Contact
        Flow flow;      ///< the connection it registered on
        /// Checks in a row left unanswered on `flow` (decision 161).
        int unansweredChecks = 0;
    };
    /// REGISTER from an account's phone (CallServiceRegistrar.cpp).
    void onRegister(const std::shared_ptr<ServerTransaction>& tx);
    /// The account `uri` names (accountUri's form), registered or not;
    /// null when it names none.
    const Account* accountOf(const SipUri& uri) const;
    /// Where a leg to `uri` goes: a registered account's Contact over its
    /// connection, or `uri` itself over UDP (`flow` empty). False (and
    /// `whyNot`) for an account whose phone is not registered now.
    bool resolveTarget(const SipUri& uri, SipUri& dial, std::optional<Flow>& flow,
                       std::string& whyNot) const;
    /// A request on the connection of a registered phone: its in-dialog
    /// requests come from home, not from the trunk's addresses.
    bool fromRegisteredPhone(const Flow& flow) const;
    /// A request on the TCP or TLS connection of an operator's or lead's
    /// leg (a registered phone's): its requests in the dialog are taken
    /// from there although it is no trunk, also once its registration or
    /// account has ended.
    bool onPlacedLegConnection(const Flow& flow) const;
    /// A check on a registered phone's TCP or TLS connection went
    /// unanswered (or, `answered`, did not): the second in a row closes
    /// it (decision 161).
    void checkOutcome(const Flow& flow, bool answered);

    // The caller's leg (CallService.cpp).
    void newInvite(const std::shared_ptr<ServerTransaction>& tx);
    void inDialog(const std::shared_ptr<ServerTransaction>& tx);
    /// A re-INVITE on a caller's leg: the same media back, a new address
    /// followed, SRTP kept as answered (CallServiceSrtp.cpp).
    void callerReinvite(Call& c, const std::shared_ptr<ServerTransaction>& tx);
    /// A request other than BYE in a leg's dialog: a re-INVITE is the
    /// leg's (OutboundLeg::reinvited), anything else gets 488.
    void otherInDialog(OutboundLeg& leg, const std::shared_ptr<ServerTransaction>& tx);
    void answer(CallRef ref);
    void sendByeToCaller(Call& c);
    /// The caller left (CANCEL, BYE, no ACK): every other leg is hung up,
    /// the call ends, and the gateway is told.
    void callerGone(Call& c);
    void endCall(CallRef ref);
    /// A media session on a free port of the range, receiving unless
    /// `start` is false (then the caller calls start() once it is set up).
    std::shared_ptr<RtpSession> openMedia(bool start = true);
    void releaseMedia(std::shared_ptr<RtpSession>& s);
    Call* byCallerDialog(const SipMessage& m);
    Call* byOperatorDialog(const SipMessage& m);
    Call* byCrisisDialog(const SipMessage& m);
    Call* byInterpreterDialog(const SipMessage& m);
    Call* byLeadDialog(const SipMessage& m);
    Call* byCallbackDialog(const SipMessage& m);
    Call* byLegDialog(const std::map<std::string, CallRef>& dialogs, const SipMessage& m);
    /// The leg the gateway placed whose dialog `m` is in, or null.
    OutboundLeg* legOf(const SipMessage& m);
    /// A key the caller pressed (RFC 4733), on any kind of caller leg.
    void callerKey(CallRef ref, char key);
    bool authorised(const std::shared_ptr<ServerTransaction>& tx);

    // The legs the gateway places (CallServiceLegs.cpp).
    void operatorLegAnswered(Call& c);
    /// Bridges the operator's answered leg (or, for a callback, dials the caller).
    void operatorPutThrough(Call& c);
    /// The operator's own phone answered: the accept announcement until 1.
    void askOperatorToAccept(Call& c);
    void operatorKey(CallRef ref, char key);
    /// The wait for the operator's 1 ended without it: their leg is hung up
    /// and counts as not answered.
    void operatorNotAccepted(CallRef ref, const std::string& why);
    void operatorLegFailed(Call& c, const std::string& why);
    void dropOperatorLeg(Call& c);
    std::string crisisAnswerRefused(const Call& c) const;
    void crisisLegAnswered(Call& c);
    void crisisLegFailed(Call& c, const std::string& why);
    void dropCrisisLeg(Call& c);
    void stopConference(Call& c);
    void leaveConference(Call& c);
    /// The call whose operator is on (the further parties need one), or
    /// null with `whyNot`.
    Call* connectedCall(CallRef ref, std::string& whyNot);
    /// What every further party's INVITE shares (the address checked, a
    /// media port opened and counted): a crisis line, an interpreter.
    /// North American ringback (440 + 480 Hz, 2 s on, 4 s off), looped.
    static std::vector<std::int16_t> ringbackSamples();
    std::optional<OutboundLeg::Dial> partyDial(const std::string& sipUri, std::string_view party,
                                               std::atomic<std::uint64_t>* counter,
                                               std::string& whyNot);
    void interpreterLegAnswered(Call& c);
    void interpreterLegFailed(Call& c, const std::string& why);
    void dropInterpreterLeg(Call& c);
    // A callback's caller leg (CallServiceCallbacks.cpp).
    void dialCaller(Call& c);
    void callbackLegAnswered(Call& c);
    void callbackLegFailed(Call& c, const std::string& why);
    void callbackPutThrough(CallRef ref, char key);
    /// A key while a waiting caller chooses their callback number.
    void callbackNumberKey(Call& c, char key);
    void keypadTimeout(Call& c);
    void callbackNotConfirmed(Call& c, const std::string& why);
    /// Ends a callback the gateway gave up on, after the current handler.
    void endCallbackLater(CallRef ref);
    void leadLegAnswered(Call& c);
    void leadLegFailed(Call& c, const std::string& why);
    void dropLeadLeg(Call& c);
    /// Connects whoever is on: two legs relayed to each other, three or more
    /// mixed (Conference).
    void remix(Call& c);
    /// The call on hold (CallService::hold): the caller hears hold audio;
    /// the operator and a lead on the call hear each other.
    void holdMix(Call& c);
    /// The media watch (CallServiceWatch.cpp): every quarter of the
    /// timeout (at most 5 s), ends what went silent.
    void watchMedia();
    void checkMedia();

    boost::asio::io_context& m_ioc;
    CallSettings m_settings;
    CallListener& m_listener;
    /// Every call's RTP sessions and mixers run here, not on m_ioc; joined
    /// in ~CallService before the members below go.
    MediaThread m_mediaThread;
    SipEndpoint m_endpoint;
    RtpPortPool m_ports;
    std::shared_ptr<const Prompt> m_greeting;
    std::shared_ptr<const Prompt> m_hold;
    std::map<std::string, std::vector<std::shared_ptr<const Prompt>>> m_positions;
    /// m_positions with the overflow offer after each (or the offer alone
    /// when there are no position prompts).
    std::map<std::string, std::vector<std::shared_ptr<const Prompt>>> m_offers;
    std::map<std::string, std::shared_ptr<const Prompt>> m_surveys;
    std::map<std::string, std::shared_ptr<const Prompt>> m_callbackOffers;
    std::map<std::string, std::shared_ptr<const Prompt>> m_callbackConfirmations;
    std::map<std::string, std::shared_ptr<const Prompt>> m_callbackNumberQuestions;
    std::map<std::string, std::shared_ptr<const Prompt>> m_callbackKeyPrompts;
    std::map<std::string, std::shared_ptr<const Prompt>> m_callbackBadNumbers;
    std::map<std::string, std::shared_ptr<const Prompt>> m_callbackAnnouncements;
    std::map<std::string, std::shared_ptr<const Prompt>> m_checkInAnnouncements;
    std::map<std::string, std::shared_ptr<const Prompt>> m_operatorAccepts;
    /// What the operator hears while a callback's caller is being dialled.
    std::shared_ptr<const Prompt> m_ringback;
    std::string m_nonceSecret;
    std::map<std::string, Account> m_accounts; ///< by username
    std::map<CallRef, std::unique_ptr<Call>> m_calls;
    std::map<std::string, CallRef> m_callerDialogs;      ///< "Call-ID|remote tag"
    std::map<std::string, CallRef> m_operatorDialogs;    ///< Call-ID of the operator's leg
    std::map<std::string, CallRef> m_crisisDialogs;      ///< Call-ID of a crisis line's leg
    std::map<std::string, CallRef> m_interpreterDialogs; ///< Call-ID of an interpreter's leg
    std::map<std::string, CallRef> m_leadDialogs;        ///< Call-ID of a shift lead's leg
    std::map<std::string, CallRef> m_callbackDialogs;    ///< Call-ID of a callback's caller leg
    CallRef m_nextRef = 0;
    CallCounters m_counters;
    MediaCounters m_media;
    std::shared_ptr<bool> m_alive;
    boost::asio::steady_timer m_mediaWatch;
    bool m_stopped = false; ///< stop() was called: the media watch ends
};

} // namespace warmline::sip
