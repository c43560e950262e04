// Who hears whom on a call a shift lead monitors, with tones over real UDP
// sockets on 127.0.0.1: three phones (caller, operator, lead) each send a
// tone of their own (500, 1000, 2000 Hz) to the gateway's RTP sessions,
// the Conference mixes them with the masks CallService uses
// (hearsOnCall), and each phone's received audio is searched for each
// tone. The mode switches on the same conference, as during a call.

#include "telephony/media/Conference.h"
#include "telephony/media/G711.h"
#include "telephony/media/MediaThread.h"
#include "telephony/media/Rtp.h"
#include "telephony/sip/CallService.h"

#include <boost/asio/ip/udp.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <complex>
#include <numbers>

using namespace warmline;
using namespace warmline::sip;
namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

constexpr std::array<double, 3> kTone{500.0, 1000.0, 2000.0}; // caller, operator, lead
constexpr std::size_t kCaller = 0, kOperator = 1, kLead = 2;
constexpr double kAmplitude = 6000.0;

/// The amplitude of `hz` in one 20 ms frame (every tone here has a whole
/// number of cycles in 160 samples, so they do not leak into each other).
double amplitudeOf(std::span<const std::int16_t> frame, double hz)
{
    std::complex<double> sum;
    for (std::size_t n = 0; n < frame.size(); ++n) {
        sum += static_cast<double>(frame[n]) *
               std::polar(1.0, -2.0 * std::numbers::pi * hz * static_cast<double>(n) / 8000.0);
    }
    return 2.0 * std::abs(sum) / static_cast<double>(frame.size());
}

struct Phone
{
    explicit Phone(asio::io_context& ioc)
        : socket(ioc, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
    {
    }
    udp::socket socket;
    udp::endpoint gateway;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::array<std::uint8_t, 1500> buffer{};
    udp::endpoint from;
    std::array<double, 3> heard{}; ///< summed amplitude per tone
    std::size_t frames = 0;
    bool counting = false;

    void receive()
    {
        socket.async_receive_from(asio::buffer(buffer), from, [this](auto ec, std::size_t n) {
            if (ec) {
                return;
            }
            if (const auto p = parseRtp(std::span(buffer.data(), n)); p && counting) {
                const auto samples = decodeG711(
                    std::span(buffer.data() + p->payloadOffset, p->payloadSize), G711Law::MuLaw);
                for (std::size_t t = 0; t < kTone.size(); ++t) {
                    heard[t] += amplitudeOf(samples, kTone[t]);
                }
                ++frames;
            }
            receive();
        });
    }

    void send(double hz)
    {
        std::vector<std::int16_t> samples(160);
        for (std::size_t n = 0; n < samples.size(); ++n) {
            samples[n] =
                static_cast<std::int16_t>(kAmplitude * std::sin(2.0 * std::numbers::pi * hz *
                                                                static_cast<double>(n) / 8000.0));
        }
        RtpHeader h;
        h.payloadType = 0;
        h.sequence = sequence++;
        h.timestamp = timestamp;
        timestamp += 160;
        h.ssrc = 0x1234;
        const auto packet = buildRtp(h, encodeG711(samples, G711Law::MuLaw));
        socket.send_to(asio::buffer(packet), gateway);
    }

    double mean(std::size_t tone) const
    {
        return frames ? heard[tone] / static_cast<double>(frames) : 0;
    }
    void reset()
    {
        heard = {};
        frames = 0;
    }
};

struct Call
{
    /// `ownThread`: the sessions and the mixer on a media thread, as in the
    /// gateway; else everything on the test's one io_context.
    explicit Call(bool ownThread)
    {
        if (ownThread) {
            media = std::make_unique<MediaThread>();
        }
        auto& mediaIoc = media ? media->context() : ioc;
        for (std::size_t i = 0; i < 3; ++i) {
            phones.push_back(std::make_unique<Phone>(ioc));
            sessions.push_back(
                std::make_shared<RtpSession>(mediaIoc, ioc, "127.0.0.1", 0, counters));
            phones[i]->gateway =
                udp::endpoint(asio::ip::make_address("127.0.0.1"), sessions[i]->port());
            sessions[i]->setRemote(phones[i]->socket.local_endpoint(), 0, G711Law::MuLaw,
                                   std::nullopt);
            sessions[i]->start();
            phones[i]->receive();
        }
        conference = std::make_shared<Conference>(mediaIoc, ioc);
        for (std::size_t i = 0; i < 3; ++i) {
            conference->add(sessions[i], hearsOnCall(LeadMode::Listen, i, kOperator, kLead));
        }
        conference->start();
    }

    void setMode(LeadMode mode)
    {
        for (std::size_t i = 0; i < 3; ++i) {
            conference->setHears(i, hearsOnCall(mode, i, kOperator, kLead));
        }
    }

    /// Every phone sends its tone every 20 ms for `frames` frames; counts
    /// what arrives after the first 10 (the mix settling).
    void talk(int frames)
    {
        for (auto& p : phones) {
            p->reset();
            p->counting = false;
        }
        auto next = std::chrono::steady_clock::now();
        for (int f = 0; f < frames; ++f) {
            if (f == 10) {
                for (auto& p : phones) {
                    p->counting = true;
                }
            }
            for (std::size_t i = 0; i < 3; ++i) {
                phones[i]->send(kTone[i]);
            }
            next += std::chrono::milliseconds(20);
            // Runs the sessions, the mixer and the phones' receiving until
            // the next frame is due.
            ioc.run_until(next);
        }
    }

    /// Whether `phone` heard the tone of `other` (loud), or not at all.
    bool hears(std::size_t phone, std::size_t other) const
    {
        INFO("gateway sessions received "
             << sessions[0]->received() << "/" << sessions[1]->received() << "/"
             << sessions[2]->received() << ", sent mixed " << counters.packetsRelayed);
        INFO("phone " << phone << " tone " << kTone[other] << ": mean amplitude "
                      << phones[phone]->mean(other) << " over " << phones[phone]->frames
                      << " frames");
        REQUIRE(phones[phone]->frames >= 20);
        const double a = phones[phone]->mean(other);
        REQUIRE((a > kAmplitude * 0.5 || a < kAmplitude * 0.05));
        return a > kAmplitude * 0.5;
    }

    ~Call()
    {
        if (media) {
            media->stop();
        }
    }

    std::unique_ptr<MediaThread> media; ///< stopped first, destroyed last
    asio::io_context ioc;
    MediaCounters counters;
    std::vector<std::unique_ptr<Phone>> phones;
    std::vector<std::shared_ptr<RtpSession>> sessions;
    std::shared_ptr<Conference> conference;
};

} // namespace

TEST_CASE("listen, whisper and barge: each phone hears exactly the tones its mode allows",
          "[media][coaching]")
{
    const bool ownThread = GENERATE(false, true);
    INFO((ownThread ? "media on its own thread" : "one thread"));
    Call call(ownThread);

    // Listen: the lead hears both; nobody hears the lead.
    call.talk(60);
    CHECK(call.hears(kCaller, kOperator));
    CHECK_FALSE(call.hears(kCaller, kLead));
    CHECK(call.hears(kOperator, kCaller));
    CHECK_FALSE(call.hears(kOperator, kLead));
    CHECK(call.hears(kLead, kCaller));
    CHECK(call.hears(kLead, kOperator));

    // Whisper: the operator hears the lead, the caller still does not.
    call.setMode(LeadMode::Whisper);
    call.talk(60);
    CHECK_FALSE(call.hears(kCaller, kLead));
    CHECK(call.hears(kCaller, kOperator));
    CHECK(call.hears(kOperator, kLead));
    CHECK(call.hears(kOperator, kCaller));
    CHECK(call.hears(kLead, kCaller));

    // Barge: everyone hears everyone.
    call.setMode(LeadMode::Barge);
    call.talk(60);
    CHECK(call.hears(kCaller, kLead));
    CHECK(call.hears(kCaller, kOperator));
    CHECK(call.hears(kOperator, kLead));
    CHECK(call.hears(kLead, kOperator));

    // And back to listening.
    call.setMode(LeadMode::Listen);
    call.talk(60);
    CHECK_FALSE(call.hears(kCaller, kLead));
    CHECK_FALSE(call.hears(kOperator, kLead));
    CHECK(call.hears(kLead, kCaller));

    // No phone ever hears its own tone back.
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK_FALSE(call.hears(i, i));
    }
}

TEST_CASE("without a lead on the call, everyone hears everyone", "[media]")
{
    for (std::size_t leg = 0; leg < 4; ++leg) {
        CHECK(hearsOnCall(LeadMode::Listen, leg, 1, std::nullopt) == kHearsEveryone);
    }
    CHECK(hearsOnCall(LeadMode::Whisper, 0, 1, 2) == (kHearsEveryone & ~HearsMask{4}));
    CHECK(hearsOnCall(LeadMode::Whisper, 1, 1, 2) == kHearsEveryone);
}
