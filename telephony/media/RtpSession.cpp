#include "telephony/media/RtpSession.h"

#include <boost/asio/post.hpp>
#include <sodium.h>

namespace asio = boost::asio;
using asio::ip::udp;

namespace warmline::sip {

std::shared_ptr<const Prompt> Prompt::fromSamples(const std::vector<std::int16_t>& samples)
{
    auto p = std::make_shared<Prompt>();
    p->muLaw = encodeG711(samples, G711Law::MuLaw);
    p->aLaw = encodeG711(samples, G711Law::ALaw);
    // Whole packets only, so a loop never sends a short one.
    const std::size_t whole = std::max<std::size_t>(
        kSamplesPerPacket, p->muLaw.size() / kSamplesPerPacket * kSamplesPerPacket);
    p->muLaw.resize(whole, linearToMuLaw(0));
    p->aLaw.resize(whole, linearToALaw(0));
    return p;
}

RtpPortPool::RtpPortPool(std::uint16_t min, std::uint16_t max)
{
    for (std::uint32_t p = min + (min % 2); p + 1 <= max; p += 2) {
        m_free.insert(static_cast<std::uint16_t>(p));
    }
}

std::optional<std::uint16_t> RtpPortPool::take()
{
    if (m_free.empty()) {
        return std::nullopt;
    }
    const auto p = *m_free.begin();
    m_free.erase(m_free.begin());
    return p;
}

void RtpPortPool::give(std::uint16_t port)
{
    m_free.insert(port);
}

RtpSession::RtpSession(asio::io_context& ioc, const std::string& address, std::uint16_t port,
                       MediaCounters& counters)
    : RtpSession(ioc, ioc, address, port, counters)
{
}

RtpSession::RtpSession(asio::io_context& media, asio::io_context& control,
                       const std::string& address, std::uint16_t port, MediaCounters& counters)
    : m_mediaIoc(media), m_controlIoc(control), m_ownThread(&media != &control), m_socket(media),
      m_timer(media), m_counters(counters), m_port(port)
{
    const udp::endpoint local(asio::ip::make_address(address), port);
    m_socket.open(local.protocol());
    m_socket.bind(local);
    m_port = m_socket.local_endpoint().port();
    m_ssrc = randombytes_random();
    m_sequence = static_cast<std::uint16_t>(randombytes_random());
    m_lastTimestamp = randombytes_random();
}

RtpSession::~RtpSession()
{
    // The last owner is gone, so no other thread holds the session.
    closeNow();
}

template <typename F> void RtpSession::onMedia(F&& f)
{
    if (!m_ownThread) {
        f();
        return;
    }
    asio::post(m_mediaIoc, [self = shared_from_this(), f = std::forward<F>(f)]() mutable { f(); });
}

void RtpSession::setRemote(const udp::endpoint& remote, int payloadType, G711Law law,
                           std::optional<int> telephoneEventPt)
{
    m_controlReceivesKeys = telephoneEventPt.has_value();
    onMedia([this, remote, payloadType, law, telephoneEventPt] {
        m_latch.reset(remote);
        m_payloadType = payloadType;
        m_law = law;
        m_telephoneEventPt = telephoneEventPt;
    });
}

void RtpSession::useSrtp(const SdesCrypto& received, const SdesCrypto& sent)
{
    auto in = std::make_shared<SrtpContext>(received, SrtpContext::Direction::Inbound);
    auto out = std::make_shared<SrtpContext>(sent, SrtpContext::Direction::Outbound);
    m_controlEncrypted = true;
    onMedia([this, in = std::move(in), out = std::move(out)]() mutable {
        m_srtpIn = std::move(in);
        m_srtpOut = std::move(out);
    });
}

void RtpSession::rekeySrtpReceived(const SdesCrypto& received)
{
    auto in = std::make_shared<SrtpContext>(received, SrtpContext::Direction::Inbound);
    onMedia([this, in = std::move(in)]() mutable {
        // A second rekey before the first new key was used: the peer is
        // still on the key before both, so that one stays the fallback.
        if (!m_srtpInPrevious) {
            m_srtpInPrevious = std::move(m_srtpIn);
        }
        m_srtpIn = std::move(in);
    });
}

void RtpSession::countRelayedIn(std::atomic<std::uint64_t>* counter)
{
    onMedia([this, counter] { m_relayCounter = counter; });
}

void RtpSession::start()
{
    onMedia([this] { receive(); });
}

void RtpSession::close(std::function<void()> closed)
{
    m_controlClosed = true;
    if (!m_ownThread) {
        closeNow();
        if (closed) {
            closed();
        }
        return;
    }
    onMedia([this, closed = std::move(closed)]() mutable {
        closeNow();
        if (closed) {
            asio::post(m_controlIoc, std::move(closed));
        }
    });
}

void RtpSession::keyPressed(char key)
{
    if (!m_ownThread) {
        if (onKey) {
            onKey(key);
        }
        return;
    }
    // Weak: a key still queued on the control thread when the gateway stops
    // must not keep the session (and its socket) past the media io_context.
    // A key decoded just before a close that has already been asked for is
    // dropped, as it would have been on one thread.
    asio::post(m_controlIoc, [weak = weak_from_this(), key] {
        if (auto self = weak.lock(); self && !self->m_controlClosed && self->onKey) {
            self->onKey(key);
        }
    });
}

void RtpSession::closeNow()
{
    if (m_closed) {
        return;
    }
    m_closed = true;
    m_playing = false;
    boost::system::error_code ec;
    m_timer.cancel();
    m_socket.close(ec);
}

void RtpSession::play(std::shared_ptr<const Prompt> first, std::shared_ptr<const Prompt> loop)
{
    onMedia([this, first = std::move(first), loop = std::move(loop)]() mutable {
        playNow(std::move(first), std::move(loop));
    });
}

void RtpSession::playNow(std::shared_ptr<const Prompt> first, std::shared_ptr<const Prompt> loop)
{
    m_first = std::move(first);
    m_loop = std::move(loop);
    m_inLoop = !m_first;
    m_offset = 0;
    m_relayTarget.reset();
    m_mixSink = nullptr;
    m_playing = true;
    m_markNext = true;
    m_pacing.start = std::chrono::steady_clock::now();
    m_pacing.timestampBase = m_lastTimestamp + kSamplesPerPacket;
    m_nextPacket = 0;
    tick();
}

void RtpSession::relayTo(const std::shared_ptr<RtpSession>& other)
{
    onMedia([this, other = std::weak_ptr<RtpSession>(other)] {
        m_playing = false;
        m_timer.cancel();
        m_relayTarget = other;
        m_mixSink = nullptr;
        m_relayOffset.reset();
    });
}

void RtpSession::mixWith(AudioSink sink)
{
    m_playing = false;
    m_timer.cancel();
    m_relayTarget.reset();
    m_mixSink = std::move(sink);
    m_markNext = true;
}

void RtpSession::sendMixed(std::span<const std::int16_t> samples, std::uint64_t framesSkipped)
{
    if (framesSkipped > 0) {
        m_lastTimestamp += static_cast<std::uint32_t>(framesSkipped * kSamplesPerPacket);
        m_markNext = true;
    }
    m_mixOut.resize(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        m_mixOut[i] =
            m_law == G711Law::MuLaw ? linearToMuLaw(samples[i]) : linearToALaw(samples[i]);
    }
    // The mix has a clock of its own: timestamps go on from the last packet sent.
    m_lastTimestamp += kSamplesPerPacket;
    m_relayOffset.reset();
    sendAudio(m_mixOut, m_law, false, 0, true);
}

void RtpSession::tick()
{
    if (!m_playing || m_closed) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    // Packets due by now; after a long stall, skip ahead rather than burst.
    const std::uint64_t due = m_pacing.packetsDueBy(now) + 1;
    if (due > m_nextPacket + 5) {
        m_nextPacket = due - 1;
    }
    while (m_nextPacket < due) {
        const Prompt* prompt = m_inLoop ? m_loop.get() : m_first.get();
        if (prompt == nullptr) {
            m_playing = false;
            return;
        }
        const auto& audio = prompt->encoded(m_law);
        if (m_offset + kSamplesPerPacket > audio.size()) {
            m_offset = 0;
            if (!m_inLoop) {
                m_inLoop = true;
                continue;
            }
        }
        m_lastTimestamp = m_pacing.timestampOf(m_nextPacket);
        sendAudio(std::span<const std::uint8_t>(audio).subspan(m_offset, kSamplesPerPacket), m_law,
                  false, 0);
        m_offset += kSamplesPerPacket;
        ++m_nextPacket;
    }
    m_timer.expires_at(m_pacing.dueTime(m_nextPacket));
    m_timer.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        if (auto self = weak.lock(); self && !ec) {
            self->tick();
        }
    });
}

void RtpSession::sendAudio(std::span<const std::uint8_t> payload, G711Law law, bool fromRelay,
                           std::uint32_t sourceTimestamp, bool mixed)
{
    const auto remote = m_latch.sendTo();
    if (!remote || m_closed) {
        return;
    }
    RtpHeader h;
    h.payloadType = static_cast<std::uint8_t>(m_payloadType);
    h.sequence = m_sequence++;
    h.ssrc = m_ssrc;
    h.marker = m_markNext;
    m_markNext = false;
    if (fromRelay) {
        if (!m_relayOffset) {
            m_relayOffset = static_cast<std::int64_t>(m_lastTimestamp) + kSamplesPerPacket -
                            static_cast<std::int64_t>(sourceTimestamp);
            h.marker = true;
        }
        h.timestamp =
            static_cast<std::uint32_t>(static_cast<std::int64_t>(sourceTimestamp) + *m_relayOffset);
        m_lastTimestamp = h.timestamp;
    } else {
        h.timestamp = m_lastTimestamp;
    }
    std::size_t length = kRtpHeaderBytes + payload.size();
    m_out.resize(length + (m_srtpOut ? SrtpContext::kMaxTrailer : 0));
    writeRtpHeader(h, m_out);
    std::copy(payload.begin(), payload.end(), m_out.begin() + kRtpHeaderBytes);
    if (law != m_law) {
        transcodeG711(std::span<std::uint8_t>(m_out).subspan(kRtpHeaderBytes, payload.size()), law,
                      m_law);
    }
    if (m_srtpOut) {
        const auto protectedLength = m_srtpOut->protect(m_out.data(), length, m_out.size());
        if (!protectedLength) {
            return; // never sent in the clear
        }
        length = *protectedLength;
    }
    boost::system::error_code ec;
    m_socket.send_to(asio::buffer(m_out.data(), length), *remote, 0, ec);
    if (!ec) {
        (fromRelay || mixed ? m_counters.packetsRelayed : m_counters.packetsSent)++;
        if (fromRelay || mixed) {
            ++m_relayed;
            if (m_relayCounter != nullptr) {
                ++*m_relayCounter;
            }
        }
    }
}

std::optional<std::size_t> RtpSession::unprotect(std::size_t n)
{
    if (!m_srtpInPrevious) {
        return m_srtpIn->unprotect(m_buffer.data(), n);
    }
    // Just after a rekey: the new key first, then the one before it, on a
    // copy (a failed check may have touched the packet).
    std::copy_n(m_buffer.begin(), n, m_spare.begin());
    if (const auto plain = m_srtpIn->unprotect(m_buffer.data(), n)) {
        m_srtpInPrevious.reset(); // the peer has switched
        return plain;
    }
    std::copy_n(m_spare.begin(), n, m_buffer.begin());
    return m_srtpInPrevious->unprotect(m_buffer.data(), n);
}

void RtpSession::receive()
{
    m_socket.async_receive_from(
        asio::buffer(m_buffer), m_from,
        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
            if (self->m_closed || ec == asio::error::operation_aborted) {
                return;
            }
            if (!ec && self->m_srtpIn) {
                // Checked before anything else: a packet that fails is
                // nobody's, and moves nothing (the latch included).
                if (const auto plain = self->unprotect(n)) {
                    n = *plain;
                } else {
                    self->m_counters.srtpRejected++;
                    self->receive();
                    return;
                }
            }
            if (!ec) {
                const auto packet = std::span<const std::uint8_t>(self->m_buffer.data(), n);
                const auto v = parseRtp(packet);
                // Symmetric RTP, strictly: answer where the peer's packets
                // come from (it may sit behind NAT), and take nobody else's
                // (RtpLatch, decision 146).
                // On an SRTP leg the packet was authenticated above.
                bool taken = true;
                if (v && self->m_srtpIn) {
                    self->m_latch.takeAuthenticated(self->m_from);
                } else if (v) {
                    taken = self->m_latch.take(self->m_from, v->header.sequence);
                }
                if (v && !taken) {
                    self->m_counters.packetsForeign++;
                } else if (v) {
                    self->m_received++;
                    self->m_counters.packetsReceived++;
                    self->heardNow();
                    const auto payload = packet.subspan(v->payloadOffset, v->payloadSize);
                    if (self->m_telephoneEventPt &&
                        v->header.payloadType == *self->m_telephoneEventPt) {
                        if (const auto key = self->m_dtmf.onPacket(v->header.timestamp, payload)) {
                            self->m_counters.dtmfKeys++;
                            self->keyPressed(*key);
                        }
                    } else if (v->header.payloadType == self->m_payloadType) {
                        if (self->m_mixSink) {
                            self->m_mixSink(payload, self->m_law);
                        } else if (auto target = self->m_relayTarget.lock()) {
                            target->sendAudio(payload, self->m_law, true, v->header.timestamp);
                        }
                    }
                }
            }
            self->receive();
        });
}

} // namespace warmline::sip
