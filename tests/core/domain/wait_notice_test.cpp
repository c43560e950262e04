// The wait notice a texter still in the queue gets (line.wait_notice): its
// words in English and Spanish, always with the crisis lines, and the rough
// wait from the shift's pace of answers, given only when there is a pace.

#include "core/carriers/SmsSegments.h"
#include "core/domain/LineReplies.h"
#include "core/domain/ShiftFigures.h"

#include <catch2/catch.hpp>

using namespace warmline;

namespace {
constexpr long long kMinute = 60'000;
}

TEST_CASE("a rough wait comes from the pace of answers, rounded up to 5 minutes")
{
    // 6 answered in 30 min: one every 5 min.
    CHECK(roughWaitMinutes(1, 6, 30 * kMinute) == 5);
    CHECK(roughWaitMinutes(3, 6, 30 * kMinute) == 15);
    // 4 in 30 min: 7.5 min each; the 3rd waits 22.5 -> 25.
    CHECK(roughWaitMinutes(3, 4, 30 * kMinute) == 25);
    // Never under 5 minutes, however fast the shift.
    CHECK(roughWaitMinutes(1, 60, 30 * kMinute) == 5);
    // No pace, no figure: fewer than 2 answers, or past 3 hours.
    CHECK_FALSE(roughWaitMinutes(1, 0, 30 * kMinute));
    CHECK_FALSE(roughWaitMinutes(1, 1, 30 * kMinute));
    CHECK_FALSE(roughWaitMinutes(40, 2, 30 * kMinute));
    CHECK_FALSE(roughWaitMinutes(0, 6, 30 * kMinute));
}

TEST_CASE("the shift's pace counts each contact answered since a time once")
{
    ShiftStats stats;
    stats.recordAnswered(1, 10 * kMinute, 0);
    stats.recordAnswered(2, 20 * kMinute, 0);
    stats.recordAnswered(2, 25 * kMinute, 0); // taken again after a release
    stats.recordAnswered(3, 40 * kMinute, 0);
    CHECK(stats.answeredSince(0) == 3);
    CHECK(stats.answeredSince(15 * kMinute) == 2);
    CHECK(stats.answeredSince(41 * kMinute) == 0);
}

TEST_CASE("the wait notice says the place in line, a rough wait if any, and the crisis lines")
{
    const auto withWait = waitNoticeText("Warmline", 3, 15, false);
    CHECK(withWait.find("you are number 3 in line") != std::string::npos);
    CHECK(withWait.find("in about 15 minutes") != std::string::npos);
    CHECK(withWait.find("988") != std::string::npos);
    CHECK(withWait.find("741741") != std::string::npos);
    CHECK(withWait.find("911") != std::string::npos);
    // Plain GSM-7, so it costs the texter as little as possible.
    CHECK(countSegments(withWait).encoding == SmsEncoding::Gsm7);

    const auto noWait = waitNoticeText("Warmline", 1, std::nullopt, false);
    CHECK(noWait.find("number 1 in line") != std::string::npos);
    CHECK(noWait.find("as soon as") != std::string::npos);
    CHECK(noWait.find("minutes") == std::string::npos);

    const auto es = waitNoticeText("Warmline", 2, 10, true);
    CHECK(es.find("lugar 2 de la fila") != std::string::npos);
    CHECK(es.find("unos 10 minutos") != std::string::npos);
    CHECK(es.find("988") != std::string::npos);
    CHECK(es.find("AYUDA") != std::string::npos);
}
