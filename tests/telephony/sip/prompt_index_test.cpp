// Which recorded sentence a caller waiting in the queue hears for their
// place in line and for a rough wait (CallService::announcePosition; the
// files are resources/audio/position/, written by scripts/make-audio).

#include "telephony/sip/CallService.h"

#include <catch2/catch.hpp>

using warmline::sip::positionPromptIndex;
using warmline::sip::waitPromptIndex;

TEST_CASE("a place in line picks its sentence, ten and more share one", "[sip][prompts]")
{
    CHECK(positionPromptIndex(1) == 0);
    CHECK(positionPromptIndex(9) == 8);
    CHECK(positionPromptIndex(10) == 9);
    CHECK(positionPromptIndex(250) == 9);
}

TEST_CASE("a rough wait picks the nearest five minutes up, and over an hour is its own",
          "[sip][prompts]")
{
    CHECK(waitPromptIndex(1) == 0); // about 5 minutes
    CHECK(waitPromptIndex(5) == 0);
    CHECK(waitPromptIndex(6) == 1);  // about 10
    CHECK(waitPromptIndex(15) == 2); // about 15
    CHECK(waitPromptIndex(60) == 11);
    CHECK(waitPromptIndex(65) == 12); // more than an hour
    CHECK(waitPromptIndex(180) == 12);
}
