#pragma once

// One call leg's media: a UDP socket from the configured port range, a
// sender that plays prompts paced at 20 ms (the greeting once, then hold
// audio in a loop), a receiver that counts packets and reads RFC 4733 key
// presses, and a relay that forwards audio to the other leg's session
// (re-encoding between PCMU and PCMA).
//
// Threads: the session lives on a media io_context; its owner calls it from
// a control io_context (the gateway's). When the two differ (the gateway:
// media has a thread of its own, MediaThread), every call is posted to the
// media thread in the order made, and onKey is posted back to the control
// thread. When they are the same context, calls run at once, as on one
// thread. Everything the owner reads (port, receivesKeys, the counts) is safe
// from the control thread.

#include "telephony/media/G711.h"
#include "telephony/media/Rtp.h"
#include "telephony/media/RtpLatch.h"
#include "telephony/media/Srtp.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <vector>

namespace warmline::sip {

/// An audio prompt encoded once in both laws.
struct Prompt
{
    std::vector<std::uint8_t> muLaw;
    std::vector<std::uint8_t> aLaw;
    static std::shared_ptr<const Prompt> fromSamples(const std::vector<std::int16_t>& samples);
    const std::vector<std::uint8_t>& encoded(G711Law law) const
    {
        return law == G711Law::MuLaw ? muLaw : aLaw;
    }
};

/// Even RTP ports of a range, handed out and back.
class RtpPortPool
{
public:
    RtpPortPool(std::uint16_t min, std::uint16_t max);
    std::optional<std::uint16_t> take();
    void give(std::uint16_t port);
    std::size_t available() const { return m_free.size(); }

private:
    std::set<std::uint16_t> m_free;
};

/// Media counters of the whole gateway, for /metrics and the benchmarks.
struct MediaCounters
{
    std::atomic<std::uint64_t> packetsReceived{0};
    std::atomic<std::uint64_t> packetsSent{0};    ///< prompts
    std::atomic<std::uint64_t> packetsRelayed{0}; ///< forwarded to the other leg
    std::atomic<std::uint64_t> packetsForeign{0}; ///< dropped: not from the leg's peer
    std::atomic<std::uint64_t> srtpRejected{0};   ///< dropped: failed SRTP's check
    std::atomic<std::uint64_t> dtmfKeys{0};
    std::atomic<std::uint64_t> relayedToCaller{0};
    std::atomic<std::uint64_t> relayedToOperator{0};
    std::atomic<std::uint64_t> relayedToCrisisLine{0};
    std::atomic<std::uint64_t> relayedToInterpreter{0};
    std::atomic<std::uint64_t> relayedToLead{0};
    std::atomic<std::uint64_t> relayedToPartner{0};
};

class RtpSession : public std::enable_shared_from_this<RtpSession>
{
public:
    /// Binds `address:port`; throws boost::system::system_error. Media and
    /// control on `ioc`, one thread.
    RtpSession(boost::asio::io_context& ioc, const std::string& address, std::uint16_t port,
               MediaCounters& counters);
    /// Media on `media`'s thread, called from `control`'s.
    RtpSession(boost::asio::io_context& media, boost::asio::io_context& control,
               const std::string& address, std::uint16_t port, MediaCounters& counters);
    ~RtpSession();

    std::uint16_t port() const { return m_port; }
    /// Whether the far end's key presses arrive as RFC 4733 events (its SDP).
    bool receivesKeys() const { return m_controlReceivesKeys; }
    /// Where to send, and in which format (from the peer's SDP).
    void setRemote(const boost::asio::ip::udp::endpoint& remote, int payloadType, G711Law law,
                   std::optional<int> telephoneEventPt);
    /// Plays `first` once, then `loop` until stopped or relaying.
    void play(std::shared_ptr<const Prompt> first, std::shared_ptr<const Prompt> loop);
    /// SRTP from now on: packets received are checked and decrypted with
    /// `received` (the peer's key), and dropped (counted) when they fail;
    /// packets sent are protected with `sent` (the gateway's). Only
    /// authenticated packets move the latch, so the peer's address is
    /// learnt from its first one. Throws std::runtime_error if libsrtp
    /// cannot make a context.
    void useSrtp(const SdesCrypto& received, const SdesCrypto& sent);
    /// The peer's new key (a re-INVITE): only the received side changes.
    /// The sending context is never made again with the same key, which
    /// would restart its packet index and reuse key stream. Packets under
    /// the previous key are still taken until the first one under the new
    /// key arrives (the peer switches once it has the answer, and keeps the
    /// old key if the answer never reaches it).
    void rekeySrtpReceived(const SdesCrypto& received);
    /// Whether useSrtp was called (control thread).
    bool encrypted() const { return m_controlEncrypted; }
    /// Stops prompts and forwards received audio to `other` (and nothing when null).
    void relayTo(const std::shared_ptr<RtpSession>& other);
    /// Stops prompts and relaying and hands each received audio payload to
    /// `sink` (a three-way mix); relayTo or play end it. Only on the media
    /// thread (Conference calls it there).
    using AudioSink = std::function<void(std::span<const std::uint8_t> payload, G711Law law)>;
    void mixWith(AudioSink sink);
    /// Sends one frame of linear audio (the mix), encoded in this leg's law;
    /// `framesSkipped` frames went unsent before it (silence): the timestamp
    /// moves past them and the marker bit starts the new talkspurt. Only on
    /// the media thread (the mixer's tick).
    void sendMixed(std::span<const std::int16_t> samples, std::uint64_t framesSkipped = 0);
    void start();
    /// Closes the socket; then calls `closed` (if any) on the control thread,
    /// when the port is free again.
    void close(std::function<void()> closed = nullptr);

    /// Called on the control thread.
    std::function<void(char key)> onKey;
    /// Also counts packets relayed out of this session here (per direction).
    void countRelayedIn(std::atomic<std::uint64_t>* counter);
    std::uint64_t received() const { return m_received; }
    /// When the peer was last heard: its last packet that was taken (an
    /// SRTP leg's authenticated, any leg's from its latched address), or
    /// the last heardNow(), whichever is later. Any thread.
    std::chrono::steady_clock::time_point lastHeard() const
    {
        return std::chrono::steady_clock::time_point(
            std::chrono::steady_clock::duration(m_lastHeard.load(std::memory_order_relaxed)));
    }
    /// Counts the peer as heard now (its leg has just been answered).
    void heardNow()
    {
        m_lastHeard.store(std::chrono::steady_clock::now().time_since_epoch().count(),
                          std::memory_order_relaxed);
    }
    std::uint64_t relayed() const { return m_relayed; }
    /// The io_context the session's socket and timers run on.
    boost::asio::io_context& mediaContext() { return m_mediaIoc; }

private:
    /// Runs `f` on the media thread: at once when media and control share
    /// one context, else posted (keeping this session alive until it ran).
    template <typename F> void onMedia(F&& f);
    void playNow(std::shared_ptr<const Prompt> first, std::shared_ptr<const Prompt> loop);
    void closeNow();
    void keyPressed(char key);
    void receive();
    /// Checks and decrypts the `n` bytes in m_buffer (SRTP legs): the plain
    /// length, or nullopt.
    std::optional<std::size_t> unprotect(std::size_t n);
    void tick();
    void sendAudio(std::span<const std::uint8_t> payload, G711Law law, bool fromRelay,
                   std::uint32_t sourceTimestamp, bool mixed = false);

    boost::asio::io_context& m_mediaIoc;
    boost::asio::io_context& m_controlIoc;
    bool m_ownThread = false; ///< media and control on different contexts
    bool m_controlReceivesKeys = false;
    bool m_controlClosed = false;    ///< close() was called (control thread)
    bool m_controlEncrypted = false; ///< useSrtp was called (control thread)
    boost::asio::ip::udp::socket m_socket;
    boost::asio::steady_timer m_timer;
    MediaCounters& m_counters;
    std::uint16_t m_port = 0;
    RtpLatch m_latch; ///< who is heard, and where to send
    int m_payloadType = 0;
    G711Law m_law = G711Law::MuLaw;
    std::optional<int> m_telephoneEventPt;
    std::shared_ptr<const Prompt> m_first;
    std::shared_ptr<const Prompt> m_loop;
    bool m_inLoop = false;
    std::size_t m_offset = 0;
    RtpPacing m_pacing;
    std::uint64_t m_nextPacket = 0;
    bool m_playing = false;
    std::weak_ptr<RtpSession> m_relayTarget;
    AudioSink m_mixSink;
    std::vector<std::uint8_t> m_mixOut;
    std::uint16_t m_sequence = 0;
    std::uint32_t m_ssrc = 0;
    std::uint32_t m_lastTimestamp = 0;
    std::optional<std::int64_t> m_relayOffset; ///< timestamp shift of relayed packets
    bool m_markNext = true;
    DtmfDetector m_dtmf;
    std::atomic<std::uint64_t> m_received{0};
    std::atomic<std::uint64_t> m_relayed{0};
    std::atomic<std::chrono::steady_clock::rep> m_lastHeard{
        std::chrono::steady_clock::now().time_since_epoch().count()};
    bool m_closed = false;
    std::atomic<std::uint64_t>* m_relayCounter = nullptr;
    boost::asio::ip::udp::endpoint m_from;
    // Aligned: libsrtp reads packets as 32-bit words.
    alignas(8) std::array<std::uint8_t, 2048> m_buffer{};
    std::vector<std::uint8_t> m_out;
    std::shared_ptr<SrtpContext> m_srtpIn;         ///< media thread; null: plain RTP
    std::shared_ptr<SrtpContext> m_srtpOut;        ///< media thread
    std::shared_ptr<SrtpContext> m_srtpInPrevious; ///< media thread; until the new key is used
    alignas(8) std::array<std::uint8_t, 2048> m_spare{}; ///< a packet kept for a second try
};

} // namespace warmline::sip
