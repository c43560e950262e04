#include "telephony/media/AudioMix.h"

#include <catch2/catch.hpp>

using namespace warmline;

namespace {
MixFrame constant(std::int16_t v)
{
    return MixFrame(kMixFrameSamples, v);
}
} // namespace

TEST_CASE("each leg hears the sum of the other two, not itself")
{
    std::vector<std::optional<MixFrame>> frames{constant(1000), constant(200), constant(-30)};
    const auto toCaller = mixForLeg(frames, 0);
    const auto toOperator = mixForLeg(frames, 1);
    const auto toCrisis = mixForLeg(frames, 2);
    REQUIRE(toCaller);
    REQUIRE(toOperator);
    REQUIRE(toCrisis);
    CHECK(toCaller->size() == kMixFrameSamples);
    CHECK(toCaller->front() == 170);
    CHECK(toOperator->front() == 970);
    CHECK(toCrisis->back() == 1200);
}

TEST_CASE("mixing clips at the 16-bit limits instead of wrapping")
{
    std::vector<std::optional<MixFrame>> frames{std::nullopt, constant(30000), constant(20000)};
    CHECK(mixForLeg(frames, 0)->front() == 32767);
    frames = {std::nullopt, constant(-30000), constant(-20000)};
    CHECK(mixForLeg(frames, 0)->front() == -32768);
}

TEST_CASE("a leg that sent nothing counts as silence, and nothing at all means nothing to send")
{
    std::vector<std::optional<MixFrame>> frames{constant(500), std::nullopt, std::nullopt};
    CHECK_FALSE(mixForLeg(frames, 0));
    CHECK(mixForLeg(frames, 1)->front() == 500);
    CHECK(mixForLeg(frames, 2)->front() == 500);
    // A short frame is padded with silence to the longer one.
    frames = {MixFrame(80, 10), constant(5), std::nullopt};
    const auto mixed = mixForLeg(frames, 2);
    REQUIRE(mixed->size() == kMixFrameSamples);
    CHECK((*mixed)[0] == 15);
    CHECK((*mixed)[100] == 5);
}

TEST_CASE("decoding G.711 then mixing then encoding keeps each law's silence and sign")
{
    const std::vector<std::uint8_t> muSilence(kMixFrameSamples, linearToMuLaw(0));
    const std::vector<std::uint8_t> aLoud(kMixFrameSamples, linearToALaw(8000));
    std::vector<std::optional<MixFrame>> frames{decodeG711(muSilence, G711Law::MuLaw),
                                                decodeG711(aLoud, G711Law::ALaw), std::nullopt};
    const auto toCaller = mixForLeg(frames, 0);
    REQUIRE(toCaller);
    const int heard = toCaller->front();
    CHECK(heard > 7500);
    CHECK(heard < 8500);
    const auto encoded = encodeG711(*toCaller, G711Law::MuLaw);
    CHECK(std::abs(muLawToLinear(encoded.front()) - 8000) < 400);
}

TEST_CASE("a leg's queue keeps at most its depth, dropping the oldest")
{
    MixQueue q(3);
    CHECK_FALSE(q.pop());
    for (std::int16_t i = 1; i <= 5; ++i) {
        q.push(constant(i));
    }
    CHECK(q.size() == 3);
    CHECK(q.dropped() == 2);
    CHECK(q.pop()->front() == 3);
    CHECK(q.pop()->front() == 4);
    CHECK(q.pop()->front() == 5);
    CHECK_FALSE(q.pop());
}

TEST_CASE("a crisis line's call address becomes the SIP URI it is dialled at")
{
    const std::string trunk = "sip:{number}@192.0.2.10:5060";
    CHECK(crisisCallUri("sip:crisis@192.0.2.20:5080", "") == "sip:crisis@192.0.2.20:5080");
    CHECK(crisisCallUri(" sips:team@192.0.2.21 ", trunk) == "sips:team@192.0.2.21");
    CHECK(crisisCallUri("988", trunk) == "sip:988@192.0.2.10:5060");
    CHECK(crisisCallUri("+1 555-555-0123", trunk) == "sip:+15555550123@192.0.2.10:5060");
    CHECK(crisisCallUri("988", "").empty());            // a number needs the trunk
    CHECK(crisisCallUri("988", "sip:trunk@h").empty()); // and a template with {number}
    CHECK(crisisCallUri("call me", trunk).empty());
    CHECK(crisisCallUri("", trunk).empty());
    CHECK(crisisCallUri("5+5", trunk).empty());
}
