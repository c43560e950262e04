#include "telephony/media/G711.h"
#include "telephony/media/Rtp.h"
#include "telephony/media/Wav.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>

using namespace warmline;

TEST_CASE("G.711 encodes silence and full scale to the standard codes")
{
    CHECK(linearToMuLaw(0) == 0xFF);
    CHECK(linearToALaw(0) == 0xD5);
    CHECK(linearToMuLaw(32767) == 0x80);
    CHECK(linearToMuLaw(-32768) == 0x00);
    CHECK(linearToALaw(32767) == 0xAA);
    CHECK(linearToALaw(-32768) == 0x2A);
}

TEST_CASE("G.711 round trips stay within the quantisation step")
{
    for (int v = -32768; v <= 32767; v += 7) {
        const auto s = static_cast<std::int16_t>(v);
        const int mu = muLawToLinear(linearToMuLaw(s));
        const int a = aLawToLinear(linearToALaw(s));
        // The step grows with the magnitude: at most 1/16 of it, plus a floor.
        const int tolerance = std::max(16, std::abs(v) / 16);
        INFO("sample " << v);
        REQUIRE(std::abs(mu - v) <= tolerance + 128);
        REQUIRE(std::abs(a - v) <= tolerance + 64);
    }
}

TEST_CASE("G.711 transcoding between the laws keeps the sound")
{
    std::vector<std::int16_t> tone;
    for (int i = 0; i < 160; ++i) {
        tone.push_back(static_cast<std::int16_t>(8000 * std::sin(i * 2 * M_PI * 440 / 8000)));
    }
    auto payload = encodeG711(tone, G711Law::MuLaw);
    transcodeG711(payload, G711Law::MuLaw, G711Law::ALaw);
    for (std::size_t i = 0; i < tone.size(); ++i) {
        REQUIRE(std::abs(aLawToLinear(payload[i]) - tone[i]) <= 600);
    }
    const auto before = payload;
    transcodeG711(payload, G711Law::ALaw, G711Law::ALaw);
    CHECK(payload == before);
}

TEST_CASE("WAV files: 16-bit mono 8 kHz is read, anything else is refused with a reason")
{
    const std::vector<std::int16_t> samples{0, 1000, -1000, 32767, -32768};
    CHECK(parseWav(makeWav(samples)) == samples);

    std::string stereo = makeWav(samples);
    stereo[22] = 2;
    CHECK_THROWS_WITH(parseWav(stereo), Catch::Contains("mono"));
    std::string rate = makeWav(samples);
    rate[24] = 0x44;
    rate[25] = static_cast<char>(0xAC);
    CHECK_THROWS_WITH(parseWav(rate), Catch::Contains("8000 Hz"));
    CHECK_THROWS_AS(parseWav("not a wav file at all"), WavError);
    CHECK_THROWS_AS(parseWav(makeWav({})), WavError);
    // A chunk claiming more bytes than the file has.
    std::string truncated = makeWav(samples).substr(0, 30);
    CHECK_THROWS_AS(parseWav(truncated), WavError);
}

TEST_CASE("RTP packets are built and parsed back")
{
    RtpHeader h;
    h.marker = true;
    h.payloadType = 8;
    h.sequence = 65535;
    h.timestamp = 0xDEADBEEF;
    h.ssrc = 0x01020304;
    const std::vector<std::uint8_t> payload(160, 0xD5);
    const auto packet = buildRtp(h, payload);
    REQUIRE(packet.size() == 172);
    const auto v = parseRtp(packet);
    REQUIRE(v);
    CHECK(v->header.marker);
    CHECK(v->header.payloadType == 8);
    CHECK(v->header.sequence == 65535);
    CHECK(v->header.timestamp == 0xDEADBEEF);
    CHECK(v->header.ssrc == 0x01020304);
    CHECK(v->payloadOffset == 12);
    CHECK(v->payloadSize == 160);
}

TEST_CASE("RTP parsing skips CSRCs, extensions and padding, and refuses junk")
{
    // Version 2, padding, extension, one CSRC.
    std::vector<std::uint8_t> p = {0xB1, 0x00, 0,    1, 0, 0, 0, 1, 0, 0,    0,    2, 9, 9, 9,
                                   9,    0xBE, 0xDE, 0, 1, 7, 7, 7, 7, 0xAA, 0xBB, 0, 0, 3};
    const auto v = parseRtp(p);
    REQUIRE(v);
    CHECK(v->payloadOffset == 24);
    CHECK(v->payloadSize == 2);
    CHECK_FALSE(parseRtp(std::vector<std::uint8_t>{0x80, 0, 0}));
    CHECK_FALSE(parseRtp(std::vector<std::uint8_t>(12, 0)));         // version 0
    CHECK_FALSE(parseRtp(std::vector<std::uint8_t>{0x80, 0xC8, 0, 6, // an RTCP sender report
                                                   0, 0, 0, 0, 0, 0, 0, 0}));
    std::vector<std::uint8_t> badPadding = {0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 50};
    CHECK_FALSE(parseRtp(badPadding));
}

TEST_CASE("RFC 4733 events give one key press per event, however often repeated")
{
    DtmfDetector d;
    const std::vector<std::uint8_t> two = {2, 0x0A, 0x00, 0xA0};
    const std::vector<std::uint8_t> twoEnd = {2, 0x8A, 0x03, 0x20};
    CHECK(d.onPacket(1000, two) == '2');
    CHECK_FALSE(d.onPacket(1000, two));
    CHECK_FALSE(d.onPacket(1000, twoEnd));
    CHECK_FALSE(d.onPacket(1000, twoEnd));
    const std::vector<std::uint8_t> star = {10, 0x0A, 0x00, 0xA0};
    CHECK(d.onPacket(5000, star) == '*');
    CHECK(d.onPacket(9000, std::vector<std::uint8_t>{11, 0, 0, 0}) == '#');
    CHECK_FALSE(d.onPacket(12000, std::vector<std::uint8_t>{2, 0}));        // too short
    CHECK_FALSE(d.onPacket(13000, std::vector<std::uint8_t>{70, 0, 0, 0})); // not a key
    const auto e = parseTelephoneEvent(twoEnd);
    REQUIRE(e);
    CHECK(e->end);
    CHECK(e->volume == 10);
    CHECK(e->duration == 800);
}

TEST_CASE("pacing is computed from the start, so lateness never accumulates")
{
    RtpPacing p;
    p.start = std::chrono::steady_clock::time_point(std::chrono::seconds(100));
    p.timestampBase = 0xFFFFFF00u;
    CHECK(p.dueTime(0) == p.start);
    CHECK(p.dueTime(50) == p.start + std::chrono::seconds(1));
    CHECK(p.timestampOf(1) == 0xFFFFFFA0u);
    CHECK(p.timestampOf(2) == 0x40u); // wraps as RTP timestamps do
    CHECK(p.packetsDueBy(p.start - std::chrono::milliseconds(5)) == 0);
    CHECK(p.packetsDueBy(p.start + std::chrono::milliseconds(39)) == 1);
    CHECK(p.packetsDueBy(p.start + std::chrono::milliseconds(1000)) == 50);
}
