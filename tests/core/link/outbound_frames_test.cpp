// The operator link's bounded write queue (core/link/OutboundFrames.h).

#include "core/link/OutboundFrames.h"

#include <catch2/catch.hpp>

using warmline::link::OutboundFrames;
using Push = OutboundFrames::Push;

namespace {
std::shared_ptr<const std::string> frame(const char* text)
{
    return std::make_shared<const std::string>(text);
}
} // namespace

TEST_CASE("frames are written one at a time, in order, by one writer")
{
    OutboundFrames q(8);
    CHECK(q.push(frame("a")) == Push::StartWriting);
    CHECK(q.push(frame("b")) == Push::Queued);
    auto f = q.next();
    REQUIRE(f);
    CHECK(*f == "a");
    CHECK(q.push(frame("c")) == Push::Queued); // while "a" is being written
    q.written(true);
    f = q.next();
    REQUIRE(f);
    CHECK(*f == "b");
    q.written(true);
    f = q.next();
    REQUIRE(f);
    CHECK(*f == "c");
    q.written(true);
    CHECK_FALSE(q.next()); // the writer stops
    CHECK_FALSE(q.writing());
    CHECK(q.push(frame("d")) == Push::StartWriting); // and a new one starts
}

TEST_CASE("a link that cannot keep up is closed, and a write finishing after that takes nothing")
{
    OutboundFrames q(2);
    CHECK(q.push(frame("a")) == Push::StartWriting);
    const auto writing = q.next();
    REQUIRE(writing);
    CHECK(q.push(frame("b")) == Push::Queued);
    // The write of "a" has completed but its writer has not resumed yet when
    // another frame comes: the bound is reached and the queue is closed.
    CHECK(q.push(frame("c")) == Push::Overflow);
    CHECK(q.closed());
    CHECK(q.size() == 0);
    // Now the writer resumes with a successful write: nothing to take off.
    q.written(true);
    CHECK(q.size() == 0);
    CHECK_FALSE(q.next());
    CHECK_FALSE(q.writing());
    CHECK(q.push(frame("d")) == Push::Closed);
    CHECK(*writing == "a"); // the frame being written stayed alive throughout
}

TEST_CASE("a failed write closes the queue")
{
    OutboundFrames q(4);
    CHECK(q.push(frame("a")) == Push::StartWriting);
    CHECK(q.push(frame("b")) == Push::Queued);
    REQUIRE(q.next());
    q.written(false);
    CHECK(q.closed());
    CHECK(q.size() == 0);
    CHECK_FALSE(q.next());
    CHECK(q.push(frame("c")) == Push::Closed);
}
