#pragma once

// The operator links connected to the gateway and the events they receive.
// LinkHub owns each link's state (who logged in on it, with which role), numbers
// every event in this run's epoch, delivers it to the links whose audience
// it names, keeps the last events for a link that resumes, and replays them
// in order so that no event reaches a link twice. It knows nothing of the
// queue or the board: Gateway decides what to publish and to whom. Used on
// the gateway's executor only.

#include "core/domain/Domain.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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

/// One link's state: who is logged in on it and what it has been sent.
struct LinkState
{
    std::weak_ptr<LinkPeer> peer;
    std::optional<Id> operatorId;
    Role role = Role::Operator;
    std::string tokenHash;
    bool busy = false;             ///< a login/resume is being verified
    std::uint64_t lastSeqSent = 0; ///< no event twice on one connection
};

/// Who may see an event.
struct Audience
{
    bool everyone = true;
    std::optional<Id> holder; ///< with everyone = false: holder + leads + supervisors
    /// With everyone = false: those who read the shift board (leads,
    /// supervisors, admins) and the holder, instead of the above.
    bool board = false;
    bool holderOnly = false; ///< the holder alone (a comment meant for them)
};

/// The shift board's readers: leads, supervisors, admins.
inline const Audience kBoardReaders{false, std::nullopt, true};

class LinkHub
{
public:
    /// Keeps the last `replayEvents` events for links that resume.
    explicit LinkHub(std::size_t replayEvents);

    // Links.
    void attach(const std::shared_ptr<LinkPeer>& peer);
    /// Forgets a link; its last state, or nothing if it was not attached.
    std::optional<LinkState> detach(LinkPeer* peer);
    LinkState* find(const LinkPeer* peer);
    const LinkState* find(const LinkPeer* peer) const;
    /// The state of an attached link (std::out_of_range if it is not).
    LinkState& at(const LinkPeer* peer) { return m_links.at(peer); }
    std::size_t size() const { return m_links.size(); }
    /// Calls `fn(state)` for every link logged in as `operatorId`.
    template <typename F> void forEachOf(Id operatorId, F&& fn)
    {
        for (auto& [raw, state] : m_links) {
            if (state.operatorId == operatorId) {
                fn(state);
            }
        }
    }

    // Events.
    const std::string& epoch() const { return m_epoch; }
    std::uint64_t lastSeq() const { return m_seq; }
    /// Numbers the event, keeps it for replay and sends it to every
    /// logged-in link (not one being verified) in its audience.
    void publish(std::string_view name, const boost::json::object& data, Audience audience);
    /// Whether a link that has seen the events up to `seq` of `epoch` can be
    /// brought up to date by replaying the ones after it.
    bool canReplay(const std::optional<std::string>& epoch, std::uint64_t seq) const;
    /// After a login or resume: sends `ack` to the link, then, with
    /// `replayAfter`, the events after that number that it may see, in
    /// order. From here on the link receives events, none twice.
    void startEvents(LinkState& state, LinkPeer& peer, std::string ack,
                     std::optional<std::uint64_t> replayAfter);

private:
    struct Event
    {
        std::uint64_t seq = 0;
        Audience audience;
        std::shared_ptr<const std::string> frame;
    };
    static bool mayReceive(const LinkState& state, const Audience& audience);
    static void deliver(LinkState& state, LinkPeer& peer, const Event& event);

    std::string m_epoch;
    std::uint64_t m_seq = 0;
    std::size_t m_replayEvents;
    std::deque<Event> m_events;
    std::unordered_map<const LinkPeer*, LinkState> m_links;
};

} // namespace warmline::telephony
