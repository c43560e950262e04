#include "telephony/media/Sdp.h"

#include <catch2/catch.hpp>

using namespace warmline;

namespace {
const char* kOffer = "v=0\r\n"
                     "o=user1 53655765 2353687637 IN IP4 192.0.2.10\r\n"
                     "s=-\r\n"
                     "c=IN IP4 192.0.2.10\r\n"
                     "t=0 0\r\n"
                     "m=audio 6000 RTP/AVP 8 0 101\r\n"
                     "a=rtpmap:8 PCMA/8000\r\n"
                     "a=rtpmap:0 PCMU/8000\r\n"
                     "a=rtpmap:101 telephone-event/8000\r\n"
                     "a=fmtp:101 0-15\r\n";
}

TEST_CASE("an offer is read: address, port, formats in order, telephone events")
{
    const auto m = parseSdp(kOffer);
    REQUIRE(m);
    CHECK(m->address == "192.0.2.10");
    CHECK(m->port == 6000);
    CHECK(m->payloadTypes == std::vector<int>{8, 0, 101});
    CHECK(m->telephoneEventPt == 101);
    CHECK(m->sendsAudio);
}

TEST_CASE("the offerer's first G.711 format is chosen")
{
    const auto m = parseSdp(kOffer);
    REQUIRE(m);
    const auto c = chooseCodec(*m);
    REQUIRE(c);
    CHECK(c->payloadType == 8);
    CHECK(c->law == G711Law::ALaw);

    const auto mu = parseSdp("v=0\nc=IN IP4 192.0.2.1\nm=audio 4000 RTP/AVP 18 0\n");
    REQUIRE(mu);
    CHECK(chooseCodec(*mu)->law == G711Law::MuLaw);

    // A dynamic payload type named PCMU is PCMU too.
    const auto dyn = parseSdp("v=0\nc=IN IP4 192.0.2.1\nm=audio 4000 RTP/AVP 96\n"
                              "a=rtpmap:96 PCMU/8000\n");
    REQUIRE(dyn);
    CHECK(chooseCodec(*dyn)->payloadType == 96);

    const auto none = parseSdp("v=0\nc=IN IP4 192.0.2.1\nm=audio 4000 RTP/AVP 18 9\n");
    REQUIRE(none);
    CHECK_FALSE(chooseCodec(*none));
}

TEST_CASE("media-level c= wins, and no address, no version or no audio is no offer")
{
    const auto m = parseSdp("v=0\r\nc=IN IP4 192.0.2.1\r\nm=video 5000 RTP/AVP 31\r\n"
                            "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.99/127\r\n"
                            "a=inactive\r\n");
    REQUIRE(m);
    CHECK(m->address == "192.0.2.99");
    CHECK_FALSE(m->sendsAudio);
    CHECK_FALSE(parseSdp("m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\n"));
    CHECK_FALSE(parseSdp("v=0\r\nm=audio 4000 RTP/AVP 0\r\n"));
    CHECK_FALSE(parseSdp("v=0\r\nc=IN IP6 ::1\r\nm=audio 4000 RTP/AVP 0\r\n"));
    CHECK_FALSE(parseSdp("v=0\r\nc=IN IP4 192.0.2.1\r\nm=video 4000 RTP/AVP 31\r\n"));
    CHECK_FALSE(parseSdp("v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 99999 RTP/AVP 0\r\n"));
    CHECK_FALSE(parseSdp(""));
}

TEST_CASE("who sends and who listens: sendrecv, sendonly, recvonly, inactive, by media or session")
{
    const std::string head = "v=0\r\nc=IN IP4 192.0.2.1\r\n";
    const std::string audio = "m=audio 4000 RTP/AVP 0\r\n";
    struct Case
    {
        std::string sessionLevel, mediaLevel;
        bool sends, receives;
    };
    for (const auto& c :
         {Case{"", "", true, true}, Case{"", "a=sendrecv\r\n", true, true},
          Case{"", "a=sendonly\r\n", true, false}, Case{"", "a=recvonly\r\n", false, true},
          Case{"", "a=inactive\r\n", false, false}, Case{"a=sendonly\r\n", "", true, false},
          Case{"a=inactive\r\n", "", false, false},
          Case{"a=inactive\r\n", "a=sendrecv\r\n", true, true}}) {
        const auto m = parseSdp(head + c.sessionLevel + audio + c.mediaLevel);
        REQUIRE(m);
        INFO("session: " << c.sessionLevel << " media: " << c.mediaLevel);
        CHECK(m->sendsAudio == c.sends);
        CHECK(m->receivesAudio == c.receives);
    }
}

TEST_CASE("an answer mirrors the offer's direction, and its version rises only when it changes")
{
    const std::string head = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0\r\n";
    CHECK(answerDirection(*parseSdp(head)) == "sendrecv");
    CHECK(answerDirection(*parseSdp(head + "a=sendonly\r\n")) == "recvonly");
    CHECK(answerDirection(*parseSdp(head + "a=recvonly\r\n")) == "sendonly");
    CHECK(answerDirection(*parseSdp(head + "a=inactive\r\n")) == "inactive");
    CHECK(sdpStreamCount(head) == 1);
    CHECK(sdpStreamCount(head + "m=video 5000 RTP/AVP 31\r\n") == 2);

    SdpLocal local{"192.0.2.50", 20002, 7, 1};
    SdpChoice c;
    const auto build = [&](std::string_view direction) {
        return [&c, direction](const SdpLocal& l) { return buildSdpAnswer(l, c, direction); };
    };
    const std::string first = buildSdpAnswer(local, c);
    const std::string same = revisedDescription(local, first, build("sendrecv"));
    CHECK(same == first);
    CHECK(local.version == 1);
    const std::string held = revisedDescription(local, same, build("recvonly"));
    CHECK(local.version == 2);
    CHECK(held.find("o=warmline 7 2 IN IP4") != std::string::npos);
    CHECK(held.find("a=recvonly") != std::string::npos);
    const std::string back = revisedDescription(local, held, build("sendrecv"));
    CHECK(local.version == 3);
    CHECK(back.find("a=sendrecv") != std::string::npos);
}

TEST_CASE("the answer names the chosen codec and echoes telephone events")
{
    SdpLocal local{"192.0.2.50", 20002, 7, 1};
    SdpChoice c;
    c.payloadType = 0;
    c.law = G711Law::MuLaw;
    c.telephoneEventPt = 101;
    const auto answer = buildSdpAnswer(local, c);
    CHECK_THAT(answer, Catch::Contains("m=audio 20002 RTP/AVP 0 101\r\n"));
    CHECK_THAT(answer, Catch::Contains("a=rtpmap:0 PCMU/8000\r\n"));
    CHECK_THAT(answer, Catch::Contains("c=IN IP4 192.0.2.50\r\n"));
    const auto back = parseSdp(answer);
    REQUIRE(back);
    CHECK(back->port == 20002);
    CHECK(back->telephoneEventPt == 101);

    const auto offer = parseSdp(buildSdpOffer(local));
    REQUIRE(offer);
    CHECK(offer->payloadTypes == std::vector<int>{0, 8, 101});
}

TEST_CASE("the offer's profile is kept, and SRTP profiles are recognised")
{
    const auto plain = parseSdp(kOffer);
    REQUIRE(plain);
    CHECK(plain->profile == "RTP/AVP");
    CHECK_FALSE(isSecureProfile(*plain));
    for (const std::string p : {"RTP/SAVP", "RTP/SAVPF"}) {
        std::string body = kOffer;
        body.replace(body.find("RTP/AVP"), 7, p);
        const auto m = parseSdp(body);
        REQUIRE(m);
        CHECK(m->profile == p);
        CHECK(isSecureProfile(*m));
    }
    std::string feedback = kOffer;
    feedback.replace(feedback.find("RTP/AVP"), 7, "RTP/AVPF");
    CHECK_FALSE(isSecureProfile(*parseSdp(feedback)));
}

TEST_CASE("a=crypto lines of the audio stream are kept in order, and an SRTP answer names its key")
{
    const std::string body = "v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\n"
                             "t=0 0\r\na=crypto:9 SESSION_LEVEL inline:x\r\n"
                             "m=audio 4000 RTP/SAVP 0\r\n"
                             "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:first\r\n"
                             "a=CRYPTO:2 AES_CM_128_HMAC_SHA1_32 inline:second\r\n"
                             "m=video 5000 RTP/SAVP 96\r\n"
                             "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:video\r\n";
    const auto m = parseSdp(body);
    REQUIRE(m);
    CHECK(m->cryptos == std::vector<std::string>{"1 AES_CM_128_HMAC_SHA1_80 inline:first",
                                                 "2 AES_CM_128_HMAC_SHA1_32 inline:second"});
    SdpChoice c;
    c.profile = "RTP/SAVP";
    c.crypto = "2 AES_CM_128_HMAC_SHA1_32 inline:gateway";
    const auto answer = buildSdpAnswer(SdpLocal{"192.0.2.50", 20002, 7, 1}, c);
    CHECK_THAT(answer, Catch::Contains("m=audio 20002 RTP/SAVP 0\r\n"));
    CHECK_THAT(answer, Catch::Contains("a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:gateway\r\n"));
    // A plain answer has no key.
    CHECK_THAT(buildSdpAnswer(SdpLocal{"192.0.2.50", 20002, 7, 1}, SdpChoice{}),
               !Catch::Contains("crypto"));
}
